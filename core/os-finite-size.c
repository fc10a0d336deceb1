/* os-finite-size.c — the network at a finite d (THEORY.md §10).
 *
 * The weak-spike error in closed form. Hold s = r√p fixed as d → ∞. Then
 * r → 0 and c → 1, and by Gaussian equivalence the features φ = σ(W x)/√p,
 * W = W̃0 + (s/√p) 1_p v̂ᵀ, are those of a linear-Gaussian model: with
 * a0 = E σ, a1 = E σ', a⋆² = E σ² − a0² − a1², and everything scaled by p
 * (Ω' = pΩ, b' = √p b, κ' = pκ),
 *
 *   Ω' = A0 + (a0² p + a1² s²) u uᵀ + a1² s (g uᵀ + u gᵀ),   A0 = a1² X + a⋆² I,
 *   b' = (a0 E σ* √p + a1 μ1* s γ) u + a1 μ1* (γ g + ρ h),
 *
 * where X = W̃0 W̃0ᵀ, u = 1_p/√p, g = W̃0 v̂, h = W̃0 ζ̂ (θ* = γ v̂ + ρ ζ̂).
 * The ridge of §1 on n = αd samples has the deterministic equivalent
 *
 *   κ' = (β/α) λ + (β/α) κ' ⟨a/(a + κ')⟩,   df2 = (β/α) ⟨a²/(a + κ')²⟩,
 *   ε_weak = (T1 + σ_r² df2)/(1 − df2) + σ_r²,
 *   σ_r² = E y² − Q(0),   T1 = κ'² b'ᵀ Ω'⁻¹ (Ω' + κ')⁻² b' = Q(0) − Q(κ') − κ' R(κ'),
 *
 * with Q(z) = b'ᵀ (Ω' + z)⁻¹ b', R = −dQ/dz (partial fractions of
 * 1/(x (x + κ)²)), and ⟨·⟩ the Marchenko–Pastur average of §4 over the
 * eigenvalues a = a1² x + a⋆² of A0. Low-rank parts change the traces by
 * O(1/p), so κ' and df2 are the bulk's. Q needs the quadratic forms of
 * (A0 + z)⁻¹, which concentrate as p → ∞: u is independent of X, so
 * uᵀ f(X) u → ⟨f⟩; g and h see X through W̃0, so gᵀ f(X) g = v̂ᵀ W̃0ᵀ f(X) W̃0 v̂
 * → β ⟨x f(x)⟩ (the same for h); the cross forms vanish. Write
 *
 *   m_u(z) = ⟨1/(a + z)⟩,   m_g(z) = β ⟨x/(a + z)⟩,   q = a1 μ1*.
 *
 * Odd student (a0 = 0). Woodbury on the rank-two part along (u, g), whose
 * 2×2 core C = a1² [[s², s], [s, 0]] has C⁻¹ = a1⁻² [[0, 1/s], [1/s, −1]],
 * gives, after the s² terms cancel exactly,
 *
 *   Q(z) = q² [ m_g − γ² k φ ],   k = m_g − 1/a1² (< 0),
 *   φ = X/(X − e),  X = m_u k,  e = 1/(a1⁴ s²),
 *
 * a switch φ from 0 (s = 0: the kernel) to 1 (s → ∞: the readout fits the
 * linear part μ1* γ κ along the spike exactly, and the bulk loses W̃0 v̂).
 * So the plateau is Q∞(z) = μ1*² γ² + q² ρ² m_g(z). R follows by the chain
 * rule (k' = m_g', X' = m_u' k + m_u k', φ' = −e X'/(X − e)²).
 *
 * Student with a mean (a0 ≠ 0, ReLU). The direction u carries the
 * eigenvalue a0² p + a1² s² of the mean feature; as p → ∞ it absorbs the
 * spike (the coupling a1² s to g is O(1/√p) relative to it) and explains
 * exactly the target's mean E σ*: Q(z) = (E σ*)² + q² m_g(z), for every s.
 * Using the spike costs a0√p in every prediction, so ε_weak is flat: no
 * drop, no jump (THEORY.md §10's ReLU caveat).
 *
 * tests/test-finite-size.c holds this against the sampled form of §10
 * (Ω' on drawn W̃0, eigenvalues with LAPACK) and against the d → ∞ theory
 * at η̃ = 0 and η̃ → 0⁺.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-finite-size.h"
#include "os-error.h"
#include "os-mp.h"
#include "os-srf.h"

#include <math.h>

/* ---- the threshold ------------------------------------------------------ */

/* θ(η̃) = r √(βd) / c at η̃, with r and c of §2 from the moments in
 * `spike` (os_spike_compute's map, without recomputing the moments) */
static double
spike_theta (const OsParams *params, const OsSpike *spike, double eta, double d)
{
  double spread = sqrt (spike->e2 / params->alpha0 + spike->mu1_star * spike->mu1_star);
  double self = 1.0 + eta * spike->e_bar * spike->tau;
  double c = sqrt (self * self + eta * eta * spike->e2 * spike->v_prime / params->alpha0);

  return eta * spike->mu1 * spread * sqrt (params->beta * d) / c;
}

double
os_finite_size_eta_bbp (const OsParams *params, double d)
{
  const OsParamInfo *eta_info = os_param_info (OS_PARAM_ETA);
  double target = pow (params->beta, 0.25);
  double lo = 0.0, hi = eta_info->max;
  OsSpike spike;

  g_return_val_if_fail (d >= OS_FINITE_MIN_D && d <= OS_FINITE_MAX_D, INFINITY);

  /* θ ∝ η̃/c(η̃) increases while 1 + η̃ ē τ > 0 (§2) and falls after */
  os_spike_compute (params, &spike);
  if (spike.e_bar * spike.tau < 0.0)
    hi = MIN (hi, -1.0 / (spike.e_bar * spike.tau));
  if (!(spike_theta (params, &spike, hi, d) >= target))
    return INFINITY;

  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (spike_theta (params, &spike, mid, d) >= target)
        hi = mid;
      else
        lo = mid;
    }
  return 0.5 * (lo + hi);
}

void
os_finite_size_spike (const OsParams *params, double d, OsSpikeSize *out)
{
  OsSpike spike;

  os_spike_compute (params, &spike);
  out->d = d;
  out->eta_bbp = os_finite_size_eta_bbp (params, d);
  out->spike_singular = spike.spike_strength * sqrt (params->beta * d);
  out->bulk_edge = spike.bulk_scale * (1.0 + sqrt (params->beta));
  out->bbp_value = spike.bulk_scale * pow (params->beta, 0.25);
  out->detached = out->spike_singular > out->bbp_value;
}

/* ---- the weak-spike error ---------------------------------------------- */

/* The bulk averages at shift z ≥ 0 (a = a1² x + a⋆²): m_u, m_g, their
 * z-derivatives, and ⟨a/(a+z)⟩, ⟨a²/(a+z)²⟩ written without cancellation. */
typedef struct
{
  double mu, mg, dmu, dmg, t1, t2;
} BulkForms;

static void
bulk_forms (const OsWeakSpike *ws, double z, BulkForms *out)
{
  double a12 = ws->a1 * ws->a1, w0 = ws->a_star2 / a12, w = w0 + z / a12;
  OsMpResolvent r;

  os_mp_resolvent (ws->beta, w, &r);
  out->mu = r.m / a12;
  out->dmu = -r.k1 / (a12 * a12);
  out->mg = ws->beta * r.t / a12;
  out->dmg = -ws->beta * r.p / (a12 * a12);
  out->t1 = r.t + w0 * r.m;                            /* ⟨(x+w0)/(x+w)⟩    */
  out->t2 = r.u + 2.0 * w0 * r.p + w0 * w0 * r.k1;     /* ⟨(x+w0)²/(x+w)²⟩ */
}

/* κ' > 0 solving α/β = λ/κ' + ⟨a/(a + κ')⟩ (decreasing in κ'): bracketed
 * Newton from [(β/α)λ, (β/α)(λ + a_max)]. */
static double
solve_kappa (const OsWeakSpike *ws, double lambda)
{
  double a12 = ws->a1 * ws->a1;
  double a_max = a12 * (1.0 + sqrt (ws->beta)) * (1.0 + sqrt (ws->beta)) + ws->a_star2;
  double lo = ws->ratio * lambda, hi = ws->ratio * (lambda + a_max);
  double k = sqrt (lo * hi), target = 1.0 / ws->ratio;

  for (int i = 0; i < 200; i++)
    {
      BulkForms f;
      double F, dF, next;

      bulk_forms (ws, k, &f);
      F = lambda / k + f.t1 - target;
      if (F > 0.0)
        lo = k;
      else
        hi = k;
      /* d⟨a/(a+κ)⟩/dκ = −⟨a/(a+κ)²⟩ = −(⟨a/(a+κ)⟩ − ⟨a²/(a+κ)²⟩)/κ */
      dF = -lambda / (k * k) - (f.t1 - f.t2) / k;
      next = k - F / dF;
      if (!(next > lo && next < hi))
        next = sqrt (lo * hi);
      /* Newton converges quadratically: a step of 1e-12 leaves ~1e-24 */
      if (fabs (next - k) <= 1e-12 * k || hi - lo <= 1e-14 * hi)
        return next;
      k = next;
    }
  return k;
}

gboolean
os_weak_spike_init (OsWeakSpike *ws, const OsParams *params, GError **error)
{
  OsMoments sm, tm;

  if (!os_params_validate (params, error))
    return FALSE;

  os_activation_moments (params->student, &sm);
  os_activation_moments (params->teacher, &tm);
  ws->student = params->student;
  ws->teacher = params->teacher;
  ws->a0 = sm.mean;
  ws->a1 = sm.mu1;
  ws->a_star2 = MAX (sm.second - sm.mean * sm.mean - sm.mu1 * sm.mu1, 1e-300);
  ws->teacher_second = tm.second;
  ws->teacher_mean = tm.mean;
  ws->mu1_star = tm.mu1;
  ws->mean_feature = fabs (sm.mean) > 1e-12;
  os_weak_spike_update (ws, params);
  return TRUE;
}

void
os_weak_spike_update (OsWeakSpike *ws, const OsParams *params)
{
  BulkForms f0, fk;

  g_return_if_fail (params->student == ws->student && params->teacher == ws->teacher);
  ws->beta = params->beta;
  ws->ratio = params->beta / params->alpha;
  ws->y2 = ws->teacher_second + params->noise;
  /* e2 and the spread of §2: the alignment γ for η̃ > 0 (it does not
   * depend on η̃), and r = η̃ μ1 × spread */
  ws->e2 = ws->teacher_second - 2.0 * ws->a0 * ws->teacher_mean + ws->a0 * ws->a0 + params->noise;
  ws->spread = sqrt (ws->e2 / params->alpha0 + ws->mu1_star * ws->mu1_star);
  ws->gamma = ws->spread > 0.0 ? ws->mu1_star / ws->spread : 0.0;

  ws->kappa = solve_kappa (ws, params->lambda);
  bulk_forms (ws, 0.0, &f0);
  bulk_forms (ws, ws->kappa, &fk);
  ws->df2 = ws->ratio * fk.t2;
  ws->mu0 = f0.mu;
  ws->mg0 = f0.mg;
  ws->mu_k = fk.mu;
  ws->mg_k = fk.mg;
  ws->dmu_k = fk.dmu;
  ws->dmg_k = fk.dmg;
}

/* Q(z) and R(z) = −Q'(z) from the bulk forms at z (see the top). */
static void
quadratic_form (const OsWeakSpike *ws, double s, double mu, double mg,
                double dmu, double dmg, double *out_q, double *out_r)
{
  double q2 = ws->a1 * ws->mu1_star * ws->a1 * ws->mu1_star;
  double a12 = ws->a1 * ws->a1;

  if (ws->mean_feature)
    {
      *out_q = ws->teacher_mean * ws->teacher_mean + q2 * mg;
      *out_r = -q2 * dmg;
      return;
    }
  {
    double g2 = ws->gamma * ws->gamma;
    double k = mg - 1.0 / a12, dk = dmg;
    double x = mu * k, dx = dmu * k + mu * dk;
    double e = isinf (s) ? 0.0 : 1.0 / (a12 * a12 * s * s);
    double phi, dphi;

    if (s == 0.0)
      phi = 0.0, dphi = 0.0;
    else
      {
        phi = x / (x - e);
        dphi = -e * dx / ((x - e) * (x - e));
      }
    *out_q = q2 * (mg - g2 * k * phi);
    *out_r = -q2 * (dmg - g2 * (dk * phi + k * dphi));
  }
}

double
os_weak_spike_error (const OsWeakSpike *ws, double s)
{
  double q0, r0, qk, rk, sigma2, t1;

  g_return_val_if_fail (s >= 0.0, NAN);
  /* at z = 0 only Q is needed; its R is not used */
  quadratic_form (ws, s, ws->mu0, ws->mg0, 0.0, 0.0, &q0, &r0);
  quadratic_form (ws, s, ws->mu_k, ws->mg_k, ws->dmu_k, ws->dmg_k, &qk, &rk);
  sigma2 = MAX (ws->y2 - q0, 0.0);
  t1 = MAX (q0 - qk - ws->kappa * rk, 0.0);
  return (t1 + sigma2 * ws->df2) / (1.0 - ws->df2) + sigma2;
}

double
os_finite_d_error (const OsParams *params, const OsWeakSpike *ws, double d,
                   double srf_error)
{
  OsWeakSpike own;
  double r, s;

  if (isinf (d) || params->eta == 0.0)
    return srf_error;
  if (ws == NULL)
    {
      if (!os_weak_spike_init (&own, params, NULL))
        return srf_error;
      ws = &own;
    }
  /* r of §2 (os_spike_compute's, from the moments ws holds) */
  r = params->eta * ws->a1 * ws->spread;
  if (r == 0.0)
    return srf_error;
  s = r * sqrt (params->beta * d);
  return srf_error + os_weak_spike_error (ws, s) - os_weak_spike_error (ws, INFINITY);
}

/* ---- m ------------------------------------------------------------------ */

gboolean
os_finite_size_m_identifiable (const OsParams *params, double d)
{
  g_autoptr (OsKappaTable) t = os_kappa_table_lookup (params, 0);
  double e00 = 0.0, e11 = 0.0, e22 = 0.0, c2 = t->spike.bulk_scale * t->spike.bulk_scale;

  for (int i = 0; i < t->n; i++)
    {
      e00 += t->weight[i] * t->mu0[i] * t->mu0[i];
      e11 += t->weight[i] * t->mu1[i] * t->mu1[i];
      e22 += t->weight[i] * t->mu2[i] * t->mu2[i];
    }
  return params->beta * d * e00 > c2 * e11 + e22;
}
