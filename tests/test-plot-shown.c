/* test-plot-shown.c — what a plot shows of its figure (plot/os-plot-shown.c):
 * every series of every plot either has an id a lecturer can hide or is
 * one meant to stay; a hidden series leaves the drawing and the CSV; a
 * comparison has one curve per value in every plot kind, named after the
 * value in the CSV, in the colours of the sequential scale; a pin adds the
 * kept curves, faded, with a legend entry naming what differs. Headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-figure-overlays.h"
#include "os-plot-error.h"
#include "os-plot-function.h"
#include "os-plot-overlaps.h"
#include "os-plot-shown.h"
#include "os-plot-spectrum.h"
#include "os-export.h"

#include <math.h>
#include <string.h>
#include "os-plot-layout.h"

typedef OsPlotScene *(*SceneFunc) (const OsFigure *);
static const SceneFunc builders[4] = {
  os_plot_error_scene, os_plot_spectrum_scene, os_plot_overlaps_scene, os_plot_function_scene,
};

static OsFigure *figure;   /* simulation on: every series there is */

static void
setup (void)
{
  OsParams params;
  OsView view;
  g_autoptr (GError) error = NULL;

  os_params_init_default (&params);
  os_view_init_default (&view);
  view.sweep.points = 30;
  view.simulate = TRUE;
  view.sim.d = 100;
  view.sim.seeds = 1;
  view.sim_points = 3;   /* the finite-size theory at the network's d = 100 */
  figure = os_figure_compute_all (&params, &view, NULL, &error);
  g_assert_no_error (error);
}

/* series that stay whatever is hidden: markers of failure, a band */
static gboolean
meant_to_stay (const OsPlotSeries *sr)
{
  static const char *const stays[] = { "not converged", "spike inside the bulk", NULL };

  for (int i = 0; stays[i] != NULL; i++)
    if (sr->name != NULL && g_str_has_prefix (sr->name, stays[i]))
      return TRUE;
  /* the spectrum's notes for what lies beyond the axis name an outlier */
  return sr->kind == OS_SERIES_TICKS && sr->n == 0;
}

static void
test_every_series_named (void)
{
  for (int k = 0; k < 4; k++)
    {
      g_autoptr (OsPlotScene) scene = builders[k] (figure);

      for (guint i = 0; i < scene->series->len; i++)
        {
          const OsPlotSeries *sr = g_ptr_array_index (scene->series, i);

          if (os_plot_series_id (k, sr) == OS_SERIES_ID_NONE && !meant_to_stay (sr))
            g_error ("%s: the series '%s' has no id to hide it by", os_plot_kind_name (k), sr->name);
        }
    }
}

static void
test_hidden (void)
{
  for (int id = 0; id < OS_SERIES_ID_N; id++)
    {
      g_autoptr (OsFigure) hidden = os_figure_with_shown (figure, OS_SERIES_BIT (id), NULL, 0, FALSE);
      g_autofree char *csv = os_export_csv_text (hidden, OS_PLOT_ALL);

      for (int k = 0; k < 4; k++)
        {
          g_autoptr (OsPlotScene) scene = builders[k] (figure);

          os_plot_scene_apply_shown (scene, k, hidden, builders[k]);
          for (guint i = 0; i < scene->series->len; i++)
            {
              const OsPlotSeries *sr = g_ptr_array_index (scene->series, i);
              g_autofree char *row = g_strdup_printf ("\n%s,\"%s\",", os_plot_kind_name (k), sr->name);

              g_assert_cmpint (os_plot_series_id (k, sr), !=, id);
              (void) row;
            }
        }
      /* nor in the CSV: no row of a series with that id */
      {
        g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);

        for (int l = 1; lines[l] != NULL && *lines[l] != '\0'; l++)
          for (int k = 0; k < 4; k++)
            {
              g_autofree char *prefix = g_strdup_printf ("%s,\"", os_plot_kind_name (k));

              if (g_str_has_prefix (lines[l], prefix))
                {
                  OsPlotSeries probe = { 0 };
                  char *name = lines[l] + strlen (prefix), *end = strstr (name, "\",");

                  g_assert_nonnull (end);
                  probe.name = g_strndup (name, end - name);
                  g_assert_cmpint (os_plot_series_id (k, &probe), !=, id);
                  g_free (probe.name);
                }
            }
      }
    }
}

static void
test_compare (void)
{
  const double values[] = { 0, 0.5, 1, 2 };
  g_autoptr (GError) error = NULL;
  g_autoptr (OsFigure) cmp = os_figure_with_comparison (figure, 0, OS_PARAM_ETA, values, 4, NULL, &error);
  g_autofree char *csv = NULL;
  static const char *const main_series[] = { "error,\"ε_g at d = 100 (theory), η̃ = ", "spectrum,\"predicted density after the step, η̃ = ",
                                             "overlaps,\"m (theory), η̃ = ", "function,\"f̂(κ) after the step, η̃ = " };

  g_assert_no_error (error);
  g_assert_true (cmp->compare);
  csv = os_export_csv_text (cmp, OS_PLOT_ALL);
  for (int k = 0; k < 4; k++)
    {
      g_autoptr (OsPlotScene) scene = builders[k] (cmp);
      int legend_values = 0;

      os_plot_scene_apply_shown (scene, k, cmp, builders[k]);
      for (int v = 0; v < 4; v++)
        {
          g_autofree char *key = g_strdup_printf ("%s%g\",", main_series[k], values[v]);

          if (strstr (csv, key) == NULL)
            g_error ("the CSV has no series %s", key);
        }
      for (guint i = 0; i < scene->series->len; i++)
        {
          const OsPlotSeries *sr = g_ptr_array_index (scene->series, i);

          if (sr->legend != NULL && g_str_has_prefix (sr->legend, "η̃ = "))
            {
              g_assert_cmpint (sr->style.color, ==, os_plot_sequence_color (legend_values, 4));
              legend_values++;
            }
          /* the figure's own value is not drawn apart */
          g_assert_false (sr->name != NULL && g_str_equal (sr->name, "ε_g (theory)"));
        }
      g_assert_cmpint (legend_values, ==, 4);
    }
  /* the scale's ends, and its middle in between */
  g_assert_cmpint (os_plot_sequence_color (0, 4), ==, OS_COLOR_SEQUENCE_0);
  g_assert_cmpint (os_plot_sequence_color (3, 4), ==, OS_COLOR_SEQUENCE_LAST);
}

static void
test_pins (void)
{
  OsParams pins[2];
  g_autoptr (GError) error = NULL;
  g_autoptr (OsFigure) pinned = NULL;
  g_autoptr (OsPlotScene) scene = NULL;
  int faded = 0, labelled = 0;

  pins[0] = pins[1] = figure->params;
  pins[0].eta = 0;
  pins[1].alpha0 = 2;
  pinned = os_figure_with_pins (figure, 0, pins, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pinned->n_overlays, ==, 2);
  g_assert_cmpstr (pinned->overlays[0].label, ==, "η̃ = 0");
  g_assert_cmpstr (pinned->overlays[1].label, ==, "α₀ = 2");
  scene = os_plot_error_scene (pinned);
  os_plot_scene_apply_shown (scene, OS_PLOT_ERROR, pinned, os_plot_error_scene);
  for (guint i = 0; i < scene->series->len; i++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, i);

      if (sr->name != NULL && g_str_has_suffix (sr->name, ", η̃ = 0"))
        {
          faded += sr->style.alpha < 1;
          labelled += sr->legend != NULL && g_str_equal (sr->legend, "pinned: η̃ = 0");
        }
    }
  g_assert_cmpint (faded, ==, 1);
  g_assert_cmpint (labelled, ==, 1);
}

/* A click on a curve plot reads the x-axis there (the window moves the
 * parameter to it). */
static void
test_x_at (void)
{
  OsPlotTheme theme;
  g_autoptr (OsPlotScene) scene = os_plot_error_scene (figure);
  OsPlotFrame f;
  double x;

  os_plot_theme_init_default (&theme);
  os_plot_scene_layout (scene, &theme, 600, 400, &f);
  g_assert_true (os_plot_x_at (OS_PLOT_ERROR, figure, &theme, 600, 400, f.left + 0.5 * f.width,
                               f.top + 0.5 * f.height, &x));
  g_assert_cmpfloat (fabs (x - 0.5 * (f.x_min + f.x_max)), <=, 0.01 * (f.x_max - f.x_min));
  /* beside the frame: its end; above it: nothing */
  g_assert_true (os_plot_x_at (OS_PLOT_ERROR, figure, &theme, 600, 400, f.left - 10, f.top + 5, &x));
  g_assert_cmpfloat (x, ==, f.x_min);
  g_assert_false (os_plot_x_at (OS_PLOT_ERROR, figure, &theme, 600, 400, f.left + 10, f.top - 5, &x));
}

/* Where a legend entry is drawn: the centre of its text's box. */
static gboolean
legend_entry_centre (OsPlotKind kind, const OsFigure *fig, const char *starts, double *x, double *y)
{
  OsPlotTheme theme;
  g_autoptr (GPtrArray) plots = NULL;

  os_plot_theme_init_default (&theme);
  plots = os_plot_geometry (kind, fig, &theme, NULL, 600, 400);
  for (guint p = 0; p < plots->len; p++)
    {
      const OsPlotGeometry *g = g_ptr_array_index (plots, p);

      for (guint t = 0; t < g->texts->len; t++)
        {
          const OsPlotTextBox *b = &g_array_index (g->texts, OsPlotTextBox, t);

          if (b->role == OS_TEXT_LEGEND && g_str_has_prefix (b->text, starts))
            {
              *x = 0.5 * (b->box[0] + b->box[2]);
              *y = 0.5 * (b->box[1] + b->box[3]);
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* A click on a legend entry finds its series (the window hides or shows
 * it, or unpins a pin); a hidden series keeps its entry on screen. */
static void
test_legend_hit (void)
{
  OsPlotTheme theme;
  OsSeriesId id;
  int overlay;
  double x, y;
  OsParams pin = figure->params;
  g_autoptr (GError) error = NULL;
  g_autoptr (OsFigure) pinned = NULL, hidden = NULL, screen = NULL;

  os_plot_theme_init_default (&theme);
  g_assert_true (legend_entry_centre (OS_PLOT_ERROR, figure, "training ε", &x, &y));
  g_assert_true (os_plot_legend_hit (OS_PLOT_ERROR, figure, &theme, 600, 400, x, y, &id, &overlay));
  g_assert_cmpint (id, ==, OS_SERIES_ID_TRAIN);
  g_assert_cmpint (overlay, ==, 0);
  /* off the legend: nothing */
  g_assert_false (os_plot_legend_hit (OS_PLOT_ERROR, figure, &theme, 600, 400, 1, 1, &id, &overlay));

  pin.eta = 0;
  pinned = os_figure_with_pins (figure, 0, &pin, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (legend_entry_centre (OS_PLOT_ERROR, pinned, "pinned: η̃ = 0", &x, &y));
  g_assert_true (os_plot_legend_hit (OS_PLOT_ERROR, pinned, &theme, 600, 400, x, y, &id, &overlay));
  g_assert_cmpint (overlay, ==, 1);

  /* hidden: gone from an export's legend, dimmed on screen, still clickable */
  hidden = os_figure_with_shown (figure, OS_SERIES_BIT (OS_SERIES_ID_TRAIN), NULL, 0, FALSE);
  g_assert_false (legend_entry_centre (OS_PLOT_ERROR, hidden, "training ε", &x, &y));
  screen = os_figure_for_screen (hidden);
  g_assert_true (legend_entry_centre (OS_PLOT_ERROR, screen, "training ε", &x, &y));
  g_assert_true (os_plot_legend_hit (OS_PLOT_ERROR, screen, &theme, 600, 400, x, y, &id, &overlay));
  g_assert_cmpint (id, ==, OS_SERIES_ID_TRAIN);
  {
    g_autofree char *csv = os_export_csv_text (screen, OS_PLOT_ERROR);

    g_assert_null (strstr (csv, "ε_t (theory)"));   /* nothing drawn, nothing written */
  }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  setup ();
  g_test_add_func ("/plot-shown/every-series-named", test_every_series_named);
  g_test_add_func ("/plot-shown/hidden", test_hidden);
  g_test_add_func ("/plot-shown/compare", test_compare);
  g_test_add_func ("/plot-shown/pins", test_pins);
  g_test_add_func ("/plot-shown/x-at", test_x_at);
  g_test_add_func ("/plot-shown/legend-hit", test_legend_hit);
  rc = g_test_run ();
  os_figure_unref (figure);
  return rc;
}
