/* os-minimise.h — minimising a function of one variable: Brent's method on
 * a bracket, and the best sample of a grid (which finds the bracket).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef double (*OsScalarFunc) (double x, gpointer data);

/* Brent's method (golden section with parabolic steps; Brent, "Algorithms
 * for Minimization without Derivatives", 1973, ch. 5) for f on [a, b],
 * starting at x0 ∈ (a, b) with f(x0) = f0 known. Stops when the bracket
 * is below 2·tol around the best point, or after 100 steps. Returns the
 * best x; *fmin is f there. */
double os_minimise_brent       (OsScalarFunc  f,
                                gpointer      data,
                                double        a,
                                double        b,
                                double        x0,
                                double        f0,
                                double        tol,
                                double       *fmin);

/* os_minimise_brent, but it stops as soon as a parabolic step right after
 * another would move the best point by less than tol: near a smooth
 * minimum, where parabolic steps converge superlinearly, that point is
 * then within tol of the minimum, and the two evaluations at x ± tol that
 * Brent spends to shrink the bracket below 2·tol are saved. Where it ends
 * on the bracket's test instead (golden-section steps, a minimum at an
 * end), it is os_minimise_brent step for step. */
double os_minimise_brent_settled (OsScalarFunc  f,
                                  gpointer      data,
                                  double        a,
                                  double        b,
                                  double        x0,
                                  double        f0,
                                  double        tol,
                                  double       *fmin);

/* The index of the least of fx[0 … n−1] among those with ok[i] (among all
 * when none is ok); −1 when n = 0. */
int    os_minimise_grid_argmin (const double   *fx,
                                const gboolean *ok,
                                int             n);

G_END_DECLS
