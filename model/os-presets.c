/* os-presets.c — the presets. Each explanation is a claim that
 * tests/test-presets.c checks; change one only together with its test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-presets.h"
#include "os-error.h"

#include <string.h>

void
os_preset_view_init_default (OsPresetView *view)
{
  memset (view, 0, sizeof *view);
  view->sweep = (OsSweep) { OS_PARAM_ALPHA, 0.1, 5.0, 200, FALSE };
  view->simulate = FALSE;
  view->d = 400;
  view->seeds = 2;
  view->seed = 1;
  view->network_d = OS_NETWORK_SIZE_DEFAULT;
}

gboolean
os_preset_view_validate (const OsPresetView *view, GError **error)
{
  if (!os_sweep_validate (&view->sweep, error))
    return FALSE;
  if (!os_preset_phase_validate (&view->phase, "y_from", "y_to", error))
    return FALSE;
  if (view->d < OS_SIM_MIN_D || view->d > OS_SIM_MAX_D)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--d: %d is outside the valid range [%d, %d]",
                   view->d, OS_SIM_MIN_D, OS_SIM_MAX_D);
      return FALSE;
    }
  if (view->seeds < 1 || view->seeds > OS_SIM_MAX_SEEDS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--seeds: %d is outside the valid range [1, %d]",
                   view->seeds, OS_SIM_MAX_SEEDS);
      return FALSE;
    }
  if (view->network_d != 0
      && (view->network_d < OS_NETWORK_SIZE_MIN || view->network_d > OS_NETWORK_SIZE_MAX))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--network-size: %d is outside the valid range [%d, %d] (or inf)",
                   view->network_d, OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX);
      return FALSE;
    }
  return TRUE;
}

void
os_axis_default_range (OsParamId axis, double *from, double *to, gboolean *log_spacing)
{
  static const struct { double from, to; gboolean log; } ranges[OS_PARAM_N] = {
    [OS_PARAM_ETA]    = { 0.0, 5.0, FALSE },
    [OS_PARAM_ALPHA0] = { 0.05, 20.0, TRUE },
    [OS_PARAM_ALPHA]  = { 0.1, 5.0, FALSE },
    [OS_PARAM_BETA]   = { 0.1, 10.0, TRUE },
    [OS_PARAM_LAMBDA] = { 1e-4, 1.0, TRUE },
    [OS_PARAM_NOISE]  = { 0.0, 2.0, FALSE },
  };

  g_return_if_fail (axis < OS_PARAM_N);
  *from = ranges[axis].from;
  *to = ranges[axis].to;
  *log_spacing = ranges[axis].log;
}

void
os_phase_axis_default_range (OsParamId axis, double *from, double *to, gboolean *log_spacing)
{
  if (axis == OS_PARAM_ETA)
    *from = 0.0, *to = 10.0, *log_spacing = FALSE;
  else if (axis == OS_PARAM_ALPHA)
    *from = 0.05, *to = 10.0, *log_spacing = FALSE;
  else
    os_axis_default_range (axis, from, to, log_spacing);
}

void
os_preset_phase_init_default (OsPresetPhase *phase, OsParamId x_axis)
{
  gboolean log_spacing;

  memset (phase, 0, sizeof *phase);
  phase->set = TRUE;
  phase->quantity = OS_PHASE_TEST_ERROR;
  phase->y_axis = x_axis == OS_PARAM_ETA ? OS_PARAM_ALPHA : OS_PARAM_ETA;
  os_phase_axis_default_range (phase->y_axis, &phase->y_from, &phase->y_to, &log_spacing);
}

gboolean
os_preset_phase_validate (const OsPresetPhase *phase, const char *key_from, const char *key_to, GError **error)
{
  const OsParamInfo *info;
  double from, to;
  gboolean log_spacing;

  if (!phase->set)
    return TRUE;
  if (phase->quantity >= OS_PHASE_N_QUANTITIES || phase->y_axis >= OS_PARAM_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: no valid phase diagram", key_from);
      return FALSE;
    }
  info = os_param_info (phase->y_axis);
  for (int e = 0; e < 2; e++)
    {
      double v = e == 0 ? phase->y_from : phase->y_to;

      if (!os_param_check (phase->y_axis, v, NULL))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %g is outside the range of %s [%g, %g]",
                       e == 0 ? key_from : key_to, v, info->name, info->min, info->max);
          return FALSE;
        }
    }
  if (!(phase->y_from < phase->y_to))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %g is not below %s %g", key_from,
                   phase->y_from, key_to, phase->y_to);
      return FALSE;
    }
  os_phase_axis_default_range (phase->y_axis, &from, &to, &log_spacing);
  if (log_spacing && !(phase->y_from > 0))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %s is on a log axis: the range must be positive",
                   key_from, info->name);
      return FALSE;
    }
  if (phase->quantity == OS_PHASE_OPTIMAL_LAMBDA && phase->y_axis == OS_PARAM_LAMBDA)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: best-lambda minimises over λ, so λ cannot be an axis", key_from);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_preset_view_equal (const OsPresetView *a, const OsPresetView *b)
{
  return a->sweep.axis == b->sweep.axis && a->sweep.from == b->sweep.from
         && a->sweep.to == b->sweep.to && a->sweep.points == b->sweep.points
         && !a->sweep.log_spacing == !b->sweep.log_spacing
         && !a->simulate == !b->simulate && a->d == b->d && a->seeds == b->seeds
         && a->seed == b->seed && a->network_d == b->network_d;
}

#define PARAMS(s, t, eta_, a0, a, b, lam, noise_) \
  { .student = s, .teacher = t, .eta = eta_, .alpha0 = a0, .alpha = a, .beta = b, \
    .lambda = lam, .noise = noise_ }
#define VIEW(axis_, from_, to_, points_, log_, sim_) \
  { .sweep = { axis_, from_, to_, points_, log_ }, .simulate = sim_, .d = 400, .seeds = 2, .seed = 1, \
    .network_d = OS_NETWORK_SIZE_DEFAULT }

static const OsPreset presets[] = {
  { "reference-tanh", "Reference: tanh → tanh",
    "The paper's first setting (docs/SCIENCE.md §7): one step with η̃ = 1 on n0 = d/2 samples; "
    "ε_g = 0.284, 0.287, 0.175, 0.141 at α = 0.2, 1, 2, 3.",
    PARAMS (OS_ACT_TANH, OS_ACT_TANH, 1.0, 0.5, 2.0, 1.0, 0.01, 0.0),
    VIEW (OS_PARAM_ALPHA, 0.2, 3.0, 200, FALSE, TRUE) },
  { "reference-sin", "Reference: tanh → sin",
    "A large step (η̃ = 3, α0 = 20) aligns the spike with a sin teacher (γ = 0.97): "
    "ε_g = 0.0485, 0.0373, 0.0325 at α = 0.2, 1.6, 3 (docs/SCIENCE.md §7).",
    PARAMS (OS_ACT_TANH, OS_ACT_SIN, 3.0, 20.0, 1.6, 1.0, 0.1, 0.0),
    VIEW (OS_PARAM_ALPHA, 0.2, 3.0, 200, FALSE, FALSE) },
  { "kernel", "Kernel regime (no step)",
    "η̃ = 0: the network at initialisation is a random-features model; "
    "ε_g = 0.412 at α = 0.5 and 0.206 at α = 2 (docs/SCIENCE.md §7) — the baseline every step is measured against.",
    PARAMS (OS_ACT_TANH, OS_ACT_TANH, 0.0, 0.5, 2.0, 1.0, 0.01, 0.0),
    VIEW (OS_PARAM_ALPHA, 0.1, 5.0, 200, FALSE, FALSE) },
  { "even-teacher", "Even teacher (He₂)",
    "He₂ is even, so μ1* = 0 and γ = 0: the spike carries nothing about the target "
    "(the best function of κ does no better than 0), and ε_g stays at the kernel value, within 0.2 %.",
    PARAMS (OS_ACT_TANH, OS_ACT_HE2, 1.0, 5.0, 2.0, 1.0, 1.0, 0.0),
    VIEW (OS_PARAM_ETA, 0.0, 5.0, 200, FALSE, FALSE) },
  { "large-step", "Too large a step",
    "At η̃ = 6 the bulk noise the step adds (c = 1.94) costs more than the spike gains: "
    "ε_g is worse than at η̃ = 1 (0.175) and than with no step at all (0.206).",
    PARAMS (OS_ACT_TANH, OS_ACT_TANH, 6.0, 0.5, 2.0, 1.0, 0.01, 0.0),
    VIEW (OS_PARAM_ETA, 0.0, 10.0, 200, FALSE, FALSE) },
  { "interpolation-peak", "Interpolation peak",
    "With almost no ridge (λ = 1e-4) the readout interpolates the data at α = β, "
    "where ε_g peaks: higher than at α = 0.7 or α = 1.3 on either side.",
    PARAMS (OS_ACT_TANH, OS_ACT_TANH, 1.0, 0.5, 1.0, 1.0, 1e-4, 0.0),
    VIEW (OS_PARAM_ALPHA, 0.1, 3.0, 300, FALSE, FALSE) },
  { "wide", "Wide network (β = 4)",
    "More neurons than inputs average the bulk noise away: at α = 1, ε_g = 0.287 for β = 1, "
    "0.161 for β = 2 (docs/SCIENCE.md §7), and lower still for β = 4.",
    PARAMS (OS_ACT_TANH, OS_ACT_TANH, 1.0, 0.5, 2.0, 4.0, 0.01, 0.0),
    VIEW (OS_PARAM_BETA, 0.1, 10.0, 200, TRUE, FALSE) },
};

const OsPreset *
os_presets (guint *n_out)
{
  if (n_out != NULL)
    *n_out = G_N_ELEMENTS (presets);
  return presets;
}

const OsPreset *
os_preset_find (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (presets); i++)
    if (g_ascii_strcasecmp (id, presets[i].id) == 0)
      return &presets[i];
  return NULL;
}

const OsPreset *
os_preset_lookup (const char *id, GError **error)
{
  const OsPreset *preset = os_preset_find (id);

  if (preset == NULL)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", presets[i].id);
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--preset: unknown preset '%s' (valid: %s)", id ? id : "", names->str);
    }
  return preset;
}
