/* os-scheduler.h — the one place where background work starts.
 *
 * A job is a function run in a worker thread, with a GCancellable, whose
 * results come back on the main context of the thread that started it: as
 * deliveries while it runs (os_scheduler_job_deliver ()) and a final
 * "done" callback, in that order. Every job counts in one number,
 * os_scheduler_jobs_alive (), from os_scheduler_run () until its done
 * callback has run; shutdown and the tests wait for it to be 0
 * (os_scheduler_wait_idle ()).
 *
 * Jobs queue on lanes: each lane is a bounded set of long-lived worker
 * threads at a fixed scheduling priority (Linux nice, per thread):
 *
 *   THEORY      2 threads, nice 0   the engine's theory and predicted spectra
 *   SIMULATION  2 threads, nice 10  the simulated network (long, heavy)
 *   BACKGROUND  4 threads, nice 0   phase diagrams, η̃* curves
 *   RENDER      2 threads, nice 4   plot images (Cairo and Pango)
 *   RECLAIM     1 thread,  nice 0   freeing retired plot images
 *
 * Why lanes of own threads, not GTask's shared pool: a thread's nice value
 * can be raised but not lowered again without privileges, so a priority
 * belongs to a thread for its life; Pango keeps a font map per thread, so
 * a render thread must live long (building one took tens of milliseconds);
 * and a bound per kind of work keeps one kind (a phase diagram on every
 * core) from holding up another (the theory of a dragged slider). Threads
 * start when a job finds none idle, up to the lane's bound, and then wait
 * for the next job. A job cancelled before a thread takes it never runs.
 *
 * A job may continue on another lane (os_scheduler_job_continue ()): the
 * engine's job computes the theory on THEORY, then simulates on SIMULATION,
 * as one job (one count, one cancellable, one done).
 *
 * GLib only. The queues use POSIX locks that ThreadSanitizer sees; the way
 * back to the main context is fenced (os_handoff_fence (), core/os-parallel.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  OS_SCHEDULER_LANE_THEORY,
  OS_SCHEDULER_LANE_SIMULATION,
  OS_SCHEDULER_LANE_BACKGROUND,
  OS_SCHEDULER_LANE_RENDER,
  OS_SCHEDULER_LANE_RECLAIM,
  OS_SCHEDULER_N_LANES
} OsSchedulerLane;

typedef struct _OsSchedulerJob OsSchedulerJob;

/* Worker thread: the job's work. cancellable is the job's (never NULL). */
typedef void (*OsSchedulerWorkFunc) (OsSchedulerJob *job,
                                     gpointer        data,
                                     GCancellable   *cancellable);
/* Main context of the job's owner. */
typedef void (*OsSchedulerMainFunc) (gpointer data);

/* Starts a job: work (job, data, cancellable) on a thread of lane, then
 * done (data) and data_free (data) on the thread-default main context of
 * the caller, from a source of the given priority. cancellable (nullable:
 * the job gets its own) is the job's; when it is cancelled before a thread
 * takes the job, work is skipped and done still runs. A job with neither
 * done nor data_free ends in its worker thread. Any thread. */
void          os_scheduler_run             (OsSchedulerLane      lane,
                                            GCancellable        *cancellable,
                                            int                  priority,
                                            OsSchedulerWorkFunc  work,
                                            OsSchedulerMainFunc  done,
                                            gpointer             data,
                                            GDestroyNotify       data_free);

/* From the job's work: hands func (data) to the owner's main context, then
 * notify (data) (nullable). Deliveries run in the order they were made,
 * before the job's done, at the job's priority. */
void          os_scheduler_job_deliver     (OsSchedulerJob      *job,
                                            OsSchedulerMainFunc  func,
                                            gpointer             data,
                                            GDestroyNotify       notify);
/* From the job's work: once it returns, the job goes on with work on
 * lane (unless cancelled by then) — the same job, data and done. Only to a
 * lane of the same or a lower priority (a thread cannot lower its nice). */
void          os_scheduler_job_continue    (OsSchedulerJob      *job,
                                            OsSchedulerLane      lane,
                                            OsSchedulerWorkFunc  work);
GCancellable *os_scheduler_job_get_cancellable (OsSchedulerJob *job);

/* Jobs started and not ended (their done and data_free have run), over
 * every lane; the one count shutdown and the tests wait on. */
guint         os_scheduler_jobs_alive      (void);
/* The part of that count now on one lane (queued, running, or waiting for
 * its done), for the tests and diagnostics. */
guint         os_scheduler_lane_jobs_alive (OsSchedulerLane lane);
/* Iterates the thread-default main context (where the done callbacks of
 * its jobs run) until no job is alive or the monotonic time reaches
 * deadline_us. TRUE when no job is alive. Cancelling is the owners' part. */
gboolean      os_scheduler_wait_idle       (gint64 deadline_us);

/* "theory", "simulation", "background", "render", "reclaim"; a lane's
 * bound on threads and its nice value. */
const char   *os_scheduler_lane_name       (OsSchedulerLane lane);
int           os_scheduler_lane_max_threads (OsSchedulerLane lane);
int           os_scheduler_lane_nice       (OsSchedulerLane lane);

G_END_DECLS
