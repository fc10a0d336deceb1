/* test-window.c — the main window under Xvfb: it opens and shows all four
 * plots with data and the read-outs of THEORY.md §2, §6 and §7; a slider
 * changes the plotted curve; the x-axis selector switches the sweep; the
 * entries say what is wrong with a bad value; export writes valid PNG, SVG,
 * PDF and CSV files and shows an unwritable path in the window; closing
 * the window while the simulation runs cancels the work and frees
 * everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "window-test-util.h"

/* The newest request is complete and every plot has drawn it (its last
 * stage, not only an earlier one of the same generation). */
static gboolean
all_drawn (OsWindow *window, gpointer data)
{
  OsEngine *engine = os_window_get_engine (window);
  guint gen = os_engine_get_generation (engine);
  OsFigure *figure = os_window_get_figure (window);

  (void) data;
  if (os_engine_is_busy (engine) || os_engine_get_figure_generation (engine) != gen
      || figure == NULL || figure->theory == NULL)
    return FALSE;
  for (int k = 0; k < OS_PLOT_ALL; k++)
    if (os_plot_view_get_drawn_generation (os_window_get_plot (window, k)) != gen
        || !os_plot_view_is_current (os_window_get_plot (window, k)))
      return FALSE;
  return TRUE;
}

static gboolean
plot_current (OsWindow *window, gpointer data)
{
  (void) window;
  return os_plot_view_is_current (data);
}

static gboolean
no_render_running (OsWindow *window, gpointer data)
{
  (void) window;
  (void) data;
  return os_scheduler_lane_jobs_alive (OS_SCHEDULER_LANE_RENDER) == 0;
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

static void
close_window (OsWindow *window)
{
  close_window_within (window, 10);
}

static double
readout (OsWindow *window, const char *name)
{
  const char *text = os_param_panel_get_readout (os_window_get_panel (window), name);

  g_assert_nonnull (text);
  return g_ascii_strtod (text, NULL);
}

/* E f(z), z ~ N(0,1), by the trapezoid rule on [−12, 12] (exponentially
 * accurate for smooth f). */
static double
gauss_mean (double (*f) (double, gpointer), gpointer data)
{
  const int n = 2400;
  const double a = -12, h = 24.0 / n;
  double s = 0;

  for (int i = 0; i <= n; i++)
    {
      double z = a + i * h, w = (i == 0 || i == n) ? 0.5 : 1.0;
      s += w * f (z, data) * exp (-0.5 * z * z);
    }
  return s * h / sqrt (2 * G_PI);
}

static double f_tanh_sq (double z, gpointer d) { (void) d; return tanh (z) * tanh (z); }
static double f_tanh_prime (double z, gpointer d) { (void) d; double t = tanh (z); return 1 - t * t; }

typedef struct { double a, rho; int power; } Cond;
static double
f_cond (double nu, gpointer d)
{
  Cond *c = d;
  return pow (tanh (c->a + c->rho * nu), c->power);
}
static double
f_spike_var (double kappa, gpointer d)
{
  double gamma = *(double *) d;
  Cond c = { gamma * kappa, sqrt (1 - gamma * gamma), 1 };
  double h = gauss_mean (f_cond, &c), h2;

  c.power = 2;
  h2 = gauss_mean (f_cond, &c);
  return h2 - h * h;
}

/* Opens with the defaults (tanh/tanh, η̃ = 1, α0 = 0.5, α = 2, β = 1,
 * λ = 0.01, Δ = 0): all four plots drawn, read-outs as in THEORY.md §7. */
static void
test_opens_with_data (void)
{
  OsWindow *window = open_window ();
  OsFigure *figure = os_window_get_figure (window);
  double gamma = 0.563485, mu1_star, linear, spike;

  for (int k = 0; k < OS_PLOT_ALL; k++)
    {
      OsPlotView *view = os_window_get_plot (window, k);

      g_assert_true (os_plot_view_get_figure (view) != NULL);
      g_assert_nonnull (os_plot_view_get_figure (view)->theory);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 250);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 180);
    }
  g_assert_nonnull (figure->density_step);
  g_assert_cmpint (figure->theory->curve->n, >=, 100);
  g_assert_cmpint (figure->view.sweep.axis, ==, OS_PARAM_ALPHA);

  /* §7 (η̃ = 1, α0 = 0.5): r, c, γ; ε_g at α = 2; kernel = ε_g at η̃ = 0, α = 2 */
  g_assert_cmpfloat_with_epsilon (readout (window, "r"), 0.651089, 6e-5);
  g_assert_cmpfloat_with_epsilon (readout (window, "c"), 1.037741, 6e-5);
  g_assert_cmpfloat_with_epsilon (readout (window, "gamma"), 0.563485, 6e-5);
  g_assert_cmpfloat_with_epsilon (readout (window, "test_error"), 0.174662, 6e-5);
  g_assert_cmpfloat_with_epsilon (readout (window, "kernel"), 0.205726, 6e-5);
  /* §6 floors by direct quadrature */
  mu1_star = gauss_mean (f_tanh_prime, NULL);
  linear = gauss_mean (f_tanh_sq, NULL) - mu1_star * mu1_star;
  spike = gauss_mean (f_spike_var, &gamma);
  g_test_message ("independent floors: linear %.6f spike %.6f", linear, spike);
  g_assert_cmpfloat_with_epsilon (readout (window, "linear"), linear, 6e-5);
  g_assert_cmpfloat_with_epsilon (readout (window, "spike"), spike, 6e-5);
  g_assert_nonnull (strstr (os_window_get_status (window), "converged"));

  /* A later stage of the same generation (here: the spectrum without its
   * predicted densities) is not current until its image is on screen:
   * the --screenshot and these tests wait for that, not for the
   * generation alone. */
  {
    OsPlotView *spectrum = os_window_get_plot (window, OS_PLOT_SPECTRUM);
    guint gen = os_plot_view_get_drawn_generation (spectrum);
    OsFigure *later = os_figure_with_densities (os_plot_view_get_figure (spectrum), NULL, NULL);

    OsFigure *shown = os_figure_ref (os_plot_view_get_figure (spectrum));

    g_assert_true (os_plot_view_is_current (spectrum));
    /* rendered off the main thread and shown as an image (waited for: a
     * loaded machine takes longer than any fixed time) */
    os_plot_view_set_figure (spectrum, later, gen);
    g_assert_true (wait_until (window, plot_current, spectrum, 10));
    g_assert_true (wait_until (window, no_render_running, NULL, 10));
    /* the image is now the other figure's */
    os_plot_view_set_figure (spectrum, shown, gen);
    g_assert_false (os_plot_view_is_current (spectrum));
    g_assert_cmpuint (os_plot_view_get_drawn_generation (spectrum), ==, gen);
    g_assert_true (wait_until (window, plot_current, spectrum, 10));
    os_figure_unref (later);
    os_figure_unref (shown);
  }

  close_window (window);
}

static guint
pixel_difference (OsFigure *a, OsFigure *b, const OsPlotTheme *theme)
{
  cairo_surface_t *sa = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 360);
  cairo_surface_t *sb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 360);
  cairo_t *cr;
  guint differ = 0;
  int stride = cairo_image_surface_get_stride (sa);

  cr = cairo_create (sa);
  os_plot_render (OS_PLOT_ERROR, a, theme, cr, 500, 360);
  cairo_destroy (cr);
  cr = cairo_create (sb);
  os_plot_render (OS_PLOT_ERROR, b, theme, cr, 500, 360);
  cairo_destroy (cr);
  cairo_surface_flush (sa);
  cairo_surface_flush (sb);
  for (int y = 0; y < 360; y++)
    differ += memcmp (cairo_image_surface_get_data (sa) + y * stride,
                      cairo_image_surface_get_data (sb) + y * stride, 500 * 4) != 0;
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  return differ;
}

/* Moving the η̃ slider redraws the test-error curve with new values. */
static void
test_slider_changes_curve (void)
{
  OsWindow *window = open_window ();
  OsPlotView *plot = os_window_get_plot (window, OS_PLOT_ERROR);
  OsFigure *before = os_figure_ref (os_plot_view_get_figure (plot));
  OsFigure *after;
  OsSlider *scale = os_param_panel_get_scale (os_window_get_panel (window), OS_PARAM_ETA);
  double max_change = 0;
  guint gen_before = os_plot_view_get_drawn_generation (plot);

  gtk_adjustment_set_value (os_slider_get_adjustment (scale), 3.0);
  g_assert_cmpuint (os_engine_get_generation (os_window_get_engine (window)), >, gen_before);
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  after = os_plot_view_get_figure (plot);
  g_assert_true (after != before);
  g_assert_cmpfloat (after->params.eta, ==, 3.0);
  g_assert_cmpfloat (before->params.eta, ==, 1.0);
  g_assert_cmpint (after->theory->curve->n, ==, before->theory->curve->n);
  for (int i = 0; i < after->theory->curve->n; i++)
    max_change = MAX (max_change, fabs (after->theory->curve->points[i].test_error
                                        - before->theory->curve->points[i].test_error));
  g_test_message ("largest change of ε_g along the curve: %.4f", max_change);
  g_assert_cmpfloat (max_change, >, 1e-2);
  /* and the pixels follow */
  g_assert_cmpuint (pixel_difference (before, after, os_plot_view_get_theme (plot)), >, 20);
  /* the entry shows the slider's value */
  g_assert_cmpstr (gtk_editable_get_text (os_param_panel_get_entry (os_window_get_panel (window), OS_PARAM_ETA)), ==, "3");

  os_figure_unref (before);
  close_window (window);
}

/* Dragging a slider moves the slider, the entry, the read-outs, the
 * progress bar and the four plots, and never lays out the window again:
 * on X11 each relayout of a toplevel costs round trips to the server on
 * the main thread (the stall that --benchmark-ui measures). */
static void
test_changes_never_relayout (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  int relayouts = 0;
  gulong id;

  /* Xvfb's pointer rests over a plot, whose tooltip (a popup shown and
   * re-measured as the data change) is not what this test is about */
  for (int k = 0; k < OS_PLOT_ALL; k++)
    gtk_widget_set_has_tooltip (GTK_WIDGET (os_window_get_plot (window, k)), FALSE);
  /* the first change enables Undo, which restyles the menus once */
  os_param_panel_set_value (panel, OS_PARAM_BETA, 2.0);
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  id = g_signal_connect (surface, "layout", G_CALLBACK (count_surface_layout), &relayouts);

  for (int i = 0; i < 6; i++)
    {
      os_param_panel_set_value (panel, i % 2 ? OS_PARAM_ETA : OS_PARAM_LAMBDA, i % 2 ? 0.5 + 0.4 * i : pow (10, -i));
      g_assert_true (wait_until (window, all_drawn, NULL, 30));
    }
  g_signal_handler_disconnect (surface, id);
  g_test_message ("window relayouts over 6 parameter changes: %d", relayouts);
  g_assert_cmpint (relayouts, ==, 0);
  close_window (window);
}

/* The x-axis drop-down switches the sweep; the curve's x range follows. */
/* The bottom bar shows its newest values; none waits for a frame. */
static gboolean
status_shown (OsWindow *window, gpointer data)
{
  (void) data;
  return os_window_is_status_shown (window);
}

typedef struct
{
  OsWindow *window;
  int       left;
} Burst;

static gboolean
burst_change (gpointer data)
{
  Burst *b = data;
  OsParamPanel *panel = os_window_get_panel (b->window);

  os_param_panel_set_value (panel, OS_PARAM_ETA, 0.5 + 0.05 * b->left);
  return --b->left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
count_reports (OsEngine *engine, guint generation, int stage, gpointer figure, int *count)
{
  (void) engine;
  (void) generation;
  (void) stage;
  (void) figure;
  (*count)++;
}

static void
count_progress (OsEngine *engine, guint generation, double fraction, const char *text, int *count)
{
  (void) engine;
  (void) generation;
  (void) fraction;
  (void) text;
  (*count)++;
}

/* While a slider is dragged, engine reports stream in (several per
 * change); the bottom bar — far from the sliders and plots, so costly to
 * repaint in the same frame — repaints at most every 250 ms, in frames of
 * its own (at the latest after 2 s), and shows the last state once the
 * work is done. */
static void
test_status_bar_paced (void)
{
  OsWindow *window = open_window ();
  OsEngine *engine = os_window_get_engine (window);
  Burst burst = { window, 60 };
  int reports = 0;
  guint repaints_before, repaints;
  gint64 t0, elapsed_ms;
  gulong id1, id2;

  g_assert_true (wait_until (window, status_shown, NULL, 5));
  id1 = g_signal_connect (engine, "figure-updated", G_CALLBACK (count_reports), &reports);
  id2 = g_signal_connect (engine, "progress", G_CALLBACK (count_progress), &reports);
  repaints_before = os_window_get_status_repaints (window);
  t0 = g_get_monotonic_time ();
  g_timeout_add (40, burst_change, &burst);   /* 60 changes, 2.4 s or more */
  while (burst.left > 0)
    g_main_context_iteration (NULL, TRUE);
  elapsed_ms = (g_get_monotonic_time () - t0) / 1000;
  repaints = os_window_get_status_repaints (window) - repaints_before;
  g_test_message ("%d engine reports in %" G_GINT64_FORMAT " ms; the bar repainted %u times",
                  reports, elapsed_ms, repaints);
  g_assert_cmpuint (repaints, >=, 1);   /* not frozen through a long drag (2 s at most) */
  g_assert_cmpuint (repaints, <=, elapsed_ms / OS_STATUS_INTERVAL_MS + 1); /* paced */
  g_assert_cmpint (reports, >, 3 * (int) repaints);                        /* and it would have been far more */

  /* the last state is shown */
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  g_assert_true (wait_until (window, status_shown, NULL, 5));
  g_assert_nonnull (strstr (os_window_get_status (window), "converged"));
  g_signal_handler_disconnect (engine, id1);
  g_signal_handler_disconnect (engine, id2);
  close_window (window);
}

static void
test_axis_switch (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  OsFigure *figure;
  const OsCurve *curve;
  double from, to;
  gboolean log_spacing;

  gtk_drop_down_set_selected (os_param_panel_get_axis_dropdown (panel), OS_PARAM_LAMBDA);
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  figure = os_plot_view_get_figure (os_window_get_plot (window, OS_PLOT_ERROR));
  curve = figure->theory->curve;
  os_param_panel_default_range (OS_PARAM_LAMBDA, &from, &to, &log_spacing);
  g_assert_cmpint (figure->view.sweep.axis, ==, OS_PARAM_LAMBDA);
  g_assert_true (log_spacing);
  g_assert_true (figure->view.sweep.log_spacing);
  g_assert_cmpint (curve->sweep.axis, ==, OS_PARAM_LAMBDA);
  g_assert_cmpfloat_with_epsilon (curve->x[0], from, 1e-12);
  g_assert_cmpfloat_with_epsilon (curve->x[curve->n - 1], to, 1e-9);
  /* geometric spacing: equal ratios */
  g_assert_cmpfloat_with_epsilon (curve->x[1] / curve->x[0], curve->x[2] / curve->x[1], 1e-9);
  /* the overlaps plot sweeps the same axis */
  g_assert_cmpint (os_plot_view_get_figure (os_window_get_plot (window, OS_PLOT_OVERLAPS))->view.sweep.axis,
                   ==, OS_PARAM_LAMBDA);

  /* a new range */
  os_param_panel_set_range (panel, 0.001, 0.1);
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  curve = os_window_get_figure (window)->theory->curve;
  g_assert_cmpfloat_with_epsilon (curve->x[0], 0.001, 1e-12);
  g_assert_cmpfloat_with_epsilon (curve->x[curve->n - 1], 0.1, 1e-9);
  close_window (window);
}

/* A bad entry says what is wrong and changes nothing. */
static void
test_entry_validation (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  GtkEditable *entry = os_param_panel_get_entry (panel, OS_PARAM_LAMBDA);
  GtkLabel *error = os_param_panel_get_error_label (panel, OS_PARAM_LAMBDA);
  guint gen = os_engine_get_generation (os_window_get_engine (window));
  OsParams params;
  OsView view;

  gtk_editable_set_text (entry, "abc");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "not a number"));
  gtk_editable_set_text (entry, "20");
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (strstr (gtk_label_get_text (error), "out of range"));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "10"));
  g_assert_cmpuint (os_engine_get_generation (os_window_get_engine (window)), ==, gen);

  gtk_editable_set_text (entry, "0.5");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  os_window_get_request (window, &params, &view);
  g_assert_cmpfloat (params.lambda, ==, 0.5);
  g_assert_cmpuint (os_engine_get_generation (os_window_get_engine (window)), ==, gen + 1);
  g_assert_true (wait_until (window, all_drawn, NULL, 30));
  close_window (window);
}

/* Presentation mode (the win.presentation action) scales the plots' text
 * and lines by 1.6 and redraws them; toggling again restores the default. */
static void
test_presentation (void)
{
  OsWindow *window = open_window ();
  OsPlotView *plot = os_window_get_plot (window, OS_PLOT_ERROR);
  OsPlotTheme normal, large;

  os_plot_theme_init_default (&normal);
  os_plot_theme_init_presentation (&large);
  g_assert_cmpfloat (os_plot_view_get_theme (plot)->scale, ==, normal.scale);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (os_window_get_presentation (window));
  for (int k = 0; k < OS_PLOT_ALL; k++)
    g_assert_cmpfloat (os_plot_view_get_theme (os_window_get_plot (window, k))->scale, ==, large.scale);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_false (os_window_get_presentation (window));
  g_assert_cmpfloat (os_plot_view_get_theme (plot)->scale, ==, normal.scale);
  close_window (window);
}

static char *
read_file (const char *path, gsize *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

/* Export through the window writes real files; an unwritable path shows
 * in the window's banner. */
static void
test_export (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-window-XXXXXX", NULL);
  const char *targets[] = { "all", "error", "spectrum", "overlaps", "function" };
  const char *exts[] = { "png", "svg", "pdf" };
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (dir);
  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    for (guint e = 0; e < G_N_ELEMENTS (exts); e++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", targets[t], exts[e]);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *data = NULL;
        gsize len = 0;

        g_assert_true (os_window_export (window, targets[t], path));
        g_assert_null (os_window_get_error (window));
        data = read_file (path, &len);
        g_assert_cmpuint (len, >, 1000);
        if (e == 0)
          g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
        else if (e == 1)
          g_assert_nonnull (g_strstr_len (data, MIN (len, 400), "<svg"));
        else
          g_assert_true (memcmp (data, "%PDF-", 5) == 0);
        if (e == 0 && t == 0)
          {
            g_autoptr (GdkTexture) tex = gdk_texture_new_from_filename (path, NULL);

            g_assert_nonnull (tex);
            g_assert_cmpint (gdk_texture_get_width (tex), >, 800);
          }
        g_unlink (path);
      }
  {
    g_autofree char *path = g_build_filename (dir, "data.csv", NULL);
    g_autofree char *data = NULL;
    gsize len = 0;

    g_assert_true (os_window_export (window, "csv", path));
    data = read_file (path, &len);
    /* the provenance lines, then the table */
    g_assert_true (g_str_has_prefix (data, "# One-Step Explorer "));
    g_assert_nonnull (strstr (data, "\n# command: onestep-explorer export --plot all "));
    g_assert_nonnull (strstr (data, "\nplot,series,x,y,y_err\n"));
    g_assert_nonnull (strstr (data, "\nerror,"));
    g_assert_nonnull (strstr (data, "\nfunction,"));
    g_unlink (path);
  }
  /* unwritable: the banner says so, and names the path */
  g_assert_false (os_window_export (window, "all", "/nonexistent-dir/figure.png"));
  g_assert_nonnull (os_window_get_error (window));
  g_assert_nonnull (strstr (os_window_get_error (window), "/nonexistent-dir/figure.png"));
  g_assert_false (g_file_test ("/nonexistent-dir/figure.png", G_FILE_TEST_EXISTS));
  /* an unknown extension is refused with the valid ones named */
  g_assert_false (os_window_export_to_file (window, "error", "/tmp/x.bmp", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "png"));
  /* the window action exists and checks its target before any chooser */
  os_window_show_error (window, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "bogus"));
  g_assert_nonnull (os_window_get_error (window));
  g_assert_nonnull (strstr (os_window_get_error (window), "bogus"));
  /* dismissing the banner hides it */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-banner", NULL);
  g_assert_null (os_window_get_error (window));

  g_rmdir (dir);
  close_window (window);
}

static gboolean
simulating (OsWindow *window, gpointer data)
{
  OsFigure *figure = os_window_get_figure (window);

  (void) data;
  return figure != NULL && figure->theory != NULL && os_engine_is_busy (os_window_get_engine (window))
         && figure->view.simulate && figure->density_step != NULL;
}

/* Closing the window while the network is being simulated: the engine
 * cancels, everything is freed, the worker ends promptly. */
static void
test_close_while_running (void)
{
  OsWindow *window = open_window ();
  OsEngine *engine = os_window_get_engine (window);
  gint64 t0;

  os_param_panel_set_simulation (os_window_get_panel (window), TRUE, 1000, 5);
  g_assert_true (wait_until (window, simulating, NULL, 30));
  /* the engine's one job, now on the simulation lane */
  g_assert_cmpuint (os_scheduler_lane_jobs_alive (OS_SCHEDULER_LANE_SIMULATION), ==, 1);
  g_object_add_weak_pointer (G_OBJECT (engine), (gpointer *) &engine);
  t0 = g_get_monotonic_time ();
  close_window (window);
  g_assert_null (engine);
  while (os_scheduler_jobs_alive () > 0 && g_get_monotonic_time () - t0 < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("worker ended %.0f ms after the window closed", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
}

/* Export through the real chooser: Ctrl+E's action asks for the figure's
 * options, then opens the chooser with the plot's name and the image formats; a name typed without an extension
 * takes the chosen format's; Cancel writes nothing and says nothing. */
static void
test_export_through_chooser (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("os-chooser-XXXXXX", NULL);
  g_autofree char *want = g_build_filename (dir, "from-the-chooser.png", NULL);
  GtkFileChooser *chooser = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  GDir *listing;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "error"));
  accept_export_options (window);   /* the figure's options, as they are */
  g_assert_true (wait_until (window, chooser_shown, &chooser, 30));
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);
    g_autoptr (GListModel) filters = gtk_file_chooser_get_filters (chooser);

    g_assert_true (g_str_has_suffix (name, ".png"));
    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);   /* PNG, SVG, PDF */
  }
  /* a full path typed into the name box, without an extension (a bare
   * name lands in the folder the dialog shows: tests/test-choosers.c) */
  {
    g_autofree char *typed = g_build_filename (dir, "from-the-chooser", NULL);

    gtk_file_chooser_set_current_name (chooser, typed);
  }
  /* the Export button, as a click */
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT), "clicked");
  g_assert_true (wait_until (window, file_written, want, 30));
  g_assert_null (os_window_get_error (window));
  data = read_file (want, &len);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
  g_unlink (want);

  /* Cancel: nothing written, no message */
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "csv"));
  g_assert_true (wait_until (window, chooser_shown, &chooser, 30));
  g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL), "clicked");
  g_assert_true (wait_until (window, chooser_gone, NULL, 30));
  g_assert_null (os_window_get_error (window));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);
  g_rmdir (dir);
  close_window (window);
}

/* On X11 the window keeps one image from cairo's shared-memory pool for
 * the display (os-window.c, keep_shm_pool_warm): as wide as the screen,
 * at most 8 MiB, made once for all windows. */
static void
test_shm_pool_kept (void)
{
  OsWindow *window = open_window ();
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));

#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (display))
    {
      Display *xdpy = gdk_x11_display_get_xdisplay (display);
      int screen = DefaultScreen (xdpy);
      cairo_surface_t *keeper;
      OsWindow *second;
      gsize bytes;

      keeper = g_object_get_data (G_OBJECT (display), "os-shm-keeper");
      g_assert_nonnull (keeper);
      g_assert_cmpint (cairo_surface_status (keeper), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_surface_get_type (keeper), ==, CAIRO_SURFACE_TYPE_IMAGE);
      g_assert_cmpint (cairo_image_surface_get_width (keeper), ==, DisplayWidth (xdpy, screen));
      bytes = (gsize) cairo_image_surface_get_stride (keeper) * cairo_image_surface_get_height (keeper);
      g_assert_cmpuint (bytes, <, 8 * 1024 * 1024);
      g_assert_cmpint (cairo_image_surface_get_height (keeper), ==,
                       MIN (DisplayHeight (xdpy, screen), (8 * 1024 * 1024 - 4096) / (4 * DisplayWidth (xdpy, screen))));
      second = open_window ();
      g_assert_true (g_object_get_data (G_OBJECT (display), "os-shm-keeper") == keeper);
      close_window_within (second, 10);
    }
  else
#endif
    g_test_skip ("not an X11 display");
  close_window_within (window, 10);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window/opens-with-data", test_opens_with_data);
  g_test_add_func ("/window/slider-changes-curve", test_slider_changes_curve);
  g_test_add_func ("/window/changes-never-relayout", test_changes_never_relayout);
  g_test_add_func ("/window/status-bar-paced", test_status_bar_paced);
  g_test_add_func ("/window/axis-switch", test_axis_switch);
  g_test_add_func ("/window/entry-validation", test_entry_validation);
  g_test_add_func ("/window/export", test_export);
  g_test_add_func ("/window/export-through-chooser", test_export_through_chooser);
  g_test_add_func ("/window/presentation", test_presentation);
  g_test_add_func ("/window/close-while-running", test_close_while_running);
  g_test_add_func ("/window/shm-pool-kept", test_shm_pool_kept);
  return g_test_run ();
}
