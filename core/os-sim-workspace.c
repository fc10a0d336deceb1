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
#ifdef __linux__
#include <sys/mman.h>
#endif

#define MIB                ((double) (1 << 20))

/* ---- buffers and memory ------------------------------------------------ */

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

static void
set_no_memory (GError **error, double bytes)
{
  g_set_error (error, OS_ERROR, OS_ERROR_NO_MEMORY, "out of memory: could not allocate %.0f MiB",
               ceil (bytes / MIB));
}

/* n_doubles (at least one), huge-page backed when large (see above); NULL
 * when the system refuses (a failing allocator: an address-space limit
 * or overcommit off must end in a message, not in g_error's abort) */
double *
os_sim_buffer_new (gsize n_doubles, GError **error)
{
  double wanted = buffer_bytes ((double) n_doubles);
  void *mem = NULL;

  if (wanted >= (double) G_MAXSIZE / 2)
    {
      set_no_memory (error, wanted);
      return NULL;
    }
  if (wanted < HUGE_PAGE_BYTES)
    {
      mem = g_try_new (double, MAX (n_doubles, 1));
      if (mem == NULL)
        set_no_memory (error, wanted);
      return mem;
    }
  if (posix_memalign (&mem, HUGE_PAGE_BYTES, (gsize) wanted) != 0)
    {
      set_no_memory (error, wanted);
      return NULL;
    }
#ifdef MADV_HUGEPAGE
  madvise (mem, (gsize) wanted, MADV_HUGEPAGE);
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

/* the buffers of a workspace of this kind, for these sizes */
gboolean
os_sim_workspace_init (OsSimWorkspace *ws, const OsSimDims *s, OsSimWorkKind kind, GError **error)
{
  memset (ws, 0, sizeof *ws);
  ws->sizes = work_sizes (s, kind);
  if ((ws->X = os_sim_buffer_new ((gsize) ws->sizes.x, error)) == NULL
      || (ws->A = os_sim_buffer_new ((gsize) ws->sizes.a, error)) == NULL
      || (ws->B = os_sim_buffer_new ((gsize) ws->sizes.b, error)) == NULL
      || (ws->y = os_sim_buffer_new ((gsize) ws->sizes.vec, error)) == NULL
      || (ws->eps = os_sim_buffer_new ((gsize) ws->sizes.vec, error)) == NULL
      || (ws->u = os_sim_buffer_new ((gsize) ws->sizes.vec, error)) == NULL)
    {
      os_sim_workspace_clear (ws);
      return FALSE;
    }
  return TRUE;
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
  memset (ws, 0, sizeof *ws);
}

/* bytes of the workspace, the network (θ*, W0, W1, â, v̂) and the small
 * vectors of §6 and of LAPACK */
static double
total_bytes (const OsSimDims *s, OsSimWorkKind kind)
{
  const OsSimWorkSizes w = work_sizes (s, kind);
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
  OsSimDims s;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = os_sim_dims_of (params, config);
  return to_size (total_bytes (&s, OS_SIM_WORK_NETWORK));
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
  OsSimDims s;

  g_return_val_if_fail (params != NULL && config != NULL, 0);
  s = os_sim_dims_of (params, config);
  /* + the two output arrays */
  if (matrix == OS_SPECTRUM_WEIGHTS)
    return to_size (total_bytes (&s, OS_SIM_WORK_WEIGHTS) + 16.0 * MIN (s.p, s.d));
  return to_size (total_bytes (&s, OS_SIM_WORK_FEATURES) + 16.0 * MIN (s.n, s.p));
}

/* the memory guard: needed bytes against the budget (default 2 GiB) */
gboolean
os_sim_check_memory (gsize needed, const OsParams *params, const OsSimConfig *config,
                     GError **error)
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

void
os_sim_explain_no_memory (GError **error, gsize needed, const OsParams *params, const OsSimConfig *config)
{
  int p, n0, n;
  char *message;

  if (error == NULL || !g_error_matches (*error, OS_ERROR, OS_ERROR_NO_MEMORY))
    return;
  os_sim_sizes (params, config->d, &p, &n0, &n);
  message = g_strdup_printf ("%s; the simulation needs %.0f MiB at its peak (d = %d, p = %d, n0 = %d, "
                             "n = %d): lower d, or free memory", (*error)->message, ceil (needed / MIB),
                             config->d, p, n0, n);
  g_free ((*error)->message);
  (*error)->message = message;
}

/* ---- the context of one call: progress, cancellation, accounting ------- */

/* The seed's fraction `local` mapped into this seed's share of the call */
void
os_sim_report (OsSimCtx *ctx, double local, const char *stage)
{
  if (ctx->progress != NULL)
    ctx->progress (ctx->frac0 + ctx->frac_span * CLAMP (local, 0.0, 1.0), stage, ctx->progress_data);
}

/* TRUE (with G_IO_ERROR_CANCELLED) once the call's cancellable fires */
gboolean
os_sim_cancelled (OsSimCtx *ctx, GError **error)
{
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
