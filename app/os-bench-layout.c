/* os-bench-layout.c — `onestep-explorer bench layout`: what the layout
 * engine (plot/os-plot-layout.c: ranges, ticks, titles, the legend's
 * place, every text's box) costs a frame of the window at 1920 × 1080:
 * the four plots' scenes built and laid out at their size on that screen
 * (about 775 × 480 each), against drawing them in full. The text
 * measurements are cached: the first frame pays them (cold), later
 * frames of a dragged slider mostly do not (warm, the median).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-bench.h"
#include "os-figure.h"
#include "os-plot-kinds.h"
#include "os-plot-layout.h"

#include <cairo.h>

#define PLOT_WIDTH  775
#define PLOT_HEIGHT 480

/* The four scenes of fig built and laid out, as one frame of the window
 * does before drawing; returns the milliseconds. */
static double
layout_frame (const OsFigure *fig, const OsPlotTheme *theme, const OsFigureStyle *style)
{
  gint64 t0 = g_get_monotonic_time ();

  for (int k = 0; k < OS_PLOT_ALL; k++)
    {
      g_autoptr (OsPlotScene) scene = os_plot_kind_scene (k, fig);
      OsPlotFrame frame;

      os_plot_scene_layout_style (scene, theme, style, PLOT_WIDTH, PLOT_HEIGHT, &frame);
    }
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static double
render_frame (const OsFigure *fig, const OsPlotTheme *theme, cairo_surface_t *surface)
{
  gint64 t0 = g_get_monotonic_time ();

  for (int k = 0; k < OS_PLOT_ALL; k++)
    {
      cairo_t *cr = cairo_create (surface);

      os_plot_render (k, fig, theme, cr, PLOT_WIDTH, PLOT_HEIGHT);
      cairo_destroy (cr);
    }
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
os_bench_layout (int repeats)
{
  OsParams p;
  OsView view;
  OsPlotTheme theme, big;
  OsFigureStyle style;
  g_autoptr (GError) error = NULL;
  double *layout = g_new (double, repeats), *presentation = g_new (double, repeats);
  double *render = g_new (double, repeats);
  double cold;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PLOT_WIDTH, PLOT_HEIGHT);
  OsFigure *figs[2];

  os_params_init_default (&p);
  os_view_init_default (&view);
  os_plot_theme_init_default (&theme);
  os_plot_theme_init_presentation (&big);
  os_figure_style_init_screen (&style);
  /* two figures, so a frame alternates as a dragged slider does */
  for (int i = 0; i < 2; i++)
    {
      p.eta = 1.0 + 0.5 * i;
      figs[i] = os_figure_compute_all (&p, &view, NULL, &error);
      if (figs[i] == NULL)
        {
          g_printerr ("bench layout: %s\n", error->message);
          return 1;
        }
    }
  cold = layout_frame (figs[0], &theme, &style);
  for (int r = 0; r < repeats; r++)
    {
      layout[r] = layout_frame (figs[r % 2], &theme, &style);
      presentation[r] = layout_frame (figs[r % 2], &big, &style);
      render[r] = render_frame (figs[r % 2], &theme, surface);
    }
  g_print ("bench layout: the four plots' scenes built and laid out at %d × %d (the window at 1920 × 1080), "
           "defaults, eta alternating 1 and 1.5, %d repeats, one thread; cold: the first frame, text "
           "not yet measured\n", PLOT_WIDTH, PLOT_HEIGHT, repeats);
  g_print ("layout_cold_ms=%.3f layout_frame_median_ms=%.3f layout_presentation_median_ms=%.3f "
           "render_frame_median_ms=%.3f\n", cold, os_bench_median (layout, repeats),
           os_bench_median (presentation, repeats), os_bench_median (render, repeats));
  cairo_surface_destroy (surface);
  os_figure_unref (figs[0]);
  os_figure_unref (figs[1]);
  g_free (layout);
  g_free (presentation);
  g_free (render);
  return 0;
}
