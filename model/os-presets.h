/* os-presets.h — named starting points: each sets every control (both
 * activations, the six sliders, the x-axis and the simulation settings) and
 * says in one line what it shows. tests/test-presets.c checks each line's
 * claim against THEORY.md §7 or a computed comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-curve.h"
#include "os-limits.h"
#include "os-phase.h"

G_BEGIN_DECLS

/* The phase diagram's settings that parameter files and flags carry
 * (keys quantity, y_axis, y_from, y_to; --quantity --y-axis --y-from
 * --y-to). Not set: the phase diagram keeps its own (and presets, which
 * leave it zeroed, never change it). It is not part of the undo history
 * nor of os_preset_view_equal. */
typedef struct
{
  gboolean        set;
  OsPhaseQuantity quantity;
  OsParamId       y_axis;
  double          y_from, y_to;
} OsPresetPhase;

/* The non-parameter controls in core terms: the UI maps this onto its
 * OsView (model/os-figure.h). */
typedef struct
{
  OsSweep  sweep;       /* the x-axis of the error and overlap plots       */
  gboolean simulate;    /* run the real network beside the theory          */
  int      d;           /* input dimension of the simulation               */
  int      seeds;       /* repetitions                                     */
  guint64  seed;        /* first seed                                      */
  OsPresetPhase phase;  /* the phase diagram's quantity and y-axis          */
  int      network_d;   /* network size of the finite-size theory (docs
                         * §10) while the simulation is off; 0 = d → ∞     */
} OsPresetView;

/* α from 0.1 to 5 (200 points, linear); simulation off, d = 400, 2 seeds,
 * seed 1; network size 1000 — the window's defaults. */
void     os_preset_view_init_default (OsPresetView *view);
/* Checks the sweep (os_sweep_validate), d and seeds against the network's
 * limits and network_d against OS_NETWORK_SIZE_MIN/MAX or 0 (os-limits.h);
 * the message names the key. */
gboolean os_preset_view_validate     (const OsPresetView *view, GError **error);
gboolean os_preset_view_equal        (const OsPresetView *a, const OsPresetView *b);
/* The usual range of each x-axis, which the window's axis menu and its
 * --sweep start from: η̃ 0–5, α0 0.05–20 (log), α 0.1–5, β 0.1–10 (log),
 * λ 1e-4–1 (log), Δ 0–2. */
void     os_axis_default_range       (OsParamId axis, double *from, double *to,
                                      gboolean *log_spacing);
/* The phase diagram's usual range of an axis: η̃ 0–10, α 0.05–10, else
 * os_axis_default_range's. */
void     os_phase_axis_default_range (OsParamId axis, double *from, double *to,
                                      gboolean *log_spacing);
/* Defaults: ε_g over η̃ ∈ [0, 10] (or α when x_axis is η̃), set. */
void     os_preset_phase_init_default (OsPresetPhase *phase, OsParamId x_axis);
/* The y-range inside the axis's range, from < to, positive on a log axis;
 * the message names key_from / key_to (flags or file keys). */
gboolean os_preset_phase_validate    (const OsPresetPhase *phase, const char *key_from,
                                      const char *key_to, GError **error);

typedef struct
{
  const char   *id;            /* "reference-tanh", ... (command-line spelling) */
  const char   *title;         /* menu label                                    */
  const char   *explanation;   /* one line, UTF-8                               */
  OsParams      params;
  OsPresetView  view;
} OsPreset;

/* All presets, in menu order; *n_out gets their number. */
const OsPreset *os_presets      (guint *n_out);
/* By id (case-insensitive), or NULL. */
const OsPreset *os_preset_find  (const char *id);
/* The same, or NULL with OS_ERROR_INVALID_ARGUMENT: "--preset: unknown
 * preset 'x' (valid: …)" listing every id. */
const OsPreset *os_preset_lookup (const char *id, GError **error);

G_END_DECLS
