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

int
os_cli_bench (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("WHAT - median wall times (WHAT: theory, all)");
  g_autofree char *repeats_text = NULL;
  g_autoptr (GError) error = NULL;
  int repeats = 41;
  const GOptionEntry entries[] = {
    { "repeats", 0, 0, G_OPTION_ARG_STRING, &repeats_text, "Repetitions, 1–10000 (default 41)", "N" },
    G_OPTION_ENTRY_NULL
  };
  const char *what;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return os_cli_fail ("bench", error);
  if (repeats_text != NULL && !os_cli_parse_int ("--repeats", repeats_text, 1, 10000, &repeats, &error))
    return os_cli_fail ("bench", error);
  what = argc > 1 ? argv[1] : "theory";

  for (guint i = 0; os_bench_table[i].name != NULL; i++)
    if (g_str_equal (what, os_bench_table[i].name))
      return os_bench_table[i].run (repeats);
  if (g_str_equal (what, "all"))
    {
      int rc = 0;
      for (guint i = 0; os_bench_table[i].name != NULL; i++)
        rc |= os_bench_table[i].run (repeats);
      return rc;
    }
  g_printerr ("onestep-explorer bench: unknown benchmark '%s' (valid:", what);
  for (guint i = 0; os_bench_table[i].name != NULL; i++)
    g_printerr (" %s", os_bench_table[i].name);
  g_printerr (", all)\n");
  return OS_CLI_EXIT_USAGE;
}

const OsBench os_bench_table[] = {
  { "theory", bench_theory },
  { "phase", os_bench_phase },
  { "simulate", os_bench_simulate },
  { "spectrum", os_bench_spectrum },
  { "figure", os_bench_figure },
  { NULL, NULL }
};
