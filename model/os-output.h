/* os-output.h — files written whole or not at all, and the files of one
 * export written all or none (GLib only).
 *
 *     OsOutput *out = os_output_new ();
 *     if (os_output_add (out, "pic.png", png, png_size, &error)
 *         && os_output_add (out, "pic.csv", csv, csv_size, &error))
 *       os_output_commit (out, &error);
 *     os_output_free (out);
 *
 * os_output_add writes the bytes to a temporary file in the folder of the
 * file it will replace, and syncs it, so that a full disk or a folder that
 * cannot be written shows before anything is replaced. os_output_commit
 * then renames every temporary over its file. What is replaced:
 *
 *   - a symbolic link is followed (a chain of them, a dangling one too):
 *     its target is replaced, in the target's folder, and the link stays;
 *   - the existing file's mode (and owner, where allowed) is kept; a new
 *     file gets 0666 less the umask;
 *   - a file with other hard links is rewritten in place after the
 *     temporary proved the bytes fit, so that every link sees the new
 *     contents (the one case that is not an atomic rename);
 *   - anything that is not a regular file (a folder, a FIFO, a device) is
 *     refused, never replaced.
 *
 * The temporary has no name while it is written (O_TMPFILE, where the file
 * system has it): a crash or a SIGKILL leaves nothing behind. Otherwise it
 * is ".NAME~os<pid>-XXXXXX" beside the file, and the next write to NAME
 * removes such files whose process is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OsOutput OsOutput;

OsOutput *os_output_new     (void);
/* Removes the temporaries of files not committed. NULL is ignored. */
void      os_output_free    (OsOutput   *out);

/* Whether path could be written (before a long computation): its folder
 * exists and takes a new file, and path is not a folder or a special
 * file. OS_ERROR_IO "cannot write 'PATH': why". */
gboolean  os_output_check   (const char *path,
                             GError    **error);

/* Writes data to a temporary for path (see above). OS_ERROR_IO "cannot
 * write 'PATH': why" on failure; the set is then to be freed, not
 * committed. A path may be added once. */
gboolean  os_output_add     (OsOutput   *out,
                             const char *path,
                             const void *data,
                             gsize       size,
                             GError    **error);

/* Puts every file added in place. The renames come after every byte is on
 * disk, so the one way to fail here is a rename refused by the system
 * (nothing is renamed after that one). */
gboolean  os_output_commit  (OsOutput   *out,
                             GError    **error);

/* One file: os_output_add, then os_output_commit. */
gboolean  os_output_write   (const char *path,
                             const void *data,
                             gsize       size,
                             GError    **error);

/* For tests: FALSE makes the temporaries named ones, as on a file system
 * without O_TMPFILE. */
void      os_output_set_unnamed_temporaries (gboolean allowed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsOutput, os_output_free)

G_END_DECLS
