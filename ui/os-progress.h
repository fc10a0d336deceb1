/* os-progress.h — a progress bar that only redraws.
 *
 * GtkProgressBar moves its fill by allocating a child and restyles it
 * (the .left/.right/.full classes) as the fraction changes, so each update
 * re-lays out the window; this one draws the trough and the fill in one
 * snapshot. Accessible as a progress bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OS_TYPE_PROGRESS (os_progress_get_type ())
G_DECLARE_FINAL_TYPE (OsProgress, os_progress, OS, PROGRESS, GtkWidget)

GtkWidget *os_progress_new          (void);
/* Clamped to [0, 1]; NaN counts as 0. */
void       os_progress_set_fraction (OsProgress *progress, double fraction);
double     os_progress_get_fraction (OsProgress *progress);

G_END_DECLS
