/* os-plot-function.h — the learned function along the spike: f̂(κ) against the
 * target h(κ), with the η̃ = 0 function for contrast (THEORY.md §6).
 *
 * One render function serves the screen and every export; the tooltip
 * hit-tests the same scene. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include "os-figure.h"
#include "os-plot.h"

G_BEGIN_DECLS

/* The y-axis spans at least ±this around the curves' middle (flat curves,
 * e.g. an even teacher with γ = 0, are not blown up to rounding noise). */
#define OS_PLOT_FUNCTION_MIN_HALF_RANGE 0.1

/* The declarative scene of the plot (also the source of its CSV). */
OsPlotScene *os_plot_function_scene   (const OsFigure *fig);

/* Draws fig into [0, width] × [0, height] of cr. fig may lack any part:
 * what is missing is said in the plot, never left blank. */
void         os_plot_function_render  (const OsFigure *fig, const OsPlotTheme *theme,
                                  cairo_t *cr, int width, int height);

/* Text with the exact values of the item nearest to (x, y) in widget
 * coordinates, newly allocated, or NULL. */
char        *os_plot_function_tooltip (const OsFigure *fig, const OsPlotTheme *theme,
                                  int width, int height, double x, double y);

G_END_DECLS
