/* test-mp.c — the Marchenko–Pastur closed forms against an independent
 * integral of the density (midpoint rule in the angle of x = x₋ + (x₊ − x₋)
 * (1 − cos θ)/2, 400 000 nodes), for β on both sides of 1 and shifts from
 * 1e-6 to 1e8.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-mp.h"

#include <math.h>

static void
brute_resolvent (double beta, double a, OsMpResolvent *out)
{
  double lo, hi;
  const int n = 400000;
  double w0 = os_mp_atom_mass (beta);

  os_mp_edges (beta, &lo, &hi);
  *out = (OsMpResolvent) { 0 };
  for (int i = 0; i < n; i++)
    {
      double th = G_PI * (i + 0.5) / n;
      double x = lo + (hi - lo) * (1 - cos (th)) / 2;
      double dx = (hi - lo) * sin (th) / 2 * (G_PI / n);
      double w = os_mp_density (beta, x) * dx;

      out->m += w / (x + a);
      out->k1 += w / ((x + a) * (x + a));
      out->t += w * x / (x + a);
      out->p += w * x / ((x + a) * (x + a));
      out->u += w * x * x / ((x + a) * (x + a));
    }
  out->m += w0 / a;
  out->k1 += w0 / (a * a);
}

#define CLOSE(got, want) \
  g_assert_cmpfloat_with_epsilon ((got), (want), 1e-9 * fabs (want) + 1e-300)

static void
test_resolvent (void)
{
  const double betas[] = { 0.1, 0.5, 0.98, 1.0, 1.02, 2.0, 10.0 };
  const double shifts[] = { 1e-6, 1e-3, 0.1, 1.0, 3.0, 15.9, 16.1, 100.0, 1e4, 1e8 };

  for (guint i = 0; i < G_N_ELEMENTS (betas); i++)
    for (guint j = 0; j < G_N_ELEMENTS (shifts); j++)
      {
        OsMpResolvent r, b;

        if (fabs (betas[i] - 1.0) < 0.05 && shifts[j] < 1e-3)
          continue;   /* the brute-force integral itself is inaccurate there */
        os_mp_resolvent (betas[i], shifts[j], &r);
        brute_resolvent (betas[i], shifts[j], &b);
        CLOSE (r.m, b.m);
        CLOSE (r.k1, b.k1);
        CLOSE (r.t, b.t);
        CLOSE (r.p, b.p);
        CLOSE (r.u, b.u);
      }
}

/* Exact limits at β = 1, a → 0: m ~ 1/√a; and at β < 1: m → 1/(1 − β). */
static void
test_limits (void)
{
  OsMpResolvent r;

  os_mp_resolvent (1.0, 1e-12, &r);
  g_assert_cmpfloat_with_epsilon (r.m * sqrt (1e-12), 1.0, 1e-5);
  os_mp_resolvent (0.25, 1e-14, &r);
  g_assert_cmpfloat_with_epsilon (r.m, 1.0 / 0.75, 1e-10);
  /* ⟨x⟩ = 1, ⟨x²⟩ = 1 + β, ⟨x³⟩ = 1 + 3β + β²: T = 1/a − (1+β)/a² + (1+3β+β²)/a³ − … */
  os_mp_resolvent (2.0, 1e6, &r);
  g_assert_cmpfloat_with_epsilon (r.t, 1e-6 - 3e-12 + 11e-18, 1e-22);
}

static void
test_mass (void)
{
  const double betas[] = { 0.1, 0.7, 1.0, 1.5, 10.0 };

  for (guint i = 0; i < G_N_ELEMENTS (betas); i++)
    {
      double lo, hi, total = 0.0, mean = 0.0;
      const int n = 200000;

      os_mp_edges (betas[i], &lo, &hi);
      for (int k = 0; k < n; k++)
        {
          double th = G_PI * (k + 0.5) / n;
          double x = lo + (hi - lo) * (1 - cos (th)) / 2;
          double w = os_mp_density (betas[i], x) * (hi - lo) * sin (th) / 2 * (G_PI / n);
          total += w;
          mean += w * x;
        }
      g_assert_cmpfloat_with_epsilon (total + os_mp_atom_mass (betas[i]), 1.0, 1e-6);
      g_assert_cmpfloat_with_epsilon (mean, 1.0, 1e-6);
    }
}

/* The §4 renormalised midpoint rule agrees with the closed forms away from
 * β = 1's near-singular weight. */
static void
test_rule_agrees (void)
{
  const double betas[] = { 0.2, 1.0, 3.0 };
  double x[256], w[256];

  for (guint i = 0; i < G_N_ELEMENTS (betas); i++)
    {
      double b = betas[i], m = os_mp_atom_mass (b) / 0.7;
      OsMpResolvent r;

      os_mp_rule (b, 256, x, w);
      for (int k = 0; k < 256; k++)
        m += w[k] / (x[k] + 0.7);
      os_mp_resolvent (b, 0.7, &r);
      g_assert_cmpfloat_with_epsilon (m, r.m, 1e-10);
    }
}

/* Scaled averages for S = offset + slope·c² x, including slope = 0 and a
 * slope so small that the shift overflows a naive computation. */
static void
test_averages (void)
{
  OsMpAverages A, B;
  double c = 1.3, beta = 2.0;

  os_mp_averages (beta, c, 0.5, 0.0, &A);
  g_assert_cmpfloat_with_epsilon (A.inv, 2.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (A.d_inv, c * c * 2.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (A.dd_inv2, pow (c, 4) * (1 + beta) * 4.0, 1e-13);

  os_mp_averages (beta, c, 0.5, 1e-300, &B);
  g_assert_cmpfloat_with_epsilon (B.inv, A.inv, 1e-15);
  g_assert_cmpfloat_with_epsilon (B.inv2, A.inv2, 1e-14);

  /* against the resolvent directly */
  {
    OsMpResolvent r;
    double slope = 0.8, offset = 0.05, k = slope * c * c;

    os_mp_averages (beta, c, offset, slope, &A);
    os_mp_resolvent (beta, offset / k, &r);
    g_assert_cmpfloat_with_epsilon (A.inv, r.m / k, 1e-14 * A.inv);
    g_assert_cmpfloat_with_epsilon (A.dd_inv2, c * c * c * c * r.u / (k * k), 1e-14 * A.dd_inv2);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mp/resolvent", test_resolvent);
  g_test_add_func ("/mp/limits", test_limits);
  g_test_add_func ("/mp/mass", test_mass);
  g_test_add_func ("/mp/rule-agrees", test_rule_agrees);
  g_test_add_func ("/mp/averages", test_averages);
  return g_test_run ();
}
