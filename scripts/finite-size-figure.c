/* finite-size-figure.c — docs/finite-size.png: the network's test error at
 * d = 250, 1000, 2000 (seed means ± standard error, from the verification
 * run of scripts/finite-size-table.py --raw) against the finite-d curves
 * ε_d(η̃) of docs/SCIENCE.md §10 at the same d and the d → ∞ theory, drawn
 * with the program's own plot code. Built and run by
 * scripts/finite-size-figure.sh.
 *
 *   finite-size-figure RAW.csv OUTPUT.png
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-finite-size.h"
#include "os-theory.h"
#include "os-plot-render.h"
#include "os-plot-scene.h"
#include "os-plot-theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define N_CURVE 241
#define ETA_MAX 0.6
#define MAX_ROWS 64

static const int sizes[3] = { 250, 1000, 2000 };
static const OsColor colours[3] = { OS_COLOR_VERMILLION, OS_COLOR_BLUE, OS_COLOR_GREEN };

typedef struct
{
  double eta, sum, sum2;
  int    n;
} Cell;

/* the tanh/tanh rows of one d: seed means by η̃ */
static int
read_cells (const char *path, int d, Cell *cells)
{
  FILE *f = fopen (path, "r");
  char line[256];
  int n = 0;

  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f) != NULL)
    {
      char setting[32];
      int dd, seed, k;
      double eta, err;

      if (sscanf (line, "%31[^,],%d,%d,%lf,%lf", setting, &dd, &seed, &eta, &err) != 5
          || strcmp (setting, "tanh/tanh") != 0 || dd != d)
        continue;
      for (k = 0; k < n && fabs (cells[k].eta - eta) > 1e-12; k++)
        ;
      if (k == n && n < MAX_ROWS)
        cells[n++] = (Cell) { eta, 0, 0, 0 };
      if (k < n)
        {
          cells[k].sum += err;
          cells[k].sum2 += err * err;
          cells[k].n++;
        }
    }
  fclose (f);
  return n;
}

int
main (int argc, char **argv)
{
  OsParams p;
  OsWeakSpike weak;
  OsTheoryPoint pt, warm;
  OsPlotTheme theme;
  OsPlotScene *scene;
  OsPlotStyle st;
  double eta[N_CURVE], inf[N_CURVE], fin[3][N_CURVE];
  cairo_surface_t *surface;
  cairo_t *cr;

  if (argc != 3)
    {
      fprintf (stderr, "usage: finite-size-figure RAW.csv OUTPUT.png\n");
      return 2;
    }
  os_params_init_default (&p);
  if (!os_weak_spike_init (&weak, &p, NULL))
    return 1;
  for (int i = 0; i < N_CURVE; i++)
    {
      OsParams q = p;

      eta[i] = ETA_MAX * i / (N_CURVE - 1);
      q.eta = eta[i];
      os_theory_solve (&q, NULL, i > 0 ? &warm : NULL, &pt, NULL);
      warm = pt;
      inf[i] = pt.test_error;
      for (int k = 0; k < 3; k++)
        fin[k][i] = os_finite_d_error (&q, &weak, sizes[k], pt.test_error);
    }

  scene = os_plot_scene_new ("A network of finite size: the drop at small η̃",
                             "learning rate η̃", "test error ε<sub>g</sub>", "η̃");
  scene->y_from_zero = FALSE;
  scene->corner_note = g_strdup ("tanh → tanh  α₀ = 0.5  α = 2  β = 1  λ = 0.01");
  st = os_plot_style (OS_COLOR_BLACK, OS_DASH_DASHED, 2.0, OS_MARKER_NONE);
  os_plot_scene_add (scene, OS_SERIES_LINE, "d → ∞ theory", "theory, d → ∞ (jumps at η̃ = 0⁺)",
                     &st, N_CURVE - 1, eta + 1, inf + 1, NULL, NULL);
  for (int k = 0; k < 3; k++)
    {
      Cell cells[MAX_ROWS];
      int n = read_cells (argv[1], sizes[k], cells);
      double x[MAX_ROWS], y[MAX_ROWS], se[MAX_ROWS];
      g_autofree char *name = g_strdup_printf ("ε_d, d = %d", sizes[k]);
      g_autofree char *legend = g_strdup_printf ("theory ε<sub>d</sub>, d = %d", sizes[k]);
      g_autofree char *pname = g_strdup_printf ("network, d = %d", sizes[k]);
      g_autofree char *plegend = NULL;

      st = os_plot_style (colours[k], OS_DASH_SOLID, 2.4, OS_MARKER_NONE);
      os_plot_scene_add (scene, OS_SERIES_LINE, name, legend, &st, N_CURVE, eta, fin[k], NULL, NULL);
      if (n <= 0)
        continue;
      for (int i = 0; i < n; i++)
        {
          double m = cells[i].sum / cells[i].n;

          x[i] = cells[i].eta;
          y[i] = m;
          se[i] = sqrt (MAX (cells[i].sum2 / cells[i].n - m * m, 0.0) / MAX (cells[i].n - 1, 1));
        }
      plegend = g_strdup_printf ("network, d = %d (%d seeds, ± s.e.)", sizes[k], cells[0].n);
      st = os_plot_style (colours[k], OS_DASH_SOLID, 0, k == 0 ? OS_MARKER_TRIANGLE
                                                        : k == 1 ? OS_MARKER_CIRCLE : OS_MARKER_SQUARE);
      st.marker_size = 5.0;
      os_plot_scene_add (scene, OS_SERIES_POINTS, pname, plegend, &st, n, x, y, se, NULL);
    }

  os_plot_theme_init_default (&theme);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 760);
  cr = cairo_create (surface);
  os_plot_scene_render (scene, &theme, cr, 1200, 760);
  cairo_destroy (cr);
  if (cairo_surface_write_to_png (surface, argv[2]) != CAIRO_STATUS_SUCCESS)
    return 1;
  cairo_surface_destroy (surface);
  os_plot_scene_free (scene);
  return 0;
}
