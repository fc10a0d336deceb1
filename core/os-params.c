/* os-params.c — parameters, ranges (THEORY.md §8) and validation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-params.h"
#include "os-error.h"

#include <math.h>

static const OsParamInfo param_info[OS_PARAM_N] = {
  { OS_PARAM_ETA,    "eta",    "η̃",  0.0,  10.0,  FALSE, 1.0  },
  { OS_PARAM_ALPHA0, "alpha0", "α₀",  0.05, 100.0, TRUE,  0.5  },
  { OS_PARAM_ALPHA,  "alpha",  "α",   0.05, 10.0,  FALSE, 2.0  },
  { OS_PARAM_BETA,   "beta",   "β",   0.1,  10.0,  TRUE,  1.0  },
  { OS_PARAM_LAMBDA, "lambda", "λ",   1e-5, 10.0,  TRUE,  0.01 },
  { OS_PARAM_NOISE,  "noise",  "Δ",   0.0,  2.0,   FALSE, 0.0  },
};

void
os_params_init_default (OsParams *params)
{
  params->student = OS_ACT_TANH;
  params->teacher = OS_ACT_TANH;
  for (int i = 0; i < OS_PARAM_N; i++)
    os_params_set (params, (OsParamId) i, param_info[i].default_value);
}

const OsParamInfo *
os_param_info (OsParamId id)
{
  g_return_val_if_fail (id < OS_PARAM_N, NULL);
  return &param_info[id];
}

gboolean
os_param_from_name (const char *name, OsParamId *out_id)
{
  if (name == NULL)
    return FALSE;
  for (int i = 0; i < OS_PARAM_N; i++)
    if (g_ascii_strcasecmp (name, param_info[i].name) == 0)
      {
        *out_id = (OsParamId) i;
        return TRUE;
      }
  return FALSE;
}

double
os_params_get (const OsParams *params, OsParamId id)
{
  switch (id)
    {
    case OS_PARAM_ETA:    return params->eta;
    case OS_PARAM_ALPHA0: return params->alpha0;
    case OS_PARAM_ALPHA:  return params->alpha;
    case OS_PARAM_BETA:   return params->beta;
    case OS_PARAM_LAMBDA: return params->lambda;
    case OS_PARAM_NOISE:  return params->noise;
    case OS_PARAM_N:
    default:              g_return_val_if_reached (NAN);
    }
}

void
os_params_set (OsParams *params, OsParamId id, double value)
{
  switch (id)
    {
    case OS_PARAM_ETA:    params->eta = value; break;
    case OS_PARAM_ALPHA0: params->alpha0 = value; break;
    case OS_PARAM_ALPHA:  params->alpha = value; break;
    case OS_PARAM_BETA:   params->beta = value; break;
    case OS_PARAM_LAMBDA: params->lambda = value; break;
    case OS_PARAM_NOISE:  params->noise = value; break;
    case OS_PARAM_N:
    default:              g_return_if_reached ();
    }
}

gboolean
os_param_check (OsParamId id, double value, GError **error)
{
  const OsParamInfo *info = os_param_info (id);

  /* a relative slack of 1e-12 lets values that went through a text
   * round trip or a log-spaced sweep land on the end points */
  double slack = 1e-12 * MAX (fabs (info->min), fabs (info->max));

  if (!isfinite (value) || value < info->min - slack || value > info->max + slack)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--%s: %g is outside the valid range [%g, %g]",
                   info->name, value, info->min, info->max);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_params_validate (const OsParams *params, GError **error)
{
  if (!os_activation_is_student (params->student))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--student: '%s' is not a student activation (tanh, erf, relu, sin)",
                   params->student < OS_ACT_N ? os_activation_name (params->student) : "?");
      return FALSE;
    }
  if (!os_activation_is_teacher (params->teacher))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--teacher: unknown teacher activation "
                   "(linear, tanh, erf, relu, sin, he2, he3, he1+he2)");
      return FALSE;
    }
  for (int i = 0; i < OS_PARAM_N; i++)
    if (!os_param_check ((OsParamId) i, os_params_get (params, (OsParamId) i), error))
      return FALSE;
  return TRUE;
}

gboolean
os_params_equal (const OsParams *a, const OsParams *b)
{
  if (a->student != b->student || a->teacher != b->teacher)
    return FALSE;
  for (int i = 0; i < OS_PARAM_N; i++)
    if (os_params_get (a, (OsParamId) i) != os_params_get (b, (OsParamId) i))
      return FALSE;
  return TRUE;
}
