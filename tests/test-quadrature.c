/* test-quadrature.c — Gauss rules against exact Gaussian moments.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-quadrature.h"

#include <math.h>

/* E z^{2k} = (2k − 1)!! */
static double
double_factorial_odd (int k)
{
  double r = 1.0;
  for (int j = 2 * k - 1; j > 1; j -= 2)
    r *= j;
  return r;
}

static double
power (double z, gpointer data)
{
  return pow (z, GPOINTER_TO_INT (data));
}

static double
relu_sq (double z, gpointer data)
{
  (void) data;
  return z > 0 ? z * z : 0.0;
}

static double
abs_z (double z, gpointer data)
{
  (void) data;
  return fabs (z);
}

static void
test_hermite_exact (void)
{
  const int sizes[] = { 1, 2, 5, 8, 20, 96, 200, 301, 512 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const OsRule *r = os_rule_gauss_hermite (sizes[s]);
      double total = 0.0;

      g_assert_nonnull (r);
      g_assert_cmpint (r->n, ==, sizes[s]);
      for (int i = 0; i < r->n; i++)
        {
          g_assert_true (isfinite (r->nodes[i]) && isfinite (r->weights[i]));
          g_assert_cmpfloat (r->weights[i], >=, 0.0);
          if (i > 0)
            g_assert_cmpfloat (r->nodes[i], >, r->nodes[i - 1]);
          total += r->weights[i];
        }
      g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-14);
      /* exact up to degree 2n − 1; check even moments to degree ≤ 2n − 2, ≤ 20 */
      for (int k = 1; 2 * k <= MIN (2 * r->n - 2, 20); k++)
        {
          double got = os_rule_expect (r, power, GINT_TO_POINTER (2 * k));
          double want = double_factorial_odd (k);
          g_assert_cmpfloat_with_epsilon (got, want, 1e-12 * want);
        }
      /* odd moments vanish by symmetry */
      g_assert_cmpfloat_with_epsilon (os_rule_expect (r, power, GINT_TO_POINTER (3)), 0.0, 1e-12);
    }
  /* the same pointer comes back from the cache */
  g_assert_true (os_rule_gauss_hermite (96) == os_rule_gauss_hermite (96));
}

static void
test_split_rule_kink (void)
{
  const OsRule *r = os_rule_split_legendre (48);

  /* E relu(z)² = 1/2, E|z| = √(2/π): kinks at 0 are exact on the split rule */
  g_assert_cmpfloat_with_epsilon (os_rule_expect (r, relu_sq, NULL), 0.5, 1e-14);
  g_assert_cmpfloat_with_epsilon (os_rule_expect (r, abs_z, NULL), sqrt (2 / G_PI), 1e-14);
  g_assert_cmpfloat_with_epsilon (os_rule_expect (r, power, GINT_TO_POINTER (4)), 3.0, 1e-12);
}

static void
test_legendre (void)
{
  const OsRule *r = os_rule_legendre (20);
  double s = 0, s2 = 0;

  for (int i = 0; i < r->n; i++)
    {
      s += r->weights[i];
      s2 += r->weights[i] * pow (r->nodes[i], 38);
    }
  g_assert_cmpfloat_with_epsilon (s, 2.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (s2, 2.0 / 39.0, 1e-14);
}

static gpointer
build_in_thread (gpointer data)
{
  return (gpointer) os_rule_split_legendre (GPOINTER_TO_INT (data));
}

/* The cache is thread-safe: concurrent first uses agree. */
static void
test_threads (void)
{
  GThread *th[8];
  gpointer res[8];

  for (int i = 0; i < 8; i++)
    th[i] = g_thread_new ("rule", build_in_thread, GINT_TO_POINTER (77));
  for (int i = 0; i < 8; i++)
    res[i] = g_thread_join (th[i]);
  for (int i = 1; i < 8; i++)
    g_assert_true (res[i] == res[0]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quadrature/hermite-exact", test_hermite_exact);
  g_test_add_func ("/quadrature/split-kink", test_split_rule_kink);
  g_test_add_func ("/quadrature/legendre", test_legendre);
  g_test_add_func ("/quadrature/threads", test_threads);
  return g_test_run ();
}
