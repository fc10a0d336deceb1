/* window-test-util.h — shared by the window tests: run the main loop for a
 * while, or until a condition on the window holds; the theory shown; a window closed with
 * all its work wound down; the window's relayouts counted; the file
 * chooser dialog found and waited for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-window.h"
#include "os-export-dialog.h"
#include "os-phase-view.h"
#include "os-scheduler.h"

static inline gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for `ms` milliseconds: several frames. */
static inline void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef gboolean (*Condition) (OsWindow *window, gpointer data);

/* Iterates the main loop until cond holds, at most `seconds`. Returns FALSE
 * on time-out. */
static inline gboolean
wait_until (OsWindow *window, Condition cond, gpointer data, double seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint) (seconds * 1000), on_timeout, &timed_out);

  while (!timed_out && !cond (window, data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

/* The newest request's theory is on screen and nothing runs. */
static inline gboolean
theory_shown (OsWindow *window, gpointer data)
{
  OsEngine *engine = os_window_get_engine (window);
  OsFigure *figure = os_window_get_figure (window);

  (void) data;
  return !os_engine_is_busy (engine)
         && os_engine_get_figure_generation (engine) == os_engine_get_generation (engine)
         && figure != NULL && figure->theory != NULL;
}

/* Destroys the window (which must then be finalised) and waits at most
 * `seconds` for its cancelled background jobs (the engine's, the phase
 * view's, the plots') to end: the scheduler's one count. */
static inline void
close_window_within (OsWindow *window, double seconds)
{
  gint64 t0 = g_get_monotonic_time ();

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
  /* os_scheduler_wait_idle () is woken by a job that ends in its worker
   * (a reclaim has no done callback): a bare blocking iteration here could
   * wait for ever after the last one */
  os_scheduler_wait_idle (t0 + (gint64) (seconds * G_USEC_PER_SEC));
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
}

/* GdkSurface::layout, counted in *count: one relayout of the window. */
static inline void
count_surface_layout (GdkSurface *surface, int width, int height, int *count)
{
  (void) surface;
  (void) width;
  (void) height;
  (*count)++;
}

/* The file chooser the window's actions open (GtkFileChooserNative falls
 * back to a GtkFileChooserDialog without a portal), or NULL. */
static inline GtkFileChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_FILE_CHOOSER (w);
    }
  return NULL;
}

/* A chooser is shown; *(GtkFileChooser **) data is set to it. */
static inline gboolean
chooser_shown (OsWindow *window, gpointer data)
{
  (void) window;
  *(GtkFileChooser **) data = find_chooser ();
  return *(GtkFileChooser **) data != NULL;
}

static inline gboolean
chooser_gone (OsWindow *window, gpointer data)
{
  (void) window;
  (void) data;
  return find_chooser () == NULL;
}

/* The file at path (data) exists. */
static inline gboolean
file_written (OsWindow *window, gpointer data)
{
  (void) window;
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static inline gboolean
export_options_shown (OsWindow *window, gpointer data)
{
  (void) data;
  return os_window_get_export_dialog (window) != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (os_window_get_export_dialog (window)));
}

/* An image export asks for the figure's options first: take them as they
 * are (Choose File), which opens the file chooser. */
static inline void
accept_export_options (OsWindow *window)
{
  g_assert_true (wait_until (window, export_options_shown, NULL, 30));
  os_export_dialog_choose (OS_EXPORT_DIALOG (os_window_get_export_dialog (window)));
}
