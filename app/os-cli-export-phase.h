/* os-cli-export-phase.h — `onestep-explorer export --plot phase`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-curve.h"
#include "os-plot.h"

/* The phase diagram of ε_g over x_sweep's axis × η̃ (× α when the axis is
 * η̃), at params, 64 × 64 cells unless points_given (then x_sweep->points
 * per axis), with the contours and the optimal η̃ line (of the finite-d
 * ε_d when network_d is finite, with the η̃_BBP(d) line; INFINITY: the
 * d → ∞ theory), drawn to output (.png, .svg, .pdf) and its cells to csv
 * (nullable): both written or neither (model/os-output.h).
 * OS_ERROR_INVALID_ARGUMENT for bad input,
 * OS_ERROR_IO when a file cannot be written. */
gboolean os_cli_export_phase (const OsParams    *params,
                              const OsSweep     *x_sweep,
                              gboolean           points_given,
                              double             network_d,
                              const OsPlotTheme *theme,
                              const char        *output,
                              const char        *csv,
                              int                width,
                              int                height,
                              double             scale,
                              GError           **error);
