/* os-cli-export-animate.h — `onestep-explorer export --animate NAME`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-animate.h"

/* Records the animation of plot kind (model/os-animation.h, drawn as every
 * export is; with shown's hidden series and pins, nullable) to output (.webm, .mp4, .gif) at width × height (even), and
 * says on stderr how long a frame took. Written whole or not at all.
 * OS_ERROR_INVALID_ARGUMENT for bad input, G_IO_ERROR_NOT_SUPPORTED for a
 * missing encoder (the message names the Debian package), OS_ERROR_IO
 * when the file cannot be written. */
gboolean os_cli_export_animate (const OsParams    *params,
                                const OsView      *view,
                                const OsAnimation *animation,
                                OsPlotKind         kind,
                                const OsPlotTheme *theme,
                                const OsFigure    *shown,
                                const char        *output,
                                int                width,
                                int                height,
                                GError           **error);
