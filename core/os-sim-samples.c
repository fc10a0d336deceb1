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

/* ⟨a, b⟩ in a fixed order (eight running sums, then a fixed tree), so a
 * row's projection is the same whatever else runs */
static double
dot_fixed (const double *a, const double *b, int n)
{
  double acc[8] = { 0.0 }, tail = 0.0;
  int k = 0;

  for (; k + 8 <= n; k += 8)
    for (int j = 0; j < 8; j++)
      acc[j] += a[k + j] * b[k + j];
  for (; k < n; k++)
    tail += a[k] * b[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7])) + tail;
}

/* Single precision's rows: each row drawn into `row` (d doubles of scratch,
 * in the cache), its projection proj[i] = ⟨x, θ*⟩ and its float copy into
 * Xf taken from there, then its noise ε: the same random numbers as
 * os_sim_draw_rows, without writing X in double (nothing multiplies it) */
void
os_sim_draw_rows_float (OsRng *rng, int d, int count, const double *teacher, double *row,
                        float *Xf, double *proj, double *eps)
{
  for (int i = 0; i < count; i++)
    {
      float *out = Xf + (gsize) i * d;

      os_rng_fill_normal (rng, row, d);
      eps[i] = os_rng_normal (rng);
      proj[i] = dot_fixed (row, teacher, d);
      for (int k = 0; k < d; k++)
        out[k] = (float) row[k];
    }
}

void
os_sim_labels_from_projection (const OsParams *params, int count, const double *proj,
                               const double *eps, double *y)
{
  const double noise_scale = sqrt (params->noise);

  os_activation_eval_array (params->teacher, proj, y, count);
  for (int i = 0; i < count; i++)
    y[i] += noise_scale * eps[i];
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

/* value[i] = σ(z[i]) and z[i] ← σ'(z[i]) */
void
os_sim_student_value_and_slope (OsActivation act, double *z, double *value, gsize n)
{
  if (act == OS_ACT_TANH)
    {
      os_sim_tanh_value_and_slope (z, value, n);
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
      os_sim_tanh_scaled (z + begin, end - begin, scale);
      return;
    }
  os_activation_eval_array (task->act, z + begin, z + begin, end - begin);
  for (gsize i = begin; i < end; i++)
    z[i] *= scale;
}

/* z[i] ← σ((double) zf[i]) · scale over [begin, end): tanh in one pass,
 * the others a tile at a time (widened, then evaluated while in the cache) */
#define WIDEN_TILE 256

static void
widen_features_block (gsize begin, gsize end, gpointer data)
{
  const OsSimFeaturesTask *task = data;

  if (task->act == OS_ACT_TANH)
    {
      os_sim_tanh_widen_scaled (task->zf + begin, task->z + begin, end - begin, task->scale);
      return;
    }
  for (gsize i0 = begin; i0 < end; i0 += WIDEN_TILE)
    {
      const gsize i1 = MIN (end, i0 + WIDEN_TILE);

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
