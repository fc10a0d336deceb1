/* os-flags-private.h — what os-flags.c, os-flags-help.c, os-flags-file.c
 * and os-flags-state.c (the window's whole view from flags and back) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-flags.h"

G_BEGIN_DECLS

/* "tanh, erf, relu, sin": the students' or the teachers' names */
char    *os_flags_activation_names    (gboolean       student);
/* The generated help of one flag for the mode's use and defaults. */
char    *os_flags_help_text           (const OsFlags *flags,
                                       OsFlag         flag);
/* The spelling of a flag without "--". */
const char *os_flags_name             (OsFlag         flag);

/* --params FILE and --preset NAME at their place on the command line
 * (os-flags-file.c). */
gboolean os_flags_load_file_or_preset (OsFlags    *flags,
                                       const char *option_name,
                                       OsFlag      flag,
                                       const char *value,
                                       GError    **error);

/* A flag given on the command line replaces what the last file set for
 * it (and --log/--linear replace each other's file value). */
void     os_flags_forget_file_value   (OsFlags    *flags,
                                       OsFlag      flag);

G_END_DECLS
