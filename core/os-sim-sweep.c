/* os-sim-sweep.c — sweeps of the simulated network (issue #16): the plan
 * (what the points share within a seed, how many workers, how much
 * memory), the workers that run seeds concurrently, and the rows.
 *
 * The unit of work is a seed (all its points, sharing what they can:
 * os-sim-shared.c) or, in a sweep that shares nothing, one (point, seed)
 * pair. Units run one after the other with every BLAS thread when d is
 * large, where one BLAS call fills the cores; when d is small (BLAS does
 * not scale over the cores, and the random numbers and activations, which
 * run in the calling thread, weigh more) units run concurrently, one per
 * core, each with one BLAS thread. Which of the two depends only on d, the
 * number of units of the whole sweep and the cores, never on the subset of
 * pairs asked for, so every (point, seed) gets the same bits whichever
 * shard computes it (on one kind of machine).
 *
 * OpenBLAS 0.3.21 has one process-wide thread count
 * (openblas_set_num_threads); calls made from several threads with a count
 * of one run in their callers' threads and are safe. The count is set to
 * one for the duration of a concurrent sweep and restored by the last
 * concurrent sweep to finish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"
#include "os-error.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

/* Above this d units run one at a time with every BLAS thread. Measured on
 * the 2-core machine (7-point α sweeps, medians of 15): at d = 100 two
 * seeds concurrently took 15–16 ms against 28–32 ms one after the other
 * with 2 BLAS threads; at d = 200 they were even (35–46 against 34–37 ms),
 * and from d = 300 on one BLAS call fills the cores better than two
 * callers do (d = 400: 131–151 against 124–128 ms). The window keeps BLAS
 * at one thread for its own threads; there, concurrent seeds took the core
 * the theory and the plots need (--benchmark-ui latency median 44–48
 * against 42 ms one seed at a time), so they run one at a time too. */
#define PARALLEL_MAX_D 160

#define MIB ((double) (1 << 20))

/* ---- the plan ------------------------------------------------------------- */

static OsSimShare
share_of_axis (OsParamId axis)
{
  switch (axis)
    {
    case OS_PARAM_ALPHA:  return OS_SIM_SHARE_FEATURES;
    case OS_PARAM_LAMBDA: return OS_SIM_SHARE_GRAM;
    case OS_PARAM_NOISE:  return OS_SIM_SHARE_STEP_DATA;
    case OS_PARAM_ETA:    return OS_SIM_SHARE_DIRECTION;
    case OS_PARAM_ALPHA0:
    case OS_PARAM_BETA:
    case OS_PARAM_N:
    default:              return OS_SIM_SHARE_NONE;
    }
}

const char *
os_sim_sweep_sharing (OsParamId axis)
{
  switch (axis)
    {
    case OS_PARAM_ALPHA:
      return "alpha: the step, the spike and the test features once a seed; the readout "
             "samples of a smaller alpha are the first n of the largest, so the features and "
             "their Gram matrix are built once, by prefix; each alpha solves its own system";
    case OS_PARAM_LAMBDA:
      return "lambda: everything but the solve once a seed (one Gram matrix; from 20 values "
             "on, one eigendecomposition for every lambda)";
    case OS_PARAM_NOISE:
      return "noise: the teacher, W0 and the step's samples and slopes once a seed; the noise "
             "changes the step's residual, so W1 and all after it (spike, features, readout, "
             "test) are computed for each value";
    case OS_PARAM_ETA:
      return "eta: the teacher, W0 and the step's direction once a seed (eta only scales it); "
             "W1 and all after it are computed for each value";
    case OS_PARAM_ALPHA0:
      return "alpha0: nothing but the data streams (each value changes the step and W1)";
    case OS_PARAM_BETA:
      return "beta: nothing but the data streams (each value changes the width p, W0 and W1)";
    case OS_PARAM_N:
    default:
      return "";
    }
}

static gsize
budget_of (const OsSimConfig *config)
{
  return config->memory_budget ? config->memory_budget : OS_SIM_DEFAULT_MEMORY_BUDGET;
}

/* The plan of a valid sweep: its largest sizes, what it shares (nothing
 * when the shared buffers do not fit the budget) and the bytes a worker
 * needs. */
static void
plan_init (OsSimPlan *plan, const OsParams *params, OsParamId axis, const double *values,
           int n_values, const OsSimConfig *config, double *unit_bytes)
{
  const double budget = (double) budget_of (config);

  memset (plan, 0, sizeof *plan);
  plan->base = params;
  plan->axis = axis;
  plan->values = values;
  plan->n_values = n_values;
  plan->config = config;
  for (int i = 0; i < n_values; i++)
    {
      OsParams pi = *params;
      OsSimDims di;
      int n;

      os_params_set (&pi, axis, values[i]);
      di = os_sim_dims_of (&pi, config);
      os_sim_sizes (&pi, config->d, NULL, NULL, &n);
      if (i == 0)
        plan->dims = di;
      plan->dims.p = MAX (plan->dims.p, di.p);
      plan->dims.n0 = MAX (plan->dims.n0, di.n0);
      plan->dims.n = MAX (plan->dims.n, di.n);
      plan->n_max = MAX (plan->n_max, n);
    }
  plan->share = n_values > 1 ? share_of_axis (axis) : OS_SIM_SHARE_NONE;
  plan->eigen = plan->share == OS_SIM_SHARE_GRAM && n_values >= os_sim_eigen_min_points ();
  if (plan->eigen && os_sim_seed_state_bytes (plan, plan->share) > budget)
    plan->eigen = FALSE;
  if (os_sim_seed_state_bytes (plan, plan->share) > budget)
    plan->share = OS_SIM_SHARE_NONE;
  *unit_bytes = os_sim_seed_state_bytes (plan, plan->share);
}

/* units of the whole sweep */
static int
units_of (const OsSimPlan *plan)
{
  return plan->share == OS_SIM_SHARE_NONE ? plan->n_values * plan->config->seeds
                                          : plan->config->seeds;
}

/* TRUE when the units run concurrently with one BLAS thread each */
static gboolean
units_concurrent (const OsSimPlan *plan)
{
  return g_get_num_processors () >= 2 && units_of (plan) >= 2 && plan->config->d <= PARALLEL_MAX_D;
}

static int
workers_for (const OsSimPlan *plan, double unit_bytes, int n_units)
{
  int fit;

  if (!units_concurrent (plan))
    return 1;
  fit = (int) MIN (1024.0, floor ((double) budget_of (plan->config) / MAX (unit_bytes, 1.0)));
  return MAX (1, MIN ((int) g_get_num_processors (), MIN (n_units, fit)));
}

gsize
os_simulation_sweep_memory_needed (const OsParams *params, OsParamId axis, const double *values,
                                   int n_values, const OsSimConfig *config)
{
  OsSimPlan plan;
  double bytes;

  g_return_val_if_fail (params != NULL && values != NULL && n_values > 0 && config != NULL, 0);
  plan_init (&plan, params, axis, values, n_values, config, &bytes);
  return bytes >= (double) G_MAXSIZE ? G_MAXSIZE : (gsize) bytes;
}

char *
os_sim_sweep_plan_text (const OsParams *params, OsParamId axis, const double *values,
                        int n_values, const OsSimConfig *config)
{
  OsSimPlan plan;
  double bytes;
  int workers;
  const char *kind[] = { "nothing shared", "features by prefix", "one Gram matrix",
                         "the step's data", "the step's direction" };

  g_return_val_if_fail (params != NULL && values != NULL && n_values > 0 && config != NULL, NULL);
  plan_init (&plan, params, axis, values, n_values, config, &bytes);
  workers = workers_for (&plan, bytes, units_of (&plan));
  return g_strdup_printf ("%s%s; %d unit%s (%s), %d at a time with %s; %.0f MiB a worker",
                          kind[plan.share], plan.eigen ? " (eigendecomposition)" : "",
                          units_of (&plan), units_of (&plan) == 1 ? "" : "s",
                          plan.share == OS_SIM_SHARE_NONE ? "points × seeds" : "seeds",
                          workers, units_concurrent (&plan) ? "one BLAS thread each" : "every BLAS thread",
                          ceil (bytes / MIB));
}

/* ---- the BLAS thread count ---------------------------------------------- */

/* POSIX locks, not GMutex: GLib's futexes are invisible to TSan */
static pthread_mutex_t blas_lock = PTHREAD_MUTEX_INITIALIZER;
static int blas_users, blas_saved_threads;

static void
blas_single_enter (void)
{
  pthread_mutex_lock (&blas_lock);
  if (blas_users++ == 0)
    {
      blas_saved_threads = openblas_get_num_threads ();
      openblas_set_num_threads (1);
    }
  pthread_mutex_unlock (&blas_lock);
}

static void
blas_single_leave (void)
{
  pthread_mutex_lock (&blas_lock);
  if (--blas_users == 0)
    openblas_set_num_threads (blas_saved_threads);
  pthread_mutex_unlock (&blas_lock);
}

/* ---- spare seed states ---------------------------------------------------- */

/* The window runs a sweep per request, many a second while a slider moves,
 * all of the same sizes: the buffers of a finished sweep are kept for the
 * next (up to SPARE_MAX_BYTES in all) instead of being unmapped and faulted
 * in again. Allocating and freeing ~25 MB per request (d = 400) cost the
 * main thread page faults and frames (--benchmark-ui). */
#define SPARE_STATES    4
#define SPARE_MAX_BYTES (256.0 * MIB)

static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static OsSimSeedState *spare[SPARE_STATES];

static OsSimSeedState *
state_take (const OsSimPlan *plan)
{
  OsSimSeedState *st = NULL;

  pthread_mutex_lock (&spare_lock);
  for (int i = 0; i < SPARE_STATES && st == NULL; i++)
    if (spare[i] != NULL && os_sim_seed_state_reuse (spare[i], plan))
      {
        st = spare[i];
        spare[i] = NULL;
      }
  pthread_mutex_unlock (&spare_lock);
  return st != NULL ? st : os_sim_seed_state_new (plan);
}

/* keeps st for the next sweep if it fits, dropping the oldest spares that
 * do not fit beside it */
static void
state_give (OsSimSeedState *st)
{
  OsSimSeedState *drop[SPARE_STATES + 1] = { NULL };
  int n_drop = 0;
  double total = os_sim_seed_state_size (st);

  if (total > SPARE_MAX_BYTES)
    {
      os_sim_seed_state_free (st);
      return;
    }
  pthread_mutex_lock (&spare_lock);
  drop[n_drop++] = spare[SPARE_STATES - 1];
  memmove (spare + 1, spare, (SPARE_STATES - 1) * sizeof spare[0]);
  spare[0] = st;
  for (int i = 1; i < SPARE_STATES; i++)
    if (spare[i] != NULL)
      {
        total += os_sim_seed_state_size (spare[i]);
        if (total > SPARE_MAX_BYTES)
          {
            drop[n_drop++] = spare[i];
            spare[i] = NULL;
          }
      }
  pthread_mutex_unlock (&spare_lock);
  for (int i = 0; i < n_drop; i++)
    os_sim_seed_state_free (drop[i]);
}

/* ---- the rows ------------------------------------------------------------- */

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

void
os_sim_result_from_rows (const OsSimSeedRow *rows, int seeds, OsSimResult *out)
{
  enum { TEST, TRAIN, M, Q1, Q2, THETA, PSI, R, C, GAMMA, N_VALUES };
  g_autofree double *values = NULL;

  g_return_if_fail (rows != NULL && seeds > 0 && out != NULL);
  values = g_new (double, (gsize) N_VALUES * seeds);
  memset (out, 0, sizeof *out);
  for (int k = 0; k < seeds; k++)
    {
      values[TEST * seeds + k] = rows[k].test_error;
      values[TRAIN * seeds + k] = rows[k].train_error;
      values[M * seeds + k] = rows[k].m;
      values[Q1 * seeds + k] = rows[k].q1;
      values[Q2 * seeds + k] = rows[k].q2;
      values[THETA * seeds + k] = rows[k].theta;
      values[PSI * seeds + k] = rows[k].psi;
      values[R * seeds + k] = rows[k].r;
      values[C * seeds + k] = rows[k].c;
      values[GAMMA * seeds + k] = rows[k].gamma;
      out->seconds += rows[k].seconds;
    }
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
}

/* ---- the workers ---------------------------------------------------------- */

typedef struct
{
  int seed_index;
  int point;           /* -1: every wanted point of the seed */
} Unit;

typedef struct _Sweep Sweep;

typedef struct
{
  Sweep          *sweep;
  OsSimSeedState *state;
  OsSimCtx        ctx;
  double          local;       /* the running unit's fraction */
  int             seed_index;  /* of the running unit         */
} Worker;

struct _Sweep
{
  OsSimPlan          plan;
  const guint8      *wanted;      /* n_values × seeds, or NULL = all */
  OsSimSeedRow      *rows;
  int                seeds;
  Unit              *units;
  int                n_units;
  gint               next_unit;
  gint               abort;
  pthread_mutex_t    lock;
  GError            *error;
  int               *remaining;   /* per point: wanted rows not done yet */
  Worker            *workers;
  int                n_workers;
  double             units_done, last_fraction;
  OsSimProgressFunc  progress;
  gpointer           progress_data;
  OsSimPointFunc     point_func;
  gpointer           point_data;
};

static gboolean
is_wanted (const Sweep *sw, int point, int k)
{
  return sw->wanted == NULL || sw->wanted[(gsize) point * sw->seeds + k];
}

static void
on_unit_progress (double fraction, const char *stage, gpointer data)
{
  Worker *w = data;
  Sweep *sw = w->sweep;
  double total;

  pthread_mutex_lock (&sw->lock);
  w->local = fraction;
  total = sw->units_done;
  for (int i = 0; i < sw->n_workers; i++)
    total += sw->workers[i].local;
  total = MIN (1.0, total / sw->n_units);
  sw->last_fraction = MAX (sw->last_fraction, total);
  if (sw->progress != NULL)
    sw->progress (sw->last_fraction, stage, sw->progress_data);
  pthread_mutex_unlock (&sw->lock);
}

typedef struct
{
  Sweep *sweep;
  int    seed_index;
} RowDone;

static void
on_row_done (int point, gpointer data)
{
  RowDone *rd = data;
  Sweep *sw = rd->sweep;

  pthread_mutex_lock (&sw->lock);
  if (--sw->remaining[point] == 0 && sw->point_func != NULL)
    {
      gboolean all = TRUE;

      for (int k = 0; k < sw->seeds; k++)
        all &= is_wanted (sw, point, k);
      if (all)
        {
          OsSimResult res;

          os_sim_result_from_rows (sw->rows + (gsize) point * sw->seeds, sw->seeds, &res);
          sw->point_func (point, &res, sw->point_data);
        }
    }
  pthread_mutex_unlock (&sw->lock);
}

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  Sweep *sw = w->sweep;
  const int n_values = sw->plan.n_values;
  g_autofree guint8 *wanted = g_new (guint8, n_values);
  int u;

  while ((u = g_atomic_int_add (&sw->next_unit, 1)) < sw->n_units)
    {
      const Unit *unit = &sw->units[u];
      g_autoptr (GError) error = NULL;
      RowDone rd = { sw, unit->seed_index };
      OsSimSeedJob job;
      gboolean ok;

      if (g_atomic_int_get (&sw->abort))
        break;
      for (int i = 0; i < n_values; i++)
        wanted[i] = unit->point < 0 ? is_wanted (sw, i, unit->seed_index) : i == unit->point;
      job = (OsSimSeedJob) { sw->plan.config->seed + (guint64) unit->seed_index, wanted,
                             sw->rows + unit->seed_index, sw->seeds, on_row_done, &rd };
      if (w->state == NULL)
        w->state = state_take (&sw->plan);
      w->seed_index = unit->seed_index;
      ok = os_sim_seed_run (w->state, &job, &w->ctx, &error);

      pthread_mutex_lock (&sw->lock);
      sw->units_done += 1.0;
      w->local = 0.0;
      if (!ok)
        {
          if (sw->error == NULL)
            sw->error = g_steal_pointer (&error);
          g_atomic_int_set (&sw->abort, 1);
        }
      pthread_mutex_unlock (&sw->lock);
      if (!ok)
        break;
    }
  if (w->state != NULL)
    state_give (g_steal_pointer (&w->state));
  return NULL;
}

/* the units of the wanted pairs: seeds (in order) for a shared plan, pairs
 * seed-major otherwise */
static void
make_units (Sweep *sw)
{
  const int n_values = sw->plan.n_values;

  sw->units = g_new (Unit, (gsize) n_values * sw->seeds);
  sw->n_units = 0;
  for (int k = 0; k < sw->seeds; k++)
    {
      gboolean any = FALSE;

      for (int i = 0; i < n_values; i++)
        if (is_wanted (sw, i, k))
          {
            if (sw->plan.share == OS_SIM_SHARE_NONE)
              sw->units[sw->n_units++] = (Unit) { k, i };
            any = TRUE;
          }
      if (any && sw->plan.share != OS_SIM_SHARE_NONE)
        sw->units[sw->n_units++] = (Unit) { k, -1 };
    }
}

/* checks the sweep: each point's parameters and sizes, then the memory */
static gboolean
sweep_validate (const OsParams *params, OsParamId axis, const double *values, int n_values,
                const OsSimConfig *config, GError **error)
{
  OsSimPlan plan;
  double bytes;
  OsParams largest;

  if (params == NULL || config == NULL || values == NULL || n_values < 1 || axis >= OS_PARAM_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "no sweep given");
      return FALSE;
    }
  largest = *params;
  for (int i = 0; i < n_values; i++)
    {
      OsParams pi = *params;

      os_params_set (&pi, axis, values[i]);
      if (!os_sim_config_validate (&pi, config, error))
        return FALSE;
      if (values[i] > os_params_get (&largest, axis)
          && (axis == OS_PARAM_ALPHA || axis == OS_PARAM_ALPHA0 || axis == OS_PARAM_BETA))
        os_params_set (&largest, axis, values[i]);
    }
  plan_init (&plan, params, axis, values, n_values, config, &bytes);
  return os_sim_check_memory (bytes >= (double) G_MAXSIZE ? G_MAXSIZE : (gsize) bytes, &largest,
                              config, error);
}

/* os_simulate_sweep, and the flop counts of all its workers */
static gboolean
sweep_run (const OsParams *params, OsParamId axis, const double *values, int n_values,
           const OsSimConfig *config, const guint8 *wanted, GCancellable *cancellable,
           OsSimProgressFunc progress, gpointer progress_data, OsSimPointFunc point_func,
           gpointer point_data, OsSimSeedRow *rows, OsSimCtx *totals, GError **error)
{
  Sweep sw = { 0 };
  double unit_bytes;
  gboolean concurrent;
  GThread **threads;

  if (!sweep_validate (params, axis, values, n_values, config, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  plan_init (&sw.plan, params, axis, values, n_values, config, &unit_bytes);
  sw.wanted = wanted;
  sw.rows = rows;
  sw.seeds = config->seeds;
  sw.progress = progress;
  sw.progress_data = progress_data;
  sw.point_func = point_func;
  sw.point_data = point_data;
  pthread_mutex_init (&sw.lock, NULL);
  make_units (&sw);
  sw.remaining = g_new0 (int, n_values);
  for (int i = 0; i < n_values; i++)
    for (int k = 0; k < sw.seeds; k++)
      sw.remaining[i] += is_wanted (&sw, i, k);

  concurrent = units_concurrent (&sw.plan);
  sw.n_workers = workers_for (&sw.plan, unit_bytes, MAX (sw.n_units, 1));
  sw.workers = g_new0 (Worker, sw.n_workers);
  for (int i = 0; i < sw.n_workers; i++)
    {
      sw.workers[i].sweep = &sw;
      sw.workers[i].ctx = (OsSimCtx) OS_SIM_CTX_INIT (cancellable, on_unit_progress, &sw.workers[i],
                                                      config->precision);
      sw.workers[i].ctx.abort = &sw.abort;
    }
  if (concurrent)
    blas_single_enter ();
  threads = g_new0 (GThread *, sw.n_workers);
  for (int i = 1; i < sw.n_workers; i++)
    threads[i] = g_thread_new ("os-sim-worker", worker_run, &sw.workers[i]);
  worker_run (&sw.workers[0]);
  for (int i = 1; i < sw.n_workers; i++)
    g_thread_join (threads[i]);
  if (concurrent)
    blas_single_leave ();

  for (int i = 0; i < sw.n_workers; i++)
    {
      totals->flops += sw.workers[i].ctx.flops;
      totals->blas3_flops += sw.workers[i].ctx.blas3_flops;
      totals->blas3_seconds += sw.workers[i].ctx.blas3_seconds;
    }
  g_free (threads);
  g_free (sw.workers);
  g_free (sw.units);
  g_free (sw.remaining);
  pthread_mutex_destroy (&sw.lock);
  if (sw.error != NULL)
    {
      g_propagate_error (error, sw.error);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_simulate_sweep (const OsParams     *params,
                   OsParamId           axis,
                   const double       *values,
                   int                 n_values,
                   const OsSimConfig  *config,
                   const guint8       *wanted,
                   GCancellable       *cancellable,
                   OsSimProgressFunc   progress,
                   gpointer            progress_data,
                   OsSimPointFunc      point_func,
                   gpointer            point_data,
                   OsSimSeedRow       *rows,
                   GError            **error)
{
  OsSimCtx totals = OS_SIM_CTX_INIT (NULL, NULL, NULL, OS_SIM_PRECISION_DOUBLE);

  g_return_val_if_fail (rows != NULL, FALSE);
  return sweep_run (params, axis, values, n_values, config, wanted, cancellable, progress,
                    progress_data, point_func, point_data, rows, &totals, error);
}

/* os_simulate: a sweep of one point */
gboolean
os_simulate (const OsParams     *params,
             const OsSimConfig  *config,
             GCancellable       *cancellable,
             OsSimProgressFunc   progress,
             gpointer            progress_data,
             OsSimResult        *out,
             GError            **error)
{
  OsSimCtx totals = OS_SIM_CTX_INIT (NULL, NULL, NULL, OS_SIM_PRECISION_DOUBLE);
  gint64 t0 = g_get_monotonic_time ();
  g_autofree OsSimSeedRow *rows = NULL;

  g_return_val_if_fail (out != NULL, FALSE);
  if (params == NULL || config == NULL)
    return os_sim_config_validate (params, config, error);
  rows = g_new0 (OsSimSeedRow, MAX (config->seeds, 1));
  if (!sweep_run (params, OS_PARAM_ALPHA, &params->alpha, 1, config, NULL, cancellable, progress,
                  progress_data, NULL, NULL, rows, &totals, error))
    return FALSE;
  os_sim_result_from_rows (rows, config->seeds, out);
  out->flops = totals.flops;
  out->blas3_flops = totals.blas3_flops;
  out->blas3_seconds = totals.blas3_seconds;
  out->seconds = (g_get_monotonic_time () - t0) * 1e-6;
  return TRUE;
}
