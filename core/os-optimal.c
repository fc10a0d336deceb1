/* os-optimal.c — the optimal learning rate and ridge of the theory.
 *
 * Along a sweep whose axis does not enter the κ table (os-srf.h), the
 * tables of the η̃ grid and of the Brent steps are built once per η̃ and
 * shared by every point (EtaTables); the points run on every core
 * (os-parallel.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-optimal.h"
#include "os-error.h"
#include "os-finite-size.h"
#include "os-minimise.h"
#include "os-parallel.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define ETA_GRID_POINTS    41      /* η̃ = 0, 0.25, ..., 10 */
#define ETA_CROSSOVER      7       /* at finite d, also η̃ = x/√d, x = 0.5 … 32 */
#define ETA_TOLERANCE      1e-6
#define LAMBDA_GRID_POINTS 13      /* log10 λ = −5, −4.5, ..., 1 */
#define LOG_LAMBDA_TOLERANCE 1e-6

/* ---- optimal λ ----------------------------------------------------------- */

typedef struct
{
  const OsKappaTable    *table;
  OsParams               params;
  const OsTheoryOptions *options;
  OsTheoryPoint          warm;
  gboolean               all_converged;
} LambdaProblem;

static double
eval_log_lambda (double log_lambda, gpointer data)
{
  LambdaProblem *lp = data;
  OsTheoryPoint pt;

  lp->params.lambda = CLAMP (pow (10.0, log_lambda), 1e-5, 10.0);
  os_theory_solve_with_table (lp->table, &lp->params, lp->options, &lp->warm, &pt);
  if (!pt.converged)
    lp->all_converged = FALSE;
  return pt.test_error;
}

gboolean
os_optimal_lambda_at (const OsKappaTable    *table,
                      const OsParams        *params,
                      const OsTheoryOptions *options,
                      double                *out_lambda,
                      double                *out_test_error)
{
  LambdaProblem lp = { .table = table, .params = *params, .options = options,
                       .all_converged = TRUE };
  double fx[LAMBDA_GRID_POINTS], lx[LAMBDA_GRID_POINTS];
  gboolean ok[LAMBDA_GRID_POINTS];
  OsTheoryPoint pts[LAMBDA_GRID_POINTS];
  int k;
  double best_log, best_f;

  for (int i = 0; i < LAMBDA_GRID_POINTS; i++)
    lx[i] = -5.0 + 6.0 * i / (LAMBDA_GRID_POINTS - 1);
  /* from large λ down: the easy end first, each point warm-started */
  for (int i = LAMBDA_GRID_POINTS - 1; i >= 0; i--)
    {
      lp.params.lambda = pow (10.0, lx[i]);
      os_theory_solve_with_table (table, &lp.params, options,
                                  i + 1 < LAMBDA_GRID_POINTS ? &pts[i + 1] : NULL, &pts[i]);
      fx[i] = pts[i].test_error;
      ok[i] = pts[i].converged;
    }
  k = os_minimise_grid_argmin (fx, ok, LAMBDA_GRID_POINTS);
  lp.warm = pts[k];
  lp.all_converged = ok[k]
                     && (k == 0 || ok[k - 1])
                     && (k == LAMBDA_GRID_POINTS - 1 || ok[k + 1]);
  best_log = os_minimise_brent (eval_log_lambda, &lp, lx[MAX (k - 1, 0)],
                                lx[MIN (k + 1, LAMBDA_GRID_POINTS - 1)], lx[k], fx[k],
                                LOG_LAMBDA_TOLERANCE, &best_f);
  *out_lambda = CLAMP (pow (10.0, best_log), 1e-5, 10.0);
  *out_test_error = best_f;
  return lp.all_converged;
}

/* ---- κ tables by η̃, shared by the points of a sweep ----------------------- */

/* The κ tables of one optimal-η̃ computation whose sweep axis does not enter
 * the table, by η̃ (its bits), built once and shared by every point and
 * thread: the η̃ grid's, and the Brent steps' wherever two points ask for the
 * same η̃. Where the optimum is η̃ → 0⁺ (d → ∞: most of the default α × η̃
 * page) the golden-section steps only compare values, so 59 of 64 points
 * walked the same 24 η̃ — 1515 table builds, 90 % of `export --plot phase`,
 * for 60 distinct tables. A table is a pure function of its key, so every
 * number is what a table of its own gives, bit for bit. */
typedef struct
{
  gint64        key;     /* the bits of η̃ */
  OsKappaTable *table;   /* NULL while a thread builds it */
} EtaTable;

typedef struct
{
  OsParams        base;
  int             n_kappa;
  /* POSIX, not GMutex/GCond: GLib's futexes are invisible to TSan */
  pthread_mutex_t lock;
  pthread_cond_t  built;
  GHashTable     *by_eta;    /* &EtaTable.key → EtaTable */
} EtaTables;

static void
eta_table_free (gpointer data)
{
  EtaTable *e = data;

  os_kappa_table_unref (e->table);
  g_free (e);
}

static void
eta_tables_init (EtaTables *t, const OsParams *base, int n_kappa)
{
  t->base = *base;
  t->n_kappa = n_kappa;
  pthread_mutex_init (&t->lock, NULL);
  pthread_cond_init (&t->built, NULL);
  t->by_eta = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, eta_table_free);
}

static void
eta_tables_clear (EtaTables *t)
{
  g_hash_table_destroy (t->by_eta);
  pthread_cond_destroy (&t->built);
  pthread_mutex_destroy (&t->lock);
}

/* A reference to the table at η̃ = eta (built here, or by the thread that
 * asked first, waited for). */
static OsKappaTable *
eta_tables_get (EtaTables *t, double eta)
{
  EtaTable *e;
  OsParams p;
  OsKappaTable *table;
  gint64 key;

  memcpy (&key, &eta, sizeof key);
  pthread_mutex_lock (&t->lock);
  while ((e = g_hash_table_lookup (t->by_eta, &key)) != NULL && e->table == NULL)
    pthread_cond_wait (&t->built, &t->lock);
  if (e != NULL)
    {
      table = os_kappa_table_ref (e->table);
      pthread_mutex_unlock (&t->lock);
      return table;
    }
  e = g_new0 (EtaTable, 1);
  e->key = key;
  g_hash_table_insert (t->by_eta, &e->key, e);
  pthread_mutex_unlock (&t->lock);

  p = t->base;
  p.eta = eta;
  table = os_kappa_table_new (&p, t->n_kappa);

  pthread_mutex_lock (&t->lock);
  e->table = os_kappa_table_ref (table);
  pthread_cond_broadcast (&t->built);
  pthread_mutex_unlock (&t->lock);
  return table;
}

/* ---- optimal η̃ ------------------------------------------------------------ */

typedef struct
{
  OsParams               params;
  const OsTheoryOptions *options;
  EtaTables             *tables;     /* NULL: a table of its own per η̃ */
  OsTheoryPoint          warm;
  gboolean               all_converged;
  double                 d;          /* INFINITY: the d → ∞ theory      */
  OsWeakSpike            weak;       /* for ε_d when d is finite         */
} EtaProblem;

/* ε_g, or ε_d at a finite d, from the d → ∞ solution pt */
static double
eta_objective (const EtaProblem *ep, const OsTheoryPoint *pt)
{
  if (isinf (ep->d))
    return pt->test_error;
  return os_finite_d_error (&ep->params, &ep->weak, ep->d, pt->test_error);
}

static OsKappaTable *
table_at (EtaTables *tables, const OsParams *params, const OsTheoryOptions *options)
{
  return tables != NULL ? eta_tables_get (tables, params->eta)
                        : os_kappa_table_new (params, options ? options->n_kappa : 0);
}

static double
eval_eta (double eta, gpointer data)
{
  EtaProblem *ep = data;
  OsTheoryPoint pt;
  g_autoptr (OsKappaTable) table = NULL;

  ep->params.eta = CLAMP (eta, 0.0, 10.0);
  table = table_at (ep->tables, &ep->params, ep->options);
  os_theory_solve_with_table (table, &ep->params, ep->options, &ep->warm, &pt);
  if (!pt.converged)
    ep->all_converged = FALSE;
  return eta_objective (ep, &pt);
}

static double
eta_grid_value (int i)
{
  return 10.0 * i / (ETA_GRID_POINTS - 1);
}

/* The η̃ grid: the ETA_GRID_POINTS values of eta_grid_value, and at a finite
 * d the crossover's x/√d below 10, sorted. Returns the number of values. */
static int
eta_grid (double d, double *eta)
{
  int n = 0;

  for (int i = 0; i < ETA_GRID_POINTS; i++)
    eta[n++] = eta_grid_value (i);
  if (!isinf (d))
    for (int k = 0; k < ETA_CROSSOVER; k++)
      {
        double v = 0.5 * (1 << k) / sqrt (d);

        if (v >= 10.0)
          break;
        eta[n++] = v;
      }
  /* insertion sort: at most 48 values */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && eta[j - 1] > eta[j]; j--)
      {
        double t = eta[j];

        eta[j] = eta[j - 1];
        eta[j - 1] = t;
      }
  return n;
}

/* tables (nullable) holds the κ tables of these params' α0, Δ and
 * activations by η̃, shared with the other points of a sweep. */
static gboolean
optimal_eta_with_tables (const OsParams        *params,
                         EtaTables             *tables,
                         const OsTheoryOptions *options,
                         double                 d,
                         double                *out_eta,
                         double                *out_test_error)
{
  EtaProblem ep = { .params = *params, .options = options, .tables = tables, .all_converged = TRUE,
                    .d = d };
  OsTheoryPoint pts[ETA_GRID_POINTS + ETA_CROSSOVER];
  double fx[ETA_GRID_POINTS + ETA_CROSSOVER], eta[ETA_GRID_POINTS + ETA_CROSSOVER];
  gboolean ok[ETA_GRID_POINTS + ETA_CROSSOVER];
  int n, k;
  double best, best_f;

  if (!isinf (d) && !os_weak_spike_init (&ep.weak, params, NULL))
    ep.d = INFINITY;
  n = eta_grid (ep.d, eta);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (OsKappaTable) table = NULL;

      ep.params.eta = eta[i];
      table = table_at (tables, &ep.params, options);
      os_theory_solve_with_table (table, &ep.params, options, i > 0 ? &pts[i - 1] : NULL, &pts[i]);
      fx[i] = eta_objective (&ep, &pts[i]);
      ok[i] = pts[i].converged;
    }
  k = os_minimise_grid_argmin (fx, ok, n);
  ep.warm = pts[k];
  ep.all_converged = ok[k] && (k == 0 || ok[k - 1]) && (k == n - 1 || ok[k + 1]);
  /* every evaluation builds a κ table at its η̃: the search ends when its
   * parabolic steps settle, without Brent's two probes at x ± tol */
  best = os_minimise_brent_settled (eval_eta, &ep, eta[MAX (k - 1, 0)], eta[MIN (k + 1, n - 1)],
                                    eta[k], fx[k], ETA_TOLERANCE, &best_f);
  *out_eta = best;
  *out_test_error = best_f;
  return ep.all_converged;
}

gboolean
os_optimal_eta_at (const OsParams        *params,
                   const OsTheoryOptions *options,
                   double                *out_eta,
                   double                *out_test_error)
{
  return optimal_eta_with_tables (params, NULL, options, INFINITY, out_eta, out_test_error);
}

gboolean
os_optimal_eta_at_d (const OsParams        *params,
                     const OsTheoryOptions *options,
                     double                 d,
                     double                *out_eta,
                     double                *out_test_error)
{
  return optimal_eta_with_tables (params, NULL, options, d, out_eta, out_test_error);
}

typedef struct
{
  OsOptimalEta          *curve;
  EtaTables             *tables;    /* NULL when the axis enters the table */
  const OsTheoryOptions *options;
} EtaJob;

static void
optimal_eta_task (int i, gpointer data)
{
  EtaJob *job = data;
  OsParams p = job->curve->base;

  os_params_set (&p, job->curve->sweep.axis, job->curve->x[i]);
  job->curve->converged[i] = optimal_eta_with_tables (&p, job->tables, job->options,
                                                      job->curve->d, &job->curve->eta[i],
                                                      &job->curve->test_error[i]);
}

OsOptimalEta *
os_optimal_eta_compute_full (const OsParams        *base,
                             const OsSweep         *sweep,
                             const OsTheoryOptions *options,
                             int                    n_threads,
                             GCancellable          *cancellable,
                             GError               **error)
{
  return os_optimal_eta_compute_d (base, sweep, options, INFINITY, n_threads, cancellable, error);
}

OsOptimalEta *
os_optimal_eta_compute_d (const OsParams        *base,
                          const OsSweep         *sweep,
                          const OsTheoryOptions *options,
                          double                 d,
                          int                    n_threads,
                          GCancellable          *cancellable,
                          GError               **error)
{
  OsOptimalEta *curve;
  EtaJob job = { NULL, NULL, options };
  EtaTables tables;

  if (!os_params_validate (base, error) || !os_sweep_validate (sweep, error))
    return NULL;
  if (sweep->axis == OS_PARAM_ETA)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--sweep: the optimal learning rate needs an axis other than eta");
      return NULL;
    }
  curve = g_new0 (OsOptimalEta, 1);
  curve->base = *base;
  curve->sweep = *sweep;
  curve->n = sweep->points;
  curve->d = d > 0.0 ? d : INFINITY;
  curve->x = g_new (double, curve->n);
  curve->eta = g_new0 (double, curve->n);
  curve->test_error = g_new0 (double, curve->n);
  curve->converged = g_new0 (gboolean, curve->n);
  os_sweep_values (sweep, curve->x);
  job.curve = curve;

  if (!os_kappa_table_depends_on (sweep->axis))
    {
      eta_tables_init (&tables, base, options ? options->n_kappa : 0);
      job.tables = &tables;
    }
  os_parallel_for (curve->n, n_threads, optimal_eta_task, &job, cancellable);
  if (job.tables != NULL)
    eta_tables_clear (&tables);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      os_optimal_eta_free (curve);
      return NULL;
    }
  return curve;
}

OsOptimalEta *
os_optimal_eta_compute (const OsParams        *base,
                        const OsSweep         *sweep,
                        const OsTheoryOptions *options,
                        GCancellable          *cancellable,
                        GError               **error)
{
  return os_optimal_eta_compute_full (base, sweep, options, 0, cancellable, error);
}

void
os_optimal_eta_free (OsOptimalEta *curve)
{
  if (curve == NULL)
    return;
  g_free (curve->x);
  g_free (curve->eta);
  g_free (curve->test_error);
  g_free (curve->converged);
  g_free (curve);
}
