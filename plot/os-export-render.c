/* os-export-render.c — a figure drawn onto a page (PNG, SVG or PDF) with
 * its style, its size in units and its provenance; the CSV with its
 * provenance lines; the layout's geometry as JSON. The files themselves
 * are written by os-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export.h"
#include "os-error.h"
#include "os-plot-layout.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

void
os_export_options_init (OsExportOptions *options, int width, int height)
{
  memset (options, 0, sizeof *options);
  os_figure_style_init_export (&options->style);
  os_page_size_init (&options->page, width, height);
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
has_provenance (const OsProvenance *p)
{
  return p->title != NULL || p->parameters != NULL || p->command != NULL;
}

void
os_export_unit_scale (OsExportFormat format, const OsExportOptions *options, double *kx, double *ky)
{
  int uw, uh, pw, ph;

  *kx = *ky = 1.0;
  if (format != OS_EXPORT_PNG)
    return;
  os_page_size_resolve (&options->page, &uw, &uh, &pw, &ph);
  *kx = (double) pw / MAX (uw, 1);
  *ky = (double) ph / MAX (uh, 1);
}

GBytes *
os_export_draw_bytes (OsExportFormat format, const OsExportOptions *options, OsExportDrawFunc draw, gpointer data,
                      GError **error)
{
  GByteArray *bytes;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;
  int uw, uh, pw, ph;
  GBytes *result;

  if (!os_page_size_validate (&options->page, error))
    return NULL;
  os_page_size_resolve (&options->page, &uw, &uh, &pw, &ph);
  bytes = g_byte_array_new ();
  switch (format)
    {
    case OS_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
      /* the pixel density as the surface's device scale, as on screen: with
       * cairo_scale, Pango 1.50 sized <sub> text by the scale twice */
      cairo_surface_set_device_scale (surface, (double) pw / uw, (double) ph / uh);
      break;
    case OS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, uw, uh);
      /* pixels when the size was given so, so a browser shows that size */
      cairo_svg_surface_set_document_unit (surface,
                                           options->page.width.unit == OS_UNIT_PX
                                           && options->page.height.unit == OS_UNIT_PX
                                           && options->page.dpi == OS_DPI_DEFAULT
                                           ? CAIRO_SVG_UNIT_PX : CAIRO_SVG_UNIT_PT);
      break;
    case OS_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, uw, uh);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "One-Step Explorer");
      if (has_provenance (&options->provenance))
        os_provenance_pdf (surface, &options->provenance);
      break;
    case OS_EXPORT_CSV:
    default:
      g_byte_array_unref (bytes);
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "not a picture format");
      return NULL;
    }
  cr = cairo_create (surface);
  draw (cr, uw, uh, data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == OS_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "drawing failed: %s", cairo_status_to_string (status));
      g_byte_array_unref (bytes);
      return NULL;
    }
  result = g_byte_array_free_to_bytes (bytes);
  if (format == OS_EXPORT_PNG || (format == OS_EXPORT_SVG && has_provenance (&options->provenance)))
    {
      GBytes *with = format == OS_EXPORT_PNG
                     ? os_provenance_png (result, &options->provenance,
                                          options->page.dpi * options->page.scale)
                     : os_provenance_svg (result, &options->provenance);

      if (with != NULL)
        {
          g_bytes_unref (result);
          result = with;
        }
    }
  return result;
}

typedef struct
{
  const OsFigure *fig;
  OsPlotKind kind;
  const OsPlotTheme *theme;
  const OsFigureStyle *style;
} FigureDraw;

static void
draw_figure (cairo_t *cr, int width, int height, gpointer data)
{
  const FigureDraw *d = data;

  os_plot_render_style (d->kind, d->fig, d->theme, d->style, cr, width, height);
}

GBytes *
os_export_figure_bytes_with (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                             const OsExportOptions *options, OsExportFormat format, GError **error)
{
  FigureDraw d = { fig, kind, theme, &options->style };

  g_return_val_if_fail (fig != NULL && theme != NULL && options != NULL, NULL);
  if (kind >= OS_PLOT_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown plot %d", kind);
      return NULL;
    }
  if (format == OS_EXPORT_CSV)
    {
      char *text = os_export_csv_text_with (fig, kind, options);

      return g_bytes_new_take (text, strlen (text));
    }
  return os_export_draw_bytes (format, options, draw_figure, &d, error);
}

char *
os_export_csv_text_with (const OsFigure *fig, OsPlotKind kind, const OsExportOptions *options)
{
  g_autofree char *header = has_provenance (&options->provenance)
                            ? os_provenance_csv_header (&options->provenance) : g_strdup ("");
  GString *out = g_string_new (header);

  g_string_append (out, "plot,series,x,y,y_err\n");
  os_plot_write_csv (kind, fig, out);
  return g_string_free (out, FALSE);
}

char *
os_export_boxes_json (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                      const OsExportOptions *options, OsExportFormat format)
{
  g_autoptr (GPtrArray) plots = NULL;
  int uw, uh;
  double kx, ky;

  os_page_size_resolve (&options->page, &uw, &uh, NULL, NULL);
  plots = os_plot_geometry (kind, fig, theme, &options->style, uw, uh);
  os_export_unit_scale (format, options, &kx, &ky);
  return os_plot_geometry_to_json (plots, uw, uh, kx, ky);
}
