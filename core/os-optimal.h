/* os-optimal.h — the optimal hyper-parameters of the theory: the learning
 * rate η̃* that minimises the test error ε_g (THEORY.md §6), at one point or
 * along a sweep, and the best ridge λ at one point.
 *
 * Each is a grid search (ε_g need not be convex; the global minimum on the
 * grid is kept) refined by Brent's method on the bracket around it
 * (os-minimise.h). Every solve is warm-started from its neighbour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-curve.h"

G_BEGIN_DECLS

/* The optimal learning rate along a sweep (THEORY.md §6 quantities):
 * for each x, η̃*(x) = argmin over η̃ ∈ [0, 10] of ε_g, and ε_g there. */
typedef struct
{
  OsParams  base;
  OsSweep   sweep;
  int       n;
  double   *x;
  double    d;                /* the network's input dimension: ε_g is the
                               * finite-d ε_d of THEORY.md §10 (os-finite-size.h);
                               * INFINITY: the d → ∞ theory                   */
  double   *eta;              /* η̃*                                         */
  double   *test_error;       /* ε_g(η̃*)                                    */
  gboolean *converged;        /* every solve near the optimum converged     */
} OsOptimalEta;

/* η̃*(x) along sweep (the sweep axis must not be η̃): a grid of 41 η̃ values
 * on [0, 10], then Brent's method on the bracket around the grid's minimum
 * to 1e-6 in η̃; the points of the sweep on every core.
 * NULL with OS_ERROR_INVALID_ARGUMENT or G_IO_ERROR_CANCELLED. */
OsOptimalEta *os_optimal_eta_compute (const OsParams        *base,
                                      const OsSweep         *sweep,
                                      const OsTheoryOptions *options,
                                      GCancellable          *cancellable,
                                      GError               **error);
/* The same on n_threads threads (0 = every core; os-parallel.h). */
OsOptimalEta *os_optimal_eta_compute_full (const OsParams        *base,
                                           const OsSweep         *sweep,
                                           const OsTheoryOptions *options,
                                           int                    n_threads,
                                           GCancellable          *cancellable,
                                           GError               **error);
/* The same for a network of input dimension d: ε_d (THEORY.md §10), which
 * has no jump at η̃ = 0⁺, so η̃* is a finite step, not 0⁺. The η̃ grid then
 * also holds η̃ = x/√d for x = 0.5, 1, 2, …, 32 (the crossover, where ε_d
 * falls). d = INFINITY is os_optimal_eta_compute_full. */
OsOptimalEta *os_optimal_eta_compute_d (const OsParams        *base,
                                        const OsSweep         *sweep,
                                        const OsTheoryOptions *options,
                                        double                 d,
                                        int                    n_threads,
                                        GCancellable          *cancellable,
                                        GError               **error);
void          os_optimal_eta_free    (OsOptimalEta *curve);

/* One x: minimise ε_g over η̃ ∈ [0, 10] for params (its η̃ is ignored).
 * Returns FALSE if a solve near the optimum did not converge. */
gboolean os_optimal_eta_at    (const OsParams        *params,
                               const OsTheoryOptions *options,
                               double                *out_eta,
                               double                *out_test_error);
/* The same with ε_d at input dimension d (INFINITY: os_optimal_eta_at). */
gboolean os_optimal_eta_at_d  (const OsParams        *params,
                               const OsTheoryOptions *options,
                               double                 d,
                               double                *out_eta,
                               double                *out_test_error);

/* min over λ ∈ [1e-5, 10] of ε_g (log grid, then Brent in log λ), with
 * the κ table of params. Returns FALSE if a solve near the optimum did not
 * converge. */
gboolean os_optimal_lambda_at (const OsKappaTable    *table,
                               const OsParams        *params,
                               const OsTheoryOptions *options,
                               double                *out_lambda,
                               double                *out_test_error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsOptimalEta, os_optimal_eta_free)

G_END_DECLS
