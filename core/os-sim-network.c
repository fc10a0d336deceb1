/* os-sim-network.c — the network of one seed (THEORY.md §1): the teacher
 * θ*, the initial weights W0, the giant step to W1, and the feature matrix
 * Φ = σ(X Wᵀ)/√p of a stream of samples at any W.
 *
 * The step: for each chunk X0 of the n0 samples, Z = X0 W0ᵀ (dgemm),
 * e = y − σ(Z)1/p, G = diag(e) σ'(Z), D += Gᵀ X0 (dgemm); finally
 * W1 = W0 + (η̃/n0) D. Every product is one BLAS call over a chunk of at
 * most SIM_CHUNK samples (the samples themselves are drawn one by one, so
 * the chunking does not change the data, only the order of floating-point
 * sums; SIM_CHUNK is fixed, so a seed always gives the same bits).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <math.h>

/* A network with its buffers for params at config->d; the seed is the
 * caller's to set. NULL with OS_ERROR_NO_MEMORY when memory runs out. */
OsSimNetwork *
os_sim_network_new (const OsParams *params, const OsSimConfig *config, GError **error)
{
  OsSimNetwork *net = g_new0 (OsSimNetwork, 1);
  gsize pd;

  net->d = config->d;
  os_sim_sizes (params, config->d, &net->p, &net->n0, &net->n);
  net->n_test = config->n_test;
  pd = (gsize) net->p * net->d;
  if ((net->teacher = os_sim_buffer_new (net->d, error)) == NULL
      || (net->W0 = os_sim_buffer_new (pd, error)) == NULL
      || (net->W1 = os_sim_buffer_new (pd, error)) == NULL
      || (net->readout = os_sim_buffer_new (net->p, error)) == NULL
      || (net->spike = os_sim_buffer_new (net->d, error)) == NULL)
    {
      os_sim_network_free (net);
      return NULL;
    }
  return net;
}

void
os_sim_network_free (OsSimNetwork *network)
{
  if (network == NULL)
    return;
  g_free (network->teacher);
  g_free (network->W0);
  g_free (network->W1);
  g_free (network->readout);
  g_free (network->spike);
  g_free (network);
}

/* ---- θ*, W0 and the giant step ----------------------------------------- */

/* THEORY.md §1: draws θ* and W0 for net->seed and runs the step on n0
 * samples: net->teacher, net->W0, net->W1. */
gboolean
os_sim_network_step (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws, OsSimCtx *ctx,
                     GError **error)
{
  const int d = net->d, p = net->p, n0 = net->n0;
  const int chunk = MIN (SIM_CHUNK, n0);
  const gsize pd = (gsize) p * d;
  double *X = ws->X, *Z = ws->B, *S = ws->A, *D = net->W1;
  OsRng rng;

  os_sim_report (ctx, 0.0, "init");
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_TEACHER);
  os_rng_fill_normal (&rng, net->teacher, d);
  os_sim_normalise (net->teacher, d);

  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_INIT);
  for (int j = 0; j < p; j++)
    {
      os_rng_fill_normal (&rng, net->W0 + (gsize) j * d, d);
      os_sim_normalise (net->W0 + (gsize) j * d, d);
    }
  if (os_sim_cancelled (ctx, error))
    return FALSE;

  /* D = Σ_μ e_μ σ'(W0 x_μ) x_μᵀ accumulates in the W1 buffer */
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_STEP);
  for (int start = 0; start < n0; start += chunk)
    {
      const int b = MIN (chunk, n0 - start);

      os_sim_report (ctx, 0.05 + 0.3 * start / n0, "step");
      os_sim_draw_samples (ctx, &rng, params, net->teacher, d, b, X, ws->y, ws->eps);
      os_sim_gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, net->W0, d, 0.0, Z, p);
      os_sim_student_value_and_slope (params->student, Z, S, (gsize) b * p);
      for (int i = 0; i < b; i++)
        {
          const double *s_i = S + (gsize) i * p;
          double f0 = 0.0;

          for (int j = 0; j < p; j++)
            f0 += s_i[j];
          /* e = y − f0(x), f0(x) = (1/√p) Σ_j (1/√p) σ(⟨w_j, x⟩) */
          cblas_dscal (p, ws->y[i] - f0 / p, Z + (gsize) i * p, 1);
        }
      os_sim_gemm (ctx, CblasTrans, CblasNoTrans, p, d, b, 1.0, Z, p, X, d, start == 0 ? 0.0 : 1.0,
                   D, d);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  {
    const double scale = params->eta / n0;

    for (gsize k = 0; k < pd; k++)
      net->W1[k] = net->W0[k] + scale * D[k];
  }
  return TRUE;
}

/* ---- the features ------------------------------------------------------ */

/* Φ (n × p, into ws->A) = σ(X Wᵀ)/√p over the n samples of stream, and
 * their n labels into ws->y. centered: remove the column means of Φ. */
gboolean
os_sim_feature_matrix (const OsParams *params, const OsSimNetwork *net, const double *W,
                       OsSimStream stream, int n, gboolean centered, OsSimWorkspace *ws,
                       double progress_from, double progress_to, const char *stage,
                       OsSimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, chunk = MIN (SIM_CHUNK, n);
  const double scale = 1.0 / sqrt (p);
  double *Phi = ws->A;
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, stream);
  for (int start = 0; start < n; start += chunk)
    {
      const int b = MIN (chunk, n - start);
      double *rows = Phi + (gsize) start * p;

      os_sim_report (ctx, progress_from + (progress_to - progress_from) * start / n, stage);
      os_sim_draw_samples (ctx, &rng, params, net->teacher, d, b, ws->X, ws->y + start, ws->eps);
      os_sim_gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, ws->X, d, W, d, 0.0, rows, p);
      os_sim_student_features (params->student, rows, (gsize) b * p, scale);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  if (centered)
    {
      g_autofree double *mean = g_new0 (double, p);

      for (int i = 0; i < n; i++)
        cblas_daxpy (p, 1.0 / n, Phi + (gsize) i * p, 1, mean, 1);
      for (int i = 0; i < n; i++)
        cblas_daxpy (p, -1.0, mean, 1, Phi + (gsize) i * p, 1);
    }
  return TRUE;
}
