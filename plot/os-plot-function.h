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

/* The declarative scene of the plot: what os_plot_render () draws,
 * os_plot_tooltip () reads and the CSV export holds (os-export.h). fig may
 * lack any part: what is missing is said in the plot, never left blank. */
OsPlotScene *os_plot_function_scene   (const OsFigure *fig);

G_END_DECLS
