/* os-curve.c — theory curves along one parameter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-curve.h"
#include "os-error.h"

#include <math.h>

gboolean
os_sweep_validate (const OsSweep *sweep, GError **error)
{
  const OsParamInfo *info;

  if (sweep->axis >= OS_PARAM_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--sweep: unknown parameter (alpha, alpha0, eta, lambda, beta, noise)");
      return FALSE;
    }
  info = os_param_info (sweep->axis);
  if (sweep->points < 1 || sweep->points > OS_SWEEP_MAX_POINTS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--points: %d is outside the valid range [1, %d]", sweep->points, OS_SWEEP_MAX_POINTS);
      return FALSE;
    }
  if (!os_param_check (sweep->axis, sweep->from, NULL))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--from: %g is outside the range of %s [%g, %g]",
                   sweep->from, info->name, info->min, info->max);
      return FALSE;
    }
  if (!os_param_check (sweep->axis, sweep->to, NULL))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--to: %g is outside the range of %s [%g, %g]",
                   sweep->to, info->name, info->min, info->max);
      return FALSE;
    }
  if (sweep->log_spacing && (sweep->from <= 0 || sweep->to <= 0))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--log: the range of %s must be positive for log spacing (got %g to %g)",
                   info->name, sweep->from, sweep->to);
      return FALSE;
    }
  return TRUE;
}

void
os_sweep_values (const OsSweep *sweep, double *x)
{
  int n = sweep->points;

  for (int i = 0; i < n; i++)
    {
      double f = n > 1 ? (double) i / (n - 1) : 0.0;

      if (sweep->log_spacing)
        x[i] = exp (log (sweep->from) + f * (log (sweep->to) - log (sweep->from)));
      else
        x[i] = sweep->from + f * (sweep->to - sweep->from);
    }
  /* land exactly on the end points */
  x[0] = sweep->from;
  if (n > 1)
    x[n - 1] = sweep->to;
}

static void
curve_clear (OsCurve *curve)
{
  g_free (curve->x);
  g_free (curve->points);
}

/* TRUE when the κ table depends on the axis (os_kappa_table_matches ()). */
static gboolean
sweep_changes_table (OsParamId axis)
{
  return axis == OS_PARAM_ETA || axis == OS_PARAM_ALPHA0 || axis == OS_PARAM_NOISE;
}

OsCurve *
os_curve_compute (const OsParams        *base,
                  const OsSweep         *sweep,
                  const OsTheoryOptions *options,
                  GCancellable          *cancellable,
                  OsProgressFunc         progress,
                  gpointer               progress_data,
                  GError               **error)
{
  OsCurve *curve;
  OsKappaTable *table = NULL;
  const OsTheoryPoint *warm = NULL;

  if (!os_params_validate (base, error) || !os_sweep_validate (sweep, error))
    return NULL;

  curve = g_rc_box_new0 (OsCurve);
  curve->base = *base;
  curve->sweep = *sweep;
  curve->n = sweep->points;
  curve->x = g_new (double, curve->n);
  curve->points = g_new0 (OsTheoryPoint, curve->n);
  os_sweep_values (sweep, curve->x);

  for (int i = 0; i < curve->n; i++)
    {
      OsParams p = *base;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          os_kappa_table_unref (table);
          os_curve_unref (curve);
          return NULL;
        }
      os_params_set (&p, sweep->axis, curve->x[i]);
      if (!os_kappa_table_matches (table, &p))
        {
          int n_kappa = options ? options->n_kappa : 0;

          os_kappa_table_unref (table);
          /* one table for the whole sweep comes from the shared cache; a
           * sweep of a key parameter (η̃, α0, Δ) builds its own, not to
           * push the window's tables out of the cache */
          table = sweep_changes_table (sweep->axis) ? os_kappa_table_new (&p, n_kappa)
                                                    : os_kappa_table_lookup (&p, n_kappa);
        }
      os_theory_solve_with_table (table, &p, options, warm, &curve->points[i]);
      if (!curve->points[i].converged)
        curve->n_not_converged++;
      warm = &curve->points[i];
      if (progress != NULL)
        progress (i + 1, curve->n, progress_data);
    }
  os_kappa_table_unref (table);
  return curve;
}

OsCurve *
os_curve_ref (OsCurve *curve)
{
  return g_rc_box_acquire (curve);
}

void
os_curve_unref (OsCurve *curve)
{
  if (curve != NULL)
    g_rc_box_release_full (curve, (GDestroyNotify) curve_clear);
}
