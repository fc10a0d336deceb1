/* os-plot-phase-export.c — the phase diagram to PNG, SVG or PDF with its
 * provenance, its cells to CSV (one column per quantity), its geometry
 * to JSON. Files are written whole or not at all, and those of one export
 * all or none (model/os-output.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-phase.h"

#include "os-error.h"

#include <math.h>
#include <string.h>

typedef struct
{
  const OsPhaseGrid *grid;
  const OsPlotTheme *theme;
  const OsFigureStyle *style;
} PhaseDraw;

static void
draw_phase (cairo_t *cr, int width, int height, gpointer data)
{
  const PhaseDraw *d = data;

  os_plot_phase_render_style (d->grid, d->theme, d->style, cr, width, height);
}

gboolean
os_plot_phase_export_with_add (OsOutput *out, const OsPhaseGrid *grid, const OsPlotTheme *theme,
                               const OsExportOptions *options, const char *path, GError **error)
{
  OsExportFormat format;
  PhaseDraw d = { grid, theme, &options->style };
  g_autoptr (GBytes) bytes = NULL;
  gsize size;
  const char *data;

  if (!os_export_format_from_path (path, &format, error))
    return FALSE;
  if (format == OS_EXPORT_CSV)
    return os_plot_phase_write_csv_with_add (out, grid, options, path, error);
  bytes = os_export_draw_bytes (format, options, draw_phase, &d, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return os_output_add (out, path, data, size, error);
}

/* whole or not at all (model/os-output.h) */
gboolean
os_plot_phase_export_with (const OsPhaseGrid *grid, const OsPlotTheme *theme, const OsExportOptions *options,
                           const char *path, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_plot_phase_export_with_add (out, grid, theme, options, path, error)
         && os_output_commit (out, error);
}

gboolean
os_plot_phase_export (const OsPhaseGrid *grid, const OsPlotTheme *theme, const char *path, OsExportFormat format,
                      int width, int height, double scale, GError **error)
{
  OsExportOptions options;
  const char *ext = strrchr (path, '.');
  OsExportFormat by_name;

  os_export_options_init (&options, width, height);
  options.page.scale = scale;
  if (ext == NULL || !os_export_format_from_path (path, &by_name, NULL) || by_name != format)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "'%s' does not end in the format's extension", path);
      return FALSE;
    }
  return os_plot_phase_export_with (grid, theme, &options, path, error);
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

char *
os_plot_phase_csv_text (const OsPhaseGrid *grid, const OsProvenance *provenance)
{
  const OsPhaseRequest *rq = &grid->request;
  gboolean best = rq->quantity == OS_PHASE_OPTIMAL_LAMBDA && grid->best_lambda != NULL;
  GString *s = g_string_new (NULL);

  if (provenance != NULL)
    {
      g_autofree char *header = os_provenance_csv_header (provenance);
      g_string_append (s, header);
    }
  g_string_append_printf (s, "%s,%s,test_error,kernel_error,linear_floor,gain_kernel,gain_linear%s,converged\n",
                          os_param_info (rq->x_axis.axis)->name, os_param_info (rq->y_axis.axis)->name,
                          best ? ",best_lambda,test_error_best_lambda" : "");
  for (int j = 0; j < grid->ny; j++)
    for (int i = 0; i < grid->nx; i++)
      {
        int k = j * grid->nx + i;
        const double v[] = { grid->x[i], grid->y[j], grid->test_error[k], grid->kernel_error[k],
                             grid->linear_floor[k], grid->kernel_error[k] - grid->test_error[k],
                             grid->linear_floor[k] - grid->test_error[k] };

        for (guint c = 0; c < G_N_ELEMENTS (v); c++)
          {
            csv_number (s, v[c]);
            g_string_append_c (s, ',');
          }
        if (best)
          {
            csv_number (s, grid->best_lambda[k]);
            g_string_append_c (s, ',');
            csv_number (s, grid->value[k]);
            g_string_append_c (s, ',');
          }
        g_string_append (s, grid->converged[k] ? "true\n" : "false\n");
      }
  return g_string_free (s, FALSE);
}

gboolean
os_plot_phase_write_csv_with_add (OsOutput *out, const OsPhaseGrid *grid, const OsExportOptions *options,
                                  const char *path, GError **error)
{
  const OsProvenance *p = options != NULL ? &options->provenance : NULL;
  g_autofree char *text = NULL;

  if (p != NULL && p->title == NULL && p->parameters == NULL && p->command == NULL)
    p = NULL;
  text = os_plot_phase_csv_text (grid, p);
  return os_output_add (out, path, text, strlen (text), error);
}

gboolean
os_plot_phase_write_csv_with (const OsPhaseGrid *grid, const OsExportOptions *options, const char *path,
                              GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_plot_phase_write_csv_with_add (out, grid, options, path, error) && os_output_commit (out, error);
}

gboolean
os_plot_phase_write_csv (const OsPhaseGrid *grid, const char *path, GError **error)
{
  return os_plot_phase_write_csv_with (grid, NULL, path, error);
}

/* ---- geometry ------------------------------------------------------------- */

char *
os_plot_phase_boxes_json (const OsPhaseGrid *grid, const OsPlotTheme *theme, const OsExportOptions *options,
                          OsExportFormat format)
{
  g_autoptr (GPtrArray) plots = g_ptr_array_new_with_free_func ((GDestroyNotify) os_plot_geometry_free);
  int uw, uh;
  double kx, ky;

  os_page_size_resolve (&options->page, &uw, &uh, NULL, NULL);
  g_ptr_array_add (plots, os_plot_phase_geometry (grid, theme, &options->style, uw, uh));
  os_export_unit_scale (format, options, &kx, &ky);
  return os_plot_geometry_to_json (plots, uw, uh, kx, ky);
}
