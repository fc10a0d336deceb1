/* os-finite-size.h — the network at a finite input dimension d
 * (THEORY.md §10): where the spike leaves the bulk (the rectangular BBP
 * threshold η̃_BBP(d)), the test error with a spike of fixed strength
 * s = r√p (the weak-spike regime, ε_weak(s)), and the uniform finite-d
 * test error ε_d(η̃) that joins it to the d → ∞ theory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-params.h"

G_BEGIN_DECLS

#define OS_FINITE_MIN_D 10.0
#define OS_FINITE_MAX_D 1e8

/* The spike of the weights against their bulk at one η̃ and d (§9, §10).
 * p = βd (not rounded: the BBP equation of §10 reads r√(βd)). */
typedef struct
{
  double d;
  double eta_bbp;          /* η̃_BBP(d); INFINITY when the spike does not
                            * leave the bulk anywhere in η̃ ∈ (0, 10]      */
  double spike_singular;   /* s = r √(βd)                                  */
  double bulk_edge;        /* c (1 + √β)                                   */
  double bbp_value;        /* c β^{1/4}: s leaves the bulk above it        */
  gboolean detached;       /* s > c β^{1/4}, i.e. η̃ > η̃_BBP(d)             */
} OsSpikeSize;

/* η̃_BBP(d): the smallest η̃ > 0 at which θ(η̃) = r(η̃)√(βd)/c(η̃) reaches
 * β^{1/4} (THEORY.md §10, the rectangular BBP transition of §9).
 *
 * params: the model (η̃ is ignored); d: the input dimension, in
 * [OS_FINITE_MIN_D, OS_FINITE_MAX_D].
 * Returns the root to 1e-13 relative, found by bisection on a bracket where
 * θ is increasing (θ rises monotonically while 1 + η̃ ē τ > 0, §2; beyond,
 * for ReLU, it falls), or INFINITY when θ stays below β^{1/4} on (0, 10].
 * Literature: Benaych-Georges & Nadakuditi (2012), rectangular
 * additive perturbations; Cui et al. (arXiv:2402.04980) for r and c. */
double   os_finite_size_eta_bbp   (const OsParams *params, double d);

/* Fills out for params at d (η̃ = params->eta). */
void     os_finite_size_spike     (const OsParams *params, double d, OsSpikeSize *out);

/* The weak-spike regime (THEORY.md §10): the Gaussian covariate model of
 * the features σ(W x)/√p with W = W̃0 + (s/√p) 1_p v̂ᵀ, its best linear
 * readout and the deterministic equivalent of ridge on n = αd samples, as
 * d → ∞ at fixed s. Everything that does not depend on s is computed once
 * by os_weak_spike_init; os_weak_spike_error is then a few operations. */
typedef struct
{
  OsActivation student, teacher;
  double beta, ratio;        /* β, β/α                                      */
  double a0, a1, a_star2;    /* E σ, E σ', E σ² − a0² − a1²                  */
  double y2;                 /* E y² = E σ*² + Δ                             */
  double teacher_second;     /* E σ*²                                         */
  double e2, spread;         /* E(σ* − μ0)² + Δ, √(e2/α0 + μ1*²) (§2)        */
  double teacher_mean;       /* E σ*                                          */
  double mu1_star, gamma;    /* E z σ*(z); alignment ⟨v̂, θ*⟩ (§2)             */
  gboolean mean_feature;     /* a0 ≠ 0: the spike runs along the mean feature */
  double kappa;              /* the effective ridge κ' (scaled by p)          */
  double df2;                /* (1/n) tr[Ω²(Ω + κ)⁻²]                         */
  /* bulk forms at z = 0 and z = κ': m_u = ⟨1/(A0 + z)⟩,
   * m_g = β⟨x/(A0 + z)⟩, and their z-derivatives (A0 = a1² x + a⋆²) */
  double mu0, mg0, mu_k, mg_k, dmu_k, dmg_k;
} OsWeakSpike;

/* Prepares ε_weak for params (η̃ is ignored: γ is the η̃ > 0 alignment).
 * FALSE with OS_ERROR_INVALID_ARGUMENT for out-of-range parameters.
 * Literature: Ba, Erdogdu, Suzuki, Wang, Wu & Yang (NeurIPS 2022,
 * arXiv:2205.01445) for the regime; the deterministic equivalent of ridge
 * (e.g. Bach, SIAM J. Math. Data Sci. 2024; Hastie, Montanari, Rosset &
 * Tibshirani, Ann. Stat. 2022). */
gboolean os_weak_spike_init       (OsWeakSpike *ws, const OsParams *params, GError **error);
/* The same for new α0, α, β, λ, Δ with the activations ws was prepared for
 * (the Gaussian moments are kept): a sweep's cheap step. params must be
 * valid. */
void     os_weak_spike_update     (OsWeakSpike *ws, const OsParams *params);

/* ε_weak(s), s ≥ 0; s = INFINITY gives the plateau ε_weak(∞) (the limit
 * p → ∞ first, then s → ∞), which equals the d → ∞ theory at η̃ → 0⁺. */
double   os_weak_spike_error      (const OsWeakSpike *ws, double s);

/* The uniform finite-d test error (THEORY.md §10):
 *   ε_d(η̃) = ε_sRF(η̃) + ε_weak(r(η̃)√(βd)) − ε_weak(∞),   η̃ > 0,
 *   ε_d(0) = ε_sRF(0).
 * srf_error: the d → ∞ test error ε_sRF at params (os_theory_solve). ws:
 * prepared for params (nullable: then prepared here). d in
 * [OS_FINITE_MIN_D, OS_FINITE_MAX_D]; d = INFINITY returns srf_error. */
double   os_finite_d_error        (const OsParams *params, const OsWeakSpike *ws,
                                   double d, double srf_error);

/* Whether m, the readout along the mean feature (THEORY.md §5, §6), is
 * determined by the data at input dimension d: the mean feature's
 * eigenvalue p E_κ[μ0(κ)²] of the feature covariance S (§9) exceeds the
 * mean eigenvalue of its bulk, c² E_κ[μ1²] + E_κ[μ2²], p = βd. When it does
 * not (odd students without a step, where μ0 ≡ 0; sin students at large c,
 * where μ0 ∝ e^{−c²/2}), m moves no prediction by more than that bulk
 * direction does, and a measured m is noise. */
gboolean os_finite_size_m_identifiable (const OsParams *params, double d);

G_END_DECLS
