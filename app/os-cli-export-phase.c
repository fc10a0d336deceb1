/* os-cli-export-phase.c — the phase diagram to PNG, SVG or PDF and its
 * cells to CSV, headless, with the same render function as the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-export-phase.h"
#include "os-error.h"
#include "os-plot-phase.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#define DEFAULT_POINTS 64

/* A temporary name beside path, renamed into place when complete. */
static char *
temp_path (const char *path)
{
  return g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
}

static gboolean
finish_file (const char *tmp, const char *path, cairo_status_t status, GError **error)
{
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "cannot write '%s': %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "cannot write '%s': %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
draw_to_file (const OsPhaseGrid *grid, const OsPlotTheme *theme, const char *path,
              int width, int height, double scale, GError **error)
{
  g_autofree char *tmp = temp_path (path);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (g_str_has_suffix (lower, ".png"))
    {
      int pw = (int) ceil (width * scale), ph = (int) ceil (height * scale);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_set_device_scale (surface, scale, scale);   /* not cairo_scale: see ui/os-export.c */
      cr = cairo_create (surface);
      os_plot_phase_render (grid, theme, cr, width, height);
      cairo_destroy (cr);
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png (surface, tmp);
      cairo_surface_destroy (surface);
      return finish_file (tmp, path, status, error);
    }
  if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (tmp, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (tmp, width, height);
  else
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--output: '%s' needs the extension .png, .svg or .pdf", path);
      return FALSE;
    }
  cr = cairo_create (surface);
  os_plot_phase_render (grid, theme, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return finish_file (tmp, path, status, error);
}

static void
csv_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

static gboolean
write_csv (const OsPhaseGrid *grid, const char *path, GError **error)
{
  const OsPhaseRequest *rq = &grid->request;
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GError) io_error = NULL;

  g_string_append_printf (s, "%s,%s,%s,test_error,kernel_error,linear_floor,converged\n",
                          os_param_info (rq->x_axis.axis)->name, os_param_info (rq->y_axis.axis)->name,
                          os_phase_quantity_name (rq->quantity));
  for (int j = 0; j < grid->ny; j++)
    for (int i = 0; i < grid->nx; i++)
      {
        int k = j * grid->nx + i;
        const double v[] = { grid->x[i], grid->y[j], grid->value[k], grid->test_error[k],
                             grid->kernel_error[k], grid->linear_floor[k] };

        for (guint c = 0; c < G_N_ELEMENTS (v); c++)
          {
            csv_number (s, v[c]);
            g_string_append_c (s, ',');
          }
        g_string_append (s, grid->converged[k] ? "true\n" : "false\n");
      }
  if (!g_file_set_contents (path, s->str, s->len, &io_error))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "--csv: %s", io_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_cli_export_phase (const OsParams    *params,
                     const OsSweep     *x_sweep,
                     gboolean           points_given,
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

  os_phase_request_init_default (&req);
  req.base = *params;
  req.x_axis = *x_sweep;
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
  if (!draw_to_file (grid, theme, output, width, height, scale, error))
    return FALSE;
  if (csv != NULL && !write_csv (grid, csv, error))
    return FALSE;
  if (grid->n_not_converged > 0)
    g_printerr ("onestep-explorer export: warning: %d of %d cells did not converge (drawn hatched)\n",
                grid->n_not_converged, grid->nx * grid->ny);
  return TRUE;
}
