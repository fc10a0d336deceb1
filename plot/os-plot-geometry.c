/* os-plot-geometry.c — what a layout decided, as data: the frame, the
 * ranges, the legend's box, every text with its role and box, every
 * series as drawn; and its JSON (`export --boxes`). The layout tests
 * read it to check that no text leaves the canvas or overlaps another
 * and that the legend covers no data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-layout.h"
#include "os-plot-private.h"
#include "os-plot-render.h"

#include <math.h>

static const char *const role_names[OS_TEXT_N_ROLES] = {
  "title", "subtitle", "axis-label", "tick-label", "legend", "annotation",
};

const char *
os_text_role_name (OsTextRole role)
{
  g_return_val_if_fail (role < OS_TEXT_N_ROLES, "annotation");
  return role_names[role];
}

static const char *const series_kinds[] = {
  [OS_SERIES_LINE] = "line", [OS_SERIES_POINTS] = "points", [OS_SERIES_HLINE] = "hline",
  [OS_SERIES_VLINE] = "vline", [OS_SERIES_BARS] = "bars", [OS_SERIES_STEPS] = "steps",
  [OS_SERIES_TICKS] = "ticks", [OS_SERIES_BAND] = "band",
};

static void
text_box_clear (gpointer data)
{
  g_free (((OsPlotTextBox *) data)->text);
}

static void
series_box_free (gpointer data)
{
  OsPlotSeriesBox *b = data;

  g_free (b->name);
  g_array_unref (b->xy);
  g_free (b);
}

OsPlotGeometry *
os_plot_geometry_new (const char *kind)
{
  OsPlotGeometry *g = g_new0 (OsPlotGeometry, 1);

  g->kind = g_strdup (kind);
  g->texts = g_array_new (FALSE, TRUE, sizeof (OsPlotTextBox));
  g_array_set_clear_func (g->texts, text_box_clear);
  g->series = g_ptr_array_new_with_free_func (series_box_free);
  return g;
}

void
os_plot_geometry_free (OsPlotGeometry *g)
{
  if (g == NULL)
    return;
  g_free (g->kind);
  g_array_unref (g->texts);
  g_ptr_array_unref (g->series);
  g_free (g);
}

void
os_plot_geometry_add_text (OsPlotGeometry *g, OsTextRole role, char axis, const char *markup,
                           double x0, double y0, double x1, double y1)
{
  OsPlotTextBox b = { role, axis, NULL, { x0, y0, x1, y1 } };
  char *plain = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
    plain = g_strdup (markup);
  b.text = plain;
  g_array_append_val (g->texts, b);
}

OsPlotGeometry *
os_plot_scene_geometry (const OsPlotScene *scene, const char *kind, const OsPlotTheme *theme,
                        const OsFigureStyle *style, int width, int height, double dx, double dy)
{
  OsPlotGeometry *g = os_plot_geometry_new (kind);
  OsPlotLayout L;
  const OsPlotFrame *f = &L.frame;

  if (scene->message != NULL && scene->series->len == 0)
    {
      double tb[4], mb[4], wrap;
      const char *title = style == NULL || style->title ? scene->title : NULL;

      os_plot_message_boxes (theme, width, height, title, scene->message, tb, mb, &wrap);
      if (title != NULL)
        os_plot_geometry_add_text (g, OS_TEXT_TITLE, 0, title, tb[0] + dx, tb[1] + dy, tb[2] + dx, tb[3] + dy);
      os_plot_geometry_add_text (g, OS_TEXT_ANNOTATION, 0, scene->message, mb[0] + dx, mb[1] + dy, mb[2] + dx,
                                 mb[3] + dy);
      g->area[0] = dx;
      g->area[1] = dy;
      g->area[2] = dx + width;
      g->area[3] = dy + height;
      return g;
    }
  os_plot_compute_layout (scene, theme, style, width, height, &L);
  g->area[0] = f->left + dx;
  g->area[1] = f->top + dy;
  g->area[2] = f->left + f->width + dx;
  g->area[3] = f->top + f->height + dy;
  g->x_range[0] = f->x_min;
  g->x_range[1] = f->x_max;
  g->y_range[0] = f->y_min;
  g->y_range[1] = f->y_max;
  g->x_log = f->x_log;
  g->y_log = f->y_log;
  if (L.n_entries > 0)
    {
      g->has_legend = TRUE;
      g->legend[0] = L.lx + dx;
      g->legend[1] = L.ly + dy;
      g->legend[2] = L.lx + L.lw + dx;
      g->legend[3] = L.ly + L.lh + dy;
    }
  for (guint i = 0; i < L.texts->len; i++)
    {
      const OsPlotText *t = &g_array_index (L.texts, OsPlotText, i);

      os_plot_geometry_add_text (g, t->role, t->axis, t->markup, t->x0 + dx, t->y0 + dy, t->x1 + dx, t->y1 + dy);
    }
  for (guint k = 0; k < scene->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);
      OsPlotSeriesBox *b;

      if (!os_plot_series_shown (sr, &L.style))
        continue;
      b = g_new0 (OsPlotSeriesBox, 1);
      b->name = g_strdup (sr->name);
      b->kind = series_kinds[sr->kind];
      b->radius = sr->style.marker != OS_MARKER_NONE ? sr->style.marker_size * L.theme.scale : 0;
      b->xy = g_array_new (FALSE, FALSE, sizeof (double));
      os_plot_series_pixels (f, sr, L.theme.scale, b->xy);
      for (guint i = 0; i < b->xy->len; i += 2)
        {
          g_array_index (b->xy, double, i) += dx;
          g_array_index (b->xy, double, i + 1) += dy;
        }
      g_ptr_array_add (g->series, b);
    }
  os_plot_layout_clear (&L);
  return g;
}

/* ---- JSON -------------------------------------------------------------- */

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s ? s : ""; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
json_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

static void
json_box (GString *out, const double *b, double kx, double ky)
{
  g_string_append_c (out, '[');
  for (int i = 0; i < 4; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      json_number (out, b[i] * (i % 2 ? ky : kx));
    }
  g_string_append_c (out, ']');
}

char *
os_plot_geometry_to_json (GPtrArray *plots, double width, double height, double kx, double ky)
{
  GString *out = g_string_new ("{\"width\": ");

  json_number (out, round (width * kx * 1e6) / 1e6);
  g_string_append (out, ", \"height\": ");
  json_number (out, round (height * ky * 1e6) / 1e6);
  g_string_append (out, ",\n \"plots\": [");
  for (guint p = 0; p < plots->len; p++)
    {
      const OsPlotGeometry *g = g_ptr_array_index (plots, p);

      g_string_append (out, p ? ",\n  {" : "\n  {");
      g_string_append (out, "\"kind\": ");
      json_string (out, g->kind);
      g_string_append (out, ", \"area\": ");
      json_box (out, g->area, kx, ky);
      g_string_append (out, ", \"x_range\": [");
      json_number (out, g->x_range[0]);
      g_string_append_c (out, ',');
      json_number (out, g->x_range[1]);
      g_string_append (out, "], \"y_range\": [");
      json_number (out, g->y_range[0]);
      g_string_append_c (out, ',');
      json_number (out, g->y_range[1]);
      g_string_append_printf (out, "], \"x_log\": %s, \"y_log\": %s, \"legend\": ", g->x_log ? "true" : "false",
                              g->y_log ? "true" : "false");
      if (g->has_legend)
        json_box (out, g->legend, kx, ky);
      else
        g_string_append (out, "null");
      g_string_append (out, ",\n   \"texts\": [");
      for (guint i = 0; i < g->texts->len; i++)
        {
          const OsPlotTextBox *t = &g_array_index (g->texts, OsPlotTextBox, i);
          char axis[2] = { t->axis, 0 };

          g_string_append (out, i ? ",\n     {\"role\": " : "\n     {\"role\": ");
          json_string (out, role_names[t->role]);
          g_string_append (out, ", \"axis\": ");
          json_string (out, t->axis ? axis : "none");
          g_string_append (out, ", \"text\": ");
          json_string (out, t->text);
          g_string_append (out, ", \"box\": ");
          json_box (out, t->box, kx, ky);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "],\n   \"series\": [");
      for (guint i = 0; i < g->series->len; i++)
        {
          const OsPlotSeriesBox *b = g_ptr_array_index (g->series, i);

          g_string_append (out, i ? ",\n     {\"name\": " : "\n     {\"name\": ");
          json_string (out, b->name);
          g_string_append (out, ", \"kind\": ");
          json_string (out, b->kind);
          g_string_append (out, ", \"radius\": ");
          json_number (out, b->radius * kx);
          g_string_append (out, ", \"points\": [");
          for (guint j = 0; j + 1 < b->xy->len; j += 2)
            {
              if (j)
                g_string_append_c (out, ',');
              g_string_append_c (out, '[');
              json_number (out, g_array_index (b->xy, double, j) * kx);
              g_string_append_c (out, ',');
              json_number (out, g_array_index (b->xy, double, j + 1) * ky);
              g_string_append_c (out, ']');
            }
          g_string_append (out, "]}");
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n]}\n");
  return g_string_free (out, FALSE);
}
