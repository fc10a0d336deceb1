/* os-plot-render.h — draws a scene: background, grid, the series clipped
 * to the frame, ticks, labels, notes and legend. The one drawing function
 * behind the screen and every export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include "os-figure-style.h"
#include "os-plot-scene.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* Draws the scene into [0, width] × [0, height] of cr (background
 * included), with the screen's style or a given one. */
void   os_plot_scene_render       (const OsPlotScene *scene, const OsPlotTheme *theme,
                                   cairo_t *cr, int width, int height);
void   os_plot_scene_render_style (const OsPlotScene *scene, const OsPlotTheme *theme,
                                   const OsFigureStyle *style, cairo_t *cr, int width, int height);

/* A centred message on an empty background (also used inside scenes). */
void   os_plot_draw_message  (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                              const char *title, const char *message);

/* The boxes of an empty plot's title (all 0 without one) and message,
 * and the width the message wraps at. */
void   os_plot_message_boxes (const OsPlotTheme *theme, int width, int height, const char *title,
                              const char *message, double title_box[4], double message_box[4],
                              double *message_wrap);

G_END_DECLS
