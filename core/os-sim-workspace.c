/* os-sim-workspace.c — the resources of one simulation call: its buffers
 * and the workspace its phases share (allocated once, reused by every
 * seed), the memory it needs at its peak against the budget, and its
 * context (progress, cancellation, the flops and time of the level-3 BLAS
 * calls, for `bench simulate`).
 *
 * os_simulation_memory_needed () is the workspace's size plus the
 * network's, computed from the same sizes the allocations use, so the
 * memory guard and the allocations cannot drift apart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"
#include "os-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>   /* POSIX mmap for the probe; madvise (Linux) for huge pages */

#define MIB                ((double) (1 << 20))

/* ---- buffers and memory ------------------------------------------------ */

/* Large buffers are 2 MiB aligned and advised as transparent huge pages (as
 * NumPy does for its arrays): on a virtual machine a page fault costs
 * microseconds, and a fresh 4 KiB-paged buffer of 16 MB takes 4000 of them.
 * Every buffer is freed with g_free (). */
#define HUGE_PAGE_BYTES ((gsize) 2 << 20)

double
os_sim_buffer_bytes (double n_doubles)
{
  double bytes = 8.0 * MAX (n_doubles, 1.0);

  if (bytes >= HUGE_PAGE_BYTES)
    bytes = ceil (bytes / HUGE_PAGE_BYTES) * HUGE_PAGE_BYTES;
  return bytes;
}

/* n_doubles (at least one), huge-page backed when large (see above) */
double *
os_sim_buffer_new (gsize n_doubles)
{
  gsize bytes = (gsize) os_sim_buffer_bytes ((double) n_doubles);
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

/* the sizes at config->d as doubles, each at least 1 */
OsSimDims
os_sim_dims_of (const OsParams *params, const OsSimConfig *config)
{
  int p, n0, n;

  os_sim_sizes (params, config->d, &p, &n0, &n);
  return (OsSimDims) { config->d, MAX (p, 1), MAX (n0, 1), MAX (n, 1), MAX (config->n_test, 1) };
}

/* The sizes of the workspace of each kind, in doubles (what each buffer
 * holds: see OsSimWorkspace in os-simulation-private.h). */
static OsSimWorkSizes
work_sizes (const OsSimDims *s, OsSimWorkKind kind)
{
  const double b0 = MIN (SIM_CHUNK, s->n0), b = MIN (SIM_CHUNK, s->n), bt = MIN (SIM_CHUNK, s->n_test);
  const double m_readout = MIN (s->n, s->p), m_weights = MIN (s->p, s->d);
  OsSimWorkSizes w;

  switch (kind)
    {
    case OS_SIM_WORK_NETWORK:
      w.x = MAX (b0, MAX (b, bt)) * s->d;
      w.a = MAX (b0 * s->p, MAX (s->p * s->d, s->n * s->p));
      w.b = MAX (MAX (b0, bt) * s->p, MAX (m_readout * m_readout, m_weights * m_weights));
      w.vec = MAX (s->n, MAX (b0, bt));
      break;
    case OS_SIM_WORK_WEIGHTS:
      w.x = b0 * s->d;
      w.a = b0 * s->p;
      w.b = MAX (b0 * s->p, m_weights * m_weights);
      w.vec = b0;
      break;
    case OS_SIM_WORK_FEATURES:
    default:
      w.x = MAX (b0, b) * s->d;
      w.a = MAX (b0 * s->p, s->n * s->p);
      w.b = MAX (b0 * s->p, m_readout * m_readout);
      w.vec = MAX (b0, s->n);
      break;
    }
  return w;
}

/* The float buffers of single precision, in floats: a chunk of samples,
 * its products, the float copy of W and a chunk's part of the direction
 * (p × d each). */
static void
float_sizes (const OsSimDims *s, const OsSimWorkSizes *w, double *xf, double *zf, double *pd)
{
  *xf = w->x;
  *zf = MAX (MIN (SIM_CHUNK, MAX (s->n0, MAX (s->n, s->n_test))) * s->p, 1.0);
  *pd = s->p * s->d;
}

static float *
float_buffer_new (double n_floats)
{
  /* os_sim_buffer_new's alignment and huge pages, for half as many doubles */
  return (float *) os_sim_buffer_new ((gsize) ceil (n_floats / 2));
}

/* the buffers of a workspace of this kind, for these sizes */
void
os_sim_workspace_init (OsSimWorkspace *ws, const OsSimDims *s, OsSimWorkKind kind,
                       OsSimPrecision precision)
{
  memset (ws, 0, sizeof *ws);
  ws->sizes = work_sizes (s, kind);
  ws->X = os_sim_buffer_new ((gsize) ws->sizes.x);
  ws->A = os_sim_buffer_new ((gsize) ws->sizes.a);
  ws->B = os_sim_buffer_new ((gsize) ws->sizes.b);
  ws->y = g_new (double, (gsize) ws->sizes.vec);
  ws->eps = g_new (double, (gsize) ws->sizes.vec);
  ws->u = g_new (double, (gsize) ws->sizes.vec);
  if (precision == OS_SIM_PRECISION_SINGLE)
    {
      double xf, zf, pd;

      float_sizes (s, &ws->sizes, &xf, &zf, &pd);
      ws->Xf = float_buffer_new (xf);
      ws->proj = g_new (double, (gsize) ws->sizes.vec);
      ws->Zf = float_buffer_new (zf);
      ws->Wf = float_buffer_new (pd);
      ws->Df = float_buffer_new (pd);
    }
}

void
os_sim_workspace_clear (OsSimWorkspace *ws)
{
  g_free (ws->X);
  g_free (ws->A);
  g_free (ws->B);
  g_free (ws->y);
  g_free (ws->eps);
  g_free (ws->u);
  g_free (ws->Xf);
  g_free (ws->proj);
  g_free (ws->Zf);
  g_free (ws->Wf);
  g_free (ws->Df);
  memset (ws, 0, sizeof *ws);
}

/* bytes of the workspace, the network (θ*, W0 unless lean, W1, â, v̂) and
 * the small vectors of §6 and of LAPACK */
double
os_sim_work_bytes (const OsSimDims *s, OsSimWorkKind kind, OsSimPrecision precision, gboolean lean)
{
  const OsSimWorkSizes w = work_sizes (s, kind);
  const double m = MAX (MIN (s->p, s->d), MIN (s->n, s->p));
  double bytes = (lean ? 1 : 2) * os_sim_buffer_bytes (s->p * s->d) + os_sim_buffer_bytes (w.x)
                 + os_sim_buffer_bytes (w.a) + os_sim_buffer_bytes (w.b)
                 + 8.0 * (3 * w.vec + 6 * s->d + 4 * s->p + 40 * m);

  if (precision == OS_SIM_PRECISION_SINGLE)
    {
      double xf, zf, pd;

      float_sizes (s, &w, &xf, &zf, &pd);
      bytes += os_sim_buffer_bytes (ceil (xf / 2)) + os_sim_buffer_bytes (ceil (zf / 2))
               + 2 * os_sim_buffer_bytes (ceil (pd / 2)) + 8.0 * w.vec;
    }
  return bytes;
}

static gsize
to_size (double bytes)
{
  return bytes >= (double) G_MAXSIZE ? G_MAXSIZE : (gsize) bytes;
}

gsize
os_simulation_network_memory_needed (const OsParams *params, const OsSimConfig *config)
{
  OsSimDims s;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = os_sim_dims_of (params, config);
  return to_size (os_sim_work_bytes (&s, OS_SIM_WORK_NETWORK, config->precision, FALSE));
}

/* os_simulate is a sweep of one point: one lean network and one workspace
 * per worker, reused by its seeds */
gsize
os_simulation_memory_needed (const OsParams *params, const OsSimConfig *config)
{
  g_return_val_if_fail (params != NULL && config != NULL, 0);
  return os_simulation_sweep_memory_needed (params, OS_PARAM_ALPHA, &params->alpha, 1, config);
}

gsize
os_simulation_spectrum_memory_needed (const OsParams *params, const OsSimConfig *config,
                                      OsSpectrumMatrix matrix)
{
  OsSimDims s;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = os_sim_dims_of (params, config);
  /* + the two output arrays */
  if (matrix == OS_SPECTRUM_WEIGHTS)
    return to_size (os_sim_work_bytes (&s, OS_SIM_WORK_WEIGHTS, config->precision, FALSE)
                    + 16.0 * MIN (s.p, s.d));
  return to_size (os_sim_work_bytes (&s, OS_SIM_WORK_FEATURES, config->precision, FALSE)
                  + 16.0 * MIN (s.n, s.p));
}

/* Whether the system would map `needed` bytes (and a sixteenth more) now:
 * the buffers are allocated after this check, where a refusal (an
 * address-space limit, strict overcommit) could only abort the process.
 * The probe is mapped, never touched and unmapped, so it costs no memory
 * and microseconds. */
static gboolean
system_would_give (gsize needed)
{
  gsize bytes = needed + needed / 16;
  void *probe;

  if (bytes < needed)
    return FALSE;
  if (bytes < HUGE_PAGE_BYTES)
    return TRUE;
  probe = mmap (NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (probe == MAP_FAILED)
    return FALSE;
  munmap (probe, bytes);
  return TRUE;
}

/* the memory guard: needed bytes against the budget (default 2 GiB), and
 * against what the system would give */
gboolean
os_sim_check_memory (gsize needed, const OsParams *params, const OsSimConfig *config,
                     GError **error)
{
  gsize budget = config->memory_budget ? config->memory_budget : OS_SIM_DEFAULT_MEMORY_BUDGET;
  int p, n0, n;

  os_sim_sizes (params, config->d, &p, &n0, &n);
  if (needed > budget)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_TOO_LARGE,
                   "the simulation needs %.0f MiB at its peak (d = %d, p = %d, n0 = %d, n = %d), "
                   "more than the memory budget of %.0f MiB; lower d or raise the budget",
                   ceil (needed / MIB), config->d, p, n0, n, floor (budget / MIB));
      return FALSE;
    }
  if (!system_would_give (needed))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NO_MEMORY,
                   "out of memory: the system would not give the %.0f MiB the simulation needs at "
                   "its peak (d = %d, p = %d, n0 = %d, n = %d); lower d, or free memory",
                   ceil (needed / MIB), config->d, p, n0, n);
      return FALSE;
    }
  return TRUE;
}

/* ---- the context of one call: progress, cancellation, accounting ------- */

/* The seed's fraction `local` mapped into this seed's share of the call */
void
os_sim_report (OsSimCtx *ctx, double local, const char *stage)
{
  if (ctx->progress != NULL)
    ctx->progress (ctx->frac0 + ctx->frac_span * CLAMP (local, 0.0, 1.0), stage, ctx->progress_data);
}

/* TRUE (with G_IO_ERROR_CANCELLED) once the call's cancellable fires, or
 * once another worker of the call failed */
gboolean
os_sim_cancelled (OsSimCtx *ctx, GError **error)
{
  if (ctx->abort != NULL && g_atomic_int_get (ctx->abort))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped: another worker failed");
      return TRUE;
    }
  return g_cancellable_set_error_if_cancelled (ctx->cancellable, error);
}

/* C (M × N) = alpha op(A) op(B) + beta C, row-major; op(A) is M × K */
void
os_sim_gemm (OsSimCtx *ctx, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int M, int N, int K,
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
void
os_sim_syrk (OsSimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K, const double *A, int lda,
             double *C, int ldc)
{
  gint64 t0 = g_get_monotonic_time ();
  double f = (double) N * (N + 1) * K;

  cblas_dsyrk (CblasRowMajor, CblasUpper, trans, N, K, 1.0, A, lda, 0.0, C, ldc);
  ctx->blas3_seconds += (g_get_monotonic_time () - t0) * 1e-6;
  ctx->blas3_flops += f;
  ctx->flops += f;
}

/* upper triangle of C (N × N) += op(A) op(A)ᵀ */
void
os_sim_syrk_add (OsSimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K, const double *A, int lda,
                 double *C, int ldc)
{
  gint64 t0 = g_get_monotonic_time ();
  double f = (double) N * (N + 1) * K;

  cblas_dsyrk (CblasRowMajor, CblasUpper, trans, N, K, 1.0, A, lda, 1.0, C, ldc);
  ctx->blas3_seconds += (g_get_monotonic_time () - t0) * 1e-6;
  ctx->blas3_flops += f;
  ctx->flops += f;
}

/* ---- the products of the step and of the features, in either precision -- */

/* The element-wise loops of the products and of the step, over the cores
 * (os_sim_split); each element as one thread computes it. */
typedef enum { TO_FLOAT, TO_DOUBLE, ADD_FLOAT, SCALE, AXPY, AXPY_TO_FLOAT } LoopKind;

typedef struct
{
  LoopKind      kind;
  double        a;
  const double *x, *y;
  const float  *xf;
  double       *out;
  float        *outf;
} Loop;

static void
loop_block (gsize begin, gsize end, gpointer data)
{
  const Loop *l = data;

  switch (l->kind)
    {
    case TO_FLOAT:
      for (gsize k = begin; k < end; k++)
        l->outf[k] = (float) l->x[k];
      break;
    case TO_DOUBLE:
      for (gsize k = begin; k < end; k++)
        l->out[k] = l->xf[k];
      break;
    case ADD_FLOAT:
      for (gsize k = begin; k < end; k++)
        l->out[k] += l->xf[k];
      break;
    case SCALE:
      for (gsize k = begin; k < end; k++)
        l->out[k] = l->a * l->x[k];
      break;
    case AXPY_TO_FLOAT:
      for (gsize k = begin; k < end; k++)
        {
          l->out[k] = l->y[k] + l->a * l->x[k];
          l->outf[k] = (float) l->out[k];
        }
      break;
    case AXPY:
    default:
      for (gsize k = begin; k < end; k++)
        l->out[k] = l->y[k] + l->a * l->x[k];
      break;
    }
}

static void
run_loop (const Loop *l, gsize n)
{
  os_sim_split (n, SIM_SPLIT_BLOCK, SIM_SPLIT_MIN, loop_block, (gpointer) l);
}

static void
to_float (const double *in, float *out, gsize n)
{
  run_loop (&(Loop) { .kind = TO_FLOAT, .x = in, .outf = out }, n);
}

void
os_sim_to_float (const double *in, float *out, gsize n)
{
  to_float (in, out, n);
}

void
os_sim_scale_to (double a, const double *x, double *out, gsize n)
{
  run_loop (&(Loop) { .kind = SCALE, .a = a, .x = x, .out = out }, n);
}

void
os_sim_axpy_to (double a, const double *x, const double *y, double *out, gsize n)
{
  run_loop (&(Loop) { .kind = AXPY, .a = a, .x = x, .y = y, .out = out }, n);
}

/* W1 = W0 + a·D, and ws->Wf = (float) W1 in single precision, in one pass */
void
os_sim_workspace_step_w (OsSimCtx *ctx, OsSimWorkspace *ws, double a, const double *D,
                         const double *W0, double *W1, gsize pd)
{
  const gboolean single = ctx->precision == OS_SIM_PRECISION_SINGLE;

  run_loop (&(Loop) { .kind = single ? AXPY_TO_FLOAT : AXPY, .a = a, .x = D, .y = W0, .out = W1,
                      .outf = ws->Wf }, pd);
}

/* ws->Wf = (float) W in single precision */
void
os_sim_workspace_set_w (OsSimCtx *ctx, OsSimWorkspace *ws, const double *W, gsize pd)
{
  if (ctx->precision == OS_SIM_PRECISION_SINGLE)
    to_float (W, ws->Wf, pd);
}

/* ws->Zf (b × p) = ws->Xf ws->Wfᵀ by sgemm */
static void
sgemm_xwt (OsSimCtx *ctx, OsSimWorkspace *ws, int b, int d, int p)
{
  const double f = 2.0 * b * p * d;
  gint64 t0 = g_get_monotonic_time ();

  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, b, p, d, 1.0f, ws->Xf, d, ws->Wf, d,
               0.0f, ws->Zf, p);
  ctx->blas3_seconds += (g_get_monotonic_time () - t0) * 1e-6;
  ctx->blas3_flops += f;
  ctx->flops += f;
}

/* Z (b × p) = X Wᵀ: dgemm, or in single precision (float) X (drawn into
 * ws->Xf) times ws->Wf by sgemm, widened back to double */
void
os_sim_gemm_xwt (OsSimCtx *ctx, OsSimWorkspace *ws, const double *X, int b, int d,
                 const double *W, int p, double *Z)
{
  const gsize bp = (gsize) b * p;

  if (ctx->precision != OS_SIM_PRECISION_SINGLE)
    {
      os_sim_gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, W, d, 0.0, Z, p);
      return;
    }
  sgemm_xwt (ctx, ws, b, d, p);
  run_loop (&(Loop) { .kind = TO_DOUBLE, .xf = ws->Zf, .out = Z }, bp);
}

void
os_sim_gemm_xwt_features_begin (OsSimCtx *ctx, OsSimWorkspace *ws, OsSimFeaturesTask *task,
                                OsActivation act, double scale, const double *X, int b, int d,
                                const double *W, int p, double *Z)
{
  const gsize bp = (gsize) b * p;

  if (ctx->precision != OS_SIM_PRECISION_SINGLE)
    {
      os_sim_gemm (ctx, CblasNoTrans, CblasTrans, b, p, d, 1.0, X, d, W, d, 0.0, Z, p);
      os_sim_features_begin (task, act, NULL, Z, bp, scale);
      return;
    }
  sgemm_xwt (ctx, ws, b, d, p);
  os_sim_features_begin (task, act, ws->Zf, Z, bp, scale);
}

void
os_sim_gemm_xwt_features (OsSimCtx *ctx, OsSimWorkspace *ws, OsActivation act, double scale,
                          const double *X, int b, int d, const double *W, int p, double *Z)
{
  OsSimFeaturesTask task;

  os_sim_gemm_xwt_features_begin (ctx, ws, &task, act, scale, X, b, d, W, p, Z);
  os_sim_features_finish (&task);
}

/* D (p × d) (+)= Gᵀ X: dgemm, or in single precision (float) G times the
 * float chunk ws->Xf by sgemm, the chunk's product added to D in double */
void
os_sim_gemm_gtx (OsSimCtx *ctx, OsSimWorkspace *ws, const double *G, int b, int p,
                 const double *X, int d, gboolean first, double *D)
{
  gint64 t0;
  double f = 2.0 * b * p * d;
  const gsize pd = (gsize) p * d;

  if (ctx->precision != OS_SIM_PRECISION_SINGLE)
    {
      os_sim_gemm (ctx, CblasTrans, CblasNoTrans, p, d, b, 1.0, G, p, X, d, first ? 0.0 : 1.0, D, d);
      return;
    }
  to_float (G, ws->Zf, (gsize) b * p);
  t0 = g_get_monotonic_time ();
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, p, d, b, 1.0f, ws->Zf, p, ws->Xf, d,
               0.0f, ws->Df, d);
  ctx->blas3_seconds += (g_get_monotonic_time () - t0) * 1e-6;
  ctx->blas3_flops += f;
  ctx->flops += f;
  run_loop (&(Loop) { .kind = first ? TO_DOUBLE : ADD_FLOAT, .xf = ws->Df, .out = D },
            pd);
}
