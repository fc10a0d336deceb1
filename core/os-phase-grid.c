/* os-phase-grid.c — computing a phase diagram, coarse to fine.
 *
 * Work split. A grid is cut into lines of cells along one axis; each line is
 * one task and runs warm-started from its neighbour. The line runs along the
 * axis that does not enter the κ table (η̃, α0 and Δ do; α, β and λ do not),
 * so a line shares one table; when both axes enter it, each cell builds its
 * own. Tasks are pulled from a shared counter by one thread per core
 * (os-parallel.h).
 *
 * The kernel baseline (η̃ = 0) does not depend on η̃ or α0, so along such an
 * axis it is computed once and copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase.h"
#include "os-finite-size.h"
#include "os-parallel.h"

#include <math.h>
#include <string.h>

#define DEFAULT_COARSE     8

/* ---- the grid ---------------------------------------------------------- */

static void
grid_clear (OsPhaseGrid *g)
{
  /* The last reference may go in another thread than the reads before
   * (a level delivered to the caller's thread, dropped in the worker):
   * GLib's reference count is not instrumented, so the fence orders them
   * for TSan (model/os-scheduler.c fences before a delivery's unref). */
  os_handoff_fence ();
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
  g_free (g->eta_bbp);
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
  gboolean x_table = os_kappa_table_depends_on (req->x_axis.axis);
  gboolean y_table = os_kappa_table_depends_on (req->y_axis.axis);
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

  os_parallel_for (job.along_x ? ny : nx, req->n_threads, grid_line_task, &job, cancellable);
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

  /* where the spike leaves the bulk of a network of this d (§10) */
  if (req->network_d > 0.0 && req->y_axis.axis == OS_PARAM_ETA)
    {
      g->eta_bbp = g_new (double, nx);
      for (int i = 0; i < nx; i++)
        {
          OsParams p = req->base;

          os_params_set (&p, req->x_axis.axis, g->x[i]);
          g->eta_bbp[i] = os_finite_size_eta_bbp (&p, req->network_d);
        }
    }

  if (final && req->optimal_eta)
    {
      g->optimal_eta = os_optimal_eta_compute_d (&req->base, &g->request.x_axis, options,
                                                 req->network_d > 0.0 ? req->network_d : INFINITY,
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

  /* the coarse level is for a caller that shows it (the final level does
   * not depend on it); it keeps its number either way */
  if ((cx < request->x_axis.points || cy < request->y_axis.points) && level_func == NULL)
    level++;
  else if (cx < request->x_axis.points || cy < request->y_axis.points)
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
