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

G_BEGIN_DECLS

/* The non-parameter controls in core terms: the UI maps this onto its
 * OsView (model/os-figure.h). */
typedef struct
{
  OsSweep  sweep;       /* the x-axis of the error and overlap plots       */
  gboolean simulate;    /* run the real network beside the theory          */
  int      d;           /* input dimension of the simulation               */
  int      seeds;       /* repetitions                                     */
  guint64  seed;        /* first seed                                      */
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
