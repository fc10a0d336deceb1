/* os-srf.h — the spiked-random-features map and the κ tables.
 *
 * THEORY.md §2: (η̃, α0, Δ, σ, σ*) → spike strength r, bulk scale c,
 * alignment γ. THEORY.md §3: the conditional coefficients μ0(κ), μ1(κ),
 * μ2(κ), h(κ), h1(κ), h2(κ) tabulated on a quadrature rule over κ ~ N(0,1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-params.h"
#include "os-quadrature.h"

G_BEGIN_DECLS

typedef struct
{
  double spike_strength;   /* r                                   */
  double bulk_scale;       /* c                                   */
  double alignment;        /* γ = ⟨v̂, θ*⟩                          */
  double rho;              /* √(1 − γ²)                           */
  /* the scalar moments they come from */
  double mu0, mu1;         /* E σ, E σ'                           */
  double v_prime;          /* E σ'² − μ1²                         */
  double tau;              /* E z σ'(z)                           */
  double mu1_star;         /* E z σ*(z)                           */
  double teacher_mean;     /* E σ*                                */
  double teacher_second;   /* E σ*²                               */
  double e_bar;            /* E σ* − μ0  (mean residual)          */
  double e2;               /* E(σ* − μ0)² + Δ                     */
} OsSpike;

void os_spike_compute (const OsParams *params, OsSpike *out);

/* The κ table. Immutable once built; shared by every point of a curve whose
 * η̃, α0, Δ and activations do not change (α, β and λ do not enter it), and
 * between threads: it is reference counted. */
typedef struct
{
  OsActivation student, teacher;
  double eta, alpha0, noise;   /* the key */
  int    n_kappa;              /* the resolution asked for (0 = default); also the key */
  int    ref_count;            /* os_kappa_table_ref/unref () */
  OsSpike spike;
  int     n;
  double *kappa, *weight;
  double *mu0, *mu1, *mu2;     /* student, THEORY.md §3 */
  double *h, *h1, *h2;         /* teacher, THEORY.md §3 */
} OsKappaTable;

/* The κ rule is a composite Gauss–Legendre rule graded away from κ = 0
 * (os-srf.c says why). n_kappa sets its resolution: n_kappa/6 nodes a piece;
 * 0 = default (32 a piece, about 190–320 nodes in all). */
OsKappaTable *os_kappa_table_new      (const OsParams *params, int n_kappa);
OsKappaTable *os_kappa_table_ref      (OsKappaTable *table);
/* Drops one reference; the last frees the table. NULL is ignored. */
void          os_kappa_table_unref    (OsKappaTable *table);
/* TRUE when the table was built for these η̃, α0, Δ and activations. */
gboolean      os_kappa_table_matches  (const OsKappaTable *table,
                                       const OsParams     *params);
/* TRUE for the parameters of the key (η̃, α0, Δ): a sweep along one of
 * them needs a table per point. */
gboolean      os_kappa_table_depends_on (OsParamId id);

/* A reference to the table for (params, n_kappa), from a process-wide cache
 * of the OS_KAPPA_CACHE_SIZE most recently used tables, built on a miss.
 * Thread-safe. A dragged α, β or λ slider reuses the same two tables (the
 * step's and the kernel's, η̃ = 0) for every change; a dragged η̃ builds one.
 * The table is bit for bit the one os_kappa_table_new () builds. */
#define OS_KAPPA_CACHE_SIZE 8
OsKappaTable *os_kappa_table_lookup   (const OsParams *params, int n_kappa);
/* Empties the cache (tests; tables still referenced elsewhere live on). */
void          os_kappa_cache_clear    (void);
/* Tables built by os_kappa_table_new () since the process started. */
guint         os_kappa_tables_built   (void);

/* The conditional coefficients at one κ (for drawing f̂(κ) and h(κ)). */
void os_srf_student_at (const OsParams *params, const OsSpike *spike, double kappa,
                        double *mu0, double *mu1, double *mu2);
void os_srf_teacher_at (const OsParams *params, const OsSpike *spike, double kappa,
                        double *h, double *h1, double *h2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsKappaTable, os_kappa_table_unref)

G_END_DECLS
