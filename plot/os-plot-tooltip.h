/* os-plot-tooltip.h — hit-testing a scene: what the pointer is over, with
 * its exact values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-plot-scene.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* The data item nearest to (x, y) within a few pixels, as text with its
 * exact values ("ε_g (theory) = 0.174662 at α = 2"), newly allocated, or
 * NULL when nothing is close. */
char  *os_plot_scene_tooltip (const OsPlotScene *scene, const OsPlotTheme *theme,
                              int width, int height, double x, double y);

G_END_DECLS
