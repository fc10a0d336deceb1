/* os-flags-private.h — what os-flags.c and os-flags-file.c share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-flags.h"

G_BEGIN_DECLS

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
