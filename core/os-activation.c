/* os-activation.c — activations and their Gaussian expectations.
 *
 * Smooth activations whose conditional expectations have no closed form
 * (tanh; erf²) are integrated with a graded, split Gauss–Legendre rule about
 * the point where the argument a + c z crosses 0: after the giant step the
 * bulk scale c can reach ~15, and tanh(a + c z) is then nearly a step in z,
 * which a plain Gauss–Hermite rule resolves badly (its poles sit at distance
 * π/(2c) from the real axis). Geometric grading keeps the ratio of each
 * piece's length to that distance fixed, so every piece converges at the same
 * geometric rate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-activation.h"
#include "os-quadrature.h"

#include <math.h>
#include <string.h>

#define SQRT2     1.41421356237309504880
#define SQRT6     2.44948974278317809820
#define INV_SQRT_2PI 0.39894228040143267794
#define TWO_OVER_SQRTPI 1.12837916709551257390

static const struct
{
  const char *name;
  const char *label;
  gboolean    student;
} act_table[OS_ACT_N] = {
  [OS_ACT_LINEAR]  = { "linear",  "linear",  FALSE },
  [OS_ACT_TANH]    = { "tanh",    "tanh",    TRUE },
  [OS_ACT_ERF]     = { "erf",     "erf",     TRUE },
  [OS_ACT_RELU]    = { "relu",    "ReLU",    TRUE },
  [OS_ACT_SIN]     = { "sin",     "sin",     TRUE },
  [OS_ACT_HE2]     = { "he2",     "He₂",     FALSE },
  [OS_ACT_HE3]     = { "he3",     "He₃",     FALSE },
  [OS_ACT_HE1_HE2] = { "he1+he2", "He₁+He₂", FALSE },
};

const char *
os_activation_name (OsActivation act)
{
  g_return_val_if_fail (act < OS_ACT_N, "?");
  return act_table[act].name;
}

const char *
os_activation_label (OsActivation act)
{
  g_return_val_if_fail (act < OS_ACT_N, "?");
  return act_table[act].label;
}

gboolean
os_activation_from_name (const char *name, OsActivation *out)
{
  if (name == NULL)
    return FALSE;
  for (int i = 0; i < OS_ACT_N; i++)
    if (g_ascii_strcasecmp (name, act_table[i].name) == 0)
      {
        *out = (OsActivation) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
os_activation_is_student (OsActivation act)
{
  return act < OS_ACT_N && act_table[act].student;
}

gboolean
os_activation_is_teacher (OsActivation act)
{
  return act < OS_ACT_N;
}

gboolean
os_activation_has_kink (OsActivation act)
{
  return act == OS_ACT_RELU;
}

static inline double
he2 (double z)
{
  return (z * z - 1.0) / SQRT2;
}

double
os_activation_eval (OsActivation act, double z)
{
  switch (act)
    {
    case OS_ACT_LINEAR:  return z;
    case OS_ACT_TANH:    return tanh (z);
    case OS_ACT_ERF:     return erf (z);
    case OS_ACT_RELU:    return z > 0.0 ? z : 0.0;
    case OS_ACT_SIN:     return sin (z);
    case OS_ACT_HE2:     return he2 (z);
    case OS_ACT_HE3:     return (z * z * z - 3.0 * z) / SQRT6;
    case OS_ACT_HE1_HE2: return (z + he2 (z)) / SQRT2;
    case OS_ACT_N:
    default:             g_return_val_if_reached (NAN);
    }
}

double
os_activation_deriv (OsActivation act, double z)
{
  switch (act)
    {
    case OS_ACT_LINEAR:  return 1.0;
    case OS_ACT_TANH:    { double t = tanh (z); return 1.0 - t * t; }
    case OS_ACT_ERF:     return TWO_OVER_SQRTPI * exp (-z * z);
    case OS_ACT_RELU:    return z > 0.0 ? 1.0 : 0.0;
    case OS_ACT_SIN:     return cos (z);
    case OS_ACT_HE2:     return SQRT2 * z;
    case OS_ACT_HE3:     return (3.0 * z * z - 3.0) / SQRT6;
    case OS_ACT_HE1_HE2: return (1.0 + SQRT2 * z) / SQRT2;
    case OS_ACT_N:
    default:             g_return_val_if_reached (NAN);
    }
}

void
os_activation_eval_array (OsActivation act, const double *in, double *out, gsize n)
{
  switch (act)
    {
    case OS_ACT_TANH:
      for (gsize i = 0; i < n; i++) out[i] = tanh (in[i]);
      break;
    case OS_ACT_RELU:
      for (gsize i = 0; i < n; i++) out[i] = in[i] > 0.0 ? in[i] : 0.0;
      break;
    default:
      for (gsize i = 0; i < n; i++) out[i] = os_activation_eval (act, in[i]);
      break;
    }
}

void
os_activation_deriv_array (OsActivation act, const double *in, double *out, gsize n)
{
  switch (act)
    {
    case OS_ACT_TANH:
      for (gsize i = 0; i < n; i++) { double t = tanh (in[i]); out[i] = 1.0 - t * t; }
      break;
    case OS_ACT_RELU:
      for (gsize i = 0; i < n; i++) out[i] = in[i] > 0.0 ? 1.0 : 0.0;
      break;
    default:
      for (gsize i = 0; i < n; i++) out[i] = os_activation_deriv (act, in[i]);
      break;
    }
}

static inline double
norm_cdf (double t)
{
  return 0.5 * erfc (-t / SQRT2);
}

static inline double
norm_pdf (double t)
{
  return INV_SQRT_2PI * exp (-0.5 * t * t);
}

/* ---- graded split rule ------------------------------------------------ */

#define GRADED_NODES 20       /* Gauss–Legendre nodes per piece              */
#define GRADED_RATIO 4.0      /* each piece 4× longer than the one before    */
#define GRADED_RANGE 12.0     /* |z| ≤ 12: the Gaussian tail beyond is 1e-33 */
#define GRADED_MAX_LEN 3.0    /* no piece longer: φ(z) itself must be resolved */

/* Accumulates E[f(a + s z)], E[z f(a + s z)], E[f(a + s z)²] for z ~ N(0,1)
 * with pieces graded away from z0 = −a/s (the zero of the argument), the
 * first of length 2/s. */
static void
graded_moments (OsActivation act, double a, double s,
                double *out_e, double *out_ez, double *out_e2)
{
  const OsRule *gl = os_rule_legendre (GRADED_NODES);
  double e = 0.0, ez = 0.0, e2 = 0.0;
  double z0 = s > 0.0 ? -a / s : -G_MAXDOUBLE;
  double first = s > 0.0 ? MIN (2.0 / s, GRADED_MAX_LEN) : GRADED_MAX_LEN;

  z0 = CLAMP (z0, -GRADED_RANGE, GRADED_RANGE);

  for (int side = -1; side <= 1; side += 2)
    {
      double start = z0, len = first;
      double end = side > 0 ? GRADED_RANGE : -GRADED_RANGE;

      while (side > 0 ? start < end : start > end)
        {
          double stop = start + side * len;
          double lo, hi, half, mid;

          if (side > 0 ? stop > end : stop < end)
            stop = end;
          lo = MIN (start, stop);
          hi = MAX (start, stop);
          half = 0.5 * (hi - lo);
          mid = 0.5 * (hi + lo);
          for (int i = 0; i < gl->n; i++)
            {
              double z = mid + half * gl->nodes[i];
              double w = half * gl->weights[i] * norm_pdf (z);
              double f = os_activation_eval (act, a + s * z);

              e += w * f;
              ez += w * z * f;
              e2 += w * f * f;
            }
          start = stop;
          len = MIN (len * GRADED_RATIO, GRADED_MAX_LEN);
        }
    }
  *out_e = e;
  *out_ez = ez;
  *out_e2 = e2;
}

/* Exact Gauss–Hermite for the polynomial teachers (degree ≤ 6 squared). */
static void
hermite_moments (OsActivation act, double a, double s,
                 double *out_e, double *out_ez, double *out_e2)
{
  const OsRule *gh = os_rule_gauss_hermite (8);
  double e = 0.0, ez = 0.0, e2 = 0.0;

  for (int i = 0; i < gh->n; i++)
    {
      double z = gh->nodes[i], w = gh->weights[i];
      double f = os_activation_eval (act, a + s * z);

      e += w * f;
      ez += w * z * f;
      e2 += w * f * f;
    }
  *out_e = e;
  *out_ez = ez;
  *out_e2 = e2;
}

/* E f(a + s z), E z f(a + s z), E f(a + s z)² for z ~ N(0,1), s ≥ 0. */
static void
shifted_moments (OsActivation act, double a, double s,
                 double *e, double *ez, double *e2)
{
  switch (act)
    {
    case OS_ACT_LINEAR:
      *e = a;
      *ez = s;
      *e2 = a * a + s * s;
      return;

    case OS_ACT_RELU:
      if (s <= 0.0)
        {
          *e = MAX (a, 0.0);
          *ez = 0.0;
          *e2 = (*e) * (*e);
          return;
        }
      {
        double t = a / s, cdf = norm_cdf (t), pdf = norm_pdf (t);

        *e = a * cdf + s * pdf;
        *ez = s * cdf;
        *e2 = (a * a + s * s) * cdf + a * s * pdf;
      }
      return;

    case OS_ACT_SIN:
      {
        double damp = exp (-0.5 * s * s);

        *e = sin (a) * damp;
        *ez = s * cos (a) * damp;
        *e2 = 0.5 * (1.0 - cos (2.0 * a) * exp (-2.0 * s * s));
      }
      return;

    case OS_ACT_ERF:
      {
        double k = sqrt (1.0 + 2.0 * s * s), unused_e, unused_ez;

        *e = erf (a / k);
        *ez = s * TWO_OVER_SQRTPI * exp (-a * a / (k * k)) / k;
        graded_moments (act, a, s, &unused_e, &unused_ez, e2);
      }
      return;

    case OS_ACT_TANH:
      graded_moments (act, a, s, e, ez, e2);
      return;

    case OS_ACT_HE2:
    case OS_ACT_HE3:
    case OS_ACT_HE1_HE2:
      hermite_moments (act, a, s, e, ez, e2);
      return;

    case OS_ACT_N:
    default:
      g_return_if_reached ();
    }
}

void
os_student_conditional (OsActivation act, double a, double c,
                        double *out_mu0, double *out_mu1, double *out_mu2)
{
  double e = 0, ez = 0, e2 = 0, mu1, var;

  g_return_if_fail (c > 0.0);

  shifted_moments (act, a, c, &e, &ez, &e2);
  mu1 = ez / c;
  var = e2 - e * e - c * c * mu1 * mu1;
  *out_mu0 = e;
  *out_mu1 = mu1;
  *out_mu2 = var > 0.0 ? sqrt (var) : 0.0;
}

void
os_teacher_conditional (OsActivation act, double a, double rho, double noise,
                        double *out_h, double *out_h1, double *out_h2)
{
  double e = 0, ez = 0, e2 = 0;

  shifted_moments (act, a, MAX (rho, 0.0), &e, &ez, &e2);
  *out_h = e;
  *out_h1 = ez;
  *out_h2 = e2 + noise;
}

void
os_activation_moments (OsActivation act, OsMoments *out)
{
  const double inv_sqrt_2pi = INV_SQRT_2PI;

  memset (out, 0, sizeof *out);
  switch (act)
    {
    case OS_ACT_LINEAR:
      *out = (OsMoments) { .mean = 0, .mu1 = 1, .second = 1, .deriv_sq = 1, .tau = 0 };
      return;
    case OS_ACT_RELU:
      *out = (OsMoments) { .mean = inv_sqrt_2pi, .mu1 = 0.5, .second = 0.5,
                           .deriv_sq = 0.5, .tau = inv_sqrt_2pi };
      return;
    case OS_ACT_SIN:
      *out = (OsMoments) { .mean = 0, .mu1 = exp (-0.5), .second = 0.5 * (1 - exp (-2.0)),
                           .deriv_sq = 0.5 * (1 + exp (-2.0)), .tau = 0 };
      return;
    case OS_ACT_ERF:
      /* E erf(z)² = (2/π) arcsin(2/3); E erf'(z)² = (4/π)/√5 */
      *out = (OsMoments) { .mean = 0, .mu1 = TWO_OVER_SQRTPI / sqrt (3.0),
                           .second = (2.0 / G_PI) * asin (2.0 / 3.0),
                           .deriv_sq = (4.0 / G_PI) / sqrt (5.0), .tau = 0 };
      return;
    case OS_ACT_HE2:
      *out = (OsMoments) { .mean = 0, .mu1 = 0, .second = 1, .deriv_sq = 2, .tau = SQRT2 };
      return;
    case OS_ACT_HE3:
      *out = (OsMoments) { .mean = 0, .mu1 = 0, .second = 1, .deriv_sq = 3, .tau = 0 };
      return;
    case OS_ACT_HE1_HE2:
      *out = (OsMoments) { .mean = 0, .mu1 = 1 / SQRT2, .second = 1, .deriv_sq = 1.5, .tau = 1 };
      return;
    case OS_ACT_TANH:
      {
        /* sech² and sech⁴ are analytic in |Im z| < π/2: Gauss–Hermite with
         * 200 nodes is exact to rounding. */
        const OsRule *gh = os_rule_gauss_hermite (200);
        double e, ez, e2, d2 = 0.0;

        graded_moments (OS_ACT_TANH, 0.0, 1.0, &e, &ez, &e2);
        for (int i = 0; i < gh->n; i++)
          {
            double d = os_activation_deriv (OS_ACT_TANH, gh->nodes[i]);
            d2 += gh->weights[i] * d * d;
          }
        *out = (OsMoments) { .mean = 0, .mu1 = ez, .second = e2, .deriv_sq = d2, .tau = 0 };
      }
      return;
    case OS_ACT_N:
    default:
      g_return_if_reached ();
    }
}
