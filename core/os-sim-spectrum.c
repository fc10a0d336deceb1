/* os-sim-spectrum.c — the simulated spectra of THEORY.md §6 and §9: the
 * singular values of the weights W0, W1 (p × d) or of the features
 * Φ = σ(X Wᵀ)/√p (n × p) at W0 and W1, from one seed, to compare with the
 * predicted densities of os-spectral-density.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"
#include "os-error.h"

#include <lapacke.h>
#include <math.h>

/* The min(rows, cols) singular values of A (rows × cols, row-major), in
 * descending order: square roots of the eigenvalues of the smaller Gram
 * matrix (dsyrk into G, then dsyevd without vectors), negatives of rounding
 * size clipped to 0. */
static gboolean
singular_values (OsSimCtx *ctx, const double *A, int rows, int cols, double *G, double *out,
                 GError **error)
{
  const int m = MIN (rows, cols);
  g_autofree double *w = g_new (double, m);
  lapack_int info;

  if (rows <= cols)
    os_sim_syrk (ctx, CblasNoTrans, rows, cols, A, cols, G, m);
  else
    os_sim_syrk (ctx, CblasTrans, cols, rows, A, cols, G, m);
  if (os_sim_cancelled (ctx, error))
    return FALSE;
  info = LAPACKE_dsyevd (LAPACK_COL_MAJOR, 'N', 'L', m, G, m, w);
  if (info != 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NUMERICAL,
                   "the eigenvalues of the Gram matrix did not converge (LAPACK dsyevd info %d)",
                   (int) info);
      return FALSE;
    }
  for (int i = 0; i < m; i++)
    out[i] = sqrt (MAX (w[m - 1 - i], 0.0));
  return TRUE;
}

OsSimSpectrum *
os_simulate_spectrum (const OsParams     *params,
                      const OsSimConfig  *config,
                      OsSpectrumMatrix    matrix,
                      gboolean            centered,
                      GCancellable       *cancellable,
                      GError            **error)
{
  OsSimCtx ctx = OS_SIM_CTX_INIT (cancellable, NULL, NULL, config->precision);
  g_autoptr (OsSimNetwork) net = NULL;
  OsSimSpectrum *spectrum;
  OsSimWorkspace ws;
  OsSimDims dims;
  gboolean ok;

  if (!os_sim_config_validate (params, config, error))
    return NULL;
  if (matrix != OS_SPECTRUM_WEIGHTS && matrix != OS_SPECTRUM_FEATURES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown spectrum matrix %d",
                   (int) matrix);
      return NULL;
    }
  if (!os_sim_check_memory (os_simulation_spectrum_memory_needed (params, config, matrix),
                            params, config, error))
    return NULL;
  if (os_sim_cancelled (&ctx, error))
    return NULL;

  dims = os_sim_dims_of (params, config);
  net = os_sim_network_new (params, config);
  net->seed = config->seed;
  os_sim_workspace_init (&ws, &dims,
                         matrix == OS_SPECTRUM_WEIGHTS ? OS_SIM_WORK_WEIGHTS : OS_SIM_WORK_FEATURES,
                         config->precision);

  spectrum = g_new0 (OsSimSpectrum, 1);
  spectrum->matrix = matrix;
  spectrum->p = net->p;
  spectrum->d = net->d;
  if (matrix == OS_SPECTRUM_WEIGHTS)
    {
      spectrum->centered = FALSE;
      spectrum->n_samples = 0;
      spectrum->n = MIN (net->p, net->d);
      spectrum->init = g_new (double, spectrum->n);
      spectrum->step = g_new (double, spectrum->n);
      ok = os_sim_network_step (params, net, &ws, net->W1, &ctx, error)
           && singular_values (&ctx, net->W0, net->p, net->d, ws.B, spectrum->init, error)
           && singular_values (&ctx, net->W1, net->p, net->d, ws.B, spectrum->step, error);
    }
  else
    {
      const int n = net->n;

      spectrum->centered = centered;
      spectrum->n_samples = n;
      spectrum->n = MIN (n, net->p);
      spectrum->init = g_new (double, spectrum->n);
      spectrum->step = g_new (double, spectrum->n);
      /* the same n readout samples at W0 and at W1 */
      const gsize pd = (gsize) net->p * net->d;

      ok = os_sim_network_step (params, net, &ws, net->W1, &ctx, error);
      if (ok)
        {
          os_sim_workspace_set_w (&ctx, &ws, net->W0, pd);
          ok = os_sim_feature_matrix (params, net, net->W0, OS_SIM_STREAM_READOUT, n, centered,
                                      NULL, 0, &ws, 0.0, 0.0, "features", &ctx, error)
               && singular_values (&ctx, ws.A, n, net->p, ws.B, spectrum->init, error);
        }
      if (ok)
        {
          os_sim_workspace_set_w (&ctx, &ws, net->W1, pd);
          ok = os_sim_feature_matrix (params, net, net->W1, OS_SIM_STREAM_READOUT, n, centered,
                                      NULL, 0, &ws, 0.0, 0.0, "features", &ctx, error)
               && singular_values (&ctx, ws.A, n, net->p, ws.B, spectrum->step, error);
        }
    }
  os_sim_workspace_clear (&ws);
  if (!ok)
    {
      os_sim_spectrum_free (spectrum);
      return NULL;
    }
  return spectrum;
}

void
os_sim_spectrum_free (OsSimSpectrum *spectrum)
{
  if (spectrum == NULL)
    return;
  g_free (spectrum->init);
  g_free (spectrum->step);
  g_free (spectrum);
}
