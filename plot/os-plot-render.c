/* os-plot-render.c — the scene renderer: background, grid, the series
 * clipped to the frame, ticks, labels, notes, legend and banner; and the
 * message drawn in place of a plot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-render.h"
#include "os-plot-private.h"

#include <math.h>

void
os_plot_draw_message (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                      const char *title, const char *message)
{
  const double s = theme->scale;

  cairo_save (cr);
  os_plot_set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  os_plot_set_rgba (cr, theme->foreground, 1.0);
  if (title != NULL)
    os_plot_draw_text (cr, theme, title, theme->font_size * FONT_TITLE, TRUE, 8 * s, 8 * s, 0, 0, 0);
  {
    PangoLayout *layout = os_plot_text_layout (cr, theme, message, theme->font_size * 1.1, FALSE);
    PangoRectangle logical;

    pango_layout_set_width (layout, (int) (MAX (width - 40 * s, 50) * PANGO_SCALE));
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    pango_layout_get_extents (layout, NULL, &logical);
    os_plot_set_rgba (cr, theme->foreground, 0.75);
    cairo_move_to (cr, 20 * s, height / 2.0 - (double) logical.height / PANGO_SCALE / 2);
    pango_cairo_show_layout (cr, layout);
    g_object_unref (layout);
  }
  cairo_restore (cr);
}

void
os_plot_scene_render (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                      int width, int height)
{
  const double s = theme->scale, fs = theme->font_size;
  OsPlotLayout L;
  const OsPlotFrame *f = &L.frame;
  double x0, x1, y0, y1, tick_len = 5 * s;

  g_return_if_fail (scene != NULL && theme != NULL && cr != NULL);

  if (scene->message != NULL && scene->series->len == 0)
    {
      os_plot_draw_message (theme, cr, width, height, scene->title, scene->message);
      return;
    }

  cairo_save (cr);
  os_plot_compute_layout (scene, theme, cr, width, height, &L);
  x0 = f->left;
  x1 = f->left + f->width;
  y0 = f->top;
  y1 = f->top + f->height;

  os_plot_set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* grid */
  cairo_set_line_width (cr, 1.0 * s);
  os_plot_set_rgba (cr, theme->grid, 1.0);
  for (int i = 0; i < L.n_x_ticks; i++)
    if (L.x_ticks[i].major)
      {
        double px = round (os_plot_frame_x (f, L.x_ticks[i].value)) + 0.5;
        cairo_move_to (cr, px, y0);
        cairo_line_to (cr, px, y1);
      }
  for (int i = 0; i < L.n_y_ticks; i++)
    if (L.y_ticks[i].major)
      {
        double py = round (os_plot_frame_y (f, L.y_ticks[i].value)) + 0.5;
        cairo_move_to (cr, x0, py);
        cairo_line_to (cr, x1, py);
      }
  cairo_stroke (cr);

  /* data, clipped to the frame */
  cairo_save (cr);
  cairo_rectangle (cr, x0, y0, f->width, f->height);
  cairo_clip (cr);
  {
    g_autoptr (GArray) labels = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint k = 0; k < scene->series->len; k++)
      os_plot_draw_series (cr, theme, f, g_ptr_array_index (scene->series, k), labels);
  }
  cairo_restore (cr);

  /* frame and ticks */
  os_plot_set_rgba (cr, theme->foreground, 1.0);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_rectangle (cr, x0, y0, f->width, f->height);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.0 * s);
  for (int i = 0; i < L.n_x_ticks; i++)
    {
      double px = os_plot_frame_x (f, L.x_ticks[i].value);
      double len = L.x_ticks[i].major ? tick_len : tick_len * 0.6;

      cairo_move_to (cr, px, y1);
      cairo_line_to (cr, px, y1 + len);
      cairo_stroke (cr);
      if (L.x_ticks[i].major)
        os_plot_draw_text (cr, theme, L.x_ticks[i].label, fs * FONT_TICK, FALSE, px, y1 + tick_len + 1 * s,
                           0.5, 0, 0);
    }
  for (int i = 0; i < L.n_y_ticks; i++)
    {
      double py = os_plot_frame_y (f, L.y_ticks[i].value);
      double len = L.y_ticks[i].major ? tick_len : tick_len * 0.6;

      cairo_move_to (cr, x0, py);
      cairo_line_to (cr, x0 - len, py);
      cairo_stroke (cr);
      if (L.y_ticks[i].major)
        os_plot_draw_text (cr, theme, L.y_ticks[i].label, fs * FONT_TICK, FALSE, x0 - tick_len - 2 * s, py,
                           1, 0.5, 0);
    }

  /* labels */
  if (scene->x_label)
    os_plot_draw_text_fit (cr, theme, scene->x_label, fs * FONT_LABEL, FALSE, (x0 + x1) / 2, height - 8 * s,
                           0.5, 1, 0, width - 16 * s);
  if (scene->y_label)
    os_plot_draw_text_fit (cr, theme, scene->y_label, fs * FONT_LABEL, FALSE, 8 * s, (y0 + y1) / 2,
                           0.5, 0, -G_PI / 2, f->height + f->top);
  if (scene->title)
    os_plot_draw_text_fit (cr, theme, scene->title, fs * FONT_TITLE, TRUE, x0, 8 * s, 0, 0, 0, width - x0 - 8 * s);
  if (scene->corner_note)
    {
      os_plot_set_rgba (cr, theme->foreground, 0.7);
      if (L.note_below_title)
        os_plot_draw_text_fit (cr, theme, scene->corner_note, fs * FONT_LEGEND, FALSE, x0, y0 - 3 * s, 0, 1, 0,
                               width - x0 - 8 * s);
      else
        os_plot_draw_text (cr, theme, scene->corner_note, fs * FONT_LEGEND, FALSE, x1, y0 - 3 * s, 1, 1, 0);
      os_plot_set_rgba (cr, theme->foreground, 1.0);
    }
  if (scene->inset_note)
    {
      double iw = L.inset_w, ih = L.inset_h, m = 6 * s;

      os_plot_set_rgba (cr, theme->background, 0.9);
      cairo_rectangle (cr, x1 - iw - 2 * m, y0 + m / 2, iw + 1.5 * m, ih + m);
      cairo_fill (cr);
      os_plot_set_rgba (cr, theme->foreground, 0.85);
      os_plot_draw_text (cr, theme, scene->inset_note, fs * FONT_LEGEND, FALSE, x1 - m, y0 + m, 1, 0, 0);
      os_plot_set_rgba (cr, theme->foreground, 1.0);
    }

  os_plot_draw_legend (cr, theme, &L);

  if (scene->message != NULL)
    {
      /* a message over data: a banner across the top of the frame */
      double w, h;

      os_plot_text_size (cr, theme, scene->message, fs, FALSE, &w, &h);
      os_plot_set_rgba (cr, (OsRgba) { 1.0, 0.95, 0.85, 1 }, 0.95);
      cairo_rectangle (cr, (x0 + x1 - w) / 2 - 6 * s, y0 + 6 * s, w + 12 * s, h + 6 * s);
      cairo_fill (cr);
      os_plot_set_rgba (cr, theme->foreground, 1.0);
      os_plot_draw_text (cr, theme, scene->message, fs, FALSE, (x0 + x1) / 2, y0 + 9 * s, 0.5, 0, 0);
    }
  cairo_restore (cr);
}
