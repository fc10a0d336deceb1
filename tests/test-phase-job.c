/* test-phase-job.c — model/os-phase-job: the phase diagram in the
 * background. Levels arrive on the caller's thread, coarse to fine, then
 * the result; a cancelled computation ends with G_IO_ERROR_CANCELLED, shows
 * no level after the cancel and frees its level data; the scheduler's
 * count of live jobs returns to 0.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase-job.h"
#include "os-error.h"
#include "os-scheduler.h"

static void
small_request (OsPhaseRequest *r, int n)
{
  os_phase_request_init_default (r);
  r->x_axis.points = n;
  r->y_axis.points = n;
}

typedef struct
{
  int           levels;
  GCancellable *cancel_after_first;
  GThread      *thread;
  gboolean      wrong_thread;
  int           freed;
} Levels;

static void
on_level (OsPhaseGrid *g, gpointer data)
{
  Levels *l = data;

  if (l->thread != NULL && g_thread_self () != l->thread)
    l->wrong_thread = TRUE;
  g_assert_cmpint (g->level, ==, l->levels);
  l->levels++;
  if (l->cancel_after_first != NULL)
    g_cancellable_cancel (l->cancel_after_first);
}

static void
on_levels_freed (gpointer data)
{
  ((Levels *) data)->freed++;
}

typedef struct
{
  GMainLoop   *loop;
  OsPhaseGrid *grid;
  GError      *error;
} AsyncResult;

static void
on_done (GObject *source, GAsyncResult *res, gpointer data)
{
  AsyncResult *ar = data;

  (void) source;
  ar->grid = os_phase_compute_finish (res, &ar->error);
  g_main_loop_quit (ar->loop);
}

static void
test_async (void)
{
  OsPhaseRequest r;
  Levels *l = g_new0 (Levels, 1);
  AsyncResult ar = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  small_request (&r, 16);
  r.optimal_eta = TRUE;
  r.base.teacher = OS_ACT_SIN;
  r.base.alpha0 = 20;
  r.y_axis.to = 6;
  l->thread = g_thread_self ();
  os_phase_compute_async (&r, NULL, NULL, on_level, l, NULL, on_done, &ar);
  g_main_loop_run (ar.loop);
  /* level deliveries queued before completion have run */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (ar.error);
  g_assert_nonnull (ar.grid);
  g_assert_cmpint (l->levels, ==, 2);
  g_assert_false (l->wrong_thread);
  g_assert_nonnull (ar.grid->optimal_eta);
  g_assert_cmpint (ar.grid->optimal_eta->n, ==, 16);
  for (int i = 0; i < 16; i++)
    g_assert_cmpfloat (ar.grid->optimal_eta->eta[i], >, 0.0);
  os_phase_grid_unref (ar.grid);
  g_main_loop_unref (ar.loop);
  g_free (l);
  g_assert_true (os_scheduler_wait_idle (g_get_monotonic_time () + 10 * G_USEC_PER_SEC));
}

/* Cancelled before it starts: no level, G_IO_ERROR_CANCELLED, the level
 * data freed once; cancelled after the coarse level: no further level. */
static void
test_cancel (void)
{
  for (int when = 0; when < 2; when++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      OsPhaseRequest r;
      Levels l = { 0 };
      AsyncResult ar = { g_main_loop_new (NULL, FALSE), NULL, NULL };

      small_request (&r, 40);
      l.thread = g_thread_self ();
      if (when == 0)
        g_cancellable_cancel (cancellable);
      else
        l.cancel_after_first = cancellable;
      os_phase_compute_async (&r, NULL, cancellable, on_level, &l, on_levels_freed, on_done, &ar);
      g_main_loop_run (ar.loop);
      g_assert_true (os_scheduler_wait_idle (g_get_monotonic_time () + 10 * G_USEC_PER_SEC));
      g_assert_error (ar.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (ar.grid);
      g_assert_cmpint (l.levels, ==, when);
      g_assert_false (l.wrong_thread);
      g_assert_cmpint (l.freed, ==, 1);
      g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
      g_clear_error (&ar.error);
      g_main_loop_unref (ar.loop);
    }
}

/* An invalid request fails with the core's error, through the same path. */
static void
test_invalid (void)
{
  OsPhaseRequest r;
  AsyncResult ar = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  small_request (&r, 8);
  r.y_axis.axis = r.x_axis.axis;
  os_phase_compute_async (&r, NULL, NULL, NULL, NULL, NULL, on_done, &ar);
  g_main_loop_run (ar.loop);
  g_assert_error (ar.error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_null (ar.grid);
  g_clear_error (&ar.error);
  g_main_loop_unref (ar.loop);
  g_assert_true (os_scheduler_wait_idle (g_get_monotonic_time () + 10 * G_USEC_PER_SEC));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/PhaseJob/async", test_async);
  g_test_add_func ("/PhaseJob/cancel", test_cancel);
  g_test_add_func ("/PhaseJob/invalid", test_invalid);
  return g_test_run ();
}
