/* os-optimal-job.c — η̃*(x) as a background job.
 *
 * The caller's GTask is created and completed on its main context; only
 * the computation runs in the worker (the scheduler fences the way back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-optimal-job.h"
#include "os-scheduler.h"

typedef struct
{
  GTask           *task;
  OsParams         base;
  OsSweep          sweep;
  OsTheoryOptions  options;
  gboolean         have_options;
  double           d;
  /* the result, written by the worker */
  OsOptimalEta    *curve;
  GError          *error;
} OptimalJob;

static void
optimal_job_free (gpointer data)
{
  OptimalJob *job = data;

  os_optimal_eta_free (job->curve);
  g_clear_error (&job->error);
  g_object_unref (job->task);
  g_free (job);
}

static void
optimal_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  OptimalJob *job = data;

  (void) scheduled;
  job->curve = os_optimal_eta_compute_d (&job->base, &job->sweep, job->have_options ? &job->options : NULL,
                                         job->d, 0, cancellable, &job->error);
}

static void
optimal_done (gpointer data)
{
  OptimalJob *job = data;

  if (job->curve != NULL)
    g_task_return_pointer (job->task, g_steal_pointer (&job->curve), (GDestroyNotify) os_optimal_eta_free);
  else if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else   /* cancelled before it started */
    g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
}

void
os_optimal_eta_compute_async (const OsParams        *base,
                              const OsSweep         *sweep,
                              const OsTheoryOptions *options,
                              double                 d,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  OptimalJob *job;

  g_return_if_fail (base != NULL && sweep != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (OptimalJob, 1);
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, os_optimal_eta_compute_async);
  job->base = *base;
  job->sweep = *sweep;
  job->d = d;
  if (options != NULL)
    {
      job->options = *options;
      job->have_options = TRUE;
    }
  os_scheduler_run (OS_SCHEDULER_LANE_BACKGROUND, cancellable, G_PRIORITY_LOW,
                    optimal_work, optimal_done, job, optimal_job_free);
}

OsOptimalEta *
os_optimal_eta_compute_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == os_optimal_eta_compute_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
