/* test-window-figures.c — the window for a lecture hall and a paper: text
 * at 4.5:1 contrast or better, a window that fits 1024 × 768 and 1280 ×
 * 720 (in presentation mode too), a presentation mode that enlarges the
 * side panel and shows its way out, help that opens with nothing
 * selected, no button over a plot's text, exports with the chooser's
 * choices and their provenance, the phase diagram's settings from
 * parameter files. Run under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window.h"
#include "os-export-request.h"
#include "os-paramfile.h"
#include "os-plot.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "window-test-util.h"

static gboolean
all_drawn (OsWindow *window, gpointer data)
{
  OsEngine *engine = os_window_get_engine (window);
  guint gen = os_engine_get_generation (engine);
  OsFigure *figure = os_window_get_figure (window);

  (void) data;
  if (os_engine_is_busy (engine) || figure == NULL || figure->theory == NULL)
    return FALSE;
  for (int k = 0; k < OS_PLOT_ALL; k++)
    if (os_plot_view_get_drawn_generation (os_window_get_plot (window, k)) != gen
        || !os_plot_view_is_current (os_window_get_plot (window, k)))
      return FALSE;
  return TRUE;
}

static OsWindow *
open_window (void)
{
  OsWindow *window = os_window_new (NULL);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  return window;
}

/* ---- contrast ----------------------------------------------------------- */

static double
channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2.1 relative luminance and contrast ratio */
static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * channel (c->red) + 0.7152 * channel (c->green) + 0.0722 * channel (c->blue);
}

static double
contrast (const GdkRGBA *a, const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static GtkWidget *
find_with_class (GtkWidget *widget, const char *css_class, GType type)
{
  if (gtk_widget_has_css_class (widget, css_class) && G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_with_class (c, css_class, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The colours our style sheet gives secondary text, on the backgrounds it
 * sits on (the theme's window #f6f5f4 and header bar #dad6d2, white): at
 * least 4.5:1; and they win over the theme's (whose 0.55 opacity gave
 * about 3:1): a dim label's computed colour is ours. */
static void
test_contrast (void)
{
  OsWindow *window = open_window ();
  g_autoptr (GBytes) css = g_resources_lookup_data ("/org/onestep/Explorer/style.css", 0, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css));
  const char *rule = strstr (text, ".dim-label,");
  const char *backgrounds[] = { "#f6f5f4", "#dad6d2", "#ffffff" };
  GdkRGBA ours, bg, computed;
  GtkWidget *dim;

  g_assert_nonnull (rule);
  {
    const char *color = strstr (rule, "color: #");
    char hex[8];

    g_assert_nonnull (color);
    g_assert_nonnull (strstr (rule, "opacity: 1;"));
    memcpy (hex, color + 7, 7);
    hex[7] = '\0';
    g_assert_true (gdk_rgba_parse (&ours, hex));
  }
  for (guint i = 0; i < G_N_ELEMENTS (backgrounds); i++)
    {
      g_assert_true (gdk_rgba_parse (&bg, backgrounds[i]));
      g_test_message ("secondary text on %s: %.2f:1", backgrounds[i], contrast (&ours, &bg));
      g_assert_cmpfloat (contrast (&ours, &bg), >=, 4.5);
    }
  /* the full-screen panel: white on #303030 */
  {
    GdkRGBA white, dark;

    gdk_rgba_parse (&white, "#ffffff");
    gdk_rgba_parse (&dark, "#303030");
    g_assert_nonnull (strstr (text, "background-color: #303030;"));
    g_assert_cmpfloat (contrast (&white, &dark), >=, 4.5);
  }
  dim = find_with_class (GTK_WIDGET (window), "dim-label", GTK_TYPE_LABEL);
  g_assert_nonnull (dim);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (dim), &computed);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpfloat (fabs (computed.red - ours.red), <, 0.01);
  g_assert_cmpfloat (fabs (computed.green - ours.green), <, 0.01);
  g_assert_cmpfloat (fabs (computed.blue - ours.blue), <, 0.01);
  close_window_within (window, 10);
}

/* ---- size, presentation ----------------------------------------------- */

static int
min_width (OsWindow *window)
{
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return min;
}

static int
min_height (OsWindow *window, int width)
{
  int min, nat;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  return min;
}

static double
font_size_of (GtkWidget *widget)
{
  PangoContext *ctx = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *desc = pango_context_get_font_description (ctx);

  return pango_font_description_get_size (desc) / (double) PANGO_SCALE;
}

/* The window fits a 1024 × 768 screen and a 1280 × 720 projector, in
 * presentation mode too; presentation mode enlarges the side panel's text
 * (read-outs and controls), shows how to leave full screen, and Esc
 * leaves it. */
static void
test_fits_and_presentation (void)
{
  OsWindow *window = open_window ();
  GtkWidget *panel = GTK_WIDGET (os_window_get_panel (window));
  double normal_font, large_font;

  g_test_message ("minimum size %d × %d", min_width (window), min_height (window, 1024));
  g_assert_cmpint (min_width (window), <=, 1024);
  g_assert_cmpint (min_height (window, 1024), <=, 720);
  normal_font = font_size_of (panel);
  g_assert_false (os_window_exit_shown (window));

  os_window_set_presentation (window, TRUE);
  run_for (100);
  large_font = font_size_of (panel);
  g_test_message ("panel text %.1f pt, %.1f pt in presentation; minimum %d × %d", normal_font, large_font,
                  min_width (window), min_height (window, 1280));
  g_assert_cmpfloat (large_font, >=, 1.25 * normal_font);
  g_assert_cmpint (min_width (window), <=, 1280);
  g_assert_cmpint (min_height (window, 1280), <=, 720);
  /* and a 1024 × 768 projector */
  g_assert_cmpint (min_width (window), <=, 1024);
  g_assert_cmpint (min_height (window, 1024), <=, 768);
  /* the way out is shown when full screen starts */
  g_assert_true (os_window_exit_shown (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  g_assert_false (os_window_get_presentation (window));
  g_assert_false (os_window_exit_shown (window));

  /* F11 toggles back; outside presentation the way out does nothing (so
   * Esc, bound to it, is free for everything else) */
  os_window_set_presentation (window, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_false (os_window_get_presentation (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL);
  g_assert_false (os_window_get_presentation (window));
  close_window_within (window, 10);
}

/* ---- help, buttons over plots ------------------------------------------ */

/* A help popover opens with none of its text selected. */
static void
test_help_not_selected (void)
{
  OsWindow *window = open_window ();
  const char *plots[] = { "error", "spectrum", "overlaps", "function" };

  for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
    {
      GtkMenuButton *button = os_window_get_help_button (window, plots[i]);
      GtkPopover *popover = gtk_menu_button_get_popover (button);
      GtkLabel *label = GTK_LABEL (gtk_popover_get_child (popover));
      int start = -1, end = -1;

      gtk_menu_button_popup (button);
      run_for (300);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_false (gtk_label_get_selection_bounds (label, &start, &end) && end > start);
      gtk_menu_button_popdown (button);
      run_for (50);
    }
  close_window_within (window, 10);
}

/* No button (the "?" of each plot, the η̃* toggle) covers a text the
 * plot's layout placed: their bounds against the plot's geometry. */
static void
test_buttons_cover_no_text (void)
{
  OsWindow *window = open_window ();
  const char *plots[] = { "error", "spectrum", "overlaps", "function" };

  for (guint p = 0; p < G_N_ELEMENTS (plots); p++)
    {
      OsPlotKind kind;
      OsPlotView *view;
      g_autoptr (GPtrArray) geometry = NULL;
      GtkWidget *buttons[2];
      OsFigureStyle screen;

      g_assert_true (os_plot_kind_from_name (plots[p], &kind));
      view = os_window_get_plot (window, kind);
      os_figure_style_init_screen (&screen);
      geometry = os_plot_geometry (kind, os_plot_view_get_figure (view), os_plot_view_get_theme (view), &screen,
                                   gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)));
      buttons[0] = GTK_WIDGET (os_window_get_help_button (window, plots[p]));
      buttons[1] = kind == OS_PLOT_ERROR ? GTK_WIDGET (os_window_get_optimal_toggle (window)) : NULL;
      for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
        {
          graphene_rect_t r;
          const OsPlotGeometry *g = g_ptr_array_index (geometry, 0);

          if (buttons[b] == NULL)
            continue;
          g_assert_true (gtk_widget_compute_bounds (buttons[b], GTK_WIDGET (view), &r));
          for (guint i = 0; i < g->texts->len; i++)
            {
              const OsPlotTextBox *t = &g_array_index (g->texts, OsPlotTextBox, i);

              if (r.origin.x < t->box[2] && t->box[0] < r.origin.x + r.size.width
                  && r.origin.y < t->box[3] && t->box[1] < r.origin.y + r.size.height)
                g_error ("a button of the %s plot covers its text '%s'", plots[p], t->text);
            }
        }
    }
  close_window_within (window, 10);
}

/* ---- export with the chooser's choices --------------------------------- */

static char *
png_text (const char *path, const char *keyword)
{
  g_autofree char *data = NULL;
  gsize len, i = 8;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  while (i + 12 <= len)
    {
      guint32 n = ((guint32) (guint8) data[i] << 24) | ((guint8) data[i + 1] << 16) | ((guint8) data[i + 2] << 8)
                  | (guint8) data[i + 3];
      const char *type = data + i + 4, *body = data + i + 8;

      if (memcmp (type, "iTXt", 4) == 0 && strcmp (body, keyword) == 0)
        {
          const char *v = body + strlen (keyword) + 1 + 2;   /* NUL, flag, method */

          v += strlen (v) + 1;   /* language */
          v += strlen (v) + 1;   /* translated keyword */
          return g_strndup (v, body + n - v);
        }
      i += 12 + n;
    }
  return NULL;
}

/* The options dialog before the chooser: the file is what it chose, with
 * the command line that draws it again; the next export starts from
 * these options; a size that does not parse is said and cannot be
 * chosen. */
static void
test_export_options (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-figures-XXXXXX", NULL);
  g_autofree char *want = g_build_filename (dir, "column.png", NULL);
  g_autofree char *command = NULL;
  GtkFileChooser *chooser = NULL;
  OsExportDialog *dialog;
  OsFigureStyle style;
  OsPageSize page;
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "error"));
  g_assert_true (wait_until (window, export_options_shown, NULL, 30));
  dialog = OS_EXPORT_DIALOG (os_window_get_export_dialog (window));
  /* the defaults: as on screen, legend inside, titles, no marker */
  g_assert_true (os_export_dialog_get (dialog, &style, &id, &page, &error));
  g_assert_cmpstr (id, ==, "screen");
  g_assert_cmpint (style.legend, ==, OS_LEGEND_BEST);
  g_assert_true (style.title);
  g_assert_false (style.marker);
  g_assert_cmpfloat (page.scale, ==, 2.0);
  /* a size that does not parse: said, and Choose File is off */
  os_export_dialog_set_custom (dialog, "8.5furlong", "6cm", 300);
  g_clear_error (&error);
  g_assert_false (os_export_dialog_get (dialog, &style, NULL, &page, &error));
  g_assert_true (g_str_has_prefix (error->message, "Width: '8.5furlong' is not a size"));
  os_export_dialog_set_custom (dialog, "1", "1", 300);   /* the dpi */
  os_export_dialog_set_size (dialog, "column");
  style.legend = OS_LEGEND_OUTSIDE;
  style.log_y = TRUE;
  style.title = TRUE;
  os_export_dialog_set_style (dialog, &style);
  os_export_dialog_choose (dialog);
  g_assert_true (wait_until (window, chooser_shown, &chooser, 30));
  gtk_file_chooser_set_current_name (chooser, want);
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT), "clicked");
  g_assert_true (wait_until (window, file_written, want, 30));
  g_assert_null (os_window_get_error (window));
  {
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (want, &data, &len, NULL));
    /* 8.5 cm × 6 cm at 300 dpi */
    g_assert_cmpuint ((((guint8) data[16] << 24) | ((guint8) data[17] << 16) | ((guint8) data[18] << 8)
                       | (guint8) data[19]), ==, 1004);
    g_assert_cmpuint ((((guint8) data[20] << 24) | ((guint8) data[21] << 16) | ((guint8) data[22] << 8)
                       | (guint8) data[23]), ==, 709);
  }
  command = png_text (want, "Command");
  g_assert_nonnull (command);
  g_test_message ("%s", command);
  g_assert_true (g_str_has_prefix (command, "onestep-explorer export --plot error --student tanh"));
  g_assert_nonnull (strstr (command, "--width 8.5cm --height 6cm --dpi 300"));
  g_assert_nonnull (strstr (command, "--legend outside"));
  g_assert_nonnull (strstr (command, "--log-y"));
  g_assert_null (strstr (command, "--marker"));
  /* the next export starts from these options */
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "all"));
  g_assert_true (wait_until (window, export_options_shown, NULL, 30));
  dialog = OS_EXPORT_DIALOG (os_window_get_export_dialog (window));
  g_clear_pointer (&id, g_free);
  g_assert_true (os_export_dialog_get (dialog, &style, &id, &page, NULL));
  g_assert_cmpstr (id, ==, "column");
  g_assert_cmpint (style.legend, ==, OS_LEGEND_OUTSIDE);
  gtk_window_close (GTK_WINDOW (dialog));
  run_for (50);
  g_assert_null (os_window_get_export_dialog (window));
  g_unlink (want);
  g_rmdir (dir);
  close_window_within (window, 10);
}

/* ---- the phase diagram's settings -------------------------------------- */

/* A parameter file sets the phase diagram's quantity and y-axis, and the
 * window saves them; none of it is an undo step. */
static void
test_phase_settings_in_files (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-figures-XXXXXX", NULL);
  g_autofree char *in = g_build_filename (dir, "in.params", NULL);
  g_autofree char *out = g_build_filename (dir, "out.params", NULL);
  OsPhaseRequest rq;
  OsParams p;
  OsPresetView v;

  g_assert_true (g_file_set_contents (in, "[parameters]\neta=2\nquantity=gain-linear\ny_axis=lambda\ny_to=0.5\n", -1,
                                      NULL));
  g_assert_true (os_window_load_params (window, in));
  os_phase_view_get_request (os_window_get_phase_view (window), &rq);
  g_assert_cmpint (rq.quantity, ==, OS_PHASE_GAIN_LINEAR);
  g_assert_cmpint (rq.y_axis.axis, ==, OS_PARAM_LAMBDA);
  g_assert_cmpfloat (rq.y_axis.to, ==, 0.5);
  g_assert_true (rq.y_axis.log_spacing);
  g_assert_true (os_window_save_params (window, out));
  os_params_init_default (&p);
  os_preset_view_init_default (&v);
  g_assert_true (os_paramfile_load (out, &p, &v, NULL, NULL));
  g_assert_cmpfloat (p.eta, ==, 2.0);
  g_assert_true (v.phase.set);
  g_assert_cmpint (v.phase.quantity, ==, OS_PHASE_GAIN_LINEAR);
  g_assert_cmpint (v.phase.y_axis, ==, OS_PARAM_LAMBDA);
  g_assert_cmpfloat (v.phase.y_to, ==, 0.5);
  /* one undo step: η̃ back to 1; the phase diagram stays */
  g_assert_true (os_window_undo (window));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.eta, ==, 1.0);
  os_phase_view_get_request (os_window_get_phase_view (window), &rq);
  g_assert_cmpint (rq.quantity, ==, OS_PHASE_GAIN_LINEAR);
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  close_window_within (window, 10);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-figures/contrast", test_contrast);
  g_test_add_func ("/window-figures/fits-and-presentation", test_fits_and_presentation);
  g_test_add_func ("/window-figures/help-not-selected", test_help_not_selected);
  g_test_add_func ("/window-figures/buttons-cover-no-text", test_buttons_cover_no_text);
  g_test_add_func ("/window-figures/export-options", test_export_options);
  g_test_add_func ("/window-figures/phase-settings-in-files", test_phase_settings_in_files);
  return g_test_run ();
}
