/* os-sim-tanh.c — the tanh of the simulation's tanh student, in loops the
 * compiler vectorises.
 *
 * tanh after Cephes (Moshier): x + x s P(s)/Q(s) with s = x² for
 * |x| < 0.625; beyond, 1 − 2/(e^y + 1) with y = 2|x| (capped at 40, where
 * the result is 1 in double), e^y = 2^k (q + p)/(q − p) after Cephes' exp
 * (y = k ln 2 + r, |r| ≤ ln 2 / 2, p and q its Padé polynomials in r), so
 * that 2/(e^y + 1) = 2(q − p)/(2^k (q + p) + q − p): one division for either
 * side. Every element computes both sides and picks one, without a branch
 * (on N(0, 1) pre-activations the switch goes either way at random), so
 * each loop is a straight line of adds, multiplies and one division per
 * element, which the compiler vectorises: within 2 ulp of libm's tanh
 * (tests/test-simulation.c), about twice as fast as a branch-free gather of
 * glibc's scalar exp, and more again with AVX2 or AVX-512.
 *
 * The same bits on every machine: the loops are built for the baseline and
 * for AVX2 and AVX-512 (target_clones, picked when the program loads), and
 * each lane does the same IEEE operations in the same order (C17 mode: no
 * contraction into fused multiply-adds), so every clone returns the bits of
 * os_sim_tanh_one (the sanitizer builds take the baseline only). This
 * file is compiled with -fno-trapping-math (core/meson.build): it lets the
 * compiler evaluate both sides of the pick; the program never reads the
 * floating-point exception flags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define TANH_SWITCH 0.625

/* not under ThreadSanitizer (or AddressSanitizer): their instrumented
 * resolvers would run before the sanitizer's runtime is set up */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__has_attribute) \
    && !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
#if __has_attribute(target_clones)
#define OS_VECTOR_CLONES __attribute__ ((target_clones ("avx512f", "avx2", "default")))
#endif
#endif
#ifndef OS_VECTOR_CLONES
#define OS_VECTOR_CLONES
#endif

static inline double
tanh_one (double x)
{
  const double ax = fabs (x), s = x * x;
  /* |x| ≥ 0.625: y = 2|x| = k ln 2 + r (k rounded by the 1.5·2^52 shift) */
  const double shift = 0x1.8p52;
  const double y = 2.0 * (ax < 20.0 ? ax : 20.0);
  double kd = y * 1.4426950408889634073599 + shift;
  uint64_t k_bits, two_k_bits;
  double two_k;

  memcpy (&k_bits, &kd, sizeof kd);
  kd -= shift;
  {
    const double r = (y - kd * 6.93145751953125e-1) - kd * 1.42860682030941723212e-6;
    const double rr = r * r;
    const double pe = r * ((1.26177193074810590878e-4 * rr + 3.02994407707441961300e-2) * rr
                           + 9.99999999999999999910e-1);
    const double qe = ((3.00198505138664455042e-6 * rr + 2.52448340349684104192e-3) * rr
                       + 2.27265548208155028766e-1) * rr + 2.00000000000000000009e0;
    /* 2^k from k's low bits (k ≤ 58 here) */
    two_k_bits = (k_bits + 1023) << 52;
    memcpy (&two_k, &two_k_bits, sizeof two_k);
    {
      const double num_large = 2.0 * (qe - pe), den_large = two_k * (qe + pe) + (qe - pe);
      /* |x| < 0.625 */
      const double P = (-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s
                       - 1.61468768441708447952e3;
      const double Q = ((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s
                       + 4.84406305325125486048e3;
      const gboolean large = ax >= TANH_SWITCH;
      const double f = (large ? num_large : x * s * P) / (large ? den_large : Q);

      return large ? copysign (1.0 - f, x) : x + f;
    }
  }
}

double
os_sim_tanh_one (double x)
{
  return tanh_one (x);
}

OS_VECTOR_CLONES static void
tanh_apart (const double *restrict in, double *restrict out, gsize n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = tanh_one (in[i]);
}

OS_VECTOR_CLONES static void
tanh_in_place (double *z, gsize n)
{
  for (gsize i = 0; i < n; i++)
    z[i] = tanh_one (z[i]);
}

void
os_sim_tanh (const double *in, double *out, gsize n)
{
  if (in == out)
    tanh_in_place (out, n);
  else
    tanh_apart (in, out, n);
}

OS_VECTOR_CLONES void
os_sim_tanh_scaled (double *z, gsize n, double scale)
{
  for (gsize i = 0; i < n; i++)
    z[i] = tanh_one (z[i]) * scale;
}

OS_VECTOR_CLONES void
os_sim_tanh_widen_scaled (const float *restrict zf, double *restrict z, gsize n, double scale)
{
  for (gsize i = 0; i < n; i++)
    z[i] = tanh_one ((double) zf[i]) * scale;
}

OS_VECTOR_CLONES void
os_sim_tanh_value_and_slope (double *restrict z, double *restrict value, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const double t = tanh_one (z[i]);

      value[i] = t;
      z[i] = 1.0 - t * t;
    }
}
