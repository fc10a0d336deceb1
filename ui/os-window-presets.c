/* os-window-presets.c — the presets popover (a button per preset of
 * model/os-presets.h, its title and what it shows) and applying a preset:
 * one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"

static void
on_preset_clicked (GtkButton *button, OsWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "os-preset");

  gtk_menu_button_popdown (self->presets_button);
  os_window_apply_preset (self, id);
}

void
os_window_init_presets (OsWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  guint n;
  const OsPreset *presets = os_presets (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
      GtkWidget *title = gtk_label_new (presets[i].title);
      GtkWidget *expl = gtk_label_new (presets[i].explanation);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (expl), 0);
      gtk_label_set_wrap (GTK_LABEL (expl), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (expl), 56);
      gtk_widget_add_css_class (expl, "dim-label");
      gtk_box_append (GTK_BOX (rows), title);
      gtk_box_append (GTK_BOX (rows), expl);
      gtk_button_set_child (GTK_BUTTON (button), rows);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, presets[i].explanation);
      g_object_set_data (G_OBJECT (button), "os-preset", (gpointer) presets[i].id);
      g_signal_connect (button, "clicked", G_CALLBACK (on_preset_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->presets_button, popover);
}

gboolean
os_window_apply_preset (OsWindow *self, const char *id)
{
  const OsPreset *preset;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  preset = os_preset_find (id);
  if (preset == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("Unknown preset “%s”", id);
      os_window_show_error (self, msg);
      return FALSE;
    }
  if (!os_window_set_state (self, &preset->params, &preset->view, &error))
    {
      os_window_show_error (self, error->message);
      return FALSE;
    }
  os_window_set_status_bar (self, NULL, preset->title, -1.0);
  return TRUE;
}
