/* os-spectral-solver.c — the deterministic equivalent of THEORY.md §9 at
 * one point z: the feature bulk's Stieltjes transform, from which
 * os-spectral-features.c draws the density.
 *
 * The bulk eigenvalues of S = (1/n) Σ φ̃φ̃ᵀ follow the deterministic
 * equivalent of a κ-mixture of covariances μ1(κ)²Ω + μ2(κ)²I
 * (Ω = c² W̃0 W̃0ᵀ):
 *
 *     G(D) = 1 / (−z + A D + B),   A = E_κ[μ1²/(1+δ)],  B = E_κ[μ2²/(1+δ)],
 *     δ(κ) = (β/α) (μ1(κ)² ⟨D G⟩ + μ2(κ)² ⟨G⟩).
 *
 * Everything depends on δ(κ) only through the two complex numbers (A, B), and
 * the D-averages ⟨G⟩, ⟨DG⟩ (and the ⟨D^k G²⟩ of the Jacobian) are closed
 * forms of the Marchenko–Pastur Stieltjes transform m(w) = ⟨1/(x − w)⟩ at
 * w = (z − B)/(A c²) (its moment series when |w| is large). So each point
 * is a 2-unknown holomorphic system, solved by Newton's method with the
 * analytic Jacobian, warm-started from the neighbouring grid point. Where
 * that fails, the point is solved the safe way: the damped iteration of §9
 * at z = x + iε with ε of the bulk scale (a contraction there, since the map
 * sends {Im A ≤ 0, Im B ≤ 0} into itself), then Newton continuation in ε
 * down to the working ε (os-spectral-features.c: 1e-10 × min(bulk scale, λ))
 * — in effect ε → 0⁺, so the density is not smeared, its edges are sharp,
 * and a part of the bulk squeezed toward 0 is resolved on a logarithmic
 * scale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-mp.h"

#include <math.h>
#include <string.h>

#define SERIES_RADIUS         0.25
#define EPS_SAFE              0.5     /* Im z of the damped start, relative to the bulk scale */
#define NEWTON_MAX            40
#define DAMPED_MAX            4000

/* ---- the κ-mixture ----------------------------------------------------- */

/* The κ average is taken over a continuous model, not a discrete rule: on
 * each of KAPPA_INTERVALS intervals of κ (graded like s·sinh, s = min(1, c/r),
 * so the spike scale c/r around κ = 0 is resolved, out to |κ| = 7) μ1² and
 * μ2² are linear in κ and κ is uniform with the interval's Gaussian mass.
 * Then 1 + δ(κ) is linear on each interval and the averages are integrated
 * exactly (logarithms). A discrete rule would instead turn every node into a
 * separate population of samples: where 1 + δ(κ) nearly vanishes (the thin
 * tails of the bulk when α < β, or a narrow band at large β) the density
 * would break into spurious islands, one per node, and lose mass between
 * them. */
#define KAPPA_INTERVALS       128
#define KAPPA_RANGE           7.0

/* Frees what os_spectral_mixture_init allocated. */
void
os_spectral_mixture_clear (OsSpectralMixture *mix)
{
  g_free (mix->kappa);
  os_spectral_law_unref (mix->law);
}

static double
normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

/* The mixture of params with its spike, on KAPPA_INTERVALS intervals (none
 * without a spike), with the Marchenko–Pastur moments of the series. */
void
os_spectral_mixture_init (OsSpectralMixture *mix, const OsParams *params, const OsSpike *spike)
{
  double mu0, mu1, mu2;
  int nodes;

  memset (mix, 0, sizeof *mix);
  mix->n = spike->spike_strength > 0.0 ? KAPPA_INTERVALS : 0;
  nodes = mix->n + 1;
  mix->kappa = g_new (double, 4 * (gsize) nodes);
  mix->a = mix->kappa + nodes;
  mix->b = mix->kappa + 2 * nodes;
  mix->w = mix->kappa + 3 * nodes;
  if (mix->n == 0)
    {
      /* without a spike the mixture is one covariance μ1²Ω + μ2²I */
      os_srf_student_at (params, spike, 0.0, &mu0, &mu1, &mu2);
      mix->kappa[0] = 0.0;
      mix->a[0] = mu1 * mu1;
      mix->b[0] = mu2 * mu2;
      mix->w[0] = 1.0;
      mix->mean_a = mix->max_a = mix->a[0];
      mix->mean_b = mix->max_b = mix->b[0];
    }
  else
    {
      double s = MIN (1.0, spike->bulk_scale / spike->spike_strength);
      double top = asinh (KAPPA_RANGE / s), total = 0.0;

      for (int i = 0; i <= mix->n; i++)
        {
          double k = s * sinh (top * (2.0 * i / mix->n - 1.0));

          if (2 * i == mix->n)
            k = 0.0;
          mix->kappa[i] = k;
          os_srf_student_at (params, spike, k, &mu0, &mu1, &mu2);
          mix->a[i] = mu1 * mu1;
          mix->b[i] = mu2 * mu2;
          mix->max_a = MAX (mix->max_a, mix->a[i]);
          mix->max_b = MAX (mix->max_b, mix->b[i]);
        }
      for (int i = 0; i < mix->n; i++)
        {
          double k0 = mix->kappa[i], k1 = mix->kappa[i + 1];

          /* the mass of [k0, k1], without cancellation in either tail */
          mix->w[i] = k1 <= 0.0 ? normal_cdf (k1) - normal_cdf (k0)
                                : normal_cdf (-k0) - normal_cdf (-k1);
          total += mix->w[i];
        }
      for (int i = 0; i < mix->n; i++)
        {
          mix->w[i] /= total;    /* the mass beyond ±7 is 3e-12 */
          mix->mean_a += mix->w[i] * 0.5 * (mix->a[i] + mix->a[i + 1]);
          mix->mean_b += mix->w[i] * 0.5 * (mix->b[i] + mix->b[i + 1]);
        }
    }
  mix->c2 = spike->bulk_scale * spike->bulk_scale;
  mix->beta = params->beta;
  mix->ratio = params->beta / params->alpha;
  /* a ReLU student's bulk after the step: the generalised law (§9's
   * correction); Marchenko–Pastur otherwise, or if that law fails */
  if (os_spectral_gmp_applies (params, spike))
    mix->law = os_spectral_gmp_law (params, spike, NULL, NULL);
  if (mix->law != NULL)
    {
      mix->x_lo = mix->law->lo;
      mix->x_hi = mix->law->hi;
      memcpy (mix->mom, mix->law->mom, sizeof mix->mom);
    }
  else
    {
      os_mp_edges (params->beta, &mix->x_lo, &mix->x_hi);
      /* Narayana moments: (k+1) N_k = (2k−1)(1+β) N_{k−1} − (k−2)(1−β)² N_{k−2} */
      mix->mom[0] = 1.0;
      mix->mom[1] = 1.0;
      for (int k = 2; k < SERIES_TERMS + 3; k++)
        mix->mom[k] = ((2.0 * k - 1.0) * (1.0 + params->beta) * mix->mom[k - 1]
                       - (k - 2.0) * (1.0 - params->beta) * (1.0 - params->beta) * mix->mom[k - 2]) / (k + 1.0);
    }
  mix->scale = mix->c2 * mix->mean_a + mix->mean_b;
  mix->atom = params->alpha < params->beta ? 1.0 - params->alpha / params->beta : 0.0;
}

/* The D-averages at (z, A, B), D = c² x, x ~ μ_β:
 *   g0 = ⟨G⟩, g1 = ⟨D G⟩, h0 = ⟨G²⟩, h1 = ⟨D G²⟩, h2 = ⟨D² G²⟩,
 * G = 1/(A D + B − z) = 1/(a x − u), a = A c², u = z − B. */
typedef struct
{
  cplx g0, g1, h0, h1, h2;
} Resolvents;

/* Marchenko–Pastur Stieltjes transform m(w) = ⟨1/(x − w)⟩ (unit scale, atom
 * included) and m'(w), off the support. It solves β w m² + (β − 1 + w) m + 1 = 0;
 * with R = √(w − x₋)√(w − x₊) (principal roots: the cut is [x₋, x₊] only),
 * m = (1 − β − w + R)/(2βw) = 2/(1 − β − w − R): the form without
 * cancellation is chosen. m' = −m(βm + 1)/R. */
static void
mp_stieltjes (const OsSpectralMixture *mix, cplx w, cplx *m, cplx *dm)
{
  double beta = mix->beta;
  cplx r = csqrt (w - mix->x_lo) * csqrt (w - mix->x_hi);
  cplx q = 1.0 - beta - w;

  if (cabs (q - r) >= cabs (q + r))
    *m = 2.0 / (q - r);
  else
    *m = (q + r) / (2.0 * beta * w);
  *dm = -(*m) * (beta * (*m) + 1.0) / r;
}

static void
resolvents (const OsSpectralMixture *mix, cplx z, cplx A, cplx B, Resolvents *out)
{
  cplx a = A * mix->c2, u = z - B;
  double c2 = mix->c2;

  if (cabs (a) * mix->x_hi < SERIES_RADIUS * cabs (u))
    {
      /* 1/(a x − u) = −(1/u) Σ v^k x^k, v = a/u */
      cplx v = a / u, pw = 1.0;
      cplx s0 = 0, s1 = 0, t0 = 0, t1 = 0, t2 = 0;

      for (int k = 0; k < SERIES_TERMS; k++)
        {
          s0 += pw * mix->mom[k];
          s1 += pw * mix->mom[k + 1];
          t0 += (k + 1.0) * pw * mix->mom[k];
          t1 += (k + 1.0) * pw * mix->mom[k + 1];
          t2 += (k + 1.0) * pw * mix->mom[k + 2];
          pw *= v;
        }
      out->g0 = -s0 / u;
      out->g1 = -c2 * s1 / u;
      out->h0 = t0 / (u * u);
      out->h1 = c2 * t1 / (u * u);
      out->h2 = c2 * c2 * t2 / (u * u);
    }
  else
    {
      cplx w = u / a, m, dm;

      if (mix->law != NULL)
        os_spectral_law_stieltjes (mix->law, w, &m, &dm);
      else
        mp_stieltjes (mix, w, &m, &dm);
      out->g0 = m / a;
      out->g1 = c2 * (1.0 + w * m) / a;
      out->h0 = dm / (a * a);
      out->h1 = c2 * (m + w * dm) / (a * a);
      out->h2 = c2 * c2 * (1.0 + 2.0 * w * m + w * w * dm) / (a * a);
    }
}

static inline cplx
reciprocal (cplx x)
{
  double re = creal (x), im = cimag (x), n = 1.0 / (re * re + im * im);
  return CMPLX (re * n, -im * n);
}

/* One interval of the κ model, u ∈ [0, 1]: L(u) = L0 (1 + r u) = 1 + δ,
 * a(u) = a0 + Δa u, b(u) = b0 + Δb u. Adds w × the integrals
 *   ∫ a/L, ∫ b/L  (to *sa, *sb)   and   ∫ a²/L², ∫ ab/L², ∫ b²/L²
 * inv0 = 1/L0, inv1 = 1/L1. Where L barely changes (|r| < 0.05) the
 * integrand is smooth and the 2-point Gauss–Legendre rule is accurate to
 * |r|⁴/180 < 4e-8; otherwise (L passes near 0, which is where a discrete
 * rule would fail) the integrals are exact, through
 * P_j = ∫ u^j/(1 + ru) du and Q_j = ∫ u^j/(1 + ru)² du. Complex products
 * and quotients are spelled out where the C library would call its slow
 * checked division. */
#define GL2_LO 0.21132486540518711775   /* ½ − 1/(2√3) */
#define GL2_HI 0.78867513459481288225

static inline void
interval_add (double w, cplx l0, cplx l1, cplx inv0, cplx inv1,
              double a0, double a1, double b0, double b1,
              cplx *sa, cplx *sb, cplx *saa, cplx *sab, cplx *sbb, gboolean jac)
{
  cplx r = l1 * inv0 - 1.0, q0, p0, p1, q1, q2;
  double da = a1 - a0, db = b1 - b0;

  if (creal (r) * creal (r) + cimag (r) * cimag (r) < 0.05 * 0.05)
    {
      cplx s_lo = reciprocal (l0 + GL2_LO * (l1 - l0));
      cplx s_hi = reciprocal (l0 + GL2_HI * (l1 - l0));
      double al = a0 + GL2_LO * da, ah = a0 + GL2_HI * da;
      double bl = b0 + GL2_LO * db, bh = b0 + GL2_HI * db;
      double hw = 0.5 * w;

      *sa += hw * (al * s_lo + ah * s_hi);
      *sb += hw * (bl * s_lo + bh * s_hi);
      if (jac)
        {
          cplx s2l = s_lo * s_lo, s2h = s_hi * s_hi;

          *saa += hw * (al * al * s2l + ah * ah * s2h);
          *sab += hw * (al * bl * s2l + ah * bh * s2h);
          *sbb += hw * (bl * bl * s2l + bh * bh * s2h);
        }
      return;
    }
  else
    {
      /* Log(1 + r) is the change of log L along the segment (it never
       * winds: a segment not through 0 subtends less than π) */
      cplx ir = reciprocal (r), ell = clog (1.0 + r);

      q0 = l0 * inv1;
      p0 = ell * ir;
      p1 = (1.0 - p0) * ir;
      q1 = (p0 - q0) * ir;
      q2 = (1.0 - 2.0 * p0 + q0) * ir * ir;
    }
  *sa += w * (a0 * p0 + da * p1) * inv0;
  *sb += w * (b0 * p0 + db * p1) * inv0;
  if (jac)
    {
      cplx wl = w * inv0 * inv0;

      *saa += wl * (a0 * a0 * q0 + 2.0 * a0 * da * q1 + da * da * q2);
      *sab += wl * (a0 * b0 * q0 + (a0 * db + b0 * da) * q1 + da * db * q2);
      *sbb += wl * (b0 * b0 * q0 + 2.0 * b0 * db * q1 + db * db * q2);
    }
}

/* The system F(A, B) = (A − E[μ1² s], B − E[μ2² s]) = 0, s = 1/(1 + δ(κ)),
 * its Jacobian (if jac != NULL, row-major 2 × 2) and ⟨G⟩. */
static void
mixture_system (const OsSpectralMixture *mix, cplx z, cplx A, cplx B,
                cplx *fa, cplx *fb, cplx *jac, cplx *g0)
{
  Resolvents r;
  cplx sa = 0, sb = 0, saa = 0, sab = 0, sbb = 0;
  double q = mix->ratio;

  resolvents (mix, z, A, B, &r);
  if (mix->n == 0)
    {
      cplx s = 1.0 / (1.0 + q * (mix->a[0] * r.g1 + mix->b[0] * r.g0));

      sa = mix->a[0] * s;
      sb = mix->b[0] * s;
      saa = mix->a[0] * mix->a[0] * s * s;
      sab = mix->a[0] * mix->b[0] * s * s;
      sbb = mix->b[0] * mix->b[0] * s * s;
    }
  else
    {
      cplx qg1 = q * r.g1, qg0 = q * r.g0;
      cplx l0 = 1.0 + mix->a[0] * qg1 + mix->b[0] * qg0, inv0 = reciprocal (l0);

      for (int i = 0; i < mix->n; i++)
        {
          cplx l1 = 1.0 + mix->a[i + 1] * qg1 + mix->b[i + 1] * qg0, inv1 = reciprocal (l1);

          interval_add (mix->w[i], l0, l1, inv0, inv1, mix->a[i], mix->a[i + 1],
                        mix->b[i], mix->b[i + 1], &sa, &sb, &saa, &sab, &sbb, jac != NULL);
          l0 = l1;
          inv0 = inv1;
        }
    }
  *fa = A - sa;
  *fb = B - sb;
  if (g0 != NULL)
    *g0 = r.g0;
  if (jac != NULL)
    {
      /* ∂δ/∂A = −q (μ1² h2 + μ2² h1), ∂δ/∂B = −q (μ1² h1 + μ2² h0), ∂s = −s² ∂δ */
      jac[0] = 1.0 - q * (r.h2 * saa + r.h1 * sab);
      jac[1] = -q * (r.h1 * saa + r.h0 * sab);
      jac[2] = -q * (r.h2 * sab + r.h1 * sbb);
      jac[3] = 1.0 - q * (r.h1 * sab + r.h0 * sbb);
    }
}

static gboolean
cplx_finite (cplx x)
{
  return isfinite (creal (x)) && isfinite (cimag (x));
}

/* The solution branch of the density: for Im z > 0, Im A ≤ 0, Im B ≤ 0
 * (the map preserves these, §9's iteration starts inside them) and ⟨G⟩ is
 * the Stieltjes transform of a probability measure, so by Cauchy–Schwarz
 * Im ⟨G⟩ ≥ Im z · |⟨G⟩|². Near the real axis other roots of the system
 * exist; these checks reject them. */
static gboolean
physical (cplx z, cplx A, cplx B, cplx g0)
{
  double tol = 1e-13;

  return cplx_finite (A) && cplx_finite (B) && cplx_finite (g0)
         && cimag (A) <= tol * cabs (A)
         && cimag (B) <= tol * cabs (B)
         && cimag (g0) >= 0.5 * cimag (z) * creal (g0 * conj (g0)) - tol * cabs (g0);
}

/* Safeguarded Newton from (*A, *B); on success updates them and *g0. */
gboolean
os_spectral_newton (const OsSpectralMixture *mix, cplx z, cplx *A, cplx *B, cplx *g0)
{
  cplx a = *A, b = *B, fa, fb, jac[4], g;
  double res;

  mixture_system (mix, z, a, b, &fa, &fb, jac, &g);
  res = cabs (fa) + cabs (fb);
  for (int it = 0; it < NEWTON_MAX; it++)
    {
      cplx det = jac[0] * jac[3] - jac[1] * jac[2];
      cplx da, db;
      double t = 1.0, size = cabs (a) + cabs (b);
      gboolean accepted = FALSE;

      if (!cplx_finite (res) || !(size > 0.0))
        return FALSE;
      if (res <= 1e-14 * size)
        break;
      if (cabs (det) == 0.0 || !cplx_finite (det))
        return FALSE;
      da = -(jac[3] * fa - jac[1] * fb) / det;
      db = -(-jac[2] * fa + jac[0] * fb) / det;
      if (cabs (da) + cabs (db) <= 1e-10 * size)
        {
          /* converged quadratically: the next residual is at rounding level */
          Resolvents rv;

          a += da, b += db;
          resolvents (mix, z, a, b, &rv);
          g = rv.g0;
          break;
        }
      for (int half = 0; half < 12; half++, t *= 0.5)
        {
          cplx na = a + t * da, nb = b + t * db, nfa, nfb, njac[4], ng;
          double nres;

          mixture_system (mix, z, na, nb, &nfa, &nfb, njac, &ng);
          nres = cabs (nfa) + cabs (nfb);
          if (isfinite (nres) && nres < (1.0 - 1e-4 * t) * res)
            {
              a = na, b = nb, fa = nfa, fb = nfb, g = ng, res = nres;
              memcpy (jac, njac, sizeof njac);
              accepted = TRUE;
              break;
            }
        }
      if (!accepted)
        {
          /* no descent: stop here if already at rounding level */
          if (res <= 1e-11 * size)
            break;
          return FALSE;
        }
      if (it == NEWTON_MAX - 1 && res > 1e-11 * (cabs (a) + cabs (b)))
        return FALSE;
    }
  if (!physical (z, a, b, g))
    return FALSE;
  *A = a, *B = b, *g0 = g;
  return TRUE;
}

/* The safe path: §9's damped iteration at Im z = EPS_SAFE × scale from
 * δ ≡ 0, then Newton continuation in ε down to eps. */
static gboolean
solve_safe (const OsSpectralMixture *mix, double x, double eps, cplx *A, cplx *B, cplx *g0)
{
  double e = EPS_SAFE * mix->scale;
  cplx a = 0, b = 0, g = 0;
  gboolean settled = FALSE;

  a = mix->mean_a;
  b = mix->mean_b;
  for (int it = 0; it < DAMPED_MAX && !settled; it++)
    {
      cplx fa, fb;

      mixture_system (mix, x + I * e, a, b, &fa, &fb, NULL, &g);
      /* fixed-point map T = (A, B) − F; x ← ½ x + ½ T */
      a -= 0.5 * fa;
      b -= 0.5 * fb;
      settled = cabs (fa) + cabs (fb) < 1e-9 * (cabs (a) + cabs (b));
    }
  if (!os_spectral_newton (mix, x + I * e, &a, &b, &g))
    return FALSE;
  while (e > eps)
    {
      double next = MAX (eps, 0.1 * e);
      cplx ta = a, tb = b, tg;

      while (!os_spectral_newton (mix, x + I * next, &ta, &tb, &tg))
        {
          ta = a, tb = b;
          next = 0.5 * (next + e);           /* a shorter step in ε */
          if (e - next < 1e-6 * e)
            return FALSE;
        }
      a = ta, b = tb, g = tg, e = next;
    }
  *A = a, *B = b, *g0 = g;
  return TRUE;
}

/* Solves at z = x + i eps from the warm start (*A, *B), which it updates.
 * *have_start is FALSE when there is none yet. Returns FALSE on failure
 * (the warm start is then left as it was). */
gboolean
os_spectral_solve_point (const OsSpectralMixture *mix, double x, double eps, gboolean *have_start,
                         cplx *A, cplx *B, cplx *g0)
{
  if (*have_start)
    {
      cplx a = *A, b = *B, g;

      if (os_spectral_newton (mix, x + I * eps, &a, &b, &g))
        {
          *A = a, *B = b, *g0 = g;
          return TRUE;
        }
      /* from a real (outside-the-bulk) start into the bulk: push the start
       * into the physical half-plane so Newton finds the right root */
      a = *A - I * 1e-2 * cabs (*A);
      b = *B - I * 1e-2 * cabs (*B);
      if (os_spectral_newton (mix, x + I * eps, &a, &b, &g))
        {
          *A = a, *B = b, *g0 = g;
          return TRUE;
        }
    }
  {
    cplx a, b, g;

    if (!solve_safe (mix, x, eps, &a, &b, &g))
      return FALSE;
    *A = a, *B = b, *g0 = g;
    *have_start = TRUE;
    return TRUE;
  }
}

/* Density of the eigenvalues of S at λ > 0, per p eigenvalues, the atom at
 * 0 excluded: (1/π) Im ⟨G⟩ minus the atom's Lorentzian at Im z = eps. */
double
os_spectral_bulk_density_lambda (const OsSpectralMixture *mix, double lambda, double eps,
                                 cplx g0)
{
  double atom = mix->atom * eps / (lambda * lambda + eps * eps);
  return MAX (0.0, (cimag (g0) - atom) / G_PI);
}
