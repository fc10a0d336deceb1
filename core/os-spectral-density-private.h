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
 *   os-spectral-law.c       a law given by a piecewise-linear density and
 *                           an atom at 0, its Stieltjes transform
 *   os-spectral-gmp.c       the weights' bulk when τ ≠ 0 (ReLU): the
 *                           generalised Marchenko–Pastur law of §9's
 *                           correction, cached per parameter set
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

#define SERIES_TERMS          34      /* moment series, used when |v| x₊ < 1/4 */

/* ---- a spectral law (os-spectral-law.c) ---------------------------------- */

/* A law on [0, ∞): an atom at 0 and, on each of n_iv intervals, a density
 * f(x) = √(1 − t²) Σ c_k U_k(t) (t the interval's coordinate; in σ = √x
 * for a hard edge at 0). Immutable, reference counted. */
#define LAW_MAX_COEF       255
#define LAW_MAX_INTERVALS  8

typedef struct
{
  double   a, b;             /* the support in x                              */
  double   mid, half;        /* centre and half-width (soft form)             */
  double   sigma_b;          /* √b (hard form)                                */
  gboolean hard;             /* the even form in σ on [−√b, √b]               */
  int      n;
  double   c[LAW_MAX_COEF];
} OsLawInterval;

typedef struct
{
  int     ref_count;
  int     n_iv;
  OsLawInterval iv[LAW_MAX_INTERVALS];
  double  atom;              /* mass at 0                                     */
  double  lo, hi;            /* ends of the support of the density            */
  double  mom[SERIES_TERMS + 3];   /* ⟨x^k⟩, the atom included               */
  int     n_failed;          /* points where the density could not be had     */
  double  raw_mass;          /* the density's mass before it was made exact   */
} OsSpectralLaw;

/* The density of x at one point (per the law's total mass); the builder
 * calls it in descending x within each interval. */
typedef double (*OsLawDensityFunc) (double x, gpointer data);

OsSpectralLaw *os_spectral_law_build     (int n_iv, const double *lo, const double *hi,
                                          double atom, OsLawDensityFunc density, gpointer data);
OsSpectralLaw *os_spectral_law_ref       (OsSpectralLaw *law);
void           os_spectral_law_unref     (OsSpectralLaw *law);
/* ∫ f (the atom left out), and f multiplied by a factor */
double         os_spectral_law_mass      (const OsSpectralLaw *law);
void           os_spectral_law_scale     (OsSpectralLaw *law, double factor);
/* the density at x (0 outside the intervals) */
double         os_spectral_law_density   (const OsSpectralLaw *law, double x);
/* m(w) = ⟨1/(x − w)⟩ and m'(w), atom included, w off the support */
void           os_spectral_law_stieltjes (const OsSpectralLaw *law, cplx w, cplx *m, cplx *dm);

/* ---- the weights' bulk when τ ≠ 0 (os-spectral-gmp.c) -------------------- */

/* TRUE when the bulk of W1 is not c W̃0's: after a step (η̃ > 0) of a
 * student with τ = E[z σ'(z)] ≠ 0 (ReLU). */
gboolean       os_spectral_gmp_applies   (const OsParams *params, const OsSpike *spike);
/* The law of x = ℓ/c² over the p eigenvalues ℓ of W1's bulk Gram matrix
 * (atom 1 − 1/β at 0 when β > 1; ⟨x⟩ = 1), from a cache of the most
 * recent (σ, σ*, η̃, α0, Δ, β). A new reference, or NULL with
 * G_IO_ERROR_CANCELLED or OS_ERROR_NOT_CONVERGED. */
OsSpectralLaw *os_spectral_gmp_law       (const OsParams *params, const OsSpike *spike,
                                          GCancellable *cancellable, GError **error);
void           os_spectral_gmp_cache_clear (void);
/* The population's g_T(z) = (1/d) tr (T − z)⁻¹ at Im z > 0 (for tests). */
gboolean       os_spectral_gmp_population (const OsParams *params, const OsSpike *spike,
                                           cplx z, cplx *out_g);

/* ---- the deterministic equivalent at one z (os-spectral-solver.c) ------ */

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
  /* the law of x = D/c² when it is not Marchenko–Pastur's (the ReLU bulk
   * of os-spectral-gmp.c), else NULL; x_lo, x_hi and mom[] are then its */
  OsSpectralLaw *law;
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
