/* os-plot-csv.h — a scene's data as CSV rows, at full precision.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-plot-scene.h"

G_BEGIN_DECLS

/* The data as CSV rows "plot,series,x,y,y_err" (no header), full precision. */
void   os_plot_scene_write_csv (const OsPlotScene *scene, const char *plot, GString *out);

G_END_DECLS
