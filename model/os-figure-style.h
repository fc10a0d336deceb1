/* os-figure-style.h — how a figure is laid out and sized, apart from what
 * it shows: the legend's place, titles, the slider marker, the font size,
 * a log or fixed y-axis, and the page size with units and a pixel
 * density. The export flags (model/os-flags.h), the window's export
 * dialog and plot/ share it. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OS_LEGEND_BEST,        /* inside, where it covers no data; else outside */
  OS_LEGEND_OUTSIDE,     /* right of the frame, or below it               */
  OS_LEGEND_NONE,
  OS_LEGEND_N
} OsLegendPlace;

typedef struct
{
  OsLegendPlace legend;
  gboolean      title;       /* titles and the parameter subtitles        */
  gboolean      marker;      /* the slider marker and its legend entry    */
  double        font_size;   /* base font size in output units (pt); 0:
                              * automatic, shrunk to fit small canvases   */
  gboolean      log_y;       /* log y-axis on the error and overlap plots */
  gboolean      y_fixed;     /* --ylim A,B                                */
  double        y_min, y_max;
} OsFigureStyle;

/* The screen: legend best, titles, the marker, automatic font. */
void        os_figure_style_init_screen (OsFigureStyle *style);
/* Exports: the same without the slider marker. */
void        os_figure_style_init_export (OsFigureStyle *style);
gboolean    os_figure_style_equal       (const OsFigureStyle *a, const OsFigureStyle *b);

/* "best", "outside", "none" */
const char *os_legend_place_name        (OsLegendPlace place);
gboolean    os_legend_place_from_name   (const char *name, OsLegendPlace *out);

#define OS_FONT_SIZE_MIN 4.0
#define OS_FONT_SIZE_MAX 72.0
#define OS_DPI_MIN       36.0
#define OS_DPI_MAX       2400.0
#define OS_DPI_DEFAULT   72.0
#define OS_PAGE_MIN      16.0      /* output units (pt) per side */
#define OS_PAGE_MAX      20000.0

typedef enum
{
  OS_UNIT_PX,            /* pixels of the PNG at --dpi (a bare number) */
  OS_UNIT_PT,
  OS_UNIT_MM,
  OS_UNIT_CM,
  OS_UNIT_IN,
  OS_UNIT_N
} OsUnit;

typedef struct
{
  double value;
  OsUnit unit;
} OsLength;

/* A positive finite number with an optional unit: "504", "504px",
 * "241pt", "85mm", "8.5cm", "3.35in". Messages name flag:
 * "--width: '8.5furlong' is not a size (…)". */
gboolean    os_length_parse             (const char *flag, const char *text, OsLength *out,
                                         GError **error);
/* In points (1/72 in); px at dpi. */
double      os_length_to_pt             (OsLength length, double dpi);
/* "8.5cm", "1200" (px without a unit), full precision. */
char       *os_length_to_string         (OsLength length);
const char *os_unit_name                (OsUnit unit);

/* A page: width and height with units, the pixel density of a PNG and
 * its extra pixel scale (--scale). Output units are points: bare numbers
 * and px are pixels at dpi, and at the default 72 dpi one pixel is one
 * point, so `--width 1200` is a 1200-pixel PNG and a 1200-point page. */
typedef struct
{
  OsLength width, height;
  double   dpi;              /* [36, 2400], default 72 */
  double   scale;            /* PNG pixels × scale, [0.25, 8], default 1 */
} OsPageSize;

void        os_page_size_init           (OsPageSize *page, int width_px, int height_px);
/* The layout size in output units (whole points) and the PNG's pixels
 * (rounded from the exact size, so 8.5 cm × 6 cm at 300 dpi is 1004 × 709
 * pixels on a 241 × 170 pt layout). */
void        os_page_size_resolve        (const OsPageSize *page, int *units_w, int *units_h,
                                         int *pixels_w, int *pixels_h);
/* Sizes in [16, 20000] pt, dpi in [36, 2400], scale in [0.25, 8], a PNG
 * of at most 1.6e8 pixels; the message names the flag (--width, --height,
 * --dpi, --scale). */
gboolean    os_page_size_validate       (const OsPageSize *page, GError **error);

G_END_DECLS
