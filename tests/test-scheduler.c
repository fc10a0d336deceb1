/* test-scheduler.c — model/os-scheduler: jobs run on their lanes' threads,
 * come back on the main context in order, cancel, continue on another
 * lane as one job, stay within their lane's bound, and the one count of
 * live jobs returns to 0 — also when the program shuts down with jobs in
 * flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-scheduler.h"

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#endif

static GThread *main_thread;

static int
thread_nice (void)
{
#ifdef __linux__
  return getpriority (PRIO_PROCESS, (id_t) gettid ());
#else
  return 0;
#endif
}

/* What one job saw. Written by the worker, read on the main context after
 * its done. */
typedef struct
{
  GThread  *work_thread;
  int       work_nice;
  int       ran;            /* work calls */
  int       done;           /* done calls */
  gboolean  done_on_main;
  gboolean  freed;
  gboolean  done_before_free;
  GArray   *delivered;      /* of int, in order of arrival */
  gboolean  delivered_on_main;
  gint      release;        /* atomic: a blocked work may return */
  gint      running;        /* atomic: the work has started */
} Probe;

static Probe *
probe_new (void)
{
  Probe *p = g_new0 (Probe, 1);

  p->delivered = g_array_new (FALSE, FALSE, sizeof (int));
  p->delivered_on_main = TRUE;
  return p;
}

static void
probe_free (Probe *p)
{
  g_array_unref (p->delivered);
  g_free (p);
}

static void
record_work (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  Probe *p = data;

  (void) job;
  g_assert_nonnull (cancellable);
  p->work_thread = g_thread_self ();
  p->work_nice = thread_nice ();
  p->ran++;
}

static void
record_done (gpointer data)
{
  Probe *p = data;

  p->done++;
  p->done_on_main = g_thread_self () == main_thread;
}

static void
record_free (gpointer data)
{
  Probe *p = data;

  p->freed = TRUE;
  p->done_before_free = p->done == 1;
}

static gboolean
idle_soon (void)
{
  return os_scheduler_wait_idle (g_get_monotonic_time () + 10 * G_USEC_PER_SEC);
}

/* One job on every lane: its work runs once in a thread of its own, at the
 * lane's nice value, then done and data_free on the main context. */
static void
test_runs_on_lanes (void)
{
  int main_nice = thread_nice ();

  for (int lane = 0; lane < OS_SCHEDULER_N_LANES; lane++)
    {
      Probe *p = probe_new ();

      os_scheduler_run (lane, NULL, G_PRIORITY_DEFAULT, record_work, record_done, p, record_free);
      g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 1);
      g_assert_cmpuint (os_scheduler_lane_jobs_alive (lane), ==, 1);
      g_assert_true (idle_soon ());
      g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
      g_assert_cmpuint (os_scheduler_lane_jobs_alive (lane), ==, 0);
      g_assert_cmpint (p->ran, ==, 1);
      g_assert_cmpint (p->done, ==, 1);
      g_assert_true (p->done_on_main);
      g_assert_true (p->freed);
      g_assert_true (p->done_before_free);
      g_assert_true (p->work_thread != main_thread);
#ifdef __linux__
      /* raised to the lane's value; never lowered below the process's */
      g_assert_cmpint (p->work_nice, ==, MAX (main_nice, os_scheduler_lane_nice (lane)));
#endif
      g_test_message ("lane %s: nice %d, at most %d threads", os_scheduler_lane_name (lane),
                      p->work_nice, os_scheduler_lane_max_threads (lane));
      probe_free (p);
    }
}

/* ---------------------------------------------------------- deliveries */

typedef struct
{
  Probe *probe;
  int    value;
} Item;

static void
on_item (gpointer data)
{
  Item *item = data;

  if (g_thread_self () != main_thread)
    item->probe->delivered_on_main = FALSE;
  /* nothing is delivered after done */
  g_assert_cmpint (item->probe->done, ==, 0);
  g_array_append_val (item->probe->delivered, item->value);
}

#define N_ITEMS 200

static void
deliver_work (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  (void) cancellable;
  for (int i = 0; i < N_ITEMS; i++)
    {
      Item *item = g_new (Item, 1);

      item->probe = data;
      item->value = i;
      os_scheduler_job_deliver (job, on_item, item, g_free);
    }
}

/* Deliveries arrive on the main context in the order they were made, all
 * before done. */
static void
test_deliveries_in_order (void)
{
  Probe *p = probe_new ();

  os_scheduler_run (OS_SCHEDULER_LANE_THEORY, NULL, G_PRIORITY_DEFAULT, deliver_work, record_done, p, NULL);
  g_assert_true (idle_soon ());
  g_assert_cmpint (p->done, ==, 1);
  g_assert_true (p->delivered_on_main);
  g_assert_cmpuint (p->delivered->len, ==, N_ITEMS);
  for (int i = 0; i < N_ITEMS; i++)
    g_assert_cmpint (g_array_index (p->delivered, int, i), ==, i);
  probe_free (p);
}

/* ---------------------------------------------------------- cancelling */

/* Blocks until released or cancelled. */
static void
block_work (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  Probe *p = data;

  (void) job;
  g_atomic_int_set (&p->running, 1);
  p->ran++;
  while (!g_atomic_int_get (&p->release) && !g_cancellable_is_cancelled (cancellable))
    g_usleep (500);
}

static void
wait_running (Probe *p)
{
  gint64 t0 = g_get_monotonic_time ();

  while (!g_atomic_int_get (&p->running))
    {
      g_assert_cmpint (g_get_monotonic_time () - t0, <, 10 * G_USEC_PER_SEC);
      g_usleep (200);
    }
}

/* A job cancelled while it waits for a thread never runs its work; its
 * done still comes. A running job sees its cancellable. */
static void
test_cancel (void)
{
  g_autoptr (GCancellable) first_cancel = g_cancellable_new ();
  g_autoptr (GCancellable) second_cancel = g_cancellable_new ();
  Probe *first = probe_new (), *second = probe_new ();

  /* the reclaim lane has one thread: the second job waits behind the first */
  os_scheduler_run (OS_SCHEDULER_LANE_RECLAIM, first_cancel, G_PRIORITY_DEFAULT,
                    block_work, record_done, first, NULL);
  wait_running (first);
  os_scheduler_run (OS_SCHEDULER_LANE_RECLAIM, second_cancel, G_PRIORITY_DEFAULT,
                    block_work, record_done, second, NULL);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 2);
  g_cancellable_cancel (second_cancel);
  g_cancellable_cancel (first_cancel);
  g_assert_true (idle_soon ());
  g_assert_cmpint (first->ran, ==, 1);
  g_assert_cmpint (first->done, ==, 1);
  g_assert_cmpint (second->ran, ==, 0);
  g_assert_cmpint (second->done, ==, 1);
  g_assert_true (second->done_on_main);
  probe_free (first);
  probe_free (second);
}

/* ---------------------------------------------------------- continuing */

typedef struct
{
  Probe   *probe;
  GThread *first_thread, *second_thread;
  int      second_nice;
  guint    alive_in_first, alive_in_second;   /* os_scheduler_jobs_alive () inside */
} Relay;

static void
relay_second (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  Relay *r = data;

  (void) job;
  (void) cancellable;
  r->second_thread = g_thread_self ();
  r->second_nice = thread_nice ();
  r->alive_in_second = os_scheduler_lane_jobs_alive (OS_SCHEDULER_LANE_SIMULATION);
}

static void
relay_first (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  Relay *r = data;

  (void) cancellable;
  r->first_thread = g_thread_self ();
  r->alive_in_first = os_scheduler_lane_jobs_alive (OS_SCHEDULER_LANE_THEORY);
  os_scheduler_job_continue (job, OS_SCHEDULER_LANE_SIMULATION, relay_second);
}

static void
relay_done (gpointer data)
{
  Relay *r = data;

  r->probe->done++;
  /* one job throughout: never counted twice */
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 1);
}

/* A job that continues on another lane is one job: one count, one done,
 * the second part on the other lane's thread at its nice value. */
static void
test_continue_on_other_lane (void)
{
  Relay r = { probe_new (), NULL, NULL, 0, 0, 0 };
  int main_nice = thread_nice ();

  os_scheduler_run (OS_SCHEDULER_LANE_THEORY, NULL, G_PRIORITY_DEFAULT, relay_first, relay_done, &r, NULL);
  g_assert_true (idle_soon ());
  g_assert_cmpint (r.probe->done, ==, 1);
  g_assert_nonnull (r.first_thread);
  g_assert_nonnull (r.second_thread);
  g_assert_true (r.first_thread != r.second_thread);
  g_assert_cmpuint (r.alive_in_first, ==, 1);
  g_assert_cmpuint (r.alive_in_second, ==, 1);
#ifdef __linux__
  g_assert_cmpint (r.second_nice, ==, MAX (main_nice, os_scheduler_lane_nice (OS_SCHEDULER_LANE_SIMULATION)));
#endif
  probe_free (r.probe);
}

/* A cancelled job does not continue. */
static void
test_cancelled_does_not_continue (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Relay r = { probe_new (), NULL, NULL, 0, 0, 0 };

  g_cancellable_cancel (cancellable);
  os_scheduler_run (OS_SCHEDULER_LANE_THEORY, cancellable, G_PRIORITY_DEFAULT,
                    relay_first, relay_done, &r, NULL);
  g_assert_true (idle_soon ());
  g_assert_cmpint (r.probe->done, ==, 1);
  g_assert_null (r.first_thread);
  g_assert_null (r.second_thread);
  probe_free (r.probe);
}

/* ---------------------------------------------------------- the bound */

static gint concurrent, most_concurrent;

static void
count_work (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  int now = g_atomic_int_add (&concurrent, 1) + 1;
  int most;

  (void) job;
  (void) data;
  (void) cancellable;
  while ((most = g_atomic_int_get (&most_concurrent)) < now
         && !g_atomic_int_compare_and_exchange (&most_concurrent, most, now))
    ;
  g_usleep (20000);
  g_atomic_int_add (&concurrent, -1);
}

static void
count_done (gpointer data)
{
  (*(int *) data)++;
}

/* A lane runs at most its bound of jobs at once, the rest wait; all end. */
static void
test_bounded (void)
{
  const OsSchedulerLane lane = OS_SCHEDULER_LANE_RENDER;
  int n = 4 * os_scheduler_lane_max_threads (lane), done = 0;

  g_atomic_int_set (&most_concurrent, 0);
  for (int i = 0; i < n; i++)
    os_scheduler_run (lane, NULL, G_PRIORITY_DEFAULT, count_work, count_done, &done, NULL);
  g_assert_true (idle_soon ());
  g_assert_cmpint (done, ==, n);
  g_test_message ("at most %d at once", g_atomic_int_get (&most_concurrent));
  g_assert_cmpint (g_atomic_int_get (&most_concurrent), >=, 1);
  g_assert_cmpint (g_atomic_int_get (&most_concurrent), <=, os_scheduler_lane_max_threads (lane));
}

/* ---------------------------------------------------------- other contexts */

/* done runs on the main context the job was started from, and only there. */
static void
test_owner_context (void)
{
  GMainContext *own = g_main_context_new ();
  Probe *p = probe_new ();
  gint64 t0;

  g_main_context_push_thread_default (own);
  os_scheduler_run (OS_SCHEDULER_LANE_THEORY, NULL, G_PRIORITY_DEFAULT, record_work, record_done, p, NULL);
  g_main_context_pop_thread_default (own);
  /* the default context does not run it */
  t0 = g_get_monotonic_time ();
  while (g_get_monotonic_time () - t0 < 100 * G_TIME_SPAN_MILLISECOND)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpint (p->done, ==, 0);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 1);
  g_main_context_push_thread_default (own);
  g_assert_true (idle_soon ());
  g_main_context_pop_thread_default (own);
  g_assert_cmpint (p->done, ==, 1);
  g_main_context_unref (own);
  probe_free (p);
}

/* ---------------------------------------------------------- shutdown */

static void
free_surface_like (OsSchedulerJob *job, gpointer data, GCancellable *cancellable)
{
  (void) job;
  (void) cancellable;
  g_usleep (5000);
  g_free (data);
}

/* The program ends with jobs in flight on every lane: the owners cancel
 * theirs, and waiting on the one count returns promptly with every done
 * run — also for jobs that end in their worker (no done). A job that
 * does not stop makes the wait give up at its deadline. */
static void
test_shutdown_with_jobs_in_flight (void)
{
  g_autoptr (GCancellable) owners = g_cancellable_new ();
  Probe *probes[OS_SCHEDULER_N_LANES];
  Probe *stuck = probe_new ();
  gint64 t0;

  for (int lane = 0; lane < OS_SCHEDULER_N_LANES; lane++)
    {
      probes[lane] = probe_new ();
      os_scheduler_run (lane, owners, G_PRIORITY_DEFAULT, block_work, record_done, probes[lane], NULL);
    }
  for (int i = 0; i < 8; i++)
    os_scheduler_run (OS_SCHEDULER_LANE_RECLAIM, NULL, G_PRIORITY_LOW, free_surface_like, NULL,
                      g_malloc (64), NULL);
  for (int lane = 0; lane < OS_SCHEDULER_N_LANES; lane++)
    wait_running (probes[lane]);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, OS_SCHEDULER_N_LANES + 8);

  /* nothing cancelled: the deadline comes first */
  t0 = g_get_monotonic_time ();
  g_assert_false (os_scheduler_wait_idle (t0 + 100 * G_TIME_SPAN_MILLISECOND));
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 100 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (os_scheduler_jobs_alive (), >=, OS_SCHEDULER_N_LANES);

  /* one more job that only its own flag stops */
  os_scheduler_run (OS_SCHEDULER_LANE_BACKGROUND, NULL, G_PRIORITY_DEFAULT, block_work, record_done, stuck, NULL);
  wait_running (stuck);
  g_cancellable_cancel (owners);
  t0 = g_get_monotonic_time ();
  g_assert_false (os_scheduler_wait_idle (t0 + 200 * G_TIME_SPAN_MILLISECOND));
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 1);
  for (int lane = 0; lane < OS_SCHEDULER_N_LANES; lane++)
    g_assert_cmpint (probes[lane]->done, ==, 1);

  g_atomic_int_set (&stuck->release, 1);
  t0 = g_get_monotonic_time ();
  g_assert_true (os_scheduler_wait_idle (t0 + 10 * G_USEC_PER_SEC));
  g_test_message ("idle %.1f ms after the last job was released", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
  g_assert_cmpint (stuck->done, ==, 1);
  for (int lane = 0; lane < OS_SCHEDULER_N_LANES; lane++)
    {
      g_assert_cmpuint (os_scheduler_lane_jobs_alive (lane), ==, 0);
      probe_free (probes[lane]);
    }
  probe_free (stuck);
}

/* A job with no done ends in its worker; the wait wakes for it. */
static void
test_wait_wakes_for_worker_end (void)
{
  gint64 t0 = g_get_monotonic_time ();

  os_scheduler_run (OS_SCHEDULER_LANE_RECLAIM, NULL, G_PRIORITY_LOW, free_surface_like, NULL,
                    g_malloc (64), NULL);
  g_assert_true (os_scheduler_wait_idle (t0 + 10 * G_USEC_PER_SEC));
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();
  g_test_add_func ("/Scheduler/runs-on-lanes", test_runs_on_lanes);
  g_test_add_func ("/Scheduler/deliveries-in-order", test_deliveries_in_order);
  g_test_add_func ("/Scheduler/cancel", test_cancel);
  g_test_add_func ("/Scheduler/continue-on-other-lane", test_continue_on_other_lane);
  g_test_add_func ("/Scheduler/cancelled-does-not-continue", test_cancelled_does_not_continue);
  g_test_add_func ("/Scheduler/bounded", test_bounded);
  g_test_add_func ("/Scheduler/owner-context", test_owner_context);
  g_test_add_func ("/Scheduler/shutdown-with-jobs-in-flight", test_shutdown_with_jobs_in_flight);
  g_test_add_func ("/Scheduler/wait-wakes-for-worker-end", test_wait_wakes_for_worker_end);
  return g_test_run ();
}
