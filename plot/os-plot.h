/* os-plot.h — the plot machinery shared by the four plots: a theme, nice
 * ticks on linear and log axes, and a declarative "scene" (lines, points
 * with error bars, reference lines, histograms, labelled ticks) that one
 * function draws — for the screen and for every export alike — and another
 * hit-tests for tooltips.
 *
 * No GTK: Cairo, Pango (text) and GLib only, so everything here renders and
 * tests headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include "os-plot-theme.h"
#include "os-plot-ticks.h"
#include "os-plot-scene.h"
#include "os-plot-csv.h"
#include "os-plot-labels.h"

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
/* Draws the scene into [0, width] × [0, height] of cr (background included). */
void   os_plot_scene_render  (const OsPlotScene *scene, const OsPlotTheme *theme,
                              cairo_t *cr, int width, int height);
/* The data item nearest to (x, y) within a few pixels, as text with its
 * exact values ("ε_g (theory) = 0.174662 at α = 2"), newly allocated, or
 * NULL when nothing is close. */
char  *os_plot_scene_tooltip (const OsPlotScene *scene, const OsPlotTheme *theme,
                              int width, int height, double x, double y);
/* A centred message on an empty background (also used inside scenes). */
void   os_plot_draw_message  (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                              const char *title, const char *message);

G_END_DECLS
