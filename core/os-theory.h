/* os-theory.h — the fixed-point equations of the sRF (THEORY.md §5) and the
 * derived quantities of §6.
 *
 * The seven order parameters close on a two-dimensional core: given the
 * response terms (V1, V2), the conjugates V̂1, V̂2, ψ̂ are explicit, (m, θ)
 * solve a 2×2 linear system and (q1, q2) another. The solver therefore runs a
 * safeguarded Newton iteration on log V1, log V2 (analytic Jacobian, closed
 * form spectral averages), falls back to damped and then Anderson-accelerated
 * fixed-point sweeps, and finally checks the full §5 map at the solution.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-params.h"
#include "os-srf.h"

G_BEGIN_DECLS

typedef enum
{
  OS_SOLVER_NEWTON,        /* safeguarded Newton on (log V1, log V2)       */
  OS_SOLVER_DAMPED,        /* damped fixed-point sweeps                     */
  OS_SOLVER_ANDERSON,      /* Anderson-accelerated sweeps                   */
  OS_SOLVER_FAILED,
} OsSolverMethod;

typedef struct
{
  int    n_kappa;          /* κ rule size; 0 = default                     */
  double tolerance;        /* on the backward error of §5; 0 = 1e-10        */
  int    max_iterations;   /* per method; 0 = default (100 Newton, 20000 sweeps) */
  OsSolverMethod first_method; /* where the fallback chain Newton → Anderson →
                                * damped starts; NEWTON (0) by default. Tests
                                * use it to prove each fallback on its own. */
} OsTheoryOptions;

typedef struct
{
  /* errors */
  double test_error;       /* ε_g */
  double train_error;      /* ε_t */
  /* order parameters (THEORY.md §5) */
  double m, q1, q2, theta, psi, V1, V2;
  /* conjugates */
  double V1_hat, V2_hat, q1_hat, q2_hat, theta_hat, psi_hat;
  /* the sRF map (THEORY.md §2) */
  double r, c, gamma;
  /* solver report */
  gboolean       converged;
  int            iterations;  /* sweeps or Newton steps, all methods summed */
  OsSolverMethod method;      /* the method that converged                  */
  double         residual;    /* largest backward error of the §5 equations */
} OsTheoryPoint;

void     os_theory_options_init_default (OsTheoryOptions *options);

/* Solve one point. warm (nullable) is a neighbouring solution to start from.
 * Returns FALSE with OS_ERROR_INVALID_ARGUMENT for out-of-range parameters.
 * A point that does not converge still returns TRUE, with out->converged
 * FALSE and finite best-effort values (never NaN). */
gboolean os_theory_solve            (const OsParams        *params,
                                     const OsTheoryOptions *options,
                                     const OsTheoryPoint   *warm,
                                     OsTheoryPoint         *out,
                                     GError               **error);

/* The same with a prebuilt κ table (must match params). */
void     os_theory_solve_with_table (const OsKappaTable    *table,
                                     const OsParams        *params,
                                     const OsTheoryOptions *options,
                                     const OsTheoryPoint   *warm,
                                     OsTheoryPoint         *out);

/* THEORY.md §6 */
typedef struct
{
  double linear;           /* ε_lin = Var σ* − μ1*² + Δ                 */
  double spike;            /* ε_spike = E_κ[h2 − h²]                     */
  double kernel;           /* ε_g at η̃ = 0 (random features at init)   */
  gboolean kernel_converged;
} OsFloors;

void     os_theory_floors           (const OsParams        *params,
                                     const OsTheoryOptions *options,
                                     OsFloors              *out);

double   os_theory_linear_floor     (const OsParams *params);
double   os_theory_spike_floor      (const OsKappaTable *table);

/* The learned function along the spike, f̂(κ) = μ0(κ) m + μ1(κ) κ θ, and the
 * target's conditional mean h(κ), at n points kappa[]. Either output may be
 * NULL. */
void     os_theory_learned_function (const OsParams      *params,
                                     const OsTheoryPoint *point,
                                     const double        *kappa,
                                     int                  n,
                                     double              *out_f_hat,
                                     double              *out_h);

const char *os_solver_method_name   (OsSolverMethod method);

G_END_DECLS
