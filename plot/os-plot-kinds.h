/* os-plot-kinds.h — the plots of a figure: error, spectrum, overlaps,
 * function, and the 2×2 figure of all four. One table builds each plot's
 * scene from the figure; drawing, tooltips and CSV all go through it, so
 * the screen and every export show the same plot. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include "os-figure.h"
#include "os-figure-style.h"
#include "os-plot-scene.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

typedef enum
{
  OS_PLOT_ERROR,
  OS_PLOT_SPECTRUM,
  OS_PLOT_OVERLAPS,
  OS_PLOT_FUNCTION,
  OS_PLOT_ALL,             /* 2×2: error, spectrum / overlaps, function */
  OS_PLOT_N
} OsPlotKind;

/* "error", "spectrum", "overlaps", "function", "all" (case-insensitive). */
const char *os_plot_kind_name       (OsPlotKind kind);
gboolean    os_plot_kind_from_name  (const char *name, OsPlotKind *out);

/* The scene of one plot (not OS_PLOT_ALL), as every drawing of it uses
 * (with the figure's hidden series and overlays, os-plot-shown.h). */
OsPlotScene *os_plot_kind_scene     (OsPlotKind kind, const OsFigure *fig);

/* Draws one plot, or all four in a 2×2 grid, into [0, width] × [0, height],
 * as on screen (os_figure_style_init_screen) or with a given style. */
void        os_plot_render          (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     cairo_t *cr, int width, int height);
void        os_plot_render_style    (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     const OsFigureStyle *style, cairo_t *cr, int width, int height);
/* What the layout decided for each plot drawn (one, or the four cells),
 * OsPlotGeometry * (os-plot-layout.h). */
GPtrArray  *os_plot_geometry        (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     const OsFigureStyle *style, int width, int height);
/* Axis ranges held fixed: an animation's frames share them, so that the
 * axes stand still while the curves move. */
typedef struct
{
  gboolean x, y;
  double   x_min, x_max, y_min, y_max;
} OsPlotLock;

/* The ranges the layout picks for each plot of kind at this size (the
 * plot's, or the four cells'; locks[kind] or locks[0..3]), screen style. */
void        os_plot_ranges          (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     int width, int height, OsPlotLock locks[4]);
/* a grown to hold b as well */
void        os_plot_lock_union      (OsPlotLock *a, const OsPlotLock *b);
/* os_plot_render with each plot's ranges held at locks[its kind]. */
void        os_plot_render_locked   (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     const OsPlotLock locks[4], cairo_t *cr, int width, int height);

/* The x-axis value under widget point (px, py) of one plot (not
 * OS_PLOT_ALL) drawn at width × height, three significant digits,
 * clamped to the axis's range when px is beside the frame; FALSE when the
 * point is above, below or far beside the frame, or nothing is drawn. */
gboolean    os_plot_x_at            (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     int width, int height, double px, double py, double *x);

/* The tooltip of the plot under (x, y); for OS_PLOT_ALL, of the cell hit. */
char       *os_plot_tooltip         (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                     int width, int height, double x, double y);
/* The data drawn by the plot (for OS_PLOT_ALL, by each of the four in
 * turn) as CSV rows "plot,series,x,y,y_err", without the header. */
void        os_plot_write_csv       (OsPlotKind kind, const OsFigure *fig, GString *out);

G_END_DECLS
