/* test-sim-split.c — the element-wise work of the simulation split over
 * threads (core/os-sim-split.c) gives the bits of one thread: the student's
 * features (tanh by tiles, and the other activations) below and above the
 * split's threshold, every unit of a split done once, whole sweeps
 * (double and single precision, units one at a time and concurrently) with
 * the split forced on against forced off, and a stream's chunks drawn
 * ahead while the features are computed against drawn when they come;
 * the vectorised tanh against its scalar form, and single precision's rows
 * (drawn without X in double) against os_sim_draw_rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <math.h>
#include <string.h>

/* N(0, s²) pre-activations with a few specials */
static double *
pre_activations (gsize n, double s, guint64 seed)
{
  double *z = g_new (double, n);
  OsRng rng;

  os_rng_init (&rng, seed);
  os_rng_fill_normal (&rng, z, n);
  for (gsize i = 0; i < n; i++)
    z[i] *= s;
  if (n > 8)
    {
      z[0] = 0.625;
      z[1] = -0.625;
      z[2] = -0.0;
      z[3] = INFINITY;
      z[4] = -INFINITY;
      z[5] = 1e-300;
      z[6] = 400.0;
    }
  return z;
}

/* os_sim_student_features with 1, 2 and 3 threads: the same bits; for tanh
 * also those of os_sim_tanh (the scalar form) times the scale */
static void
check_features (OsActivation act, gsize n)
{
  g_autofree double *z0 = pre_activations (n, 1.3, 7 + n);
  g_autofree double *ref = g_new (double, n);
  const double scale = 1.0 / sqrt (1234.0);
  int saved;

  memcpy (ref, z0, sizeof *ref * n);
  saved = os_sim_set_split_threads (1);
  os_sim_student_features (act, ref, n, scale);
  for (int threads = 2; threads <= 3; threads++)
    {
      g_autofree double *z = g_memdup2 (z0, sizeof *z0 * n);
      g_autofree float *zf = g_new (float, n);
      g_autofree double *w = g_new (double, n);

      os_sim_set_split_threads (threads);
      os_sim_student_features (act, z, n, scale);
      g_assert_cmpint (memcmp (z, ref, sizeof *z * n), ==, 0);
      /* from a float product: the features of the widened floats */
      for (gsize i = 0; i < n; i++)
        zf[i] = (float) z0[i];
      os_sim_student_features_widen (act, zf, w, n, scale);
      for (gsize i = 0; i < n; i++)
        z[i] = zf[i];
      os_sim_set_split_threads (1);
      os_sim_student_features (act, z, n, scale);
      g_assert_cmpint (memcmp (z, w, sizeof *z * n), ==, 0);
    }
  if (act == OS_ACT_TANH)
    {
      g_autofree double *t = g_new (double, n);

      os_sim_tanh (z0, t, n);
      for (gsize i = 0; i < n; i++)
        t[i] *= scale;
      g_assert_cmpint (memcmp (t, ref, sizeof *t * n), ==, 0);
    }
  os_sim_set_split_threads (saved);
}

static void
test_features (void)
{
  const OsActivation acts[] = { OS_ACT_TANH, OS_ACT_ERF, OS_ACT_RELU, OS_ACT_SIN };
  /* below the threshold, just above it, and well above with a ragged end */
  const gsize sizes[] = { 1, 300, SIM_SPLIT_MIN - 1, SIM_SPLIT_MIN + 7, 5 * SIM_SPLIT_BLOCK + 333 };

  for (guint a = 0; a < G_N_ELEMENTS (acts); a++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      check_features (acts[a], sizes[k]);
}

static void
count_block (gsize begin, gsize end, gpointer data)
{
  gint *hits = data;

  for (gsize i = begin; i < end; i++)
    g_atomic_int_inc (&hits[i]);
}

/* every unit once, whatever the threads and the block */
static void
test_units_once (void)
{
  const gsize n = 100003;
  g_autofree gint *hits = g_new0 (gint, n);
  int saved = os_sim_set_split_threads (3);

  for (int rep = 0; rep < 20; rep++)
    os_sim_split (n, 1 + rep * 997, 0, count_block, hits);
  os_sim_set_split_threads (saved);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (g_atomic_int_get (&hits[i]), ==, 20);
}

/* the rows of a sweep, without the seconds */
static void
sweep_rows (const OsParams *params, OsParamId axis, const double *values, int n_values,
            const OsSimConfig *cfg, OsSimSeedRow *rows)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (os_simulate_sweep (params, axis, values, n_values, cfg, NULL, NULL, NULL, NULL,
                                    NULL, NULL, rows, &error));
  g_assert_no_error (error);
  for (int i = 0; i < n_values * cfg->seeds; i++)
    rows[i].seconds = 0.0;
}

/* whole sweeps: the split forced on gives the bits of no split */
static void
test_sweeps (void)
{
  const double alphas[] = { 0.5, 1.5 }, noises[] = { 0.0, 0.3 }, alpha0s[] = { 1.5, 2.5 };
  const struct
  {
    OsActivation student;
    int d, seeds;
    OsParamId axis;
    const double *values;
  } runs[] = {
    { OS_ACT_TANH, 220, 1, OS_PARAM_ALPHA, alphas },   /* one unit at a time */
    { OS_ACT_RELU, 220, 1, OS_PARAM_NOISE, noises },   /* the step in double */
    { OS_ACT_ERF, 200, 2, OS_PARAM_NOISE, noises },
    { OS_ACT_TANH, 100, 3, OS_PARAM_ALPHA, alphas },   /* seeds concurrently */
    { OS_ACT_TANH, 240, 1, OS_PARAM_ALPHA0, alpha0s }, /* each point from scratch */
  };

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    for (int single = 0; single <= 1; single++)
      {
        const int n_rows = 2 * runs[r].seeds;
        g_autofree OsSimSeedRow *off = g_new0 (OsSimSeedRow, n_rows);
        g_autofree OsSimSeedRow *on = g_new0 (OsSimSeedRow, n_rows);
        OsSimConfig cfg;
        OsParams params;
        int saved;

        os_params_init_default (&params);
        params.student = runs[r].student;
        params.eta = 2.0;
        params.alpha0 = 2.0;   /* n0 p above the split's threshold */
        os_sim_config_init_default (&cfg);
        cfg.d = runs[r].d;
        cfg.seeds = runs[r].seeds;
        cfg.seed = 5;
        cfg.precision = single ? OS_SIM_PRECISION_SINGLE : OS_SIM_PRECISION_DOUBLE;
        saved = os_sim_set_split_threads (1);
        sweep_rows (&params, runs[r].axis, runs[r].values, 2, &cfg, off);
        os_sim_set_split_threads (2);
        sweep_rows (&params, runs[r].axis, runs[r].values, 2, &cfg, on);
        os_sim_set_split_threads (saved);
        g_assert_cmpint (memcmp (off, on, sizeof *on * n_rows), ==, 0);
        g_assert_true (isfinite (on[0].test_error) && on[0].test_error > 0.0);
      }
}

/* Φ and y of a stream drawn chunk by chunk when each comes, against each
 * next chunk drawn ahead while the features are computed: the same bits */
static void
test_draw_ahead (void)
{
  for (int single = 0; single <= 1; single++)
    for (int threads = 1; threads <= 2; threads++)
      {
        const OsSimPrecision precision = single ? OS_SIM_PRECISION_SINGLE : OS_SIM_PRECISION_DOUBLE;
        OsSimCtx ctx = OS_SIM_CTX_INIT (NULL, NULL, NULL, precision);
        g_autoptr (GError) error = NULL;
        OsSimWorkspace ws;
        OsSimNetwork *net;
        OsSimConfig cfg;
        OsParams params;
        OsSimDims dims;
        int saved;

        os_params_init_default (&params);
        params.alpha = 9.5;   /* n = 2470: three chunks, the last short */
        os_sim_config_init_default (&cfg);
        cfg.d = 260;
        cfg.precision = precision;
        net = os_sim_network_new (&params, &cfg);
        net->seed = 3;
        dims = os_sim_dims_of (&params, &cfg);
        os_sim_workspace_init (&ws, &dims, OS_SIM_WORK_NETWORK, precision);
        saved = os_sim_set_split_threads (threads);
        g_assert_true (os_sim_network_step (&params, net, &ws, ws.A, &ctx, &error));
        os_sim_workspace_set_w (&ctx, &ws, net->W1, (gsize) net->p * net->d);
        {
          const int n = net->n, p = net->p;
          g_autofree double *phi = g_new (double, (gsize) n * p);
          g_autofree double *y = g_new (double, n);
          OsSimSampler a, b;

          g_assert_cmpint (n, >, 2 * SIM_CHUNK);
          os_sim_sampler_init (&a, net->seed, OS_SIM_STREAM_READOUT);
          os_sim_sampler_init (&b, net->seed, OS_SIM_STREAM_READOUT);
          for (int start = 0; start < n; start += SIM_CHUNK)
            os_sim_feature_rows (&params, net, net->W1, &a, start, MIN (SIM_CHUNK, n - start), 0,
                                 phi, y, &ws, &ctx);
          for (int start = 0; start < n; start += SIM_CHUNK)
            {
              const int count = MIN (SIM_CHUNK, n - start);

              os_sim_feature_rows (&params, net, net->W1, &b, start, count,
                                   MIN (SIM_CHUNK, n - start - count), ws.A, ws.y, &ws, &ctx);
            }
          g_assert_cmpint (memcmp (phi, ws.A, sizeof *phi * (gsize) n * p), ==, 0);
          g_assert_cmpint (memcmp (y, ws.y, sizeof *y * n), ==, 0);
        }
        os_sim_set_split_threads (saved);
        os_sim_workspace_clear (&ws);
        os_sim_network_free (net);
      }
}

/* the feature spectrum in single precision: the products take the float
 * copy of W0, then of W1 (set by the caller of os_sim_feature_matrix), so
 * both spectra are within float rounding of double's */
static void
test_spectrum_single (void)
{
  g_autoptr (OsSimSpectrum) dbl = NULL, sgl = NULL;
  g_autoptr (GError) error = NULL;
  OsSimConfig cfg;
  OsParams params;
  int saved = os_sim_set_split_threads (2);
  double top = 0.0, moved = 0.0;

  os_params_init_default (&params);
  params.eta = 3.0;   /* W1 far from W0 */
  os_sim_config_init_default (&cfg);
  cfg.d = 200;
  dbl = os_simulate_spectrum (&params, &cfg, OS_SPECTRUM_FEATURES, FALSE, NULL, &error);
  g_assert_no_error (error);
  cfg.precision = OS_SIM_PRECISION_SINGLE;
  sgl = os_simulate_spectrum (&params, &cfg, OS_SPECTRUM_FEATURES, FALSE, NULL, &error);
  g_assert_no_error (error);
  os_sim_set_split_threads (saved);
  g_assert_cmpint (dbl->n, ==, sgl->n);
  for (int i = 0; i < dbl->n; i++)
    {
      top = MAX (top, MAX (dbl->init[i], dbl->step[i]));
      moved = MAX (moved, fabs (dbl->init[i] - dbl->step[i]));
    }
  for (int i = 0; i < dbl->n; i++)
    {
      g_assert_cmpfloat (fabs (dbl->init[i] - sgl->init[i]), <=, 1e-4 * top);
      g_assert_cmpfloat (fabs (dbl->step[i] - sgl->step[i]), <=, 1e-4 * top);
    }
  /* the step moved the spectrum (so W0's and W1's copies were told apart) */
  g_assert_cmpfloat (moved, >, 1e-2 * top);
}

/* The vectorised tanh loops (os-sim-tanh.c, picked for this machine among
 * the baseline, AVX2 and AVX-512 builds) give the bits of the scalar form,
 * element by element, in every loop that uses them: with ragged lengths,
 * and the specials (±0.625, ±0, ±∞, NaN, 400). */
static void
test_tanh_loops (void)
{
  const gsize sizes[] = { 1, 3, 8, 17, 1000, 4099 };
  const double scale = 1.0 / sqrt (1500.0);

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      const gsize n = sizes[k];
      g_autofree double *z = pre_activations (n, 2.1, 11 + n);
      g_autofree double *t = g_new (double, n);
      g_autofree double *in_place = g_new (double, n);
      g_autofree double *scaled = g_new (double, n);
      g_autofree double *widened = g_new (double, n);
      g_autofree double *value = g_new (double, n);
      g_autofree double *slope = g_new (double, n);
      g_autofree float *zf = g_new (float, n);

      if (n > 8)
        z[7] = NAN;
      for (gsize i = 0; i < n; i++)
        zf[i] = (float) z[i];
      memcpy (in_place, z, sizeof *z * n);
      memcpy (scaled, z, sizeof *z * n);
      memcpy (slope, z, sizeof *z * n);
      os_sim_tanh (z, t, n);
      os_sim_tanh (in_place, in_place, n);
      os_sim_tanh_scaled (scaled, n, scale);
      os_sim_tanh_widen_scaled (zf, widened, n, scale);
      os_sim_tanh_value_and_slope (slope, value, n);
      for (gsize i = 0; i < n; i++)
        {
          const double one = os_sim_tanh_one (z[i]);
          const double one_f = os_sim_tanh_one ((double) zf[i]);

          g_assert_cmpmem (&t[i], sizeof (double), &one, sizeof (double));
          g_assert_cmpmem (&in_place[i], sizeof (double), &one, sizeof (double));
          g_assert_cmpmem (&value[i], sizeof (double), &one, sizeof (double));
          if (!isnan (one))
            {
              g_assert_cmpfloat (scaled[i], ==, one * scale);
              g_assert_cmpfloat (widened[i], ==, one_f * scale);
              g_assert_cmpfloat (slope[i], ==, 1.0 - one * one);
            }
          else
            g_assert_true (isnan (scaled[i]) && isnan (widened[i]) && isnan (slope[i]));
        }
    }
}

/* Single precision's rows for the features: the same random numbers as
 * os_sim_draw_rows (Xf the floats of its X, the same noise, the stream left
 * at the same place), and projections on θ* within rounding of X θ*. */
static void
test_draw_rows_float (void)
{
  const int d = 1037, count = 37;
  g_autofree double *X = g_new (double, (gsize) count * d);
  g_autofree float *Xf = g_new (float, (gsize) count * d);
  g_autofree double *row = g_new (double, d);
  g_autofree double *teacher = g_new (double, d);
  g_autofree double *proj = g_new (double, count);
  g_autofree double *ref = g_new (double, count);
  g_autofree double *eps = g_new (double, count);
  g_autofree double *eps_f = g_new (double, count);
  OsRng a, b, t;

  os_rng_init (&t, 99);
  os_rng_fill_normal (&t, teacher, d);
  os_sim_normalise (teacher, d);
  os_rng_init_stream (&a, 8, 2);
  os_rng_init_stream (&b, 8, 2);
  os_sim_draw_rows (&a, d, count, X, NULL, eps);
  os_sim_draw_rows_float (&b, d, count, teacher, row, Xf, proj, eps_f);
  cblas_dgemv (CblasRowMajor, CblasNoTrans, count, d, 1.0, X, d, teacher, 1, 0.0, ref, 1);
  g_assert_cmpmem (eps, sizeof *eps * count, eps_f, sizeof *eps_f * count);
  for (gsize k = 0; k < (gsize) count * d; k++)
    g_assert_true (Xf[k] == (float) X[k]);
  for (int i = 0; i < count; i++)
    g_assert_cmpfloat (fabs (proj[i] - ref[i]), <=, 1e-13 * (1.0 + fabs (ref[i])));
  g_assert_cmpuint (os_rng_next (&a), ==, os_rng_next (&b));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim-split/features", test_features);
  g_test_add_func ("/sim-split/units-once", test_units_once);
  g_test_add_func ("/sim-split/sweeps", test_sweeps);
  g_test_add_func ("/sim-split/draw-ahead", test_draw_ahead);
  g_test_add_func ("/sim-split/spectrum-single", test_spectrum_single);
  g_test_add_func ("/sim-split/tanh-loops", test_tanh_loops);
  g_test_add_func ("/sim-split/draw-rows-float", test_draw_rows_float);
  return g_test_run ();
}
