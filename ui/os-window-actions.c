/* os-window-actions.c — the window's actions: parameter sets (open,
 * save), undo, redo, reset, presets, presentation mode and dismissing the
 * error banner (export: os-window-export.c). Each file chooser opens in
 * the folder last used for its kind of file (exports, parameter sets), in
 * this run or an earlier one, else in Pictures (exports) or home.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"
#include "os-error.h"
#include "os-export.h"
#include "os-folders.h"

#include <string.h>

/* ------------------------------------------------- the choosers' folders */

/* The folder a chooser opens in: the last one used for its kind of file
 * (in this run or an earlier one: os-folders.c keeps them) if it is still
 * a folder; else, for exports, the user's Pictures folder
 * (XDG_PICTURES_DIR) if it exists; else the home folder. A new GFile.
 *
 * It is set on the GtkFileChooserNative before the dialog is shown. With
 * GTK 4.8's fallback dialog (no portal) that is the safe moment: mapped
 * with no folder pending, the dialog goes to its start-up place
 * (gtk_file_chooser_widget_map -> set_startup_mode -> switch_to_cwd, an
 * asynchronous query of $CWD); a folder set while that query runs cancels
 * it, but update_current_folder_get_info_cb takes the G_IO_ERROR_CANCELLED
 * for a missing folder, walks up to the parent of $CWD, shows "Operation
 * was cancelled", and the dialog ends there, not in the folder set. Set
 * before the show, the folder is pending at map time and the start-up
 * query is never made. */
static GFile *
chooser_start_folder (OsFolderKind kind)
{
  g_autofree char *last = os_folders_get (kind);
  const char *dir;

  if (last != NULL && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  dir = kind == OS_FOLDER_EXPORTS ? g_get_user_special_dir (G_USER_DIRECTORY_PICTURES) : NULL;
  if (dir != NULL && g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (dir);
  return g_file_new_for_path (g_get_home_dir ());
}

void
os_window_chooser_set_start_folder (GtkFileChooser *chooser, OsFolderKind kind)
{
  g_autoptr (GFile) folder = chooser_start_folder (kind);

  /* GTK falls back to the nearest existing parent by itself (silently for
   * a folder not found), so the result needs no check */
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

/* Remembers the folder of an accepted file's path for its kind. (A bare
 * name accepted in GTK 4.8's dialog is already in the folder it shows:
 * check_save_entry resolves it against the name entry's base folder,
 * which update_current_folder_get_info_cb sets with the current folder.)
 * A state file that cannot be written costs only the memory across runs:
 * said once on the terminal, not in the window. */
void
os_window_remember_folder (OsFolderKind kind, const char *path)
{
  static gboolean said;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  if (!os_folders_remember (kind, folder, &error) && !said)
    {
      g_message ("The chooser's folder will not be remembered after this run: %s", error->message);
      said = TRUE;
    }
}

void
os_window_chooser_add_filter (GtkFileChooser *chooser, const char *name, const char *pattern, const char *ext)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data (G_OBJECT (filter), "os-extension", (gpointer) ext);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

const char *
os_window_chooser_extension (GtkFileChooser *chooser, const char *fallback)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  const char *ext = filter != NULL ? g_object_get_data (G_OBJECT (filter), "os-extension") : NULL;

  return ext != NULL ? ext : fallback;
}

static void
action_dismiss_banner (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  os_window_show_error (OS_WINDOW (widget), NULL);
}

/* ------------------------------------------------- parameter sets */

typedef struct
{
  OsWindow *window;
  gboolean  save;
} ParamsRequest;

static void
on_params_response (GtkNativeDialog *chooser, int response, gpointer data)
{
  ParamsRequest *req = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        os_window_show_error (req->window, "Choose a local file for the parameters");
      else
        {
          os_window_remember_folder (OS_FOLDER_PARAMS, path);
          if (req->save)
            os_window_save_params (req->window, path);
          else
            os_window_load_params (req->window, path);
        }
    }
  g_object_unref (req->window);
  g_free (req);
  g_object_unref (chooser);
}

static void
params_dialog (OsWindow *self, gboolean save)
{
  GtkFileChooserNative *chooser;
  ParamsRequest *req = g_new0 (ParamsRequest, 1);
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (save ? "Save the parameter set" : "Open a parameter set",
                                         GTK_WINDOW (self),
                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save ? "_Save" : "_Open", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, "Parameter sets (.params, .ini)");
  gtk_file_filter_add_pattern (filter, "*.params");
  gtk_file_filter_add_pattern (filter, "*.ini");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, "All files");
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  os_window_chooser_set_start_folder (GTK_FILE_CHOOSER (chooser), OS_FOLDER_PARAMS);
  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "one-step.params");
  req->window = g_object_ref (self);
  req->save = save;
  g_signal_connect (chooser, "response", G_CALLBACK (on_params_response), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_open_params (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  params_dialog (OS_WINDOW (widget), FALSE);
}

static void
action_save_params (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  params_dialog (OS_WINDOW (widget), TRUE);
}

/* ------------------------------------------------- history, presets */

static void
action_undo (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  os_window_undo (OS_WINDOW (widget));
}

static void
action_redo (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  os_window_redo (OS_WINDOW (widget));
}

static void
action_reset (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  os_window_reset (OS_WINDOW (widget));
}

static void
action_preset (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  os_window_apply_preset (OS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
action_page (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *page = g_variant_get_string (parameter, NULL);

  (void) action_name;
  if (g_str_equal (page, "curves") || g_str_equal (page, "phase"))
    os_window_set_page (OS_WINDOW (widget), page);
}

void
os_window_update_history_actions (OsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->history != NULL && os_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->history != NULL && os_history_can_redo (self->history));
}

/* Ctrl+Z undoes the last parameter change wherever the focus is. Bound in
 * the capture phase, before a focused text box would take the keys for its
 * own typing history (the number boxes keep none: a value is committed
 * with Enter or by leaving the box, and that is the step to undo). */
void
os_window_add_undo_shortcuts (OsWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "win.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo" },
  };

  gtk_event_controller_set_name (controller, "undo-shortcuts");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
os_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-params", NULL, action_open_params);
  gtk_widget_class_install_action (widget_class, "win.save-params", NULL, action_save_params);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_redo);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, action_reset);
  gtk_widget_class_install_action (widget_class, "win.preset", "s", action_preset);
  gtk_widget_class_install_action (widget_class, "win.page", "s", action_page);
  /* the header bar is hidden in full screen: the pages by keyboard */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.page", "s", "curves");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.page", "s", "phase");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-params", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-params", NULL);
  /* Ctrl+Z and Ctrl+Shift+Z: see os_window_add_undo_shortcuts () */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.presentation", NULL);
  os_window_class_install_export (widget_class);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, action_dismiss_banner);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
}
