/* os-plot-layout.c — the automatic axis ranges, the frame left by the
 * titles, ticks and labels, and the layout with its legend; the mapping
 * from data to widget coordinates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-layout.h"
#include "os-plot-private.h"

#include <math.h>
#include <string.h>

/* ---- data to widget coordinates --------------------------------------- */

static double
axis_t (double v, double lo, double hi, gboolean log_scale)
{
  if (log_scale)
    return (log (v) - log (lo)) / (log (hi) - log (lo));
  return (v - lo) / (hi - lo);
}

double
os_plot_frame_x (const OsPlotFrame *f, double x)
{
  if (f->x_log && !(x > 0))
    return f->left - 1e4;
  return f->left + f->width * axis_t (x, f->x_min, f->x_max, f->x_log);
}

double
os_plot_frame_y (const OsPlotFrame *f, double y)
{
  if (f->y_log && !(y > 0))
    return f->top + f->height + 1e4;
  return f->top + f->height * (1.0 - axis_t (y, f->y_min, f->y_max, f->y_log));
}

/* ---- automatic ranges ------------------------------------------------- */

static void
extend (double *lo, double *hi, double v, gboolean log_scale)
{
  if (!isfinite (v) || (log_scale && !(v > 0)))
    return;
  *lo = MIN (*lo, v);
  *hi = MAX (*hi, v);
}

static void
scene_ranges (const OsPlotScene *scene, double *x0, double *x1, double *y0, double *y1)
{
  double xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY;
  gboolean pad_x = TRUE;

  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *s = g_ptr_array_index (scene->series, k);

      if (!s->in_range)
        continue;
      switch (s->kind)
        {
        case OS_SERIES_LINE:
        case OS_SERIES_POINTS:
          if (s->kind == OS_SERIES_LINE && s->n > 1)
            pad_x = FALSE;
          for (int i = 0; i < s->n; i++)
            {
              double e = s->y_err ? fabs (s->y_err[i]) : 0.0;

              if (!isfinite (s->y[i]) || !isfinite (s->x[i]))
                continue;
              extend (&xl, &xh, s->x[i], scene->x_log);
              extend (&yl, &yh, s->y[i] - (isfinite (e) ? e : 0), scene->y_log);
              extend (&yl, &yh, s->y[i] + (isfinite (e) ? e : 0), scene->y_log);
              extend (&yl, &yh, s->y[i], scene->y_log);
            }
          break;
        case OS_SERIES_HLINE:
          extend (&yl, &yh, s->y[0], scene->y_log);
          break;
        case OS_SERIES_VLINE:
        case OS_SERIES_TICKS:
        case OS_SERIES_BAND:
          for (int i = 0; i < s->n; i++)
            extend (&xl, &xh, s->x[i], scene->x_log);
          break;
        case OS_SERIES_BARS:
        case OS_SERIES_STEPS:
          pad_x = FALSE;
          extend (&xl, &xh, s->x[0], scene->x_log);
          extend (&xl, &xh, s->x[s->n], scene->x_log);
          for (int i = 0; i < s->n; i++)
            extend (&yl, &yh, s->y[i], scene->y_log);
          break;
        }
    }
  if (!(xl <= xh))
    {
      xl = scene->x_log ? 0.1 : 0.0;
      xh = scene->x_log ? 10.0 : 1.0;
    }
  if (!(yl <= yh))
    {
      yl = scene->y_log ? 0.1 : 0.0;
      yh = scene->y_log ? 10.0 : 1.0;
    }
  if (scene->y_from_zero && !scene->y_log)
    {
      yl = MIN (yl, 0.0);
      yh = MAX (yh, 0.0);
    }
  /* padding */
  if (scene->y_log)
    {
      double r = yh / yl;
      if (r < 1.0001)
        r = 10.0;
      yl /= pow (r, 0.05);
      yh *= pow (r, 0.06);
    }
  else
    {
      double span = yh - yl;
      if (!(span > 0))
        span = fabs (yh) > 0 ? fabs (yh) : 1.0;
      if (!(scene->y_from_zero && yl == 0.0))
        yl -= 0.05 * span;
      if (!(scene->y_from_zero && yh == 0.0))
        yh += 0.06 * span;
    }
  if (xh <= xl)
    {
      if (scene->x_log)
        {
          xl /= 2;
          xh *= 2;
        }
      else
        {
          xl -= 0.5;
          xh += 0.5;
        }
    }
  else if (pad_x)
    {
      if (scene->x_log)
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
  *x0 = scene->x_fixed ? scene->x_min : xl;
  *x1 = scene->x_fixed ? scene->x_max : xh;
  *y0 = scene->y_fixed ? scene->y_min : yl;
  *y1 = scene->y_fixed ? scene->y_max : yh;
}

/* ---- frame, ticks and legend ------------------------------------------ */

static int
make_ticks (double lo, double hi, gboolean log_scale, double length_px, double label_px,
            OsTick *ticks)
{
  int target = (int) CLAMP (length_px / label_px, 2, 10);

  return log_scale ? os_plot_log_ticks (lo, hi, target, ticks, OS_PLOT_MAX_TICKS)
                   : os_plot_linear_ticks (lo, hi, target, ticks, OS_PLOT_MAX_TICKS);
}

static void frame_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                          int width, int height, double headroom, gboolean note_below, OsPlotLayout *L);

void
os_plot_compute_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                        int width, int height, OsPlotLayout *L)
{
  int score;

  frame_layout (scene, theme, cr, width, height, 0.0, FALSE, L);
  if (L->n_entries == 0)
    return;
  score = os_plot_legend_place (scene, theme, L, FALSE);
  if (score <= 2 || scene->y_fixed || scene->y_log)
    return;
  /* the legend would hide data: make room above the data for it, in two
   * columns when that is flatter and fits */
  {
    int cols = L->n_entries >= 4 ? 2 : 1;
    double headroom;

    double shrink = 1.0;

    os_plot_legend_size (theme, L, cols);
    if (L->lw > 0.92 * L->frame.width)
      os_plot_legend_size (theme, L, 1);
    headroom = (L->lh + 10 * theme->scale) / L->frame.height;
    if (headroom > 0.4)
      {
        /* a small panel (or large text): a smaller legend rather than
         * squashing the data */
        shrink = 0.8;
        os_plot_legend_measure (scene, theme, cr, L, shrink);
        os_plot_legend_size (theme, L, cols);
        if (L->lw > 0.92 * L->frame.width)
          os_plot_legend_size (theme, L, 1);
        headroom = (L->lh + 10 * theme->scale) / L->frame.height;
      }
    frame_layout (scene, theme, cr, width, height, MIN (headroom, 0.6), FALSE, L);
    os_plot_legend_measure (scene, theme, cr, L, shrink);
    os_plot_legend_size (theme, L, cols);
    if (L->lw > 0.92 * L->frame.width)
      os_plot_legend_size (theme, L, 1);
    os_plot_legend_place (scene, theme, L, TRUE);
  }
}

static void
frame_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
              int width, int height, double headroom, gboolean note_below, OsPlotLayout *L)
{
  double note_w = 0;

  const double s = theme->scale, fs = theme->font_size;
  double pad = 8 * s, tick_len = 5 * s, gap = 5 * s;
  double w, h, title_h = 0, title_w = 0, xlabel_h = 0, ylabel_h = 0, tick_h, max_yw = 0, last_xw = 0;
  OsPlotFrame *f = &L->frame;

  memset (L, 0, sizeof *L);
  scene_ranges (scene, &f->x_min, &f->x_max, &f->y_min, &f->y_max);
  f->x_log = scene->x_log;
  f->y_log = scene->y_log;
  if (headroom > 0)
    {
      /* the data keeps the lower (1 − headroom) of the frame */
      f->y_max = f->y_min + (f->y_max - f->y_min) / (1.0 - headroom);
    }

  if (scene->title)
    os_plot_text_size (cr, theme, scene->title, fs * FONT_TITLE, TRUE, &title_w, &title_h);
  if (scene->corner_note)
    {
      double nw, nh;

      os_plot_text_size (cr, theme, scene->corner_note, fs * FONT_LEGEND, FALSE, &nw, &nh);
      note_w = nw;
      if (note_below)
        {
          L->note_below_title = TRUE;
          title_h += nh;
        }
    }
  L->title_h = title_h;
  if (scene->inset_note)
    os_plot_text_size (cr, theme, scene->inset_note, fs * FONT_LEGEND, FALSE, &L->inset_w, &L->inset_h);
  if (scene->x_label)
    os_plot_text_size (cr, theme, scene->x_label, fs * FONT_LABEL, FALSE, &w, &xlabel_h);
  if (scene->y_label)
    os_plot_text_size (cr, theme, scene->y_label, fs * FONT_LABEL, FALSE, &w, &ylabel_h);
  os_plot_text_size (cr, theme, "0.5<sup>1</sup>", fs * FONT_TICK, FALSE, &w, &tick_h);

  f->top = pad + (title_h > 0 ? title_h + gap : 0);
  f->height = height - f->top - (tick_len + tick_h + gap + xlabel_h + pad);
  L->n_y_ticks = make_ticks (f->y_min, f->y_max, f->y_log, MAX (f->height, 1), tick_h * 2.6, L->y_ticks);
  for (int i = 0; i < L->n_y_ticks; i++)
    if (L->y_ticks[i].major)
      {
        os_plot_text_size (cr, theme, L->y_ticks[i].label, fs * FONT_TICK, FALSE, &w, &h);
        max_yw = MAX (max_yw, w);
      }
  f->left = pad + (ylabel_h > 0 ? ylabel_h + gap : 0) + max_yw + tick_len + 2 * s;
  /* room for half of the last x label */
  f->width = width - f->left - pad;
  L->n_x_ticks = make_ticks (f->x_min, f->x_max, f->x_log, MAX (f->width, 1), 80 * s, L->x_ticks);
  for (int i = L->n_x_ticks - 1; i >= 0; i--)
    if (L->x_ticks[i].major)
      {
        os_plot_text_size (cr, theme, L->x_ticks[i].label, fs * FONT_TICK, FALSE, &last_xw, &h);
        break;
      }
  f->width -= MAX (0, last_xw / 2 - pad / 2);
  f->width = MAX (f->width, 1);
  f->height = MAX (f->height, 1);
  /* title on the left, note on the right of the frame: when they would
   * meet, the note goes on a line of its own */
  if (!note_below && note_w > 0 && f->left + title_w + 3 * pad + note_w > f->left + f->width)
    {
      frame_layout (scene, theme, cr, width, height, headroom, TRUE, L);
      return;
    }
  os_plot_legend_measure (scene, theme, cr, L, 1.0);
  os_plot_legend_size (theme, L, L->n_entries * L->row_h + 12 * s > 0.8 * f->height && L->n_entries > 3 ? 2 : 1);
}

static cairo_t *
scratch_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

void
os_plot_scene_layout (const OsPlotScene *scene, const OsPlotTheme *theme, int width, int height,
                      OsPlotFrame *frame)
{
  cairo_t *cr = scratch_context ();
  OsPlotLayout L;

  os_plot_compute_layout (scene, theme, cr, width, height, &L);
  *frame = L.frame;
  if (L.n_entries > 0)
    {
      frame->legend_x = L.lx;
      frame->legend_y = L.ly;
      frame->legend_w = L.lw;
      frame->legend_h = L.lh;
    }
  cairo_destroy (cr);
}
