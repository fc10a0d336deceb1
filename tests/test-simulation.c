/* test-simulation.c — the simulated network (THEORY.md §1, §6) at small d:
 * reproducibility (same seed, 1 vs 2 BLAS threads), the giant step, the
 * ridge readout, the errors and the §6 measurements against naive loops over
 * the same random streams, the top singular vector against LAPACK's SVD, the
 * spectra against exact identities, the memory guard, cancellation and
 * argument checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation.h"
#include "os-error.h"
#include "os-rng.h"

#include <cblas.h>
#include <lapacke.h>
#include <float.h>
#include <math.h>
#include <string.h>

static void
params_tanh (OsParams *p)
{
  os_params_init_default (p);   /* tanh/tanh, η̃ 1, α0 0.5, α 2, β 1, λ 0.01, Δ 0 */
}

static OsSimConfig
config_small (int d)
{
  OsSimConfig c;

  os_sim_config_init_default (&c);
  c.d = d;
  c.seeds = 1;
  c.seed = 7;
  return c;
}

/* ---- naive re-implementation over the documented streams --------------- */

typedef struct
{
  int d, p, n0, n;
  double *teacher, *W0, *W1;
} Naive;

static void
naive_samples (OsRng *rng, const OsParams *prm, const double *teacher, int d, int count,
               double *X, double *y)
{
  for (int i = 0; i < count; i++)
    {
      double proj = 0.0, eps;

      for (int k = 0; k < d; k++)
        X[(gsize) i * d + k] = os_rng_normal (rng);
      eps = os_rng_normal (rng);
      for (int k = 0; k < d; k++)
        proj += teacher[k] * X[(gsize) i * d + k];
      y[i] = os_activation_eval (prm->teacher, proj) + sqrt (prm->noise) * eps;
    }
}

/* θ*, W0 and the giant step with plain loops, sample by sample */
static void
naive_step (const OsParams *prm, int d, guint64 seed, Naive *nv)
{
  OsRng rng;
  double *X, *y;

  nv->d = d;
  os_sim_sizes (prm, d, &nv->p, &nv->n0, &nv->n);
  nv->teacher = g_new (double, d);
  nv->W0 = g_new (double, (gsize) nv->p * d);
  nv->W1 = g_new0 (double, (gsize) nv->p * d);

  os_rng_init_stream (&rng, seed, OS_SIM_STREAM_TEACHER);
  {
    double s = 0;
    for (int k = 0; k < d; k++)
      {
        nv->teacher[k] = os_rng_normal (&rng);
        s += nv->teacher[k] * nv->teacher[k];
      }
    for (int k = 0; k < d; k++)
      nv->teacher[k] /= sqrt (s);
  }
  os_rng_init_stream (&rng, seed, OS_SIM_STREAM_INIT);
  for (int j = 0; j < nv->p; j++)
    {
      double s = 0;
      double *w = nv->W0 + (gsize) j * d;
      for (int k = 0; k < d; k++)
        {
          w[k] = os_rng_normal (&rng);
          s += w[k] * w[k];
        }
      for (int k = 0; k < d; k++)
        w[k] /= sqrt (s);
    }

  X = g_new (double, d);
  y = g_new (double, 1);
  os_rng_init_stream (&rng, seed, OS_SIM_STREAM_STEP);
  for (int mu = 0; mu < nv->n0; mu++)
    {
      double f0 = 0.0, e;

      naive_samples (&rng, prm, nv->teacher, d, 1, X, y);
      for (int j = 0; j < nv->p; j++)
        {
          double z = 0;
          for (int k = 0; k < d; k++)
            z += nv->W0[(gsize) j * d + k] * X[k];
          f0 += (1.0 / sqrt (nv->p)) * (1.0 / sqrt (nv->p)) * os_activation_eval (prm->student, z);
        }
      e = y[0] - f0;
      for (int j = 0; j < nv->p; j++)
        {
          double z = 0, g;
          for (int k = 0; k < d; k++)
            z += nv->W0[(gsize) j * d + k] * X[k];
          g = prm->eta / nv->n0 * e * os_activation_deriv (prm->student, z);
          for (int k = 0; k < d; k++)
            nv->W1[(gsize) j * d + k] += g * X[k];
        }
    }
  for (gsize k = 0; k < (gsize) nv->p * d; k++)
    nv->W1[k] += nv->W0[k];
  g_free (X);
  g_free (y);
}

static void
naive_free (Naive *nv)
{
  g_free (nv->teacher);
  g_free (nv->W0);
  g_free (nv->W1);
}

/* Φ = σ(X W1ᵀ)/√p and y for count samples of stream */
static void
naive_features (const OsParams *prm, const Naive *nv, const double *W, guint64 seed,
                OsSimStream stream, int count, double *Phi, double *y)
{
  OsRng rng;
  double *X = g_new (double, (gsize) count * nv->d);

  os_rng_init_stream (&rng, seed, stream);
  naive_samples (&rng, prm, nv->teacher, nv->d, count, X, y);
  for (int i = 0; i < count; i++)
    for (int j = 0; j < nv->p; j++)
      {
        double z = 0;
        for (int k = 0; k < nv->d; k++)
          z += W[(gsize) j * nv->d + k] * X[(gsize) i * nv->d + k];
        Phi[(gsize) i * nv->p + j] = os_activation_eval (prm->student, z) / sqrt (nv->p);
      }
  g_free (X);
}

static double
max_abs_diff (const double *a, const double *b, gsize n)
{
  double m = 0;

  for (gsize i = 0; i < n; i++)
    m = MAX (m, fabs (a[i] - b[i]));
  return m;
}

/* ---- the giant step ------------------------------------------------------ */

static void
check_step (OsActivation student, OsActivation teacher, double noise, double beta, double alpha0, int d)
{
  OsParams prm;
  OsSimConfig cfg = config_small (d);
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSimNetwork) net = NULL;
  Naive nv;
  double diff;

  params_tanh (&prm);
  prm.student = student;
  prm.teacher = teacher;
  prm.noise = noise;
  prm.beta = beta;
  prm.alpha0 = alpha0;
  prm.eta = 2.0;
  net = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  naive_step (&prm, d, cfg.seed, &nv);
  g_assert_cmpint (net->p, ==, nv.p);
  g_assert_cmpint (net->n0, ==, nv.n0);
  g_assert_cmpfloat (max_abs_diff (net->teacher, nv.teacher, d), <, 1e-15);
  g_assert_cmpfloat (max_abs_diff (net->W0, nv.W0, (gsize) nv.p * d), <, 1e-15);
  diff = max_abs_diff (net->W1, nv.W1, (gsize) nv.p * d);
  g_test_message ("%s/%s p=%d n0=%d: max |W1 − naive| = %.2e",
                  os_activation_name (student), os_activation_name (teacher), nv.p, nv.n0, diff);
  g_assert_cmpfloat (diff, <, 1e-12);
  naive_free (&nv);
}

static void
test_step_naive (void)
{
  /* n0 = 1200 > one chunk of 1024: the chunked sum is exercised */
  check_step (OS_ACT_TANH, OS_ACT_TANH, 0.0, 1.5, 100.0, 12);
  check_step (OS_ACT_RELU, OS_ACT_HE2, 0.5, 1.0, 3.0, 16);
  check_step (OS_ACT_SIN, OS_ACT_LINEAR, 0.1, 0.5, 0.5, 20);
  check_step (OS_ACT_ERF, OS_ACT_HE1_HE2, 0.0, 2.0, 1.0, 15);
}

/* ---- readout, errors and §6 against naive formulas ------------------------ */

static void
check_readout (double alpha, double beta, OsActivation student, double noise)
{
  OsParams prm;
  OsSimConfig cfg = config_small (30);
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSimNetwork) net = NULL;
  Naive nv;
  int p, n, n_test;
  double *Phi, *y, *lhs, *rhs, scale = 0, worst = 0, train = 0, test = 0;

  params_tanh (&prm);
  prm.alpha = alpha;
  prm.beta = beta;
  prm.student = student;
  prm.noise = noise;
  prm.lambda = 0.05;
  net = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  naive_step (&prm, cfg.d, cfg.seed, &nv);
  p = nv.p;
  n = nv.n;
  n_test = cfg.n_test;
  g_assert_cmpint (net->n, ==, n);
  g_assert_cmpfloat (max_abs_diff (net->W1, nv.W1, (gsize) p * cfg.d), <, 1e-12);

  /* the normal equations (ΦᵀΦ + λI) â = Φᵀy */
  Phi = g_new (double, (gsize) MAX (n, n_test) * p);
  y = g_new (double, MAX (n, n_test));
  lhs = g_new0 (double, p);
  rhs = g_new0 (double, p);
  naive_features (&prm, &nv, nv.W1, cfg.seed, OS_SIM_STREAM_READOUT, n, Phi, y);
  for (int j = 0; j < p; j++)
    {
      for (int i = 0; i < n; i++)
        {
          double fa = 0;
          for (int l = 0; l < p; l++)
            fa += Phi[(gsize) i * p + l] * net->readout[l];
          lhs[j] += Phi[(gsize) i * p + j] * fa;
          rhs[j] += Phi[(gsize) i * p + j] * y[i];
        }
      lhs[j] += prm.lambda * net->readout[j];
      scale = MAX (scale, fabs (rhs[j]));
    }
  worst = max_abs_diff (lhs, rhs, p);
  for (int i = 0; i < n; i++)
    {
      double f = 0;
      for (int l = 0; l < p; l++)
        f += Phi[(gsize) i * p + l] * net->readout[l];
      train += (y[i] - f) * (y[i] - f) / n;
    }
  naive_features (&prm, &nv, nv.W1, cfg.seed, OS_SIM_STREAM_TEST, n_test, Phi, y);
  for (int i = 0; i < n_test; i++)
    {
      double f = 0;
      for (int l = 0; l < p; l++)
        f += Phi[(gsize) i * p + l] * net->readout[l];
      test += (y[i] - f) * (y[i] - f) / n_test;
    }
  g_test_message ("alpha %g beta %g (p %d, n %d): normal equations residual %.2e of %.2e; "
                  "train %.6f (naive %.6f), test %.6f (naive %.6f)",
                  alpha, beta, p, n, worst, scale, net->train_error, train, net->test_error, test);
  g_assert_cmpfloat (worst, <, 1e-10 * MAX (scale, 1.0));
  g_assert_cmpfloat (fabs (net->train_error - train), <, 1e-10 * MAX (train, 1e-3));
  g_assert_cmpfloat (fabs (net->test_error - test), <, 1e-10 * test);
  g_assert_cmpfloat (net->train_error, <, net->test_error);

  /* §6 from a full SVD of W1 − W0 (LAPACK dgesdd) and plain sums */
  {
    const int d = cfg.d, m = MIN (p, d);
    double *delta = g_new (double, (gsize) p * d);
    double *s = g_new (double, m), *U = g_new (double, (gsize) p * m), *VT = g_new (double, (gsize) m * d);
    double v[64], zeta[64], r = 0, gamma = 0, c2 = 0, mm = 0, q2 = 0, th = 0, psi = 0, q1 = 0, zn = 0;
    double t[64], tv = 0;

    g_assert_cmpint (d, <=, 64);
    for (gsize k = 0; k < (gsize) p * d; k++)
      delta[k] = nv.W1[k] - nv.W0[k];
    g_assert_cmpint (LAPACKE_dgesdd (LAPACK_ROW_MAJOR, 'S', p, d, delta, d, s, U, m, VT, d), ==, 0);
    for (int k = 0; k < d; k++)
      v[k] = VT[k];
    for (int j = 0; j < p; j++)
      for (int k = 0; k < d; k++)
        r += nv.W1[(gsize) j * d + k] * v[k] / p;
    if (r < 0)
      {
        r = -r;
        for (int k = 0; k < d; k++)
          v[k] = -v[k];
      }
    for (int k = 0; k < d; k++)
      gamma += v[k] * nv.teacher[k];
    for (int j = 0; j < p; j++)
      {
        double wv = 0, ww = 0;
        for (int k = 0; k < d; k++)
          {
            wv += nv.W1[(gsize) j * d + k] * v[k];
            ww += nv.W1[(gsize) j * d + k] * nv.W1[(gsize) j * d + k];
          }
        c2 += (ww - wv * wv) / p;
      }
    for (int k = 0; k < d; k++)
      {
        zeta[k] = nv.teacher[k] - gamma * v[k];
        zn += zeta[k] * zeta[k];
      }
    for (int k = 0; k < d; k++)
      zeta[k] /= sqrt (zn);
    for (int k = 0; k < d; k++)
      t[k] = 0;
    for (int j = 0; j < p; j++)
      {
        const double a = net->readout[j];
        double wv = 0, wz = 0;
        for (int k = 0; k < d; k++)
          {
            wv += nv.W1[(gsize) j * d + k] * v[k];
            wz += nv.W1[(gsize) j * d + k] * zeta[k];
            t[k] += nv.W1[(gsize) j * d + k] * a;
          }
        mm += a / sqrt (p);
        q2 += a * a / p;
        th += a * (wv - r) / sqrt (p);
        psi += a * wz / sqrt (p);
      }
    for (int k = 0; k < d; k++)
      tv += t[k] * v[k];
    for (int k = 0; k < d; k++)
      q1 += (t[k] - tv * v[k]) * (t[k] - tv * v[k]) / p;

    g_assert_cmpfloat (fabs (net->spike_singular - s[0]), <, 1e-10 * s[0]);
    g_assert_cmpfloat (max_abs_diff (net->spike, v, d), <, 1e-9);
    g_assert_cmpfloat (fabs (net->r - r), <, 1e-9);
    g_assert_cmpfloat (net->r, >=, 0.0);
    g_assert_cmpfloat (fabs (net->gamma - gamma), <, 1e-9);
    g_assert_cmpfloat (fabs (net->c - sqrt (c2)), <, 1e-9);
    g_assert_cmpfloat (fabs (net->m - mm), <, 1e-9 * MAX (1, fabs (mm)));
    g_assert_cmpfloat (fabs (net->q2 - q2), <, 1e-9 * MAX (1, q2));
    g_assert_cmpfloat (fabs (net->theta - th), <, 1e-9 * MAX (1, fabs (th)));
    g_assert_cmpfloat (fabs (net->psi - psi), <, 1e-9 * MAX (1, fabs (psi)));
    g_assert_cmpfloat (fabs (net->q1 - q1), <, 1e-9 * MAX (1, q1));
    g_free (delta);
    g_free (s);
    g_free (U);
    g_free (VT);
  }
  g_free (Phi);
  g_free (y);
  g_free (lhs);
  g_free (rhs);
  naive_free (&nv);
}

static void
test_readout_naive (void)
{
  check_readout (2.0, 1.0, OS_ACT_TANH, 0.0);    /* p < n: the p × p system */
  check_readout (0.5, 1.5, OS_ACT_RELU, 0.3);    /* p > n: the n × n system */
  check_readout (1.0, 1.0, OS_ACT_SIN, 0.0);     /* p = n */
}

/* ---- reproducibility -------------------------------------------------------- */

static void
test_same_seed_bitwise (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (120);
  OsSimResult a, b;
  g_autoptr (GError) error = NULL;

  params_tanh (&prm);
  cfg.seeds = 2;
  g_assert_true (os_simulate (&prm, &cfg, NULL, NULL, NULL, &a, &error));
  g_assert_no_error (error);
  g_assert_true (os_simulate (&prm, &cfg, NULL, NULL, NULL, &b, &error));
  /* the timings differ; every number of the model is bitwise equal */
  a.seconds = b.seconds = 0;
  a.blas3_seconds = b.blas3_seconds = 0;
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
  g_assert_cmpint (a.seeds, ==, 2);
  g_assert_cmpfloat (a.test_error_std, >, 0.0);

  /* another seed, other numbers */
  cfg.seed = 8;
  g_assert_true (os_simulate (&prm, &cfg, NULL, NULL, NULL, &b, &error));
  g_assert_cmpfloat (a.test_error, !=, b.test_error);
}

/* os_simulate's means and sample standard deviations are those of the
 * single-seed networks seed, seed + 1, ... */
static void
test_seed_statistics (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (70);
  OsSimResult res;
  g_autoptr (GError) error = NULL;
  double test[3], r[3], q1[3], mean_t = 0, mean_r = 0, mean_q1 = 0, var_t = 0, var_r = 0;

  params_tanh (&prm);
  prm.noise = 0.3;
  cfg.seeds = 3;
  g_assert_true (os_simulate (&prm, &cfg, NULL, NULL, NULL, &res, &error));
  g_assert_no_error (error);
  for (int k = 0; k < 3; k++)
    {
      OsSimConfig one = cfg;
      g_autoptr (OsSimNetwork) net = NULL;

      one.seed = cfg.seed + k;
      net = os_simulate_network (&prm, &one, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      test[k] = net->test_error;
      r[k] = net->r;
      q1[k] = net->q1;
      mean_t += test[k] / 3;
      mean_r += r[k] / 3;
      mean_q1 += q1[k] / 3;
    }
  for (int k = 0; k < 3; k++)
    {
      var_t += (test[k] - mean_t) * (test[k] - mean_t) / 2;
      var_r += (r[k] - mean_r) * (r[k] - mean_r) / 2;
    }
  g_assert_cmpint (res.seeds, ==, 3);
  g_assert_cmpfloat (fabs (res.test_error - mean_t), <, 1e-14);
  g_assert_cmpfloat (fabs (res.test_error_std - sqrt (var_t)), <, 1e-14);
  g_assert_cmpfloat (fabs (res.r - mean_r), <, 1e-14);
  g_assert_cmpfloat (fabs (res.r_std - sqrt (var_r)), <, 1e-14);
  g_assert_cmpfloat (fabs (res.q1 - mean_q1), <, 1e-13);
}

static void
test_blas_threads (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (160);
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSimNetwork) one = NULL, two = NULL;
  int saved = openblas_get_num_threads ();

  params_tanh (&prm);
  prm.beta = 1.5;
  openblas_set_num_threads (1);
  one = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  openblas_set_num_threads (2);
  g_test_message ("BLAS threads: 1, then %d", openblas_get_num_threads ());
  two = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  openblas_set_num_threads (saved);

  g_assert_cmpfloat (max_abs_diff (one->W1, two->W1, (gsize) one->p * one->d), <, 1e-10);
  g_assert_cmpfloat (max_abs_diff (one->readout, two->readout, one->p), <, 1e-10);
  g_assert_cmpfloat (fabs (one->test_error - two->test_error), <, 1e-10);
  g_assert_cmpfloat (fabs (one->train_error - two->train_error), <, 1e-10);
  g_assert_cmpfloat (fabs (one->r - two->r), <, 1e-10);
  g_assert_cmpfloat (fabs (one->c - two->c), <, 1e-10);
  g_assert_cmpfloat (fabs (one->gamma - two->gamma), <, 1e-10);
  g_assert_cmpfloat (fabs (one->q1 - two->q1), <, 1e-10);
}

/* ---- η̃ = 0: the network stays at initialisation ------------------------- */

static void
test_no_step (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (60);
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSimNetwork) net = NULL;

  params_tanh (&prm);
  prm.eta = 0.0;
  net = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (net->W0, sizeof (double) * net->p * net->d, net->W1, sizeof (double) * net->p * net->d);
  g_assert_cmpfloat (net->spike_singular, ==, 0.0);
  g_assert_cmpfloat (net->r, ==, 0.0);
  g_assert_cmpfloat (net->gamma, ==, 0.0);
  g_assert_cmpfloat (net->theta, ==, 0.0);
  /* unit rows: c = ‖W0‖_F/√p = 1 */
  g_assert_cmpfloat (fabs (net->c - 1.0), <, 1e-13);
  g_assert_true (isfinite (net->test_error) && isfinite (net->psi) && isfinite (net->q1));
}

/* ---- the top singular vector ---------------------------------------------------- */

static void
check_top_singular (const double *A, int p, int d, gboolean expect_fallback)
{
  const int m = MIN (p, d);
  double *copy = g_memdup2 (A, sizeof *A * p * d);
  double *s = g_new (double, m), *U = g_new (double, (gsize) p * m), *VT = g_new (double, (gsize) m * d);
  double *v = g_new (double, d), dot = 0, sigma;
  int iterations = -1;

  g_assert_cmpint (LAPACKE_dgesdd (LAPACK_ROW_MAJOR, 'S', p, d, copy, d, s, U, m, VT, d), ==, 0);
  sigma = os_sim_top_right_singular (A, p, d, v, &iterations);
  for (int k = 0; k < d; k++)
    dot += v[k] * VT[k];
  g_test_message ("p %d d %d: σ1 %.6f (LAPACK %.6f), σ2 %.6f, |⟨v, v_lapack⟩| − 1 = %.1e, iterations %d",
                  p, d, sigma, s[0], s[1], fabs (dot) - 1, iterations);
  g_assert_cmpfloat (fabs (sigma - s[0]), <, 1e-10 * s[0]);
  g_assert_cmpfloat (fabs (fabs (dot) - 1), <, 1e-10);
  if (expect_fallback)
    g_assert_cmpint (iterations, ==, 0);
  else
    g_assert_cmpint (iterations, >, 0);
  g_free (copy);
  g_free (s);
  g_free (U);
  g_free (VT);
  g_free (v);
}

static void
test_top_singular (void)
{
  const int p = 50, d = 40;
  double *A = g_new (double, p * d), v[40], sum = 0;
  OsRng rng;

  /* a planted spike: noise/√d plus 3 u vᵀ */
  os_rng_init (&rng, 99);
  os_rng_fill_normal (&rng, v, d);
  for (int k = 0; k < d; k++)
    sum += v[k] * v[k];
  for (int j = 0; j < p; j++)
    for (int k = 0; k < d; k++)
      A[j * d + k] = os_rng_normal (&rng) / sqrt (d) + 3.0 * (1.0 + 0.1 * j / p) * v[k] / sqrt (sum) / sqrt (p) * 4;
  check_top_singular (A, p, d, FALSE);
  check_top_singular (A, d, d, FALSE);   /* the first 40 rows: p = d */

  /* no gap: diag(1, 0.9995, …) — power iteration cannot finish, the dense
   * fallback must */
  memset (A, 0, sizeof *A * p * d);
  for (int k = 0; k < d; k++)
    A[k * d + k] = 1.0 - 0.0005 * k;
  A[1] = 1e-3;  /* a unique but barely separated top pair */
  check_top_singular (A, p, d, TRUE);
  check_top_singular (A, d, d, TRUE);

  /* zero: no direction */
  memset (A, 0, sizeof *A * p * d);
  g_assert_cmpfloat (os_sim_top_right_singular (A, p, d, v, NULL), ==, 0.0);
  for (int k = 0; k < d; k++)
    g_assert_cmpfloat (v[k], ==, 0.0);
  g_free (A);
}

/* ---- the memory guard ---------------------------------------------------------- */

static void
test_memory_guard (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (50000);
  OsSimResult res;
  g_autoptr (GError) error = NULL;
  gsize needed;
  g_autofree char *figure = NULL;

  params_tanh (&prm);
  needed = os_simulation_memory_needed (&prm, &cfg);
  /* at least θ*, W0, W1, W1 − W0: 3 p d doubles */
  g_assert_cmpfloat ((double) needed, >=, 3.0 * 8 * 50000.0 * 50000.0);
  g_assert_false (os_simulate (&prm, &cfg, NULL, NULL, NULL, &res, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_TOO_LARGE);
  figure = g_strdup_printf ("%.0f MiB", ceil (needed / 1048576.0));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, figure));
  g_assert_nonnull (strstr (error->message, "2048 MiB"));
  g_clear_error (&error);

  /* the spectrum and the single network are guarded too */
  g_assert_null (os_simulate_spectrum (&prm, &cfg, OS_SPECTRUM_FEATURES, FALSE, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* a small budget refuses a small run; the default budget takes d = 2000 */
  cfg.d = 200;
  cfg.memory_budget = 1 << 20;
  g_assert_false (os_simulate (&prm, &cfg, NULL, NULL, NULL, &res, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "budget of 1 MiB"));
  g_clear_error (&error);
  g_assert_null (os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_TOO_LARGE);
  g_clear_error (&error);
  cfg.d = 2000;
  cfg.memory_budget = 0;
  g_assert_cmpuint (os_simulation_memory_needed (&prm, &cfg), <, OS_SIM_DEFAULT_MEMORY_BUDGET);
  g_assert_cmpuint (os_simulation_spectrum_memory_needed (&prm, &cfg, OS_SPECTRUM_FEATURES), <,
                    OS_SIM_DEFAULT_MEMORY_BUDGET);
  /* the estimate covers the big buffers of d = 2000: W0, W1, W1 − W0, Φ */
  g_assert_cmpuint (os_simulation_memory_needed (&prm, &cfg), >, 8ul * 2000 * 2000 * 4);
}

/* ---- cancellation and progress ------------------------------------------------- */

typedef struct
{
  GCancellable *cancellable;
  const char   *cancel_at;     /* cancel when this stage is reported */
  double        last;
  int           calls;
  gboolean      monotone;
} Progress;

static void
on_progress (double fraction, const char *stage, gpointer data)
{
  Progress *pr = data;

  pr->monotone &= fraction >= pr->last - 1e-15 && fraction <= 1.0;
  pr->last = fraction;
  pr->calls++;
  if (pr->cancel_at != NULL && g_str_equal (stage, pr->cancel_at))
    g_cancellable_cancel (pr->cancellable);
}

static void
test_cancel_and_progress (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (100);
  OsSimResult res;
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  const char *stages[] = { "step", "spike", "readout", "ridge", "test" };
  Progress pr = { 0 };

  params_tanh (&prm);
  cfg.seeds = 2;

  /* cancelled before the start */
  g_cancellable_cancel (cancellable);
  g_assert_false (os_simulate (&prm, &cfg, cancellable, NULL, NULL, &res, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (os_simulate_spectrum (&prm, &cfg, OS_SPECTRUM_WEIGHTS, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* cancelled in the middle of each stage */
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_cancellable_reset (cancellable);
      pr = (Progress) { cancellable, stages[i], 0.0, 0, TRUE };
      g_assert_false (os_simulate (&prm, &cfg, cancellable, on_progress, &pr, &res, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }

  /* uncancelled: monotone progress up to 1 */
  g_cancellable_reset (cancellable);
  pr = (Progress) { cancellable, NULL, 0.0, 0, TRUE };
  g_assert_true (os_simulate (&prm, &cfg, cancellable, on_progress, &pr, &res, &error));
  g_assert_no_error (error);
  g_assert_true (pr.monotone);
  g_assert_cmpint (pr.calls, >=, 10);
  g_assert_cmpfloat (pr.last, ==, 1.0);
  g_assert_cmpfloat (res.seconds, >, 0.0);
  g_assert_cmpfloat (res.flops, >, res.blas3_flops);
  g_assert_cmpfloat (res.blas3_flops, >, 0.0);
}

/* ---- spectra ------------------------------------------------------------------- */

static double
sum_squares (const double *x, int n)
{
  double s = 0;

  for (int i = 0; i < n; i++)
    s += x[i] * x[i];
  return s;
}

static void
check_descending (const OsSimSpectrum *s)
{
  for (int i = 0; i + 1 < s->n; i++)
    {
      g_assert_cmpfloat (s->init[i], >=, s->init[i + 1]);
      g_assert_cmpfloat (s->step[i], >=, s->step[i + 1]);
    }
  g_assert_cmpfloat (s->init[s->n - 1], >=, 0.0);
  g_assert_cmpfloat (s->step[s->n - 1], >=, 0.0);
}

static void
test_spectrum_weights (void)
{
  const double betas[] = { 0.5, 2.0 };

  for (guint b = 0; b < G_N_ELEMENTS (betas); b++)
    {
      OsParams prm;
      OsSimConfig cfg = config_small (200);
      g_autoptr (GError) error = NULL;
      g_autoptr (OsSimSpectrum) s = NULL;
      g_autoptr (OsSimNetwork) net = NULL;
      double beta = betas[b], lo = fabs (1 - sqrt (beta)), hi = 1 + sqrt (beta), fro1 = 0;

      params_tanh (&prm);
      prm.beta = beta;
      s = os_simulate_spectrum (&prm, &cfg, OS_SPECTRUM_WEIGHTS, FALSE, NULL, &error);
      g_assert_no_error (error);
      net = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (s->n, ==, MIN (net->p, net->d));
      g_assert_cmpint (s->p, ==, net->p);
      check_descending (s);
      /* Σ σ² = ‖W‖_F²: p for unit rows, and ‖W1‖_F² for the step */
      for (gsize k = 0; k < (gsize) net->p * net->d; k++)
        fro1 += net->W1[k] * net->W1[k];
      g_assert_cmpfloat (fabs (sum_squares (s->init, s->n) - net->p), <, 1e-9 * net->p);
      g_assert_cmpfloat (fabs (sum_squares (s->step, s->n) - fro1), <, 1e-9 * fro1);
      /* the bulk of W0 fills [|1 − √β|, 1 + √β] (rows of norm 1) */
      g_test_message ("beta %g: W0 singular values %.3f … %.3f (edges %.3f … %.3f); "
                      "W1 top %.3f, next %.3f", beta, s->init[0], s->init[s->n - 1], hi, lo,
                      s->step[0], s->step[1]);
      g_assert_cmpfloat (fabs (s->init[0] - hi), <, 0.1 * hi);
      g_assert_cmpfloat (fabs (s->init[s->n - 1] - lo), <, 0.1);
      /* after the step: one outlier far above the bulk, which stays near c(1+√β) */
      g_assert_cmpfloat (s->step[0], >, 2.5 * s->step[1]);
      g_assert_cmpfloat (fabs (s->step[1] - net->c * hi), <, 0.15 * hi);
    }
}

static void
test_spectrum_features (void)
{
  OsParams prm;
  OsSimConfig cfg = config_small (100);
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSimSpectrum) plain = NULL, centered = NULL;
  g_autoptr (OsSimNetwork) net = NULL;
  Naive nv;
  double *Phi, *y, fro0 = 0, fro1 = 0;

  params_tanh (&prm);
  prm.student = OS_ACT_RELU;   /* a mean outlier already at initialisation */
  prm.alpha = 1.5;
  prm.beta = 0.8;
  plain = os_simulate_spectrum (&prm, &cfg, OS_SPECTRUM_FEATURES, FALSE, NULL, &error);
  g_assert_no_error (error);
  centered = os_simulate_spectrum (&prm, &cfg, OS_SPECTRUM_FEATURES, TRUE, NULL, &error);
  g_assert_no_error (error);
  net = os_simulate_network (&prm, &cfg, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plain->n, ==, MIN (net->n, net->p));
  g_assert_cmpint (plain->n_samples, ==, net->n);
  g_assert_true (centered->centered && !plain->centered);
  check_descending (plain);
  check_descending (centered);

  /* Σ σ² = ‖Φ‖_F² with Φ from the naive features of the readout samples */
  naive_step (&prm, cfg.d, cfg.seed, &nv);
  Phi = g_new (double, (gsize) nv.n * nv.p);
  y = g_new (double, nv.n);
  naive_features (&prm, &nv, nv.W0, cfg.seed, OS_SIM_STREAM_READOUT, nv.n, Phi, y);
  fro0 = sum_squares (Phi, nv.n * nv.p);
  naive_features (&prm, &nv, nv.W1, cfg.seed, OS_SIM_STREAM_READOUT, nv.n, Phi, y);
  fro1 = sum_squares (Phi, nv.n * nv.p);
  g_assert_cmpfloat (fabs (sum_squares (plain->init, plain->n) - fro0), <, 1e-9 * fro0);
  g_assert_cmpfloat (fabs (sum_squares (plain->step, plain->n) - fro1), <, 1e-9 * fro1);

  /* ReLU at initialisation: the mean feature is an outlier that centring
   * removes (THEORY.md §9); top eigenvalue of S ≈ p E μ0² = p/(2π) */
  g_test_message ("ReLU features at init: top %.3f, next %.3f; centred top %.3f",
                  plain->init[0], plain->init[1], centered->init[0]);
  {
    /* ΦᵀΦ = (α/β) S, so σ_top² ≈ (α/β) p μ0² with μ0 = 1/√(2π) */
    double want = sqrt (prm.alpha / prm.beta * net->p / (2 * G_PI));
    g_assert_cmpfloat (fabs (plain->init[0] - want), <, 0.1 * want);
  }
  g_assert_cmpfloat (plain->init[0], >, 2 * plain->init[1]);
  g_assert_cmpfloat (centered->init[0], <, 0.5 * plain->init[0]);
  g_free (Phi);
  g_free (y);
  naive_free (&nv);
}

/* ---- arguments ----------------------------------------------------------------- */

static void
expect_invalid (const OsParams *prm, const OsSimConfig *cfg, const char *needle)
{
  OsSimResult res;
  g_autoptr (GError) error = NULL;

  g_assert_false (os_simulate (prm, cfg, NULL, NULL, NULL, &res, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, needle));
  g_clear_error (&error);
  g_assert_null (os_simulate_spectrum (prm, cfg, OS_SPECTRUM_WEIGHTS, FALSE, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
}

static void
test_invalid (void)
{
  OsParams prm, bad;
  OsSimConfig cfg = config_small (50), c;

  params_tanh (&prm);
  c = cfg; c.d = 5;
  expect_invalid (&prm, &c, "d = 5");
  c = cfg; c.d = OS_SIM_MAX_D + 1;
  expect_invalid (&prm, &c, "d = ");
  c = cfg; c.seeds = 0;
  expect_invalid (&prm, &c, "seeds");
  c = cfg; c.n_test = 100;
  expect_invalid (&prm, &c, "n_test");
  bad = prm; bad.eta = 11;
  expect_invalid (&bad, &cfg, "--eta");
  bad = prm; bad.lambda = 0;
  expect_invalid (&bad, &cfg, "--lambda");
  bad = prm; bad.student = OS_ACT_HE2;
  expect_invalid (&bad, &cfg, "--student");
  {
    g_autoptr (GError) error = NULL;
    OsSimResult res;

    g_assert_false (os_simulate (NULL, &cfg, NULL, NULL, NULL, &res, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_null (os_simulate_spectrum (&prm, &cfg, (OsSpectrumMatrix) 7, FALSE, NULL, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  }
}

/* ---- single precision ------------------------------------------------------------- */

/* --precision single against double, same seed: the test error within
 * 1e-4 relative (issue #16 asks 1e-3; README "Single precision" has the
 * survey), over the four students, a large step, λ down to 1e-5, α and β
 * small and large, and label noise. A ReLU step in float moved it by 3e-4
 * at d = 800, which is why that step stays in double. */
static void
test_single_precision (void)
{
  const struct { OsActivation student; double eta, alpha0, alpha, beta, lambda, noise; } cases[] = {
    { OS_ACT_TANH, 1.0, 0.5, 2.0, 1.0, 0.01, 0.0 },
    { OS_ACT_TANH, 1.0, 0.5, 0.1, 0.1, 1e-5, 0.0 },
    { OS_ACT_TANH, 10.0, 10.0, 1.0, 1.0, 1e-5, 0.5 },
    { OS_ACT_RELU, 10.0, 10.0, 3.0, 2.0, 1e-4, 0.0 },
    { OS_ACT_ERF, 3.0, 2.0, 5.0, 0.5, 1e-3, 1.0 },
    { OS_ACT_SIN, 2.0, 1.0, 1.0, 3.0, 1e-5, 0.0 },
  };
  double worst = 0.0;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      OsSimConfig cfg = config_small (300);
      g_autoptr (GError) error = NULL;
      OsSimResult dbl, sgl;
      OsParams prm;
      double rel;

      params_tanh (&prm);
      prm.student = cases[c].student;
      prm.eta = cases[c].eta;
      prm.alpha0 = cases[c].alpha0;
      prm.alpha = cases[c].alpha;
      prm.beta = cases[c].beta;
      prm.lambda = cases[c].lambda;
      prm.noise = cases[c].noise;
      g_assert_true (os_simulate (&prm, &cfg, NULL, NULL, NULL, &dbl, &error));
      cfg.precision = OS_SIM_PRECISION_SINGLE;
      g_assert_true (os_simulate (&prm, &cfg, NULL, NULL, NULL, &sgl, &error));
      g_assert_no_error (error);
      rel = fabs (sgl.test_error - dbl.test_error) / dbl.test_error;
      g_test_message ("single against double, case %u: test error %.9f against %.9f, %.1e relative",
                      c, sgl.test_error, dbl.test_error, rel);
      /* the same network: float rounding, not another draw */
      g_assert_cmpfloat (sgl.test_error, !=, dbl.test_error);
      g_assert_cmpfloat (rel, <=, 1e-4);
      worst = MAX (worst, rel);
    }
  g_test_message ("single against double: worst %.1e relative", worst);
}

/* ---- the fast tanh ------------------------------------------------------------- */

static void
test_tanh (void)
{
  const int n = 2000001;
  g_autofree double *x = g_new (double, n + 8);
  g_autofree double *t = g_new (double, n + 8);
  const double special[] = { 0.0, -0.0, 1e-300, -1e-300, 0.625, -0.625, 20.0, -20.0, 400.0, -400.0 };
  double worst = 0.0, where = 0.0;

  /* a dense grid over [−10, 10], across the switch at |x| = 0.625 */
  for (int i = 0; i < n; i++)
    x[i] = -10.0 + 20.0 * i / (n - 1);
  os_sim_tanh (x, t, n);
  for (int i = 0; i < n; i++)
    {
      double ref = tanh (x[i]);
      double ulps = ref == 0.0 ? fabs (t[i]) : fabs (t[i] - ref) / (fabs (ref) * DBL_EPSILON);
      if (ulps > worst)
        worst = ulps, where = x[i];
    }
  g_test_message ("fast tanh: worst %.2f ulp (x = %.6f)", worst, where);
  g_assert_cmpfloat (worst, <=, 4.0);
  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    {
      double y;
      os_sim_tanh (&special[i], &y, 1);
      g_assert_cmpfloat (fabs (y - tanh (special[i])), <=, 4 * DBL_EPSILON * fabs (tanh (special[i])));
    }
  {
    double in[3] = { INFINITY, -INFINITY, NAN }, out[3];
    os_sim_tanh (in, out, 3);
    g_assert_cmpfloat (out[0], ==, 1.0);
    g_assert_cmpfloat (out[1], ==, -1.0);
    g_assert_true (isnan (out[2]));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/simulation/step-naive", test_step_naive);
  g_test_add_func ("/simulation/readout-naive", test_readout_naive);
  g_test_add_func ("/simulation/same-seed-bitwise", test_same_seed_bitwise);
  g_test_add_func ("/simulation/seed-statistics", test_seed_statistics);
  g_test_add_func ("/simulation/blas-threads", test_blas_threads);
  g_test_add_func ("/simulation/no-step", test_no_step);
  g_test_add_func ("/simulation/top-singular", test_top_singular);
  g_test_add_func ("/simulation/memory-guard", test_memory_guard);
  g_test_add_func ("/simulation/cancel-and-progress", test_cancel_and_progress);
  g_test_add_func ("/simulation/spectrum-weights", test_spectrum_weights);
  g_test_add_func ("/simulation/spectrum-features", test_spectrum_features);
  g_test_add_func ("/simulation/invalid", test_invalid);
  g_test_add_func ("/simulation/tanh", test_tanh);
  g_test_add_func ("/simulation/single-precision", test_single_precision);
  return g_test_run ();
}
