/* os-bench-figure.c — `onestep-explorer bench figure`: the worker time one
 * parameter change costs the window before any simulation — the theory of
 * the four plots (os_figure_theory_compute: the curve, the kernel baseline,
 * the point at the sliders, the floors, the learned function) and the two
 * predicted spectra (os_spectral_density_compute, at the window's d = 400).
 * Every change of --benchmark-ui pays this on the worker threads, which
 * share the machine's cores with the main loop and the X server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-bench.h"
#include "os-figure.h"
#include "os-spectral-density.h"

/* The worker time of one slider change for a view: the theory (with the
 * finite-size parts when the view has a network size) and the two weight
 * spectra; medians in *theory_ms, *spectra_ms, *total_ms. FALSE if a
 * computation failed. */
static gboolean
bench_view (const OsView *view, int repeats, double *theory_ms, double *spectra_ms, double *total_ms)
{
  OsParams p;
  double *theory = g_new (double, repeats), *spectra = g_new (double, repeats);
  double *total = g_new (double, repeats);
  gboolean ok = TRUE;

  os_params_init_default (&p);
  for (int r = 0; r < repeats && ok; r++)
    {
      gint64 t0, t1, t2;
      OsFigureTheory *t;
      OsSpectralDensity *init, *step;

      /* a new η̃ each time, as a dragged slider gives */
      p.eta = 1.0 + 0.01 * r;
      t0 = g_get_monotonic_time ();
      t = os_figure_theory_compute (&p, view, NULL, NULL);
      t1 = g_get_monotonic_time ();
      init = os_spectral_density_compute (&p, view->spectrum_matrix, view->spectrum_centered,
                                          FALSE, os_view_spectrum_d (view), 0, NULL, NULL);
      step = os_spectral_density_compute (&p, view->spectrum_matrix, view->spectrum_centered,
                                          TRUE, os_view_spectrum_d (view), 0, NULL, NULL);
      t2 = g_get_monotonic_time ();
      if (t == NULL || init == NULL || step == NULL)
        {
          g_printerr ("bench figure: a computation failed at eta = %g\n", p.eta);
          ok = FALSE;
        }
      theory[r] = (t1 - t0) / 1000.0;
      spectra[r] = (t2 - t1) / 1000.0;
      total[r] = (t2 - t0) / 1000.0;
      os_figure_theory_free (t);
      os_spectral_density_free (init);
      os_spectral_density_free (step);
    }
  if (ok)
    {
      *theory_ms = os_bench_median (theory, repeats);
      *spectra_ms = os_bench_median (spectra, repeats);
      *total_ms = os_bench_median (total, repeats);
    }
  g_free (theory);
  g_free (spectra);
  g_free (total);
  return ok;
}

int
os_bench_figure (int repeats)
{
  OsView view;
  double th, sp, tot;

  /* the window's defaults: the finite-size theory at network size d = 1000 */
  os_view_init_default (&view);
  if (!bench_view (&view, repeats, &th, &sp, &tot))
    return 1;
  g_print ("bench figure: one parameter change of the window before simulation "
           "(defaults: tanh/tanh, alpha0=0.5, beta=1, lambda=0.01, eta 1..%.2f; "
           "200-point alpha curve + kernel curve + point + floors + learned function "
           "+ the finite-d curve at network size d=%d; "
           "weight spectra before and after the step, outliers at that d), %d repeats, one thread\n",
           1.0 + 0.01 * (repeats - 1), view.network_d, repeats);
  g_print ("figure_theory_median_ms=%.3f figure_spectra_median_ms=%.3f figure_total_median_ms=%.3f\n",
           th, sp, tot);
  /* the same with the network size d → ∞ (no finite-size parts) */
  view.network_d = 0;
  if (!bench_view (&view, repeats, &th, &sp, &tot))
    return 1;
  g_print ("the same at d → ∞: figure_inf_theory_median_ms=%.3f figure_inf_total_median_ms=%.3f\n",
           th, tot);
  return 0;
}
