/* os-plot-csv.c — a scene's data as CSV rows, at full precision.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-csv.h"

#include <math.h>

static void
csv_field (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (v))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

void
os_plot_scene_write_csv (const OsPlotScene *scene, const char *plot, GString *out)
{
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      for (int i = 0; i < sr->n; i++)
        {
          double x, y;

          switch (sr->kind)
            {
            case OS_SERIES_BARS:
            case OS_SERIES_STEPS:
              x = 0.5 * (sr->x[i] + sr->x[i + 1]);
              y = sr->y[i];
              break;
            case OS_SERIES_HLINE:
              x = NAN;
              y = sr->y[0];
              break;
            case OS_SERIES_VLINE:
            case OS_SERIES_TICKS:
            case OS_SERIES_BAND:
              x = sr->x[i];
              y = NAN;
              break;
            default:
              x = sr->x[i];
              y = sr->y[i];
              break;
            }
          g_string_append_printf (out, "%s,", plot);
          csv_field (out, sr->name);
          g_string_append_c (out, ',');
          csv_number (out, x);
          g_string_append_c (out, ',');
          csv_number (out, y);
          g_string_append_c (out, ',');
          if (sr->y_err != NULL)
            csv_number (out, sr->y_err[i]);
          g_string_append_c (out, '\n');
          if (sr->kind == OS_SERIES_HLINE)
            break;
        }
    }
}
