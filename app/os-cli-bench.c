/* os-cli-bench.c — `onestep-explorer bench WHAT`: medians of wall time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-bench.h"
#include "os-curve.h"
#include "os-srf.h"

#include <stdlib.h>

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
os_bench_median (double *samples, int n)
{
  qsort (samples, n, sizeof *samples, compare_double);
  return n % 2 ? samples[n / 2] : 0.5 * (samples[n / 2 - 1] + samples[n / 2]);
}

/* 200-point α sweep, tanh/tanh, η̃ = 1, α0 = 0.5, β = 1, λ = 0.01,
 * α from 0.1 to 5 (issue #2's benchmark). One thread. */
static int
bench_theory (int repeats)
{
  OsParams p;
  OsSweep sweep = { OS_PARAM_ALPHA, 0.1, 5.0, 200, FALSE };
  double *t = g_new (double, repeats);
  int iterations = 0, not_converged = 0;

  os_params_init_default (&p);
  for (int r = 0; r < repeats; r++)
    {
      gint64 t0;
      OsCurve *c;

      os_kappa_cache_clear ();   /* each sweep builds its κ table, as a new η̃ does */
      t0 = g_get_monotonic_time ();
      c = os_curve_compute (&p, &sweep, NULL, NULL, NULL, NULL, NULL);

      t[r] = (g_get_monotonic_time () - t0) / 1000.0;
      if (r == 0)
        {
          for (int i = 0; i < c->n; i++)
            iterations += c->points[i].iterations;
          not_converged = c->n_not_converged;
        }
      os_curve_unref (c);
    }
  {
    double med = os_bench_median (t, repeats);

    g_print ("bench theory: 200-point alpha sweep (tanh/tanh, eta=1, alpha0=0.5, beta=1, "
             "lambda=0.01, alpha 0.1..5), %d repeats, one thread\n", repeats);
    g_print ("  solver steps per point (mean): %.2f, not converged: %d\n",
             (double) iterations / 200, not_converged);
    g_print ("theory_sweep_median_ms=%.3f per_point_us=%.2f min_ms=%.3f (κ table built each time)\n",
             med, 1000.0 * med / 200, t[0]);
  }
  g_free (t);
  return 0;
}

/* "theory, phase, …, all" */
static char *
bench_names (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; os_bench_table[i].name != NULL; i++)
    g_string_append_printf (s, "%s, ", os_bench_table[i].name);
  g_string_append (s, "all");
  return g_string_free (s, FALSE);
}

/* The summary of `bench --help`: one line per benchmark of the table. */
static char *
bench_summary (void)
{
  GString *s = g_string_new ("WHAT is one of:\n");

  for (guint i = 0; os_bench_table[i].name != NULL; i++)
    g_string_append_printf (s, "  %-10s %s\n", os_bench_table[i].name, os_bench_table[i].summary);
  g_string_append_printf (s, "  %-10s every benchmark above, in turn\n", "all");
  g_string_append (s, "\nThe window's own benchmarks are 'onestep-explorer --benchmark-ui' (slider changes) and\n'onestep-explorer --benchmark-play' (the player at 24 fps).");
  return g_string_free (s, FALSE);
}

int
os_cli_bench (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("WHAT - median wall times of the core computations");
  g_autofree char *repeats_text = NULL, *summary = bench_summary (), *names = bench_names ();
  g_autoptr (GError) error = NULL;
  OsFlags flags;
  int repeats = 41, rc;
  const GOptionEntry entries[] = {
    { "repeats", 0, 0, G_OPTION_ARG_STRING, &repeats_text, "Repetitions, 1–10000 (default 41)", "N" },
    G_OPTION_ENTRY_NULL
  };
  const char *what;

  os_flags_init (&flags, OS_FLAGS_FOR_TABLE);
  g_option_context_set_main_group (ctx, os_flags_option_group (&flags, 0, entries));
  g_option_context_set_summary (ctx, summary);
  /* WHAT is the one argument that is not a flag: parse it as os_cli_parse
   * would, then require exactly one */
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = os_cli_fail ("bench", error);
  else if (argc > 2)
    {
      g_printerr ("onestep-explorer bench: unexpected argument '%s' (one benchmark at a time)\n", argv[2]);
      g_printerr ("Try 'onestep-explorer bench --help'.\n");
      rc = OS_CLI_EXIT_USAGE;
    }
  else if (flags.version)
    {
      os_cli_print_version ();
      rc = 0;
    }
  else if (argc < 2)
    {
      g_printerr ("onestep-explorer bench: which benchmark? (valid: %s)\n", names);
      g_printerr ("Try 'onestep-explorer bench --help'.\n");
      rc = OS_CLI_EXIT_USAGE;
    }
  else if (repeats_text != NULL && !os_flags_parse_int32 ("--repeats", repeats_text, 1, 10000, &repeats, &error))
    rc = os_cli_fail ("bench", error);
  else
    {
      what = argv[1];
      rc = -1;
      for (guint i = 0; os_bench_table[i].name != NULL && rc < 0; i++)
        if (g_str_equal (what, os_bench_table[i].name))
          rc = os_bench_table[i].run (repeats);
      if (rc < 0 && g_str_equal (what, "all"))
        {
          rc = 0;
          for (guint i = 0; os_bench_table[i].name != NULL; i++)
            rc |= os_bench_table[i].run (repeats);
        }
      if (rc < 0)
        {
          g_printerr ("onestep-explorer bench: unknown benchmark '%s' (valid: %s)\n", what, names);
          g_printerr ("Try 'onestep-explorer bench --help'.\n");
          rc = OS_CLI_EXIT_USAGE;
        }
    }
  g_clear_pointer (&ctx, g_option_context_free);
  os_flags_clear (&flags);
  return rc;
}

const OsBench os_bench_table[] = {
  { "theory", bench_theory, "a 200-point α sweep of the theory, one thread" },
  { "phase", os_bench_phase, "a 64 × 64 α × η̃ phase diagram, on every core" },
  { "simulate", os_bench_simulate, "one d = 1000 network point, against DGEMM and NumPy" },
  { "sweep", os_bench_sweep, "the d = 2000, 7-α, 3-seed sweep shared, beside its points run alone" },
  { "precision", os_bench_precision, "one d = 1500 network point in double and in single precision" },
  { "spectrum", os_bench_spectrum, "a 400-point predicted feature density (target < 30 ms)" },
  { "figure", os_bench_figure, "the worker time of one slider change of the window (theory + spectra)" },
  { "layout", os_bench_layout, "the layout of the window's four plots at 1920 × 1080, per frame, against drawing them" },
  { "animate", os_bench_animate, "the time a frame of export --animate takes at 1280 × 720, per format" },
  { NULL, NULL, NULL }
};
