/* os-sim-shared.c — one seed of a sweep, computing once what the swept
 * parameter does not change (issue #16). For a seed:
 *
 *   α   the step, the spike and the test features once. The readout
 *       samples of a smaller α are the first n of the largest α's (they come
 *       from the seed's stream in order), so Φ is built once, by prefix, in
 *       the chunks of the largest n; ΦᵀΦ grows with it (dsyrk over the rows
 *       each point adds). Each α solves its own system, the one its own run
 *       would solve: p × p from the running ΦᵀΦ when p ≤ n, else n × n from
 *       its prefix of Φ (dsyrk of that prefix).
 *   λ   everything but the solve: one Gram matrix, then a Cholesky solve per
 *       λ (bit for bit the point's own run), or, in sweeps of many λ, one
 *       eigendecomposition and every λ for a few matrix–vector products,
 *       with a Cholesky solve where that system is ill-conditioned.
 *   Δ   θ*, W0, the step's samples, their pre-activations, slopes and
 *       σ-sums: Δ enters the step only through the residual e = y − f0,
 *       so D = Σ e σ' xᵀ is formed again from those (one product a chunk)
 *       and W1, the spike, the readout and the test follow for each Δ.
 *   η̃   θ*, W0 and the step's direction D (η̃ only scales it); W1 and
 *       everything after it for each η̃.
 *   α0, β (or a sweep whose shared buffers do not fit the memory budget):
 *       each point from scratch.
 *
 * What a point computes depends on the whole sweep (its values: the
 * largest n sets the chunks of Φ; every point's n marks where ΦᵀΦ is
 * extended), never on which points are asked for, so that shards of a sweep
 * give the same bits as the whole. Against the same point run alone, the Δ,
 * η̃ and λ-by-Cholesky sweeps are bit for bit equal; the α sweep and the
 * eigendecomposition change only the order of sums (tests/test-sim-sweep.c
 * bounds the difference by 1e-9 relative).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"
#include "os-error.h"

#include <lapacke.h>
#include <math.h>
#include <string.h>

/* λ sweeps of at least this many points use one eigendecomposition: dsyevd
 * with vectors costs 10–20 Cholesky solves (dposv) of the same matrix
 * (measured: 360–490 against 25–50 ms at p = 1000, 2.7–2.9 s against
 * 140–150 ms at p = 2000). */
#define EIGEN_MIN_POINTS_DEFAULT 20
/* Beyond this condition number of Gram + λI the eigen solve (whose error
 * grows as cond · ε) hands λ to a Cholesky solve. */
#define EIGEN_MAX_COND           1e6

static int eigen_min_points = EIGEN_MIN_POINTS_DEFAULT;

int
os_sim_set_eigen_min_points (int points)
{
  int old = eigen_min_points;

  eigen_min_points = points > 0 ? points : EIGEN_MIN_POINTS_DEFAULT;
  return old;
}

int
os_sim_eigen_min_points (void)
{
  return eigen_min_points;
}

struct _OsSimSeedState
{
  const OsSimPlan *plan;
  /* what the buffers were allocated for (os_sim_seed_state_reuse) */
  OsSimShare       share;
  gboolean         eigen;
  OsSimDims        dims;
  OsSimPrecision   precision;
  double           bytes;
  OsSimNetwork    *net;
  OsSimWorkspace   ws;
  double          *zeta;            /* ζ̂ of the spike (d)                        */
  double          *Zt, *yt;         /* test features (n_test × p) and labels      */
  double          *gram;            /* α: the running ΦᵀΦ; λ: the Gram kept (m²) */
  double          *eig_vec, *eig_val, *coef;   /* λ by eigendecomposition         */
  double          *rhs;             /* λ: Φᵀy (p ≤ n) or y (n < p)                */
  OsSimStepData    data;            /* Δ                                          */
  double          *D;               /* η̃: the step's direction (p × d)            */
};

/* ---- the plan's sizes ---------------------------------------------------- */

/* params of point i */
static OsParams
point_params (const OsSimPlan *plan, int i)
{
  OsParams p = *plan->base;

  os_params_set (&p, plan->axis, plan->values[i]);
  return p;
}

/* the base with the axis at the value of the largest sizes (α, α0 and β
 * set sizes, and they grow with the value) */
static OsParams
largest_params (const OsSimPlan *plan)
{
  OsParams p = *plan->base;

  if (plan->axis == OS_PARAM_ALPHA || plan->axis == OS_PARAM_ALPHA0 || plan->axis == OS_PARAM_BETA)
    {
      double v = plan->values[0];

      for (int i = 1; i < plan->n_values; i++)
        v = MAX (v, plan->values[i]);
      os_params_set (&p, plan->axis, v);
    }
  return p;
}

static gboolean
keeps_w0 (OsSimShare share)
{
  return share == OS_SIM_SHARE_STEP_DATA || share == OS_SIM_SHARE_DIRECTION;
}

double
os_sim_seed_state_bytes (const OsSimPlan *plan, OsSimShare share)
{
  const OsSimDims *s = &plan->dims;
  const double m = MIN (s->n, s->p);
  double bytes = os_sim_work_bytes (s, OS_SIM_WORK_NETWORK, plan->config->precision, !keeps_w0 (share));

  switch (share)
    {
    case OS_SIM_SHARE_FEATURES:
      bytes += os_sim_buffer_bytes (s->n_test * s->p) + 8.0 * s->n_test;
      if (s->p <= s->n)
        bytes += os_sim_buffer_bytes (s->p * s->p);
      break;
    case OS_SIM_SHARE_GRAM:
      bytes += os_sim_buffer_bytes (s->n_test * s->p) + 8.0 * s->n_test
               + os_sim_buffer_bytes (m * m) + 8.0 * (s->p + 2 * m);
      if (plan->eigen)
        bytes += os_sim_buffer_bytes (m * m);
      break;
    case OS_SIM_SHARE_STEP_DATA:
      bytes += os_sim_buffer_bytes (s->n0 * s->d) + os_sim_buffer_bytes (s->n0 * s->p) + 24.0 * s->n0;
      break;
    case OS_SIM_SHARE_DIRECTION:
      bytes += os_sim_buffer_bytes (s->p * s->d);
      break;
    case OS_SIM_SHARE_NONE:
    default:
      break;
    }
  return bytes;
}

OsSimSeedState *
os_sim_seed_state_new (const OsSimPlan *plan)
{
  OsSimSeedState *st = g_new0 (OsSimSeedState, 1);
  OsParams largest = largest_params (plan);
  const OsSimDims *s = &plan->dims;
  const gsize m = (gsize) MIN (s->n, s->p);

  st->plan = plan;
  st->share = plan->share;
  st->eigen = plan->eigen;
  st->dims = plan->dims;
  st->precision = plan->config->precision;
  st->bytes = os_sim_seed_state_bytes (plan, plan->share);
  st->net = keeps_w0 (plan->share) ? os_sim_network_new (&largest, plan->config)
                                    : os_sim_network_new_lean (&largest, plan->config);
  os_sim_workspace_init (&st->ws, s, OS_SIM_WORK_NETWORK, plan->config->precision);
  st->zeta = g_new (double, (gsize) s->d);
  switch (plan->share)
    {
    case OS_SIM_SHARE_FEATURES:
      st->Zt = os_sim_buffer_new ((gsize) (s->n_test * s->p));
      st->yt = g_new (double, (gsize) s->n_test);
      if (s->p <= s->n)
        st->gram = os_sim_buffer_new ((gsize) (s->p * s->p));
      break;
    case OS_SIM_SHARE_GRAM:
      st->Zt = os_sim_buffer_new ((gsize) (s->n_test * s->p));
      st->yt = g_new (double, (gsize) s->n_test);
      st->gram = os_sim_buffer_new (m * m);
      st->rhs = g_new (double, (gsize) s->p);
      st->eig_val = g_new (double, m);
      st->coef = g_new (double, m);
      if (plan->eigen)
        st->eig_vec = os_sim_buffer_new (m * m);
      break;
    case OS_SIM_SHARE_STEP_DATA:
      os_sim_step_data_init (&st->data, (int) s->n0, (int) s->d, (int) s->p);
      break;
    case OS_SIM_SHARE_DIRECTION:
      st->D = os_sim_buffer_new ((gsize) (s->p * s->d));
      break;
    case OS_SIM_SHARE_NONE:
    default:
      break;
    }
  return st;
}

gboolean
os_sim_seed_state_reuse (OsSimSeedState *st, const OsSimPlan *plan)
{
  if (st->share != plan->share || st->eigen != plan->eigen
      || st->precision != plan->config->precision
      || memcmp (&st->dims, &plan->dims, sizeof st->dims) != 0)
    return FALSE;
  st->plan = plan;
  return TRUE;
}

double
os_sim_seed_state_size (const OsSimSeedState *st)
{
  return st->bytes;
}

void
os_sim_seed_state_free (OsSimSeedState *st)
{
  if (st == NULL)
    return;
  os_sim_network_free (st->net);
  os_sim_workspace_clear (&st->ws);
  g_free (st->zeta);
  g_free (st->Zt);
  g_free (st->yt);
  g_free (st->gram);
  g_free (st->eig_vec);
  g_free (st->eig_val);
  g_free (st->coef);
  g_free (st->rhs);
  if (st->data.X != NULL)
    os_sim_step_data_clear (&st->data);
  g_free (st->D);
  g_free (st);
}

/* ---- one point ------------------------------------------------------------ */

gboolean
os_sim_run_point (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws, OsSimCtx *ctx,
                  GError **error)
{
  g_autofree double *zeta = g_new (double, net->d);
  OsSimSampler test;

  os_sim_sampler_init (&test, net->seed, OS_SIM_STREAM_TEST);
  if (!os_sim_network_step (params, net, ws, ws->A, ctx, error)
      || !os_sim_network_spike (net, ws->A, params->eta / net->n0, zeta, ws, ctx, error)
      || !os_sim_network_readout (params, net, ws, &test, ctx, error)
      || !os_sim_network_test (params, net, ws, &test, ctx, error))
    return FALSE;
  os_sim_network_order_params (net, zeta);
  return TRUE;
}

/* a point's sizes into the network allocated for the largest */
static void
set_sizes (OsSimNetwork *net, const OsParams *params)
{
  os_sim_sizes (params, net->d, &net->p, &net->n0, &net->n);
}

static void
fill_row (OsSimSeedRow *row, const OsSimNetwork *net, double test, double train, double seconds)
{
  *row = (OsSimSeedRow) { test, train, net->m, net->q1, net->q2, net->theta, net->psi,
                          net->r, net->c, net->gamma, seconds };
}

/* The running clock of a seed: a point's seconds are the time since the
 * previous point of the seed finished (the shared work goes to the first
 * point that needs it). */
typedef struct
{
  const OsSimSeedJob *job;
  gint64              last;
} SeedClock;

static void
finish_row (SeedClock *clock, int i, const OsSimNetwork *net, double test, double train)
{
  gint64 now = g_get_monotonic_time ();

  fill_row (&clock->job->rows[(gsize) i * clock->job->stride], net, test, train,
            (now - clock->last) * 1e-6);
  clock->last = now;
  if (clock->job->row_done != NULL)
    clock->job->row_done (i, clock->job->row_done_data);
}

static int
last_wanted (const OsSimSeedJob *job, const int *order, int n)
{
  int last = -1;

  for (int pos = 0; pos < n; pos++)
    if (job->wanted[order[pos]])
      last = pos;
  return last;
}

/* ---- α: features by prefix ------------------------------------------------ */

static gboolean
run_features (OsSimSeedState *st, const OsSimSeedJob *job, SeedClock *clock, OsSimCtx *ctx,
              GError **error)
{
  const OsSimPlan *plan = st->plan;
  OsSimNetwork *net = st->net;
  OsSimWorkspace *ws = &st->ws;
  OsParams big = largest_params (plan);
  const int n_max = plan->n_max, chunk = MIN (SIM_CHUNK, n_max);
  g_autofree int *order = g_new (int, plan->n_values);
  g_autofree int *n_of = g_new (int, plan->n_values);
  double *Phi = ws->A, *y = ws->y;
  int last, p, rows = 0, gram_rows = 0;
  OsSimSampler sampler;

  set_sizes (net, &big);
  p = net->p;

  /* the points by increasing n (stable) */
  for (int i = 0; i < plan->n_values; i++)
    {
      OsParams pi = point_params (plan, i);
      int pos = i;

      os_sim_sizes (&pi, net->d, NULL, NULL, &n_of[i]);
      while (pos > 0 && n_of[order[pos - 1]] > n_of[i])
        {
          order[pos] = order[pos - 1];
          pos--;
        }
      order[pos] = i;
    }
  last = last_wanted (job, order, plan->n_values);
  if (last < 0)
    return TRUE;

  if (!os_sim_network_step (&big, net, ws, ws->A, ctx, error)
      || !os_sim_network_spike (net, ws->A, big.eta / net->n0, st->zeta, ws, ctx, error)
      || !os_sim_test_features (&big, net, ws, st->Zt, st->yt, ctx, error))
    return FALSE;

  os_sim_sampler_init (&sampler, net->seed, OS_SIM_STREAM_READOUT);
  for (int pos = 0; pos <= last; pos++)
    {
      const int i = order[pos], n = n_of[i];
      OsParams pi = point_params (plan, i);
      double train, test;

      while (rows < n)
        {
          const int b = MIN (chunk, n_max - rows);
          /* the next chunk drawn ahead when some wanted point needs it */
          const int next = rows + b < n_of[order[last]] ? MIN (chunk, n_max - rows - b) : 0;

          os_sim_report (ctx, 0.40 + 0.55 * rows / n_of[order[last]], "readout");
          os_sim_feature_rows (&big, net, net->W1, &sampler, rows, b, next, Phi, y, ws, ctx);
          rows += b;
          if (os_sim_cancelled (ctx, error))
            return FALSE;
        }
      /* ΦᵀΦ over the first n rows, for this point and the next */
      if (p <= n && n > gram_rows)
        {
          if (gram_rows == 0)
            os_sim_syrk (ctx, CblasTrans, p, n, Phi, p, st->gram, p);
          else
            os_sim_syrk_add (ctx, CblasTrans, p, n - gram_rows, Phi + (gsize) gram_rows * p, p,
                             st->gram, p);
          gram_rows = n;
        }
      if (!job->wanted[i])
        continue;

      os_sim_report (ctx, 0.40 + 0.55 * MIN (rows, n_of[order[last]]) / n_of[order[last]], "ridge");
      if (p <= n)
        memcpy (ws->B, st->gram, sizeof *ws->B * (gsize) p * p);
      else
        os_sim_ridge_gram (ctx, Phi, n, p, ws->B);
      if (!os_sim_ridge_solve (ctx, Phi, y, n, p, pi.lambda, ws->B, ws->u, net->readout, error))
        return FALSE;
      train = os_sim_train_error (ctx, Phi, y, n, p, net->readout, ws->u);
      test = os_sim_test_error_kept (ctx, st->Zt, st->yt, net->n_test, p, net->readout, ws->u);
      os_sim_network_order_params (net, st->zeta);
      finish_row (clock, i, net, test, train);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- λ: one Gram matrix ----------------------------------------------------- */

/* The readout for λ from the eigendecomposition G = V diag(s) Vᵀ of the
 * Gram matrix (rows of eig_vec are the eigenvectors) and coef = V rhs:
 * â = V diag(1/(s + λ)) coef when p ≤ n, else Φᵀ of that (n-vector). */
static void
eigen_readout (OsSimSeedState *st, const double *Phi, int n, int p, double lambda, double *work,
               OsSimCtx *ctx)
{
  const int m = MIN (n, p);

  for (int j = 0; j < m; j++)
    work[j] = st->coef[j] / (MAX (st->eig_val[j], 0.0) + lambda);
  if (p <= n)
    cblas_dgemv (CblasRowMajor, CblasTrans, m, m, 1.0, st->eig_vec, m, work, 1, 0.0,
                 st->net->readout, 1);
  else
    {
      cblas_dgemv (CblasRowMajor, CblasTrans, m, m, 1.0, st->eig_vec, m, work, 1, 0.0, work + m, 1);
      cblas_dgemv (CblasRowMajor, CblasTrans, n, p, 1.0, Phi, p, work + m, 1, 0.0, st->net->readout, 1);
    }
  ctx->flops += 2.0 * m * m + (p <= n ? 0.0 : 2.0 * n * p);
}

/* The eigendecomposition of the kept Gram matrix (m × m) and coef */
static gboolean
eigen_decompose (OsSimSeedState *st, const double *Phi, const double *y, int n, int p,
                 OsSimCtx *ctx, GError **error)
{
  const int m = MIN (n, p);
  lapack_int info;

  memcpy (st->eig_vec, st->gram, sizeof *st->eig_vec * (gsize) m * m);
  /* row-major upper = column-major lower; the column-major eigenvectors
   * are the rows of eig_vec read row-major */
  info = LAPACKE_dsyevd (LAPACK_COL_MAJOR, 'V', 'L', m, st->eig_vec, m, st->eig_val);
  ctx->flops += 9.0 * m * (double) m * m;
  if (info != 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NUMERICAL,
                   "the eigenvalues of the Gram matrix did not converge (LAPACK dsyevd info %d)",
                   (int) info);
      return FALSE;
    }
  if (p <= n)
    cblas_dgemv (CblasRowMajor, CblasTrans, n, p, 1.0, Phi, p, y, 1, 0.0, st->rhs, 1);
  else
    memcpy (st->rhs, y, sizeof *y * n);
  cblas_dgemv (CblasRowMajor, CblasNoTrans, m, m, 1.0, st->eig_vec, m, st->rhs, 1, 0.0, st->coef, 1);
  ctx->flops += 2.0 * n * p + 2.0 * m * m;
  return TRUE;
}

static gboolean
eigen_conditioned (const OsSimSeedState *st, int m, double lambda)
{
  const double top = MAX (st->eig_val[m - 1], 0.0), bottom = MAX (st->eig_val[0], 0.0);

  return (top + lambda) <= EIGEN_MAX_COND * (bottom + lambda);
}

static gboolean
run_gram (OsSimSeedState *st, const OsSimSeedJob *job, SeedClock *clock, OsSimCtx *ctx,
          GError **error)
{
  const OsSimPlan *plan = st->plan;
  OsSimNetwork *net = st->net;
  OsSimWorkspace *ws = &st->ws;
  const OsParams *base = plan->base;
  g_autofree int *order = g_new (int, plan->n_values);
  g_autofree double *work = NULL;
  int last, n, p, m;
  double *Phi = ws->A, *y = ws->y;

  for (int i = 0; i < plan->n_values; i++)
    order[i] = i;
  last = last_wanted (job, order, plan->n_values);
  if (last < 0)
    return TRUE;
  set_sizes (net, base);
  n = net->n;
  p = net->p;
  m = MIN (n, p);
  work = g_new (double, 2 * (gsize) m);

  if (!os_sim_network_step (base, net, ws, ws->A, ctx, error)
      || !os_sim_network_spike (net, ws->A, base->eta / net->n0, st->zeta, ws, ctx, error)
      || !os_sim_test_features (base, net, ws, st->Zt, st->yt, ctx, error)
      || !os_sim_feature_matrix (base, net, net->W1, OS_SIM_STREAM_READOUT, n, FALSE, NULL, 0, ws,
                                 0.40, 0.60, "readout", ctx, error))
    return FALSE;
  os_sim_report (ctx, 0.60, "ridge");
  os_sim_ridge_gram (ctx, Phi, n, p, st->gram);
  if (plan->eigen && !eigen_decompose (st, Phi, y, n, p, ctx, error))
    return FALSE;

  for (int pos = 0; pos <= last; pos++)
    {
      const int i = order[pos];
      OsParams pi = point_params (plan, i);
      double train, test;

      if (!job->wanted[i])
        continue;
      os_sim_report (ctx, 0.60 + 0.40 * pos / (last + 1), "ridge");
      if (plan->eigen && eigen_conditioned (st, m, pi.lambda))
        eigen_readout (st, Phi, n, p, pi.lambda, work, ctx);
      else
        {
          memcpy (ws->B, st->gram, sizeof *ws->B * (gsize) m * m);
          if (!os_sim_ridge_solve (ctx, Phi, y, n, p, pi.lambda, ws->B, ws->u, net->readout, error))
            return FALSE;
        }
      train = os_sim_train_error (ctx, Phi, y, n, p, net->readout, ws->u);
      test = os_sim_test_error_kept (ctx, st->Zt, st->yt, net->n_test, p, net->readout, ws->u);
      os_sim_network_order_params (net, st->zeta);
      finish_row (clock, i, net, test, train);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Δ, η̃ and nothing shared: point by point ---------------------------------- */

/* after W1: the spike, the readout, the test, the order parameters */
static gboolean
finish_point (const OsParams *params, OsSimSeedState *st, const double *D, SeedClock *clock,
              int i, OsSimCtx *ctx, GError **error)
{
  OsSimNetwork *net = st->net;
  OsSimSampler test;

  os_sim_sampler_init (&test, net->seed, OS_SIM_STREAM_TEST);
  if (!os_sim_network_spike (net, D, params->eta / net->n0, st->zeta, &st->ws, ctx, error)
      || !os_sim_network_readout (params, net, &st->ws, &test, ctx, error)
      || !os_sim_network_test (params, net, &st->ws, &test, ctx, error))
    return FALSE;
  os_sim_network_order_params (net, st->zeta);
  finish_row (clock, i, net, net->test_error, net->train_error);
  return TRUE;
}

static gboolean
run_pointwise (OsSimSeedState *st, const OsSimSeedJob *job, SeedClock *clock, OsSimCtx *ctx,
               GError **error)
{
  const OsSimPlan *plan = st->plan;
  OsSimNetwork *net = st->net;
  OsSimWorkspace *ws = &st->ws;
  g_autofree int *order = g_new (int, plan->n_values);
  int last, n_done = 0, n_wanted = 0;

  for (int i = 0; i < plan->n_values; i++)
    {
      order[i] = i;
      n_wanted += job->wanted[i] != 0;
    }
  last = last_wanted (job, order, plan->n_values);
  if (last < 0)
    return TRUE;

  if (plan->share == OS_SIM_SHARE_STEP_DATA || plan->share == OS_SIM_SHARE_DIRECTION)
    {
      OsParams first = point_params (plan, order[0]);

      set_sizes (net, plan->base);
      os_sim_network_init (net, ctx);
      if (!os_sim_step_direction (&first, net, ws,
                                  plan->share == OS_SIM_SHARE_STEP_DATA ? &st->data : NULL,
                                  plan->share == OS_SIM_SHARE_STEP_DATA ? ws->A : st->D, ctx, error))
        return FALSE;
    }

  for (int pos = 0; pos <= last; pos++)
    {
      const int i = order[pos];
      OsParams pi = point_params (plan, i);
      gboolean ok;

      if (!job->wanted[i])
        continue;
      ctx->frac0 = (double) n_done / n_wanted;
      ctx->frac_span = 1.0 / n_wanted;
      switch (plan->share)
        {
        case OS_SIM_SHARE_STEP_DATA:
          ok = (pos == 0 || os_sim_step_direction_kept (&pi, net, ws, &st->data, ws->A, ctx, error));
          if (ok)
            {
              os_sim_network_apply_step (&pi, net, ws, ws->A, ctx);
              ok = finish_point (&pi, st, ws->A, clock, i, ctx, error);
            }
          break;
        case OS_SIM_SHARE_DIRECTION:
          os_sim_network_apply_step (&pi, net, ws, st->D, ctx);
          ok = finish_point (&pi, st, st->D, clock, i, ctx, error);
          break;
        case OS_SIM_SHARE_NONE:
        default:
          set_sizes (net, &pi);
          ok = os_sim_run_point (&pi, net, ws, ctx, error);
          if (ok)
            finish_row (clock, i, net, net->test_error, net->train_error);
          break;
        }
      if (!ok || os_sim_cancelled (ctx, error))
        return FALSE;
      n_done++;
    }
  ctx->frac0 = 0.0;
  ctx->frac_span = 1.0;
  return TRUE;
}

gboolean
os_sim_seed_run (OsSimSeedState *st, const OsSimSeedJob *job, OsSimCtx *ctx, GError **error)
{
  SeedClock clock = { job, g_get_monotonic_time () };
  gboolean ok;

  st->net->seed = job->seed;
  switch (st->plan->share)
    {
    case OS_SIM_SHARE_FEATURES:
      ok = run_features (st, job, &clock, ctx, error);
      break;
    case OS_SIM_SHARE_GRAM:
      ok = run_gram (st, job, &clock, ctx, error);
      break;
    case OS_SIM_SHARE_STEP_DATA:
    case OS_SIM_SHARE_DIRECTION:
    case OS_SIM_SHARE_NONE:
    default:
      ok = run_pointwise (st, job, &clock, ctx, error);
      break;
    }
  if (ok)
    os_sim_report (ctx, 1.0, "done");
  return ok;
}
