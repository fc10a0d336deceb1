/* os-state.h — the whole view of the window, as a parameter set saves it,
 * a lesson step sets it and "Copy as command line" spells it: the
 * parameters and the x-axis and simulation (os-paramfile.h), and the
 * rest of the view — the spectrum toggles, the η̃* curve, the page, the
 * hidden series, up to four pinned parameter sets and the animation. The
 * phase diagram's quantity and y-axis are the view's (OsPresetView.phase,
 * keys quantity, y_axis, y_from, y_to of [parameters]).
 *
 * A parameter set file holds the [parameters] group of os-paramfile.h and
 * a [view] group (os-paramfile.c skips it, so every mode reads such a
 * file):
 *
 *     [view]
 *     spectrum=features          weights | features
 *     centered=true
 *     spectrum_log=true
 *     optimal_eta=true           ε_g at η̃* on the test-error plot
 *     page=curves                curves | phase
 *     hide=floor-spike,train     series hidden (os-series.h)
 *     animate=eta                the played parameter (none: no animation)
 *     animate_from=0
 *     animate_to=3
 *     frames=96
 *     fps=24
 *     bounce=false
 *     pin1=eta=0                 a pinned parameter set: what differs from
 *     pin2=eta=2,alpha0=5        [parameters] (empty: the same set)
 *
 * Every key is optional; a key that is absent keeps its value. Errors
 * name the file, the line and the key, and nothing changes unless the
 * whole file is valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-animation.h"
#include "os-figure.h"
#include "os-keyscan.h"
#include "os-paramfile.h"
#include "os-presets.h"
#include "os-series.h"
#include "os-simulation.h"

G_BEGIN_DECLS

#define OS_STATE_VIEW_GROUP "view"
#define OS_STATE_MAX_PINS   4

typedef enum
{
  OS_PAGE_CURVES,
  OS_PAGE_PHASE,
  OS_PAGE_N
} OsPage;

const char *os_page_name      (OsPage page);                 /* "curves", "phase" */
gboolean    os_page_from_name (const char *name, OsPage *out);

typedef struct
{
  OsParams         params;
  OsPresetView     view;            /* x-axis, range, simulation          */
  OsSpectrumMatrix spectrum;
  gboolean         centered, spectrum_log;
  gboolean         optimal_eta;     /* ε_g at η̃* on the test-error plot   */
  OsPage           page;
  guint64          hidden;          /* OS_SERIES_BIT of each hidden series */
  gboolean         animate;         /* an animation is set                 */
  OsAnimation      animation;
  int              n_pins;
  OsParams         pins[OS_STATE_MAX_PINS];
} OsState;

/* The window's defaults (os_params_init_default,
 * os_preset_view_init_default with the default phase diagram set,
 * weights, curves, nothing hidden, no pins, the default animation unset). */
void     os_state_init_default (OsState *state);
/* The phase diagram of state: view.phase, or when not set the window's
 * default (ε_g over α × η̃ ∈ [0, 10]). */
void     os_state_phase        (const OsState *state, OsPresetPhase *phase);
gboolean os_state_equal        (const OsState *a, const OsState *b);
/* Every part inside its range (OS_ERROR_INVALID_ARGUMENT names the key). */
gboolean os_state_validate     (const OsState *state, GError **error);

/* What the engine computes for state: its x-axis, spectrum and simulation
 * (the window's 8 simulated points). */
void     os_state_to_view      (const OsState *state, OsView *view);

/* A pin as text: what differs from base, "eta=0.5,alpha0=2" (full
 * precision; "" when nothing does), and back. */
char    *os_pin_format         (const OsParams *pin, const OsParams *base);
gboolean os_pin_parse          (const char *text, const OsParams *base, OsParams *pin, GError **error);
/* What a pin shows in a legend: "η̃ = 0.5, α₀ = 2" (UTF-8, 3 significant
 * digits; "the same parameters" when nothing differs). */
char    *os_pin_label          (const OsParams *pin, const OsParams *base);

/* One key of the [view] group into state (pins are read against
 * state->params). *known is FALSE (and nothing happens) for a key that is
 * not a view key; otherwise an invalid value is an error "SOURCE:LINE:
 * KEY: why". */
gboolean os_state_parse_view_key (OsState *state, const char *source, const OsKeyscanEntry *entry,
                                  gboolean *known, GError **error);
/* The view keys, for messages: "spectrum, centered, …". */
const char *os_state_view_keys (void);

/* The file's text: [parameters] then [view]. */
char    *os_state_to_data      (const OsState *state);
gboolean os_state_save         (const char *path, const OsState *state, GError **error);
/* Reads both groups over *state (keys that are absent keep their
 * values); all or nothing. keys (may be NULL) tells which [parameters]
 * keys the file has and on which line (os-paramfile.h). os_state_load
 * reads only a regular file (model/os-input.h); os_state_save writes
 * whole or not at all (model/os-output.h). */
gboolean os_state_load_data    (const char *data, gssize length, const char *name, OsState *state,
                                OsParamfileKeys *keys, GError **error);
gboolean os_state_load         (const char *path, OsState *state, OsParamfileKeys *keys, GError **error);

G_END_DECLS
