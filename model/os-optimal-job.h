/* os-optimal-job.h — the optimal learning rate η̃*(x) along a sweep
 * (core/os-optimal.h) computed in the background: os_optimal_eta_compute ()
 * as an _async/_finish pair, one job of the scheduler's background lane
 * (model/os-scheduler.h). The window's test-error plot draws ε_g at η̃*
 * with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-optimal.h"

G_BEGIN_DECLS

/* η̃*(x) for base along sweep (both copied) as os_optimal_eta_compute_d ()
 * does for a network of input dimension d (INFINITY: the d → ∞ theory),
 * in a worker thread; callback runs on the thread-default main context of
 * the caller. */
void          os_optimal_eta_compute_async  (const OsParams        *base,
                                             const OsSweep         *sweep,
                                             const OsTheoryOptions *options,
                                             double                 d,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
/* The curve (free with os_optimal_eta_free), or NULL with
 * OS_ERROR_INVALID_ARGUMENT or G_IO_ERROR_CANCELLED. */
OsOptimalEta *os_optimal_eta_compute_finish (GAsyncResult *result,
                                             GError      **error);

G_END_DECLS
