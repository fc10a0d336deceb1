/* os-plot-private.h — what the pieces of the scene renderer share inside
 * plot/: the font sizes, the layout computed for one size, the text
 * helpers, pens and markers, series and legend drawing. Not for callers
 * outside plot/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
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

#define MAX_LEGEND 32

/* Everything render needs to know of a scene at one size: the frame, the
 * ticks, the title's height and the legend (os-plot-layout.c computes it,
 * os-plot-legend.c fills in and places the legend). */
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

/* os-plot-text.c: markup at size × theme scale; draw_text anchors (x, y)
 * at (ax, ay) ∈ {0, 0.5, 1}² of the text box, draw_text_fit also cuts
 * the text with an ellipsis to max_width (0: never) */
PangoLayout *os_plot_text_layout   (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold);
void         os_plot_text_size     (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold, double *w, double *h);
void         os_plot_draw_text_fit (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold, double x, double y, double ax,
                                    double ay, double angle, double max_width);
void         os_plot_draw_text     (cairo_t *cr, const OsPlotTheme *theme, const char *markup,
                                    double size, gboolean bold, double x, double y, double ax,
                                    double ay, double angle);

/* os-plot-layout.c: the frame, ticks and legend render uses at this size */
void         os_plot_compute_layout (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                                     int width, int height, OsPlotLayout *L);

/* os-plot-series.c: labels holds (row, left, right) triples of the tick
 * labels placed so far, so those of later series stagger around them */
void         os_plot_set_line      (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st);
void         os_plot_draw_marker   (cairo_t *cr, const OsPlotTheme *theme, const OsPlotStyle *st,
                                    double x, double y);
void         os_plot_draw_series   (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f,
                                    const OsPlotSeries *sr, GArray *labels);

/* os-plot-legend.c: measure collects the entries and their text size,
 * size gives the box for cols columns, place picks the corner that hides
 * the least data and returns that overlap */
void         os_plot_legend_measure (const OsPlotScene *scene, const OsPlotTheme *theme, cairo_t *cr,
                                     OsPlotLayout *L, double shrink);
void         os_plot_legend_size    (const OsPlotTheme *theme, OsPlotLayout *L, int cols);
int          os_plot_legend_place   (const OsPlotScene *scene, const OsPlotTheme *theme,
                                     OsPlotLayout *L, gboolean top_only);
void         os_plot_draw_legend    (cairo_t *cr, const OsPlotTheme *theme, const OsPlotLayout *L);

G_END_DECLS
