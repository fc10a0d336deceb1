/* os-phase.c — what a phase diagram shows (the quantity's names) and the
 * request that asks for one, checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase.h"
#include "os-finite-size.h"
#include "os-error.h"

#include <string.h>

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
  if (request->network_d != 0.0
      && !(request->network_d >= OS_FINITE_MIN_D && request->network_d <= OS_FINITE_MAX_D))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--d: %g is outside the valid range [%g, %g] (or 0 for d → ∞)",
                   request->network_d, OS_FINITE_MIN_D, OS_FINITE_MAX_D);
      return FALSE;
    }
  return TRUE;
}
