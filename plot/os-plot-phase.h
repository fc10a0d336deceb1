/* os-plot-phase.h — the phase diagram: a heatmap of one quantity over two
 * parameters (core/os-phase.h), its colour bar, the contours where the
 * step stops paying (ε_g = ε_kernel, ε_g = ε_lin), the optimal learning
 * rate and a crosshair at the slider values.
 *
 * One render function serves the screen and every export. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include "os-phase.h"
#include "os-plot.h"
#include "os-export.h"

G_BEGIN_DECLS

/* Where things land at a given size. */
typedef struct
{
  OsPlotFrame frame;                        /* the heatmap               */
  double bar_left, bar_top, bar_width, bar_height;   /* the colour bar   */
  double value_min, value_max;              /* bottom and top of the bar */
} OsPhaseLayout;

/* The colour map: perceptually uniform (equal steps in OKLab), lightness
 * rising monotonically from dark violet-blue to light yellow, so it reads
 * in grey and for every colour-vision deficiency. t ∈ [0, 1] (clamped). */
void  os_plot_phase_colormap (double t, double rgb[3]);

void  os_plot_phase_layout   (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                              int width, int height, OsPhaseLayout *layout);

/* Draws grid into [0, width] × [0, height] of cr (background included).
 * grid NULL draws a "computing" message. */
void  os_plot_phase_render   (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                              cairo_t *cr, int width, int height);

/* The cell under (x, y) with its exact values, newly allocated, or NULL. */
char *os_plot_phase_tooltip  (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                              int width, int height, double x, double y);

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

/* The same bytes in memory (theme may be NULL for OS_EXPORT_CSV). */
GBytes  *os_plot_phase_export_bytes (const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                     OsExportFormat format, int width, int height, double scale,
                                     GError **error);

/* The same as one file of a set written all or none: drawn now, written
 * by os_output_commit (out). */
gboolean os_plot_phase_export_add (OsOutput *out, const OsPhaseGrid *grid, const OsPlotTheme *theme,
                                   const char *path, OsExportFormat format,
                                   int width, int height, double scale, GError **error);

/* The cells as CSV, full precision: x, y, the quantity, test_error,
 * kernel_error, linear_floor, converged (the first three columns named after
 * the axes and the quantity). */
char    *os_plot_phase_csv_text  (const OsPhaseGrid *grid);
gboolean os_plot_phase_write_csv (const OsPhaseGrid *grid, const char *path, GError **error);

G_END_DECLS
