/* os-input.c — reading small named files without hanging or running away.
 *
 * g_file_get_contents () opens a FIFO and waits for a writer forever, and
 * reads a device until memory runs out (st_size is 0 there, so a size check
 * before reading sees nothing). Here the path is checked with stat () first,
 * so a special file is refused without being opened at all; then opened
 * with O_NONBLOCK (so a FIFO swapped in meanwhile cannot block the open) and
 * checked again with fstat () on what was opened; then read up to one byte
 * past the limit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-input.h"
#include "os-error.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
os_input_describe_mode (unsigned int st_mode)
{
  if (S_ISDIR (st_mode))
    return "a folder";
  if (S_ISFIFO (st_mode))
    return "a FIFO";
  if (S_ISCHR (st_mode))
    return "a character device";
  if (S_ISBLK (st_mode))
    return "a block device";
  if (S_ISSOCK (st_mode))
    return "a socket";
  if (S_ISLNK (st_mode))
    return "a symbolic link";
  if (S_ISREG (st_mode))
    return "a regular file";
  return "not a regular file";
}

static gboolean
refuse_special (const char *display, const struct stat *st, GError **error)
{
  if (S_ISREG (st->st_mode))
    return TRUE;
  g_set_error (error, G_FILE_ERROR, S_ISDIR (st->st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL,
               "'%s' is not a regular file (it is %s)", display, os_input_describe_mode (st->st_mode));
  return FALSE;
}

static void
set_errno_error (GError **error, int saved, const char *what, const char *display)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot %s '%s': %s", what,
               display, g_strerror (saved));
}

gboolean
os_input_read_regular (const char *path, gsize max_bytes, char **contents, gsize *length,
                       GError **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize size = 0;
  int fd;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);
  g_return_val_if_fail (max_bytes < G_MAXSIZE - 1, FALSE);

  display = g_filename_display_name (path);
  if (stat (path, &st) != 0)
    {
      set_errno_error (error, errno, "open", display);
      return FALSE;
    }
  if (!refuse_special (display, &st, error))
    return FALSE;
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, "open", display);
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, "read", display);
      close (fd);
      return FALSE;
    }
  if (!refuse_special (display, &st, error))
    {
      close (fd);
      return FALSE;
    }

  /* read up to max_bytes + 1: one byte more than allowed proves "too large"
   * without trusting st_size */
  data = g_malloc (MIN ((gsize) MAX (st.st_size, 0), max_bytes) + 2);
  {
    gsize capacity = MIN ((gsize) MAX (st.st_size, 0), max_bytes) + 1;

    while (size <= max_bytes)
      {
        ssize_t got;

        if (size == capacity)
          {
            capacity = MIN (2 * capacity, max_bytes + 1);
            data = g_realloc (data, capacity + 1);
          }
        got = read (fd, data + size, capacity - size);
        if (got < 0 && errno == EINTR)
          continue;
        if (got < 0)
          {
            set_errno_error (error, errno, "read", display);
            close (fd);
            return FALSE;
          }
        if (got == 0)
          break;
        size += (gsize) got;
      }
  }
  close (fd);
  if (size > max_bytes)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_TOO_LARGE,
                   "'%s' is larger than the limit of %" G_GSIZE_FORMAT " bytes", display, max_bytes);
      return FALSE;
    }
  data[size] = '\0';
  *contents = g_steal_pointer (&data);
  if (length != NULL)
    *length = size;
  return TRUE;
}
