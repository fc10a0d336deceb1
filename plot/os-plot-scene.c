/* os-plot-scene.c — scenes and series: styles, construction, freeing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-scene.h"

OsPlotStyle
os_plot_style (OsColor color, OsDash dash, double line_width, OsMarker marker)
{
  OsPlotStyle s = { 0 };

  s.color = color;
  s.alpha = 1.0;
  s.dash = dash;
  s.line_width = line_width;
  s.marker = marker;
  s.marker_size = 4.5;
  return s;
}

static void
series_free (gpointer data)
{
  OsPlotSeries *s = data;

  g_free (s->legend);
  g_free (s->name);
  g_free (s->x);
  g_free (s->y);
  g_free (s->y_err);
  g_strfreev (s->notes);
  g_free (s);
}

OsPlotScene *
os_plot_scene_new (const char *title, const char *x_label, const char *y_label, const char *x_name)
{
  OsPlotScene *scene = g_new0 (OsPlotScene, 1);

  scene->title = g_strdup (title);
  scene->x_label = g_strdup (x_label);
  scene->y_label = g_strdup (y_label);
  scene->x_name = g_strdup (x_name ? x_name : "x");
  scene->series = g_ptr_array_new_with_free_func (series_free);
  return scene;
}

void
os_plot_scene_free (OsPlotScene *scene)
{
  if (scene == NULL)
    return;
  g_free (scene->title);
  g_free (scene->x_label);
  g_free (scene->y_label);
  g_free (scene->x_name);
  g_free (scene->message);
  g_free (scene->corner_note);
  g_free (scene->inset_note);
  g_ptr_array_unref (scene->series);
  g_free (scene);
}

void
os_plot_scene_set_message (OsPlotScene *scene, const char *message)
{
  g_free (scene->message);
  scene->message = g_strdup (message);
}

OsPlotSeries *
os_plot_scene_add (OsPlotScene *scene, OsSeriesKind kind, const char *name, const char *legend,
                   const OsPlotStyle *style, int n, const double *x, const double *y,
                   const double *y_err, const char *const *notes)
{
  OsPlotSeries *s = g_new0 (OsPlotSeries, 1);
  int nx = kind == OS_SERIES_BARS || kind == OS_SERIES_STEPS ? n + 1 : n;

  s->kind = kind;
  s->name = g_strdup (name);
  s->legend = g_strdup (legend);
  s->style = *style;
  s->n = n;
  s->in_range = TRUE;
  if (x != NULL)
    s->x = g_memdup2 (x, sizeof (double) * MAX (nx, 1));
  if (y != NULL)
    s->y = g_memdup2 (y, sizeof (double) * MAX (n, 1));
  if (y_err != NULL)
    s->y_err = g_memdup2 (y_err, sizeof (double) * MAX (n, 1));
  if (notes != NULL)
    {
      s->notes = g_new0 (char *, n + 1);
      for (int i = 0; i < n; i++)
        s->notes[i] = g_strdup (notes[i] ? notes[i] : "");
    }
  g_ptr_array_add (scene->series, s);
  return s;
}
