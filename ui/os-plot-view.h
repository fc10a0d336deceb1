/* os-plot-view.h — one plot on screen: a GtkDrawingArea that holds the
 * current OsFigure snapshot, draws it with the plot's render function (the
 * same one every export uses) and answers tooltips with its hit-test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "os-figure.h"
#include "os-plot.h"
#include "os-plot-kinds.h"

G_BEGIN_DECLS

#define OS_TYPE_PLOT_VIEW (os_plot_view_get_type ())
G_DECLARE_FINAL_TYPE (OsPlotView, os_plot_view, OS, PLOT_VIEW, GtkDrawingArea)

/* A view of one plot (OS_PLOT_ERROR … OS_PLOT_FUNCTION, or OS_PLOT_ALL
 * for the 2×2 figure), drawn with os_plot_render () — the function every
 * export uses. Empty until a figure is set. Property "kind" (int).
 * Signal "drawn" (guint generation): emitted by the draw function after it
 * drew the figure of that generation (the benchmark measures latency with
 * it). */
GtkWidget         *os_plot_view_new            (OsPlotKind kind);
OsPlotKind     os_plot_view_get_kind       (OsPlotView *view);
void               os_plot_view_set_kind       (OsPlotView *view, OsPlotKind kind);

/* Signal "pick" (double x): the user clicked or dragged on the plot's frame
 * at x-axis value x (os_plot_x_at); only while picking is on.
 * Signal "legend-clicked" (int series_id, int overlay): the user clicked a
 * legend entry (os_plot_legend_hit: an OsSeriesId, and 1 + the overlay's
 * index for a pin's entry, else 0). */
void               os_plot_view_set_picking    (OsPlotView *view, gboolean picking);

/* Swaps the snapshot (a reference is taken; NULL clears) and queues a
 * redraw. generation is what "drawn" reports for it. */
void               os_plot_view_set_figure     (OsPlotView *view, OsFigure *figure, guint generation);
OsFigure          *os_plot_view_get_figure     (OsPlotView *view);   /* transfer none */
/* The generation of the last figure actually drawn (0 = none yet). */
guint              os_plot_view_get_drawn_generation (OsPlotView *view);

/* TRUE when the view draws its current figure, not an earlier one (an
 * earlier stage of the same generation, say) whose image is on screen while
 * the current one's render is on its way. */
gboolean           os_plot_view_is_current     (OsPlotView *view);

const OsPlotTheme *os_plot_view_get_theme      (OsPlotView *view);
void               os_plot_view_set_theme      (OsPlotView *view, const OsPlotTheme *theme);

/* The frame budget: each frame repaints at most one costly region away
 * from the controls — one new plot image (the test-error plot's first), or
 * the window's bottom bar. GDK repaints the bounding box of a frame's
 * damage, so two far-apart regions cost as much as the window. TRUE when
 * the current frame of clock was free (it is now taken); FALSE when it is
 * taken or a test-error image waits for a frame. Main thread. */
gboolean           os_frame_budget_claim (GdkFrameClock *clock);

G_END_DECLS
