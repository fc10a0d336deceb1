/* os-sim-network.c — the network of one seed (THEORY.md §1): the teacher
 * θ*, the initial weights W0, the giant step to W1, and the feature matrix
 * Φ = σ(X Wᵀ)/√p of a stream of samples at any W.
 *
 * The step: for each chunk X0 of the n0 samples, Z = X0 W0ᵀ (dgemm),
 * e = y − σ(Z)1/p, G = diag(e) σ'(Z), D += Gᵀ X0 (dgemm); finally
 * W1 = W0 + (η̃/n0) D. Every product is one BLAS call over a chunk of at
 * most SIM_CHUNK samples (the samples themselves are drawn one by one, so
 * the chunking does not change the data, only the order of floating-point
 * sums; SIM_CHUNK is fixed, so a seed always gives the same bits).
 *
 * A sweep over Δ keeps what the step computes before the residual (the
 * samples, the teacher's outputs, the noise, the slopes σ'(Z) and the sums
 * of σ(Z)) and forms D again for each Δ; a sweep over η̃ keeps D itself.
 * Both give W1 bit for bit as the step of a single point does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-simulation-private.h"

#include <math.h>
#include <string.h>

/* A network with its buffers for params at config->d; the seed is the
 * caller's to set. */
static OsSimNetwork *
network_new (const OsParams *params, const OsSimConfig *config, gboolean lean)
{
  OsSimNetwork *net = g_new0 (OsSimNetwork, 1);
  gsize pd;

  net->d = config->d;
  os_sim_sizes (params, config->d, &net->p, &net->n0, &net->n);
  net->n_test = config->n_test;
  pd = (gsize) net->p * net->d;
  net->teacher = g_new (double, net->d);
  net->W0 = lean ? NULL : os_sim_buffer_new (pd);
  net->W1 = os_sim_buffer_new (pd);
  net->readout = g_new (double, net->p);
  net->spike = g_new (double, net->d);
  return net;
}

OsSimNetwork *
os_sim_network_new (const OsParams *params, const OsSimConfig *config)
{
  return network_new (params, config, FALSE);
}

OsSimNetwork *
os_sim_network_new_lean (const OsParams *params, const OsSimConfig *config)
{
  return network_new (params, config, TRUE);
}

void
os_sim_network_free (OsSimNetwork *network)
{
  if (network == NULL)
    return;
  g_free (network->teacher);
  g_free (network->W0);
  g_free (network->W1);
  g_free (network->readout);
  g_free (network->spike);
  g_free (network);
}

/* ---- θ*, W0 and the giant step ----------------------------------------- */

/* where W0 lives: its own buffer, or W1's in a lean network */
static double *
w0_of (const OsSimNetwork *net)
{
  return net->W0 != NULL ? net->W0 : net->W1;
}

static void
init_teacher (OsSimNetwork *net)
{
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_TEACHER);
  os_rng_fill_normal (&rng, net->teacher, net->d);
  os_sim_normalise (net->teacher, net->d);
}

/* W0 from its stream; Wf (nullable): its float copy too, each row
 * converted while it is in the cache */
static void
draw_w0 (OsSimNetwork *net, float *Wf)
{
  const int d = net->d, p = net->p;
  double *W0 = w0_of (net);
  OsRng rng;

  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_INIT);
  for (int j = 0; j < p; j++)
    {
      double *row = W0 + (gsize) j * d;

      os_rng_fill_normal (&rng, row, d);
      os_sim_normalise (row, d);
      if (Wf != NULL)
        for (int k = 0; k < d; k++)
          Wf[(gsize) j * d + k] = (float) row[k];
    }
}

/* draw_w0 as an os_sim_split task */
typedef struct
{
  OsSimNetwork *net;
  float        *Wf;
} W0Task;

static void
draw_w0_task (gsize begin, gsize end, gpointer data)
{
  const W0Task *task = data;

  (void) begin, (void) end;
  draw_w0 (task->net, task->Wf);
}

void
os_sim_network_init (OsSimNetwork *net, OsSimCtx *ctx)
{
  os_sim_report (ctx, 0.0, "init");
  init_teacher (net);
  draw_w0 (net, NULL);
}

void
os_sim_step_data_init (OsSimStepData *data, int n0, int d, int p)
{
  data->n0 = n0;
  data->d = d;
  data->p = p;
  data->X = os_sim_buffer_new ((gsize) n0 * d);
  data->slope = os_sim_buffer_new ((gsize) n0 * p);
  data->t = g_new (double, n0);
  data->eps = g_new (double, n0);
  data->value_sum = g_new (double, n0);
}

void
os_sim_step_data_clear (OsSimStepData *data)
{
  g_free (data->X);
  g_free (data->slope);
  g_free (data->t);
  g_free (data->eps);
  g_free (data->value_sum);
  memset (data, 0, sizeof *data);
}

/* One chunk's part of D: with y = t + √Δ ε and e = y − f0(x), where
 * f0(x) = (1/√p) Σ_j (1/√p) σ(⟨w_j, x⟩) = value_sum/p, the rows of G are
 * e σ'(⟨w_j, x⟩) (G may be slope: scaled in place), then D (+)= Gᵀ X. */
static void
direction_chunk (const OsParams *params, OsSimWorkspace *ws, int b, int p, int d,
                 const double *X, const double *t, const double *eps, const double *value_sum,
                 const double *slope, double *G, gboolean first, double *D, OsSimCtx *ctx)
{
  const double noise_scale = sqrt (params->noise);

  if (G != slope)
    memcpy (G, slope, sizeof *G * (gsize) b * p);
  for (int i = 0; i < b; i++)
    {
      double y = t[i];

      y += noise_scale * eps[i];   /* as os_sim_draw_samples adds it */
      cblas_dscal (p, y - value_sum[i] / p, G + (gsize) i * p, 1);
    }
  os_sim_gemm_gtx (ctx, ws, G, b, p, X, d, first, D);
}

/* The precision of the step's products. A student with a kink (ReLU) takes
 * the step in double even in single precision: its slope σ' jumps at 0, and
 * pre-activations rounded to float flip it, which moved the test error by
 * up to 3e-4 (relative) at d = 800 after a large step (η̃ = 10, α0 = 100),
 * growing with d; smooth students stay within 3e-6 (README, "Single
 * precision"). */
static OsSimPrecision
step_precision (const OsParams *params, const OsSimCtx *ctx)
{
  return os_activation_has_kink (params->student) ? OS_SIM_PRECISION_DOUBLE : ctx->precision;
}

typedef struct
{
  OsActivation act;
  double      *Z, *sums;
  int          p;
} SlopesJob;

/* rows [begin, end) of Z ← σ'(Z), and the sums of their σ(Z), each row's
 * sum in the order of its columns */
static void
slopes_block (gsize begin, gsize end, gpointer data)
{
  const SlopesJob *job = data;
  const int p = job->p;
  double value[256];

  for (gsize i = begin; i < end; i++)
    {
      double *row = job->Z + i * p, sum = 0.0;

      for (int j0 = 0; j0 < p; j0 += (int) G_N_ELEMENTS (value))
        {
          const int m = MIN ((int) G_N_ELEMENTS (value), p - j0);

          os_sim_student_value_and_slope (job->act, row + j0, value, m);
          for (int j = 0; j < m; j++)
            sum += value[j];
        }
      job->sums[i] = sum;
    }
}

/* Z (b × p) ← σ'(Z) and sums[i] = Σ_j σ(Z_ij) (D may be ws->A, so the
 * values are not kept), the rows over the cores (os_sim_split) */
static void
slopes_and_sums (OsActivation act, double *Z, int b, int p, double *sums)
{
  SlopesJob job = { act, Z, sums, p };
  const gsize rows_per_block = MAX (1, SIM_SPLIT_BLOCK / p);

  os_sim_split (b, rows_per_block, SIM_SPLIT_MIN / p, slopes_block, &job);
}

static gboolean direction_chunks (const OsParams *params, const OsSimNetwork *net,
                                  OsSimWorkspace *ws, OsSimStepData *data, OsRng *rng,
                                  gboolean first_drawn, double *D, OsSimCtx *ctx,
                                  GError **error);

/* the step's direction; with_w0: W0 is drawn too (it is not yet), on a
 * helper of os_sim_split while this thread draws the step's first chunk
 * (two streams, each in its order: the same bits) */
static gboolean
step_direction (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws,
                OsSimStepData *data, gboolean with_w0, double *D, OsSimCtx *ctx, GError **error)
{
  const OsSimPrecision precision = ctx->precision;
  OsRng rng;
  gboolean ok;

  ctx->precision = step_precision (params, ctx);
  os_rng_init_stream (&rng, net->seed, OS_SIM_STREAM_STEP);
  if (with_w0)
    {
      /* in single precision W0's float copy is made as it is drawn */
      W0Task task = { net, OS_SIM_XF (ctx, ws) != NULL ? ws->Wf : NULL };
      OsSimSplitJob job;

      os_sim_split_task_begin (&job, draw_w0_task, &task);
      os_sim_draw_rows (&rng, net->d, MIN (SIM_CHUNK, net->n0), data != NULL ? data->X : ws->X,
                        OS_SIM_XF (ctx, ws), data != NULL ? data->eps : ws->eps);
      os_sim_split_finish (&job);
    }
  else
    os_sim_workspace_set_w (ctx, ws, w0_of (net), (gsize) net->p * net->d);
  ok = direction_chunks (params, net, ws, data, &rng, with_w0, D, ctx, error);
  ctx->precision = precision;
  return ok;
}

gboolean
os_sim_step_direction (const OsParams *params, const OsSimNetwork *net, OsSimWorkspace *ws,
                       OsSimStepData *data, double *D, OsSimCtx *ctx, GError **error)
{
  return step_direction (params, (OsSimNetwork *) net, ws, data, FALSE, D, ctx, error);
}

static gboolean
direction_chunks (const OsParams *params, const OsSimNetwork *net, OsSimWorkspace *ws,
                  OsSimStepData *data, OsRng *rng, gboolean first_drawn, double *D,
                  OsSimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, n0 = net->n0;
  const int chunk = MIN (SIM_CHUNK, n0);
  const double *W0 = w0_of (net);
  double *Z = ws->B;
  g_autofree double *value_sum = g_new (double, chunk);
  g_autofree double *t = g_new (double, chunk);

  for (int start = 0; start < n0; start += chunk)
    {
      const int b = MIN (chunk, n0 - start);
      double *X = data != NULL ? data->X + (gsize) start * d : ws->X;
      double *tb = data != NULL ? data->t + start : t;
      double *eb = data != NULL ? data->eps + start : ws->eps;
      double *vb = data != NULL ? data->value_sum + start : value_sum;

      os_sim_report (ctx, 0.05 + 0.3 * start / n0, "step");
      if (start == 0 && first_drawn)   /* the rows and noise, not the labels */
        os_sim_draw_teacher (ctx, params, net->teacher, d, b, X, tb);
      else
        os_sim_draw_samples_split (ctx, rng, params, net->teacher, d, b, X, OS_SIM_XF (ctx, ws),
                                   tb, eb);
      os_sim_gemm_xwt (ctx, ws, X, b, d, W0, p, Z);
      slopes_and_sums (params->student, Z, b, p, vb);
      if (data != NULL)
        memcpy (data->slope + (gsize) start * p, Z, sizeof *Z * (gsize) b * p);
      direction_chunk (params, ws, b, p, d, X, tb, eb, vb, Z, Z, start == 0, D, ctx);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
os_sim_step_direction_kept (const OsParams *params, const OsSimNetwork *net, OsSimWorkspace *ws,
                            const OsSimStepData *data, double *D, OsSimCtx *ctx, GError **error)
{
  const int d = net->d, p = net->p, n0 = net->n0;
  const int chunk = MIN (SIM_CHUNK, n0);
  const OsSimPrecision precision = ctx->precision;

  ctx->precision = step_precision (params, ctx);
  for (int start = 0; start < n0; start += chunk)
    {
      const int b = MIN (chunk, n0 - start);

      os_sim_report (ctx, 0.05 + 0.3 * start / n0, "step");
      if (ctx->precision == OS_SIM_PRECISION_SINGLE)   /* the float chunk os_sim_gemm_gtx uses */
        os_sim_to_float (data->X + (gsize) start * d, ws->Xf, (gsize) b * d);
      direction_chunk (params, ws, b, p, d, data->X + (gsize) start * d, data->t + start,
                       data->eps + start, data->value_sum + start,
                       data->slope + (gsize) start * p, ws->B, start == 0, D, ctx);
      if (os_sim_cancelled (ctx, error))
        {
          ctx->precision = precision;
          return FALSE;
        }
    }
  ctx->precision = precision;
  return TRUE;
}

void
os_sim_network_apply_step (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws,
                           const double *D, OsSimCtx *ctx)
{
  const gsize pd = (gsize) net->p * net->d;
  const double scale = params->eta / net->n0;
  const double *W0 = w0_of (net);

  os_sim_workspace_step_w (ctx, ws, scale, D, W0, net->W1, pd);
}

/* THEORY.md §1: θ* and W0 for net->seed, the step on its n0 samples */
gboolean
os_sim_network_step (const OsParams *params, OsSimNetwork *net, OsSimWorkspace *ws, double *D,
                     OsSimCtx *ctx, GError **error)
{
  os_sim_report (ctx, 0.0, "init");
  init_teacher (net);
  if (!step_direction (params, net, ws, NULL, TRUE, D, ctx, error))
    return FALSE;
  os_sim_network_apply_step (params, net, ws, D, ctx);
  return TRUE;
}

/* ---- the features ------------------------------------------------------ */

/* A sampler's count rows into the workspace: X and its noise (and Xf in
 * single precision, which needs no X: only Xf and the projections on θ*,
 * from one row of X as scratch) */
static void
sampler_draw (const OsSimNetwork *net, OsRng *rng, int count, OsSimWorkspace *ws, OsSimCtx *ctx)
{
  if (ctx->precision == OS_SIM_PRECISION_SINGLE)
    os_sim_draw_rows_float (rng, net->d, count, net->teacher, ws->X, ws->Xf, ws->proj, ws->eps);
  else
    os_sim_draw_rows (rng, net->d, count, ws->X, NULL, ws->eps);
}

void
os_sim_sampler_init (OsSimSampler *sampler, guint64 seed, OsSimStream stream)
{
  os_rng_init_stream (&sampler->rng, seed, stream);
  sampler->drawn = 0;
}

void
os_sim_sample_features (const OsParams *params, const OsSimNetwork *net, const double *W,
                        OsSimSampler *sampler, int count, double *Z, double *y,
                        OsSimSampler *ahead, int next, OsSimWorkspace *ws, OsSimCtx *ctx)
{
  const int d = net->d, p = net->p;
  OsSimFeaturesTask task;

  if (sampler->drawn == 0)
    sampler_draw (net, &sampler->rng, count, ws, ctx);
  else
    g_assert (sampler->drawn == count);
  sampler->drawn = 0;
  if (ctx->precision == OS_SIM_PRECISION_SINGLE)
    {
      /* the projections were taken as the rows were drawn */
      os_sim_labels_from_projection (params, count, ws->proj, ws->eps, y);
      ctx->flops += 2.0 * count * d;
    }
  else
    os_sim_draw_labels (ctx, params, net->teacher, d, count, ws->X, ws->eps, y);
  os_sim_gemm_xwt_features_begin (ctx, ws, &task, params->student, 1.0 / sqrt (p), ws->X, count,
                                  d, W, p, Z);
  /* the product is done with X: the next chunk's random numbers (each
   * stream in its order) while the helpers compute the features; their
   * labels wait for the next call (dgemv's BLAS thread would meet the
   * helpers) */
  if (ahead != NULL && next > 0)
    sampler_draw (net, &ahead->rng, next, ws, ctx);
  os_sim_features_finish (&task);
  if (ahead != NULL && next > 0)
    ahead->drawn = next;
}

void
os_sim_feature_rows (const OsParams *params, const OsSimNetwork *net, const double *W,
                     OsSimSampler *sampler, int start, int count, int next, double *Phi,
                     double *y, OsSimWorkspace *ws, OsSimCtx *ctx)
{
  os_sim_sample_features (params, net, W, sampler, count, Phi + (gsize) start * net->p, y + start,
                          sampler, next, ws, ctx);
}

/* Φ (n × p, into ws->A) = σ(X Wᵀ)/√p over the n samples of stream, and
 * their n labels into ws->y. centered: remove the column means of Φ. */
gboolean
os_sim_feature_matrix (const OsParams *params, const OsSimNetwork *net, const double *W,
                       OsSimStream stream, int n, gboolean centered, OsSimSampler *then,
                       int then_count, OsSimWorkspace *ws, double progress_from,
                       double progress_to, const char *stage, OsSimCtx *ctx, GError **error)
{
  const int p = net->p, chunk = MIN (SIM_CHUNK, n);
  double *Phi = ws->A;
  OsSimSampler sampler;

  os_sim_sampler_init (&sampler, net->seed, stream);
  for (int start = 0; start < n; start += chunk)
    {
      const int b = MIN (chunk, n - start);
      const int next = MIN (chunk, n - start - b);

      os_sim_report (ctx, progress_from + (progress_to - progress_from) * start / n, stage);
      /* the last chunk draws ahead then's first */
      os_sim_sample_features (params, net, W, &sampler, b, Phi + (gsize) start * p, ws->y + start,
                              next > 0 ? &sampler : then, next > 0 ? next : then_count, ws, ctx);
      if (os_sim_cancelled (ctx, error))
        return FALSE;
    }
  if (centered)
    {
      g_autofree double *mean = g_new0 (double, p);

      for (int i = 0; i < n; i++)
        cblas_daxpy (p, 1.0 / n, Phi + (gsize) i * p, 1, mean, 1);
      for (int i = 0; i < n; i++)
        cblas_daxpy (p, -1.0, mean, 1, Phi + (gsize) i * p, 1);
    }
  return TRUE;
}
