/* os-simulation.c — the real two-layer network of THEORY.md §1 and the
 * measurements of §6, on OpenBLAS/LAPACKE.
 *
 * One seed runs in four phases; every matrix product is one BLAS call over a
 * chunk of at most SIM_CHUNK samples (the samples themselves are drawn one by
 * one from the seed's streams, so the chunk size changes no number):
 *
 *   1. step     θ*, W0, then for each chunk X0 of the n0 samples
 *               Z = X0 W0ᵀ (dgemm), e = y − σ(Z)1/p, G = diag(e) σ'(Z),
 *               D += Gᵀ X0 (dgemm); finally W1 = W0 + (η̃/n0) D.
 *   2. spike    v̂ = top right-singular vector of W1 − W0 (power iteration
 *               on (W1−W0)ᵀ(W1−W0), dense fallback), r, γ, c of §6.
 *   3. readout  Φ = σ(X W1ᵀ)/√p over the n samples (dgemm per chunk), the
 *               smaller ridge system (dsyrk + dposv), training error.
 *   4. test     the test error over n_test fresh samples, chunk by chunk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation.h"
#include "os-error.h"
#include "os-rng.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

#define SIM_CHUNK          1024     /* samples per BLAS call                    */
#define POWER_MAX_ITER     300      /* then the dense fallback                  */
#define POWER_TOLERANCE    1e-13    /* on ‖v_new − v_old‖ of unit vectors       */
#define MIB                ((double) (1 << 20))

void
os_sim_config_init_default (OsSimConfig *config)
{
  g_return_if_fail (config != NULL);
  config->d = 600;
  config->seeds = 3;
  config->seed = 1;
  config->n_test = 2000;
  config->memory_budget = 0;
}

void
os_sim_sizes (const OsParams *params, int d, int *p, int *n0, int *n)
{
  if (p != NULL)
    *p = (int) lround (params->beta * d);
  if (n0 != NULL)
    *n0 = (int) lround (params->alpha0 * d);
  if (n != NULL)
    *n = (int) lround (params->alpha * d);
}

gboolean
os_sim_config_validate (const OsParams *params, const OsSimConfig *config, GError **error)
{
  int p, n0, n;

  if (params == NULL || config == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "no parameters given");
      return FALSE;
    }
  if (!os_params_validate (params, error))
    return FALSE;
  if (config->d < OS_SIM_MIN_D || config->d > OS_SIM_MAX_D)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "d = %d is outside the valid range [%d, %d]", config->d, OS_SIM_MIN_D, OS_SIM_MAX_D);
      return FALSE;
    }
  if (config->seeds < 1 || config->seeds > OS_SIM_MAX_SEEDS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "seeds = %d is outside the valid range [1, %d]", config->seeds, OS_SIM_MAX_SEEDS);
      return FALSE;
    }
  if (config->n_test < OS_SIM_MIN_N_TEST || config->n_test > OS_SIM_MAX_N_TEST)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "n_test = %d is outside the valid range [%d, %d]",
                   config->n_test, OS_SIM_MIN_N_TEST, OS_SIM_MAX_N_TEST);
      return FALSE;
    }
  os_sim_sizes (params, config->d, &p, &n0, &n);
  if (p < 1 || n0 < 1 || n < 1)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "d = %d is too small for these ratios: p = %d, n0 = %d, n = %d must be at least 1",
                   config->d, p, n0, n);
      return FALSE;
    }
  return TRUE;
}

/* ---- memory ------------------------------------------------------------ */

typedef struct
{
  double d, p, n0, n, n_test;
} Dims;

static Dims
dims_of (const OsParams *params, const OsSimConfig *config)
{
  int p, n0, n;

  os_sim_sizes (params, config->d, &p, &n0, &n);
  return (Dims) { config->d, MAX (p, 1), MAX (n0, 1), MAX (n, 1), MAX (config->n_test, 1) };
}

/* doubles of phase 1 beyond θ*, W0 and W1: the chunk buffers */
static double
step_extra (const Dims *s)
{
  double b = MIN (SIM_CHUNK, s->n0);
  return b * s->d + 2 * b * s->p + 3 * b;
}

/* doubles of the Gram-matrix singular values of a rows × cols matrix */
static double
gram_extra (double rows, double cols)
{
  double m = MIN (rows, cols);
  return m * m + 3 * m + 1;
}

static double
network_doubles (const Dims *s)
{
  double b = MIN (SIM_CHUNK, s->n), bt = MIN (SIM_CHUNK, s->n_test);
  double m = MIN (s->n, s->p), m_spike = MIN (s->p, s->d);
  double step = step_extra (s);
  /* W1 − W0 and, on fallback, its Gram matrix and eigen-workspace */
  double spike = s->p * s->d + m_spike * m_spike + 40 * m_spike;
  double readout = s->n * s->p + m * m + b * s->d + 2 * b + 3 * s->n + 2 * s->p;
  double test = bt * s->d + bt * s->p + 4 * bt;
  double peak = MAX (MAX (step, spike), MAX (readout, test));

  /* θ*, W0, W1, â, v̂, ζ̂ and the §6 work vectors */
  return 2 * s->p * s->d + peak + 5 * s->d + 4 * s->p;
}

static gsize
to_bytes (double doubles)
{
  double bytes = 8.0 * doubles;
  return bytes >= (double) G_MAXSIZE ? G_MAXSIZE : (gsize) bytes;
}

gsize
os_simulation_network_memory_needed (const OsParams *params, const OsSimConfig *config)
{
  Dims s;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = dims_of (params, config);
  return to_bytes (network_doubles (&s));
}

/* os_simulate keeps one network at a time, so its peak is that of one seed */
gsize
os_simulation_memory_needed (const OsParams *params, const OsSimConfig *config)
{
  return os_simulation_network_memory_needed (params, config);
}

gsize
os_simulation_spectrum_memory_needed (const OsParams *params, const OsSimConfig *config,
                                      OsSpectrumMatrix matrix)
{
  Dims s;
  double peak, out;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = dims_of (params, config);
  if (matrix == OS_SPECTRUM_WEIGHTS)
    {
      peak = gram_extra (s.p, s.d);
      out = 2 * MIN (s.p, s.d);
    }
  else
    {
      double b = MIN (SIM_CHUNK, s.n);
      peak = s.n * s.p + gram_extra (s.n, s.p) + b * s.d + 2 * b + s.n + s.p;
      out = 2 * MIN (s.n, s.p);
    }
  return to_bytes (2 * s.p * s.d + s.d + MAX (step_extra (&s), peak) + out);
}

static gboolean
check_memory (gsize needed, const OsParams *params, const OsSimConfig *config, GError **error)
{
  gsize budget = config->memory_budget ? config->memory_budget : OS_SIM_DEFAULT_MEMORY_BUDGET;
  int p, n0, n;

  if (needed <= budget)
    return TRUE;
  os_sim_sizes (params, config->d, &p, &n0, &n);
  g_set_error (error, OS_ERROR, OS_ERROR_TOO_LARGE,
               "the simulation needs %.0f MiB at its peak (d = %d, p = %d, n0 = %d, n = %d), "
               "more than the memory budget of %.0f MiB; lower d or raise the budget",
               ceil (needed / MIB), config->d, p, n0, n, floor (budget / MIB));
  return FALSE;
}

/* ---- the context of one call: progress, cancellation, accounting ------- */

typedef struct
{
  GCancellable      *cancellable;
  OsSimProgressFunc  progress;
  gpointer           progress_data;
  double             frac0, frac_span;     /* this seed's share of the call */
  double             flops, blas3_flops, blas3_seconds;
} SimCtx;

static void
report (SimCtx *ctx, double local, const char *stage)
{
  if (ctx->progress != NULL)
    ctx->progress (ctx->frac0 + ctx->frac_span * CLAMP (local, 0.0, 1.0), stage, ctx->progress_data);
}

static gboolean
cancelled (SimCtx *ctx, GError **error)
{
  return g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

/* C (M × N) = A B (+ beta C), row-major, op(A) is M × K */
static void
gemm (SimCtx *ctx, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int M, int N, int K,
      double alpha, const double *A, int lda, const double *B, int ldb,
      double beta, double *C, int ldc)
{
  gint64 t0 = g_get_monotonic_time ();
  double f = 2.0 * M * N * K;

  cblas_dgemm (CblasRowMajor, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  ctx->blas3_seconds += (g_get_monotonic_time () - t0) * 1e-6;
  ctx->blas3_flops += f;
  ctx->flops += f;
}

/* upper triangle of C (N × N) = op(A) op(A)ᵀ, row-major; op(A) is N × K */
static void
syrk (SimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K, double alpha,
      const double *A, int lda, double *C, int ldc)
{
  gint64 t0 = g_get_monotonic_time ();
  double f = (double) N * (N + 1) * K;

  cblas_dsyrk (CblasRowMajor, CblasUpper, trans, N, K, alpha, A, lda, 0.0, C, ldc);
  ctx->blas3_seconds += (g_get_monotonic_time () - t0) * 1e-6;
  ctx->blas3_flops += f;
  ctx->flops += f;
}

/* ---- samples and activations ------------------------------------------- */

/* count samples from rng: X (count × d, row-major) and y = σ*(Xθ*) + √Δ ε;
 * eps is workspace of count doubles */
static void
draw_samples (SimCtx *ctx, OsRng *rng, const OsParams *params, const double *teacher,
              int d, int count, double *X, double *y, double *eps)
{
  const double noise_scale = sqrt (params->noise);

  for (int i = 0; i < count; i++)
    {
      os_rng_fill_normal (rng, X + (gsize) i * d, d);
      eps[i] = os_rng_normal (rng);
    }
  cblas_dgemv (CblasRowMajor, CblasNoTrans, count, d, 1.0, X, d, teacher, 1, 0.0, y, 1);
  ctx->flops += 2.0 * count * d;
  os_activation_eval_array (params->teacher, y, y, count);
  for (int i = 0; i < count; i++)
    y[i] += noise_scale * eps[i];
}

/* value[i] = σ(z[i]) and z[i] ← σ'(z[i]) */
static void
student_value_and_slope (OsActivation act, double *z, double *value, gsize n)
{
  if (act == OS_ACT_TANH)
    {
      for (gsize i = 0; i < n; i++)
        {
          double t = tanh (z[i]);
          value[i] = t;
          z[i] = 1.0 - t * t;
        }
      return;
    }
  os_activation_eval_array (act, z, value, n);
  os_activation_deriv_array (act, z, z, n);
}

/* z[i] ← σ(z[i]) · scale */
static void
student_features (OsActivation act, double *z, gsize n, double scale)
{
  os_activation_eval_array (act, z, z, n);
  for (gsize i = 0; i < n; i++)
    z[i] *= scale;
}

static void
normalise (double *v, int n)
{
  double norm = cblas_dnrm2 (n, v, 1);

  if (norm > 0.0)
    cblas_dscal (n, 1.0 / norm, v, 1);
}

/* ---- phase 1: θ*, W0 and the giant step -------------------------------- */

/* THEORY.md §1: draws θ* and W0 for seed, runs the step on n0 samples and
 * fills net->teacher, net->W0, net->W1 (allocated here). */
static gboolean
network_step (const OsParams *params, OsSimNetwork *net, SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, n0 = net->n0;
  const int chunk = MIN (SIM_CHUNK, n0);
  const gsize pd = (gsize) p * d;
  OsRng rng;
  g_autofree double *X = NULL, *y = NULL, *eps = NULL, *Z = NULL, *S = NULL;
  double *D;

  report (ctx, 0.0, "init");
  net->teacher = g_new (double, d);
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_TEACHER);
  os_rng_fill_normal (&rng, net->teacher, d);
  normalise (net->teacher, d);

  net->W0 = g_new (double, pd);
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_INIT);
  for (int j = 0; j < p; j++)
    {
      os_rng_fill_normal (&rng, net->W0 + (gsize) j * d, d);
      normalise (net->W0 + (gsize) j * d, d);
    }
  net->W1 = g_new0 (double, pd);
  if (cancelled (ctx, error))
    return FALSE;

  /* D = Σ_μ e_μ σ'(W0 x_μ) x_μᵀ accumulates in the W1 buffer */
  D = net->W1;
  X = g_new (double, (gsize) chunk * d);
  y = g_new (double, chunk);
  eps = g_new (double, chunk);
  Z = g_new (double, (gsize) chunk * p);
  S = g_new (double, (gsize) chunk * p);
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_STEP);
  for (int start = 0; start < n0; start += chunk)
    {
      const int b = MIN (chunk, n0 - start);

      report (ctx, 0.05 + 0.3 * start / n0, "step");
      draw_samples (ctx, &rng, params, net->teacher, d, b, X, y, eps);
      gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, net->W0, d, 0.0, Z, p);
      student_value_and_slope (params->student, Z, S, (gsize) b * p);
      for (int i = 0; i < b; i++)
        {
          const double *s_i = S + (gsize) i * p;
          double f0 = 0.0, e;

          for (int j = 0; j < p; j++)
            f0 += s_i[j];
          e = y[i] - f0 / p;          /* f0(x) = (1/√p) Σ_j (1/√p) σ(⟨w_j, x⟩) */
          cblas_dscal (p, e, Z + (gsize) i * p, 1);
        }
      gemm (ctx, CblasTrans, CblasNoTrans, p, d, b, 1.0, Z, p, X, d, 1.0, D, d);
      if (cancelled (ctx, error))
        return FALSE;
    }
  {
    const double scale = params->eta / n0;

    for (gsize k = 0; k < pd; k++)
      net->W1[k] = net->W0[k] + scale * D[k];
  }
  return TRUE;
}

/* ---- phase 2: the spike and the §6 weight measurements ----------------- */

/* top eigenvector of the symmetric m × m matrix G (upper triangle, row-major) */
static gboolean
top_eigenvector (double *G, int m, double *vec)
{
  lapack_int found = 0;
  g_autofree lapack_int *support = g_new (lapack_int, 2 * (gsize) m);
  double value;

  /* row-major upper = column-major lower */
  return LAPACKE_dsyevr (LAPACK_COL_MAJOR, 'V', 'I', 'L', m, G, m, 0.0, 0.0, m, m,
                         0.0, &found, &value, vec, m, support) == 0 && found == 1;
}

double
os_sim_top_right_singular (const double *A, int p, int d, double *v, int *iterations)
{
  g_autofree double *u = NULL, *w = NULL, *ones = NULL;
  double norm;
  int it;

  g_return_val_if_fail (A != NULL && v != NULL && p > 0 && d > 0, 0.0);
  u = g_new (double, p);
  w = g_new (double, d);
  ones = g_new (double, p);
  for (int j = 0; j < p; j++)
    ones[j] = 1.0;
  if (iterations != NULL)
    *iterations = 0;

  /* start from Aᵀ1: after the step every row carries the spike with one sign */
  cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, A, d, ones, 1, 0.0, v, 1);
  norm = cblas_dnrm2 (d, v, 1);
  if (norm == 0.0)
    {
      /* no common direction: start from the row of largest norm */
      int best = 0;
      double best_norm = 0.0;

      for (int j = 0; j < p; j++)
        {
          double nj = cblas_dnrm2 (d, A + (gsize) j * d, 1);
          if (nj > best_norm)
            best_norm = nj, best = j;
        }
      if (best_norm == 0.0)
        {
          memset (v, 0, sizeof *v * d);   /* A = 0: no direction */
          return 0.0;
        }
      memcpy (v, A + (gsize) best * d, sizeof *v * d);
      norm = best_norm;
    }
  cblas_dscal (d, 1.0 / norm, v, 1);

  for (it = 1; it <= POWER_MAX_ITER; it++)
    {
      double change = 0.0;

      cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, A, d, v, 1, 0.0, u, 1);
      cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, A, d, u, 1, 0.0, w, 1);
      norm = cblas_dnrm2 (d, w, 1);
      if (norm == 0.0)
        break;
      for (int k = 0; k < d; k++)
        {
          double nk = w[k] / norm;
          change += (nk - v[k]) * (nk - v[k]);
          v[k] = nk;
        }
      if (sqrt (change) < POWER_TOLERANCE)
        {
          if (iterations != NULL)
            *iterations = it;
          cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, A, d, v, 1, 0.0, u, 1);
          return cblas_dnrm2 (p, u, 1);
        }
    }

  /* slow convergence (top two singular values close): solve it densely */
  {
    const int m = MIN (p, d);
    g_autofree double *G = g_new (double, (gsize) m * m);
    g_autofree double *vec = g_new (double, m);

    if (p <= d)
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, p, d, 1.0, A, d, 0.0, G, p);
    else
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, d, p, 1.0, A, d, 0.0, G, d);
    if (top_eigenvector (G, m, vec))
      {
        if (p <= d)
          {
            /* vec is the left vector u; v = Aᵀu/‖Aᵀu‖ */
            cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, A, d, vec, 1, 0.0, v, 1);
            normalise (v, d);
          }
        else
          memcpy (v, vec, sizeof *v * d);
      }
    /* else keep the power-iteration estimate */
    cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, A, d, v, 1, 0.0, u, 1);
    return cblas_dnrm2 (p, u, 1);
  }
}

/* THEORY.md §6: v̂, r_sim, γ_sim, c_sim and ζ̂ (into zeta). */
static gboolean
network_spike (OsSimNetwork *net, double *zeta, SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p;
  const gsize pd = (gsize) p * d;
  g_autofree double *delta = g_new (double, pd);
  g_autofree double *Wv = g_new (double, p);
  double w1_norm2, wv_norm2, zeta_norm, sum = 0.0;

  report (ctx, 0.35, "spike");
  for (gsize k = 0; k < pd; k++)
    delta[k] = net->W1[k] - net->W0[k];
  net->spike = g_new (double, d);
  net->spike_singular = os_sim_top_right_singular (delta, p, d, net->spike, &net->power_iterations);
  ctx->flops += 4.0 * pd * (net->power_iterations ? net->power_iterations + 2 : 1);
  g_clear_pointer (&delta, g_free);
  if (cancelled (ctx, error))
    return FALSE;

  /* r_sim = mean_j ⟨w¹_j, v̂⟩ ≥ 0 fixes the sign of v̂ */
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, net->W1, d, net->spike, 1, 0.0, Wv, 1);
  for (int j = 0; j < p; j++)
    sum += Wv[j];
  if (sum < 0.0)
    {
      cblas_dscal (d, -1.0, net->spike, 1);
      cblas_dscal (p, -1.0, Wv, 1);
      sum = -sum;
    }
  net->r = sum / p;
  net->gamma = cblas_ddot (d, net->spike, 1, net->teacher, 1);

  /* c_sim = ‖W1 Π‖_F/√p with ‖W1Π‖² = ‖W1‖² − ‖W1 v̂‖² */
  w1_norm2 = 0.0;
  for (int j = 0; j < p; j++)
    {
      double nj = cblas_dnrm2 (d, net->W1 + (gsize) j * d, 1);
      w1_norm2 += nj * nj;
    }
  wv_norm2 = cblas_ddot (p, Wv, 1, Wv, 1);
  net->c = sqrt (MAX (w1_norm2 - wv_norm2, 0.0) / p);

  /* ζ̂ = normalised θ* − γ v̂ */
  memcpy (zeta, net->teacher, sizeof *zeta * d);
  cblas_daxpy (d, -net->gamma, net->spike, 1, zeta, 1);
  zeta_norm = cblas_dnrm2 (d, zeta, 1);
  if (zeta_norm > 1e-12)
    cblas_dscal (d, 1.0 / zeta_norm, zeta, 1);
  else
    memset (zeta, 0, sizeof *zeta * d);
  return TRUE;
}

/* ---- phase 3: the ridge readout ---------------------------------------- */

/* Φ (n × p) = σ(X Wᵀ)/√p over the n samples of stream and, when y is not
 * NULL, their n labels. centered: remove the column means of Φ. */
static gboolean
feature_matrix (const OsParams *params, const OsSimNetwork *net, const double *W,
                OsSimStream stream, int n, double *Phi, double *y, gboolean centered,
                double progress_from, double progress_to, const char *stage,
                SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, chunk = MIN (SIM_CHUNK, n);
  const double scale = 1.0 / sqrt (p);
  g_autofree double *X = g_new (double, (gsize) chunk * d);
  g_autofree double *eps = g_new (double, chunk);
  g_autofree double *ybuf = y == NULL ? g_new (double, chunk) : NULL;
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, stream);
  for (int start = 0; start < n; start += chunk)
    {
      const int b = MIN (chunk, n - start);
      double *rows = Phi + (gsize) start * p;

      report (ctx, progress_from + (progress_to - progress_from) * start / n, stage);
      draw_samples (ctx, &rng, params, net->teacher, d, b, X, y != NULL ? y + start : ybuf, eps);
      gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, W, d, 0.0, rows, p);
      student_features (params->student, rows, (gsize) b * p, scale);
      if (cancelled (ctx, error))
        return FALSE;
    }
  if (centered)
    {
      g_autofree double *mean = g_new0 (double, p);

      for (int i = 0; i < n; i++)
        cblas_daxpy (p, 1.0 / n, Phi + (gsize) i * p, 1, mean, 1);
      for (int i = 0; i < n; i++)
        cblas_daxpy (p, -1.0, mean, 1, Phi + (gsize) i * p, 1);
    }
  return TRUE;
}

/* THEORY.md §1 step 2: â = (ΦᵀΦ + λI)⁻¹Φᵀy or Φᵀ(ΦΦᵀ + λI)⁻¹y, whichever
 * system is smaller, by Cholesky; then the training error. */
static gboolean
network_readout (const OsParams *params, OsSimNetwork *net, SimCtx *ctx, GError **error)
{
  const int p = net->p, n = net->n;
  g_autofree double *Phi = NULL, *y = NULL, *gram = NULL, *residual = NULL;
  lapack_int info;

  report (ctx, 0.40, "readout");
  Phi = g_new (double, (gsize) n * p);
  y = g_new (double, n);
  if (!feature_matrix (params, net, net->W1, OS_SIM_STREAM_READOUT, n, Phi, y, FALSE,
                       0.40, 0.60, "readout", ctx, error))
    return FALSE;

  net->readout = g_new (double, p);
  report (ctx, 0.60, "ridge");
  if (p <= n)
    {
      gram = g_new (double, (gsize) p * p);
      syrk (ctx, CblasTrans, p, n, 1.0, Phi, p, gram, p);
      for (int j = 0; j < p; j++)
        gram[(gsize) j * p + j] += params->lambda;
      cblas_dgemv (CblasRowMajor, CblasTrans, n, p, 1.0, Phi, p, y, 1, 0.0, net->readout, 1);
      if (cancelled (ctx, error))
        return FALSE;
      /* row-major upper = column-major lower: no transposed copy */
      info = LAPACKE_dposv (LAPACK_COL_MAJOR, 'L', p, 1, gram, p, net->readout, p);
      ctx->flops += 2.0 * n * p + (double) p * p * p / 3.0 + 2.0 * p * p;
    }
  else
    {
      g_autofree double *u = g_memdup2 (y, sizeof *y * n);

      gram = g_new (double, (gsize) n * n);
      syrk (ctx, CblasNoTrans, n, p, 1.0, Phi, p, gram, n);
      for (int i = 0; i < n; i++)
        gram[(gsize) i * n + i] += params->lambda;
      if (cancelled (ctx, error))
        return FALSE;
      info = LAPACKE_dposv (LAPACK_COL_MAJOR, 'L', n, 1, gram, n, u, n);
      if (info == 0)
        cblas_dgemv (CblasRowMajor, CblasTrans, n, p, 1.0, Phi, p, u, 1, 0.0, net->readout, 1);
      ctx->flops += 2.0 * n * p + (double) n * n * n / 3.0 + 2.0 * n * n;
    }
  if (info != 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NUMERICAL,
                   "the ridge system is not positive definite (LAPACK dposv info %d)", (int) info);
      return FALSE;
    }
  g_clear_pointer (&gram, g_free);
  if (cancelled (ctx, error))
    return FALSE;

  /* ε_t = (1/n) ‖y − Φâ‖² */
  residual = g_memdup2 (y, sizeof *y * n);
  cblas_dgemv (CblasRowMajor, CblasNoTrans, n, p, -1.0, Phi, p, net->readout, 1, 1.0, residual, 1);
  ctx->flops += 2.0 * n * p;
  net->train_error = cblas_ddot (n, residual, 1, residual, 1) / n;
  return TRUE;
}

/* ---- phase 4: the test error ------------------------------------------- */

static gboolean
network_test (const OsParams *params, OsSimNetwork *net, SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, n_test = net->n_test;
  const int chunk = MIN (SIM_CHUNK, n_test);
  g_autofree double *X = g_new (double, (gsize) chunk * d);
  g_autofree double *Z = g_new (double, (gsize) chunk * p);
  g_autofree double *y = g_new (double, chunk);
  g_autofree double *eps = g_new (double, chunk);
  double sum = 0.0;
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_TEST);
  for (int start = 0; start < n_test; start += chunk)
    {
      const int b = MIN (chunk, n_test - start);

      report (ctx, 0.75 + 0.25 * start / n_test, "test");
      draw_samples (ctx, &rng, params, net->teacher, d, b, X, y, eps);
      gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, net->W1, d, 0.0, Z, p);
      student_features (params->student, Z, (gsize) b * p, 1.0 / sqrt (p));
      /* y ← y − Φ â */
      cblas_dgemv (CblasRowMajor, CblasNoTrans, b, p, -1.0, Z, p, net->readout, 1, 1.0, y, 1);
      ctx->flops += 2.0 * b * p;
      sum += cblas_ddot (b, y, 1, y, 1);
      if (cancelled (ctx, error))
        return FALSE;
    }
  net->test_error = sum / n_test;
  return TRUE;
}

/* THEORY.md §6: m, q2, θ, ψ, q1 of the readout. */
static void
network_order_params (OsSimNetwork *net, const double *zeta)
{
  const int d = net->d, p = net->p;
  const double *a = net->readout;
  g_autofree double *Wv = g_new (double, p);
  g_autofree double *Wz = g_new (double, p);
  g_autofree double *t = g_new (double, d);
  double sum_a = 0.0, sp = sqrt (p);

  for (int j = 0; j < p; j++)
    sum_a += a[j];
  net->m = sum_a / sp;
  net->q2 = cblas_ddot (p, a, 1, a, 1) / p;
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, net->W1, d, net->spike, 1, 0.0, Wv, 1);
  net->theta = (cblas_ddot (p, a, 1, Wv, 1) - net->r * sum_a) / sp;
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, net->W1, d, zeta, 1, 0.0, Wz, 1);
  net->psi = cblas_ddot (p, a, 1, Wz, 1) / sp;
  /* q1 = ‖Π W1ᵀ â‖²/p */
  cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, net->W1, d, a, 1, 0.0, t, 1);
  cblas_daxpy (d, -cblas_ddot (d, t, 1, net->spike, 1), net->spike, 1, t, 1);
  net->q1 = cblas_ddot (d, t, 1, t, 1) / p;
}

static OsSimNetwork *
network_new (const OsParams *params, const OsSimConfig *config, guint64 seed)
{
  OsSimNetwork *net = g_new0 (OsSimNetwork, 1);

  net->d = config->d;
  os_sim_sizes (params, config->d, &net->p, &net->n0, &net->n);
  net->n_test = config->n_test;
  net->seed = seed;
  return net;
}

void
os_sim_network_free (OsSimNetwork *network)
{
  if (network == NULL)
    return;
  g_free (network->teacher);
  g_free (network->W0);
  g_free (network->W1);
  g_free (network->readout);
  g_free (network->spike);
  g_free (network);
}

/* all four phases for one seed */
static OsSimNetwork *
run_network (const OsParams *params, const OsSimConfig *config, guint64 seed,
             SimCtx *ctx, GError **error)
{
  g_autoptr (OsSimNetwork) net = network_new (params, config, seed);
  g_autofree double *zeta = g_new (double, config->d);

  if (!network_step (params, net, ctx, error)
      || !network_spike (net, zeta, ctx, error)
      || !network_readout (params, net, ctx, error)
      || !network_test (params, net, ctx, error))
    return NULL;
  network_order_params (net, zeta);
  report (ctx, 1.0, "done");
  return g_steal_pointer (&net);
}

OsSimNetwork *
os_simulate_network (const OsParams     *params,
                     const OsSimConfig  *config,
                     GCancellable       *cancellable,
                     OsSimProgressFunc   progress,
                     gpointer            progress_data,
                     GError            **error)
{
  SimCtx ctx = { cancellable, progress, progress_data, 0.0, 1.0, 0.0, 0.0, 0.0 };

  if (!os_sim_config_validate (params, config, error)
      || !check_memory (os_simulation_network_memory_needed (params, config), params, config, error))
    return NULL;
  if (cancelled (&ctx, error))
    return NULL;
  return run_network (params, config, config->seed, &ctx, error);
}

/* ---- several seeds ----------------------------------------------------- */

static void
mean_std (const double *x, int n, double *mean, double *std)
{
  double s = 0.0, ss = 0.0;

  for (int i = 0; i < n; i++)
    s += x[i];
  s /= n;
  for (int i = 0; i < n; i++)
    ss += (x[i] - s) * (x[i] - s);
  *mean = s;
  if (std != NULL)
    *std = n > 1 ? sqrt (ss / (n - 1)) : 0.0;
}

gboolean
os_simulate (const OsParams     *params,
             const OsSimConfig  *config,
             GCancellable       *cancellable,
             OsSimProgressFunc   progress,
             gpointer            progress_data,
             OsSimResult        *out,
             GError            **error)
{
  enum { TEST, TRAIN, M, Q1, Q2, THETA, PSI, R, C, GAMMA, N_VALUES };
  SimCtx ctx = { cancellable, progress, progress_data, 0.0, 1.0, 0.0, 0.0, 0.0 };
  gint64 t0 = g_get_monotonic_time ();
  g_autofree double *values = NULL;
  int seeds;

  g_return_val_if_fail (out != NULL, FALSE);
  if (!os_sim_config_validate (params, config, error)
      || !check_memory (os_simulation_memory_needed (params, config), params, config, error))
    return FALSE;
  if (cancelled (&ctx, error))
    return FALSE;

  seeds = config->seeds;
  values = g_new (double, (gsize) N_VALUES * seeds);
  ctx.frac_span = 1.0 / seeds;
  for (int k = 0; k < seeds; k++)
    {
      g_autoptr (OsSimNetwork) net = NULL;

      ctx.frac0 = (double) k / seeds;
      net = run_network (params, config, config->seed + (guint64) k, &ctx, error);
      if (net == NULL)
        return FALSE;
      values[TEST * seeds + k] = net->test_error;
      values[TRAIN * seeds + k] = net->train_error;
      values[M * seeds + k] = net->m;
      values[Q1 * seeds + k] = net->q1;
      values[Q2 * seeds + k] = net->q2;
      values[THETA * seeds + k] = net->theta;
      values[PSI * seeds + k] = net->psi;
      values[R * seeds + k] = net->r;
      values[C * seeds + k] = net->c;
      values[GAMMA * seeds + k] = net->gamma;
    }

  memset (out, 0, sizeof *out);
  mean_std (values + TEST * seeds, seeds, &out->test_error, &out->test_error_std);
  mean_std (values + TRAIN * seeds, seeds, &out->train_error, &out->train_error_std);
  mean_std (values + M * seeds, seeds, &out->m, &out->m_std);
  mean_std (values + Q1 * seeds, seeds, &out->q1, &out->q1_std);
  mean_std (values + Q2 * seeds, seeds, &out->q2, &out->q2_std);
  mean_std (values + THETA * seeds, seeds, &out->theta, &out->theta_std);
  mean_std (values + PSI * seeds, seeds, &out->psi, &out->psi_std);
  mean_std (values + R * seeds, seeds, &out->r, &out->r_std);
  mean_std (values + C * seeds, seeds, &out->c, &out->c_std);
  mean_std (values + GAMMA * seeds, seeds, &out->gamma, &out->gamma_std);
  out->seeds = seeds;
  out->flops = ctx.flops;
  out->blas3_flops = ctx.blas3_flops;
  out->blas3_seconds = ctx.blas3_seconds;
  out->seconds = (g_get_monotonic_time () - t0) * 1e-6;
  return TRUE;
}

/* ---- spectra (THEORY.md §6 and §9) -------------------------------------- */

/* The min(rows, cols) singular values of A (rows × cols, row-major), in
 * descending order: square roots of the eigenvalues of the smaller Gram
 * matrix (dsyrk, then dsyevd without vectors), negatives of rounding size
 * clipped to 0. */
static gboolean
singular_values (SimCtx *ctx, const double *A, int rows, int cols, double *out, GError **error)
{
  const int m = MIN (rows, cols);
  g_autofree double *G = g_new (double, (gsize) m * m);
  g_autofree double *w = g_new (double, m);
  lapack_int info;

  if (rows <= cols)
    syrk (ctx, CblasNoTrans, rows, cols, 1.0, A, cols, G, m);
  else
    syrk (ctx, CblasTrans, cols, rows, 1.0, A, cols, G, m);
  if (cancelled (ctx, error))
    return FALSE;
  info = LAPACKE_dsyevd (LAPACK_COL_MAJOR, 'N', 'L', m, G, m, w);
  if (info != 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NUMERICAL,
                   "the eigenvalues of the Gram matrix did not converge (LAPACK dsyevd info %d)",
                   (int) info);
      return FALSE;
    }
  for (int i = 0; i < m; i++)
    out[i] = sqrt (MAX (w[m - 1 - i], 0.0));
  return TRUE;
}

OsSimSpectrum *
os_simulate_spectrum (const OsParams     *params,
                      const OsSimConfig  *config,
                      OsSpectrumMatrix    matrix,
                      gboolean            centered,
                      GCancellable       *cancellable,
                      GError            **error)
{
  SimCtx ctx = { cancellable, NULL, NULL, 0.0, 1.0, 0.0, 0.0, 0.0 };
  g_autoptr (OsSimNetwork) net = NULL;
  OsSimSpectrum *spectrum;

  if (!os_sim_config_validate (params, config, error))
    return NULL;
  if (matrix != OS_SPECTRUM_WEIGHTS && matrix != OS_SPECTRUM_FEATURES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown spectrum matrix %d", (int) matrix);
      return NULL;
    }
  if (!check_memory (os_simulation_spectrum_memory_needed (params, config, matrix), params, config, error))
    return NULL;

  net = network_new (params, config, config->seed);
  if (!network_step (params, net, &ctx, error))
    return NULL;

  spectrum = g_new0 (OsSimSpectrum, 1);
  spectrum->matrix = matrix;
  spectrum->p = net->p;
  spectrum->d = net->d;
  if (matrix == OS_SPECTRUM_WEIGHTS)
    {
      spectrum->centered = FALSE;
      spectrum->n_samples = 0;
      spectrum->n = MIN (net->p, net->d);
      spectrum->init = g_new (double, spectrum->n);
      spectrum->step = g_new (double, spectrum->n);
      if (!singular_values (&ctx, net->W0, net->p, net->d, spectrum->init, error)
          || !singular_values (&ctx, net->W1, net->p, net->d, spectrum->step, error))
        goto fail;
    }
  else
    {
      const int n = net->n;
      g_autofree double *Phi = g_new (double, (gsize) n * net->p);

      spectrum->centered = centered;
      spectrum->n_samples = n;
      spectrum->n = MIN (n, net->p);
      spectrum->init = g_new (double, spectrum->n);
      spectrum->step = g_new (double, spectrum->n);
      /* the same n readout samples at W0 and at W1 */
      if (!feature_matrix (params, net, net->W0, OS_SIM_STREAM_READOUT, n, Phi, NULL, centered,
                           0.0, 0.0, "features", &ctx, error)
          || !singular_values (&ctx, Phi, n, net->p, spectrum->init, error)
          || !feature_matrix (params, net, net->W1, OS_SIM_STREAM_READOUT, n, Phi, NULL, centered,
                              0.0, 0.0, "features", &ctx, error)
          || !singular_values (&ctx, Phi, n, net->p, spectrum->step, error))
        goto fail;
    }
  return spectrum;

fail:
  os_sim_spectrum_free (spectrum);
  return NULL;
}

void
os_sim_spectrum_free (OsSimSpectrum *spectrum)
{
  if (spectrum == NULL)
    return;
  g_free (spectrum->init);
  g_free (spectrum->step);
  g_free (spectrum);
}
