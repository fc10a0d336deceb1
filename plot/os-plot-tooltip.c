/* os-plot-tooltip.c — hit-testing a scene for tooltips: the nearest item
 * under the pointer and its exact values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-tooltip.h"
#include "os-plot-layout.h"
#include "os-plot-private.h"

#include <math.h>

static void
append_value (GString *out, double v)
{
  g_string_append_printf (out, "%.6g", v);
}

char *
os_plot_scene_tooltip (const OsPlotScene *scene, const OsPlotTheme *theme, int width, int height,
                       double x, double y)
{
  OsPlotFrame f;
  const OsPlotSeries *best_s = NULL;
  int best_i = -1;
  double best_d, radius;
  GString *out;

  g_return_val_if_fail (scene != NULL && theme != NULL, NULL);
  if (scene->series->len == 0)
    return NULL;
  os_plot_scene_layout (scene, theme, width, height, &f);
  if (x < f.left - 6 || x > f.left + f.width + 6 || y < f.top - 6 || y > f.top + f.height + 6)
    return NULL;
  radius = 10 * theme->scale;
  best_d = radius;

  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      for (int i = 0; i < sr->n; i++)
        {
          double d = INFINITY, px, py;

          switch (sr->kind)
            {
            case OS_SERIES_LINE:
            case OS_SERIES_POINTS:
              if (!isfinite (sr->x[i]) || !isfinite (sr->y[i]))
                continue;
              px = os_plot_frame_x (&f, sr->x[i]);
              py = os_plot_frame_y (&f, sr->y[i]);
              if (sr->clamp)
                {
                  px = os_plot_clamp_px (px, f.left, f.left + f.width);
                  py = os_plot_clamp_px (py, f.top, f.top + f.height);
                }
              d = hypot (px - x, py - y);
              if (sr->kind == OS_SERIES_POINTS)
                d -= 2.5 * theme->scale;   /* markers win over the line below */
              break;
            case OS_SERIES_HLINE:
              d = fabs (os_plot_frame_y (&f, sr->y[0]) - y) + 1.0;
              break;
            case OS_SERIES_VLINE:
              d = fabs (os_plot_frame_x (&f, sr->x[i]) - x) + 1.0;
              break;
            case OS_SERIES_TICKS:
              px = os_plot_frame_x (&f, sr->x[i]);
              if (y > f.top + f.height - 40 * theme->scale)
                d = fabs (px - x);
              break;
            case OS_SERIES_BARS:
              {
                double xa = os_plot_frame_x (&f, sr->x[i]), xb = os_plot_frame_x (&f, sr->x[i + 1]);
                if (x >= MIN (xa, xb) && x < MAX (xa, xb) && y >= os_plot_frame_y (&f, sr->y[i]) - 2
                    && y <= f.top + f.height)
                  d = radius * 0.95;   /* anything drawn on top wins */
              }
              break;
            case OS_SERIES_STEPS:
              break;
            case OS_SERIES_BAND:
              if (i == 0 && sr->n == 2)
                {
                  double xa = os_plot_frame_x (&f, sr->x[0]), xb = os_plot_frame_x (&f, sr->x[1]);
                  if (x >= MIN (xa, xb) && x <= MAX (xa, xb) && y >= f.top && y <= f.top + f.height)
                    d = radius * 0.99;   /* anything drawn on top wins */
                }
              break;
            }
          if (d < best_d)
            {
              best_d = d;
              best_s = sr;
              best_i = i;
            }
        }
    }
  if (best_s == NULL)
    return NULL;

  out = g_string_new (best_s->name);
  switch (best_s->kind)
    {
    case OS_SERIES_HLINE:
      g_string_append (out, " = ");
      append_value (out, best_s->y[0]);
      break;
    case OS_SERIES_TICKS:
      if (best_s->clamp)
        break;   /* off the scale: the name says where */
      G_GNUC_FALLTHROUGH;
    case OS_SERIES_VLINE:
      g_string_append_printf (out, ": %s = ", scene->x_name);
      append_value (out, best_s->x[best_i]);
      break;
    case OS_SERIES_BAND:
      g_string_append_printf (out, ": %s from ", scene->x_name);
      append_value (out, best_s->x[0]);
      g_string_append (out, " to ");
      append_value (out, best_s->x[1]);
      break;
    case OS_SERIES_BARS:
      g_string_append (out, " = ");
      append_value (out, best_s->y[best_i]);
      g_string_append_printf (out, " for %s in [", scene->x_name);
      append_value (out, best_s->x[best_i]);
      g_string_append (out, ", ");
      append_value (out, best_s->x[best_i + 1]);
      g_string_append (out, ")");
      break;
    default:
      g_string_append (out, " = ");
      append_value (out, best_s->y[best_i]);
      if (best_s->y_err != NULL && isfinite (best_s->y_err[best_i]))
        {
          g_string_append (out, " ± ");
          append_value (out, best_s->y_err[best_i]);
        }
      g_string_append_printf (out, " at %s = ", scene->x_name);
      append_value (out, best_s->x[best_i]);
      break;
    }
  if (best_s->notes != NULL && best_s->notes[best_i][0] != '\0' && best_s->kind != OS_SERIES_TICKS)
    g_string_append_printf (out, "\n%s", best_s->notes[best_i]);
  return g_string_free (out, FALSE);
}
