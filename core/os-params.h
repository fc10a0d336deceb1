/* os-params.h — the parameters of the one-step model and their ranges.
 *
 * The ranges are those of THEORY.md §8. A parameter set is a plain struct;
 * os_params_validate () checks it and says which value is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-activation.h"

G_BEGIN_DECLS

/* The scalar parameters, in the order of the sliders. */
typedef enum
{
  OS_PARAM_ETA,        /* η̃, normalised learning rate        [0, 10]      */
  OS_PARAM_ALPHA0,     /* α0 = n0/d, first-step batch ratio    [0.05, 100] log */
  OS_PARAM_ALPHA,      /* α = n/d, readout batch ratio         [0.05, 10]   */
  OS_PARAM_BETA,       /* β = p/d, width ratio                 [0.1, 10]  log */
  OS_PARAM_LAMBDA,     /* λ, ridge                             [1e-5, 10] log */
  OS_PARAM_NOISE,      /* Δ, label-noise variance              [0, 2]       */
  OS_PARAM_N
} OsParamId;

typedef struct
{
  OsActivation student;   /* σ  */
  OsActivation teacher;   /* σ* */
  double eta;             /* η̃  */
  double alpha0;          /* α0 */
  double alpha;           /* α  */
  double beta;            /* β  */
  double lambda;          /* λ  */
  double noise;           /* Δ  */
} OsParams;

typedef struct
{
  OsParamId   id;
  const char *name;        /* command-line spelling: "eta", "alpha0", ... */
  const char *symbol;      /* display symbol, UTF-8: "η̃", "α₀", ... */
  double      min;
  double      max;
  gboolean    log_scale;   /* slider on a log scale (THEORY.md §8) */
  double      default_value;
} OsParamInfo;

/* The defaults of the command line: tanh/tanh, η̃ = 1, α0 = 0.5, α = 2,
 * β = 1, λ = 0.01, Δ = 0. */
void               os_params_init_default (OsParams *params);

const OsParamInfo *os_param_info          (OsParamId id);
gboolean           os_param_from_name     (const char *name,
                                           OsParamId  *out_id);

double             os_params_get          (const OsParams *params,
                                           OsParamId       id);
void               os_params_set          (OsParams       *params,
                                           OsParamId       id,
                                           double          value);

/* Checks every value against its range and the activations against their
 * roles. On failure sets OS_ERROR_INVALID_ARGUMENT with a message that names
 * the parameter and its valid range. */
gboolean           os_params_validate     (const OsParams *params,
                                           GError        **error);

/* Checks one value; the message names the parameter and its range. */
gboolean           os_param_check         (OsParamId   id,
                                           double      value,
                                           GError    **error);

gboolean           os_params_equal        (const OsParams *a,
                                           const OsParams *b);

G_END_DECLS
