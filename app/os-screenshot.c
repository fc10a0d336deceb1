/* os-screenshot.c — `onestep-explorer --screenshot FILE.png`: the real
 * window, rendered once it shows the final snapshot of its request (with
 * --simulate, every simulated point and the spectrum in), through the
 * window's driver interface (ui/os-ui.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-screenshot.h"
#include "os-ui.h"

typedef struct
{
  const char *path;
  int         exit_code;
  OsUiWindow *window;              /* NULL once closed                  */
  guint       target_generation;   /* theory and predicted spectra are in */
  int         paints_after_ready;
  guint       watchdog;
} Screenshot;

/* After a frame is painted, layout is done: save the window then. A frame
 * whose layout is still pending renders nothing; try the next. */
static gboolean
after_paint (OsUiWindow *window, gpointer data)
{
  Screenshot *shot = data;
  g_autoptr (GError) error = NULL;
  int width, height;

  if (shot->window == NULL)
    return FALSE;
  if (!os_ui_window_save_png (window, shot->path, &error))
    {
      if (++shot->paints_after_ready < 60)
        return TRUE;
      g_printerr ("onestep-explorer: --screenshot: %s\n", error->message);
      shot->exit_code = 1;
    }
  else
    {
      os_ui_window_get_size (window, &width, &height);
      g_print ("screenshot: %s (%d×%d)\n", shot->path, width, height);
      shot->exit_code = 0;
    }
  os_ui_window_close (window);
  return FALSE;
}

static gboolean
tick (OsUiWindow *window, gpointer data)
{
  Screenshot *shot = data;

  if (shot->target_generation == 0 || !os_ui_window_shows (window, shot->target_generation))
    return G_SOURCE_CONTINUE;
  /* every plot has drawn the snapshot: save after the next paint */
  os_ui_window_after_paint (window, after_paint, shot);
  return G_SOURCE_REMOVE;
}

static void
on_figure (OsEngine *engine, guint generation, int stage, gpointer figure, Screenshot *shot)
{
  (void) figure;
  if (generation != os_engine_get_generation (engine))
    return;
  /* the request is complete: the theory, the predicted spectra and, with
   * the simulation on, every simulated point and the spectrum, so the
   * same flags give the same picture */
  if (stage == OS_ENGINE_STAGE_DONE || stage == OS_ENGINE_STAGE_FAILED)
    shot->target_generation = generation;
}

static gboolean
on_watchdog (gpointer data)
{
  Screenshot *shot = data;

  g_printerr ("onestep-explorer: gave up after 120 s waiting for the first complete snapshot\n");
  shot->exit_code = 1;
  shot->watchdog = 0;
  if (shot->window != NULL)
    os_ui_window_close (shot->window);
  return G_SOURCE_REMOVE;
}

static void
opened (OsUiWindow *window, gpointer data)
{
  Screenshot *shot = data;

  shot->window = window;
  g_signal_connect (os_ui_window_get_engine (window), "figure-updated", G_CALLBACK (on_figure), shot);
  os_ui_window_add_tick (window, tick, shot);
  shot->watchdog = g_timeout_add_seconds (120, on_watchdog, shot);
}

static void
closed (OsUiWindow *window, gpointer data)
{
  Screenshot *shot = data;

  (void) window;
  shot->window = NULL;
  g_clear_handle_id (&shot->watchdog, g_source_remove);
}

int
os_screenshot_run (const OsFlags *startup, const char *path)
{
  static const OsUiHooks hooks = { opened, closed };
  Screenshot shot = { path, 1, NULL, 0, 0, 0 };
  int status;

  status = os_ui_run (startup, &hooks, &shot);
  return status != 0 ? status : shot.exit_code;
}
