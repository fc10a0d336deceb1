/* os-phase.h — phase diagrams: a quantity of the theory over two parameters,
 * the contours where the step stops paying, and the optimal learning rate.
 *
 * A phase grid is an immutable, reference-counted snapshot. The computation
 * runs on every core (one line of cells per task, warm-started along the
 * line, κ tables shared along it), coarse to fine: an 8 × 8 level first, then
 * the requested resolution, each handed to a callback. Cells whose solver
 * did not converge are flagged in a mask and carry finite best-effort values,
 * never NaN.
 *
 * The umbrella of the phase diagram's topics: the request and the grid
 * (os-phase.c, os-phase-grid.c), the contours (os-contour.h), the optimal
 * η̃ and λ (os-optimal.h); the threads inside one computation are
 * os-parallel.h's, the minimiser os-minimise.h's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-curve.h"
#include "os-contour.h"
#include "os-optimal.h"

G_BEGIN_DECLS

typedef enum
{
  OS_PHASE_TEST_ERROR,        /* ε_g (THEORY.md §5)                              */
  OS_PHASE_GAIN_KERNEL,       /* ε_kernel − ε_g: what the step gains over η̃ = 0 */
  OS_PHASE_GAIN_LINEAR,       /* ε_lin − ε_g: what it gains over the linear floor */
  OS_PHASE_OPTIMAL_LAMBDA,    /* min over λ ∈ [1e-5, 10] of ε_g                   */
  OS_PHASE_N_QUANTITIES
} OsPhaseQuantity;

/* Command-line spelling ("test-error", "gain-kernel", "gain-linear",
 * "optimal-lambda") and a display label. */
const char *os_phase_quantity_name  (OsPhaseQuantity q);
const char *os_phase_quantity_label (OsPhaseQuantity q);
gboolean    os_phase_quantity_from_name (const char *name, OsPhaseQuantity *out);

typedef struct
{
  OsParams        base;       /* every parameter but the two axes            */
  OsSweep         x_axis;     /* default α ∈ [0.05, 10], 64 points           */
  OsSweep         y_axis;     /* default η̃ ∈ [0, 10], 64 points              */
  OsPhaseQuantity quantity;
  int             coarse_points;  /* first level, per axis; 0 = 8            */
  gboolean        optimal_eta;    /* add the η̃*(x) line (y axis must be η̃)   */
  int             n_threads;      /* 0 = every core                          */
  double          network_d;      /* the network's input dimension: η̃* of the
                                   * finite-d ε_d and the η̃_BBP(d) line
                                   * (THEORY.md §10; y axis η̃); 0 = d → ∞     */
} OsPhaseRequest;

/* tanh/tanh defaults, α × η̃ over the THEORY.md §8 ranges, 64 × 64, ε_g. */
void     os_phase_request_init_default (OsPhaseRequest *request);
gboolean os_phase_request_validate     (const OsPhaseRequest *request,
                                        GError              **error);

typedef struct
{
  OsPhaseRequest request;
  int        level;           /* 0 = coarse, 1 = final                      */
  gboolean   final;
  int        nx, ny;
  double    *x, *y;           /* axis values                                */
  /* cell (i, j) at (x[i], y[j]) is element j * nx + i of each array */
  double    *value;           /* the requested quantity                     */
  double    *test_error;      /* ε_g at the base λ                          */
  double    *kernel_error;    /* ε_g at η̃ = 0, same point                   */
  double    *linear_floor;    /* ε_lin                                      */
  double    *best_lambda;     /* argmin λ (OS_PHASE_OPTIMAL_LAMBDA), else NULL */
  guint8    *converged;       /* 1 = every solve of the cell converged      */
  int        n_not_converged;
  double     value_min, value_max;   /* over converged cells (all if none)  */
  OsContour  kernel_contour;  /* ε_g = ε_kernel (zero of the kernel gain)   */
  OsContour  linear_contour;  /* ε_g = ε_lin                                */
  OsOptimalEta *optimal_eta;  /* NULL unless requested (final level only)   */
  double    *eta_bbp;         /* η̃_BBP(d) at each x (nx; INFINITY where the
                               * spike stays in the bulk), NULL unless the y
                               * axis is η̃ and request.network_d > 0         */
} OsPhaseGrid;

/* Called from the computing thread with each finished level; the grid is
 * borrowed (os_phase_grid_ref it to keep it). */
typedef void (*OsPhaseLevelFunc) (OsPhaseGrid *grid, gpointer user_data);

/* Computes the coarse level (only when level_func would see it), then the
 * requested resolution, synchronously,
 * on request->n_threads threads (in the background:
 * model/os-phase-job.h). Returns the final grid, or NULL with
 * OS_ERROR_INVALID_ARGUMENT (message names the axis and its range) or
 * G_IO_ERROR_CANCELLED. */
OsPhaseGrid *os_phase_compute (const OsPhaseRequest  *request,
                               const OsTheoryOptions *options,
                               GCancellable          *cancellable,
                               OsPhaseLevelFunc       level_func,
                               gpointer               level_data,
                               GError               **error);

OsPhaseGrid *os_phase_grid_ref   (OsPhaseGrid *grid);
void         os_phase_grid_unref (OsPhaseGrid *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsPhaseGrid, os_phase_grid_unref)

G_END_DECLS
