/* os-spectral-density.c — the predicted spectra of THEORY.md §9: bulk
 * densities, edges and outliers of the singular values of the weights W
 * (p × d) and of the features Φ = σ(X Wᵀ)/√p (n × p), at initialisation and
 * after the giant step. The entry point: it checks the arguments, fills the
 * fields both matrices share, hands each matrix to its own file, and scales
 * the bulk by its mass.
 *
 * Weights (os-spectral-weights.c). The bulk c W̃0 has the Marchenko–Pastur
 * law of §4 in D = σ²; the rank-one spike r 1_p v̂ᵀ, of size s = r√p,
 * leaves the bulk when θ = s/c > β^{1/4} (rectangular BBP) and then sits at
 * c√((1+θ²)(β+θ²))/θ.
 *
 * Features (os-spectral-features.c, os-spectral-solver.c). The bulk
 * eigenvalues of S = (1/n) Σ φ̃φ̃ᵀ follow the deterministic equivalent of a
 * κ-mixture of covariances μ1(κ)²Ω + μ2(κ)²I (Ω = c² W̃0 W̃0ᵀ), solved
 * point by point for two complex unknowns (A, B) by Newton's method
 * (os-spectral-solver.c), on a support found by scan and bisection and an
 * adaptive grid (os-spectral-features.c); the mean feature μ0(κ) 1_p adds
 * an outlier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-error.h"

#include <math.h>

#define DEFAULT_POINTS        400
#define MAX_POINTS            100000

/* ---- entry point ------------------------------------------------------- */

void
os_spectral_density_free (OsSpectralDensity *density)
{
  if (density == NULL)
    return;
  g_free (density->singular_value);
  g_free (density->density);
  g_free (density->status);
  g_free (density);
}

/* round(ratio · d), clipped to G_MAXINT */
static int
round_size (double ratio, int d)
{
  return (int) MIN ((double) G_MAXINT, floor (ratio * d + 0.5));
}

OsSpectralDensity *
os_spectral_density_compute (const OsParams    *params,
                             OsSpectrumMatrix   matrix,
                             gboolean           centered,
                             gboolean           after_step,
                             int                d,
                             int                n_points,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr (OsSpectralDensity) out = NULL;
  OsParams p;
  OsSpike spike;
  int p_width, n_samples, n_out_rank;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!os_params_validate (params, error))
    return NULL;
  if (matrix != OS_SPECTRUM_WEIGHTS && matrix != OS_SPECTRUM_FEATURES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "matrix: %d is neither the weights nor the features", (int) matrix);
      return NULL;
    }
  if (d < 1 || d > 100000000)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "d: %d is outside the valid range [1, 100000000]", d);
      return NULL;
    }
  if (n_points == 0)
    n_points = DEFAULT_POINTS;
  if (n_points < 16 || n_points > MAX_POINTS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "n_points: %d is outside the valid range [16, %d] (or 0 for %d)",
                   n_points, MAX_POINTS, DEFAULT_POINTS);
      return NULL;
    }
  p_width = MAX (1, round_size (params->beta, d));
  n_samples = MAX (1, round_size (params->alpha, d));
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  p = *params;
  if (!after_step)
    p.eta = 0.0;               /* initialisation: r = 0, c = 1 */
  os_spike_compute (&p, &spike);

  out = g_new0 (OsSpectralDensity, 1);
  out->matrix = matrix;
  out->centered = matrix == OS_SPECTRUM_FEATURES && centered;
  out->after_step = after_step;
  out->d = d;
  out->converged = TRUE;

  if (matrix == OS_SPECTRUM_WEIGHTS)
    os_spectral_weights_fill (&p, &spike, p_width, d, n_points, out);
  else if (!os_spectral_features_fill (&p, p_width, n_samples, n_points, out, cancellable, error))
    return NULL;

  n_out_rank = out->n_outliers;
  out->bulk_mass = out->n_values > 0 ? (double) (out->n_values - MIN (n_out_rank, out->n_values)) / out->n_values : 0.0;
  for (int i = 0; i < out->n; i++)
    {
      out->density[i] *= out->bulk_mass;
      if (!isfinite (out->density[i]))
        {
          out->density[i] = 0.0;
          out->converged = FALSE;
          if (out->status == NULL)
            out->status = g_strdup ("a non-finite density was set to 0");
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&out);
}
