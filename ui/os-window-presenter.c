/* os-window-presenter.c — presenter mode: a lesson (model/os-lesson.h)
 * step by step. Each step sets the whole view (one undo step), puts its
 * plot in focus (the others hidden, so it fills the page), loads its
 * animation into the player (Space plays it), and shows its caption large
 * below the plots, with the numbers
 * read off the figure on screen — they follow the sliders if the lecturer
 * moves them. PageDown and → go on, PageUp and ← go back (what
 * presentation clickers send), Home and End go to the ends; the ✕ (or
 * the menu) leaves (Escape stays presentation mode's way out).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"
#include "os-error.h"

#include <string.h>

/* The cell of the 2×2 grid that holds a plot (with its toolbar or help). */
static GtkWidget *
plot_cell (OsWindow *self, OsPlotKind kind)
{
  return gtk_widget_get_parent (GTK_WIDGET (os_window_get_plot (self, kind)));
}

static void
set_focus_plot (OsWindow *self, OsFocus focus)
{
  for (int k = 0; k < OS_PLOT_ALL; k++)
    gtk_widget_set_visible (plot_cell (self, k), focus == OS_FOCUS_ALL || (int) focus == k);
}

void
os_window_presenter_refresh (OsWindow *self)
{
  OsLecture *L = self->lecture;
  const OsLessonStep *step;
  OsFigure *fig = self->figure;
  g_autofree char *counter = NULL;
  char *markup = NULL;

  if (L->disposed || L->lesson == NULL)
    return;
  step = os_lesson_step (L->lesson, L->step);
  if (fig != NULL && fig->theory != NULL && fig->density_init != NULL && fig->density_step != NULL)
    {
      OsFacts facts;

      os_facts_from_figure (fig, &facts);
      markup = os_facts_fill (step->caption, &facts, NULL);
    }
  if (markup == NULL)
    {
      /* the numbers are on their way: the caption with dots for them */
      GString *s = g_string_new (NULL);

      for (const char *p = step->caption; *p != '\0'; p++)
        {
          const char *close = *p == '{' ? strchr (p, '}') : NULL;

          if (close != NULL && p[1] != '{')
            {
              g_string_append (s, "…");
              p = close;
            }
          else
            g_string_append_c (s, *p);
        }
      markup = g_string_free (s, FALSE);
    }
  if (g_strcmp0 (markup, L->caption_markup) != 0)
    {
      /* a span's value Pango cannot read: the caption as plain text */
      if (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL))
        gtk_label_set_markup (L->caption_label, markup);
      else
        gtk_label_set_text (L->caption_label, markup);
      g_free (L->caption_markup);
      L->caption_markup = markup;
    }
  else
    g_free (markup);
  counter = g_strdup_printf ("%d / %u", L->step + 1, os_lesson_n_steps (L->lesson));
  gtk_label_set_text (L->caption_counter, counter);
}

void
os_window_lesson_go (OsWindow *self, int step)
{
  OsLecture *L;
  const OsLessonStep *s;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (OS_IS_WINDOW (self));
  L = self->lecture;
  if (L->lesson == NULL)
    return;
  step = CLAMP (step, 0, (int) os_lesson_n_steps (L->lesson) - 1);
  L->step = step;
  s = os_lesson_step (L->lesson, step);
  os_window_play (self, FALSE);
  if (!os_window_set_view_state (self, &s->state, &error))
    {
      g_autofree char *msg = g_strdup_printf ("Step %d of the lesson: %s", step + 1, error->message);

      os_window_show_error (self, msg);
    }
  set_focus_plot (self, s->state.page == OS_PAGE_CURVES ? s->focus : OS_FOCUS_ALL);
  title = g_markup_printf_escaped ("%s", s->title != NULL ? s->title : L->lesson->title);
  gtk_label_set_markup (L->caption_title, title);
  g_clear_pointer (&L->caption_markup, g_free);
  os_window_presenter_refresh (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-previous", step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-next",
                                 step + 1 < (int) os_lesson_n_steps (L->lesson));
  /* a step's animation waits for the lecturer (Space): the caption's
   * numbers are the step's until it plays */
  if (s->state.animate)
    {
      g_autofree char *hint = g_strdup_printf ("This step plays %s from %g to %g: press Space (or ▶)",
                                               os_param_info (s->state.animation.param)->symbol,
                                               s->state.animation.from, s->state.animation.to);

      os_window_set_status_bar (self, hint, NULL, -1.0);
    }
}

void
os_window_set_lesson (OsWindow *self, OsLesson *lesson, int step)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self) && lesson != NULL);
  L = self->lecture;
  g_clear_pointer (&L->lesson, os_lesson_free);
  L->lesson = lesson;
  L->presenting = TRUE;
  gtk_event_controller_set_propagation_phase (L->presenter_keys, GTK_PHASE_CAPTURE);
  gtk_revealer_set_reveal_child (L->caption_bar, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "presenting");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-lesson", TRUE);
  os_window_lesson_go (self, step);
}

gboolean
os_window_open_lesson (OsWindow *self, const char *name_or_path, int step, GError **error)
{
  OsLesson *lesson;

  g_return_val_if_fail (OS_IS_WINDOW (self) && name_or_path != NULL, FALSE);
  lesson = os_lesson_open (name_or_path, error);
  if (lesson == NULL)
    return FALSE;
  if (step < 0 || step >= (int) os_lesson_n_steps (lesson))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--step: %d is outside the lesson's steps [1, %u]",
                   step + 1, os_lesson_n_steps (lesson));
      os_lesson_free (lesson);
      return FALSE;
    }
  os_window_set_lesson (self, lesson, step);
  return TRUE;
}

void
os_window_close_lesson (OsWindow *self)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self));
  L = self->lecture;
  if (L->lesson == NULL)
    return;
  os_window_play (self, FALSE);
  g_clear_pointer (&L->lesson, os_lesson_free);
  g_clear_pointer (&L->caption_markup, g_free);
  L->presenting = FALSE;
  gtk_event_controller_set_propagation_phase (L->presenter_keys, GTK_PHASE_NONE);
  gtk_revealer_set_reveal_child (L->caption_bar, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "presenting");
  set_focus_plot (self, OS_FOCUS_ALL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-lesson", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-previous", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-next", FALSE);
}

int
os_window_get_lesson_step (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), -1);
  return self->lecture->lesson != NULL ? self->lecture->step : -1;
}

const OsLesson *
os_window_get_lesson (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->lecture->lesson;
}

const char *
os_window_get_caption (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->lecture->lesson != NULL ? self->lecture->caption_markup : NULL;
}

void
os_window_presenter_dispose (OsWindow *self)
{
  OsLecture *L = self->lecture;

  g_clear_pointer (&L->lesson, os_lesson_free);
  g_clear_pointer (&L->caption_markup, g_free);
}

/* ---- actions ---------------------------------------------------------------- */

static void
action_next (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_lesson_go (OS_WINDOW (widget), os_window_get_lesson_step (OS_WINDOW (widget)) + 1);
}

static void
action_previous (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_lesson_go (OS_WINDOW (widget), os_window_get_lesson_step (OS_WINDOW (widget)) - 1);
}

static void
action_first (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_lesson_go (OS_WINDOW (widget), 0);
}

static void
action_last (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_lesson_go (OS_WINDOW (widget), G_MAXINT);
}

static void
action_close_lesson (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_close_lesson (OS_WINDOW (widget));
}

static void
action_open_lesson (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_autoptr (GError) error = NULL;

  (void) name;
  if (!os_window_open_lesson (OS_WINDOW (widget), g_variant_get_string (parameter, NULL), 0, &error))
    os_window_show_error (OS_WINDOW (widget), error->message);
}

static void
on_lesson_chosen (GtkNativeDialog *chooser, int response, gpointer data)
{
  g_autoptr (OsWindow) self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      if (path != NULL && !os_window_open_lesson (self, path, 0, &error))
        {
          g_autofree char *msg = g_strdup_printf ("Opening the lesson failed: %s", error->message);

          os_window_show_error (self, msg);
        }
    }
  g_object_unref (chooser);
}

static void
action_open_lesson_file (GtkWidget *widget, const char *name, GVariant *parameter)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  (void) name;
  (void) parameter;
  chooser = gtk_file_chooser_native_new ("Open a lesson", GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         "_Open", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, "Lessons (.lesson)");
  gtk_file_filter_add_pattern (filter, "*.lesson");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_lesson_chosen), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
os_window_presenter_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, action_next);
  gtk_widget_class_install_action (widget_class, "win.lesson-previous", NULL, action_previous);
  gtk_widget_class_install_action (widget_class, "win.lesson-first", NULL, action_first);
  gtk_widget_class_install_action (widget_class, "win.lesson-last", NULL, action_last);
  gtk_widget_class_install_action (widget_class, "win.close-lesson", NULL, action_close_lesson);
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", action_open_lesson);
  gtk_widget_class_install_action (widget_class, "win.open-lesson-file", NULL, action_open_lesson_file);
}

/* ---- the caption bar and the keys ---------------------------------------------- */

static GtkWidget *
nav_button (const char *icon, const char *tooltip, const char *action)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  return b;
}

void
os_window_presenter_build (OsWindow *self)
{
  OsLecture *L = self->lecture;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkShortcutController *keys;
  static const struct { guint key; const char *action; } bindings[] = {
    { GDK_KEY_Page_Down, "win.lesson-next" }, { GDK_KEY_Right, "win.lesson-next" },
    { GDK_KEY_KP_Page_Down, "win.lesson-next" },
    { GDK_KEY_Page_Up, "win.lesson-previous" }, { GDK_KEY_Left, "win.lesson-previous" },
    { GDK_KEY_KP_Page_Up, "win.lesson-previous" },
    { GDK_KEY_Home, "win.lesson-first" }, { GDK_KEY_End, "win.lesson-last" },
  };

  L->caption_bar = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (L->caption_bar, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_add_css_class (box, "caption-bar");
  L->caption_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (L->caption_title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (L->caption_title), "caption-title");
  L->caption_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (L->caption_label, 0);
  gtk_label_set_wrap (L->caption_label, TRUE);
  gtk_label_set_wrap_mode (L->caption_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (L->caption_label, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (L->caption_label), "caption-text");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (L->caption_title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (L->caption_label));
  L->caption_counter = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (L->caption_counter), "caption-counter");
  gtk_box_append (GTK_BOX (nav), nav_button ("go-previous-symbolic", "Previous step (PageUp, ←)",
                                             "win.lesson-previous"));
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (L->caption_counter));
  gtk_box_append (GTK_BOX (nav), nav_button ("go-next-symbolic", "Next step (PageDown, →)", "win.lesson-next"));
  gtk_box_append (GTK_BOX (nav), nav_button ("window-close-symbolic", "Leave the lesson",
                                             "win.close-lesson"));
  gtk_widget_set_valign (nav, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), nav);
  gtk_revealer_set_child (L->caption_bar, box);

  /* the clicker's keys: before a focused slider takes ← and → */
  keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (keys), "presenter-shortcuts");
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (keys, gtk_shortcut_new (gtk_keyval_trigger_new (bindings[i].key, 0),
                                                                  gtk_named_action_new (bindings[i].action)));
  L->presenter_keys = GTK_EVENT_CONTROLLER (keys);
  gtk_event_controller_set_propagation_phase (L->presenter_keys, GTK_PHASE_NONE);
  gtk_widget_add_controller (GTK_WIDGET (self), L->presenter_keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-lesson", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-previous", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-next", FALSE);
}
