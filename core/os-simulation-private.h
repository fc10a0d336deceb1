/* os-simulation-private.h — what the files of the simulation share, not for
 * callers (they use os-simulation.h):
 *
 *   os-sim-workspace.c  buffers, the shared workspace, the memory budget,
 *                       and the context of one call (progress, cancellation,
 *                       accounting of the level-3 BLAS calls)
 *   os-sim-samples.c    the samples of a stream, the student's activations
 *   os-sim-split.c      element-wise work split over the cores BLAS uses
 *   os-sim-tanh.c       the tanh student's vectorised loops
 *   os-sim-network.c    the network of one seed: θ*, W0 and the giant step
 *                       (W1), the feature matrix Φ
 *   os-sim-measure.c    the measured order parameters of §6 (spike, r, γ, c;
 *                       m, q1, q2, θ, ψ)
 *   os-sim-readout.c    the ridge readout, the training and test errors
 *   os-sim-spectrum.c   the simulated singular values (os_simulate_spectrum)
 *   os-sim-sweep.c      sweeps: the plan (what is shared, workers, memory),
 *                       the workers that run seeds concurrently, the rows
 *   os-sim-shared.c     one seed of a sweep that shares its work (α: the
 *                       features by prefix; λ: the Gram matrix; Δ: the
 *                       step's data; η̃: the step's direction)
 *   os-simulation.c     the configuration and the public entry points
 *
 * Matrices are row-major. Every routine that takes an OsSimCtx reports its
 * progress to it, checks its cancellable, and adds its floating-point
 * operations to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cblas.h>
#include "os-rng.h"
#include "os-simulation.h"

G_BEGIN_DECLS

#define SIM_CHUNK          1024     /* samples per BLAS call                    */

typedef struct _OsSimFeaturesTask OsSimFeaturesTask;   /* os-sim-samples.c */

/* ---- buffers, workspace and memory (os-sim-workspace.c) ---------------- */

/* The sizes of one call, as doubles (p, n0, n, n_test at least 1). */
typedef struct
{
  double d, p, n0, n, n_test;
} OsSimDims;

typedef enum { OS_SIM_WORK_NETWORK, OS_SIM_WORK_WEIGHTS, OS_SIM_WORK_FEATURES } OsSimWorkKind;

/* The scratch of one call, shared by the phases (each phase uses a part):
 *   X   a chunk of samples                          (step, readout, test)
 *   A   σ(Z) of a step chunk | W1 − W0 | Φ           (step | spike | readout)
 *   B   Z = X Wᵀ of a chunk | a Gram matrix          (step, test | spike fallback, readout)
 *   y, eps, u   label, noise and solution vectors */
typedef struct
{
  double x, a, b, vec;        /* sizes in doubles */
} OsSimWorkSizes;

typedef struct
{
  OsSimWorkSizes sizes;
  double   *X, *A, *B, *y, *eps, *u;
  /* the projections ⟨x, θ*⟩ of a chunk drawn in single precision
   * (os_sim_draw_rows_float; NULL in double) */
  double   *proj;
  /* single precision only (NULL otherwise): a chunk of samples, its
   * products, the float copy of the W in use (p × d), and a chunk's part of
   * the step's direction (p × d) */
  float    *Xf, *Zf, *Wf, *Df;
} OsSimWorkspace;

/* A buffer of n_doubles (at least one), 2 MiB aligned and advised as
 * transparent huge pages when it is that large; freed with g_free (). */
double   *os_sim_buffer_new        (gsize n_doubles);

/* The sizes of params at config->d (os_sim_sizes), each at least 1. */
OsSimDims os_sim_dims_of           (const OsParams *params, const OsSimConfig *config);

/* Allocates the workspace of one call of the given kind: the network and
 * its measurements, the weight spectrum, or the feature spectrum; with the
 * float buffers when precision is single. */
void      os_sim_workspace_init    (OsSimWorkspace *ws, const OsSimDims *s, OsSimWorkKind kind,
                                    OsSimPrecision precision);
void      os_sim_workspace_clear   (OsSimWorkspace *ws);

/* Bytes of a workspace of this kind and of a network (W1, and W0 unless
 * lean: see os_sim_network_new), with the vectors they come with. */
double    os_sim_work_bytes        (const OsSimDims *s, OsSimWorkKind kind, OsSimPrecision precision,
                                    gboolean lean);

/* Bytes of a buffer of n_doubles as os_sim_buffer_new allocates it. */
double    os_sim_buffer_bytes      (double n_doubles);

/* TRUE when `needed` bytes fit config's memory budget; otherwise FALSE with
 * OS_ERROR_TOO_LARGE, the message saying how much the run needs. */
gboolean  os_sim_check_memory      (gsize needed, const OsParams *params,
                                    const OsSimConfig *config, GError **error);

/* ---- the context of one call: progress, cancellation, accounting ------- */

typedef struct
{
  GCancellable      *cancellable;
  OsSimProgressFunc  progress;
  gpointer           progress_data;
  double             frac0, frac_span;     /* this seed's share of the call */
  double             flops, blas3_flops, blas3_seconds;
  OsSimPrecision     precision;
  const gint        *abort;                /* nullable: set when the call must stop */
} OsSimCtx;

#define OS_SIM_CTX_INIT(cancellable, progress, data, precision) \
  { (cancellable), (progress), (data), 0.0, 1.0, 0.0, 0.0, 0.0, (precision), NULL }

/* Reports the fraction `local` in [0, 1] of this seed, and the stage. */
void      os_sim_report            (OsSimCtx *ctx, double local, const char *stage);

/* TRUE, with G_IO_ERROR_CANCELLED, when the call is cancelled (or
 * ctx->abort is set: another worker of the call failed). */
gboolean  os_sim_cancelled         (OsSimCtx *ctx, GError **error);

/* cblas_dgemm and cblas_dsyrk (row-major; dsyrk: the upper triangle, with
 * alpha 1 and beta 0), timed and counted in ctx. */
void      os_sim_gemm              (OsSimCtx *ctx, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb,
                                    int M, int N, int K, double alpha, const double *A, int lda,
                                    const double *B, int ldb, double beta, double *C, int ldc);
void      os_sim_syrk              (OsSimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K,
                                    const double *A, int lda, double *C, int ldc);
/* the same with beta 1: C += op(A) op(A)ᵀ */
void      os_sim_syrk_add          (OsSimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K,
                                    const double *A, int lda, double *C, int ldc);

/* Z (b × p) = X Wᵀ for a chunk X (b × d) and W (p × d), row-major, in
 * ctx's precision: single multiplies ws->Xf, the float copy of X that
 * os_sim_draw_samples made (OS_SIM_XF), by ws->Wf, the float copy of W
 * (os_sim_workspace_set_w), in sgemm; Z is double either way. */
void      os_sim_gemm_xwt          (OsSimCtx *ctx, OsSimWorkspace *ws, const double *X, int b,
                                    int d, const double *W, int p, double *Z);

/* The same product and then Z ← σ(Z) · scale for the student σ = act (in
 * single precision in the same pass as the widening). */
void      os_sim_gemm_xwt_features (OsSimCtx *ctx, OsSimWorkspace *ws, OsActivation act,
                                    double scale, const double *X, int b, int d,
                                    const double *W, int p, double *Z);
/* The product, then the features begun (os_sim_features_begin): X and
 * ws->Xf are free again, the task is finished by os_sim_features_finish. */
void      os_sim_gemm_xwt_features_begin (OsSimCtx *ctx, OsSimWorkspace *ws,
                                          OsSimFeaturesTask *task, OsActivation act,
                                          double scale, const double *X, int b, int d,
                                          const double *W, int p, double *Z);

/* D (p × d) (+)= Gᵀ X for G (b × p) and the chunk X (b × d) that the last
 * os_sim_gemm_xwt multiplied (single: its float copy in ws->Xf, G
 * converted, the chunk's product added to D in double). first: D = Gᵀ X. */
void      os_sim_gemm_gtx          (OsSimCtx *ctx, OsSimWorkspace *ws, const double *G, int b,
                                    int p, const double *X, int d, gboolean first, double *D);

/* Element-wise, over the cores (os_sim_split): out = (float) in; out = a·x;
 * out = y + a·x (out may be x or y). */
void      os_sim_to_float          (const double *in, float *out, gsize n);
void      os_sim_scale_to          (double a, const double *x, double *out, gsize n);
void      os_sim_axpy_to           (double a, const double *x, const double *y, double *out,
                                    gsize n);

/* W1 = W0 + a·D (W1 may be W0) and, in single precision, ws->Wf = (float) W1
 * in the same pass. */
void      os_sim_workspace_step_w  (OsSimCtx *ctx, OsSimWorkspace *ws, double a, const double *D,
                                    const double *W0, double *W1, gsize pd);

/* Single precision: ws->Wf = (float) W (p × d); nothing in double. */
void      os_sim_workspace_set_w   (OsSimCtx *ctx, OsSimWorkspace *ws, const double *W, gsize pd);

/* ---- element-wise work over the cores (os-sim-split.c) ----------------- */

/* func (begin, end, data) does the units [begin, end) */
typedef void (*OsSimSplitFunc) (gsize begin, gsize end, gpointer data);

/* Runs func over the units [0, n) in blocks of `block` units, on
 * os_sim_split_threads () threads (the caller's included) when n is at
 * least min_split (and two blocks), else in the caller's thread as one
 * call. func must compute each unit the same whichever block it falls in
 * (the results are then bit for bit those of one thread). */
void      os_sim_split             (gsize n, gsize block, gsize min_split, OsSimSplitFunc func,
                                    gpointer data);

/* The same in two halves: begin hands the blocks to the helpers (when it
 * splits) and returns, so that the caller can do other work meanwhile (not
 * another split); finish does the blocks left in the caller's thread and
 * returns when all are done (all of them when begin did not split). job
 * lives from begin to finish. */
typedef struct
{
  OsSimSplitFunc func;
  gpointer       data;
  gsize          n, block;
  gint           n_blocks;
  gint           next;        /* atomic: the next block to take      */
  int            users;       /* helpers inside the job              */
  int            max_users;
  int            caller_cpu;  /* where the caller runs (-1: unknown) */
  gboolean       shared;      /* handed to the helpers               */
} OsSimSplitJob;

void      os_sim_split_begin       (OsSimSplitJob *job, gsize n, gsize block, gsize min_split,
                                    OsSimSplitFunc func, gpointer data);
void      os_sim_split_finish      (OsSimSplitJob *job);

/* One task, func (0, 1, data), begun on a helper while the caller does
 * something else (in the caller's thread by os_sim_split_finish when there
 * is no helper or it has not started it). */
void      os_sim_split_task_begin  (OsSimSplitJob *job, OsSimSplitFunc func, gpointer data);

/* The threads of os_sim_split: BLAS's thread count, at most the cores (1:
 * no split). The setter forces a count (for tests; 0: as BLAS) and returns
 * the previous forced count. */
int       os_sim_split_threads     (void);
int       os_sim_set_split_threads (int threads);

/* Elements per block and the least work worth a split, for element-wise
 * loops over doubles. */
#define SIM_SPLIT_BLOCK     16384
#define SIM_SPLIT_MIN       65536

/* ---- samples and activations (os-sim-samples.c) ------------------------ */

/* count samples from rng (THEORY.md §1): X (count × d) and the labels
 * y = σ*(Xθ*) + √Δ ε; eps is scratch of count doubles. Xf (nullable): the
 * float copy of X too (what os_sim_gemm_xwt multiplies in single
 * precision). */
void      os_sim_draw_samples      (OsSimCtx *ctx, OsRng *rng, const OsParams *params,
                                    const double *teacher, int d, int count,
                                    double *X, float *Xf, double *y, double *eps);

/* The teacher's outputs t = σ*(Xθ*) of count drawn rows. */
void      os_sim_draw_teacher      (OsSimCtx *ctx, const OsParams *params, const double *teacher,
                                    int d, int count, const double *X, double *t);

/* The same draws with the label split: t = σ*(Xθ*) and the noise ε (so
 * that y = t + √Δ ε, bit for bit os_sim_draw_samples' y, for any Δ). */
void      os_sim_draw_samples_split (OsSimCtx *ctx, OsRng *rng, const OsParams *params,
                                     const double *teacher, int d, int count,
                                     double *X, float *Xf, double *t, double *eps);

/* os_sim_draw_samples in two parts: the random numbers (count rows of X,
 * their float copy when Xf is not NULL, and a noise ε after each row), and
 * the labels y = σ*(Xθ*) + √Δ ε of drawn rows (the same bits). */
void      os_sim_draw_rows         (OsRng *rng, int d, int count, double *X, float *Xf,
                                    double *eps);
void      os_sim_draw_labels       (OsSimCtx *ctx, const OsParams *params, const double *teacher,
                                    int d, int count, const double *X, const double *eps,
                                    double *y);

/* Single precision's rows for the features: the random numbers of
 * os_sim_draw_rows, with X in float only (Xf) and each row's projection
 * proj[i] = ⟨x_i, θ*⟩ (in a fixed order) taken from `row`, d doubles of
 * scratch in the cache; then the labels σ*(proj) + √Δ ε. The projections
 * are the same sums as os_sim_draw_teacher's up to their order (the labels
 * differ from double precision's in the last bits). */
void      os_sim_draw_rows_float   (OsRng *rng, int d, int count, const double *teacher,
                                    double *row, float *Xf, double *proj, double *eps);
void      os_sim_labels_from_projection (const OsParams *params, int count, const double *proj,
                                         const double *eps, double *y);

/* The float copy of a chunk os_sim_draw_samples draws: ws->Xf in single
 * precision, else NULL. */
#define OS_SIM_XF(ctx, ws) ((ctx)->precision == OS_SIM_PRECISION_SINGLE ? (ws)->Xf : NULL)

/* value[i] = σ(z[i]) and z[i] ← σ'(z[i]), for the student σ = act. */
void      os_sim_student_value_and_slope (OsActivation act, double *z, double *value, gsize n);

/* The tanh student's loops (os-sim-tanh.c), every element as os_sim_tanh:
 * z ← tanh (z) · scale; z ← tanh ((double) zf) · scale; value ← tanh (z)
 * and z ← 1 − value². os_sim_tanh_one is one element (the scalar form, for
 * the tests). */
void      os_sim_tanh_scaled       (double *z, gsize n, double scale);
void      os_sim_tanh_widen_scaled (const float *zf, double *z, gsize n, double scale);
void      os_sim_tanh_value_and_slope (double *z, double *value, gsize n);
double    os_sim_tanh_one          (double x);

/* z[i] ← σ(z[i]) · scale, for the student σ = act (over the cores). */
void      os_sim_student_features  (OsActivation act, double *z, gsize n, double scale);

/* z[i] ← σ((double) zf[i]) · scale: the same values from a float product,
 * in one pass. */
void      os_sim_student_features_widen (OsActivation act, const float *zf, double *z, gsize n,
                                         double scale);

/* The same in two halves (os_sim_split_begin, _finish): z ← σ(z) · scale,
 * or from zf when it is not NULL; the task lives from begin to finish. */
struct _OsSimFeaturesTask
{
  OsSimSplitJob job;
  OsActivation  act;
  const float  *zf;
  double       *z;
  double        scale;
};

void      os_sim_features_begin    (OsSimFeaturesTask *task, OsActivation act, const float *zf,
                                    double *z, gsize n, double scale);
void      os_sim_features_finish   (OsSimFeaturesTask *task);

/* v ← v/‖v‖ (left as it is when v = 0). */
void      os_sim_normalise         (double *v, int n);

/* ---- the network of one seed (os-sim-network.c) ------------------------ */

/* A network with its buffers for params at config->d (seed not set). A
 * lean network keeps no W0 (net->W0 is NULL): W0 is drawn into net->W1 and
 * the step is added in place, which saves p·d doubles (os_simulate). */
OsSimNetwork *os_sim_network_new   (const OsParams *params, const OsSimConfig *config);
OsSimNetwork *os_sim_network_new_lean (const OsParams *params, const OsSimConfig *config);

/* Draws θ* and W0 for net->seed (W0 into net->W1 when the network is lean). */
void      os_sim_network_init      (OsSimNetwork *net, OsSimCtx *ctx);

/* What the step computes on its n0 samples that does not depend on Δ or
 * η̃, kept for a sweep over them: the samples X (n0 × d), the teacher's
 * outputs t, the noise ε, the student's slopes σ'(X W0ᵀ) (n0 × p) and the
 * sums Σ_j σ(⟨w_j, x⟩). */
typedef struct
{
  int     n0, d, p;
  double *X, *t, *eps, *slope, *value_sum;
} OsSimStepData;

void      os_sim_step_data_init    (OsSimStepData *data, int n0, int d, int p);
void      os_sim_step_data_clear   (OsSimStepData *data);

/* The step's direction D = Σ_μ e_μ σ'(W0 x_μ) x_μᵀ (p × d, into D) over the
 * n0 samples of the step stream, e = y − f0(x) (THEORY.md §1). data
 * (nullable) keeps what does not depend on Δ. In single precision the
 * products are in float (ws->Wf becomes W0's copy), except for a student
 * with a kink, whose step stays in double. */
gboolean  os_sim_step_direction    (const OsParams *params, const OsSimNetwork *net,
                                    OsSimWorkspace *ws, OsSimStepData *data, double *D,
                                    OsSimCtx *ctx, GError **error);

/* The same D from kept data, for params->noise: bit for bit what
 * os_sim_step_direction computes with that Δ. */
gboolean  os_sim_step_direction_kept (const OsParams *params, const OsSimNetwork *net,
                                      OsSimWorkspace *ws, const OsSimStepData *data,
                                      double *D, OsSimCtx *ctx, GError **error);

/* W1 = W0 + (η̃/n0) D (in place for a lean network); in single precision
 * ws->Wf becomes the float copy of W1. */
void      os_sim_network_apply_step (const OsParams *params, OsSimNetwork *net,
                                     OsSimWorkspace *ws, const double *D, OsSimCtx *ctx);

/* THEORY.md §1: θ* and W0 for net->seed, then the giant step on the n0
 * samples of its step stream: net->teacher, net->W0 (unless lean),
 * net->W1; the direction D stays in `D` (p × d; may be net->W1 when the
 * network is not lean and nothing needs D afterwards). */
gboolean  os_sim_network_step      (const OsParams *params, OsSimNetwork *net,
                                    OsSimWorkspace *ws, double *D, OsSimCtx *ctx, GError **error);

/* A stream of samples drawn chunk by chunk, the next chunk's rows possibly
 * drawn ahead: they wait in ws->X (ws->Xf) and ws->eps, their labels not
 * yet computed. One sampler at a time has rows waiting (they share ws->X). */
typedef struct
{
  OsRng rng;
  int   drawn;      /* samples of the next chunk already drawn (0: none) */
} OsSimSampler;

void      os_sim_sampler_init      (OsSimSampler *sampler, guint64 seed, OsSimStream stream);

/* The next count samples of sampler (count ≤ SIM_CHUNK): their labels into
 * y and their features σ(X Wᵀ)/√p into Z (count × p, in one product).
 * ahead (nullable, may be sampler): its next `next` samples' rows are drawn
 * while the features are computed (on the helpers of os_sim_split); its
 * next call must take count = next. The same bits as drawing each chunk
 * when it comes. W is the network's W1 or W0 (its float copy in ws->Wf in
 * single precision). */
void      os_sim_sample_features   (const OsParams *params, const OsSimNetwork *net,
                                    const double *W, OsSimSampler *sampler, int count,
                                    double *Z, double *y, OsSimSampler *ahead, int next,
                                    OsSimWorkspace *ws, OsSimCtx *ctx);

/* Rows [start, start + count) of Φ = σ(X Wᵀ)/√p (into Phi + start·p) and
 * their labels (into y + start): os_sim_sample_features, next > 0 drawing
 * ahead the chunk of rows from start + count. */
void      os_sim_feature_rows      (const OsParams *params, const OsSimNetwork *net,
                                    const double *W, OsSimSampler *sampler, int start,
                                    int count, int next, double *Phi, double *y,
                                    OsSimWorkspace *ws, OsSimCtx *ctx);

/* Φ = σ(X Wᵀ)/√p (n × p, into ws->A) over the n samples of `stream`, their
 * labels into ws->y; centered removes the column means of Φ. In single
 * precision the product takes ws->Wf, which the caller has made W's float
 * copy (os_sim_workspace_set_w, or os_sim_network_apply_step for W1). then
 * (nullable): the sampler whose first then_count samples are drawn ahead
 * during the last chunk's features. Progress goes from progress_from to
 * progress_to under `stage`. */
gboolean  os_sim_feature_matrix    (const OsParams *params, const OsSimNetwork *net,
                                    const double *W, OsSimStream stream, int n,
                                    gboolean centered, OsSimSampler *then, int then_count,
                                    OsSimWorkspace *ws, double progress_from,
                                    double progress_to, const char *stage, OsSimCtx *ctx,
                                    GError **error);

/* ---- the measurements of THEORY.md §6 (os-sim-measure.c) --------------- */

/* After the step: the spike v̂ (the top right-singular vector of
 * W1 − W0 = scale·D, formed in ws->A; D may be ws->A), with the sign that
 * makes r ≥ 0, r_sim, γ_sim, c_sim, and ζ̂ (d, into zeta) for the
 * readout's order parameters. */
gboolean  os_sim_network_spike     (OsSimNetwork *net, const double *D, double scale,
                                    double *zeta, OsSimWorkspace *ws,
                                    OsSimCtx *ctx, GError **error);

/* After the readout: m, q1, q2, θ, ψ of â, with ζ̂ from os_sim_network_spike. */
void      os_sim_network_order_params (OsSimNetwork *net, const double *zeta);

/* ---- the readout and the errors (os-sim-readout.c) --------------------- */

/* THEORY.md §1 step 2: Φ at W1 on the readout samples, the ridge readout â
 * and the training error. test (nullable): the sampler of the test stream
 * (os_sim_sampler_init), whose first chunk is drawn ahead for
 * os_sim_network_test. */
gboolean  os_sim_network_readout   (const OsParams *params, OsSimNetwork *net,
                                    OsSimWorkspace *ws, OsSimSampler *test, OsSimCtx *ctx,
                                    GError **error);

/* The test error of â over n_test fresh samples: those of test (the
 * sampler given to os_sim_network_readout; NULL: a new one). */
gboolean  os_sim_network_test      (const OsParams *params, OsSimNetwork *net,
                                    OsSimWorkspace *ws, OsSimSampler *test, OsSimCtx *ctx,
                                    GError **error);

/* The parts of the readout, for sweeps that share them:
 *   gram         the upper triangle of ΦᵀΦ (p × p) when p ≤ n, else of
 *                ΦΦᵀ (n × n)
 *   solve        â for one λ by Cholesky (gram is overwritten; u is n
 *                doubles of scratch); FALSE with OS_ERROR_NUMERICAL
 *   train error  (1/n) ‖y − Φâ‖² */
void      os_sim_ridge_gram        (OsSimCtx *ctx, const double *Phi, int n, int p, double *gram);
gboolean  os_sim_ridge_solve       (OsSimCtx *ctx, const double *Phi, const double *y, int n, int p,
                                    double lambda, double *gram, double *u, double *readout,
                                    GError **error);
double    os_sim_train_error       (OsSimCtx *ctx, const double *Phi, const double *y, int n, int p,
                                    const double *readout, double *u);

/* The n_test test features σ(X W1ᵀ)/√p (n_test × p, into Z) and labels
 * (into y), chunk by chunk as os_sim_network_test computes them; then the
 * test error of any â from them, bit for bit os_sim_network_test's (u is
 * MIN (SIM_CHUNK, n_test) doubles of scratch). */
gboolean  os_sim_test_features     (const OsParams *params, const OsSimNetwork *net,
                                    OsSimWorkspace *ws, double *Z, double *y,
                                    OsSimCtx *ctx, GError **error);
double    os_sim_test_error_kept   (OsSimCtx *ctx, const double *Z, const double *y, int n_test,
                                    int p, const double *readout, double *u);

/* ---- one seed of a sweep (os-sim-shared.c) ----------------------------- */

/* What the points of a sweep share within one seed (os_sim_sweep_sharing
 * says it in words). */
typedef enum
{
  OS_SIM_SHARE_NONE,        /* every point from scratch (α0, β; or memory) */
  OS_SIM_SHARE_FEATURES,    /* α: step, spike, test features; Φ and ΦᵀΦ by prefix */
  OS_SIM_SHARE_GRAM,        /* λ: everything but the solve                */
  OS_SIM_SHARE_STEP_DATA,   /* Δ: θ*, W0, the step's samples and slopes   */
  OS_SIM_SHARE_DIRECTION,   /* η̃: θ*, W0 and the step's direction D       */
} OsSimShare;

/* A sweep and how it runs (os-sim-sweep.c plans it). */
typedef struct
{
  const OsParams    *base;
  OsParamId          axis;
  const double      *values;
  int                n_values;
  const OsSimConfig *config;
  OsSimShare         share;
  gboolean           eigen;       /* λ: one eigendecomposition for every λ     */
  OsSimDims          dims;        /* the largest sizes over the points          */
  int                n_max;       /* the largest n (α: the prefix's length)     */
} OsSimPlan;

/* The buffers one worker keeps from one seed to the next. */
typedef struct _OsSimSeedState OsSimSeedState;

/* Bytes of a seed state of this plan (the memory one worker needs). */
double          os_sim_seed_state_bytes (const OsSimPlan *plan, OsSimShare share);
OsSimSeedState *os_sim_seed_state_new   (const OsSimPlan *plan);
void            os_sim_seed_state_free  (OsSimSeedState *state);
/* TRUE (and the state now serves plan) when its buffers were allocated for
 * a plan of the same sharing, sizes and precision. */
gboolean        os_sim_seed_state_reuse (OsSimSeedState *state, const OsSimPlan *plan);
double          os_sim_seed_state_size  (const OsSimSeedState *state);

/* The points i with wanted[i] of `seed`, into rows[i * stride]; row_done
 * (nullable) after each. */
typedef struct
{
  guint64        seed;
  const guint8  *wanted;
  OsSimSeedRow  *rows;
  int            stride;
  void         (*row_done) (int point, gpointer data);
  gpointer       row_done_data;
} OsSimSeedJob;

gboolean        os_sim_seed_run         (OsSimSeedState *state, const OsSimSeedJob *job,
                                         OsSimCtx *ctx, GError **error);

/* All the stages of one point for net->seed (THEORY.md §1, §6), in net's
 * buffers: step (the direction in ws->A), spike, readout, test, order
 * parameters. */
gboolean        os_sim_run_point        (const OsParams *params, OsSimNetwork *net,
                                         OsSimWorkspace *ws, OsSimCtx *ctx, GError **error);

/* Sweeps over λ of at least this many points use one eigendecomposition
 * (os-sim-shared.c); the setter is for tests (≤ 0: the default) and
 * returns the previous value. */
int             os_sim_eigen_min_points     (void);
int             os_sim_set_eigen_min_points (int points);

G_END_DECLS
