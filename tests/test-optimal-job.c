/* test-optimal-job.c — model/os-optimal-job: η̃*(x) in the background is
 * the synchronous curve bit for bit, delivered on the caller's thread; a
 * cancelled or invalid request ends with its error; the scheduler's count
 * of live jobs returns to 0.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-optimal-job.h"
#include "os-error.h"
#include "os-scheduler.h"

#include <math.h>

typedef struct
{
  GMainLoop    *loop;
  OsOptimalEta *curve;
  GError       *error;
  gboolean      on_main;
} Result;

static GThread *main_thread;

static void
on_done (GObject *source, GAsyncResult *res, gpointer data)
{
  Result *r = data;

  (void) source;
  r->on_main = g_thread_self () == main_thread;
  r->curve = os_optimal_eta_compute_finish (res, &r->error);
  g_main_loop_quit (r->loop);
}

static void
run (const OsParams *base, const OsSweep *sweep, GCancellable *cancellable, Result *r)
{
  r->loop = g_main_loop_new (NULL, FALSE);
  os_optimal_eta_compute_async (base, sweep, NULL, INFINITY, cancellable, on_done, r);
  g_main_loop_run (r->loop);
  g_main_loop_unref (r->loop);
  g_assert_true (os_scheduler_wait_idle (g_get_monotonic_time () + 10 * G_USEC_PER_SEC));
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
}

static void
test_same_as_sync (void)
{
  OsParams base;
  OsSweep sweep = { OS_PARAM_ALPHA, 0.2, 4.0, 6, FALSE };
  g_autoptr (OsOptimalEta) want = NULL;
  g_autoptr (GError) error = NULL;
  Result r = { 0 };

  os_params_init_default (&base);
  want = os_optimal_eta_compute (&base, &sweep, NULL, NULL, &error);
  g_assert_no_error (error);
  run (&base, &sweep, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.on_main);
  g_assert_nonnull (r.curve);
  g_assert_cmpint (r.curve->n, ==, want->n);
  for (int i = 0; i < want->n; i++)
    {
      g_assert_cmpfloat (r.curve->x[i], ==, want->x[i]);
      g_assert_cmpfloat (r.curve->eta[i], ==, want->eta[i]);
      g_assert_cmpfloat (r.curve->test_error[i], ==, want->test_error[i]);
      g_assert_cmpint (r.curve->converged[i], ==, want->converged[i]);
    }
  os_optimal_eta_free (r.curve);
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  OsParams base;
  OsSweep sweep = { OS_PARAM_ALPHA, 0.2, 4.0, 40, FALSE };
  Result r = { 0 };

  os_params_init_default (&base);
  g_cancellable_cancel (cancellable);
  run (&base, &sweep, cancellable, &r);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r.curve);
  g_assert_true (r.on_main);
  g_clear_error (&r.error);
}

static void
test_invalid (void)
{
  OsParams base;
  OsSweep sweep = { OS_PARAM_ETA, 0.0, 4.0, 6, FALSE };
  Result r = { 0 };

  os_params_init_default (&base);
  run (&base, &sweep, NULL, &r);
  g_assert_error (r.error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_null (r.curve);
  g_clear_error (&r.error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();
  g_test_add_func ("/OptimalJob/same-as-sync", test_same_as_sync);
  g_test_add_func ("/OptimalJob/cancelled", test_cancelled);
  g_test_add_func ("/OptimalJob/invalid", test_invalid);
  return g_test_run ();
}
