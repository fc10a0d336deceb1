/* os-spectral-density.c — the predicted spectra of THEORY.md §9: bulk
 * densities, edges and outliers of the singular values of the weights W
 * (p × d) and of the features Φ = σ(X Wᵀ)/√p (n × p), at initialisation and
 * after the giant step.
 *
 * Weights. The bulk c W̃0 has the Marchenko–Pastur law of §4 in D = σ²;
 * the rank-one spike r 1_p v̂ᵀ, of size s = r√p, leaves the bulk when
 * θ = s/c > β^{1/4} (rectangular BBP) and then sits at c√((1+θ²)(β+θ²))/θ.
 *
 * Features. The bulk eigenvalues of S = (1/n) Σ φ̃φ̃ᵀ follow the
 * deterministic equivalent of a κ-mixture of covariances μ1(κ)²Ω + μ2(κ)²I
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
 * down to the working ε = 1e-10 × min(bulk scale, λ) — in effect ε → 0⁺,
 * so the density is not smeared, its edges are sharp, and a part of the bulk
 * squeezed toward 0 is resolved on a logarithmic scale.
 *
 * Support. The bulk of S lies below the operator-norm bound
 * [max|μ1| c(1+√β)(1+1/√α) + max|μ2|(1+√(β/α))]². A scan of 64 points in σ
 * brackets the intervals where the density is positive (the support may
 * split in several pieces, e.g. at large β where Ω has an atom at 0);
 * bisection then locates each edge to 1e-7 of the range. Each interval gets
 * Chebyshev–Lobatto points (clustered at the square-root edges), then the
 * worst segments are halved until the budget is spent (see adaptive_grid).
 * The density must integrate to the bulk's mass; if it falls short by more
 * than 0.2 % the scan is redone 4 and 16 times finer (an interval narrower
 * than the scan step was missed), and if it still does, converged is FALSE.
 *
 * Known limit: after a very large step (η̃ ≳ 5) the features of many
 * samples saturate (tanh, erf) or die (ReLU), and part of the bulk
 * collapses toward σ = 0 across many decades. Most of it is resolved (the
 * adaptive grid halves its way down), but where more than 0.2 % of the mass
 * stays below the grid the result is flagged, with the mass in `status`
 * (40 of 2304 points of a §8 grid, all at η̃ ≥ 5, most of them ReLU).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density.h"
#include "os-error.h"
#include "os-mp.h"
#include "os-srf.h"

#include <complex.h>
#include <math.h>
#include <string.h>

typedef double complex cplx;

#define DEFAULT_POINTS        400
#define MAX_POINTS            100000
#define SERIES_TERMS          34      /* moment series, used when |v| x₊ < 1/4 */
#define SERIES_RADIUS         0.25
#define SCAN_POINTS           64
#define EPS_WORK              1e-10   /* Im z, relative to the bulk scale       */
#define EPS_SAFE              0.5     /* Im z of the damped start, likewise      */
#define INSIDE_THRESHOLD      1e-7    /* density × scale above which x is inside */
#define NEWTON_MAX            40
#define DAMPED_MAX            4000
#define MAX_INTERVALS         16

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
} Mixture;

static void
mixture_clear (Mixture *mix)
{
  g_free (mix->kappa);
}

static double
normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

static void
mixture_init (Mixture *mix, const OsParams *params, const OsSpike *spike)
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
  os_mp_edges (params->beta, &mix->x_lo, &mix->x_hi);
  /* Narayana moments: (k+1) N_k = (2k−1)(1+β) N_{k−1} − (k−2)(1−β)² N_{k−2} */
  mix->mom[0] = 1.0;
  mix->mom[1] = 1.0;
  for (int k = 2; k < SERIES_TERMS + 3; k++)
    mix->mom[k] = ((2.0 * k - 1.0) * (1.0 + params->beta) * mix->mom[k - 1]
                   - (k - 2.0) * (1.0 - params->beta) * (1.0 - params->beta) * mix->mom[k - 2]) / (k + 1.0);
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
mp_stieltjes (const Mixture *mix, cplx w, cplx *m, cplx *dm)
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
resolvents (const Mixture *mix, cplx z, cplx A, cplx B, Resolvents *out)
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
mixture_system (const Mixture *mix, cplx z, cplx A, cplx B,
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
static gboolean
newton (const Mixture *mix, cplx z, cplx *A, cplx *B, cplx *g0)
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
solve_safe (const Mixture *mix, double x, double eps, cplx *A, cplx *B, cplx *g0)
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
  if (!newton (mix, x + I * e, &a, &b, &g))
    return FALSE;
  while (e > eps)
    {
      double next = MAX (eps, 0.1 * e);
      cplx ta = a, tb = b, tg;

      while (!newton (mix, x + I * next, &ta, &tb, &tg))
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
static gboolean
solve_point (const Mixture *mix, double x, double eps, gboolean *have_start,
             cplx *A, cplx *B, cplx *g0)
{
  if (*have_start)
    {
      cplx a = *A, b = *B, g;

      if (newton (mix, x + I * eps, &a, &b, &g))
        {
          *A = a, *B = b, *g0 = g;
          return TRUE;
        }
      /* from a real (outside-the-bulk) start into the bulk: push the start
       * into the physical half-plane so Newton finds the right root */
      a = *A - I * 1e-2 * cabs (*A);
      b = *B - I * 1e-2 * cabs (*B);
      if (newton (mix, x + I * eps, &a, &b, &g))
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
static double
bulk_density_lambda (const Mixture *mix, double lambda, double eps, cplx g0)
{
  double atom = mix->atom * eps / (lambda * lambda + eps * eps);
  return MAX (0.0, (cimag (g0) - atom) / G_PI);
}

/* ---- the feature spectrum ---------------------------------------------- */

typedef struct
{
  const Mixture *mix;
  double   eps;
  gboolean have_start;
  cplx     A, B;
  /* the two last solutions of a sweep, for a linear predictor */
  int      n_prev;
  double   lambda_prev[2];
  cplx     A_prev[2], B_prev[2];
  int      n_failed;
  double   first_failure;   /* σ of the first failed point */
} Tracker;

/* density per p at singular value σ (λ = (β/α) σ²); sets *ok. With
 * predict, the start is extrapolated from the two previous points. */
static double
tracker_density (Tracker *t, double sigma, gboolean predict, gboolean *ok)
{
  double lambda = t->mix->ratio * sigma * sigma;
  /* Im z: a fixed fraction of the bulk scale, or of λ itself near 0, so
   * that a part of the bulk squeezed toward 0 (saturated samples after a
   * large step) is resolved on a logarithmic scale too */
  double eps = t->eps * MIN (1.0, lambda / t->mix->scale);
  cplx g0;

  if (lambda <= 0.0)
    {
      *ok = TRUE;
      return 0.0;
    }
  if (predict && t->n_prev == 2 && t->have_start)
    {
      double f = (lambda - t->lambda_prev[1]) / (t->lambda_prev[1] - t->lambda_prev[0]);
      cplx a = t->A_prev[1] + f * (t->A_prev[1] - t->A_prev[0]);
      cplx b = t->B_prev[1] + f * (t->B_prev[1] - t->B_prev[0]);

      if (newton (t->mix, lambda + I * eps, &a, &b, &g0))
        {
          t->A = a, t->B = b;
          goto solved;
        }
    }
  if (!solve_point (t->mix, lambda, eps, &t->have_start, &t->A, &t->B, &g0))
    {
      if (t->n_failed++ == 0)
        t->first_failure = sigma;
      t->n_prev = 0;
      *ok = FALSE;
      return 0.0;
    }
solved:
  if (t->n_prev == 2)
    {
      t->lambda_prev[0] = t->lambda_prev[1];
      t->A_prev[0] = t->A_prev[1];
      t->B_prev[0] = t->B_prev[1];
      t->n_prev = 1;
    }
  t->lambda_prev[t->n_prev] = lambda;
  t->A_prev[t->n_prev] = t->A;
  t->B_prev[t->n_prev] = t->B;
  t->n_prev++;
  *ok = TRUE;
  return bulk_density_lambda (t->mix, lambda, eps, g0);
}

/* Bisection for an edge between s_in (inside the support) and s_out.
 * Leaves in (*A_in, *B_in) the solution at the innermost inside point. */
static double
locate_edge (Tracker *t, double s_in, double s_out, double threshold, double tol,
             cplx *A_in, cplx *B_in)
{
  *A_in = t->A, *B_in = t->B;
  while (fabs (s_in - s_out) > tol)
    {
      double mid = 0.5 * (s_in + s_out);
      gboolean ok;
      double rho;

      t->A = *A_in, t->B = *B_in;   /* start from the inside */
      rho = tracker_density (t, mid, FALSE, &ok);

      if (ok && rho > threshold)
        {
          s_in = mid;
          *A_in = t->A, *B_in = t->B;
        }
      else
        s_out = mid;
    }
  return 0.5 * (s_in + s_out);
}

typedef struct
{
  double lo, hi;
  cplx   A_lo, B_lo;   /* the solution just inside the lower edge */
  cplx   A_hi, B_hi;   /* and just inside the upper edge          */
} Interval;

/* Operator-norm bound of the bulk of S, as a singular value of Φ:
 * ‖Y‖/√n ≤ max|μ1| c ‖W̃‖ ‖Z‖/√n + max|μ2| ‖Ξ‖/√n, with ‖W̃‖ → 1 + √β,
 * ‖Z‖/√n → 1 + 1/√α, ‖Ξ‖/√n → 1 + √(β/α); 5 % to spare. */
static double
bulk_sigma_bound (const Mixture *mix)
{
  double alpha = mix->beta / mix->ratio;
  double root = sqrt (mix->max_a * mix->c2) * (1.0 + sqrt (mix->beta)) * (1.0 + 1.0 / sqrt (alpha))
                + sqrt (mix->max_b) * (1.0 + sqrt (mix->ratio));

  return sqrt (1.05 * root * root / mix->ratio);
}

/* Brackets the intervals of the support by a scan of n_scan points in σ,
 * then bisects each edge to tol. Returns the number of intervals (0 if
 * none), or −1 when cancelled. */
static int
find_support (Tracker *t, double sigma_max, int n_scan, double threshold, double tol,
              Interval *iv, GCancellable *cancellable, GError **error)
{
  g_autofree double *scan = g_new (double, n_scan + 1);
  g_autofree gboolean *inside = g_new (gboolean, n_scan + 1);
  int n_iv = 0;

  scan[0] = 0.0;
  inside[0] = FALSE;
  t->n_prev = 0;
  for (int i = 1; i <= n_scan; i++)
    {
      gboolean ok;
      double rho;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      scan[i] = sigma_max * i / n_scan;
      rho = tracker_density (t, scan[i], FALSE, &ok);
      inside[i] = ok && rho > threshold;
    }

  for (int i = 1; i <= n_scan && n_iv < MAX_INTERVALS; i++)
    {
      int j;
      gboolean ok;

      if (!inside[i] || inside[i - 1])
        continue;
      for (j = i; j < n_scan && inside[j + 1]; j++)
        ;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      /* warm start for each edge: the solution at its inside scan point */
      tracker_density (t, scan[i], FALSE, &ok);
      iv[n_iv].lo = locate_edge (t, scan[i], scan[i - 1], threshold, tol,
                                 &iv[n_iv].A_lo, &iv[n_iv].B_lo);
      if (iv[n_iv].lo < 2.0 * tol)
        iv[n_iv].lo = 0.0;     /* α = β: the bulk of S reaches 0 */
      tracker_density (t, scan[j], FALSE, &ok);
      if (j < n_scan)
        iv[n_iv].hi = locate_edge (t, scan[j], scan[j + 1], threshold, tol,
                                   &iv[n_iv].A_hi, &iv[n_iv].B_hi);
      else
        {
          iv[n_iv].hi = scan[j];   /* the bound is violated: reported by the caller */
          iv[n_iv].A_hi = t->A, iv[n_iv].B_hi = t->B;
        }
      if (iv[n_iv].hi > iv[n_iv].lo)
        n_iv++;
      i = j;
    }
  return n_iv;
}

/* ---- the adaptive grid ----------------------------------------------------
 * Each interval starts with Chebyshev–Lobatto points (a quarter of the
 * budget), then the segment with the largest error indicator
 * h (|Δρ| + 0.1 ρ̄ h / W) is halved until the budget is spent: that
 * follows square-root edges, steep shoulders and narrow peaks alike. */

typedef struct
{
  double x, rho;
  cplx   A, B;
  int    next;        /* the next node in the interval, −1 at its end */
  int    stamp;       /* bumped when the segment from here changes    */
  gboolean edge;      /* an endpoint: density 0, (A, B) only a hint   */
} Node;

typedef struct
{
  double key;
  int    node, stamp;
} HeapItem;

static void
heap_push (GArray *heap, HeapItem item)
{
  int i;

  g_array_append_val (heap, item);
  i = heap->len - 1;
  while (i > 0)
    {
      int parent = (i - 1) / 2;
      HeapItem *h = (HeapItem *) heap->data;

      if (h[parent].key >= h[i].key)
        break;
      item = h[parent], h[parent] = h[i], h[i] = item;
      i = parent;
    }
}

static gboolean
heap_pop (GArray *heap, HeapItem *out)
{
  HeapItem *h = (HeapItem *) heap->data;
  int n = heap->len, i = 0;

  if (n == 0)
    return FALSE;
  *out = h[0];
  h[0] = h[n - 1];
  g_array_set_size (heap, --n);
  for (;;)
    {
      int l = 2 * i + 1, r = l + 1, big = i;
      HeapItem tmp;

      if (l < n && h[l].key > h[big].key)
        big = l;
      if (r < n && h[r].key > h[big].key)
        big = r;
      if (big == i)
        break;
      tmp = h[big], h[big] = h[i], h[i] = tmp;
      i = big;
    }
  return TRUE;
}

static void
push_segment (GArray *heap, const Node *nodes, int i, double width)
{
  const Node *a = &nodes[i], *b = &nodes[nodes[i].next];
  double h = b->x - a->x;
  HeapItem item = { h * (fabs (b->rho - a->rho) + 0.1 * 0.5 * (a->rho + b->rho) * h / width),
                    i, a->stamp };

  heap_push (heap, item);
}

/* Solves at σ from the warm start (A0, B0); fills the node. */
static void
solve_node (Tracker *t, Node *node, double sigma, cplx A0, cplx B0)
{
  gboolean ok;

  t->A = A0, t->B = B0, t->have_start = TRUE, t->n_prev = 0;
  node->x = sigma;
  node->rho = t->mix->ratio * 2.0 * sigma * tracker_density (t, sigma, FALSE, &ok);
  node->A = t->A, node->B = t->B;
  node->edge = FALSE;
}

/* The σ density (per p) on an adaptive grid of n_points over the intervals.
 * Returns FALSE when cancelled. */
static gboolean
adaptive_grid (Tracker *t, const Interval *iv, int n_iv, int n_points,
               double **out_sigma, double **out_rho, int *out_n,
               GCancellable *cancellable, GError **error)
{
  GArray *nodes = g_array_sized_new (FALSE, FALSE, sizeof (Node), n_points);
  GArray *heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  double width = 0.0;
  int n_initial = MAX (n_points / 4, 8 * n_iv), *first = g_new (int, n_iv);
  gboolean ok = TRUE;

  for (int j = 0; j < n_iv; j++)
    width += iv[j].hi - iv[j].lo;

  /* 1. Chebyshev–Lobatto points, swept upwards with the predictor */
  for (int j = 0; j < n_iv; j++)
    {
      int m = MAX (8, (int) floor (n_initial * (iv[j].hi - iv[j].lo) / width));

      t->A = iv[j].A_lo, t->B = iv[j].B_lo, t->have_start = TRUE, t->n_prev = 0;
      first[j] = nodes->len;
      for (int i = 0; i < m; i++)
        {
          Node node = { 0 };
          gboolean solved;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              goto out;
            }
          node.x = iv[j].lo + (iv[j].hi - iv[j].lo) * 0.5 * (1.0 - cos (G_PI * i / (m - 1)));
          node.next = i < m - 1 ? (int) nodes->len + 1 : -1;
          if (i == 0 || i == m - 1)
            {
              node.x = i == 0 ? iv[j].lo : iv[j].hi;
              node.rho = 0.0;                      /* square-root edges */
              node.edge = TRUE;
              node.A = i == 0 ? iv[j].A_lo : iv[j].A_hi;
              node.B = i == 0 ? iv[j].B_lo : iv[j].B_hi;
            }
          else
            {
              node.rho = t->mix->ratio * 2.0 * node.x * tracker_density (t, node.x, TRUE, &solved);
              node.A = t->A, node.B = t->B;
            }
          g_array_append_val (nodes, node);
        }
    }
  for (guint i = 0; i < nodes->len; i++)
    if (g_array_index (nodes, Node, i).next >= 0)
      push_segment (heap, (Node *) nodes->data, i, width);

  /* 2. halve the worst segment until the budget is spent */
  while ((int) nodes->len < n_points)
    {
      HeapItem item;
      Node mid = { 0 }, *left, *right;
      cplx A0, B0;

      if (!heap_pop (heap, &item))
        break;
      left = &g_array_index (nodes, Node, item.node);
      if (item.stamp != left->stamp)
        continue;                                 /* stale */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          goto out;
        }
      right = &g_array_index (nodes, Node, left->next);
      /* warm start: the mean of the neighbours (an edge's is only a hint) */
      if (left->edge && !right->edge)
        A0 = right->A, B0 = right->B;
      else if (right->edge && !left->edge)
        A0 = left->A, B0 = left->B;
      else
        A0 = 0.5 * (left->A + right->A), B0 = 0.5 * (left->B + right->B);
      solve_node (t, &mid, 0.5 * (left->x + right->x), A0, B0);
      mid.next = left->next;
      g_array_append_val (nodes, mid);            /* may move the array */
      left = &g_array_index (nodes, Node, item.node);
      left->next = nodes->len - 1;
      left->stamp++;
      push_segment (heap, (Node *) nodes->data, item.node, width);
      push_segment (heap, (Node *) nodes->data, nodes->len - 1, width);
    }

  /* 3. flatten, interval by interval */
  *out_n = nodes->len;
  *out_sigma = g_new (double, nodes->len);
  *out_rho = g_new (double, nodes->len);
  {
    int k = 0;

    for (int j = 0; j < n_iv; j++)
      for (int i = first[j]; i >= 0; i = g_array_index (nodes, Node, i).next)
        {
          (*out_sigma)[k] = g_array_index (nodes, Node, i).x;
          (*out_rho)[k] = g_array_index (nodes, Node, i).rho;
          k++;
        }
  }

out:
  g_free (first);
  g_array_unref (heap);
  g_array_unref (nodes);
  return ok;
}

static double
trapezoid (const double *x, const double *y, int n)
{
  double sum = 0.0;

  for (int i = 1; i < n; i++)
    sum += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
  return sum;
}

/* The feature bulk: support, grid and density (per p, in σ) into out.
 * When the density integrates to less than the bulk's mass min(1, α/β) —
 * an interval narrower than the scan step was missed — the scan is redone
 * four and sixteen times finer. */
#define MASS_DEFICIT 2e-3
#define MASS_CHECK_POINTS 256

static gboolean
features_bulk (const Mixture *mix, OsSpectralDensity *out, int n_points,
               GCancellable *cancellable, GError **error)
{
  Tracker t = { .mix = mix, .eps = EPS_WORK * mix->scale };
  double sigma_max = bulk_sigma_bound (mix);
  double threshold = INSIDE_THRESHOLD / mix->scale;
  double expected = 1.0 - mix->atom, mass = 0.0;
  Interval iv[MAX_INTERVALS];
  int n_iv = 0;

  for (int n_scan = SCAN_POINTS; n_scan <= 16 * SCAN_POINTS; n_scan *= 4)
    {
      double *sigma = NULL, *rho = NULL;
      int n = 0;

      n_iv = find_support (&t, sigma_max, n_scan, threshold, 1e-7 * sigma_max, iv,
                           cancellable, error);
      if (n_iv < 0)
        return FALSE;
      if (n_iv == 0)
        continue;
      /* the mass check needs a grid fine enough to integrate well */
      if (!adaptive_grid (&t, iv, n_iv, MAX (n_points, MASS_CHECK_POINTS), &sigma, &rho, &n,
                          cancellable, error))
        return FALSE;
      g_free (out->singular_value);
      g_free (out->density);
      out->singular_value = sigma;
      out->density = rho;
      out->n = n;
      mass = trapezoid (sigma, rho, n);
      if (mass > (1.0 - MASS_DEFICIT) * expected)
        break;
    }
  if (n_iv > 0 && n_points < MASS_CHECK_POINTS)
    {
      /* the coarse grid asked for */
      double *sigma = NULL, *rho = NULL;
      int n = 0;

      if (!adaptive_grid (&t, iv, n_iv, n_points, &sigma, &rho, &n, cancellable, error))
        return FALSE;
      g_free (out->singular_value);
      g_free (out->density);
      out->singular_value = sigma;
      out->density = rho;
      out->n = n;
    }
  if (n_iv == 0 || out->n == 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NOT_CONVERGED,
                   "the feature bulk density could not be located (%d failed points)", t.n_failed);
      return FALSE;
    }

  out->edge_lo = iv[0].lo;
  out->edge_hi = iv[n_iv - 1].hi;
  out->edge_eigenvalue = mix->ratio * out->edge_hi * out->edge_hi;
  out->n_failed = t.n_failed;
  if (t.n_failed > 0)
    {
      out->converged = FALSE;
      g_clear_pointer (&out->status, g_free);
      out->status = g_strdup_printf ("the δ(κ) iteration failed at %d point(s), first at σ = %.6g "
                                     "(density set to 0 there)", t.n_failed, t.first_failure);
    }
  else if (out->edge_hi >= sigma_max * (1.0 - 1e-9))
    {
      out->converged = FALSE;
      out->status = g_strdup ("the feature bulk reaches past its operator-norm bound");
    }
  else if (!(mass > (1.0 - MASS_DEFICIT) * expected) || mass > (1.0 + MASS_DEFICIT) * expected)
    {
      out->converged = FALSE;
      out->status = g_strdup_printf ("the bulk density integrates to %.6f instead of %.6f: the rest "
                                     "lies in features narrower than the grid (near σ = 0 when a "
                                     "large step saturates the features of many samples)",
                                     mass, expected);
    }
  return TRUE;
}

/* ---- the weight spectrum ----------------------------------------------- */

static void
weights_bulk (double beta, double c, OsSpectralDensity *out, int n_points)
{
  double sb = sqrt (beta);
  double lo = c * fabs (1.0 - sb), hi = c * (1.0 + sb);
  double per_nonzero = MAX (1.0, beta);   /* renormalise over the d non-zero values when β > 1 */

  out->n = n_points;
  out->singular_value = g_new (double, n_points);
  out->density = g_new (double, n_points);
  for (int i = 0; i < n_points; i++)
    {
      double s = lo + (hi - lo) * 0.5 * (1.0 - cos (G_PI * i / (n_points - 1)));

      if (i == 0)
        s = lo;
      if (i == n_points - 1)
        s = hi;
      out->singular_value[i] = s;
      /* D = σ²: density of σ = 2σ ρ_MP(σ²/c²)/c², per p */
      out->density[i] = (i == 0 || i == n_points - 1)
                        ? (beta == 1.0 && i == 0 ? 2.0 / (G_PI * c) : 0.0)
                        : per_nonzero * 2.0 * s * os_mp_density (beta, s * s / (c * c)) / (c * c);
    }
  out->edge_lo = lo;
  out->edge_hi = hi;
  out->edge_eigenvalue = hi * hi;
}

/* The rectangular BBP transition (THEORY.md §9): the top singular value of
 * c W̃ + s u v̂ᵀ (p × d, unit u, v̂), θ = s/c. Returns 0 below the threshold
 * θ ≤ β^{1/4}, where the top value sticks to the edge c(1 + √β). */
double
os_spectral_weight_outlier (double beta, double c, double s)
{
  double theta = s / c, t2 = theta * theta;

  if (!(theta > pow (beta, 0.25)))
    return 0.0;
  return c * sqrt ((1.0 + t2) * (beta + t2)) / theta;
}

/* ---- entry point --------------------------------------------------------- */

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
    {
      double s = spike.spike_strength * sqrt ((double) p_width);
      double top = os_spectral_weight_outlier (p.beta, spike.bulk_scale, s);

      weights_bulk (p.beta, spike.bulk_scale, out, n_points);
      out->n_values = MIN (p_width, d);
      out->atom_mass = os_mp_atom_mass (p.beta);
      out->spike_theta = s / spike.bulk_scale;
      if (top > 0.0)
        out->outliers[out->n_outliers++] = top;
    }
  else
    {
      g_autoptr (OsKappaTable) table = os_kappa_table_new (&p, 0);
      Mixture mix;
      double e0 = 0.0, e00 = 0.0, var0 = 0.0, mean_ev;
      gboolean ok;

      mixture_init (&mix, &p, &table->spike);
      ok = features_bulk (&mix, out, n_points, cancellable, error);
      if (ok)
        {
          /* renormalise per the min(n, p) singular values of Φ */
          double per_nonzero = p.alpha < p.beta ? p.beta / p.alpha : 1.0;
          for (int i = 0; i < out->n; i++)
            out->density[i] *= per_nonzero;
          out->atom_mass = mix.atom;
        }
      mixture_clear (&mix);
      if (!ok)
        return NULL;

      out->n_values = MIN (n_samples, p_width);
      /* the mean feature μ0(κ) 1_p: an eigenvalue p E_κ[μ0²] of S, or
       * p Var_κ[μ0] once the column means are removed (THEORY.md §9) */
      for (int i = 0; i < table->n; i++)
        e0 += table->weight[i] * table->mu0[i], e00 += table->weight[i] * table->mu0[i] * table->mu0[i];
      for (int i = 0; i < table->n; i++)
        var0 += table->weight[i] * (table->mu0[i] - e0) * (table->mu0[i] - e0);
      mean_ev = p_width * (out->centered ? var0 : e00);
      out->mean_eigenvalue = mean_ev;
      /* Rule: reported when it lies above the bulk's upper edge. The
       * first-order value p E[μ0²] is accurate to O(edge), so it is only
       * meaningful well past the edge — which is where it lives once p is
       * in the hundreds. */
      if (mean_ev > out->edge_eigenvalue)
        out->outliers[out->n_outliers++] = sqrt (p.alpha / p.beta * mean_ev);
    }

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
