/* os-simulation.c — the real two-layer network of THEORY.md §1 and the
 * measurements of §6, on OpenBLAS/LAPACKE.
 *
 * One seed runs in four phases; every matrix product is one BLAS call over a
 * chunk of at most SIM_CHUNK samples (the samples themselves are drawn one by
 * one from the seed's streams, so the chunking does not change the data, only
 * the order of floating-point sums; SIM_CHUNK is fixed, so a seed always gives
 * the same bits):
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
 * The phases share one workspace (see Workspace), allocated once per call
 * and reused by every seed; os_simulation_memory_needed () is its size plus
 * the network's, so the memory guard and the allocations cannot drift apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation.h"
#include "os-error.h"
#include "os-rng.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

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

/* ---- buffers and memory ------------------------------------------------- */

/* Large buffers are 2 MiB aligned and advised as transparent huge pages (as
 * NumPy does for its arrays): on a virtual machine a page fault costs
 * microseconds, and a fresh 4 KiB-paged buffer of 16 MB takes 4000 of them.
 * Every buffer is freed with g_free (). */
#define HUGE_PAGE_BYTES ((gsize) 2 << 20)

static double
buffer_bytes (double n_doubles)
{
  double bytes = 8.0 * MAX (n_doubles, 1.0);

  if (bytes >= HUGE_PAGE_BYTES)
    bytes = ceil (bytes / HUGE_PAGE_BYTES) * HUGE_PAGE_BYTES;
  return bytes;
}

static double *
buffer_new (gsize n_doubles)
{
  gsize bytes = (gsize) buffer_bytes ((double) n_doubles);
  void *mem = NULL;

  if (bytes < HUGE_PAGE_BYTES)
    return g_new (double, MAX (n_doubles, 1));
  if (posix_memalign (&mem, HUGE_PAGE_BYTES, bytes) != 0)
    g_error ("os_simulate: out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
#ifdef MADV_HUGEPAGE
  madvise (mem, bytes, MADV_HUGEPAGE);
#endif
  return mem;
}

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

typedef enum { WORK_NETWORK, WORK_WEIGHTS, WORK_FEATURES } WorkKind;

/* The scratch of one call, shared by the phases (each phase uses a part):
 *   X   a chunk of samples                          (step, readout, test)
 *   A   σ(Z) of a step chunk | W1 − W0 | Φ           (step | spike | readout)
 *   B   Z = X Wᵀ of a chunk | a Gram matrix          (step, test | spike fallback, readout)
 *   y, eps, u   label, noise and solution vectors */
typedef struct
{
  double x, a, b, vec;        /* sizes in doubles */
} WorkSizes;

static WorkSizes
work_sizes (const Dims *s, WorkKind kind)
{
  const double b0 = MIN (SIM_CHUNK, s->n0), b = MIN (SIM_CHUNK, s->n), bt = MIN (SIM_CHUNK, s->n_test);
  const double m_readout = MIN (s->n, s->p), m_weights = MIN (s->p, s->d);
  WorkSizes w;

  switch (kind)
    {
    case WORK_NETWORK:
      w.x = MAX (b0, MAX (b, bt)) * s->d;
      w.a = MAX (b0 * s->p, MAX (s->p * s->d, s->n * s->p));
      w.b = MAX (MAX (b0, bt) * s->p, MAX (m_readout * m_readout, m_weights * m_weights));
      w.vec = MAX (s->n, MAX (b0, bt));
      break;
    case WORK_WEIGHTS:
      w.x = b0 * s->d;
      w.a = b0 * s->p;
      w.b = MAX (b0 * s->p, m_weights * m_weights);
      w.vec = b0;
      break;
    case WORK_FEATURES:
    default:
      w.x = MAX (b0, b) * s->d;
      w.a = MAX (b0 * s->p, s->n * s->p);
      w.b = MAX (b0 * s->p, m_readout * m_readout);
      w.vec = MAX (b0, s->n);
      break;
    }
  return w;
}

typedef struct
{
  WorkSizes sizes;
  double   *X, *A, *B, *y, *eps, *u;
} Workspace;

static void
workspace_init (Workspace *ws, const Dims *s, WorkKind kind)
{
  ws->sizes = work_sizes (s, kind);
  ws->X = buffer_new ((gsize) ws->sizes.x);
  ws->A = buffer_new ((gsize) ws->sizes.a);
  ws->B = buffer_new ((gsize) ws->sizes.b);
  ws->y = g_new (double, (gsize) ws->sizes.vec);
  ws->eps = g_new (double, (gsize) ws->sizes.vec);
  ws->u = g_new (double, (gsize) ws->sizes.vec);
}

static void
workspace_clear (Workspace *ws)
{
  g_free (ws->X);
  g_free (ws->A);
  g_free (ws->B);
  g_free (ws->y);
  g_free (ws->eps);
  g_free (ws->u);
  memset (ws, 0, sizeof *ws);
}

/* bytes of the workspace, the network (θ*, W0, W1, â, v̂) and the small
 * vectors of §6 and of LAPACK */
static double
total_bytes (const Dims *s, WorkKind kind)
{
  const WorkSizes w = work_sizes (s, kind);
  const double m = MAX (MIN (s->p, s->d), MIN (s->n, s->p));

  return 2 * buffer_bytes (s->p * s->d) + buffer_bytes (w.x) + buffer_bytes (w.a) + buffer_bytes (w.b)
         + 8.0 * (3 * w.vec + 6 * s->d + 4 * s->p + 40 * m);
}

static gsize
to_size (double bytes)
{
  return bytes >= (double) G_MAXSIZE ? G_MAXSIZE : (gsize) bytes;
}

gsize
os_simulation_network_memory_needed (const OsParams *params, const OsSimConfig *config)
{
  Dims s;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = dims_of (params, config);
  return to_size (total_bytes (&s, WORK_NETWORK));
}

/* os_simulate reuses one network and one workspace for all its seeds */
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

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = dims_of (params, config);
  /* + the two output arrays */
  if (matrix == OS_SPECTRUM_WEIGHTS)
    return to_size (total_bytes (&s, WORK_WEIGHTS) + 16.0 * MIN (s.p, s.d));
  return to_size (total_bytes (&s, WORK_FEATURES) + 16.0 * MIN (s.n, s.p));
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

/* C (M × N) = alpha op(A) op(B) + beta C, row-major; op(A) is M × K */
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
syrk (SimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K, const double *A, int lda, double *C, int ldc)
{
  gint64 t0 = g_get_monotonic_time ();
  double f = (double) N * (N + 1) * K;

  cblas_dsyrk (CblasRowMajor, CblasUpper, trans, N, K, 1.0, A, lda, 0.0, C, ldc);
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

/* tanh after Cephes (Moshier): a rational function of x² for |x| < 0.625,
 * 1 − 2/(e^{2|x|} + 1) beyond. Within 2 ulp of libm's tanh (tested), and
 * three times faster than glibc's expm1-based one, which made a fifth of the
 * run time of a simulation with a tanh student. */
static inline double
tanh_fast (double x)
{
  const double z = fabs (x);

  if (z >= 0.625)
    {
      const double t = 1.0 - 2.0 / (exp (2.0 * z) + 1.0);
      return x < 0.0 ? -t : t;
    }
  else
    {
      const double s = x * x;
      const double P = (-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s
                       - 1.61468768441708447952e3;
      const double Q = ((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s
                       + 4.84406305325125486048e3;
      return x + x * s * (P / Q);
    }
}

void
os_sim_tanh (const double *in, double *out, gsize n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = tanh_fast (in[i]);
}

/* value[i] = σ(z[i]) and z[i] ← σ'(z[i]) */
static void
student_value_and_slope (OsActivation act, double *z, double *value, gsize n)
{
  if (act == OS_ACT_TANH)
    {
      for (gsize i = 0; i < n; i++)
        {
          double t = tanh_fast (z[i]);
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
  if (act == OS_ACT_TANH)
    {
      for (gsize i = 0; i < n; i++)
        z[i] = tanh_fast (z[i]) * scale;
      return;
    }
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

/* ---- the network of one seed ------------------------------------------------ */

static OsSimNetwork *
network_new (const OsParams *params, const OsSimConfig *config)
{
  OsSimNetwork *net = g_new0 (OsSimNetwork, 1);
  gsize pd;

  net->d = config->d;
  os_sim_sizes (params, config->d, &net->p, &net->n0, &net->n);
  net->n_test = config->n_test;
  pd = (gsize) net->p * net->d;
  net->teacher = g_new (double, net->d);
  net->W0 = buffer_new (pd);
  net->W1 = buffer_new (pd);
  net->readout = g_new (double, net->p);
  net->spike = g_new (double, net->d);
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

/* ---- phase 1: θ*, W0 and the giant step -------------------------------- */

/* THEORY.md §1: draws θ* and W0 for net->seed and runs the step on n0
 * samples: net->teacher, net->W0, net->W1. */
static gboolean
network_step (const OsParams *params, OsSimNetwork *net, Workspace *ws, SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, n0 = net->n0;
  const int chunk = MIN (SIM_CHUNK, n0);
  const gsize pd = (gsize) p * d;
  double *X = ws->X, *Z = ws->B, *S = ws->A, *D = net->W1;
  OsRng rng;

  report (ctx, 0.0, "init");
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_TEACHER);
  os_rng_fill_normal (&rng, net->teacher, d);
  normalise (net->teacher, d);

  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_INIT);
  for (int j = 0; j < p; j++)
    {
      os_rng_fill_normal (&rng, net->W0 + (gsize) j * d, d);
      normalise (net->W0 + (gsize) j * d, d);
    }
  if (cancelled (ctx, error))
    return FALSE;

  /* D = Σ_μ e_μ σ'(W0 x_μ) x_μᵀ accumulates in the W1 buffer */
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_STEP);
  for (int start = 0; start < n0; start += chunk)
    {
      const int b = MIN (chunk, n0 - start);

      report (ctx, 0.05 + 0.3 * start / n0, "step");
      draw_samples (ctx, &rng, params, net->teacher, d, b, X, ws->y, ws->eps);
      gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, net->W0, d, 0.0, Z, p);
      student_value_and_slope (params->student, Z, S, (gsize) b * p);
      for (int i = 0; i < b; i++)
        {
          const double *s_i = S + (gsize) i * p;
          double f0 = 0.0;

          for (int j = 0; j < p; j++)
            f0 += s_i[j];
          /* e = y − f0(x), f0(x) = (1/√p) Σ_j (1/√p) σ(⟨w_j, x⟩) */
          cblas_dscal (p, ws->y[i] - f0 / p, Z + (gsize) i * p, 1);
        }
      gemm (ctx, CblasTrans, CblasNoTrans, p, d, b, 1.0, Z, p, X, d, start == 0 ? 0.0 : 1.0, D, d);
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

/* os_sim_top_right_singular with a caller's scratch for the fallback Gram
 * matrix (min(p, d)² doubles; NULL: allocated here) */
static double
top_right_singular (const double *A, int p, int d, double *v, int *iterations, double *gram_work)
{
  g_autofree double *u = g_new (double, p);
  g_autofree double *w = g_new (double, d);
  g_autofree double *ones = g_new (double, p);
  double norm;

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

  for (int it = 1; it <= POWER_MAX_ITER; it++)
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
    g_autofree double *own = gram_work == NULL ? g_new (double, (gsize) m * m) : NULL;
    double *G = gram_work != NULL ? gram_work : own;
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

double
os_sim_top_right_singular (const double *A, int p, int d, double *v, int *iterations)
{
  g_return_val_if_fail (A != NULL && v != NULL && p > 0 && d > 0, 0.0);
  return top_right_singular (A, p, d, v, iterations, NULL);
}

/* THEORY.md §6: v̂, r_sim, γ_sim, c_sim and ζ̂ (into zeta). */
static gboolean
network_spike (OsSimNetwork *net, double *zeta, Workspace *ws, SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p;
  const gsize pd = (gsize) p * d;
  double *delta = ws->A;
  g_autofree double *Wv = g_new (double, p);
  double w1_norm2, wv_norm2, zeta_norm, sum = 0.0;

  report (ctx, 0.35, "spike");
  for (gsize k = 0; k < pd; k++)
    delta[k] = net->W1[k] - net->W0[k];
  net->spike_singular = top_right_singular (delta, p, d, net->spike, &net->power_iterations, ws->B);
  ctx->flops += 4.0 * pd * (net->power_iterations ? net->power_iterations + 2 : 1);
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

/* Φ (n × p, into ws->A) = σ(X Wᵀ)/√p over the n samples of stream, and
 * their n labels into ws->y. centered: remove the column means of Φ. */
static gboolean
feature_matrix (const OsParams *params, const OsSimNetwork *net, const double *W,
                OsSimStream stream, int n, gboolean centered, Workspace *ws,
                double progress_from, double progress_to, const char *stage,
                SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, chunk = MIN (SIM_CHUNK, n);
  const double scale = 1.0 / sqrt (p);
  double *Phi = ws->A;
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, stream);
  for (int start = 0; start < n; start += chunk)
    {
      const int b = MIN (chunk, n - start);
      double *rows = Phi + (gsize) start * p;

      report (ctx, progress_from + (progress_to - progress_from) * start / n, stage);
      draw_samples (ctx, &rng, params, net->teacher, d, b, ws->X, ws->y + start, ws->eps);
      gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, ws->X, d, W, d, 0.0, rows, p);
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
network_readout (const OsParams *params, OsSimNetwork *net, Workspace *ws, SimCtx *ctx, GError **error)
{
  const int p = net->p, n = net->n;
  double *Phi = ws->A, *gram = ws->B, *y = ws->y, *u = ws->u;
  lapack_int info;

  report (ctx, 0.40, "readout");
  if (!feature_matrix (params, net, net->W1, OS_SIM_STREAM_READOUT, n, FALSE, ws,
                       0.40, 0.60, "readout", ctx, error))
    return FALSE;

  report (ctx, 0.60, "ridge");
  if (p <= n)
    {
      syrk (ctx, CblasTrans, p, n, Phi, p, gram, p);
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
      syrk (ctx, CblasNoTrans, n, p, Phi, p, gram, n);
      for (int i = 0; i < n; i++)
        gram[(gsize) i * n + i] += params->lambda;
      memcpy (u, y, sizeof *u * n);
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
  if (cancelled (ctx, error))
    return FALSE;

  /* ε_t = (1/n) ‖y − Φâ‖² */
  memcpy (u, y, sizeof *u * n);
  cblas_dgemv (CblasRowMajor, CblasNoTrans, n, p, -1.0, Phi, p, net->readout, 1, 1.0, u, 1);
  ctx->flops += 2.0 * n * p;
  net->train_error = cblas_ddot (n, u, 1, u, 1) / n;
  return TRUE;
}

/* ---- phase 4: the test error ------------------------------------------- */

static gboolean
network_test (const OsParams *params, OsSimNetwork *net, Workspace *ws, SimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, n_test = net->n_test;
  const int chunk = MIN (SIM_CHUNK, n_test);
  double *Z = ws->B, *y = ws->y, sum = 0.0;
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_TEST);
  for (int start = 0; start < n_test; start += chunk)
    {
      const int b = MIN (chunk, n_test - start);

      report (ctx, 0.75 + 0.25 * start / n_test, "test");
      draw_samples (ctx, &rng, params, net->teacher, d, b, ws->X, y, ws->eps);
      gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, ws->X, d, net->W1, d, 0.0, Z, p);
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

/* all four phases for the seed net->seed, in net's buffers */
static gboolean
run_network (const OsParams *params, OsSimNetwork *net, Workspace *ws, SimCtx *ctx, GError **error)
{
  g_autofree double *zeta = g_new (double, net->d);

  if (!network_step (params, net, ws, ctx, error)
      || !network_spike (net, zeta, ws, ctx, error)
      || !network_readout (params, net, ws, ctx, error)
      || !network_test (params, net, ws, ctx, error))
    return FALSE;
  network_order_params (net, zeta);
  report (ctx, 1.0, "done");
  return TRUE;
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
  g_autoptr (OsSimNetwork) net = NULL;
  Workspace ws;
  Dims dims;
  gboolean ok;

  if (!os_sim_config_validate (params, config, error)
      || !check_memory (os_simulation_network_memory_needed (params, config), params, config, error))
    return NULL;
  if (cancelled (&ctx, error))
    return NULL;
  dims = dims_of (params, config);
  net = network_new (params, config);
  net->seed = config->seed;
  workspace_init (&ws, &dims, WORK_NETWORK);
  ok = run_network (params, net, &ws, &ctx, error);
  workspace_clear (&ws);
  return ok ? g_steal_pointer (&net) : NULL;
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
  g_autoptr (OsSimNetwork) net = NULL;
  Workspace ws;
  Dims dims;
  int seeds;
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  if (!os_sim_config_validate (params, config, error)
      || !check_memory (os_simulation_memory_needed (params, config), params, config, error))
    return FALSE;
  if (cancelled (&ctx, error))
    return FALSE;

  seeds = config->seeds;
  values = g_new (double, (gsize) N_VALUES * seeds);
  dims = dims_of (params, config);
  /* one network and one workspace serve every seed */
  net = network_new (params, config);
  workspace_init (&ws, &dims, WORK_NETWORK);
  ctx.frac_span = 1.0 / seeds;
  for (int k = 0; k < seeds && ok; k++)
    {
      ctx.frac0 = (double) k / seeds;
      net->seed = config->seed + (guint64) k;
      ok = run_network (params, net, &ws, &ctx, error);
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
  workspace_clear (&ws);
  if (!ok)
    return FALSE;

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
 * matrix (dsyrk into G, then dsyevd without vectors), negatives of rounding
 * size clipped to 0. */
static gboolean
singular_values (SimCtx *ctx, const double *A, int rows, int cols, double *G, double *out, GError **error)
{
  const int m = MIN (rows, cols);
  g_autofree double *w = g_new (double, m);
  lapack_int info;

  if (rows <= cols)
    syrk (ctx, CblasNoTrans, rows, cols, A, cols, G, m);
  else
    syrk (ctx, CblasTrans, cols, rows, A, cols, G, m);
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
  Workspace ws;
  Dims dims;
  gboolean ok;

  if (!os_sim_config_validate (params, config, error))
    return NULL;
  if (matrix != OS_SPECTRUM_WEIGHTS && matrix != OS_SPECTRUM_FEATURES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown spectrum matrix %d", (int) matrix);
      return NULL;
    }
  if (!check_memory (os_simulation_spectrum_memory_needed (params, config, matrix), params, config, error))
    return NULL;
  if (cancelled (&ctx, error))
    return NULL;

  dims = dims_of (params, config);
  net = network_new (params, config);
  net->seed = config->seed;
  workspace_init (&ws, &dims, matrix == OS_SPECTRUM_WEIGHTS ? WORK_WEIGHTS : WORK_FEATURES);

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
      ok = network_step (params, net, &ws, &ctx, error)
           && singular_values (&ctx, net->W0, net->p, net->d, ws.B, spectrum->init, error)
           && singular_values (&ctx, net->W1, net->p, net->d, ws.B, spectrum->step, error);
    }
  else
    {
      const int n = net->n;

      spectrum->centered = centered;
      spectrum->n_samples = n;
      spectrum->n = MIN (n, net->p);
      spectrum->init = g_new (double, spectrum->n);
      spectrum->step = g_new (double, spectrum->n);
      /* the same n readout samples at W0 and at W1 */
      ok = network_step (params, net, &ws, &ctx, error)
           && feature_matrix (params, net, net->W0, OS_SIM_STREAM_READOUT, n, centered, &ws,
                              0.0, 0.0, "features", &ctx, error)
           && singular_values (&ctx, ws.A, n, net->p, ws.B, spectrum->init, error)
           && feature_matrix (params, net, net->W1, OS_SIM_STREAM_READOUT, n, centered, &ws,
                              0.0, 0.0, "features", &ctx, error)
           && singular_values (&ctx, ws.A, n, net->p, ws.B, spectrum->step, error);
    }
  workspace_clear (&ws);
  if (!ok)
    {
      os_sim_spectrum_free (spectrum);
      return NULL;
    }
  return spectrum;
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
