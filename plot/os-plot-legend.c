/* os-plot-legend.c — the legend: its entries and size, the corner where
 * it hides the least data, and its drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"

#include <math.h>

void
os_plot_legend_measure (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr, OsPlotLayout *L,
                        double shrink)
{
  const double fs = theme->font_size * FONT_LEGEND * shrink;

  L->legend_font = fs;
  L->n_entries = 0;
  L->text_w = L->row_h = 0;
  for (guint k = 0; k < scene->series->len && L->n_entries < MAX_LEGEND; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);
      double w, h;

      if (sr->legend == NULL)
        continue;
      L->entries[L->n_entries++] = sr;
      os_plot_text_size (cr, theme, sr->legend, fs, FALSE, &w, &h);
      L->text_w = MAX (L->text_w, w);
      L->row_h = MAX (L->row_h, h);
    }
}

void
os_plot_legend_size (const OsPlotTheme *theme, OsPlotLayout *L, int cols)
{
  const double s = theme->scale, sample_w = 30 * s, pad = 6 * s, gap = 6 * s;

  L->cols = cols;
  L->per_col = (L->n_entries + cols - 1) / cols;
  L->lw = cols * (sample_w + gap + L->text_w) + (cols - 1) * 2 * gap + 2 * pad;
  L->lh = L->per_col * L->row_h + 2 * pad;
}

/* Pixel samples of the data, to keep the legend off it. */
static int
legend_overlap (const OsPlotFrame *f, const OsPlotScene *scene, double lx, double ly, double lw, double lh)
{
  int hits = 0;

#define INSIDE(px, py) ((px) >= lx && (px) <= lx + lw && (py) >= ly && (py) <= ly + lh)
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      switch (sr->kind)
        {
        case OS_SERIES_LINE:
        case OS_SERIES_POINTS:
          for (int i = 0; i < sr->n; i++)
            {
              double px, py;

              if (!isfinite (sr->y[i]) || !isfinite (sr->x[i]))
                continue;
              px = os_plot_frame_x (f, sr->x[i]);
              py = os_plot_frame_y (f, sr->y[i]);
              if (sr->clamp)
                {
                  px = os_plot_clamp_px (px, f->left, f->left + f->width);
                  py = os_plot_clamp_px (py, f->top, f->top + f->height);
                }
              if (INSIDE (px, py))
                hits += sr->kind == OS_SERIES_POINTS ? 6 : 2;
              if (sr->kind == OS_SERIES_LINE && i + 1 < sr->n && isfinite (sr->y[i + 1]))
                {
                  /* sample along the segment */
                  double qx = os_plot_frame_x (f, sr->x[i + 1]), qy = os_plot_frame_y (f, sr->y[i + 1]);
                  int m = (int) MIN (200, (fabs (qx - px) + fabs (qy - py)) / 4);
                  for (int j = 1; j < m; j++)
                    if (INSIDE (px + (qx - px) * j / m, py + (qy - py) * j / m))
                      hits += 2;
                }
            }
          break;
        case OS_SERIES_HLINE:
          {
            double py = os_plot_frame_y (f, sr->y[0]);
            if (py >= ly && py <= ly + lh)
              hits += (int) (lw / 4);
          }
          break;
        case OS_SERIES_BARS:
        case OS_SERIES_STEPS:
          for (int i = 0; i < sr->n; i++)
            {
              double px = os_plot_frame_x (f, 0.5 * (sr->x[i] + sr->x[i + 1]));
              double py = os_plot_frame_y (f, sr->y[i]);
              if (px >= lx && px <= lx + lw && py <= ly + lh)
                hits += 3;
            }
          break;
        case OS_SERIES_BAND:
          if (sr->n == 2)
            {
              double xa = os_plot_frame_x (f, sr->x[0]), xb = os_plot_frame_x (f, sr->x[1]);
              if (MAX (xa, xb) >= lx && MIN (xa, xb) <= lx + lw)
                hits += 2;
            }
          break;
        case OS_SERIES_TICKS:
        case OS_SERIES_VLINE:
          for (int i = 0; i < sr->n; i++)
            {
              double px = os_plot_frame_x (f, sr->x[i]);
              if (px >= lx && px <= lx + lw)
                hits += sr->kind == OS_SERIES_TICKS && ly + lh > f->top + f->height - 60 ? 40 : 4;
            }
          break;
        }
    }
#undef INSIDE
  return hits;
}

/* The corner of the frame where the legend covers the least data (and
 * never the inset note); returns that overlap. */
int
os_plot_legend_place (const OsPlotScene *scene, const OsPlotTheme *theme, OsPlotLayout *L, gboolean top_only)
{
  const OsPlotFrame *f = &L->frame;
  const double inset = 6 * theme->scale;
  const double cx[] = { 1, 0, 0.5, 1, 0, 0.5 }, cy[] = { 0, 0, 0, 1, 1, 1 };
  int best = G_MAXINT;

  for (guint c = 0; c < (top_only ? 3 : G_N_ELEMENTS (cx)); c++)
    {
      double x = f->left + inset + cx[c] * (f->width - L->lw - 2 * inset);
      double y = f->top + inset + cy[c] * (f->height - L->lh - 2 * inset);
      int score = legend_overlap (f, scene, x, y, L->lw, L->lh);

      if (L->inset_w > 0 && x + L->lw > f->left + f->width - L->inset_w - 2 * inset
          && y < f->top + L->inset_h + 2 * inset)
        {
          /* under the inset note, if there is room */
          y = f->top + L->inset_h + 3 * inset;
          if (y + L->lh > f->top + f->height - inset)
            continue;
          score = legend_overlap (f, scene, x, y, L->lw, L->lh) + 1;
        }
      if (score < best)
        {
          best = score;
          L->lx = x;
          L->ly = y;
        }
    }
  return best;
}

void
os_plot_draw_legend (cairo_t *cr, const OsPlotTheme *theme, const OsPlotLayout *L)
{
  const double s = theme->scale, fs = L->legend_font;
  double sample_w = 30 * s, pad = 6 * s, gap = 6 * s, row_h = L->row_h, text_w = L->text_w;
  double best_x = L->lx, best_y = L->ly, lw = L->lw, lh = L->lh;
  int per_col = L->per_col;
  guint n = L->n_entries;
  const OsPlotSeries *const *entries = L->entries;

  if (n == 0)
    return;
  cairo_save (cr);
  os_plot_set_rgba (cr, theme->background, 0.88);
  cairo_rectangle (cr, best_x, best_y, lw, lh);
  cairo_fill_preserve (cr);
  os_plot_set_rgba (cr, theme->grid, 1.0);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const OsPlotSeries *sr = entries[i];
      int col = (int) i / per_col, row = (int) i % per_col;
      double x = best_x + pad + col * (sample_w + gap + text_w + 2 * gap);
      double y = best_y + pad + row * row_h + row_h / 2;
      OsPlotStyle st = sr->style;

      cairo_save (cr);
      os_plot_set_line (cr, theme, &st);
      os_plot_set_rgba (cr, os_plot_color (st.color), sr->kind == OS_SERIES_BARS ? MIN (1.0, st.alpha) : st.alpha);
      switch (sr->kind)
        {
        case OS_SERIES_BARS:
        case OS_SERIES_BAND:
          cairo_rectangle (cr, x + 4 * s, y - row_h * 0.3, sample_w - 8 * s, row_h * 0.6);
          cairo_fill (cr);
          break;
        case OS_SERIES_STEPS:
          cairo_rectangle (cr, x + 4 * s, y - row_h * 0.3, sample_w - 8 * s, row_h * 0.6);
          cairo_stroke (cr);
          break;
        case OS_SERIES_VLINE:
        case OS_SERIES_TICKS:
          cairo_move_to (cr, x + sample_w / 2, y - row_h * 0.4);
          cairo_line_to (cr, x + sample_w / 2, y + row_h * 0.4);
          cairo_stroke (cr);
          if (sr->kind == OS_SERIES_TICKS)
            os_plot_draw_marker (cr, theme, &st, x + sample_w / 2, y - row_h * 0.25);
          break;
        case OS_SERIES_POINTS:
          if (sr->y_err != NULL)
            {
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_set_line_width (cr, 1.4 * s);
              cairo_move_to (cr, x + sample_w / 2, y - row_h * 0.4);
              cairo_line_to (cr, x + sample_w / 2, y + row_h * 0.4);
              cairo_stroke (cr);
            }
          os_plot_draw_marker (cr, theme, &st, x + sample_w / 2, y);
          break;
        default:
          if (st.line_width > 0)
            {
              cairo_move_to (cr, x, y);
              cairo_line_to (cr, x + sample_w, y);
              cairo_stroke (cr);
            }
          if (st.marker == OS_MARKER_NONE)
            st.marker = sr->legend_marker;
          os_plot_draw_marker (cr, theme, &st, x + sample_w / 2, y);
          break;
        }
      cairo_restore (cr);
      os_plot_set_rgba (cr, theme->foreground, 1.0);
      os_plot_draw_text (cr, theme, sr->legend, fs, FALSE, x + sample_w + gap, y, 0, 0.5, 0);
    }
  cairo_restore (cr);
}
