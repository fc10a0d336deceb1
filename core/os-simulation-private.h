/* os-simulation-private.h — what the files of the simulation share, not for
 * callers (they use os-simulation.h):
 *
 *   os-sim-workspace.c  buffers, the shared workspace, the memory budget,
 *                       and the context of one call (progress, cancellation,
 *                       accounting of the level-3 BLAS calls)
 *   os-sim-samples.c    the samples of a stream, the student's activations
 *   os-sim-network.c    the network of one seed: θ*, W0 and the giant step
 *                       (W1), the feature matrix Φ
 *   os-sim-measure.c    the measured order parameters of §6 (spike, r, γ, c;
 *                       m, q1, q2, θ, ψ)
 *   os-sim-readout.c    the ridge readout, the training and test errors
 *   os-sim-spectrum.c   the simulated singular values (os_simulate_spectrum)
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
} OsSimWorkspace;

/* A buffer of n_doubles (at least one), 2 MiB aligned and advised as
 * transparent huge pages when it is that large; freed with g_free ().
 * NULL with OS_ERROR_NO_MEMORY ("out of memory: could not allocate N MiB")
 * when the system refuses it: a big run fails, it does not abort. */
double   *os_sim_buffer_new        (gsize n_doubles, GError **error);

/* The sizes of params at config->d (os_sim_sizes), each at least 1. */
OsSimDims os_sim_dims_of           (const OsParams *params, const OsSimConfig *config);

/* Allocates the workspace of one call of the given kind: the network and
 * its measurements, the weight spectrum, or the feature spectrum. FALSE
 * with OS_ERROR_NO_MEMORY (and nothing allocated) when memory runs out. */
gboolean  os_sim_workspace_init    (OsSimWorkspace *ws, const OsSimDims *s, OsSimWorkKind kind,
                                    GError **error);
void      os_sim_workspace_clear   (OsSimWorkspace *ws);

/* Adds to an OS_ERROR_NO_MEMORY error what the run needs at its peak
 * (needed bytes, the sizes); other errors are left as they are. */
void      os_sim_explain_no_memory (GError **error, gsize needed, const OsParams *params,
                                    const OsSimConfig *config);

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
} OsSimCtx;

/* Reports the fraction `local` in [0, 1] of this seed, and the stage. */
void      os_sim_report            (OsSimCtx *ctx, double local, const char *stage);

/* TRUE, with G_IO_ERROR_CANCELLED, when the call is cancelled. */
gboolean  os_sim_cancelled         (OsSimCtx *ctx, GError **error);

/* cblas_dgemm and cblas_dsyrk (row-major; dsyrk: the upper triangle, with
 * alpha 1 and beta 0), timed and counted in ctx. */
void      os_sim_gemm              (OsSimCtx *ctx, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb,
                                    int M, int N, int K, double alpha, const double *A, int lda,
                                    const double *B, int ldb, double beta, double *C, int ldc);
void      os_sim_syrk              (OsSimCtx *ctx, CBLAS_TRANSPOSE trans, int N, int K,
                                    const double *A, int lda, double *C, int ldc);

/* ---- samples and activations (os-sim-samples.c) ------------------------ */

/* count samples from rng (THEORY.md §1): X (count × d) and the labels
 * y = σ*(Xθ*) + √Δ ε; eps is scratch of count doubles. */
void      os_sim_draw_samples      (OsSimCtx *ctx, OsRng *rng, const OsParams *params,
                                    const double *teacher, int d, int count,
                                    double *X, double *y, double *eps);

/* value[i] = σ(z[i]) and z[i] ← σ'(z[i]), for the student σ = act. */
void      os_sim_student_value_and_slope (OsActivation act, double *z, double *value, gsize n);

/* z[i] ← σ(z[i]) · scale, for the student σ = act. */
void      os_sim_student_features  (OsActivation act, double *z, gsize n, double scale);

/* v ← v/‖v‖ (left as it is when v = 0). */
void      os_sim_normalise         (double *v, int n);

/* ---- the network of one seed (os-sim-network.c) ------------------------ */

/* A network with its buffers for params at config->d (seed not set);
 * NULL with OS_ERROR_NO_MEMORY when memory runs out. */
OsSimNetwork *os_sim_network_new   (const OsParams *params, const OsSimConfig *config,
                                    GError **error);

/* THEORY.md §1: draws θ* and W0 for net->seed and runs the giant step on
 * the n0 samples of its step stream: net->teacher, net->W0, net->W1. */
gboolean  os_sim_network_step      (const OsParams *params, OsSimNetwork *net,
                                    OsSimWorkspace *ws, OsSimCtx *ctx, GError **error);

/* Φ = σ(X Wᵀ)/√p (n × p, into ws->A) over the n samples of `stream`, their
 * labels into ws->y; centered removes the column means of Φ. Progress goes
 * from progress_from to progress_to under `stage`. */
gboolean  os_sim_feature_matrix    (const OsParams *params, const OsSimNetwork *net,
                                    const double *W, OsSimStream stream, int n,
                                    gboolean centered, OsSimWorkspace *ws,
                                    double progress_from, double progress_to,
                                    const char *stage, OsSimCtx *ctx, GError **error);

/* ---- the measurements of THEORY.md §6 (os-sim-measure.c) --------------- */

/* After the step: the spike v̂ (the top right-singular vector of W1 − W0,
 * with the sign that makes r ≥ 0), r_sim, γ_sim, c_sim, and ζ̂ (d, into
 * zeta) for the readout's order parameters. */
gboolean  os_sim_network_spike     (OsSimNetwork *net, double *zeta, OsSimWorkspace *ws,
                                    OsSimCtx *ctx, GError **error);

/* After the readout: m, q1, q2, θ, ψ of â, with ζ̂ from os_sim_network_spike. */
void      os_sim_network_order_params (OsSimNetwork *net, const double *zeta);

/* ---- the readout and the errors (os-sim-readout.c) --------------------- */

/* THEORY.md §1 step 2: Φ at W1 on the readout samples, the ridge readout â
 * and the training error. */
gboolean  os_sim_network_readout   (const OsParams *params, OsSimNetwork *net,
                                    OsSimWorkspace *ws, OsSimCtx *ctx, GError **error);

/* The test error of â over n_test fresh samples. */
gboolean  os_sim_network_test      (const OsParams *params, OsSimNetwork *net,
                                    OsSimWorkspace *ws, OsSimCtx *ctx, GError **error);

G_END_DECLS
