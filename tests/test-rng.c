/* test-rng.c — the simulation's random numbers: the published test vectors
 * of splitmix64 and xoshiro256**, the jump, reproducibility, and the moments,
 * tail and distribution of the ziggurat normals; independence of streams.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-rng.h"

#include <math.h>
#include <string.h>

/* splitmix64.c (Vigna), seed 1234567: the reference outputs */
static const guint64 splitmix_1234567[] = {
  G_GUINT64_CONSTANT (6457827717110365317), G_GUINT64_CONSTANT (3203168211198807973),
  G_GUINT64_CONSTANT (9817491932198370423), G_GUINT64_CONSTANT (4593380528125082431),
  G_GUINT64_CONSTANT (16408922859458223821),
};

static void
test_splitmix_vector (void)
{
  guint64 state = 1234567, zero = 0;

  for (guint i = 0; i < G_N_ELEMENTS (splitmix_1234567); i++)
    g_assert_cmpuint (os_splitmix64_next (&state), ==, splitmix_1234567[i]);
  /* the first output from state 0 */
  g_assert_cmpuint (os_splitmix64_next (&zero), ==, G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));
}

/* xoshiro256starstar.c from the state {1, 2, 3, 4}: the published outputs */
static void
test_xoshiro_vector (void)
{
  static const guint64 want[] = {
    G_GUINT64_CONSTANT (11520), G_GUINT64_CONSTANT (0), G_GUINT64_CONSTANT (1509978240),
    G_GUINT64_CONSTANT (1215971899390074240), G_GUINT64_CONSTANT (1216172134540287360),
    G_GUINT64_CONSTANT (607988272756665600), G_GUINT64_CONSTANT (16172922978634559625),
    G_GUINT64_CONSTANT (8476171486693032832), G_GUINT64_CONSTANT (10595114339597558777),
    G_GUINT64_CONSTANT (2904607092377533576),
  };
  const guint64 state[4] = { 1, 2, 3, 4 };
  OsRng rng;

  os_rng_set_state (&rng, state);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpuint (os_rng_next (&rng), ==, want[i]);
}

/* seeding fills the state with the first four splitmix64 outputs */
static void
test_seeding (void)
{
  OsRng a, b;

  os_rng_init (&a, 1234567);
  for (int i = 0; i < 4; i++)
    g_assert_cmpuint (a.s[i], ==, splitmix_1234567[i]);

  /* the same seed, the same numbers; another seed, others */
  os_rng_init (&a, 42);
  os_rng_init (&b, 42);
  for (int i = 0; i < 1000; i++)
    g_assert_cmpuint (os_rng_next (&a), ==, os_rng_next (&b));
  os_rng_init (&b, 43);
  {
    int same = 0;
    for (int i = 0; i < 1000; i++)
      same += os_rng_next (&a) == os_rng_next (&b);
    g_assert_cmpint (same, ==, 0);
  }
  /* stream 0 is the plain seed; stream 2 is two jumps */
  os_rng_init (&a, 7);
  os_rng_init_stream (&b, 7, 0);
  g_assert_cmpmem (a.s, sizeof a.s, b.s, sizeof b.s);
  os_rng_jump (&a);
  os_rng_jump (&a);
  os_rng_init_stream (&b, 7, 2);
  g_assert_cmpmem (a.s, sizeof a.s, b.s, sizeof b.s);
}

/* The jump is a fixed polynomial in the (linear, GF(2)) transition: it is
 * linear in the state and commutes with a step. */
static void
test_jump_algebra (void)
{
  OsRng a, b, x, ja, jb, jx;

  os_rng_init (&a, 11);
  os_rng_init (&b, 12);
  for (int i = 0; i < 4; i++)
    x.s[i] = a.s[i] ^ b.s[i];
  ja = a; jb = b; jx = x;
  os_rng_jump (&ja);
  os_rng_jump (&jb);
  os_rng_jump (&jx);
  for (int i = 0; i < 4; i++)
    g_assert_cmpuint (jx.s[i], ==, ja.s[i] ^ jb.s[i]);

  /* next ∘ jump = jump ∘ next, and the outputs agree */
  ja = a;
  os_rng_jump (&ja);
  os_rng_next (&ja);
  jb = a;
  os_rng_next (&jb);
  os_rng_jump (&jb);
  g_assert_cmpmem (ja.s, sizeof ja.s, jb.s, sizeof jb.s);
  /* and it is not the identity */
  ja = a;
  os_rng_jump (&ja);
  g_assert_true (memcmp (a.s, ja.s, sizeof a.s) != 0);
}

static double
normal_cdf (double z)
{
  return 0.5 * erfc (-z / G_SQRT2);
}

static void
test_uniform (void)
{
  const int n = 1000000;
  OsRng rng;
  double s = 0, ss = 0, lo = 1, hi = 0;

  os_rng_init (&rng, 2024);
  for (int i = 0; i < n; i++)
    {
      double u = os_rng_uniform (&rng);
      g_assert_true (u >= 0.0 && u < 1.0);
      s += u;
      ss += u * u;
      lo = MIN (lo, u);
      hi = MAX (hi, u);
    }
  s /= n;
  ss = ss / n - s * s;
  g_assert_cmpfloat (fabs (s - 0.5), <, 5 * sqrt (1.0 / 12 / n));
  g_assert_cmpfloat (fabs (ss - 1.0 / 12), <, 5 * sqrt (1.0 / 180 / n));
  g_assert_cmpfloat (lo, <, 1e-4);
  g_assert_cmpfloat (hi, >, 1 - 1e-4);
}

/* moments, the tail beyond the ziggurat's base (the slow path) and a
 * chi-square test on 64 equiprobable bins */
static void
test_normal_distribution (void)
{
  const int n = 2000000, bins = 64;
  OsRng rng;
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  int tail = 0, count[64] = { 0 };
  const double R = 3.442619855899;

  os_rng_init (&rng, 31337);
  for (int i = 0; i < n; i++)
    {
      double z = os_rng_normal (&rng);
      int k = (int) (normal_cdf (z) * bins);

      g_assert_true (isfinite (z));
      m1 += z;
      m2 += z * z;
      m3 += z * z * z;
      m4 += z * z * z * z;
      tail += fabs (z) > R;
      count[CLAMP (k, 0, bins - 1)]++;
    }
  m1 /= n; m2 /= n; m3 /= n; m4 /= n;
  g_test_message ("normals: mean %.2e, variance %.6f, skewness %.2e, kurtosis %.5f",
                  m1, m2 - m1 * m1, m3, m4 / (m2 * m2));
  g_assert_cmpfloat (fabs (m1), <, 5 / sqrt (n));
  g_assert_cmpfloat (fabs (m2 - 1), <, 5 * sqrt (2.0 / n));
  g_assert_cmpfloat (fabs (m3), <, 5 * sqrt (15.0 / n));
  g_assert_cmpfloat (fabs (m4 - 3), <, 5 * sqrt (96.0 / n));
  {
    double p = erfc (R / G_SQRT2);   /* P(|z| > R) */
    g_assert_cmpfloat (fabs (tail - n * p), <, 5 * sqrt (n * p));
  }
  {
    double chi2 = 0, e = (double) n / bins;
    for (int k = 0; k < bins; k++)
      chi2 += (count[k] - e) * (count[k] - e) / e;
    /* 63 degrees of freedom: mean 63, sd √126 ≈ 11.2 */
    g_test_message ("chi-square over %d bins: %.1f", bins, chi2);
    g_assert_cmpfloat (chi2, <, 63 + 5 * sqrt (126.0));
  }
}

/* fill = one at a time; streams and neighbouring seeds uncorrelated */
static void
test_streams (void)
{
  const int n = 400000;
  g_autofree double *a = g_new (double, n);
  g_autofree double *b = g_new (double, n);
  g_autofree double *c = g_new (double, n);
  OsRng ra, rb, rc;
  double ab = 0, ac = 0, lag = 0;

  os_rng_init_stream (&ra, 5, 1);
  os_rng_fill_normal (&ra, a, n);
  os_rng_init_stream (&rb, 5, 1);
  for (int i = 0; i < n; i++)
    g_assert_true (os_rng_normal (&rb) == a[i]);

  os_rng_init_stream (&rb, 5, 2);
  os_rng_fill_normal (&rb, b, n);
  os_rng_init_stream (&rc, 6, 1);
  os_rng_fill_normal (&rc, c, n);
  for (int i = 0; i < n; i++)
    {
      ab += a[i] * b[i];
      ac += a[i] * c[i];
      if (i > 0)
        lag += a[i] * a[i - 1];
    }
  g_test_message ("correlations: streams %.2e, seeds %.2e, lag one %.2e", ab / n, ac / n, lag / n);
  g_assert_cmpfloat (fabs (ab / n), <, 5 / sqrt (n));
  g_assert_cmpfloat (fabs (ac / n), <, 5 / sqrt (n));
  g_assert_cmpfloat (fabs (lag / n), <, 5 / sqrt (n));
}

/* The normal deviates are a fixed sequence: a million of them from one
 * stream, one at a time and by os_rng_fill_normal (whose fast path is its
 * own code), give the sums, the tail count, the first four and the state
 * after them that the ziggurat of this file gave when it was written
 * (values in hexadecimal: exact) */
static void
test_normal_sequence (void)
{
  const int n = 1000000;
  g_autofree double *filled = g_new (double, n);
  OsRng one, fill;
  double sum = 0.0, weighted = 0.0;
  int tail = 0;

  os_rng_init_stream (&one, 2026, 3);
  os_rng_init_stream (&fill, 2026, 3);
  /* in uneven pieces, as the simulation's rows and noises take them */
  for (int done = 0, piece = 1; done < n; done += piece, piece = piece % 1499 + 7)
    os_rng_fill_normal (&fill, filled + done, MIN (piece, n - done));
  for (int i = 0; i < n; i++)
    {
      const double z = os_rng_normal (&one);

      g_assert_true (z == filled[i]);
      sum += z;
      weighted += z * z * (i % 5 + 1);
      tail += fabs (z) > 3.442619855899;
    }
  g_assert_cmpfloat (sum, ==, -0x1.2d14127ef129ep+9);
  g_assert_cmpfloat (weighted, ==, 0x1.6ee50bc34138bp+21);
  g_assert_cmpint (tail, ==, 540);
  g_assert_cmpfloat (filled[0], ==, -0x1.caf619c6c92e5p+0);
  g_assert_cmpfloat (filled[1], ==, -0x1.80dd3e1681379p-2);
  g_assert_cmpfloat (filled[2], ==, 0x1.d14adf89812e9p-4);
  g_assert_cmpfloat (filled[3], ==, 0x1.04d216c73ef52p-1);
  g_assert_cmpuint (os_rng_next (&one), ==, G_GUINT64_CONSTANT (0x67ada31295cf4b03));
  g_assert_cmpuint (os_rng_next (&fill), ==, G_GUINT64_CONSTANT (0x67ada31295cf4b03));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rng/splitmix64-vector", test_splitmix_vector);
  g_test_add_func ("/rng/xoshiro256ss-vector", test_xoshiro_vector);
  g_test_add_func ("/rng/seeding", test_seeding);
  g_test_add_func ("/rng/normal-sequence", test_normal_sequence);
  g_test_add_func ("/rng/jump-algebra", test_jump_algebra);
  g_test_add_func ("/rng/uniform", test_uniform);
  g_test_add_func ("/rng/normal-distribution", test_normal_distribution);
  g_test_add_func ("/rng/streams", test_streams);
  return g_test_run ();
}
