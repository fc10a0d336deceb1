/* os-cli-export-lesson.h — `onestep-explorer export --lesson NAME|FILE
 * --output handout.pdf`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-handout.h"

/* The handout of the lesson (built-in id or file) to output (.pdf), one
 * page per step; a claim of the lesson that does not hold is said on
 * stderr. Written whole or not at all. */
gboolean os_cli_export_lesson (const char        *lesson,
                               const OsPlotTheme *theme,
                               const char        *output,
                               GError           **error);
