/* test-plots.c — the plots, drawn headless into image surfaces: curves land
 * where the data maps them, non-converged points and missing theory are
 * shown, ticks are nice, tooltips give exact values; and the figure
 * snapshots share their parts.
 *
 * The figure is the THEORY.md §7 case tanh/tanh, η̃ = 1, α0 = 0.5, β = 1,
 * λ = 0.01 on α ∈ [0.1, 5] (50 points, so α = 1, 2, 3 are nodes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-figure.h"
#include "os-plot.h"
#include "os-plot-error.h"
#include "os-plot-function.h"
#include "os-plot-kinds.h"
#include "os-plot-overlaps.h"
#include "os-plot-spectrum.h"

#include <math.h>
#include <string.h>

#define W 1200
#define H 800

static void
test_view (OsView *view)
{
  os_view_init_default (view);
  view->sweep.from = 0.1;
  view->sweep.to = 5.0;
  view->sweep.points = 50;
  view->network_d = 0;     /* the d → ∞ theory; test_finite_d draws a finite d */
}

static OsFigureTheory *
compute_theory (void)
{
  OsParams params;
  OsView view;
  g_autoptr (GError) error = NULL;
  OsFigureTheory *t;

  os_params_init_default (&params);
  test_view (&view);
  t = os_figure_theory_compute (&params, &view, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  return t;
}

static OsFigure *
theory_figure (OsFigureTheory *theory)
{
  OsParams params;
  OsView view;
  g_autoptr (OsFigure) empty = NULL;

  os_params_init_default (&params);
  test_view (&view);
  empty = os_figure_new (&params, &view);
  return os_figure_with_theory (empty, theory);
}

typedef OsPlotScene *(*SceneFunc) (const OsFigure *);
static cairo_surface_t *
render (OsPlotKind kind, const OsFigure *fig, int w, int h)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  OsPlotTheme theme;

  os_plot_theme_init_default (&theme);
  os_plot_render (kind, fig, &theme, cr, w, h);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *s, int x, int y, int *r, int *g, int *b)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint32 v;

  g_assert_true (x >= 0 && y >= 0 && x < cairo_image_surface_get_width (s) && y < cairo_image_surface_get_height (s));
  memcpy (&v, data + (gsize) y * stride + 4 * x, 4);
  *r = (v >> 16) & 0xff;
  *g = (v >> 8) & 0xff;
  *b = v & 0xff;
}

/* TRUE when a pixel within (dx, dy) of (x, y) has the colour (within tol). */
static gboolean
colour_near (cairo_surface_t *s, double x, double y, int dx, int dy, OsRgba c, int tol)
{
  int cr = (int) lround (c.r * 255), cg = (int) lround (c.g * 255), cb = (int) lround (c.b * 255);

  for (int j = -dy; j <= dy; j++)
    for (int i = -dx; i <= dx; i++)
      {
        int r, g, b, px = (int) lround (x) + i, py = (int) lround (y) + j;

        if (px < 0 || py < 0 || px >= cairo_image_surface_get_width (s) || py >= cairo_image_surface_get_height (s))
          continue;
        pixel (s, px, py, &r, &g, &b);
        if (abs (r - cr) + abs (g - cg) + abs (b - cb) <= tol)
          return TRUE;
      }
  return FALSE;
}

/* Fraction of pixels that are not the white background. */
static double
ink (cairo_surface_t *s, int x0, int y0, int x1, int y1)
{
  long n = 0, inked = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        int r, g, b;

        pixel (s, x, y, &r, &g, &b);
        n++;
        inked += (r + g + b) < 3 * 235;
      }
  return (double) inked / MAX (n, 1);
}

static const OsPlotSeries *
find_series (const OsPlotScene *scene, const char *name)
{
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *s = g_ptr_array_index (scene->series, k);
      if (g_strcmp0 (s->name, name) == 0)
        return s;
    }
  return NULL;
}

/* ---- ticks -------------------------------------------------------------- */

static void
test_ticks_linear (void)
{
  OsTick t[OS_PLOT_MAX_TICKS];
  int n;

  n = os_plot_linear_ticks (0.0, 1.0, 5, t, OS_PLOT_MAX_TICKS);
  g_assert_cmpint (n, ==, 6);
  for (int i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (t[i].value, 0.2 * i, 1e-15);
  g_assert_cmpstr (t[0].label, ==, "0");
  g_assert_cmpstr (t[1].label, ==, "0.2");
  g_assert_cmpstr (t[5].label, ==, "1.0");

  n = os_plot_linear_ticks (0.1, 5.0, 5, t, OS_PLOT_MAX_TICKS);
  g_assert_cmpint (n, ==, 5);
  g_assert_cmpfloat (t[0].value, ==, 1.0);
  g_assert_cmpfloat (t[4].value, ==, 5.0);
  g_assert_cmpstr (t[2].label, ==, "3");

  /* a step of 2.5 is never chosen: 1, 2 or 5 × 10^k */
  n = os_plot_linear_ticks (0.0, 10.0, 4, t, OS_PLOT_MAX_TICKS);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpfloat (t[1].value, ==, 5.0);

  /* negative values carry a real minus sign; zero is exactly 0 */
  n = os_plot_linear_ticks (-1.0, 1.0, 4, t, OS_PLOT_MAX_TICKS);
  g_assert_cmpint (n, ==, 5);
  g_assert_cmpstr (t[0].label, ==, "−1.0");
  g_assert_cmpstr (t[1].label, ==, "−0.5");
  g_assert_cmpstr (t[2].label, ==, "0");
  g_assert_cmpfloat (t[2].value, ==, 0.0);

  /* small ranges */
  n = os_plot_linear_ticks (0.1740, 0.1750, 5, t, OS_PLOT_MAX_TICKS);
  g_assert_cmpint (n, >=, 3);
  g_assert_cmpstr (t[0].label, ==, "0.1740");
}

static void
test_ticks_log (void)
{
  OsTick t[OS_PLOT_MAX_TICKS];
  int n, majors = 0;
  const char *want[] = { "10<sup>−5</sup>", "10<sup>−4</sup>", "10<sup>−3</sup>", "10<sup>−2</sup>",
                         "10<sup>−1</sup>", "10<sup>0</sup>", "10<sup>1</sup>" };

  /* λ's range: one labelled tick per decade, minor ticks between, in one
   * format (powers of ten throughout, not 10⁻⁴ beside 0.001) */
  n = os_plot_log_ticks (1e-5, 10.0, 8, t, OS_PLOT_MAX_TICKS);
  for (int i = 0; i < n; i++)
    if (t[i].major)
      {
        g_assert_cmpint (majors, <, 7);
        g_assert_cmpfloat_with_epsilon (t[i].value, pow (10.0, majors - 5), 1e-12 * pow (10.0, majors - 5));
        g_assert_cmpstr (t[i].label, ==, want[majors]);
        majors++;
      }
    else
      g_assert_cmpstr (t[i].label, ==, "");
  g_assert_cmpint (majors, ==, 7);
  g_assert_cmpint (n, ==, 7 + 6 * 8);

  /* under two decades, 2 and 5 are labelled too */
  n = os_plot_log_ticks (0.2, 5.0, 6, t, OS_PLOT_MAX_TICKS);
  majors = 0;
  for (int i = 0; i < n; i++)
    majors += t[i].major;
  g_assert_cmpint (majors, ==, 5);   /* 0.2 0.5 1 2 5 */
  for (int i = 0; i < n; i++)
    if (t[i].major)
      g_assert_null (strstr (t[i].label, "<sup>"));   /* decimals throughout */

  /* many decades: every other decade labelled */
  n = os_plot_log_ticks (1e-6, 1e6, 6, t, OS_PLOT_MAX_TICKS);
  majors = 0;
  for (int i = 0; i < n; i++)
    majors += t[i].major;
  g_assert_cmpint (majors, ==, 7);

  /* under a decade: nice linear values */
  n = os_plot_log_ticks (2.0, 5.0, 5, t, OS_PLOT_MAX_TICKS);
  g_assert_cmpint (n, >=, 3);
  for (int i = 0; i < n; i++)
    g_assert_true (t[i].major);
}

/* ---- the error plot ------------------------------------------------------- */

static void
test_error_curve_pixels (void)
{
  OsFigureTheory *theory = compute_theory ();
  g_autoptr (OsFigure) fig = theory_figure (theory);
  g_autoptr (OsPlotScene) scene = os_plot_error_scene (fig);
  cairo_surface_t *s = render (OS_PLOT_ERROR, fig, W, H);
  OsPlotTheme theme;
  OsPlotFrame f;
  const OsCurve *c = theory->curve;
  const double alphas[] = { 0.5, 1.0, 3.0, 4.5 };

  os_plot_theme_init_default (&theme);
  os_plot_scene_layout (scene, &theme, W, H, &f);
  g_assert_cmpfloat (ink (s, 0, 0, W, H), >, 0.02);
  g_assert_cmpint (c->n_not_converged, ==, 0);

  /* the theory ε_g (solid blue) and ε_t (dashed orange) lie where the
   * data map them */
  for (guint k = 0; k < G_N_ELEMENTS (alphas); k++)
    {
      int i = (int) lround ((alphas[k] - 0.1) / 4.9 * 49);
      double px = os_plot_frame_x (&f, c->x[i]);

      g_assert_true (colour_near (s, px, os_plot_frame_y (&f, c->points[i].test_error), 1, 2,
                                  os_plot_color (OS_COLOR_BLUE), 40));
      g_assert_true (colour_near (s, px, os_plot_frame_y (&f, c->points[i].train_error), 8, 2,
                                  os_plot_color (OS_COLOR_ORANGE), 40));
      /* and not 40 px away from the test curve */
      g_assert_false (colour_near (s, px, os_plot_frame_y (&f, c->points[i].test_error) + 40, 1, 2,
                                   os_plot_color (OS_COLOR_BLUE), 40));
    }
  /* the frame maps the §7 value at α = 1 to the pixel drawn there */
  g_assert_cmpfloat_with_epsilon (c->x[9], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c->points[9].test_error, 0.287156, 1e-6);

  /* the legend exists, holds text, and hides none of the ε_g curve */
  g_assert_cmpfloat (f.legend_w, >, 50);
  g_assert_cmpfloat (f.legend_h, >, 50);
  g_assert_cmpfloat (ink (s, (int) f.legend_x, (int) f.legend_y, (int) (f.legend_x + f.legend_w),
                          (int) (f.legend_y + f.legend_h)), >, 0.03);
  for (int i = 0; i < c->n; i++)
    {
      double px = os_plot_frame_x (&f, c->x[i]), py = os_plot_frame_y (&f, c->points[i].test_error);
      g_assert_false (px > f.legend_x && px < f.legend_x + f.legend_w
                      && py > f.legend_y && py < f.legend_y + f.legend_h);
    }
  cairo_surface_destroy (s);
}

/* A network of d = 1000 (docs/SCIENCE.md §10) along η̃: the theory line is
 * ε_d (the core's os_finite_d_error, and at η̃ = 0 the kernel value 0.205726
 * of THEORY.md §7: no jump), the d → ∞ line stays; a band [0, η̃_BBP(1000)]
 * says the spike is still in the bulk; its CSV rows and tooltip carry
 * η̃_BBP = 0.0485734 (the independent bisection of tests/test-finite-size.c). */
static void
test_error_finite_d (void)
{
  OsParams params;
  OsView view;
  g_autoptr (GError) error = NULL;
  OsFigureTheory *t;
  g_autoptr (OsFigure) empty = NULL;
  g_autoptr (OsFigure) fig = NULL;
  g_autoptr (OsPlotScene) scene = NULL;
  OsPlotTheme theme;
  OsPlotFrame f;
  const OsPlotSeries *finite = NULL, *infinite = NULL, *band = NULL;
  OsWeakSpike weak;
  g_autofree char *tip = NULL;

  os_params_init_default (&params);
  os_view_init_default (&view);
  view.sweep = (OsSweep) { OS_PARAM_ETA, 0.0, 1.0, 101, FALSE };
  g_assert_cmpint (view.network_d, ==, 1000);   /* the window's default */
  t = os_figure_theory_compute (&params, &view, NULL, &error);
  g_assert_no_error (error);
  empty = os_figure_new (&params, &view);
  fig = os_figure_with_theory (empty, t);
  scene = os_plot_error_scene (fig);
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      if (g_str_equal (sr->name, "ε_g at d = 1000 (theory)"))
        finite = sr;
      else if (g_str_equal (sr->name, "ε_g (theory)"))
        infinite = sr;
      else if (g_str_equal (sr->name, "spike inside the bulk"))
        band = sr;
    }
  g_assert_nonnull (finite);
  g_assert_nonnull (infinite);
  g_assert_nonnull (band);
  g_assert_cmpint (finite->style.dash, ==, OS_DASH_SOLID);
  g_assert_cmpint (infinite->style.dash, ==, OS_DASH_DASHED);
  g_assert_true (os_weak_spike_init (&weak, &params, NULL));
  for (int i = 0; i < finite->n; i++)
    {
      OsParams p = params;

      p.eta = finite->x[i];
      g_assert_cmpfloat (finite->y[i], ==, os_finite_d_error (&p, &weak, 1000, infinite->y[i]));
    }
  g_assert_cmpfloat_with_epsilon (finite->y[0], 0.205726, 1e-6);
  g_assert_cmpfloat_with_epsilon (finite->y[1], 0.2049, 2e-3);      /* η̃ = 0.01: no jump */
  g_assert_cmpfloat (infinite->y[1], <, 0.16);                        /* the d → ∞ jump   */
  g_assert_cmpfloat (band->x[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (band->x[1], 0.0485734426616361, 1e-9);
  /* the band's tooltip, inside it near the top of the frame (nothing else there) */
  os_plot_theme_init_default (&theme);
  os_plot_scene_layout (scene, &theme, W, H, &f);
  tip = os_plot_tooltip (OS_PLOT_ERROR, fig, &theme, W, H, os_plot_frame_x (&f, 0.03), f.top + 4);
  g_assert_nonnull (tip);
  g_assert_true (g_str_has_prefix (tip, "spike inside the bulk: η̃ from 0 to 0.0485734"));
  g_assert_nonnull (strstr (tip, "docs/SCIENCE.md §10"));
}

static void
test_error_tooltip (void)
{
  OsFigureTheory *theory = compute_theory ();
  g_autoptr (OsFigure) fig = theory_figure (theory);
  g_autoptr (OsPlotScene) scene = os_plot_error_scene (fig);
  OsPlotTheme theme;
  OsPlotFrame f;
  g_autofree char *tip = NULL;
  g_autofree char *tip3 = NULL;
  g_autofree char *none = NULL;
  g_autofree char *slider = NULL;
  const OsCurve *c = theory->curve;

  os_plot_theme_init_default (&theme);
  os_plot_scene_layout (scene, &theme, W, H, &f);

  /* exact value at a curve point: THEORY.md §7, α = 1 → ε_g = 0.287156 */
  tip = os_plot_tooltip (OS_PLOT_ERROR, fig, &theme, W, H, os_plot_frame_x (&f, c->x[9]) + 1,
                               os_plot_frame_y (&f, c->points[9].test_error) - 1);
  g_assert_nonnull (tip);
  g_assert_true (g_str_has_prefix (tip, "ε_g (theory) = 0.287156 at α = 1"));
  /* α = 3 → 0.140946 */
  tip3 = os_plot_tooltip (OS_PLOT_ERROR, fig, &theme, W, H, os_plot_frame_x (&f, c->x[29]),
                                os_plot_frame_y (&f, c->points[29].test_error));
  g_assert_true (g_str_has_prefix (tip3, "ε_g (theory) = 0.140946 at α = 3"));
  /* the slider marker at α = 2: 0.174662 */
  slider = os_plot_tooltip (OS_PLOT_ERROR, fig, &theme, W, H, os_plot_frame_x (&f, 2.0),
                                  os_plot_frame_y (&f, theory->current.test_error));
  g_assert_true (g_str_has_prefix (slider, "ε_g at the sliders = 0.174662 at α = 2"));
  /* nothing near the top-left corner of the window */
  none = os_plot_tooltip (OS_PLOT_ERROR, fig, &theme, W, H, 3, 3);
  g_assert_null (none);

  /* in the 2×2 figure each cell answers for its own plot */
  {
    OsPlotFrame cell;
    g_autoptr (OsPlotScene) overlaps = os_plot_overlaps_scene (fig);
    g_autofree char *in_all = NULL;
    g_autofree char *in_cell = NULL;

    os_plot_scene_layout (overlaps, &theme, W / 2, H / 2, &cell);
    in_cell = os_plot_tooltip (OS_PLOT_OVERLAPS, fig, &theme, W / 2, H / 2, os_plot_frame_x (&cell, c->x[29]),
                                        os_plot_frame_y (&cell, c->points[29].q2));
    in_all = os_plot_tooltip (OS_PLOT_ALL, fig, &theme, W, H, os_plot_frame_x (&cell, c->x[29]),
                              H / 2 + os_plot_frame_y (&cell, c->points[29].q2));
    g_assert_nonnull (in_cell);
    g_assert_true (g_str_has_prefix (in_cell, "q2 (theory) = 1.0641"));   /* THEORY.md §7: 1.06410 */
    g_assert_cmpstr (in_all, ==, in_cell);
  }
}

static void
test_error_not_converged (void)
{
  OsFigureTheory *theory = compute_theory ();
  g_autoptr (OsFigure) fig = NULL;
  g_autoptr (OsPlotScene) scene = NULL;
  OsPlotTheme theme;
  OsPlotFrame f;
  cairo_surface_t *s;
  const OsPlotSeries *nc;
  double px, py;
  int r, g, b;
  g_autofree char *tip = NULL;

  /* flag one point of the curve as a solver failure (before the part is
   * handed over: parts are immutable afterwards) */
  theory->curve->points[20].converged = FALSE;
  theory->curve->points[20].residual = 3e-3;
  theory->curve->n_not_converged = 1;
  fig = theory_figure (theory);
  scene = os_plot_error_scene (fig);
  nc = find_series (scene, "not converged");
  g_assert_nonnull (nc);
  g_assert_cmpstr (nc->legend, ==, "not converged (1)");
  g_assert_cmpint (nc->n, ==, 1);

  s = render (OS_PLOT_ERROR, fig, W, H);
  os_plot_theme_init_default (&theme);
  os_plot_scene_layout (scene, &theme, W, H, &f);
  px = os_plot_frame_x (&f, theory->curve->x[20]);
  py = os_plot_frame_y (&f, theory->curve->points[20].test_error);
  /* a hollow vermillion ring: colour on the rim, background in the middle */
  g_assert_true (colour_near (s, px + 5, py, 1, 1, os_plot_color (OS_COLOR_VERMILLION), 60));
  g_assert_true (colour_near (s, px - 5, py, 1, 1, os_plot_color (OS_COLOR_VERMILLION), 60));
  pixel (s, (int) lround (px), (int) lround (py), &r, &g, &b);
  g_assert_cmpint (r + g + b, >, 3 * 235);
  /* elsewhere on the curve there is no such marker */
  g_assert_false (colour_near (s, os_plot_frame_x (&f, theory->curve->x[30]) + 5,
                               os_plot_frame_y (&f, theory->curve->points[30].test_error), 1, 1,
                               os_plot_color (OS_COLOR_VERMILLION), 60));
  tip = os_plot_tooltip (OS_PLOT_ERROR, fig, &theme, W, H, px, py);
  g_assert_nonnull (strstr (tip, "did not converge"));
  cairo_surface_destroy (s);
}

/* ---- missing parts: a message, never a blank plot --------------------- */

static void
test_messages (void)
{
  OsParams params;
  OsView view;
  g_autoptr (OsFigure) fig = NULL;
  OsPlotKind kinds[] = { OS_PLOT_ERROR, OS_PLOT_SPECTRUM, OS_PLOT_OVERLAPS, OS_PLOT_FUNCTION };
  SceneFunc scenes[] = { os_plot_error_scene, os_plot_spectrum_scene, os_plot_overlaps_scene,
                         os_plot_function_scene };

  os_params_init_default (&params);
  test_view (&view);
  fig = os_figure_new (&params, &view);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (OsPlotScene) scene = scenes[k] (fig);
      cairo_surface_t *s = render (kinds[k], fig, 600, 400);

      g_assert_nonnull (scene->message);
      g_assert_nonnull (strstr (scene->message, "not computed yet"));
      /* text in the middle band, nothing drawn as data */
      g_assert_cmpfloat (ink (s, 0, 170, 600, 230), >, 0.005);
      g_assert_cmpfloat (ink (s, 0, 260, 600, 400), ==, 0.0);
      cairo_surface_destroy (s);
    }
}

/* ---- the other plots -------------------------------------------------- */

static void
test_overlaps_and_function (void)
{
  OsFigureTheory *theory = compute_theory ();
  g_autoptr (OsFigure) fig = theory_figure (theory);
  OsPlotTheme theme;
  const OsCurve *c = theory->curve;

  os_plot_theme_init_default (&theme);
  {
    g_autoptr (OsPlotScene) scene = os_plot_overlaps_scene (fig);
    cairo_surface_t *s = render (OS_PLOT_OVERLAPS, fig, W, H);
    OsPlotFrame f;
    g_autofree char *tip = NULL;

    os_plot_scene_layout (scene, &theme, W, H, &f);
    g_assert_cmpfloat (ink (s, 0, 0, W, H), >, 0.02);
    /* m (solid blue) and q1 (dashed orange) at α = 3 */
    g_assert_true (colour_near (s, os_plot_frame_x (&f, c->x[29]), os_plot_frame_y (&f, c->points[29].m), 2, 2,
                                os_plot_color (OS_COLOR_BLUE), 40));
    g_assert_true (colour_near (s, os_plot_frame_x (&f, c->x[29]), os_plot_frame_y (&f, c->points[29].q1), 9, 2,
                                os_plot_color (OS_COLOR_ORANGE), 40));
    /* THEORY.md §7 at α = 3: q1 = 0.61035 */
    tip = os_plot_tooltip (OS_PLOT_OVERLAPS, fig, &theme, W, H, os_plot_frame_x (&f, c->x[29]),
                                    os_plot_frame_y (&f, c->points[29].q1));
    g_assert_true (g_str_has_prefix (tip, "q1 (theory) = 0.61035"));
    g_assert_nonnull (strstr (tip, "at α = 3"));
    cairo_surface_destroy (s);
  }
  {
    g_autoptr (OsPlotScene) scene = os_plot_function_scene (fig);
    cairo_surface_t *s = render (OS_PLOT_FUNCTION, fig, W, H);
    OsPlotFrame f;
    int i = 20;   /* κ = −2 */

    os_plot_scene_layout (scene, &theme, W, H, &f);
    g_assert_cmpint (theory->n_kappa, ==, 121);
    g_assert_cmpfloat_with_epsilon (theory->kappa[i], -2.0, 1e-12);
    g_assert_cmpfloat (ink (s, 0, 0, W, H), >, 0.02);
    /* f̂ (blue, under the dashed target) and the kernel function (purple) */
    g_assert_true (colour_near (s, os_plot_frame_x (&f, theory->kappa[i]), os_plot_frame_y (&f, theory->f_hat[i]),
                                6, 3, os_plot_color (OS_COLOR_BLUE), 40));
    g_assert_true (colour_near (s, os_plot_frame_x (&f, theory->kappa[i]),
                                os_plot_frame_y (&f, theory->f_hat_kernel[i]), 12, 2,
                                os_plot_color (OS_COLOR_PURPLE), 40));
    /* the target h(κ) = E tanh(γκ + ρν) is odd: h(0) = 0 */
    g_assert_cmpfloat (fabs (theory->h[60]), <, 1e-12);
    g_assert_nonnull (find_series (scene, "target h(κ)"));
    cairo_surface_destroy (s);
  }
}

static void
test_spectrum_theory_only (void)
{
  OsParams params;
  OsView view;
  g_autoptr (GError) error = NULL;
  g_autoptr (OsFigure) base = NULL;
  g_autoptr (OsFigure) fig = NULL;
  g_autoptr (OsPlotScene) scene = NULL;
  OsSpectralDensity *init, *step;
  cairo_surface_t *s;
  OsPlotTheme theme;
  OsPlotFrame f;
  const OsPlotSeries *curve;
  int mid;

  os_params_init_default (&params);
  test_view (&view);
  init = os_spectral_density_compute (&params, OS_SPECTRUM_WEIGHTS, FALSE, FALSE, 1000, 0, NULL, &error);
  g_assert_no_error (error);
  step = os_spectral_density_compute (&params, OS_SPECTRUM_WEIGHTS, FALSE, TRUE, 1000, 0, NULL, &error);
  g_assert_no_error (error);
  base = theory_figure (compute_theory ());
  fig = os_figure_with_densities (base, init, step);
  scene = os_plot_spectrum_scene (fig);
  s = render (OS_PLOT_SPECTRUM, fig, W, H);
  os_plot_theme_init_default (&theme);
  os_plot_scene_layout (scene, &theme, W, H, &f);

  g_assert_null (scene->message);
  curve = find_series (scene, "predicted density after the step");
  g_assert_nonnull (curve);
  mid = curve->n / 2;
  g_assert_true (colour_near (s, os_plot_frame_x (&f, curve->x[mid]), os_plot_frame_y (&f, curve->y[mid]), 2, 2,
                              os_plot_color (OS_COLOR_BLUE), 40));
  /* the upper bulk edge c(1 + √β) is labelled with its value (THEORY.md
   * §6 at d = p = 1000: edge 2.075, measured 2.08) */
  {
    const OsPlotSeries *edge = find_series (scene, "predicted bulk edge");

    g_assert_nonnull (edge);
    g_assert_cmpint (edge->n, ==, 1);   /* β = 1: the lower edge is 0 */
    g_assert_cmpfloat_with_epsilon (edge->x[0], 2.0 * 1.037741, 1e-5);
    g_assert_cmpstr (edge->notes[0], ==, "edge 2.075");
  }
  /* on a linear axis the spike lies far off the scale: it is named in the
   * legend with its value and an arrow, and keeps its value (the CSV has
   * it) and r√p = 0.651089 · √1000 = 20.59 in its name (THEORY.md §6:
   * 20.6 predicted, 20.2 measured) */
  {
    gboolean found = FALSE;

    for (guint k = 0; k < scene->series->len; k++)
      {
        const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

        if (sr->legend != NULL && g_str_has_prefix (sr->legend, "spike at ") && g_str_has_suffix (sr->legend, "→"))
          {
            found = TRUE;
            g_assert_cmpint (sr->n, ==, 1);
            g_assert_cmpfloat (sr->x[0], >, scene->x_max);
            g_assert_nonnull (strstr (sr->name, "r√p ≈ 20.59"));
          }
      }
    g_assert_true (found);
  }
  cairo_surface_destroy (s);

  /* on the log axis it is drawn in place, as a labelled tick */
  {
    OsView view_log = fig->view;
    g_autoptr (OsFigure) plain = NULL;
    g_autoptr (OsFigure) with_theory = NULL;
    g_autoptr (OsFigure) log_fig = NULL;
    g_autoptr (OsPlotScene) log_scene = NULL;
    gboolean found = FALSE;

    view_log.spectrum_log = TRUE;
    plain = os_figure_new (&params, &view_log);
    with_theory = os_figure_with_theory (plain, compute_theory ());
    log_fig = os_figure_with_densities (with_theory,
                                        os_spectral_density_compute (&params, OS_SPECTRUM_WEIGHTS, FALSE, FALSE,
                                                                     1000, 0, NULL, NULL),
                                        os_spectral_density_compute (&params, OS_SPECTRUM_WEIGHTS, FALSE, TRUE,
                                                                     1000, 0, NULL, NULL));
    log_scene = os_plot_spectrum_scene (log_fig);
    g_assert_true (log_scene->x_log);
    for (guint k = 0; k < log_scene->series->len; k++)
      {
        const OsPlotSeries *sr = g_ptr_array_index (log_scene->series, k);
        if (sr->kind == OS_SERIES_TICKS && sr->notes != NULL && g_str_equal (sr->notes[0], "spike r√p ≈ 20.59"))
          {
            found = TRUE;
            g_assert_cmpfloat (sr->x[0], <, log_scene->x_max);
            g_assert_cmpfloat (sr->x[0], >, 20.0);
          }
      }
    g_assert_true (found);
  }
}

/* ---- snapshots ---------------------------------------------------------- */

static gpointer
drop_in_thread (gpointer data)
{
  os_figure_unref (data);
  return NULL;
}

static void
test_snapshots_share_parts (void)
{
  OsFigureTheory *theory = compute_theory ();
  OsFigure *a = theory_figure (theory);
  OsFigure *b = os_figure_with_status (a, "computing");
  OsSimResult r = { 0 };
  OsFigure *c, *d;
  GThread *thread;
  double xs[8];
  OsView view;

  g_assert_true (b->theory == a->theory);
  g_assert_cmpstr (b->status, ==, "computing");
  g_assert_null (a->status);

  r.test_error = 0.3;
  c = os_figure_with_sim_point (b, 2.0, &r);
  r.test_error = 0.4;
  d = os_figure_with_sim_point (c, 1.0, &r);
  g_assert_cmpint (c->n_sim, ==, 1);
  g_assert_cmpint (d->n_sim, ==, 2);
  g_assert_cmpfloat (d->sim[0].x, ==, 1.0);   /* sorted along the axis */
  g_assert_cmpfloat (d->sim[1].result.test_error, ==, 0.3);
  g_assert_true (d->theory == theory);

  /* drop the older snapshots, one of them in another thread: the shared
   * theory stays alive for the newest */
  thread = g_thread_new ("drop", drop_in_thread, a);
  g_thread_join (thread);
  os_figure_unref (b);
  os_figure_unref (c);
  g_assert_cmpfloat_with_epsilon (d->theory->current.test_error, 0.174662, 1e-6);
  os_figure_ref (d);
  os_figure_unref (d);
  os_figure_unref (d);

  test_view (&view);
  g_assert_cmpint (os_figure_sim_x_values (&view, xs, 8), ==, 8);
  g_assert_cmpfloat_with_epsilon (xs[0], 0.1 + 4.9 / 16, 1e-12);
  g_assert_cmpfloat_with_epsilon (xs[7], 5.0 - 4.9 / 16, 1e-12);
}

static void
test_theme_scale (void)
{
  OsFigureTheory *theory = compute_theory ();
  g_autoptr (OsFigure) fig = theory_figure (theory);
  g_autoptr (OsPlotScene) scene = os_plot_error_scene (fig);
  OsPlotTheme normal, big;
  OsPlotFrame f1, f2;

  os_plot_theme_init_default (&normal);
  os_plot_theme_init_presentation (&big);
  g_assert_cmpfloat (big.scale, >, 1.4);
  os_plot_scene_layout (scene, &normal, W, H, &f1);
  os_plot_scene_layout (scene, &big, W, H, &f2);
  /* bigger text takes bigger margins */
  g_assert_cmpfloat (f2.left, >, f1.left);
  g_assert_cmpfloat (f2.height, <, f1.height);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plots/ticks/linear", test_ticks_linear);
  g_test_add_func ("/plots/ticks/log", test_ticks_log);
  g_test_add_func ("/plots/error/curve-pixels", test_error_curve_pixels);
  g_test_add_func ("/plots/error/tooltip", test_error_tooltip);
  g_test_add_func ("/plots/error/not-converged", test_error_not_converged);
  g_test_add_func ("/plots/error/finite-d", test_error_finite_d);
  g_test_add_func ("/plots/messages", test_messages);
  g_test_add_func ("/plots/overlaps-and-function", test_overlaps_and_function);
  g_test_add_func ("/plots/spectrum/theory-only", test_spectrum_theory_only);
  g_test_add_func ("/plots/snapshots", test_snapshots_share_parts);
  g_test_add_func ("/plots/theme-scale", test_theme_scale);
  return g_test_run ();
}
