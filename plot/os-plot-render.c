/* os-plot-render.c — the scene renderer: background, grid, the series
 * clipped to the frame, ticks, labels, notes, legend and banner; and the
 * message drawn in place of a plot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-render.h"
#include "os-plot-private.h"

#include <math.h>

/* Where the title and the message of an empty plot go: the title at the
 * top left, the message wrapped and centred. */
void
os_plot_message_boxes (const OsPlotTheme *theme, int width, int height, const char *title, const char *message,
                       double title_box[4], double message_box[4], double *message_wrap)
{
  const double s = theme->scale, fs = theme->font_size * s;
  double w = 0, h = 0, wrap = MAX (width - 40 * s, 50);

  title_box[0] = title_box[1] = title_box[2] = title_box[3] = 0;
  if (title != NULL)
    {
      os_plot_text_measure (theme, title, fs * FONT_TITLE, TRUE, width - 16 * s, &w, &h);
      title_box[0] = 8 * s;
      title_box[1] = 8 * s;
      title_box[2] = 8 * s + w;
      title_box[3] = 8 * s + h;
    }
  os_plot_text_measure (theme, message, fs * 1.1, FALSE, wrap, &w, &h);
  message_box[0] = width / 2.0 - w / 2;
  message_box[1] = MAX (height / 2.0 - h / 2, title_box[3] + 4 * s);
  message_box[2] = message_box[0] + w;
  message_box[3] = message_box[1] + h;
  *message_wrap = wrap;
}

void
os_plot_draw_message (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                      const char *title, const char *message)
{
  const double s = theme->scale, fs = theme->font_size * s;
  double tb[4], mb[4], wrap;
  PangoLayout *layout;

  os_plot_message_boxes (theme, width, height, title, message, tb, mb, &wrap);
  cairo_save (cr);
  os_plot_set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  os_plot_set_rgba (cr, theme->foreground, 1.0);
  if (title != NULL)
    os_plot_text_draw (cr, theme, title, fs * FONT_TITLE, TRUE, width - 16 * s, tb[0], tb[1], FALSE);
  /* centred lines: a layout of its own */
  layout = os_plot_text_layout (cr, theme, message, fs * 1.1, FALSE, wrap);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  os_plot_set_rgba (cr, theme->foreground, 0.8);
  {
    PangoRectangle logical;

    pango_layout_get_extents (layout, NULL, &logical);
    cairo_move_to (cr, mb[0] - (double) logical.x / PANGO_SCALE, mb[1]);
  }
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  cairo_restore (cr);
}

/* The mark where a clipped series leaves the frame: a small arrowhead on
 * the edge, pointing out. */
static void
draw_clip_marks (cairo_t *cr, const OsPlotLayout *L)
{
  const OsPlotFrame *f = &L->frame;
  const double s = L->theme.scale, r = 5 * s;

  for (int i = 0; i < L->n_clips; i++)
    {
      const OsPlotClip *c = &L->clips[i];
      double px = os_plot_clamp_px (os_plot_frame_x (f, c->x), f->left + r, f->left + f->width - r);
      double py = c->top ? f->top : f->top + f->height, dir = c->top ? 1 : -1;

      cairo_move_to (cr, px, py);
      cairo_line_to (cr, px - r, py + dir * 1.6 * r);
      cairo_line_to (cr, px + r, py + dir * 1.6 * r);
      cairo_close_path (cr);
      os_plot_set_rgba (cr, os_plot_color (c->series->style.color), 1.0);
      cairo_fill_preserve (cr);
      os_plot_set_rgba (cr, L->theme.background, 1.0);
      cairo_set_line_width (cr, 1.0 * s);
      cairo_stroke (cr);
    }
}

static void
draw_texts (cairo_t *cr, const OsPlotLayout *L, gboolean inside)
{
  for (guint i = 0; i < L->texts->len; i++)
    {
      const OsPlotText *t = &g_array_index (L->texts, OsPlotText, i);

      if (t->role == OS_TEXT_LEGEND || (t->role == OS_TEXT_ANNOTATION) != inside)
        continue;
      os_plot_draw_placed (cr, &L->theme, t);
    }
}

void
os_plot_scene_render_style (const OsPlotScene *scene, const OsPlotTheme *theme, const OsFigureStyle *style,
                            cairo_t *cr, int width, int height)
{
  OsPlotLayout L;
  const OsPlotFrame *f = &L.frame;
  double x0, x1, y0, y1, s, tick_len;

  g_return_if_fail (scene != NULL && theme != NULL && cr != NULL);

  if (scene->message != NULL && scene->series->len == 0)
    {
      os_plot_draw_message (theme, cr, width, height, style == NULL || style->title ? scene->title : NULL,
                            scene->message);
      return;
    }

  cairo_save (cr);
  os_plot_compute_layout (scene, theme, style, width, height, &L);
  s = L.theme.scale;
  tick_len = 5 * s;
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
  if (scene->underlay != NULL)
    {
      cairo_save (cr);
      scene->underlay (cr, f, &L.theme, scene->underlay_data);
      cairo_restore (cr);
    }
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      if (os_plot_series_shown (sr, &L.style))
        os_plot_draw_series (cr, &L.theme, f, sr);
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

      cairo_move_to (cr, px, y1);
      cairo_line_to (cr, px, y1 + (L.x_ticks[i].major ? tick_len : tick_len * 0.6));
    }
  for (int i = 0; i < L.n_y_ticks; i++)
    {
      double py = os_plot_frame_y (f, L.y_ticks[i].value);

      cairo_move_to (cr, x0, py);
      cairo_line_to (cr, x0 - (L.y_ticks[i].major ? tick_len : tick_len * 0.6), py);
    }
  cairo_stroke (cr);

  draw_texts (cr, &L, FALSE);
  draw_clip_marks (cr, &L);
  draw_texts (cr, &L, TRUE);
  os_plot_draw_legend (cr, &L);
  os_plot_layout_clear (&L);
  cairo_restore (cr);
}

void
os_plot_scene_render (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr, int width, int height)
{
  os_plot_scene_render_style (scene, theme, NULL, cr, width, height);
}
