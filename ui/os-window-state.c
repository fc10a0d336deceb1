/* os-window-state.c — the state undo, redo, reset, presets and parameter
 * files act on (OsWindowState: every parameter and the x-axis and
 * simulation settings), its history, and parameter files (which also
 * keep the phase diagram's quantity and y-axis, outside the history).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"
#include "os-error.h"
#include "os-flags.h"
#include "os-paramfile.h"
#include "os-state.h"

#include <string.h>

/* A slider dragged (or a value typed) into the same control within this
 * time coalesces into one undo step. */
#define HISTORY_WINDOW_US (700 * G_TIME_SPAN_MILLISECOND)
/* undo steps kept */
#define HISTORY_DEPTH 200
#define SOURCE_RANGE      (OS_PARAM_N)
#define SOURCE_SIMULATION (OS_PARAM_N + 1)

/* Which control made the change from `old` to `now`: the parameter when
 * only one changed, the x-range or the simulation settings, else none. */
static int
change_source (const OsWindowState *old, const OsWindowState *now)
{
  int source = OS_HISTORY_NO_SOURCE, n = 0;

  if (old->params.student != now->params.student || old->params.teacher != now->params.teacher)
    return OS_HISTORY_NO_SOURCE;
  for (int id = 0; id < OS_PARAM_N; id++)
    if (os_params_get (&old->params, id) != os_params_get (&now->params, id))
      {
        source = id;
        n++;
      }
  if (memcmp (&old->view.sweep, &now->view.sweep, sizeof now->view.sweep) != 0)
    {
      source = old->view.sweep.axis == now->view.sweep.axis ? SOURCE_RANGE : OS_HISTORY_NO_SOURCE;
      n++;
    }
  if (!old->view.simulate != !now->view.simulate || old->view.d != now->view.d
      || old->view.seeds != now->view.seeds || old->view.seed != now->view.seed
      || old->view.network_d != now->view.network_d)
    {
      source = SOURCE_SIMULATION;
      n++;
    }
  return n == 1 ? source : OS_HISTORY_NO_SOURCE;
}

void
os_window_record_change (OsWindow *self)
{
  OsWindowState now;
  const OsWindowState *old;

  if (self->applying > 0 || self->history == NULL)
    return;
  old = os_history_current (self->history);
  os_window_get_state_struct (self, &now);
  os_history_record (self->history, &now, change_source (old, &now),
                     g_get_monotonic_time (), HISTORY_WINDOW_US);
  os_window_update_history_actions (self);
}

void
os_window_get_state_struct (OsWindow *self, OsWindowState *state)
{
  OsParams params;
  OsView view;

  memset (state, 0, sizeof *state);   /* the history compares bytewise */
  os_window_get_request (self, &params, &view);
  state->params.student = params.student;
  state->params.teacher = params.teacher;
  for (int id = 0; id < OS_PARAM_N; id++)
    os_params_set (&state->params, id, os_params_get (&params, id));
  state->view.sweep.axis = view.sweep.axis;
  state->view.sweep.from = view.sweep.from;
  state->view.sweep.to = view.sweep.to;
  state->view.sweep.points = view.sweep.points;
  state->view.sweep.log_spacing = !!view.sweep.log_spacing;
  state->view.simulate = !!view.simulate;
  state->view.d = view.sim.d;
  state->view.seeds = view.sim.seeds;
  state->view.seed = view.sim.seed;
  state->view.network_d = view.network_d;
}

void
os_window_get_state (OsWindow *self, OsParams *params, OsPresetView *view)
{
  OsWindowState state;

  g_return_if_fail (OS_IS_WINDOW (self));
  os_window_get_state_struct (self, &state);
  if (params != NULL)
    *params = state.params;
  if (view != NULL)
    *view = state.view;
}

void
os_window_apply_state (OsWindow *self, const OsWindowState *state, gboolean record)
{
  self->applying++;
  self->view.sweep.points = state->view.sweep.points;
  self->view.sim.seed = state->view.seed;
  os_param_panel_set_all (self->panel, &state->params, &state->view.sweep, state->view.simulate,
                          state->view.d, state->view.seeds, state->view.network_d);   /* posts one request */
  self->applying--;
  if (record)
    {
      OsWindowState now;

      os_window_get_state_struct (self, &now);
      os_history_record (self->history, &now, OS_HISTORY_NO_SOURCE, g_get_monotonic_time (), 0);
    }
  os_window_update_history_actions (self);
}

/* The phase diagram's quantity and y-axis (from a parameter file or the
 * flags); the x-axis stays, unless the y-axis takes it. */
gboolean
os_window_set_phase (OsWindow *self, const OsPresetPhase *phase, GError **error)
{
  OsPhaseRequest now;
  OsSweep x_axis, y_axis;
  double from, to;

  g_return_val_if_fail (OS_IS_WINDOW (self) && phase != NULL, FALSE);
  if (!phase->set)
    return TRUE;
  if (!os_preset_phase_validate (phase, "y_from", "y_to", error))
    return FALSE;
  os_phase_view_get_request (self->phase_view, &now);
  x_axis = now.x_axis;
  y_axis = now.y_axis;
  y_axis.axis = phase->y_axis;
  os_phase_axis_default_range (phase->y_axis, &from, &to, &y_axis.log_spacing);
  y_axis.from = phase->y_from;
  y_axis.to = phase->y_to;
  if (x_axis.axis == y_axis.axis)
    {
      x_axis.axis = y_axis.axis == OS_PARAM_ALPHA ? OS_PARAM_ETA : OS_PARAM_ALPHA;
      os_phase_axis_default_range (x_axis.axis, &x_axis.from, &x_axis.to, &x_axis.log_spacing);
    }
  os_phase_view_set_quantity (self->phase_view, phase->quantity);
  return os_phase_view_set_axes (self->phase_view, &x_axis, &y_axis, error);
}

/* What the phase diagram shows, as a parameter file keeps it. */
void
os_window_get_phase (OsWindow *self, OsPresetPhase *phase)
{
  OsPhaseRequest now;

  os_phase_view_get_request (self->phase_view, &now);
  memset (phase, 0, sizeof *phase);
  phase->set = TRUE;
  phase->quantity = now.quantity;
  phase->y_axis = now.y_axis.axis;
  phase->y_from = now.y_axis.from;
  phase->y_to = now.y_axis.to;
}

gboolean
os_window_set_state (OsWindow *self, const OsParams *params, const OsPresetView *view, GError **error)
{
  OsWindowState state;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (params != NULL && view != NULL, FALSE);

  if (!os_params_validate (params, error) || !os_preset_view_validate (view, error)
      || !os_param_panel_check_simulation (view->d, view->seeds, error))
    return FALSE;
  if (view->sweep.points < 2)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "x_points: the curves need at least 2 points (got %d)", view->sweep.points);
      return FALSE;
    }
  if (view->phase.set && !os_window_set_phase (self, &view->phase, error))
    return FALSE;
  memset (&state, 0, sizeof state);
  state.params = *params;
  state.view = *view;
  /* the phase diagram is not part of the undo history */
  memset (&state.view.phase, 0, sizeof state.view.phase);
  os_window_apply_state (self, &state, TRUE);
  return TRUE;
}

gboolean
os_window_undo (OsWindow *self)
{
  const OsWindowState *state;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  state = os_history_undo (self->history);
  if (state == NULL)
    return FALSE;
  os_window_apply_state (self, state, FALSE);
  return TRUE;
}

gboolean
os_window_redo (OsWindow *self)
{
  const OsWindowState *state;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  state = os_history_redo (self->history);
  if (state == NULL)
    return FALSE;
  os_window_apply_state (self, state, FALSE);
  return TRUE;
}

void
os_window_reset_history (OsWindow *self)
{
  OsWindowState state;

  g_return_if_fail (OS_IS_WINDOW (self));
  os_window_get_state_struct (self, &state);
  g_clear_pointer (&self->history, os_history_free);
  self->history = os_history_new (sizeof state, &state, HISTORY_DEPTH, NULL);
  os_window_update_history_actions (self);
}

void
os_window_reset (OsWindow *self)
{
  OsWindowState defaults;
  const OsWindowState *state;

  g_return_if_fail (OS_IS_WINDOW (self));
  memset (&defaults, 0, sizeof defaults);
  os_params_init_default (&defaults.params);
  os_preset_view_init_default (&defaults.view);
  state = os_history_reset (self->history, &defaults);
  os_window_apply_state (self, state, FALSE);
}

gboolean
os_window_save_params (OsWindow *self, const char *path)
{
  OsState state;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* the whole view: parameters, axis, simulation, and the [view] group */
  os_window_get_view_state (self, &state);
  if (!os_state_save (path, &state, &error))
    {
      g_autofree char *msg = g_strdup_printf ("Saving the parameters failed: %s", error->message);
      os_window_show_error (self, msg);
      return FALSE;
    }
  {
    g_autofree char *msg = g_strdup_printf ("Parameters saved to %s", path);
    os_window_set_status_bar (self, NULL, msg, -1.0);
  }
  os_window_show_error (self, NULL);
  return TRUE;
}

gboolean
os_window_load_params (OsWindow *self, const char *path)
{
  OsState state;
  OsParamfileKeys keys = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* keys the file does not have keep their values; the file's own
   * checks, then the window's limits named by file, line and key, as
   * `onestep-explorer --params FILE` names them */
  os_window_get_view_state (self, &state);
  if (!os_state_load (path, &state, &keys, &error)
      || !os_flags_check_window_file (display, &state.view, &keys, &error)
      || !os_window_set_view_state (self, &state, &error))
    {
      g_autofree char *msg = g_strdup_printf ("Opening the parameters failed: %s", error->message);
      os_window_show_error (self, msg);
      return FALSE;
    }
  {
    g_autofree char *msg = g_strdup_printf ("Parameters from %s", path);
    os_window_set_status_bar (self, NULL, msg, -1.0);
  }
  os_window_show_error (self, NULL);
  return TRUE;
}
