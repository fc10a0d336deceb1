/* test-spectral-gmp.c — the ReLU weights' bulk after the step
 * (core/os-spectral-gmp.c, THEORY.md §9's correction) and the law it is
 * kept in (core/os-spectral-law.c):
 *
 *   • the law's Chebyshev form against the Marchenko–Pastur closed form
 *     (soft edges at β = 0.5, the hard edge at 0 at β = 1, the atom at
 *     β = 2): density, Stieltjes transform and its derivative, moments;
 *   • the population's g_T(z) (the M₂(ℂ) linear pencil) against T sampled
 *     at d = 1200 with e drawn apart from X0 (the law's own assumption);
 *   • the top of the bulk against Silverstein and Choi's characterisation
 *     on the same sampled T: the minimum over m ∈ (−1/t_max, 0) of the
 *     inverse map ζ(m) = −1/m + (1/β) mean_i t_i/(1 + t_i m), an
 *     independent route (real axis, sampled population);
 *   • mass 1 − atom and mean ⟨x⟩ = 1 (tr T/d = c² of §2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-mp.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>

/* ---- the law against Marchenko–Pastur ------------------------------------ */

static double
mp_density_cb (double x, gpointer data)
{
  return os_mp_density (*(const double *) data, x);
}

static void
mp_closed (double beta, cplx w, cplx *m, cplx *dm)
{
  double lo, hi;
  cplx r, q;

  os_mp_edges (beta, &lo, &hi);
  r = csqrt (w - lo) * csqrt (w - hi);
  q = 1.0 - beta - w;
  *m = cabs (q - r) >= cabs (q + r) ? 2.0 / (q - r) : (q + r) / (2.0 * beta * w);
  *dm = -(*m) * (beta * (*m) + 1.0) / r;
}

static void
test_law_mp (void)
{
  const double betas[] = { 0.5, 1.0, 2.0 };
  const cplx ws[] = { 1.0 + 0.5 * I, 0.3 + 0.01 * I, 2.5 - 0.2 * I, -0.5, 7.0, 40.0 + 3.0 * I };

  for (guint b = 0; b < G_N_ELEMENTS (betas); b++)
    {
      double beta = betas[b], lo, hi, atom = os_mp_atom_mass (beta);
      OsSpectralLaw *law;

      os_mp_edges (beta, &lo, &hi);
      law = os_spectral_law_build (1, &lo, &hi, atom, mp_density_cb, &beta);
      g_assert_nonnull (law);
      g_assert_cmpint (law->n_failed, ==, 0);
      g_assert_cmpint (law->iv[0].hard, ==, beta == 1.0);
      g_test_message ("β = %g: %d coefficients, mass %.8f (want %.8f), ⟨x⟩ %.8f, ⟨x²⟩ %.8f (want %.8f)",
                      beta, law->iv[0].n, os_spectral_law_mass (law), 1 - atom, law->mom[1],
                      law->mom[2], 1 + beta);
      g_assert_cmpfloat_with_epsilon (os_spectral_law_mass (law), 1 - atom, 1e-5);
      g_assert_cmpfloat_with_epsilon (law->mom[1], 1.0, 1e-5);
      g_assert_cmpfloat_with_epsilon (law->mom[2], 1.0 + beta, 1e-4);
      for (double x = lo + 0.05; x < hi; x += 0.173)
        g_assert_cmpfloat_with_epsilon (os_spectral_law_density (law, x), os_mp_density (beta, x),
                                        2e-4 + 1e-3 * os_mp_density (beta, x));
      for (guint k = 0; k < G_N_ELEMENTS (ws); k++)
        {
          cplx m, dm, m0, dm0;

          os_spectral_law_stieltjes (law, ws[k], &m, &dm);
          mp_closed (beta, ws[k], &m0, &dm0);
          g_assert_cmpfloat_with_epsilon (cabs (m - m0), 0.0, 1e-4 * cabs (m0));
          g_assert_cmpfloat_with_epsilon (cabs (dm - dm0), 0.0, 2e-3 * cabs (dm0));
        }
      os_spectral_law_unref (law);
    }
}

/* ---- the population, sampled --------------------------------------------- */

static double
normal (GRand *rng)
{
  double u1 = g_rand_double (rng), u2 = g_rand_double (rng);

  return sqrt (-2.0 * log (1.0 - u1)) * cos (2.0 * G_PI * u2);
}

/* eigenvalues t[0..d−1] (ascending) of T = (I + a M1)² + k M2, X0 (n0 × d)
 * Gaussian, e = σ*(z) − μ0 drawn apart from X0 */
static void
sampled_population (const OsParams *params, const OsSpike *spike, int d, guint32 seed, double *t)
{
  int n0 = (int) lround (params->alpha0 * d);
  double a = params->eta * spike->tau;
  double k = params->eta * params->eta * (spike->v_prime - spike->tau * spike->tau) / params->alpha0;
  double *X = g_new (double, (gsize) n0 * d), *Y = g_new (double, (gsize) n0 * d);
  double *M1 = g_new0 (double, (gsize) d * d), *M2 = g_new0 (double, (gsize) d * d);
  double *B = g_new (double, (gsize) d * d), *T = g_new (double, (gsize) d * d);
  double *e = g_new (double, n0);
  GRand *rng = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < (gsize) n0 * d; i++)
    X[i] = normal (rng) / sqrt ((double) n0);
  for (int m = 0; m < n0; m++)
    e[m] = os_activation_eval (params->teacher, normal (rng)) - spike->mu0;
  /* M1 = Xᵀ diag(e) X, M2 = Xᵀ diag(e²) X */
  for (int m = 0; m < n0; m++)
    for (int i = 0; i < d; i++)
      Y[(gsize) m * d + i] = e[m] * X[(gsize) m * d + i];
  cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, d, d, n0, 1.0, X, d, Y, d, 0.0, M1, d);
  cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, d, n0, 1.0, Y, d, 0.0, M2, d);
  for (int i = 0; i < d; i++)
    for (int j = 0; j < d; j++)
      B[(gsize) i * d + j] = (i == j) + a * M1[(gsize) i * d + j];
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, d, d, d, 1.0, B, d, B, d, 0.0, T, d);
  for (int i = 0; i < d; i++)
    for (int j = i; j < d; j++)
      T[(gsize) i * d + j] += k * M2[(gsize) i * d + j];
  g_assert_cmpint (LAPACKE_dsyevd (LAPACK_ROW_MAJOR, 'N', 'U', d, T, d, t), ==, 0);
  g_rand_free (rng);
  g_free (X);
  g_free (Y);
  g_free (M1);
  g_free (M2);
  g_free (B);
  g_free (T);
  g_free (e);
}

/* ζ(m) of the sampled population and its m-derivative */
static double
zeta_of (const double *t, int d, double beta, double m, double *dz)
{
  double s = 0.0, ds = 0.0;

  for (int i = 0; i < d; i++)
    {
      double q = 1.0 + t[i] * m;

      s += t[i] / q;
      ds += t[i] * t[i] / (q * q);
    }
  *dz = 1.0 / (m * m) - ds / (d * beta);
  return -1.0 / m + s / (d * beta);
}

static void
check_relu (double eta, double beta, OsActivation teacher)
{
  const int d = 1200;
  OsParams p;
  OsSpike spike;
  double *t = g_new (double, d), lo, hi, edge, trace = 0.0;
  OsSpectralLaw *law;

  os_params_init_default (&p);
  p.student = OS_ACT_RELU;
  p.teacher = teacher;
  p.alpha0 = 1.0;
  p.eta = eta;
  p.beta = beta;
  os_spike_compute (&p, &spike);
  g_assert_true (os_spectral_gmp_applies (&p, &spike));
  sampled_population (&p, &spike, d, 3, t);

  /* g_T at two points of the upper half-plane */
  for (int k = 0; k < 2; k++)
    {
      cplx z = k == 0 ? 1.5 + 0.5 * I : 0.6 * t[d - 1] + 0.3 * I, g, gs = 0;

      for (int i = 0; i < d; i++)
        gs += 1.0 / (t[i] - z);
      gs /= d;
      g_assert_true (os_spectral_gmp_population (&p, &spike, z, &g));
      g_test_message ("relu/%s η̃=%g: g_T(%.3g%+.3gi) = %.5f%+.5fi, sampled (d = %d) %.5f%+.5fi",
                      os_activation_name (teacher), eta, creal (z), cimag (z), creal (g), cimag (g),
                      d, creal (gs), cimag (gs));
      g_assert_cmpfloat_with_epsilon (cabs (g - gs), 0.0, 0.02 * cabs (gs));
    }
  for (int i = 0; i < d; i++)
    trace += t[i] / d;
  g_assert_cmpfloat_with_epsilon (trace, spike.bulk_scale * spike.bulk_scale,
                                  0.02 * spike.bulk_scale * spike.bulk_scale);

  /* the top edge: min of ζ(m) on (−1/t_max, 0), by bisection on ζ' */
  lo = -1.0 / t[d - 1] * (1.0 - 1e-9);
  hi = -1e-9;
  for (int it = 0; it < 200; it++)
    {
      double mid = 0.5 * (lo + hi), dz;

      zeta_of (t, d, beta, mid, &dz);
      if (dz < 0.0)
        lo = mid;
      else
        hi = mid;
    }
  {
    double dz;
    edge = sqrt (beta * zeta_of (t, d, beta, 0.5 * (lo + hi), &dz));   /* a singular value of W */
  }

  law = os_spectral_gmp_law (&p, &spike, NULL, NULL);
  g_assert_nonnull (law);
  g_assert_cmpint (law->n_failed, ==, 0);
  g_test_message ("relu/%s η̃=%g β=%g: top of the bulk %.4f, Silverstein–Choi on sampled T %.4f; "
                  "c(1 + √β) = %.4f; mass %.6f (raw %.6f), ⟨x⟩ = %.6f",
                  os_activation_name (teacher), eta, beta, spike.bulk_scale * sqrt (law->hi), edge,
                  spike.bulk_scale * (1 + sqrt (beta)), os_spectral_law_mass (law), law->raw_mass,
                  law->mom[1]);
  g_assert_cmpfloat_with_epsilon (spike.bulk_scale * sqrt (law->hi), edge, 0.015 * edge);
  g_assert_cmpfloat_with_epsilon (os_spectral_law_mass (law), 1.0 - os_mp_atom_mass (beta), 1e-9);
  g_assert_cmpfloat_with_epsilon (law->raw_mass, 1.0 - os_mp_atom_mass (beta), 2e-3);
  g_assert_cmpfloat_with_epsilon (law->mom[1], 1.0, 5e-3);
  os_spectral_law_unref (law);
  g_free (t);
}

static void
test_relu_population (void)
{
  check_relu (1.0, 1.0, OS_ACT_TANH);
  check_relu (3.0, 1.0, OS_ACT_TANH);
  check_relu (2.0, 0.5, OS_ACT_SIN);
}

/* tanh has τ = 0: the law is not used, c W̃0's Marchenko–Pastur stays */
static void
test_odd_student (void)
{
  OsParams p;
  OsSpike spike;

  os_params_init_default (&p);
  os_spike_compute (&p, &spike);
  g_assert_false (os_spectral_gmp_applies (&p, &spike));
  p.student = OS_ACT_RELU;
  p.eta = 0.0;
  os_spike_compute (&p, &spike);
  g_assert_false (os_spectral_gmp_applies (&p, &spike));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spectral-gmp/law-against-mp", test_law_mp);
  g_test_add_func ("/spectral-gmp/relu-population", test_relu_population);
  g_test_add_func ("/spectral-gmp/odd-student", test_odd_student);
  return g_test_run ();
}
