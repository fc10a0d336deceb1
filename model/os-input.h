/* os-input.h — reading a small file that someone named: a parameter set,
 * the window's state file. Only a regular file is read (a FIFO, a device,
 * a socket or a folder is refused without blocking), and never more than
 * a limit, whatever the file system says its size is. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The whole of the regular file at path, NUL-terminated (g_free it), its
 * length in *length. The file is opened without blocking (O_NONBLOCK, no
 * controlling terminal) and checked with fstat after opening; at most
 * max_bytes + 1 bytes are read, so /dev/zero or a growing file cost no
 * more than that. Errors, each naming the file (as
 * g_filename_display_name shows it):
 *   G_FILE_ERROR_NOENT etc. (the errno of open or read),
 *   G_FILE_ERROR_INVAL "is not a regular file (a FIFO)" and the like,
 *   OS_ERROR_TOO_LARGE "is larger than the limit of N bytes". */
gboolean    os_input_read_regular   (const char *path,
                                     gsize       max_bytes,
                                     char      **contents,
                                     gsize      *length,
                                     GError    **error);

/* What st_mode is, in words: "a FIFO", "a folder", "a character device"… */
const char *os_input_describe_mode  (unsigned int st_mode);

G_END_DECLS
