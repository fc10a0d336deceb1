/* test-sim-sweep.c — sweeps that share their work (issue #16): every swept
 * point against the same point and seed simulated alone (os_simulate_network):
 * to 1e-9 relative for α (features by prefix) and λ by eigendecomposition,
 * bit for bit for λ by Cholesky, Δ, η̃, α0 and β; the same bits whichever
 * subset of (point, seed) pairs is asked for (what shards rely on); the
 * summaries, the per-point callback, progress, cancellation and the memory
 * fallback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation.h"
#include "os-error.h"

#include <math.h>
#include <string.h>

/* private to the core (os-simulation-private.h) */
int os_sim_set_eigen_min_points (int points);

static OsSimConfig
config_small (int d, int seeds)
{
  OsSimConfig c;

  os_sim_config_init_default (&c);
  c.d = d;
  c.seeds = seeds;
  c.seed = 11;
  return c;
}

/* |a − b| ≤ tol · max(|a|, |b|, floor): floor keeps quantities that are
 * zero in the model (θ for odd activations, ~1e-4) from asking for
 * more than rounding of the numbers they come from */
static double
rel_diff (double a, double b, double floor)
{
  double scale = MAX (MAX (fabs (a), fabs (b)), floor);

  return scale > 0.0 ? fabs (a - b) / scale : 0.0;
}

/* the largest relative difference between a row and the network of that
 * point alone */
static double
row_vs_network (const OsSimSeedRow *row, const OsSimNetwork *net)
{
  const double a[] = { row->test_error, row->train_error, row->m, row->q1, row->q2, row->theta,
                       row->psi, row->r, row->c, row->gamma };
  const double b[] = { net->test_error, net->train_error, net->m, net->q1, net->q2, net->theta,
                       net->psi, net->r, net->c, net->gamma };
  /* the floors: the scale of each quantity (m, θ vanish for odd σ) */
  const double floor[] = { 0, 0, 1e-2, 0, 0, 1e-2, 0, 0, 0, 0 };
  double worst = 0.0;

  for (guint k = 0; k < G_N_ELEMENTS (a); k++)
    worst = MAX (worst, rel_diff (a[k], b[k], floor[k]));
  return worst;
}

static gboolean
row_equals_network (const OsSimSeedRow *row, const OsSimNetwork *net)
{
  return row->test_error == net->test_error && row->train_error == net->train_error
         && row->m == net->m && row->q1 == net->q1 && row->q2 == net->q2
         && row->theta == net->theta && row->psi == net->psi && row->r == net->r
         && row->c == net->c && row->gamma == net->gamma;
}

/* every (point, seed) of the sweep against its own run: the worst relative
 * difference, and whether all are bitwise equal */
static double
sweep_vs_alone (const OsParams *prm, OsParamId axis, const double *values, int n_values,
                const OsSimConfig *cfg, gboolean *bitwise)
{
  g_autofree OsSimSeedRow *rows = g_new0 (OsSimSeedRow, (gsize) n_values * cfg->seeds);
  g_autoptr (GError) error = NULL;
  double worst = 0.0;

  g_assert_true (os_simulate_sweep (prm, axis, values, n_values, cfg, NULL, NULL, NULL, NULL, NULL,
                                    NULL, rows, &error));
  g_assert_no_error (error);
  *bitwise = TRUE;
  for (int i = 0; i < n_values; i++)
    for (int k = 0; k < cfg->seeds; k++)
      {
        OsParams p = *prm;
        OsSimConfig one = *cfg;
        g_autoptr (OsSimNetwork) net = NULL;
        const OsSimSeedRow *row = &rows[i * cfg->seeds + k];

        os_params_set (&p, axis, values[i]);
        one.seed = cfg->seed + k;
        one.seeds = 1;
        net = os_simulate_network (&p, &one, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        worst = MAX (worst, row_vs_network (row, net));
        *bitwise &= row_equals_network (row, net);
        g_assert_cmpfloat (row->seconds, >=, 0.0);
      }
  return worst;
}

/* α: the features by prefix, across the p × p / n × n switch (p = 200) and
 * the chunk boundary (1024 rows) */
static void
test_alpha (void)
{
  const double alphas[] = { 6.0, 0.3, 1.0, 0.9, 5.3, 2.5, 1.0 };
  const OsActivation students[] = { OS_ACT_TANH, OS_ACT_RELU };
  OsSimConfig cfg = config_small (200, 3);

  for (guint s = 0; s < G_N_ELEMENTS (students); s++)
    {
      OsParams prm;
      gboolean bitwise;
      double worst;

      os_params_init_default (&prm);
      prm.student = students[s];
      prm.noise = 0.2;
      worst = sweep_vs_alone (&prm, OS_PARAM_ALPHA, alphas, G_N_ELEMENTS (alphas), &cfg, &bitwise);
      g_test_message ("alpha sweep, %s student: worst relative difference %.2e (bitwise %s)",
                      os_activation_name (students[s]), worst, bitwise ? "yes" : "no");
      g_assert_cmpfloat (worst, <=, 1e-9);
    }
}

/* λ by Cholesky: the point's own solve, bit for bit; by eigendecomposition
 * (forced here): 1e-9 over λ ∈ [1e-5, 10], for p ≤ n and n < p */
static void
test_lambda (void)
{
  const double lambdas[] = { 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0 };
  const double alphas[] = { 2.0, 0.5, 1.0 };
  OsSimConfig cfg = config_small (120, 2);
  int saved;

  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    {
      OsParams prm;
      gboolean bitwise;
      double worst;

      os_params_init_default (&prm);
      prm.alpha = alphas[a];
      worst = sweep_vs_alone (&prm, OS_PARAM_LAMBDA, lambdas, G_N_ELEMENTS (lambdas), &cfg, &bitwise);
      g_test_message ("lambda sweep (Cholesky), alpha %g: worst %.2e", alphas[a], worst);
      g_assert_true (bitwise);

      saved = os_sim_set_eigen_min_points (2);
      worst = sweep_vs_alone (&prm, OS_PARAM_LAMBDA, lambdas, G_N_ELEMENTS (lambdas), &cfg, &bitwise);
      os_sim_set_eigen_min_points (saved);
      g_test_message ("lambda sweep (eigendecomposition), alpha %g: worst %.2e", alphas[a], worst);
      g_assert_cmpfloat (worst, <=, 1e-9);
    }
}

/* Δ (the step's data kept), η̃ (the step's direction kept), α0 and β
 * (nothing shared): bit for bit */
static void
test_bitwise_axes (void)
{
  const struct { OsParamId axis; double values[4]; } cases[] = {
    { OS_PARAM_NOISE, { 0.0, 0.7, 0.1, 2.0 } },
    { OS_PARAM_ETA, { 1.0, 0.0, 3.5, 10.0 } },
    { OS_PARAM_ALPHA0, { 0.5, 3.0, 0.05, 1.0 } },
    { OS_PARAM_BETA, { 1.0, 0.5, 2.0, 0.3 } },
  };
  OsSimConfig cfg = config_small (90, 2);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      OsParams prm;
      gboolean bitwise;
      double worst;

      os_params_init_default (&prm);
      prm.teacher = OS_ACT_RELU;
      worst = sweep_vs_alone (&prm, cases[c].axis, cases[c].values, 4, &cfg, &bitwise);
      g_test_message ("%s sweep: worst %.2e, bitwise %s", os_param_info (cases[c].axis)->name,
                      worst, bitwise ? "yes" : "no");
      g_assert_true (bitwise);
    }
  /* single precision keeps the Δ and η̃ sharing exact too */
  cfg.precision = OS_SIM_PRECISION_SINGLE;
  for (guint c = 0; c < 2; c++)
    {
      OsParams prm;
      gboolean bitwise;

      os_params_init_default (&prm);
      sweep_vs_alone (&prm, cases[c].axis, cases[c].values, 4, &cfg, &bitwise);
      g_assert_true (bitwise);
    }
}

/* Any subset of the pairs gives the bits of the whole sweep, in every
 * sharing mode (shards rely on it). */
static void
test_subsets (void)
{
  const double alphas[] = { 0.4, 3.0, 1.2, 5.5, 2.0 };
  const double lambdas[] = { 1e-3, 0.1, 1e-5, 3.0, 0.02 };
  const struct { OsParamId axis; const double *values; int eigen_from; } cases[] = {
    { OS_PARAM_ALPHA, alphas, 0 }, { OS_PARAM_LAMBDA, lambdas, 2 }, { OS_PARAM_LAMBDA, lambdas, 0 },
  };
  OsSimConfig cfg = config_small (220, 4);
  OsParams prm;

  os_params_init_default (&prm);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const int n = 5, pairs = n * cfg.seeds;
      g_autofree OsSimSeedRow *all = g_new0 (OsSimSeedRow, pairs);
      g_autoptr (GError) error = NULL;
      int saved = os_sim_set_eigen_min_points (cases[c].eigen_from);

      g_assert_true (os_simulate_sweep (&prm, cases[c].axis, cases[c].values, n, &cfg, NULL, NULL,
                                        NULL, NULL, NULL, NULL, all, &error));
      /* three contiguous slices of the pairs in seed-major order, as
       * --shard i/3 takes them */
      for (int shard = 0; shard < 3; shard++)
        {
          g_autofree OsSimSeedRow *part = g_new0 (OsSimSeedRow, pairs);
          g_autofree guint8 *wanted = g_new0 (guint8, pairs);
          const int from = shard * pairs / 3, to = (shard + 1) * pairs / 3;

          for (int j = from; j < to; j++)
            {
              int k = j / n, i = j % n;
              wanted[i * cfg.seeds + k] = 1;
            }
          g_assert_true (os_simulate_sweep (&prm, cases[c].axis, cases[c].values, n, &cfg, wanted,
                                            NULL, NULL, NULL, NULL, NULL, part, &error));
          g_assert_no_error (error);
          for (int j = 0; j < pairs; j++)
            if (wanted[j])
              {
                part[j].seconds = all[j].seconds = 0;
                g_assert_cmpmem (&part[j], sizeof part[j], &all[j], sizeof all[j]);
              }
            else
              g_assert_cmpfloat (part[j].test_error, ==, 0.0);   /* untouched */
        }
      os_sim_set_eigen_min_points (saved);
    }
}

/* ---- summaries, callbacks, progress --------------------------------------- */

typedef struct
{
  int          calls;
  int          seen[8];
  OsSimResult  results[8];
  double       last;
  gboolean     monotone;
} Watch;

static void
on_point (int point, const OsSimResult *result, gpointer data)
{
  Watch *w = data;

  g_assert_cmpint (point, >=, 0);
  g_assert_cmpint (point, <, 8);
  w->seen[point]++;
  w->results[point] = *result;
  w->calls++;
}

static void
on_progress (double fraction, const char *stage, gpointer data)
{
  Watch *w = data;

  g_assert_nonnull (stage);
  w->monotone &= fraction >= w->last && fraction <= 1.0;
  w->last = fraction;
}

static void
test_points_and_progress (void)
{
  const double alphas[] = { 0.5, 1.5, 3.0 };
  OsSimConfig cfg = config_small (100, 3);
  g_autofree OsSimSeedRow *rows = g_new0 (OsSimSeedRow, 9);
  g_autoptr (GError) error = NULL;
  Watch w = { 0 };
  OsParams prm;

  os_params_init_default (&prm);
  w.monotone = TRUE;
  g_assert_true (os_simulate_sweep (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg, NULL, NULL, on_progress,
                                    &w, on_point, &w, rows, &error));
  g_assert_no_error (error);
  g_assert_true (w.monotone);
  g_assert_cmpfloat (w.last, ==, 1.0);
  g_assert_cmpint (w.calls, ==, 3);
  for (int i = 0; i < 3; i++)
    {
      OsSimResult expect;

      g_assert_cmpint (w.seen[i], ==, 1);
      os_sim_result_from_rows (rows + i * 3, 3, &expect);
      g_assert_cmpmem (&expect, sizeof expect, &w.results[i], sizeof expect);
      g_assert_cmpint (expect.seeds, ==, 3);
      g_assert_cmpfloat (expect.test_error_std, >, 0.0);
    }

  /* os_simulate is the one-point sweep: the same means */
  {
    OsParams p = prm;
    OsSimResult single;

    p.alpha = alphas[1];
    g_assert_true (os_simulate (&p, &cfg, NULL, NULL, NULL, &single, &error));
    g_assert_cmpfloat (rel_diff (single.test_error, w.results[1].test_error, 0), <=, 1e-9);
    g_assert_cmpfloat (rel_diff (single.q1, w.results[1].q1, 0), <=, 1e-9);
  }

  /* a point with a seed not asked for is not summarised */
  {
    guint8 wanted[9] = { 1, 1, 1, 1, 0, 1, 1, 1, 1 };

    memset (&w, 0, sizeof w);
    w.monotone = TRUE;
    g_assert_true (os_simulate_sweep (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg, wanted, NULL,
                                      on_progress, &w, on_point, &w, rows, &error));
    g_assert_cmpint (w.calls, ==, 2);
    g_assert_cmpint (w.seen[1], ==, 0);
    g_assert_cmpfloat (w.last, ==, 1.0);
  }
}

static void
on_progress_cancel (double fraction, const char *stage, gpointer data)
{
  (void) stage;
  if (fraction > 0.3)
    g_cancellable_cancel (data);
}

static void
test_cancel_and_invalid (void)
{
  const double alphas[] = { 0.5, 1.5, 3.0 }, bad[] = { 0.5, 11.0 };
  OsSimConfig cfg = config_small (150, 4);
  g_autofree OsSimSeedRow *rows = g_new0 (OsSimSeedRow, 12);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  OsParams prm;

  os_params_init_default (&prm);
  g_assert_false (os_simulate_sweep (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg, NULL, cancellable,
                                     on_progress_cancel, cancellable, NULL, NULL, rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (os_simulate_sweep (&prm, OS_PARAM_ALPHA, bad, 2, &cfg, NULL, NULL, NULL, NULL,
                                     NULL, NULL, rows, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "alpha"));
  g_clear_error (&error);

  cfg.precision = (OsSimPrecision) 7;
  g_assert_false (os_simulate_sweep (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg, NULL, NULL, NULL, NULL,
                                     NULL, NULL, rows, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
}

/* A sweep whose shared buffers do not fit the budget runs point by point
 * (same numbers as alone), and needs what one point needs. */
static void
test_memory_fallback (void)
{
  const double alphas[] = { 1.0, 4.0, 2.0 };
  OsSimConfig cfg = config_small (400, 1);
  OsParams prm, largest;
  gsize shared, single, budget;
  gboolean bitwise;
  double worst;

  os_params_init_default (&prm);
  largest = prm;
  largest.alpha = 4.0;
  shared = os_simulation_sweep_memory_needed (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg);
  single = os_simulation_sweep_memory_needed (&largest, OS_PARAM_ALPHA, &largest.alpha, 1, &cfg);
  g_test_message ("alpha sweep at d = 400: %.1f MiB shared, %.1f MiB point by point",
                  shared / 1048576.0, single / 1048576.0);
  g_assert_cmpuint (shared, >, single);
  /* the test features (n_test × p) at least */
  g_assert_cmpuint (shared - single, >=, 8ul * 2000 * 400);
  budget = (single + shared) / 2;
  cfg.memory_budget = budget;
  g_assert_cmpuint (os_simulation_sweep_memory_needed (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg), ==, single);
  worst = sweep_vs_alone (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg, &bitwise);
  g_assert_true (bitwise);
  g_assert_cmpfloat (worst, ==, 0.0);

  /* below one point: refused with the figure */
  {
    g_autofree OsSimSeedRow *rows = g_new0 (OsSimSeedRow, 3);
    g_autoptr (GError) error = NULL;

    cfg.memory_budget = single - 1;
    g_assert_false (os_simulate_sweep (&prm, OS_PARAM_ALPHA, alphas, 3, &cfg, NULL, NULL, NULL, NULL,
                                       NULL, NULL, rows, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_TOO_LARGE);
    g_test_message ("%s", error->message);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim-sweep/alpha", test_alpha);
  g_test_add_func ("/sim-sweep/lambda", test_lambda);
  g_test_add_func ("/sim-sweep/bitwise-axes", test_bitwise_axes);
  g_test_add_func ("/sim-sweep/subsets", test_subsets);
  g_test_add_func ("/sim-sweep/points-and-progress", test_points_and_progress);
  g_test_add_func ("/sim-sweep/cancel-and-invalid", test_cancel_and_invalid);
  g_test_add_func ("/sim-sweep/memory-fallback", test_memory_fallback);
  return g_test_run ();
}
