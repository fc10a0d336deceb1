/* test-presets.c — every preset sets every control, and its one-line
 * explanation is true: the reference presets reproduce THEORY.md §7, the
 * others their stated comparisons.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-presets.h"
#include "os-error.h"
#include "os-theory.h"

#include <math.h>
#include <string.h>

/* THEORY.md §7 test errors (full precision from reference/theory_cases.json) */
#define EG_TANH_02   0.2842374907099997
#define EG_TANH_1    0.2871560342218751
#define EG_TANH_2    0.1746619445239029
#define EG_TANH_3    0.14094592418970592
#define EG_SIN_02    0.0484829019194934
#define EG_SIN_16    0.037311328078911195
#define EG_SIN_3     0.0325182080146425
#define EG_KERNEL_05 0.4115715419817254
#define EG_KERNEL_2  0.20572634732329376
#define EG_BETA2_1   0.1611325574548632
#define C_TANH_ETA1  1.0377408853950543
#define GAMMA_SIN    0.9718544444873879

static double
test_error_at (const OsParams *base, OsParamId id, double value)
{
  OsParams p = *base;
  OsTheoryPoint pt;

  os_params_set (&p, id, value);
  g_assert_true (os_theory_solve (&p, NULL, NULL, &pt, NULL));
  g_assert_true (pt.converged);
  return pt.test_error;
}

static const OsPreset *
get (const char *id)
{
  const OsPreset *p = os_preset_find (id);
  g_assert_nonnull (p);
  return p;
}

#define ASSERT_REL(got, want, tol) \
  g_assert_cmpfloat_with_epsilon ((got), (want), (tol) * fabs (want))

static void
test_all_valid (void)
{
  guint n;
  const OsPreset *all = os_presets (&n);

  g_assert_cmpuint (n, ==, 7);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (os_params_validate (&all[i].params, &error));
      g_assert_no_error (error);
      g_assert_true (os_preset_view_validate (&all[i].view, &error));
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (all[i].explanation, -1, NULL));
      g_assert_null (strchr (all[i].explanation, '\n'));   /* one line */
      g_assert_true (os_preset_find (all[i].id) == &all[i]);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (all[i].id, !=, all[j].id);
    }
  g_assert_null (os_preset_find ("no-such-preset"));
  g_assert_true (os_preset_find ("Reference-Tanh") == os_preset_find ("reference-tanh"));
}

static void
test_reference_tanh (void)
{
  const OsPreset *p = get ("reference-tanh");

  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 0.2), EG_TANH_02, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 1.0), EG_TANH_1, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 2.0), EG_TANH_2, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 3.0), EG_TANH_3, 1e-6);
  g_assert_cmpfloat (p->params.alpha, ==, 2.0);
  g_assert_true (p->view.sweep.axis == OS_PARAM_ALPHA);
  g_assert_true (p->view.sweep.from <= 0.2 && p->view.sweep.to >= 3.0);
  g_assert_nonnull (strstr (p->explanation, "0.284, 0.287, 0.175, 0.141"));
}

static void
test_reference_sin (void)
{
  const OsPreset *p = get ("reference-sin");
  OsTheoryPoint pt;

  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 0.2), EG_SIN_02, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 1.6), EG_SIN_16, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 3.0), EG_SIN_3, 1e-6);
  os_theory_solve (&p->params, NULL, NULL, &pt, NULL);
  ASSERT_REL (pt.gamma, GAMMA_SIN, 1e-9);
  g_assert_nonnull (strstr (p->explanation, "γ = 0.97"));
  g_assert_nonnull (strstr (p->explanation, "0.0485, 0.0373, 0.0325"));
}

static void
test_kernel (void)
{
  const OsPreset *p = get ("kernel");

  g_assert_cmpfloat (p->params.eta, ==, 0.0);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 0.5), EG_KERNEL_05, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ALPHA, 2.0), EG_KERNEL_2, 1e-6);
  g_assert_nonnull (strstr (p->explanation, "0.412 at α = 0.5 and 0.206 at α = 2"));
}

static void
test_even_teacher (void)
{
  const OsPreset *p = get ("even-teacher");
  OsTheoryPoint pt;
  OsFloors fl;

  g_assert_true (p->params.teacher == OS_ACT_HE2);
  g_assert_cmpfloat (p->params.eta, >, 0.0);
  os_theory_solve (&p->params, NULL, NULL, &pt, NULL);
  os_theory_floors (&p->params, NULL, &fl);
  g_assert_true (pt.converged && fl.kernel_converged);
  g_assert_cmpfloat (pt.gamma, ==, 0.0);          /* μ1* = 0 exactly */
  g_assert_cmpfloat (pt.r, >, 0.0);               /* the spike is there, blind */
  /* the best function of κ alone: E[h2 − h²] = Var He2 = 1, the same as
   * predicting 0 */
  g_assert_cmpfloat_with_epsilon (fl.spike, 1.0 + p->params.noise, 1e-10);
  /* "stays at the kernel value, within 0.2 %" */
  g_assert_cmpfloat (fabs (pt.test_error / fl.kernel - 1.0), <, 0.002);
  g_assert_nonnull (strstr (p->explanation, "within 0.2 %"));
}

static void
test_large_step (void)
{
  const OsPreset *p = get ("large-step");
  OsTheoryPoint pt;
  double c_expected;

  os_theory_solve (&p->params, NULL, NULL, &pt, NULL);
  g_assert_true (pt.converged);
  /* c² − 1 ∝ η̃² for an odd student (THEORY.md §2), anchored on §7's c at η̃ = 1 */
  c_expected = sqrt (1.0 + p->params.eta * p->params.eta * (C_TANH_ETA1 * C_TANH_ETA1 - 1.0));
  g_assert_cmpfloat_with_epsilon (pt.c, c_expected, 1e-9);
  g_assert_nonnull (strstr (p->explanation, "c = 1.94"));
  g_assert_cmpfloat (fabs (c_expected - 1.94), <, 0.005);
  /* same point with η̃ = 1 is §7's 0.174662, η̃ = 0 is 0.205726 */
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ETA, 1.0), EG_TANH_2, 1e-6);
  ASSERT_REL (test_error_at (&p->params, OS_PARAM_ETA, 0.0), EG_KERNEL_2, 1e-6);
  g_assert_cmpfloat (pt.test_error, >, EG_TANH_2);
  g_assert_cmpfloat (pt.test_error, >, EG_KERNEL_2);
}

static void
test_interpolation_peak (void)
{
  const OsPreset *p = get ("interpolation-peak");
  double at_peak, left, right;

  g_assert_cmpfloat (p->params.alpha, ==, p->params.beta);
  g_assert_cmpfloat (p->params.lambda, <=, 1e-3);
  at_peak = test_error_at (&p->params, OS_PARAM_ALPHA, p->params.beta);
  left = test_error_at (&p->params, OS_PARAM_ALPHA, p->params.beta - 0.3);
  right = test_error_at (&p->params, OS_PARAM_ALPHA, p->params.beta + 0.3);
  g_assert_cmpfloat (at_peak, >, left);
  g_assert_cmpfloat (at_peak, >, right);
  g_assert_nonnull (strstr (p->explanation, "α = 0.7 or α = 1.3"));
}

static void
test_wide (void)
{
  const OsPreset *p = get ("wide");
  OsParams q = p->params;
  double e1, e2, e4;

  g_assert_cmpfloat (p->params.beta, ==, 4.0);
  q.alpha = 1.0;
  e1 = test_error_at (&q, OS_PARAM_BETA, 1.0);
  e2 = test_error_at (&q, OS_PARAM_BETA, 2.0);
  e4 = test_error_at (&q, OS_PARAM_BETA, 4.0);
  ASSERT_REL (e1, EG_TANH_1, 1e-6);
  ASSERT_REL (e2, EG_BETA2_1, 1e-6);
  g_assert_cmpfloat (e4, <, e2);
  g_assert_nonnull (strstr (p->explanation, "0.287 for β = 1, 0.161 for β = 2"));
}

static void
test_view_checks (void)
{
  OsPresetView v, w;
  GError *error = NULL;

  os_preset_view_init_default (&v);
  g_assert_true (os_preset_view_validate (&v, NULL));
  w = v;
  g_assert_true (os_preset_view_equal (&v, &w));
  w.seed = 2;
  g_assert_false (os_preset_view_equal (&v, &w));
  v.d = 5;
  g_assert_false (os_preset_view_validate (&v, &error));
  g_assert_nonnull (strstr (error->message, "--d"));
  g_clear_error (&error);
  v.d = 400;
  v.seeds = 0;
  g_assert_false (os_preset_view_validate (&v, &error));
  g_assert_nonnull (strstr (error->message, "--seeds"));
  g_clear_error (&error);
}

/* Lookup by id is case-insensitive; an unknown id is an error that lists
 * every valid id. */
static void
test_lookup (void)
{
  g_autoptr (GError) error = NULL;
  guint n;
  const OsPreset *all = os_presets (&n);

  g_assert_true (os_preset_lookup ("Reference-Tanh", &error) == os_preset_find ("reference-tanh"));
  g_assert_no_error (error);
  g_assert_null (os_preset_lookup ("nope", &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "'nope'"));
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (error->message, all[i].id));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Presets/all-valid", test_all_valid);
  g_test_add_func ("/Presets/reference-tanh", test_reference_tanh);
  g_test_add_func ("/Presets/reference-sin", test_reference_sin);
  g_test_add_func ("/Presets/kernel", test_kernel);
  g_test_add_func ("/Presets/even-teacher", test_even_teacher);
  g_test_add_func ("/Presets/large-step", test_large_step);
  g_test_add_func ("/Presets/interpolation-peak", test_interpolation_peak);
  g_test_add_func ("/Presets/wide", test_wide);
  g_test_add_func ("/Presets/view", test_view_checks);
  g_test_add_func ("/Presets/lookup", test_lookup);
  return g_test_run ();
}
