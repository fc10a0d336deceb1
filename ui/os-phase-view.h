/* os-phase-view.h — the "Phase diagram" page of the window: controls for
 * the quantity and the two axes (with their ranges), and the heatmap of
 * plot/os-plot-phase.h computed in the background by os_phase_compute_async
 * (model/os-phase-job.h), coarse level first, then refined. Stale work is
 * cancelled when the parameters change. Clicking the heatmap emits "pick"
 * with the parameter values under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "os-phase.h"
#include "os-plot.h"

G_BEGIN_DECLS

#define OS_TYPE_PHASE_VIEW (os_phase_view_get_type ())
G_DECLARE_FINAL_TYPE (OsPhaseView, os_phase_view, OS, PHASE_VIEW, GtkBox)

/* Signals:
 *   "pick" (int x_axis, double x, int y_axis, double y): the user clicked
 *       the heatmap at these parameter values (3 significant digits).
 *   "grid-updated" (int level): a new level is shown (0 coarse, 1 final). */
GtkWidget   *os_phase_view_new          (void);

/* The sliders. The diagram is recomputed when a parameter other than the
 * two axes changes (the axes' values only move the crosshair). */
void         os_phase_view_set_params   (OsPhaseView *view, const OsParams *params);
/* The network size of the finite-size theory (docs/SCIENCE.md §10): the
 * η̃* line is then that of ε_d and the η̃_BBP(d) line is drawn; INFINITY:
 * the d → ∞ theory. */
void         os_phase_view_set_network_d (OsPhaseView *view, double d);
/* Computes only while active (the page is shown); activating starts any
 * computation that is due. */
void         os_phase_view_set_active   (OsPhaseView *view, gboolean active);

void         os_phase_view_set_quantity (OsPhaseView *view, OsPhaseQuantity quantity);
/* Sets both axes (parameter, range, points, spacing). FALSE with
 * OS_ERROR_INVALID_ARGUMENT (naming the axis and its range) if the request
 * would be invalid; nothing changes then. */
gboolean     os_phase_view_set_axes     (OsPhaseView *view, const OsSweep *x_axis,
                                         const OsSweep *y_axis, GError **error);
/* The request the view computes (or would compute) now. */
void         os_phase_view_get_request  (OsPhaseView *view, OsPhaseRequest *request);

/* The newest level shown (transfer none; NULL before the first). */
OsPhaseGrid *os_phase_view_get_grid     (OsPhaseView *view);
/* The note shown above the diagram when the optimal η̃* sits at 0⁺ for
 * some x (THEORY.md §6: ε_g jumps at η̃ → 0⁺), or NULL. */
const char  *os_phase_view_get_note     (OsPhaseView *view);
/* TRUE while a computation runs. */
gboolean     os_phase_view_is_busy      (OsPhaseView *view);

/* The parameter values under widget point (px, py) of the drawing area,
 * rounded to 3 significant digits and clamped to the axes' ranges; FALSE
 * outside the heatmap or before the first level. */
gboolean     os_phase_view_value_at     (OsPhaseView *view, double px, double py,
                                         double *x, double *y);
/* What a click at (px, py) does: emits "pick" and returns TRUE when the
 * point is on the heatmap. */
gboolean     os_phase_view_click        (OsPhaseView *view, double px, double py);

GtkWidget   *os_phase_view_get_area     (OsPhaseView *view);
/* Appends widget at the right end of the controls (the help button). */
void         os_phase_view_add_tool     (OsPhaseView *view, GtkWidget *widget);
const OsPlotTheme *os_phase_view_get_theme (OsPhaseView *view);
void         os_phase_view_set_theme    (OsPhaseView *view, const OsPlotTheme *theme);

/* Writes the diagram shown (crosshair at the sliders) as PNG, SVG or PDF
 * at width × height (PNG at 2× pixels), or its cells as CSV
 * "X,Y,QUANTITY,test_error,kernel_error,linear_floor,converged"; the
 * format follows the extension. Written whole or not at all.
 * OS_ERROR_INVALID_ARGUMENT before the first level or for a bad
 * extension, OS_ERROR_IO when the file cannot be written. */
gboolean     os_phase_view_export       (OsPhaseView *view, const char *path,
                                         int width, int height, GError **error);

G_END_DECLS
