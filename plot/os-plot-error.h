/* os-plot-error.h — the test error: theory ε_g and ε_t along the axis, the
 * kernel baseline, the floors, simulated points and the slider marker
 * (THEORY.md §5–6).
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

/* The declarative scene of the plot: what os_plot_render () draws,
 * os_plot_tooltip () reads and the CSV export holds (os-export.h). fig may
 * lack any part: what is missing is said in the plot, never left blank. */
OsPlotScene *os_plot_error_scene   (const OsFigure *fig);

G_END_DECLS
