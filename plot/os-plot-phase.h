/* os-plot-phase.h — the phase diagram: a heatmap of one quantity over two
 * parameters (core/os-phase.h) in a sequential colour map (ε_g, ε_g at the
 * best λ) or a diverging one centred at 0 (the gains), its colour bar, the
 * quantity's own contours and optimal line, and a crosshair at the slider
 * values. The axes, ticks, titles and legend are a scene laid out by
 * os-plot-layout like every other plot; the legend goes below, off the
 * heatmap.
 *
 * One render function serves the screen and every export. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include "os-phase.h"
#include "os-plot.h"
#include "os-plot-colormap.h"
#include "os-export.h"

G_BEGIN_DECLS

/* Where things land at a given size. */
typedef struct
{
  OsPlotFrame frame;                        /* the heatmap               */
  double bar_left, bar_top, bar_width, bar_height;   /* the colour bar   */
  double value_min, value_max;              /* bottom and top of the bar */
  gboolean diverging;                       /* centred at 0              */
} OsPhaseLayout;

/* The colour scale: over the converged cells, without the η̃ = 0 row or
 * column (the kernel: ε_g jumps at η̃ → 0⁺, docs/SCIENCE.md §6); symmetric
 * about 0 for a signed quantity. */
void  os_plot_phase_value_range (const OsPhaseGrid *grid, double *lo, double *hi, gboolean *diverging);

void  os_plot_phase_layout       (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                  int width, int height, OsPhaseLayout *layout);
void  os_plot_phase_layout_style (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                  const OsFigureStyle *style, int width, int height,
                                  OsPhaseLayout *layout);

/* Draws grid into [0, width] × [0, height] of cr (background included),
 * as on screen or with a style (the crosshair is the slider marker).
 * grid NULL draws a "computing" message. */
void  os_plot_phase_render       (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                  cairo_t *cr, int width, int height);
void  os_plot_phase_render_style (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                  const OsFigureStyle *style, cairo_t *cr, int width, int height);

/* The cell under (x, y) with its exact values, newly allocated, or NULL. */
char *os_plot_phase_tooltip  (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                              int width, int height, double x, double y);

/* What the layout decided (kind "phase"), the colour bar's texts included. */
OsPlotGeometry *os_plot_phase_geometry (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                        const OsFigureStyle *style, int width, int height);

/* ---- export (os-plot-phase-export.c) ------------------------------------ */

/* Writes the plot to path as PNG (width·scale × height·scale pixels, the
 * layout of width × height), SVG or PDF, or the cells as CSV (format
 * OS_EXPORT_CSV, see os_plot_phase_write_csv), whole or not at all
 * (model/os-output.h: a temporary renamed into place, a symbolic link's
 * target replaced, the file's mode kept). OS_ERROR_IO with the path and
 * the reason when it cannot be written. Used by the window and the command
 * line. */
gboolean os_plot_phase_export    (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                  const char *path, OsExportFormat format,
                                  int width, int height, double scale, GError **error);
/* The same with a style, a page and the provenance (os-export.h). */
gboolean os_plot_phase_export_with (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                    const OsExportOptions *options, const char *path, GError **error);

/* The same as files of a set written all or none: drawn now, written by
 * os_output_commit (out) (model/os-output.h). */
gboolean os_plot_phase_export_with_add (OsOutput *out, const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                        const OsExportOptions *options, const char *path, GError **error);
gboolean os_plot_phase_write_csv_with_add (OsOutput *out, const OsPhaseGrid *grid,
                                           const OsExportOptions *options, const char *path, GError **error);

/* The cells as CSV, full precision, one column per quantity: x, y (named
 * after the axes), test_error, kernel_error, linear_floor, gain_kernel,
 * gain_linear, and with best-lambda best_lambda and test_error_best_lambda;
 * then converged. With provenance (nullable), '#' lines first. */
char    *os_plot_phase_csv_text  (const OsPhaseGrid *grid, const OsProvenance *provenance);
gboolean os_plot_phase_write_csv (const OsPhaseGrid *grid, const char *path, GError **error);
gboolean os_plot_phase_write_csv_with (const OsPhaseGrid *grid, const OsExportOptions *options,
                                       const char *path, GError **error);
/* The geometry as JSON in the format's units (os_plot_geometry_to_json). */
char    *os_plot_phase_boxes_json (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                   const OsExportOptions *options, OsExportFormat format);

G_END_DECLS
