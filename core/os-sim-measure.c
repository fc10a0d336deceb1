/* os-sim-measure.c — what THEORY.md §6 measures on the simulated network
 * (the subscript "sim"): after the step, the spike v̂ (the top right-
 * singular vector of W1 − W0, by power iteration on (W1−W0)ᵀ(W1−W0) with a
 * dense fallback, signed by W1 − W0), r, γ and c; after the readout, m, q1,
 * q2, θ and ψ of â.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <lapacke.h>
#include <math.h>
#include <string.h>

#define POWER_MAX_ITER     300      /* then the dense fallback                  */
#define POWER_TOLERANCE    1e-13    /* on ‖v_new − v_old‖ of unit vectors       */

/* ---- the spike and the §6 weight measurements -------------------------- */

/* top eigenvector of the symmetric m × m matrix G (upper triangle, row-major) */
static gboolean
top_eigenvector (double *G, int m, double *vec)
{
  lapack_int found = 0;
  g_autofree lapack_int *support = g_new (lapack_int, 2 * (gsize) m);
  double value;

  /* row-major upper = column-major lower */
  return LAPACKE_dsyevr (LAPACK_COL_MAJOR, 'V', 'I', 'L', m, G, m, 0.0, 0.0, m, m,
                         0.0, &found, &value, vec, m, support) == 0 && found == 1;
}

/* os_sim_top_right_singular with a caller's scratch for the fallback Gram
 * matrix (min(p, d)² doubles; NULL: allocated here) */
static double
top_right_singular (const double *A, int p, int d, double *v, int *iterations, double *gram_work)
{
  g_autofree double *u = g_new (double, p);
  g_autofree double *w = g_new (double, d);
  g_autofree double *ones = g_new (double, p);
  double norm;

  for (int j = 0; j < p; j++)
    ones[j] = 1.0;
  if (iterations != NULL)
    *iterations = 0;

  /* start from Aᵀ1: after the step every row carries the spike with one sign */
  cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, A, d, ones, 1, 0.0, v, 1);
  norm = cblas_dnrm2 (d, v, 1);
  if (norm == 0.0)
    {
      /* no common direction: start from the row of largest norm */
      int best = 0;
      double best_norm = 0.0;

      for (int j = 0; j < p; j++)
        {
          double nj = cblas_dnrm2 (d, A + (gsize) j * d, 1);
          if (nj > best_norm)
            best_norm = nj, best = j;
        }
      if (best_norm == 0.0)
        {
          memset (v, 0, sizeof *v * d);   /* A = 0: no direction */
          return 0.0;
        }
      memcpy (v, A + (gsize) best * d, sizeof *v * d);
      norm = best_norm;
    }
  cblas_dscal (d, 1.0 / norm, v, 1);

  for (int it = 1; it <= POWER_MAX_ITER; it++)
    {
      double change = 0.0;

      cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, A, d, v, 1, 0.0, u, 1);
      cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, A, d, u, 1, 0.0, w, 1);
      norm = cblas_dnrm2 (d, w, 1);
      if (norm == 0.0)
        break;
      for (int k = 0; k < d; k++)
        {
          double nk = w[k] / norm;
          change += (nk - v[k]) * (nk - v[k]);
          v[k] = nk;
        }
      if (sqrt (change) < POWER_TOLERANCE)
        {
          if (iterations != NULL)
            *iterations = it;
          cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, A, d, v, 1, 0.0, u, 1);
          return cblas_dnrm2 (p, u, 1);
        }
    }

  /* slow convergence (top two singular values close): solve it densely */
  {
    const int m = MIN (p, d);
    g_autofree double *own = gram_work == NULL ? g_new (double, (gsize) m * m) : NULL;
    double *G = gram_work != NULL ? gram_work : own;
    g_autofree double *vec = g_new (double, m);

    if (p <= d)
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, p, d, 1.0, A, d, 0.0, G, p);
    else
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, d, p, 1.0, A, d, 0.0, G, d);
    if (top_eigenvector (G, m, vec))
      {
        if (p <= d)
          {
            /* vec is the left vector u; v = Aᵀu/‖Aᵀu‖ */
            cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, A, d, vec, 1, 0.0, v, 1);
            os_sim_normalise (v, d);
          }
        else
          memcpy (v, vec, sizeof *v * d);
      }
    /* else keep the power-iteration estimate */
    cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, A, d, v, 1, 0.0, u, 1);
    return cblas_dnrm2 (p, u, 1);
  }
}

double
os_sim_top_right_singular (const double *A, int p, int d, double *v, int *iterations)
{
  g_return_val_if_fail (A != NULL && v != NULL && p > 0 && d > 0, 0.0);
  return top_right_singular (A, p, d, v, iterations, NULL);
}

/* THEORY.md §6: v̂, r_sim, γ_sim, c_sim and ζ̂ (into zeta). W1 − W0 is
 * formed as scale·D (D the step's direction; W0 need not be kept). */
gboolean
os_sim_network_spike (OsSimNetwork *net, const double *D, double scale, double *zeta,
                      OsSimWorkspace *ws, OsSimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p;
  const gsize pd = (gsize) p * d;
  double *delta = ws->A;
  g_autofree double *Wv = g_new (double, p);
  double w1_norm2, wv_norm2, zeta_norm, sum = 0.0;

  os_sim_report (ctx, 0.35, "spike");
  os_sim_scale_to (scale, D, delta, pd);
  net->spike_singular = top_right_singular (delta, p, d, net->spike, &net->power_iterations, ws->B);
  ctx->flops += 4.0 * pd * (net->power_iterations ? net->power_iterations + 2 : 1) + 2.0 * pd;
  if (os_sim_cancelled (ctx, error))
    return FALSE;

  /* The sign of v̂: the step's rows share the spike, so mean_j ⟨w¹_j − w⁰_j, v̂⟩
   * ≥ 0. (Signing by W1 itself, as r_sim ≥ 0, fails at small η̃: there
   * mean_j ⟨w⁰_j, v̂⟩ ~ 1/√(pd) outweighs the step's η̃ μ1 ‖g‖ and the sign,
   * hence γ_sim, comes out at random.) r_sim = mean_j ⟨w¹_j, v̂⟩ after. */
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, delta, d, net->spike, 1, 0.0, Wv, 1);
  for (int j = 0; j < p; j++)
    sum += Wv[j];
  if (sum < 0.0)
    cblas_dscal (d, -1.0, net->spike, 1);
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, net->W1, d, net->spike, 1, 0.0, Wv, 1);
  sum = 0.0;
  for (int j = 0; j < p; j++)
    sum += Wv[j];
  net->r = sum / p;
  net->gamma = cblas_ddot (d, net->spike, 1, net->teacher, 1);

  /* c_sim = ‖W1 Π‖_F/√p with ‖W1Π‖² = ‖W1‖² − ‖W1 v̂‖² */
  w1_norm2 = 0.0;
  for (int j = 0; j < p; j++)
    {
      double nj = cblas_dnrm2 (d, net->W1 + (gsize) j * d, 1);
      w1_norm2 += nj * nj;
    }
  wv_norm2 = cblas_ddot (p, Wv, 1, Wv, 1);
  net->c = sqrt (MAX (w1_norm2 - wv_norm2, 0.0) / p);

  /* ζ̂ = normalised θ* − γ v̂ */
  memcpy (zeta, net->teacher, sizeof *zeta * d);
  cblas_daxpy (d, -net->gamma, net->spike, 1, zeta, 1);
  zeta_norm = cblas_dnrm2 (d, zeta, 1);
  if (zeta_norm > 1e-12)
    cblas_dscal (d, 1.0 / zeta_norm, zeta, 1);
  else
    memset (zeta, 0, sizeof *zeta * d);
  return TRUE;
}

/* ---- the §6 readout measurements --------------------------------------- */

/* THEORY.md §6: m, q2, θ, ψ, q1 of the readout. */
void
os_sim_network_order_params (OsSimNetwork *net, const double *zeta)
{
  const int d = net->d, p = net->p;
  const double *a = net->readout;
  g_autofree double *Wv = g_new (double, p);
  g_autofree double *Wz = g_new (double, p);
  g_autofree double *t = g_new (double, d);
  double sum_a = 0.0, sp = sqrt (p);

  for (int j = 0; j < p; j++)
    sum_a += a[j];
  net->m = sum_a / sp;
  net->q2 = cblas_ddot (p, a, 1, a, 1) / p;
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, net->W1, d, net->spike, 1, 0.0, Wv, 1);
  net->theta = (cblas_ddot (p, a, 1, Wv, 1) - net->r * sum_a) / sp;
  cblas_dgemv (CblasRowMajor, CblasNoTrans, p, d, 1.0, net->W1, d, zeta, 1, 0.0, Wz, 1);
  net->psi = cblas_ddot (p, a, 1, Wz, 1) / sp;
  /* q1 = ‖Π W1ᵀ â‖²/p */
  cblas_dgemv (CblasRowMajor, CblasTrans, p, d, 1.0, net->W1, d, a, 1, 0.0, t, 1);
  cblas_daxpy (d, -cblas_ddot (d, t, 1, net->spike, 1), net->spike, 1, t, 1);
  net->q1 = cblas_ddot (d, t, 1, t, 1) / p;
}
