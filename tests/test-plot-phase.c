/* test-plot-phase.c — the phase diagram draws what the grid holds: cells in
 * the colour of their value, a colour bar whose luminance rises, the
 * crosshair at the sliders, hatched unconverged cells. Cairo only.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-phase.h"

#include <math.h>
#include <string.h>

enum { W = 900, H = 560 };

typedef struct
{
  cairo_surface_t *surface;
  unsigned char   *data;
  int              stride;
} Image;

static void
render (const OsPhaseGrid *grid, Image *img)
{
  OsPlotTheme theme;
  cairo_t *cr;

  os_plot_theme_init_default (&theme);
  img->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cr = cairo_create (img->surface);
  os_plot_phase_render (grid, &theme, cr, W, H);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (img->surface);
  if (g_getenv ("OS_PLOT_PHASE_PNG") != NULL)     /* for a look while debugging */
    cairo_surface_write_to_png (img->surface, g_getenv ("OS_PLOT_PHASE_PNG"));
  img->data = cairo_image_surface_get_data (img->surface);
  img->stride = cairo_image_surface_get_stride (img->surface);
}

static void
pixel (const Image *img, double x, double y, double rgb[3])
{
  int ix = (int) floor (x), iy = (int) floor (y);
  guint32 p;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, W);
  g_assert_cmpint (iy, <, H);
  p = *(guint32 *) (img->data + iy * img->stride + 4 * ix);
  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

static double
lin (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * lin (rgb[0]) + 0.7152 * lin (rgb[1]) + 0.0722 * lin (rgb[2]);
}

static OsPhaseGrid *
small_grid (int n, const OsTheoryOptions *opt)
{
  OsPhaseRequest r;
  OsPhaseGrid *g;

  os_phase_request_init_default (&r);
  r.x_axis.points = r.y_axis.points = n;
  r.base.alpha = 3.0;     /* the crosshair */
  r.base.eta = 6.0;
  g = os_phase_compute (&r, opt, NULL, NULL, NULL, NULL);
  g_assert_nonnull (g);
  return g;
}

static void
test_colormap (void)
{
  double prev = -1, rgb[3];

  for (int k = 0; k <= 1000; k++)
    {
      double l;

      os_plot_phase_colormap (k / 1000.0, rgb);
      l = luminance (rgb);
      g_assert_cmpfloat (l, >, prev);
      prev = l;
    }
  os_plot_phase_colormap (-3, rgb);
  g_assert_cmpfloat (luminance (rgb), <, 0.05);
  os_plot_phase_colormap (NAN, rgb);
  g_assert_true (isfinite (rgb[0]));
  os_plot_phase_colormap (7, rgb);
  g_assert_cmpfloat (luminance (rgb), >, 0.7);
}

static void
test_render (void)
{
  g_autoptr (OsPhaseGrid) g = small_grid (12, NULL);
  OsPlotTheme theme;
  OsPhaseLayout L;
  Image img;
  double prev = -1, rgb[3], first = 0, last = 0;

  os_plot_theme_init_default (&theme);
  os_plot_phase_layout (g, &theme, W, H, &L);
  render (g, &img);

  /* the colour bar, bottom to top: luminance rises */
  for (double y = L.bar_top + L.bar_height - 2; y > L.bar_top + 2; y -= 3)
    {
      double l;

      pixel (&img, L.bar_left + L.bar_width / 2, y, rgb);
      l = luminance (rgb);
      if (prev < 0)
        first = l;
      g_assert_cmpfloat (l, >=, prev - 1e-3);
      prev = last = l;
    }
  g_assert_cmpfloat (last - first, >, 0.5);
  g_assert_cmpfloat (L.value_min, ==, g->value_min);
  g_assert_cmpfloat (L.value_max, ==, g->value_max);

  /* cells carry the colour of their value (cells away from the lines) */
  {
    int checked = 0;

    for (int j = 1; j < g->ny - 1; j += 3)
      for (int i = 1; i < g->nx - 1; i += 3)
        {
          int k = j * g->nx + i;
          double px = os_plot_frame_x (&L.frame, g->x[i]) + 3, py = os_plot_frame_y (&L.frame, g->y[j]) + 3;
          double want[3];

          if (fabs (g->x[i] - 3.0) < 0.9 || fabs (g->y[j] - 6.0) < 0.9)
            continue;     /* the crosshair */
          if (px > L.frame.left + L.frame.width - 260 && py < L.frame.top + 110)
            continue;     /* the legend */
          {
            gboolean near_line = FALSE;
            const OsContour *cs[2] = { &g->kernel_contour, &g->linear_contour };
            for (int c = 0; c < 2; c++)
              for (int l = 0; l < cs[c]->n_lines; l++)
                for (int q = 0; q < cs[c]->lines[l].n; q++)
                  if (hypot (os_plot_frame_x (&L.frame, cs[c]->lines[l].x[q]) - px,
                             os_plot_frame_y (&L.frame, cs[c]->lines[l].y[q]) - py) < 40)
                    near_line = TRUE;
            if (near_line)
              continue;
          }
          os_plot_phase_colormap ((g->value[k] - L.value_min) / (L.value_max - L.value_min), want);
          pixel (&img, px, py, rgb);
          for (int c = 0; c < 3; c++)
            g_assert_cmpfloat (fabs (rgb[c] - want[c]), <, 2.5 / 255);
          checked++;
        }
    g_assert_cmpint (checked, >=, 4);
  }

  /* the crosshair: a white line through the mapped slider values */
  {
    double px = os_plot_frame_x (&L.frame, 3.0), py = os_plot_frame_y (&L.frame, 6.0);
    int white = 0, total = 0;

    g_assert_cmpfloat (px, >, L.frame.left);
    g_assert_cmpfloat (py, <, L.frame.top + L.frame.height);
    for (double y = L.frame.top + 120; y < L.frame.top + L.frame.height - 5; y += 7, total++)
      {
        pixel (&img, px, y, rgb);
        white += rgb[0] > 0.93 && rgb[1] > 0.93 && rgb[2] > 0.93;
      }
    g_assert_cmpint (white, >=, total * 8 / 10);
    white = total = 0;
    for (double x = L.frame.left + 5; x < L.frame.left + L.frame.width - 5; x += 7, total++)
      {
        pixel (&img, x, py, rgb);
        white += rgb[0] > 0.93 && rgb[1] > 0.93 && rgb[2] > 0.93;
        pixel (&img, x, py + 12, rgb);   /* off the line: a heatmap colour */
        g_assert_false (rgb[0] > 0.93 && rgb[1] > 0.93 && rgb[2] > 0.93);
      }
    g_assert_cmpint (white, >=, total * 9 / 10);
  }
  cairo_surface_destroy (img.surface);
}

static void
test_not_converged_hatched (void)
{
  OsTheoryOptions opt;
  g_autoptr (OsPhaseGrid) g = NULL;
  OsPlotTheme theme;
  OsPhaseLayout L;
  Image img;
  int grey = 0, flagged = 0;

  os_theory_options_init_default (&opt);
  opt.max_iterations = 1;
  opt.tolerance = 1e-16;
  g = small_grid (8, &opt);
  g_assert_cmpint (g->n_not_converged, >, 0);
  os_plot_theme_init_default (&theme);
  os_plot_phase_layout (g, &theme, W, H, &L);
  render (g, &img);
  for (int j = 0; j < g->ny; j++)
    for (int i = 0; i < g->nx; i++)
      if (!g->converged[j * g->nx + i])
        {
          double rgb[3], x = os_plot_frame_x (&L.frame, g->x[i]), y = os_plot_frame_y (&L.frame, g->y[j]);

          if (i == 0 || j == 0 || fabs (g->x[i] - 3.0) < 1.5 || fabs (g->y[j] - 6.0) < 1.5)
            continue;
          if (x > L.frame.left + L.frame.width - 260 && y < L.frame.top + 110)
            continue;
          flagged++;
          pixel (&img, x - 10, y + 10, rgb);
          /* grey: no hue */
          grey += fabs (rgb[0] - rgb[1]) < 0.02 && fabs (rgb[1] - rgb[2]) < 0.02;
        }
  g_assert_cmpint (flagged, >, 0);
  g_assert_cmpint (grey, ==, flagged);
  cairo_surface_destroy (img.surface);
}

static void
test_tooltip_and_empty (void)
{
  g_autoptr (OsPhaseGrid) g = small_grid (6, NULL);
  OsPlotTheme theme;
  OsPhaseLayout L;
  g_autofree char *tip = NULL;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (s);
  char want[64];

  os_plot_theme_init_default (&theme);
  os_plot_phase_layout (g, &theme, W, H, &L);
  tip = os_plot_phase_tooltip (g, &theme, W, H, os_plot_frame_x (&L.frame, g->x[2]),
                               os_plot_frame_y (&L.frame, g->y[4]));
  g_assert_nonnull (tip);
  g_snprintf (want, sizeof want, "%.6g", g->value[4 * 6 + 2]);
  g_assert_nonnull (strstr (tip, want));
  g_assert_null (os_plot_phase_tooltip (g, &theme, W, H, 1, 1));

  os_plot_phase_render (NULL, &theme, cr, 300, 200);   /* a message, no crash */
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/PlotPhase/colormap", test_colormap);
  g_test_add_func ("/PlotPhase/render", test_render);
  g_test_add_func ("/PlotPhase/not-converged", test_not_converged_hatched);
  g_test_add_func ("/PlotPhase/tooltip", test_tooltip_and_empty);
  return g_test_run ();
}
