/* os-parallel.h — threads inside one computation: a fork-join loop over
 * independent tasks, and the fence that shows ThreadSanitizer a hand-off
 * between threads that GLib synchronises out of its sight.
 *
 * Background jobs are started by model/os-scheduler.h, never here:
 * os_parallel_for is work inside one job (the lines of one phase-diagram
 * level, the points of one η̃* curve). It returns when every task is done
 * and keeps no threads and no counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*OsParallelFunc) (int index, gpointer data);

/* Runs func (index, data) for index = 0 … n − 1 on n_threads threads
 * (0 = one per core, at most 65), the caller's included; each thread pulls
 * the next index from a shared counter. Once cancellable (nullable) is
 * cancelled no new index is started. Returns when every thread is joined. */
void os_parallel_for  (int             n,
                       int             n_threads,
                       OsParallelFunc  func,
                       gpointer        data,
                       GCancellable   *cancellable);

/* Debian's GLib hands data between threads (a main context's queue, a
 * reference count dropping to zero) with raw futexes and atomics inside
 * libglib, which ThreadSanitizer does not see. A POSIX mutex locked and
 * released on both sides of such a hand-off (before the data leaves one
 * thread, before the other reads or frees it) shows it the order. One
 * mutex for the whole program, so every fence pairs with every other;
 * it costs a lock and an unlock. */
void os_handoff_fence (void);

G_END_DECLS
