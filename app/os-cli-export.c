/* os-cli-export.c — `onestep-explorer export`: draw a plot, or the 2×2
 * figure of all four, to PNG, SVG or PDF without a display, and optionally
 * its data to CSV. The same render functions draw the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-error.h"
#include "os-export.h"
#include "os-figure.h"
#include "os-cli-export-phase.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

typedef struct
{
  OsCliCommon common;
  char       *plot, *output, *csv;
  char       *width, *height, *scale;
  char       *x_axis, *from, *to, *points;
  gboolean    log_spacing, linear_spacing;
  gboolean    simulate;
  char       *d, *seeds, *seed, *sim_points;
  char       *spectrum;
  gboolean    centered, spectrum_log, presentation;
} ExportArgs;

static void
export_args_clear (ExportArgs *a)
{
  g_free (a->plot);
  g_free (a->output);
  g_free (a->csv);
  g_free (a->width);
  g_free (a->height);
  g_free (a->scale);
  g_free (a->x_axis);
  g_free (a->from);
  g_free (a->to);
  g_free (a->points);
  g_free (a->d);
  g_free (a->seeds);
  g_free (a->seed);
  g_free (a->sim_points);
  g_free (a->spectrum);
}

/* A file can be created at path: its directory exists and is writable.
 * Checked before the computation so a typo does not cost a simulation;
 * the write itself reports anything else. */
static gboolean
check_writable (const char *flag, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "%s: '%s' is a directory", flag, path);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "%s: cannot write '%s': directory '%s' does not exist",
                   flag, path, dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "%s: cannot write '%s': %s", flag, path,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static int
fail (GError *error)
{
  /* bad input is a usage error (2); a file that cannot be written or a
   * computation that fails is a runtime error (1) */
  if (error->domain == OS_ERROR
      && (error->code == OS_ERROR_INVALID_ARGUMENT || error->code == OS_ERROR_PARSE
          || error->code == OS_ERROR_TOO_LARGE))
    return os_cli_fail ("export", error);
  g_printerr ("onestep-explorer export: %s\n", error->message);
  return 1;
}

int
os_cli_export (int argc, char **argv)
{
  ExportArgs a = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- draw the plots to PNG, SVG or PDF without a display");
  g_autoptr (OsFigure) fig = NULL;
  OsPlotKind kind = OS_PLOT_ALL;
  gboolean phase = FALSE;
  OsExportFormat format;
  OsPlotTheme theme;
  OsView view;
  int width = 1200, height = 800, rc = 0;
  double scale = 1.0;
  const GOptionEntry entries[] = {
    { "plot", 0, 0, G_OPTION_ARG_STRING, &a.plot,
      "Which plot: error, spectrum, overlaps, function, all (default all, a 2×2 figure), "
      "or phase (the phase diagram of ε_g over the x-axis × η̃)", "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
      "Output file; the format comes from the extension: .png, .svg or .pdf", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &a.csv,
      "Also write the plotted data as CSV (plot,series,x,y,y_err)", "FILE.csv" },
    { "width", 0, 0, G_OPTION_ARG_STRING, &a.width, "Width in pixels (PDF/SVG: points), 16–20000 (default 1200)", "W" },
    { "height", 0, 0, G_OPTION_ARG_STRING, &a.height, "Height, 16–20000 (default 800)", "H" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &a.scale,
      "PNG pixel density, 0.25–8: the image has width·scale × height·scale pixels (default 1)", "S" },
    { "presentation", 0, 0, G_OPTION_ARG_NONE, &a.presentation,
      "Larger text and lines, for a projector", NULL },
    { "x-axis", 0, 0, G_OPTION_ARG_STRING, &a.x_axis,
      "Axis of the error and overlap plots: alpha, alpha0, eta, lambda, beta, noise (default alpha)", "NAME" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &a.from, "Start of the axis (default: 0.1 for alpha, else the parameter's range)", "A" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &a.to, "End of the axis", "B" },
    { "points", 0, 0, G_OPTION_ARG_STRING, &a.points, "Theory points along the axis, 2–5000 (default 200)", "N" },
    { "log", 0, 0, G_OPTION_ARG_NONE, &a.log_spacing, "Log axis (default for alpha0, beta, lambda)", NULL },
    { "linear", 0, 0, G_OPTION_ARG_NONE, &a.linear_spacing, "Linear axis", NULL },
    { "simulate", 0, 0, G_OPTION_ARG_NONE, &a.simulate,
      "Also run the real network: points along the axis and the spectrum histogram", NULL },
    { "d", 0, 0, G_OPTION_ARG_STRING, &a.d, "Input dimension of the simulation, 16–4000 (default 400)", "D" },
    { "seeds", 0, 0, G_OPTION_ARG_STRING, &a.seeds, "Independent repetitions, 1–64 (default 2)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &a.seed, "First random seed, ≥ 0 (default 1)", "N" },
    { "sim-points", 0, 0, G_OPTION_ARG_STRING, &a.sim_points, "Simulated points along the axis, 1–100 (default 8)", "N" },
    { "spectrum", 0, 0, G_OPTION_ARG_STRING, &a.spectrum,
      "Spectrum of: weights (W) or features (Φ) (default weights)", "WHICH" },
    { "centered", 0, 0, G_OPTION_ARG_NONE, &a.centered, "Features with their column means removed", NULL },
    { "spectrum-log", 0, 0, G_OPTION_ARG_NONE, &a.spectrum_log,
      "Log axis on the spectrum, so the bulk and the spike both show", NULL },
    G_OPTION_ENTRY_NULL
  };

  os_cli_common_init (&a.common);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, os_cli_param_group (&a.common));
  g_option_context_set_description (ctx,
    "Needs no display. Exit status: 0 written, 1 the file could not be written\n"
    "or the computation failed, 2 bad input (the message names the flag).\n"
    "Points where the theory does not converge are drawn as hollow red markers.\n"
    "\nExamples:\n"
    "  onestep-explorer export --plot all --output figure.png\n"
    "  onestep-explorer export --plot error --x-axis eta --from 0 --to 5 --output eta.pdf\n"
    "  onestep-explorer export --plot spectrum --simulate --spectrum-log --output spectrum.svg\n");
  if (!os_cli_parse (ctx, "export", &argc, &argv))
    {
      export_args_clear (&a);
      return OS_CLI_EXIT_USAGE;
    }

  os_view_init_default (&view);
  os_plot_theme_init_default (&theme);
  if (a.presentation)
    os_plot_theme_init_presentation (&theme);

  phase = a.plot != NULL && g_ascii_strcasecmp (a.plot, "phase") == 0;
  if (a.plot != NULL && !phase && !os_plot_kind_from_name (a.plot, &kind))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--plot: unknown plot '%s' (valid: error, spectrum, overlaps, function, all, phase)", a.plot);
      goto fail;
    }
  if (a.output == NULL)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--output FILE.(png|svg|pdf) is required");
      goto fail;
    }
  if (!os_export_format_from_path (a.output, &format, &error))
    {
      g_prefix_error (&error, "--output: ");
      goto fail;
    }
  if (format == OS_EXPORT_CSV)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--output: '%s' is CSV; draw to .png, .svg or .pdf and use --csv for the data", a.output);
      goto fail;
    }
  if (a.csv != NULL)
    {
      OsExportFormat csv_format;

      if (!os_export_format_from_path (a.csv, &csv_format, &error) || csv_format != OS_EXPORT_CSV)
        {
          g_clear_error (&error);
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--csv: '%s' must end in .csv", a.csv);
          goto fail;
        }
    }
  if ((a.width && !os_cli_parse_int ("--width", a.width, 16, 20000, &width, &error))
      || (a.height && !os_cli_parse_int ("--height", a.height, 16, 20000, &height, &error)))
    goto fail;
  if (a.scale != NULL)
    {
      if (!os_cli_parse_double ("--scale", a.scale, &scale, &error))
        goto fail;
      if (!(scale >= 0.25 && scale <= 8))
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--scale: %g is outside the valid range [0.25, 8]", scale);
          goto fail;
        }
    }

  /* the axis */
  if (a.x_axis != NULL && !os_param_from_name (a.x_axis, &view.sweep.axis))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--x-axis: unknown parameter '%s' (valid: alpha, alpha0, eta, lambda, beta, noise)", a.x_axis);
      goto fail;
    }
  if (view.sweep.axis != OS_PARAM_ALPHA)
    {
      const OsParamInfo *info = os_param_info (view.sweep.axis);
      view.sweep.from = info->min;
      view.sweep.to = info->max;
      view.sweep.log_spacing = info->log_scale;
    }
  if (a.log_spacing && a.linear_spacing)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--log and --linear exclude each other");
      goto fail;
    }
  if (a.log_spacing)
    view.sweep.log_spacing = TRUE;
  if (a.linear_spacing)
    view.sweep.log_spacing = FALSE;
  if ((a.from && !os_cli_parse_double ("--from", a.from, &view.sweep.from, &error))
      || (a.to && !os_cli_parse_double ("--to", a.to, &view.sweep.to, &error))
      || (a.points && !os_cli_parse_int ("--points", a.points, 2, 5000, &view.sweep.points, &error)))
    goto fail;
  if (!os_sweep_validate (&view.sweep, &error))
    goto fail;

  /* the spectrum and the network */
  if (a.spectrum != NULL)
    {
      if (g_ascii_strcasecmp (a.spectrum, "weights") == 0)
        view.spectrum_matrix = OS_SPECTRUM_WEIGHTS;
      else if (g_ascii_strcasecmp (a.spectrum, "features") == 0)
        view.spectrum_matrix = OS_SPECTRUM_FEATURES;
      else
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--spectrum: '%s' is not a matrix (valid: weights, features)", a.spectrum);
          goto fail;
        }
    }
  view.spectrum_centered = a.centered;
  view.spectrum_log = a.spectrum_log;
  view.simulate = a.simulate;
  if ((a.d || a.seeds || a.seed || a.sim_points) && !a.simulate)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--d, --seeds, --seed and --sim-points need --simulate");
      goto fail;
    }
  if ((a.d && !os_cli_parse_int ("--d", a.d, 16, 4000, &view.sim.d, &error))
      || (a.seeds && !os_cli_parse_int ("--seeds", a.seeds, 1, 64, &view.sim.seeds, &error))
      || (a.sim_points && !os_cli_parse_int ("--sim-points", a.sim_points, 1, 100, &view.sim_points, &error)))
    goto fail;
  if (a.seed != NULL)
    {
      int seed;
      if (!os_cli_parse_int ("--seed", a.seed, 0, G_MAXINT, &seed, &error))
        goto fail;
      view.sim.seed = (guint64) seed;
    }
  if (!os_params_validate (&a.common.params, &error))
    goto fail;

  /* fail on an unwritable path before the computation, not after */
  if (!check_writable ("--output", a.output, &error) || (a.csv && !check_writable ("--csv", a.csv, &error)))
    goto fail;

  if (phase)
    {
      /* ε_g over the axis × η̃ (app/os-cli-export-phase.c) */
      if (!os_cli_export_phase (&a.common.params, &view.sweep, a.points != NULL, &theme,
                                a.output, a.csv, width, height, scale, &error))
        goto fail;
      goto out;
    }
  fig = os_figure_compute_all (&a.common.params, &view, NULL, &error);
  if (fig == NULL)
    goto fail;
  if (!os_export_figure (fig, kind, &theme, a.output, width, height, scale, &error))
    goto fail;
  if (a.csv != NULL && !os_export_csv (fig, kind, a.csv, &error))
    goto fail;
  if (fig->theory->curve->n_not_converged > 0)
    g_printerr ("onestep-explorer export: warning: %d of %d theory points did not converge "
                "(drawn as hollow red markers)\n", fig->theory->curve->n_not_converged, fig->theory->curve->n);
  goto out;

fail:
  rc = fail (error);
out:
  export_args_clear (&a);
  return rc;
}
