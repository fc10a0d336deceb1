/* os-plot-layout.h — where a scene's data and texts land: the axis ranges
 * from the data shown, the frame left by titles, tick labels and axis
 * labels, the legend where it covers no data, and every text with its
 * box; the mapping from data to widget coordinates; the geometry a
 * layout decided, for tests and `export --boxes`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-figure-style.h"
#include "os-plot-scene.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* Where the data lands: the frame in widget coordinates and the ranges. */
struct _OsPlotFrame
{
  double left, top, width, height;    /* the data rectangle */
  double x_min, x_max, y_min, y_max;
  gboolean x_log, y_log;
  double legend_x, legend_y, legend_w, legend_h;   /* 0 × 0 when no legend */
};
typedef struct _OsPlotFrame OsPlotFrame;

double os_plot_frame_x (const OsPlotFrame *frame, double x);
double os_plot_frame_y (const OsPlotFrame *frame, double y);

/* Computes the frame render would use at this size (no drawing), with
 * the screen's style (os_figure_style_init_screen) or a given one. */
void   os_plot_scene_layout       (const OsPlotScene *scene, const OsPlotTheme *theme,
                                   int width, int height, OsPlotFrame *frame);
void   os_plot_scene_layout_style (const OsPlotScene *scene, const OsPlotTheme *theme,
                                   const OsFigureStyle *style, int width, int height,
                                   OsPlotFrame *frame);

/* ---- the geometry of a layout ------------------------------------------ */

typedef enum
{
  OS_TEXT_TITLE,
  OS_TEXT_SUBTITLE,
  OS_TEXT_AXIS_LABEL,
  OS_TEXT_TICK_LABEL,
  OS_TEXT_LEGEND,
  OS_TEXT_ANNOTATION,
  OS_TEXT_N_ROLES
} OsTextRole;

/* "title", "subtitle", "axis-label", "tick-label", "legend", "annotation" */
const char *os_text_role_name (OsTextRole role);

typedef struct
{
  OsTextRole role;
  char       axis;            /* 'x', 'y' or 0 (none)                */
  char      *text;            /* plain UTF-8                         */
  double     box[4];          /* x0, y0, x1, y1, y down              */
} OsPlotTextBox;

/* A series as drawn: kind "line", "steps" and "bars" are polylines,
 * "points" separate points (markers of `radius`), "hline", "vline" and
 * "ticks" separate segments (pairs of points). Pixel coordinates, not
 * clipped to the frame (a test clips them). */
typedef struct
{
  char       *name;
  const char *kind;
  double      radius;
  GArray     *xy;             /* double x, y pairs                    */
} OsPlotSeriesBox;

typedef struct
{
  char      *kind;            /* "error", …, "phase"                  */
  double     area[4];         /* the frame                            */
  double     x_range[2], y_range[2];
  gboolean   x_log, y_log;
  gboolean   has_legend;
  double     legend[4];
  GArray    *texts;           /* OsPlotTextBox                        */
  GPtrArray *series;          /* OsPlotSeriesBox *                    */
} OsPlotGeometry;

/* What the layout of scene at this size decided, shifted by (dx, dy)
 * (a cell of a grid). */
OsPlotGeometry *os_plot_scene_geometry  (const OsPlotScene *scene, const char *kind,
                                         const OsPlotTheme *theme, const OsFigureStyle *style,
                                         int width, int height, double dx, double dy);
OsPlotGeometry *os_plot_geometry_new    (const char *kind);
void            os_plot_geometry_add_text (OsPlotGeometry *g, OsTextRole role, char axis,
                                           const char *markup, double x0, double y0,
                                           double x1, double y1);
void            os_plot_geometry_free   (OsPlotGeometry *geometry);
/* The JSON of `export --boxes`: {"width", "height", "plots": […]} with
 * every coordinate multiplied by kx, ky (output units per layout unit). */
char           *os_plot_geometry_to_json (GPtrArray *plots, double width, double height,
                                          double kx, double ky);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsPlotGeometry, os_plot_geometry_free)

G_END_DECLS
