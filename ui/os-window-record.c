/* os-window-record.c — "Record animation…": the player's animation (the
 * default one when none is set) of the four plots as shown (hidden series
 * and pins too), to a WebM,
 * MP4 or GIF at 1280 × 720 (plot/os-animate.h), as a job on the
 * scheduler's background lane. A bar above the bottom line shows its
 * progress with a Cancel button; the file is written whole at the end, so
 * Cancel leaves nothing behind. Frames are the theory's only: a simulated
 * network at every frame would take minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"
#include "os-animate.h"
#include "os-error.h"
#include "os-export.h"
#include "os-folders.h"
#include "os-scheduler.h"

#define RECORD_WIDTH  1280
#define RECORD_HEIGHT 720

typedef struct
{
  GWeakRef        window;      /* a closed window is not kept alive */
  OsSchedulerJob *job;
  OsParams        params;
  OsView          view;
  OsAnimation     animation;
  OsPlotKind      kind;
  OsPlotTheme     theme;
  OsVideoFormat   format;
  char           *path;
  OsFigure       *shown;       /* the hidden series and pins, as on screen */
  GError         *error;
  OsAnimateStats  stats;
  gboolean        written;
} RecordJob;

typedef struct
{
  GWeakRef *window;            /* the job's: deliveries come before its end */
  double    fraction;
  int       done, total;
} RecordProgress;

static void
record_job_free (gpointer data)
{
  RecordJob *job = data;

  g_weak_ref_clear (&job->window);
  g_clear_pointer (&job->shown, os_figure_unref);
  g_free (job->path);
  g_clear_error (&job->error);
  g_free (job);
}

/* main context */
static void
show_progress (gpointer data)
{
  RecordProgress *p = data;
  g_autoptr (OsWindow) window = g_weak_ref_get (p->window);
  OsLecture *L = window != NULL ? window->lecture : NULL;
  g_autofree char *base = NULL, *text = NULL;

  if (L == NULL || L->disposed)
    return;
  base = L->record_path != NULL ? g_path_get_basename (L->record_path) : g_strdup ("");
  text = g_strdup_printf ("Recording %s: %.0f %%", base, 100.0 * p->fraction);

  os_progress_set_fraction (L->record_progress, p->fraction);
  gtk_label_set_text (L->record_label, text);
}

static void
on_frame (int done, int total, gpointer data)
{
  RecordJob *job = data;
  RecordProgress *p = g_new (RecordProgress, 1);

  p->window = &job->window;
  p->done = done;
  p->total = total;
  p->fraction = (double) done / total;
  os_scheduler_job_deliver (job->job, show_progress, p, g_free);
}

/* background lane */
static void
record_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  RecordJob *job = data;
  g_autoptr (GBytes) bytes = NULL;
  gsize size;
  const void *bytes_data;

  job->job = scheduled;
  bytes = os_animate_record (&job->params, &job->view, &job->animation, job->kind, &job->theme, job->shown, job->format,
                             RECORD_WIDTH, RECORD_HEIGHT, cancellable, on_frame, job, &job->stats, &job->error);
  if (bytes == NULL || g_cancellable_is_cancelled (cancellable))
    return;
  bytes_data = g_bytes_get_data (bytes, &size);
  job->written = os_export_write_file (job->path, bytes_data, size, &job->error);
}

/* main context: the job ended */
static void
record_done (gpointer data)
{
  RecordJob *job = data;
  g_autoptr (OsWindow) self = g_weak_ref_get (&job->window);
  OsLecture *L = self != NULL ? self->lecture : NULL;

  if (L == NULL || L->disposed)
    return;   /* the window is gone or going */
  g_clear_object (&L->record_cancellable);
  gtk_revealer_set_reveal_child (L->record_bar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-record", FALSE);
  if (job->written)
    {
      g_autofree char *msg = g_strdup_printf ("Recorded %d frames (%.3g s) to %s in %.1f s", job->stats.frames,
                                              (double) job->stats.frames / job->animation.fps, job->path,
                                              job->stats.total_s);

      os_window_set_status_bar (self, msg, "Recorded", 1.0);
    }
  else if (job->error == NULL || g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    os_window_set_status_bar (self, "Recording cancelled: no file was written", "Cancelled", -1.0);
  else
    {
      g_autofree char *msg = g_strdup_printf ("Recording failed: %s", job->error->message);

      os_window_show_error (self, msg);
    }
  g_clear_pointer (&L->record_path, g_free);
}

gboolean
os_window_record (OsWindow *self, const char *path, GError **error)
{
  OsLecture *L;
  RecordJob *job;
  OsState state;

  g_return_val_if_fail (OS_IS_WINDOW (self) && path != NULL, FALSE);
  L = self->lecture;
  if (L->record_cancellable != NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "A recording is already running");
      return FALSE;
    }
  job = g_new0 (RecordJob, 1);
  if (!os_video_format_from_path (path, &job->format, error) || !os_video_check_encoder (job->format, error))
    {
      record_job_free (job);
      return FALSE;
    }
  os_window_get_view_state (self, &state);
  g_weak_ref_init (&job->window, self);
  job->path = g_strdup (path);
  job->params = state.params;
  os_state_to_view (&state, &job->view);
  job->view.simulate = FALSE;
  if (state.animate)
    job->animation = state.animation;
  else
    os_animation_init_default (&job->animation);
  job->kind = OS_PLOT_ALL;
  job->shown = self->figure != NULL ? os_window_view_shown (self, self->figure) : NULL;
  job->theme = *os_plot_view_get_theme (self->plot_error);
  L->record_path = g_strdup (path);
  L->record_cancellable = g_cancellable_new ();
  os_progress_set_fraction (L->record_progress, 0);
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *text = g_strdup_printf ("Recording %s…", base);

    gtk_label_set_text (L->record_label, text);
  }
  gtk_revealer_set_reveal_child (L->record_bar, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.record", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-record", TRUE);
  os_scheduler_run (OS_SCHEDULER_LANE_BACKGROUND, L->record_cancellable, G_PRIORITY_DEFAULT_IDLE, record_work,
                    record_done, job, record_job_free);
  return TRUE;
}

gboolean
os_window_is_recording (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  return self->lecture->record_cancellable != NULL;
}

void
os_window_cancel_recording (OsWindow *self)
{
  g_return_if_fail (OS_IS_WINDOW (self));
  if (self->lecture->record_cancellable != NULL)
    g_cancellable_cancel (self->lecture->record_cancellable);
}

void
os_window_record_dispose (OsWindow *self)
{
  OsLecture *L = self->lecture;

  if (L->record_cancellable != NULL)
    g_cancellable_cancel (L->record_cancellable);
  g_clear_object (&L->record_cancellable);
  g_clear_pointer (&L->record_path, g_free);
}

/* ---- the chooser ---------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *chooser, int response, gpointer data)
{
  g_autoptr (OsWindow) self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      if (path != NULL && !os_video_path_is_video (path))
        {
          const char *ext = os_window_chooser_extension (GTK_FILE_CHOOSER (chooser), ".webm");
          char *with_ext = g_strconcat (path, ext, NULL);

          g_free (path);
          path = with_ext;
        }
      if (path == NULL)
        os_window_show_error (self, "Recording failed: choose a local file");
      else
        {
          os_window_remember_folder (OS_FOLDER_EXPORTS, path);
          if (!os_window_record (self, path, &error))
            {
              g_autofree char *msg = g_strdup_printf ("Recording failed: %s", error->message);

              os_window_show_error (self, msg);
            }
        }
    }
  g_object_unref (chooser);
}

static void
action_record (GtkWidget *widget, const char *name, GVariant *parameter)
{
  OsWindow *self = OS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  OsAnimation a;
  g_autofree char *file_name = NULL;

  (void) name;
  (void) parameter;
  if (!os_window_get_animation (self, &a))
    os_animation_init_default (&a);
  chooser = gtk_file_chooser_native_new ("Record the animation", GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         "_Record", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "WebM video (.webm)", "*.webm", ".webm");
  os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "MP4 video (.mp4)", "*.mp4", ".mp4");
  os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "Animated GIF (.gif)", "*.gif", ".gif");
  os_window_chooser_set_start_folder (GTK_FILE_CHOOSER (chooser), OS_FOLDER_EXPORTS);
  file_name = g_strdup_printf ("one-step-%s.webm", os_param_info (a.param)->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_cancel_record (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_cancel_recording (OS_WINDOW (widget));
}

void
os_window_record_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.record", NULL, action_record);
  gtk_widget_class_install_action (widget_class, "win.cancel-record", NULL, action_cancel_record);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.record", NULL);
}

void
os_window_record_build (OsWindow *self)
{
  OsLecture *L = self->lecture;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_label ("Cancel");

  L->record_bar = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (L->record_bar, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_add_css_class (box, "record-bar");
  L->record_label = GTK_LABEL (gtk_label_new ("Recording…"));
  gtk_label_set_xalign (L->record_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (L->record_label), TRUE);
  L->record_progress = OS_PROGRESS (os_progress_new ());
  gtk_widget_set_size_request (GTK_WIDGET (L->record_progress), 240, -1);
  gtk_widget_set_valign (GTK_WIDGET (L->record_progress), GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "win.cancel-record");
  gtk_widget_set_tooltip_text (cancel, "Stop recording; no file is written");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (L->record_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (L->record_progress));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_revealer_set_child (L->record_bar, box);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-record", FALSE);
}
