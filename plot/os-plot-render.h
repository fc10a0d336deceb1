/* os-plot-render.h — draws a scene: background, grid, the series clipped
 * to the frame, ticks, labels, notes and legend. The one drawing function
 * behind the screen and every export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include "os-plot-scene.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* Draws the scene into [0, width] × [0, height] of cr (background included). */
void   os_plot_scene_render  (const OsPlotScene *scene, const OsPlotTheme *theme,
                              cairo_t *cr, int width, int height);

/* A centred message on an empty background (also used inside scenes). */
void   os_plot_draw_message  (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                              const char *title, const char *message);

G_END_DECLS
