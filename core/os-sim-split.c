/* os-sim-split.c — the element-wise work of one simulation call (the
 * student's activation and slope over a chunk's pre-activations, the
 * conversions between float and double, W1 = W0 + s·D) split over the
 * cores that BLAS uses, so that the core BLAS leaves idle between its calls
 * takes half of it.
 *
 * Each element (or row) is computed exactly as one thread computes it, by
 * whichever thread takes its block, so the results are bit for bit the
 * same with any number of threads. The random numbers are not split (one
 * stream, drawn in order).
 *
 * How many threads: as many as BLAS has (openblas_get_num_threads, at most
 * the cores and SPLIT_MAX_THREADS). A sweep that runs units concurrently
 * sets BLAS to one thread (os-sim-sweep.c), and so does the window for its
 * own threads: there the work stays in the caller's thread and nothing is
 * oversubscribed. One caller at a time: a second caller while the helpers
 * serve a first runs its work alone.
 *
 * The helpers are started on first use and kept (as OpenBLAS keeps its
 * own); between jobs they sleep on a condition variable, so they never
 * spin against OpenBLAS's threads. Those spin (sched_yield) for a while
 * after each BLAS call, each on a core of its own, and the kernel then
 * left a woken helper on the caller's core: the two took turns on one core
 * while the other ran the spinning thread (measured: a split tanh took as
 * long as one thread). So a helper that finds itself on the caller's core
 * moves off it (its affinity: the cores it was started with but that one),
 * to the core where OpenBLAS's thread spins and yields to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <pthread.h>
#include <sched.h>
#include <string.h>

#define SPLIT_MAX_THREADS 8

typedef OsSimSplitJob SplitJob;

/* POSIX locks, not GMutex: GLib's futexes are invisible to TSan */
static pthread_mutex_t owner_lock = PTHREAD_MUTEX_INITIALIZER;   /* one caller at a time */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t  wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t  left = PTHREAD_COND_INITIALIZER;
static int             n_helpers;
static guint64         generation;
static SplitJob       *current;
static gint            forced_threads;   /* atomic; 0: as BLAS */

static void
run_blocks (SplitJob *job)
{
  int k;

  while ((k = g_atomic_int_add (&job->next, 1)) < job->n_blocks)
    {
      const gsize begin = (gsize) k * job->block;

      job->func (begin, MIN (job->n, begin + job->block), job->data);
    }
}

#ifdef CPU_SETSIZE
/* moves the calling helper off the caller's core when it is on it */
static void
leave_caller_cpu (const cpu_set_t *start, int caller_cpu)
{
  cpu_set_t set;

  if (caller_cpu < 0 || caller_cpu >= CPU_SETSIZE || sched_getcpu () != caller_cpu)
    return;
  memcpy (&set, start, sizeof set);
  CPU_CLR (caller_cpu, &set);
  if (CPU_COUNT (&set) > 0)
    sched_setaffinity (0, sizeof set, &set);
}
#endif

static void *
helper_main (void *arg)
{
  guint64 seen = 0;
#ifdef CPU_SETSIZE
  cpu_set_t start;
  gboolean have_start = sched_getaffinity (0, sizeof start, &start) == 0;
#endif

  (void) arg;
  pthread_mutex_lock (&lock);
  for (;;)
    {
      SplitJob *job;

      while (current == NULL || seen == generation)
        pthread_cond_wait (&wake, &lock);
      seen = generation;
      job = current;
      if (job->users >= job->max_users)
        continue;
      job->users++;
      pthread_mutex_unlock (&lock);
#ifdef CPU_SETSIZE
      if (have_start)
        leave_caller_cpu (&start, job->caller_cpu);
#endif
      run_blocks (job);
      pthread_mutex_lock (&lock);
      if (--job->users == 0)
        pthread_cond_signal (&left);
    }
  return NULL;
}

int
os_sim_split_threads (void)
{
  int forced = g_atomic_int_get (&forced_threads);
  int t;

  if (forced > 0)
    return MIN (forced, SPLIT_MAX_THREADS);
  t = MIN (openblas_get_num_threads (), (int) g_get_num_processors ());
  return CLAMP (t, 1, SPLIT_MAX_THREADS);
}

int
os_sim_set_split_threads (int threads)
{
  return g_atomic_int_exchange (&forced_threads, MAX (threads, 0));
}

/* starts helpers up to `wanted`; under lock. FALSE when none could be. */
static gboolean
ensure_helpers (int wanted)
{
  while (n_helpers < wanted)
    {
      pthread_attr_t attr;
      pthread_t thread;
      int rc;

      pthread_attr_init (&attr);
      pthread_attr_setdetachstate (&attr, PTHREAD_CREATE_DETACHED);
      rc = pthread_create (&thread, &attr, helper_main, NULL);
      pthread_attr_destroy (&attr);
      if (rc != 0)
        break;
      n_helpers++;
    }
  return n_helpers > 0;
}

/* begin, with `worth` saying whether a split pays */
static void
split_begin (OsSimSplitJob *job, gsize n, gsize block, gboolean worth, OsSimSplitFunc func,
             gpointer data)
{
  const int threads = os_sim_split_threads ();

  *job = (SplitJob) { func, data, n, block, (gint) ((n + block - 1) / block), 0, 0, threads - 1,
                      -1, FALSE };
  if (threads < 2 || !worth || pthread_mutex_trylock (&owner_lock) != 0)
    return;     /* os_sim_split_finish does it all */
#ifdef CPU_SETSIZE
  job->caller_cpu = sched_getcpu ();
#endif
  pthread_mutex_lock (&lock);
  if (!ensure_helpers (threads - 1))
    {
      pthread_mutex_unlock (&lock);
      pthread_mutex_unlock (&owner_lock);
      return;
    }
  job->shared = TRUE;
  current = job;
  generation++;
  pthread_cond_broadcast (&wake);
  pthread_mutex_unlock (&lock);
}

void
os_sim_split_begin (OsSimSplitJob *job, gsize n, gsize block, gsize min_split,
                    OsSimSplitFunc func, gpointer data)
{
  block = MAX (block, 1);
  if ((n + block - 1) / block > G_MAXINT)
    block = n / G_MAXINT + 1;
  split_begin (job, n, block, n >= MAX (min_split, 2 * block), func, data);
}

void
os_sim_split_task_begin (OsSimSplitJob *job, OsSimSplitFunc func, gpointer data)
{
  split_begin (job, 1, 1, TRUE, func, data);
}

void
os_sim_split_finish (OsSimSplitJob *job)
{
  if (!job->shared)
    {
      if (job->n > 0)
        job->func (0, job->n, job->data);
      return;
    }
  run_blocks (job);
  pthread_mutex_lock (&lock);
  current = NULL;               /* no helper joins from now on */
  while (job->users > 0)
    pthread_cond_wait (&left, &lock);
  pthread_mutex_unlock (&lock);
  pthread_mutex_unlock (&owner_lock);
}

void
os_sim_split (gsize n, gsize block, gsize min_split, OsSimSplitFunc func, gpointer data)
{
  OsSimSplitJob job;

  os_sim_split_begin (&job, n, block, min_split, func, data);
  os_sim_split_finish (&job);
}
