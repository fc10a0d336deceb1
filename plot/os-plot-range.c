/* os-plot-range.c — the automatic axis ranges of a scene: x from the
 * series that count for it, y from the data shown (never from the
 * legend), with a small margin.
 *
 * An excursion at an end of the x-range that would flatten everything
 * else — m shoots to 17–35 as η̃ → 0⁺ while every other order parameter
 * stays under 3 — is left off the scale: the range keeps what the rest
 * of the data needs, and the layout marks where the curve leaves the
 * frame and how far it goes (OsPlotClip). A peak inside the range (the
 * interpolation peak) is data and always stays on the scale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"

#include <math.h>

/* The share of a curve's points at each end that an excursion may span. */
#define END_SHARE 0.08
/* An excursion is left out when it would make the axis more than half
 * as tall again as the rest of the data needs. */
#define FLATTEN 0.5

typedef struct
{
  double full_lo, full_hi;    /* every value                          */
  double rest_lo, rest_hi;    /* without the points near the x ends   */
  int    i_lo, i_hi;          /* where full_lo, full_hi are           */
} SeriesRange;

static double
tr (double y, gboolean log_scale)
{
  return log_scale ? log10 (y) : y;
}

static gboolean
usable (double y, gboolean log_scale)
{
  return isfinite (y) && (!log_scale || y > 0);
}

/* The y-values of a series in axis units (log10 on a log axis). */
static gboolean
series_range (const OsPlotSeries *s, gboolean log_scale, SeriesRange *r)
{
  int n = s->kind == OS_SERIES_HLINE ? 1 : s->n, k;
  gboolean any = FALSE;

  r->full_lo = r->rest_lo = INFINITY;
  r->full_hi = r->rest_hi = -INFINITY;
  r->i_lo = r->i_hi = -1;
  k = s->kind == OS_SERIES_LINE && n >= 12 ? (int) ceil (END_SHARE * n) : 0;
  for (int i = 0; i < n; i++)
    {
      double e = s->y_err != NULL && isfinite (s->y_err[i]) ? fabs (s->y_err[i]) : 0.0;
      double vals[3] = { s->y[i], s->y[i] - e, s->y[i] + e };

      if (s->kind != OS_SERIES_HLINE && s->kind != OS_SERIES_BARS && s->kind != OS_SERIES_STEPS
          && !isfinite (s->x[i]))
        continue;
      for (int j = 0; j < (e > 0 ? 3 : 1); j++)
        {
          double t;

          if (!usable (vals[j], log_scale))
            continue;
          t = tr (vals[j], log_scale);
          any = TRUE;
          if (t < r->full_lo)
            r->full_lo = t, r->i_lo = i;
          if (t > r->full_hi)
            r->full_hi = t, r->i_hi = i;
          if (i >= k && i < n - k)
            {
              r->rest_lo = MIN (r->rest_lo, t);
              r->rest_hi = MAX (r->rest_hi, t);
            }
        }
    }
  if (!(r->rest_lo <= r->rest_hi))
    {
      r->rest_lo = r->full_lo;
      r->rest_hi = r->full_hi;
    }
  return any;
}

static gboolean
counts_for_y (const OsPlotSeries *s, const OsFigureStyle *style)
{
  return s->in_range && os_plot_series_shown (s, style)
         && (s->kind == OS_SERIES_LINE || s->kind == OS_SERIES_POINTS || s->kind == OS_SERIES_HLINE
             || s->kind == OS_SERIES_BARS || s->kind == OS_SERIES_STEPS);
}

/* The y-range in axis units, and the series left off it. */
static void
auto_y (const OsPlotScene *scene, const OsFigureStyle *style, gboolean log_scale, double *lo, double *hi,
        OsPlotClip *clips, int *n_clips)
{
  guint n = scene->series->len;
  g_autofree SeriesRange *r = g_new (SeriesRange, MAX (n, 1));
  g_autofree gboolean *has = g_new0 (gboolean, MAX (n, 1));
  double t_lo = INFINITY, t_hi = -INFINITY, f_lo = INFINITY, f_hi = -INFINITY, span;
  double keep_lo, keep_hi;

  for (guint k = 0; k < n; k++)
    {
      const OsPlotSeries *s = g_ptr_array_index (scene->series, k);

      if (!counts_for_y (s, style) || !series_range (s, log_scale, &r[k]))
        continue;
      has[k] = TRUE;
      t_lo = MIN (t_lo, r[k].rest_lo);
      t_hi = MAX (t_hi, r[k].rest_hi);
      f_lo = MIN (f_lo, r[k].full_lo);
      f_hi = MAX (f_hi, r[k].full_hi);
    }
  if (!(f_lo <= f_hi))
    {
      *lo = log_scale ? -1 : 0;
      *hi = log_scale ? 1 : 1;
      return;
    }
  span = t_hi - t_lo;
  keep_lo = t_lo;
  keep_hi = t_hi;
  /* the full range of every series without an end excursion */
  for (guint k = 0; k < n; k++)
    {
      gboolean spiky_hi, spiky_lo;

      if (!has[k])
        continue;
      spiky_hi = span > 0 && r[k].full_hi - r[k].rest_hi > 0.5 * span;
      spiky_lo = span > 0 && r[k].full_lo - r[k].rest_lo < -0.5 * span;
      keep_hi = MAX (keep_hi, spiky_hi ? r[k].rest_hi : r[k].full_hi);
      keep_lo = MIN (keep_lo, spiky_lo ? r[k].rest_lo : r[k].full_lo);
    }
  span = keep_hi - keep_lo;
  {
    /* on a log axis a decade more costs little: leave out only more */
    double allowed = MAX (FLATTEN * span, log_scale ? 1.0 : 0.0);
    gboolean flat = !(span > 1e-12 * MAX (fabs (keep_hi), fabs (keep_lo)));

    if (flat || f_hi - keep_hi <= allowed)
      keep_hi = f_hi;
    if (flat || keep_lo - f_lo <= allowed)
      keep_lo = f_lo;
  }
  *lo = keep_lo;
  *hi = keep_hi;

  /* what is left off: one marker per series and side, the farthest first */
  for (guint k = 0; k < n && *n_clips < MAX_CLIPS; k++)
    {
      const OsPlotSeries *s = g_ptr_array_index (scene->series, k);

      if (!has[k] || s->kind != OS_SERIES_LINE)
        continue;
      if (r[k].full_hi > keep_hi && r[k].i_hi >= 0)
        clips[(*n_clips)++] = (OsPlotClip) { s, s->x[r[k].i_hi], s->y[r[k].i_hi], TRUE };
      if (*n_clips < MAX_CLIPS && r[k].full_lo < keep_lo && r[k].i_lo >= 0)
        clips[(*n_clips)++] = (OsPlotClip) { s, s->x[r[k].i_lo], s->y[r[k].i_lo], FALSE };
    }
}

/* Series beyond a fixed range: marked too. */
static void
fixed_y_clips (const OsPlotScene *scene, const OsFigureStyle *style, double lo, double hi,
               OsPlotClip *clips, int *n_clips)
{
  double tol = 1e-9 * (hi - lo);

  for (guint k = 0; k < scene->series->len && *n_clips < MAX_CLIPS; k++)
    {
      const OsPlotSeries *s = g_ptr_array_index (scene->series, k);
      int i_hi = -1, i_lo = -1;

      if (s->kind != OS_SERIES_LINE || !os_plot_series_shown (s, style))
        continue;
      for (int i = 0; i < s->n; i++)
        {
          if (!isfinite (s->y[i]) || !isfinite (s->x[i]))
            continue;
          if (s->y[i] > hi + tol && (i_hi < 0 || s->y[i] > s->y[i_hi]))
            i_hi = i;
          if (s->y[i] < lo - tol && (i_lo < 0 || s->y[i] < s->y[i_lo]))
            i_lo = i;
        }
      if (i_hi >= 0)
        clips[(*n_clips)++] = (OsPlotClip) { s, s->x[i_hi], s->y[i_hi], TRUE };
      if (i_lo >= 0 && *n_clips < MAX_CLIPS)
        clips[(*n_clips)++] = (OsPlotClip) { s, s->x[i_lo], s->y[i_lo], FALSE };
    }
}

static void
extend (double *lo, double *hi, double v, gboolean log_scale)
{
  if (!isfinite (v) || (log_scale && !(v > 0)))
    return;
  *lo = MIN (*lo, v);
  *hi = MAX (*hi, v);
}

static void
auto_x (const OsPlotScene *scene, const OsFigureStyle *style, double *x0, double *x1)
{
  double xl = INFINITY, xh = -INFINITY;
  gboolean pad_x = TRUE, log_scale = scene->x_log;

  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *s = g_ptr_array_index (scene->series, k);

      if (!s->in_range || !os_plot_series_shown (s, style))
        continue;
      switch (s->kind)
        {
        case OS_SERIES_LINE:
        case OS_SERIES_POINTS:
          if (s->kind == OS_SERIES_LINE && s->n > 1)
            pad_x = FALSE;
          for (int i = 0; i < s->n; i++)
            if (isfinite (s->y[i]))
              extend (&xl, &xh, s->x[i], log_scale);
          break;
        case OS_SERIES_HLINE:
          break;
        case OS_SERIES_VLINE:
        case OS_SERIES_TICKS:
        case OS_SERIES_BAND:
          for (int i = 0; i < s->n; i++)
            extend (&xl, &xh, s->x[i], log_scale);
          break;
        case OS_SERIES_BARS:
        case OS_SERIES_STEPS:
          pad_x = FALSE;
          extend (&xl, &xh, s->x[0], log_scale);
          extend (&xl, &xh, s->x[s->n], log_scale);
          break;
        }
    }
  if (!(xl <= xh))
    {
      xl = log_scale ? 0.1 : 0.0;
      xh = log_scale ? 10.0 : 1.0;
    }
  if (xh <= xl)
    {
      if (log_scale)
        xl /= 2, xh *= 2;
      else
        xl -= 0.5, xh += 0.5;
    }
  else if (pad_x)
    {
      if (log_scale)
        {
          double r = pow (xh / xl, 0.05);
          xl /= r;
          xh *= r;
        }
      else
        {
          double span = xh - xl;
          xl -= 0.05 * span;
          xh += 0.05 * span;
        }
    }
  *x0 = xl;
  *x1 = xh;
}

void
os_plot_scene_ranges (const OsPlotScene *scene, const OsFigureStyle *style, gboolean y_log, OsPlotFrame *f,
                      OsPlotClip *clips, int *n_clips)
{
  double lo, hi;

  *n_clips = 0;
  f->x_log = scene->x_log;
  f->y_log = y_log;
  if (scene->x_fixed)
    {
      f->x_min = scene->x_min;
      f->x_max = scene->x_max;
    }
  else
    auto_x (scene, style, &f->x_min, &f->x_max);

  if (style->y_fixed && scene->style_ylim && (!y_log || style->y_min > 0))
    {
      f->y_min = style->y_min;
      f->y_max = style->y_max;
      fixed_y_clips (scene, style, f->y_min, f->y_max, clips, n_clips);
      return;
    }
  if (scene->y_fixed && !(y_log && !(scene->y_min > 0)))
    {
      f->y_min = scene->y_min;
      f->y_max = scene->y_max;
      return;
    }
  auto_y (scene, style, y_log, &lo, &hi, clips, n_clips);
  if (y_log)
    {
      double r = hi - lo;

      if (r < 1e-4)
        r = 1.0;
      f->y_min = pow (10.0, lo - 0.05 * r);
      f->y_max = pow (10.0, hi + 0.06 * r);
      return;
    }
  if (scene->y_from_zero)
    {
      lo = MIN (lo, 0.0);
      hi = MAX (hi, 0.0);
    }
  {
    double span = hi - lo;

    if (!(span > 0))
      span = fabs (hi) > 0 ? fabs (hi) : 1.0;
    if (!(scene->y_from_zero && lo == 0.0))
      lo -= 0.05 * span;
    if (!(scene->y_from_zero && hi == 0.0))
      hi += 0.06 * span;
  }
  f->y_min = lo;
  f->y_max = hi;
}
