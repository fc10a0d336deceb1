/* os-window-shortcuts.c — the keyboard shortcuts window (Ctrl+?),
 * generated from the accelerators themselves: the window's shortcut
 * controllers (its class bindings, undo, Space, the presenter's keys) and
 * the application's accelerators. Each action is named once in the table
 * below; a shortcut whose action is not in it still shows, under its
 * action's name (tests/test-window-lecture.c fails on that), so the window
 * cannot leave out or misname a shortcut.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"

#include <string.h>

static const struct
{
  const char *action;   /* detailed: "win.page::curves" */
  const char *group, *title;
} titles[] = {
  { "win.open-params", "Parameters", "Open a parameter set (the whole view)" },
  { "win.save-params", "Parameters", "Save the parameter set (the whole view)" },
  { "win.undo", "Parameters", "Undo the last change" },
  { "win.redo", "Parameters", "Redo" },
  { "win.export::all", "Export", "Export all four plots" },
  { "win.record", "Export", "Record the animation as a video" },
  { "win.copy-command", "Export", "Copy the view as a command line" },
  { "win.page::curves", "View", "The curves" },
  { "win.page::phase", "View", "The phase diagram" },
  { "win.presentation", "View", "Presentation mode (full screen, larger text)" },
  { "win.leave-presentation", "View", "Leave presentation mode" },
  { "win.play", "Play and compare", "Play or pause the animation" },
  { "win.step-forward", "Play and compare", "One step forward" },
  { "win.step-back", "Play and compare", "One step back" },
  { "win.pin", "Play and compare", "Pin the curves" },
  { "win.lesson-next", "Lesson (presenter mode)", "Next step" },
  { "win.lesson-previous", "Lesson (presenter mode)", "Previous step" },
  { "win.lesson-first", "Lesson (presenter mode)", "First step" },
  { "win.lesson-last", "Lesson (presenter mode)", "Last step" },
  { "win.shortcuts", "General", "Keyboard shortcuts" },
  { "app.quit", "General", "Quit" },
};

static const char *const group_order[] = {
  "Parameters", "View", "Play and compare", "Lesson (presenter mode)", "Export", "General", "Other",
};

typedef struct
{
  char    *action;       /* detailed */
  GString *accels;       /* "<Control>e Page_Down", as GtkShortcutsShortcut takes them */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->action);
  g_string_free (e->accels, TRUE);
  g_free (e);
}

static void
add_accel (GPtrArray *entries, const char *action, const char *accel)
{
  Entry *e = NULL;

  for (guint i = 0; i < entries->len && e == NULL; i++)
    if (g_str_equal (((Entry *) g_ptr_array_index (entries, i))->action, action))
      e = g_ptr_array_index (entries, i);
  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->action = g_strdup (action);
      e->accels = g_string_new (NULL);
      g_ptr_array_add (entries, e);
    }
  {
    g_auto (GStrv) have = g_strsplit (e->accels->str, " ", -1);

    if (g_strv_contains ((const char *const *) have, accel))
      return;
  }
  g_string_append_printf (e->accels, "%s%s", e->accels->len ? " " : "", accel);
}

/* The detailed name of a shortcut's named action with its argument. */
static char *
detailed_action (GtkShortcut *shortcut)
{
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
  GVariant *args = gtk_shortcut_get_arguments (shortcut);

  if (!GTK_IS_NAMED_ACTION (action))
    return NULL;
  return g_action_print_detailed_name (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), args);
}

static void
collect_controller (GPtrArray *entries, GtkShortcutController *controller)
{
  GListModel *model = G_LIST_MODEL (controller);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (model, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
      g_autofree char *action = detailed_action (shortcut);
      g_autofree char *accel = NULL;
      guint keyval;
      GdkModifierType mods;

      if (action == NULL || !GTK_IS_KEYVAL_TRIGGER (trigger))
        continue;
      keyval = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
      mods = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));
      /* Ctrl+Shift+Z and Ctrl+Shift+z are one key */
      if (mods & GDK_SHIFT_MASK)
        keyval = gdk_keyval_to_lower (keyval);
      accel = gtk_accelerator_name (keyval, mods);
      add_accel (entries, action, accel);
    }
}

GPtrArray *
os_window_list_shortcuts (OsWindow *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (entry_free);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        collect_controller (entries, GTK_SHORTCUT_CONTROLLER (controller));
    }
  if (app != NULL)
    {
      g_auto (GStrv) actions = gtk_application_list_action_descriptions (app);

      for (int i = 0; actions[i] != NULL; i++)
        {
          g_auto (GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

          for (int k = 0; accels[k] != NULL; k++)
            {
              guint keyval;
              GdkModifierType mods;
              g_autofree char *accel = NULL;

              if (!gtk_accelerator_parse (accels[k], &keyval, &mods))
                continue;
              accel = gtk_accelerator_name (keyval, mods);
              add_accel (entries, actions[i], accel);
            }
        }
    }
  return entries;
}

gboolean
os_window_shortcut_title (const char *action, const char **group, const char **title)
{
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].action, action))
      {
        *group = titles[i].group;
        *title = titles[i].title;
        return TRUE;
      }
  *group = "Other";
  *title = action;
  return FALSE;
}

const char *
os_window_shortcut_entry_action (gpointer entry)
{
  return ((Entry *) entry)->action;
}

const char *
os_window_shortcut_entry_accels (gpointer entry)
{
  return ((Entry *) entry)->accels->str;
}

/* GTK 4.8 builds a shortcuts window from a GtkBuilder description only.
 * (The section's default height: with a lower max-height it pages, and
 * GTK 4.8's page switcher warns of labels of negative width.) */
static char *
builder_text (GPtrArray *entries)
{
  GString *s = g_string_new ("<interface>\n"
                             "  <object class=\"GtkShortcutsWindow\" id=\"window\">\n"
                             "    <property name=\"modal\">1</property>\n"
                             "    <child>\n"
                             "      <object class=\"GtkShortcutsSection\">\n"
                             "        <property name=\"section-name\">shortcuts</property>\n");

  for (guint g = 0; g < G_N_ELEMENTS (group_order); g++)
    {
      gboolean open = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (titles) + entries->len; i++)
        {
          /* the table's order first, then actions it does not name */
          const char *action = NULL, *group, *title;
          Entry *e = NULL;

          if (i < G_N_ELEMENTS (titles))
            action = titles[i].action;
          else
            {
              Entry *other = g_ptr_array_index (entries, i - G_N_ELEMENTS (titles));

              if (os_window_shortcut_title (other->action, &group, &title))
                continue;
              action = other->action;
            }
          for (guint k = 0; k < entries->len && e == NULL; k++)
            if (g_str_equal (((Entry *) g_ptr_array_index (entries, k))->action, action))
              e = g_ptr_array_index (entries, k);
          os_window_shortcut_title (action, &group, &title);
          if (e == NULL || !g_str_equal (group, group_order[g]))
            continue;
          if (!open)
            {
              g_autofree char *escaped = g_markup_escape_text (group, -1);

              g_string_append_printf (s, "        <child>\n          <object class=\"GtkShortcutsGroup\">\n"
                                         "            <property name=\"title\">%s</property>\n", escaped);
              open = TRUE;
            }
          {
            g_autofree char *t = g_markup_escape_text (title, -1), *a = g_markup_escape_text (e->accels->str, -1);

            g_string_append_printf (s, "            <child>\n              <object class=\"GtkShortcutsShortcut\">\n"
                                       "                <property name=\"title\">%s</property>\n"
                                       "                <property name=\"accelerator\">%s</property>\n"
                                       "              </object>\n            </child>\n", t, a);
          }
        }
      if (open)
        g_string_append (s, "          </object>\n        </child>\n");
    }
  g_string_append (s, "      </object>\n    </child>\n  </object>\n</interface>\n");
  return g_string_free (s, FALSE);
}

GtkWindow *
os_window_show_shortcuts (OsWindow *self)
{
  g_autoptr (GPtrArray) entries = os_window_list_shortcuts (self);
  g_autofree char *text = builder_text (entries);
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_string (text, -1);
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));

  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
  return window;
}

static void
action_shortcuts (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_show_shortcuts (OS_WINDOW (widget));
}

void
os_window_shortcuts_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, action_shortcuts);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.shortcuts", NULL);
}
