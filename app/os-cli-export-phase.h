/* os-cli-export-phase.h — `onestep-explorer export --plot phase`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-export-request.h"
#include "os-flags.h"
#include "os-plot.h"

/* The phase diagram of --quantity (default ε_g) over the request's x-axis
 * × --y-axis (default η̃, or α when the x-axis is η̃), at its parameters,
 * 64 × 64 cells unless --points is given (then that many per axis), with
 * the quantity's lines (η̃* of the finite-d ε_d and the η̃_BBP(d) line
 * when the request's network size is finite), drawn to output (.png, .svg, .pdf) with the
 * request's style and page, its cells to csv and its geometry to boxes
 * (both nullable): all written or none (model/os-output.h). Fills in the
 * request's phase settings. OS_ERROR_INVALID_ARGUMENT for bad input,
 * OS_ERROR_IO when a file cannot be written. */
gboolean os_cli_export_phase (OsExportRequest   *request,
                              const OsFlags     *flags,
                              const OsPlotTheme *theme,
                              const char        *output,
                              const char        *csv,
                              const char        *boxes,
                              GError           **error);
