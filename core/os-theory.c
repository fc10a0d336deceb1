/* os-theory.c — the fixed point of THEORY.md §5 and the quantities of §6.
 *
 * Structure of the equations. Given the response terms (V1, V2):
 *   • V(κ), hence the weights w(κ) = 1/(1 + V(κ)), V̂1, V̂2 and ψ̂, are explicit;
 *   • S(D) = λ + V̂1 D + V̂2 is known, so the spectral averages are closed forms
 *     (os-mp.c);
 *   • (m, θ) solve the 2×2 linear system of §5 ("solve m and θ together");
 *   • (q1, q2) solve a second 2×2 linear system, because E(κ) and the
 *     conjugates q̂1, q̂2 are affine in (q1, q2).
 * What remains is the two-dimensional map (V1, V2) ↦ (⟨D/S⟩, ⟨1/S⟩). It is
 * increasing and bounded (by c²(1+β)/λ and 1/λ), so plain iteration from 0
 * converges monotonically; Newton on (log V1, log V2) with the analytic
 * Jacobian converges in a handful of steps. The solver tries Newton, then
 * Anderson-accelerated sweeps, then damped sweeps (δ = 0.5, 0.8, 0.95) from 0,
 * and at the end evaluates every §5 equation at the result (m and θ from
 * their own equations) and reports the largest backward error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-theory.h"
#include "os-error.h"
#include "os-mp.h"

#include <math.h>
#include <string.h>

#define NEWTON_TOLERANCE   1e-14   /* on the log-residual of the V map      */
#define NEWTON_MAX_STEP    4.0     /* largest change of log V in one step   */
#define DEFAULT_TOLERANCE  1e-10   /* full-map relative residual            */
#define DEFAULT_NEWTON_MAX 100
#define DEFAULT_SWEEP_MAX  20000
#define ANDERSON_DEPTH     3

void
os_theory_options_init_default (OsTheoryOptions *options)
{
  options->n_kappa = 0;
  options->tolerance = DEFAULT_TOLERANCE;
  options->max_iterations = 0;
  options->first_method = OS_SOLVER_NEWTON;
}

const char *
os_solver_method_name (OsSolverMethod method)
{
  switch (method)
    {
    case OS_SOLVER_NEWTON:   return "newton";
    case OS_SOLVER_DAMPED:   return "damped";
    case OS_SOLVER_ANDERSON: return "anderson";
    case OS_SOLVER_FAILED:
    default:                 return "failed";
    }
}

/* Everything fixed during one solve. */
typedef struct
{
  const OsKappaTable *t;
  double alpha, beta, lambda, c;
  double ratio;            /* α/β */
} Problem;

/* The V map at one point, with what the Jacobian needs. */
typedef struct
{
  double V1_hat, V2_hat;
  double M11, M12, M22;    /* E[μi² μj² w²] */
  OsMpAverages avg;
  double F1, F2;           /* ⟨D/S⟩, ⟨1/S⟩ */
} VMap;

static void
vmap_eval (const Problem *pb, double V1, double V2, VMap *out)
{
  const OsKappaTable *t = pb->t;
  double s1 = 0, s2 = 0, m11 = 0, m12 = 0, m22 = 0;

  for (int i = 0; i < t->n; i++)
    {
      double a1 = t->mu1[i] * t->mu1[i], a2 = t->mu2[i] * t->mu2[i];
      double w = 1.0 / (1.0 + a1 * V1 + a2 * V2);
      double ww = t->weight[i] * w;

      s1 += ww * a1;
      s2 += ww * a2;
      ww *= w;
      m11 += ww * a1 * a1;
      m12 += ww * a1 * a2;
      m22 += ww * a2 * a2;
    }
  out->V1_hat = pb->ratio * s1;
  out->V2_hat = pb->ratio * s2;
  out->M11 = m11;
  out->M12 = m12;
  out->M22 = m22;
  os_mp_averages (pb->beta, pb->c, pb->lambda + out->V2_hat, out->V1_hat, &out->avg);
  out->F1 = out->avg.d_inv;
  out->F2 = out->avg.inv;
}

static inline gboolean
finite2 (double a, double b)
{
  return isfinite (a) && isfinite (b);
}

/* Newton on u = log V, residual R = log F(V) − u. Returns TRUE on
 * convergence; *V1, *V2 hold the last iterate either way. */
static gboolean
solve_newton (const Problem *pb, double *V1, double *V2, int max_steps, int *steps)
{
  double u1 = log (*V1), u2 = log (*V2);
  VMap vm;
  double R1, R2, norm;

  vmap_eval (pb, *V1, *V2, &vm);
  R1 = log (vm.F1) - u1;
  R2 = log (vm.F2) - u2;
  norm = MAX (fabs (R1), fabs (R2));
  if (!isfinite (norm))
    return FALSE;

  for (int it = 0; it < max_steps; it++)
    {
      double v1 = exp (u1), v2 = exp (u2);
      /* dF/dV = (α/β) [[⟨D²/S²⟩, ⟨D/S²⟩], [⟨D/S²⟩, ⟨1/S²⟩]] · M */
      double g11 = vm.avg.dd_inv2, g12 = vm.avg.d_inv2, g22 = vm.avg.inv2;
      double j11 = pb->ratio * (g11 * vm.M11 + g12 * vm.M12);
      double j12 = pb->ratio * (g11 * vm.M12 + g12 * vm.M22);
      double j21 = pb->ratio * (g12 * vm.M11 + g22 * vm.M12);
      double j22 = pb->ratio * (g12 * vm.M12 + g22 * vm.M22);
      /* in log variables: J_ij = (V_j / F_i) dF_i/dV_j − δ_ij */
      double a = j11 * v1 / vm.F1 - 1.0, b = j12 * v2 / vm.F1;
      double c = j21 * v1 / vm.F2,       d = j22 * v2 / vm.F2 - 1.0;
      double det = a * d - b * c, du1, du2, step_len, t = 1.0;
      gboolean accepted = FALSE;

      if (g_getenv ("OS_DEBUG"))
        g_printerr ("newton %d: V=(%.17g, %.17g) norm=%g\n", it, v1, v2, norm);
      if (norm < NEWTON_TOLERANCE)
        {
          *V1 = v1;
          *V2 = v2;
          return TRUE;
        }
      if (!isfinite (det) || det == 0.0)
        return FALSE;
      du1 = -(d * R1 - b * R2) / det;
      du2 = -(-c * R1 + a * R2) / det;
      step_len = MAX (fabs (du1), fabs (du2));
      if (step_len > NEWTON_MAX_STEP)
        {
          du1 *= NEWTON_MAX_STEP / step_len;
          du2 *= NEWTON_MAX_STEP / step_len;
        }

      (*steps)++;
      for (int half = 0; half < 40; half++, t *= 0.5)
        {
          double n1 = u1 + t * du1, n2 = u2 + t * du2, nR1, nR2, nnorm;
          VMap trial;

          vmap_eval (pb, exp (n1), exp (n2), &trial);
          nR1 = log (trial.F1) - n1;
          nR2 = log (trial.F2) - n2;
          nnorm = MAX (fabs (nR1), fabs (nR2));
          if (isfinite (nnorm) && (nnorm < (1.0 - 1e-4 * t) * norm || nnorm < NEWTON_TOLERANCE))
            {
              u1 = n1;
              u2 = n2;
              R1 = nR1;
              R2 = nR2;
              norm = nnorm;
              vm = trial;
              accepted = TRUE;
              break;
            }
        }
      if (!accepted)
        {
          /* at the level of rounding no step decreases the residual */
          *V1 = exp (u1);
          *V2 = exp (u2);
          return norm < 1e3 * NEWTON_TOLERANCE;
        }
    }
  *V1 = exp (u1);
  *V2 = exp (u2);
  return norm < NEWTON_TOLERANCE;
}

/* Damped sweeps V ← δ V + (1 − δ) F(V), optionally with Anderson mixing
 * (type II, depth ANDERSON_DEPTH) on the undamped map. */
static gboolean
solve_sweeps (const Problem *pb, double *V1, double *V2, double damping,
              gboolean anderson, int max_sweeps, int *steps)
{
  double x[2] = { *V1, *V2 };
  double hist_x[ANDERSON_DEPTH + 1][2], hist_g[ANDERSON_DEPTH + 1][2];
  int nh = 0;

  for (int it = 0; it < max_sweeps; it++)
    {
      VMap vm;
      double g[2], change;

      vmap_eval (pb, x[0], x[1], &vm);
      if (!finite2 (vm.F1, vm.F2))
        return FALSE;
      g[0] = vm.F1;
      g[1] = vm.F2;
      (*steps)++;
      change = MAX (fabs (g[0] - x[0]) / x[0], fabs (g[1] - x[1]) / x[1]);
      if (change < 1e-14)
        {
          *V1 = g[0];
          *V2 = g[1];
          return TRUE;
        }

      if (anderson)
        {
          /* keep the last iterates and map values */
          if (nh == ANDERSON_DEPTH + 1)
            {
              memmove (hist_x, hist_x + 1, sizeof hist_x[0] * ANDERSON_DEPTH);
              memmove (hist_g, hist_g + 1, sizeof hist_g[0] * ANDERSON_DEPTH);
              nh--;
            }
          hist_x[nh][0] = x[0]; hist_x[nh][1] = x[1];
          hist_g[nh][0] = g[0]; hist_g[nh][1] = g[1];
          nh++;
          if (nh >= 2)
            {
              /* minimise ‖Σ c_k f_k‖ with Σ c_k = 1, f_k = g_k − x_k, by
               * least squares on differences (2 rows, nh − 1 columns) */
              int k = nh - 1;
              double df[ANDERSON_DEPTH][2], gamma[ANDERSON_DEPTH] = { 0 };
              double fn[2] = { hist_g[k][0] - hist_x[k][0], hist_g[k][1] - hist_x[k][1] };
              double ata[ANDERSON_DEPTH][ANDERSON_DEPTH] = { { 0 } }, atb[ANDERSON_DEPTH] = { 0 };
              gboolean ok = TRUE;
              int cols = MIN (k, 2);   /* two equations: at most two columns */

              for (int j = 0; j < cols; j++)
                {
                  int a = k - cols + j;
                  df[j][0] = (hist_g[a + 1][0] - hist_x[a + 1][0]) - (hist_g[a][0] - hist_x[a][0]);
                  df[j][1] = (hist_g[a + 1][1] - hist_x[a + 1][1]) - (hist_g[a][1] - hist_x[a][1]);
                }
              for (int i = 0; i < cols; i++)
                {
                  for (int j = 0; j < cols; j++)
                    ata[i][j] = df[i][0] * df[j][0] + df[i][1] * df[j][1];
                  atb[i] = df[i][0] * fn[0] + df[i][1] * fn[1];
                  ata[i][i] *= 1.0 + 1e-10;
                }
              if (cols == 1)
                {
                  if (ata[0][0] > 0)
                    gamma[0] = atb[0] / ata[0][0];
                  else
                    ok = FALSE;
                }
              else
                {
                  double det = ata[0][0] * ata[1][1] - ata[0][1] * ata[1][0];
                  if (det > 0 && isfinite (det))
                    {
                      gamma[0] = (atb[0] * ata[1][1] - ata[0][1] * atb[1]) / det;
                      gamma[1] = (ata[0][0] * atb[1] - ata[1][0] * atb[0]) / det;
                    }
                  else
                    ok = FALSE;
                }
              if (ok)
                {
                  double nx[2] = { g[0], g[1] };
                  for (int j = 0; j < cols; j++)
                    {
                      int a = k - cols + j;
                      nx[0] -= gamma[j] * (hist_g[a + 1][0] - hist_g[a][0]);
                      nx[1] -= gamma[j] * (hist_g[a + 1][1] - hist_g[a][1]);
                    }
                  /* keep the iterate positive; otherwise plain step */
                  if (nx[0] > 0 && nx[1] > 0 && finite2 (nx[0], nx[1]))
                    {
                      x[0] = nx[0];
                      x[1] = nx[1];
                      continue;
                    }
                }
              nh = 0;
            }
        }
      x[0] = damping * x[0] + (1.0 - damping) * g[0];
      x[1] = damping * x[1] + (1.0 - damping) * g[1];
    }
  *V1 = x[0];
  *V2 = x[1];
  return FALSE;
}

/* E[w μ0²] negligible against E[w (μ0² + μ1² + μ2²)]: the features have no
 * mean along κ (odd σ without a spike, or sin with a large bulk scale where
 * μ0(κ) ~ e^{−c²/2}), m is undetermined and irrelevant, and is set to 0. */
static inline gboolean
mean_feature_vanishes (double mean_sq, double scale)
{
  return mean_sq <= 1e-24 * scale;
}

/* Everything else at given (V1, V2): the linear solves for (m, θ) and
 * (q1, q2), the conjugates and the errors. */
static void
complete_point (const Problem *pb, double V1, double V2, OsTheoryPoint *p)
{
  const OsKappaTable *t = pb->t;
  VMap vm;
  const OsMpAverages *A;
  double c2 = pb->c * pb->c, ratio = pb->ratio;
  double a11s = 0, a12s = 0, b1s = 0, a22 = 0, b2 = 0, psi_hat_s = 0, scale = 0;
  double m, theta, theta_hat_s = 0;
  double A1 = 0, A2 = 0, Acoef;
  double eg = 0, et = 0, q1, q2;

  vmap_eval (pb, V1, V2, &vm);
  A = &vm.avg;
  Acoef = pb->alpha * c2 * A->inv;

  for (int i = 0; i < t->n; i++)
    {
      double k = t->kappa[i], mu0 = t->mu0[i], mu1 = t->mu1[i], mu2 = t->mu2[i];
      double w = 1.0 / (1.0 + mu1 * mu1 * V1 + mu2 * mu2 * V2);
      double ww = t->weight[i] * w;

      a11s += ww * k * k * mu1 * mu1;
      a12s += ww * k * mu1 * mu0;
      b1s += ww * k * mu1 * t->h[i];
      a22 += ww * mu0 * mu0;
      b2 += ww * mu0 * t->h[i];
      psi_hat_s += ww * mu1 * t->h1[i];
      scale += ww * (mu0 * mu0 + mu1 * mu1 + mu2 * mu2);
    }

  /* (1 + A E[wκ²μ1²]) θ + A E[wκμ1μ0] m = A E[wκμ1h]
   *  E[wμ0μ1κ] θ       + E[wμ0²] m       = E[wμ0h]            (§5)
   * m = 0 when E[wμ0²] vanishes (odd σ without a spike). */
  if (mean_feature_vanishes (a22, scale))
    {
      m = 0.0;
      theta = Acoef * b1s / (1.0 + Acoef * a11s);
    }
  else
    {
      double s11 = 1.0 + Acoef * a11s, s12 = Acoef * a12s, r1 = Acoef * b1s;
      double s21 = a12s, s22 = a22, r2 = b2;
      double det = s11 * s22 - s12 * s21;

      theta = (r1 * s22 - s12 * r2) / det;
      m = (s11 * r2 - s21 * r1) / det;
    }

  p->psi_hat = ratio * psi_hat_s;
  p->psi = pb->beta * p->psi_hat * A->d_inv;

  /* θ̂ and the affine parts of q̂1, q̂2 */
  for (int i = 0; i < t->n; i++)
    {
      double k = t->kappa[i], mu0 = t->mu0[i], mu1 = t->mu1[i], mu2 = t->mu2[i];
      double w = 1.0 / (1.0 + mu1 * mu1 * V1 + mu2 * mu2 * V2);
      double b = mu0 * m + mu1 * k * theta, h = t->h[i];
      double e0 = t->h2[i] - 2.0 * b * h + b * b - 2.0 * mu1 * p->psi * t->h1[i];
      double ww2 = t->weight[i] * w * w;

      theta_hat_s += t->weight[i] * w * k * mu1 * (h - b);
      A1 += ww2 * mu1 * mu1 * e0;
      A2 += ww2 * mu2 * mu2 * e0;
    }
  p->theta_hat = ratio * theta_hat_s;
  A1 *= ratio;
  A2 *= ratio;

  {
    double B11 = ratio * vm.M11, B12 = ratio * vm.M12, B22 = ratio * vm.M22;
    double dd = A->dd_inv2, d = A->d_inv2, i2 = A->inv2;
    double extra1 = pb->beta * (p->theta_hat * p->theta_hat * c2 * d + p->psi_hat * p->psi_hat * dd);
    double extra2 = pb->beta * (p->theta_hat * p->theta_hat * c2 * i2 + p->psi_hat * p->psi_hat * d);
    double s11 = 1.0 - B11 * dd - B12 * d, s12 = -(B12 * dd + B22 * d);
    double s21 = -(B11 * d + B12 * i2),    s22 = 1.0 - B12 * d - B22 * i2;
    double r1 = A1 * dd + A2 * d + extra1, r2 = A1 * d + A2 * i2 + extra2;
    double det = s11 * s22 - s12 * s21;

    q1 = (r1 * s22 - s12 * r2) / det;
    q2 = (s11 * r2 - s21 * r1) / det;
    p->q1_hat = A1 + B11 * q1 + B12 * q2;
    p->q2_hat = A2 + B12 * q1 + B22 * q2;
  }

  for (int i = 0; i < t->n; i++)
    {
      double k = t->kappa[i], mu0 = t->mu0[i], mu1 = t->mu1[i], mu2 = t->mu2[i];
      double w = 1.0 / (1.0 + mu1 * mu1 * V1 + mu2 * mu2 * V2);
      double b = mu0 * m + mu1 * k * theta, h = t->h[i];
      double E = t->h2[i] - 2.0 * b * h + b * b - 2.0 * mu1 * p->psi * t->h1[i]
                 + mu1 * mu1 * q1 + mu2 * mu2 * q2;

      eg += t->weight[i] * E;
      et += t->weight[i] * E * w * w;
    }

  p->V1 = V1;
  p->V2 = V2;
  p->V1_hat = vm.V1_hat;
  p->V2_hat = vm.V2_hat;
  p->m = m;
  p->theta = theta;
  p->q1 = q1;
  p->q2 = q2;
  p->test_error = eg;
  p->train_error = et;
}

/* The backward error of the §5 equations at p: each equation x = f(...) is
 * evaluated with the conjugates recomputed from p (one plain sweep of the
 * full map, m and θ each from its own equation), and its residual is
 * divided by the magnitude of its terms, |x| + Σ|terms of f|. This is the
 * relative perturbation of the equations' coefficients that p solves
 * exactly. (The forward change of one plain sweep is no measure: at the
 * interpolation peak with λ = 1e-5 the plain map's Lipschitz constant is
 * ~1e8, which is why it diverges there, and it would turn rounding into
 * 1e-7 "residuals".) Returns the largest over all seven equations. */
static double
full_map_residual (const Problem *pb, const OsTheoryPoint *p)
{
  const OsKappaTable *t = pb->t;
  double ratio = pb->ratio, c2 = pb->c * pb->c;
  double V1h = 0, V2h = 0, thh = 0, psh = 0, mnum = 0, mden = 0;
  double q1h = 0, q2h = 0, q1h_mag = 0, q2h_mag = 0;
  double thh_mag = 0, psh_mag = 0, m_mag = 0, scale = 0;
  double res = 0.0;
  OsMpAverages A;

  for (int i = 0; i < t->n; i++)
    {
      double k = t->kappa[i], mu0 = t->mu0[i], mu1 = t->mu1[i], mu2 = t->mu2[i];
      double V = mu1 * mu1 * p->V1 + mu2 * mu2 * p->V2, w = 1.0 / (1.0 + V);
      double b = mu0 * p->m + mu1 * k * p->theta, h = t->h[i];
      double E = t->h2[i] - 2 * b * h + b * b - 2 * mu1 * p->psi * t->h1[i]
                 + mu1 * mu1 * p->q1 + mu2 * mu2 * p->q2;
      double E_mag = t->h2[i] + fabs (2 * b * h) + b * b + fabs (2 * mu1 * p->psi * t->h1[i])
                     + mu1 * mu1 * fabs (p->q1) + mu2 * mu2 * fabs (p->q2);
      double wt = t->weight[i];

      V1h += wt * mu1 * mu1 * w;
      V2h += wt * mu2 * mu2 * w;
      q1h += wt * mu1 * mu1 * E * w * w;
      q2h += wt * mu2 * mu2 * E * w * w;
      q1h_mag += wt * mu1 * mu1 * E_mag * w * w;
      q2h_mag += wt * mu2 * mu2 * E_mag * w * w;
      thh += wt * k * mu1 * (h - b) * w;
      thh_mag += wt * fabs (k * mu1 * w) * (fabs (h) + fabs (b));
      psh += wt * mu1 * t->h1[i] * w;
      psh_mag += wt * fabs (mu1 * t->h1[i] * w);
      mnum += wt * mu0 * (h - mu1 * k * p->theta) * w;
      m_mag += wt * fabs (mu0 * w) * (fabs (h) + fabs (mu1 * k * p->theta));
      mden += wt * mu0 * mu0 * w;
      scale += wt * w * (mu0 * mu0 + mu1 * mu1 + mu2 * mu2);
    }
  V1h *= ratio; V2h *= ratio; q1h *= ratio; q2h *= ratio; thh *= ratio; psh *= ratio;
  q1h_mag *= ratio; q2h_mag *= ratio; thh_mag *= ratio; psh_mag *= ratio;

  os_mp_averages (pb->beta, pb->c, pb->lambda + V2h, V1h, &A);

#define BACKWARD(x, fx, mag) \
  res = MAX (res, fabs ((fx) - (x)) / MAX (fabs (x) + (mag), 1e-300))
  BACKWARD (p->V1, A.d_inv, A.d_inv);
  BACKWARD (p->V2, A.inv, A.inv);
  BACKWARD (p->theta, pb->beta * thh * c2 * A.inv, pb->beta * thh_mag * c2 * A.inv);
  BACKWARD (p->psi, pb->beta * psh * A.d_inv, pb->beta * psh_mag * A.d_inv);
  /* N(D) = q̂1 D + q̂2 + β(θ̂² c² + ψ̂² D) */
  {
    double N1 = q1h + pb->beta * psh * psh, N2 = q2h + pb->beta * thh * thh * c2;
    double N1_mag = q1h_mag + pb->beta * psh * psh, N2_mag = q2h_mag + pb->beta * thh * thh * c2;

    BACKWARD (p->q1, N1 * A.dd_inv2 + N2 * A.d_inv2, N1_mag * A.dd_inv2 + N2_mag * A.d_inv2);
    BACKWARD (p->q2, N1 * A.d_inv2 + N2 * A.inv2, N1_mag * A.d_inv2 + N2_mag * A.inv2);
  }
  /* m E[wμ0²] = E[wμ0(h − μ1κθ)]; vacuous when μ0 ≡ 0 */
  if (!mean_feature_vanishes (mden, scale))
    res = MAX (res, fabs (p->m * mden - mnum) / MAX (fabs (p->m) * mden + m_mag, 1e-300));
#undef BACKWARD
  return isfinite (res) ? res : G_MAXDOUBLE;
}

static gboolean
point_is_finite (const OsTheoryPoint *p)
{
  const double v[] = { p->test_error, p->train_error, p->m, p->q1, p->q2, p->theta,
                       p->psi, p->V1, p->V2 };
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    if (!isfinite (v[i]))
      return FALSE;
  return TRUE;
}

void
os_theory_solve_with_table (const OsKappaTable    *table,
                            const OsParams        *params,
                            const OsTheoryOptions *options,
                            const OsTheoryPoint   *warm,
                            OsTheoryPoint         *out)
{
  OsTheoryOptions defaults;
  Problem pb = { .t = table, .alpha = params->alpha, .beta = params->beta,
                 .lambda = params->lambda, .c = table->spike.bulk_scale,
                 .ratio = params->alpha / params->beta };
  double tol;
  int newton_max, sweep_max, steps = 0;
  double V1, V2;
  gboolean ok = FALSE;
  OsSolverMethod method = OS_SOLVER_FAILED;
  OsTheoryPoint best;
  double best_res = G_MAXDOUBLE;

  g_return_if_fail (os_kappa_table_matches (table, params));

  if (options == NULL)
    {
      os_theory_options_init_default (&defaults);
      options = &defaults;
    }
  tol = options->tolerance > 0 ? options->tolerance : DEFAULT_TOLERANCE;
  newton_max = options->max_iterations > 0 ? options->max_iterations : DEFAULT_NEWTON_MAX;
  sweep_max = options->max_iterations > 0 ? options->max_iterations : DEFAULT_SWEEP_MAX;

  memset (out, 0, sizeof *out);
  memset (&best, 0, sizeof best);

  /* Start: the neighbour's V, or two plain sweeps from 0. */
  if (warm != NULL && warm->converged && warm->V1 > 0 && warm->V2 > 0
      && finite2 (warm->V1, warm->V2))
    {
      V1 = warm->V1;
      V2 = warm->V2;
    }
  else
    {
      VMap vm;

      vmap_eval (&pb, 0.0, 0.0, &vm);
      vmap_eval (&pb, vm.F1, vm.F2, &vm);
      V1 = vm.F1;
      V2 = vm.F2;
    }

  for (int attempt = options->first_method == OS_SOLVER_ANDERSON ? 1
                     : options->first_method == OS_SOLVER_DAMPED ? 2 : 0;
       attempt < 5 && !ok; attempt++)
    {
      double v1 = V1, v2 = V2;
      gboolean solved = FALSE;
      OsSolverMethod m = OS_SOLVER_FAILED;
      OsTheoryPoint p;
      double res;

      switch (attempt)
        {
        case 0:
          solved = solve_newton (&pb, &v1, &v2, newton_max, &steps);
          m = OS_SOLVER_NEWTON;
          break;
        case 1:
          solved = solve_sweeps (&pb, &v1, &v2, 0.0, TRUE, sweep_max, &steps);
          m = OS_SOLVER_ANDERSON;
          break;
        default:
          {
            /* from 0 the undamped-map iterates increase monotonically */
            static const double damping[] = { 0.5, 0.8, 0.95 };
            v1 = v2 = 0.0;
            {
              VMap vm;
              vmap_eval (&pb, 0.0, 0.0, &vm);
              v1 = vm.F1;
              v2 = vm.F2;
            }
            solved = solve_sweeps (&pb, &v1, &v2, damping[attempt - 2], FALSE, sweep_max, &steps);
            m = OS_SOLVER_DAMPED;
          }
          break;
        }

      if (!finite2 (v1, v2) || v1 <= 0 || v2 <= 0)
        continue;
      memset (&p, 0, sizeof p);
      complete_point (&pb, v1, v2, &p);
      if (!point_is_finite (&p))
        continue;
      res = full_map_residual (&pb, &p);
      if (res < best_res)
        {
          best = p;
          best_res = res;
          best.method = m;
        }
      if (solved && res < tol)
        {
          ok = TRUE;
          method = m;
        }
    }

  *out = best;
  out->converged = ok;
  out->method = ok ? method : OS_SOLVER_FAILED;
  out->iterations = steps;
  out->residual = best_res;
  out->r = table->spike.spike_strength;
  out->c = table->spike.bulk_scale;
  out->gamma = table->spike.alignment;
  if (best_res == G_MAXDOUBLE)
    {
      /* nothing finite came out: report zeros flagged as not converged */
      out->test_error = out->train_error = 0.0;
    }
}

gboolean
os_theory_solve (const OsParams        *params,
                 const OsTheoryOptions *options,
                 const OsTheoryPoint   *warm,
                 OsTheoryPoint         *out,
                 GError               **error)
{
  g_autoptr (OsKappaTable) table = NULL;

  if (!os_params_validate (params, error))
    return FALSE;
  table = os_kappa_table_lookup (params, options ? options->n_kappa : 0);
  os_theory_solve_with_table (table, params, options, warm, out);
  return TRUE;
}

double
os_theory_linear_floor (const OsParams *params)
{
  OsMoments tm;

  os_activation_moments (params->teacher, &tm);
  return tm.second - tm.mean * tm.mean - tm.mu1 * tm.mu1 + params->noise;
}

double
os_theory_spike_floor (const OsKappaTable *t)
{
  double s = 0.0;

  for (int i = 0; i < t->n; i++)
    s += t->weight[i] * (t->h2[i] - t->h[i] * t->h[i]);
  return s;
}

void
os_theory_floors (const OsParams        *params,
                  const OsTheoryOptions *options,
                  OsFloors              *out)
{
  g_autoptr (OsKappaTable) table = os_kappa_table_lookup (params, options ? options->n_kappa : 0);
  OsParams kernel = *params;
  OsTheoryPoint kp;

  out->linear = os_theory_linear_floor (params);
  out->spike = os_theory_spike_floor (table);

  kernel.eta = 0.0;
  {
    g_autoptr (OsKappaTable) kt = os_kappa_table_lookup (&kernel, options ? options->n_kappa : 0);
    os_theory_solve_with_table (kt, &kernel, options, NULL, &kp);
  }
  out->kernel = kp.test_error;
  out->kernel_converged = kp.converged;
}

void
os_theory_learned_function (const OsParams      *params,
                            const OsTheoryPoint *point,
                            const double        *kappa,
                            int                  n,
                            double              *out_f_hat,
                            double              *out_h)
{
  OsSpike spike;

  os_spike_compute (params, &spike);
  for (int i = 0; i < n; i++)
    {
      if (out_f_hat != NULL)
        {
          double mu0, mu1, mu2;

          os_srf_student_at (params, &spike, kappa[i], &mu0, &mu1, &mu2);
          if (spike.spike_strength == 0.0 && spike.mu0 == 0.0)
            mu0 = 0.0;
          out_f_hat[i] = mu0 * point->m + mu1 * kappa[i] * point->theta;
        }
      if (out_h != NULL)
        {
          double h, h1, h2;

          os_srf_teacher_at (params, &spike, kappa[i], &h, &h1, &h2);
          out_h[i] = h;
        }
    }
}
