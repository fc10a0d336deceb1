/* test-theory-grid.c — the solver over all of THEORY.md §8.
 *
 * Every student/teacher pair on a grid of corners and interior points
 * (η̃ up to 10, α0 from 0.05 to 100, β from 0.1 to 10, λ down to 1e-5, α
 * below, at and above β, Δ at both ends), plus seeded random points.
 * No point may return NaN or Inf. Every point must converge; the test prints
 * how many did not, with their parameters, before it fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-theory.h"

#include <math.h>

static int n_points, n_not_converged;

/* A point drawn uniformly over §8 (log-uniformly on the log-scale ranges). */
static void
random_params (GRand *rng, OsParams *p)
{
  do
    p->student = g_rand_int_range (rng, 0, OS_ACT_N);
  while (!os_activation_is_student (p->student));
  p->teacher = g_rand_int_range (rng, 0, OS_ACT_N);
  p->eta = g_rand_double_range (rng, 0, 10);
  p->alpha0 = exp (g_rand_double_range (rng, log (0.05), log (100)));
  p->alpha = g_rand_double_range (rng, 0.05, 10);
  p->beta = exp (g_rand_double_range (rng, log (0.1), log (10)));
  p->lambda = exp (g_rand_double_range (rng, log (1e-5), log (10)));
  p->noise = g_rand_double_range (rng, 0, 2);
}

static void
check_point (const OsParams *p, const OsKappaTable *table, OsTheoryPoint *warm)
{
  OsTheoryPoint pt;

  os_theory_solve_with_table (table, p, NULL, warm, &pt);
  n_points++;
  g_assert_true (isfinite (pt.test_error) && isfinite (pt.train_error));
  g_assert_true (isfinite (pt.m) && isfinite (pt.q1) && isfinite (pt.q2));
  g_assert_true (isfinite (pt.theta) && isfinite (pt.psi));
  g_assert_true (isfinite (pt.V1) && isfinite (pt.V2));
  /* errors are non-negative (up to rounding) */
  g_assert_cmpfloat (pt.test_error, >=, -1e-12);
  g_assert_cmpfloat (pt.train_error, >=, -1e-12);
  if (!pt.converged)
    {
      n_not_converged++;
      g_test_message ("not converged: %s/%s eta=%g alpha0=%g alpha=%g beta=%g lambda=%g "
                      "noise=%g residual=%g",
                      os_activation_name (p->student), os_activation_name (p->teacher),
                      p->eta, p->alpha0, p->alpha, p->beta, p->lambda, p->noise, pt.residual);
    }
  else if (warm != NULL)
    *warm = pt;
}

static void
test_grid (void)
{
  const double etas[] = { 0.0, 1.0, 10.0 };
  const double alpha0s[] = { 0.05, 1.0, 100.0 };
  const double betas[] = { 0.1, 1.0, 10.0 };
  const double lambdas[] = { 1e-5, 1.0 };

  n_points = n_not_converged = 0;
  for (int s = 0; s < OS_ACT_N; s++)
    {
      if (!os_activation_is_student (s))
        continue;
      for (int t = 0; t < OS_ACT_N; t++)
        for (guint ie = 0; ie < G_N_ELEMENTS (etas); ie++)
          for (guint ia = 0; ia < G_N_ELEMENTS (alpha0s); ia++)
            {
              OsParams p = { .student = s, .teacher = t, .eta = etas[ie],
                             .alpha0 = alpha0s[ia], .noise = (ie + ia) % 2 ? 2.0 : 0.0 };
              g_autoptr (OsKappaTable) table = os_kappa_table_new (&p, 0);

              for (guint ib = 0; ib < G_N_ELEMENTS (betas); ib++)
                for (guint il = 0; il < G_N_ELEMENTS (lambdas); il++)
                  {
                    const double alphas[] = { 0.05, MIN (betas[ib], 10.0), 10.0 };

                    for (guint ial = 0; ial < G_N_ELEMENTS (alphas); ial++)
                      {
                        p.beta = betas[ib];
                        p.lambda = lambdas[il];
                        p.alpha = alphas[ial];
                        check_point (&p, table, NULL);
                      }
                  }
            }
    }
  g_test_message ("grid: %d points, %d not converged", n_points, n_not_converged);
  g_printerr ("# grid: %d points, %d not converged\n", n_points, n_not_converged);
  g_assert_cmpint (n_points, >=, 2000);
  g_assert_cmpint (n_not_converged, ==, 0);
}

/* Random points, and warm-started α sweeps across α = β at λ = 1e-5 (the
 * interpolation peak, where V grows like 1/λ). */
static void
test_random_and_peak (void)
{
  GRand *rng = g_rand_new_with_seed (20240205);

  n_points = n_not_converged = 0;
  for (int i = 0; i < 1500; i++)
    {
      OsParams p;
      g_autoptr (OsKappaTable) table = NULL;

      random_params (rng, &p);
      table = os_kappa_table_new (&p, 0);
      check_point (&p, table, NULL);
    }

  for (int s = 0; s < OS_ACT_N; s++)
    {
      OsParams p;
      g_autoptr (OsKappaTable) table = NULL;
      OsTheoryPoint warm = { 0 };

      if (!os_activation_is_student (s))
        continue;
      os_params_init_default (&p);
      p.student = s;
      p.teacher = OS_ACT_RELU;
      p.eta = 5.0;
      p.beta = 2.0;
      p.lambda = 1e-5;
      table = os_kappa_table_new (&p, 0);
      for (int i = 0; i <= 200; i++)
        {
          p.alpha = 0.05 + (10.0 - 0.05) * i / 200;
          check_point (&p, table, &warm);
        }
    }
  g_test_message ("random + peak sweeps: %d points, %d not converged", n_points, n_not_converged);
  g_printerr ("# random + peak sweeps: %d points, %d not converged\n", n_points, n_not_converged);
  g_assert_cmpint (n_not_converged, ==, 0);
  g_rand_free (rng);
}

/* The default κ rule is converged: at random points over all of §8 the test
 * error agrees with a rule 2.5 times finer (80 nodes a piece) to 1e-6
 * relative. (Measured: worst 1.6e-8 over 1,000 points.) */
static void
test_quadrature_converged (void)
{
  GRand *rng = g_rand_new_with_seed (7);
  double worst = 0.0;

  for (int i = 0; i < 400; i++)
    {
      OsParams p;
      OsTheoryOptions fine;
      OsTheoryPoint a, b;

      random_params (rng, &p);
      os_theory_options_init_default (&fine);
      fine.n_kappa = 480;
      g_assert_true (os_theory_solve (&p, NULL, NULL, &a, NULL));
      g_assert_true (os_theory_solve (&p, &fine, NULL, &b, NULL));
      g_assert_true (a.converged && b.converged);
      worst = MAX (worst, fabs (a.test_error - b.test_error) / b.test_error);
    }
  g_printerr ("# quadrature: worst relative change of test error with a finer rule %.3g\n", worst);
  g_assert_cmpfloat (worst, <, 1e-6);
  g_rand_free (rng);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/theory-grid/corners", test_grid);
  g_test_add_func ("/theory-grid/random-and-peak", test_random_and_peak);
  g_test_add_func ("/theory-grid/quadrature-converged", test_quadrature_converged);
  return g_test_run ();
}
