/* os-rng.c — xoshiro256** with splitmix64 seeding and a ziggurat normal
 * sampler (see os-rng.h for the references).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-rng.h"

#include <math.h>

/* ---- splitmix64 and xoshiro256** (reference algorithms) -------------- */

guint64
os_splitmix64_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
os_rng_next (OsRng *rng)
{
  guint64 *s = rng->s;
  const guint64 result = rotl (s[1] * 5, 7) * 9;
  const guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

void
os_rng_init (OsRng *rng, guint64 seed)
{
  guint64 sm = seed;

  for (int i = 0; i < 4; i++)
    rng->s[i] = os_splitmix64_next (&sm);
  /* splitmix64 is a bijection of its counter, so four consecutive outputs
   * are never all zero; keep the guard for clarity */
  if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
    rng->s[0] = 1;
}

void
os_rng_set_state (OsRng *rng, const guint64 state[4])
{
  g_return_if_fail ((state[0] | state[1] | state[2] | state[3]) != 0);
  for (int i = 0; i < 4; i++)
    rng->s[i] = state[i];
}

void
os_rng_jump (OsRng *rng)
{
  static const guint64 jump[] = {
    G_GUINT64_CONSTANT (0x180ec6d33cfd0aba), G_GUINT64_CONSTANT (0xd5a61266f0c9392c),
    G_GUINT64_CONSTANT (0xa9582618e03fc9aa), G_GUINT64_CONSTANT (0x39abdc4529b1661c)
  };
  guint64 s0 = 0, s1 = 0, s2 = 0, s3 = 0;

  for (guint i = 0; i < G_N_ELEMENTS (jump); i++)
    for (int b = 0; b < 64; b++)
      {
        if (jump[i] & (G_GUINT64_CONSTANT (1) << b))
          {
            s0 ^= rng->s[0];
            s1 ^= rng->s[1];
            s2 ^= rng->s[2];
            s3 ^= rng->s[3];
          }
        os_rng_next (rng);
      }
  rng->s[0] = s0;
  rng->s[1] = s1;
  rng->s[2] = s2;
  rng->s[3] = s3;
}

void
os_rng_init_stream (OsRng *rng, guint64 seed, guint stream)
{
  os_rng_init (rng, seed);
  for (guint k = 0; k < stream; k++)
    os_rng_jump (rng);
}

double
os_rng_uniform (OsRng *rng)
{
  return (os_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* uniform on (0, 1]: safe to take the logarithm of */
static inline double
uniform_open0 (OsRng *rng)
{
  return ((os_rng_next (rng) >> 11) + 1) * 0x1.0p-53;
}

/* ---- ziggurat (Doornik 2005, "An improved ziggurat method to generate
 * normal random samples", ZIGNOR with 128 layers) ----------------------- */

#define ZIG_LAYERS 128
#define ZIG_R      3.442619855899           /* start of the tail            */
#define ZIG_V      9.91256303526217e-3      /* area of each layer           */

static double zig_x[ZIG_LAYERS + 1];        /* layer right edges, x[1] = R  */
static double zig_ratio[ZIG_LAYERS];        /* x[i+1]/x[i]: the sure-accept part */
/* the same in the integers of the fast path: a draw's uniform is
 * u = 2·(m·2⁻⁵³) − 1 = (m − 2⁵²)·2⁻⁵² exactly (m = bits >> 11), so
 * |u| < ratio[i] ⇔ |m − 2⁵²| < ⌈ratio[i]·2⁵²⌉ and u·x[i] = (m − 2⁵²)·(x[i]·2⁻⁵²)
 * (scalings by powers of two are exact: one rounding either way) */
static gint64 zig_sure[ZIG_LAYERS];
static double zig_x_scaled[ZIG_LAYERS];

static void
zig_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      double f = exp (-0.5 * ZIG_R * ZIG_R);

      zig_x[0] = ZIG_V / f;          /* the base layer, tail included */
      zig_x[1] = ZIG_R;
      zig_x[ZIG_LAYERS] = 0.0;
      for (int i = 2; i < ZIG_LAYERS; i++)
        {
          zig_x[i] = sqrt (-2.0 * log (ZIG_V / zig_x[i - 1] + f));
          f = exp (-0.5 * zig_x[i] * zig_x[i]);
        }
      for (int i = 0; i < ZIG_LAYERS; i++)
        {
          zig_ratio[i] = zig_x[i + 1] / zig_x[i];
          zig_sure[i] = (gint64) ceil (zig_ratio[i] * 0x1.0p52);
          zig_x_scaled[i] = zig_x[i] * 0x1.0p-52;
        }
      g_once_init_leave (&done, 1);
    }
}

/* Marsaglia's tail sampler beyond x0, with the sign of `negative` */
static double
zig_tail (OsRng *rng, double x0, gboolean negative)
{
  double x, y;

  do
    {
      x = log (uniform_open0 (rng)) / x0;   /* ≤ 0 */
      y = log (uniform_open0 (rng));
    }
  while (-2.0 * y < x * x);
  return negative ? x - x0 : x0 - x;
}

/* The rest of a draw whose first output, bits, fell outside the sure
 * part of its layer: the wedge test or the tail, then fresh draws until
 * one is accepted. */
static double
normal_rest (OsRng *rng, guint64 bits)
{
  for (;;)
    {
      /* top 53 bits: the uniform; low 7 bits: the layer (disjoint bits) */
      const double u = 2.0 * ((bits >> 11) * 0x1.0p-53) - 1.0;
      const guint i = (guint) (bits & (ZIG_LAYERS - 1));
      double x, f0, f1;

      if (fabs (u) < zig_ratio[i])
        return u * zig_x[i];
      if (i == 0)
        return zig_tail (rng, ZIG_R, u < 0.0);
      /* the wedge between layers i and i+1 */
      x = u * zig_x[i];
      f0 = exp (-0.5 * (zig_x[i] * zig_x[i] - x * x));
      f1 = exp (-0.5 * (zig_x[i + 1] * zig_x[i + 1] - x * x));
      if (f1 + os_rng_uniform (rng) * (f0 - f1) < 1.0)
        return x;
      bits = os_rng_next (rng);
    }
}

double
os_rng_normal (OsRng *rng)
{
  zig_init ();
  return normal_rest (rng, os_rng_next (rng));
}

/* The same numbers as os_rng_normal n times, with the generator's state in
 * registers and its step inlined for the sure part of the layers (about
 * 98.8 % of the draws); the rest goes through normal_rest with the state
 * stored back. */
void
os_rng_fill_normal (OsRng *rng, double *out, gsize n)
{
  guint64 s0 = rng->s[0], s1 = rng->s[1], s2 = rng->s[2], s3 = rng->s[3];

  zig_init ();
  for (gsize k = 0; k < n; k++)
    {
      const guint64 bits = rotl (s1 * 5, 7) * 9;
      const guint64 t = s1 << 17;
      const gint64 m = (gint64) (bits >> 11) - (G_GINT64_CONSTANT (1) << 52);
      const guint i = (guint) (bits & (ZIG_LAYERS - 1));

      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl (s3, 45);
      if (G_LIKELY ((m < 0 ? -m : m) < zig_sure[i]))
        {
          out[k] = (double) m * zig_x_scaled[i];
          continue;
        }
      rng->s[0] = s0, rng->s[1] = s1, rng->s[2] = s2, rng->s[3] = s3;
      out[k] = normal_rest (rng, bits);
      s0 = rng->s[0], s1 = rng->s[1], s2 = rng->s[2], s3 = rng->s[3];
    }
  rng->s[0] = s0, rng->s[1] = s1, rng->s[2] = s2, rng->s[3] = s3;
}
