/* os-bench-sweep.c — `bench sweep`: the authors' notebook workload (d =
 * 2000, α ∈ {0.2, 0.5, 1.13, 1.6, 2, 3, 4}, 3 seeds, tanh/tanh defaults)
 * as one sweep that shares its work, beside the same points run one by one
 * (os_simulate each, as before issue #16), alternating in the same run;
 * and `bench precision`: one d = 1500 point in double and in single
 * precision, alternating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-bench.h"
#include "os-simulation.h"

#include <cblas.h>
#include <math.h>

static const double workload_alphas[] = { 0.2, 0.5, 1.13, 1.6, 2.0, 3.0, 4.0 };
#define N_ALPHAS ((int) G_N_ELEMENTS (workload_alphas))

static double
rel_diff (double a, double b)
{
  double scale = MAX (fabs (a), fabs (b));

  return scale > 0.0 ? fabs (a - b) / scale : 0.0;
}

/* At most 3 repeats of each (a repeat of the two takes 30 s or more). */
int
os_bench_sweep (int repeats)
{
  const int reps = MIN (repeats, 3);
  g_autofree double *shared_s = g_new (double, reps), *alone_s = g_new (double, reps);
  OsSimResult alone[N_ALPHAS], shared[N_ALPHAS];
  g_autofree OsSimSeedRow *rows = NULL;
  g_autofree char *plan = NULL;
  g_autoptr (GError) error = NULL;
  double worst = 0.0;
  OsSimConfig cfg;
  OsParams params;

  os_params_init_default (&params);
  os_sim_config_init_default (&cfg);
  cfg.d = 2000;
  cfg.seeds = 3;
  cfg.seed = 1;
  rows = g_new (OsSimSeedRow, (gsize) N_ALPHAS * cfg.seeds);
  plan = os_sim_sweep_plan_text (&params, OS_PARAM_ALPHA, workload_alphas, N_ALPHAS, &cfg);
  for (int r = 0; r < reps; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!os_simulate_sweep (&params, OS_PARAM_ALPHA, workload_alphas, N_ALPHAS, &cfg, NULL, NULL,
                              NULL, NULL, NULL, NULL, rows, &error))
        {
          g_printerr ("bench sweep: %s\n", error->message);
          return 1;
        }
      shared_s[r] = (g_get_monotonic_time () - t0) * 1e-6;
      t0 = g_get_monotonic_time ();
      for (int i = 0; i < N_ALPHAS; i++)
        {
          OsParams p = params;

          p.alpha = workload_alphas[i];
          if (!os_simulate (&p, &cfg, NULL, NULL, NULL, &alone[i], &error))
            {
              g_printerr ("bench sweep: %s\n", error->message);
              return 1;
            }
        }
      alone_s[r] = (g_get_monotonic_time () - t0) * 1e-6;
    }
  for (int i = 0; i < N_ALPHAS; i++)
    {
      const OsSimResult *a = &alone[i], *s = &shared[i];

      os_sim_result_from_rows (rows + (gsize) i * cfg.seeds, cfg.seeds, &shared[i]);
      worst = MAX (worst, rel_diff (a->test_error, s->test_error));
      worst = MAX (worst, rel_diff (a->train_error, s->train_error));
      worst = MAX (worst, rel_diff (a->q1, s->q1));
      worst = MAX (worst, rel_diff (a->q2, s->q2));
      worst = MAX (worst, rel_diff (a->psi, s->psi));
      worst = MAX (worst, rel_diff (a->r, s->r));
      worst = MAX (worst, rel_diff (a->c, s->c));
      worst = MAX (worst, rel_diff (a->gamma, s->gamma));
    }
  {
    const double med_shared = os_bench_median (shared_s, reps), med_alone = os_bench_median (alone_s, reps);

    g_print ("bench sweep: simulate --d 2000 --seeds 3 --sweep alpha --values 0.2,0.5,1.13,1.6,2,3,4 "
             "(tanh/tanh defaults), %d repeat%s of each, alternating, %d BLAS thread%s\n",
             reps, reps == 1 ? "" : "s", openblas_get_num_threads (),
             openblas_get_num_threads () == 1 ? "" : "s");
    g_print ("  shared: %s\n", plan);
    g_print ("  largest relative difference, shared against point by point (means of test and "
             "train error, q1, q2, psi, r, c, gamma): %.1e\n", worst);
    g_print ("sweep_shared_median_s=%.2f sweep_points_alone_median_s=%.2f speedup=%.2f\n",
             med_shared, med_alone, med_alone / med_shared);
    return worst <= 1e-9 ? 0 : 1;
  }
}

/* One d = 1500 point (defaults, one seed), double then single, at most 7
 * repeats after one untimed run of each. */
int
os_bench_precision (int repeats)
{
  const int reps = MIN (repeats, 7);
  g_autofree double *t_double = g_new (double, reps), *t_single = g_new (double, reps);
  g_autoptr (GError) error = NULL;
  OsSimResult rd = { 0 }, rs = { 0 };
  OsSimConfig cfg;
  OsParams params;

  os_params_init_default (&params);
  os_sim_config_init_default (&cfg);
  cfg.d = 1500;
  cfg.seeds = 1;
  /* one untimed run of each first: the buffers of both are then kept
   * (os-sim-sweep.c), so neither pays for memory touched the first time */
  for (int m = 0; m < 2 && error == NULL; m++)
    {
      cfg.precision = m ? OS_SIM_PRECISION_SINGLE : OS_SIM_PRECISION_DOUBLE;
      os_simulate (&params, &cfg, NULL, NULL, NULL, m ? &rs : &rd, &error);
    }
  for (int r = 0; r < reps && error == NULL; r++)
    {
      cfg.precision = OS_SIM_PRECISION_DOUBLE;
      if (!os_simulate (&params, &cfg, NULL, NULL, NULL, &rd, &error))
        break;
      t_double[r] = rd.seconds;
      cfg.precision = OS_SIM_PRECISION_SINGLE;
      if (!os_simulate (&params, &cfg, NULL, NULL, NULL, &rs, &error))
        break;
      t_single[r] = rs.seconds;
    }
  if (error != NULL)
    {
      g_printerr ("bench precision: %s\n", error->message);
      return 1;
    }
  {
    const double md = os_bench_median (t_double, reps), ms = os_bench_median (t_single, reps);
    const double diff = rel_diff (rd.test_error, rs.test_error);

    g_print ("bench precision: one point, d = 1500 (tanh/tanh defaults, one seed), double and "
             "--precision single alternating, %d repeats, %d BLAS thread%s\n", reps,
             openblas_get_num_threads (), openblas_get_num_threads () == 1 ? "" : "s");
    g_print ("  test error %.10f (double) %.10f (single), relative difference %.1e\n",
             rd.test_error, rs.test_error, diff);
    g_print ("double_median_ms=%.1f single_median_ms=%.1f speedup=%.2f test_error_rel_diff=%.1e\n",
             1000 * md, 1000 * ms, md / ms, diff);
    return diff <= 1e-3 ? 0 : 1;
  }
}
