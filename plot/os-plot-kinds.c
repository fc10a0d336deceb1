/* os-plot-kinds.c — the table of plot kinds: each builds its scene from
 * the figure (os-plot-<kind>.c), which os-plot-render.c draws,
 * os-plot-tooltip.c hit-tests and os-plot-csv.c writes; and the 2×2 grid
 * of all four.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-kinds.h"
#include "os-plot-csv.h"
#include "os-plot-layout.h"
#include "os-plot-error.h"
#include "os-plot-function.h"
#include "os-plot-overlaps.h"
#include "os-plot-render.h"
#include "os-plot-shown.h"
#include "os-plot-spectrum.h"
#include "os-plot-tooltip.h"

#include <math.h>

static const char *const kind_names[OS_PLOT_N] = { "error", "spectrum", "overlaps", "function", "all" };

const char *
os_plot_kind_name (OsPlotKind kind)
{
  g_return_val_if_fail (kind < OS_PLOT_N, "?");
  return kind_names[kind];
}

gboolean
os_plot_kind_from_name (const char *name, OsPlotKind *out)
{
  for (int k = 0; k < OS_PLOT_N && name != NULL; k++)
    if (g_ascii_strcasecmp (name, kind_names[k]) == 0)
      {
        *out = (OsPlotKind) k;
        return TRUE;
      }
  return FALSE;
}

typedef OsPlotScene *(*SceneFunc) (const OsFigure *);

/* Each plot is a scene built from the figure (os-plot-<kind>.c), drawn,
 * hit-tested and written as CSV by the same code for the screen and
 * every export. */
static const SceneFunc scene_funcs[4] = {
  os_plot_error_scene, os_plot_spectrum_scene, os_plot_overlaps_scene, os_plot_function_scene,
};

/* The scene of one plot as shown: the figure's hidden series left out,
 * its pins or compared values drawn in (os-plot-shown.c). */
static OsPlotScene *
build_scene (OsPlotKind kind, const OsFigure *fig)
{
  OsPlotScene *scene = scene_funcs[kind] (fig);

  os_plot_scene_apply_shown (scene, kind, fig, scene_funcs[kind]);
  return scene;
}

OsPlotScene *
os_plot_kind_scene (OsPlotKind kind, const OsFigure *fig)
{
  g_return_val_if_fail (kind < OS_PLOT_ALL && fig != NULL, NULL);
  return build_scene (kind, fig);
}

static void
render_one (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, const OsFigureStyle *style,
            const OsPlotLock *lock, cairo_t *cr, int width, int height)
{
  g_autoptr (OsPlotScene) scene = build_scene (kind, fig);

  if (lock != NULL && scene->message == NULL)
    {
      if (lock->x)
        {
          scene->x_fixed = TRUE;
          scene->x_min = lock->x_min;
          scene->x_max = lock->x_max;
        }
      if (lock->y)
        {
          scene->y_fixed = TRUE;
          scene->y_min = lock->y_min;
          scene->y_max = lock->y_max;
        }
    }
  os_plot_scene_render_style (scene, theme, style, cr, width, height);
}

static char *
tooltip_one (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, int width, int height,
             double x, double y)
{
  g_autoptr (OsPlotScene) scene = build_scene (kind, fig);

  return os_plot_scene_tooltip (scene, theme, width, height, x, y);
}

/* The cells of the 2×2 figure: column-major reading order error, spectrum
 * on the top row, overlaps, function below. */
static void
cell_rect (int cell, int width, int height, int *x, int *y, int *w, int *h)
{
  int w0 = width / 2, h0 = height / 2;

  *x = (cell % 2) * w0;
  *y = (cell / 2) * h0;
  *w = cell % 2 ? width - w0 : w0;
  *h = cell / 2 ? height - h0 : h0;
}

/* Four plots need room: under 504 × 350 (a two-column paper's width) the
 * 2×2 figure is laid out at that size and scaled down as a whole, so
 * nothing overlaps, rather than crushing four layouts into cells too
 * small for their text. Returns the factor, and the size laid out. */
#define ALL_MIN_WIDTH  504
#define ALL_MIN_HEIGHT 350

static double
all_shrink (int width, int height, int *lw, int *lh)
{
  double k = MIN (1.0, MIN ((double) width / ALL_MIN_WIDTH, (double) height / ALL_MIN_HEIGHT));

  *lw = (int) lround (width / k);
  *lh = (int) lround (height / k);
  return k;
}

static void
scale_geometry (OsPlotGeometry *g, double k)
{
  for (int i = 0; i < 4; i++)
    {
      g->area[i] *= k;
      g->legend[i] *= k;
    }
  for (guint i = 0; i < g->texts->len; i++)
    for (int c = 0; c < 4; c++)
      g_array_index (g->texts, OsPlotTextBox, i).box[c] *= k;
  for (guint i = 0; i < g->series->len; i++)
    {
      OsPlotSeriesBox *b = g_ptr_array_index (g->series, i);

      b->radius *= k;
      for (guint j = 0; j < b->xy->len; j++)
        g_array_index (b->xy, double, j) *= k;
    }
}

static void
render_style_locked (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, const OsFigureStyle *style,
                     const OsPlotLock locks[4], cairo_t *cr, int width, int height)
{
  g_return_if_fail (kind < OS_PLOT_N && fig != NULL && theme != NULL && cr != NULL);

  if (kind != OS_PLOT_ALL)
    {
      render_one (kind, fig, theme, style, locks != NULL ? &locks[kind] : NULL, cr, width, height);
      return;
    }
  cairo_save (cr);
  {
    double k = all_shrink (width, height, &width, &height);

    cairo_scale (cr, k, k);
  }
  for (int cell = 0; cell < 4; cell++)
    {
      int x, y, w, h;

      cell_rect (cell, width, height, &x, &y, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rectangle (cr, 0, 0, w, h);
      cairo_clip (cr);
      render_one (cell, fig, theme, style, locks != NULL ? &locks[cell] : NULL, cr, w, h);
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

void
os_plot_render_style (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, const OsFigureStyle *style,
                      cairo_t *cr, int width, int height)
{
  render_style_locked (kind, fig, theme, style, NULL, cr, width, height);
}

void
os_plot_render (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, cairo_t *cr,
                int width, int height)
{
  render_style_locked (kind, fig, theme, NULL, NULL, cr, width, height);
}

void
os_plot_render_locked (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, const OsPlotLock locks[4],
                       cairo_t *cr, int width, int height)
{
  render_style_locked (kind, fig, theme, NULL, locks, cr, width, height);
}

void
os_plot_ranges (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, int width, int height,
                OsPlotLock locks[4])
{
  g_return_if_fail (kind < OS_PLOT_N && fig != NULL && theme != NULL && locks != NULL);

  if (kind == OS_PLOT_ALL)
    all_shrink (width, height, &width, &height);
  for (int cell = 0; cell < 4; cell++)
    {
      int x, y, w = width, h = height;
      g_autoptr (OsPlotScene) scene = NULL;
      OsPlotFrame f;

      locks[cell] = (OsPlotLock) { 0 };
      if (kind != OS_PLOT_ALL && cell != (int) kind)
        continue;
      if (kind == OS_PLOT_ALL)
        cell_rect (cell, width, height, &x, &y, &w, &h);
      scene = build_scene (cell, fig);
      if (scene->message != NULL)
        continue;
      os_plot_scene_layout (scene, theme, w, h, &f);
      locks[cell] = (OsPlotLock) { TRUE, TRUE, f.x_min, f.x_max, f.y_min, f.y_max };
    }
}

void
os_plot_lock_union (OsPlotLock *a, const OsPlotLock *b)
{
  if (b->x)
    {
      a->x_min = a->x ? MIN (a->x_min, b->x_min) : b->x_min;
      a->x_max = a->x ? MAX (a->x_max, b->x_max) : b->x_max;
      a->x = TRUE;
    }
  if (b->y)
    {
      a->y_min = a->y ? MIN (a->y_min, b->y_min) : b->y_min;
      a->y_max = a->y ? MAX (a->y_max, b->y_max) : b->y_max;
      a->y = TRUE;
    }
}

GPtrArray *
os_plot_geometry (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, const OsFigureStyle *style,
                  int width, int height)
{
  GPtrArray *plots = g_ptr_array_new_with_free_func ((GDestroyNotify) os_plot_geometry_free);
  double k = 1.0;

  g_return_val_if_fail (kind < OS_PLOT_N && fig != NULL && theme != NULL, plots);
  if (kind == OS_PLOT_ALL)
    k = all_shrink (width, height, &width, &height);
  for (int cell = 0; cell < 4; cell++)
    {
      int x = 0, y = 0, w = width, h = height;
      g_autoptr (OsPlotScene) scene = NULL;

      if (kind != OS_PLOT_ALL && cell != (int) kind)
        continue;
      if (kind == OS_PLOT_ALL)
        cell_rect (cell, width, height, &x, &y, &w, &h);
      scene = build_scene (cell, fig);
      g_ptr_array_add (plots, os_plot_scene_geometry (scene, kind_names[cell], theme, style, w, h, x, y));
      if (k < 1.0)
        scale_geometry (g_ptr_array_index (plots, plots->len - 1), k);
    }
  return plots;
}

char *
os_plot_tooltip (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, int width, int height,
                 double x, double y)
{
  g_return_val_if_fail (kind < OS_PLOT_N && fig != NULL && theme != NULL, NULL);

  if (kind != OS_PLOT_ALL)
    return tooltip_one (kind, fig, theme, width, height, x, y);
  {
    double k = all_shrink (width, height, &width, &height);

    x /= k;
    y /= k;
  }
  for (int cell = 0; cell < 4; cell++)
    {
      int cx, cy, w, h;

      cell_rect (cell, width, height, &cx, &cy, &w, &h);
      if (x >= cx && x < cx + w && y >= cy && y < cy + h)
        return tooltip_one (cell, fig, theme, w, h, x - cx, y - cy);
    }
  return NULL;
}

void
os_plot_write_csv (OsPlotKind kind, const OsFigure *fig, GString *out)
{
  g_return_if_fail (kind < OS_PLOT_N && fig != NULL && out != NULL);

  for (int k = 0; k < 4; k++)
    if (kind == OS_PLOT_ALL || kind == (OsPlotKind) k)
      {
        g_autoptr (OsPlotScene) scene = build_scene (k, fig);
        os_plot_scene_write_csv (scene, kind_names[k], out);
      }
}

/* v to three significant digits */
static double
round3 (double v)
{
  double scale;

  if (v == 0 || !isfinite (v))
    return v;
  scale = pow (10, floor (log10 (fabs (v))) - 2);
  return round (v / scale) * scale;
}

gboolean
os_plot_x_at (OsPlotKind kind, const OsFigure *fig, const OsPlotTheme *theme, int width, int height,
              double px, double py, double *x)
{
  g_autoptr (OsPlotScene) scene = NULL;
  OsPlotFrame f;
  double t, v;

  g_return_val_if_fail (kind < OS_PLOT_ALL && fig != NULL && theme != NULL && x != NULL, FALSE);
  scene = build_scene (kind, fig);
  if (scene->message != NULL)
    return FALSE;
  os_plot_scene_layout (scene, theme, width, height, &f);
  if (f.width <= 0 || py < f.top || py > f.top + f.height || px < f.left - 30 || px > f.left + f.width + 30)
    return FALSE;
  t = CLAMP ((px - f.left) / f.width, 0.0, 1.0);
  if (f.x_log && f.x_min > 0 && f.x_max > 0)
    v = exp (log (f.x_min) + t * (log (f.x_max) - log (f.x_min)));
  else
    v = f.x_min + t * (f.x_max - f.x_min);
  *x = CLAMP (round3 (v), MIN (f.x_min, f.x_max), MAX (f.x_min, f.x_max));
  return TRUE;
}
