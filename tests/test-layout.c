/* test-layout.c — figures that hold at every size: for every preset, every
 * plot kind (and the phase diagram) at 240×180, 320×240, 504×350, 800×600,
 * 1280×720 in presentation and 1920×1080, the geometry the layout decided
 * (os_plot_geometry, what `export --boxes` writes) has no text outside the
 * canvas, no two texts overlapping, the legend over no data and no text,
 * at least three labelled ticks an axis and no ellipsis. Headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export.h"
#include "os-figure.h"
#include "os-plot.h"
#include "os-plot-phase.h"
#include "os-presets.h"

#include <math.h>
#include <string.h>

typedef struct
{
  int w, h;
  gboolean presentation;
} Size;

static const Size sizes[] = {
  { 240, 180, FALSE }, { 320, 240, FALSE }, { 504, 350, FALSE }, { 800, 600, FALSE },
  { 1280, 720, TRUE }, { 1920, 1080, FALSE },
};

#define TOL 0.75   /* layout units: boxes may touch */

static gboolean
overlap (const double *a, const double *b)
{
  return a[0] < b[2] - TOL && b[0] < a[2] - TOL && a[1] < b[3] - TOL && b[1] < a[3] - TOL;
}

/* Liang–Barsky: the part of segment p–q inside box, if any. */
static gboolean
clip_segment (double *ax, double *ay, double *bx, double *by, const double *box)
{
  double t0 = 0, t1 = 1, dx = *bx - *ax, dy = *by - *ay;
  const double p[4] = { -dx, dx, -dy, dy };
  const double q[4] = { *ax - box[0], box[2] - *ax, *ay - box[1], box[3] - *ay };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }
  {
    double x0 = *ax + t0 * dx, y0 = *ay + t0 * dy, x1 = *ax + t1 * dx, y1 = *ay + t1 * dy;

    *ax = x0, *ay = y0, *bx = x1, *by = y1;
  }
  return TRUE;
}

/* Whether the drawn part (inside the frame) of series b meets the legend. */
static gboolean
series_under_legend (const OsPlotGeometry *g, const OsPlotSeriesBox *b, char **why)
{
  const double *xy = (const double *) (void *) b->xy->data;
  guint n = b->xy->len / 2;
  double legend[4] = { g->legend[0] + TOL, g->legend[1] + TOL, g->legend[2] - TOL, g->legend[3] - TOL };
  gboolean pairs = g_str_equal (b->kind, "hline") || g_str_equal (b->kind, "vline") || g_str_equal (b->kind, "ticks");

  if (g_str_equal (b->kind, "points"))
    {
      for (guint i = 0; i < n; i++)
        {
          double x = xy[2 * i], y = xy[2 * i + 1], r = b->radius;

          if (x < g->area[0] || x > g->area[2] || y < g->area[1] || y > g->area[3])
            continue;
          if (x + r > legend[0] && x - r < legend[2] && y + r > legend[1] && y - r < legend[3])
            {
              *why = g_strdup_printf ("point (%.1f, %.1f) of '%s'", x, y, b->name);
              return TRUE;
            }
        }
      return FALSE;
    }
  for (guint i = 0; i + 1 < n; i += pairs ? 2 : 1)
    {
      double ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * i + 2], by = xy[2 * i + 3];

      if (!isfinite (ax) || !isfinite (ay) || !isfinite (bx) || !isfinite (by))
        continue;
      if (!clip_segment (&ax, &ay, &bx, &by, g->area))
        continue;
      if (clip_segment (&ax, &ay, &bx, &by, legend))
        {
          *why = g_strdup_printf ("segment near (%.1f, %.1f) of '%s'", ax, ay, b->name);
          return TRUE;
        }
    }
  return FALSE;
}

static int failures;

/* a message on one line */
static void
fail (const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (text, "\n", '/');
  g_test_message ("%s", text);
  failures++;
}

#define FAIL(...) fail (__VA_ARGS__)

static void
check_plots (GPtrArray *plots, int width, int height, const char *what)
{
  g_autoptr (GPtrArray) all = g_ptr_array_new ();
  g_autoptr (GPtrArray) kinds = g_ptr_array_new ();

  for (guint p = 0; p < plots->len; p++)
    {
      const OsPlotGeometry *g = g_ptr_array_index (plots, p);
      int x_labels = 0, y_labels = 0;
      gboolean message = g->series->len == 0 && g->texts->len <= 2 && !g->has_legend
                         && g->area[2] - g->area[0] >= width * 0.49;

      for (guint i = 0; i < g->texts->len; i++)
        {
          const OsPlotTextBox *t = &g_array_index (g->texts, OsPlotTextBox, i);

          g_ptr_array_add (all, (gpointer) t);
          g_ptr_array_add (kinds, g->kind);
          if (t->box[0] < -TOL || t->box[1] < -TOL || t->box[2] > width + TOL || t->box[3] > height + TOL)
            FAIL ("%s %s: '%s' outside the canvas [%.1f %.1f %.1f %.1f]", what, g->kind, t->text, t->box[0],
                  t->box[1], t->box[2], t->box[3]);
          if (strstr (t->text, "…") != NULL)
            FAIL ("%s %s: ellipsis in '%s'", what, g->kind, t->text);
          if (t->role == OS_TEXT_TICK_LABEL && t->axis == 'x')
            x_labels++;
          if (t->role == OS_TEXT_TICK_LABEL && t->axis == 'y')
            y_labels++;
          if (g->has_legend && t->role != OS_TEXT_LEGEND && overlap (t->box, g->legend))
            FAIL ("%s %s: the legend covers '%s'", what, g->kind, t->text);
        }
      if (!message && (x_labels < 3 || y_labels < 3))
        FAIL ("%s %s: %d labelled x ticks, %d y ticks", what, g->kind, x_labels, y_labels);
      if (g->has_legend)
        {
          if (g->legend[0] < -TOL || g->legend[1] < -TOL || g->legend[2] > width + TOL || g->legend[3] > height + TOL)
            FAIL ("%s %s: legend outside the canvas", what, g->kind);
          for (guint k = 0; k < g->series->len; k++)
            {
              g_autofree char *why = NULL;

              if (series_under_legend (g, g_ptr_array_index (g->series, k), &why))
                FAIL ("%s %s: the legend covers the %s", what, g->kind, why);
            }
        }
      /* a frame that still shows the data: a fifth of its plot's height at least */
      if (!message && (g->area[2] - g->area[0] < 0.25 * width / (plots->len > 1 ? 2 : 1)
                       || g->area[3] - g->area[1] < 0.2 * height / (plots->len > 1 ? 2 : 1)))
        FAIL ("%s %s: a frame of %.0f × %.0f", what, g->kind, g->area[2] - g->area[0], g->area[3] - g->area[1]);
    }
  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      {
        const OsPlotTextBox *a = g_ptr_array_index (all, i), *b = g_ptr_array_index (all, j);

        if (overlap (a->box, b->box))
          FAIL ("%s %s: '%s' (%s) overlaps '%s' (%s of %s)", what, (char *) g_ptr_array_index (kinds, i), a->text,
                os_text_role_name (a->role), b->text, os_text_role_name (b->role),
                (char *) g_ptr_array_index (kinds, j));
      }
}

static OsFigure *
preset_figure (const OsPreset *preset, gboolean simulate)
{
  OsView view;
  g_autoptr (GError) error = NULL;
  OsFigure *fig;

  os_view_init_default (&view);
  view.sweep = preset->view.sweep;
  view.sweep.points = 80;
  view.simulate = simulate;
  view.sim.d = 150;
  view.sim.seeds = 1;
  view.sim_points = 4;
  fig = os_figure_compute_all (&preset->params, &view, NULL, &error);
  g_assert_no_error (error);
  return fig;
}

static void
check_figure (const OsFigure *fig, const char *name, const OsFigureStyle *style)
{
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    for (int k = 0; k < OS_PLOT_N; k++)
      {
        OsPlotTheme theme;
        g_autoptr (GPtrArray) plots = NULL;
        g_autofree char *what = g_strdup_printf ("%s %s %d×%d%s legend %s%s", name, os_plot_kind_name (k),
                                                 sizes[z].w, sizes[z].h,
                                                 sizes[z].presentation ? " presentation" : "",
                                                 os_legend_place_name (style->legend),
                                                 style->marker ? " marker" : "");

        os_plot_theme_init_default (&theme);
        if (sizes[z].presentation)
          os_plot_theme_init_presentation (&theme);
        plots = os_plot_geometry (k, fig, &theme, style, sizes[z].w, sizes[z].h);
        check_plots (plots, sizes[z].w, sizes[z].h, what);
      }
}

static void
test_presets (void)
{
  guint n;
  const OsPreset *presets = os_presets (&n);
  OsFigureStyle export_style, screen;

  os_figure_style_init_export (&export_style);
  os_figure_style_init_screen (&screen);
  failures = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (OsFigure) fig = preset_figure (&presets[i], FALSE);

      check_figure (fig, presets[i].id, &export_style);
      check_figure (fig, presets[i].id, &screen);
    }
  if (failures > 0)
    g_test_fail ();
}

static void
test_simulated (void)
{
  const char *ids[] = { "reference-tanh", "wide" };
  OsFigureStyle style;

  failures = 0;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (OsFigure) fig = preset_figure (os_preset_find (ids[i]), TRUE);
      g_autofree char *name = g_strdup_printf ("%s simulated", ids[i]);

      os_figure_style_init_screen (&style);
      check_figure (fig, name, &style);
    }
  if (failures > 0)
    g_test_fail ();
}

static void
test_styles (void)
{
  g_autoptr (OsFigure) fig = preset_figure (os_preset_find ("reference-sin"), FALSE);
  OsFigureStyle style;

  failures = 0;
  for (int legend = 0; legend < OS_LEGEND_N; legend++)
    for (int variant = 0; variant < 3; variant++)
      {
        os_figure_style_init_export (&style);
        style.legend = legend;
        style.title = variant != 1;
        style.log_y = variant == 2;
        style.font_size = variant == 2 ? 9 : 0;
        check_figure (fig, variant == 1 ? "no title" : variant == 2 ? "log-y 9pt" : "styled", &style);
      }
  if (failures > 0)
    g_test_fail ();
}

static void
test_phase (void)
{
  const OsPhaseQuantity quantities[] = { OS_PHASE_TEST_ERROR, OS_PHASE_GAIN_KERNEL, OS_PHASE_GAIN_LINEAR,
                                         OS_PHASE_OPTIMAL_LAMBDA };
  OsFigureStyle style;

  failures = 0;
  os_figure_style_init_export (&style);
  for (guint q = 0; q < G_N_ELEMENTS (quantities); q++)
    {
      OsPhaseRequest req;
      g_autoptr (OsPhaseGrid) grid = NULL;
      g_autoptr (GError) error = NULL;

      os_phase_request_init_default (&req);
      req.quantity = quantities[q];
      req.x_axis.points = req.y_axis.points = 10;
      req.optimal_eta = quantities[q] == OS_PHASE_TEST_ERROR;
      if (quantities[q] == OS_PHASE_GAIN_KERNEL)
        req.y_axis = (OsSweep) { OS_PARAM_LAMBDA, 1e-4, 1, 10, TRUE };
      grid = os_phase_compute (&req, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
        for (int marker = 0; marker < 2; marker++)
          {
            OsPlotTheme theme;
            g_autoptr (GPtrArray) plots = g_ptr_array_new_with_free_func ((GDestroyNotify) os_plot_geometry_free);
            g_autofree char *what = g_strdup_printf ("phase %s %d×%d", os_phase_quantity_name (quantities[q]),
                                                     sizes[z].w, sizes[z].h);

            os_plot_theme_init_default (&theme);
            if (sizes[z].presentation)
              os_plot_theme_init_presentation (&theme);
            style.marker = marker;
            g_ptr_array_add (plots, os_plot_phase_geometry (grid, &theme, &style, sizes[z].w, sizes[z].h));
            check_plots (plots, sizes[z].w, sizes[z].h, what);
          }
    }
  if (failures > 0)
    g_test_fail ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layout/presets", test_presets);
  g_test_add_func ("/layout/simulated", test_simulated);
  g_test_add_func ("/layout/styles", test_styles);
  g_test_add_func ("/layout/phase", test_phase);
  return g_test_run ();
}
