/* os-plot-private.h — what the pieces of the scene renderer share inside
 * plot/: the font sizes, the layout computed for one size (frame, ticks,
 * every text with its box, the legend, the clipped outliers), the text
 * helpers, pens and markers, series and legend drawing. Not for callers
 * outside plot/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include "os-figure-style.h"
#include "os-plot-layout.h"
#include "os-plot-scene.h"
#include "os-plot-theme.h"
#include "os-plot-ticks.h"

G_BEGIN_DECLS

/* Font sizes, as multiples of the theme's */
#define FONT_TICK   0.92
#define FONT_LABEL  1.0
#define FONT_TITLE  1.12
#define FONT_LEGEND 0.9
#define FONT_NOTE   0.9

#define MAX_LEGEND 32
#define MAX_CLIPS  4

/* One text the layout placed: its box in widget coordinates (for a
 * rotated text, the box it covers once rotated) and how to draw it. */
typedef struct
{
  OsTextRole  role;
  char        axis;          /* 'x', 'y' or 0                              */
  const char *markup;        /* borrowed from the scene or the layout      */
  double      size;          /* font size, pixels (the theme scale applied) */
  gboolean    bold;
  double      wrap;          /* wrap width in pixels, 0: one line          */
  double      x0, y0, x1, y1;
  gboolean    vertical;      /* rotated a quarter turn anticlockwise       */
  OsRgba      color;
  double      alpha;
  gboolean    boxed;         /* on a translucent background box            */
} OsPlotText;

/* A series clipped at the top or bottom of the frame: a marker there and
 * a note saying how far it goes. */
typedef struct
{
  const OsPlotSeries *series;
  double x, y;               /* the extreme point, data coordinates */
  gboolean top;
} OsPlotClip;

/* Everything render needs to know of a scene at one size. */
typedef struct
{
  OsPlotTheme theme;         /* the caller's, its scale fitted to the size */
  OsFigureStyle style;
  int width, height;
  OsPlotFrame frame;
  OsTick x_ticks[OS_PLOT_MAX_TICKS], y_ticks[OS_PLOT_MAX_TICKS];
  int n_x_ticks, n_y_ticks;
  GArray *texts;             /* OsPlotText                                  */
  GPtrArray *strings;        /* markup the layout made (wrapped lines)      */
  /* legend */
  const OsPlotSeries *entries[MAX_LEGEND];
  int n_entries, cols, per_col;
  double text_w, row_h, sample_w, lw, lh, lx, ly;
  double entry_w[MAX_LEGEND];   /* each entry's text width                 */
  double col_x[MAX_LEGEND];     /* each column's left, from the legend's    */
  double legend_font;
  gboolean legend_outside;
  /* outliers beyond the y-range */
  OsPlotClip clips[MAX_CLIPS];
  int n_clips;
} OsPlotLayout;

static inline void
os_plot_set_rgba (cairo_t *cr, OsRgba c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a * alpha);
}

static inline double
os_plot_clamp_px (double v, double lo, double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* Whether the series is shown with this style (the slider marker only
 * with style->marker). */
static inline gboolean
os_plot_series_shown (const OsPlotSeries *s, const OsFigureStyle *style)
{
  return !s->slider || style->marker;
}

/* os-plot-text.c: markup at size (pixels, the scale already applied).
 * Every text is measured and drawn with the same font options (no
 * hinting of metrics), so a size measured on any surface is the size
 * drawn on every other, and measurements are cached. wrap > 0 wraps at
 * words to that width. */
void         os_plot_text_measure  (const OsPlotTheme *theme, const char *markup, double size,
                                    gboolean bold, double wrap, double *w, double *h);
PangoLayout *os_plot_text_layout   (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold, double wrap);
/* Draws markup with its box's top-left at (x, y); vertical turns it a
 * quarter anticlockwise about that corner's box (the box is then
 * h wide, w tall). */
void         os_plot_text_draw     (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size,
                                    gboolean bold, double wrap, double x, double y, gboolean vertical);
/* The old helpers: size in pixels at scale 1 (× theme scale); anchors
 * (ax, ay) ∈ {0, 0.5, 1}² of the box at (x, y). */
void         os_plot_text_size     (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold, double *w, double *h);
void         os_plot_draw_text     (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold, double x, double y, double ax,
                                    double ay, double angle);
/* A placed text: its box, colour and background. */
void         os_plot_draw_placed   (cairo_t *cr, const OsPlotTheme *theme, const OsPlotText *t);

/* os-plot-layout.c: the layout render uses at this size; clear it after */
void         os_plot_compute_layout (const OsPlotScene *scene, const OsPlotTheme *theme,
                                     const OsFigureStyle *style, int width, int height, OsPlotLayout *L);
void         os_plot_layout_clear   (OsPlotLayout *L);
/* the theme's scale and font size a layout at this size uses: text
 * shrinks a little on a small canvas unless the style fixes its size */
double       os_plot_fitted_scale   (const OsPlotTheme *theme, const OsFigureStyle *style, int width, int height);
double       os_plot_fitted_font    (const OsPlotTheme *theme, const OsFigureStyle *style);
OsPlotText  *os_plot_layout_add_text (OsPlotLayout *L, OsTextRole role, char axis, const char *markup,
                                      double size, gboolean bold, double wrap, double x0, double y0);

/* os-plot-range.c: the automatic ranges (y from the data shown, outliers
 * at an end of the x-range that would flatten the rest left out and
 * listed in clips) */
void         os_plot_scene_ranges  (const OsPlotScene *scene, const OsFigureStyle *style,
                                    gboolean y_log, OsPlotFrame *f, OsPlotClip *clips, int *n_clips);

/* os-plot-series.c */
void         os_plot_set_line      (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st);
/* strokes the path in the current source, over a dark halo when st->halo */
void         os_plot_stroke        (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st);
void         os_plot_draw_marker   (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st,
                                    double x, double y);
void         os_plot_draw_series   (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f,
                                    const OsPlotSeries *sr);
/* the pixel polyline of a series as drawn (see os_plot_geometry), appended
 * as x, y pairs; returns FALSE for series drawn as separate points */
void         os_plot_series_pixels (const OsPlotFrame *f, const OsPlotSeries *sr, double tick_scale,
                                    GArray *xy);
/* whether anything of the series, as drawn, meets the rectangle */
gboolean     os_plot_series_hits   (const OsPlotFrame *f, const OsPlotTheme *theme, const OsPlotSeries *sr,
                                    double x0, double y0, double x1, double y1);

/* os-plot-legend.c: measure collects the entries and their text size,
 * size gives the box for cols columns, place finds where it covers no
 * data and no text (inside, or outside when allowed), draw draws it */
void         os_plot_legend_measure (const OsPlotScene *scene, OsPlotLayout *L, double shrink);
void         os_plot_legend_size    (OsPlotLayout *L, int cols);
gboolean     os_plot_legend_place_inside (const OsPlotScene *scene, OsPlotLayout *L);
/* Whether nothing drawn (series, texts inside the frame, clip marks) meets
 * the box, with a margin. */
gboolean     os_plot_box_clear (const OsPlotScene *scene, const OsPlotLayout *L, double x, double y, double w,
                                double h);
void         os_plot_legend_add_texts (OsPlotLayout *L);
void         os_plot_draw_legend    (cairo_t *cr, const OsPlotLayout *L);

G_END_DECLS
