/* os-cli-simulate.c — `onestep-explorer simulate`: the real network of
 * THEORY.md §1 at a finite d, its test error and the measured order
 * parameters of §6, beside the theory's test error; and `bench simulate`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-simulate.h"
#include "os-bench.h"
#include "os-error.h"
#include "os-finite-size.h"
#include "os-theory.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif

#define SWEEP_POINTS_DEFAULT 8   /* --sweep with --from and --to: as the window's simulated points */

typedef struct
{
  OsFlags flags;
  char   *ntest;
  char   *values;
  char   *precision, *shard;
} SimulateArgs;

static const char *const result_columns[] = {
  "test_error", "test_error_std", "train_error", "train_error_std",
  "m", "q1", "q2", "theta", "psi", "r", "c", "gamma", "seconds",
  "theory_test_error", "theory_train_error", "theory_r", "theory_c", "theory_gamma",
  "theory_converged", "eta_bbp", "spike_singular_value", "bulk_edge", "m_identifiable",
  "m_std", "q1_std", "q2_std", "theta_std", "psi_std", "r_std", "c_std", "gamma_std",
  "d", "p", "n0", "n", "n_test", "seeds",
};

/* "v1,v2,..." for parameter id: each a finite number inside its range */
static double *
parse_values (const char *text, OsParamId id, int *n_out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  const OsParamInfo *info = os_param_info (id);
  int n = g_strv_length (parts);
  g_autofree double *values = NULL;

  if (n == 0 || (n == 1 && *g_strstrip (parts[0]) == '\0'))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "--values: give a comma-separated list of numbers");
      return NULL;
    }
  values = g_new (double, n);
  for (int i = 0; i < n; i++)
    {
      if (!os_flags_parse_number ("--values", g_strstrip (parts[i]), &values[i], error))
        return NULL;
      if (values[i] < info->min || values[i] > info->max)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--values: %s = %g is outside the valid range [%g, %g]",
                       info->name, values[i], info->min, info->max);
          return NULL;
        }
    }
  *n_out = n;
  return g_steal_pointer (&values);
}

static void
set_result (OsTable *t, const OsSimResult *s, const OsTheoryPoint *th,
            const OsParams *params, const OsSimConfig *cfg)
{
  int p, n0, n;

  os_sim_sizes (params, cfg->d, &p, &n0, &n);
  os_table_set_double (t, "test_error", s->test_error);
  os_table_set_double (t, "test_error_std", s->test_error_std);
  os_table_set_double (t, "train_error", s->train_error);
  os_table_set_double (t, "train_error_std", s->train_error_std);
  os_table_set_double (t, "m", s->m);
  os_table_set_double (t, "q1", s->q1);
  os_table_set_double (t, "q2", s->q2);
  os_table_set_double (t, "theta", s->theta);
  os_table_set_double (t, "psi", s->psi);
  os_table_set_double (t, "r", s->r);
  os_table_set_double (t, "c", s->c);
  os_table_set_double (t, "gamma", s->gamma);
  os_table_set_double (t, "seconds", s->seconds);
  os_table_set_double (t, "theory_test_error", th->test_error);
  os_table_set_double (t, "theory_train_error", th->train_error);
  os_table_set_double (t, "theory_r", th->r);
  os_table_set_double (t, "theory_c", th->c);
  os_table_set_double (t, "theory_gamma", th->gamma);
  os_table_set_bool (t, "theory_converged", th->converged);
  {
    /* at the network's d: where its spike leaves the bulk, and whether m
     * means anything (docs/SCIENCE.md §10) */
    OsSpikeSize size;

    os_finite_size_spike (params, cfg->d, &size);
    os_table_set_double (t, "eta_bbp", size.eta_bbp);
    os_table_set_double (t, "spike_singular_value", size.spike_singular);
    os_table_set_double (t, "bulk_edge", size.bulk_edge);
    os_table_set_bool (t, "m_identifiable", os_finite_size_m_identifiable (params, cfg->d));
  }
  os_table_set_double (t, "m_std", s->m_std);
  os_table_set_double (t, "q1_std", s->q1_std);
  os_table_set_double (t, "q2_std", s->q2_std);
  os_table_set_double (t, "theta_std", s->theta_std);
  os_table_set_double (t, "psi_std", s->psi_std);
  os_table_set_double (t, "r_std", s->r_std);
  os_table_set_double (t, "c_std", s->c_std);
  os_table_set_double (t, "gamma_std", s->gamma_std);
  os_table_set_int (t, "d", cfg->d);
  os_table_set_int (t, "p", p);
  os_table_set_int (t, "n0", n0);
  os_table_set_int (t, "n", n);
  os_table_set_int (t, "n_test", cfg->n_test);
  os_table_set_int (t, "seeds", s->seeds);
}

static void
free_args (SimulateArgs *a)
{
  os_flags_clear (&a->flags);
  g_free (a->ntest);
  g_free (a->values);
  g_free (a->precision);
  g_free (a->shard);
}

OsTable *
os_sim_job_table (const OsSimJob *job, const OsSimSeedRow *rows, int *n_not_converged,
                  GError **error)
{
  g_autoptr (OsTable) table = NULL;
  g_autofree char **columns = g_new0 (char *, G_N_ELEMENTS (result_columns) + 2);
  const char *axis_name = os_param_info (job->axis)->name;
  int n_columns = 0;

  *n_not_converged = 0;
  columns[n_columns++] = (char *) axis_name;
  for (guint i = 0; i < G_N_ELEMENTS (result_columns); i++)
    columns[n_columns++] = (char *) result_columns[i];
  table = os_table_new ((const char *const *) columns);
  for (int i = 0; i < job->n_values; i++)
    {
      OsParams p = job->params;
      OsSimResult sim;
      OsTheoryPoint th;

      os_params_set (&p, job->axis, job->values[i]);
      os_sim_result_from_rows (rows + (gsize) i * job->cfg.seeds, job->cfg.seeds, &sim);
      if (!os_theory_solve (&p, NULL, NULL, &th, error))
        return NULL;
      *n_not_converged += !th.converged;
      os_table_add_row (table);
      os_table_set_double (table, axis_name, job->values[i]);
      set_result (table, &sim, &th, &p, &job->cfg);
    }
  return g_steal_pointer (&table);
}

/* --shard i/N: 1 ≤ i ≤ N */
static gboolean
parse_shard (const char *text, int *index, int *count, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "/", -1);
  gint64 i, n;

  if (g_strv_length (parts) != 2
      || !os_flags_parse_int ("--shard", parts[0], G_MININT, G_MAXINT, &i, NULL)
      || !os_flags_parse_int ("--shard", parts[1], G_MININT, G_MAXINT, &n, NULL))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--shard: '%s' is not i/N (two whole numbers, 1 ≤ i ≤ N)", text);
      return FALSE;
    }
  if (n < 1 || n > 1000000 || i < 1 || i > n)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--shard: %s: i must be in 1..N and N in 1..1000000", text);
      return FALSE;
    }
  *index = (int) i;
  *count = (int) n;
  return TRUE;
}

/* The swept values: --sweep NAME with --values v1,v2,... or with --from A
 * --to B [--points N] [--log]; without --sweep, the one point at α. */
static double *
swept_values (SimulateArgs *a, OsParamId *axis, int *n_values, GError **error)
{
  OsFlags *flags = &a->flags;
  guint64 range_flags = OS_FLAGS_SWEEP & ~OS_FLAG_BIT (OS_FLAG_SWEEP);
  double *values;

  /* --values gives the swept values: a --params file's range is not used */
  if (a->values != NULL && (flags->given & range_flags & flags->from_file))
    {
      for (OsFlag f = OS_FLAG_FROM; f <= OS_FLAG_LINEAR; f++)
        if (flags->given & flags->from_file & OS_FLAG_BIT (f))
          os_flags_warn_file_key (flags, f, "--values gives the swept values");
      flags->given &= ~(range_flags & flags->from_file);
      os_cli_print_warnings ("simulate", flags);
    }

  *axis = OS_PARAM_ALPHA;
  if (!os_flags_given (flags, OS_FLAG_SWEEP))
    {
      if (a->values != NULL || (flags->given & range_flags))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       a->values != NULL ? "--values needs --sweep"
                                         : "--from, --to, --points, --log and --linear need --sweep");
          return NULL;
        }
      *n_values = 1;
      values = g_new (double, 1);
      values[0] = flags->params.alpha;
      return values;
    }
  *axis = flags->sweep_axis;
  if (a->values != NULL)
    {
      if (flags->given & range_flags)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--values excludes --from, --to, --points, --log and --linear");
          return NULL;
        }
      return parse_values (a->values, *axis, n_values, error);
    }
  if (os_flags_given (flags, OS_FLAG_FROM) && os_flags_given (flags, OS_FLAG_TO))
    {
      OsSweep base = { *axis, 0.0, 0.0, SWEEP_POINTS_DEFAULT, FALSE }, sweep;

      if (!os_flags_get_sweep (flags, &base, NULL, &sweep, error))
        return NULL;
      values = g_new (double, sweep.points);
      os_sweep_values (&sweep, values);
      *n_values = sweep.points;
      return values;
    }
  g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
               "--sweep needs --values v1,v2,... or --from A --to B");
  return NULL;
}

int
os_cli_simulate (int argc, char **argv)
{
  SimulateArgs a = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- simulate the network: one giant step, then ridge");
  g_autoptr (OsTable) table = NULL;
  g_autofree double *values = NULL;
  g_autofree char *description = NULL;
  g_autofree OsSimSeedRow *rows = NULL;
  g_autofree guint8 *wanted = NULL;
  OsSimConfig cfg;
  OsParamId axis = OS_PARAM_ALPHA;
  OsSimJob job = { 0 };
  int n_values = 1, rc = 0, n_not_converged = 0, shard_index = 0, shard_count = 0;
  const GOptionEntry entries[] = {
    { "ntest", 0, 0, G_OPTION_ARG_STRING, &a.ntest, "Fresh test samples, 2000–10000000 (default 2000)", "N" },
    { "values", 0, 0, G_OPTION_ARG_STRING, &a.values,
      "Values of the swept parameter: v1,v2,... (or --from, --to and --points)", "LIST" },
    { "precision", 0, 0, G_OPTION_ARG_STRING, &a.precision,
      "double (default) or single: the step's and the features' products in float (sgemm); "
      "the Gram matrix, the solve and the error sums stay in double", "P" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &a.shard,
      "Run the i-th of N slices of the sweep's (value, seed) pairs and print its rows for "
      "'onestep-explorer merge'", "i/N" },
    G_OPTION_ENTRY_NULL
  };

  os_sim_config_init_default (&cfg);
  os_flags_init (&a.flags, OS_FLAGS_FOR_TABLE);
  a.flags.view.d = cfg.d;
  a.flags.view.seeds = cfg.seeds;
  a.flags.view.seed = cfg.seed;
  a.flags.points = SWEEP_POINTS_DEFAULT;
  /* a window's file has the curve's resolution (200 points); the network
   * runs at --points points along the axis, as the window's 8 */
  a.flags.file_key_unused[OS_FLAG_POINTS] = "the simulated points are --points, default 8, as the window's";
  g_option_context_set_main_group (ctx, os_flags_option_group (&a.flags,
                                                               OS_FLAGS_PARAMETERS | OS_FLAGS_SWEEP
                                                               | OS_FLAGS_NETWORK
                                                               | OS_FLAG_BIT (OS_FLAG_MEMORY_BUDGET)
                                                               | OS_FLAG_BIT (OS_FLAG_FORMAT), entries));
  description = g_strdup_printf (
    "Runs the network of docs/SCIENCE.md §1 (x ~ N(0, I_d), one giant step on n0 samples,\n"
    "ridge readout on n fresh samples) for several seeds and prints the mean and\n"
    "the standard deviation over the seeds. The CSV header begins with the swept\n"
    "parameter (alpha for a single point), then test_error, test_error_std,\n"
    "train_error, train_error_std, the measured order parameters m q1 q2 theta psi\n"
    "r c gamma of docs/SCIENCE.md §6, seconds, and the theory's theory_test_error.\n"
    "At the network's d: eta_bbp (where the spike leaves the bulk), the spike's\n"
    "spike_singular_value against bulk_edge, and m_identifiable (false when the\n"
    "mean feature is too weak for the data to fix m: the measured m is then\n"
    "noise) — docs/SCIENCE.md §10.\n"
    "seconds is the compute time of the point summed over its seeds (in a sweep that\n"
    "shares its work, what the points share goes to the first that needs it).\n"
    "Exit status: 0 ok, 1 the theory did not converge somewhere (still printed)\n"
    "or the system ran out of memory, 2 bad input or a run over the memory budget.\n"
    "\nSweeps share their work: for one seed, what the swept value does not change is\n"
    "computed once, and every point equals the same point run alone (to 1e-9 relative;\n"
    "bit for bit for lambda, noise and eta):\n"
    "  %s\n  %s\n  %s\n  %s\n  %s\n  %s\n"
    "Memory (MiB = 2^20 bytes, doubles of 8 bytes): one point needs W1 (p d), the\n"
    "features (max(p d, n p)), a Gram matrix (min(n, p)^2) and a chunk of samples\n"
    "(1024 d); an alpha sweep adds the test features (ntest p) and a second p x p\n"
    "Gram matrix, a lambda sweep the test features and a copy of the Gram matrix\n"
    "(two with 20 values or more), a noise sweep the step's samples and slopes\n"
    "(n0 (d + p)), an eta sweep W0 and the step's direction (2 p d); when that does\n"
    "not fit --memory-budget the sweep runs point by point. d = 2000 (defaults):\n"
    "143 MiB a point, 269 MiB for alpha up to 4; d = 8000, alpha = 2: 2025 MiB.\n"
    "--precision single adds a float copy of W and of a step product (p d).\n"
    "Seeds run concurrently, one BLAS thread each, for d <= 160 (above it one BLAS\n"
    "call fills the cores better).\n"
    "\nSweeps across machines: --shard i/N runs the i-th of N contiguous slices of the\n"
    "sweep's (value, seed) pairs, seed by seed, and prints them (CSV) with the sweep's\n"
    "key; 'onestep-explorer merge FILE…' prints the table of the whole run. Give\n"
    "every shard the same flags (README: GNU parallel, --sshlogin, Slurm).\n"
    "\nExamples:\n"
    "  onestep-explorer simulate --d 400 --sweep alpha --values 0.5,1,2\n"
    "  onestep-explorer simulate --d 400 --sweep lambda --from 1e-3 --to 1 --points 4 --log\n"
    "  onestep-explorer simulate --d 2000 --sweep alpha --values 0.5,1,2 --shard 1/3 > s1.csv\n",
    os_sim_sweep_sharing (OS_PARAM_ALPHA), os_sim_sweep_sharing (OS_PARAM_LAMBDA),
    os_sim_sweep_sharing (OS_PARAM_NOISE), os_sim_sweep_sharing (OS_PARAM_ETA),
    os_sim_sweep_sharing (OS_PARAM_ALPHA0), os_sim_sweep_sharing (OS_PARAM_BETA));
  g_option_context_set_description (ctx, description);
  if (!os_cli_parse (ctx, "simulate", &a.flags, &argc, &argv, &rc))
    {
      g_clear_pointer (&ctx, g_option_context_free);
      free_args (&a);
      return rc;
    }

  cfg.d = a.flags.view.d;
  cfg.seeds = a.flags.view.seeds;
  cfg.seed = a.flags.view.seed;
  cfg.memory_budget = a.flags.memory_budget;
  {
    int v;

    if (a.ntest != NULL)
      {
        if (!os_flags_parse_int32 ("--ntest", a.ntest, OS_SIM_MIN_N_TEST, OS_SIM_MAX_N_TEST, &v, &error))
          goto fail;
        cfg.n_test = v;
      }
  }

  if (a.precision != NULL)
    {
      if (g_str_equal (a.precision, "single"))
        cfg.precision = OS_SIM_PRECISION_SINGLE;
      else if (!g_str_equal (a.precision, "double"))
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--precision: '%s' is not single or double", a.precision);
          goto fail;
        }
    }
  if (a.shard != NULL)
    {
      if (!parse_shard (a.shard, &shard_index, &shard_count, &error))
        goto fail;
      if (a.flags.format != OS_FORMAT_CSV)
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--format json: a shard prints CSV rows for 'onestep-explorer merge' "
                       "(merge --format json prints the table as JSON)");
          goto fail;
        }
    }

  values = swept_values (&a, &axis, &n_values, &error);
  if (values == NULL)
    goto fail;

  /* check every point (sizes) and the sweep's memory before the first long run */
  for (int i = 0; i < n_values; i++)
    {
      OsParams p = a.flags.params;

      os_params_set (&p, axis, values[i]);
      if (!os_sim_config_validate (&p, &cfg, &error))
        {
          if (!g_str_has_prefix (error->message, "--"))
            g_prefix_error (&error, "--d: ");
          goto fail;
        }
    }
  rows = g_new0 (OsSimSeedRow, (gsize) n_values * cfg.seeds);
  if (os_simulation_sweep_memory_needed (&a.flags.params, axis, values, n_values, &cfg)
      > (cfg.memory_budget ? cfg.memory_budget : OS_SIM_DEFAULT_MEMORY_BUDGET))
    {
      /* refused before any work, with the figure */
      os_simulate_sweep (&a.flags.params, axis, values, n_values, &cfg, NULL, NULL, NULL, NULL,
                         NULL, NULL, rows, &error);
      g_prefix_error (&error, "--d, --memory-budget: ");
      goto fail;
    }

  job = (OsSimJob) { a.flags.params, cfg, axis, n_values, g_steal_pointer (&values) };
  if (shard_count > 0)
    {
      const int pairs = n_values * cfg.seeds;
      int from, to;

      wanted = g_new0 (guint8, pairs);
      os_sim_shard_slice (pairs, shard_index, shard_count, &from, &to);
      for (int j = from; j < to; j++)
        wanted[(gsize) (j % n_values) * cfg.seeds + j / n_values] = 1;
    }
  if (!os_simulate_sweep (&job.params, axis, job.values, n_values, &cfg, wanted, NULL, NULL, NULL,
                          NULL, NULL, rows, &error))
    goto fail;
  if (shard_count > 0)
    os_sim_shard_print (&job, shard_index, shard_count, wanted, rows, stdout);
  else
    {
      table = os_sim_job_table (&job, rows, &n_not_converged, &error);
      if (table == NULL)
        goto fail;
      os_table_print (table, a.flags.format, stdout);
    }
  if (n_not_converged > 0)
    {
      g_printerr ("onestep-explorer simulate: the theory did not converge at %d of %d points "
                  "(flagged theory_converged=false)\n", n_not_converged, n_values);
      rc = 1;
    }
  os_sim_job_clear (&job);
  g_clear_pointer (&ctx, g_option_context_free);
  free_args (&a);
  return rc;

fail:
  os_sim_job_clear (&job);
  g_clear_pointer (&ctx, g_option_context_free);
  free_args (&a);
  return os_cli_fail_error ("simulate", error);
}

/* ---- bench simulate -------------------------------------------------------- */

#ifndef OS_SOURCE_DIR
#define OS_SOURCE_DIR "."
#endif

/* median seconds of an n × n × n dgemm */
static double
dgemm_seconds (int n, int repeats)
{
  g_autofree double *A = g_new (double, (gsize) n * n);
  g_autofree double *B = g_new (double, (gsize) n * n);
  g_autofree double *C = g_new (double, (gsize) n * n);
  g_autofree double *t = g_new (double, repeats);

  for (gsize k = 0; k < (gsize) n * n; k++)
    {
      A[k] = sin ((double) k);
      B[k] = cos ((double) k);
    }
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0, C, n);  /* warm-up */
  for (int r = 0; r < repeats; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, A, n, B, n, 0.0, C, n);
      t[r] = (g_get_monotonic_time () - t0) * 1e-6;
    }
  return os_bench_median (t, repeats);
}

/* In the child, before exec: end with the parent. A SIGTERM or a Ctrl+C
 * to `bench simulate` must not leave the NumPy run going on its own. */
static void
die_with_parent (gpointer parent_pid)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* the parent may have gone before the prctl */
  if (getppid () != (pid_t) GPOINTER_TO_INT (parent_pid))
    _exit (1);
#else
  (void) parent_pid;
#endif
}

/* runs scripts/bench_numpy.py with the same sizes and thread count; returns
 * its median seconds (NAN when it cannot run) and its test error */
static double
numpy_seconds (int d, int p, int n0, int n, int n_test, int repeats, int threads, double *test_error)
{
  g_autofree char *script = g_build_filename (OS_SOURCE_DIR, "scripts", "bench_numpy.py", NULL);
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  g_autofree char *sd = g_strdup_printf ("%d", d), *sp = g_strdup_printf ("%d", p);
  g_autofree char *sn0 = g_strdup_printf ("%d", n0), *sn = g_strdup_printf ("%d", n);
  g_autofree char *st = g_strdup_printf ("%d", n_test), *sr = g_strdup_printf ("%d", repeats);
  g_autofree char *sthreads = g_strdup_printf ("%d", threads);
  const char *argv[] = { python, script, "--d", sd, "--p", sp, "--n0", sn0, "--n", sn,
                         "--ntest", st, "--repeats", sr, NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *median, *te;

  *test_error = NAN;
  if (!g_file_test (script, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench simulate: %s not found; no NumPy comparison\n", script);
      return NAN;
    }
  /* the same BLAS thread count; OPENBLAS_CORETYPE etc. are inherited as they are */
  envp = g_environ_setenv (envp, "OPENBLAS_NUM_THREADS", sthreads, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, die_with_parent,
                     GINT_TO_POINTER ((int) getpid ()), &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench simulate: the NumPy run failed: %s\n%s", error->message, err ? err : "");
      return NAN;
    }
  median = strstr (out, "numpy_median_s=");
  te = strstr (out, "test_error=");
  if (median == NULL)
    {
      g_printerr ("bench simulate: unexpected NumPy output: %s\n", out);
      return NAN;
    }
  if (te != NULL)
    *test_error = g_ascii_strtod (te + strlen ("test_error="), NULL);
  return g_ascii_strtod (median + strlen ("numpy_median_s="), NULL);
}

/* One simulation point: d = p = 1000, α = 2, α0 = 0.5, one seed, n_test =
 * 2000, tanh/tanh, η̃ = 1, λ = 0.01 (issue #3's benchmark). At most 7 repeats
 * (one point takes about a second). Each repeat runs, back to back, the C
 * point, a 1000³ dgemm and the NumPy point (a fresh python3 process, whose
 * own timer excludes its start-up and a warm-up run), so that the three see
 * the same load on a shared machine; the ratio is the median of the
 * per-repeat ratios. */
int
os_bench_simulate (int repeats)
{
  OsParams params;
  OsSimConfig cfg;
  OsSimResult res = { 0 };
  g_autoptr (GError) error = NULL;
  const int reps = MIN (repeats, 7);
  const int threads = openblas_get_num_threads ();
  g_autofree double *t = g_new (double, reps);
  g_autofree double *gemm_rate = g_new (double, reps);
  g_autofree double *dgemm = g_new (double, reps);
  g_autofree double *np = g_new (double, reps);
  g_autofree double *ratio = g_new (double, reps);
  int p, n0, n, np_ok = 0;
  double med, gemm_med, dgemm_rate, np_med = NAN, ratio_med = NAN, np_test = NAN;

  os_params_init_default (&params);
  params.alpha = 2.0;
  params.alpha0 = 0.5;
  params.beta = 1.0;
  params.eta = 1.0;
  params.lambda = 0.01;
  os_sim_config_init_default (&cfg);
  cfg.d = 1000;
  cfg.seeds = 1;
  cfg.seed = 1;
  cfg.n_test = 2000;
  os_sim_sizes (&params, cfg.d, &p, &n0, &n);

  for (int r = 0; r < reps; r++)
    {
      double np_sec, np_err;

      if (!os_simulate (&params, &cfg, NULL, NULL, NULL, &res, &error))
        {
          g_printerr ("bench simulate: %s\n", error->message);
          return 1;
        }
      t[r] = res.seconds;
      gemm_rate[r] = res.blas3_flops / res.blas3_seconds;
      dgemm[r] = dgemm_seconds (1000, 1);
      np_sec = numpy_seconds (cfg.d, p, n0, n, cfg.n_test, 1, threads, &np_err);
      if (isfinite (np_sec))
        {
          np[np_ok] = np_sec;
          ratio[np_ok] = t[r] / np_sec;
          np_test = np_err;
          np_ok++;
        }
    }
  med = os_bench_median (t, reps);
  gemm_med = os_bench_median (gemm_rate, reps);
  dgemm_rate = 2.0 * 1000.0 * 1000.0 * 1000.0 / os_bench_median (dgemm, reps);
  if (np_ok > 0)
    {
      np_med = os_bench_median (np, np_ok);
      ratio_med = os_bench_median (ratio, np_ok);
    }

  g_print ("bench simulate: one point (d=p=%d, n0=%d, n=%d, n_test=%d, tanh/tanh, eta=1, lambda=0.01), "
           "one seed, %d repeats, %d BLAS thread%s\n", cfg.d, n0, n, cfg.n_test, reps, threads,
           threads == 1 ? "" : "s");
  g_print ("  test error %.4f (NumPy run, other random numbers: %.4f); %.2f GFLOP per point, "
           "%.0f %% of them in dgemm/dsyrk\n", res.test_error, np_test, res.flops * 1e-9,
           100.0 * res.blas3_flops / res.flops);
  g_print ("simulate_median_ms=%.1f gflops=%.2f gflops_per_s=%.2f dgemm_gflops_per_s=%.2f "
           "gemm_part_gflops_per_s=%.2f gemm_part_pct_of_dgemm=%.1f numpy_median_ms=%.1f "
           "time_ratio_vs_numpy=%.3f\n",
           1000 * med, res.flops * 1e-9, res.flops * 1e-9 / med, dgemm_rate * 1e-9,
           gemm_med * 1e-9, 100.0 * gemm_med / dgemm_rate, 1000 * np_med, ratio_med);
  return np_ok == reps ? 0 : 1;
}
