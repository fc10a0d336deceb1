/* os-flags-private.h — what the files of the shared flags share
 * (os-flags.c parses, os-flags-help.c writes the help, os-flags-state.c
 * turns flags into the window's whole view and back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-flags.h"

G_BEGIN_DECLS

/* "tanh, erf, relu, sin": the students' (or the teachers') names */
char *os_flags_activation_names (gboolean student);
/* The generated help of one flag for this use and these defaults. */
char *os_flags_help_text        (const OsFlags *flags, OsFlag flag);
/* The spelling of a flag without "--". */
const char *os_flags_name       (OsFlag flag);

G_END_DECLS
