/* os-spectral-gmp.c — the bulk of the weights W1 after the step when the
 * student's σ' has a linear part, τ = E[z σ'(z)] ≠ 0 (ReLU): THEORY.md §9,
 * "correction to the bulk above".
 *
 * Given the first batch, the bulk's rows are i.i.d. N(0, T/d) with
 *
 *   T = (I + a M1)² + k M2,   M1 = Yᵀ D Y,  M2 = Yᵀ D² Y,  Y = X0/√n0,
 *   a = η̃ τ,  k = η̃² v'_⊥/α0,  D = diag(e),  e = σ*(z) − μ0 + √Δ ε,
 *
 * so W1's bulk Gram matrix W Wᵀ (p × p) is β times the companion of a
 * sample covariance with population T (aspect d/p = 1/β): a generalised
 * Marchenko–Pastur (Silverstein) law. Route: the population's Stieltjes
 * transform g_T(z) = (1/d) tr (T − z)⁻¹ is computed exactly in the limit by
 * a linear pencil, not sampled. (T − z)⁻¹ is the (1,1) block of Λ⁻¹,
 *
 *   Λ = [[k M2 − z, I + a M1], [I + a M1, −I]]
 *     = Λ0 ⊗ I_d + (1/n0) Σ_μ 𝒟(e_μ) ⊗ x_μ x_μᵀ,
 *   Λ0 = [[−z, 1], [1, −1]],   𝒟(e) = [[k e², a e], [a e, 0]],
 *
 * (the Schur complement of the −I block is B² + k M2 − z), a sample
 * covariance with 2 × 2 matrix weights. Leave-one-out (Sherman–Morrison on
 * each x_μ, whose quadratic forms concentrate on normalised block traces)
 * gives its M₂(ℂ)-valued deterministic equivalent: with 𝒢 the 2 × 2 matrix
 * of normalised block traces of Λ⁻¹,
 *
 *   𝒢 = ( Λ0 + E_e[ 𝒟(e) (I + 𝒢 𝒟(e)/α0)⁻¹ ] )⁻¹,    g_T(z) = 𝒢₁₁,
 *
 * which for a = 0 is the single weighted Wishart of §9 shifted by 1 (T =
 * I + k M2). The batch's direction θ* is one of d, so its coupling to e
 * changes T by a finite rank and not its law. The outer law (Silverstein
 * and Bai): the companion Stieltjes transform m of (1/p) Z T Zᵀ solves
 *
 *   m = −1 / (ζ − (1/β) ∫ t/(1 + t m) dH(t)),
 *   ∫ t/(1 + t m) dH = (1/m) (1 − g_T(−1/m)/m),
 *
 * and W Wᵀ = β (1/p) Z T Zᵀ. The four unknowns (m, 𝒢₁₁, 𝒢₁₂, 𝒢₂₂) are
 * solved together at ζ = λ + iε by Newton's method (finite-difference
 * Jacobian; the maps are holomorphic), warm-started along the grid, with a
 * fallback that starts high in the upper half-plane, where the asymptotic
 * values m ≈ −1/ζ, 𝒢 ≈ Λ0⁻¹ are accurate, and follows ε down. Inside the
 * bulk z_T = −1/m has Im z_T > 0; past the top edge it is real and beyond
 * T's support: the inner problem is never solved on T's own cut.
 *
 * E_e is a rule over z (Gauss–Legendre split at 0, so a ReLU teacher's kink
 * costs nothing) times Gauss–Hermite over ε when Δ > 0. A teacher with an
 * unbounded residual (the polynomial teachers) makes T's law, hence W's,
 * reach out in a thin tail (single samples with a large |e_μ| each add a
 * direction of weight ≈ e_μ/α0); the rule's nodes resolve that tail down to
 * a mass of about 1e-7, where the support's edge is placed.
 *
 * The result, a piecewise-linear law in x = ℓ/c² (ℓ an eigenvalue of W Wᵀ,
 * c² = tr T/d, so ⟨x⟩ = 1 as for Marchenko–Pastur), is cached per
 * (σ, σ*, η̃, α0, Δ, β): a dragged α or λ reuses it, and the feature bulk
 * averages over it (os-spectral-solver.c).
 *
 * Checked (tests/test-spectral-gmp.c): for a = 0, k = 0 it is the
 * Marchenko–Pastur law; g_T against T sampled at d = 1500; the top edge
 * against the critical point of the inverse map ζ(m) on the real axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-error.h"
#include "os-quadrature.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define GMP_SCAN_POINTS    64
#define GMP_MAX_INTERVALS  LAW_MAX_INTERVALS
#define GMP_EPS_WORK       1e-9    /* Im ζ, relative to the scale of λ */
#define GMP_THRESHOLD      1e-7    /* density × scale above which λ is inside */
#define GMP_NEWTON_MAX     40
#define GMP_CACHE_SIZE     8
#define E_INTERVALS        128     /* of z ∈ [−E_RANGE, E_RANGE] for the residual e */
#define E_RANGE            8.0
#define E_NOISE_NODES      8

/* ---- the problem ------------------------------------------------------- */

typedef struct
{
  double a, k, alpha0, beta;
  double scale;          /* mean of λ: c²/β */
  double c2;             /* tr T/d */
  /* the residual e: E_INTERVALS intervals of z, on each e linear in z and
   * z uniform with the interval's Gaussian mass; times n_eps shifts √Δ ε_j
   * (Gauss–Hermite) when Δ > 0 */
  double e_node[E_INTERVALS + 1], z_mass[E_INTERVALS];
  int    n_eps;
  double eps_shift[E_NOISE_NODES], eps_w[E_NOISE_NODES];
} Gmp;

static double
normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

static void
gmp_init (Gmp *g, const OsParams *params, const OsSpike *spike)
{
  double v_perp = MAX (spike->v_prime - spike->tau * spike->tau, 0.0), total = 0.0;
  const OsRule *gh = os_rule_gauss_hermite (E_NOISE_NODES);

  memset (g, 0, sizeof *g);
  g->a = params->eta * spike->tau;
  g->k = params->eta * params->eta * v_perp / params->alpha0;
  g->alpha0 = params->alpha0;
  g->beta = params->beta;
  g->c2 = spike->bulk_scale * spike->bulk_scale;
  g->scale = g->c2 / params->beta;
  /* z on [−E_RANGE, E_RANGE], a node at 0 (a ReLU teacher's kink) */
  for (int i = 0; i <= E_INTERVALS; i++)
    {
      double z = E_RANGE * (2.0 * i / E_INTERVALS - 1.0);

      if (2 * i == E_INTERVALS)
        z = 0.0;
      g->e_node[i] = os_activation_eval (params->teacher, z) - spike->mu0;
      if (i > 0)
        {
          double z0 = E_RANGE * (2.0 * (i - 1) / E_INTERVALS - 1.0);

          g->z_mass[i - 1] = z <= 0.0 ? normal_cdf (z) - normal_cdf (z0)
                                      : normal_cdf (-z0) - normal_cdf (-z);
          total += g->z_mass[i - 1];
        }
    }
  for (int i = 0; i < E_INTERVALS; i++)
    g->z_mass[i] /= total;
  if (params->noise > 0.0)
    {
      g->n_eps = E_NOISE_NODES;
      for (int j = 0; j < E_NOISE_NODES; j++)
        {
          g->eps_shift[j] = sqrt (params->noise) * gh->nodes[j];
          g->eps_w[j] = gh->weights[j];
        }
    }
  else
    {
      g->n_eps = 1;
      g->eps_shift[0] = 0.0;
      g->eps_w[0] = 1.0;
    }
}

static void
gmp_clear (Gmp *g)
{
  (void) g;
}

/* Q(e) = 1 + b1 e + b2 e² = b2 (e − r1)(e − r2): its roots, once per
 * residual. have_roots is FALSE when b2 = 0 or the roots (nearly) coincide:
 * then every segment takes the rule. */
typedef struct
{
  cplx b1, b2, r1, r2, c;     /* c = 1/(b2 (r1 − r2)) */
  gboolean have_roots;
} Quadratic;

static void
quadratic_init (Quadratic *q, cplx b1, cplx b2)
{
  q->b1 = b1;
  q->b2 = b2;
  q->have_roots = FALSE;
  if (cabs (b2) > 0.0)
    {
      cplx sq = csqrt (b1 * b1 - 4.0 * b2);
      /* without cancellation: t = −(b1 ± √disc)/2, r1 = t/b2, r2 = 1/t */
      cplx t = -0.5 * (b1 + (creal (conj (b1) * sq) >= 0.0 ? sq : -sq));

      if (cabs (t) > 0.0)
        {
          q->r1 = t / b2;
          q->r2 = 1.0 / t;
          q->have_roots = cabs (q->r1 - q->r2) > 1e-6 * (cabs (q->r1) + cabs (q->r2));
          if (q->have_roots)
            q->c = 1.0 / (b2 * (q->r1 - q->r2));
        }
    }
}

/* distance from r to the segment [lo, hi] of the real line */
static inline double
segment_distance (cplx r, double lo, double hi)
{
  double x = creal (r), y = cimag (r), dx = x < lo ? lo - x : x > hi ? x - hi : 0.0;

  return sqrt (dx * dx + y * y);
}

/* The averages of e/Q(e) and e²/Q(e) over e uniform on [e0, e1], added
 * with weight w to *j1, *j2. Farther than 8 lengths from Q's roots the
 * 2-point Gauss–Legendre rule is accurate to 1e-6 of the term (8 points
 * when the roots are not separated); nearer, the integrals are exact:
 * 1/Q = c (1/(e − r1) − 1/(e − r2)), ∫ e^j/(e − r) = polynomial +
 * r^j Log((e1 − r)/(e0 − r)) (the segment does not pass through r, so the
 * argument changes by less than π: the principal branch is right). */
#define GL2_LO 0.21132486540518711775
#define GL2_HI 0.78867513459481288225

static inline void
segment_add (double w, double e0, double e1, const Quadratic *q, cplx *j1, cplx *j2)
{
  double h = e1 - e0, lo = MIN (e0, e1), hi = MAX (e0, e1);

  if (h == 0.0)
    {
      cplx qi = 1.0 / (1.0 + q->b1 * e0 + q->b2 * e0 * e0);

      *j1 += w * e0 * qi;
      *j2 += w * e0 * e0 * qi;
      return;
    }
  if (q->have_roots && (segment_distance (q->r1, lo, hi) < 8.0 * fabs (h)
                        || segment_distance (q->r2, lo, hi) < 8.0 * fabs (h)))
    {
      cplx l1 = clog ((e1 - q->r1) / (e0 - q->r1)), l2 = clog ((e1 - q->r2) / (e0 - q->r2));
      cplx c = w * q->c / h;

      *j1 += c * (q->r1 * l1 - q->r2 * l2);
      *j2 += c * ((q->r1 - q->r2) * h + q->r1 * q->r1 * l1 - q->r2 * q->r2 * l2);
      return;
    }
  if (q->have_roots || cabs (q->b2) == 0.0)
    {
      double ea = e0 + GL2_LO * h, eb = e0 + GL2_HI * h;
      cplx qa = 1.0 / (1.0 + q->b1 * ea + q->b2 * ea * ea), qb = 1.0 / (1.0 + q->b1 * eb + q->b2 * eb * eb);

      *j1 += 0.5 * w * (ea * qa + eb * qb);
      *j2 += 0.5 * w * (ea * ea * qa + eb * eb * qb);
      return;
    }
  {
    const OsRule *gl = os_rule_legendre (8);

    for (int i = 0; i < gl->n; i++)
      {
        double e = e0 + 0.5 * h * (1.0 + gl->nodes[i]);
        cplx qi = 1.0 / (1.0 + q->b1 * e + q->b2 * e * e);

        *j1 += 0.5 * w * gl->weights[i] * e * qi;
        *j2 += 0.5 * w * gl->weights[i] * e * e * qi;
      }
  }
}

/* u = (m, 𝒢₁₁, 𝒢₁₂, 𝒢₂₂); r = the residuals at ζ */
static void
gmp_residual (const Gmp *g, cplx zeta, const cplx *u, cplx *r)
{
  cplx m = u[0], g11 = u[1], g12 = u[2], g22 = u[3];
  cplx z = -1.0 / m, j1 = 0, j2 = 0;
  double ia = 1.0 / g->alpha0, a = g->a, k = g->k;
  /* 𝒟 (I + 𝒢𝒟/α0)⁻¹ = [e² (k − 𝒢₂₂ a²/α0), a e + 𝒢₁₂ a² e²/α0, −𝒢₁₁ a² e²/α0]
   * / Q(e), Q = 1 + 2 𝒢₁₂ a e/α0 + (𝒢₁₁ k/α0 + (𝒢₁₂² − 𝒢₁₁𝒢₂₂) a²/α0²) e² */
  cplx b1 = 2.0 * g12 * a * ia, b2 = g11 * k * ia + (g12 * g12 - g11 * g22) * a * a * ia * ia;
  cplx s11, s12, s22;
  Quadratic quad;

  quadratic_init (&quad, b1, b2);
  for (int j = 0; j < g->n_eps; j++)
    for (int i = 0; i < E_INTERVALS; i++)
      segment_add (g->eps_w[j] * g->z_mass[i], g->e_node[i] + g->eps_shift[j],
                   g->e_node[i + 1] + g->eps_shift[j], &quad, &j1, &j2);
  s11 = (k - g22 * a * a * ia) * j2;
  s12 = a * j1 + g12 * a * a * ia * j2;
  s22 = -g11 * a * a * ia * j2;
  {
    cplx m11 = -z + s11, m12 = 1.0 + s12, m22 = -1.0 + s22;
    cplx det = m11 * m22 - m12 * m12;
    cplx h = (1.0 / m) * (1.0 - g11 / m) / g->beta;

    r[0] = m + 1.0 / (zeta - h);
    r[1] = g11 - m22 / det;
    r[2] = g12 + m12 / det;
    r[3] = g22 - m11 / det;
  }
}

static double
norm4 (const cplx *v)
{
  return cabs (v[0]) + cabs (v[1]) + cabs (v[2]) + cabs (v[3]);
}

static gboolean
finite4 (const cplx *v)
{
  for (int i = 0; i < 4; i++)
    if (!isfinite (creal (v[i])) || !isfinite (cimag (v[i])))
      return FALSE;
  return TRUE;
}

/* Solves J x = b (4 × 4, complex) by elimination with partial pivoting */
static gboolean
solve4 (cplx J[4][4], cplx *b)
{
  for (int c = 0; c < 4; c++)
    {
      int piv = c;

      for (int r = c + 1; r < 4; r++)
        if (cabs (J[r][c]) > cabs (J[piv][c]))
          piv = r;
      if (cabs (J[piv][c]) == 0.0)
        return FALSE;
      if (piv != c)
        {
          for (int k = 0; k < 4; k++)
            {
              cplx t = J[c][k];
              J[c][k] = J[piv][k], J[piv][k] = t;
            }
          {
            cplx t = b[c];
            b[c] = b[piv], b[piv] = t;
          }
        }
      for (int r = c + 1; r < 4; r++)
        {
          cplx f = J[r][c] / J[c][c];

          for (int k = c; k < 4; k++)
            J[r][k] -= f * J[c][k];
          b[r] -= f * b[c];
        }
    }
  for (int c = 3; c >= 0; c--)
    {
      for (int k = c + 1; k < 4; k++)
        b[c] -= J[c][k] * b[k];
      b[c] /= J[c][c];
    }
  return TRUE;
}

/* The branch of a spectral law: m and 𝒢₁₁ are Stieltjes transforms of
 * probability laws (at ζ and at z_T = −1/m), so by Cauchy–Schwarz
 * Im m ≥ Im ζ |m|² and Im 𝒢₁₁ ≥ Im z_T |𝒢₁₁|². Near the real axis other
 * roots exist (real ones inside the bulk, density 0); these checks reject
 * them. */
static gboolean
gmp_physical (cplx zeta, const cplx *u)
{
  double tol = 1e-12;
  cplx zt;

  if (!finite4 (u) || cabs (u[0]) == 0.0)
    return FALSE;
  zt = -1.0 / u[0];
  return cimag (u[0]) >= 0.5 * cimag (zeta) * creal (u[0] * conj (u[0])) - tol * cabs (u[0])
         && cimag (u[1]) >= 0.5 * cimag (zt) * creal (u[1] * conj (u[1])) - tol * cabs (u[1]);
}

/* Newton with a backtracking line search from u; TRUE with u updated */
static gboolean
gmp_newton (const Gmp *g, cplx zeta, cplx *u)
{
  cplx x[4], r[4];
  double res;

  memcpy (x, u, sizeof x);
  gmp_residual (g, zeta, x, r);
  res = norm4 (r);
  for (int it = 0; it < GMP_NEWTON_MAX; it++)
    {
      cplx J[4][4], step[4];
      double size = norm4 (x), t = 1.0;
      gboolean accepted = FALSE;

      if (!isfinite (res) || !(size > 0.0))
        return FALSE;
      if (res <= 1e-13 * size)
        break;
      for (int j = 0; j < 4; j++)
        {
          cplx xh[4], rh[4], h = 1e-7 * MAX (cabs (x[j]), 1e-3 * size);

          memcpy (xh, x, sizeof xh);
          xh[j] += h;
          gmp_residual (g, zeta, xh, rh);
          for (int i = 0; i < 4; i++)
            J[i][j] = (rh[i] - r[i]) / h;
        }
      for (int i = 0; i < 4; i++)
        step[i] = -r[i];
      if (!solve4 (J, step) || !finite4 (step))
        return FALSE;
      for (int half = 0; half < 14; half++, t *= 0.5)
        {
          cplx xn[4], rn[4];
          double nres;

          for (int i = 0; i < 4; i++)
            xn[i] = x[i] + t * step[i];
          gmp_residual (g, zeta, xn, rn);
          nres = norm4 (rn);
          if (isfinite (nres) && nres < (1.0 - 1e-4 * t) * res)
            {
              memcpy (x, xn, sizeof x);
              memcpy (r, rn, sizeof r);
              res = nres;
              accepted = TRUE;
              break;
            }
        }
      if (!accepted)
        {
          if (res <= 1e-10 * size)
            break;
          return FALSE;
        }
      if (it == GMP_NEWTON_MAX - 1 && res > 1e-10 * norm4 (x))
        return FALSE;
    }
  if (!gmp_physical (zeta, x))
    return FALSE;
  memcpy (u, x, sizeof x);
  return TRUE;
}

/* The asymptotic start far up the half-plane: m ≈ −1/ζ, 𝒢 ≈ Λ0(z)⁻¹ */
static void
gmp_far_start (cplx zeta, cplx *u)
{
  cplx m = -1.0 / zeta, z = -1.0 / m, idet = 1.0 / (z - 1.0);

  u[0] = m;
  u[1] = -idet;
  u[2] = -idet;
  u[3] = -z * idet;
}

/* From high in the half-plane down to λ + iε along a vertical path */
static gboolean
gmp_solve_safe (const Gmp *g, double lambda, double eps, cplx *u)
{
  double y = 4.0 * MAX (g->scale, lambda) + 1.0, next;
  cplx x[4];

  gmp_far_start (lambda + I * y, x);
  if (!gmp_newton (g, lambda + I * y, x))
    return FALSE;
  while (y > eps)
    {
      cplx t[4];

      next = MAX (eps, 0.25 * y);
      memcpy (t, x, sizeof t);
      while (!gmp_newton (g, lambda + I * next, t))
        {
          memcpy (t, x, sizeof t);
          next = 0.5 * (next + y);
          if (y - next < 1e-6 * y)
            return FALSE;
        }
      memcpy (x, t, sizeof x);
      y = next;
    }
  memcpy (u, x, sizeof x);
  return TRUE;
}

/* ---- the bulk along λ ---------------------------------------------------- */

typedef struct
{
  const Gmp *g;
  double    eps;
  gboolean  have_start;
  cplx      u[4];
  int       n_failed;
} Track;

/* density of λ (per p, the atom at 0 left out) at λ > 0 */
static double
track_density (Track *t, double lambda, gboolean *ok)
{
  double eps = t->eps * MIN (1.0, lambda / t->g->scale);
  cplx x[4];

  *ok = TRUE;
  if (t->have_start)
    {
      memcpy (x, t->u, sizeof x);
      if (gmp_newton (t->g, lambda + I * eps, x))
        goto solved;
      /* from a real (outside) start into the bulk: push it into the branch */
      memcpy (x, t->u, sizeof x);
      x[0] += I * 1e-2 * cabs (x[0]);
      x[1] += I * 1e-2 * cabs (x[1]);
      if (gmp_newton (t->g, lambda + I * eps, x))
        goto solved;
    }
  if (!gmp_solve_safe (t->g, lambda, eps, x))
    {
      t->n_failed++;
      *ok = FALSE;
      return 0.0;
    }
solved:
  memcpy (t->u, x, sizeof x);
  t->have_start = TRUE;
  {
    double atom = t->g->beta > 1.0 ? 1.0 - 1.0 / t->g->beta : 0.0;
    double lorentz = atom * eps / (lambda * lambda + eps * eps);

    return MAX (0.0, (cimag (x[0]) - lorentz) / G_PI);
  }
}

static double
locate (Track *t, double in, double out, double threshold, double tol)
{
  cplx u_in[4];

  memcpy (u_in, t->u, sizeof u_in);
  while (fabs (in - out) > tol)
    {
      double mid = 0.5 * (in + out), rho;
      gboolean ok;

      memcpy (t->u, u_in, sizeof u_in);
      t->have_start = TRUE;
      rho = track_density (t, mid, &ok);
      if (ok && rho > threshold)
        {
          in = mid;
          memcpy (u_in, t->u, sizeof u_in);
        }
      else
        out = mid;
    }
  memcpy (t->u, u_in, sizeof u_in);
  return 0.5 * (in + out);
}

typedef struct
{
  Track     *t;
  const Gmp *g;
  double     last_x;
} LawSampler;

/* the builder's samples come in descending x; a rise starts a new pass, so
 * the warm start (from the far end) is dropped */
static double
law_sample (double x, gpointer data)
{
  LawSampler *s = data;
  gboolean ok;
  double rho;

  if (x > s->last_x)
    s->t->have_start = FALSE;
  s->last_x = x;
  rho = track_density (s->t, x * s->g->c2 / s->g->beta, &ok);

  return rho * s->g->c2 / s->g->beta;
}

/* The law of x = ℓ/c² (ℓ = β λ): scan, edges, adaptive grid */
static OsSpectralLaw *
gmp_law_build (const Gmp *g, GCancellable *cancellable, GError **error)
{
  Track t = { .g = g, .eps = GMP_EPS_WORK * g->scale };
  double threshold = GMP_THRESHOLD / g->scale;
  double lam_max = g->scale * 4.0 * (1.0 + sqrt (g->beta)) * (1.0 + sqrt (g->beta));
  double lo[GMP_MAX_INTERVALS], hi[GMP_MAX_INTERVALS];
  double *scan = g_new (double, GMP_SCAN_POINTS + 1);
  gboolean *inside = g_new (gboolean, GMP_SCAN_POINTS + 1);
  OsSpectralLaw *law = NULL;
  int n_iv = 0;
  gboolean ok;

  /* an upper end beyond the bulk: doubled while the density is positive
   * there (the tail of an unbounded residual reaches far) */
  for (int i = 0; i < 12; i++)
    {
      t.have_start = FALSE;
      if (!(track_density (&t, lam_max, &ok) > threshold) && ok)
        break;
      lam_max *= 2.0;
    }

  /* scan down from the top, so each point starts from its neighbour */
  t.have_start = FALSE;
  for (int i = GMP_SCAN_POINTS; i >= 0; i--)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      scan[i] = lam_max * i / GMP_SCAN_POINTS;
      inside[i] = i > 0 && track_density (&t, scan[i], &ok) > threshold && ok;
    }
  for (int i = 1; i <= GMP_SCAN_POINTS && n_iv < GMP_MAX_INTERVALS; i++)
    {
      int j;

      if (!inside[i] || inside[i - 1])
        continue;
      for (j = i; j < GMP_SCAN_POINTS && inside[j + 1]; j++)
        ;
      t.have_start = FALSE;
      track_density (&t, scan[i], &ok);
      lo[n_iv] = locate (&t, scan[i], scan[i - 1], threshold, 1e-9 * lam_max);
      if (lo[n_iv] < 2e-9 * lam_max)
        lo[n_iv] = 0.0;
      t.have_start = FALSE;
      track_density (&t, scan[j], &ok);
      hi[n_iv] = j < GMP_SCAN_POINTS ? locate (&t, scan[j], scan[j + 1], threshold, 1e-9 * lam_max)
                                     : scan[j];
      n_iv++;
      i = j;
    }
  if (n_iv == 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NOT_CONVERGED,
                   "the weights' bulk (generalised Marchenko–Pastur) could not be located "
                   "(%d failed points)", t.n_failed);
      goto out;
    }

  /* the law of x = β λ/c², its density = that of λ × c²/β; its mass made
   * exact (the series' truncation and the threshold's cut tail leave
   * ~1e-5) */
  {
    LawSampler sampler = { .t = &t, .g = g, .last_x = -1.0 };
    double xlo[GMP_MAX_INTERVALS], xhi[GMP_MAX_INTERVALS];
    double atom = g->beta > 1.0 ? 1.0 - 1.0 / g->beta : 0.0, mass;

    for (int j = 0; j < n_iv; j++)
      xlo[j] = g->beta * lo[j] / g->c2, xhi[j] = g->beta * hi[j] / g->c2;
    t.have_start = FALSE;
    law = os_spectral_law_build (n_iv, xlo, xhi, atom, law_sample, &sampler);
    mass = os_spectral_law_mass (law);
    law->raw_mass = mass;
    if (mass > 0.0)
      os_spectral_law_scale (law, (1.0 - atom) / mass);
    law->n_failed += t.n_failed;
  }

out:
  g_free (scan);
  g_free (inside);
  return law;
}

/* ---- the public side: applies, cache ------------------------------------ */

gboolean
os_spectral_gmp_applies (const OsParams *params, const OsSpike *spike)
{
  return params->eta > 0.0 && fabs (spike->tau) > 1e-12;
}

typedef struct
{
  OsActivation student, teacher;
  double eta, alpha0, noise, beta;
  OsSpectralLaw *law;
} CacheEntry;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static CacheEntry cache[GMP_CACHE_SIZE];   /* most recently used first */

static gboolean
entry_matches (const CacheEntry *c, const OsParams *p)
{
  return c->law != NULL && c->student == p->student && c->teacher == p->teacher
         && c->eta == p->eta && c->alpha0 == p->alpha0 && c->noise == p->noise && c->beta == p->beta;
}

static OsSpectralLaw *
cache_find (const OsParams *p)
{
  for (int i = 0; i < GMP_CACHE_SIZE; i++)
    if (entry_matches (&cache[i], p))
      {
        CacheEntry hit = cache[i];

        memmove (cache + 1, cache, i * sizeof cache[0]);
        cache[0] = hit;
        return os_spectral_law_ref (hit.law);
      }
  return NULL;
}

OsSpectralLaw *
os_spectral_gmp_law (const OsParams *params, const OsSpike *spike,
                     GCancellable *cancellable, GError **error)
{
  OsSpectralLaw *law, *evicted;
  Gmp g;

  pthread_mutex_lock (&cache_lock);
  law = cache_find (params);
  pthread_mutex_unlock (&cache_lock);
  if (law != NULL)
    return law;

  gmp_init (&g, params, spike);
  law = gmp_law_build (&g, cancellable, error);
  gmp_clear (&g);
  if (law == NULL)
    return NULL;

  pthread_mutex_lock (&cache_lock);
  evicted = cache[GMP_CACHE_SIZE - 1].law;
  memmove (cache + 1, cache, (GMP_CACHE_SIZE - 1) * sizeof cache[0]);
  cache[0] = (CacheEntry) { params->student, params->teacher, params->eta, params->alpha0,
                            params->noise, params->beta, os_spectral_law_ref (law) };
  pthread_mutex_unlock (&cache_lock);
  os_spectral_law_unref (evicted);
  return law;
}

void
os_spectral_gmp_cache_clear (void)
{
  CacheEntry old[GMP_CACHE_SIZE];

  pthread_mutex_lock (&cache_lock);
  memcpy (old, cache, sizeof cache);
  memset (cache, 0, sizeof cache);
  pthread_mutex_unlock (&cache_lock);
  for (int i = 0; i < GMP_CACHE_SIZE; i++)
    os_spectral_law_unref (old[i].law);
}

/* The population's Stieltjes transform g_T(z) at one z with Im z > 0 (tests):
 * solves the inner equation alone, from Λ0⁻¹ high up, down to z. */
gboolean
os_spectral_gmp_population (const OsParams *params, const OsSpike *spike, cplx z, cplx *out_g)
{
  Gmp g;
  cplx u[4];
  gboolean ok;
  /* the outer unknown pinned: m = −1/z makes z_T = z; ζ is chosen so that
   * the outer residual vanishes whatever g_T is, by solving for it after */
  gmp_init (&g, params, spike);
  {
    double y0 = 4.0 * MAX (1.0, cabs (z)) + 1.0, y = y0;
    cplx zz = creal (z) + I * y;
    cplx idet = 1.0 / (zz - 1.0);

    u[1] = -idet, u[2] = -idet, u[3] = -zz * idet;
    ok = TRUE;
    while (ok)
      {
        /* Newton on the three inner unknowns at z_T = zz */
        for (int it = 0; it < 60; it++)
          {
            cplx r[4], J[3][3], b[3], x[4];
            double res;

            u[0] = -1.0 / zz;
            gmp_residual (&g, 0.0, u, r);
            res = cabs (r[1]) + cabs (r[2]) + cabs (r[3]);
            if (res < 1e-13 * (cabs (u[1]) + cabs (u[2]) + cabs (u[3])))
              break;
            for (int j = 0; j < 3; j++)
              {
                cplx rh[4], h = 1e-7 * MAX (cabs (u[j + 1]), 1e-3);

                memcpy (x, u, sizeof x);
                x[j + 1] += h;
                gmp_residual (&g, 0.0, x, rh);
                for (int i = 0; i < 3; i++)
                  J[i][j] = (rh[i + 1] - r[i + 1]) / h;
              }
            for (int i = 0; i < 3; i++)
              b[i] = -r[i + 1];
            /* Cramer's rule */
            {
              cplx det = J[0][0] * (J[1][1] * J[2][2] - J[1][2] * J[2][1])
                         - J[0][1] * (J[1][0] * J[2][2] - J[1][2] * J[2][0])
                         + J[0][2] * (J[1][0] * J[2][1] - J[1][1] * J[2][0]);
              cplx d0 = b[0] * (J[1][1] * J[2][2] - J[1][2] * J[2][1])
                        - J[0][1] * (b[1] * J[2][2] - J[1][2] * b[2])
                        + J[0][2] * (b[1] * J[2][1] - J[1][1] * b[2]);
              cplx d1 = J[0][0] * (b[1] * J[2][2] - J[1][2] * b[2])
                        - b[0] * (J[1][0] * J[2][2] - J[1][2] * J[2][0])
                        + J[0][2] * (J[1][0] * b[2] - b[1] * J[2][0]);
              cplx d2 = J[0][0] * (J[1][1] * b[2] - b[1] * J[2][1])
                        - J[0][1] * (J[1][0] * b[2] - b[1] * J[2][0])
                        + b[0] * (J[1][0] * J[2][1] - J[1][1] * J[2][0]);

              if (cabs (det) == 0.0)
                {
                  ok = FALSE;
                  break;
                }
              u[1] += d0 / det, u[2] += d1 / det, u[3] += d2 / det;
            }
          }
        if (y <= cimag (z))
          break;
        y = MAX (cimag (z), 0.5 * y);
        zz = creal (z) + I * y;
      }
  }
  gmp_clear (&g);
  *out_g = u[1];
  return ok && isfinite (creal (u[1])) && isfinite (cimag (u[1]));
}
