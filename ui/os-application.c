/* os-application.c — the GtkApplication: its actions, activation (one
 * window, started in the command line's state) and the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-application.h"
#include "os-ui.h"
#include "os-scheduler.h"

#include <cblas.h>
#include <gtk/gtk.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

typedef struct
{
  const OsStartup *startup;
  const OsUiHooks *hooks;   /* nullable */
  gpointer         data;
  OsWindow        *window;
} OsAppState;

/* ------------------------------------------------------------ start-up */

void
os_startup_init (OsStartup *startup)
{
  g_return_if_fail (startup != NULL);
  os_flags_init (startup, OS_FLAGS_FOR_WINDOW);
}

void
os_startup_clear (OsStartup *startup)
{
  g_return_if_fail (startup != NULL);
  os_flags_clear (startup);
}

GOptionGroup *
os_startup_option_group (OsStartup *startup)
{
  g_return_val_if_fail (startup != NULL, NULL);
  return os_flags_option_group (startup, OS_FLAGS_WINDOW, NULL);
}

void
os_startup_apply (const OsStartup *startup, OsWindow *window)
{
  OsState state;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (startup != NULL && startup->use == OS_FLAGS_FOR_WINDOW);
  g_return_if_fail (OS_IS_WINDOW (window));

  /* the whole view the flags ask for (os_flags_get_state): the defaults,
   * --params or --preset, then the flags, in one request */
  os_flags_get_state (startup, &state);
  if (!os_window_set_view_state (window, &state, &error))
    os_window_show_error (window, error->message);
  if (startup->presentation)
    os_window_set_presentation (window, TRUE);
  g_clear_error (&error);
  if (startup->lesson != NULL
      && !os_window_open_lesson (window, startup->lesson, startup->step > 0 ? startup->step - 1 : 0, &error))
    os_window_show_error (window, error->message);
  /* the window starts here: the first undo must not return to the
   * built-in defaults the window was created with */
  os_window_reset_history (window);
}

/* --------------------------------------------------------- application */

static void
on_window_destroy (GtkWidget *window, OsAppState *state)
{
  (void) window;
  state->window = NULL;
  if (state->hooks != NULL && state->hooks->closed != NULL)
    state->hooks->closed ((OsUiWindow *) window, state->data);
}

static void
on_activate (GtkApplication *app, OsAppState *state)
{
  OsWindow *window;

  if (state->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (state->window));
      return;
    }
  window = os_window_new (app);
  state->window = window;
  g_signal_connect (window, "destroy", G_CALLBACK (on_window_destroy), state);
  os_startup_apply (state->startup, window);
  if (state->hooks != NULL && state->hooks->opened != NULL)
    state->hooks->opened ((OsUiWindow *) window, state->data);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_quit (GSimpleAction *action, GVariant *parameter, gpointer app)
{
  (void) action;
  (void) parameter;
  /* closing the windows lets the engine cancel its work cleanly */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = gtk_application_get_windows (app))
    gtk_window_destroy (l->data);
}

static void
on_startup (GtkApplication *app, gpointer data)
{
  static const GActionEntry actions[] = {
    { "quit", on_quit, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  (void) data;
  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
}

int
os_ui_run (const OsFlags *startup, const OsUiHooks *hooks, gpointer data)
{
  OsAppState state = { startup, hooks, data, NULL };
  g_autoptr (GtkApplication) app = NULL;
  char *argv[2] = { (char *) (g_get_prgname () != NULL ? g_get_prgname () : "onestep-explorer"), NULL };
  int status;

  g_return_val_if_fail (startup != NULL && startup->use == OS_FLAGS_FOR_WINDOW, 1);
#ifdef __GLIBC__
  /* Each frame GDK paints into a buffer the size of what changed (up to a
   * few megabytes). Above glibc's mmap threshold every such buffer is fresh
   * memory, faulted in page by page on the main thread (slow in a VM);
   * kept in the heap, the next frame reuses it. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
  /* The window keeps its own threads busy (theory, simulation, plot
   * rendering): OpenBLAS threads spinning beside them only steal the cores
   * (on 2 cores a third of the CPU went to their sched_yield loop). */
  if (g_getenv ("OPENBLAS_NUM_THREADS") == NULL)
    openblas_set_num_threads (1);
  /* The plots are Cairo drawings; GTK's GL renderer only composites them,
   * and where GL is software (Xvfb, VMs, many projector laptops) llvmpipe
   * took 70 % of the CPU and stalled frames. GSK_RENDERER=gl overrides. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* With the cairo renderer nothing draws with GL, but GDK still opened a
   * GL context at start-up to choose the X visual, loading Mesa (llvmpipe
   * under Xvfb): 60-80 ms of the 0.5-0.8 s of a --screenshot. The window
   * and its screenshot are byte-identical without it. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  /* main () set the user's locale with numbers in C (app/main.c): GTK must
   * not set LC_NUMERIC back, or printf's numbers in the window (labels,
   * tooltips, the benchmark's report) would take a decimal comma where the
   * boxes write and read a point */
  gtk_disable_setlocale ();
  g_set_application_name ("One-Step Explorer");
  app = gtk_application_new ("org.onestep.Explorer", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &state);
  /* the command line was parsed already (app/main.c) */
  status = g_application_run (G_APPLICATION (app), 1, argv);

  /* The window is gone and its jobs cancelled: let the workers notice
   * before the process exits (exiting under a thread that is inside
   * OpenBLAS crashed it at shutdown). Cancellation is checked between BLAS
   * calls, so this takes milliseconds; give up after 5 s. */
  os_scheduler_wait_idle (g_get_monotonic_time () + 5 * G_USEC_PER_SEC);
  return status;
}
