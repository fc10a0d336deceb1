/* os-plot-scene.h — a declarative plot: titles, axes and a list of series
 * (lines, points with error bars, reference lines, histograms, labelled
 * ticks) with their styles. The plot kinds build scenes; one renderer
 * draws them (os_plot_scene_render ()), for the screen and for every
 * export alike, and the same scene answers tooltips and writes CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include "os-plot-theme.h"

G_BEGIN_DECLS

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
  gboolean halo;           /* a dark outline under the line, so it reads
                            * over a heatmap                            */
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
  OS_SERIES_BAND,          /* x[0] to x[1] shaded over the frame's height
                            * (n = 2, no y); the tooltip gives the name and
                            * notes[0], anything drawn on top wins         */
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
  gboolean    slider;         /* the slider marker: on screen always, in an
                               * export only with --marker (OsFigureStyle)    */
  int         overlay;        /* 0: the figure's own; k: from its overlay k − 1
                               * (a pin or a compared value, os-plot-shown.h) */
} OsPlotSeries;

typedef struct _OsPlotFrame OsPlotFrameRef;

/* Drawn inside the frame under the series (a heatmap), clipped to it. */
typedef void (*OsPlotUnderlay) (cairo_t *cr, const OsPlotFrameRef *frame, const OsPlotTheme *theme,
                                gconstpointer data);

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
  char      *corner_note;     /* the subtitle (markup): beside the title when it
                               * fits, else below it, wrapped between items
                               * separated by two spaces */
  char      *inset_note;      /* small text inside the frame, top-right (markup);
                               * the legend keeps clear of it */
  gboolean   style_log_y;     /* --log-y applies (error, order parameters) */
  gboolean   style_ylim;      /* --ylim applies (… and the learned function) */
  gboolean   legend_below;    /* the legend goes below the frame, never over it
                               * (a heatmap is data everywhere) */
  OsPlotUnderlay underlay;    /* nullable */
  gconstpointer  underlay_data;
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsPlotScene, os_plot_scene_free)

G_END_DECLS
