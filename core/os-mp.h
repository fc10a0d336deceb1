/* os-mp.h — Marchenko–Pastur averages (THEORY.md §4).
 *
 * μ_β is the limiting eigenvalue law of W̃ W̃ᵀ (p × p) for W̃ ∈ R^{p×d} with
 * unit-norm Gaussian rows, β = p/d: a bulk on [(1 − √β)², (1 + √β)²] and, when
 * β > 1, an atom of mass 1 − 1/β at 0. Total mass 1 (an average over the p
 * eigenvalues). The bulk Gram matrix of the sRF is c² W̃ W̃ᵀ (D = c² x).
 *
 * The resolvent-type averages are computed in closed form through the
 * Stieltjes transform (cancellation-free algebraic branches for small shifts,
 * the moment series for large shifts), so that λ down to 1e-5 and β = 1 are
 * as accurate as everywhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bulk support of μ_β (unit scale). */
void   os_mp_edges        (double beta, double *out_lo, double *out_hi);
/* Mass of the atom at 0: max(0, 1 − 1/β). */
double os_mp_atom_mass    (double beta);
/* Density of the bulk of μ_β at x (unit scale): √((x₊ − x)(x − x₋)) / (2π β x). */
double os_mp_density      (double beta, double x);

/* For a > 0 and unit scale, the five averages over μ_β
 *   m  = ⟨1/(x+a)⟩      K1 = ⟨1/(x+a)²⟩
 *   T  = ⟨x/(x+a)⟩      P  = ⟨x/(x+a)²⟩      U = ⟨x²/(x+a)²⟩            */
typedef struct
{
  double m, k1, t, p, u;
} OsMpResolvent;

void   os_mp_resolvent    (double beta, double a, OsMpResolvent *out);

/* The averages the fixed point needs, for S(D) = offset + slope·D with
 * D = c² x, offset > 0, slope ≥ 0 (THEORY.md §5):
 *   inv = ⟨1/S⟩, d_inv = ⟨D/S⟩, inv2 = ⟨1/S²⟩, d_inv2 = ⟨D/S²⟩, dd_inv2 = ⟨D²/S²⟩ */
typedef struct
{
  double inv, d_inv, inv2, d_inv2, dd_inv2;
} OsMpAverages;

void   os_mp_averages     (double beta, double c, double offset, double slope,
                           OsMpAverages *out);

/* The smooth quadrature of THEORY.md §4 (midpoint rule in t, renormalised to
 * the bulk mass min(1, 1/β)). Fills n bulk nodes x[] (unit scale) and weights
 * w[]; the atom, if any, is not included (see os_mp_atom_mass ()). Used as an
 * independent check of the closed forms and by generic averages. */
void   os_mp_rule         (double beta, int n, double *x, double *w);

G_END_DECLS
