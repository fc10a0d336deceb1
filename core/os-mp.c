/* os-mp.c — Marchenko–Pastur averages (THEORY.md §4).
 *
 * The Stieltjes transform m(a) = ⟨1/(x + a)⟩ of μ_β solves
 *     β a m² − (β − 1 − a) m − 1 = 0,
 * m > 0. The algebraic branches below are arranged so that no two large
 * numbers are subtracted: for β ≤ 1, m = 2/(s + 1 + a − β); for β > 1 the
 * atom is split off and the bulk part is m_b = 2/(β (s + β − 1 + a)), with
 * s = √((a + 1 − β)² + 4βa). For large shifts (a ≥ 4 x₊) the averages are
 * summed from the moment series, whose coefficients are the Narayana
 * polynomials ⟨x^k⟩ = N_k(β):
 *     (k + 1) N_k = (2k − 1)(1 + β) N_{k−1} − (k − 2)(1 − β)² N_{k−2}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-mp.h"

#include <math.h>

#define SERIES_TERMS 48
#define SERIES_SHIFT 4.0   /* use the series when a ≥ 4 x₊ (ratio ≤ 1/4) */

void
os_mp_edges (double beta, double *out_lo, double *out_hi)
{
  double sb = sqrt (beta);

  *out_lo = (1.0 - sb) * (1.0 - sb);
  *out_hi = (1.0 + sb) * (1.0 + sb);
}

double
os_mp_atom_mass (double beta)
{
  return beta > 1.0 ? 1.0 - 1.0 / beta : 0.0;
}

double
os_mp_density (double beta, double x)
{
  double lo, hi;

  os_mp_edges (beta, &lo, &hi);
  if (x <= lo || x >= hi || x <= 0.0)
    return 0.0;
  return sqrt ((hi - x) * (x - lo)) / (2.0 * G_PI * beta * x);
}

/* Moments ⟨x^k⟩, k = 0..n−1 (⟨x⁰⟩ = 1 counts the atom). */
static void
narayana_moments (double beta, int n, double *rho)
{
  rho[0] = 1.0;
  if (n > 1)
    rho[1] = 1.0;
  for (int k = 2; k < n; k++)
    rho[k] = ((2.0 * k - 1.0) * (1.0 + beta) * rho[k - 1]
              - (k - 2.0) * (1.0 - beta) * (1.0 - beta) * rho[k - 2]) / (k + 1.0);
}

/* The series sums with the powers of u = 1/a factored out:
 *   m = u Sm,  K1 = u² Sk,  T = u St,  P = u² Sp,  U = u² Su. */
typedef struct
{
  double sm, sk, st, sp, su;
} SeriesSums;

static void
series_sums (double beta, double u, SeriesSums *out)
{
  double rho[SERIES_TERMS + 2];
  double pw = 1.0, sign = 1.0;

  narayana_moments (beta, SERIES_TERMS + 2, rho);
  *out = (SeriesSums) { 0 };
  for (int k = 0; k < SERIES_TERMS; k++)
    {
      double t = sign * pw;

      out->sm += t * rho[k];
      out->st += t * rho[k + 1];
      out->sk += (k + 1) * t * rho[k];
      out->sp += (k + 1) * t * rho[k + 1];
      out->su += (k + 1) * t * rho[k + 2];
      pw *= u;
      sign = -sign;
    }
}

void
os_mp_resolvent (double beta, double a, OsMpResolvent *out)
{
  double lo, hi;

  g_return_if_fail (a > 0.0 && beta > 0.0);
  os_mp_edges (beta, &lo, &hi);

  if (a >= SERIES_SHIFT * hi)
    {
      SeriesSums s;
      double u = 1.0 / a;

      series_sums (beta, u, &s);
      out->m = u * s.sm;
      out->k1 = u * u * s.sk;
      out->t = u * s.st;
      out->p = u * u * s.sp;
      out->u = u * u * s.su;
      return;
    }

  {
    double y = beta;
    double s = sqrt ((a + 1.0 - y) * (a + 1.0 - y) + 4.0 * y * a);
    double ds = 1.0 + (a + 1.0 + y) / s;   /* 1 + ds/da */
    double mb, k1b, mass_b, w0;

    if (y <= 1.0)
      {
        double den = s + 1.0 + a - y;

        mb = 2.0 / den;
        k1b = 2.0 * ds / (den * den);
        mass_b = 1.0;
        w0 = 0.0;
      }
    else
      {
        double den = s + y - 1.0 + a;

        mb = 2.0 / (y * den);
        k1b = 2.0 * ds / (y * den * den);
        mass_b = 1.0 / y;
        w0 = 1.0 - 1.0 / y;
      }
    out->m = mb + w0 / a;
    out->k1 = k1b + w0 / (a * a);
    out->t = mass_b - a * mb;
    out->p = mb - a * k1b;
    out->u = mass_b - 2.0 * a * mb + a * a * k1b;
  }
}

void
os_mp_averages (double beta, double c, double offset, double slope, OsMpAverages *out)
{
  double lo, hi, c2 = c * c, k = slope * c2;

  g_return_if_fail (offset > 0.0 && slope >= 0.0);
  os_mp_edges (beta, &lo, &hi);

  /* S = offset + k x = k (x + a), a = offset / k */
  if (k <= offset / (SERIES_SHIFT * hi))
    {
      SeriesSums s;
      double w = offset;

      series_sums (beta, k / w, &s);
      out->inv = s.sm / w;
      out->d_inv = c2 * s.st / w;
      out->inv2 = s.sk / (w * w);
      out->d_inv2 = c2 * s.sp / (w * w);
      out->dd_inv2 = c2 * c2 * s.su / (w * w);
      return;
    }

  {
    OsMpResolvent r;

    os_mp_resolvent (beta, offset / k, &r);
    out->inv = r.m / k;
    out->d_inv = c2 * r.t / k;
    out->inv2 = r.k1 / (k * k);
    out->d_inv2 = c2 * r.p / (k * k);
    out->dd_inv2 = c2 * c2 * r.u / (k * k);
  }
}

void
os_mp_rule (double beta, int n, double *x, double *w)
{
  double sb = sqrt (beta), total = 0.0, mass = MIN (1.0, 1.0 / beta);

  for (int i = 0; i < n; i++)
    {
      double t = G_PI * (i + 0.5) / n, st = sin (t);

      x[i] = 1.0 + beta + 2.0 * sb * cos (t);
      w[i] = (2.0 / G_PI) * st * st / x[i] * (G_PI / n);
      total += w[i];
    }
  for (int i = 0; i < n; i++)
    w[i] *= mass / total;
}
