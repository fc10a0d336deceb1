/* os-plot-series.c — pens, markers and the drawing of each series kind
 * (lines, points with error bars, reference lines, histograms, labelled
 * ticks) inside the frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"

#include <math.h>

void
os_plot_set_line (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st)
{
  const double s = theme->scale;
  double w = st->line_width * s;

  cairo_set_line_width (cr, w);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, st->dash == OS_DASH_DOTTED ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  switch (st->dash)
    {
    case OS_DASH_SOLID:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case OS_DASH_DASHED:
      {
        double d[] = { 7 * s, 4 * s };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    case OS_DASH_DOTTED:
      {
        double d[] = { 0.01 * s, MAX (3.5 * s, 2.2 * w) };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    case OS_DASH_DASH_DOT:
      {
        double d[] = { 9 * s, 3.5 * s, 2 * s, 3.5 * s };
        cairo_set_dash (cr, d, 4, 0);
      }
      break;
    case OS_DASH_LONG:
      {
        double d[] = { 14 * s, 5 * s };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    }
}

void
os_plot_stroke (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st)
{
  if (st->halo)
    {
      cairo_save (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
      cairo_set_line_width (cr, (st->line_width + 2.2) * theme->scale);
      cairo_stroke_preserve (cr);
      cairo_restore (cr);
    }
  cairo_stroke (cr);
}

/* A coordinate on the middle of a device pixel, so a thin horizontal or
 * vertical line covers whole pixels. */
static double
snap (cairo_t *cr, double v, gboolean horizontal)
{
  double x = horizontal ? 0 : v, y = horizontal ? v : 0;

  cairo_user_to_device (cr, &x, &y);
  if (horizontal)
    y = floor (y) + 0.5;
  else
    x = floor (x) + 0.5;
  cairo_device_to_user (cr, &x, &y);
  return horizontal ? y : x;
}

static void
marker_path (cairo_t *cr, OsMarker marker, double x, double y, double r)
{
  switch (marker)
    {
    case OS_MARKER_NONE:
      break;
    case OS_MARKER_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case OS_MARKER_SQUARE:
      cairo_rectangle (cr, x - 0.88 * r, y - 0.88 * r, 1.76 * r, 1.76 * r);
      break;
    case OS_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + 1.05 * r, y + 0.65 * r);
      cairo_line_to (cr, x - 1.05 * r, y + 0.65 * r);
      cairo_close_path (cr);
      break;
    case OS_MARKER_TRIANGLE_DOWN:
      cairo_move_to (cr, x, y + 1.2 * r);
      cairo_line_to (cr, x + 1.05 * r, y - 0.65 * r);
      cairo_line_to (cr, x - 1.05 * r, y - 0.65 * r);
      cairo_close_path (cr);
      break;
    case OS_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - 1.25 * r);
      cairo_line_to (cr, x + 1.0 * r, y);
      cairo_line_to (cr, x, y + 1.25 * r);
      cairo_line_to (cr, x - 1.0 * r, y);
      cairo_close_path (cr);
      break;
    }
}

void
os_plot_draw_marker (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st, double x, double y)
{
  const double s = theme->scale;
  double r = st->marker_size * s;
  OsRgba c = os_plot_color (st->color);

  if (st->marker == OS_MARKER_NONE)
    return;
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  marker_path (cr, st->marker, x, y, r);
  if (st->hollow)
    {
      os_plot_set_rgba (cr, theme->background, 1.0);
      cairo_fill_preserve (cr);
      os_plot_set_rgba (cr, c, st->alpha);
      cairo_set_line_width (cr, 1.8 * s);
      cairo_stroke (cr);
    }
  else
    {
      os_plot_set_rgba (cr, c, st->alpha);
      cairo_fill_preserve (cr);
      os_plot_set_rgba (cr, theme->background, 0.9);
      cairo_set_line_width (cr, 1.0 * s);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
os_plot_draw_series (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f, const OsPlotSeries *sr)
{
  const double s = theme->scale;
  OsRgba c = os_plot_color (sr->style.color);
  double x0 = f->left, x1 = f->left + f->width, y0 = f->top, y1 = f->top + f->height;

  cairo_save (cr);
  os_plot_set_line (cr, theme, &sr->style);
  os_plot_set_rgba (cr, c, sr->style.alpha);
  switch (sr->kind)
    {
    case OS_SERIES_LINE:
      {
        gboolean pen = FALSE;

        for (int i = 0; i < sr->n; i++)
          {
            if (!isfinite (sr->x[i]) || !isfinite (sr->y[i])
                || (f->x_log && !(sr->x[i] > 0)) || (f->y_log && !(sr->y[i] > 0)))
              {
                pen = FALSE;
                continue;
              }
            /* keep far-off values from overflowing Cairo's fixed point */
            double px = os_plot_clamp_px (os_plot_frame_x (f, sr->x[i]), x0 - 1e4, x1 + 1e4);
            double py = os_plot_clamp_px (os_plot_frame_y (f, sr->y[i]), y0 - 1e4, y1 + 1e4);

            if (pen)
              cairo_line_to (cr, px, py);
            else
              cairo_move_to (cr, px, py);
            pen = TRUE;
          }
        if (sr->style.line_width > 0)
          os_plot_stroke (cr, theme, &sr->style);
        cairo_new_path (cr);
        if (sr->style.marker != OS_MARKER_NONE)
          for (int i = 0; i < sr->n; i++)
            if (isfinite (sr->y[i]))
              os_plot_draw_marker (cr, theme, &sr->style, os_plot_frame_x (f, sr->x[i]),
                                   os_plot_frame_y (f, sr->y[i]));
      }
      break;
    case OS_SERIES_POINTS:
      for (int i = 0; i < sr->n; i++)
        {
          double px, py;

          if (!isfinite (sr->x[i]) || !isfinite (sr->y[i]))
            continue;
          px = os_plot_frame_x (f, sr->x[i]);
          py = os_plot_frame_y (f, sr->y[i]);
          if (sr->clamp)
            {
              px = os_plot_clamp_px (px, x0, x1);
              py = os_plot_clamp_px (py, y0, y1);
            }
          if (sr->y_err != NULL && isfinite (sr->y_err[i]) && sr->y_err[i] > 0)
            {
              double ya = os_plot_clamp_px (os_plot_frame_y (f, sr->y[i] - sr->y_err[i]), y0 - 10, y1 + 10);
              double yb = os_plot_clamp_px (os_plot_frame_y (f, sr->y[i] + sr->y_err[i]), y0 - 10, y1 + 10);
              double cap = 3.5 * s;

              cairo_set_dash (cr, NULL, 0, 0);
              cairo_set_line_width (cr, 1.4 * s);
              cairo_move_to (cr, px, ya);
              cairo_line_to (cr, px, yb);
              cairo_move_to (cr, px - cap, ya);
              cairo_line_to (cr, px + cap, ya);
              cairo_move_to (cr, px - cap, yb);
              cairo_line_to (cr, px + cap, yb);
              cairo_stroke (cr);
            }
          os_plot_draw_marker (cr, theme, &sr->style, px, py);
        }
      break;
    case OS_SERIES_HLINE:
      if (isfinite (sr->y[0]))
        {
          double py = snap (cr, os_plot_frame_y (f, sr->y[0]), TRUE);
          cairo_move_to (cr, x0, py);
          cairo_line_to (cr, x1, py);
          os_plot_stroke (cr, theme, &sr->style);
        }
      break;
    case OS_SERIES_VLINE:
      for (int i = 0; i < sr->n; i++)
        if (isfinite (sr->x[i]))
          {
            double px = snap (cr, os_plot_frame_x (f, sr->x[i]), FALSE);
            cairo_move_to (cr, px, y0);
            cairo_line_to (cr, px, y1);
            os_plot_stroke (cr, theme, &sr->style);
          }
      break;
    case OS_SERIES_BAND:
      if (sr->n == 2 && isfinite (sr->x[0]) && isfinite (sr->x[1]))
        {
          double xa = os_plot_clamp_px (os_plot_frame_x (f, sr->x[0]), x0, x1);
          double xb = os_plot_clamp_px (os_plot_frame_x (f, sr->x[1]), x0, x1);

          cairo_rectangle (cr, MIN (xa, xb), y0, fabs (xb - xa), y1 - y0);
          cairo_fill (cr);
        }
      break;
    case OS_SERIES_BARS:
      for (int i = 0; i < sr->n; i++)
        {
          double xa = os_plot_frame_x (f, sr->x[i]), xb = os_plot_frame_x (f, sr->x[i + 1]);
          double ya = os_plot_frame_y (f, f->y_log ? f->y_min : MAX (0.0, f->y_min));
          double yb = os_plot_frame_y (f, sr->y[i]);

          if (!isfinite (sr->y[i]) || sr->y[i] <= 0)
            continue;
          cairo_rectangle (cr, xa, os_plot_clamp_px (yb, y0 - 5, y1), xb - xa,
                           ya - os_plot_clamp_px (yb, y0 - 5, y1));
        }
      cairo_fill_preserve (cr);
      os_plot_set_rgba (cr, c, MIN (1.0, sr->style.alpha * 2.2));
      cairo_set_line_width (cr, 0.6 * s);
      cairo_stroke (cr);
      break;
    case OS_SERIES_STEPS:
      {
        double base = os_plot_frame_y (f, f->y_log ? f->y_min : MAX (0.0, f->y_min));

        cairo_move_to (cr, os_plot_frame_x (f, sr->x[0]), base);
        for (int i = 0; i < sr->n; i++)
          {
            double py = isfinite (sr->y[i]) ? os_plot_clamp_px (os_plot_frame_y (f, sr->y[i]), y0 - 5, base) : base;
            cairo_line_to (cr, os_plot_frame_x (f, sr->x[i]), py);
            cairo_line_to (cr, os_plot_frame_x (f, sr->x[i + 1]), py);
          }
        cairo_line_to (cr, os_plot_frame_x (f, sr->x[sr->n]), base);
        cairo_stroke (cr);
      }
      break;
    case OS_SERIES_TICKS:
      /* ticks standing on the x-axis; their labels are placed by the
       * layout (os-plot-annotate.c) */
      for (int i = 0; i < sr->n; i++)
        {
          double px, len = (sr->tick_height > 0 ? sr->tick_height : 12) * s;

          if (!isfinite (sr->x[i]))
            continue;
          px = os_plot_frame_x (f, sr->x[i]);
          if (px < x0 - 0.5 || px > x1 + 0.5)
            continue;
          cairo_move_to (cr, px, y1);
          cairo_line_to (cr, px, y1 - len);
          cairo_stroke (cr);
          os_plot_draw_marker (cr, theme, &sr->style, px, y1 - len);
        }
      break;
    }
  cairo_restore (cr);
}

/* ---- geometry: what a series covers ------------------------------------ */

/* Liang–Barsky: whether the segment (ax, ay)–(bx, by) meets the rectangle. */
static gboolean
segment_meets (double ax, double ay, double bx, double by, double x0, double y0, double x1, double y1)
{
  double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
  const double p[4] = { -dx, dx, -dy, dy }, q[4] = { ax - x0, x1 - ax, ay - y0, y1 - ay };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double r = q[i] / p[i];

        if (p[i] < 0)
          t0 = MAX (t0, r);
        else
          t1 = MIN (t1, r);
      }
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

static gboolean
point_meets (double px, double py, double r, double x0, double y0, double x1, double y1)
{
  return px + r >= x0 && px - r <= x1 && py + r >= y0 && py - r <= y1;
}

static double
tick_length (const OsPlotSeries *sr, double scale)
{
  return (sr->tick_height > 0 ? sr->tick_height : 12) * scale;
}

void
os_plot_series_pixels (const OsPlotFrame *f, const OsPlotSeries *sr, double scale, GArray *xy)
{
  double x0 = f->left, x1 = f->left + f->width, y0 = f->top, y1 = f->top + f->height;

  if (sr->n <= 0)
    return;
#define ADD(px, py) G_STMT_START { double p_[2] = { (px), (py) }; g_array_append_vals (xy, p_, 2); } G_STMT_END
  switch (sr->kind)
    {
    case OS_SERIES_LINE:
    case OS_SERIES_POINTS:
      for (int i = 0; i < sr->n; i++)
        {
          double px, py;

          if (!isfinite (sr->x[i]) || !isfinite (sr->y[i]) || (f->x_log && !(sr->x[i] > 0))
              || (f->y_log && !(sr->y[i] > 0)))
            continue;
          px = os_plot_clamp_px (os_plot_frame_x (f, sr->x[i]), x0 - 1e4, x1 + 1e4);
          py = os_plot_clamp_px (os_plot_frame_y (f, sr->y[i]), y0 - 1e4, y1 + 1e4);
          if (sr->clamp)
            {
              px = os_plot_clamp_px (px, x0, x1);
              py = os_plot_clamp_px (py, y0, y1);
            }
          ADD (px, py);
        }
      break;
    case OS_SERIES_HLINE:
      if (isfinite (sr->y[0]))
        {
          ADD (x0, os_plot_frame_y (f, sr->y[0]));
          ADD (x1, os_plot_frame_y (f, sr->y[0]));
        }
      break;
    case OS_SERIES_VLINE:
      for (int i = 0; i < sr->n; i++)
        if (isfinite (sr->x[i]))
          {
            ADD (os_plot_frame_x (f, sr->x[i]), y0);
            ADD (os_plot_frame_x (f, sr->x[i]), y1);
          }
      break;
    case OS_SERIES_BAND:
      /* a shade behind the data, not data: nothing a legend must avoid */
      break;
    case OS_SERIES_BARS:
    case OS_SERIES_STEPS:
      {
        double base = os_plot_frame_y (f, f->y_log ? f->y_min : MAX (0.0, f->y_min));

        ADD (os_plot_frame_x (f, sr->x[0]), base);
        for (int i = 0; i < sr->n; i++)
          {
            double py = isfinite (sr->y[i]) && (sr->y[i] > 0 || sr->kind == OS_SERIES_STEPS)
                        ? os_plot_clamp_px (os_plot_frame_y (f, sr->y[i]), y0 - 5, base) : base;

            ADD (os_plot_frame_x (f, sr->x[i]), py);
            ADD (os_plot_frame_x (f, sr->x[i + 1]), py);
          }
        ADD (os_plot_frame_x (f, sr->x[sr->n]), base);
      }
      break;
    case OS_SERIES_TICKS:
      for (int i = 0; i < sr->n; i++)
        {
          double px;

          if (!isfinite (sr->x[i]))
            continue;
          px = os_plot_frame_x (f, sr->x[i]);
          if (px < x0 - 0.5 || px > x1 + 0.5)
            continue;
          ADD (px, y1);
          ADD (px, y1 - tick_length (sr, scale));
        }
      break;
    }
#undef ADD
}

gboolean
os_plot_series_hits (const OsPlotFrame *f, const OsPlotTheme *theme, const OsPlotSeries *sr,
                     double x0, double y0, double x1, double y1)
{
  const double s = theme->scale;
  double r = sr->style.marker != OS_MARKER_NONE ? sr->style.marker_size * s * 1.3 : 0;
  double w = MAX (sr->style.line_width, 1.0) * s / 2;
  g_autoptr (GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  const double *p;
  guint n;

  /* only what is drawn: inside the frame */
  x0 = MAX (x0, f->left);
  y0 = MAX (y0, f->top);
  x1 = MIN (x1, f->left + f->width);
  y1 = MIN (y1, f->top + f->height);
  if (x0 >= x1 || y0 >= y1)
    return FALSE;
  os_plot_series_pixels (f, sr, s, xy);
  p = (const double *) (void *) xy->data;
  n = xy->len / 2;
  switch (sr->kind)
    {
    case OS_SERIES_POINTS:
      for (int i = 0, j = 0; i < sr->n && (guint) j < n; i++)
        {
          if (!isfinite (sr->x[i]) || !isfinite (sr->y[i]) || (f->x_log && !(sr->x[i] > 0))
              || (f->y_log && !(sr->y[i] > 0)))
            continue;
          if (point_meets (p[2 * j], p[2 * j + 1], r + w, x0, y0, x1, y1))
            return TRUE;
          if (sr->y_err != NULL && isfinite (sr->y_err[i]) && sr->y_err[i] > 0
              && segment_meets (p[2 * j], os_plot_frame_y (f, sr->y[i] - sr->y_err[i]),
                                p[2 * j], os_plot_frame_y (f, sr->y[i] + sr->y_err[i]),
                                x0 - 3.5 * s, y0, x1 + 3.5 * s, y1))
            return TRUE;
          j++;
        }
      return FALSE;
    case OS_SERIES_HLINE:
    case OS_SERIES_VLINE:
    case OS_SERIES_TICKS:
      for (guint i = 0; i + 1 < n; i += 2)
        if (segment_meets (p[2 * i], p[2 * i + 1], p[2 * i + 2], p[2 * i + 3], x0 - w, y0 - w, x1 + w, y1 + w)
            || (sr->kind == OS_SERIES_TICKS && point_meets (p[2 * i + 2], p[2 * i + 3], r + w, x0, y0, x1, y1)))
          return TRUE;
      return FALSE;
    case OS_SERIES_BAND:
      return FALSE;
    case OS_SERIES_BARS:
      /* a bar is filled down to the axis */
      for (guint i = 1; i + 1 < n; i += 2)
        if (p[2 * i + 2] > p[2 * i] && segment_meets (p[2 * i], p[2 * i + 1], p[2 * i + 2], p[2 * i + 1],
                                                      x0, y0 - 1e5, x1, y1))
          return TRUE;
      return FALSE;
    case OS_SERIES_LINE:
    case OS_SERIES_STEPS:
    default:
      if (sr->kind == OS_SERIES_LINE && sr->style.line_width <= 0)
        {
          for (guint i = 0; i < n; i++)
            if (point_meets (p[2 * i], p[2 * i + 1], r, x0, y0, x1, y1))
              return TRUE;
          return FALSE;
        }
      {
        /* segments of the polyline; a NaN breaks it, so only consecutive
         * finite points are joined */
        int prev = -1, j = 0;

        for (int i = 0; i < (sr->kind == OS_SERIES_LINE ? sr->n : (int) n); i++)
          {
            gboolean ok = sr->kind != OS_SERIES_LINE
                          || (isfinite (sr->x[i]) && isfinite (sr->y[i]) && !(f->x_log && !(sr->x[i] > 0))
                              && !(f->y_log && !(sr->y[i] > 0)));

            if (!ok)
              {
                prev = -1;
                continue;
              }
            if (point_meets (p[2 * j], p[2 * j + 1], MAX (r, w), x0, y0, x1, y1))
              return TRUE;
            if (prev >= 0 && segment_meets (p[2 * prev], p[2 * prev + 1], p[2 * j], p[2 * j + 1],
                                            x0 - w, y0 - w, x1 + w, y1 + w))
              return TRUE;
            prev = j++;
          }
      }
      return FALSE;
    }
}
