/* os-handout.h — a lesson (model/os-lesson.h) as a PDF handout: one A4
 * landscape page per step, with the step's title, its figure (the plot in
 * focus, or all four, with the step's hidden series and pins, drawn by
 * os_plot_render () as the screen does; the
 * phase diagram on a phase step), its caption with the numbers filled in
 * from the model, and the step's parameters with the command line that
 * opens it. Cairo's PDF surface, in memory. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-lesson.h"
#include "os-plot-theme.h"

G_BEGIN_DECLS

/* A4 landscape, in points */
#define OS_HANDOUT_WIDTH  842
#define OS_HANDOUT_HEIGHT 595

/* done steps of total, in the calling thread */
typedef void (*OsHandoutProgress) (int done, int total, gpointer data);

/* The handout's bytes. Each step's figure is computed afresh (the
 * simulation too where the step asks for it). A claim of the lesson
 * (`checks`) that does not hold is not an error: it is appended to
 * warnings (nullable) as "step K: CLAIM (detail)", one a line.
 * G_IO_ERROR_CANCELLED when cancelled. */
GBytes *os_handout_pdf (const OsLesson *lesson, const OsPlotTheme *theme, GCancellable *cancellable,
                        OsHandoutProgress progress, gpointer progress_data, GString *warnings,
                        GError **error);

G_END_DECLS
