/* os-engine.c — the background engine: newest request wins, snapshots out.
 *
 * One job per request. The job owns a copy of the parameters, a
 * GCancellable and a link back to the engine; it is one scheduler job
 * (model/os-scheduler.h) that computes the theory and the predicted
 * spectra on the theory lane and continues on the simulation lane (a lower
 * priority) when it simulates, and it hands each snapshot to the engine's
 * main context as a delivery of that job. The engine never waits for a
 * worker: when it is disposed it cancels the running job and empties the
 * link, and the job's late deliveries are dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-engine.h"
#include "os-error.h"
#include "os-scheduler.h"

#include <math.h>
#include <string.h>

/* The jobs' way back to the engine. Worker threads only pass it along;
 * `engine` is read and cleared on the main context only (NULL once the
 * engine is disposed), so a worker never holds a reference to the engine. */
typedef struct
{
  OsEngine *engine;
} OsEngineLink;

typedef struct
{
  OsEngineLink *link;              /* atomic rc box */
  GCancellable *cancellable;
  guint         generation;
  OsParams      params;
  OsView        view;
  /* worker-side state */
  OsSchedulerJob *scheduled;       /* the scheduler's job, while it runs */
  gboolean      completed;         /* it delivered its final snapshot */
  OsFigure     *figure;
  gint64        last_progress_us;
  int           sim_done, sim_total;
  int           sim_first;         /* sim_done when the sweep started   */
  double       *sim_x;             /* the sweep's x values (from sim_first) */
  gint          in_theory;         /* atomic: TRUE until the theory is computed */
  /* from the previous request when only the spectrum view changed */
  OsSimPoint   *reuse_sim;
  int           n_reuse_sim;
  OsSimSpectrum *reuse_spectrum;
  gint          superseded;        /* atomic: a newer request is waiting        */
  char         *theory_summary;
  GString      *problems;          /* non-fatal failures, for the status line */
} OsEngineJob;

struct _OsEngine
{
  GObject       parent_instance;
  GMainContext *context;
  OsEngineLink *link;
  guint         generation;        /* newest request                 */
  OsEngineJob  *running;           /* borrowed; the scheduler owns it */
  OsEngineJob  *waiting;           /* owned; not started yet         */
  guint         theory_deadline;   /* source: cancels a superseded theory that runs long */
  guint         accept_from;       /* older generations are dropped (os_engine_cancel) */
  OsFigure     *figure;            /* newest delivered snapshot      */
  guint         figure_generation;
};

G_DEFINE_FINAL_TYPE (OsEngine, os_engine, G_TYPE_OBJECT)

enum { SIGNAL_FIGURE_UPDATED, SIGNAL_PROGRESS, SIGNAL_JOB_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_waiting_job (OsEngine *engine);

/* ---------------------------------------------------------------- jobs */

static OsEngineJob *
job_new (OsEngine *engine, guint generation, const OsParams *params, const OsView *view)
{
  OsEngineJob *job = g_new0 (OsEngineJob, 1);

  job->link = g_atomic_rc_box_acquire (engine->link);
  job->cancellable = g_cancellable_new ();
  job->generation = generation;
  job->params = *params;
  job->view = *view;
  job->problems = g_string_new (NULL);
  job->in_theory = TRUE;
  return job;
}

/* Main context: a job that never started, or the scheduler's job ended. */
static void
job_free (gpointer data)
{
  OsEngineJob *job = data;

  g_atomic_rc_box_release (job->link);
  g_object_unref (job->cancellable);
  g_clear_pointer (&job->figure, os_figure_unref);
  g_free (job->theory_summary);
  g_string_free (job->problems, TRUE);
  g_free (job->reuse_sim);
  g_clear_pointer (&job->reuse_spectrum, os_sim_spectrum_free);
  g_free (job);
}

/* ------------------------------------------------------ deliveries */

typedef struct
{
  OsEngineLink *link;
  guint         generation;
  OsEngineStage stage;
  OsFigure     *figure;     /* NULL for a progress report */
  double        fraction;
  char         *text;
} OsDelivery;

static void
delivery_free (gpointer data)
{
  OsDelivery *d = data;

  g_atomic_rc_box_release (d->link);
  g_clear_pointer (&d->figure, os_figure_unref);
  g_free (d->text);
  g_free (d);
}

static void
deliver_on_main (gpointer data)
{
  OsDelivery *d = data;
  OsEngine *engine = d->link->engine;

  /* Snapshots only move forward: one older than what is shown, or from
   * before os_engine_cancel (), is dropped. A superseded job still shows
   * its theory (so a dragged slider redraws the curve), never a final. */
  if (engine == NULL || d->generation < engine->figure_generation || d->generation < engine->accept_from)
    return;
  if (d->generation != engine->generation && (d->figure == NULL || d->stage != OS_ENGINE_STAGE_THEORY))
    return;   /* superseded: its theory is shown, nothing else */

  if (d->figure != NULL)
    {
      g_clear_pointer (&engine->figure, os_figure_unref);
      engine->figure = g_steal_pointer (&d->figure);
      engine->figure_generation = d->generation;
      g_signal_emit (engine, signals[SIGNAL_FIGURE_UPDATED], 0,
                     d->generation, (int) d->stage, engine->figure);
    }
  if (d->text != NULL && d->generation == engine->generation)
    g_signal_emit (engine, signals[SIGNAL_PROGRESS], 0, d->generation, d->fraction, d->text);
}

/* Worker: one snapshot or progress report to the engine's main context, in
 * order (os_scheduler_job_deliver ()). */
static void
post (OsEngineJob *job, OsEngineStage stage, OsFigure *figure, double fraction, const char *text)
{
  OsDelivery *d = g_new0 (OsDelivery, 1);

  d->link = g_atomic_rc_box_acquire (job->link);
  d->generation = job->generation;
  d->stage = stage;
  d->figure = figure != NULL ? os_figure_ref (figure) : NULL;
  d->fraction = fraction;
  d->text = g_strdup (text);
  os_scheduler_job_deliver (job->scheduled, deliver_on_main, d, delivery_free);
}

/* Replaces the job's snapshot by `next` (transfer full) with a fresh status
 * line, and delivers it. */
static void
publish (OsEngineJob *job, OsEngineStage stage, OsFigure *next, double fraction, const char *doing)
{
  g_autoptr (GString) status = g_string_new (job->theory_summary);
  OsFigure *with_status;

  if (job->view.simulate && job->sim_total > 0)
    g_string_append_printf (status, "%sSimulation (d = %d, %d seed%s): %d of %d points",
                            status->len ? "  ·  " : "", job->view.sim.d, job->view.sim.seeds,
                            job->view.sim.seeds == 1 ? "" : "s", job->sim_done, job->sim_total);
  if (job->problems->len)
    g_string_append_printf (status, "  ·  %s", job->problems->str);
  if (doing != NULL)
    g_string_append_printf (status, "  ·  %s", doing);

  with_status = os_figure_with_status (next, status->str);
  os_figure_unref (next);
  g_clear_pointer (&job->figure, os_figure_unref);
  job->figure = with_status;
  post (job, stage, job->figure, fraction, doing != NULL ? doing : "");
}

static void
note_problem (OsEngineJob *job, const char *what, const GError *error)
{
  g_string_append_printf (job->problems, "%s%s failed: %s",
                          job->problems->len ? "; " : "", what, error->message);
}

static void
on_sim_progress (double fraction, const char *stage, gpointer user_data)
{
  OsEngineJob *job = user_data;
  gint64 now = g_get_monotonic_time ();
  char text[128];

  /* at most ten reports a second */
  if (now - job->last_progress_us < 100000)
    return;
  job->last_progress_us = now;
  g_snprintf (text, sizeof text, "Simulating %d point%s (%s)", job->sim_total - job->sim_first,
              job->sim_total - job->sim_first == 1 ? "" : "s", stage != NULL ? stage : "");
  /* the fraction is the whole sweep's */
  post (job, OS_ENGINE_STAGE_SIM_POINT, NULL,
        (2.0 + job->sim_first + (job->sim_total - job->sim_first) * CLAMP (fraction, 0.0, 1.0))
        / (3.0 + job->sim_total), text);
}

/* A point of the sweep has all its seeds (computing thread; the sweep
 * calls one at a time). */
static void
on_sim_point (int point, const OsSimResult *result, gpointer user_data)
{
  OsEngineJob *job = user_data;

  job->sim_done++;
  publish (job, OS_ENGINE_STAGE_SIM_POINT,
           os_figure_with_sim_point (job->figure, job->sim_x[point], result),
           (2.0 + job->sim_done) / (3.0 + job->sim_total),
           job->sim_done < job->sim_total ? "Simulating…" : "Simulating the spectrum…");
}

#define CANCELLED(job, err) \
  (g_cancellable_is_cancelled ((job)->cancellable) || \
   g_error_matches ((err), G_IO_ERROR, G_IO_ERROR_CANCELLED) || \
   g_error_matches ((err), OS_ERROR, OS_ERROR_CANCELLED))

/* Stages 3 and 4, on the simulation lane: a lower scheduling priority
 * (Linux nice is per thread), as the simulation is the long, heavy part and
 * must not take the cores from the main loop, the theory of the next
 * request or the plot rendering. Returns FALSE when cancelled. */
static gboolean
simulation_stages (OsEngineJob *job, GCancellable *cancellable)
{
  const OsView *view = &job->view;
  g_autoptr (GError) error = NULL;
  g_autofree double *x = g_new (double, job->sim_total);

  /* the points not reused, as one sweep that shares its work (for one
   * seed, the step and what else the axis does not change); each point is
   * published when all its seeds are done */
  job->sim_total = os_figure_sim_x_values (view, x, job->sim_total);
  job->sim_first = job->sim_done;
  job->sim_x = x + job->sim_first;
  if (job->sim_done < job->sim_total)
    {
      const int n = job->sim_total - job->sim_first;
      g_autofree OsSimSeedRow *rows = g_new (OsSimSeedRow, (gsize) n * view->sim.seeds);

      if (!os_simulate_sweep (&job->params, view->sweep.axis, job->sim_x, n, &view->sim, NULL,
                              cancellable, on_sim_progress, job, on_sim_point, job, rows, &error))
        {
          job->sim_x = NULL;
          if (CANCELLED (job, error))
            return FALSE;
          note_problem (job, "Simulation", error);
          return TRUE;
        }
    }
  job->sim_x = NULL;

  {
    OsSimSpectrum *spectrum = job->reuse_spectrum != NULL
                              ? g_steal_pointer (&job->reuse_spectrum)
                              : os_simulate_spectrum (&job->params, &view->sim, view->spectrum_matrix,
                                                      view->spectrum_centered, cancellable, &error);
    if (spectrum == NULL)
      {
        if (CANCELLED (job, error))
          return FALSE;
        note_problem (job, "Simulated spectrum", error);
      }
    else
      publish (job, OS_ENGINE_STAGE_SPECTRUM, os_figure_with_spectrum (job->figure, spectrum),
               (2.0 + job->sim_total) / (3.0 + job->sim_total), NULL);
  }
  return TRUE;
}

/* The final snapshot, unless cancelled. */
static void
finish_stages (OsEngineJob *job, GCancellable *cancellable)
{
  if (g_cancellable_is_cancelled (cancellable))
    return;
  publish (job, OS_ENGINE_STAGE_DONE, os_figure_ref (job->figure), 1.0, NULL);
  job->completed = TRUE;
}

/* Stages 1 and 2, on the theory lane, checking cancellation in between
 * (the core routines check it inside, between points and BLAS calls).
 * Returns FALSE when the job stops here: cancelled, superseded, or its
 * theory failed (then its final snapshot is delivered and it completed). */
static gboolean
theory_stages (OsEngineJob *job, GCancellable *cancellable)
{
  const OsView *view = &job->view;
  g_autoptr (GError) error = NULL;
  OsFigureTheory *theory;
  OsSpectralDensity *density_init = NULL, *density_step = NULL;
  int total;

  job->figure = os_figure_new (&job->params, view);
  job->sim_total = view->simulate ? MAX (view->sim_points, 0) : 0;
  total = 3 + job->sim_total;

  /* 1. theory */
  theory = os_figure_theory_compute (&job->params, view, cancellable, &error);
  if (theory == NULL)
    {
      if (CANCELLED (job, error))
        {
          return FALSE;
        }
      job->theory_summary = g_strdup_printf ("Theory failed: %s", error->message);
      publish (job, OS_ENGINE_STAGE_FAILED, os_figure_ref (job->figure), 1.0, NULL);
      job->completed = TRUE;
      return FALSE;
    }
  if (theory->curve != NULL && theory->curve->n_not_converged > 0)
    job->theory_summary = g_strdup_printf ("Theory: %d of %d points did not converge",
                                           theory->curve->n_not_converged, theory->curve->n);
  else if (theory->curve != NULL)
    job->theory_summary = g_strdup_printf ("Theory: %d points converged", theory->curve->n);
  else
    job->theory_summary = g_strdup ("Theory ready");
  if (!theory->current.converged)
    {
      char *s = g_strconcat (job->theory_summary, " (the point at the sliders did not converge)", NULL);
      g_free (job->theory_summary);
      job->theory_summary = s;
    }
  publish (job, OS_ENGINE_STAGE_THEORY, os_figure_with_theory (job->figure, theory),
           1.0 / total, "Predicting the spectra…");

  /* The theory is shown even when a newer request is waiting (a dragged
   * slider then redraws at the pace of the theory); the rest is not. The
   * order of the two atomics pairs with os_engine_request (). */
  g_atomic_int_set (&job->in_theory, FALSE);
  if (g_atomic_int_get (&job->superseded) || g_cancellable_is_cancelled (cancellable))
    {
      return FALSE;
    }

  /* 2. predicted spectra (THEORY.md §9), their outliers at the network
   * size (the simulation's d while it runs) */
  density_init = os_spectral_density_compute (&job->params, view->spectrum_matrix,
                                              view->spectrum_centered, FALSE, os_view_spectrum_d (view), 0,
                                              cancellable, &error);
  if (density_init != NULL)
    density_step = os_spectral_density_compute (&job->params, view->spectrum_matrix,
                                                view->spectrum_centered, TRUE, os_view_spectrum_d (view), 0,
                                                cancellable, &error);
  if (density_step == NULL)
    {
      g_clear_pointer (&density_init, os_spectral_density_free);
      if (CANCELLED (job, error))
        {
          return FALSE;
        }
      note_problem (job, "Predicted spectrum", error);
      g_clear_error (&error);
    }
  publish (job, OS_ENGINE_STAGE_DENSITIES,
           os_figure_with_densities (job->figure, density_init, density_step),
           2.0 / total, view->simulate ? "Simulating…" : NULL);

  /* 3. simulated points, one by one, then 4. the simulated spectrum */
  if (view->simulate && job->sim_total > 0 && job->n_reuse_sim > 0)
    {
      /* the points of the previous request, which simulated exactly these */
      OsFigure *next = os_figure_ref (job->figure);

      for (int i = 0; i < job->n_reuse_sim && i < job->sim_total; i++)
        {
          OsFigure *with = os_figure_with_sim_point (next, job->reuse_sim[i].x, &job->reuse_sim[i].result);

          os_figure_unref (next);
          next = with;
          job->sim_done++;
        }
      publish (job, OS_ENGINE_STAGE_SIM_POINT, next, (2.0 + job->sim_done) / total,
               job->sim_done < job->sim_total ? "Simulating…" : "Simulating the spectrum…");
    }
  return TRUE;
}

/* The simulation lane: stages 3 and 4, then the final snapshot. */
static void
simulation_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  OsEngineJob *job = data;

  job->scheduled = scheduled;
  if (simulation_stages (job, cancellable))
    finish_stages (job, cancellable);
}

/* The theory lane: stages 1 and 2; the simulation continues the same job
 * on its own lane, so this thread is free for the next request's theory. */
static void
theory_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  OsEngineJob *job = data;

  job->scheduled = scheduled;
  if (!theory_stages (job, cancellable))
    return;
  if (job->view.simulate && job->sim_total > 0)
    os_scheduler_job_continue (scheduled, OS_SCHEDULER_LANE_SIMULATION, simulation_work);
  else
    finish_stages (job, cancellable);
}

/* Main context: the job ended (completed, cancelled, or never started
 * because it was cancelled first); the scheduler frees it next. */
static void
job_done (gpointer data)
{
  OsEngineJob *job = data;
  OsEngine *engine = job->link->engine;

  if (engine == NULL)
    return;
  if (engine->running == job)
    {
      engine->running = NULL;
      g_clear_handle_id (&engine->theory_deadline, g_source_remove);
    }
  g_signal_emit (engine, signals[SIGNAL_JOB_FINISHED], 0, job->generation, !job->completed);
  start_waiting_job (engine);
}

/* A superseded job still computing its theory after this long is cancelled
 * (a theory that slow — e.g. many non-converging points — must not hold up
 * the newest request). */
#define OS_ENGINE_THEORY_GRACE_MS 150

static gboolean
on_theory_deadline (gpointer data)
{
  OsEngine *engine = data;

  engine->theory_deadline = 0;
  if (engine->running != NULL)
    g_cancellable_cancel (engine->running->cancellable);
  return G_SOURCE_REMOVE;
}

static void
start_waiting_job (OsEngine *engine)
{
  OsEngineJob *job;

  if (engine->running != NULL || engine->waiting == NULL)
    return;
  job = g_steal_pointer (&engine->waiting);
  engine->running = job;
  /* the job holds no reference to the engine (its link is emptied when
   * the engine goes); it delivers on the engine's main context */
  g_main_context_push_thread_default (engine->context);
  os_scheduler_run (OS_SCHEDULER_LANE_THEORY, job->cancellable, G_PRIORITY_DEFAULT,
                    theory_work, job_done, job, job_free);
  g_main_context_pop_thread_default (engine->context);
}

/* ------------------------------------------------------------ engine */

static void
os_engine_dispose (GObject *object)
{
  OsEngine *engine = OS_ENGINE (object);

  os_engine_cancel (engine);
  g_clear_handle_id (&engine->theory_deadline, g_source_remove);
  if (engine->link != NULL)
    {
      engine->link->engine = NULL;
      g_clear_pointer (&engine->link, g_atomic_rc_box_release);
    }
  g_clear_pointer (&engine->figure, os_figure_unref);
  G_OBJECT_CLASS (os_engine_parent_class)->dispose (object);
}

static void
os_engine_finalize (GObject *object)
{
  OsEngine *engine = OS_ENGINE (object);

  g_main_context_unref (engine->context);
  G_OBJECT_CLASS (os_engine_parent_class)->finalize (object);
}

static void
os_engine_class_init (OsEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = os_engine_dispose;
  object_class->finalize = os_engine_finalize;

  signals[SIGNAL_FIGURE_UPDATED] =
    g_signal_new ("figure-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT, G_TYPE_POINTER);
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_STRING);
  signals[SIGNAL_JOB_FINISHED] =
    g_signal_new ("job-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
os_engine_init (OsEngine *engine)
{
  engine->context = g_main_context_ref_thread_default ();
  engine->link = g_atomic_rc_box_new0 (OsEngineLink);
  engine->link->engine = engine;
}

OsEngine *
os_engine_new (void)
{
  return g_object_new (OS_TYPE_ENGINE, NULL);
}

/* TRUE when the two views ask for the same simulated points. */
static gboolean
same_simulation (const OsView *a, const OsView *b)
{
  return a->simulate == b->simulate && a->sim_points == b->sim_points
         && a->sim.d == b->sim.d && a->sim.seeds == b->sim.seeds && a->sim.seed == b->sim.seed
         && a->sim.n_test == b->sim.n_test && a->sim.memory_budget == b->sim.memory_budget
         && a->sweep.axis == b->sweep.axis && a->sweep.from == b->sweep.from
         && a->sweep.to == b->sweep.to && a->sweep.log_spacing == b->sweep.log_spacing;
}

static OsSimSpectrum *
sim_spectrum_copy (const OsSimSpectrum *spectrum)
{
  /* allocated as os_simulate_spectrum () does, so os_sim_spectrum_free () frees it */
  OsSimSpectrum *copy = g_memdup2 (spectrum, sizeof *spectrum);

  copy->init = g_memdup2 (spectrum->init, sizeof (double) * spectrum->n);
  copy->step = g_memdup2 (spectrum->step, sizeof (double) * spectrum->n);
  return copy;
}

/* A request that changes only how the spectrum is shown (weights or
 * features, centred, log axis) keeps the simulated points of the shown
 * snapshot — same parameters, same seeds, same x values — and, when only
 * the axis changed, its simulated spectrum: toggling a spectrum button
 * does not rerun the network. */
static void
reuse_simulation (OsEngineJob *job, const OsFigure *shown)
{
  if (shown == NULL || !job->view.simulate || !os_params_equal (&shown->params, &job->params)
      || !same_simulation (&shown->view, &job->view))
    return;
  if (shown->n_sim > 0)
    {
      job->reuse_sim = g_memdup2 (shown->sim, sizeof (OsSimPoint) * shown->n_sim);
      job->n_reuse_sim = shown->n_sim;
    }
  if (shown->spectrum != NULL && shown->n_sim >= shown->view.sim_points
      && shown->view.spectrum_matrix == job->view.spectrum_matrix
      && shown->view.spectrum_centered == job->view.spectrum_centered)
    job->reuse_spectrum = sim_spectrum_copy (shown->spectrum);
}

guint
os_engine_request (OsEngine *engine, const OsParams *params, const OsView *view)
{
  g_return_val_if_fail (OS_IS_ENGINE (engine), 0);
  g_return_val_if_fail (params != NULL && view != NULL, 0);

  engine->generation++;
  if (engine->waiting != NULL)
    {
      /* coalesced: a waiting job is replaced, never started */
      guint stale = engine->waiting->generation;

      g_clear_pointer (&engine->waiting, job_free);
      g_signal_emit (engine, signals[SIGNAL_JOB_FINISHED], 0, stale, TRUE);
    }
  engine->waiting = job_new (engine, engine->generation, params, view);
  reuse_simulation (engine->waiting, engine->figure);
  if (engine->running != NULL)
    {
      OsEngineJob *running = engine->running;

      /* supersede: a job past its theory is cancelled at once; one still
       * in its theory finishes it (bounded by the grace period) */
      g_atomic_int_set (&running->superseded, TRUE);
      if (!g_atomic_int_get (&running->in_theory))
        g_cancellable_cancel (running->cancellable);
      else if (engine->theory_deadline == 0)
        engine->theory_deadline = g_timeout_add (OS_ENGINE_THEORY_GRACE_MS, on_theory_deadline, engine);
    }
  else
    start_waiting_job (engine);
  return engine->generation;
}

OsFigure *
os_engine_get_figure (OsEngine *engine)
{
  g_return_val_if_fail (OS_IS_ENGINE (engine), NULL);
  return engine->figure;
}

guint
os_engine_get_generation (OsEngine *engine)
{
  g_return_val_if_fail (OS_IS_ENGINE (engine), 0);
  return engine->generation;
}

guint
os_engine_get_figure_generation (OsEngine *engine)
{
  g_return_val_if_fail (OS_IS_ENGINE (engine), 0);
  return engine->figure_generation;
}

gboolean
os_engine_is_busy (OsEngine *engine)
{
  g_return_val_if_fail (OS_IS_ENGINE (engine), FALSE);
  return engine->running != NULL || engine->waiting != NULL;
}

void
os_engine_cancel (OsEngine *engine)
{
  g_return_if_fail (OS_IS_ENGINE (engine));

  g_clear_pointer (&engine->waiting, job_free);
  if (engine->running != NULL)
    g_cancellable_cancel (engine->running->cancellable);
  g_clear_handle_id (&engine->theory_deadline, g_source_remove);
  /* nothing posted before now is shown any more */
  engine->generation++;
  engine->accept_from = engine->generation;
}

const char *
os_engine_stage_name (OsEngineStage stage)
{
  switch (stage)
    {
    case OS_ENGINE_STAGE_THEORY:    return "theory";
    case OS_ENGINE_STAGE_DENSITIES: return "densities";
    case OS_ENGINE_STAGE_SIM_POINT: return "sim-point";
    case OS_ENGINE_STAGE_SPECTRUM:  return "spectrum";
    case OS_ENGINE_STAGE_DONE:      return "done";
    case OS_ENGINE_STAGE_FAILED:    return "failed";
    }
  return "unknown";
}
