/* os-lesson-facts.h — the numbers a lesson's caption quotes and its
 * checks test, read off the figure the step shows (the theory at the
 * step's parameters, and its predicted spectra at the step's d):
 *
 *   eg, et          test and training error ε_g, ε_t (docs/SCIENCE.md §5)
 *   kernel          ε_g at η̃ = 0, the kernel baseline (§6)
 *   gain            kernel − eg
 *   lin, spike_floor  the linear floor ε_lin and the spike floor (§6)
 *   r, c, gamma     the spike map (§2)
 *   m, theta, psi, q1, q2   order parameters (§5)
 *   eta, alpha0, alpha, beta, lambda, noise   the parameters
 *   d, p            the network size that places the spectra's outliers
 *                   (os_view_spectrum_d), p = round(βd)
 *   spike           r√p, the spike's size in W1 (§9.1)
 *   theta_s         s/c, to hold against the BBP threshold (weights)
 *   bbp             β^{1/4}, the BBP threshold of θ_s
 *   edge, edge0     top of the predicted bulk after the step, at W0
 *                   (of the matrix the view shows: weights or features)
 *   outlier, outlier0   the largest predicted outlier (0 when none)
 *   outliers, outliers0 how many
 *   nonlin          how far f̂(κ) is from a straight line: 1 − R² of a
 *                   linear fit in κ over the plotted κ ∈ [−3, 3], evenly
 *                   weighted (what the eye sees)
 *   nonlin_h        the same for the target h(κ)
 *   slope0, slope_end   f̂'s slope at κ = 0, and its mean slope over
 *                   2 ≤ |κ| ≤ 3 (a straight line has the same at both)
 *   misfit          E_κ(f̂ − h)² / Var_κ h (κ ~ N(0, 1) on [−3, 3]: where
 *                   the data are)
 *   eg_min, kernel_min  the least ε_g along the x-axis, of the step's curve
 *                   and of the kernel's
 *
 * A check is "a OP b": each side a number, a fact, or a fact of another
 * step (prev.eg, step1.eg), optionally times a number (0.5*kernel); OP is
 * < > <= >= == != or ~ (within 1 %). GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-figure.h"

G_BEGIN_DECLS

#define OS_FACTS_N 40

typedef struct
{
  double value[OS_FACTS_N];
  gboolean valid;
} OsFacts;

/* The names, NULL-terminated, in a fixed order. */
const char *const *os_fact_names (void);

/* Reads the facts off a figure with its theory and predicted spectra
 * (fig->theory, density_init and density_step not NULL). */
void     os_facts_from_figure (const OsFigure *fig, OsFacts *facts);
gboolean os_facts_get         (const OsFacts *facts, const char *name, double *value);

/* The figure of a step's facts: theory and predicted spectra at state's
 * parameters and view, never the simulation. */
OsFigure *os_facts_figure     (const OsParams *params, const OsView *view, GCancellable *cancellable,
                               GError **error);

/* The caption with each {name} or {name:N} replaced by the value (%.3g,
 * %.Ng), a real minus sign; {{ and }} are braces; an unknown name is an
 * error. */
char    *os_facts_fill        (const char *caption, const OsFacts *facts, GError **error);

/* Evaluates a claim against the facts of its step (this), of the steps
 * (all[0] = step 1; n_steps of them) and of the one before (this_index
 * − 1). Sets *holds; FALSE with OS_ERROR_PARSE when the claim does not
 * parse or names an unknown fact. detail (nullable) gets "eg = 0.175 < kernel = 0.206". */
gboolean os_facts_check       (const char *claim, const OsFacts *all, int n_steps, int this_index,
                               gboolean *holds, char **detail, GError **error);

G_END_DECLS
