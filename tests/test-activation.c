/* test-activation.c — Gaussian expectations of the activations against an
 * independent brute-force integral (composite Simpson on [−14, 14] with
 * 400 001 points, split at the kink).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-activation.h"

#include <math.h>

typedef struct
{
  OsActivation act;
  double a, s;
  int which;   /* 0: f, 1: z f, 2: f², 3: σ'², 4: z σ' */
} Integrand;

static double
integrand (const Integrand *in, double z)
{
  double u = in->a + in->s * z, f;

  switch (in->which)
    {
    case 0: f = os_activation_eval (in->act, u); break;
    case 1: f = z * os_activation_eval (in->act, u); break;
    case 2: f = os_activation_eval (in->act, u); f *= f; break;
    case 3: f = os_activation_deriv (in->act, u); f *= f; break;
    default: f = z * os_activation_deriv (in->act, u); break;
    }
  return f * exp (-0.5 * z * z) / sqrt (2 * G_PI);
}

/* Simpson on [lo, hi] with n (even) intervals */
static double
simpson (const Integrand *in, double lo, double hi, int n)
{
  double h = (hi - lo) / n, s = integrand (in, lo) + integrand (in, hi);

  for (int i = 1; i < n; i++)
    s += (i % 2 ? 4 : 2) * integrand (in, lo + i * h);
  return s * h / 3;
}

static double
brute (OsActivation act, double a, double s, int which)
{
  Integrand in = { act, a, s, which };
  double kink = s > 0 ? -a / s : 0.0;

  kink = CLAMP (kink, -13.9, 13.9);
  /* split at the kink of ReLU and at the step-like centre of tanh/erf */
  /* the pieces stop just short of the kink, where σ' jumps */
  return simpson (&in, -14, kink - 1e-13, 200000) + simpson (&in, kink + 1e-13, 14, 200000);
}

static void
test_scalar_moments (void)
{
  for (int a = 0; a < OS_ACT_N; a++)
    {
      OsMoments m;

      os_activation_moments (a, &m);
      g_assert_cmpfloat_with_epsilon (m.mean, brute (a, 0, 1, 0), 1e-11);
      g_assert_cmpfloat_with_epsilon (m.mu1, brute (a, 0, 1, 1), 1e-11);
      g_assert_cmpfloat_with_epsilon (m.second, brute (a, 0, 1, 2), 1e-11);
      g_assert_cmpfloat_with_epsilon (m.deriv_sq, brute (a, 0, 1, 3), 1e-11);
      g_assert_cmpfloat_with_epsilon (m.tau, brute (a, 0, 1, 4), 1e-11);
    }
}

/* μ0, μ1, μ2 at shifts and scales from the kernel regime (c = 1) to the
 * largest bulk scale of §8 (c ≈ 15, a nearly step-like tanh). */
static void
test_student_conditional (void)
{
  const double as[] = { -7.0, -1.3, 0.0, 0.4, 2.5, 20.0 };
  const double cs[] = { 0.3, 1.0, 1.04, 3.0, 15.0 };

  for (int act = 0; act < OS_ACT_N; act++)
    {
      if (!os_activation_is_student (act))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (as); i++)
        for (guint j = 0; j < G_N_ELEMENTS (cs); j++)
          {
            double a = as[i], c = cs[j], mu0, mu1, mu2;
            double e = brute (act, a, c, 0), ez = brute (act, a, c, 1), e2 = brute (act, a, c, 2);
            double var = MAX (0.0, e2 - e * e - ez * ez);

            os_student_conditional (act, a, c, &mu0, &mu1, &mu2);
            g_assert_cmpfloat_with_epsilon (mu0, e, 1e-10 * MAX (1, fabs (e)));
            g_assert_cmpfloat_with_epsilon (mu1, ez / c, 1e-10 * MAX (1, fabs (ez / c)));
            g_assert_cmpfloat_with_epsilon (mu2 * mu2, var, 1e-9 * MAX (1, e2));
          }
    }
}

static void
test_teacher_conditional (void)
{
  const double as[] = { -2.0, 0.0, 0.7, 3.0 };
  const double rhos[] = { 0.0, 0.05, 0.5, 0.99 };

  for (int act = 0; act < OS_ACT_N; act++)
    for (guint i = 0; i < G_N_ELEMENTS (as); i++)
      for (guint j = 0; j < G_N_ELEMENTS (rhos); j++)
        {
          double a = as[i], rho = rhos[j], h, h1, h2;

          os_teacher_conditional (act, a, rho, 0.25, &h, &h1, &h2);
          if (rho == 0.0)
            {
              double f = os_activation_eval (act, a);
              g_assert_cmpfloat_with_epsilon (h, f, 1e-10 * MAX (1, fabs (f)));
              g_assert_cmpfloat_with_epsilon (h1, 0.0, 1e-10);
              g_assert_cmpfloat_with_epsilon (h2, f * f + 0.25, 1e-9 * MAX (1, f * f));
              continue;
            }
          g_assert_cmpfloat_with_epsilon (h, brute (act, a, rho, 0), 1e-10 * MAX (1, fabs (h)));
          g_assert_cmpfloat_with_epsilon (h1, brute (act, a, rho, 1), 1e-10 * MAX (1, fabs (h1)));
          g_assert_cmpfloat_with_epsilon (h2, brute (act, a, rho, 2) + 0.25, 1e-9 * MAX (1, h2));
        }
}

static void
test_names (void)
{
  OsActivation a;

  g_assert_true (os_activation_from_name ("TanH", &a) && a == OS_ACT_TANH);
  g_assert_true (os_activation_from_name ("He1+He2", &a) && a == OS_ACT_HE1_HE2);
  g_assert_true (os_activation_from_name ("relu", &a) && a == OS_ACT_RELU);
  g_assert_false (os_activation_from_name ("softplus", &a));
  g_assert_false (os_activation_from_name (NULL, &a));
  g_assert_true (os_activation_is_student (OS_ACT_SIN));
  g_assert_false (os_activation_is_student (OS_ACT_LINEAR));
  g_assert_false (os_activation_is_student (OS_ACT_HE3));
  for (int i = 0; i < OS_ACT_N; i++)
    {
      g_assert_true (os_activation_from_name (os_activation_name (i), &a));
      g_assert_cmpint (a, ==, i);
    }
}

/* The array forms agree with the scalar ones (the simulation uses them). */
static void
test_arrays (void)
{
  double in[9] = { -4, -1, -0.5, 0, 1e-9, 0.5, 1, 2, 5 }, out[9], dout[9];

  for (int a = 0; a < OS_ACT_N; a++)
    {
      os_activation_eval_array (a, in, out, 9);
      os_activation_deriv_array (a, in, dout, 9);
      for (int i = 0; i < 9; i++)
        {
          g_assert_cmpfloat (out[i], ==, os_activation_eval (a, in[i]));
          g_assert_cmpfloat (dout[i], ==, os_activation_deriv (a, in[i]));
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/activation/names", test_names);
  g_test_add_func ("/activation/arrays", test_arrays);
  g_test_add_func ("/activation/scalar-moments", test_scalar_moments);
  g_test_add_func ("/activation/student-conditional", test_student_conditional);
  g_test_add_func ("/activation/teacher-conditional", test_teacher_conditional);
  return g_test_run ();
}
