/* os-plot.h — the plot machinery shared by the four plots: a theme, nice
 * ticks on linear and log axes, and a declarative "scene" (lines, points
 * with error bars, reference lines, histograms, labelled ticks) that one
 * function draws — for the screen and for every export alike — and another
 * hit-tests for tooltips.
 *
 * No GTK: Cairo, Pango (text) and GLib only, so everything here renders and
 * tests headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include "os-params.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} OsRgba;

/* The colour-blind-safe palette of Okabe & Ito (2008). */
typedef enum
{
  OS_COLOR_BLACK,
  OS_COLOR_ORANGE,
  OS_COLOR_SKY_BLUE,
  OS_COLOR_GREEN,          /* bluish green */
  OS_COLOR_YELLOW,
  OS_COLOR_BLUE,
  OS_COLOR_VERMILLION,
  OS_COLOR_PURPLE,         /* reddish purple */
  OS_COLOR_GREY,
  OS_COLOR_N
} OsColor;

OsRgba os_plot_color (OsColor color);

/* Font size and line width scale together: 1 on screen, larger on a
 * projector (presentation mode). */
typedef struct
{
  double      scale;        /* multiplies font size, line widths, markers */
  double      font_size;    /* base font size in pixels at scale 1        */
  const char *font_family;
  OsRgba      background, foreground, grid;
} OsPlotTheme;

void os_plot_theme_init_default      (OsPlotTheme *theme);   /* scale 1, 13 px */
void os_plot_theme_init_presentation (OsPlotTheme *theme);   /* scale 1.6      */

/* ---- ticks ------------------------------------------------------------ */

#define OS_PLOT_MAX_TICKS 64

typedef struct
{
  double value;
  gboolean major;           /* labelled */
  char label[32];           /* Pango markup; empty for minor ticks */
} OsTick;

/* "Nice" linear ticks: a step of 1, 2 or 5 × 10^k chosen so that about
 * target (≥ 2) ticks fall in [lo, hi]; labels have just enough decimals
 * to tell neighbours apart. Returns the number written (≤ max). */
int    os_plot_nice_step   (double lo, double hi, int target, double *out_step);
int    os_plot_linear_ticks (double lo, double hi, int target, OsTick *ticks, int max);
/* Log ticks on [lo, hi] (lo > 0): major ticks at powers of ten (every
 * k-th decade when there are many), minor ticks at 2…9 × 10^k; when the
 * range spans less than two decades, 2 and 5 are labelled too, and under
 * one decade it falls back to nice linear values. */
int    os_plot_log_ticks   (double lo, double hi, int target, OsTick *ticks, int max);
/* A tick label: %g-like with `decimals` digits after the point, or
 * 10<sup>k</sup> for powers of ten outside [1e-3, 1e4]. */
void   os_plot_format_tick (double value, double step, char *buf, gsize size);

/* ---- scenes ----------------------------------------------------------- */

typedef enum
{
  OS_MARKER_NONE,
  OS_MARKER_CIRCLE,
  OS_MARKER_SQUARE,
  OS_MARKER_TRIANGLE,
  OS_MARKER_DIAMOND,
  OS_MARKER_TRIANGLE_DOWN,
} OsMarker;

typedef enum
{
  OS_DASH_SOLID,
  OS_DASH_DASHED,
  OS_DASH_DOTTED,
  OS_DASH_DASH_DOT,
  OS_DASH_LONG,
} OsDash;

typedef struct
{
  OsColor  color;
  double   alpha;          /* opacity, 1 = opaque                     */
  OsDash   dash;
  double   line_width;     /* at scale 1; 0 = no line                 */
  OsMarker marker;
  double   marker_size;    /* radius at scale 1                       */
  gboolean hollow;         /* outline markers only                    */
} OsPlotStyle;

typedef enum
{
  OS_SERIES_LINE,          /* polyline; non-finite y breaks it             */
  OS_SERIES_POINTS,        /* markers, optional symmetric error bars       */
  OS_SERIES_HLINE,         /* y[0] across the frame                        */
  OS_SERIES_VLINE,         /* x[0] across the frame                        */
  OS_SERIES_BARS,          /* histogram: n bars, x = n+1 edges, y heights  */
  OS_SERIES_STEPS,         /* histogram outline, same data as BARS         */
  OS_SERIES_TICKS,         /* labelled ticks standing on the x-axis; with
                            * clamp set they mark something off the scale
                            * and the tooltip gives the name only          */
} OsSeriesKind;

typedef struct
{
  OsSeriesKind kind;
  char       *legend;         /* legend text (markup) or NULL: no entry        */
  char       *name;           /* tooltip / CSV name, plain UTF-8              */
  OsPlotStyle style;
  int         n;
  double     *x, *y;
  double     *y_err;          /* NULL or n standard deviations                */
  char      **notes;          /* NULL or n per-point notes (tooltip, labels)  */
  gboolean    in_range;       /* counts for the automatic axis range          */
  gboolean    clamp;          /* draw points outside the frame at its edge    */
  OsMarker    legend_marker;  /* a marker drawn on the legend's line sample   */
  double      tick_height;    /* TICKS: length at scale 1 (0 = 12 px)          */
} OsPlotSeries;

typedef struct
{
  char      *title;           /* markup */
  char      *x_label, *y_label;   /* markup */
  char      *x_name;          /* plain, for tooltips: "α" */
  char      *message;         /* non-NULL: draw only this, centred (markup) */
  gboolean   x_log, y_log;
  gboolean   y_from_zero;     /* include y = 0 in the automatic range */
  gboolean   x_fixed, y_fixed;
  double     x_min, x_max, y_min, y_max;
  GPtrArray *series;          /* OsPlotSeries*, drawn in order */
  char      *corner_note;     /* small text, top-right above the frame (markup) */
  char      *inset_note;      /* small text inside the frame, top-right (markup);
                               * the legend keeps clear of it */
} OsPlotScene;

OsPlotScene  *os_plot_scene_new        (const char *title, const char *x_label,
                                        const char *y_label, const char *x_name);
void          os_plot_scene_free       (OsPlotScene *scene);
void          os_plot_scene_set_message (OsPlotScene *scene, const char *message);

/* Adds a series; the arrays are copied (y_err and notes may be NULL). */
OsPlotSeries *os_plot_scene_add        (OsPlotScene *scene, OsSeriesKind kind,
                                        const char *name, const char *legend,
                                        const OsPlotStyle *style, int n,
                                        const double *x, const double *y,
                                        const double *y_err, const char *const *notes);
OsPlotStyle   os_plot_style            (OsColor color, OsDash dash, double line_width,
                                        OsMarker marker);

/* Where the data lands: the frame in widget coordinates and the ranges. */
typedef struct
{
  double left, top, width, height;    /* the data rectangle */
  double x_min, x_max, y_min, y_max;
  gboolean x_log, y_log;
  double legend_x, legend_y, legend_w, legend_h;   /* 0 × 0 when no legend */
} OsPlotFrame;

double os_plot_frame_x (const OsPlotFrame *frame, double x);
double os_plot_frame_y (const OsPlotFrame *frame, double y);

/* Computes the frame render would use at this size (no drawing). */
void   os_plot_scene_layout  (const OsPlotScene *scene, const OsPlotTheme *theme,
                              int width, int height, OsPlotFrame *frame);
/* Draws the scene into [0, width] × [0, height] of cr (background included). */
void   os_plot_scene_render  (const OsPlotScene *scene, const OsPlotTheme *theme,
                              cairo_t *cr, int width, int height);
/* The data item nearest to (x, y) within a few pixels, as text with its
 * exact values ("ε_g (theory) = 0.174662 at α = 2"), newly allocated, or
 * NULL when nothing is close. */
char  *os_plot_scene_tooltip (const OsPlotScene *scene, const OsPlotTheme *theme,
                              int width, int height, double x, double y);
/* The data as CSV rows "plot,series,x,y,y_err" (no header), full precision. */
void   os_plot_scene_write_csv (const OsPlotScene *scene, const char *plot, GString *out);

/* A centred message on an empty background (also used inside scenes). */
void   os_plot_draw_message  (const OsPlotTheme *theme, cairo_t *cr, int width, int height,
                              const char *title, const char *message);

/* Axis labels and notes in the paper's symbols. */
const char *os_plot_param_axis_label (OsParamId id);   /* "readout samples α = n/d" */
/* "tanh → tanh · η̃ = 1 · α₀ = 0.5 · …" without the parameter `skip`
 * (pass OS_PARAM_N to keep all). Newly allocated markup. */
char       *os_plot_params_note      (const OsParams *params, OsParamId skip);
/* %.4g of a value as markup-safe text with a real minus sign. */
char       *os_plot_format_value     (double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsPlotScene, os_plot_scene_free)

G_END_DECLS
