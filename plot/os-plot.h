/* os-plot.h — the plot machinery shared by the four plots, one header per
 * topic: a theme, nice ticks on linear and log axes, and a declarative
 * "scene" (lines, points with error bars, reference lines, histograms,
 * labelled ticks) that one function draws — for the screen and for every
 * export alike — another lays out, another hit-tests for tooltips, and
 * another writes as CSV; plus the labels in the paper's symbols.
 *
 * No GTK: Cairo, Pango (text) and GLib only, so everything here renders and
 * tests headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-plot-theme.h"
#include "os-plot-ticks.h"
#include "os-plot-scene.h"
#include "os-plot-layout.h"
#include "os-plot-render.h"
#include "os-plot-tooltip.h"
#include "os-plot-csv.h"
#include "os-plot-labels.h"
