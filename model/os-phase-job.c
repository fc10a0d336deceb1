/* os-phase-job.c — the phase diagram as a background job.
 *
 * The caller's GTask is created and completed on its main context; only
 * the computation runs in the worker, and the levels and the result cross
 * over as the scheduler's deliveries and done (which are fenced for
 * ThreadSanitizer; core's grid_clear () fences too, as the last reference
 * to a level may go in either thread).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase-job.h"
#include "os-scheduler.h"

/* Where the levels go: held by the job and by each level on its way. */
typedef struct
{
  OsPhaseLevelFunc func;
  gpointer         data;
  GDestroyNotify   notify;
} LevelSink;

static void
level_sink_clear (LevelSink *sink)
{
  if (sink->notify != NULL)
    sink->notify (sink->data);
}

typedef struct
{
  GTask           *task;
  OsPhaseRequest   request;
  OsTheoryOptions  options;
  gboolean         have_options;
  LevelSink       *sink;        /* atomic rc box */
  OsSchedulerJob  *scheduled;   /* while the work runs */
  /* the result, written by the worker */
  OsPhaseGrid     *grid;
  GError          *error;
} PhaseJob;

static void
phase_job_free (gpointer data)
{
  PhaseJob *job = data;

  g_atomic_rc_box_release_full (job->sink, (GDestroyNotify) level_sink_clear);
  g_clear_pointer (&job->grid, os_phase_grid_unref);
  g_clear_error (&job->error);
  g_object_unref (job->task);
  g_free (job);
}

typedef struct
{
  LevelSink    *sink;
  OsPhaseGrid  *grid;
  GCancellable *cancellable;
} LevelDelivery;

static void
deliver_level (gpointer data)
{
  LevelDelivery *d = data;

  if (d->sink->func != NULL && !g_cancellable_is_cancelled (d->cancellable))
    d->sink->func (d->grid, d->sink->data);
}

static void
level_delivery_free (gpointer data)
{
  LevelDelivery *d = data;

  os_phase_grid_unref (d->grid);
  g_atomic_rc_box_release_full (d->sink, (GDestroyNotify) level_sink_clear);
  g_object_unref (d->cancellable);
  g_free (d);
}

/* Worker: os_phase_compute ()'s level callback. */
static void
post_level (OsPhaseGrid *grid, gpointer data)
{
  PhaseJob *job = data;
  LevelDelivery *d = g_new0 (LevelDelivery, 1);

  d->sink = g_atomic_rc_box_acquire (job->sink);
  d->grid = os_phase_grid_ref (grid);
  d->cancellable = g_object_ref (os_scheduler_job_get_cancellable (job->scheduled));
  os_scheduler_job_deliver (job->scheduled, deliver_level, d, level_delivery_free);
}

static void
phase_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  PhaseJob *job = data;

  job->scheduled = scheduled;
  job->grid = os_phase_compute (&job->request, job->have_options ? &job->options : NULL,
                                cancellable, post_level, job, &job->error);
}

/* Main context, after every level. */
static void
phase_done (gpointer data)
{
  PhaseJob *job = data;

  if (job->grid != NULL)
    g_task_return_pointer (job->task, g_steal_pointer (&job->grid), (GDestroyNotify) os_phase_grid_unref);
  else if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else   /* cancelled before it started */
    g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
}

void
os_phase_compute_async (const OsPhaseRequest  *request,
                        const OsTheoryOptions *options,
                        GCancellable          *cancellable,
                        OsPhaseLevelFunc       level_func,
                        gpointer               level_data,
                        GDestroyNotify         level_data_free,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  PhaseJob *job;

  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PhaseJob, 1);
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, os_phase_compute_async);
  job->request = *request;
  if (options != NULL)
    {
      job->options = *options;
      job->have_options = TRUE;
    }
  job->sink = g_atomic_rc_box_new0 (LevelSink);
  job->sink->func = level_func;
  job->sink->data = level_data;
  job->sink->notify = level_data_free;
  os_scheduler_run (OS_SCHEDULER_LANE_BACKGROUND, cancellable, G_PRIORITY_DEFAULT,
                    phase_work, phase_done, job, phase_job_free);
}

OsPhaseGrid *
os_phase_compute_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == os_phase_compute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
