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
#include <string.h>

#define DEFAULT_POINTS 64

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
  req.network_d = isinf (os_view_network_d (&r->view)) ? 0.0 : os_view_network_d (&r->view);
  /* the quantity and the y-axis: --params's keys, then the flags; else ε_g
   * over η̃ (α when the x-axis is η̃) over its usual range */
  {
    OsPresetPhase phase;
    double from, to;

    if (!os_flags_get_phase (flags, r->view.sweep.axis, &phase, error))
      return FALSE;
    req.quantity = phase.quantity;
    req.y_axis.axis = phase.y_axis;
    os_phase_axis_default_range (phase.y_axis, &from, &to, &req.y_axis.log_spacing);
    req.y_axis.from = phase.y_from;
    req.y_axis.to = phase.y_to;
  }
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
    /* the picture, its cells and its boxes: all written, or none */
    g_autoptr (OsOutput) out = os_output_new ();
    OsExportOptions options;

    os_export_options_init (&options, 1200, 800);
    options.style = r->style;
    options.page = r->page;
    options.provenance = (OsProvenance) { title, parameters, command };
    if (!os_plot_phase_export_with_add (out, grid, theme, &options, output, error))
      return FALSE;
    if (csv != NULL && !os_plot_phase_write_csv_with_add (out, grid, &options, csv, error))
      {
        g_prefix_error (error, "--csv: ");
        return FALSE;
      }
    if (boxes != NULL)
      {
        g_autofree char *json = os_plot_phase_boxes_json (grid, theme, &options, format);

        if (!os_output_add (out, boxes, json, strlen (json), error))
          return FALSE;
      }
    if (!os_output_commit (out, error))
      return FALSE;
  }
  if (grid->n_not_converged > 0)
    g_printerr ("onestep-explorer export: warning: %d of %d cells did not converge (drawn hatched)\n",
                grid->n_not_converged, grid->nx * grid->ny);
  return TRUE;
}
