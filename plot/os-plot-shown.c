/* os-plot-shown.c — hidden series and overlays (pins, comparisons).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-shown.h"
#include "os-plot-labels.h"
#include "os-plot-layout.h"

#include <pango/pango.h>

#include <math.h>
#include <string.h>

/* Series names (os-plot-<kind>.c) to ids: a name equal to, or starting
 * with, the key. tests/test-plot-shown.c checks that every series of
 * every plot is either here or meant to stay. */
static const struct
{
  OsPlotKind  kind;
  const char *name;
  gboolean    prefix;
  OsSeriesId  id;
} names[] = {
  { OS_PLOT_ERROR, "linear floor", TRUE, OS_SERIES_ID_FLOOR_LINEAR },
  { OS_PLOT_ERROR, "spike floor", TRUE, OS_SERIES_ID_FLOOR_SPIKE },
  { OS_PLOT_ERROR, "kernel ε_g", TRUE, OS_SERIES_ID_KERNEL },
  { OS_PLOT_ERROR, "ε_t (theory)", FALSE, OS_SERIES_ID_TRAIN },
  { OS_PLOT_ERROR, "ε_g (theory)", FALSE, OS_SERIES_ID_TEST },
  { OS_PLOT_ERROR, "ε_g at d = ", TRUE, OS_SERIES_ID_TEST },
  { OS_PLOT_ERROR, "ε_g at the optimal", TRUE, OS_SERIES_ID_OPTIMAL_ETA },
  { OS_PLOT_ERROR, "ε_t (network)", FALSE, OS_SERIES_ID_NETWORK_TRAIN },
  { OS_PLOT_ERROR, "ε_g (network)", FALSE, OS_SERIES_ID_NETWORK_TEST },
  { OS_PLOT_ERROR, "slider", FALSE, OS_SERIES_ID_SLIDER },
  { OS_PLOT_ERROR, "ε_g at the sliders", FALSE, OS_SERIES_ID_SLIDER },
  { OS_PLOT_SPECTRUM, "predicted density at initialisation", FALSE, OS_SERIES_ID_SPECTRUM_INIT },
  { OS_PLOT_SPECTRUM, "histogram at initialisation", TRUE, OS_SERIES_ID_SPECTRUM_INIT },
  { OS_PLOT_SPECTRUM, "predicted density after the step", FALSE, OS_SERIES_ID_SPECTRUM_STEP },
  { OS_PLOT_SPECTRUM, "histogram after the step", TRUE, OS_SERIES_ID_SPECTRUM_STEP },
  { OS_PLOT_SPECTRUM, "predicted bulk edge", TRUE, OS_SERIES_ID_OUTLIERS },
  { OS_PLOT_SPECTRUM, "predicted outlier", TRUE, OS_SERIES_ID_OUTLIERS },
  { OS_PLOT_SPECTRUM, "network outlier", TRUE, OS_SERIES_ID_OUTLIERS },
  { OS_PLOT_OVERLAPS, "m (theory)", FALSE, OS_SERIES_ID_M },
  { OS_PLOT_OVERLAPS, "q1 (theory)", FALSE, OS_SERIES_ID_Q1 },
  { OS_PLOT_OVERLAPS, "q2 (theory)", FALSE, OS_SERIES_ID_Q2 },
  { OS_PLOT_OVERLAPS, "θ (theory)", FALSE, OS_SERIES_ID_THETA },
  { OS_PLOT_OVERLAPS, "ψ (theory)", FALSE, OS_SERIES_ID_PSI },
  { OS_PLOT_OVERLAPS, "m (network)", FALSE, OS_SERIES_ID_NETWORK_OVERLAPS },
  { OS_PLOT_OVERLAPS, "q1 (network)", FALSE, OS_SERIES_ID_NETWORK_OVERLAPS },
  { OS_PLOT_OVERLAPS, "q2 (network)", FALSE, OS_SERIES_ID_NETWORK_OVERLAPS },
  { OS_PLOT_OVERLAPS, "θ (network)", FALSE, OS_SERIES_ID_NETWORK_OVERLAPS },
  { OS_PLOT_OVERLAPS, "ψ (network)", FALSE, OS_SERIES_ID_NETWORK_OVERLAPS },
  { OS_PLOT_OVERLAPS, "network", FALSE, OS_SERIES_ID_NETWORK_OVERLAPS },
  { OS_PLOT_FUNCTION, "f̂(κ) at η̃ = 0", TRUE, OS_SERIES_ID_KERNEL },
  { OS_PLOT_FUNCTION, "f̂(κ) after the step", FALSE, OS_SERIES_ID_LEARNED },
  { OS_PLOT_FUNCTION, "target h(κ)", TRUE, OS_SERIES_ID_TARGET },
};

OsSeriesId
os_plot_series_id (OsPlotKind kind, const OsPlotSeries *sr)
{
  if (sr->name == NULL)
    return OS_SERIES_ID_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].kind == kind
        && (names[i].prefix ? g_str_has_prefix (sr->name, names[i].name) : g_str_equal (sr->name, names[i].name)))
      return names[i].id;
  return OS_SERIES_ID_NONE;
}

/* The series an overlay brings into a plot: the main curves of its own
 * figure. */
static gboolean
overlay_carries (OsPlotKind kind, OsSeriesId id, const OsPlotSeries *sr)
{
  if (sr->kind != OS_SERIES_LINE)
    return FALSE;
  switch (kind)
    {
    case OS_PLOT_ERROR:
      return id == OS_SERIES_ID_TEST;
    case OS_PLOT_SPECTRUM:
      return id == OS_SERIES_ID_SPECTRUM_STEP;
    case OS_PLOT_OVERLAPS:
      return id >= OS_SERIES_ID_M && id <= OS_SERIES_ID_PSI;
    case OS_PLOT_FUNCTION:
      return id == OS_SERIES_ID_LEARNED || id == OS_SERIES_ID_TARGET;
    case OS_PLOT_ALL:
    case OS_PLOT_N:
    default:
      return FALSE;
    }
}

static OsPlotSeries *
series_copy (const OsPlotSeries *sr, const char *name, const char *legend)
{
  OsPlotSeries *c = g_new0 (OsPlotSeries, 1);

  *c = *sr;
  c->name = g_strdup (name);
  c->legend = g_strdup (legend);
  c->x = sr->n > 0 ? g_memdup2 (sr->x, sizeof (double) * sr->n) : NULL;
  c->y = sr->n > 0 && sr->y != NULL ? g_memdup2 (sr->y, sizeof (double) * sr->n) : NULL;
  c->y_err = NULL;
  c->notes = NULL;
  return c;
}

/* The same curve in two figures (a comparison's h(κ) when the compared
 * parameter does not move it). */
static gboolean
same_curve (const OsPlotSeries *a, const OsPlotSeries *b)
{
  if (a->n != b->n)
    return FALSE;
  for (int i = 0; i < a->n; i++)
    if (fabs (a->y[i] - b->y[i]) > 1e-9 * (1 + fabs (a->y[i])) || a->x[i] != b->x[i])
      return FALSE;
  return TRUE;
}

static gboolean
has_finite_d (const OsPlotScene *scene)
{
  for (guint j = 0; j < scene->series->len; j++)
    if (g_str_has_prefix (((const OsPlotSeries *) g_ptr_array_index (scene->series, j))->name, "ε_g at d = "))
      return TRUE;
  return FALSE;
}

/* scene draws target h(κ) already (its own, or an earlier overlay's) */
static gboolean
has_same_target (const OsPlotScene *scene, OsPlotKind kind, const OsPlotSeries *target)
{
  for (guint j = 0; j < scene->series->len; j++)
    {
      const OsPlotSeries *f = g_ptr_array_index (scene->series, j);

      if (f->n > 0 && os_plot_series_id (kind, f) == OS_SERIES_ID_TARGET && same_curve (f, target))
        return TRUE;
    }
  return FALSE;
}

static const OsDash pin_dashes[] = { OS_DASH_LONG, OS_DASH_DOTTED, OS_DASH_DASH_DOT, OS_DASH_DASHED };

static void
add_overlay (OsPlotScene *scene, OsPlotKind kind, const OsFigure *fig, int i_overlay,
             OsPlotScene *(*build) (const OsFigure *))
{
  const OsOverlay *o = &fig->overlays[i_overlay];
  g_autoptr (OsPlotScene) other = build (o->figure);
  gboolean legend_given = FALSE;

  for (guint k = 0; k < other->series->len; k++)
    {
      const OsPlotSeries *sr = g_ptr_array_index (other->series, k);
      OsSeriesId id = os_plot_series_id (kind, sr);
      g_autofree char *name = NULL, *legend = NULL;
      OsPlotSeries *c;

      if (id == OS_SERIES_ID_NONE || !overlay_carries (kind, id, sr) || (fig->hidden & OS_SERIES_BIT (id)))
        continue;
      /* one ε_g a figure: at the network size when the figure has one */
      if (id == OS_SERIES_ID_TEST && g_str_equal (sr->name, "ε_g (theory)") && has_finite_d (other))
        continue;
      /* h(κ) once when the overlay's parameters leave it alone */
      if (id == OS_SERIES_ID_TARGET && has_same_target (scene, kind, sr))
        continue;
      name = g_strdup_printf ("%s, %s", sr->name, o->label);
      if (!legend_given)
        {
          g_autofree char *escaped = g_markup_escape_text (o->label, -1);

          legend = o->kind == OS_OVERLAY_PIN ? g_strdup_printf ("pinned: %s", escaped) : g_steal_pointer (&escaped);
          legend_given = TRUE;
        }
      c = series_copy (sr, name, legend);
      c->in_range = TRUE;
      c->overlay = i_overlay + 1;
      if (o->kind == OS_OVERLAY_PIN)
        {
          /* faded, its own dash; the live curves stay on top */
          c->style.alpha = 0.45;
          c->style.dash = pin_dashes[o->index % G_N_ELEMENTS (pin_dashes)];
          c->style.line_width *= 0.9;
          g_ptr_array_insert (scene->series, 0, c);
        }
      else
        {
          c->style.color = os_plot_sequence_color (o->index, o->of);
          c->style.alpha = 1.0;
          if (kind != OS_PLOT_OVERLAPS)
            c->style.dash = id == OS_SERIES_ID_TARGET ? OS_DASH_DASHED : OS_DASH_SOLID;
          g_ptr_array_add (scene->series, c);
        }
    }
}

/* A hidden series on screen: its legend entry alone, dimmed, where a
 * click shows it again (no data: nothing drawn, no range, no tooltip, no
 * CSV row). */
static void
legend_only (OsPlotSeries *sr)
{
  g_autofree char *legend = sr->legend;

  if (sr->kind != OS_SERIES_LINE && sr->legend_marker == OS_MARKER_NONE)
    sr->legend_marker = sr->style.marker;
  if (sr->kind == OS_SERIES_POINTS || sr->style.line_width <= 0)
    sr->style.line_width = 0;
  sr->kind = OS_SERIES_LINE;
  sr->n = 0;
  sr->style.alpha *= 0.3;
  sr->legend = g_strdup_printf ("<span alpha=\"40%%\">%s</span>", legend);
}

/* The parameter a comparison's values differ in. */
static OsParamId
compared_param (const OsFigure *fig)
{
  if (fig->n_overlays < 2)
    return OS_PARAM_N;
  for (int id = 0; id < OS_PARAM_N; id++)
    if (os_params_get (&fig->overlays[0].figure->params, id) != os_params_get (&fig->overlays[1].figure->params, id))
      return id;
  return OS_PARAM_N;
}

void
os_plot_scene_apply_shown (OsPlotScene *scene, OsPlotKind kind, const OsFigure *fig,
                           OsPlotScene *(*build) (const OsFigure *))
{
  g_return_if_fail (scene != NULL && fig != NULL && kind < OS_PLOT_ALL);
  if (fig->hidden == 0 && fig->n_overlays == 0)
    return;
  /* what is hidden, and what a comparison replaces */
  for (guint k = scene->series->len; k-- > 0;)
    {
      const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);
      OsSeriesId id = os_plot_series_id (kind, sr);

      if (id == OS_SERIES_ID_NONE)
        continue;
      if (fig->compare && kind == OS_PLOT_OVERLAPS && overlay_carries (kind, id, sr)
          && !(fig->hidden & OS_SERIES_BIT (id)))
        {
          /* the order parameters' dashes stay in the legend, the values'
           * colours come with their curves */
          OsPlotSeries *legend_only = g_ptr_array_index (scene->series, k);

          legend_only->n = 0;
          legend_only->style.color = OS_COLOR_GREY;
          continue;
        }
      if ((fig->hidden & OS_SERIES_BIT (id)) && fig->hidden_in_legend && sr->legend != NULL)
        {
          legend_only (g_ptr_array_index (scene->series, k));
          continue;
        }
      if ((fig->hidden & OS_SERIES_BIT (id))
          || (fig->compare && (overlay_carries (kind, id, sr) || id == OS_SERIES_ID_SLIDER
                               || id == OS_SERIES_ID_TRAIN || id == OS_SERIES_ID_OUTLIERS)))
        g_ptr_array_remove_index (scene->series, k);
    }
  if (fig->compare)
    {
      /* the figure's own edges and outliers, and its value of the compared
       * parameter, belong to one value only */
      OsParamId param = fig->overlays[0].figure != NULL ? compared_param (fig) : OS_PARAM_N;

      for (guint k = scene->series->len; k-- > 0;)
        if (((const OsPlotSeries *) g_ptr_array_index (scene->series, k))->kind == OS_SERIES_TICKS)
          g_ptr_array_remove_index (scene->series, k);
      if (param < OS_PARAM_N && scene->corner_note != NULL)
        {
          g_free (scene->corner_note);
          scene->corner_note = os_plot_params_note_without (&fig->params, kind == OS_PLOT_ERROR
                                                                          || kind == OS_PLOT_OVERLAPS
                                                                          ? fig->view.sweep.axis : OS_PARAM_N,
                                                            param);
        }
    }
  if (scene->message != NULL)
    return;
  for (int i = 0; i < fig->n_overlays; i++)
    {
      const OsOverlay *o = &fig->overlays[i];

      if (o->figure == NULL || o->figure->theory == NULL)
        continue;
      add_overlay (scene, kind, fig, i, build);
    }
}

/* ---- clicks on the legend ----------------------------------------------- */

static char *
plain (const char *markup)
{
  char *text = NULL;

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return g_strdup (markup != NULL ? markup : "");
  return text;
}

gboolean
os_plot_legend_hit (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, int width, int height,
                    double x, double y, OsSeriesId *id, int *overlay)
{
  g_autoptr (GPtrArray) plots = NULL;

  g_return_val_if_fail (kind < OS_PLOT_N && fig != NULL && theme != NULL, FALSE);
  plots = os_plot_geometry (kind, fig, theme, NULL, width, height);
  for (guint p = 0; p < plots->len; p++)
    {
      const OsPlotGeometry *g = g_ptr_array_index (plots, p);
      OsPlotKind cell;
      g_autoptr (OsPlotScene) scene = NULL;

      if (!g->has_legend || x < g->legend[0] || x > g->legend[2] || y < g->legend[1] || y > g->legend[3]
          || !os_plot_kind_from_name (g->kind, &cell) || cell == OS_PLOT_ALL)
        continue;
      scene = os_plot_kind_scene (cell, fig);
      for (guint t = 0; t < g->texts->len; t++)
        {
          const OsPlotTextBox *box = &g_array_index (g->texts, OsPlotTextBox, t);

          /* a row: its text's height, from the legend's left (the sample) on */
          if (box->role != OS_TEXT_LEGEND || y < box->box[1] || y > box->box[3] || x > box->box[2] + 4)
            continue;
          for (guint k = 0; k < scene->series->len; k++)
            {
              const OsPlotSeries *sr = g_ptr_array_index (scene->series, k);
              g_autofree char *text = sr->legend != NULL ? plain (sr->legend) : NULL;

              if (text != NULL && g_str_equal (text, box->text))
                {
                  *id = os_plot_series_id (cell, sr);
                  *overlay = sr->overlay;
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}
