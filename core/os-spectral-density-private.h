/* os-spectral-density-private.h — what the files of the predicted spectra
 * share, not for callers (they use os-spectral-density.h):
 *
 *   os-spectral-density.c   the entry point: checks, the common fields,
 *                           the bulk's mass
 *   os-spectral-weights.c   the weights: Marchenko–Pastur bulk, rectangular
 *                           BBP outlier
 *   os-spectral-features.c  the features: support, adaptive grid and mass
 *                           check of the bulk, the mean feature's outlier
 *   os-spectral-solver.c    the deterministic equivalent of THEORY.md §9 at
 *                           one point z: the κ-mixture, the (A, B) system
 *                           and its solvers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <complex.h>
#include "os-spectral-density.h"
#include "os-srf.h"

G_BEGIN_DECLS

typedef double complex cplx;

/* ---- the two matrices (os-spectral-weights.c, os-spectral-features.c) -- */

/* The weights W (p × d) of params (after the step, or at initialisation
 * when params->eta = 0) with its spike: fills out's bulk (n_points
 * Chebyshev–Lobatto points of the Marchenko–Pastur law of c W̃, in σ), its
 * edges, n_values, atom_mass, spike_theta and the BBP outlier at this d
 * (p_width = round(β d)). The density is per non-zero singular value;
 * the caller scales it by the bulk's mass. */
void     os_spectral_weights_fill  (const OsParams *params, const OsSpike *spike,
                                    int p_width, int d, int n_points,
                                    OsSpectralDensity *out);

/* The features Φ (n × p) of params: fills out's bulk (support by scan and
 * bisection, density on an adaptive grid of n_points), its edges,
 * n_values, atom_mass, converged/status/n_failed, and the mean feature's
 * eigenvalue and outlier (out->centered: the centred one) at these sizes
 * (p_width = round(β d), n_samples = round(α d)). The density is per
 * non-zero singular value; the caller scales it by the bulk's mass. FALSE
 * with G_IO_ERROR_CANCELLED, or OS_ERROR_NOT_CONVERGED when no bulk could
 * be located. */
gboolean os_spectral_features_fill (const OsParams *params, int p_width, int n_samples,
                                    int n_points, OsSpectralDensity *out,
                                    GCancellable *cancellable, GError **error);

/* ---- the deterministic equivalent at one z (os-spectral-solver.c) ------ */

#define SERIES_TERMS          34      /* moment series, used when |v| x₊ < 1/4 */

/* The κ-mixture of covariances μ1(κ)²Ω + μ2(κ)²I, Ω = c² W̃0 W̃0ᵀ, that
 * the feature bulk averages over (see os_spectral_mixture_init). */
typedef struct
{
  int     n;                 /* intervals; 0: one point mass (no spike)     */
  double *kappa;             /* n + 1 nodes                                 */
  double *a, *b;             /* μ1(κ)², μ2(κ)² at the nodes                 */
  double *w;                 /* n interval masses (sum 1); w[0] = 1 if n = 0 */
  double  c2;                /* c²                                           */
  double  beta;              /* β: the Marchenko–Pastur ratio of Ω           */
  double  ratio;             /* β/α = p/n                                    */
  double  x_lo, x_hi;        /* MP edges, unit scale                         */
  double  mom[SERIES_TERMS + 3];   /* ⟨x^k⟩, unit scale (atom included)      */
  double  mean_a, mean_b;    /* E μ1², E μ2² under the model                 */
  double  max_a, max_b;
  double  scale;             /* mean eigenvalue of S: c² E μ1² + E μ2²       */
  double  atom;              /* mass of S at 0: max(0, 1 − α/β)              */
} OsSpectralMixture;

/* The mixture of params with the spike `spike` (THEORY.md §2–3 and §9):
 * continuous in κ when the spike is on, one covariance when it is off.
 * Free with os_spectral_mixture_clear. */
void     os_spectral_mixture_init  (OsSpectralMixture *mix, const OsParams *params,
                                    const OsSpike *spike);
void     os_spectral_mixture_clear (OsSpectralMixture *mix);

/* Safeguarded Newton for (A, B) at z from (*A, *B); on success TRUE, with
 * them and *g0 = ⟨G⟩ updated (on the physical branch only). */
gboolean os_spectral_newton        (const OsSpectralMixture *mix, cplx z, cplx *A, cplx *B,
                                    cplx *g0);

/* Solves at z = x + i eps from the warm start (*A, *B) (none yet when
 * *have_start is FALSE), falling back on §9's damped iteration and a
 * continuation in ε. TRUE with (*A, *B) and *g0 updated; FALSE (warm start
 * left as it was) on failure. */
gboolean os_spectral_solve_point   (const OsSpectralMixture *mix, double x, double eps,
                                    gboolean *have_start, cplx *A, cplx *B, cplx *g0);

/* The density of the eigenvalues of S at λ > 0 from g0 = ⟨G⟩ at λ + i eps,
 * per p eigenvalues, the atom at 0 excluded. */
double   os_spectral_bulk_density_lambda (const OsSpectralMixture *mix, double lambda,
                                          double eps, cplx g0);

G_END_DECLS
