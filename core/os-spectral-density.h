/* os-spectral-density.h — predicted spectra of the weights and the features
 * (THEORY.md §9): bulk densities, edges and outliers, to draw over the
 * simulated histograms.
 *
 * OWNER: the spectrum theory (issue #6). The signatures below are the
 * contract the UI codes against; extend, don't break.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-params.h"
#include "os-simulation.h"

G_BEGIN_DECLS

#define OS_SPECTRAL_MAX_OUTLIERS 4

typedef struct
{
  OsSpectrumMatrix matrix;
  gboolean centered;       /* features: column means removed               */
  gboolean after_step;     /* W1 (TRUE) or W0 (FALSE)                       */
  int      d;              /* the size that places the outliers (p = β d)   */
  /* the bulk: density of the singular values, same normalisation as a
   * histogram of the min(p, ·) singular values: ∫ density = bulk_mass */
  int      n;
  double  *singular_value; /* n grid points, ascending                      */
  double  *density;
  double   bulk_mass;      /* fraction of non-zero singular values          */
  double   edge_lo, edge_hi;
  int      n_outliers;
  double   outliers[OS_SPECTRAL_MAX_OUTLIERS];   /* descending               */
  gboolean converged;
  /* ---- added by the spectrum theory (issue #6) ---------------------------
   * Normalisation, precisely: the matrix (W, p × d; or Φ, n × p) has
   * n_values = min(rows, cols) singular values, all of them non-zero almost
   * surely. The zero eigenvalues of the larger Gram matrix (the
   * Marchenko–Pastur atom of W Wᵀ when β > 1; the atom of mass 1 − α/β of
   * S = (β/α) ΦᵀΦ when α < β) are not singular values: they are dropped and
   * the law renormalised over the n_values non-zero ones. `density` is that
   * law times bulk_mass = (n_values − n_outliers)/n_values, so a histogram
   * of ALL n_values simulated singular values, normalised to unit area,
   * integrates over the bulk to bulk_mass and agrees with `density` bin by
   * bin. */
  int      n_values;       /* min(rows, cols) at this d                      */
  double   atom_mass;      /* mass at 0 of the larger Gram matrix's spectrum,
                            * per its eigenvalues (dropped, see above)      */
  int      n_failed;       /* grid points where the δ iteration failed       */
  char    *status;         /* NULL, or why converged is FALSE (UTF-8)        */
  /* the outliers, as eigenvalue-type predictions (THEORY.md §9): the weight
   * spike θ = r√p / c, or the feature mean's eigenvalue of S */
  double   spike_theta;    /* weights: θ; features: 0                        */
  double   mean_eigenvalue;/* features: p E_κ[μ0²] (or p Var_κ[μ0] centred)  */
  double   edge_eigenvalue;/* features: upper bulk edge of S; weights: c²(1+√β)² */
} OsSpectralDensity;

/* The predicted spectrum of one matrix (THEORY.md §9, with §4 and §6).
 *
 * params: the model (validated; OS_ERROR_INVALID_ARGUMENT names a bad value).
 * matrix: the weights W (p × d) or the features Φ = σ(X Wᵀ)/√p (n × p).
 * centered: features with their column means removed (ignored for weights;
 *   the result then says centered = FALSE).
 * after_step: W1 (TRUE) or the initialisation W0 (FALSE: r = 0, c = 1).
 * d: the input dimension, in [1, 1e8]; it only places the outliers
 *   (p = round(β d), n = round(α d)) and counts n_values — the bulk is the
 *   d → ∞ law.
 * n_points: grid size of the bulk (0 = 400; otherwise 16 … 100000). Points
 *   are Chebyshev–Lobatto in σ on each interval of the support (clustered
 *   at the edges, density exactly 0 at them); when the feature bulk has
 *   several intervals the grid covers each, and the density is 0 between.
 *
 * Outliers (descending): weights — the rectangular BBP value
 * c√((1+θ²)(β+θ²))/θ when θ = r√p/c > β^{1/4}, none otherwise; features —
 * √((α/β) λ0) with λ0 = p E_κ[μ0(κ)²] (uncentred) or p Var_κ[μ0(κ)]
 * (centred), reported when λ0 exceeds the upper bulk edge of S.
 *
 * converged is FALSE (and status says why; n_failed counts the points) when
 * the δ(κ) iteration of the feature bulk failed at some grid point: the
 * density is 0 there, never NaN. Returns NULL with G_IO_ERROR_CANCELLED
 * when cancelled (checked between grid points), or OS_ERROR_NOT_CONVERGED
 * when no bulk could be located at all. */
OsSpectralDensity *os_spectral_density_compute (const OsParams    *params,
                                                OsSpectrumMatrix   matrix,
                                                gboolean           centered,
                                                gboolean           after_step,
                                                int                d,
                                                int                n_points,
                                                GCancellable      *cancellable,
                                                GError           **error);
void               os_spectral_density_free    (OsSpectralDensity *density);

/* The rectangular BBP outlier (THEORY.md §9): top singular value of
 * c W̃ + s u v̂ᵀ (W̃ p × d with unit rows, β = p/d, u, v̂ unit vectors),
 * c√((1+θ²)(β+θ²))/θ with θ = s/c when θ > β^{1/4}; 0 otherwise (the top
 * value then sticks to the edge c(1 + √β)). */
double             os_spectral_weight_outlier  (double beta, double c, double s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsSpectralDensity, os_spectral_density_free)

G_END_DECLS
