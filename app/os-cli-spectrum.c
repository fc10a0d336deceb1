/* os-cli-spectrum.c — `onestep-explorer spectrum`: the singular values of the
 * weights or the features, simulated (THEORY.md §6) or predicted (§9); and
 * `bench spectrum`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-bench.h"
#include "os-error.h"
#include "os-simulation.h"
#include "os-spectral-density.h"

#include <math.h>
#include <stdio.h>

#define THEORY_D_DEFAULT   1000
#define SIMULATE_D_DEFAULT 600
#define THEORY_D_MAX       100000000

typedef struct
{
  OsFlags   flags;       /* the parameters, --d, --seed, --centered, --format */
  char     *matrix, *points;
  gboolean  theory, init;
} SpectrumArgs;

static void
print_number (FILE *out, double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  fputs (g_ascii_formatd (buf, sizeof buf, "%.17g", x), out);
}

static void
print_json_string (FILE *out, const char *s)
{
  if (s == NULL)
    {
      fputs ("null", out);
      return;
    }
  fputc ('"', out);
  for (const char *c = s; *c; c++)
    {
      if (*c == '"' || *c == '\\')
        fputc ('\\', out);
      if ((unsigned char) *c < 0x20)
        fprintf (out, "\\u%04x", (unsigned char) *c);
      else
        fputc (*c, out);
    }
  fputc ('"', out);
}

/* The prediction, as one JSON object or as CSV rows (bulk, then outliers). */
static void
print_theory (const OsSpectralDensity *s, const OsParams *params, OsFormat format, FILE *out)
{
  if (format == OS_FORMAT_CSV)
    {
      fputs ("singular_value,density\n", out);
      for (int i = 0; i < s->n; i++)
        {
          print_number (out, s->singular_value[i]);
          fputc (',', out);
          print_number (out, s->density[i]);
          fputc ('\n', out);
        }
      for (int i = 0; i < s->n_outliers; i++)
        {
          print_number (out, s->outliers[i]);
          fputs (",outlier\n", out);
        }
      return;
    }

  fprintf (out, "{\n  \"matrix\": \"%s\",\n  \"after_step\": %s,\n  \"centered\": %s,\n",
           s->matrix == OS_SPECTRUM_WEIGHTS ? "weights" : "features",
           s->after_step ? "true" : "false", s->centered ? "true" : "false");
  fprintf (out, "  \"d\": %d,\n  \"p\": %d,\n", s->d, (int) floor (params->beta * s->d + 0.5));
  if (s->matrix == OS_SPECTRUM_FEATURES)
    fprintf (out, "  \"n\": %d,\n", (int) floor (params->alpha * s->d + 0.5));
  fprintf (out, "  \"n_values\": %d,\n  \"bulk_mass\": ", s->n_values);
  print_number (out, s->bulk_mass);
  fputs (",\n  \"atom_mass\": ", out);
  print_number (out, s->atom_mass);
  fprintf (out, ",\n  \"converged\": %s,\n  \"status\": ", s->converged ? "true" : "false");
  print_json_string (out, s->status);
  fputs (",\n  \"edges\": [", out);
  print_number (out, s->edge_lo);
  fputs (", ", out);
  print_number (out, s->edge_hi);
  fputs ("],\n  \"outliers\": [", out);
  for (int i = 0; i < s->n_outliers; i++)
    {
      if (i > 0)
        fputs (", ", out);
      print_number (out, s->outliers[i]);
    }
  fputs ("],\n  \"bulk\": [", out);
  for (int i = 0; i < s->n; i++)
    {
      fputs (i > 0 ? ",\n    [" : "\n    [", out);
      print_number (out, s->singular_value[i]);
      fputs (", ", out);
      print_number (out, s->density[i]);
      fputc (']', out);
    }
  fputs ("\n  ]\n}\n", out);
}

static int
run_theory (const SpectrumArgs *a, OsSpectrumMatrix matrix, int d, int points)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSpectralDensity) s = os_spectral_density_compute (&a->flags.params, matrix, a->flags.centered,
                                                                 !a->init, d, points, NULL, &error);

  if (s == NULL)
    {
      if (g_error_matches (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT))
        return os_cli_fail ("spectrum", error);
      g_printerr ("onestep-explorer spectrum: %s\n", error->message);
      return 1;
    }
  print_theory (s, &a->flags.params, a->flags.format, stdout);
  if (!s->converged)
    {
      g_printerr ("onestep-explorer spectrum: warning: %s (converged=false)\n",
                  s->status != NULL ? s->status : "the prediction did not converge");
      return 1;
    }
  return 0;
}

static int
run_simulation (const SpectrumArgs *a, OsSpectrumMatrix matrix, int d, guint64 seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OsSimSpectrum) s = NULL;
  g_autoptr (OsTable) t = NULL;
  const char *const columns[] = { "rank", "init", "step", NULL };
  OsSimConfig cfg;

  os_sim_config_init_default (&cfg);
  cfg.d = d;
  cfg.seeds = 1;
  cfg.seed = seed;
  cfg.memory_budget = a->flags.memory_budget;
  s = os_simulate_spectrum (&a->flags.params, &cfg, matrix, a->flags.centered, NULL, &error);
  if (s == NULL)
    {
      if (g_error_matches (error, OS_ERROR, OS_ERROR_TOO_LARGE))
        {
          g_prefix_error (&error, "--d, --memory-budget: ");
          return os_cli_fail ("spectrum", error);
        }
      if (g_error_matches (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT))
        return os_cli_fail ("spectrum", error);
      g_printerr ("onestep-explorer spectrum: %s\n", error->message);
      return 1;
    }
  t = os_table_new (columns);
  for (int i = 0; i < s->n; i++)
    {
      os_table_add_row (t);
      os_table_set_int (t, "rank", i + 1);
      os_table_set_double (t, "init", s->init[i]);
      os_table_set_double (t, "step", s->step[i]);
    }
  os_table_print (t, a->flags.format, stdout);
  return 0;
}

int
os_cli_spectrum (int argc, char **argv)
{
  SpectrumArgs a = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- singular values of the weights or the features, "
                                                         "simulated or predicted");
  const GOptionEntry entries[] = {
    { "matrix", 0, 0, G_OPTION_ARG_STRING, &a.matrix,
      "weights (W, p × d) or features (Φ = σ(X Wᵀ)/√p, n × p); default weights", "WHICH" },
    { "theory", 0, 0, G_OPTION_ARG_NONE, &a.theory,
      "Print the predicted density, edges and outliers (docs/SCIENCE.md §9) instead", NULL },
    { "init", 0, 0, G_OPTION_ARG_NONE, &a.init,
      "With --theory: the prediction at initialisation (W0) instead of after the step", NULL },
    { "points", 0, 0, G_OPTION_ARG_STRING, &a.points,
      "With --theory: grid points of the bulk, 16–100000 (default 400)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *d_help = g_strdup_printf ("Input dimension: %d–%d simulated (default %d); 1–%d with --theory, "
                                             "where it only places the outliers (default %d)",
                                             OS_SIM_MIN_D, OS_SIM_MAX_D, SIMULATE_D_DEFAULT, THEORY_D_MAX,
                                             THEORY_D_DEFAULT);
  g_autofree char *seed_help = g_strdup_printf ("Seed of the simulation, 0–%d (default 1)", OS_MAX_SEED);
  OsSpectrumMatrix matrix = OS_SPECTRUM_WEIGHTS;
  int d, points = 400, rc;

  os_flags_init (&a.flags, OS_FLAGS_FOR_TABLE);
  /* the prediction takes any d (it only places the outliers): checked
   * against the simulation's range below when simulating */
  a.flags.d_min = 1;
  a.flags.d_max = THEORY_D_MAX;
  os_flags_set_help (&a.flags, OS_FLAG_D, d_help);
  os_flags_set_help (&a.flags, OS_FLAG_SEED, seed_help);
  g_option_context_set_main_group (ctx, os_flags_option_group (&a.flags,
                                                               OS_FLAGS_PARAMETERS | OS_FLAG_BIT (OS_FLAG_D)
                                                               | OS_FLAG_BIT (OS_FLAG_SEED)
                                                               | OS_FLAG_BIT (OS_FLAG_MEMORY_BUDGET)
                                                               | OS_FLAG_BIT (OS_FLAG_CENTERED)
                                                               | OS_FLAG_BIT (OS_FLAG_CENTER)
                                                               | OS_FLAG_BIT (OS_FLAG_FORMAT), entries));
  g_option_context_set_description (ctx,
    "Simulated (the default): one network at dimension d (p = round(βd), n = round(αd)),\n"
    "the singular values in descending order, columns rank,init,step: at the\n"
    "initialisation W0 and after the giant step W1 (for the features, Φ on the\n"
    "same n readout samples at W0 and at W1).\n"
    "\n"
    "--theory: the d → ∞ prediction of docs/SCIENCE.md §9 after the step (--init: at\n"
    "initialisation). JSON: one object with \"edges\" [lo, hi] of the bulk,\n"
    "\"outliers\" (singular values, descending) and \"bulk\", a list of\n"
    "[singular_value, density] pairs, plus bulk_mass, n_values, atom_mass and\n"
    "converged. CSV: singular_value,density rows for the bulk, then one row per\n"
    "outlier with the word 'outlier' in the density column. The density is per\n"
    "singular value of the min(rows, cols) the matrix has (the zero eigenvalues of\n"
    "the larger Gram matrix are not singular values and are left out); it\n"
    "integrates to bulk_mass = (n_values − outliers)/n_values, so it lies over a\n"
    "histogram of the simulated values normalised to unit area. d only places the\n"
    "outliers: the weight spike r√p, the feature mean p E[μ0²].\n"
    "\n"
    "Exit status: 0 ok, 1 the prediction did not converge (printed anyway,\n"
    "converged=false) or the simulation failed, 2 bad input.\n"
    "\n"
    "Examples:\n"
    "  onestep-explorer spectrum --matrix features --d 600\n"
    "  onestep-explorer spectrum --matrix features --centered --theory --format json\n");
  if (!os_cli_parse (ctx, "spectrum", &a.flags, &argc, &argv, &rc))
    goto out;

  if (a.matrix != NULL)
    {
      if (g_ascii_strcasecmp (a.matrix, "weights") == 0)
        matrix = OS_SPECTRUM_WEIGHTS;
      else if (g_ascii_strcasecmp (a.matrix, "features") == 0)
        matrix = OS_SPECTRUM_FEATURES;
      else
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--matrix: '%s' is not a matrix (valid: weights, features)", a.matrix);
          goto fail;
        }
    }
  if (a.flags.centered && matrix != OS_SPECTRUM_FEATURES)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--centered: only the features are centred (add --matrix features)");
      goto fail;
    }
  if (!a.theory && (a.init || a.points != NULL))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: only with --theory (the simulated table has both init and step)",
                   a.init ? "--init" : "--points");
      goto fail;
    }
  /* the seed of a --params file is not an error: it is not used */
  if (a.theory && os_flags_given (&a.flags, OS_FLAG_SEED)
      && !os_flags_warn_file_key (&a.flags, OS_FLAG_SEED, "the prediction has no seed"))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--seed: the prediction has no seed (drop --theory to simulate)");
      goto fail;
    }
  if (a.theory && os_flags_given (&a.flags, OS_FLAG_MEMORY_BUDGET))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--memory-budget: the prediction runs no network (drop --theory to simulate)");
      goto fail;
    }
  os_cli_print_warnings ("spectrum", &a.flags);
  d = a.theory ? THEORY_D_DEFAULT : SIMULATE_D_DEFAULT;
  if (os_flags_given (&a.flags, OS_FLAG_D))
    {
      d = a.flags.view.d;
      if (!a.theory && !os_flags_check_int ("--d", d, OS_SIM_MIN_D, OS_SIM_MAX_D, &error))
        goto fail;
    }
  if (a.points != NULL && !os_flags_parse_int32 ("--points", a.points, 16, 100000, &points, &error))
    goto fail;

  rc = a.theory ? run_theory (&a, matrix, d, points) : run_simulation (&a, matrix, d, a.flags.view.seed);
  goto out;

fail:
  rc = os_cli_fail ("spectrum", error);
out:
  g_clear_pointer (&ctx, g_option_context_free);
  os_flags_clear (&a.flags);
  g_free (a.matrix);
  g_free (a.points);
  return rc;
}

/* `bench spectrum`: the predicted 400-point feature density after the step,
 * tanh/tanh at the defaults (η̃ = 1, α0 = 0.5, α = 2, β = 1), one thread. */
/* repeats × the 400-point feature density of p, each call's time in t
 * (ms); FALSE when a prediction fails */
static gboolean
time_feature_density (const OsParams *p, int repeats, double *t, gboolean *converged, int *n_failed)
{
  for (int r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      OsSpectralDensity *s = os_spectral_density_compute (p, OS_SPECTRUM_FEATURES, FALSE, TRUE,
                                                          1000, 400, NULL, NULL);

      t[r] = (g_get_monotonic_time () - t0) / 1000.0;
      if (s == NULL)
        return FALSE;
      *converged = *converged && s->converged;
      *n_failed += s->n_failed;
      os_spectral_density_free (s);
    }
  return TRUE;
}

int
os_bench_spectrum (int repeats)
{
  OsParams p;
  g_autofree double *t = g_new (double, repeats);
  double med;
  int n_failed = 0, relu_failed = 0;
  gboolean converged = TRUE;

  os_params_init_default (&p);
  if (!time_feature_density (&p, repeats, t, &converged, &n_failed))
    {
      g_printerr ("bench spectrum: the prediction failed\n");
      return 1;
    }
  med = os_bench_median (t, repeats);
  g_print ("bench spectrum: 400-point feature density after the step (tanh/tanh, eta=1, alpha0=0.5, "
           "alpha=2, beta=1), %d repeats, one thread\n", repeats);
  g_print ("  converged: %s, failed points: %d\n", converged ? "yes" : "no", n_failed);
  g_print ("spectrum_density_median_ms=%.3f min_ms=%.3f\n", med, t[0]);

  /* a ReLU student: the weights' bulk is the generalised Marchenko–Pastur
   * law (core/os-spectral-gmp.c), built on the first call and cached per
   * parameter set; the feature density averages over it */
  p.student = OS_ACT_RELU;
  p.alpha0 = 1.0;
  if (!time_feature_density (&p, repeats, t, &converged, &relu_failed))
    {
      g_printerr ("bench spectrum: the ReLU prediction failed\n");
      return 1;
    }
  {
    double first = t[0];
    gint64 t0 = g_get_monotonic_time ();
    OsSpectralDensity *w = os_spectral_density_compute (&p, OS_SPECTRUM_WEIGHTS, FALSE, TRUE,
                                                        1000, 400, NULL, NULL);
    double weights = (g_get_monotonic_time () - t0) / 1000.0;

    os_spectral_density_free (w);
    med = os_bench_median (t, repeats);
    g_print ("ReLU (relu/tanh, eta=1, alpha0=1, alpha=2, beta=1): the same feature density, and "
             "the weights' generalised Marchenko–Pastur law (built on the first call, then cached)\n");
    g_print ("spectrum_relu_density_median_ms=%.3f relu_first_call_ms=%.3f "
             "relu_weights_density_cached_ms=%.3f\n", med, first, weights);
  }
  return converged ? 0 : 1;
}
