/* test-window-locale.c — the window under a German locale (decimal comma):
 * the number boxes of the panel, its read-outs and the phase page's range
 * boxes all write numbers one way, with a decimal point, and read them the
 * same way (issue #17, item 8). The process sets de_DE.UTF-8 (after
 * gtk_test_init, which sets a locale of its own); if that locale is
 * missing the test fails (scripts/setup.sh generates it) rather than pass
 * in a locale that has a decimal point anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window.h"
#include "os-param-panel.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "window-test-util.h"

/* The phase page's range box whose tooltip starts with prefix. */
static GtkEditable *
find_entry (GtkWidget *root, const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (child);
      GtkEditable *found;

      if (GTK_IS_ENTRY (child) && tooltip != NULL && g_str_has_prefix (tooltip, prefix))
        return GTK_EDITABLE (child);
      if ((found = find_entry (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

static void
assert_decimal_point (const char *what, const char *text)
{
  if (strchr (text, ',') != NULL || strchr (text, '.') == NULL)
    g_error ("%s shows '%s': not a number with a decimal point", what, text);
}

static void
test_one_convention (void)
{
  OsWindow *window = os_window_new (NULL);
  OsParamPanel *panel;
  OsPhaseView *view;
  GtkEditable *alpha0, *x_from, *x_to;
  OsPhaseRequest request;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  panel = os_window_get_panel (window);
  view = os_window_get_phase_view (window);

  /* the panel: α0 = 0.5 by default, and the read-outs */
  alpha0 = os_param_panel_get_entry (panel, OS_PARAM_ALPHA0);
  g_assert_cmpstr (gtk_editable_get_text (alpha0), ==, "0.5");
  assert_decimal_point ("the test-error read-out", os_param_panel_get_readout (panel, "test_error"));

  /* the phase page's range boxes: α from 0.05 */
  x_from = find_entry (GTK_WIDGET (view), "Horizontal axis from");
  x_to = find_entry (GTK_WIDGET (view), "Horizontal axis to");
  g_assert_nonnull (x_from);
  g_assert_nonnull (x_to);
  g_assert_cmpstr (gtk_editable_get_text (x_from), ==, "0.05");

  /* and they read what they write: 0.5 is taken, 0,5 is not a number */
  gtk_editable_set_text (alpha0, "0.75");
  g_signal_emit_by_name (alpha0, "activate");
  {
    OsParams params;

    os_param_panel_get_params (panel, &params);
    g_assert_cmpfloat (params.alpha0, ==, 0.75);
  }
  gtk_editable_set_text (alpha0, "0,5");
  g_signal_emit_by_name (alpha0, "activate");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (os_param_panel_get_error_label (panel, OS_PARAM_ALPHA0))));
  gtk_editable_set_text (x_from, "0.5");
  g_signal_emit_by_name (x_from, "activate");
  os_phase_view_get_request (view, &request);
  g_assert_cmpfloat (request.x_axis.from, ==, 0.5);

  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  close_window_within (window, 20);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init sets a fixed locale of its own: German after it */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL || strcmp (localeconv ()->decimal_point, ",") != 0)
    g_error ("the de_DE.UTF-8 locale is missing (scripts/setup.sh generates it): "
             "this test needs a locale with a decimal comma");
  g_test_add_func ("/window-locale/one-convention", test_one_convention);
  return g_test_run ();
}
