/* test-theory.c — the fixed point against THEORY.md §7 and closed forms.
 *
 * The reference rows below are copied from THEORY.md §7 (full precision from
 * shared/reference/theory_cases.json); they come from an independent
 * implementation at tolerance 1e-12 with 301-node rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-theory.h"
#include "os-curve.h"
#include "os-mp.h"

#include <math.h>
#include <string.h>

typedef struct
{
  OsActivation student, teacher;
  double eta, alpha0, alpha, beta, lambda, noise;
  double eg, et, m, q1, q2, theta, psi, V1, V2, r, c, gamma;
} RefRow;

static const RefRow ref_rows[] = {
  { OS_ACT_TANH, OS_ACT_TANH, 1, 0.5, 0.2, 1, 0.01, 0,
    0.2842374907099997, 0.00047724193670608525, 0.9865295101866635, 0.29389139416476084,
    0.17785044387439994, -4.135094818509178e-05, 0.15530693672491358, 72.70206190049825,
    80.84810864256028, 0.6510892316288038, 1.0377408853950543, 0.5634852283528082 },
  { OS_ACT_TANH, OS_ACT_TANH, 1, 0.5, 1.0, 1, 0.01, 0,
    0.2871560342218751, 0.013598168186771873, 0.9864797708018415, 0.9089163032483046,
    1.346828085818049, -0.00019679444110979805, 0.5578409086635803, 9.683743427451008,
    22.07637299464707, 0.6510892316288038, 1.0377408853950543, 0.5634852283528082 },
  { OS_ACT_TANH, OS_ACT_TANH, 1, 0.5, 2.0, 1, 0.01, 0,
    0.1746619445239029, 0.04901111516581563, 0.986366097563256, 0.682910350236059,
    1.2157776252695252, -0.00021421478886790048, 0.636168306954519, 2.243714000209546,
    6.4298993370581785, 0.6510892316288038, 1.0377408853950543, 0.5634852283528082 },
  { OS_ACT_TANH, OS_ACT_TANH, 1, 0.5, 3.0, 1, 0.01, 0,
    0.14094592418970592, 0.06459275143086136, 0.9863206255621937, 0.610350453573564,
    1.0641016154759253, -0.0002098173602948589, 0.6492802774412401, 1.1897091199824188,
    3.562838621986411, 0.6510892316288038, 1.0377408853950543, 0.5634852283528082 },
  { OS_ACT_TANH, OS_ACT_SIN, 3, 20, 0.2, 1, 0.1, 0,
    0.0484829019194934, 0.012493798221108335, 1.095210278302694, 0.02404186581167791,
    0.014793827521858465, 0.012761286190135022, 0.03444033218341662, 7.950478545662493,
    8.723750795850634, 1.1340555092826203, 1.0094420243174869, 0.9718544444873879 },
  { OS_ACT_TANH, OS_ACT_SIN, 3, 20, 1.6, 1, 0.1, 0,
    0.037311328078911195, 0.019589771373326282, 1.1196766197752248, 0.061962517010717685,
    0.06842958524505305, 0.05798582750359513, 0.15541895768485653, 2.1981980274014563,
    3.9850633385679117, 1.1340555092826203, 1.0094420243174869, 0.9718544444873879 },
  { OS_ACT_TANH, OS_ACT_SIN, 3, 20, 3.0, 1, 0.1, 0,
    0.0325182080146425, 0.02219793162384445, 1.1257886110099817, 0.06383303639779637,
    0.08526352473133578, 0.07209424328906514, 0.18892175264867822, 1.1306093599871523,
    2.4751364059730934, 1.1340555092826203, 1.0094420243174869, 0.9718544444873879 },
  { OS_ACT_TANH, OS_ACT_TANH, 0, 0.5, 0.5, 1, 0.01, 0,
    0.4115715419817254, 0.0020926520535599078, 1.410593220986745e-37, 0.8141129096914136,
    0.7622477014187703, -5.16461217342449e-19, 0.411990255974152, 31.496917222587584,
    53.56529809683445, 0.0, 1.0, 0.0 },
  { OS_ACT_TANH, OS_ACT_TANH, 0, 0.5, 2.0, 1, 0.01, 0,
    0.20572634732329376, 0.05875259751305599, 1.9387045606711586e-26, 0.8119340360988476,
    1.783257446516529, -9.145893210586343e-19, 0.729584097515596, 1.8606030863894363,
    6.880523923687479, 0.0, 1.0, 0.0 },
  { OS_ACT_TANH, OS_ACT_TANH, 1, 0.5, 1.0, 2, 0.01, 0,
    0.1611325574548632, 0.001965780205840885, 0.9866241214200012, 0.6813176772637989,
    0.5086383913443608, -0.00027354811143483226, 0.6111975273282471, 20.99625719617409,
    55.602577065785994, 0.6510892316288038, 1.0377408853950543, 0.5634852283528082 },
  { OS_ACT_TANH, OS_ACT_TANH, 1, 0.5, 4.0, 2, 0.01, 0,
    0.07940957712233843, 0.024375691797311968, 0.9868485876497157, 0.7540094149643234,
    0.9177447729810547, -0.0006360225044498358, 0.8289625993776679, 1.3872355038199955,
    10.814414017006715, 0.6510892316288038, 1.0377408853950543, 0.5634852283528082 },
};

static OsParams
row_params (const RefRow *row)
{
  OsParams p = { .student = row->student, .teacher = row->teacher, .eta = row->eta,
                 .alpha0 = row->alpha0, .alpha = row->alpha, .beta = row->beta,
                 .lambda = row->lambda, .noise = row->noise };
  return p;
}

#define ASSERT_REL(got, want, tol) \
  g_assert_cmpfloat_with_epsilon ((got), (want), (tol) * fabs (want))
#define ASSERT_ABS(got, want, tol) \
  g_assert_cmpfloat_with_epsilon ((got), (want), (tol))

static void
check_row (const RefRow *row, int n_kappa)
{
  OsParams p = row_params (row);
  OsTheoryOptions opt;
  OsTheoryPoint pt;
  GError *error = NULL;

  os_theory_options_init_default (&opt);
  opt.n_kappa = n_kappa;
  g_assert_true (os_theory_solve (&p, &opt, NULL, &pt, &error));
  g_assert_no_error (error);
  g_assert_true (pt.converged);
  ASSERT_REL (pt.test_error, row->eg, 1e-6);
  ASSERT_REL (pt.train_error, row->et, 1e-6);
  ASSERT_ABS (pt.m, row->m, 1e-5);
  ASSERT_ABS (pt.q1, row->q1, 1e-5);
  ASSERT_ABS (pt.q2, row->q2, 1e-5);
  ASSERT_ABS (pt.theta, row->theta, 1e-5);
  ASSERT_ABS (pt.psi, row->psi, 1e-5);
  ASSERT_ABS (pt.V1, row->V1, 1e-5);
  ASSERT_ABS (pt.V2, row->V2, 1e-5);
  ASSERT_ABS (pt.r, row->r, 1e-9);
  ASSERT_ABS (pt.c, row->c, 1e-9);
  ASSERT_ABS (pt.gamma, row->gamma, 1e-9);
}

static void
test_reference_rows (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ref_rows); i++)
    check_row (&ref_rows[i], 0);
}

/* The default rule is accurate: a 301-node rule (the reference's) agrees. */
static void
test_reference_rows_fine_rule (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ref_rows); i++)
    check_row (&ref_rows[i], 301);
}

/* §7 along a warm-started curve: the same numbers as cold solves. */
static void
test_reference_curve (void)
{
  OsParams p = row_params (&ref_rows[0]);
  OsSweep sweep = { OS_PARAM_ALPHA, 0.2, 3.0, 29, FALSE };   /* 0.2, 0.3, ..., 3.0 */
  g_autoptr (OsCurve) curve = os_curve_compute (&p, &sweep, NULL, NULL, NULL, NULL, NULL);

  g_assert_nonnull (curve);
  g_assert_cmpint (curve->n_not_converged, ==, 0);
  ASSERT_REL (curve->points[0].test_error, ref_rows[0].eg, 1e-6);
  ASSERT_REL (curve->points[8].test_error, ref_rows[1].eg, 1e-6);    /* α = 1 */
  ASSERT_REL (curve->points[18].test_error, ref_rows[2].eg, 1e-6);   /* α = 2 */
  ASSERT_REL (curve->points[28].test_error, ref_rows[3].eg, 1e-6);   /* α = 3 */
}

/* THEORY.md §2 map, closed forms for tanh/tanh at α0 = 0.5 are in the rows;
 * here η̃ = 0 gives r = 0, c = 1, γ = 0 for every pair. */
static void
test_spike_map_kernel (void)
{
  for (int s = 0; s < OS_ACT_N; s++)
    for (int t = 0; t < OS_ACT_N; t++)
      {
        OsParams p;
        OsSpike sp;

        if (!os_activation_is_student (s))
          continue;
        os_params_init_default (&p);
        p.student = s;
        p.teacher = t;
        p.eta = 0.0;
        os_spike_compute (&p, &sp);
        g_assert_cmpfloat (sp.spike_strength, ==, 0.0);
        g_assert_cmpfloat (sp.bulk_scale, ==, 1.0);
        g_assert_cmpfloat (sp.alignment, ==, 0.0);
      }
}

/* ReLU/sin and ReLU/tanh spike maps with the (1 + η̃ ē τ) factor, by hand:
 * ē = −1/√(2π), τ = 1/√(2π), μ1 = 1/2, v' = 1/4. */
static void
test_spike_map_relu (void)
{
  OsParams p;
  OsSpike sp;
  double ebar = -1.0 / sqrt (2 * G_PI), tau = 1.0 / sqrt (2 * G_PI);
  double e2 = 0.5 * (1 - exp (-2.0)) + 1.0 / (2 * G_PI);   /* E sin² + μ0² */
  double mu1s = exp (-0.5);

  os_params_init_default (&p);
  p.student = OS_ACT_RELU;
  p.teacher = OS_ACT_SIN;
  p.eta = 2.5;
  p.alpha0 = 10;
  os_spike_compute (&p, &sp);
  ASSERT_REL (sp.spike_strength, 2.5 * 0.5 * sqrt (e2 / 10 + mu1s * mu1s), 1e-13);
  ASSERT_REL (sp.bulk_scale, sqrt (pow (1 + 2.5 * ebar * tau, 2) + 6.25 * e2 * 0.25 / 10), 1e-13);
  ASSERT_REL (sp.alignment, mu1s / sqrt (e2 / 10 + mu1s * mu1s), 1e-13);
}

/* §6 floors in closed form. Linear teacher: ε_lin = Δ, ε_spike = 1 − γ² + Δ.
 * He2 teacher: γ = 0, ε_lin = 1 + Δ, ε_spike = 1 + Δ. */
static void
test_floors_closed_form (void)
{
  const double noises[] = { 0.0, 0.3, 2.0 };

  for (guint i = 0; i < G_N_ELEMENTS (noises); i++)
    for (int s = 0; s < OS_ACT_N; s++)
      {
        OsParams p;
        OsFloors f;
        OsSpike sp;

        if (!os_activation_is_student (s))
          continue;
        os_params_init_default (&p);
        p.student = s;
        p.noise = noises[i];
        p.eta = 2.0;

        p.teacher = OS_ACT_LINEAR;
        os_spike_compute (&p, &sp);
        os_theory_floors (&p, NULL, &f);
        ASSERT_ABS (f.linear, noises[i], 1e-14);
        ASSERT_ABS (f.spike, 1 - sp.alignment * sp.alignment + noises[i], 1e-12);

        p.teacher = OS_ACT_HE2;
        os_spike_compute (&p, &sp);
        g_assert_cmpfloat (sp.alignment, ==, 0.0);
        os_theory_floors (&p, NULL, &f);
        ASSERT_ABS (f.linear, 1 + noises[i], 1e-14);
        ASSERT_ABS (f.spike, 1 + noises[i], 1e-12);
      }
}

/* He3 has μ1* = 0 too; He1+He2 has γ from μ1* = 1/√2, and its spike floor is
 * 1 − (γ² + γ⁴)/2 + Δ (the variance of h(κ) = (γκ + γ²(κ²−1)/√2)/√2). */
static void
test_floors_mixture (void)
{
  OsParams p;
  OsFloors f;
  OsSpike sp;
  double g2;

  os_params_init_default (&p);
  p.teacher = OS_ACT_HE1_HE2;
  p.noise = 0.1;
  os_spike_compute (&p, &sp);
  os_theory_floors (&p, NULL, &f);
  g2 = sp.alignment * sp.alignment;
  ASSERT_ABS (f.linear, 0.5 + 0.1, 1e-14);
  ASSERT_ABS (f.spike, 1 - 0.5 * (g2 + g2 * g2) + 0.1, 1e-12);
}

/* With η̃ = 0 the curve is the random-features curve: the §7 kernel rows.
 * Without a spike κ is a random direction: θ = 0 (the θ equation is then
 * θ(1 + A E[wκ²μ1²]) = 0 because h is constant) and, for an odd σ, m = 0,
 * so f̂(κ) ≡ 0 — linear, as THEORY.md §6 says. The kernel baseline of
 * os_theory_floors is that curve's point. */
static void
test_kernel_is_random_features (void)
{
  OsParams p = row_params (&ref_rows[8]);
  OsFloors f;
  OsTheoryPoint pt;
  double kappa[7] = { -3, -2, -1, 0, 1, 2, 3 }, fh[7];

  p.eta = 1.0;                 /* floors() must switch η̃ off by itself */
  os_theory_floors (&p, NULL, &f);
  g_assert_true (f.kernel_converged);
  ASSERT_REL (f.kernel, ref_rows[8].eg, 1e-6);

  p.eta = 0.0;
  g_assert_true (os_theory_solve (&p, NULL, NULL, &pt, NULL));
  os_theory_learned_function (&p, &pt, kappa, 7, fh, NULL);
  g_assert_cmpfloat (fabs (pt.theta), <, 1e-15);
  for (int i = 0; i < 7; i++)
    ASSERT_ABS (fh[i], 0.0, 1e-14);
}

/* After the step the learned function is not linear: for tanh/sin at
 * η̃ = 3, α0 = 20 it follows the target's curvature (sin bends). */
static void
test_learned_function_nonlinear (void)
{
  OsParams p = row_params (&ref_rows[6]);
  OsTheoryPoint pt;
  double kappa[3] = { 0.0, 1.5, 3.0 }, fh[3], h[3];

  g_assert_true (os_theory_solve (&p, NULL, NULL, &pt, NULL));
  os_theory_learned_function (&p, &pt, kappa, 3, fh, h);
  /* f̂(3) − 2 f̂(1.5) + f̂(0): the second difference of a line is zero */
  g_assert_cmpfloat (fabs (fh[2] - 2 * fh[1] + fh[0]), >, 0.2);
  /* it has the target's sign of curvature */
  g_assert_cmpfloat ((fh[2] - 2 * fh[1] + fh[0]) * (h[2] - 2 * h[1] + h[0]), >, 0.0);
  /* and h(κ) = sin(γκ) e^{−ρ²/2} exactly */
  for (int i = 0; i < 3; i++)
    ASSERT_ABS (h[i], sin (pt.gamma * kappa[i]) * exp (-0.5 * (1 - pt.gamma * pt.gamma)), 1e-14);
}

/* Ridge with λ ≫ (α/β) E σ² predicts nothing where there is no mean feature
 * (odd σ, η̃ = 0): ε_g → E σ*² + Δ. (With a spike the mean feature μ0(κ)
 * carries an O(p) eigenvalue that no λ of §8 suppresses.) */
static void
test_large_ridge_limit (void)
{
  OsParams p;
  OsTheoryPoint pt;

  os_params_init_default (&p);
  p.lambda = 10.0;
  p.alpha = 0.05;
  p.eta = 0.0;
  p.noise = 0.5;
  g_assert_true (os_theory_solve (&p, NULL, NULL, &pt, NULL));
  g_assert_true (pt.converged);
  {
    OsMoments tm;
    os_activation_moments (OS_ACT_TANH, &tm);
    g_assert_cmpfloat (fabs (pt.test_error - (tm.second + 0.5)) / (tm.second + 0.5), <, 1e-2);
    g_assert_cmpfloat (pt.test_error, <, tm.second + 0.5);
  }
}

/* Out-of-range input is refused with a message naming the parameter. */
static void
test_invalid_input (void)
{
  OsParams p;
  OsTheoryPoint pt;
  GError *error = NULL;

  os_params_init_default (&p);
  p.lambda = 0.0;
  g_assert_false (os_theory_solve (&p, NULL, NULL, &pt, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "lambda"));
  g_clear_error (&error);

  os_params_init_default (&p);
  p.student = OS_ACT_HE2;
  g_assert_false (os_theory_solve (&p, NULL, NULL, &pt, &error));
  g_assert_nonnull (strstr (error->message, "student"));
  g_clear_error (&error);
}

/* The full §5 residual reported is small and the method is named. */
static void
test_solver_report (void)
{
  OsParams p = row_params (&ref_rows[2]);
  OsTheoryPoint pt;

  g_assert_true (os_theory_solve (&p, NULL, NULL, &pt, NULL));
  g_assert_true (pt.converged);
  g_assert_cmpint (pt.method, ==, OS_SOLVER_NEWTON);
  g_assert_cmpint (pt.iterations, >, 0);
  g_assert_cmpint (pt.iterations, <, 50);
  g_assert_cmpfloat (pt.residual, <, 1e-10);
}

/* Each fallback converges on its own to the same point as Newton: the §7
 * rows through Anderson sweeps, and through damped sweeps from 0. */
static void
test_fallbacks (void)
{
  const OsSolverMethod methods[] = { OS_SOLVER_ANDERSON, OS_SOLVER_DAMPED };

  for (guint k = 0; k < G_N_ELEMENTS (methods); k++)
    for (guint i = 0; i < G_N_ELEMENTS (ref_rows); i++)
      {
        OsParams p = row_params (&ref_rows[i]);
        OsTheoryOptions opt;
        OsTheoryPoint pt;

        os_theory_options_init_default (&opt);
        opt.first_method = methods[k];
        g_assert_true (os_theory_solve (&p, &opt, NULL, &pt, NULL));
        g_assert_true (pt.converged);
        g_assert_cmpint (pt.method, ==, methods[k]);
        ASSERT_REL (pt.test_error, ref_rows[i].eg, 1e-6);
        ASSERT_ABS (pt.q2, ref_rows[i].q2, 1e-5);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/theory/reference-rows", test_reference_rows);
  g_test_add_func ("/theory/reference-rows-301-nodes", test_reference_rows_fine_rule);
  g_test_add_func ("/theory/reference-curve", test_reference_curve);
  g_test_add_func ("/theory/spike-map-kernel", test_spike_map_kernel);
  g_test_add_func ("/theory/spike-map-relu", test_spike_map_relu);
  g_test_add_func ("/theory/floors-closed-form", test_floors_closed_form);
  g_test_add_func ("/theory/floors-mixture", test_floors_mixture);
  g_test_add_func ("/theory/kernel-is-random-features", test_kernel_is_random_features);
  g_test_add_func ("/theory/learned-function-nonlinear", test_learned_function_nonlinear);
  g_test_add_func ("/theory/large-ridge-limit", test_large_ridge_limit);
  g_test_add_func ("/theory/invalid-input", test_invalid_input);
  g_test_add_func ("/theory/solver-report", test_solver_report);
  g_test_add_func ("/theory/fallbacks", test_fallbacks);
  return g_test_run ();
}
