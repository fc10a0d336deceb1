/* os-sim-samples.c — the data of the simulation (THEORY.md §1): samples x ~
 * N(0, I_d) drawn one by one from a seed's stream with their labels
 * y = σ*(⟨θ*, x⟩) + √Δ ε, and the student's activation over a block of
 * pre-activations (with a fast tanh, the common case).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <math.h>

/* count samples' rows from rng: X (count × d, row-major), a noise ε each
 * (drawn after its row), and the float copy of X when Xf is not NULL */
void
os_sim_draw_rows (OsRng *rng, int d, int count, double *X, float *Xf, double *eps)
{
  for (int i = 0; i < count; i++)
    {
      double *row = X + (gsize) i * d;

      os_rng_fill_normal (rng, row, d);
      eps[i] = os_rng_normal (rng);
      if (Xf != NULL)   /* while the row is in the cache */
        for (int k = 0; k < d; k++)
          Xf[(gsize) i * d + k] = (float) row[k];
    }
}

/* the teacher's outputs t = σ*(Xθ*) of drawn rows */
void
os_sim_draw_teacher (OsSimCtx *ctx, const OsParams *params, const double *teacher, int d, int count,
                 const double *X, double *t)
{
  cblas_dgemv (CblasRowMajor, CblasNoTrans, count, d, 1.0, X, d, teacher, 1, 0.0, t, 1);
  ctx->flops += 2.0 * count * d;
  os_activation_eval_array (params->teacher, t, t, count);
}

void
os_sim_draw_labels (OsSimCtx *ctx, const OsParams *params, const double *teacher, int d,
                    int count, const double *X, const double *eps, double *y)
{
  const double noise_scale = sqrt (params->noise);

  os_sim_draw_teacher (ctx, params, teacher, d, count, X, y);
  for (int i = 0; i < count; i++)
    y[i] += noise_scale * eps[i];
}

/* count samples from rng: X (count × d, row-major) and y = σ*(Xθ*) + √Δ ε;
 * eps is workspace of count doubles */
void
os_sim_draw_samples (OsSimCtx *ctx, OsRng *rng, const OsParams *params, const double *teacher,
                     int d, int count, double *X, float *Xf, double *y, double *eps)
{
  os_sim_draw_rows (rng, d, count, X, Xf, eps);
  os_sim_draw_labels (ctx, params, teacher, d, count, X, eps, y);
}

/* the same draws, the teacher's outputs t = σ*(Xθ*) and the noise ε apart */
void
os_sim_draw_samples_split (OsSimCtx *ctx, OsRng *rng, const OsParams *params,
                           const double *teacher, int d, int count,
                           double *X, float *Xf, double *t, double *eps)
{
  os_sim_draw_rows (rng, d, count, X, Xf, eps);
  os_sim_draw_teacher (ctx, params, teacher, d, count, X, t);
}

/* tanh after Cephes (Moshier): a rational function of x² for |x| < 0.625,
 * 1 − 2/(e^{2|x|} + 1) beyond. Within 2 ulp of libm's tanh (tested), and
 * three times faster than glibc's expm1-based one, which made a fifth of the
 * run time of a simulation with a tanh student. */
#define TANH_SWITCH 0.625

static inline double
tanh_small (double x)
{
  const double s = x * x;
  const double P = (-9.64399179425052238628e-1 * s - 9.92877231001918586564e1) * s
                   - 1.61468768441708447952e3;
  const double Q = ((s + 1.12811678491632931402e2) * s + 2.23548839060100448583e3) * s
                   + 4.84406305325125486048e3;
  return x + x * s * (P / Q);
}

/* |x| ≥ TANH_SWITCH (t > 0, so copysign is the sign of x) */
static inline double
tanh_large (double x)
{
  return copysign (1.0 - 2.0 / (exp (2.0 * fabs (x)) + 1.0), x);
}

static inline double
tanh_fast (double x)
{
  return fabs (x) >= TANH_SWITCH ? tanh_large (x) : tanh_small (x);
}

void
os_sim_tanh (const double *in, double *out, gsize n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = tanh_fast (in[i]);
}

#define TANH_TILE 256

/* out[i] = tanh_fast (in[i]) for n ≤ TANH_TILE (out may be in), bit for bit,
 * without a branch per element: on N(0, 1) pre-activations the switch goes
 * either way at random, and its mispredictions took half of the time. The
 * rational part for all (a loop the compiler vectorises), then the
 * exponential part for those beyond the switch, gathered first. */
static void
tanh_tile (const double *in, double *out, gsize n)
{
  double large_x[TANH_TILE];
  guint16 large_i[TANH_TILE];
  gsize n_large = 0;

  for (gsize i = 0; i < n; i++)
    {
      large_x[n_large] = in[i];
      large_i[n_large] = (guint16) i;
      n_large += fabs (in[i]) >= TANH_SWITCH;
    }
  for (gsize i = 0; i < n; i++)
    out[i] = tanh_small (in[i]);
  for (gsize k = 0; k < n_large; k++)
    out[large_i[k]] = tanh_large (large_x[k]);
}

/* value[i] = σ(z[i]) and z[i] ← σ'(z[i]) */
void
os_sim_student_value_and_slope (OsActivation act, double *z, double *value, gsize n)
{
  if (act == OS_ACT_TANH)
    {
      for (gsize i0 = 0; i0 < n; i0 += TANH_TILE)
        {
          const gsize m = MIN (TANH_TILE, n - i0);

          tanh_tile (z + i0, value + i0, m);
          for (gsize i = i0; i < i0 + m; i++)
            z[i] = 1.0 - value[i] * value[i];
        }
      return;
    }
  os_activation_eval_array (act, z, value, n);
  os_activation_deriv_array (act, z, z, n);
}

/* z[i] ← σ(z[i]) · scale over [begin, end) of a features task */
static void
features_block (gsize begin, gsize end, gpointer data)
{
  const OsSimFeaturesTask *task = data;
  const double scale = task->scale;
  double *z = task->z;

  if (task->act == OS_ACT_TANH)
    {
      for (gsize i0 = begin; i0 < end; i0 += TANH_TILE)
        {
          const gsize m = MIN (TANH_TILE, end - i0);

          tanh_tile (z + i0, z + i0, m);
          for (gsize i = i0; i < i0 + m; i++)
            z[i] *= scale;
        }
      return;
    }
  os_activation_eval_array (task->act, z + begin, z + begin, end - begin);
  for (gsize i = begin; i < end; i++)
    z[i] *= scale;
}

/* z[i] ← σ((double) zf[i]) · scale over [begin, end), a tile at a time */
static void
widen_features_block (gsize begin, gsize end, gpointer data)
{
  const OsSimFeaturesTask *task = data;

  for (gsize i0 = begin; i0 < end; i0 += TANH_TILE)
    {
      const gsize i1 = MIN (end, i0 + TANH_TILE);

      for (gsize i = i0; i < i1; i++)
        task->z[i] = task->zf[i];
      features_block (i0, i1, data);
    }
}

void
os_sim_features_begin (OsSimFeaturesTask *task, OsActivation act, const float *zf, double *z,
                       gsize n, double scale)
{
  task->act = act;
  task->zf = zf;
  task->z = z;
  task->scale = scale;
  os_sim_split_begin (&task->job, n, SIM_SPLIT_BLOCK, SIM_SPLIT_MIN,
                      zf != NULL ? widen_features_block : features_block, task);
}

void
os_sim_features_finish (OsSimFeaturesTask *task)
{
  os_sim_split_finish (&task->job);
}

void
os_sim_student_features_widen (OsActivation act, const float *zf, double *z, gsize n,
                               double scale)
{
  OsSimFeaturesTask task;

  os_sim_features_begin (&task, act, zf, z, n, scale);
  os_sim_features_finish (&task);
}

/* z[i] ← σ(z[i]) · scale, over the cores (os_sim_split) */
void
os_sim_student_features (OsActivation act, double *z, gsize n, double scale)
{
  os_sim_student_features_widen (act, NULL, z, n, scale);
}

/* v ← v/‖v‖; v = 0 is left as it is */
void
os_sim_normalise (double *v, int n)
{
  double norm = cblas_dnrm2 (n, v, 1);

  if (norm > 0.0)
    cblas_dscal (n, 1.0 / norm, v, 1);
}
