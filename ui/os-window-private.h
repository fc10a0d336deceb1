/* os-window-private.h — shared by the files of the window: os-window.c
 * and os-window-{actions,status,state,presets,help,optimal,x11}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-window.h"
#include "os-figure-style.h"
#include "os-folders.h"
#include "os-history.h"
#include "os-phase-view.h"
#include "os-progress.h"

G_BEGIN_DECLS

/* The bottom bar's texts and progress, repainted at most every
 * OS_STATUS_INTERVAL_MS (os_window_set_status_bar ()). NULL / negative:
 * nothing pending for that part. */
typedef struct
{
  char   *status;          /* pending status text                       */
  char   *progress_text;   /* pending text beside the progress bar       */
  double  fraction;        /* pending fraction, < 0 when none            */
  gint64  shown_us;        /* when the bar was last repainted            */
  gint64  pending_since_us; /* when the waiting news came               */
  guint   tick;            /* the repaint waiting for a free frame       */
  guint   repaints;        /* count, for the tests                       */
  gint64  controls_changed_us;  /* the panel's last change               */
} OsStatusBar;

struct _OsWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  OsParamPanel    *panel;
  OsPlotView      *plot_error, *plot_spectrum, *plot_overlaps, *plot_function;
  GtkToggleButton *weights_toggle, *features_toggle, *centered_toggle, *log_toggle;
  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  GtkInscription  *status_label, *progress_label;   /* fixed size: new text does not relayout the window */
  OsProgress      *progress;
  GtkMenuButton   *menu_button;
  GtkStack        *page_stack;
  OsPhaseView     *phase_view;
  GtkMenuButton   *presets_button;
  GtkMenuButton   *help_error, *help_spectrum, *help_overlaps, *help_function, *help_phase;
  GtkBox          *error_toolbar;  /* "?" and the η̃* toggle */
  GtkRevealer     *fullscreen_revealer;   /* the way out of full screen */
  guint            exit_timeout;
  double           last_motion_x, last_motion_y;

  OsEngine        *engine;
  OsView           view;           /* spectrum settings; the rest comes from the panel */
  OsFigure        *figure;         /* newest snapshot shown */
  guint            figure_generation;
  int              updating;
  gboolean         presentation;   /* larger text for a projector */
  gboolean         fullscreen_requested;
  GtkToggleButton *optimal_toggle;  /* ε_g at η̃* on the test-error plot   */
  OsFigure        *optimal_source;  /* carries the newest η̃* curve        */
  GCancellable    *optimal_cancellable;
  OsHistory       *history;        /* of OsWindowState                 */
  int              applying;       /* > 0 while a state is being applied */
  OsStatusBar      status;         /* what the bottom bar is to show    */
  /* the export chooser's choices, as last chosen */
  OsFigureStyle    export_style;
  char            *export_size;    /* a size's id, NULL: as on screen     */
  OsPageSize       export_page;    /* the last custom size                */
  double           export_dpi;
  GtkWidget       *export_dialog;  /* the options dialog while it is open */
  struct _OsLecture *lecture;      /* player, recorder, presenter, pins (os-window-lecture.h) */
};

/* Sets any of the bottom bar's parts (NULL text / negative fraction: that
 * part unchanged). The bar is at the bottom of the window, far from the
 * sliders and the plots, and GDK repaints the bounding box of a frame's
 * damage: a frame that repaints a slider, a plot and the bar repaints most
 * of the window. So the bar is repainted with the newest values in a frame
 * of its own — one that shows no new plot image (os_frame_budget_claim ();
 * after 2 s of waiting, any frame) and follows no change of the
 * controls — and at most every
 * OS_STATUS_INTERVAL_MS while engine stages stream in (a dragged slider
 * posts a request every few frames, each going through theory, spectra and
 * simulation). The last values are always shown. */
void os_window_set_status_bar (OsWindow *window, const char *status,
                               const char *progress_text, double fraction);
/* Removes the bar's pending repaint and texts (dispose). */
void os_window_dispose_status (OsWindow *window);

/* What undo/redo, presets and parameter files act on (zeroed padding). */
typedef struct
{
  OsParams     params;
  OsPresetView view;
} OsWindowState;

void os_window_get_state_struct (OsWindow *window, OsWindowState *state);
/* The panel changed: records the new state in the undo history (a dragged
 * slider's changes coalesce into one step), unless a state is being
 * applied. */
void os_window_record_change    (OsWindow *window);
/* Applies state to every control (one request); records it as one undo
 * step when record. */
void os_window_apply_state      (OsWindow *window, const OsWindowState *state, gboolean record);
void os_window_update_history_actions (OsWindow *window);
/* os-window-presets.c: the presets popover. */
void      os_window_init_presets     (OsWindow *window);
/* os-window-help.c: the "?" popovers, texts from resources/help/. */
void      os_window_init_help        (OsWindow *window);
/* os-window-x11.c: after the window is realised. */
void      os_window_x11_realized     (OsWindow *window);

/* os-window-optimal.c: the test-error plot's η̃* toggle. */
void      os_window_init_optimal     (OsWindow *window);
void      os_window_dispose_optimal  (OsWindow *window);
/* Starts η̃*(x) for the figure shown when the toggle is on and no curve
 * for these parameters exists or runs. */
void      os_window_update_optimal   (OsWindow *window);
/* The snapshot with the η̃* curve attached when the test-error plot shows
 * it (what that plot draws and exports); a new reference, or NULL. */
OsFigure *os_window_figure_for_error_plot (OsWindow *window);
/* Hands that snapshot to the test-error plot. */
void      os_window_show_figure_on_error_plot (OsWindow *window);

/* os-window-actions.c: win.export (s), win.dismiss-banner, win.undo,
 * win.redo, win.reset, win.preset (s), win.open-params, win.save-params,
 * win.presentation; Ctrl+E, Ctrl+Z, Ctrl+Shift+Z, Ctrl+O, Ctrl+S, F5, F11. */
void os_window_class_install_actions (GtkWidgetClass *widget_class);
void os_window_add_undo_shortcuts    (OsWindow *window);
/* The folder a chooser of this kind opens in, and remembering the one used. */
void os_window_chooser_set_start_folder (GtkFileChooser *chooser, OsFolderKind kind);
void os_window_remember_folder       (OsFolderKind kind, const char *path);
/* A save chooser's file type: a filter that carries its extension, and
 * the extension of the filter chosen (fallback when none is). */
void        os_window_chooser_add_filter    (GtkFileChooser *chooser, const char *name, const char *pattern,
                                             const char *ext);
const char *os_window_chooser_extension     (GtkFileChooser *chooser, const char *fallback);

/* os-window-presentation.c: the way out of full screen (Esc, a button
 * shown when the pointer moves), the default size on small screens. */
void os_window_init_presentation     (OsWindow *window);
void os_window_dispose_presentation  (OsWindow *window);
void os_window_class_install_presentation (GtkWidgetClass *widget_class);
/* presentation mode started or ended */
void os_window_presentation_changed  (OsWindow *window);

/* os-window-export.c: win.export (s) and Ctrl+E; the choices' memory. */
void os_window_class_install_export  (GtkWidgetClass *widget_class);
void os_window_init_export           (OsWindow *window);
void os_window_dispose_export        (OsWindow *window);

G_END_DECLS
