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

#include <math.h>

typedef struct
{
  OsFlags flags;    /* parameters, x-axis, simulation, spectrum, presentation */
  char   *plot, *output, *csv;
  char   *width, *height, *scale;
  char   *sim_points;
} ExportArgs;

static void
export_args_clear (ExportArgs *a)
{
  os_flags_clear (&a->flags);
  g_free (a->plot);
  g_free (a->output);
  g_free (a->csv);
  g_free (a->width);
  g_free (a->height);
  g_free (a->scale);
  g_free (a->sim_points);
}

/* The range of an axis other than α when --from/--to are not given: the
 * parameter's whole range. */
static void
parameter_range (OsParamId axis, double *from, double *to, gboolean *log_spacing)
{
  const OsParamInfo *info = os_param_info (axis);

  *from = info->min;
  *to = info->max;
  *log_spacing = info->log_scale;
}

/* A file can be written at path (model/os-output.h): checked before the
 * computation so a typo does not cost a simulation. */
static gboolean
check_writable (const char *flag, const char *path, GError **error)
{
  if (os_output_check (path, error))
    return TRUE;
  g_prefix_error (error, "%s: ", flag);
  return FALSE;
}

/* bad input is a usage error (2); a file that cannot be written or a
 * computation that fails is a runtime error (1) */
static int
fail (GError *error)
{
  return os_cli_fail_error ("export", error);
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
    { "sim-points", 0, 0, G_OPTION_ARG_STRING, &a.sim_points, "Simulated points along the axis, 1–100 (default 8)", "N" },
    G_OPTION_ENTRY_NULL
  };

  os_flags_init (&a.flags, OS_FLAGS_FOR_PLOT);
  os_flags_set_help (&a.flags, OS_FLAG_FROM,
                     "Start of the x-axis (default: 0.1 for alpha, else the parameter's range)");
  g_option_context_set_main_group (ctx, os_flags_option_group (&a.flags,
                                                               OS_FLAGS_PARAMETERS | OS_FLAGS_SWEEP
                                                               | OS_FLAG_BIT (OS_FLAG_X_AXIS)
                                                               | OS_FLAG_BIT (OS_FLAG_SIMULATE)
                                                               | OS_FLAGS_NETWORK | OS_FLAGS_SPECTRUM_VIEW
                                                               | OS_FLAG_BIT (OS_FLAG_MEMORY_BUDGET)
                                                               | OS_FLAG_BIT (OS_FLAG_NETWORK_SIZE)
                                                               | OS_FLAG_BIT (OS_FLAG_PRESENTATION), entries));
  g_option_context_set_description (ctx,
    "Needs no display. Exit status: 0 written, 1 the file could not be written\n"
    "or the computation failed, 2 bad input (the message names the flag).\n"
    "Points where the theory does not converge are drawn as hollow red markers.\n"
    "With --plot phase, --points is the cells per axis (default 64, at most 1024).\n"
    "Parameter ranges: docs/SCIENCE.md §8.\n"
    "\nExamples:\n"
    "  onestep-explorer export --plot all --output figure.png\n"
    "  onestep-explorer export --plot error --sweep eta --from 0 --to 5 --output eta.pdf\n"
    "  onestep-explorer export --plot spectrum --simulate --spectrum-log --output spectrum.svg\n");
  if (!os_cli_parse (ctx, "export", &a.flags, &argc, &argv, &rc))
    {
      g_clear_pointer (&ctx, g_option_context_free);
      export_args_clear (&a);
      return rc;
    }

  os_view_init_default (&view);
  os_plot_theme_init_default (&theme);
  if (a.flags.presentation)
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
  if ((a.width && !os_flags_parse_int32 ("--width", a.width, 16, 20000, &width, &error))
      || (a.height && !os_flags_parse_int32 ("--height", a.height, 16, 20000, &height, &error)))
    goto fail;
  if (a.scale != NULL)
    {
      if (!os_flags_parse_number ("--scale", a.scale, &scale, &error))
        goto fail;
      if (!(scale >= 0.25 && scale <= 8))
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--scale: %g is outside the valid range [0.25, 8]", scale);
          goto fail;
        }
    }

  /* the axis: alpha from 0.1 to 5 (200 points), or --sweep's */
  if (!os_flags_get_sweep (&a.flags, &view.sweep, parameter_range, &view.sweep, &error))
    goto fail;

  /* the spectrum and the network */
  view.spectrum_matrix = a.flags.spectrum;
  view.spectrum_centered = a.flags.centered;
  view.spectrum_log = a.flags.spectrum_log;
  view.simulate = a.flags.view.simulate;
  /* a --params file's network keys are its settings for when it simulates */
  if (((a.flags.given & ~a.flags.from_file & (OS_FLAGS_NETWORK | OS_FLAG_BIT (OS_FLAG_MEMORY_BUDGET)))
       || a.sim_points) && !view.simulate)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--d, --seeds, --seed, --memory-budget and --sim-points need --simulate");
      goto fail;
    }
  view.sim.d = a.flags.view.d;
  view.sim.seeds = a.flags.view.seeds;
  view.sim.seed = a.flags.view.seed;
  view.sim.memory_budget = a.flags.memory_budget;
  view.network_d = a.flags.view.network_d;
  if (a.sim_points && !os_flags_parse_int32 ("--sim-points", a.sim_points, 1, 100, &view.sim_points, &error))
    goto fail;
  if (!os_params_validate (&a.flags.params, &error))
    goto fail;

  /* fail on an unwritable path before the computation, not after */
  if (!check_writable ("--output", a.output, &error) || (a.csv && !check_writable ("--csv", a.csv, &error)))
    goto fail;

  if (phase)
    {
      /* ε_g over the axis × η̃ (app/os-cli-export-phase.c) */
      if (!os_cli_export_phase (&a.flags.params, &view.sweep, os_flags_given (&a.flags, OS_FLAG_POINTS),
                                os_view_network_d (&view), &theme,
                                a.output, a.csv, width, height, scale, &error))
        goto fail;
      goto out;
    }
  fig = os_figure_compute_all (&a.flags.params, &view, NULL, &error);
  if (fig == NULL)
    {
      if (g_error_matches (error, OS_ERROR, OS_ERROR_TOO_LARGE))
        g_prefix_error (&error, "--d, --memory-budget: ");
      goto fail;
    }
  {
    /* the picture and its data: both written, or neither */
    g_autoptr (OsOutput) out = os_output_new ();

    if (!os_export_figure_add (out, fig, kind, &theme, a.output, width, height, scale, &error)
        || (a.csv != NULL && !os_export_csv_add (out, fig, kind, a.csv, &error))
        || !os_output_commit (out, &error))
      goto fail;
  }
  if (fig->theory->curve->n_not_converged > 0)
    g_printerr ("onestep-explorer export: warning: %d of %d theory points did not converge "
                "(drawn as hollow red markers)\n", fig->theory->curve->n_not_converged, fig->theory->curve->n);
  goto out;

fail:
  rc = fail (error);
out:
  g_clear_pointer (&ctx, g_option_context_free);
  export_args_clear (&a);
  return rc;
}
