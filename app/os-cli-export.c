/* os-cli-export.c — `onestep-explorer export`: draw a plot, or the 2×2
 * figure of all four, to PNG, SVG or PDF without a display, and optionally
 * its data to CSV. The same render functions draw the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-error.h"
#include "os-export.h"
#include "os-export-request.h"
#include "os-figure.h"
#include "os-cli-export-phase.h"
#include "os-cli-export-animate.h"
#include "os-cli-export-lesson.h"
#include "os-figure-overlays.h"

#include <math.h>
#include <string.h>

typedef struct
{
  OsFlags flags;    /* parameters, x-axis, simulation, spectrum, presentation,
                     * the figure's style and page, the phase diagram's axes */
  char   *plot, *output, *csv;
  char   *scale;
  char   *sim_points;
} ExportArgs;

static void
export_args_clear (ExportArgs *a)
{
  os_flags_clear (&a->flags);
  g_free (a->plot);
  g_free (a->output);
  g_free (a->csv);
  g_free (a->scale);
  g_free (a->sim_points);
}

static const char *const plot_titles[OS_PLOT_N] = {
  "Test error", "Spectrum", "Order parameters", "Learned function along the spike",
  "Test error, spectrum, order parameters and learned function",
};

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
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- draw the plots to PNG, SVG or PDF, or record a video, without a display");
  g_autoptr (OsFigure) fig = NULL;
  OsPlotKind kind = OS_PLOT_ALL;
  gboolean phase = FALSE, video = FALSE;
  OsExportFormat format;
  OsPlotTheme theme;
  OsExportRequest req;
  OsView *view = &req.view;
  int rc = 0;
  const GOptionEntry entries[] = {
    { "plot", 0, 0, G_OPTION_ARG_STRING, &a.plot,
      "Which plot: error, spectrum, overlaps, function, all (default all, a 2×2 figure), "
      "or phase (the phase diagram of ε_g over the x-axis × η̃)", "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &a.output,
      "Output file; the format comes from the extension: .png, .svg or .pdf (with --animate: .webm, "
      ".mp4 or .gif; with --lesson: the handout, .pdf)", "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &a.csv,
      "Also write the plotted data as CSV (plot,series,x,y,y_err)", "FILE.csv" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &a.scale,
      "PNG pixels × S, 0.25–8, the same layout: width·scale × height·scale pixels (default 1)", "S" },
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
                                                               | OS_FLAG_BIT (OS_FLAG_PRESENTATION)
                                                               | OS_FLAGS_FIGURE | OS_FLAGS_PHASE
                                                               | OS_FLAGS_X_RANGE | OS_FLAGS_ANIMATION
                                                               | OS_FLAG_BIT (OS_FLAG_LESSON) | OS_FLAGS_SHOWN
                                                               | OS_FLAG_BIT (OS_FLAG_COMPARE), entries));
  g_option_context_set_description (ctx,
    "Needs no display. Exit status: 0 written, 1 the file could not be written\n"
    "or the computation failed, 2 bad input (the message names the flag).\n"
    "Points where the theory does not converge are drawn as hollow red markers.\n"
    "With --plot phase, --points is the cells per axis (default 64, at most 1024).\n"
    "Every file carries the program, the parameters and the command line that\n"
    "draws it again (PNG text chunks, SVG metadata, PDF document information,\n"
    "CSV lines starting with #). Parameter ranges: docs/SCIENCE.md §8.\n"
    "\nExamples:\n"
    "  onestep-explorer export --plot all --output figure.png\n"
    "  onestep-explorer export --plot error --width 8.5cm --height 6cm --dpi 300 --output col.png\n"
    "  onestep-explorer export --plot error --sweep eta --from 0 --to 5 --output eta.pdf\n"
    "  onestep-explorer export --plot spectrum --simulate --spectrum-log --output spectrum.svg\n"
    "  onestep-explorer export --plot phase --quantity gain-kernel --y-axis lambda --output gain.pdf\n"
    "  onestep-explorer export --animate eta --from 0 --to 3 --frames 96 --fps 24 --output eta.webm\n"
    "  onestep-explorer export --lesson paper-story --output handout.pdf\n"
    "  onestep-explorer export --plot function --compare eta=0,0.5,1,2 --output eta.pdf --csv eta.csv\n"
    "\nVideos (--animate): WebM (VP8) and MP4 (H.264) through GStreamer, GIF without it; each\n"
    "frame is the theory at the frame's value (the network too with --simulate: slow), drawn\n"
    "as every export, 1280 × 720 unless --width and --height say otherwise (even numbers of\n"
    "pixels); N frames at F fps last N/F seconds. With --animate, --from and --to are its\n"
    "range and --x-from/--x-to the x-axis's.\n");
  if (!os_cli_parse (ctx, "export", &a.flags, &argc, &argv, &rc))
    {
      g_clear_pointer (&ctx, g_option_context_free);
      export_args_clear (&a);
      return rc;
    }

  os_export_request_init (&req);
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
  req.plot = phase ? "phase" : os_plot_kind_name (kind);
  if (a.output == NULL)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--output FILE.(png|svg|pdf) is required");
      goto fail;
    }
  if (a.flags.lesson != NULL)
    {
      /* a lesson's handout: the lesson says the rest (app/os-cli-export-lesson.c) */
      if (a.flags.given & ~(OS_FLAG_BIT (OS_FLAG_LESSON) | OS_FLAG_BIT (OS_FLAG_PRESENTATION)) || a.plot != NULL
          || a.csv != NULL || a.scale != NULL)
        {
          g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--lesson: the lesson sets every step's parameters and plot (only --output and "
                       "--presentation go with it)");
          goto fail;
        }
      if (!check_writable ("--output", a.output, &error)
          || !os_cli_export_lesson (a.flags.lesson, &theme, a.output, &error))
        goto fail;
      goto out;
    }
  video = os_video_path_is_video (a.output);
  if (video != a.flags.animate)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   video ? "--output: '%s' is a video: record one with --animate NAME --from A --to B"
                         : "--animate: the output '%s' is not a video (write to .webm, .mp4 or .gif)", a.output);
      goto fail;
    }
  if (video && (phase || a.csv != NULL || a.scale != NULL || a.flags.boxes != NULL || a.flags.compare))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--animate: %s", phase ? "the phase diagram is not animated (use --plot error, spectrum, "
                                            "overlaps, function or all)"
                                          : a.csv != NULL ? "a video has no --csv"
                                          : a.scale != NULL ? "a video has no --scale (set --width and --height)"
                                          : a.flags.boxes != NULL ? "a video has no --boxes"
                                                                  : "--compare and --animate exclude each other");
      goto fail;
    }
  if (video)
    format = OS_EXPORT_PNG;   /* its frames are images */
  else if (!os_export_format_from_path (a.output, &format, &error))
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

  /* the page and the style (a video: 1280 × 720 unless given) */
  req.page = a.flags.page_size;
  if (video && !os_flags_given (&a.flags, OS_FLAG_WIDTH))
    req.page.width = (OsLength) { 1280, OS_UNIT_PX };
  if (video && !os_flags_given (&a.flags, OS_FLAG_HEIGHT))
    req.page.height = (OsLength) { 720, OS_UNIT_PX };
  if (a.scale != NULL && !os_flags_parse_number ("--scale", a.scale, &req.page.scale, &error))
    goto fail;
  if (!os_page_size_validate (&req.page, &error))
    goto fail;
  req.style = a.flags.style;
  req.presentation = a.flags.presentation;
  if (req.style.log_y && req.style.y_fixed && !(req.style.y_min > 0))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--ylim: %g,%g reaches 0 or below, which a log y-axis (--log-y) cannot show",
                   req.style.y_min, req.style.y_max);
      goto fail;
    }
  if (!phase && (a.flags.given & OS_FLAGS_PHASE))
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--quantity, --y-axis, --y-from and --y-to need --plot phase");
      goto fail;
    }

  /* the axis: alpha from 0.1 to 5 (200 points), or --sweep's */
  if (!os_flags_get_sweep (&a.flags, &view->sweep, parameter_range, &view->sweep, &error))
    goto fail;

  /* the spectrum and the network */
  view->spectrum_matrix = a.flags.spectrum;
  view->spectrum_centered = a.flags.centered;
  view->spectrum_log = a.flags.spectrum_log;
  view->simulate = a.flags.view.simulate;
  /* a --params file's network keys are its settings for when it simulates */
  if (((a.flags.given & ~a.flags.from_file & (OS_FLAGS_NETWORK | OS_FLAG_BIT (OS_FLAG_MEMORY_BUDGET)))
       || a.sim_points) && !view->simulate)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--d, --seeds, --seed, --memory-budget and --sim-points need --simulate");
      goto fail;
    }
  view->sim.d = a.flags.view.d;
  view->sim.seeds = a.flags.view.seeds;
  view->sim.seed = a.flags.view.seed;
  view->sim.memory_budget = a.flags.memory_budget;
  view->network_d = a.flags.view.network_d;
  if (a.sim_points && !os_flags_parse_int32 ("--sim-points", a.sim_points, 1, 100, &view->sim_points, &error))
    goto fail;
  if (!os_params_validate (&a.flags.params, &error))
    goto fail;
  req.params = a.flags.params;

  /* fail on an unwritable path before the computation, not after */
  if (!check_writable ("--output", a.output, &error) || (a.csv && !check_writable ("--csv", a.csv, &error))
      || (a.flags.boxes && !check_writable ("--boxes", a.flags.boxes, &error)))
    goto fail;

  if (phase)
    {
      /* a quantity over the axis × η̃ (app/os-cli-export-phase.c) */
      if (!os_cli_export_phase (&req, &a.flags, &theme, a.output, a.csv, a.flags.boxes, &error))
        goto fail;
      goto out;
    }
  if (a.flags.compare && a.flags.n_pins > 0)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--compare and --pin exclude each other");
      goto fail;
    }
  if (video)
    {
      /* frame by frame (app/os-cli-export-animate.c), with the hidden
       * series and pins */
      g_autoptr (OsFigure) shown = NULL;
      int units_w, units_h, width, height;

      os_page_size_resolve (&req.page, &units_w, &units_h, &width, &height);
      if (a.flags.hidden != 0 || a.flags.n_pins > 0)
        {
          g_autoptr (OsFigure) base = os_figure_new (&req.params, view);

          shown = os_figure_with_pins (base, a.flags.hidden, a.flags.pins, a.flags.n_pins, NULL, &error);
          if (shown == NULL)
            goto fail;
        }
      if (!os_cli_export_animate (&req.params, view, &a.flags.animation, kind, &theme, shown, a.output,
                                  width, height, &error))
        goto fail;
      goto out;
    }
  fig = os_figure_compute_all (&req.params, view, NULL, &error);
  if (fig == NULL)
    {
      if (g_error_matches (error, OS_ERROR, OS_ERROR_TOO_LARGE))
        g_prefix_error (&error, "--d, --memory-budget: ");
      goto fail;
    }
  /* what is drawn of it: hidden series, pins, a comparison */
  if (a.flags.compare || a.flags.n_pins > 0 || a.flags.hidden != 0)
    {
      OsFigure *shown = a.flags.compare
                        ? os_figure_with_comparison (fig, a.flags.hidden, a.flags.compare_param,
                                                     a.flags.compare_values, a.flags.n_compare, NULL, &error)
                        : os_figure_with_pins (fig, a.flags.hidden, a.flags.pins, a.flags.n_pins, NULL, &error);

      if (shown == NULL)
        goto fail;
      g_clear_pointer (&fig, os_figure_unref);
      fig = shown;
    }
  {
    g_autofree char *parameters = os_export_request_parameters (&req);
    g_autofree char *request_command = os_export_request_command (&req, a.output, a.csv);
    g_autofree char *shown_args = os_figure_shown_args (fig);   /* --hide, --pin, --compare */
    g_autofree char *command = g_strconcat (request_command, shown_args, NULL);
    /* the picture, its data and its boxes: all written, or none */
    g_autoptr (OsOutput) out = os_output_new ();
    OsExportOptions options;

    os_export_options_init (&options, 1200, 800);
    options.style = req.style;
    options.page = req.page;
    options.provenance = (OsProvenance) { plot_titles[kind], parameters, command };
    if (!os_export_figure_with_add (out, fig, kind, &theme, &options, a.output, &error)
        || (a.csv != NULL && !os_export_csv_with_add (out, fig, kind, &options, a.csv, &error)))
      goto fail;
    if (a.flags.boxes != NULL)
      {
        g_autofree char *json = os_export_boxes_json (fig, kind, &theme, &options, format);

        if (!os_output_add (out, a.flags.boxes, json, strlen (json), &error))
          goto fail;
      }
    if (!os_output_commit (out, &error))
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
