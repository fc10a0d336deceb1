/* os-export.h — any plot, or the 2×2 figure of all four, to PNG, SVG or
 * PDF through Cairo's image, SVG and PDF surfaces, and each plot's data to
 * CSV. What is exported is drawn by os_plot_render () (os-plot-kinds.h),
 * as the screen is. Files are written whole or not at all, and the files
 * of one export all or none (model/os-output.h: temporaries renamed into
 * place, a symbolic link's target replaced, the file's mode kept). No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include "os-export-meta.h"
#include "os-figure.h"
#include "os-figure-style.h"
#include "os-output.h"
#include "os-plot-kinds.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

typedef enum
{
  OS_EXPORT_PNG,
  OS_EXPORT_SVG,
  OS_EXPORT_PDF,
  OS_EXPORT_CSV,
} OsExportFormat;

/* The format from a file name's extension (.png .svg .pdf .csv, any case).
 * OS_ERROR_INVALID_ARGUMENT naming the valid extensions otherwise. */
gboolean    os_export_format_from_path (const char *path, OsExportFormat *out, GError **error);

/* Renders to an image, SVG or PDF file; the format comes from the
 * extension of path. width × height is the size in logical pixels (PDF
 * and SVG: points); a PNG has (width·scale) × (height·scale) pixels with the
 * same layout (scale 2 for a HiDPI image). Errors: OS_ERROR_INVALID_ARGUMENT
 * for a bad size or extension, OS_ERROR_IO with the path and the reason
 * when the file cannot be written (no partial file is left). */
gboolean    os_export_figure        (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                                     const char *path, int width, int height, double scale,
                                     GError **error);

/* The same as one file of a set written all or none: drawn now, written
 * by os_output_commit (out). */
gboolean    os_export_figure_add    (OsOutput *out, const OsFigure *fig, OsPlotKind kind,
                                     const OsPlotTheme *theme, const char *path, int width, int height,
                                     double scale, GError **error);

/* The same into memory (the bytes of the file). */
GBytes     *os_export_figure_bytes  (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                                     OsExportFormat format, int width, int height, double scale,
                                     GError **error);

/* Writes size bytes to path whole or not at all (a temporary beside it,
 * renamed into place). OS_ERROR_IO "cannot write 'PATH': why". */
gboolean    os_export_write_file    (const char *path, const void *data, gsize size, GError **error);

/* The data drawn by the plot(s) as CSV with the header
 * "plot,series,x,y,y_err": one row per point, full precision; a reference
 * line has an empty x, a tick an empty y. */
char       *os_export_csv_text      (const OsFigure *fig, OsPlotKind kind);
gboolean    os_export_csv           (const OsFigure *fig, OsPlotKind kind, const char *path,
                                     GError **error);
gboolean    os_export_csv_add       (OsOutput *out, const OsFigure *fig, OsPlotKind kind,
                                     const char *path, GError **error);

/* ---- figures with a style, a page and their provenance ------------------- */

typedef struct
{
  OsFigureStyle style;
  OsPageSize    page;
  OsProvenance  provenance;   /* borrowed strings, all NULL: none written */
} OsExportOptions;

/* The export style (no slider marker), width × height px at 72 dpi, no
 * provenance. */
void        os_export_options_init  (OsExportOptions *options, int width, int height);

/* Draws into [0, width] × [0, height] output units (points). */
typedef void (*OsExportDrawFunc) (cairo_t *cr, int width, int height, gpointer data);

/* A page of the given format drawn by draw, with the provenance inside:
 * a PNG of the page's pixels (os_page_size_resolve), an SVG or a PDF of
 * its size in points. OS_ERROR_INVALID_ARGUMENT for a bad page or format. */
GBytes     *os_export_draw_bytes    (OsExportFormat format, const OsExportOptions *options,
                                     OsExportDrawFunc draw, gpointer data, GError **error);
/* Output units per layout unit of the format: PNG pixels per point, else 1. */
void        os_export_unit_scale    (OsExportFormat format, const OsExportOptions *options, double *kx,
                                     double *ky);

GBytes     *os_export_figure_bytes_with (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                                         const OsExportOptions *options, OsExportFormat format,
                                         GError **error);
gboolean    os_export_figure_with   (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                                     const OsExportOptions *options, const char *path, GError **error);
/* The same as one file of a set written all or none (os_output_commit). */
gboolean    os_export_figure_with_add (OsOutput *out, const OsFigure *fig, OsPlotKind kind,
                                       const OsPlotTheme *theme, const OsExportOptions *options,
                                       const char *path, GError **error);
/* The CSV with its '#' provenance lines first. */
char       *os_export_csv_text_with (const OsFigure *fig, OsPlotKind kind, const OsExportOptions *options);
gboolean    os_export_csv_with      (const OsFigure *fig, OsPlotKind kind, const OsExportOptions *options,
                                     const char *path, GError **error);
gboolean    os_export_csv_with_add  (OsOutput *out, const OsFigure *fig, OsPlotKind kind,
                                     const OsExportOptions *options, const char *path, GError **error);
/* The layout's geometry as JSON (os_plot_geometry_to_json) in the units
 * of the format. */
char       *os_export_boxes_json    (const OsFigure *fig, OsPlotKind kind, const OsPlotTheme *theme,
                                     const OsExportOptions *options, OsExportFormat format);
/* Writes text to path whole or not at all. */
gboolean    os_export_write_text    (const char *path, const char *text, GError **error);

G_END_DECLS
