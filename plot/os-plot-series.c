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
os_plot_draw_series (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f, const OsPlotSeries *sr,
                     GArray *labels)
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
          cairo_stroke (cr);
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
          double py = os_plot_frame_y (f, sr->y[0]);
          cairo_move_to (cr, x0, py);
          cairo_line_to (cr, x1, py);
          cairo_stroke (cr);
        }
      break;
    case OS_SERIES_VLINE:
      for (int i = 0; i < sr->n; i++)
        if (isfinite (sr->x[i]))
          {
            double px = os_plot_frame_x (f, sr->x[i]);
            cairo_move_to (cr, px, y0);
            cairo_line_to (cr, px, y1);
            cairo_stroke (cr);
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
      {
        /* labels stagger upwards when they would collide */
        const int max_rows = 6;
        double fs = theme->font_size * FONT_LEGEND * 0.95;
        double th, tw;

        os_plot_text_size (cr, theme, "0", fs, FALSE, &tw, &th);
        for (int i = 0; i < sr->n; i++)
          {
            double px, len = (sr->tick_height > 0 ? sr->tick_height : 12) * s;
            guint row = 0;

            if (!isfinite (sr->x[i]))
              continue;
            px = os_plot_frame_x (f, sr->x[i]);
            if (px < x0 - 0.5 || px > x1 + 0.5)
              continue;
            os_plot_set_rgba (cr, c, sr->style.alpha);
            cairo_move_to (cr, px, y1);
            cairo_line_to (cr, px, y1 - len);
            cairo_stroke (cr);
            os_plot_draw_marker (cr, theme, &sr->style, px, y1 - len);
            if (sr->notes != NULL && sr->notes[i][0] != '\0')
              {
                double lw, lh, lx;

                os_plot_text_size (cr, theme, sr->notes[i], fs, FALSE, &lw, &lh);
                lx = os_plot_clamp_px (px - lw / 2, x0 + 2 * s, x1 - lw - 2 * s);
                /* the lowest row where no label of any series is in the way */
                for (row = 0; (int) row + 1 < max_rows; row++)
                  {
                    gboolean clear = TRUE;

                    for (guint j = 0; j < labels->len && clear; j++)
                      {
                        const double *placed = &g_array_index (labels, double, j);   /* row, left, right triples */
                        if (j % 3 == 0 && placed[0] == row && lx < placed[2] + 6 * s && lx + lw > placed[1] - 6 * s)
                          clear = FALSE;
                      }
                    if (clear)
                      break;
                  }
                {
                  double triple[3] = { row, lx, lx + lw };
                  g_array_append_vals (labels, triple, 3);
                }
                os_plot_set_rgba (cr, theme->background, 0.85);
                cairo_rectangle (cr, lx - 2 * s, y1 - len - 8 * s - (row + 1) * th, lw + 4 * s, th);
                cairo_fill (cr);
                os_plot_set_rgba (cr, c, 1.0);
                os_plot_draw_text (cr, theme, sr->notes[i], fs, FALSE, lx, y1 - len - 8 * s - row * th, 0, 1, 0);
              }
          }
      }
      break;
    }
  cairo_restore (cr);
}
