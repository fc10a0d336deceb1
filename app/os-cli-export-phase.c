/* os-cli-export-phase.c — the phase diagram to PNG, SVG or PDF and its
 * cells to CSV, headless, with the same render function as the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-export-phase.h"
#include "os-error.h"
#include "os-plot-phase.h"

#include <math.h>

#define DEFAULT_POINTS 64

/* The drawing, as one file of the set out. */
static gboolean
draw_to_file (OsOutput *out, const OsPhaseGrid *grid, const OsPlotTheme *theme, const char *path,
              int width, int height, double scale, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  OsExportFormat format;

  if (g_str_has_suffix (lower, ".png"))
    format = OS_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    format = OS_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    format = OS_EXPORT_PDF;
  else
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--output: '%s' needs the extension .png, .svg or .pdf", path);
      return FALSE;
    }
  return os_plot_phase_export_add (out, grid, theme, path, format, width, height, scale, error);
}

gboolean
os_cli_export_phase (const OsParams    *params,
                     const OsSweep     *x_sweep,
                     gboolean           points_given,
                     double             network_d,
                     const OsPlotTheme *theme,
                     const char        *output,
                     const char        *csv,
                     int                width,
                     int                height,
                     double             scale,
                     GError           **error)
{
  OsPhaseRequest req;
  g_autoptr (OsPhaseGrid) grid = NULL;
  g_autoptr (OsOutput) out = os_output_new ();

  os_phase_request_init_default (&req);
  req.base = *params;
  req.x_axis = *x_sweep;
  req.network_d = isinf (network_d) ? 0.0 : network_d;
  if (x_sweep->axis == OS_PARAM_ETA)
    req.y_axis = (OsSweep) { OS_PARAM_ALPHA, 0.05, 10.0, DEFAULT_POINTS, FALSE };
  else
    req.optimal_eta = TRUE;
  req.x_axis.points = req.y_axis.points = points_given ? x_sweep->points : DEFAULT_POINTS;
  if (req.x_axis.points > 1024)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--points: a phase diagram takes at most 1024 points per axis (got %d)",
                   req.x_axis.points);
      return FALSE;
    }
  grid = os_phase_compute (&req, NULL, NULL, NULL, NULL, error);
  if (grid == NULL)
    return FALSE;
  /* the picture and its cells: both written, or neither */
  if (!draw_to_file (out, grid, theme, output, width, height, scale, error))
    return FALSE;
  if (csv != NULL && !os_plot_phase_export_add (out, grid, theme, csv, OS_EXPORT_CSV, width, height, scale,
                                                error))
    {
      g_prefix_error (error, "--csv: ");
      return FALSE;
    }
  if (!os_output_commit (out, error))
    return FALSE;
  if (grid->n_not_converged > 0)
    g_printerr ("onestep-explorer export: warning: %d of %d cells did not converge (drawn hatched)\n",
                grid->n_not_converged, grid->nx * grid->ny);
  return TRUE;
}
