/* os-output.c — whole files, and sets of files written all or none.
 *
 * Each file of a set is first written to a temporary in the folder of the
 * file it replaces (so the final rename stays inside one file system) and
 * synced: every way a write can fail — no space, a quota, a read-only or
 * missing folder, an I/O error — fails there, while the old files are
 * untouched. Only then are the temporaries renamed into place, one rename
 * each. A temporary is unnamed while written (O_TMPFILE) and gets a name
 * (linkat) just before its rename, so a process killed at any moment
 * leaves at most a name that lived microseconds; where O_TMPFILE is
 * missing, stale named temporaries of dead processes are removed by the
 * next write to the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-output.h"
#include "os-error.h"
#include "os-input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS          40     /* symbolic links followed, as the kernel does */
#define TEMP_BASE_MAX      200    /* bytes of the file's name kept in a temporary's */
#define TEMP_TAG           "~os"

typedef struct
{
  char       *path;        /* as given: the messages name it           */
  char       *target;      /* symbolic links resolved                  */
  char       *base;        /* the target's name in its folder          */
  int         dir_fd;      /* the target's folder                      */
  int         fd;          /* the temporary, written and synced        */
  char       *temp_name;   /* its name in the folder; NULL: unnamed    */
  GBytes     *in_place;    /* the bytes, when the target is hard-linked */
  dev_t       dev;         /* the target's identity (in-place writes)  */
  ino_t       ino;
  gboolean    committed;
} Entry;

struct _OsOutput
{
  GArray *entries;         /* Entry */
};

static gboolean unnamed_allowed = TRUE;

void
os_output_set_unnamed_temporaries (gboolean allowed)
{
  unnamed_allowed = allowed;
}

static void
set_io_error (GError **error, const char *path, int saved, const char *what)
{
  g_autofree char *display = g_filename_display_name (path);

  if (what != NULL)
    g_set_error (error, OS_ERROR, OS_ERROR_IO, "cannot write '%s': %s", display, what);
  else
    g_set_error (error, OS_ERROR, OS_ERROR_IO, "cannot write '%s': %s", display, g_strerror (saved));
}

/* ---- where the bytes go ------------------------------------------------ */

/* path with its symbolic links followed to the file they name (which may
 * not exist yet: a dangling link names the file to create) */
static char *
resolve_target (const char *path, GError **error)
{
  g_autofree char *current = g_strdup (path);

  for (int i = 0; i <= MAX_LINKS; i++)
    {
      struct stat st;
      g_autofree char *link = NULL;
      g_autoptr (GError) link_error = NULL;

      if (lstat (current, &st) != 0)
        {
          int saved = errno;

          if (saved == ENOENT)
            return g_steal_pointer (&current);   /* a new file (or a missing folder: seen later) */
          set_io_error (error, path, saved, NULL);
          return NULL;
        }
      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, &link_error);
      if (link == NULL)
        {
          set_io_error (error, path, 0, link_error->message);
          return NULL;
        }
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
    }
  set_io_error (error, path, ELOOP, NULL);
  return NULL;
}

/* The target, its folder open, and what it is now. exists is FALSE for a
 * new file; a folder or a special file is refused. */
static gboolean
open_target (const char *path, char **target_out, char **base_out, int *dir_fd_out,
             struct stat *st, gboolean *exists, GError **error)
{
  g_autofree char *target = resolve_target (path, error);
  g_autofree char *dir = NULL, *base = NULL;
  int dir_fd;

  if (target == NULL)
    return FALSE;
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  if (g_str_has_suffix (target, G_DIR_SEPARATOR_S) || g_str_equal (base, ".") || g_str_equal (base, ".."))
    {
      set_io_error (error, path, EISDIR, NULL);
      return FALSE;
    }
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);
      g_autofree char *why = g_strdup_printf ("the folder '%s' %s", display,
                                              saved == ENOENT ? "does not exist"
                                              : saved == ENOTDIR ? "is not a folder" : g_strerror (saved));

      set_io_error (error, path, saved, why);
      return FALSE;
    }
  *exists = fstatat (dir_fd, base, st, AT_SYMLINK_NOFOLLOW) == 0;
  if (!*exists && errno != ENOENT)
    {
      set_io_error (error, path, errno, NULL);
      close (dir_fd);
      return FALSE;
    }
  if (*exists && !S_ISREG (st->st_mode))
    {
      g_autofree char *why = g_strdup_printf ("it is %s, not a regular file; it is not replaced",
                                              os_input_describe_mode (st->st_mode));

      set_io_error (error, path, 0, why);
      close (dir_fd);
      return FALSE;
    }
  *target_out = g_steal_pointer (&target);
  *base_out = g_steal_pointer (&base);
  *dir_fd_out = dir_fd;
  return TRUE;
}

/* ---- temporaries -------------------------------------------------------- */

/* ".NAME~os" with NAME cut to TEMP_BASE_MAX bytes: every temporary of base
 * starts with it */
static char *
temp_prefix (const char *base)
{
  g_autofree char *cut = g_strndup (base, TEMP_BASE_MAX);

  return g_strconcat (".", cut, TEMP_TAG, NULL);
}

/* Removes the named temporaries of base left by processes that are gone
 * (killed between naming a temporary and renaming it). */
static void
remove_stale (int dir_fd, const char *base)
{
  g_autofree char *prefix = temp_prefix (base);
  gsize prefix_len = strlen (prefix);
  int fd = openat (dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *dir;
  struct dirent *e;

  if (fd < 0)
    return;
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return;
    }
  while ((e = readdir (dir)) != NULL)
    {
      const char *rest;
      char *end = NULL;
      long pid;

      if (strncmp (e->d_name, prefix, prefix_len) != 0)
        continue;
      /* "<pid>-XXXXXX" */
      rest = e->d_name + prefix_len;
      if (!g_ascii_isdigit (*rest))
        continue;
      errno = 0;
      pid = strtol (rest, &end, 10);
      if (errno != 0 || pid <= 0 || pid == (long) getpid () || *end != '-' || strlen (end + 1) != 6)
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;   /* alive, or not ours to judge */
      unlinkat (dir_fd, e->d_name, 0);
    }
  closedir (dir);
}

/* A fresh name for a temporary of base: ".NAME~os<pid>-XXXXXX" */
static char *
temp_name (const char *base)
{
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  g_autofree char *prefix = temp_prefix (base);
  char suffix[7];

  for (int i = 0; i < 6; i++)
    suffix[i] = chars[g_random_int_range (0, (gint32) sizeof chars - 1)];
  suffix[6] = '\0';
  return g_strdup_printf ("%s%d-%s", prefix, (int) getpid (), suffix);
}

/* A new temporary in dir_fd: unnamed where the file system allows it
 * (*name NULL), else named. -1 with errno on failure. */
static int
create_temp (int dir_fd, const char *base, char **name)
{
  *name = NULL;
#ifdef O_TMPFILE
  if (unnamed_allowed)
    {
      int fd = openat (dir_fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);

      if (fd >= 0)
        return fd;
      /* the file system has no O_TMPFILE: a named temporary instead */
      if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOENT)
        return -1;
    }
#endif
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *candidate = temp_name (base);
      int fd = openat (dir_fd, candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);

      if (fd >= 0)
        {
          *name = g_steal_pointer (&candidate);
          return fd;
        }
      if (errno != EEXIST)
        return -1;
    }
  errno = EEXIST;
  return -1;
}

static gboolean
write_all (int fd, const guint8 *data, gsize size, off_t offset)
{
  while (size > 0)
    {
      ssize_t n = pwrite (fd, data, MIN (size, (gsize) 1 << 30), offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = ENOSPC;
          return FALSE;
        }
      data += n;
      size -= (gsize) n;
      offset += n;
    }
  return TRUE;
}

/* fsync, where the file system has it */
static gboolean
sync_fd (int fd)
{
  if (fsync (fd) == 0 || errno == EINVAL || errno == EROFS)
    return TRUE;
  return FALSE;
}

/* ---- the set ------------------------------------------------------------ */

OsOutput *
os_output_new (void)
{
  OsOutput *out = g_new0 (OsOutput, 1);

  out->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  return out;
}

static void
entry_clear (Entry *e)
{
  if (e->fd >= 0)
    close (e->fd);
  if (e->temp_name != NULL && !e->committed)
    unlinkat (e->dir_fd, e->temp_name, 0);
  if (e->dir_fd >= 0)
    close (e->dir_fd);
  g_free (e->path);
  g_free (e->target);
  g_free (e->base);
  g_free (e->temp_name);
  g_clear_pointer (&e->in_place, g_bytes_unref);
}

void
os_output_free (OsOutput *out)
{
  if (out == NULL)
    return;
  for (guint i = 0; i < out->entries->len; i++)
    entry_clear (&g_array_index (out->entries, Entry, i));
  g_array_unref (out->entries);
  g_free (out);
}

gboolean
os_output_check (const char *path, GError **error)
{
  g_autofree char *target = NULL, *base = NULL, *name = NULL;
  struct stat st;
  gboolean exists;
  int dir_fd, fd;

  g_return_val_if_fail (path != NULL, FALSE);
  if (!open_target (path, &target, &base, &dir_fd, &st, &exists, error))
    return FALSE;
  /* a folder that takes a new file (root passes access (); this asks the
   * file system, so a read-only mount says so too) */
  fd = create_temp (dir_fd, base, &name);
  if (fd < 0)
    {
      set_io_error (error, path, errno, NULL);
      close (dir_fd);
      return FALSE;
    }
  close (fd);
  if (name != NULL)
    unlinkat (dir_fd, name, 0);
  close (dir_fd);
  return TRUE;
}

gboolean
os_output_add (OsOutput *out, const char *path, const void *data, gsize size, GError **error)
{
  Entry e = { .dir_fd = -1, .fd = -1 };
  struct stat st;
  gboolean exists;

  g_return_val_if_fail (out != NULL && path != NULL && (data != NULL || size == 0), FALSE);
  if (!open_target (path, &e.target, &e.base, &e.dir_fd, &st, &exists, error))
    return FALSE;
  e.path = g_strdup (path);
  remove_stale (e.dir_fd, e.base);
  e.fd = create_temp (e.dir_fd, e.base, &e.temp_name);
  if (e.fd < 0)
    {
      set_io_error (error, path, errno, NULL);
      entry_clear (&e);
      return FALSE;
    }
  if (exists)
    {
      /* the existing file's owner (where allowed) and mode; the owner
       * first, as a change of owner clears the set-id bits */
      if (fchown (e.fd, st.st_uid, st.st_gid) != 0)
        (void) fchown (e.fd, (uid_t) -1, st.st_gid);
      (void) fchmod (e.fd, st.st_mode & 07777);
      e.dev = st.st_dev;
      e.ino = st.st_ino;
      /* other hard links see the new bytes only if the file is rewritten */
      if (st.st_nlink > 1)
        e.in_place = g_bytes_new (data, size);
    }
  if (!write_all (e.fd, data, size, 0) || !sync_fd (e.fd))
    {
      set_io_error (error, path, errno, NULL);
      entry_clear (&e);
      return FALSE;
    }
  g_array_append_val (out->entries, e);
  return TRUE;
}

/* Gives an unnamed temporary a name in its folder. */
static gboolean
name_temp (Entry *e)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", e->fd);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *candidate = temp_name (e->base);

      if (linkat (AT_FDCWD, proc, e->dir_fd, candidate, AT_SYMLINK_FOLLOW) == 0
#ifdef AT_EMPTY_PATH
          || (errno == ENOENT && linkat (e->fd, "", e->dir_fd, candidate, AT_EMPTY_PATH) == 0)
#endif
          )
        {
          e->temp_name = g_steal_pointer (&candidate);
          return TRUE;
        }
      if (errno != EEXIST)
        return FALSE;
    }
  errno = EEXIST;
  return FALSE;
}

/* Rewrites a hard-linked file in place: its temporary is dropped first, so
 * the space it proved is there for the file. */
static gboolean
rewrite_in_place (Entry *e, GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (e->in_place, &size);
  struct stat st;
  int fd;

  close (e->fd);
  e->fd = -1;
  if (e->temp_name != NULL)
    {
      unlinkat (e->dir_fd, e->temp_name, 0);
      g_clear_pointer (&e->temp_name, g_free);
    }
  fd = openat (e->dir_fd, e->base, O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0 || fstat (fd, &st) != 0 || st.st_dev != e->dev || st.st_ino != e->ino)
    {
      set_io_error (error, e->path, errno, fd < 0 ? NULL : "the file changed while it was written");
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  if (!write_all (fd, data, size, 0) || ftruncate (fd, (off_t) size) != 0 || !sync_fd (fd))
    {
      int saved = errno;
      g_autofree char *why = g_strdup_printf ("%s (the file has other hard links and was being "
                                              "rewritten in place: it may be incomplete)",
                                              g_strerror (saved));

      set_io_error (error, e->path, saved, why);
      close (fd);
      return FALSE;
    }
  close (fd);
  e->committed = TRUE;
  return TRUE;
}

gboolean
os_output_commit (OsOutput *out, GError **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  /* the renames, then the in-place rewrites */
  for (guint i = 0; i < out->entries->len; i++)
    {
      Entry *e = &g_array_index (out->entries, Entry, i);

      if (e->committed || e->in_place != NULL)
        continue;
      if (e->temp_name == NULL && !name_temp (e))
        {
          set_io_error (error, e->path, errno, NULL);
          return FALSE;
        }
      if (renameat (e->dir_fd, e->temp_name, e->dir_fd, e->base) != 0)
        {
          set_io_error (error, e->path, errno, NULL);
          return FALSE;
        }
      e->committed = TRUE;
      /* the rename itself on disk, where the file system allows */
      (void) fsync (e->dir_fd);
    }
  for (guint i = 0; i < out->entries->len; i++)
    {
      Entry *e = &g_array_index (out->entries, Entry, i);

      if (!e->committed && !rewrite_in_place (e, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
os_output_write (const char *path, const void *data, gsize size, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_output_add (out, path, data, size, error) && os_output_commit (out, error);
}
