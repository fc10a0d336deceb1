/* os-ui.h — the window, driven from app/ without GTK: run the application
 * with a start-up state and hooks, and the few things the screenshot mode
 * and the UI benchmark (app/os-screenshot.c, app/os-bench-ui.c) ask of the
 * window: is the newest snapshot on screen, save it as PNG, move a slider,
 * time the frames. No GTK type appears here, so app/ needs no GTK header.
 * Everything runs on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-engine.h"
#include "os-flags.h"
#include "os-export.h"   /* OsPlotKind */
#include "os-animation.h"

G_BEGIN_DECLS

/* The window (an OsWindow, ui/os-window.h). */
typedef struct _OsUiWindow OsUiWindow;

typedef struct
{
  /* the window is built and the start-up state applied; it is presented
   * right after */
  void (*opened) (OsUiWindow *window, gpointer data);
  /* the window is being destroyed: stop every timer that uses it */
  void (*closed) (OsUiWindow *window, gpointer data);
} OsUiHooks;

/* Runs the application (ui/os-application.c): one window, started in the
 * state *startup holds (parsed with the use OS_FLAGS_FOR_WINDOW; applied
 * by os_startup_apply), with hooks (nullable). Returns the application's
 * status once the window is closed and its background work has stopped. */
int        os_ui_run                (const OsFlags   *startup,
                                     const OsUiHooks *hooks,
                                     gpointer         data);

void       os_ui_window_close       (OsUiWindow *window);
OsEngine  *os_ui_window_get_engine  (OsUiWindow *window);
void       os_ui_window_get_size    (OsUiWindow *window, int *width, int *height);
/* The page on screen shows the snapshot of this engine generation in
 * full: on the curves page every plot drew it (its last stage) and the
 * bottom bar shows its last words; on the phase page the refined diagram
 * (any generation). */
gboolean   os_ui_window_shows       (OsUiWindow *window, guint generation);
/* Renders the window as GTK draws it into a PNG; fails (OS_ERROR_IO) while
 * its layout is pending, or when the file cannot be written. */
gboolean   os_ui_window_save_png    (OsUiWindow *window, const char *path, GError **error);
/* Moves a parameter's slider, as a user would. */
void       os_ui_window_set_value   (OsUiWindow *window, OsParamId id, double value);
/* Plays animation with the window's player (Play), or pauses it (NULL). */
void       os_ui_window_play        (OsUiWindow *window, const OsAnimation *animation);

/* Called on every frame of the window until it returns G_SOURCE_REMOVE. */
typedef gboolean (*OsUiTickFunc)  (OsUiWindow *window, gpointer data);
void       os_ui_window_add_tick    (OsUiWindow *window, OsUiTickFunc func, gpointer data);

/* Asks for a frame now and calls func after it is painted (and after each
 * following paint) while func returns TRUE, which asks for one more. */
typedef gboolean (*OsUiPaintFunc) (OsUiWindow *window, gpointer data);
void       os_ui_window_after_paint (OsUiWindow *window, OsUiPaintFunc func, gpointer data);

/* The phases of a frame of the window's frame clock. UPDATE … AFTER_PAINT
 * come after GTK's own work of that phase, so the time since the previous
 * event is that phase's work; FRAME_END after every handler of the frame. */
typedef enum
{
  OS_UI_FRAME_BEGIN,        /* before-paint                                  */
  OS_UI_FRAME_UPDATE,
  OS_UI_FRAME_LAYOUT,
  OS_UI_FRAME_PAINT,
  OS_UI_FRAME_AFTER_PAINT,
  OS_UI_FRAME_END,
  OS_UI_RELAYOUT,           /* the window's surface was laid out again       */
} OsUiFrameEvent;

typedef void (*OsUiFrameFunc) (OsUiFrameEvent event, gpointer data);
typedef struct _OsUiFrameWatch OsUiFrameWatch;

/* Calls func on each frame event until os_ui_frame_watch_free. */
OsUiFrameWatch *os_ui_window_watch_frames (OsUiWindow *window, OsUiFrameFunc func, gpointer data);
void            os_ui_frame_watch_free    (OsUiFrameWatch *watch);   /* NULL-safe */

/* Calls func (generation, data) each time the plot draws a snapshot, for
 * as long as the window lives. */
typedef void (*OsUiDrawnFunc) (guint generation, gpointer data);
void       os_ui_window_watch_drawn (OsUiWindow *window, OsPlotKind kind, OsUiDrawnFunc func, gpointer data);

G_END_DECLS
