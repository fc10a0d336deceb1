/* os-simulation.c — the real two-layer network of THEORY.md §1 and the
 * measurements of §6, on OpenBLAS/LAPACKE: the configuration and the entry
 * points (os_simulate, os_simulate_network); the spectra are in
 * os-sim-spectrum.c.
 *
 * One point of one seed runs in four phases; every matrix product is one BLAS call over a
 * chunk of at most SIM_CHUNK samples (the samples themselves are drawn one by
 * one from the seed's streams, so the chunking does not change the data, only
 * the order of floating-point sums; SIM_CHUNK is fixed, so a seed always gives
 * the same bits):
 *
 *   1. step     θ*, W0, then for each chunk X0 of the n0 samples
 *               Z = X0 W0ᵀ (dgemm), e = y − σ(Z)1/p, G = diag(e) σ'(Z),
 *               D += Gᵀ X0 (dgemm); finally W1 = W0 + (η̃/n0) D.
 *                                                    (os-sim-network.c)
 *   2. spike    v̂ = top right-singular vector of W1 − W0 = (η̃/n0) D (power
 *               iteration on its Gram, dense fallback), r, γ, c of §6.
 *                                                    (os-sim-measure.c)
 *   3. readout  Φ = σ(X W1ᵀ)/√p over the n samples (dgemm per chunk), the
 *               smaller ridge system (dsyrk + dposv), training error.
 *                                   (os-sim-network.c, os-sim-readout.c)
 *   4. test     the test error over n_test fresh samples, chunk by chunk.
 *                                                    (os-sim-readout.c)
 *
 * then m, q1, q2, θ, ψ of §6 (os-sim-measure.c).
 *
 * The phases share one workspace (see OsSimWorkspace), allocated once per
 * worker and reused by every seed; os_simulation_memory_needed () is its size
 * plus the network's, so the memory guard and the allocations cannot drift
 * apart (os-sim-workspace.c). os_simulate runs a sweep of one point
 * (os-sim-sweep.c): its network is lean (W0 is drawn into W1's buffer and
 * the step is added in place), and its seeds run concurrently when d is
 * small.
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
  config->precision = OS_SIM_PRECISION_DOUBLE;
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
  if (config->precision != OS_SIM_PRECISION_DOUBLE && config->precision != OS_SIM_PRECISION_SINGLE)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown precision %d",
                   (int) config->precision);
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

OsSimNetwork *
os_simulate_network (const OsParams     *params,
                     const OsSimConfig  *config,
                     GCancellable       *cancellable,
                     OsSimProgressFunc   progress,
                     gpointer            progress_data,
                     GError            **error)
{
  OsSimCtx ctx = OS_SIM_CTX_INIT (cancellable, progress, progress_data,
                                  config != NULL ? config->precision : OS_SIM_PRECISION_DOUBLE);
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
  net = os_sim_network_new (params, config);
  net->seed = config->seed;
  os_sim_workspace_init (&ws, &dims, OS_SIM_WORK_NETWORK, config->precision);
  ok = os_sim_run_point (params, net, &ws, &ctx, error);
  if (ok)
    os_sim_report (&ctx, 1.0, "done");
  os_sim_workspace_clear (&ws);
  return ok ? g_steal_pointer (&net) : NULL;
}

/* os_simulate, a sweep of one point, is in os-sim-sweep.c */
