/* os-plot-legend.c — the legend: its entries and size, a place inside the
 * frame where it covers no data and no text (the layout puts it outside
 * when there is none), its texts and its drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"

#include <math.h>

#define PAD(s) (6 * (s))
#define GAP(s) (6 * (s))

void
os_plot_legend_measure (const OsPlotScene *scene, OsPlotLayout *L, double shrink)
{
  const double s = L->theme.scale, fs = L->theme.font_size * s * FONT_LEGEND * shrink;

  L->legend_font = fs;
  L->n_entries = 0;
  L->text_w = L->row_h = 0;
  L->sample_w = 30 * s * MAX (shrink, 0.8);
  if (L->style.legend == OS_LEGEND_NONE)
    return;
  for (guint k = 0; k < scene->series->len && L->n_entries < MAX_LEGEND; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);
      double w, h;

      if (sr->legend == NULL || !os_plot_series_shown (sr, &L->style))
        continue;
      L->entries[L->n_entries++] = sr;
      os_plot_text_measure (&L->theme, sr->legend, fs, FALSE, 0, &w, &h);
      L->entry_w[L->n_entries - 1] = w;
      L->text_w = MAX (L->text_w, w);
      L->row_h = MAX (L->row_h, h);
    }
}

void
os_plot_legend_size (OsPlotLayout *L, int cols)
{
  const double s = L->theme.scale;

  double x = PAD (s);

  cols = CLAMP (cols, 1, MAX (L->n_entries, 1));
  L->cols = cols;
  L->per_col = (L->n_entries + cols - 1) / cols;
  /* each column as wide as its widest entry */
  for (int c = 0; c < cols; c++)
    {
      double w = 0;

      for (int i = c * L->per_col; i < MIN ((c + 1) * L->per_col, L->n_entries); i++)
        w = MAX (w, L->entry_w[i]);
      L->col_x[c] = x;
      x += L->sample_w + GAP (s) + w + 2 * GAP (s);
    }
  L->lw = x - 2 * GAP (s) + PAD (s);
  L->lh = L->per_col * L->row_h + 2 * PAD (s);
}

static gboolean
boxes_meet (double ax0, double ay0, double ax1, double ay1, double bx0, double by0, double bx1, double by1)
{
  return ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
}

/* Nothing drawn meets the box (with a margin): no series, no text inside
 * the frame, no marker of a clipped outlier. */
gboolean
os_plot_box_clear (const OsPlotScene *scene, const OsPlotLayout *L, double x, double y, double w, double h)
{
  const double s = L->theme.scale, m = 3 * s;
  const OsPlotFrame *f = &L->frame;

  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      if (os_plot_series_shown (sr, &L->style)
          && os_plot_series_hits (f, &L->theme, sr, x - m, y - m, x + w + m, y + h + m))
        return FALSE;
    }
  for (guint i = 0; i < L->texts->len; i++)
    {
      const OsPlotText *t = &g_array_index (L->texts, OsPlotText, i);

      if (t->role == OS_TEXT_ANNOTATION && boxes_meet (x - m, y - m, x + w + m, y + h + m, t->x0, t->y0, t->x1, t->y1))
        return FALSE;
    }
  for (int i = 0; i < L->n_clips; i++)
    {
      double px = os_plot_frame_x (f, L->clips[i].x), py = L->clips[i].top ? f->top : f->top + f->height;

      if (boxes_meet (x - m, y - m, x + w + m, y + h + m, px - 8 * s, py - 12 * s, px + 8 * s, py + 12 * s))
        return FALSE;
    }
  return TRUE;
}

gboolean
os_plot_legend_place_inside (const OsPlotScene *scene, OsPlotLayout *L)
{
  const OsPlotFrame *f = &L->frame;
  const double s = L->theme.scale, inset = 5 * s;
  /* the corners first, then the middles of the edges, then along them */
  static const double spots[][2] = {
    { 1, 0 }, { 0, 0 }, { 1, 1 }, { 0, 1 }, { 0.5, 0 }, { 0.5, 1 }, { 1, 0.5 }, { 0, 0.5 },
    { 0.25, 0 }, { 0.75, 0 }, { 0.25, 1 }, { 0.75, 1 }, { 0.125, 0 }, { 0.375, 0 }, { 0.625, 0 },
    { 0.875, 0 }, { 0.125, 1 }, { 0.375, 1 }, { 0.625, 1 }, { 0.875, 1 }, { 1, 0.25 }, { 1, 0.75 },
    { 0, 0.25 }, { 0, 0.75 }, { 0.5, 0.5 },
  };

  for (int cols = 1; cols <= MIN (3, L->n_entries); cols++)
    {
      os_plot_legend_size (L, cols);
      if (L->lw > f->width - 2 * inset || L->lh > f->height - 2 * inset)
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (spots); c++)
        {
          double x = f->left + inset + spots[c][0] * (f->width - L->lw - 2 * inset);
          double y = f->top + inset + spots[c][1] * (f->height - L->lh - 2 * inset);

          if (os_plot_box_clear (scene, L, x, y, L->lw, L->lh))
            {
              L->lx = x;
              L->ly = y;
              L->legend_outside = FALSE;
              return TRUE;
            }
        }
    }
  return FALSE;
}

void
os_plot_legend_add_texts (OsPlotLayout *L)
{
  const double s = L->theme.scale;

  for (int i = 0; i < L->n_entries; i++)
    {
      const OsPlotSeries *sr = L->entries[i];
      int col = i / L->per_col, row = i % L->per_col;
      double x = L->lx + L->col_x[col];
      double y = L->ly + PAD (s) + row * L->row_h + L->row_h / 2;
      double w, h;

      os_plot_text_measure (&L->theme, sr->legend, L->legend_font, FALSE, 0, &w, &h);
      os_plot_layout_add_text (L, OS_TEXT_LEGEND, 0, sr->legend, L->legend_font, FALSE, 0,
                               x + L->sample_w + GAP (s), y - h / 2);
    }
}

void
os_plot_draw_legend (cairo_t *cr, const OsPlotLayout *L)
{
  const OsPlotTheme *theme = &L->theme;
  const double s = theme->scale, sample_w = L->sample_w, row_h = L->row_h;

  if (L->n_entries == 0)
    return;
  cairo_save (cr);
  os_plot_set_rgba (cr, theme->background, L->legend_outside ? 1.0 : 0.9);
  cairo_rectangle (cr, L->lx, L->ly, L->lw, L->lh);
  cairo_fill_preserve (cr);
  os_plot_set_rgba (cr, theme->grid, 1.0);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  for (int i = 0; i < L->n_entries; i++)
    {
      const OsPlotSeries *sr = L->entries[i];
      int col = i / L->per_col, row = i % L->per_col;
      double x = L->lx + L->col_x[col];
      double y = L->ly + PAD (s) + row * row_h + row_h / 2;
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
          os_plot_stroke (cr, theme, &st);
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
        case OS_SERIES_LINE:
        case OS_SERIES_HLINE:
        default:
          if (st.line_width > 0)
            {
              cairo_move_to (cr, x, y);
              cairo_line_to (cr, x + sample_w, y);
              os_plot_stroke (cr, theme, &st);
            }
          if (st.marker == OS_MARKER_NONE)
            st.marker = sr->legend_marker;
          os_plot_draw_marker (cr, theme, &st, x + sample_w / 2, y);
          break;
        }
      cairo_restore (cr);
    }
  for (guint i = 0; i < L->texts->len; i++)
    {
      const OsPlotText *t = &g_array_index (L->texts, OsPlotText, i);

      if (t->role == OS_TEXT_LEGEND)
        os_plot_draw_placed (cr, theme, t);
    }
  cairo_restore (cr);
}
