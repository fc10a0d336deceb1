/* os-window.h — the main window: the parameter panel, the four plots, a
 * header bar with the export menu, an error banner and a status line.
 * It posts a request to its OsEngine on every change and shows the
 * snapshots the engine delivers; it never computes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "os-engine.h"
#include "os-figure-style.h"
#include "os-param-panel.h"
#include "os-plot-view.h"
#include "os-phase-view.h"
#include "os-lesson.h"
#include "os-presets.h"
#include "os-state.h"

G_BEGIN_DECLS

#define OS_TYPE_WINDOW (os_window_get_type ())
G_DECLARE_FINAL_TYPE (OsWindow, os_window, OS, WINDOW, GtkApplicationWindow)

OsWindow     *os_window_new            (GtkApplication *application);

/* Sets every parameter at once (the command line) and posts one request. */
void          os_window_set_params     (OsWindow *window, const OsParams *params);
/* The spectrum plot's toggles. */
void          os_window_set_spectrum   (OsWindow *window, OsSpectrumMatrix matrix,
                                        gboolean centered, gboolean log_axis);
/* Presentation mode (property "presentation", action win.presentation,
 * F11, also F5): full screen, the plots' text and lines 1.6 times larger,
 * for a projector. */
void          os_window_set_presentation (OsWindow *window, gboolean presentation);
gboolean      os_window_get_presentation (OsWindow *window);
/* Whether the window asked the window manager for full screen (the
 * state itself, gtk_window_is_fullscreen, follows when the manager obeys;
 * a bare X server without one never reports it). */
gboolean      os_window_get_fullscreen_requested (OsWindow *window);
/* Whether the way out of full screen (Esc or F11, a button) is on screen:
 * for a few seconds after presentation mode starts and after each move of
 * the pointer. */
gboolean      os_window_exit_shown     (OsWindow *window);
/* The request the window would post now. */
void          os_window_get_request    (OsWindow *window, OsParams *params, OsView *view);

/* Every control at once (presets, parameter files): params and the view
 * (x-axis, range, points, spacing, simulation, d, seeds, seed). Checked
 * first; on error nothing changes and FALSE is returned with
 * OS_ERROR_INVALID_ARGUMENT naming the key. One undo step. */
gboolean      os_window_set_state      (OsWindow *window, const OsParams *params,
                                        const OsPresetView *view, GError **error);
void          os_window_get_state      (OsWindow *window, OsParams *params, OsPresetView *view);
/* The phase diagram's quantity and y-axis (parameter files, --quantity,
 * --y-axis …; nothing when !phase->set); its x-axis stays unless the
 * y-axis takes it. Not an undo step. */
gboolean      os_window_set_phase      (OsWindow *window, const OsPresetPhase *phase, GError **error);
/* The phase diagram's quantity and y-axis now (set). */
void          os_window_get_phase      (OsWindow *window, OsPresetPhase *phase);
/* Applies the preset with this id (core/os-presets.h); FALSE if unknown. */
gboolean      os_window_apply_preset   (OsWindow *window, const char *id);

/* Parameter sets (core/os-paramfile.h). On failure the error (file, line,
 * key) is shown in the banner, nothing changes and FALSE is returned. */
gboolean      os_window_save_params    (OsWindow *window, const char *path);
gboolean      os_window_load_params    (OsWindow *window, const char *path);

/* Undo/redo of parameter changes (a slider drag is one step) and reset to
 * the defaults (itself undoable). FALSE when there is nothing to do. */
gboolean      os_window_undo           (OsWindow *window);
gboolean      os_window_redo           (OsWindow *window);
void          os_window_reset          (OsWindow *window);
/* Makes the current state the base of the undo history: nothing to undo
 * or redo afterwards (win.undo and win.redo disabled). The window calls it
 * once it is built; the application calls it again after applying the
 * start-up flags, so the first undo never returns to the built-in
 * defaults. Reset still goes to the built-in defaults. */
void          os_window_reset_history  (OsWindow *window);

/* The pages: "curves" (the 2×2 plots) or "phase" (the phase diagram). */
void          os_window_set_page       (OsWindow *window, const char *page);
const char   *os_window_get_page       (OsWindow *window);
OsPhaseView  *os_window_get_phase_view (OsWindow *window);
/* The "?" button of a plot ("error", "spectrum", "overlaps", "function",
 * "phase"), whose popover explains it; NULL for another name. */
GtkMenuButton *os_window_get_help_button (OsWindow *window, const char *plot);

/* The test-error plot's "η̃*" toggle: ε_g at the optimal learning rate
 * η̃*(x) along the x-axis (model/os-optimal-job.h), computed in the background;
 * and the snapshot that plot shows (with optimal_eta once computed). */
GtkToggleButton *os_window_get_optimal_toggle (OsWindow *window);
OsFigure     *os_window_get_error_plot_figure (OsWindow *window);

OsEngine     *os_window_get_engine     (OsWindow *window);
OsParamPanel *os_window_get_panel      (OsWindow *window);
OsPlotView   *os_window_get_plot       (OsWindow *window, OsPlotKind kind);
/* The newest snapshot shown (transfer none; NULL before the first). */
OsFigure     *os_window_get_figure     (OsWindow *window);

/* Writes the plot or plots named by target ("all", "error", "spectrum",
 * "overlaps", "function", "phase") as PNG, SVG or PDF, or the data ("csv",
 * or "phase-csv" for the phase diagram's cells) as CSV,
 * to path; the format follows the extension (.png, .svg, .pdf, .csv).
 * What is written is what the plot widgets draw, at their current size. */
gboolean      os_window_export_to_file (OsWindow   *window,
                                        const char *target,
                                        const char *path,
                                        GError    **error);

/* The same with a style and a page (the chooser's choices); the file
 * carries its provenance: the parameters and the command line that draws
 * it again. */
gboolean      os_window_export_to_file_with (OsWindow            *window,
                                             const char          *target,
                                             const char          *path,
                                             const OsFigureStyle *style,
                                             const OsPageSize    *page,
                                             GError             **error);

/* The export's options dialog while it is open (before its file chooser;
 * an OsExportDialog, ui/os-export-dialog.h), else NULL. */
GtkWindow    *os_window_get_export_dialog (OsWindow *window);

/* The same as the menu's export after the file chooser: on failure the
 * error is shown in the window's banner (and FALSE returned); on success
 * the status line says where the file went. */
gboolean      os_window_export         (OsWindow   *window,
                                        const char *target,
                                        const char *path);

/* ---- for a lecture (issue #14) ------------------------------------------ */

/* The whole view (model/os-state.h): parameters, x-axis, simulation,
 * spectrum toggles, η̃*, page, hidden series, pins and the animation.
 * Setting it checks it first (nothing changes on error) and is one undo
 * step. Parameter sets (Ctrl+S, Ctrl+O) save and open all of it. */
void          os_window_get_view_state (OsWindow *window, OsState *state);
gboolean      os_window_set_view_state (OsWindow *window, const OsState *state, GError **error);
/* "Copy as command line": the view as an onestep-explorer invocation
 * (os_state_to_command_line), and putting it on the clipboard. */
char         *os_window_get_command_line (OsWindow *window);
void          os_window_copy_command_line (OsWindow *window);

/* Hidden series (model/os-series.h): hidden in the plots and every export. */
void          os_window_set_hidden     (OsWindow *window, guint64 hidden);
guint64       os_window_get_hidden     (OsWindow *window);
/* Pins: the current parameters, drawn faded with a label of what differs
 * (up to OS_STATE_MAX_PINS; FALSE when full). */
gboolean      os_window_pin            (OsWindow *window);
void          os_window_unpin          (OsWindow *window, int index);
int           os_window_get_n_pins     (OsWindow *window);

/* The animation the player plays (NULL: none), playing, a frame forward
 * or back. Space toggles play. */
void          os_window_set_animation  (OsWindow *window, const OsAnimation *animation);
gboolean      os_window_get_animation  (OsWindow *window, OsAnimation *animation);
void          os_window_play           (OsWindow *window, gboolean play);
gboolean      os_window_is_playing     (OsWindow *window);
void          os_window_step_animation (OsWindow *window, int frames);

/* Records the animation (the default one when none is set) of the plots
 * as shown to path (.webm, .mp4, .gif) at 1280 × 720, theory only, in the
 * background, with a progress bar and Cancel; the file appears whole at
 * the end, or not at all. FALSE (and the reason) when it cannot start. */
gboolean      os_window_record         (OsWindow *window, const char *path, GError **error);
gboolean      os_window_is_recording   (OsWindow *window);
void          os_window_cancel_recording (OsWindow *window);

/* Presenter mode: a lesson's steps with their captions, large, below the
 * plots; PageDown, →, PageUp, ← step through them (what presentation
 * clickers send), Home and End go to the ends. step is 0-based. */
gboolean      os_window_open_lesson    (OsWindow *window, const char *name_or_path, int step,
                                        GError **error);
void          os_window_set_lesson     (OsWindow *window, OsLesson *lesson, int step);   /* takes lesson */
void          os_window_lesson_go      (OsWindow *window, int step);
int           os_window_get_lesson_step (OsWindow *window);   /* −1: none */
const OsLesson *os_window_get_lesson   (OsWindow *window);
void          os_window_close_lesson   (OsWindow *window);
/* The caption on screen (markup, numbers filled in), or NULL. */
const char   *os_window_get_caption    (OsWindow *window);

/* The keyboard shortcuts window (Ctrl+?), built from the window's and
 * the application's accelerators; the About dialog. */
GtkWindow    *os_window_show_shortcuts (OsWindow *window);
GtkWindow    *os_window_show_about     (OsWindow *window);
/* What the shortcuts window lists (for its test): entries with a
 * detailed action ("win.page::curves") and its accelerators ("<Control>1");
 * the group and title of an action (FALSE: the action has none, and is
 * listed under its own name). */
GPtrArray    *os_window_list_shortcuts (OsWindow *window);
const char   *os_window_shortcut_entry_action (gpointer entry);
const char   *os_window_shortcut_entry_accels (gpointer entry);
gboolean      os_window_shortcut_title (const char *action, const char **group, const char **title);

/* The error banner at the top of the plots (NULL hides it). */
void          os_window_show_error     (OsWindow *window, const char *message);
/* The banner's text, or NULL when it is hidden (tests). */
const char   *os_window_get_error      (OsWindow *window);
/* The bottom bar repaints at most this often while results stream in. */
#define OS_STATUS_INTERVAL_MS 250

/* The newest status text: on screen, or going there within
 * OS_STATUS_INTERVAL_MS (and a frame). */
const char   *os_window_get_status     (OsWindow *window);
/* TRUE when the bottom bar shows its newest values (none waits for a frame). */
gboolean      os_window_is_status_shown (OsWindow *window);
/* How often the bottom bar was repainted (tests). */
guint         os_window_get_status_repaints (OsWindow *window);

G_END_DECLS
