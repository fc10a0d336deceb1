/* test-spectral-agreement.c — the predicted spectra of THEORY.md §9 against
 * the simulated network (os_simulate_spectrum) at d = 1000, for the three
 * settings of §9's table — tanh/tanh (η̃ = 1, α0 = 0.5), tanh/sin (η̃ = 3,
 * α0 = 20), ReLU/tanh (η̃ = 1, α0 = 1), all at α = 2 — each at
 * β ∈ {0.5, 1, 2}:
 *   - the top bulk singular value of the features within 3 % of the
 *     predicted edge, at initialisation and after the step;
 *   - the histogram of the bulk within 15 % of the predicted density, bin by
 *     bin, 20 bins over the central 80 % of the predicted mass (eigenvalues
 *     are rigid: a bin's count fluctuates by a few, not by its square root;
 *     β = 0.5, with 500 values, pools three seeds and β = 1 two);
 *   - the mean-feature outlier within 8 % (uncentred at every β; centred at
 *     every β for ReLU, where centring matters, and at β = 1 otherwise);
 *   - at β = 1, the weight spike within 6 % of the BBP value, averaged over
 *     3 seeds, and the weight bulk edge within 3 % (odd students; ReLU's
 *     gap is reported, see below).
 * Release builds only (suite 'simulation'): about a minute and a half on
 * two idle cores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation.h"
#include "os-spectral-density.h"

#include <math.h>

#define D 1000
#define N_BINS 20

typedef struct
{
  const char  *name;
  OsActivation student, teacher;
  double       eta, alpha0;
  double       beta;
} Setting;

static void
setting_params (const Setting *s, OsParams *p)
{
  os_params_init_default (p);
  p->student = s->student;
  p->teacher = s->teacher;
  p->eta = s->eta;
  p->alpha0 = s->alpha0;
  p->alpha = 2.0;
  p->beta = s->beta;
}

static OsSpectralDensity *
predict (const OsParams *p, OsSpectrumMatrix matrix, gboolean centered, gboolean after)
{
  g_autoptr (GError) error = NULL;
  OsSpectralDensity *s = os_spectral_density_compute (p, matrix, centered, after, D, 2000, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (s->converged);
  return s;
}

static OsSimSpectrum *
simulate (const OsParams *p, OsSpectrumMatrix matrix, gboolean centered, guint64 seed)
{
  g_autoptr (GError) error = NULL;
  OsSimConfig cfg;
  OsSimSpectrum *s;

  os_sim_config_init_default (&cfg);
  cfg.d = D;
  cfg.seeds = 1;
  cfg.seed = seed;
  s = os_simulate_spectrum (p, &cfg, matrix, centered, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* ∫ density over [a, b], trapezoid on the prediction's grid with the
 * linear interpolant cut at a and b */
static double
predicted_mass (const OsSpectralDensity *s, double a, double b)
{
  double m = 0.0;

  for (int i = 1; i < s->n; i++)
    {
      double x0 = s->singular_value[i - 1], x1 = s->singular_value[i];
      double y0 = s->density[i - 1], y1 = s->density[i], lo = MAX (x0, a), hi = MIN (x1, b);

      if (hi <= lo || x1 <= x0)
        continue;
      {
        double ylo = y0 + (y1 - y0) * (lo - x0) / (x1 - x0);
        double yhi = y0 + (y1 - y0) * (hi - x0) / (x1 - x0);
        m += 0.5 * (hi - lo) * (ylo + yhi);
      }
    }
  return m;
}

/* σ where the predicted mass below it reaches q (bisection) */
static double
predicted_quantile (const OsSpectralDensity *s, double q)
{
  double lo = s->edge_lo, hi = s->edge_hi;

  for (int it = 0; it < 60; it++)
    {
      double mid = 0.5 * (lo + hi);
      if (predicted_mass (s, s->edge_lo, mid) < q * s->bulk_mass)
        lo = mid;
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

/* The bulk of one simulated spectrum set (values of all seeds pooled, each
 * seed's spectrum normalised by its own count) against the prediction. */
static void
check_bulk (const char *label, const OsSpectralDensity *pred, double *const *values, int n_values, int n_seeds)
{
  double a = predicted_quantile (pred, 0.1), b = predicted_quantile (pred, 0.9), w = (b - a) / N_BINS;
  double worst = 0.0;

  for (int k = 0; k < N_BINS; k++)
    {
      double lo = a + k * w, hi = lo + w, count = 0.0, sim, want;

      for (int s = 0; s < n_seeds; s++)
        for (int i = 0; i < n_values; i++)
          if (values[s][i] >= lo && values[s][i] < hi)
            count += 1.0;
      sim = count / (n_seeds * (double) n_values * w);
      want = predicted_mass (pred, lo, hi) / w;
      worst = MAX (worst, fabs (sim / want - 1.0));
      if (fabs (sim - want) > 0.15 * want)
        g_test_message ("%s: bin [%.4f, %.4f): simulated %.4f, predicted %.4f (%+.1f %%)",
                        label, lo, hi, sim, want, 100 * (sim / want - 1));
      g_assert_cmpfloat_with_epsilon (sim, want, 0.15 * want);
    }
  g_test_message ("%s: histogram over [%.4f, %.4f], %d bins: largest gap %.1f %%",
                  label, a, b, N_BINS, 100 * worst);
}

/* the top bulk value: skip the predicted outliers */
static void
check_edge (const char *label, const OsSpectralDensity *pred, const double *values, int n)
{
  double top;

  g_assert_cmpint (n, >, pred->n_outliers);
  top = values[pred->n_outliers];
  g_test_message ("%s: top bulk singular value %.4f, predicted edge %.4f (%+.2f %%)",
                  label, top, pred->edge_hi, 100 * (top / pred->edge_hi - 1));
  g_assert_cmpfloat_with_epsilon (top, pred->edge_hi, 0.03 * pred->edge_hi);
  if (pred->n_outliers > 0)
    g_assert_cmpfloat (values[pred->n_outliers - 1], >, 1.1 * pred->edge_hi);
}

static void
check_outlier (const char *label, const OsSpectralDensity *pred, const double *values)
{
  g_assert_cmpint (pred->n_outliers, ==, 1);
  g_test_message ("%s: outlier %.4f, predicted %.4f (%+.2f %%)", label, values[0], pred->outliers[0],
                  100 * (values[0] / pred->outliers[0] - 1));
  g_assert_cmpfloat_with_epsilon (values[0], pred->outliers[0], 0.08 * pred->outliers[0]);
}

static void
test_setting (gconstpointer data)
{
  const Setting *setting = data;
  OsParams p;
  g_autoptr (OsSpectralDensity) step = NULL;
  g_autoptr (OsSpectralDensity) init = NULL;
  int n_seeds = setting->beta < 1.0 ? 3 : setting->beta == 1.0 ? 2 : 1;
  OsSimSpectrum *sims[3] = { NULL, NULL, NULL };
  double *step_values[3], *init_values[3];
  char label[96];

  setting_params (setting, &p);
  step = predict (&p, OS_SPECTRUM_FEATURES, FALSE, TRUE);
  init = predict (&p, OS_SPECTRUM_FEATURES, FALSE, FALSE);
  for (int s = 0; s < n_seeds; s++)
    {
      sims[s] = simulate (&p, OS_SPECTRUM_FEATURES, FALSE, 1 + s);
      g_assert_cmpint (sims[s]->n, ==, step->n_values);
      step_values[s] = sims[s]->step;
      init_values[s] = sims[s]->init;
    }

  g_snprintf (label, sizeof label, "%s β=%g features after the step", setting->name, setting->beta);
  check_edge (label, step, sims[0]->step, sims[0]->n);
  check_outlier (label, step, sims[0]->step);
  check_bulk (label, step, step_values, sims[0]->n, n_seeds);
  g_snprintf (label, sizeof label, "%s β=%g features at initialisation", setting->name, setting->beta);
  check_edge (label, init, sims[0]->init, sims[0]->n);
  if (init->n_outliers > 0)
    check_outlier (label, init, sims[0]->init);
  check_bulk (label, init, init_values, sims[0]->n, n_seeds);
  for (int s = 0; s < n_seeds; s++)
    os_sim_spectrum_free (sims[s]);

  /* centring changes the outlier of ReLU (p Var μ0 instead of p E μ0²),
   * hardly that of an odd student: every β for ReLU, β = 1 otherwise */
  if (setting->beta == 1.0 || setting->student == OS_ACT_RELU)
    {
      g_autoptr (OsSpectralDensity) centred = predict (&p, OS_SPECTRUM_FEATURES, TRUE, TRUE);
      g_autoptr (OsSimSpectrum) sim = simulate (&p, OS_SPECTRUM_FEATURES, TRUE, 1);

      g_snprintf (label, sizeof label, "%s β=%g centred features after the step", setting->name,
                  setting->beta);
      check_outlier (label, centred, sim->step);
      check_edge (label, centred, sim->step, sim->n);
    }

  if (setting->beta == 1.0)
    {
      g_autoptr (OsSpectralDensity) weights = predict (&p, OS_SPECTRUM_WEIGHTS, FALSE, TRUE);
      double spike = 0.0, edge = 0.0;

      for (int s = 0; s < 3; s++)
        {
          g_autoptr (OsSimSpectrum) w = simulate (&p, OS_SPECTRUM_WEIGHTS, FALSE, 1 + s);

          g_test_message ("%s β=1 weights, seed %d: top %.4f, next %.4f", setting->name, 1 + s,
                          w->step[0], w->step[1]);
          spike += w->step[0] / 3;
          edge += w->step[1] / 3;
        }
      g_assert_cmpint (weights->n_outliers, ==, 1);
      g_test_message ("%s β=1 weights: spike %.4f (mean of 3 seeds), BBP %.4f (%+.2f %%); "
                      "bulk top %.4f, edge %.4f (%+.2f %%)", setting->name,
                      spike, weights->outliers[0], 100 * (spike / weights->outliers[0] - 1),
                      edge, weights->edge_hi, 100 * (edge / weights->edge_hi - 1));
      g_assert_cmpfloat_with_epsilon (spike, weights->outliers[0], 0.06 * weights->outliers[0]);
      /* For ReLU the bulk is the generalised Marchenko–Pastur law of
       * THEORY.md §9's correction (1.963 here; c(1 + √β) = 1.839 was 7 %
       * short); test_relu_weights checks it further. */
      g_assert_cmpfloat_with_epsilon (edge, weights->edge_hi, 0.03 * weights->edge_hi);
    }
}

/* ReLU/tanh (α0 = 1, α = 2, β = 1) after steps η̃ = 1, 2, 3: the weight
 * bulk is the generalised Marchenko–Pastur law (core/os-spectral-gmp.c),
 * not c W̃0's. The top of the bulk, averaged over 3 seeds, within 3 % of
 * the predicted edge (THEORY.md §9 measured 1.954, 2.309, 3.542 on one
 * seed, against c(1 + √β) = 1.839, 2.018, 2.464); the histogram of the 3
 * seeds pooled within 15 % a bin; and the feature bulk after the step,
 * whose Ω now has that law, likewise (the top of the bulk averaged over 3
 * seeds; it was 5 % and 21 % off at η̃ = 2, 3 with c W̃0's law). */
static void
test_relu_bulk (gconstpointer data)
{
  const double eta = *(const double *) data;
  Setting setting = { "relu-tanh", OS_ACT_RELU, OS_ACT_TANH, eta, 1.0, 1.0 };
  OsParams p;
  g_autoptr (OsSpectralDensity) weights = NULL;
  g_autoptr (OsSpectralDensity) features = NULL;
  OsSimSpectrum *sims[3];
  double *bulk[3], top = 0.0;
  char label[96];

  setting_params (&setting, &p);
  weights = predict (&p, OS_SPECTRUM_WEIGHTS, FALSE, TRUE);
  g_assert_cmpint (weights->n_outliers, ==, 1);
  for (int s = 0; s < 3; s++)
    {
      sims[s] = simulate (&p, OS_SPECTRUM_WEIGHTS, FALSE, 1 + s);
      top += sims[s]->step[1] / 3;
      bulk[s] = sims[s]->step + 1;          /* the spike left out */
    }
  g_test_message ("relu-tanh η̃=%g weights: top of the bulk %.4f (mean of 3 seeds), predicted %.4f "
                  "(%+.2f %%)", eta, top, weights->edge_hi, 100 * (top / weights->edge_hi - 1));
  g_assert_cmpfloat_with_epsilon (top, weights->edge_hi, 0.03 * weights->edge_hi);
  g_snprintf (label, sizeof label, "relu-tanh η̃=%g weights after the step", eta);
  check_bulk (label, weights, bulk, sims[0]->n - 1, 3);
  for (int s = 0; s < 3; s++)
    os_sim_spectrum_free (sims[s]);

  features = predict (&p, OS_SPECTRUM_FEATURES, FALSE, TRUE);
  top = 0.0;
  for (int s = 0; s < 3; s++)
    {
      sims[s] = simulate (&p, OS_SPECTRUM_FEATURES, FALSE, 1 + s);
      bulk[s] = sims[s]->step + features->n_outliers;
      top += sims[s]->step[features->n_outliers] / 3;
    }
  g_test_message ("relu-tanh η̃=%g features: top of the bulk %.4f (mean of 3 seeds), predicted %.4f "
                  "(%+.2f %%)", eta, top, features->edge_hi, 100 * (top / features->edge_hi - 1));
  g_assert_cmpfloat_with_epsilon (top, features->edge_hi, 0.03 * features->edge_hi);
  g_snprintf (label, sizeof label, "relu-tanh η̃=%g features after the step", eta);
  check_bulk (label, features, bulk, sims[0]->n - features->n_outliers, 3);
  for (int s = 0; s < 3; s++)
    os_sim_spectrum_free (sims[s]);
}

int
main (int argc, char **argv)
{
  static Setting settings[9];
  const Setting base[] = {
    { "tanh-tanh", OS_ACT_TANH, OS_ACT_TANH, 1.0, 0.5, 0 },
    { "tanh-sin", OS_ACT_TANH, OS_ACT_SIN, 3.0, 20.0, 0 },
    { "relu-tanh", OS_ACT_RELU, OS_ACT_TANH, 1.0, 1.0, 0 },
  };
  const double betas[] = { 0.5, 1.0, 2.0 };

  static const double relu_etas[] = { 1.0, 2.0, 3.0 };

  g_test_init (&argc, &argv, NULL);
  for (int i = 0; i < 3; i++)
    {
      char *path = g_strdup_printf ("/spectral-agreement/relu-bulk/eta-%g", relu_etas[i]);

      g_test_add_data_func (path, &relu_etas[i], test_relu_bulk);
      g_free (path);
    }
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      {
        Setting *s = &settings[3 * i + j];
        char *path;

        *s = base[i];
        s->beta = betas[j];
        path = g_strdup_printf ("/spectral-agreement/%s/beta-%g", s->name, s->beta);
        g_test_add_data_func (path, s, test_setting);
        g_free (path);
      }
  return g_test_run ();
}
