/* os-simulation.c — the real two-layer network of THEORY.md §1 and the
 * measurements of §6, on OpenBLAS/LAPACKE: the configuration and the entry
 * points (os_simulate, os_simulate_network); the spectra are in
 * os-sim-spectrum.c.
 *
 * One seed runs in four phases; every matrix product is one BLAS call over a
 * chunk of at most SIM_CHUNK samples (the samples themselves are drawn one by
 * one from the seed's streams, so the chunking does not change the data, only
 * the order of floating-point sums; SIM_CHUNK is fixed, so a seed always gives
 * the same bits):
 *
 *   1. step     θ*, W0, then for each chunk X0 of the n0 samples
 *               Z = X0 W0ᵀ (dgemm), e = y − σ(Z)1/p, G = diag(e) σ'(Z),
 *               D += Gᵀ X0 (dgemm); finally W1 = W0 + (η̃/n0) D.
 *                                                    (os-sim-network.c)
 *   2. spike    v̂ = top right-singular vector of W1 − W0 (power iteration
 *               on (W1−W0)ᵀ(W1−W0), dense fallback), r, γ, c of §6.
 *                                                    (os-sim-measure.c)
 *   3. readout  Φ = σ(X W1ᵀ)/√p over the n samples (dgemm per chunk), the
 *               smaller ridge system (dsyrk + dposv), training error.
 *                                   (os-sim-network.c, os-sim-readout.c)
 *   4. test     the test error over n_test fresh samples, chunk by chunk.
 *                                                    (os-sim-readout.c)
 *
 * then m, q1, q2, θ, ψ of §6 (os-sim-measure.c).
 *
 * The phases share one workspace (see OsSimWorkspace), allocated once per call
 * and reused by every seed; os_simulation_memory_needed () is its size plus
 * the network's, so the memory guard and the allocations cannot drift apart
 * (os-sim-workspace.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"
#include "os-error.h"

#include <math.h>
#include <string.h>

/* ---- the configuration ------------------------------------------------- */

void
os_sim_config_init_default (OsSimConfig *config)
{
  g_return_if_fail (config != NULL);
  config->d = 600;
  config->seeds = 3;
  config->seed = 1;
  config->n_test = 2000;
  config->memory_budget = 0;
}

void
os_sim_sizes (const OsParams *params, int d, int *p, int *n0, int *n)
{
  if (p != NULL)
    *p = (int) lround (params->beta * d);
  if (n0 != NULL)
    *n0 = (int) lround (params->alpha0 * d);
  if (n != NULL)
    *n = (int) lround (params->alpha * d);
}

gboolean
os_sim_config_validate (const OsParams *params, const OsSimConfig *config, GError **error)
{
  int p, n0, n;

  if (params == NULL || config == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "no parameters given");
      return FALSE;
    }
  if (!os_params_validate (params, error))
    return FALSE;
  if (config->d < OS_SIM_MIN_D || config->d > OS_SIM_MAX_D)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "d = %d is outside the valid range [%d, %d]", config->d, OS_SIM_MIN_D, OS_SIM_MAX_D);
      return FALSE;
    }
  if (config->seeds < 1 || config->seeds > OS_SIM_MAX_SEEDS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "seeds = %d is outside the valid range [1, %d]", config->seeds, OS_SIM_MAX_SEEDS);
      return FALSE;
    }
  if (config->n_test < OS_SIM_MIN_N_TEST || config->n_test > OS_SIM_MAX_N_TEST)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "n_test = %d is outside the valid range [%d, %d]",
                   config->n_test, OS_SIM_MIN_N_TEST, OS_SIM_MAX_N_TEST);
      return FALSE;
    }
  os_sim_sizes (params, config->d, &p, &n0, &n);
  if (p < 1 || n0 < 1 || n < 1)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "d = %d is too small for these ratios: p = %d, n0 = %d, n = %d must be at least 1",
                   config->d, p, n0, n);
      return FALSE;
    }
  return TRUE;
}

/* ---- one seed ---------------------------------------------------------- */

/* all four phases for the seed net->seed, in net's buffers */
static gboolean
run_network (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws, OsSimCtx *ctx,
             GError **error)
{
  g_autofree double *zeta = g_new (double, net->d);

  if (!os_sim_network_step (params, net, ws, ctx, error)
      || !os_sim_network_spike (net, zeta, ws, ctx, error)
      || !os_sim_network_readout (params, net, ws, ctx, error)
      || !os_sim_network_test (params, net, ws, ctx, error))
    return FALSE;
  os_sim_network_order_params (net, zeta);
  os_sim_report (ctx, 1.0, "done");
  return TRUE;
}

OsSimNetwork *
os_simulate_network (const OsParams     *params,
                     const OsSimConfig  *config,
                     GCancellable       *cancellable,
                     OsSimProgressFunc   progress,
                     gpointer            progress_data,
                     GError            **error)
{
  OsSimCtx ctx = { cancellable, progress, progress_data, 0.0, 1.0, 0.0, 0.0, 0.0 };
  g_autoptr (OsSimNetwork) net = NULL;
  OsSimWorkspace ws;
  OsSimDims dims;
  gboolean ok;

  if (!os_sim_config_validate (params, config, error)
      || !os_sim_check_memory (os_simulation_network_memory_needed (params, config), params, config,
                               error))
    return NULL;
  if (os_sim_cancelled (&ctx, error))
    return NULL;
  dims = os_sim_dims_of (params, config);
  net = os_sim_network_new (params, config, error);
  if (net == NULL || !os_sim_workspace_init (&ws, &dims, OS_SIM_WORK_NETWORK, error))
    {
      os_sim_explain_no_memory (error, os_simulation_network_memory_needed (params, config), params,
                                config);
      return NULL;
    }
  net->seed = config->seed;
  ok = run_network (params, net, &ws, &ctx, error);
  os_sim_workspace_clear (&ws);
  return ok ? g_steal_pointer (&net) : NULL;
}

/* ---- several seeds ----------------------------------------------------- */

static void
mean_std (const double *x, int n, double *mean, double *std)
{
  double s = 0.0, ss = 0.0;

  for (int i = 0; i < n; i++)
    s += x[i];
  s /= n;
  for (int i = 0; i < n; i++)
    ss += (x[i] - s) * (x[i] - s);
  *mean = s;
  if (std != NULL)
    *std = n > 1 ? sqrt (ss / (n - 1)) : 0.0;
}

gboolean
os_simulate (const OsParams     *params,
             const OsSimConfig  *config,
             GCancellable       *cancellable,
             OsSimProgressFunc   progress,
             gpointer            progress_data,
             OsSimResult        *out,
             GError            **error)
{
  enum { TEST, TRAIN, M, Q1, Q2, THETA, PSI, R, C, GAMMA, N_VALUES };
  OsSimCtx ctx = { cancellable, progress, progress_data, 0.0, 1.0, 0.0, 0.0, 0.0 };
  gint64 t0 = g_get_monotonic_time ();
  g_autofree double *values = NULL;
  g_autoptr (OsSimNetwork) net = NULL;
  OsSimWorkspace ws;
  OsSimDims dims;
  int seeds;
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  if (!os_sim_config_validate (params, config, error)
      || !os_sim_check_memory (os_simulation_memory_needed (params, config), params, config,
                               error))
    return FALSE;
  if (os_sim_cancelled (&ctx, error))
    return FALSE;

  seeds = config->seeds;
  values = g_new (double, (gsize) N_VALUES * seeds);
  dims = os_sim_dims_of (params, config);
  /* one network and one workspace serve every seed */
  net = os_sim_network_new (params, config, error);
  if (net == NULL || !os_sim_workspace_init (&ws, &dims, OS_SIM_WORK_NETWORK, error))
    {
      os_sim_explain_no_memory (error, os_simulation_memory_needed (params, config), params, config);
      return FALSE;
    }
  ctx.frac_span = 1.0 / seeds;
  for (int k = 0; k < seeds && ok; k++)
    {
      ctx.frac0 = (double) k / seeds;
      net->seed = config->seed + (guint64) k;
      ok = run_network (params, net, &ws, &ctx, error);
      values[TEST * seeds + k] = net->test_error;
      values[TRAIN * seeds + k] = net->train_error;
      values[M * seeds + k] = net->m;
      values[Q1 * seeds + k] = net->q1;
      values[Q2 * seeds + k] = net->q2;
      values[THETA * seeds + k] = net->theta;
      values[PSI * seeds + k] = net->psi;
      values[R * seeds + k] = net->r;
      values[C * seeds + k] = net->c;
      values[GAMMA * seeds + k] = net->gamma;
    }
  os_sim_workspace_clear (&ws);
  if (!ok)
    return FALSE;

  memset (out, 0, sizeof *out);
  mean_std (values + TEST * seeds, seeds, &out->test_error, &out->test_error_std);
  mean_std (values + TRAIN * seeds, seeds, &out->train_error, &out->train_error_std);
  mean_std (values + M * seeds, seeds, &out->m, &out->m_std);
  mean_std (values + Q1 * seeds, seeds, &out->q1, &out->q1_std);
  mean_std (values + Q2 * seeds, seeds, &out->q2, &out->q2_std);
  mean_std (values + THETA * seeds, seeds, &out->theta, &out->theta_std);
  mean_std (values + PSI * seeds, seeds, &out->psi, &out->psi_std);
  mean_std (values + R * seeds, seeds, &out->r, &out->r_std);
  mean_std (values + C * seeds, seeds, &out->c, &out->c_std);
  mean_std (values + GAMMA * seeds, seeds, &out->gamma, &out->gamma_std);
  out->seeds = seeds;
  out->flops = ctx.flops;
  out->blas3_flops = ctx.blas3_flops;
  out->blas3_seconds = ctx.blas3_seconds;
  out->seconds = (g_get_monotonic_time () - t0) * 1e-6;
  return TRUE;
}
