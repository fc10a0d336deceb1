/* os-window-help.c — the "?" button of each plot and of the phase page:
 * a popover with what the plot shows, in Pango markup, citing
 * docs/SCIENCE.md. The texts are resources (resources/help/PLOT.markup),
 * not C strings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"

#include <string.h>

static const char *const help_plots[] = { "error", "spectrum", "overlaps", "function", "phase" };

/* The text of /org/onestep/Explorer/help/PLOT.markup without its first
 * line (a comment naming the file and its licence) and final newline. */
static char *
load_help (const char *plot)
{
  g_autofree char *path = g_strdup_printf ("/org/onestep/Explorer/help/%s.markup", plot);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  const char *text, *end;
  gsize size;

  if (bytes == NULL)
    {
      g_critical ("help text %s: %s", path, error->message);
      return g_strdup ("");
    }
  text = g_bytes_get_data (bytes, &size);   /* resources end in a NUL */
  end = text + size;
  if (g_str_has_prefix (text, "<!--"))
    {
      const char *line_end = memchr (text, '\n', size);

      text = line_end != NULL ? line_end + 1 : end;
    }
  if (end > text && end[-1] == '\n')
    end--;
  return g_strndup (text, end - text);
}

/* A selectable label takes the focus when its popover opens, and GTK
 * selects all of it then: clear that selection once it is shown. */
static gboolean
clear_selection (gpointer label)
{
  gtk_label_select_region (label, 0, 0);
  return G_SOURCE_REMOVE;
}

static void
on_help_shown (GtkWidget *popover, GtkWidget *label)
{
  (void) popover;
  gtk_label_select_region (GTK_LABEL (label), 0, 0);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, clear_selection, g_object_ref (label), g_object_unref);
}

static void
set_help (GtkMenuButton *button, const char *markup)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "help-text");
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  g_signal_connect_after (popover, "show", G_CALLBACK (on_help_shown), label);
  gtk_menu_button_set_popover (button, popover);
}

GtkMenuButton *
os_window_get_help_button (OsWindow *self, const char *plot)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (plot != NULL, NULL);

  if (g_str_equal (plot, "error"))
    return self->help_error;
  if (g_str_equal (plot, "spectrum"))
    return self->help_spectrum;
  if (g_str_equal (plot, "overlaps"))
    return self->help_overlaps;
  if (g_str_equal (plot, "function"))
    return self->help_function;
  if (g_str_equal (plot, "phase"))
    return self->help_phase;
  return NULL;
}

void
os_window_init_help (OsWindow *self)
{
  self->help_phase = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->help_phase, gtk_label_new ("?"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->help_phase), "What this plot shows");
  gtk_widget_add_css_class (GTK_WIDGET (self->help_phase), "circular");
  os_phase_view_add_tool (self->phase_view, GTK_WIDGET (self->help_phase));
  for (guint i = 0; i < G_N_ELEMENTS (help_plots); i++)
    {
      g_autofree char *markup = load_help (help_plots[i]);

      set_help (os_window_get_help_button (self, help_plots[i]), markup);
    }
}
