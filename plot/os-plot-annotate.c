/* os-plot-annotate.c — the texts inside the frame, placed by the layout
 * so that none overlaps another and the legend can keep clear of them:
 * the message banner over the data, the inset note, the notes of series
 * clipped at the frame (how far they go), the series a log y-axis cannot
 * draw (values ≤ 0) and the labels of ticks standing
 * on the x-axis (bulk edges, outliers), staggered upwards where they
 * would collide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"
#include "os-plot-labels.h"

#include <math.h>

void os_plot_annotate (const OsPlotScene *scene, OsPlotLayout *L);

static gboolean
meets_annotation (const OsPlotLayout *L, double x0, double y0, double x1, double y1, double m)
{
  for (guint i = 0; i < L->texts->len; i++)
    {
      const OsPlotText *t = &g_array_index (L->texts, OsPlotText, i);

      if (t->role == OS_TEXT_ANNOTATION && x0 - m < t->x1 && t->x0 < x1 + m && y0 - m < t->y1 && t->y0 < y1 + m)
        return TRUE;
    }
  return FALSE;
}

/* A boxed text at (x, y) or, if something is in the way, moved by dy
 * steps until clear (at most `tries`); returns it. */
static OsPlotText *
add_clear (OsPlotLayout *L, const char *markup, double size, double wrap, double x, double y, double dy,
           int tries, OsRgba color, double alpha)
{
  const double s = L->theme.scale;
  double w, h;
  OsPlotText *t;

  os_plot_text_measure (&L->theme, markup, size, FALSE, wrap, &w, &h);
  for (int k = 0; k < tries && meets_annotation (L, x, y, x + w, y + h, 3 * s); k++)
    y += dy;
  t = os_plot_layout_add_text (L, OS_TEXT_ANNOTATION, 0, markup, size, FALSE, wrap, x, y);
  t->boxed = TRUE;
  t->color = color;
  t->alpha = alpha;
  return t;
}

/* A note's size at size; a long one wraps to most of the frame's width.
 * Returns the wrap width (0: one line). */
static double
measure_note (const OsPlotLayout *L, const char *markup, double size, double *w, double *h)
{
  const double m = 6 * L->theme.scale, avail = 0.8 * L->frame.width - 2 * m;

  os_plot_text_measure (&L->theme, markup, size, FALSE, 0, w, h);
  if (*w <= avail)
    return 0;
  os_plot_text_measure (&L->theme, markup, size, FALSE, avail, w, h);
  return avail;
}

static void
banner_and_inset (const OsPlotScene *scene, OsPlotLayout *L)
{
  const OsPlotFrame *f = &L->frame;
  const double s = L->theme.scale, fs = L->theme.font_size * s, m = 6 * s;

  if (scene->message != NULL)
    {
      double w, h, wrap = f->width - 4 * m;

      os_plot_text_measure (&L->theme, scene->message, fs, FALSE, 0, &w, &h);
      if (w > wrap)
        os_plot_text_measure (&L->theme, scene->message, fs, FALSE, wrap, &w, &h);
      else
        wrap = 0;
      add_clear (L, scene->message, fs, wrap, f->left + f->width / 2 - w / 2, f->top + m, h, 1,
                 L->theme.foreground, 1.0);
    }
  if (scene->inset_note != NULL)
    {
      double w, h, wrap = measure_note (L, scene->inset_note, fs * FONT_NOTE, &w, &h);

      add_clear (L, scene->inset_note, fs * FONT_NOTE, wrap, f->left + f->width - m - w, f->top + m, 4 * s, 40,
                 L->theme.foreground, 0.85);
    }
}

/* "m up to 17.2 at η̃ = 0.025" beside a mark where the curve leaves the frame */
static void
clip_notes (const OsPlotScene *scene, OsPlotLayout *L)
{
  const OsPlotFrame *f = &L->frame;
  const double s = L->theme.scale, fs = L->theme.font_size * s * FONT_NOTE;

  for (int i = 0; i < L->n_clips; i++)
    {
      const OsPlotClip *c = &L->clips[i];
      const char *name = c->series->legend ? c->series->legend : c->series->name;
      g_autofree char *v = os_plot_format_value (c->y);
      g_autofree char *xv = os_plot_format_value (c->x);
      char *text = g_strdup_printf ("%s %s %s at %s = %s, off the scale", name, c->top ? "up to" : "down to", v,
                                    scene->x_name, xv);
      double w, h, px = os_plot_frame_x (f, c->x), x, y;

      g_ptr_array_add (L->strings, text);
      os_plot_text_measure (&L->theme, text, fs, FALSE, 0, &w, &h);
      px = os_plot_clamp_px (px, f->left, f->left + f->width);
      x = px + 10 * s;
      if (x + w > f->left + f->width - 4 * s)
        x = px - 10 * s - w;
      x = os_plot_clamp_px (x, f->left + 4 * s, f->left + f->width - 4 * s - w);
      y = c->top ? f->top + 4 * s : f->top + f->height - 4 * s - h;
      add_clear (L, text, fs, 0, x, y, c->top ? h + 2 * s : -(h + 2 * s), 8,
                 os_plot_color (c->series->style.color), 1.0);
    }
}

/* On a log y-axis, the series it cannot draw, said rather than dropped:
 * "θ ≤ 0 here: not drawn on a log axis" (and those drawn in part). */
static void
log_axis_notes (const OsPlotScene *scene, OsPlotLayout *L)
{
  const OsPlotFrame *f = &L->frame;
  const double s = L->theme.scale, fs = L->theme.font_size * s * FONT_NOTE, m = 6 * s;
  g_autoptr (GString) none = g_string_new (NULL), part = g_string_new (NULL);
  GString *text;
  double w, h;

  if (!f->y_log)
    return;
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);
      int finite = 0, positive = 0;
      int n = sr->kind == OS_SERIES_HLINE ? MIN (sr->n, 1) : sr->n;

      if ((sr->kind != OS_SERIES_LINE && sr->kind != OS_SERIES_POINTS && sr->kind != OS_SERIES_HLINE)
          || sr->legend == NULL || !os_plot_series_shown (sr, &L->style))
        continue;
      for (int i = 0; i < n; i++)
        if (isfinite (sr->y[i]))
          {
            finite++;
            positive += sr->y[i] > 0;
          }
      if (finite > 0 && positive == 0)
        g_string_append_printf (none, "%s%s", none->len ? ", " : "", sr->legend);
      else if (positive < finite)
        g_string_append_printf (part, "%s%s", part->len ? ", " : "", sr->legend);
    }
  if (none->len == 0 && part->len == 0)
    return;
  text = g_string_new (NULL);
  if (none->len > 0)
    g_string_append_printf (text, "%s ≤ 0 here: not drawn on a log axis", none->str);
  if (part->len > 0)
    g_string_append_printf (text, "%s%s ≤ 0 in part: those points left out", none->len ? "; " : "", part->str);
  g_ptr_array_add (L->strings, g_string_free (text, FALSE));
  {
    const char *markup = g_ptr_array_index (L->strings, L->strings->len - 1);
    double wrap = measure_note (L, markup, fs, &w, &h);
    /* a place inside the frame that covers no data: the bottom corners,
     * the top-left, the bottom's middle; else the bottom-left */
    static const double spots[][2] = { { 0, 1 }, { 1, 1 }, { 0, 0 }, { 0.5, 1 }, { 0.25, 1 }, { 0.75, 1 } };
    double x = f->left + m, y = f->top + f->height - m - h;

    for (guint c = 0; c < G_N_ELEMENTS (spots); c++)
      {
        double tx = f->left + m + spots[c][0] * (f->width - w - 2 * m);
        double ty = f->top + m + spots[c][1] * (f->height - h - 2 * m);

        if (os_plot_box_clear (scene, L, tx, ty, w, h))
          {
            x = tx;
            y = ty;
            break;
          }
      }
    add_clear (L, markup, fs, wrap, x, y, -(h + 2 * s), 8, L->theme.foreground, 0.85);
  }
}

/* Labels of ticks on the x-axis, in the lowest row where none is in the way. */
static void
tick_labels (const OsPlotScene *scene, OsPlotLayout *L)
{
  const OsPlotFrame *f = &L->frame;
  const double s = L->theme.scale, fs = L->theme.font_size * s * FONT_LEGEND * 0.95;
  double x0 = f->left, x1 = f->left + f->width, y1 = f->top + f->height;

  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      if (sr->kind != OS_SERIES_TICKS || sr->notes == NULL || !os_plot_series_shown (sr, &L->style))
        continue;
      for (int i = 0; i < sr->n; i++)
        {
          double px, lw, lh, lx, ly, len = (sr->tick_height > 0 ? sr->tick_height : 12) * s;

          if (!isfinite (sr->x[i]) || sr->notes[i][0] == '\0')
            continue;
          px = os_plot_frame_x (f, sr->x[i]);
          if (px < x0 - 0.5 || px > x1 + 0.5)
            continue;
          os_plot_text_measure (&L->theme, sr->notes[i], fs, FALSE, 0, &lw, &lh);
          lx = os_plot_clamp_px (px - lw / 2, x0 + 3 * s, x1 - lw - 3 * s);
          ly = y1 - len - 6 * s - lh;
          add_clear (L, sr->notes[i], fs, 0, lx, ly, -(lh + 2 * s), 6, os_plot_color (sr->style.color), 1.0);
        }
    }
}

void
os_plot_annotate (const OsPlotScene *scene, OsPlotLayout *L)
{
  banner_and_inset (scene, L);
  clip_notes (scene, L);
  log_axis_notes (scene, L);
  tick_labels (scene, L);
}
