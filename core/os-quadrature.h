/* os-quadrature.h — Gaussian quadrature rules for expectations over N(0,1).
 *
 * Every rule here integrates against the standard normal density:
 *     E f(z) ≈ Σ_i w_i f(z_i),   Σ_i w_i = 1.
 *
 * Rules are computed once per size and cached for the life of the process;
 * the returned pointers are owned by the cache, immutable and thread-safe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int           n;
  const double *nodes;
  const double *weights;
} OsRule;

/* Probabilists' Gauss–Hermite rule with n nodes (Golub–Welsch, then Newton
 * polishing of each node and weights from the Christoffel function).
 * Exact for polynomials of degree ≤ 2n − 1. 1 ≤ n ≤ 512. */
const OsRule *os_rule_gauss_hermite (int n);

/* Split rule for integrands with a kink at z = 0 (ReLU): Gauss–Legendre with
 * n_half nodes on each of [−L, 0] and [0, L], L = 12, weighted by φ(z).
 * Converges geometrically on each smooth half. 2 ≤ n_half ≤ 512. */
const OsRule *os_rule_split_legendre (int n_half);

/* Gauss–Legendre nodes and weights on [−1, 1] (n ≤ 512), cached likewise. */
const OsRule *os_rule_legendre (int n);

/* Σ w_i f(z_i) */
double os_rule_expect (const OsRule *rule,
                       double      (*f) (double z, gpointer data),
                       gpointer      data);

G_END_DECLS
