/* os-cli-theory.c — `onestep-explorer theory`: one point or a sweep of the
 * asymptotic theory (THEORY.md §5–6), as CSV or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-curve.h"
#include "os-error.h"
#include "os-finite-size.h"

#include <math.h>

typedef struct
{
  OsFlags   flags;
  gboolean  baseline;
  gboolean  learned_function;
  char     *kappa_nodes;
} TheoryArgs;

static const char *const point_columns[] = {
  "test_error", "train_error", "m", "q1", "q2", "theta", "psi", "V1", "V2",
  "r", "c", "gamma", "converged", "iterations",
  "V1_hat", "V2_hat", "q1_hat", "q2_hat", "theta_hat", "psi_hat",
  "residual", "method", "linear_floor", "spike_floor",
};

static void
set_point (OsTable *t, const OsTheoryPoint *p, const OsFloors *floors)
{
  os_table_set_double (t, "test_error", p->test_error);
  os_table_set_double (t, "train_error", p->train_error);
  os_table_set_double (t, "m", p->m);
  os_table_set_double (t, "q1", p->q1);
  os_table_set_double (t, "q2", p->q2);
  os_table_set_double (t, "theta", p->theta);
  os_table_set_double (t, "psi", p->psi);
  os_table_set_double (t, "V1", p->V1);
  os_table_set_double (t, "V2", p->V2);
  os_table_set_double (t, "r", p->r);
  os_table_set_double (t, "c", p->c);
  os_table_set_double (t, "gamma", p->gamma);
  os_table_set_bool (t, "converged", p->converged);
  os_table_set_int (t, "iterations", p->iterations);
  os_table_set_double (t, "V1_hat", p->V1_hat);
  os_table_set_double (t, "V2_hat", p->V2_hat);
  os_table_set_double (t, "q1_hat", p->q1_hat);
  os_table_set_double (t, "q2_hat", p->q2_hat);
  os_table_set_double (t, "theta_hat", p->theta_hat);
  os_table_set_double (t, "psi_hat", p->psi_hat);
  os_table_set_double (t, "residual", p->residual);
  os_table_set_string (t, "method", os_solver_method_name (p->method));
  os_table_set_double (t, "linear_floor", floors->linear);
  os_table_set_double (t, "spike_floor", floors->spike);
}

/* The finite-d columns of docs/SCIENCE.md §10 at one point: the uniform
 * finite-d test error beside the d → ∞ one, the threshold η̃_BBP(d), the
 * spike's singular value s = r√(βd) and the bulk edge c(1 + √β). */
static const char *const finite_columns[] = {
  "test_error_finite_d", "eta_bbp", "spike_singular_value", "bulk_edge",
};

static void
set_finite (OsTable *t, const OsParams *p, double d, double srf_error)
{
  OsWeakSpike ws;
  OsSpikeSize size;

  os_finite_size_spike (p, d, &size);
  os_table_set_double (t, "test_error_finite_d",
                       os_weak_spike_init (&ws, p, NULL) ? os_finite_d_error (p, &ws, d, srf_error)
                                                         : srf_error);
  os_table_set_double (t, "eta_bbp", size.eta_bbp);
  os_table_set_double (t, "spike_singular_value", size.spike_singular);
  os_table_set_double (t, "bulk_edge", size.bulk_edge);
}

static int
print_learned_function (const TheoryArgs *a, const OsTheoryOptions *opt)
{
  const OsParams *p = &a->flags.params;
  OsParams kernel = *p;
  OsTheoryPoint pt, kp;
  enum { N = 61 };
  double kappa[N], f[N], h[N], fk[N];
  g_autoptr (OsTable) t = NULL;
  const char *const cols[] = { "kappa", "f_hat", "h", "f_hat_kernel", NULL };

  kernel.eta = 0.0;
  os_theory_solve (p, opt, NULL, &pt, NULL);
  os_theory_solve (&kernel, opt, NULL, &kp, NULL);
  for (int i = 0; i < N; i++)
    kappa[i] = -3.0 + 6.0 * i / (N - 1);
  os_theory_learned_function (p, &pt, kappa, N, f, h);
  os_theory_learned_function (&kernel, &kp, kappa, N, fk, NULL);

  t = os_table_new (cols);
  for (int i = 0; i < N; i++)
    {
      os_table_add_row (t);
      os_table_set_double (t, "kappa", kappa[i]);
      os_table_set_double (t, "f_hat", f[i]);
      os_table_set_double (t, "h", h[i]);
      os_table_set_double (t, "f_hat_kernel", fk[i]);
    }
  os_table_print (t, a->flags.format, stdout);
  if (!pt.converged || !kp.converged)
    {
      g_printerr ("onestep-explorer theory: warning: the fixed point did not converge "
                  "(residual %.3g); the function is a best effort\n", MAX (pt.residual, kp.residual));
      return 1;
    }
  return 0;
}

int
os_cli_theory (int argc, char **argv)
{
  TheoryArgs a = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- asymptotic test error of one giant step");
  g_autoptr (OsCurve) curve = NULL;
  g_autoptr (OsTable) table = NULL;
  OsTheoryOptions opt;
  OsSweep sweep = { 0 };
  OsFloors floors;
  g_autofree char **columns = NULL;
  int n_columns = 0, n_kappa = 0;
  const GOptionEntry entries[] = {
    { "baseline", 0, 0, G_OPTION_ARG_NONE, &a.baseline,
      "Add kernel_error: the same curve at η̃ = 0 (random features at initialisation)", NULL },
    { "learned-function", 0, 0, G_OPTION_ARG_NONE, &a.learned_function,
      "Print f̂(κ), h(κ) and the η̃ = 0 function for κ in [−3, 3] instead", NULL },
    { "kappa-nodes", 0, 0, G_OPTION_ARG_STRING, &a.kappa_nodes,
      "Nodes of the κ quadrature rule, 8–512 (default 96)", "N" },
    G_OPTION_ENTRY_NULL
  };
  int rc = 0;

  os_flags_init (&a.flags, OS_FLAGS_FOR_TABLE);
  a.flags.points = 50;
  /* --d only places the finite-size quantities: the theory's own range */
  a.flags.d_min = (int) OS_FINITE_MIN_D;
  a.flags.d_max = (int) OS_FINITE_MAX_D;
  /* a parameter file's network_size is this --d; its d (the simulation's) is not used */
  a.flags.file_network_size_is_d = TRUE;
  a.flags.file_key_unused[OS_FLAG_D] = "the simulation's d; theory's --d is the file's network_size";
  os_flags_set_help (&a.flags, OS_FLAG_D,
                     "Input dimension d of the network, 10–100000000: adds test_error_finite_d "
                     "(the uniform finite-d test error), eta_bbp, spike_singular_value and "
                     "bulk_edge (docs/SCIENCE.md §10)");
  g_option_context_set_main_group (ctx, os_flags_option_group (&a.flags,
                                                               OS_FLAGS_PARAMETERS | OS_FLAGS_SWEEP
                                                               | OS_FLAG_BIT (OS_FLAG_D)
                                                               | OS_FLAG_BIT (OS_FLAG_FORMAT), entries));
  g_option_context_set_description (ctx,
    "Without --sweep, prints one row for the given point. The CSV header begins\n"
    "with the swept parameter (alpha for a single point), then test_error,\n"
    "train_error, m, q1, q2, theta, psi, V1, V2, r, c, gamma, converged,\n"
    "iterations and the conjugates. Parameter ranges: docs/SCIENCE.md §8.\n"
    "With --d N it adds test_error_finite_d (the test error of a network of\n"
    "input dimension N, where the d → ∞ jump at η̃ → 0⁺ is smoothed out;\n"
    "test_error stays the d → ∞ value), eta_bbp (the learning rate at which\n"
    "the spike leaves the bulk; nan/null when it does not for η̃ ≤ 10),\n"
    "spike_singular_value (s = r√(βN)) and bulk_edge (c(1 + √β)):\n"
    "docs/SCIENCE.md §10.\n"
    "Exit status: 0 ok, 1 some point did not converge (it is still printed,\n"
    "flagged converged=false), 2 bad input.\n"
    "\nExample:\n"
    "  onestep-explorer theory --sweep alpha --from 0.1 --to 5 --points 50\n");
  if (!os_cli_parse (ctx, "theory", &a.flags, &argc, &argv, &rc))
    goto out;

  os_theory_options_init_default (&opt);
  if (a.kappa_nodes != NULL)
    {
      if (!os_flags_parse_int32 ("--kappa-nodes", a.kappa_nodes, 8, 512, &n_kappa, &error))
        goto fail;
      opt.n_kappa = n_kappa;
    }

  if (a.learned_function)
    {
      /* one function at the given point: a sweep cannot apply; a --params
       * file's x-axis is not used (said), a flag's is refused */
      for (OsFlag f = OS_FLAG_SWEEP; f <= OS_FLAG_LINEAR; f++)
        if (os_flags_given (&a.flags, f)
            && !os_flags_warn_file_key (&a.flags, f, "--learned-function prints one function"))
          {
            g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                         "--learned-function prints one function at the given point; it takes no "
                         "--sweep, --from, --to, --points, --log or --linear");
            goto fail;
          }
      os_cli_print_warnings ("theory", &a.flags);
      rc = print_learned_function (&a, &opt);
      goto out;
    }

  if (os_flags_given (&a.flags, OS_FLAG_SWEEP))
    {
      OsSweep base = { a.flags.sweep_axis, 0.0, 0.0, a.flags.points, FALSE };

      if (!os_flags_given (&a.flags, OS_FLAG_FROM) || !os_flags_given (&a.flags, OS_FLAG_TO))
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--sweep needs --from and --to");
          goto fail;
        }
      if (!os_flags_get_sweep (&a.flags, &base, NULL, &sweep, &error))
        goto fail;
    }
  else
    {
      if (a.flags.given & (OS_FLAGS_SWEEP & ~OS_FLAG_BIT (OS_FLAG_SWEEP)))
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--from, --to, --points, --log and --linear need --sweep");
          goto fail;
        }
      sweep.axis = OS_PARAM_ALPHA;
      sweep.from = sweep.to = a.flags.params.alpha;
      sweep.points = 1;
    }

  curve = os_curve_compute (&a.flags.params, &sweep, &opt, NULL, NULL, NULL, &error);
  if (curve == NULL)
    goto fail;

  columns = g_new0 (char *, G_N_ELEMENTS (point_columns) + G_N_ELEMENTS (finite_columns) + 3);
  columns[n_columns++] = (char *) os_param_info (sweep.axis)->name;
  for (guint i = 0; i < G_N_ELEMENTS (point_columns); i++)
    {
      columns[n_columns++] = (char *) point_columns[i];
      /* test_error_finite_d beside test_error, the rest after the spike map */
      if (os_flags_given (&a.flags, OS_FLAG_D) && g_str_equal (point_columns[i], "test_error"))
        columns[n_columns++] = (char *) finite_columns[0];
      if (os_flags_given (&a.flags, OS_FLAG_D) && g_str_equal (point_columns[i], "gamma"))
        for (guint k = 1; k < G_N_ELEMENTS (finite_columns); k++)
          columns[n_columns++] = (char *) finite_columns[k];
    }
  if (a.baseline)
    columns[n_columns++] = (char *) "kernel_error";
  table = os_table_new ((const char *const *) columns);

  {
    g_autoptr (OsCurve) kernel = NULL;
    OsParams base = a.flags.params;

    if (a.baseline)
      {
        OsParams kbase = base;
        kbase.eta = 0.0;
        if (sweep.axis == OS_PARAM_ETA)
          {
            /* the baseline of an η̃ sweep is one point */
            OsSweep one = { OS_PARAM_ETA, 0.0, 0.0, 1, FALSE };
            kernel = os_curve_compute (&kbase, &one, &opt, NULL, NULL, NULL, &error);
          }
        else
          kernel = os_curve_compute (&kbase, &sweep, &opt, NULL, NULL, NULL, &error);
        if (kernel == NULL)
          goto fail;
      }

    for (int i = 0; i < curve->n; i++)
      {
        OsParams p = base;

        os_params_set (&p, sweep.axis, curve->x[i]);
        /* the floors depend on the teacher, Δ and the spike only */
        if (i == 0 || sweep.axis == OS_PARAM_ETA || sweep.axis == OS_PARAM_ALPHA0
            || sweep.axis == OS_PARAM_NOISE)
          {
            g_autoptr (OsKappaTable) t = os_kappa_table_new (&p, opt.n_kappa);
            floors.linear = os_theory_linear_floor (&p);
            floors.spike = os_theory_spike_floor (t);
          }
        os_table_add_row (table);
        os_table_set_double (table, os_param_info (sweep.axis)->name, curve->x[i]);
        set_point (table, &curve->points[i], &floors);
        if (os_flags_given (&a.flags, OS_FLAG_D))
          set_finite (table, &p, a.flags.view.d, curve->points[i].test_error);
        if (a.baseline)
          os_table_set_double (table, "kernel_error",
                               kernel->points[kernel->n == 1 ? 0 : i].test_error);
      }
    if (kernel != NULL && kernel->n_not_converged > 0)
      rc = 1;
  }

  os_table_print (table, a.flags.format, stdout);
  if (curve->n_not_converged > 0)
    {
      g_printerr ("onestep-explorer theory: %d of %d points did not converge (flagged converged=false)\n",
                  curve->n_not_converged, curve->n);
      rc = 1;
    }
  goto out;

fail:
  rc = os_cli_fail ("theory", error);
out:
  g_clear_pointer (&ctx, g_option_context_free);
  os_flags_clear (&a.flags);
  g_free (a.kappa_nodes);
  return rc;
}
