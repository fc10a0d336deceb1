/* test-folders.c — the choosers' folders kept across runs (os-folders.c):
 * none at first, each kind read back by a new run (os_folders_reset), a
 * write that keeps another process's key, file names the key file's text
 * could not hold as they are, malformed state files ignored and replaced,
 * and a state folder that cannot be created.
 *
 * The process gets its own XDG_STATE_HOME, set before GLib reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-folders.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include "tree-util.h"

static char *state_home;   /* $XDG_STATE_HOME of this process */

/* A new run with an empty state folder. */
static void
fresh_run (void)
{
  remove_tree (state_home);
  g_assert_cmpint (g_mkdir_with_parents (state_home, 0700), ==, 0);
  os_folders_reset ();
}

static char *
state_contents (void)
{
  g_autofree char *path = os_folders_state_path ();
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

static void
write_state (const char *contents, gssize len)
{
  g_autofree char *path = os_folders_state_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static void
assert_folder (OsFolderKind kind, const char *want)
{
  g_autofree char *got = os_folders_get (kind);

  g_assert_cmpstr (got, ==, want);
}

static void
test_state_path (void)
{
  g_autofree char *path = os_folders_state_path ();
  g_autofree char *want = g_build_filename (state_home, "one-step-explorer", "folders.ini", NULL);

  g_assert_cmpstr (path, ==, want);
}

static void
test_none (void)
{
  g_autofree char *path = os_folders_state_path ();

  fresh_run ();
  assert_folder (OS_FOLDER_EXPORTS, NULL);
  assert_folder (OS_FOLDER_PARAMS, NULL);
  /* reading writes nothing */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Remembered in one run, read back in the next; the kinds are apart; the
 * later of two folders for a kind wins. */
static void
test_next_run (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  fresh_run ();
  g_assert_true (os_folders_remember (OS_FOLDER_EXPORTS, "/srv/figures/first", &error));
  g_assert_no_error (error);
  g_assert_true (os_folders_remember (OS_FOLDER_EXPORTS, "/srv/figures/lecture 3", &error));
  g_assert_no_error (error);
  assert_folder (OS_FOLDER_EXPORTS, "/srv/figures/lecture 3");
  assert_folder (OS_FOLDER_PARAMS, NULL);

  os_folders_reset ();
  assert_folder (OS_FOLDER_EXPORTS, "/srv/figures/lecture 3");
  assert_folder (OS_FOLDER_PARAMS, NULL);
  contents = state_contents ();
  g_assert_nonnull (strstr (contents, "[folders]\n"));
  g_assert_nonnull (strstr (contents, "exports=file:///srv/figures/lecture%203\n"));
  g_assert_null (strstr (contents, "params="));

  g_assert_true (os_folders_remember (OS_FOLDER_PARAMS, "/home/ada/sets", &error));
  g_assert_no_error (error);
  os_folders_reset ();
  assert_folder (OS_FOLDER_EXPORTS, "/srv/figures/lecture 3");
  assert_folder (OS_FOLDER_PARAMS, "/home/ada/sets");
}

/* Another process wrote a kind after this run read the file: this run's
 * write of the other kind keeps it. */
static void
test_keeps_other_process_key (void)
{
  g_autoptr (GError) error = NULL;

  fresh_run ();
  assert_folder (OS_FOLDER_PARAMS, NULL);   /* this run has read the file */
  write_state ("[folders]\nparams=file:///other/process\n", -1);
  g_assert_true (os_folders_remember (OS_FOLDER_EXPORTS, "/mine", &error));
  g_assert_no_error (error);
  os_folders_reset ();
  assert_folder (OS_FOLDER_EXPORTS, "/mine");
  assert_folder (OS_FOLDER_PARAMS, "/other/process");
}

/* Names with a newline, '#', '=', '[' and bytes that are not UTF-8. */
static void
test_odd_names (void)
{
  static const char *const names[] = {
    "/tmp/two\nlines", "/tmp/#not a comment", "/tmp/a=b", "/tmp/[folders]",
    "/tmp/latin1-\xe9t\xe9", "/tmp/\xce\xb7\xcc\x83 sweep", "/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;

      fresh_run ();
      g_assert_true (os_folders_remember (OS_FOLDER_PARAMS, names[i], &error));
      g_assert_no_error (error);
      os_folders_reset ();
      assert_folder (OS_FOLDER_PARAMS, names[i]);
    }
}

/* A state file that is not a key file, or holds values that are not
 * absolute local folders: no folder, and the next write replaces it with
 * a good file. */
static void
test_malformed (void)
{
  static const struct { const char *contents; gssize len; } files[] = {
    { "\x00\x01 binary", 9 },
    { "exports=file:///no/group\n", -1 },
    { "[folders\nexports=file:///x\n", -1 },
    { "[folders]\nexports=/a/plain/path\nparams=relative/path\n", -1 },
    { "[folders]\nexports=http://example.org/figures\nparams=file://host.example/x\n", -1 },
    { "[folders]\nexports=file:///%zz\nparams=\n", -1 },
    { "[folders]\nexports=\\z\n", -1 },
    { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GError) error = NULL;

      fresh_run ();
      write_state (files[i].contents, files[i].len);
      assert_folder (OS_FOLDER_EXPORTS, NULL);
      assert_folder (OS_FOLDER_PARAMS, NULL);
      g_assert_true (os_folders_remember (OS_FOLDER_EXPORTS, "/after", &error));
      g_assert_no_error (error);
      os_folders_reset ();
      assert_folder (OS_FOLDER_EXPORTS, "/after");
    }
}

/* The state folder cannot be created (a file is in its place): an error
 * that names it, and the folder is still remembered for this run. */
static void
test_unwritable (void)
{
  g_autofree char *blocker = g_build_filename (state_home, "one-step-explorer", NULL);
  g_autoptr (GError) error = NULL;

  fresh_run ();
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  g_assert_false (os_folders_remember (OS_FOLDER_EXPORTS, "/kept/for/now", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, blocker));
  assert_folder (OS_FOLDER_EXPORTS, "/kept/for/now");
  os_folders_reset ();
  assert_folder (OS_FOLDER_EXPORTS, NULL);
}

/* A FIFO or a device in place of the state file: read at once as empty,
 * never waited on (the window reads it on the main thread at Ctrl+O), and
 * not replaced by a write (issue #17, item 2). */
static void
test_special_state_file (void)
{
  g_autofree char *path = os_folders_state_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  fresh_run ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  {
    gint64 t0 = g_get_monotonic_time ();
    g_autoptr (GError) error = NULL;
    struct stat st;

    assert_folder (OS_FOLDER_EXPORTS, NULL);
    g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC / 2);
    g_assert_false (os_folders_remember (OS_FOLDER_EXPORTS, "/this/run", &error));
    g_assert_nonnull (error);
    g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
    g_assert_cmpint (lstat (path, &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
    assert_folder (OS_FOLDER_EXPORTS, "/this/run");
  }
  g_unlink (path);
  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
  os_folders_reset ();
  assert_folder (OS_FOLDER_PARAMS, NULL);
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_autofree char *root = g_dir_make_tmp ("os-folders-XXXXXX", NULL);
  int status;

  g_assert_nonnull (root);
  state_home = g_build_filename (root, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_user_state_dir (), ==, state_home);

  g_test_add_func ("/folders/state-path", test_state_path);
  g_test_add_func ("/folders/none", test_none);
  g_test_add_func ("/folders/next-run", test_next_run);
  g_test_add_func ("/folders/keeps-other-process-key", test_keeps_other_process_key);
  g_test_add_func ("/folders/odd-names", test_odd_names);
  g_test_add_func ("/folders/malformed", test_malformed);
  g_test_add_func ("/folders/unwritable", test_unwritable);
  g_test_add_func ("/folders/special-state-file", test_special_state_file);
  status = g_test_run ();
  os_folders_reset ();
  remove_tree (root);
  g_free (state_home);
  return status;
}
