/* os-export-dialog.h — the figure's options before the file chooser:
 * size with units (as on screen, a paper column or page, a projector,
 * full HD, or any width and height in px, pt, mm, cm or in), the PNG's
 * pixels per inch, the legend's place, titles, the slider marker, the
 * text size and a log y-axis. (GTK 4.8's file chooser choices cannot be
 * set from code, so they could not start from the last choices.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "os-figure-style.h"

G_BEGIN_DECLS

#define OS_TYPE_EXPORT_DIALOG (os_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OsExportDialog, os_export_dialog, OS, EXPORT_DIALOG, GtkWindow)

/* The size choices' ids: "screen" (the plot's pixels, a PNG of twice as
 * many), "column" (8.5 cm × 6 cm), "page" (17.8 cm × 10 cm), "slide"
 * (1280 × 720 px), "hd" (1920 × 1080 px), "custom". */

/* A modal dialog over parent for an export of title, showing style and
 * the size choice size_id (NULL: "screen") with screen_width ×
 * screen_height for "screen", and dpi; log-y offered when curves.
 * Signal "choose" (no arguments) when the user presses Choose File; it
 * closes itself then or on Cancel. */
OsExportDialog *os_export_dialog_new       (GtkWindow           *parent,
                                            const char          *title,
                                            gboolean             curves,
                                            const OsFigureStyle *style,
                                            const char          *size_id,
                                            const OsPageSize    *custom,
                                            double               dpi,
                                            int                  screen_width,
                                            int                  screen_height);

/* What is chosen: the style, the size's id, and the page (for "screen"
 * the screen's pixels at 72 dpi and a PNG scale of 2). FALSE with a
 * message naming the field when the size or dpi is invalid. */
gboolean        os_export_dialog_get       (OsExportDialog *dialog,
                                            OsFigureStyle  *style,
                                            char          **size_id,
                                            OsPageSize     *page,
                                            GError        **error);

/* Presses Choose File (tests; as a click). */
void            os_export_dialog_choose    (OsExportDialog *dialog);
/* Sets a size choice, or a custom size (tests). */
void            os_export_dialog_set_size  (OsExportDialog *dialog, const char *size_id);
void            os_export_dialog_set_custom (OsExportDialog *dialog, const char *width,
                                            const char *height, double dpi);
void            os_export_dialog_set_style (OsExportDialog *dialog, const OsFigureStyle *style);

G_END_DECLS
