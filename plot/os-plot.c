/* os-plot.c — layout, rendering and hit-testing of scenes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* ---- frame ------------------------------------------------------------ */

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

/* ---- text ------------------------------------------------------------- */

static PangoLayout *
text_layout (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (theme->font_family);
  PangoContext *ctx = pango_layout_get_context (layout);

  pango_context_set_round_glyph_positions (ctx, FALSE);
  pango_font_description_set_absolute_size (desc, size * theme->scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_markup (layout, markup ? markup : "", -1);
  return layout;
}

static void
text_size (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
           double *w, double *h)
{
  PangoLayout *layout = text_layout (cr, theme, markup, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
  g_object_unref (layout);
}

/* Draws markup with its anchor at (x, y): ax, ay in {0, 0.5, 1} pick the
 * left/centre/right and top/middle/bottom of the text box. */
static void
draw_text_fit (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
               double x, double y, double ax, double ay, double angle, double max_width)
{
  PangoLayout *layout = text_layout (cr, theme, markup, size, bold);
  PangoRectangle logical;
  double w, h;

  pango_layout_get_extents (layout, NULL, &logical);
  if (max_width > 0 && (double) logical.width / PANGO_SCALE > max_width)
    {
      /* too long for its place: cut with an ellipsis rather than overflow */
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_extents (layout, NULL, &logical);
    }
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -ax * w, -ay * h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

static void
draw_text (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
           double x, double y, double ax, double ay, double angle)
{
  draw_text_fit (cr, theme, markup, size, bold, x, y, ax, ay, angle, 0);
}

#define FONT_TICK   0.92
#define FONT_LABEL  1.0
#define FONT_TITLE  1.12
#define FONT_LEGEND 0.9

/* ---- layout ----------------------------------------------------------- */

#define MAX_LEGEND 32

typedef struct
{
  OsPlotFrame frame;
  OsTick x_ticks[OS_PLOT_MAX_TICKS], y_ticks[OS_PLOT_MAX_TICKS];
  int n_x_ticks, n_y_ticks;
  gboolean note_below_title;    /* the corner note did not fit beside the title */
  double title_h;
  /* legend */
  const OsPlotSeries *entries[MAX_LEGEND];
  int n_entries, cols, per_col;
  double text_w, row_h, lw, lh, lx, ly;
  double legend_font;           /* font size of the legend, pixels at scale 1 */
  /* inset note (top-right inside the frame) */
  double inset_w, inset_h;
} Layout;

static int legend_overlap (const OsPlotFrame *f, const OsPlotScene *scene, double lx, double ly,
                           double lw, double lh);

static int
make_ticks (double lo, double hi, gboolean log_scale, double length_px, double label_px,
            OsTick *ticks)
{
  int target = (int) CLAMP (length_px / label_px, 2, 10);

  return log_scale ? os_plot_log_ticks (lo, hi, target, ticks, OS_PLOT_MAX_TICKS)
                   : os_plot_linear_ticks (lo, hi, target, ticks, OS_PLOT_MAX_TICKS);
}

static void frame_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                          int width, int height, double headroom, gboolean note_below, Layout *L);

static void
legend_measure (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr, Layout *L, double shrink)
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
      text_size (cr, theme, sr->legend, fs, FALSE, &w, &h);
      L->text_w = MAX (L->text_w, w);
      L->row_h = MAX (L->row_h, h);
    }
}

static void
legend_size (const OsPlotTheme *theme, Layout *L, int cols)
{
  const double s = theme->scale, sample_w = 30 * s, pad = 6 * s, gap = 6 * s;

  L->cols = cols;
  L->per_col = (L->n_entries + cols - 1) / cols;
  L->lw = cols * (sample_w + gap + L->text_w) + (cols - 1) * 2 * gap + 2 * pad;
  L->lh = L->per_col * L->row_h + 2 * pad;
}

/* The corner of the frame where the legend covers the least data (and
 * never the inset note); returns that overlap. */
static int
legend_place (const OsPlotScene *scene, const OsPlotTheme *theme, Layout *L, gboolean top_only)
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

static void
compute_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                int width, int height, Layout *L)
{
  int score;

  frame_layout (scene, theme, cr, width, height, 0.0, FALSE, L);
  if (L->n_entries == 0)
    return;
  score = legend_place (scene, theme, L, FALSE);
  if (score <= 2 || scene->y_fixed || scene->y_log)
    return;
  /* the legend would hide data: make room above the data for it, in two
   * columns when that is flatter and fits */
  {
    int cols = L->n_entries >= 4 ? 2 : 1;
    double headroom;

    double shrink = 1.0;

    legend_size (theme, L, cols);
    if (L->lw > 0.92 * L->frame.width)
      legend_size (theme, L, 1);
    headroom = (L->lh + 10 * theme->scale) / L->frame.height;
    if (headroom > 0.4)
      {
        /* a small panel (or large text): a smaller legend rather than
         * squashing the data */
        shrink = 0.8;
        legend_measure (scene, theme, cr, L, shrink);
        legend_size (theme, L, cols);
        if (L->lw > 0.92 * L->frame.width)
          legend_size (theme, L, 1);
        headroom = (L->lh + 10 * theme->scale) / L->frame.height;
      }
    frame_layout (scene, theme, cr, width, height, MIN (headroom, 0.6), FALSE, L);
    legend_measure (scene, theme, cr, L, shrink);
    legend_size (theme, L, cols);
    if (L->lw > 0.92 * L->frame.width)
      legend_size (theme, L, 1);
    legend_place (scene, theme, L, TRUE);
  }
}

static void
frame_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
              int width, int height, double headroom, gboolean note_below, Layout *L)
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
    text_size (cr, theme, scene->title, fs * FONT_TITLE, TRUE, &title_w, &title_h);
  if (scene->corner_note)
    {
      double nw, nh;

      text_size (cr, theme, scene->corner_note, fs * FONT_LEGEND, FALSE, &nw, &nh);
      note_w = nw;
      if (note_below)
        {
          L->note_below_title = TRUE;
          title_h += nh;
        }
    }
  L->title_h = title_h;
  if (scene->inset_note)
    text_size (cr, theme, scene->inset_note, fs * FONT_LEGEND, FALSE, &L->inset_w, &L->inset_h);
  if (scene->x_label)
    text_size (cr, theme, scene->x_label, fs * FONT_LABEL, FALSE, &w, &xlabel_h);
  if (scene->y_label)
    text_size (cr, theme, scene->y_label, fs * FONT_LABEL, FALSE, &w, &ylabel_h);
  text_size (cr, theme, "0.5<sup>1</sup>", fs * FONT_TICK, FALSE, &w, &tick_h);

  f->top = pad + (title_h > 0 ? title_h + gap : 0);
  f->height = height - f->top - (tick_len + tick_h + gap + xlabel_h + pad);
  L->n_y_ticks = make_ticks (f->y_min, f->y_max, f->y_log, MAX (f->height, 1), tick_h * 2.6, L->y_ticks);
  for (int i = 0; i < L->n_y_ticks; i++)
    if (L->y_ticks[i].major)
      {
        text_size (cr, theme, L->y_ticks[i].label, fs * FONT_TICK, FALSE, &w, &h);
        max_yw = MAX (max_yw, w);
      }
  f->left = pad + (ylabel_h > 0 ? ylabel_h + gap : 0) + max_yw + tick_len + 2 * s;
  /* room for half of the last x label */
  f->width = width - f->left - pad;
  L->n_x_ticks = make_ticks (f->x_min, f->x_max, f->x_log, MAX (f->width, 1), 80 * s, L->x_ticks);
  for (int i = L->n_x_ticks - 1; i >= 0; i--)
    if (L->x_ticks[i].major)
      {
        text_size (cr, theme, L->x_ticks[i].label, fs * FONT_TICK, FALSE, &last_xw, &h);
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
  legend_measure (scene, theme, cr, L, 1.0);
  legend_size (theme, L, L->n_entries * L->row_h + 12 * s > 0.8 * f->height && L->n_entries > 3 ? 2 : 1);
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
  Layout L;

  compute_layout (scene, theme, cr, width, height, &L);
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

/* ---- drawing ---------------------------------------------------------- */

static void
set_rgba (cairo_t *cr, OsRgba c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a * alpha);
}

static void
set_line (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st)
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

static void
draw_marker (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st, double x, double y)
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
      set_rgba (cr, theme->background, 1.0);
      cairo_fill_preserve (cr);
      set_rgba (cr, c, st->alpha);
      cairo_set_line_width (cr, 1.8 * s);
      cairo_stroke (cr);
    }
  else
    {
      set_rgba (cr, c, st->alpha);
      cairo_fill_preserve (cr);
      set_rgba (cr, theme->background, 0.9);
      cairo_set_line_width (cr, 1.0 * s);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static double
clamp_px (double v, double lo, double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static void
draw_series (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f, const OsPlotSeries *sr,
             GArray *labels)
{
  const double s = theme->scale;
  OsRgba c = os_plot_color (sr->style.color);
  double x0 = f->left, x1 = f->left + f->width, y0 = f->top, y1 = f->top + f->height;

  cairo_save (cr);
  set_line (cr, theme, &sr->style);
  set_rgba (cr, c, sr->style.alpha);
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
            double px = clamp_px (os_plot_frame_x (f, sr->x[i]), x0 - 1e4, x1 + 1e4);
            double py = clamp_px (os_plot_frame_y (f, sr->y[i]), y0 - 1e4, y1 + 1e4);

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
              draw_marker (cr, theme, &sr->style, os_plot_frame_x (f, sr->x[i]),
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
              px = clamp_px (px, x0, x1);
              py = clamp_px (py, y0, y1);
            }
          if (sr->y_err != NULL && isfinite (sr->y_err[i]) && sr->y_err[i] > 0)
            {
              double ya = clamp_px (os_plot_frame_y (f, sr->y[i] - sr->y_err[i]), y0 - 10, y1 + 10);
              double yb = clamp_px (os_plot_frame_y (f, sr->y[i] + sr->y_err[i]), y0 - 10, y1 + 10);
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
          draw_marker (cr, theme, &sr->style, px, py);
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
    case OS_SERIES_BARS:
      for (int i = 0; i < sr->n; i++)
        {
          double xa = os_plot_frame_x (f, sr->x[i]), xb = os_plot_frame_x (f, sr->x[i + 1]);
          double ya = os_plot_frame_y (f, f->y_log ? f->y_min : MAX (0.0, f->y_min));
          double yb = os_plot_frame_y (f, sr->y[i]);

          if (!isfinite (sr->y[i]) || sr->y[i] <= 0)
            continue;
          cairo_rectangle (cr, xa, clamp_px (yb, y0 - 5, y1), xb - xa, ya - clamp_px (yb, y0 - 5, y1));
        }
      cairo_fill_preserve (cr);
      set_rgba (cr, c, MIN (1.0, sr->style.alpha * 2.2));
      cairo_set_line_width (cr, 0.6 * s);
      cairo_stroke (cr);
      break;
    case OS_SERIES_STEPS:
      {
        double base = os_plot_frame_y (f, f->y_log ? f->y_min : MAX (0.0, f->y_min));

        cairo_move_to (cr, os_plot_frame_x (f, sr->x[0]), base);
        for (int i = 0; i < sr->n; i++)
          {
            double py = isfinite (sr->y[i]) ? clamp_px (os_plot_frame_y (f, sr->y[i]), y0 - 5, base) : base;
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

        text_size (cr, theme, "0", fs, FALSE, &tw, &th);
        for (int i = 0; i < sr->n; i++)
          {
            double px, len = (sr->tick_height > 0 ? sr->tick_height : 12) * s;
            guint row = 0;

            if (!isfinite (sr->x[i]))
              continue;
            px = os_plot_frame_x (f, sr->x[i]);
            if (px < x0 - 0.5 || px > x1 + 0.5)
              continue;
            set_rgba (cr, c, sr->style.alpha);
            cairo_move_to (cr, px, y1);
            cairo_line_to (cr, px, y1 - len);
            cairo_stroke (cr);
            draw_marker (cr, theme, &sr->style, px, y1 - len);
            if (sr->notes != NULL && sr->notes[i][0] != '\0')
              {
                double lw, lh, lx;

                text_size (cr, theme, sr->notes[i], fs, FALSE, &lw, &lh);
                lx = clamp_px (px - lw / 2, x0 + 2 * s, x1 - lw - 2 * s);
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
                set_rgba (cr, theme->background, 0.85);
                cairo_rectangle (cr, lx - 2 * s, y1 - len - 8 * s - (row + 1) * th, lw + 4 * s, th);
                cairo_fill (cr);
                set_rgba (cr, c, 1.0);
                draw_text (cr, theme, sr->notes[i], fs, FALSE, lx, y1 - len - 8 * s - row * th, 0, 1, 0);
              }
          }
      }
      break;
    }
  cairo_restore (cr);
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
                  px = clamp_px (px, f->left, f->left + f->width);
                  py = clamp_px (py, f->top, f->top + f->height);
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

static void
draw_legend (cairo_t *cr, const OsPlotTheme *theme, const Layout *L)
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
  set_rgba (cr, theme->background, 0.88);
  cairo_rectangle (cr, best_x, best_y, lw, lh);
  cairo_fill_preserve (cr);
  set_rgba (cr, theme->grid, 1.0);
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
      set_line (cr, theme, &st);
      set_rgba (cr, os_plot_color (st.color), sr->kind == OS_SERIES_BARS ? MIN (1.0, st.alpha) : st.alpha);
      switch (sr->kind)
        {
        case OS_SERIES_BARS:
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
            draw_marker (cr, theme, &st, x + sample_w / 2, y - row_h * 0.25);
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
          draw_marker (cr, theme, &st, x + sample_w / 2, y);
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
          draw_marker (cr, theme, &st, x + sample_w / 2, y);
          break;
        }
      cairo_restore (cr);
      set_rgba (cr, theme->foreground, 1.0);
      draw_text (cr, theme, sr->legend, fs, FALSE, x + sample_w + gap, y, 0, 0.5, 0);
    }
  cairo_restore (cr);
}

void
os_plot_draw_message (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                      const char *title, const char *message)
{
  const double s = theme->scale;

  cairo_save (cr);
  set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  set_rgba (cr, theme->foreground, 1.0);
  if (title != NULL)
    draw_text (cr, theme, title, theme->font_size * FONT_TITLE, TRUE, 8 * s, 8 * s, 0, 0, 0);
  {
    PangoLayout *layout = text_layout (cr, theme, message, theme->font_size * 1.1, FALSE);
    PangoRectangle logical;

    pango_layout_set_width (layout, (int) (MAX (width - 40 * s, 50) * PANGO_SCALE));
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    pango_layout_get_extents (layout, NULL, &logical);
    set_rgba (cr, theme->foreground, 0.75);
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
  Layout L;
  const OsPlotFrame *f = &L.frame;
  double x0, x1, y0, y1, tick_len = 5 * s;

  g_return_if_fail (scene != NULL && theme != NULL && cr != NULL);

  if (scene->message != NULL && scene->series->len == 0)
    {
      os_plot_draw_message (theme, cr, width, height, scene->title, scene->message);
      return;
    }

  cairo_save (cr);
  compute_layout (scene, theme, cr, width, height, &L);
  x0 = f->left;
  x1 = f->left + f->width;
  y0 = f->top;
  y1 = f->top + f->height;

  set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* grid */
  cairo_set_line_width (cr, 1.0 * s);
  set_rgba (cr, theme->grid, 1.0);
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
      draw_series (cr, theme, f, g_ptr_array_index (scene->series, k), labels);
  }
  cairo_restore (cr);

  /* frame and ticks */
  set_rgba (cr, theme->foreground, 1.0);
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
        draw_text (cr, theme, L.x_ticks[i].label, fs * FONT_TICK, FALSE, px, y1 + tick_len + 1 * s, 0.5, 0, 0);
    }
  for (int i = 0; i < L.n_y_ticks; i++)
    {
      double py = os_plot_frame_y (f, L.y_ticks[i].value);
      double len = L.y_ticks[i].major ? tick_len : tick_len * 0.6;

      cairo_move_to (cr, x0, py);
      cairo_line_to (cr, x0 - len, py);
      cairo_stroke (cr);
      if (L.y_ticks[i].major)
        draw_text (cr, theme, L.y_ticks[i].label, fs * FONT_TICK, FALSE, x0 - tick_len - 2 * s, py, 1, 0.5, 0);
    }

  /* labels */
  if (scene->x_label)
    draw_text_fit (cr, theme, scene->x_label, fs * FONT_LABEL, FALSE, (x0 + x1) / 2, height - 8 * s, 0.5, 1, 0,
                   width - 16 * s);
  if (scene->y_label)
    draw_text_fit (cr, theme, scene->y_label, fs * FONT_LABEL, FALSE, 8 * s, (y0 + y1) / 2, 0.5, 0, -G_PI / 2,
                   f->height + f->top);
  if (scene->title)
    draw_text_fit (cr, theme, scene->title, fs * FONT_TITLE, TRUE, x0, 8 * s, 0, 0, 0, width - x0 - 8 * s);
  if (scene->corner_note)
    {
      set_rgba (cr, theme->foreground, 0.7);
      if (L.note_below_title)
        draw_text_fit (cr, theme, scene->corner_note, fs * FONT_LEGEND, FALSE, x0, y0 - 3 * s, 0, 1, 0,
                       width - x0 - 8 * s);
      else
        draw_text (cr, theme, scene->corner_note, fs * FONT_LEGEND, FALSE, x1, y0 - 3 * s, 1, 1, 0);
      set_rgba (cr, theme->foreground, 1.0);
    }
  if (scene->inset_note)
    {
      double iw = L.inset_w, ih = L.inset_h, m = 6 * s;

      set_rgba (cr, theme->background, 0.9);
      cairo_rectangle (cr, x1 - iw - 2 * m, y0 + m / 2, iw + 1.5 * m, ih + m);
      cairo_fill (cr);
      set_rgba (cr, theme->foreground, 0.85);
      draw_text (cr, theme, scene->inset_note, fs * FONT_LEGEND, FALSE, x1 - m, y0 + m, 1, 0, 0);
      set_rgba (cr, theme->foreground, 1.0);
    }

  draw_legend (cr, theme, &L);

  if (scene->message != NULL)
    {
      /* a message over data: a banner across the top of the frame */
      double w, h;

      text_size (cr, theme, scene->message, fs, FALSE, &w, &h);
      set_rgba (cr, (OsRgba) { 1.0, 0.95, 0.85, 1 }, 0.95);
      cairo_rectangle (cr, (x0 + x1 - w) / 2 - 6 * s, y0 + 6 * s, w + 12 * s, h + 6 * s);
      cairo_fill (cr);
      set_rgba (cr, theme->foreground, 1.0);
      draw_text (cr, theme, scene->message, fs, FALSE, (x0 + x1) / 2, y0 + 9 * s, 0.5, 0, 0);
    }
  cairo_restore (cr);
}

/* ---- tooltips --------------------------------------------------------- */

static void
append_value (GString *out, double v)
{
  g_string_append_printf (out, "%.6g", v);
}

char *
os_plot_scene_tooltip (const OsPlotScene *scene, const OsPlotTheme *theme, int width, int height,
                       double x, double y)
{
  OsPlotFrame f;
  const OsPlotSeries *best_s = NULL;
  int best_i = -1;
  double best_d, radius;
  GString *out;

  g_return_val_if_fail (scene != NULL && theme != NULL, NULL);
  if (scene->series->len == 0)
    return NULL;
  os_plot_scene_layout (scene, theme, width, height, &f);
  if (x < f.left - 6 || x > f.left + f.width + 6 || y < f.top - 6 || y > f.top + f.height + 6)
    return NULL;
  radius = 10 * theme->scale;
  best_d = radius;

  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      for (int i = 0; i < sr->n; i++)
        {
          double d = INFINITY, px, py;

          switch (sr->kind)
            {
            case OS_SERIES_LINE:
            case OS_SERIES_POINTS:
              if (!isfinite (sr->x[i]) || !isfinite (sr->y[i]))
                continue;
              px = os_plot_frame_x (&f, sr->x[i]);
              py = os_plot_frame_y (&f, sr->y[i]);
              if (sr->clamp)
                {
                  px = clamp_px (px, f.left, f.left + f.width);
                  py = clamp_px (py, f.top, f.top + f.height);
                }
              d = hypot (px - x, py - y);
              if (sr->kind == OS_SERIES_POINTS)
                d -= 2.5 * theme->scale;   /* markers win over the line below */
              break;
            case OS_SERIES_HLINE:
              d = fabs (os_plot_frame_y (&f, sr->y[0]) - y) + 1.0;
              break;
            case OS_SERIES_VLINE:
              d = fabs (os_plot_frame_x (&f, sr->x[i]) - x) + 1.0;
              break;
            case OS_SERIES_TICKS:
              px = os_plot_frame_x (&f, sr->x[i]);
              if (y > f.top + f.height - 40 * theme->scale)
                d = fabs (px - x);
              break;
            case OS_SERIES_BARS:
              {
                double xa = os_plot_frame_x (&f, sr->x[i]), xb = os_plot_frame_x (&f, sr->x[i + 1]);
                if (x >= MIN (xa, xb) && x < MAX (xa, xb) && y >= os_plot_frame_y (&f, sr->y[i]) - 2
                    && y <= f.top + f.height)
                  d = radius * 0.95;   /* anything drawn on top wins */
              }
              break;
            case OS_SERIES_STEPS:
              break;
            }
          if (d < best_d)
            {
              best_d = d;
              best_s = sr;
              best_i = i;
            }
        }
    }
  if (best_s == NULL)
    return NULL;

  out = g_string_new (best_s->name);
  switch (best_s->kind)
    {
    case OS_SERIES_HLINE:
      g_string_append (out, " = ");
      append_value (out, best_s->y[0]);
      break;
    case OS_SERIES_TICKS:
      if (best_s->clamp)
        break;   /* off the scale: the name says where */
      G_GNUC_FALLTHROUGH;
    case OS_SERIES_VLINE:
      g_string_append_printf (out, ": %s = ", scene->x_name);
      append_value (out, best_s->x[best_i]);
      break;
    case OS_SERIES_BARS:
      g_string_append (out, " = ");
      append_value (out, best_s->y[best_i]);
      g_string_append_printf (out, " for %s in [", scene->x_name);
      append_value (out, best_s->x[best_i]);
      g_string_append (out, ", ");
      append_value (out, best_s->x[best_i + 1]);
      g_string_append (out, ")");
      break;
    default:
      g_string_append (out, " = ");
      append_value (out, best_s->y[best_i]);
      if (best_s->y_err != NULL && isfinite (best_s->y_err[best_i]))
        {
          g_string_append (out, " ± ");
          append_value (out, best_s->y_err[best_i]);
        }
      g_string_append_printf (out, " at %s = ", scene->x_name);
      append_value (out, best_s->x[best_i]);
      break;
    }
  if (best_s->notes != NULL && best_s->notes[best_i][0] != '\0' && best_s->kind != OS_SERIES_TICKS)
    g_string_append_printf (out, "\n%s", best_s->notes[best_i]);
  return g_string_free (out, FALSE);
}
