/* os-plot-theme.c — the palette and the two themes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-theme.h"

OsRgba
os_plot_color (OsColor color)
{
  /* Okabe & Ito, "Color Universal Design" (2008), plus a neutral grey */
  static const OsRgba palette[OS_COLOR_N] = {
    [OS_COLOR_BLACK]      = { 0.00, 0.00, 0.00, 1 },
    [OS_COLOR_ORANGE]     = { 0.90, 0.62, 0.00, 1 },
    [OS_COLOR_SKY_BLUE]   = { 0.34, 0.71, 0.91, 1 },
    [OS_COLOR_GREEN]      = { 0.00, 0.62, 0.45, 1 },
    [OS_COLOR_YELLOW]     = { 0.94, 0.89, 0.26, 1 },
    [OS_COLOR_BLUE]       = { 0.00, 0.45, 0.70, 1 },
    [OS_COLOR_VERMILLION] = { 0.84, 0.37, 0.00, 1 },
    [OS_COLOR_PURPLE]     = { 0.80, 0.47, 0.65, 1 },
    [OS_COLOR_GREY]       = { 0.45, 0.45, 0.45, 1 },
    [OS_COLOR_WHITE]      = { 1.00, 1.00, 1.00, 1 },
    /* viridis at 0, 0.12, 0.24, …, 0.84 */
    [OS_COLOR_SEQUENCE_0 + 0] = { 0.267, 0.005, 0.329, 1 },
    [OS_COLOR_SEQUENCE_0 + 1] = { 0.283, 0.141, 0.458, 1 },
    [OS_COLOR_SEQUENCE_0 + 2] = { 0.254, 0.265, 0.530, 1 },
    [OS_COLOR_SEQUENCE_0 + 3] = { 0.207, 0.372, 0.553, 1 },
    [OS_COLOR_SEQUENCE_0 + 4] = { 0.164, 0.471, 0.558, 1 },
    [OS_COLOR_SEQUENCE_0 + 5] = { 0.128, 0.567, 0.551, 1 },
    [OS_COLOR_SEQUENCE_0 + 6] = { 0.135, 0.659, 0.518, 1 },
    [OS_COLOR_SEQUENCE_0 + 7] = { 0.267, 0.749, 0.441, 1 },
  };

  g_return_val_if_fail (color < OS_COLOR_N, palette[OS_COLOR_BLACK]);
  return palette[color];
}

OsColor
os_plot_sequence_color (int i, int n)
{
  if (n <= 1)
    return OS_COLOR_SEQUENCE_0;
  return OS_COLOR_SEQUENCE_0 + (int) (0.5 + (double) CLAMP (i, 0, n - 1) * (OS_COLOR_SEQUENCE_N - 1) / (n - 1));
}

void
os_plot_theme_init_default (OsPlotTheme *theme)
{
  theme->scale = 1.0;
  theme->font_size = 13.0;
  theme->font_family = "DejaVu Sans, Sans";
  theme->background = (OsRgba) { 1, 1, 1, 1 };
  theme->foreground = (OsRgba) { 0.10, 0.10, 0.10, 1 };
  theme->grid = (OsRgba) { 0.88, 0.88, 0.88, 1 };
}

void
os_plot_theme_init_presentation (OsPlotTheme *theme)
{
  os_plot_theme_init_default (theme);
  theme->scale = 1.6;
}
