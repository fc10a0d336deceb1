/* test-choosers.c — the window's file choosers through the real dialogs
 * (GtkFileChooserNative's fallback GtkFileChooserDialog under Xvfb, as a
 * user without xdg-desktop-portal sees them): the folder each opens in
 * (Pictures or home, then the folder last used for its kind of file), a
 * bare name accepted lands in the folder the dialog shows (not in the
 * working directory), a parameter set saved and opened back, and Cancel
 * changes nothing; the folders are there again in the next run.
 *
 * The process gets its own HOME (with a Pictures folder named in
 * user-dirs.dirs) and working directory, both temporary. The tests run in
 * the order registered: the first checks the folders of a session that
 * has not used a chooser yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window.h"

#include <gtk/gtk.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "os-folders.h"
#include "os-paramfile.h"
#include "window-test-util.h"
#include "tree-util.h"

static char *test_home;      /* $HOME of this process */
static char *test_pictures;  /* $HOME/Pictures, XDG_PICTURES_DIR */
static char *test_cwd;       /* the working directory */

static OsWindow *
open_window (void)
{
  OsWindow *window = os_window_new (NULL);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window, theory_shown, NULL, 30));
  return window;
}

/* The chooser is shown and has loaded the folder at path data (its name
 * entry resolves bare names against it from then on). */
static gboolean
chooser_in (OsWindow *window, gpointer data)
{
  GtkFileChooser *chooser = find_chooser ();
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) want = NULL;

  (void) window;
  if (chooser == NULL || (folder = gtk_file_chooser_get_current_folder (chooser)) == NULL)
    return FALSE;
  want = g_file_new_for_path (data);
  return g_file_equal (folder, want);
}

/* The folder the chooser shows once it has loaded one (a path), or NULL. */
static char *
shown_folder (GtkFileChooser *chooser)
{
  g_autoptr (GFile) folder = gtk_file_chooser_get_current_folder (chooser);

  return folder != NULL ? g_file_get_path (folder) : NULL;
}

static gboolean
folder_loaded (OsWindow *window, gpointer data)
{
  GtkFileChooser *chooser = find_chooser ();
  g_autofree char *path = chooser != NULL ? shown_folder (chooser) : NULL;

  (void) window;
  (void) data;
  return path != NULL;
}

/* The dialog's own error message, if one is shown ("The folder contents
 * could not be displayed", as when a folder is set while another loads). */
static void
assert_no_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          g_autofree char *text = NULL;
          g_autofree char *detail = NULL;

          g_object_get (w, "text", &text, "secondary-text", &detail, NULL);
          g_error ("the chooser says: %s: %s", text, detail);
        }
    }
}

/* Runs the window action and waits for its chooser to show the folder
 * `folder`. */
static GtkFileChooser *
open_chooser (OsWindow *window, const char *action, const char *target, const char *folder)
{
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  if (target != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, "s", target));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  /* a figure's export asks for its options first */
  if (target != NULL && g_str_equal (action, "win.export") && !g_str_has_suffix (target, "csv"))
    accept_export_options (window);
  if (!wait_until (window, chooser_in, (gpointer) folder, 30))
    {
      GtkFileChooser *chooser = find_chooser ();
      g_autofree char *shown = chooser != NULL ? shown_folder (chooser) : NULL;

      g_error ("the %s chooser shows %s, not %s", action, shown ? shown : "no folder", folder);
    }
  assert_no_message_dialog ();
  return find_chooser ();
}

/* The chooser's name entry (GtkFileChooserEntry: in Save mode the Name
 * box). */
static GtkEditable *
find_name_entry (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkFileChooserEntry"))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *entry = find_name_entry (child);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

/* What a user does to save elsewhere: types the folder's path (with a
 * trailing slash) into the Name box and presses Enter (the Return key's
 * binding emits GtkText::activate, which activates the dialog's default
 * button), waits for the folder to be shown, then types a bare name. */
static void
type_folder_then_name (OsWindow *window, GtkFileChooser *chooser, const char *folder, const char *name)
{
  GtkEditable *entry = find_name_entry (GTK_WIDGET (chooser));
  g_autofree char *typed = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);

  g_assert_nonnull (entry);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, typed);
  g_signal_emit_by_name (gtk_editable_get_delegate (entry), "activate");
  g_assert_true (wait_until (window, chooser_in, (gpointer) folder, 30));
  g_assert_true (find_chooser () == chooser);   /* Enter changed folder; it did not accept */
  assert_no_message_dialog ();
  gtk_editable_set_text (entry, name);
}

static void
click (GtkFileChooser *chooser, int response)
{
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), response), "clicked");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in a folder, sorted, as one string. */
static char *
listing (const char *folder)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* A session that has not used a chooser yet: the export chooser opens in
 * Pictures (in home when there is no Pictures folder); the parameter-set
 * choosers open in home. */
static void
test_default_folders (void)
{
  OsWindow *window = open_window ();
  g_autofree char *moved = g_strconcat (test_pictures, "-moved", NULL);
  GtkFileChooser *chooser;

  chooser = open_chooser (window, "win.export", "error", test_pictures);
  click (chooser, GTK_RESPONSE_CANCEL);
  chooser = open_chooser (window, "win.export", "csv", test_pictures);
  click (chooser, GTK_RESPONSE_CANCEL);

  /* Pictures named in user-dirs.dirs but missing: home */
  g_assert_cmpint (g_rename (test_pictures, moved), ==, 0);
  chooser = open_chooser (window, "win.export", "error", test_home);
  click (chooser, GTK_RESPONSE_CANCEL);
  g_assert_cmpint (g_rename (moved, test_pictures), ==, 0);

  chooser = open_chooser (window, "win.save-params", NULL, test_home);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  click (chooser, GTK_RESPONSE_CANCEL);
  chooser = open_chooser (window, "win.open-params", NULL, test_home);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  click (chooser, GTK_RESPONSE_CANCEL);

  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_null (os_window_get_error (window));
  close_window_within (window, 10);
}

/* An export to a folder the user went to: the file is there; the next
 * export chooser opens in that folder, and a bare name accepted there
 * writes the file there, not in the working directory; the parameter-set
 * chooser keeps its own folder. */
static void
test_export_remembers_folder (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-choosers-export-XXXXXX", NULL);
  g_autofree char *first = g_build_filename (dir, "first.png", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *second_in_cwd = g_build_filename (test_cwd, "second.csv", NULL);
  g_autofree char *cwd_before = listing (test_cwd);
  g_autofree char *cwd_after = NULL;
  g_autofree char *params_folder = NULL;
  g_autofree char *data = NULL;
  GtkFileChooser *chooser;
  gsize len = 0;

  /* where the parameter-set chooser opens now (home, or the folder of an
   * earlier test's accept) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-params", NULL));
  g_assert_true (wait_until (window, folder_loaded, NULL, 30));
  params_folder = shown_folder (find_chooser ());
  click (find_chooser (), GTK_RESPONSE_CANCEL);

  /* the first export: the user goes to dir and types a name without an
   * extension (the PNG filter's is added) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "error"));
  accept_export_options (window);
  g_assert_true (wait_until (window, folder_loaded, NULL, 30));
  chooser = find_chooser ();
  type_folder_then_name (window, chooser, dir, "first");
  click (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_until (window, file_written, first, 30));
  g_assert_null (os_window_get_error (window));
  g_file_get_contents (first, &data, &len, NULL);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);

  /* the next export (another target, the same kind of file) opens in dir;
   * a bare name is written there */
  chooser = open_chooser (window, "win.export", "csv", dir);
  gtk_editable_set_text (find_name_entry (GTK_WIDGET (chooser)), "second.csv");
  click (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_until (window, file_written, second, 30));
  g_assert_null (os_window_get_error (window));
  g_assert_false (g_file_test (second_in_cwd, G_FILE_TEST_EXISTS));
  cwd_after = listing (test_cwd);
  g_assert_cmpstr (cwd_after, ==, cwd_before);
  g_clear_pointer (&data, g_free);
  g_file_get_contents (second, &data, &len, NULL);
  g_assert_nonnull (strstr (data, "\nplot,series,x,y,y_err\n"));   /* after the provenance lines */

  /* and again: still dir */
  chooser = open_chooser (window, "win.export", "all", dir);
  click (chooser, GTK_RESPONSE_CANCEL);
  /* the parameter-set chooser did not move */
  chooser = open_chooser (window, "win.open-params", NULL, params_folder);
  click (chooser, GTK_RESPONSE_CANCEL);

  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  remove_tree (dir);
  close_window_within (window, 10);
}

/* The file selected in an Open chooser is `data` (a path): the list has
 * loaded and selected it. */
static gboolean
file_selected (OsWindow *window, gpointer data)
{
  GtkFileChooser *chooser = find_chooser ();
  g_autoptr (GFile) file = chooser != NULL ? gtk_file_chooser_get_file (chooser) : NULL;
  g_autoptr (GFile) want = g_file_new_for_path (data);

  (void) window;
  return file != NULL && g_file_equal (file, want);
}

static gboolean
states_equal (const OsParams *a, const OsPresetView *av, const OsParams *b, const OsPresetView *bv)
{
  return os_params_equal (a, b) && memcmp (av, bv, sizeof *av) == 0;
}

/* A parameter set saved through the Save chooser (in a folder the user
 * went to, under a bare name) and opened back through the Open chooser,
 * which opens in that folder: the window's parameters return to the
 * file's values. */
static void
test_params_save_open (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-choosers-params-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.params", NULL);
  OsParams saved, now, from_file;
  OsPresetView saved_view, now_view, file_view;
  GtkFileChooser *chooser;
  g_autoptr (GError) error = NULL;

  /* a state that is not the defaults */
  os_window_get_state (window, &saved, &saved_view);
  saved.eta = 2.75;
  saved.alpha0 = 3.5;
  saved.lambda = 0.125;
  saved.noise = 0.25;
  g_assert_true (os_window_set_state (window, &saved, &saved_view, &error));
  g_assert_no_error (error);
  os_window_get_state (window, &saved, &saved_view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-params", NULL));
  g_assert_true (wait_until (window, folder_loaded, NULL, 30));
  chooser = find_chooser ();
  type_folder_then_name (window, chooser, dir, "mine.params");
  click (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_until (window, file_written, path, 30));
  g_assert_null (os_window_get_error (window));
  /* the file holds the window's values (read by the core parser) */
  os_params_init_default (&from_file);
  memset (&file_view, 0, sizeof file_view);
  g_assert_true (os_paramfile_load (path, &from_file, &file_view, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (from_file.eta, ==, 2.75);
  g_assert_cmpfloat (from_file.alpha0, ==, 3.5);
  g_assert_cmpfloat (from_file.lambda, ==, 0.125);
  g_assert_cmpfloat (from_file.noise, ==, 0.25);

  /* other values, then the file opened back */
  os_window_reset (window);
  os_window_get_state (window, &now, &now_view);
  g_assert_false (states_equal (&now, &now_view, &saved, &saved_view));
  chooser = open_chooser (window, "win.open-params", NULL, dir);
  /* the file selected in the list (what a click on its row does), then
   * the Open button */
  {
    g_autoptr (GFile) file = g_file_new_for_path (path);

    g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
  }
  g_assert_true (wait_until (window, file_selected, path, 30));
  click (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_null (os_window_get_error (window));
  os_window_get_state (window, &now, &now_view);
  g_assert_true (states_equal (&now, &now_view, &saved, &saved_view));

  /* the Save chooser now opens there too */
  chooser = open_chooser (window, "win.save-params", NULL, dir);
  click (chooser, GTK_RESPONSE_CANCEL);

  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  remove_tree (dir);
  close_window_within (window, 10);
}

/* Cancel, after going to another folder and typing a name: nothing is
 * written, nothing changes, no message; the next chooser opens where the
 * cancelled one did. For the export, the parameter-set Save and Open
 * choosers. */
static void
test_cancel (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-choosers-cancel-XXXXXX", NULL);
  static const struct { const char *action, *target, *name; } choosers[] = {
    { "win.export", "error", "cancelled" },
    { "win.save-params", NULL, "cancelled.params" },
    { "win.open-params", NULL, NULL },
  };
  OsParams before, after;
  OsPresetView before_view, after_view;

  os_window_get_state (window, &before, &before_view);
  for (guint i = 0; i < G_N_ELEMENTS (choosers); i++)
    {
      g_autofree char *start = NULL;
      g_autofree char *start_listing = NULL;
      g_autofree char *start_after = NULL;
      GtkFileChooser *chooser;

      if (choosers[i].target != NULL)
        {
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), choosers[i].action, "s",
                                                     choosers[i].target));
          accept_export_options (window);
        }
      else
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), choosers[i].action, NULL));
      g_assert_true (wait_until (window, folder_loaded, NULL, 30));
      chooser = find_chooser ();
      start = shown_folder (chooser);
      start_listing = listing (start);
      if (choosers[i].name != NULL)
        type_folder_then_name (window, chooser, dir, choosers[i].name);
      click (chooser, GTK_RESPONSE_CANCEL);
      g_assert_true (wait_until (window, chooser_gone, NULL, 30));
      /* let anything that would follow the response run */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_null (os_window_get_error (window));
      start_after = listing (start);
      g_assert_cmpstr (start_after, ==, start_listing);
      {
        g_autofree char *dir_listing = listing (dir);

        g_assert_cmpstr (dir_listing, ==, "");
      }
      /* not remembered: the next one opens where this one did */
      chooser = open_chooser (window, choosers[i].action, choosers[i].target, start);
      click (chooser, GTK_RESPONSE_CANCEL);
      g_assert_true (wait_until (window, chooser_gone, NULL, 30));
    }
  os_window_get_state (window, &after, &after_view);
  g_assert_true (states_equal (&after, &after_view, &before, &before_view));
  remove_tree (dir);
  close_window_within (window, 10);
}

/* A new run (os_folders_reset: this process forgets, the state file
 * stays): the export chooser opens in exports, the parameter-set chooser
 * of params_action in params; nothing is reported. */
static void
next_run_opens_in (const char *exports, const char *params_action, const char *params)
{
  OsWindow *window;
  GtkFileChooser *chooser;

  os_folders_reset ();
  window = open_window ();
  chooser = open_chooser (window, "win.export", "error", exports);
  click (chooser, GTK_RESPONSE_CANCEL);
  chooser = open_chooser (window, params_action, NULL, params);
  click (chooser, GTK_RESPONSE_CANCEL);
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_null (os_window_get_error (window));
  close_window_within (window, 10);
}

/* The folders outlive the run: after an export and a parameter set saved
 * in two folders the user went to, a new run opens each chooser in its
 * kind's folder. A remembered folder since removed: the defaults again. */
static void
test_folders_next_run (void)
{
  OsWindow *window = open_window ();
  g_autofree char *exports = g_dir_make_tmp ("os-choosers-next-exports-XXXXXX", NULL);
  g_autofree char *params = g_dir_make_tmp ("os-choosers-next-params-XXXXXX", NULL);
  g_autofree char *figure = g_build_filename (exports, "figure.svg", NULL);
  g_autofree char *set = g_build_filename (params, "set.params", NULL);
  g_autofree char *state = os_folders_state_path ();
  GtkFileChooser *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "all"));
  accept_export_options (window);
  g_assert_true (wait_until (window, folder_loaded, NULL, 30));
  chooser = find_chooser ();
  type_folder_then_name (window, chooser, exports, "figure.svg");
  click (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_until (window, file_written, figure, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-params", NULL));
  g_assert_true (wait_until (window, folder_loaded, NULL, 30));
  chooser = find_chooser ();
  type_folder_then_name (window, chooser, params, "set.params");
  click (chooser, GTK_RESPONSE_ACCEPT);
  g_assert_true (wait_until (window, file_written, set, 30));
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_null (os_window_get_error (window));
  close_window_within (window, 10);
  g_assert_true (g_file_test (state, G_FILE_TEST_IS_REGULAR));

  next_run_opens_in (exports, "win.open-params", params);
  /* and one after the folders were removed: the defaults */
  remove_tree (exports);
  remove_tree (params);
  next_run_opens_in (test_pictures, "win.save-params", test_home);
}

/* If the main thread does not come back within 20 s, fail (it would
 * block forever on a FIFO) rather than wait for the suite's time-out. */
static gpointer
watchdog (gpointer done)
{
  for (int i = 0; i < 200 && !g_atomic_int_get ((int *) done); i++)
    g_usleep (G_USEC_PER_SEC / 10);
  if (!g_atomic_int_get ((int *) done))
    g_error ("Ctrl+O blocked the main thread for 20 s (the state file is a FIFO)");
  return NULL;
}

/* A FIFO in place of the state file (folders.ini): Ctrl+O opens its
 * chooser in home at once instead of freezing the main thread on the
 * FIFO, and the window still closes (issue #17, item 2). */
static void
test_fifo_state_file (void)
{
  g_autofree char *state = os_folders_state_path ();
  g_autofree char *dir = g_path_get_dirname (state);
  OsWindow *window;
  GtkFileChooser *chooser;
  int done = 0;
  GThread *thread;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_unlink (state);
  g_assert_cmpint (mkfifo (state, 0600), ==, 0);
  os_folders_reset ();
  window = open_window ();
  thread = g_thread_new ("watchdog", watchdog, &done);
  chooser = open_chooser (window, "win.open-params", NULL, test_home);
  click (chooser, GTK_RESPONSE_CANCEL);
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  close_window_within (window, 10);
  g_atomic_int_set (&done, 1);
  g_thread_join (thread);
  g_unlink (state);
  os_folders_reset ();
}

int
main (int argc, char **argv)
{
  g_autofree char *root = g_dir_make_tmp ("os-choosers-XXXXXX", NULL);
  g_autofree char *config = NULL;
  g_autofree char *user_dirs = NULL;
  int status;

  /* a home of our own, before GLib caches $HOME and the XDG folders */
  g_assert_nonnull (root);
  test_home = g_build_filename (root, "home", NULL);
  test_pictures = g_build_filename (test_home, "Pictures", NULL);
  test_cwd = g_build_filename (root, "cwd", NULL);
  config = g_build_filename (test_home, ".config", NULL);
  user_dirs = g_build_filename (config, "user-dirs.dirs", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (test_pictures, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (test_cwd, 0700), ==, 0);
  g_assert_true (g_file_set_contents (user_dirs, "XDG_PICTURES_DIR=\"$HOME/Pictures\"\n", -1, NULL));
  g_setenv ("HOME", test_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  {
    g_autofree char *data_home = g_build_filename (test_home, ".local", "share", NULL);
    g_autofree char *cache_home = g_build_filename (test_home, ".cache", NULL);
    g_autofree char *state_home = g_build_filename (test_home, ".local", "state", NULL);

    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    g_setenv ("XDG_STATE_HOME", state_home, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  }
  g_assert_cmpint (g_chdir (test_cwd), ==, 0);

  gtk_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_home_dir (), ==, test_home);
  g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES), ==, test_pictures);
  g_test_add_func ("/choosers/default-folders", test_default_folders);
  g_test_add_func ("/choosers/export-remembers-folder", test_export_remembers_folder);
  g_test_add_func ("/choosers/params-save-open", test_params_save_open);
  g_test_add_func ("/choosers/cancel", test_cancel);
  g_test_add_func ("/choosers/folders-next-run", test_folders_next_run);
  g_test_add_func ("/choosers/fifo-state-file", test_fifo_state_file);
  status = g_test_run ();
  remove_tree (root);
  g_free (test_home);
  g_free (test_pictures);
  g_free (test_cwd);
  return status;
}
