/* test-output.c — files written whole and sets of files all or none
 * (model/os-output.c), and named files read safely (model/os-input.c):
 * symbolic links followed and kept, the mode and hard links kept, special
 * files refused, a set whose second file fails leaves the first untouched,
 * no temporary left behind (unnamed or named), stale temporaries of a dead
 * process removed by the next write; reads of FIFOs, devices and oversized
 * files refused without blocking (issue #17, items 2, 3, 4, 6, 9).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-error.h"
#include "os-input.h"
#include "os-output.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tree-util.h"

static char *tmpdir;

/* a new empty folder under tmpdir */
static char *
fresh_dir (const char *name)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  remove_tree (dir);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

static void
assert_contents (const char *path, const char *want)
{
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, want);
}

static void
write_text (const char *path, const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* a new file: 0666 less the umask, nothing else in the folder */
static void
test_new_file (void)
{
  g_autofree char *dir = fresh_dir ("new");
  g_autofree char *path = g_build_filename (dir, "new.csv", NULL);
  g_autoptr (GError) error = NULL;
  mode_t old_umask = umask (027);
  struct stat st;

  g_assert_true (os_output_write (path, "a,b\n", 4, &error));
  umask (old_umask);
  g_assert_no_error (error);
  assert_contents (path, "a,b\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpint (count_entries (dir), ==, 1);
}

/* an existing file keeps its mode (0600 stays 0600) */
static void
test_mode_kept (void)
{
  g_autofree char *dir = fresh_dir ("mode");
  g_autofree char *path = g_build_filename (dir, "secret.png", NULL);
  g_autoptr (GError) error = NULL;
  struct stat st;

  write_text (path, "old");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (os_output_write (path, "new", 3, &error));
  g_assert_no_error (error);
  assert_contents (path, "new");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

/* a symbolic link stays a link (relative, in a chain, dangling); its
 * target is replaced, in the target's folder */
static void
test_symlinks (void)
{
  g_autofree char *dir = fresh_dir ("links");
  g_autofree char *other = g_build_filename (dir, "elsewhere", NULL);
  g_autofree char *target = g_build_filename (other, "real.png", NULL);
  g_autofree char *link1 = g_build_filename (dir, "link1.png", NULL);
  g_autofree char *link2 = g_build_filename (dir, "link2.png", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.png", NULL);
  g_autofree char *created = g_build_filename (other, "created.png", NULL);
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  write_text (target, "old");
  g_assert_cmpint (symlink ("elsewhere/real.png", link1), ==, 0);   /* relative */
  g_assert_cmpint (symlink (link1, link2), ==, 0);                  /* a chain */
  g_assert_true (os_output_write (link2, "new", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link2, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (lstat (link1, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (target, "new");
  g_assert_cmpint (count_entries (other), ==, 1);

  g_assert_cmpint (symlink ("elsewhere/created.png", dangling), ==, 0);
  g_assert_true (os_output_write (dangling, "made", 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (dangling, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (created, "made");
}

/* a hard-linked file is rewritten in place: every link sees the new bytes */
static void
test_hard_link (void)
{
  g_autofree char *dir = fresh_dir ("hard");
  g_autofree char *a = g_build_filename (dir, "a.png", NULL);
  g_autofree char *b = g_build_filename (dir, "b.png", NULL);
  g_autoptr (GError) error = NULL;
  struct stat sa, sb;

  write_text (a, "a much longer old content");
  g_assert_cmpint (link (a, b), ==, 0);
  g_assert_true (os_output_write (a, "new", 3, &error));
  g_assert_no_error (error);
  assert_contents (a, "new");
  assert_contents (b, "new");
  g_assert_cmpint (g_stat (a, &sa), ==, 0);
  g_assert_cmpint (g_stat (b, &sb), ==, 0);
  g_assert_true (sa.st_ino == sb.st_ino && sa.st_nlink == 2);
  g_assert_cmpint (count_entries (dir), ==, 2);
}

/* a folder, a FIFO or a device in the way is refused, never replaced */
static void
test_special_targets (void)
{
  g_autofree char *dir = fresh_dir ("special");
  g_autofree char *fifo = g_build_filename (dir, "fifo.png", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.png", NULL);
  g_autofree char *to_null = g_build_filename (dir, "null.png", NULL);
  const char *const paths[] = { fifo, folder, to_null };
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", to_null), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (os_output_write (paths[i], "x", 1, &error));
      g_assert_error (error, OS_ERROR, OS_ERROR_IO);
      g_assert_false (os_output_check (paths[i], NULL));
    }
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_cmpint (count_entries (dir), ==, 3);
}

/* a set whose second file cannot be written writes none: the first file
 * keeps its old bytes (or is not created) and no temporary is left */
static void
test_all_or_none (void)
{
  g_autofree char *dir = fresh_dir ("set");
  g_autofree char *png = g_build_filename (dir, "pic.png", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.png", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain", NULL);
  g_autofree char *under_file = g_build_filename (plain, "x.csv", NULL);

  write_text (png, "old picture");
  write_text (plain, "a file, not a folder");
  for (int round = 0; round < 2; round++)
    {
      g_autoptr (OsOutput) out = os_output_new ();
      g_autoptr (GError) error = NULL;
      const char *first = round == 0 ? png : fresh;

      g_assert_true (os_output_add (out, first, "new picture", 11, &error));
      g_assert_false (os_output_add (out, under_file, "x", 1, &error));
      g_assert_error (error, OS_ERROR, OS_ERROR_IO);
      g_assert_nonnull (strstr (error->message, under_file));
    }
  assert_contents (png, "old picture");
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_entries (dir), ==, 2);

  /* and a set that succeeds writes both */
  {
    g_autoptr (OsOutput) out = os_output_new ();
    g_autofree char *csv = g_build_filename (dir, "pic.csv", NULL);
    g_autoptr (GError) error = NULL;

    g_assert_true (os_output_add (out, png, "new picture", 11, &error));
    g_assert_true (os_output_add (out, csv, "data", 4, &error));
    /* nothing is in place before the commit */
    assert_contents (png, "old picture");
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
    g_assert_true (os_output_commit (out, &error));
    g_assert_no_error (error);
    assert_contents (png, "new picture");
    assert_contents (csv, "data");
    g_assert_cmpint (count_entries (dir), ==, 3);
  }
}

/* A full file system, where one can be mounted (tmpfs): the write fails
 * with the reason, the old file is intact, nothing is left. */
static void
test_full_disk (void)
{
  g_autofree char *dir = fresh_dir ("full");
  g_autofree char *mount_cmd = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s' 2>/dev/null", dir);
  g_autofree char *umount_cmd = g_strdup_printf ("umount '%s'", dir);
  g_autofree char *fill = g_build_filename (dir, "fill", NULL);
  g_autofree char *png = g_build_filename (dir, "pic.png", NULL);
  g_autofree char *big = g_malloc0 (256 * 1024);
  g_autoptr (GError) error = NULL;
  int status;

  status = system (mount_cmd);
  if (status != 0)
    {
      g_test_skip ("cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): the full disk is "
                   "tested through /dev/full and test-robustness.sh");
      return;
    }
  {
    /* fill it up (what fits of 256 KiB), write, look, and unmount before
     * asserting, so a failure leaves no mount behind */
    FILE *f;
    gboolean written;
    g_autofree char *left = NULL;
    int entries;

    write_text (png, "old");
    f = fopen (fill, "w");
    if (f != NULL)
      {
        fwrite (big, 1, 256 * 1024, f);
        fclose (f);
      }
    written = os_output_write (png, big, 64 * 1024, &error);
    g_file_get_contents (png, &left, NULL, NULL);
    entries = count_entries (dir);
    g_assert_cmpint (system (umount_cmd), ==, 0);

    g_assert_false (written);
    g_assert_error (error, OS_ERROR, OS_ERROR_IO);
    g_assert_nonnull (strstr (error->message, g_strerror (ENOSPC)));
    g_assert_cmpstr (left, ==, "old");
    g_assert_cmpint (entries, ==, 2);
  }
}

/* Named temporaries (a file system without O_TMPFILE): none left after a
 * write, a failed write or a freed set; one of a dead process removed by
 * the next write to the same file, one of a live process kept. */
static void
test_named_temporaries (void)
{
  g_autofree char *dir = fresh_dir ("named");
  g_autofree char *png = g_build_filename (dir, "pic.png", NULL);
  g_autofree char *stale = NULL, *live = NULL, *other = NULL;
  g_autoptr (GError) error = NULL;
  pid_t dead;
  int status;

  os_output_set_unnamed_temporaries (FALSE);
  g_assert_true (os_output_write (png, "one", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_entries (dir), ==, 1);
  {
    g_autoptr (OsOutput) out = os_output_new ();

    g_assert_true (os_output_add (out, png, "two", 3, &error));
    g_assert_cmpint (count_entries (dir), ==, 2);   /* the temporary */
  }
  g_assert_cmpint (count_entries (dir), ==, 1);      /* freed with the set */
  assert_contents (png, "one");

  /* a process that is gone, and this one's parent (alive) */
  dead = fork ();
  if (dead == 0)
    _exit (0);
  g_assert_cmpint (waitpid (dead, &status, 0), ==, dead);
  stale = g_strdup_printf ("%s/.pic.png~os%d-AbC123", dir, (int) dead);
  live = g_strdup_printf ("%s/.pic.png~os%d-AbC123", dir, (int) getppid ());
  other = g_strdup_printf ("%s/.other.png~os%d-AbC123", dir, (int) dead);
  write_text (stale, "half");
  write_text (live, "half");
  write_text (other, "half");
  g_assert_true (os_output_write (png, "three", 5, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  assert_contents (png, "three");
  os_output_set_unnamed_temporaries (TRUE);
}

/* While a set is open, an unnamed temporary has no name in the folder. */
static void
test_unnamed_temporaries (void)
{
  g_autofree char *dir = fresh_dir ("unnamed");
  g_autofree char *png = g_build_filename (dir, "pic.png", NULL);
  g_autoptr (OsOutput) out = os_output_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (os_output_add (out, png, "x", 1, &error));
  g_assert_no_error (error);
  if (count_entries (dir) != 0)
    {
      g_test_skip ("this file system has no O_TMPFILE: temporaries are named (tested above)");
      return;
    }
  g_assert_true (os_output_commit (out, &error));
  g_assert_cmpint (count_entries (dir), ==, 1);
}

/* os-input: a FIFO, a device, a folder refused at once; a regular file
 * over the limit refused after reading limit + 1 bytes */
static void
test_input (void)
{
  g_autofree char *dir = fresh_dir ("input");
  g_autofree char *fifo = g_build_filename (dir, "fifo", NULL);
  g_autofree char *big = g_build_filename (dir, "big", NULL);
  g_autofree char *small = g_build_filename (dir, "small", NULL);
  const char *const special[] = { fifo, "/dev/zero", "/dev/urandom", dir };
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    {
      g_autoptr (GError) e = NULL;
      char *d = NULL;
      gint64 t0 = g_get_monotonic_time ();

      g_assert_false (os_input_read_regular (special[i], 100, &d, NULL, &e));
      g_assert_nonnull (e);
      g_assert_nonnull (strstr (e->message, "not a regular file"));
      g_assert_null (d);
      g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC / 2);
    }
  write_text (big, "0123456789abc");
  g_assert_false (os_input_read_regular (big, 10, &data, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_TOO_LARGE);
  g_clear_error (&error);
  write_text (small, "0123456789");
  g_assert_true (os_input_read_regular (small, 10, &data, &length, &error));
  g_assert_cmpstr (data, ==, "0123456789");
  g_assert_cmpuint (length, ==, 10);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("onestep-output-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  g_test_add_func ("/Output/new-file", test_new_file);
  g_test_add_func ("/Output/mode-kept", test_mode_kept);
  g_test_add_func ("/Output/symlinks", test_symlinks);
  g_test_add_func ("/Output/hard-link", test_hard_link);
  g_test_add_func ("/Output/special-targets", test_special_targets);
  g_test_add_func ("/Output/all-or-none", test_all_or_none);
  g_test_add_func ("/Output/full-disk", test_full_disk);
  g_test_add_func ("/Output/named-temporaries", test_named_temporaries);
  g_test_add_func ("/Output/unnamed-temporaries", test_unnamed_temporaries);
  g_test_add_func ("/Input/special-and-large", test_input);
  rc = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return rc;
}
