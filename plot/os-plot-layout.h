/* os-plot-layout.h — where a scene's data lands: the automatic axis
 * ranges, the frame left by the titles, tick labels and axis labels, and
 * the legend's place; the mapping from data to widget coordinates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-plot-scene.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* Where the data lands: the frame in widget coordinates and the ranges. */
typedef struct
{
  double left, top, width, height;    /* the data rectangle */
  double x_min, x_max, y_min, y_max;
  gboolean x_log, y_log;
  double legend_x, legend_y, legend_w, legend_h;   /* 0 × 0 when no legend */
} OsPlotFrame;

double os_plot_frame_x (const OsPlotFrame *frame, double x);
double os_plot_frame_y (const OsPlotFrame *frame, double y);

/* Computes the frame render would use at this size (no drawing). */
void   os_plot_scene_layout  (const OsPlotScene *scene, const OsPlotTheme *theme,
                              int width, int height, OsPlotFrame *frame);

G_END_DECLS
