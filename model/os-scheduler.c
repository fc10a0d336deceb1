/* os-scheduler.c — lanes of worker threads, one count of live jobs.
 *
 * One POSIX mutex guards every lane's queue and the counts. A job's
 * fields are written before it is queued and read by the worker that
 * takes it (both under the mutex); what the work writes reaches the main
 * context through a source, fenced on both sides (os_handoff_fence ()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-scheduler.h"
#include "os-parallel.h"

#include <pthread.h>
#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

typedef struct
{
  const char *name;
  const char *thread_name;
  int         max_threads;
  int         nice;
} LaneInfo;

static const LaneInfo lane_info[OS_SCHEDULER_N_LANES] = {
  [OS_SCHEDULER_LANE_THEORY]     = { "theory",     "os-theory",     2, 0 },
  [OS_SCHEDULER_LANE_SIMULATION] = { "simulation", "os-simulation", 2, 10 },
  [OS_SCHEDULER_LANE_BACKGROUND] = { "background", "os-background", 4, 0 },
  [OS_SCHEDULER_LANE_RENDER]     = { "render",     "os-render",     2, 4 },
  [OS_SCHEDULER_LANE_RECLAIM]    = { "reclaim",    "os-reclaim",    1, 0 },
};

struct _OsSchedulerJob
{
  OsSchedulerLane      lane;
  int                  priority;
  GMainContext        *context;
  GCancellable        *cancellable;
  OsSchedulerWorkFunc  work;
  OsSchedulerLane      next_lane;     /* os_scheduler_job_continue () */
  OsSchedulerWorkFunc  next_work;
  OsSchedulerMainFunc  done;
  gpointer             data;
  GDestroyNotify       data_free;
};

typedef struct
{
  OsSchedulerLane id;
  GQueue          queue;          /* of OsSchedulerJob, waiting for a thread */
  int             n_threads;
  int             n_idle;         /* threads waiting for a job */
  pthread_cond_t  wake;
  guint           alive;          /* jobs on this lane */
} Lane;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t  lanes_once = PTHREAD_ONCE_INIT;
static Lane            lanes[OS_SCHEDULER_N_LANES];
static guint           alive;              /* every lane's jobs */
static GMainContext   *waiting_context;    /* in os_scheduler_wait_idle () */

static void
lanes_init (void)
{
  for (int i = 0; i < OS_SCHEDULER_N_LANES; i++)
    {
      lanes[i].id = (OsSchedulerLane) i;
      g_queue_init (&lanes[i].queue);
      pthread_cond_init (&lanes[i].wake, NULL);
    }
}

static void run_job (OsSchedulerJob *job);

static gpointer
worker (gpointer data)
{
  Lane *lane = data;

#ifdef __linux__
  if (lane_info[lane->id].nice != 0)
    setpriority (PRIO_PROCESS, (id_t) gettid (), lane_info[lane->id].nice);
#endif
  pthread_mutex_lock (&lock);
  for (;;)
    {
      OsSchedulerJob *job;

      while (g_queue_is_empty (&lane->queue))
        {
          lane->n_idle++;
          pthread_cond_wait (&lane->wake, &lock);
          lane->n_idle--;
        }
      job = g_queue_pop_head (&lane->queue);
      pthread_mutex_unlock (&lock);
      run_job (job);
      pthread_mutex_lock (&lock);
    }
  return NULL;
}

/* Puts job on its lane's queue and wakes or starts a thread for it. */
static void
enqueue (OsSchedulerJob *job)
{
  Lane *lane = &lanes[job->lane];
  gboolean spawn = FALSE;

  pthread_mutex_lock (&lock);
  g_queue_push_tail (&lane->queue, job);
  if (lane->queue.length > (guint) lane->n_idle && lane->n_threads < lane_info[lane->id].max_threads)
    {
      lane->n_threads++;
      spawn = TRUE;
    }
  else if (lane->n_idle > 0)
    pthread_cond_signal (&lane->wake);
  pthread_mutex_unlock (&lock);
  /* the thread inherits the caller's nice value and raises it to its lane's */
  if (spawn)
    g_thread_unref (g_thread_new (lane_info[lane->id].thread_name, worker, lane));
}

static void
job_free (OsSchedulerJob *job)
{
  GMainContext *wake = NULL;

  pthread_mutex_lock (&lock);
  lanes[job->lane].alive--;
  alive--;
  if (alive == 0 && waiting_context != NULL)
    wake = g_main_context_ref (waiting_context);
  pthread_mutex_unlock (&lock);
  if (wake != NULL)
    {
      g_main_context_wakeup (wake);
      g_main_context_unref (wake);
    }
  g_main_context_unref (job->context);
  g_object_unref (job->cancellable);
  g_free (job);
}

/* The owner's main context: the job's work is over. */
static gboolean
complete_on_main (gpointer data)
{
  OsSchedulerJob *job = data;

  os_handoff_fence ();   /* pairs with finish_job () in the worker */
  if (job->done != NULL)
    job->done (job->data);
  if (job->data_free != NULL)
    job->data_free (job->data);
  job_free (job);
  return G_SOURCE_REMOVE;
}

/* Worker: hands a source to the owner's main context. */
static void
attach_to_owner (OsSchedulerJob *job, GSourceFunc func, gpointer data, GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();
  GMainContext *context = job->context;

  g_source_set_priority (source, job->priority);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[onestep] scheduler");
  /* after the last access to job and data here: the main context may run
   * and free them as soon as the source is attached */
  os_handoff_fence ();
  g_source_attach (source, context);
  g_source_unref (source);
}

static void
run_job (OsSchedulerJob *job)
{
  for (;;)
    {
      if (!g_cancellable_is_cancelled (job->cancellable))
        job->work (job, job->data, job->cancellable);
      if (job->next_work == NULL || g_cancellable_is_cancelled (job->cancellable))
        break;
      /* on to the next lane: the same job */
      pthread_mutex_lock (&lock);
      lanes[job->lane].alive--;
      lanes[job->next_lane].alive++;
      pthread_mutex_unlock (&lock);
      job->lane = job->next_lane;
      job->work = job->next_work;
      job->next_work = NULL;
      enqueue (job);
      return;
    }
  if (job->done == NULL && job->data_free == NULL)
    job_free (job);
  else
    attach_to_owner (job, complete_on_main, job, NULL);
}

void
os_scheduler_run (OsSchedulerLane      lane,
                  GCancellable        *cancellable,
                  int                  priority,
                  OsSchedulerWorkFunc  work,
                  OsSchedulerMainFunc  done,
                  gpointer             data,
                  GDestroyNotify       data_free)
{
  OsSchedulerJob *job;

  g_return_if_fail (lane < OS_SCHEDULER_N_LANES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (work != NULL);

  pthread_once (&lanes_once, lanes_init);
  job = g_new0 (OsSchedulerJob, 1);
  job->lane = lane;
  job->priority = priority;
  job->context = g_main_context_ref_thread_default ();
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  job->work = work;
  job->done = done;
  job->data = data;
  job->data_free = data_free;
  pthread_mutex_lock (&lock);
  lanes[lane].alive++;
  alive++;
  pthread_mutex_unlock (&lock);
  enqueue (job);
}

typedef struct
{
  OsSchedulerMainFunc func;
  gpointer            data;
  GDestroyNotify      notify;
} Delivery;

static gboolean
deliver_on_main (gpointer data)
{
  Delivery *d = data;

  os_handoff_fence ();
  d->func (d->data);
  return G_SOURCE_REMOVE;
}

static void
delivery_free (gpointer data)
{
  Delivery *d = data;

  os_handoff_fence ();   /* the main context's reads, before a free in any thread */
  if (d->notify != NULL)
    d->notify (d->data);
  g_free (d);
}

void
os_scheduler_job_deliver (OsSchedulerJob      *job,
                          OsSchedulerMainFunc  func,
                          gpointer             data,
                          GDestroyNotify       notify)
{
  Delivery *d;

  g_return_if_fail (job != NULL && func != NULL);

  d = g_new (Delivery, 1);
  d->func = func;
  d->data = data;
  d->notify = notify;
  attach_to_owner (job, deliver_on_main, d, delivery_free);
}

void
os_scheduler_job_continue (OsSchedulerJob *job, OsSchedulerLane lane, OsSchedulerWorkFunc work)
{
  g_return_if_fail (job != NULL && work != NULL);
  g_return_if_fail (lane < OS_SCHEDULER_N_LANES);
  g_return_if_fail (lane_info[lane].nice >= lane_info[job->lane].nice);

  job->next_lane = lane;
  job->next_work = work;
}

GCancellable *
os_scheduler_job_get_cancellable (OsSchedulerJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  return job->cancellable;
}

guint
os_scheduler_jobs_alive (void)
{
  guint n;

  pthread_mutex_lock (&lock);
  n = alive;
  pthread_mutex_unlock (&lock);
  return n;
}

guint
os_scheduler_lane_jobs_alive (OsSchedulerLane lane)
{
  guint n;

  g_return_val_if_fail (lane < OS_SCHEDULER_N_LANES, 0);
  pthread_mutex_lock (&lock);
  n = lanes[lane].alive;
  pthread_mutex_unlock (&lock);
  return n;
}

static gboolean
on_deadline (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
os_scheduler_wait_idle (gint64 deadline_us)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  gint64 now = g_get_monotonic_time ();
  gboolean timed_out = now >= deadline_us;
  GSource *deadline;
  gboolean idle;

  /* a job that ends in its worker wakes this context (job_free ()) */
  pthread_mutex_lock (&lock);
  waiting_context = context;
  pthread_mutex_unlock (&lock);
  deadline = g_timeout_source_new ((guint) MIN ((MAX (deadline_us - now, 0) + 999) / 1000, G_MAXUINT));
  g_source_set_callback (deadline, on_deadline, &timed_out, NULL);
  g_source_set_static_name (deadline, "[onestep] scheduler deadline");
  g_source_attach (deadline, context);
  while (!(idle = os_scheduler_jobs_alive () == 0) && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);
  g_source_unref (deadline);
  pthread_mutex_lock (&lock);
  waiting_context = NULL;
  pthread_mutex_unlock (&lock);
  g_main_context_unref (context);
  return idle;
}

const char *
os_scheduler_lane_name (OsSchedulerLane lane)
{
  g_return_val_if_fail (lane < OS_SCHEDULER_N_LANES, NULL);
  return lane_info[lane].name;
}

int
os_scheduler_lane_max_threads (OsSchedulerLane lane)
{
  g_return_val_if_fail (lane < OS_SCHEDULER_N_LANES, 0);
  return lane_info[lane].max_threads;
}

int
os_scheduler_lane_nice (OsSchedulerLane lane)
{
  g_return_val_if_fail (lane < OS_SCHEDULER_N_LANES, 0);
  return lane_info[lane].nice;
}
