/* os-phase.c — phase diagrams, contours and optimal hyper-parameters.
 *
 * Work split. A grid is cut into lines of cells along one axis; each line is
 * one task and runs warm-started from its neighbour. The line runs along the
 * axis that does not enter the κ table (η̃, α0 and Δ do; α, β and λ do not),
 * so a line shares one table; when both axes enter it, each cell builds its
 * own. Tasks are pulled from a shared counter by one thread per core.
 *
 * The kernel baseline (η̃ = 0) does not depend on η̃ or α0, so along such an
 * axis it is computed once and copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase.h"
#include "os-error.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define DEFAULT_COARSE     8
#define ETA_GRID_POINTS    41      /* η̃ = 0, 0.25, ..., 10 */
#define ETA_TOLERANCE      1e-6
#define LAMBDA_GRID_POINTS 13      /* log10 λ = −5, −4.5, ..., 1 */
#define LOG_LAMBDA_TOLERANCE 1e-6

/* ---- names ------------------------------------------------------------ */

static const char *const quantity_names[OS_PHASE_N_QUANTITIES] = {
  "test-error", "gain-kernel", "gain-linear", "optimal-lambda",
};
static const char *const quantity_labels[OS_PHASE_N_QUANTITIES] = {
  "test error ε_g", "gain over the kernel ε_kernel − ε_g",
  "gain over the linear floor ε_lin − ε_g", "test error at the best λ",
};

const char *
os_phase_quantity_name (OsPhaseQuantity q)
{
  g_return_val_if_fail (q < OS_PHASE_N_QUANTITIES, NULL);
  return quantity_names[q];
}

const char *
os_phase_quantity_label (OsPhaseQuantity q)
{
  g_return_val_if_fail (q < OS_PHASE_N_QUANTITIES, NULL);
  return quantity_labels[q];
}

gboolean
os_phase_quantity_from_name (const char *name, OsPhaseQuantity *out)
{
  for (int q = 0; name != NULL && q < OS_PHASE_N_QUANTITIES; q++)
    if (g_ascii_strcasecmp (name, quantity_names[q]) == 0)
      {
        *out = (OsPhaseQuantity) q;
        return TRUE;
      }
  return FALSE;
}

/* ---- request ---------------------------------------------------------- */

void
os_phase_request_init_default (OsPhaseRequest *request)
{
  memset (request, 0, sizeof *request);
  os_params_init_default (&request->base);
  request->x_axis = (OsSweep) { OS_PARAM_ALPHA, 0.05, 10.0, 64, FALSE };
  request->y_axis = (OsSweep) { OS_PARAM_ETA, 0.0, 10.0, 64, FALSE };
  request->quantity = OS_PHASE_TEST_ERROR;
}

gboolean
os_phase_request_validate (const OsPhaseRequest *request, GError **error)
{
  if (!os_params_validate (&request->base, error)
      || !os_sweep_validate (&request->x_axis, error)
      || !os_sweep_validate (&request->y_axis, error))
    return FALSE;
  if (request->x_axis.axis == request->y_axis.axis)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--y-axis: the two axes must differ (both are %s)",
                   os_param_info (request->x_axis.axis)->name);
      return FALSE;
    }
  if (request->x_axis.points < 2 || request->y_axis.points < 2
      || request->x_axis.points > 1024 || request->y_axis.points > 1024)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--points: a phase diagram needs 2 to 1024 points per axis (got %d × %d)",
                   request->x_axis.points, request->y_axis.points);
      return FALSE;
    }
  if (request->quantity >= OS_PHASE_N_QUANTITIES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--quantity: unknown (test-error, gain-kernel, gain-linear, optimal-lambda)");
      return FALSE;
    }
  if (request->quantity == OS_PHASE_OPTIMAL_LAMBDA
      && (request->x_axis.axis == OS_PARAM_LAMBDA || request->y_axis.axis == OS_PARAM_LAMBDA))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--quantity: optimal-lambda minimises over λ, so λ cannot be an axis");
      return FALSE;
    }
  if (request->optimal_eta && request->y_axis.axis != OS_PARAM_ETA)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--optimal-eta: the y axis must be eta (it is %s)",
                   os_param_info (request->y_axis.axis)->name);
      return FALSE;
    }
  return TRUE;
}

/* ---- threads ---------------------------------------------------------- */

typedef void (*TaskFunc) (int index, gpointer data);

typedef struct
{
  int           n;
  int           next;       /* atomic */
  TaskFunc      func;
  gpointer      data;
  GCancellable *cancellable;
} ParallelFor;

static gpointer
parallel_worker (gpointer data)
{
  ParallelFor *pf = data;

  for (;;)
    {
      int i = g_atomic_int_add (&pf->next, 1);

      if (i >= pf->n || g_cancellable_is_cancelled (pf->cancellable))
        break;
      pf->func (i, pf->data);
    }
  return NULL;
}

/* Runs func (0..n−1) on n_threads threads, the caller's included. */
static void
parallel_for (int n, int n_threads, TaskFunc func, gpointer data, GCancellable *cancellable)
{
  ParallelFor pf = { n, 0, func, data, cancellable };
  GThread *threads[64];
  int extra;

  if (n_threads <= 0)
    n_threads = (int) g_get_num_processors ();
  extra = CLAMP (MIN (n_threads, n) - 1, 0, (int) G_N_ELEMENTS (threads));
  for (int t = 0; t < extra; t++)
    threads[t] = g_thread_new ("os-phase", parallel_worker, &pf);
  parallel_worker (&pf);
  for (int t = 0; t < extra; t++)
    g_thread_join (threads[t]);
}

/* ---- one-dimensional minimisation -------------------------------------- */

typedef double (*ScalarFunc) (double x, gpointer data);

/* Brent's method (golden section with parabolic steps) on [a, b], starting
 * at x0 ∈ (a, b) with f(x0) = f0 known. Stops when the bracket is below
 * 2·tol around the best point. Returns the best x; *fmin its value. */
static double
brent_minimise (ScalarFunc f, gpointer data, double a, double b, double x0, double f0,
                double tol, double *fmin)
{
  const double golden = 0.3819660112501051;
  double x = x0, w = x0, v = x0, fx = f0, fw = f0, fv = f0;
  double d = 0.0, e = 0.0;

  for (int it = 0; it < 100; it++)
    {
      double m = 0.5 * (a + b), tol1 = tol + 1e-12 * fabs (x), tol2 = 2.0 * tol1;
      double u, fu;

      if (fabs (x - m) <= tol2 - 0.5 * (b - a))
        break;
      if (fabs (e) > tol1)
        {
          double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;

          q = 2.0 * (q - r);
          if (q > 0.0)
            p = -p;
          q = fabs (q);
          if (fabs (p) < fabs (0.5 * q * e) && p > q * (a - x) && p < q * (b - x))
            {
              e = d;
              d = p / q;
              u = x + d;
              if (u - a < tol2 || b - u < tol2)
                d = x < m ? tol1 : -tol1;
            }
          else
            {
              e = (x < m ? b : a) - x;
              d = golden * e;
            }
        }
      else
        {
          e = (x < m ? b : a) - x;
          d = golden * e;
        }
      u = fabs (d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
      fu = f (u, data);
      if (fu <= fx)
        {
          if (u < x)
            b = x;
          else
            a = x;
          v = w; fv = fw;
          w = x; fw = fx;
          x = u; fx = fu;
        }
      else
        {
          if (u < x)
            a = u;
          else
            b = u;
          if (fu <= fw || w == x)
            {
              v = w; fv = fw;
              w = u; fw = fu;
            }
          else if (fu <= fv || v == x || v == w)
            {
              v = u; fv = fu;
            }
        }
    }
  *fmin = fx;
  return x;
}

/* Global minimum of samples fx[0..n−1] over converged ones (all if none). */
static int
grid_argmin (const double *fx, const gboolean *ok, int n)
{
  int best = -1;

  for (int pass = 0; pass < 2 && best < 0; pass++)
    for (int i = 0; i < n; i++)
      if ((pass == 1 || ok[i]) && (best < 0 || fx[i] < fx[best]))
        best = i;
  return best;
}

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
  k = grid_argmin (fx, ok, LAMBDA_GRID_POINTS);
  lp.warm = pts[k];
  lp.all_converged = ok[k]
                     && (k == 0 || ok[k - 1])
                     && (k == LAMBDA_GRID_POINTS - 1 || ok[k + 1]);
  best_log = brent_minimise (eval_log_lambda, &lp, lx[MAX (k - 1, 0)],
                             lx[MIN (k + 1, LAMBDA_GRID_POINTS - 1)], lx[k], fx[k],
                             LOG_LAMBDA_TOLERANCE, &best_f);
  *out_lambda = CLAMP (pow (10.0, best_log), 1e-5, 10.0);
  *out_test_error = best_f;
  return lp.all_converged;
}

/* ---- optimal η̃ ------------------------------------------------------------ */

typedef struct
{
  OsParams               params;
  const OsTheoryOptions *options;
  OsTheoryPoint          warm;
  gboolean               all_converged;
} EtaProblem;

static double
eval_eta (double eta, gpointer data)
{
  EtaProblem *ep = data;
  OsTheoryPoint pt;
  g_autoptr (OsKappaTable) table = NULL;

  ep->params.eta = CLAMP (eta, 0.0, 10.0);
  table = os_kappa_table_new (&ep->params, ep->options ? ep->options->n_kappa : 0);
  os_theory_solve_with_table (table, &ep->params, ep->options, &ep->warm, &pt);
  if (!pt.converged)
    ep->all_converged = FALSE;
  return pt.test_error;
}

static double
eta_grid_value (int i)
{
  return 10.0 * i / (ETA_GRID_POINTS - 1);
}

/* tables (nullable) are prebuilt κ tables for the η̃ grid at these
 * params' α0 and Δ. */
static gboolean
optimal_eta_with_tables (const OsParams        *params,
                         OsKappaTable *const   *tables,
                         const OsTheoryOptions *options,
                         double                *out_eta,
                         double                *out_test_error)
{
  EtaProblem ep = { .params = *params, .options = options, .all_converged = TRUE };
  OsTheoryPoint pts[ETA_GRID_POINTS];
  double fx[ETA_GRID_POINTS];
  gboolean ok[ETA_GRID_POINTS];
  int k;
  double best, best_f;

  for (int i = 0; i < ETA_GRID_POINTS; i++)
    {
      OsKappaTable *own = NULL;

      ep.params.eta = eta_grid_value (i);
      if (tables == NULL)
        own = os_kappa_table_new (&ep.params, options ? options->n_kappa : 0);
      os_theory_solve_with_table (own ? own : tables[i], &ep.params, options,
                                  i > 0 ? &pts[i - 1] : NULL, &pts[i]);
      os_kappa_table_unref (own);
      fx[i] = pts[i].test_error;
      ok[i] = pts[i].converged;
    }
  k = grid_argmin (fx, ok, ETA_GRID_POINTS);
  ep.warm = pts[k];
  ep.all_converged = ok[k] && (k == 0 || ok[k - 1]) && (k == ETA_GRID_POINTS - 1 || ok[k + 1]);
  best = brent_minimise (eval_eta, &ep, eta_grid_value (MAX (k - 1, 0)),
                         eta_grid_value (MIN (k + 1, ETA_GRID_POINTS - 1)),
                         eta_grid_value (k), fx[k], ETA_TOLERANCE, &best_f);
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
  return optimal_eta_with_tables (params, NULL, options, out_eta, out_test_error);
}

typedef struct
{
  OsOptimalEta          *curve;
  OsKappaTable         **tables;    /* NULL when the axis enters the table */
  const OsTheoryOptions *options;
} EtaJob;

static void
optimal_eta_task (int i, gpointer data)
{
  EtaJob *job = data;
  OsParams p = job->curve->base;

  os_params_set (&p, job->curve->sweep.axis, job->curve->x[i]);
  job->curve->converged[i] = optimal_eta_with_tables (&p, job->tables, job->options,
                                                      &job->curve->eta[i],
                                                      &job->curve->test_error[i]);
}

static gboolean
axis_enters_table (OsParamId axis)
{
  return axis == OS_PARAM_ETA || axis == OS_PARAM_ALPHA0 || axis == OS_PARAM_NOISE;
}

static OsOptimalEta *
optimal_eta_compute (const OsParams        *base,
                     const OsSweep         *sweep,
                     const OsTheoryOptions *options,
                     int                    n_threads,
                     GCancellable          *cancellable,
                     GError               **error)
{
  OsOptimalEta *curve;
  EtaJob job = { NULL, NULL, options };

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
  curve->x = g_new (double, curve->n);
  curve->eta = g_new0 (double, curve->n);
  curve->test_error = g_new0 (double, curve->n);
  curve->converged = g_new0 (gboolean, curve->n);
  os_sweep_values (sweep, curve->x);
  job.curve = curve;

  if (!axis_enters_table (sweep->axis))
    {
      job.tables = g_new0 (OsKappaTable *, ETA_GRID_POINTS);
      for (int i = 0; i < ETA_GRID_POINTS; i++)
        {
          OsParams p = *base;

          p.eta = eta_grid_value (i);
          job.tables[i] = os_kappa_table_new (&p, options ? options->n_kappa : 0);
        }
    }
  parallel_for (curve->n, n_threads, optimal_eta_task, &job, cancellable);
  if (job.tables != NULL)
    {
      for (int i = 0; i < ETA_GRID_POINTS; i++)
        os_kappa_table_unref (job.tables[i]);
      g_free (job.tables);
    }
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
  return optimal_eta_compute (base, sweep, options, 0, cancellable, error);
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

/* ---- contours ---------------------------------------------------------- */

void
os_contour_clear (OsContour *contour)
{
  for (int i = 0; i < contour->n_lines; i++)
    {
      g_free (contour->lines[i].x);
      g_free (contour->lines[i].y);
    }
  g_free (contour->lines);
  contour->lines = NULL;
  contour->n_lines = 0;
}

static double
axis_interp (const double *v, int i, double t, gboolean log_axis)
{
  if (t <= 0.0)
    return v[i];
  if (log_axis && v[i] > 0 && v[i + 1] > 0)
    return exp (log (v[i]) + t * (log (v[i + 1]) - log (v[i])));
  return v[i] + t * (v[i + 1] - v[i]);
}

typedef struct
{
  const double *field, *x, *y;
  int nx, ny;
  gboolean x_log, y_log;
  double level;
} ContourField;

/* Edge ids: horizontal (i, j)–(i+1, j) is 2(j nx + i), vertical
 * (i, j)–(i, j+1) is 2(j nx + i) + 1. */
static void
edge_point (const ContourField *cf, int edge, double *px, double *py)
{
  int cell = edge / 2, i = cell % cf->nx, j = cell / cf->nx;
  double fa = cf->field[cell] - cf->level, fb, t;

  if (edge % 2 == 0)
    {
      fb = cf->field[cell + 1] - cf->level;
      t = fa / (fa - fb);
      *px = axis_interp (cf->x, i, t, cf->x_log);
      *py = cf->y[j];
    }
  else
    {
      fb = cf->field[cell + cf->nx] - cf->level;
      t = fa / (fa - fb);
      *px = cf->x[i];
      *py = axis_interp (cf->y, j, t, cf->y_log);
    }
}

typedef struct { int a, b; } Segment;

void
os_contour_extract (const double *field, const guint8 *mask,
                    const double *x, int nx, gboolean x_log,
                    const double *y, int ny, gboolean y_log,
                    double level, OsContour *out)
{
  ContourField cf = { field, x, y, nx, ny, x_log, y_log, level };
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (Segment));
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (OsPolyline));
  int n_edges = 2 * nx * ny;
  int *edge_segs = g_new (int, 2 * (gsize) n_edges);
  gboolean *used;

  memset (out, 0, sizeof *out);
  for (int e = 0; e < 2 * n_edges; e++)
    edge_segs[e] = -1;

  for (int j = 0; j + 1 < ny; j++)
    for (int i = 0; i + 1 < nx; i++)
      {
        int k00 = j * nx + i, k10 = k00 + 1, k01 = k00 + nx, k11 = k01 + 1;
        double f00, f10, f01, f11;
        int e_bottom = 2 * k00, e_right = 2 * k10 + 1, e_top = 2 * k01, e_left = 2 * k00 + 1;
        int bits, pairs[2][2], np = 0;

        if (mask != NULL && !(mask[k00] && mask[k10] && mask[k01] && mask[k11]))
          continue;
        f00 = field[k00] - level;
        f10 = field[k10] - level;
        f01 = field[k01] - level;
        f11 = field[k11] - level;
        bits = (f00 > 0) | (f10 > 0) << 1 | (f11 > 0) << 2 | (f01 > 0) << 3;
        switch (bits)
          {
          case 0: case 15: break;
          case 1: case 14: pairs[np][0] = e_left; pairs[np++][1] = e_bottom; break;
          case 2: case 13: pairs[np][0] = e_bottom; pairs[np++][1] = e_right; break;
          case 3: case 12: pairs[np][0] = e_left; pairs[np++][1] = e_right; break;
          case 4: case 11: pairs[np][0] = e_right; pairs[np++][1] = e_top; break;
          case 6: case 9:  pairs[np][0] = e_bottom; pairs[np++][1] = e_top; break;
          case 7: case 8:  pairs[np][0] = e_left; pairs[np++][1] = e_top; break;
          case 5: case 10:
            {
              /* saddle: the centre decides which corners connect */
              gboolean centre = 0.25 * (f00 + f10 + f01 + f11) > 0;
              gboolean corner00 = f00 > 0;

              if (centre == corner00)
                {
                  pairs[np][0] = e_bottom; pairs[np++][1] = e_right;
                  pairs[np][0] = e_top; pairs[np++][1] = e_left;
                }
              else
                {
                  pairs[np][0] = e_left; pairs[np++][1] = e_bottom;
                  pairs[np][0] = e_right; pairs[np++][1] = e_top;
                }
            }
            break;
          default: break;
          }
        for (int s = 0; s < np; s++)
          {
            Segment seg = { pairs[s][0], pairs[s][1] };
            int idx = segs->len;

            g_array_append_val (segs, seg);
            for (int end = 0; end < 2; end++)
              {
                int e = end ? seg.b : seg.a;
                edge_segs[2 * e + (edge_segs[2 * e] >= 0)] = idx;
              }
          }
      }

  /* chain segments through shared edges */
  used = g_new0 (gboolean, segs->len + 1);
  for (guint s0 = 0; s0 < segs->len; s0++)
    {
      GArray *fwd, *bwd;
      OsPolyline pl = { 0 };
      gboolean closed = FALSE;

      if (used[s0])
        continue;
      used[s0] = TRUE;
      fwd = g_array_new (FALSE, FALSE, sizeof (int));
      bwd = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (fwd, g_array_index (segs, Segment, s0).a);
      g_array_append_val (fwd, g_array_index (segs, Segment, s0).b);
      for (int dir = 0; dir < 2; dir++)
        {
          GArray *chain = dir == 0 ? fwd : bwd;
          int edge = dir == 0 ? g_array_index (segs, Segment, s0).b : g_array_index (segs, Segment, s0).a;

          for (;;)
            {
              int next = -1;

              for (int k = 0; k < 2; k++)
                {
                  int s = edge_segs[2 * edge + k];
                  if (s >= 0 && !used[s])
                    next = s;
                }
              if (next < 0)
                {
                  if (dir == 0 && edge == g_array_index (segs, Segment, s0).a && fwd->len > 2)
                    closed = TRUE;
                  break;
                }
              used[next] = TRUE;
              {
                Segment sg = g_array_index (segs, Segment, next);
                edge = sg.a == edge ? sg.b : sg.a;
              }
              g_array_append_val (chain, edge);
            }
          if (closed)
            {
              g_array_set_size (fwd, fwd->len - 1);   /* the start again */
              break;
            }
        }
      pl.n = bwd->len + fwd->len;
      pl.x = g_new (double, pl.n);
      pl.y = g_new (double, pl.n);
      pl.closed = closed;
      {
        int k = 0;
        for (int b = (int) bwd->len - 1; b >= 0; b--, k++)
          edge_point (&cf, g_array_index (bwd, int, b), &pl.x[k], &pl.y[k]);
        for (guint f = 0; f < fwd->len; f++, k++)
          edge_point (&cf, g_array_index (fwd, int, f), &pl.x[k], &pl.y[k]);
      }
      g_array_append_val (lines, pl);
      g_array_unref (fwd);
      g_array_unref (bwd);
    }

  out->n_lines = lines->len;
  out->lines = (OsPolyline *) g_array_free (lines, FALSE);
  g_free (used);
  g_free (edge_segs);
  g_array_unref (segs);
}

/* ---- the grid ---------------------------------------------------------- */

static void handoff_fence (void);

static void
grid_clear (OsPhaseGrid *g)
{
  /* The last reference may go in another thread than the reads before
   * (a level delivered to the caller's thread, dropped in the worker):
   * GLib's reference count is not instrumented, so the fence orders them
   * for TSan (level_delivery_free () fences before its unref). */
  handoff_fence ();
  g_free (g->x);
  g_free (g->y);
  g_free (g->value);
  g_free (g->test_error);
  g_free (g->kernel_error);
  g_free (g->linear_floor);
  g_free (g->best_lambda);
  g_free (g->converged);
  os_contour_clear (&g->kernel_contour);
  os_contour_clear (&g->linear_contour);
  os_optimal_eta_free (g->optimal_eta);
}

OsPhaseGrid *
os_phase_grid_ref (OsPhaseGrid *grid)
{
  return g_atomic_rc_box_acquire (grid);
}

void
os_phase_grid_unref (OsPhaseGrid *grid)
{
  if (grid != NULL)
    g_atomic_rc_box_release_full (grid, (GDestroyNotify) grid_clear);
}

typedef struct
{
  OsPhaseGrid           *grid;
  const OsTheoryOptions *options;
  gboolean               along_x;        /* lines run along x             */
  gboolean               kernel_x_free;  /* kernel constant along x       */
  gboolean               kernel_y_free;
  guint8                *kernel_ok;
  guint8                *test_ok;
  GCancellable          *cancellable;
} GridJob;

static void
grid_line_task (int line, gpointer data)
{
  GridJob *job = data;
  OsPhaseGrid *g = job->grid;
  int n = job->along_x ? g->nx : g->ny;
  int n_kappa = job->options ? job->options->n_kappa : 0;
  OsKappaTable *table = NULL, *ktable = NULL;
  OsTheoryPoint prev = { 0 }, kprev = { 0 };
  gboolean have_prev = FALSE, have_kprev = FALSE;

  for (int s = 0; s < n; s++)
    {
      int i = job->along_x ? s : line, j = job->along_x ? line : s;
      int k = j * g->nx + i;
      OsParams p = g->request.base;
      OsTheoryPoint pt;

      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      os_params_set (&p, g->request.x_axis.axis, g->x[i]);
      os_params_set (&p, g->request.y_axis.axis, g->y[j]);
      if (!os_kappa_table_matches (table, &p))
        {
          os_kappa_table_unref (table);
          table = os_kappa_table_new (&p, n_kappa);
        }
      os_theory_solve_with_table (table, &p, job->options, have_prev ? &prev : NULL, &pt);
      prev = pt;
      have_prev = TRUE;
      g->test_error[k] = pt.test_error;
      job->test_ok[k] = pt.converged;
      g->linear_floor[k] = os_theory_linear_floor (&p);

      if (g->request.quantity == OS_PHASE_OPTIMAL_LAMBDA)
        {
          double lam, err;

          if (!os_optimal_lambda_at (table, &p, job->options, &lam, &err))
            job->test_ok[k] = FALSE;
          g->best_lambda[k] = lam;
          g->value[k] = err;
        }

      /* the kernel baseline, once per distinct value */
      if ((!job->kernel_x_free || i == 0) && (!job->kernel_y_free || j == 0))
        {
          OsParams kp = p;
          OsTheoryPoint kpt;

          kp.eta = 0.0;
          kp.alpha0 = g->request.base.alpha0;   /* irrelevant at η̃ = 0 */
          if (!os_kappa_table_matches (ktable, &kp))
            {
              os_kappa_table_unref (ktable);
              ktable = os_kappa_table_new (&kp, n_kappa);
            }
          os_theory_solve_with_table (ktable, &kp, job->options, have_kprev ? &kprev : NULL, &kpt);
          kprev = kpt;
          have_kprev = TRUE;
          g->kernel_error[k] = kpt.test_error;
          job->kernel_ok[k] = kpt.converged;
        }
    }
  os_kappa_table_unref (table);
  os_kappa_table_unref (ktable);
}

static double
finite_or_zero (double v, guint8 *ok)
{
  if (isfinite (v))
    return v;
  *ok = 0;
  return 0.0;
}

static OsPhaseGrid *
compute_level (const OsPhaseRequest *req, const OsTheoryOptions *options,
               int nx, int ny, int level, gboolean final, GCancellable *cancellable)
{
  OsPhaseGrid *g = g_atomic_rc_box_new0 (OsPhaseGrid);
  GridJob job = { g, options, TRUE, FALSE, FALSE, NULL, NULL, cancellable };
  gsize cells = (gsize) nx * ny;
  gboolean x_table = axis_enters_table (req->x_axis.axis);
  gboolean y_table = axis_enters_table (req->y_axis.axis);
  gboolean any = FALSE;

  g->request = *req;
  g->request.x_axis.points = nx;
  g->request.y_axis.points = ny;
  g->level = level;
  g->final = final;
  g->nx = nx;
  g->ny = ny;
  g->x = g_new (double, nx);
  g->y = g_new (double, ny);
  os_sweep_values (&g->request.x_axis, g->x);
  os_sweep_values (&g->request.y_axis, g->y);
  g->value = g_new0 (double, cells);
  g->test_error = g_new0 (double, cells);
  g->kernel_error = g_new0 (double, cells);
  g->linear_floor = g_new0 (double, cells);
  g->converged = g_new0 (guint8, cells);
  if (req->quantity == OS_PHASE_OPTIMAL_LAMBDA)
    g->best_lambda = g_new0 (double, cells);
  job.kernel_ok = g_new0 (guint8, cells);
  job.test_ok = g_new0 (guint8, cells);

  /* lines along the axis that keeps the κ table */
  job.along_x = !(x_table && !y_table);
  job.kernel_x_free = req->x_axis.axis == OS_PARAM_ETA || req->x_axis.axis == OS_PARAM_ALPHA0;
  job.kernel_y_free = req->y_axis.axis == OS_PARAM_ETA || req->y_axis.axis == OS_PARAM_ALPHA0;

  parallel_for (job.along_x ? ny : nx, req->n_threads, grid_line_task, &job, cancellable);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_free (job.kernel_ok);
      g_free (job.test_ok);
      os_phase_grid_unref (g);
      return NULL;
    }

  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      {
        int k = j * nx + i;
        int src = (job.kernel_y_free ? 0 : j) * nx + (job.kernel_x_free ? 0 : i);
        guint8 ok;

        g->kernel_error[k] = g->kernel_error[src];
        job.kernel_ok[k] = job.kernel_ok[src];
        ok = job.test_ok[k] && job.kernel_ok[k];
        g->test_error[k] = finite_or_zero (g->test_error[k], &ok);
        g->kernel_error[k] = finite_or_zero (g->kernel_error[k], &ok);
        switch (req->quantity)
          {
          case OS_PHASE_TEST_ERROR:
            g->value[k] = g->test_error[k];
            break;
          case OS_PHASE_GAIN_KERNEL:
            g->value[k] = g->kernel_error[k] - g->test_error[k];
            break;
          case OS_PHASE_GAIN_LINEAR:
            g->value[k] = g->linear_floor[k] - g->test_error[k];
            break;
          case OS_PHASE_OPTIMAL_LAMBDA:
          case OS_PHASE_N_QUANTITIES:
          default:
            break;
          }
        g->value[k] = finite_or_zero (g->value[k], &ok);
        g->converged[k] = ok;
        if (!ok)
          g->n_not_converged++;
      }

  /* range over converged cells (over all if none converged) */
  for (int pass = 0; pass < 2 && !any; pass++)
    for (gsize k = 0; k < cells; k++)
      if (pass == 1 || g->converged[k])
        {
          if (!any || g->value[k] < g->value_min)
            g->value_min = g->value[k];
          if (!any || g->value[k] > g->value_max)
            g->value_max = g->value[k];
          any = TRUE;
        }

  /* zero contours of the two gains. At η̃ = 0 the kernel gain vanishes
   * identically; those cells are left out, or the η̃ = 0 edge would be
   * drawn as a contour. */
  {
    double *gain = g_new (double, cells);
    guint8 *mask = g_new (guint8, cells);

    for (int j = 0; j < ny; j++)
      for (int i = 0; i < nx; i++)
        {
          int k = j * nx + i;
          double eta = req->x_axis.axis == OS_PARAM_ETA ? g->x[i]
                       : req->y_axis.axis == OS_PARAM_ETA ? g->y[j] : req->base.eta;

          gain[k] = g->kernel_error[k] - g->test_error[k];
          mask[k] = g->converged[k] && eta != 0.0;
        }
    os_contour_extract (gain, mask, g->x, nx, req->x_axis.log_spacing,
                        g->y, ny, req->y_axis.log_spacing, 0.0, &g->kernel_contour);
    g_free (mask);
    for (gsize k = 0; k < cells; k++)
      gain[k] = g->linear_floor[k] - g->test_error[k];
    os_contour_extract (gain, g->converged, g->x, nx, req->x_axis.log_spacing,
                        g->y, ny, req->y_axis.log_spacing, 0.0, &g->linear_contour);
    g_free (gain);
  }

  if (final && req->optimal_eta)
    {
      g->optimal_eta = optimal_eta_compute (&req->base, &g->request.x_axis, options,
                                            req->n_threads, cancellable, NULL);
      if (g->optimal_eta == NULL)
        {
          g_free (job.kernel_ok);
          g_free (job.test_ok);
          os_phase_grid_unref (g);
          return NULL;
        }
    }
  g_free (job.kernel_ok);
  g_free (job.test_ok);
  return g;
}

OsPhaseGrid *
os_phase_compute (const OsPhaseRequest  *request,
                  const OsTheoryOptions *options,
                  GCancellable          *cancellable,
                  OsPhaseLevelFunc       level_func,
                  gpointer               level_data,
                  GError               **error)
{
  int coarse, cx, cy, level = 0;
  OsPhaseGrid *grid;

  if (!os_phase_request_validate (request, error))
    return NULL;
  coarse = request->coarse_points > 0 ? request->coarse_points : DEFAULT_COARSE;
  cx = MIN (MAX (coarse, 2), request->x_axis.points);
  cy = MIN (MAX (coarse, 2), request->y_axis.points);

  if (cx < request->x_axis.points || cy < request->y_axis.points)
    {
      grid = compute_level (request, options, cx, cy, level++, FALSE, cancellable);
      if (grid == NULL)
        {
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      if (level_func != NULL)
        level_func (grid, level_data);
      os_phase_grid_unref (grid);
    }
  grid = compute_level (request, options, request->x_axis.points, request->y_axis.points,
                        level, TRUE, cancellable);
  if (grid == NULL)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }
  if (level_func != NULL)
    level_func (grid, level_data);
  return grid;
}

/* ---- async ------------------------------------------------------------- */

typedef struct
{
  OsPhaseLevelFunc func;
  gpointer         data;
  GDestroyNotify   notify;
} LevelSink;

static void
level_sink_clear (LevelSink *sink)
{
  if (sink->notify != NULL)
    sink->notify (sink->data);
}

typedef struct
{
  OsPhaseRequest   request;
  OsTheoryOptions  options;
  gboolean         have_options;
  LevelSink       *sink;        /* atomic rc box */
  GMainContext    *context;
} AsyncJob;

/* The delivery crosses from the worker to the caller's thread through
 * GLib's main-context queue and GTask's completion, which Debian's GLib guards with raw futexes that
 * ThreadSanitizer cannot see. A pthread mutex locked and released on both
 * sides makes the hand-off visible to it (and costs nothing measurable). */
static pthread_mutex_t handoff_lock = PTHREAD_MUTEX_INITIALIZER;

static void
handoff_fence (void)
{
  pthread_mutex_lock (&handoff_lock);
  pthread_mutex_unlock (&handoff_lock);
}

static void
async_job_free (AsyncJob *job)
{
  handoff_fence ();   /* the worker is done with the job */
  g_atomic_rc_box_release_full (job->sink, (GDestroyNotify) level_sink_clear);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  LevelSink    *sink;
  OsPhaseGrid  *grid;
  GCancellable *cancellable;
} LevelDelivery;

static gboolean
deliver_level (gpointer data)
{
  LevelDelivery *d = data;

  handoff_fence ();
  if (d->sink->func != NULL && !g_cancellable_is_cancelled (d->cancellable))
    d->sink->func (d->grid, d->sink->data);
  return G_SOURCE_REMOVE;
}

static void
level_delivery_free (gpointer data)
{
  LevelDelivery *d = data;

  handoff_fence ();   /* the level callback's reads, before the unref (grid_clear ()) */
  os_phase_grid_unref (d->grid);
  g_atomic_rc_box_release_full (d->sink, (GDestroyNotify) level_sink_clear);
  g_clear_object (&d->cancellable);
  g_free (d);
}

typedef struct
{
  AsyncJob     *job;
  GCancellable *cancellable;
} ThreadLevel;

static void
post_level (OsPhaseGrid *grid, gpointer data)
{
  ThreadLevel *tl = data;
  LevelDelivery *d = g_new0 (LevelDelivery, 1);

  d->sink = g_atomic_rc_box_acquire (tl->job->sink);
  d->grid = os_phase_grid_ref (grid);
  d->cancellable = tl->cancellable ? g_object_ref (tl->cancellable) : NULL;
  handoff_fence ();
  /* An idle source, not g_main_context_invoke (): invoke runs the function
   * at once in the calling (worker) thread whenever no thread owns the
   * context at that moment, and the level callback must run in the caller's
   * thread. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, deliver_level, d, level_delivery_free);
    g_source_attach (source, tl->job->context);
    g_source_unref (source);
  }
}

static void
phase_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AsyncJob *job = task_data;
  ThreadLevel tl = { job, cancellable };
  GError *error = NULL;
  OsPhaseGrid *grid;

  (void) source;
  grid = os_phase_compute (&job->request, job->have_options ? &job->options : NULL,
                           cancellable, post_level, &tl, &error);
  handoff_fence ();   /* pairs with async_job_free () in the caller's thread */
  if (grid == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, grid, (GDestroyNotify) os_phase_grid_unref);
}

void
os_phase_compute_async (const OsPhaseRequest  *request,
                        const OsTheoryOptions *options,
                        GCancellable          *cancellable,
                        OsPhaseLevelFunc       level_func,
                        gpointer               level_data,
                        GDestroyNotify         level_data_free,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncJob *job = g_new0 (AsyncJob, 1);

  job->request = *request;
  if (options != NULL)
    {
      job->options = *options;
      job->have_options = TRUE;
    }
  job->sink = g_atomic_rc_box_new0 (LevelSink);
  job->sink->func = level_func;
  job->sink->data = level_data;
  job->sink->notify = level_data_free;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, os_phase_compute_async);
  g_task_set_task_data (task, job, (GDestroyNotify) async_job_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, phase_thread);
  g_object_unref (task);
}

OsPhaseGrid *
os_phase_compute_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
