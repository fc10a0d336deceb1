/* os-bench-phase.c — `onestep-explorer bench phase`: a 64 × 64 phase
 * diagram of the test error over α × η̃ (tanh/tanh defaults, THEORY.md §8
 * ranges) on every core. tests/test-phase.c checks that the same diagram
 * equals os_theory_solve cell by cell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-bench.h"
#include "os-phase.h"

typedef struct
{
  gint64 start;
  double first_ms;
} FirstLevel;

static void
on_level (OsPhaseGrid *grid, gpointer data)
{
  FirstLevel *fl = data;

  if (grid->level == 0)
    fl->first_ms = (g_get_monotonic_time () - fl->start) / 1000.0;
}

int
os_bench_phase (int repeats)
{
  OsPhaseRequest req;
  double *t = g_new (double, repeats), *first = g_new (double, repeats);
  int not_converged = 0;

  os_phase_request_init_default (&req);
  for (int r = 0; r < repeats; r++)
    {
      FirstLevel fl = { g_get_monotonic_time (), 0.0 };
      OsPhaseGrid *g = os_phase_compute (&req, NULL, NULL, on_level, &fl, NULL);

      t[r] = (g_get_monotonic_time () - fl.start) / 1000.0;
      first[r] = fl.first_ms;
      not_converged = g->n_not_converged;
      os_phase_grid_unref (g);
    }
  g_print ("bench phase: 64x64 test error over alpha [0.05, 10] x eta [0, 10] "
           "(tanh/tanh, alpha0=0.5, beta=1, lambda=0.01), 8x8 level first, %u threads, %d repeats\n",
           g_get_num_processors (), repeats);
  g_print ("  not converged: %d of 4096\n", not_converged);
  g_print ("phase_median_ms=%.3f first_level_median_ms=%.3f\n",
           os_bench_median (t, repeats), os_bench_median (first, repeats));
  g_free (t);
  g_free (first);
  return 0;
}
