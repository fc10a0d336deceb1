/* os-export.c — plots to PNG, SVG, PDF and CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export.h"
#include "os-error.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

gboolean
os_export_format_from_path (const char *path, OsExportFormat *out, GError **error)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;

  if (dot != NULL && (slash == NULL || dot > slash))
    {
      if (g_ascii_strcasecmp (dot, ".png") == 0)
        *out = OS_EXPORT_PNG;
      else if (g_ascii_strcasecmp (dot, ".svg") == 0)
        *out = OS_EXPORT_SVG;
      else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
        *out = OS_EXPORT_PDF;
      else if (g_ascii_strcasecmp (dot, ".csv") == 0)
        *out = OS_EXPORT_CSV;
      else
        dot = NULL;
      if (dot != NULL)
        return TRUE;
    }
  g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
               "'%s': unknown file type (valid extensions: .png, .svg, .pdf, .csv)",
               path != NULL ? path : "(null)");
  return FALSE;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
os_export_figure_bytes (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                        OsExportFormat format, int width, int height, double scale, GError **error)
{
  GByteArray *bytes;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (fig != NULL && theme != NULL, NULL);
  if (kind >= OS_PLOT_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown plot %d", kind);
      return NULL;
    }
  if (width < 16 || height < 16 || width > 20000 || height > 20000)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "size %d×%d is outside the valid range [16, 20000]", width, height);
      return NULL;
    }
  if (!(scale >= 0.25 && scale <= 8) || (format == OS_EXPORT_PNG && width * scale * height * scale > 1.6e8))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "scale %g is outside the valid range [0.25, 8] or makes the image too large", scale);
      return NULL;
    }

  bytes = g_byte_array_new ();
  switch (format)
    {
    case OS_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case OS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      /* pixels, so a browser shows the size the screen did */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case OS_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "One-Step Explorer");
      break;
    case OS_EXPORT_CSV:
      {
        g_autofree char *text = os_export_csv_text (fig, kind);
        g_byte_array_append (bytes, (const guint8 *) text, strlen (text));
        return g_byte_array_free_to_bytes (bytes);
      }
    }

  /* the pixel density as the surface's device scale, as on screen: with
   * cairo_scale, Pango 1.50 sized <sub> text by the scale twice */
  if (format == OS_EXPORT_PNG)
    cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  os_plot_render (kind, fig, theme, cr, width, height);
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
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
os_export_figure_add (OsOutput *out, const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                      const char *path, int width, int height, double scale, GError **error)
{
  OsExportFormat format;
  g_autoptr (GBytes) bytes = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (out != NULL && fig != NULL && theme != NULL && path != NULL, FALSE);
  if (!os_export_format_from_path (path, &format, error))
    return FALSE;
  bytes = os_export_figure_bytes (fig, kind, theme, format, width, height, scale, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return os_output_add (out, path, data, size, error);
}

gboolean
os_export_figure (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme, const char *path,
                  int width, int height, double scale, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_export_figure_add (out, fig, kind, theme, path, width, height, scale, error)
         && os_output_commit (out, error);
}

/* ---- CSV -------------------------------------------------------------- */

char *
os_export_csv_text (const OsFigure *fig, OsPlotKind kind)
{
  GString *out = g_string_new ("plot,series,x,y,y_err\n");

  g_return_val_if_fail (fig != NULL && kind < OS_PLOT_N, g_string_free (out, FALSE));
  os_plot_write_csv (kind, fig, out);
  return g_string_free (out, FALSE);
}

gboolean
os_export_csv_add (OsOutput *out, const OsFigure *fig, OsPlotKind kind, const char *path, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (out != NULL && fig != NULL && path != NULL, FALSE);
  if (kind >= OS_PLOT_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown plot %d", kind);
      return FALSE;
    }
  text = os_export_csv_text (fig, kind);
  return os_output_add (out, path, text, strlen (text), error);
}

gboolean
os_export_csv (const OsFigure *fig, OsPlotKind kind, const char *path, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_export_csv_add (out, fig, kind, path, error) && os_output_commit (out, error);
}
