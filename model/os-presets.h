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

G_BEGIN_DECLS

/* The limits of the simulation settings a view may hold (the simulation
 * itself checks them again, with its memory guard). */
#define OS_VIEW_MIN_D      10
#define OS_VIEW_MAX_D      1000000
#define OS_VIEW_MAX_SEEDS  1000

/* The non-parameter controls in core terms: the UI maps this onto its
 * OsView (model/os-figure.h). */
typedef struct
{
  OsSweep  sweep;       /* the x-axis of the error and overlap plots       */
  gboolean simulate;    /* run the real network beside the theory          */
  int      d;           /* input dimension of the simulation               */
  int      seeds;       /* repetitions                                     */
  guint64  seed;        /* first seed                                      */
} OsPresetView;

/* α from 0.1 to 5 (200 points, linear); simulation off, d = 400, 2 seeds,
 * seed 1 — the window's defaults. */
void     os_preset_view_init_default (OsPresetView *view);
/* Checks the sweep (os_sweep_validate) and d, seeds; the message names
 * the key. */
gboolean os_preset_view_validate     (const OsPresetView *view, GError **error);
gboolean os_preset_view_equal        (const OsPresetView *a, const OsPresetView *b);

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
