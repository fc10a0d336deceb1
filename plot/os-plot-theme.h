/* os-plot-theme.h — the colours and sizes every plot draws with: the
 * colour-blind-safe palette and a theme (font, scale, background,
 * foreground, grid) for the screen or a projector.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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
  OS_COLOR_WHITE,          /* lines over a heatmap (with a halo) */
  /* a sequential scale for the values of a comparison (export --compare):
   * viridis from dark violet to green, without its light yellow end, so
   * every step reads on white and in grey */
  OS_COLOR_SEQUENCE_0,
  OS_COLOR_SEQUENCE_LAST = OS_COLOR_SEQUENCE_0 + 7,
  OS_COLOR_N
} OsColor;

#define OS_COLOR_SEQUENCE_N (OS_COLOR_SEQUENCE_LAST - OS_COLOR_SEQUENCE_0 + 1)

/* The colour of value i of n on the sequential scale (its ends for the
 * first and the last). */
OsColor os_plot_sequence_color (int i, int n);

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

G_END_DECLS
