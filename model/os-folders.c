/* os-folders.c — the choosers' folders, remembered across runs.
 *
 * The state file is a GKeyFile:
 *
 *     [folders]
 *     exports=file:///home/ada/Pictures/lecture
 *     params=file:///home/ada/params
 *
 * Folders are stored as file URIs, so any file name (not UTF-8, with
 * newlines) survives the key file's text format. Each write reads the
 * file again and changes one key only, so two windows' processes do not
 * undo each other's folders. The file is read as os-input.c reads (a FIFO
 * or a device in its place is ignored at once: the main thread must not
 * block on it) and written whole (os-output.c). Main thread only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-folders.h"
#include "os-input.h"
#include "os-output.h"

#include <errno.h>
#include <glib/gstdio.h>

#define GROUP     "folders"
#define MAX_BYTES (64 * 1024)   /* two folder URIs; more is not our file */

static const char *const kind_keys[OS_N_FOLDER_KINDS] = { "exports", "params" };

static gboolean loaded;
static char *folders[OS_N_FOLDER_KINDS];

char *
os_folders_state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "one-step-explorer", "folders.ini", NULL);
}

/* The state file as a key file; an empty one if it is missing or cannot
 * be read or parsed (it holds only conveniences). */
static GKeyFile *
read_state (void)
{
  g_autofree char *path = os_folders_state_path ();
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  GKeyFile *file = g_key_file_new ();
  gsize length;

  if (!os_input_read_regular (path, MAX_BYTES, &data, &length, &error)
      || !g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("%s ignored: %s", path, error->message);
      g_key_file_unref (file);
      file = g_key_file_new ();
    }
  return file;
}

/* The folder stored under key, or NULL if there is none or it is not an
 * absolute path on this machine (a file URI with no host or localhost). */
static char *
folder_from_state (GKeyFile *file, const char *key)
{
  g_autofree char *uri = g_key_file_get_string (file, GROUP, key, NULL);
  g_autofree char *host = NULL;
  char *path;

  if (uri == NULL)
    return NULL;
  path = g_filename_from_uri (uri, &host, NULL);
  if (path != NULL
      && (!g_path_is_absolute (path) || (host != NULL && g_ascii_strcasecmp (host, "localhost") != 0)))
    g_clear_pointer (&path, g_free);
  return path;
}

static void
load (void)
{
  g_autoptr (GKeyFile) file = NULL;

  if (loaded)
    return;
  file = read_state ();
  for (int k = 0; k < OS_N_FOLDER_KINDS; k++)
    folders[k] = folder_from_state (file, kind_keys[k]);
  loaded = TRUE;
}

char *
os_folders_get (OsFolderKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < OS_N_FOLDER_KINDS, NULL);

  load ();
  return g_strdup (folders[kind]);
}

gboolean
os_folders_remember (OsFolderKind kind, const char *folder, GError **error)
{
  g_autoptr (GKeyFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (kind >= 0 && kind < OS_N_FOLDER_KINDS, FALSE);
  g_return_val_if_fail (folder != NULL && g_path_is_absolute (folder), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  load ();
  g_free (folders[kind]);
  folders[kind] = g_strdup (folder);

  uri = g_filename_to_uri (folder, NULL, error);
  if (uri == NULL)
    return FALSE;
  path = os_folders_state_path ();
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create the folder %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  file = read_state ();
  g_key_file_set_string (file, GROUP, kind_keys[kind], uri);
  {
    gsize length;
    g_autofree char *data = g_key_file_to_data (file, &length, NULL);
    g_autoptr (GError) local = NULL;

    if (!os_output_write (path, data, length, &local))
      {
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, local->message);
        return FALSE;
      }
    return TRUE;
  }
}

void
os_folders_reset (void)
{
  for (int k = 0; k < OS_N_FOLDER_KINDS; k++)
    g_clear_pointer (&folders[k], g_free);
  loaded = FALSE;
}
