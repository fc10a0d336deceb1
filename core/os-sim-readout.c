/* os-sim-readout.c — the ridge readout of THEORY.md §1 step 2 and the two
 * errors of the simulated network.
 *
 * The readout in three parts: the Gram matrix of the features (the smaller
 * of ΦᵀΦ and ΦΦᵀ, by dsyrk), the solve for one λ (Cholesky, dposv), and the
 * training error ε_t = (1/n) ‖y − Φâ‖². The test error streams n_test fresh
 * samples through W1 and â, chunk by chunk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"
#include "os-error.h"

#include <lapacke.h>
#include <math.h>
#include <string.h>

/* ---- the ridge readout ------------------------------------------------- */

/* The Gram matrix of the ridge system for Φ (n × p): the upper triangle of
 * ΦᵀΦ (p × p) when p ≤ n, else of ΦΦᵀ (n × n), into gram. */
void
os_sim_ridge_gram (OsSimCtx *ctx, const double *Phi, int n, int p, double *gram)
{
  if (p <= n)
    os_sim_syrk (ctx, CblasTrans, p, n, Phi, p, gram, p);
  else
    os_sim_syrk (ctx, CblasNoTrans, n, p, Phi, p, gram, n);
}

/* The ridge readout for one λ: â = (ΦᵀΦ + λI)⁻¹Φᵀy when p ≤ n, else
 * Φᵀ(ΦΦᵀ + λI)⁻¹y, by Cholesky. gram is ridge_gram's matrix (λ is added to
 * its diagonal, then LAPACK overwrites it); u is scratch of n doubles.
 * Writes readout (p); FALSE with OS_ERROR_NUMERICAL when the system is not
 * positive definite, or G_IO_ERROR_CANCELLED. */
gboolean
os_sim_ridge_solve (OsSimCtx *ctx, const double *Phi, const double *y, int n, int p, double lambda,
             double *gram, double *u, double *readout, GError **error)
{
  lapack_int info;

  if (p <= n)
    {
      for (int j = 0; j < p; j++)
        gram[(gsize) j * p + j] += lambda;
      cblas_dgemv (CblasRowMajor, CblasTrans, n, p, 1.0, Phi, p, y, 1, 0.0, readout, 1);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
      /* row-major upper = column-major lower: no transposed copy */
      info = LAPACKE_dposv (LAPACK_COL_MAJOR, 'L', p, 1, gram, p, readout, p);
      ctx->flops += 2.0 * n * p + (double) p * p * p / 3.0 + 2.0 * p * p;
    }
  else
    {
      for (int i = 0; i < n; i++)
        gram[(gsize) i * n + i] += lambda;
      memcpy (u, y, sizeof *u * n);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
      info = LAPACKE_dposv (LAPACK_COL_MAJOR, 'L', n, 1, gram, n, u, n);
      if (info == 0)
        cblas_dgemv (CblasRowMajor, CblasTrans, n, p, 1.0, Phi, p, u, 1, 0.0, readout, 1);
      ctx->flops += 2.0 * n * p + (double) n * n * n / 3.0 + 2.0 * n * n;
    }
  if (info != 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NUMERICAL,
                   "the ridge system is not positive definite (LAPACK dposv info %d)", (int) info);
      return FALSE;
    }
  return TRUE;
}

/* The training error ε_t = (1/n) ‖y − Φâ‖² of the readout â (p) on Φ
 * (n × p) and y (n); u is scratch of n doubles. */
double
os_sim_train_error (OsSimCtx *ctx, const double *Phi, const double *y, int n, int p,
             const double *readout, double *u)
{
  memcpy (u, y, sizeof *u * n);
  cblas_dgemv (CblasRowMajor, CblasNoTrans, n, p, -1.0, Phi, p, readout, 1, 1.0, u, 1);
  ctx->flops += 2.0 * n * p;
  return cblas_ddot (n, u, 1, u, 1) / n;
}

/* THEORY.md §1 step 2: Φ at W1 on the n readout samples, â by ridge, then
 * the training error. */
gboolean
os_sim_network_readout (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws,
                        OsSimSampler *test, OsSimCtx *ctx, GError **error)
{
  const int p = net->p, n = net->n;
  double *Phi = ws->A, *gram = ws->B, *y = ws->y, *u = ws->u;

  os_sim_report (ctx, 0.40, "readout");
  if (!os_sim_feature_matrix (params, net, net->W1, OS_SIM_STREAM_READOUT, n, FALSE, test,
                              MIN (SIM_CHUNK, net->n_test), ws, 0.40, 0.60, "readout", ctx, error))
    return FALSE;

  os_sim_report (ctx, 0.60, "ridge");
  os_sim_ridge_gram (ctx, Phi, n, p, gram);
  if (!os_sim_ridge_solve (ctx, Phi, y, n, p, params->lambda, gram, u, net->readout, error))
    return FALSE;
  if (os_sim_cancelled (ctx, error))
    return FALSE;

  net->train_error = os_sim_train_error (ctx, Phi, y, n, p, net->readout, u);
  return TRUE;
}

/* ---- the test error ---------------------------------------------------- */

/* Σ (y − Zâ)² over one chunk, y overwritten by the residual */
static double
chunk_squared_error (OsSimCtx *ctx, const double *Z, double *y, int b, int p, const double *readout)
{
  cblas_dgemv (CblasRowMajor, CblasNoTrans, b, p, -1.0, Z, p, readout, 1, 1.0, y, 1);
  ctx->flops += 2.0 * b * p;
  return cblas_ddot (b, y, 1, y, 1);
}

/* The test error of the readout: (1/n_test) Σ (y − Φâ)² over the n_test
 * fresh samples of the test stream, chunk by chunk. */
gboolean
os_sim_network_test (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws,
                     OsSimSampler *test, OsSimCtx *ctx, GError **error)
{
  const int p = net->p, n_test = net->n_test;
  const int chunk = MIN (SIM_CHUNK, n_test);
  double *Z = ws->B, *y = ws->y, sum = 0.0;
  OsSimSampler own;

  if (test == NULL)
    {
      os_sim_sampler_init (&own, net->seed, OS_SIM_STREAM_TEST);
      test = &own;
    }
  for (int start = 0; start < n_test; start += chunk)
    {
      const int b = MIN (chunk, n_test - start);

      os_sim_report (ctx, 0.75 + 0.25 * start / n_test, "test");
      os_sim_sample_features (params, net, net->W1, test, b, Z, y, test,
                              MIN (chunk, n_test - start - b), ws, ctx);
      sum += chunk_squared_error (ctx, Z, y, b, p, net->readout);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  net->test_error = sum / n_test;
  return TRUE;
}

/* The test features and labels, kept (n_test × p and n_test) for sweeps
 * whose points share W1 */
gboolean
os_sim_test_features (const OsParams *params, const OsSimNetwork *net, OsSimWorkspace *ws,
                      double *Z, double *y, OsSimCtx *ctx, GError **error)
{
  const int p = net->p, n_test = net->n_test;
  const int chunk = MIN (SIM_CHUNK, n_test);
  OsSimSampler sampler;

  os_sim_sampler_init (&sampler, net->seed, OS_SIM_STREAM_TEST);
  for (int start = 0; start < n_test; start += chunk)
    {
      const int b = MIN (chunk, n_test - start);

      os_sim_report (ctx, 0.30 + 0.05 * start / n_test, "test");
      os_sim_sample_features (params, net, net->W1, &sampler, b, Z + (gsize) start * p, y + start,
                              &sampler, MIN (chunk, n_test - start - b), ws, ctx);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  return TRUE;
}

/* the test error of readout from kept features: os_sim_network_test's sums
 * in its order */
double
os_sim_test_error_kept (OsSimCtx *ctx, const double *Z, const double *y, int n_test, int p,
                        const double *readout, double *u)
{
  const int chunk = MIN (SIM_CHUNK, n_test);
  double sum = 0.0;

  for (int start = 0; start < n_test; start += chunk)
    {
      const int b = MIN (chunk, n_test - start);

      memcpy (u, y + start, sizeof *u * b);
      sum += chunk_squared_error (ctx, Z + (gsize) start * p, u, b, p, readout);
    }
  return sum / n_test;
}
