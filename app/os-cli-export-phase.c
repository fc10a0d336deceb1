/* os-cli-export-phase.c — the phase diagram to PNG, SVG or PDF, its cells
 * to CSV and its geometry to JSON, headless, with the same render
 * function as the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-export-phase.h"
#include "os-error.h"
#include "os-plot-phase.h"

#include <math.h>

#define DEFAULT_POINTS 64

/* The phase diagram's usual y-range: η̃ ∈ [0, 10], α ∈ [0.05, 10], else
 * the axis's usual range (os_axis_default_range). */
static void
y_range (OsParamId axis, double *from, double *to, gboolean *log_spacing)
{
  if (axis == OS_PARAM_ETA)
    *from = 0.0, *to = 10.0, *log_spacing = FALSE;
  else if (axis == OS_PARAM_ALPHA)
    *from = 0.05, *to = 10.0, *log_spacing = FALSE;
  else
    os_axis_default_range (axis, from, to, log_spacing);
}

gboolean
os_cli_export_phase (OsExportRequest *r, const OsFlags *flags, const OsPlotTheme *theme, const char *output,
                     const char *csv, const char *boxes, GError **error)
{
  OsPhaseRequest req;
  OsExportFormat format;
  g_autoptr (OsPhaseGrid) grid = NULL;
  gboolean points_given = os_flags_given (flags, OS_FLAG_POINTS);

  if (!os_export_format_from_path (output, &format, error))
    {
      g_prefix_error (error, "--output: ");
      return FALSE;
    }
  os_phase_request_init_default (&req);
  req.base = r->params;
  req.x_axis = r->view.sweep;
  req.quantity = flags->quantity;
  /* the y-axis: --y-axis, else η̃ (α when the x-axis is η̃), over its usual range */
  req.y_axis.axis = os_flags_given (flags, OS_FLAG_Y_AXIS) ? flags->y_axis
                    : r->view.sweep.axis == OS_PARAM_ETA ? OS_PARAM_ALPHA : OS_PARAM_ETA;
  y_range (req.y_axis.axis, &req.y_axis.from, &req.y_axis.to, &req.y_axis.log_spacing);
  if (os_flags_given (flags, OS_FLAG_Y_FROM))
    req.y_axis.from = flags->y_from;
  if (os_flags_given (flags, OS_FLAG_Y_TO))
    req.y_axis.to = flags->y_to;
  if (req.y_axis.axis == req.x_axis.axis)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--y-axis: %s is the x-axis too; pick another",
                   os_param_info (req.y_axis.axis)->name);
      return FALSE;
    }
  req.optimal_eta = req.y_axis.axis == OS_PARAM_ETA && req.x_axis.axis != OS_PARAM_ETA;
  req.x_axis.points = req.y_axis.points = points_given ? r->view.sweep.points : DEFAULT_POINTS;
  if (req.x_axis.points > 1024)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--points: a phase diagram takes at most 1024 points per axis (got %d)",
                   req.x_axis.points);
      return FALSE;
    }
  if (!os_phase_request_validate (&req, error))
    {
      /* core names its axes x_axis / y_axis: say which flag */
      return FALSE;
    }
  r->quantity = req.quantity;
  r->y_axis = req.y_axis;
  r->phase_points = req.x_axis.points;
  r->view.sweep = req.x_axis;

  grid = os_phase_compute (&req, NULL, NULL, NULL, NULL, error);
  if (grid == NULL)
    return FALSE;
  {
    g_autofree char *parameters = os_export_request_parameters (r);
    g_autofree char *command = os_export_request_command (r, output, csv);
    g_autofree char *title = g_strdup_printf ("Phase diagram: %s", os_phase_quantity_label (req.quantity));
    OsExportOptions options;

    os_export_options_init (&options, 1200, 800);
    options.style = r->style;
    options.page = r->page;
    options.provenance = (OsProvenance) { title, parameters, command };
    if (!os_plot_phase_export_with (grid, theme, &options, output, error))
      return FALSE;
    if (csv != NULL && !os_plot_phase_write_csv_with (grid, &options, csv, error))
      {
        g_prefix_error (error, "--csv: ");
        return FALSE;
      }
    if (boxes != NULL)
      {
        g_autofree char *json = os_plot_phase_boxes_json (grid, theme, &options, format);

        if (!os_export_write_text (boxes, json, error))
          return FALSE;
      }
  }
  if (grid->n_not_converged > 0)
    g_printerr ("onestep-explorer export: warning: %d of %d cells did not converge (drawn hatched)\n",
                grid->n_not_converged, grid->nx * grid->ny);
  return TRUE;
}
