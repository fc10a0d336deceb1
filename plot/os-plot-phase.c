/* os-plot-phase.c — the phase diagram (core/os-phase.h) in Cairo.
 *
 * The diagram is a scene (os-plot-scene.h): the axes, ticks, titles and
 * legend are laid out like every other plot, the heatmap is the scene's
 * underlay, and the lines over it are series — the quantity's own
 * contours, its optimal line and the crosshair at the sliders. The colour
 * bar stands in a strip at the right.
 *
 * Each quantity draws its own lines: ε_g the contours ε_g = ε_kernel and
 * ε_g = ε_lin and the optimal η̃*; a gain its zero contour; ε_g at the best
 * λ the contour where it meets ε_lin and the η̃ that minimises it, not the
 * slider λ's. The η̃ = 0 row (the kernel: ε_g jumps at η̃ → 0⁺,
 * docs/SCIENCE.md §6) stays out of the colour range and is outlined.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-phase.h"
#include "os-plot-private.h"
#include "os-plot-render.h"

#include <math.h>
#include <string.h>

static const char *const bar_titles[OS_PHASE_N_QUANTITIES] = {
  "ε<sub>g</sub>", "ε<sub>kernel</sub> − ε<sub>g</sub>", "ε<sub>lin</sub> − ε<sub>g</sub>",
  "min<sub>λ</sub> ε<sub>g</sub>",
};

static const char *const titles[OS_PHASE_N_QUANTITIES] = {
  "Test error ε<sub>g</sub>", "Gain over the kernel, ε<sub>kernel</sub> − ε<sub>g</sub>",
  "Gain over the linear floor, ε<sub>lin</sub> − ε<sub>g</sub>", "Test error at the best λ",
};

static gboolean
signed_quantity (OsPhaseQuantity q)
{
  return q == OS_PHASE_GAIN_KERNEL || q == OS_PHASE_GAIN_LINEAR;
}

/* A cell of the η̃ = 0 row or column: the kernel, outside the colour range. */
static gboolean
kernel_cell (const OsPhaseGrid *g, int i, int j)
{
  return (g->request.y_axis.axis == OS_PARAM_ETA && g->y[j] == 0.0)
         || (g->request.x_axis.axis == OS_PARAM_ETA && g->x[i] == 0.0);
}

static gboolean
has_kernel_cells (const OsPhaseGrid *g)
{
  return (g->request.y_axis.axis == OS_PARAM_ETA && g->ny > 0 && g->y[0] == 0.0)
         || (g->request.x_axis.axis == OS_PARAM_ETA && g->nx > 0 && g->x[0] == 0.0);
}

/* The data range of the cells that set the colours. */
static gboolean
data_range (const OsPhaseGrid *g, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (int pass = 0; pass < 2 && !(*lo <= *hi); pass++)
    for (int j = 0; j < g->ny; j++)
      for (int i = 0; i < g->nx; i++)
        {
          int k = j * g->nx + i;

          /* first the converged cells off the kernel row, else every cell */
          if (pass == 0 && (!g->converged[k] || kernel_cell (g, i, j)))
            continue;
          if (!isfinite (g->value[k]))
            continue;
          *lo = MIN (*lo, g->value[k]);
          *hi = MAX (*hi, g->value[k]);
        }
  return *lo <= *hi;
}

void
os_plot_phase_value_range (const OsPhaseGrid *g, double *lo, double *hi, gboolean *diverging)
{
  *diverging = signed_quantity (g->request.quantity);
  if (!data_range (g, lo, hi))
    {
      *lo = 0;
      *hi = 1;
    }
  if (*diverging)
    {
      double m = MAX (fabs (*lo), fabs (*hi));

      *lo = -m;
      *hi = m;
    }
  if (!(*hi > *lo))
    {
      double pad = MAX (1e-12, 0.01 * fabs (*lo));

      *lo -= pad;
      *hi += pad;
    }
}

/* ---- the lines of each quantity --------------------------------------- */

/* Polylines as one series, NaN between them. */
static OsPlotSeries *
add_contour (OsPlotScene *scene, const OsContour *c, const char *name, const char *legend, OsColor color,
             OsDash dash)
{
  g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  const double nan = NAN;
  OsPlotStyle st;

  for (int l = 0; l < c->n_lines; l++)
    {
      const OsPolyline *pl = &c->lines[l];

      if (pl->n < 2)
        continue;
      if (xs->len > 0)
        {
          g_array_append_val (xs, nan);
          g_array_append_val (ys, nan);
        }
      g_array_append_vals (xs, pl->x, pl->n);
      g_array_append_vals (ys, pl->y, pl->n);
      if (pl->closed)
        {
          g_array_append_val (xs, pl->x[0]);
          g_array_append_val (ys, pl->y[0]);
        }
    }
  if (xs->len == 0)
    return NULL;
  st = os_plot_style (color, dash, 2.0, OS_MARKER_NONE);
  st.halo = TRUE;
  return os_plot_scene_add (scene, OS_SERIES_LINE, name, legend, &st, xs->len, (double *) xs->data,
                            (double *) ys->data, NULL, NULL);
}

/* The zero contour of field (masked: converged, not the kernel row). */
static void
contour_of (const OsPhaseGrid *g, const double *field, OsContour *out)
{
  g_autofree guint8 *mask = g_new (guint8, g->nx * g->ny);

  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++)
      mask[j * g->nx + i] = g->converged[j * g->nx + i] && !kernel_cell (g, i, j);
  os_contour_extract (field, mask, g->x, g->nx, g->request.x_axis.log_spacing, g->y, g->ny,
                      g->request.y_axis.log_spacing, 0.0, out);
}

/* For each column, the y where field is least, refined by a parabola
 * through the neighbours. */
static void
add_column_optimum (OsPlotScene *scene, const OsPhaseGrid *g, const double *field, const char *legend)
{
  g_autofree double *xs = g_new (double, g->nx);
  g_autofree double *ys = g_new (double, g->nx);
  gboolean y_log = g->request.y_axis.log_spacing;
  int n = 0;
  OsPlotStyle st;

  for (int i = 0; i < g->nx; i++)
    {
      int best = -1;
      double bv = 0;

      for (int j = 0; j < g->ny; j++)
        {
          int k = j * g->nx + i;
          double v = field[k];

          if (!g->converged[k] || kernel_cell (g, i, j) || !isfinite (v))
            continue;
          if (best < 0 || v < bv)
            best = j, bv = v;
        }
      if (best < 0)
        continue;
      xs[n] = g->x[i];
      ys[n] = g->y[best];
      if (best > 0 && best < g->ny - 1 && !kernel_cell (g, i, best - 1)
          && g->converged[(best - 1) * g->nx + i] && g->converged[(best + 1) * g->nx + i])
        {
          double f0 = field[(best - 1) * g->nx + i], f1 = bv, f2 = field[(best + 1) * g->nx + i];
          double t0 = y_log ? log (g->y[best - 1]) : g->y[best - 1], t1 = y_log ? log (g->y[best]) : g->y[best];
          double t2 = y_log ? log (g->y[best + 1]) : g->y[best + 1];
          double d = (t1 - t0) * (f1 - f2) - (t1 - t2) * (f1 - f0);

          if (fabs (d) > 0)
            {
              double t = t1 - 0.5 * ((t1 - t0) * (t1 - t0) * (f1 - f2) - (t1 - t2) * (t1 - t2) * (f1 - f0)) / d;

              t = CLAMP (t, MIN (t0, t2), MAX (t0, t2));
              ys[n] = y_log ? exp (t) : t;
            }
        }
      n++;
    }
  if (n < 2)
    return;
  st = os_plot_style (OS_COLOR_YELLOW, OS_DASH_DASHED, 2.2, OS_MARKER_NONE);
  st.halo = TRUE;
  os_plot_scene_add (scene, OS_SERIES_LINE, "optimal line", legend, &st, n, xs, ys, NULL, NULL);
}

static void
add_quantity_lines (OsPlotScene *scene, const OsPhaseGrid *g)
{
  OsPhaseQuantity q = g->request.quantity;
  OsParamId y_axis = g->request.y_axis.axis;
  g_autofree char *optimal = g_strdup_printf ("optimal %s*", os_param_info (y_axis)->symbol);
  gboolean y_tunable = y_axis == OS_PARAM_ETA || y_axis == OS_PARAM_LAMBDA;
  OsContour c = { 0 };

  switch (q)
    {
    case OS_PHASE_TEST_ERROR:
      add_contour (scene, &g->kernel_contour, "ε_g = ε_kernel",
                   "ε<sub>g</sub> = ε<sub>kernel</sub>: the step stops paying", OS_COLOR_VERMILLION, OS_DASH_SOLID);
      add_contour (scene, &g->linear_contour, "ε_g = ε_lin",
                   "ε<sub>g</sub> = ε<sub>lin</sub>: beats any linear fit below", OS_COLOR_SKY_BLUE, OS_DASH_DASHED);
      break;
    case OS_PHASE_GAIN_KERNEL:
    case OS_PHASE_GAIN_LINEAR:
      contour_of (g, g->value, &c);
      add_contour (scene, &c, q == OS_PHASE_GAIN_KERNEL ? "ε_kernel − ε_g = 0" : "ε_lin − ε_g = 0",
                   q == OS_PHASE_GAIN_KERNEL ? "zero gain: ε<sub>g</sub> = ε<sub>kernel</sub>"
                                             : "zero gain: ε<sub>g</sub> = ε<sub>lin</sub>",
                   OS_COLOR_BLACK, OS_DASH_SOLID);
      os_contour_clear (&c);
      break;
    case OS_PHASE_OPTIMAL_LAMBDA:
      {
        g_autofree double *d = g_new (double, g->nx * g->ny);

        for (int k = 0; k < g->nx * g->ny; k++)
          d[k] = g->value[k] - g->linear_floor[k];
        contour_of (g, d, &c);
        add_contour (scene, &c, "min_λ ε_g = ε_lin", "min<sub>λ</sub> ε<sub>g</sub> = ε<sub>lin</sub>",
                     OS_COLOR_SKY_BLUE, OS_DASH_DASHED);
        os_contour_clear (&c);
        break;
      }
    case OS_PHASE_N_QUANTITIES:
    default:
      break;
    }
  if (!y_tunable)
    return;
  /* the optimum of ε_g (of min_λ ε_g for best-lambda): along η̃ the grid's
   * own η̃* (Brent, to 1e-6), which the gains share (ε_kernel and ε_lin do
   * not depend on η̃); otherwise the least cell of each column */
  if (g->optimal_eta != NULL && y_axis == OS_PARAM_ETA && q != OS_PHASE_OPTIMAL_LAMBDA)
    {
      const OsOptimalEta *o = g->optimal_eta;
      OsPlotStyle st = os_plot_style (OS_COLOR_YELLOW, OS_DASH_DASHED, 2.2, OS_MARKER_NONE);

      st.halo = TRUE;
      os_plot_scene_add (scene, OS_SERIES_LINE, "optimal η̃*", optimal, &st, o->n, o->x, o->eta, NULL, NULL);
    }
  else
    add_column_optimum (scene, g, q == OS_PHASE_OPTIMAL_LAMBDA ? g->value : g->test_error, optimal);
}

/* A network of size d: below η̃_BBP(d) its spike is still inside the bulk
 * (docs/SCIENCE.md §10); the line leaves the frame at its top. */
static void
add_eta_bbp (OsPlotScene *scene, const OsPhaseGrid *g)
{
  g_autofree double *y = NULL;
  OsPlotStyle st = os_plot_style (OS_COLOR_WHITE, OS_DASH_DOTTED, 1.8, OS_MARKER_NONE);
  gboolean any = FALSE;

  if (g->eta_bbp == NULL)
    return;
  y = g_new (double, g->nx);
  for (int i = 0; i < g->nx; i++)
    {
      y[i] = isfinite (g->eta_bbp[i]) ? g->eta_bbp[i] : NAN;
      any |= isfinite (y[i]);
    }
  if (!any)
    return;
  st.halo = TRUE;
  os_plot_scene_add (scene, OS_SERIES_LINE, "η̃_BBP(d)", "η̃<sub>BBP</sub>(d): the spike leaves the bulk", &st,
                     g->nx, g->x, y, NULL, NULL);
}

static void
add_crosshair (OsPlotScene *scene, const OsPhaseGrid *g)
{
  const OsPhaseRequest *rq = &g->request;
  double xs = os_params_get (&rq->base, rq->x_axis.axis), ys = os_params_get (&rq->base, rq->y_axis.axis);
  gboolean in_x = xs >= scene->x_min && xs <= scene->x_max, in_y = ys >= scene->y_min && ys <= scene->y_max;
  OsPlotStyle st = os_plot_style (OS_COLOR_WHITE, OS_DASH_SOLID, 1.4, OS_MARKER_NONE);
  OsPlotSeries *sr;

  st.halo = TRUE;
  if (in_x)
    {
      sr = os_plot_scene_add (scene, OS_SERIES_VLINE, "sliders", "sliders", &st, 1, &xs, NULL, NULL, NULL);
      sr->slider = TRUE;
    }
  if (in_y)
    {
      sr = os_plot_scene_add (scene, OS_SERIES_HLINE, "sliders", in_x ? NULL : "sliders", &st, 1, NULL, &ys, NULL,
                              NULL);
      sr->slider = TRUE;
    }
  if (in_x && in_y)
    {
      st = os_plot_style (OS_COLOR_WHITE, OS_DASH_SOLID, 0, OS_MARKER_CIRCLE);
      st.hollow = TRUE;
      sr = os_plot_scene_add (scene, OS_SERIES_POINTS, "sliders", NULL, &st, 1, &xs, &ys, NULL, NULL);
      sr->slider = TRUE;
    }
}

/* ---- the heatmap ---------------------------------------------------------- */

typedef struct
{
  const OsPhaseGrid *grid;
  double lo, hi;
  gboolean diverging;
} Heatmap;

/* Pixel edges of the cells along one axis: midpoints between neighbours,
 * the outer ones at the frame. */
static void
cell_edges (const OsPlotFrame *f, const double *v, int n, gboolean horizontal, double *edges)
{
  for (int i = 0; i <= n; i++)
    {
      double a, b;

      if (i == 0 || i == n)
        {
          edges[i] = horizontal ? os_plot_frame_x (f, v[i == 0 ? 0 : n - 1]) : os_plot_frame_y (f, v[i == 0 ? 0 : n - 1]);
          continue;
        }
      a = horizontal ? os_plot_frame_x (f, v[i - 1]) : os_plot_frame_y (f, v[i - 1]);
      b = horizontal ? os_plot_frame_x (f, v[i]) : os_plot_frame_y (f, v[i]);
      edges[i] = 0.5 * (a + b);
    }
}

static void
hatch_cell (cairo_t *cr, double x0, double y0, double x1, double y1, double step)
{
  cairo_save (cr);
  cairo_rectangle (cr, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.62, 0.62, 0.62);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 1.0);
  for (double d = -fabs (y1 - y0); d < fabs (x1 - x0); d += step)
    {
      cairo_move_to (cr, MIN (x0, x1) + d, MAX (y0, y1));
      cairo_line_to (cr, MIN (x0, x1) + d + fabs (y1 - y0), MIN (y0, y1));
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
colour_of (const Heatmap *h, double v, double rgb[3])
{
  double t = (v - h->lo) / (h->hi - h->lo);

  if (h->diverging)
    os_plot_diverging_colormap (t, rgb);
  else
    os_plot_phase_colormap (t, rgb);
}

static void
draw_heatmap (cairo_t *cr, const OsPlotFrameRef *frame, const OsPlotTheme *theme, gconstpointer data)
{
  const Heatmap *h = data;
  const OsPhaseGrid *g = h->grid;
  const OsPlotFrame *f = frame;
  g_autofree double *xe = g_new (double, g->nx + 1);
  g_autofree double *ye = g_new (double, g->ny + 1);

  cell_edges (f, g->x, g->nx, TRUE, xe);
  cell_edges (f, g->y, g->ny, FALSE, ye);
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++)
      {
        int k = j * g->nx + i;
        double rgb[3];

        if (!g->converged[k])
          continue;
        colour_of (h, g->value[k], rgb);
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle (cr, MIN (xe[i], xe[i + 1]) - 0.5, MIN (ye[j], ye[j + 1]) - 0.5,
                         fabs (xe[i + 1] - xe[i]) + 1.0, fabs (ye[j + 1] - ye[j]) + 1.0);
        cairo_fill (cr);
      }
  cairo_restore (cr);
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++)
      if (!g->converged[j * g->nx + i])
        hatch_cell (cr, MIN (xe[i], xe[i + 1]) - 0.5, MIN (ye[j], ye[j + 1]) - 0.5,
                    MAX (xe[i], xe[i + 1]) + 0.5, MAX (ye[j], ye[j + 1]) + 0.5, 5 * theme->scale);
  /* the η̃ = 0 row or column: outlined, outside the colour range */
  if (has_kernel_cells (g))
    {
      double d[2] = { 4 * theme->scale, 3 * theme->scale };
      gboolean row = g->request.y_axis.axis == OS_PARAM_ETA && g->y[0] == 0.0;

      if (row)
        cairo_rectangle (cr, f->left + 1, MIN (ye[0], ye[1]), f->width - 2, fabs (ye[1] - ye[0]) - 1);
      else
        cairo_rectangle (cr, MIN (xe[0], xe[1]) + 1, f->top + 1, fabs (xe[1] - xe[0]) - 1, f->height - 2);
      cairo_set_dash (cr, d, 2, 0);
      cairo_set_line_width (cr, 1.5 * theme->scale);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, d, 2, d[0]);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* ---- the scene ------------------------------------------------------------ */

/* The notes under the parameters: the kernel row, a quantity with one sign. */
static char *
phase_notes (const OsPhaseGrid *g)
{
  GString *s = g_string_new (NULL);
  OsPhaseQuantity q = g->request.quantity;
  double lo, hi;

  if (has_kernel_cells (g))
    g_string_append_printf (s, "  η̃ = 0 (outlined): kernel, off the colour scale");
  /* the cells are the d → ∞ theory; η̃* and η̃_BBP are at the network size */
  if (g->request.network_d > 0)
    g_string_append_printf (s, "  colours at d → ∞, η̃* at d = %.0f", g->request.network_d);
  if (signed_quantity (q) && data_range (g, &lo, &hi) && (hi < 0 || lo > 0))
    {
      const char *what = q == OS_PHASE_GAIN_KERNEL ? "ε<sub>kernel</sub> − ε<sub>g</sub>"
                                                   : "ε<sub>lin</sub> − ε<sub>g</sub>";
      const char *meaning = q == OS_PHASE_GAIN_KERNEL
                            ? (hi < 0 ? "the step never beats the kernel" : "the step always beats the kernel")
                            : (hi < 0 ? "no step beats the linear floor" : "every step beats the linear floor");

      g_string_append_printf (s, "  %s %s 0 everywhere: %s", what, hi < 0 ? "&lt;" : "&gt;", meaning);
    }
  return g_string_free (s, FALSE);
}

static OsPlotScene *
phase_scene (const OsPhaseGrid *g)
{
  const OsPhaseRequest *rq = &g->request;
  OsPlotScene *scene = os_plot_scene_new (titles[rq->quantity], os_plot_param_axis_label (rq->x_axis.axis),
                                          os_plot_param_axis_label (rq->y_axis.axis),
                                          os_param_info (rq->x_axis.axis)->symbol);
  g_autofree char *note = os_plot_params_note (&rq->base, rq->x_axis.axis);
  g_autofree char *notes = phase_notes (g);

  scene->x_log = rq->x_axis.log_spacing;
  scene->y_log = rq->y_axis.log_spacing;
  scene->x_fixed = scene->y_fixed = TRUE;
  scene->x_min = MIN (rq->x_axis.from, rq->x_axis.to);
  scene->x_max = MAX (rq->x_axis.from, rq->x_axis.to);
  scene->y_min = MIN (rq->y_axis.from, rq->y_axis.to);
  scene->y_max = MAX (rq->y_axis.from, rq->y_axis.to);
  scene->legend_below = TRUE;
  scene->corner_note = g_strdup_printf ("%s · %d × %d%s%s", note, g->nx, g->ny, g->final ? "" : ", refining…",
                                        notes);
  add_quantity_lines (scene, g);
  add_eta_bbp (scene, g);
  add_crosshair (scene, g);
  if (g->n_not_converged > 0)
    {
      OsPlotStyle st = os_plot_style (OS_COLOR_GREY, OS_DASH_SOLID, 0, OS_MARKER_NONE);
      double edges[2] = { 0, 0 }, y = 0;

      os_plot_scene_add (scene, OS_SERIES_BARS, "not converged", "not converged (hatched)", &st, 0, edges, &y,
                         NULL, NULL);
    }
  return scene;
}

/* ---- layout --------------------------------------------------------------- */

static const OsFigureStyle *
screen_style (OsFigureStyle *buf)
{
  os_figure_style_init_screen (buf);
  return buf;
}

/* The strip at the right for the colour bar: its ticks' labels and title. */
static double
strip_width (const OsPhaseGrid *g, const OsPlotTheme *theme, const OsFigureStyle *style, int width, int height,
             double lo, double hi)
{
  double s = os_plot_fitted_scale (theme, style, width, height), fs = os_plot_fitted_font (theme, style) * s;
  OsTick ticks[OS_PLOT_MAX_TICKS];
  int n = os_plot_linear_ticks (lo, hi, 6, ticks, OS_PLOT_MAX_TICKS);
  double wmax = 0, w, h;

  for (int i = 0; i < n; i++)
    if (ticks[i].major)
      {
        os_plot_text_measure (theme, ticks[i].label, fs * FONT_TICK, FALSE, 0, &w, &h);
        wmax = MAX (wmax, w);
      }
  os_plot_text_measure (theme, bar_titles[g->request.quantity], fs * FONT_TICK, FALSE, 0, &w, &h);
  return MAX (12 * s + 16 * s + 6 * s + wmax + 8 * s, w + 8 * s);
}

/* Lays out the scene left of the colour bar's strip; returns the scene's width. */
static int
phase_layout (const OsPhaseGrid *g, const OsPlotTheme *theme, const OsFigureStyle *style, int width, int height,
              OsPlotScene *scene, OsPlotLayout *L, OsPhaseLayout *out)
{
  double lo, hi, strip, s;
  gboolean diverging;
  int scene_w;

  os_plot_phase_value_range (g, &lo, &hi, &diverging);
  strip = strip_width (g, theme, style, width, height, lo, hi);
  s = os_plot_fitted_scale (theme, style, width, height);
  scene_w = (int) MAX (width - strip, 50);
  os_plot_compute_layout (scene, theme, style, scene_w, height, L);
  out->frame = L->frame;
  out->bar_left = width - strip + 12 * s;
  out->bar_width = 16 * s;
  out->bar_top = L->frame.top;
  out->bar_height = L->frame.height;
  out->value_min = lo;
  out->value_max = hi;
  out->diverging = diverging;
  return scene_w;
}

void
os_plot_phase_layout_style (const OsPhaseGrid *grid, const OsPlotTheme *theme, const OsFigureStyle *style,
                            int width, int height, OsPhaseLayout *layout)
{
  g_autoptr (OsPlotScene) scene = phase_scene (grid);
  OsFigureStyle buf;
  OsPlotLayout L;

  phase_layout (grid, theme, style ? style : screen_style (&buf), width, height, scene, &L, layout);
  os_plot_layout_clear (&L);
}

void
os_plot_phase_layout (const OsPhaseGrid *grid, const OsPlotTheme *theme, int width, int height,
                      OsPhaseLayout *layout)
{
  os_plot_phase_layout_style (grid, theme, NULL, width, height, layout);
}

/* ---- the colour bar --------------------------------------------------------- */

typedef struct
{
  OsTick ticks[OS_PLOT_MAX_TICKS];
  int n;
  double size;
  double title_box[4];
  double title_size;
} BarTexts;

/* The bar's labels: as many as fit its height, three at least. */
static void
bar_texts (const OsPhaseGrid *g, const OsPlotTheme *theme, double s, double fs, const OsPhaseLayout *P, int width,
           BarTexts *b)
{
  double w, h;

  b->size = fs * FONT_TICK;
  os_plot_text_measure (theme, "0.5", b->size, FALSE, 0, &w, &h);
  for (int target = 8; target >= 2; target--)
    {
      double step;

      b->n = os_plot_linear_ticks (P->value_min, P->value_max, target, b->ticks, OS_PLOT_MAX_TICKS);
      os_plot_nice_step (P->value_min, P->value_max, target, &step);
      if (P->bar_height * step / (P->value_max - P->value_min) >= 1.6 * h)
        break;
    }
  b->title_size = fs * FONT_TICK;
  os_plot_text_measure (theme, bar_titles[g->request.quantity], b->title_size, FALSE, 0, &w, &h);
  /* over the bar, inside the strip */
  b->title_box[0] = CLAMP (P->bar_left + P->bar_width / 2 - w / 2, P->bar_left - 12 * s + 4 * s, width - 2 * s - w);
  b->title_box[3] = P->bar_top - 4 * s;
  b->title_box[1] = b->title_box[3] - h;
  b->title_box[2] = b->title_box[0] + w;
}

static double
bar_y (const OsPhaseLayout *P, double v)
{
  return P->bar_top + P->bar_height * (1.0 - (v - P->value_min) / (P->value_max - P->value_min));
}

static void
draw_colour_bar (cairo_t *cr, const OsPhaseGrid *g, const OsPlotTheme *theme, double s, double fs,
                 const OsPhaseLayout *P, int width)
{
  BarTexts b;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int k = 0; k < 256; k++)
    {
      double y1 = P->bar_top + P->bar_height * (1.0 - k / 256.0);
      double y0 = P->bar_top + P->bar_height * (1.0 - (k + 1) / 256.0);
      double rgb[3];

      if (P->diverging)
        os_plot_diverging_colormap ((k + 0.5) / 256.0, rgb);
      else
        os_plot_phase_colormap ((k + 0.5) / 256.0, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, P->bar_left, floor (y0), P->bar_width, ceil (y1) - floor (y0));
      cairo_fill (cr);
    }
  cairo_restore (cr);
  os_plot_set_rgba (cr, theme->foreground, 1.0);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, P->bar_left, P->bar_top, P->bar_width, P->bar_height);
  cairo_stroke (cr);

  bar_texts (g, theme, s, fs, P, width, &b);
  for (int i = 0; i < b.n; i++)
    {
      double y = bar_y (P, b.ticks[i].value), w, h;

      if (y < P->bar_top - 0.5 || y > P->bar_top + P->bar_height + 0.5)
        continue;
      cairo_move_to (cr, P->bar_left + P->bar_width, y);
      cairo_line_to (cr, P->bar_left + P->bar_width + 4 * s, y);
      cairo_stroke (cr);
      os_plot_text_measure (theme, b.ticks[i].label, b.size, FALSE, 0, &w, &h);
      os_plot_text_draw (cr, theme, b.ticks[i].label, b.size, FALSE, 0, P->bar_left + P->bar_width + 6 * s, y - h / 2,
                         FALSE);
    }
  os_plot_text_draw (cr, theme, bar_titles[g->request.quantity], b.title_size, FALSE, 0, b.title_box[0],
                     b.title_box[1], FALSE);
}

/* ---- render, geometry, tooltip ----------------------------------------- */

void
os_plot_phase_render_style (const OsPhaseGrid *grid, const OsPlotTheme *theme, const OsFigureStyle *style,
                            cairo_t *cr, int width, int height)
{
  g_autoptr (OsPlotScene) scene = NULL;
  OsFigureStyle buf;
  OsPhaseLayout P;
  OsPlotLayout L;
  Heatmap h;
  double s, fs;
  int scene_w;

  if (grid == NULL)
    {
      os_plot_draw_message (theme, cr, width, height, "Phase diagram", "Computing the phase diagram…");
      return;
    }
  if (style == NULL)
    style = screen_style (&buf);
  scene = phase_scene (grid);
  scene_w = phase_layout (grid, theme, style, width, height, scene, &L, &P);
  s = L.theme.scale;
  fs = L.theme.font_size * s;
  os_plot_layout_clear (&L);
  h = (Heatmap) { grid, P.value_min, P.value_max, P.diverging };
  scene->underlay = draw_heatmap;
  scene->underlay_data = &h;

  cairo_save (cr);
  os_plot_set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  os_plot_scene_render_style (scene, theme, style, cr, scene_w, height);
  draw_colour_bar (cr, grid, theme, s, fs, &P, width);
  cairo_restore (cr);
}

void
os_plot_phase_render (const OsPhaseGrid *grid, const OsPlotTheme *theme, cairo_t *cr, int width, int height)
{
  os_plot_phase_render_style (grid, theme, NULL, cr, width, height);
}

OsPlotGeometry *
os_plot_phase_geometry (const OsPhaseGrid *grid, const OsPlotTheme *theme, const OsFigureStyle *style, int width,
                        int height)
{
  g_autoptr (OsPlotScene) scene = phase_scene (grid);
  OsFigureStyle buf;
  OsPhaseLayout P;
  OsPlotLayout L;
  OsPlotGeometry *geom;
  BarTexts b;
  double s, fs;
  int scene_w;

  if (style == NULL)
    style = screen_style (&buf);
  scene_w = phase_layout (grid, theme, style, width, height, scene, &L, &P);
  s = L.theme.scale;
  fs = L.theme.font_size * s;
  os_plot_layout_clear (&L);
  geom = os_plot_scene_geometry (scene, "phase", theme, style, scene_w, height, 0, 0);
  bar_texts (grid, theme, s, fs, &P, width, &b);
  for (int i = 0; i < b.n; i++)
    {
      double y = bar_y (&P, b.ticks[i].value), w, h;

      if (y < P.bar_top - 0.5 || y > P.bar_top + P.bar_height + 0.5)
        continue;
      os_plot_text_measure (theme, b.ticks[i].label, b.size, FALSE, 0, &w, &h);
      os_plot_geometry_add_text (geom, OS_TEXT_TICK_LABEL, 0, b.ticks[i].label, P.bar_left + P.bar_width + 6 * s,
                                 y - h / 2, P.bar_left + P.bar_width + 6 * s + w, y + h / 2);
    }
  os_plot_geometry_add_text (geom, OS_TEXT_AXIS_LABEL, 0, bar_titles[grid->request.quantity], b.title_box[0],
                             b.title_box[1], b.title_box[2], b.title_box[3]);
  return geom;
}

char *
os_plot_phase_tooltip (const OsPhaseGrid *grid, const OsPlotTheme *theme, int width, int height, double x, double y)
{
  OsPhaseLayout L;
  const OsPlotFrame *f = &L.frame;
  g_autofree double *xe = NULL;
  g_autofree double *ye = NULL;
  int ci = -1, cj = -1, k;
  GString *s;
  const OsPhaseRequest *rq;

  if (grid == NULL)
    return NULL;
  os_plot_phase_layout (grid, theme, width, height, &L);
  if (x < f->left || x > f->left + f->width || y < f->top || y > f->top + f->height)
    return NULL;
  xe = g_new (double, grid->nx + 1);
  ye = g_new (double, grid->ny + 1);
  cell_edges (f, grid->x, grid->nx, TRUE, xe);
  cell_edges (f, grid->y, grid->ny, FALSE, ye);
  for (int i = 0; i < grid->nx; i++)
    if (x >= MIN (xe[i], xe[i + 1]) && x <= MAX (xe[i], xe[i + 1]))
      ci = i;
  for (int j = 0; j < grid->ny; j++)
    if (y >= MIN (ye[j], ye[j + 1]) && y <= MAX (ye[j], ye[j + 1]))
      cj = j;
  if (ci < 0 || cj < 0)
    return NULL;
  rq = &grid->request;
  k = cj * grid->nx + ci;
  s = g_string_new (NULL);
  g_string_append_printf (s, "%s = %.6g, %s = %.6g: %s = %.6g",
                          os_param_info (rq->x_axis.axis)->symbol, grid->x[ci],
                          os_param_info (rq->y_axis.axis)->symbol, grid->y[cj],
                          os_phase_quantity_label (rq->quantity), grid->value[k]);
  g_string_append_printf (s, "\nε_g = %.6g, kernel ε_g = %.6g, ε_lin = %.6g",
                          grid->test_error[k], grid->kernel_error[k], grid->linear_floor[k]);
  if (grid->best_lambda != NULL)
    g_string_append_printf (s, "\nbest λ = %.4g", grid->best_lambda[k]);
  if (kernel_cell (grid, ci, cj))
    g_string_append (s, "\nη̃ = 0: the kernel, outside the colour range (ε_g jumps at η̃ → 0⁺)");
  if (grid->eta_bbp != NULL && isfinite (grid->eta_bbp[ci]))
    g_string_append_printf (s, "\nat d = %.0f the spike leaves the bulk above η̃_BBP = %.4g",
                            rq->network_d, grid->eta_bbp[ci]);
  if (!grid->converged[k])
    g_string_append (s, "\nnot converged: the value is a best effort");
  return g_string_free (s, FALSE);
}
