/* os-plot-shown.h — what a plot shows of its figure: the series a lecturer
 * hid (model/os-series.h) are left out, and the figure's overlays are
 * drawn in: pins (the curves of a kept parameter set, faded, with a legend
 * entry naming what differs) and the values of a comparison (export
 * --compare: each value's curves in a colour of a sequential scale, in
 * place of the figure's own). An overlay's curves are those its own
 * figure's scene draws, so a pin looks like the live curve it was. The CSV
 * names each overlay's series after it ("ε_g (theory), η̃ = 0.5"). No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-figure.h"
#include "os-plot-kinds.h"
#include "os-plot-scene.h"
#include "os-series.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* The id a series of plot kind stands for (by its name), or
 * OS_SERIES_ID_NONE for one that cannot be hidden. */
OsSeriesId os_plot_series_id         (OsPlotKind kind, const OsPlotSeries *series);

/* Applies fig's hidden series and overlays to scene, a scene of plot
 * kind built from fig. build makes the scene of an overlay's figure. */
void       os_plot_scene_apply_shown (OsPlotScene *scene, OsPlotKind kind, const OsFigure *fig,
                                      OsPlotScene *(*build) (const OsFigure *));

/* The legend entry under (x, y) of plot kind (or of the cell hit, for
 * OS_PLOT_ALL) drawn at width × height in the screen's style: the id of
 * its series (OS_SERIES_ID_NONE for one that cannot be hidden) and, for a
 * pin's or a compared value's entry, 1 + the index of its overlay in
 * fig->overlays (else 0). FALSE off every legend entry. */
gboolean   os_plot_legend_hit        (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme,
                                      int width, int height, double x, double y, OsSeriesId *id,
                                      int *overlay);

G_END_DECLS
