/* os-plot-layout.c — the layout of a scene at one size: text fitted to the
 * size, titles and subtitles that shrink or wrap (never an ellipsis), the
 * frame left by them, tick labels and axis labels, ticks as dense as the
 * pixels allow (at least three labelled, none overlapping, one number
 * format per axis), then the texts inside the frame and the legend where
 * it covers no data: an inside corner, else outside right or below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-layout.h"
#include "os-plot-private.h"

#include <math.h>
#include <string.h>

void os_plot_annotate (const OsPlotScene *scene, OsPlotLayout *L);   /* os-plot-annotate.c */

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

/* ---- texts ----------------------------------------------------------- */

OsPlotText *
os_plot_layout_add_text (OsPlotLayout *L, OsTextRole role, char axis, const char *markup, double size,
                         gboolean bold, double wrap, double x0, double y0)
{
  OsPlotText t = { 0 };
  double w, h;

  os_plot_text_measure (&L->theme, markup, size, bold, wrap, &w, &h);
  t.role = role;
  t.axis = axis;
  t.markup = markup;
  t.size = size;
  t.bold = bold;
  t.wrap = wrap;
  t.x0 = x0;
  t.y0 = y0;
  t.x1 = x0 + w;
  t.y1 = y0 + h;
  t.color = L->theme.foreground;
  t.alpha = 1.0;
  g_array_append_val (L->texts, t);
  return &g_array_index (L->texts, OsPlotText, L->texts->len - 1);
}

void
os_plot_layout_clear (OsPlotLayout *L)
{
  g_clear_pointer (&L->texts, g_array_unref);
  g_clear_pointer (&L->strings, g_ptr_array_unref);
}

/* Text shrinks a little on small canvases: the size the theme gives at
 * 640 × 420 and more, down to 62 % of it on a quarter of that (13 px
 * type becomes 8 pt on a 240 × 180 pt figure). */
static double
fit_factor (int width, int height)
{
  double k = MIN (width / 640.0, height / 420.0);

  return CLAMP (0.5 + 0.5 * k, 0.62, 1.0);
}

double
os_plot_fitted_scale (const OsPlotTheme *theme, const OsFigureStyle *style, int width, int height)
{
  return style != NULL && style->font_size > 0 ? theme->scale : theme->scale * fit_factor (width, height);
}

double
os_plot_fitted_font (const OsPlotTheme *theme, const OsFigureStyle *style)
{
  return style != NULL && style->font_size > 0 ? style->font_size : theme->font_size;
}

/* A text of at most `avail` wide: as it is, a little smaller, or wrapped. */
typedef struct
{
  const char *markup;
  double size, wrap, w, h;
  gboolean bold;
} Fitted;

static void
fit_text (const OsPlotLayout *L, const char *markup, double size, gboolean bold, double avail, Fitted *out)
{
  out->markup = markup;
  out->bold = bold;
  out->size = size;
  out->wrap = 0;
  if (markup == NULL)
    {
      out->w = out->h = 0;
      return;
    }
  os_plot_text_measure (&L->theme, markup, size, bold, 0, &out->w, &out->h);
  if (out->w <= avail || avail <= 0)
    return;
  out->size = size * 0.88;
  os_plot_text_measure (&L->theme, markup, out->size, bold, 0, &out->w, &out->h);
  if (out->w <= avail)
    return;
  out->wrap = avail;
  os_plot_text_measure (&L->theme, markup, out->size, bold, avail, &out->w, &out->h);
}

/* The subtitle below the title: its items (separated by two spaces) packed
 * into lines of at most avail. */
static void
fit_subtitle (OsPlotLayout *L, const char *note, double size, double avail, Fitted *out)
{
  g_auto (GStrv) items = g_strsplit (note, "  ", -1);
  GString *text = g_string_new (NULL);
  GString *line = g_string_new (NULL);
  char *packed;

  for (int i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));
      g_autofree char *candidate = NULL;
      double w, h;

      if (*item == '\0')
        continue;
      candidate = line->len ? g_strdup_printf ("%s  %s", line->str, item) : g_strdup (item);
      os_plot_text_measure (&L->theme, candidate, size, FALSE, 0, &w, &h);
      if (w <= avail || line->len == 0)
        g_string_assign (line, candidate);
      else
        {
          g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line->str);
          g_string_assign (line, item);
        }
    }
  if (line->len)
    g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line->str);
  g_string_free (line, TRUE);
  packed = g_string_free (text, FALSE);
  g_ptr_array_add (L->strings, packed);
  out->markup = packed;
  out->size = size;
  out->bold = FALSE;
  out->wrap = avail;
  os_plot_text_measure (&L->theme, packed, size, FALSE, avail, &out->w, &out->h);
}

/* ---- ticks ------------------------------------------------------------- */

/* The labelled ticks' labels along the axis: whether two come closer than
 * a little space. */
static gboolean
labels_overlap (const OsPlotLayout *L, const OsTick *t, int n, double lo, double hi, gboolean log_scale,
                double length, gboolean horizontal, double size)
{
  double prev_pos = 0, prev_ext = 0;
  gboolean first = TRUE;

  for (int i = 0; i < n; i++)
    {
      double w, h, pos, ext;

      if (!t[i].major || t[i].label[0] == '\0')
        continue;
      os_plot_text_measure (&L->theme, t[i].label, size, FALSE, 0, &w, &h);
      pos = length * axis_t (t[i].value, lo, hi, log_scale);
      ext = horizontal ? w : h;
      if (!first && fabs (pos - prev_pos) < (ext + prev_ext) / 2 + (horizontal ? 0.6 : 0.15) * size)
        return TRUE;
      first = FALSE;
      prev_pos = pos;
      prev_ext = ext;
    }
  return FALSE;
}

/* A short linear axis: a step whose every other tick is labelled (1, 3, 5
 * over ticks at 1, 2, …, 5), at least three labels that do not meet;
 * returns the number of ticks, 0 if none does. */
static int
alternate_ticks (const OsPlotLayout *L, double lo, double hi, const double *steps, int n_steps, double length,
                 gboolean horizontal, double size, OsTick *ticks)
{
  for (int c = 0; c < n_steps; c++)
    {
      OsTick t[OS_PLOT_MAX_TICKS];
      int n = os_plot_linear_ticks_step (lo, hi, steps[c], t, OS_PLOT_MAX_TICKS), k = 0, labels = 0;

      if (n <= 0 || n >= OS_PLOT_MAX_TICKS)
        continue;
      for (int i = 0; i < n; i++)
        if (t[i].major)
          {
            if (k++ % 2 == 1)
              {
                t[i].major = FALSE;
                t[i].label[0] = '\0';
              }
            else
              labels++;
          }
      if (labels >= 3 && !labels_overlap (L, t, n, lo, hi, FALSE, length, horizontal, size))
        {
          memcpy (ticks, t, sizeof (OsTick) * n);
          return n;
        }
    }
  return 0;
}

/* The tick labels of one axis: as dense as reads comfortably, at least
 * three labelled, none overlapping. */
static int
choose_ticks (const OsPlotLayout *L, double lo, double hi, gboolean log_scale, double length, gboolean horizontal,
              double size, OsTick *ticks)
{
  OsTick cand[OS_PLOT_MAX_TICKS];
  double em = size, best_ok = -1;
  int n_best = 0, fallback = -1, n_fallback = 0, last = -1, n_last = 0;
  int n_cand = 0;
  double steps[24];
  int every[12];
  guint masks[12];
  gboolean use_log = log_scale && lo > 0 && hi > lo && log10 (hi / lo) >= 1.0;

  (void) best_ok;
  if (use_log)
    {
      double decades = log10 (hi / lo);

      /* over a few decades the powers of ten alone, else 2 and 5 (or 3) too */
      if (decades < 2.5)
        {
          masks[n_cand] = OS_LOG_2_5, every[n_cand++] = 1;
          masks[n_cand] = OS_LOG_3, every[n_cand++] = 1;
        }
      for (int e = 1; e <= (int) ceil (decades) && n_cand < 12; e++)
        masks[n_cand] = 0, every[n_cand++] = e;
      if (decades >= 2.5)
        {
          masks[n_cand] = OS_LOG_3, every[n_cand++] = 1;
          masks[n_cand] = OS_LOG_2_5, every[n_cand++] = 1;
        }
    }
  else
    {
      double span = hi - lo;
      int k0 = (int) floor (log10 (span / 60)), k1 = (int) ceil (log10 (span));
      const double m[3] = { 1, 2, 5 };

      if (!(span > 0) || !isfinite (span))
        return 0;
      for (int k = k0; k <= k1 && n_cand < 24; k++)
        for (int j = 0; j < 3 && n_cand < 24; j++)
          steps[n_cand++] = m[j] * pow (10.0, k);
    }

  for (int c = 0; c < n_cand; c++)
    {
      int n;

      /* a step that puts labels closer than a line of text cannot do:
       * skipped before its labels are made */
      if (!use_log && length * steps[c] / (hi - lo) < (horizontal ? 1.2 : 1.0) * em)
        continue;
      n = use_log ? os_plot_log_ticks_every (lo, hi, every[c], masks[c], cand, OS_PLOT_MAX_TICKS)
                  : os_plot_linear_ticks_step (lo, hi, steps[c], cand, OS_PLOT_MAX_TICKS);
      double prev_pos = 0, prev_ext = 0;
      gboolean overlap = FALSE, crowded = FALSE, first = TRUE;
      int majors = 0;

      if (n <= 0 || n >= OS_PLOT_MAX_TICKS)
        continue;
      for (int i = 0; i < n; i++)
        {
          double w, h, pos, ext;

          if (!cand[i].major)
            continue;
          majors++;
          os_plot_text_measure (&L->theme, cand[i].label, size, FALSE, 0, &w, &h);
          pos = length * axis_t (cand[i].value, lo, hi, log_scale);
          ext = horizontal ? w : h;
          if (!first)
            {
              double d = fabs (pos - prev_pos), need = (ext + prev_ext) / 2;

              if (d < need + (horizontal ? 0.6 * em : 0.15 * em))
                overlap = TRUE;
              if (d < need + (horizontal ? 1.6 * em : 1.2 * em) || d < length / (horizontal ? 10.0 : 9.0))
                crowded = TRUE;
            }
          first = FALSE;
          prev_pos = pos;
          prev_ext = ext;
        }
      if (majors < 3)
        continue;
      last = c, n_last = n;
      if (!overlap && fallback < 0)
        fallback = c, n_fallback = n;
      if (!overlap && !crowded)
        {
          memcpy (ticks, cand, sizeof (OsTick) * n);
          n_best = n;
          return n_best;
        }
    }
  {
    int c = fallback >= 0 ? fallback : last;

    if (c < 0 && !use_log)
      {
        int n = alternate_ticks (L, lo, hi, steps, n_cand, length, horizontal, size, ticks);

        if (n > 0)
          return n;
      }
    if (c < 0)
      {
        /* too short for three labels: the ends and the middle */
        double v[3] = { lo, 0, hi };

        v[1] = log_scale && lo > 0 ? sqrt (lo * hi) : 0.5 * (lo + hi);
        for (int i = 0; i < 3; i++)
          {
            ticks[i].value = v[i];
            ticks[i].major = TRUE;
            g_snprintf (ticks[i].label, sizeof ticks[i].label, "%.3g", v[i]);
          }
        return 3;
      }
    (void) n_fallback;
    (void) n_last;
    return use_log ? os_plot_log_ticks_every (lo, hi, every[c], masks[c], ticks, OS_PLOT_MAX_TICKS)
                   : os_plot_linear_ticks_step (lo, hi, steps[c], ticks, OS_PLOT_MAX_TICKS);
  }
}

static int
count_labels (const OsTick *t, int n)
{
  int k = 0;

  for (int i = 0; i < n; i++)
    k += t[i].major && t[i].label[0] != '\0';
  return k;
}

/* ---- the frame -------------------------------------------------------- */

typedef struct
{
  Fitted title, subtitle, x_label, y_label;
  gboolean sub_beside;
  double heading_h;
} Heading;

static void
fit_heading (const OsPlotScene *scene, OsPlotLayout *L, double avail, Heading *hd)
{
  const double s = L->theme.scale, fs = L->theme.font_size * s;

  memset (&hd->title, 0, sizeof hd->title);
  memset (&hd->subtitle, 0, sizeof hd->subtitle);
  hd->sub_beside = FALSE;
  hd->heading_h = 0;
  if (!L->style.title)
    return;
  if (scene->title)
    fit_text (L, scene->title, fs * FONT_TITLE, TRUE, avail, &hd->title);
  if (scene->corner_note)
    {
      double w, h;

      os_plot_text_measure (&L->theme, scene->corner_note, fs * FONT_NOTE, FALSE, 0, &w, &h);
      if (hd->title.wrap == 0 && hd->title.w + 3 * 8 * s + w <= avail)
        {
          hd->sub_beside = TRUE;
          hd->subtitle = (Fitted) { scene->corner_note, fs * FONT_NOTE, 0, w, h, FALSE };
        }
      else
        fit_subtitle (L, scene->corner_note, fs * FONT_NOTE, avail, &hd->subtitle);
    }
  hd->heading_h = hd->sub_beside ? MAX (hd->title.h, hd->subtitle.h) : hd->title.h + hd->subtitle.h;
}

/* Lays out the frame with room kept at the right and the bottom (an
 * outside legend), and adds the texts outside the frame. */
static void
place_frame (const OsPlotScene *scene, OsPlotLayout *L, double reserve_right, double reserve_bottom)
{
  const double s = L->theme.scale, fs = L->theme.font_size * s;
  const double pad = 8 * s, gap = 5 * s, tick_len = 5 * s;
  const double tick_fs = fs * FONT_TICK, label_fs = fs * FONT_LABEL;
  const int W = L->width, H = L->height;
  OsPlotFrame *f = &L->frame;
  Heading hd;
  double th, tw, left = pad + 40 * s, right = W - pad - reserve_right, top = pad, bottom = H - pad;
  double x_tick_h = 0;

  g_array_set_size (L->texts, 0);
  os_plot_text_measure (&L->theme, "0.5<sup>1</sup>", tick_fs, FALSE, 0, &tw, &th);
  for (int iter = 0; iter < 4; iter++)
    {
      double new_left, max_yw = 0, overhang = 0, ylabel_thick = 0;

      /* the heading spans the canvas: an outside legend starts below it */
      fit_heading (scene, L, W - pad - left, &hd);
      top = pad + (hd.heading_h > 0 ? hd.heading_h + gap : 0);
      top = MAX (top, (hd.heading_h > 0 ? pad + hd.heading_h : 0) + th / 2 + 2 * s);
      /* the x label runs under an outside legend at the right when the
       * legend ends above it */
      fit_text (L, scene->x_label, label_fs, FALSE, W - 2 * pad, &hd.x_label);
      if (reserve_right > 0 && top + L->lh + gap > H - pad - hd.x_label.h)
        fit_text (L, scene->x_label, label_fs, FALSE, W - 2 * pad - reserve_right, &hd.x_label);
      x_tick_h = th;
      bottom = H - reserve_bottom - pad - (hd.x_label.h > 0 ? hd.x_label.h + gap : 0) - x_tick_h - tick_len - 1 * s;
      f->top = top;
      f->height = MAX (bottom - top, 1);
      /* the y label reads upwards, no longer than the frame */
      fit_text (L, scene->y_label, label_fs, FALSE, MAX (f->height, 20 * s), &hd.y_label);
      ylabel_thick = hd.y_label.h;
      L->n_y_ticks = choose_ticks (L, f->y_min, f->y_max, f->y_log, f->height, FALSE, tick_fs, L->y_ticks);
      for (int i = 0; i < L->n_y_ticks; i++)
        if (L->y_ticks[i].major)
          {
            double w, h;

            os_plot_text_measure (&L->theme, L->y_ticks[i].label, tick_fs, FALSE, 0, &w, &h);
            max_yw = MAX (max_yw, w);
          }
      new_left = pad + (ylabel_thick > 0 ? ylabel_thick + gap : 0) + max_yw + tick_len + 2 * s;
      right = W - pad - reserve_right;
      f->left = new_left;
      f->width = MAX (right - new_left, 1);
      L->n_x_ticks = choose_ticks (L, f->x_min, f->x_max, f->x_log, f->width, TRUE, tick_fs, L->x_ticks);
      /* the last label may stand out beyond the frame: keep it on the canvas */
      for (int i = L->n_x_ticks - 1; i >= 0; i--)
        if (L->x_ticks[i].major)
          {
            double w, h, px = os_plot_frame_x (f, L->x_ticks[i].value);

            os_plot_text_measure (&L->theme, L->x_ticks[i].label, tick_fs, FALSE, 0, &w, &h);
            overhang = MAX (0, px + w / 2 - (W - reserve_right - 2 * s));
            break;
          }
      right -= overhang;
      f->width = MAX (right - new_left, 1);
      if (fabs (new_left - left) < 0.5 && overhang < 0.5)
        break;
      left = new_left;
    }
  /* the ticks of the final frame */
  L->n_x_ticks = choose_ticks (L, f->x_min, f->x_max, f->x_log, f->width, TRUE, tick_fs, L->x_ticks);

  /* texts outside the frame */
  if (hd.title.markup)
    os_plot_layout_add_text (L, OS_TEXT_TITLE, 0, hd.title.markup, hd.title.size, TRUE, hd.title.wrap,
                             f->left, pad);
  if (hd.subtitle.markup)
    {
      OsPlotText *t;

      if (hd.sub_beside)
        t = os_plot_layout_add_text (L, OS_TEXT_SUBTITLE, 0, hd.subtitle.markup, hd.subtitle.size, FALSE, 0,
                                     MAX (f->left + hd.title.w + 3 * pad, f->left + f->width - hd.subtitle.w),
                                     pad + MAX (hd.title.h, hd.subtitle.h) - hd.subtitle.h);
      else
        t = os_plot_layout_add_text (L, OS_TEXT_SUBTITLE, 0, hd.subtitle.markup, hd.subtitle.size, FALSE,
                                     hd.subtitle.wrap, f->left, pad + hd.title.h);
      t->alpha = 0.75;
    }
  if (hd.x_label.markup)
    {
      double x = f->left + f->width / 2 - hd.x_label.w / 2;

      x = os_plot_clamp_px (x, pad, (f->top + L->lh + gap > H - pad - hd.x_label.h ? W - reserve_right : W)
                                        - pad - hd.x_label.w);
      os_plot_layout_add_text (L, OS_TEXT_AXIS_LABEL, 'x', hd.x_label.markup, hd.x_label.size, FALSE,
                               hd.x_label.wrap, x, f->top + f->height + tick_len + 1 * s + x_tick_h + gap);
    }
  if (hd.y_label.markup)
    {
      OsPlotText *t = os_plot_layout_add_text (L, OS_TEXT_AXIS_LABEL, 'y', hd.y_label.markup, hd.y_label.size,
                                               FALSE, hd.y_label.wrap, pad, 0);
      double len = t->x1 - t->x0, thick = t->y1 - t->y0;

      /* upright: thick wide, len tall, centred on the frame */
      t->vertical = TRUE;
      t->x0 = pad;
      t->x1 = pad + thick;
      t->y0 = os_plot_clamp_px (f->top + f->height / 2 - len / 2, 1, H - 1 - len);
      t->y1 = t->y0 + len;
    }
  {
    guint first_x = L->texts->len;
    int n_y_labels = 0;
    gint first_y_text;

    for (int i = 0; i < L->n_x_ticks; i++)
      if (L->x_ticks[i].major && L->x_ticks[i].label[0])
        {
          double w, h, px = os_plot_frame_x (f, L->x_ticks[i].value);

          os_plot_text_measure (&L->theme, L->x_ticks[i].label, tick_fs, FALSE, 0, &w, &h);
          os_plot_layout_add_text (L, OS_TEXT_TICK_LABEL, 'x', L->x_ticks[i].label, tick_fs, FALSE, 0,
                                   px - w / 2, f->top + f->height + tick_len + 1 * s);
        }
    first_y_text = (gint) L->texts->len;
    for (int i = 0; i < L->n_y_ticks; i++)
      if (L->y_ticks[i].major && L->y_ticks[i].label[0])
        {
          double w, h, py = os_plot_frame_y (f, L->y_ticks[i].value);

          os_plot_text_measure (&L->theme, L->y_ticks[i].label, tick_fs, FALSE, 0, &w, &h);
          os_plot_layout_add_text (L, OS_TEXT_TICK_LABEL, 'y', L->y_ticks[i].label, tick_fs, FALSE, 0,
                                   f->left - tick_len - 2 * s - w, py - h / 2);
          n_y_labels++;
        }
    /* at the corner, the first x label and the lowest y label may meet:
     * the axis with more labels gives its one up */
    if (first_x < (guint) first_y_text && n_y_labels > 0)
      {
        OsPlotText *xt = &g_array_index (L->texts, OsPlotText, first_x);
        OsPlotText *yt = &g_array_index (L->texts, OsPlotText, first_y_text);

        if (xt->x0 < yt->x1 && yt->x0 < xt->x1 && xt->y0 < yt->y1 && yt->y0 < xt->y1)
          {
            gboolean drop_x = count_labels (L->x_ticks, L->n_x_ticks) >= count_labels (L->y_ticks, L->n_y_ticks);
            OsTick *ticks = drop_x ? L->x_ticks : L->y_ticks;
            int n = drop_x ? L->n_x_ticks : L->n_y_ticks;

            for (int i = 0; i < n; i++)
              if (ticks[i].major && ticks[i].label[0])
                {
                  ticks[i].label[0] = '\0';
                  break;
                }
            g_array_remove_index (L->texts, drop_x ? first_x : (guint) first_y_text);
          }
      }
  }
}

/* ---- the legend -------------------------------------------------------- */

/* How well a frame reads: its area, the more so the nearer to a square
 * (a frame three times as wide as tall, or taller than wide, reads badly). */
static double
frame_score (const OsPlotLayout *L)
{
  double w = L->frame.width, h = L->frame.height;

  return MIN (w, 2.0 * h) * MIN (h, w);
}

/* Outside: right of the frame in as few columns as fit its height, or
 * below it in as many as fit the width, whichever leaves the frame that
 * reads better (the right on a tie: the frame keeps its height). */
static void
place_outside (const OsPlotScene *scene, OsPlotLayout *L)
{
  const double s = L->theme.scale, pad = 8 * s, gap = 8 * s;
  double right_score = -1;
  int right_cols = 0, cols;

  /* right: as few columns as fit the height beside the frame */
  for (cols = 1; cols <= 3 && right_cols == 0 && !scene->legend_below; cols++)
    {
      os_plot_legend_size (L, cols);
      place_frame (scene, L, L->lw + gap, 0);
      if (L->lh <= L->height - L->frame.top - pad)
        {
          right_cols = cols;
          right_score = frame_score (L);
        }
    }
  /* below: as many columns as fit the width */
  for (cols = MIN (L->n_entries, 4); cols > 1; cols--)
    {
      os_plot_legend_size (L, cols);
      if (L->lw <= L->width - 2 * pad)
        break;
    }
  os_plot_legend_size (L, MAX (cols, 1));
  place_frame (scene, L, 0, L->lh + gap);
  if (right_cols > 0 && right_score >= frame_score (L))
    {
      os_plot_legend_size (L, right_cols);
      place_frame (scene, L, L->lw + gap, 0);
      L->lx = L->width - pad - L->lw;
      L->ly = L->frame.top;
    }
  else
    {
      L->lx = os_plot_clamp_px (L->frame.left + L->frame.width / 2 - L->lw / 2, pad, L->width - pad - L->lw);
      L->ly = L->height - pad - L->lh;
    }
  L->legend_outside = TRUE;
}

static void
place_legend (const OsPlotScene *scene, OsPlotLayout *L)
{
  const double s = L->theme.scale;

  place_frame (scene, L, 0, 0);
  os_plot_legend_measure (scene, L, 1.0);
  if (L->n_entries == 0)
    return;
  if (L->style.legend == OS_LEGEND_BEST && !scene->legend_below)
    {
      guint n_texts = L->texts->len;

      os_plot_annotate (scene, L);
      if (os_plot_legend_place_inside (scene, L))
        return;
      g_array_set_size (L->texts, n_texts);
    }
  /* a smaller legend outside on a small canvas, smaller still when the
   * frame would be left too narrow or too flat */
  if (L->width * L->height < 400 * 300 * s * s)
    os_plot_legend_measure (scene, L, 0.9);
  place_outside (scene, L);
  if (L->frame.width < 0.35 * L->width || L->frame.height < 0.3 * L->height)
    {
      os_plot_legend_measure (scene, L, 0.8);
      place_outside (scene, L);
    }
  os_plot_annotate (scene, L);
}

void
os_plot_compute_layout (const OsPlotScene *scene, const OsPlotTheme *theme, const OsFigureStyle *style,
                        int width, int height, OsPlotLayout *L)
{
  OsFigureStyle screen;
  gboolean y_log;

  if (style == NULL)
    {
      os_figure_style_init_screen (&screen);
      style = &screen;
    }
  memset (L, 0, sizeof *L);
  L->texts = g_array_new (FALSE, FALSE, sizeof (OsPlotText));
  L->strings = g_ptr_array_new_with_free_func (g_free);
  L->theme = *theme;
  L->style = *style;
  L->width = width;
  L->height = height;
  L->theme.font_size = os_plot_fitted_font (theme, style);
  L->theme.scale = os_plot_fitted_scale (theme, style, width, height);

  y_log = scene->y_log || (style->log_y && scene->style_log_y);
  os_plot_scene_ranges (scene, style, y_log, &L->frame, L->clips, &L->n_clips);
  if (style->legend == OS_LEGEND_NONE)
    {
      place_frame (scene, L, 0, 0);
      os_plot_annotate (scene, L);
      return;
    }
  place_legend (scene, L);
  if (L->n_entries == 0)
    {
      os_plot_annotate (scene, L);
      return;
    }
  os_plot_legend_add_texts (L);
  L->frame.legend_x = L->lx;
  L->frame.legend_y = L->ly;
  L->frame.legend_w = L->lw;
  L->frame.legend_h = L->lh;
}

void
os_plot_scene_layout_style (const OsPlotScene *scene, const OsPlotTheme *theme, const OsFigureStyle *style,
                            int width, int height, OsPlotFrame *frame)
{
  OsPlotLayout L;

  os_plot_compute_layout (scene, theme, style, width, height, &L);
  *frame = L.frame;
  os_plot_layout_clear (&L);
}

void
os_plot_scene_layout (const OsPlotScene *scene, const OsPlotTheme *theme, int width, int height,
                      OsPlotFrame *frame)
{
  os_plot_scene_layout_style (scene, theme, NULL, width, height, frame);
}
