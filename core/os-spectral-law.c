/* os-spectral-law.c — a spectral law on [0, ∞) given by an atom at 0 and a
 * density on a few intervals, each a Chebyshev series with square-root
 * edges, and its Stieltjes transform in closed form: the form the
 * generalised Marchenko–Pastur law of the weights (os-spectral-gmp.c) takes,
 * and that the feature bulk (os-spectral-solver.c) averages over in place
 * of the Marchenko–Pastur law when the bulk of W1 is not c W̃0 (THEORY.md §9,
 * ReLU correction).
 *
 * Soft interval [a, b]: with x = m + h t (m, h its centre and half-width)
 * and t = cos ϑ, the density is f(x) = √(1 − t²) Σ c_k U_k(t) = Σ c_k
 * sin((k+1) ϑ), a sine series in ϑ, so the coefficients are a discrete sine
 * transform of f at ϑ_j = jπ/N (exact for the series), and since
 *
 *   ∫₋₁¹ √(1 − t²) U_k(t) / (t − τ) dt = −π J(τ)^{k+1},   J(τ) = τ − √(τ−1)√(τ+1),
 *
 * m(w) = ∫ f/(x − w) dx = −π Σ c_k J^{k+1} at τ = (w − m)/h, and
 * m'(w) = (π/(h R)) Σ (k+1) c_k J^{k+1}, R = √(τ−1)√(τ+1): one square root
 * and a power sum (Olver & Trogdon's approach to equilibrium-type laws).
 *
 * Hard edge at 0 (β = 1, where the density of x = σ² grows like x^{−1/2}):
 * the law is written in σ = √x, where G(σ) = |σ| f(σ²) is even and smooth
 * across 0, G(σ) = √(1 − t²) Σ c_k U_k(t) on [−σ_b, σ_b] (t = σ/σ_b, even k
 * only), and ∫₀^b f/(x − w) dx = S_G(√w)/√w with S_G(ζ) = −π Σ c_k
 * J(ζ/σ_b)^{k+1}. An interval whose lower end is nearly 0 (a < 1e-3 b,
 * β near 1) takes the same form, with a small gap about 0 inside it.
 *
 * N doubles from 32 until the upper quarter of the coefficients is below
 * 3e-5 of their sum, up to LAW_MAX_COEF + 1 samples (the coefficients of
 * a computed density level off at 1e-5–1e-8 of their sum, where the
 * located edges and the solver's ε leave their trace). Far from the support
 * the moment series is summed instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"

#include <math.h>
#include <string.h>

#define LAW_SERIES_RADIUS 0.25
#define LAW_FIRST_N       32
#define HARD_RATIO        1e-3

/* ---- one interval ------------------------------------------------------- */

/* The sine coefficients of samples y[1..N−1] at ϑ_j = jπ/N (y[0] = y[N] = 0):
 * c_k = (2/N) Σ_j y_j sin((k+1) ϑ_j), k = 0..N−2 */
static void
sine_coefficients (const double *y, int N, double *c)
{
  for (int k = 0; k < N - 1; k++)
    {
      double s = 0.0;

      for (int j = 1; j < N; j++)
        s += y[j] * sin ((k + 1) * G_PI * j / N);
      c[k] = 2.0 * s / N;
    }
}

static gboolean
tail_small (const double *c, int n)
{
  double total = 0.0, tail = 0.0;

  for (int k = 0; k < n; k++)
    total += fabs (c[k]);
  for (int k = (3 * n) / 4; k < n; k++)
    tail = MAX (tail, fabs (c[k]));
  return tail <= 3e-5 * total;
}

/* Samples the density of the interval on the nested grids N = 32, 64, ...
 * (the samples of N reused by 2N), fills its coefficients. */
static gboolean
interval_fit (OsLawInterval *iv, OsLawDensityFunc density, gpointer data)
{
  double *y = g_new0 (double, LAW_MAX_COEF + 2), *c = g_new0 (double, LAW_MAX_COEF + 1);
  int N = LAW_FIRST_N, have = 0;
  gboolean ok = TRUE;

  for (;;)
    {
      /* new samples: every j for the first grid, the odd j after (ϑ
       * ascending = x descending, the order the caller's solver prefers) */
      double *ny = g_new0 (double, N + 1);

      for (int j = 0; j <= N; j++)
        {
          double theta = G_PI * j / N, t = cos (theta);

          if (have > 0 && j % 2 == 0)
            {
              ny[j] = y[j / 2];
              continue;
            }
          if (j == 0 || j == N)
            continue;
          if (iv->hard)
            {
              double sigma = iv->sigma_b * t;

              if (2 * j == N)
                continue;            /* σ = 0: from its neighbours below */
              if (2 * j > N)
                ny[j] = ny[N - j];   /* even in σ: the mirror */
              else
                ny[j] = sigma * density (sigma * sigma, data);
            }
          else
            ny[j] = density (iv->mid + iv->half * t, data);
          if (!isfinite (ny[j]))
            ok = FALSE, ny[j] = 0.0;
        }
      if (iv->hard)
        {
          /* G(0) by the even quadratic through the two nearest samples */
          int j1 = N / 2 - 1, j2 = N / 2 - 2;
          double s1 = cos (G_PI * j1 / N), s2 = cos (G_PI * j2 / N);

          ny[N / 2] = (s2 * s2 * ny[j1] - s1 * s1 * ny[j2]) / (s2 * s2 - s1 * s1);
        }
      g_free (y);
      y = ny;
      have = N;
      sine_coefficients (y, N, c);
      if (tail_small (c, N - 1) || 2 * N > LAW_MAX_COEF + 1)
        break;
      N *= 2;          /* the old samples, y[0..N/2], are read as y[j/2] */
    }
  iv->n = N - 1;
  if (iv->hard)
    for (int k = 1; k < iv->n; k += 2)
      c[k] = 0.0;                       /* odd terms vanish for an even G */
  memcpy (iv->c, c, iv->n * sizeof (double));
  g_free (y);
  g_free (c);
  return ok;
}

/* J(τ) = τ − √(τ−1)√(τ+1) (|J| ≤ 1) and R = √(τ−1)√(τ+1) */
static inline cplx
joukowski (cplx tau, cplx *r)
{
  cplx rr = csqrt (tau - 1.0) * csqrt (tau + 1.0);
  cplx j = tau - rr;

  /* far out, τ − R cancels: J = 1/(τ + R) */
  if (cabs (tau) > 2.0)
    j = 1.0 / (tau + rr);
  *r = rr;
  return j;
}

/* Σ c_k J^{k+1} and Σ (k+1) c_k J^{k+1} */
static inline void
power_sums (const OsLawInterval *iv, cplx j, cplx *s0, cplx *s1)
{
  cplx pw = j, a = 0, b = 0;

  for (int k = 0; k < iv->n; k++, pw *= j)
    {
      a += iv->c[k] * pw;
      b += (k + 1.0) * iv->c[k] * pw;
    }
  *s0 = a;
  *s1 = b;
}

static void
interval_stieltjes (const OsLawInterval *iv, cplx w, cplx *m, cplx *dm)
{
  cplx r, j, s0, s1;

  if (!iv->hard)
    {
      j = joukowski ((w - iv->mid) / iv->half, &r);
      power_sums (iv, j, &s0, &s1);
      *m = -G_PI * s0;
      *dm = G_PI * s1 / (iv->half * r);
      return;
    }
  {
    cplx q = csqrt (w), sg, dsg;

    /* the principal root has Re ≥ 0; the form needs Im q ≥ 0 for Im w ≥ 0,
     * and S_G(−q)/(−q) = S_G(q)/q by evenness, so either root serves */
    j = joukowski (q / iv->sigma_b, &r);
    power_sums (iv, j, &s0, &s1);
    sg = -G_PI * s0;
    dsg = G_PI * s1 / (iv->sigma_b * r);
    *m = sg / q;
    *dm = dsg / (2.0 * w) - sg / (2.0 * w * q);
  }
}

static double
interval_density (const OsLawInterval *iv, double x)
{
  double t, theta, s = 0.0, sigma;

  if (!(x > iv->a && x < iv->b))
    return 0.0;
  if (!iv->hard)
    {
      t = (x - iv->mid) / iv->half;
      theta = acos (CLAMP (t, -1.0, 1.0));
      for (int k = 0; k < iv->n; k++)
        s += iv->c[k] * sin ((k + 1) * theta);
      return MAX (s, 0.0);
    }
  sigma = sqrt (x);
  theta = acos (CLAMP (sigma / iv->sigma_b, -1.0, 1.0));
  for (int k = 0; k < iv->n; k++)
    s += iv->c[k] * sin ((k + 1) * theta);
  return MAX (s, 0.0) / sigma;
}

/* ∫ x^k f over the interval, k = 0..n−1 (Gauss–Chebyshev in ϑ on the
 * series: ∫ f(x) g(x) dx = h ∫₀^π f(x(ϑ)) g(x(ϑ)) sin ϑ dϑ) */
static void
interval_moments (const OsLawInterval *iv, int n, double *mom)
{
  const int q = 4 * LAW_MAX_COEF;

  for (int i = 0; i < q; i++)
    {
      double theta = G_PI * (i + 0.5) / q, f = 0.0, x, wt, pw;

      for (int k = 0; k < iv->n; k++)
        f += iv->c[k] * sin ((k + 1) * theta);
      if (!iv->hard)
        {
          x = iv->mid + iv->half * cos (theta);
          wt = iv->half * sin (theta) * G_PI / q;
        }
      else
        {
          /* over σ ∈ [−σ_b, σ_b]: ∫ x^k f dx = ∫ G(σ) σ^{2k} dσ */
          double sigma = iv->sigma_b * cos (theta);

          x = sigma * sigma;
          wt = iv->sigma_b * sin (theta) * G_PI / q;
        }
      pw = f * wt;
      for (int k = 0; k < n; k++, pw *= x)
        mom[k] += pw;
    }
}

/* ---- the law ------------------------------------------------------------ */

OsSpectralLaw *
os_spectral_law_build (int n_iv, const double *lo, const double *hi, double atom,
                       OsLawDensityFunc density, gpointer data)
{
  OsSpectralLaw *law = g_new0 (OsSpectralLaw, 1);

  g_return_val_if_fail (n_iv >= 1 && n_iv <= LAW_MAX_INTERVALS, NULL);
  law->ref_count = 1;
  law->atom = atom;
  law->n_iv = n_iv;
  law->lo = lo[0];
  law->hi = hi[n_iv - 1];
  law->mom[0] = atom;
  for (int i = 0; i < n_iv; i++)
    {
      OsLawInterval *iv = &law->iv[i];

      iv->a = lo[i];
      iv->b = hi[i];
      iv->mid = 0.5 * (lo[i] + hi[i]);
      iv->half = 0.5 * (hi[i] - lo[i]);
      iv->hard = lo[i] <= HARD_RATIO * hi[i];
      iv->sigma_b = sqrt (hi[i]);
      if (iv->hard)
        iv->a = 0.0;
      if (!interval_fit (iv, density, data))
        law->n_failed++;
      interval_moments (iv, SERIES_TERMS + 3, law->mom);
    }
  return law;
}

/* Multiplies the density by factor (to make its mass exact). */
void
os_spectral_law_scale (OsSpectralLaw *law, double factor)
{
  for (int i = 0; i < law->n_iv; i++)
    for (int k = 0; k < law->iv[i].n; k++)
      law->iv[i].c[k] *= factor;
  for (int k = 0; k < SERIES_TERMS + 3; k++)
    law->mom[k] = (k == 0 ? law->atom : 0.0) + factor * (law->mom[k] - (k == 0 ? law->atom : 0.0));
}

double
os_spectral_law_mass (const OsSpectralLaw *law)
{
  return law->mom[0] - law->atom;
}

OsSpectralLaw *
os_spectral_law_ref (OsSpectralLaw *law)
{
  __atomic_fetch_add (&law->ref_count, 1, __ATOMIC_RELAXED);
  return law;
}

void
os_spectral_law_unref (OsSpectralLaw *law)
{
  if (law == NULL || __atomic_fetch_sub (&law->ref_count, 1, __ATOMIC_ACQ_REL) != 1)
    return;
  g_free (law);
}

double
os_spectral_law_density (const OsSpectralLaw *law, double x)
{
  for (int i = 0; i < law->n_iv; i++)
    if (x > law->iv[i].a && x < law->iv[i].b)
      return interval_density (&law->iv[i], x);
  return 0.0;
}

void
os_spectral_law_stieltjes (const OsSpectralLaw *law, cplx w, cplx *out_m, cplx *out_dm)
{
  cplx m = 0, dm = 0;

  if (LAW_SERIES_RADIUS * cabs (w) > law->hi)
    {
      /* ⟨1/(x − w)⟩ = −Σ ⟨x^k⟩/w^{k+1}, m' = Σ (k+1) ⟨x^k⟩/w^{k+2} */
      cplx v = 1.0 / w, pw = v;

      for (int k = 0; k < SERIES_TERMS; k++, pw *= v)
        {
          m -= law->mom[k] * pw;
          dm += (k + 1.0) * law->mom[k] * pw * v;
        }
      *out_m = m;
      *out_dm = dm;
      return;
    }
  for (int i = 0; i < law->n_iv; i++)
    {
      cplx mi, dmi;

      interval_stieltjes (&law->iv[i], w, &mi, &dmi);
      m += mi;
      dm += dmi;
    }
  if (law->atom > 0.0)
    {
      m -= law->atom / w;
      dm += law->atom / (w * w);
    }
  *out_m = m;
  *out_dm = dm;
}
