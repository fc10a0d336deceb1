/* os-curve.h — theory curves: one parameter swept over a range.
 *
 * Each point is warm-started from its neighbour and the κ table is reused
 * while η̃, α0 and Δ stay fixed. The sweep checks its GCancellable between
 * points and reports progress, so the UI can abandon stale work.
 * A curve is an immutable, reference-counted snapshot once returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-theory.h"

G_BEGIN_DECLS

/* The most points a sweep may have (the flag --points, the files' x_points). */
#define OS_SWEEP_MAX_POINTS 100000

typedef struct
{
  OsParamId axis;          /* the swept parameter                       */
  double    from, to;      /* inclusive range                           */
  int       points;        /* 1 … OS_SWEEP_MAX_POINTS                   */
  gboolean  log_spacing;   /* geometric spacing (from, to > 0)          */
} OsSweep;

typedef struct
{
  OsParams       base;     /* every parameter but the axis              */
  OsSweep        sweep;
  int            n;
  double        *x;        /* the axis values                           */
  OsTheoryPoint *points;
  int            n_not_converged;
} OsCurve;

/* done and total count points; return value ignored. Called from the
 * computing thread. */
typedef void (*OsProgressFunc) (int done, int total, gpointer user_data);

/* Validates base and sweep (OS_ERROR_INVALID_ARGUMENT, message names the
 * flag and its range). Returns NULL with G_IO_ERROR_CANCELLED if cancelled. */
OsCurve *os_curve_compute   (const OsParams        *base,
                             const OsSweep         *sweep,
                             const OsTheoryOptions *options,
                             GCancellable          *cancellable,
                             OsProgressFunc         progress,
                             gpointer               progress_data,
                             GError               **error);

/* The axis values of a sweep, x[0..points-1]. */
void     os_sweep_values    (const OsSweep *sweep, double *x);
gboolean os_sweep_validate  (const OsSweep *sweep, GError **error);

OsCurve *os_curve_ref       (OsCurve *curve);
void     os_curve_unref     (OsCurve *curve);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsCurve, os_curve_unref)

G_END_DECLS
