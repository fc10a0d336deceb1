/* os-folders.h — the folder each kind of file chooser was last accepted
 * in, kept across runs of the application in
 * $XDG_STATE_HOME/one-step-explorer/folders.ini (GLib only, no GTK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OS_FOLDER_EXPORTS,   /* plots, figures and tables written by Export */
  OS_FOLDER_PARAMS,    /* parameter sets opened or saved */
  OS_N_FOLDER_KINDS
} OsFolderKind;

/* The folder last remembered for kind, in this run or an earlier one (a
 * new string), or NULL if none was. The state file is read on the first
 * call; a missing, unreadable or malformed file counts as empty. The
 * folder may no longer exist: the caller checks. */
char       *os_folders_get       (OsFolderKind kind);

/* Remembers folder (an absolute local path) for kind, and writes the
 * state file. Returns FALSE with error set if the file could not be
 * written; the folder is still remembered for this run. */
gboolean    os_folders_remember  (OsFolderKind kind, const char *folder, GError **error);

/* The state file's path (a new string). */
char       *os_folders_state_path (void);

/* Forgets what this run remembered, so that the next os_folders_get reads
 * the state file again, as a new run would (for tests). */
void        os_folders_reset     (void);

G_END_DECLS
