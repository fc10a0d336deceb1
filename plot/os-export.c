/* os-export.c — plots to PNG, SVG, PDF and CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export.h"
#include "os-error.h"

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

GBytes *
os_export_figure_bytes (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                        OsExportFormat format, int width, int height, double scale, GError **error)
{
  OsExportOptions options;

  g_return_val_if_fail (fig != NULL && theme != NULL, NULL);
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
  os_export_options_init (&options, width, height);
  options.page.scale = scale;
  return os_export_figure_bytes_with (fig, kind, theme, &options, format, error);
}

/* Writes whole or not at all (model/os-output.h: a temporary renamed into
 * place, a symbolic link's target replaced, the mode kept). */
gboolean
os_export_write_file (const char *path, const void *data, gsize size, GError **error)
{
  return os_output_write (path, data, size, error);
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

gboolean
os_export_figure_with_add (OsOutput *out, const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                           const OsExportOptions *options, const char *path, GError **error)
{
  OsExportFormat format;
  g_autoptr (GBytes) bytes = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (out != NULL && fig != NULL && theme != NULL && options != NULL && path != NULL,
                        FALSE);
  if (!os_export_format_from_path (path, &format, error))
    return FALSE;
  bytes = os_export_figure_bytes_with (fig, kind, theme, options, format, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return os_output_add (out, path, data, size, error);
}

gboolean
os_export_figure_with (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                       const OsExportOptions *options, const char *path, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_export_figure_with_add (out, fig, kind, theme, options, path, error)
         && os_output_commit (out, error);
}

gboolean
os_export_write_text (const char *path, const char *text, GError **error)
{
  return os_export_write_file (path, text, strlen (text), error);
}

gboolean
os_export_csv_with_add (OsOutput *out, const OsFigure *fig, OsPlotKind kind, const OsExportOptions *options,
                        const char *path, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (out != NULL && fig != NULL && options != NULL && path != NULL, FALSE);
  if (kind >= OS_PLOT_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown plot %d", kind);
      return FALSE;
    }
  text = os_export_csv_text_with (fig, kind, options);
  return os_output_add (out, path, text, strlen (text), error);
}

gboolean
os_export_csv_with (const OsFigure *fig, OsPlotKind kind, const OsExportOptions *options, const char *path,
                    GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_export_csv_with_add (out, fig, kind, options, path, error) && os_output_commit (out, error);
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
