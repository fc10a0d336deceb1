/* os-phase-job.h — a phase diagram (core/os-phase.h) computed in the
 * background: os_phase_compute () as an _async/_finish pair, one job of the
 * scheduler's background lane (model/os-scheduler.h). Each level is handed
 * to the caller's main context as it is done, coarse first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-phase.h"

G_BEGIN_DECLS

/* Computes request as os_phase_compute () does, in a worker thread.
 * level_func (nullable) runs on the thread-default main context of the
 * caller with each level (a grid it may ref), unless cancellable is
 * cancelled by then; then callback runs there. level_data_free (nullable)
 * frees level_data once no level can come any more. */
void         os_phase_compute_async  (const OsPhaseRequest  *request,
                                      const OsTheoryOptions *options,
                                      GCancellable          *cancellable,
                                      OsPhaseLevelFunc       level_func,
                                      gpointer               level_data,
                                      GDestroyNotify         level_data_free,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data);
/* The final grid, or NULL with OS_ERROR_INVALID_ARGUMENT or
 * G_IO_ERROR_CANCELLED. */
OsPhaseGrid *os_phase_compute_finish (GAsyncResult *result,
                                      GError      **error);

G_END_DECLS
