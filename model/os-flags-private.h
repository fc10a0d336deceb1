/* os-flags-private.h — what os-flags.c, os-flags-help.c and
 * os-flags-state.c (the window's whole view from flags and back) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-flags.h"

G_BEGIN_DECLS

/* "tanh, erf, relu, sin": the students' or the teachers' names */
char *os_flags_activation_names (gboolean student);
/* The generated help of one flag for the mode's use and defaults. */
char *os_flags_help_text        (const OsFlags *flags, OsFlag flag);
/* The spelling of a flag without "--". */
const char *os_flags_name       (OsFlag flag);

G_END_DECLS
