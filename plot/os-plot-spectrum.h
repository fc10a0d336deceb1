/* os-plot-spectrum.h — the spectrum: histograms of the simulated singular values
 * (initialisation and after the step) against the predicted densities,
 * bulk edges and outliers (THEORY.md §6, §9).
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
OsPlotScene *os_plot_spectrum_scene   (const OsFigure *fig);

G_END_DECLS
