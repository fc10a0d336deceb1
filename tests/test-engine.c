/* test-engine.c — the background engine, headless: the newest request wins,
 * snapshots are immutable and delivered on the main context, simulated
 * points arrive one by one, and disposing the engine cancels its work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-engine.h"
#include "os-scheduler.h"

#include <math.h>
#include <string.h>

static GThread *main_thread;

typedef struct
{
  GPtrArray *figures;        /* OsFigure*, one reference each    */
  GArray    *generations;    /* guint, per figure                */
  GArray    *stages;         /* int, per figure                  */
  GArray    *finished_gen;   /* guint, per job-finished          */
  GArray    *finished_cancelled;
  gboolean   off_main_thread;
  gboolean   done;
} Record;

static void
record_init (Record *r)
{
  r->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) os_figure_unref);
  r->generations = g_array_new (FALSE, FALSE, sizeof (guint));
  r->stages = g_array_new (FALSE, FALSE, sizeof (int));
  r->finished_gen = g_array_new (FALSE, FALSE, sizeof (guint));
  r->finished_cancelled = g_array_new (FALSE, FALSE, sizeof (gboolean));
  r->off_main_thread = FALSE;
  r->done = FALSE;
}

static void
record_clear (Record *r)
{
  g_ptr_array_unref (r->figures);
  g_array_unref (r->generations);
  g_array_unref (r->stages);
  g_array_unref (r->finished_gen);
  g_array_unref (r->finished_cancelled);
}

static void
on_figure (OsEngine *engine, guint generation, int stage, gpointer figure, Record *r)
{
  g_assert_true (figure == os_engine_get_figure (engine));
  if (g_thread_self () != main_thread)
    r->off_main_thread = TRUE;
  g_ptr_array_add (r->figures, os_figure_ref (figure));
  g_array_append_val (r->generations, generation);
  g_array_append_val (r->stages, stage);
  if (stage == OS_ENGINE_STAGE_DONE || stage == OS_ENGINE_STAGE_FAILED)
    r->done = TRUE;
}

static void
on_finished (OsEngine *engine, guint generation, gboolean cancelled, Record *r)
{
  (void) engine;
  if (g_thread_self () != main_thread)
    r->off_main_thread = TRUE;
  g_array_append_val (r->finished_gen, generation);
  g_array_append_val (r->finished_cancelled, cancelled);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until *flag or until the engine and every job
 * have finished (flag NULL), at most `seconds`. */
static gboolean
wait_for (OsEngine *engine, gboolean *flag, double seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint) (seconds * 1000), on_timeout, &timed_out);

  while (!timed_out)
    {
      if (flag != NULL ? *flag
                       : ((engine == NULL || !os_engine_is_busy (engine)) && os_scheduler_jobs_alive () == 0))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static void
params_at (OsParams *p, double eta)
{
  os_params_init_default (p);
  p->eta = eta;
}

/* Three requests in a row: the final snapshot is the third's (the first
 * job may show its theory, nothing more), the first job observes its
 * cancellation, the second never starts. */
static void
test_newest_wins (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  guint g[3];

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  g_signal_connect (engine, "job-finished", G_CALLBACK (on_finished), &r);
  os_view_init_default (&view);
  view.simulate = TRUE;              /* long jobs, so cancellation is what ends them */
  view.sim.d = 300;
  view.sim.seeds = 1;
  view.sim_points = 3;

  params_at (&p, 0.5);
  g[0] = os_engine_request (engine, &p, &view);
  params_at (&p, 2.0);
  g[1] = os_engine_request (engine, &p, &view);
  params_at (&p, 1.0);
  view.simulate = FALSE;
  g[2] = os_engine_request (engine, &p, &view);
  g_assert_cmpuint (g[1], ==, g[0] + 1);
  g_assert_cmpuint (g[2], ==, g[1] + 1);
  g_assert_true (os_engine_is_busy (engine));

  g_assert_true (wait_for (engine, NULL, 60));
  g_assert_false (r.off_main_thread);

  /* snapshots only move forward; the final one (and everything after the
   * theory) belongs to the last generation */
  g_assert_cmpuint (r.figures->len, >=, 2);
  for (guint i = 0; i < r.generations->len; i++)
    {
      guint gen = g_array_index (r.generations, guint, i);
      int stage = g_array_index (r.stages, int, i);

      if (i > 0)
        g_assert_cmpuint (gen, >=, g_array_index (r.generations, guint, i - 1));
      g_assert_cmpuint (gen, !=, g[1]);                 /* never started */
      if (stage != OS_ENGINE_STAGE_THEORY)
        g_assert_cmpuint (gen, ==, g[2]);
    }
  g_assert_cmpint (g_array_index (r.stages, int, r.stages->len - 1), ==, OS_ENGINE_STAGE_DONE);
  g_assert_cmpfloat (os_engine_get_figure (engine)->params.eta, ==, 1.0);
  g_assert_cmpuint (os_engine_get_figure_generation (engine), ==, g[2]);
  /* the defaults at η̃ = 1: THEORY.md §7, α = 2 row */
  g_assert_cmpfloat_with_epsilon (os_engine_get_figure (engine)->theory->current.test_error, 0.174662, 2e-6);

  /* job-finished: the second (coalesced) at once, then the first
   * (cancelled), then the third (completed) */
  g_assert_cmpuint (r.finished_gen->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      guint gen = g_array_index (r.finished_gen, guint, i);
      gboolean cancelled = g_array_index (r.finished_cancelled, gboolean, i);

      g_assert_cmpint (cancelled, ==, gen != g[2]);
    }
  g_assert_cmpuint (g_array_index (r.finished_gen, guint, 0), ==, g[1]);
  g_assert_cmpuint (g_array_index (r.finished_gen, guint, 2), ==, g[2]);

  g_assert_finalize_object (engine);
  record_clear (&r);
}

static gboolean
saw_sim_point (Record *r)
{
  for (guint i = 0; i < r->stages->len; i++)
    if (g_array_index (r->stages, int, i) == OS_ENGINE_STAGE_SIM_POINT)
      return TRUE;
  return FALSE;
}

/* A new request while the network is being simulated cancels the
 * simulation at once; nothing more of the old generation is shown. */
static void
test_supersede_cancels_simulation (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  guint g1, g2, n_before;
  gint64 t0;
  gboolean got_point = FALSE;

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  g_signal_connect (engine, "job-finished", G_CALLBACK (on_finished), &r);
  os_view_init_default (&view);
  view.simulate = TRUE;
  view.sim.d = 500;
  view.sim.seeds = 2;
  view.sim_points = 12;
  params_at (&p, 1.0);
  g1 = os_engine_request (engine, &p, &view);
  while (!got_point)
    {
      g_main_context_iteration (NULL, TRUE);
      got_point = saw_sim_point (&r);
    }
  n_before = r.figures->len;
  t0 = g_get_monotonic_time ();
  view.simulate = FALSE;
  params_at (&p, 2.0);
  g2 = os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, NULL, 60));
  g_assert_cmpuint (r.finished_gen->len, ==, 2);
  g_assert_cmpuint (g_array_index (r.finished_gen, guint, 0), ==, g1);
  g_assert_true (g_array_index (r.finished_cancelled, gboolean, 0));
  g_assert_false (g_array_index (r.finished_cancelled, gboolean, 1));
  g_test_message ("superseded simulation ended and the new request completed in %.1f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 3 * G_USEC_PER_SEC);
  for (guint i = n_before; i < r.generations->len; i++)
    g_assert_cmpuint (g_array_index (r.generations, guint, i), ==, g2);
  g_assert_finalize_object (engine);
  record_clear (&r);
}

/* Fifty requests while one runs: at most one waits; 48 are dropped at once. */
static void
test_coalesce (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  guint n_cancelled = 0, last = 0;

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  g_signal_connect (engine, "job-finished", G_CALLBACK (on_finished), &r);
  os_view_init_default (&view);
  for (int i = 0; i < 50; i++)
    {
      params_at (&p, 0.1 + 0.05 * i);
      last = os_engine_request (engine, &p, &view);
    }
  /* synchronously: requests 2..49 were each replaced while waiting */
  g_assert_cmpuint (r.finished_gen->len, ==, 48);
  g_assert_true (wait_for (engine, NULL, 60));
  g_assert_cmpuint (r.finished_gen->len, ==, 50);
  for (guint i = 0; i < r.finished_gen->len; i++)
    n_cancelled += g_array_index (r.finished_cancelled, gboolean, i);
  g_assert_cmpuint (n_cancelled, ==, 49);
  /* the first job may show its theory; the only final is the last one's */
  for (guint i = 0; i < r.generations->len; i++)
    {
      guint gen = g_array_index (r.generations, guint, i);

      g_assert_true (gen == last || (gen == last - 49 && g_array_index (r.stages, int, i) == OS_ENGINE_STAGE_THEORY));
    }
  g_assert_cmpint (g_array_index (r.stages, int, r.stages->len - 1), ==, OS_ENGINE_STAGE_DONE);
  g_assert_cmpuint (g_array_index (r.generations, guint, r.generations->len - 1), ==, last);
  g_assert_cmpfloat_with_epsilon (os_engine_get_figure (engine)->params.eta, 0.1 + 0.05 * 49, 1e-12);

  g_assert_finalize_object (engine);
  record_clear (&r);
}

/* Order of the parts, one simulated point per snapshot, and immutability:
 * earlier snapshots are unchanged by later ones and share the theory. */
static void
test_stages_and_immutability (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  double first_error, first_x0;
  OsFigure *first;
  double *x;

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  os_view_init_default (&view);
  view.simulate = TRUE;
  view.sim.d = 120;
  view.sim.seeds = 1;
  view.sim_points = 4;
  os_params_init_default (&p);
  os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, &r.done, 120));
  g_assert_true (wait_for (engine, NULL, 30));
  g_assert_false (r.off_main_thread);

  /* THEORY, DENSITIES, 4 × SIM_POINT, SPECTRUM, DONE */
  g_assert_cmpuint (r.stages->len, ==, 8);
  g_assert_cmpint (g_array_index (r.stages, int, 0), ==, OS_ENGINE_STAGE_THEORY);
  g_assert_cmpint (g_array_index (r.stages, int, 1), ==, OS_ENGINE_STAGE_DENSITIES);
  for (int k = 0; k < 4; k++)
    g_assert_cmpint (g_array_index (r.stages, int, 2 + k), ==, OS_ENGINE_STAGE_SIM_POINT);
  g_assert_cmpint (g_array_index (r.stages, int, 6), ==, OS_ENGINE_STAGE_SPECTRUM);
  g_assert_cmpint (g_array_index (r.stages, int, 7), ==, OS_ENGINE_STAGE_DONE);

  /* points arrive one by one, at the sweep's values */
  x = g_new (double, 4);
  g_assert_cmpint (os_figure_sim_x_values (&view, x, 4), ==, 4);
  for (int k = 0; k < 4; k++)
    {
      OsFigure *f = g_ptr_array_index (r.figures, 2 + k);

      g_assert_cmpint (f->n_sim, ==, k + 1);
      g_assert_cmpfloat (f->sim[k].x, ==, x[k]);
      g_assert_true (isfinite (f->sim[k].result.test_error));
      g_assert_null (f->spectrum);
    }
  /* the points are one shared sweep (issue #16): its numbers bit for bit,
   * and each point's own run to 1e-9 */
  {
    OsFigure *last = g_ptr_array_index (r.figures, 5);
    OsSimSeedRow rows[4];

    g_assert_true (os_simulate_sweep (&p, view.sweep.axis, x, 4, &view.sim, NULL, NULL, NULL, NULL,
                                      NULL, NULL, rows, NULL));
    for (int k = 0; k < 4; k++)
      {
        OsParams q = p;
        OsSimResult alone;

        g_assert_cmpfloat (last->sim[k].result.test_error, ==, rows[k].test_error);
        g_assert_cmpfloat (last->sim[k].result.q1, ==, rows[k].q1);
        os_params_set (&q, view.sweep.axis, x[k]);
        g_assert_true (os_simulate (&q, &view.sim, NULL, NULL, NULL, &alone, NULL));
        g_assert_cmpfloat (fabs (alone.test_error - rows[k].test_error), <=, 1e-9 * alone.test_error);
        g_assert_cmpfloat (fabs (alone.train_error - rows[k].train_error), <=, 1e-9 * alone.train_error);
      }
  }
  g_free (x);

  first = g_ptr_array_index (r.figures, 0);
  g_assert_nonnull (first->theory);
  g_assert_cmpint (first->n_sim, ==, 0);
  g_assert_null (first->density_step);
  g_assert_null (first->spectrum);
  first_error = first->theory->curve->points[0].test_error;
  first_x0 = first->theory->curve->x[0];
  {
    OsFigure *last = g_ptr_array_index (r.figures, 7);

    g_assert_nonnull (last->spectrum);
    g_assert_nonnull (last->density_step);
    g_assert_cmpint (last->n_sim, ==, 4);
    g_assert_true (last->theory == first->theory);      /* shared, not copied */
  }
  /* the first snapshot still says what it said */
  g_assert_cmpint (first->n_sim, ==, 0);
  g_assert_null (first->spectrum);
  g_assert_cmpfloat (first->theory->curve->points[0].test_error, ==, first_error);
  g_assert_cmpfloat (first->theory->curve->x[0], ==, first_x0);
  {
    OsFigure *second = g_ptr_array_index (r.figures, 1);

    g_assert_nonnull (second->density_step);
    g_assert_cmpint (second->n_sim, ==, 0);
  }

  g_assert_finalize_object (engine);
  record_clear (&r);
}

static int
first_stage_index (Record *r, guint from, int stage)
{
  for (guint i = from; i < r->stages->len; i++)
    if (g_array_index (r->stages, int, i) == stage)
      return (int) i;
  return -1;
}

/* Toggling how the spectrum is shown keeps the simulated points (and, for
 * the log axis, the simulated spectrum); changing a parameter does not. */
static void
test_spectrum_toggle_keeps_simulation (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  OsFigure *first, *second;
  guint n_before;
  int k;

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  os_view_init_default (&view);
  view.simulate = TRUE;
  view.sim.d = 150;
  view.sim.seeds = 1;
  view.sim_points = 3;
  os_params_init_default (&p);
  os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, &r.done, 120));
  g_assert_true (wait_for (engine, NULL, 30));
  first = os_figure_ref (os_engine_get_figure (engine));
  g_assert_cmpint (first->n_sim, ==, 3);
  g_assert_nonnull (first->spectrum);

  /* log axis only: points and simulated spectrum come back at once */
  n_before = r.stages->len;
  r.done = FALSE;
  view.spectrum_log = TRUE;
  os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, &r.done, 60));
  g_assert_true (wait_for (engine, NULL, 30));
  k = first_stage_index (&r, n_before, OS_ENGINE_STAGE_SIM_POINT);
  g_assert_cmpint (k, >=, 0);
  g_assert_cmpint (((OsFigure *) g_ptr_array_index (r.figures, k))->n_sim, ==, 3);
  second = os_engine_get_figure (engine);
  g_assert_true (second->view.spectrum_log);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (second->sim[i].x, ==, first->sim[i].x);
      g_assert_cmpfloat (second->sim[i].result.test_error, ==, first->sim[i].result.test_error);
    }
  g_assert_nonnull (second->spectrum);
  g_assert_cmpint (second->spectrum->n, ==, first->spectrum->n);
  g_assert_cmpfloat (second->spectrum->step[0], ==, first->spectrum->step[0]);

  /* features: points kept, spectrum simulated anew for the other matrix */
  n_before = r.stages->len;
  r.done = FALSE;
  view.spectrum_matrix = OS_SPECTRUM_FEATURES;
  os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, &r.done, 60));
  g_assert_true (wait_for (engine, NULL, 30));
  k = first_stage_index (&r, n_before, OS_ENGINE_STAGE_SIM_POINT);
  g_assert_cmpint (((OsFigure *) g_ptr_array_index (r.figures, k))->n_sim, ==, 3);
  g_assert_cmpint (os_engine_get_figure (engine)->spectrum->matrix, ==, OS_SPECTRUM_FEATURES);

  /* a parameter: the network is simulated again, point by point */
  n_before = r.stages->len;
  r.done = FALSE;
  p.eta = 2.0;
  os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, &r.done, 120));
  g_assert_true (wait_for (engine, NULL, 30));
  k = first_stage_index (&r, n_before, OS_ENGINE_STAGE_SIM_POINT);
  g_assert_cmpint (((OsFigure *) g_ptr_array_index (r.figures, k))->n_sim, ==, 1);
  g_assert_cmpfloat (os_engine_get_figure (engine)->sim[0].result.test_error, !=,
                     first->sim[0].result.test_error);

  os_figure_unref (first);
  g_assert_finalize_object (engine);
  record_clear (&r);
}

/* Disposing the engine while it simulates cancels the job promptly and
 * nothing is delivered afterwards. */
static void
test_cancel_on_dispose (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  gboolean got_theory = FALSE;
  gint64 t0;
  guint n_before;

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  os_view_init_default (&view);
  view.simulate = TRUE;
  view.sim.d = 800;
  view.sim.seeds = 3;
  view.sim_points = 20;
  os_params_init_default (&p);
  os_engine_request (engine, &p, &view);
  while (!got_theory)
    {
      g_main_context_iteration (NULL, TRUE);
      got_theory = r.stages->len > 0;
    }
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 1);
  n_before = r.figures->len;
  t0 = g_get_monotonic_time ();
  g_assert_finalize_object (engine);
  g_assert_true (wait_for (NULL, NULL, 30));
  g_test_message ("job wound down %.1f ms after dispose",
                  (g_get_monotonic_time () - t0) / 1000.0);
  /* 20 points × 3 seeds at d = 800 take far longer than this */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (r.figures->len, ==, n_before);
  g_assert_cmpuint (os_scheduler_jobs_alive (), ==, 0);
  record_clear (&r);
}

/* A request the theory rejects ends in a FAILED snapshot whose status
 * says why. */
static void
test_failure_reported (void)
{
  OsEngine *engine = os_engine_new ();
  OsParams p;
  OsView view;
  Record r;
  OsFigure *f;

  record_init (&r);
  g_signal_connect (engine, "figure-updated", G_CALLBACK (on_figure), &r);
  os_view_init_default (&view);
  os_params_init_default (&p);
  p.lambda = -1.0;    /* outside [1e-5, 10] */
  os_engine_request (engine, &p, &view);
  g_assert_true (wait_for (engine, &r.done, 30));
  f = os_engine_get_figure (engine);
  g_assert_cmpint (g_array_index (r.stages, int, r.stages->len - 1), ==, OS_ENGINE_STAGE_FAILED);
  g_assert_null (f->theory);
  g_assert_nonnull (f->status);
  g_assert_nonnull (strstr (f->status, "failed"));
  g_assert_true (wait_for (engine, NULL, 30));
  g_assert_finalize_object (engine);
  record_clear (&r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();
  g_test_add_func ("/engine/newest-wins", test_newest_wins);
  g_test_add_func ("/engine/coalesce", test_coalesce);
  g_test_add_func ("/engine/supersede-cancels-simulation", test_supersede_cancels_simulation);
  g_test_add_func ("/engine/stages-and-immutability", test_stages_and_immutability);
  g_test_add_func ("/engine/spectrum-toggle-keeps-simulation", test_spectrum_toggle_keeps_simulation);
  g_test_add_func ("/engine/cancel-on-dispose", test_cancel_on_dispose);
  g_test_add_func ("/engine/failure-reported", test_failure_reported);
  return g_test_run ();
}
