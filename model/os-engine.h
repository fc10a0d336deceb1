/* os-engine.h — the background engine behind the window.
 *
 * Every parameter or view change posts a request. The newest request wins:
 * each request gets a generation number and its own GCancellable; posting a
 * new one supersedes the running job and replaces any job still waiting,
 * so at most one job runs and at most one waits (a dragged slider never
 * queues more). A superseded job that is past its theory is cancelled at
 * once; one still computing its theory (a few milliseconds) finishes it
 * and shows it, then stops — so a dragged slider redraws the curve at the
 * pace of the theory instead of never — unless that takes longer than a
 * short grace period, when it is cancelled too.
 *
 * A job is one job of the scheduler (model/os-scheduler.h): its theory and
 * predicted spectra run on the theory lane, its simulation on the
 * simulation lane, at a lower priority. It publishes immutable OsFigure
 * snapshots in this order: the theory (THEORY.md §5–6), the predicted
 * spectra (§9), each simulated point as it finishes (§1, §6), the
 * simulated spectrum, then a final "done" snapshot — the last two stages
 * only for the newest request. Snapshots are delivered on the main context the engine was
 * created in, in increasing generation order (an older one arriving late
 * is dropped). The main thread only swaps pointers.
 *
 * A request that changes only how the spectrum is shown (weights or
 * features, centred, log axis) keeps the simulated points of the snapshot
 * on screen (same parameters, seeds and x values) and, for the log axis,
 * its simulated spectrum: a toggle does not rerun the network.
 *
 * GLib/GIO only, so the tests run headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-figure.h"

G_BEGIN_DECLS

typedef enum
{
  OS_ENGINE_STAGE_THEORY,      /* curves, floors, learned function        */
  OS_ENGINE_STAGE_DENSITIES,   /* predicted spectra                       */
  OS_ENGINE_STAGE_SIM_POINT,   /* one more simulated point                */
  OS_ENGINE_STAGE_SPECTRUM,    /* the simulated spectrum                  */
  OS_ENGINE_STAGE_DONE,        /* the request is complete (final snapshot) */
  OS_ENGINE_STAGE_FAILED,      /* the theory failed; status says why (final) */
} OsEngineStage;

#define OS_TYPE_ENGINE (os_engine_get_type ())
G_DECLARE_FINAL_TYPE (OsEngine, os_engine, OS, ENGINE, GObject)

/* A new idle engine; snapshots are delivered on the thread-default main
 * context of the caller.
 *
 * Signals (all emitted on that main context):
 *   "figure-updated" (guint generation, OsEngineStage stage, gpointer figure)
 *       a new snapshot of the current generation; figure is transfer none
 *       (also os_engine_get_figure ()).
 *   "progress" (guint generation, double fraction, const char *text)
 *       what the current job is doing; fraction in [0, 1].
 *   "job-finished" (guint generation, gboolean cancelled)
 *       a job ended: cancelled is TRUE when it was superseded or cancelled
 *       before its final snapshot (including a waiting job that never
 *       started). */
OsEngine *os_engine_new            (void);

/* Posts a request (params and view are copied) and returns its generation,
 * which increases by one per request. */
guint     os_engine_request        (OsEngine       *engine,
                                    const OsParams *params,
                                    const OsView   *view);

/* The newest snapshot delivered (transfer none), or NULL before the first. */
OsFigure *os_engine_get_figure     (OsEngine *engine);
/* The generation of the newest request. */
guint     os_engine_get_generation (OsEngine *engine);
/* The generation os_engine_get_figure () belongs to (0 before the first). */
guint     os_engine_get_figure_generation (OsEngine *engine);
/* TRUE while a job runs or waits. */
gboolean  os_engine_is_busy        (OsEngine *engine);
/* Cancels the running job and drops the waiting one; nothing they would
 * still deliver is shown. */
void      os_engine_cancel         (OsEngine *engine);

const char *os_engine_stage_name   (OsEngineStage stage);

G_END_DECLS
