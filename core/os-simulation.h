/* os-simulation.h — the real two-layer network of THEORY.md §1: one giant
 * gradient step on W, a ridge readout, and what §6 measures on it.
 *
 * OWNER: the simulation core (issue #3). The signatures below are the
 * contract the UI and the spectrum theory code against; extend, don't break.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-params.h"

G_BEGIN_DECLS

#define OS_SIM_DEFAULT_MEMORY_BUDGET ((gsize) 2 << 30)   /* 2 GiB */

/* The precision of the matrix products (added by issue #16). Single
 * computes the GEMMs of the step, of the features and of the test features
 * in float (sgemm) and keeps the Gram matrix, the solve and every error sum
 * in double. A student with a kink (ReLU) keeps its step in double: float
 * pre-activations flip its slope at 0 (README, "Single precision"). */
typedef enum
{
  OS_SIM_PRECISION_DOUBLE,
  OS_SIM_PRECISION_SINGLE,
} OsSimPrecision;

typedef struct
{
  int     d;               /* input dimension; p = round(β d), n0 = round(α0 d), n = round(α d) */
  int     seeds;           /* independent repetitions (≥ 1)                     */
  guint64 seed;            /* first seed; repetition k uses seed + k            */
  int     n_test;          /* fresh test samples (≥ 2000)                       */
  gsize   memory_budget;   /* bytes; 0 = OS_SIM_DEFAULT_MEMORY_BUDGET           */
  OsSimPrecision precision;   /* default double                                 */
} OsSimConfig;

void os_sim_config_init_default (OsSimConfig *config);   /* d 600, 3 seeds, seed 1, n_test 2000, double */

/* Mean and standard deviation over the seeds (the sample standard deviation,
 * with n − 1; 0 for one seed). */
typedef struct
{
  double test_error, test_error_std;
  double train_error, train_error_std;
  /* measured order parameters (THEORY.md §6, subscript "sim") */
  double m, q1, q2, theta, psi;
  double r, c, gamma;
  double m_std, q1_std, q2_std, theta_std, psi_std, r_std, c_std, gamma_std;
  int    seeds;
  double seconds;          /* wall time of the whole call */
  /* added by the simulation core: where the time went (for `bench simulate`) */
  double flops;            /* floating-point operations of the BLAS/LAPACK calls, all seeds */
  double blas3_flops;      /* those of the level-3 calls (dgemm, dsyrk)            */
  double blas3_seconds;    /* wall time inside the level-3 calls                   */
} OsSimResult;

/* Called between BLAS calls from the computing thread: fraction in [0, 1]
 * and a short label of the stage ("step", "readout", ...). */
/* (simulation core) The stages, in order, for each seed: "init", "step",
 * "spike", "readout", "ridge", "test", then "done"; the fraction never
 * decreases and reaches 1 at the last "done". */
typedef void (*OsSimProgressFunc) (double fraction, const char *stage, gpointer user_data);

/* Bytes the run would need at its peak (the memory guard compares this):
 * the simulation's own buffers (one network and one workspace reused by
 * every seed), not the libraries' (OpenBLAS keeps ~32 MiB a thread). */
gsize    os_simulation_memory_needed (const OsParams *params, const OsSimConfig *config);

/* Runs config->seeds repetitions. FALSE with OS_ERROR_TOO_LARGE (the message
 * says how much memory the run needs), OS_ERROR_INVALID_ARGUMENT, or
 * G_IO_ERROR_CANCELLED. */
gboolean os_simulate                 (const OsParams     *params,
                                      const OsSimConfig  *config,
                                      GCancellable       *cancellable,
                                      OsSimProgressFunc   progress,
                                      gpointer            progress_data,
                                      OsSimResult        *out,
                                      GError            **error);

/* ---- sweeps that share their work (issue #16) -------------------------- */

/* What one seed measured at one point (the network of that seed alone). */
typedef struct
{
  double test_error, train_error;
  double m, q1, q2, theta, psi, r, c, gamma;
  double seconds;          /* compute time charged to this point and seed: its
                            * own work plus an equal share of the work its
                            * seed's points shared                           */
} OsSimSeedRow;

/* Called from a computing thread (one call at a time) when every seed of a
 * point is done, with the point's mean and standard deviations. */
typedef void (*OsSimPointFunc) (int point, const OsSimResult *result, gpointer user_data);

/* The network at n_values values of `axis` (the other parameters from
 * params), config->seeds seeds each. For one seed, what does not depend on
 * the swept value is computed once (os_sim_sweep_sharing says what);
 * every row equals the same point and seed simulated alone to rounding
 * (1e-9 relative is the contract, tests/test-sim-sweep.c), and bit for bit
 * whichever subset of the sweep's (point, seed) pairs is asked for: a
 * seed's computation depends on the whole sweep (its values, seeds and
 * budget), never on the subset, so shards of a sweep combine exactly.
 *
 * rows has n_values × seeds entries, row [i * seeds + k] for value i and
 * seed config->seed + k. wanted (nullable, same layout): only the pairs
 * with wanted[..] != 0 are computed and written (others are left as they
 * are). Seeds (or, in a sweep that shares nothing, points) run
 * concurrently with one BLAS thread each when d is small (see
 * os_sim_sweep_plan_text). point_func (nullable) is called for each point
 * all of whose seeds are wanted. progress as for os_simulate, over the
 * whole sweep. FALSE with the errors of os_simulate. */
gboolean os_simulate_sweep           (const OsParams     *params,
                                      OsParamId           axis,
                                      const double       *values,
                                      int                 n_values,
                                      const OsSimConfig  *config,
                                      const guint8       *wanted,
                                      GCancellable       *cancellable,
                                      OsSimProgressFunc   progress,
                                      gpointer            progress_data,
                                      OsSimPointFunc      point_func,
                                      gpointer            point_data,
                                      OsSimSeedRow       *rows,
                                      GError            **error);

/* The mean and sample standard deviation over `seeds` rows, summed in the
 * order os_simulate sums them (so a merge of shards prints the same bits);
 * seconds is the sum of the rows' seconds; the flop counts are 0. */
void     os_sim_result_from_rows     (const OsSimSeedRow *rows, int seeds, OsSimResult *out);

/* Bytes the sweep needs at its peak with one worker (the memory guard
 * compares this; more workers run only when their copies fit). */
gsize    os_simulation_sweep_memory_needed (const OsParams    *params,
                                            OsParamId          axis,
                                            const double      *values,
                                            int                n_values,
                                            const OsSimConfig *config);

/* One line saying what a sweep over `axis` shares between its points. */
const char *os_sim_sweep_sharing     (OsParamId axis);

/* How the sweep will run, for --help and logs: sharing, workers, BLAS
 * threads, memory (a newly allocated string). */
char    *os_sim_sweep_plan_text      (const OsParams    *params,
                                      OsParamId          axis,
                                      const double      *values,
                                      int                n_values,
                                      const OsSimConfig *config);

typedef enum
{
  OS_SPECTRUM_WEIGHTS,     /* singular values of W0 and W1 (p × d)               */
  OS_SPECTRUM_FEATURES,    /* singular values of Φ = σ(X Wᵀ)/√p (n × p), at W0 and W1 */
} OsSpectrumMatrix;

/* Singular values in descending order, at initialisation and after the step,
 * from one seed. */
/* (simulation core) One seed: config->seed. Weights: W0 and W1 of that seed
 * (n_samples = 0). Features: the n = round(α d) readout samples of the seed,
 * the same X at W0 and at W1 (so `step` is the spectrum of the readout's Φ);
 * centered removes the column means of Φ (ignored for weights). Method: the
 * square roots of the eigenvalues of the smaller Gram matrix (dsyrk, then
 * LAPACKE dsyevd without vectors), eigenvalues of rounding size below 0
 * clipped to 0. FALSE/NULL with the errors of os_simulate. */
typedef struct
{
  OsSpectrumMatrix matrix;
  gboolean centered;       /* features with column means removed            */
  int      n;              /* min of the matrix dimensions                  */
  double  *init;           /* n values                                      */
  double  *step;           /* n values                                      */
  int      p, d, n_samples;
} OsSimSpectrum;

OsSimSpectrum *os_simulate_spectrum  (const OsParams     *params,
                                      const OsSimConfig  *config,
                                      OsSpectrumMatrix    matrix,
                                      gboolean            centered,
                                      GCancellable       *cancellable,
                                      GError            **error);
void           os_sim_spectrum_free  (OsSimSpectrum *spectrum);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsSimSpectrum, os_sim_spectrum_free)

/* ---- added by the simulation core ------------------------------------ */

#define OS_SIM_MIN_D       10
#define OS_SIM_MAX_D       1000000
#define OS_SIM_MAX_SEEDS   1000
#define OS_SIM_MIN_N_TEST  2000
#define OS_SIM_MAX_N_TEST  10000000

/* The random streams of one seed (os_rng_init_stream (rng, seed, stream)).
 * A sample draws d normals (x) then one normal (the label noise ε), and
 * y = σ*(⟨θ*, x⟩) + √Δ ε. θ* is d normals, normalised; W0 is p·d normals,
 * row after row, each row normalised. */
typedef enum
{
  OS_SIM_STREAM_TEACHER,
  OS_SIM_STREAM_INIT,
  OS_SIM_STREAM_STEP,      /* the n0 samples of the giant step   */
  OS_SIM_STREAM_READOUT,   /* the n samples of the ridge readout */
  OS_SIM_STREAM_TEST,      /* the n_test test samples            */
} OsSimStream;

/* p = round(β d), n0 = round(α0 d), n = round(α d)  (THEORY.md §1). */
void     os_sim_sizes                (const OsParams *params, int d,
                                      int *p, int *n0, int *n);

/* Checks params and config; OS_ERROR_INVALID_ARGUMENT names the bad value. */
gboolean os_sim_config_validate      (const OsParams     *params,
                                      const OsSimConfig  *config,
                                      GError            **error);

/* One seed (config->seed; config->seeds is ignored), everything kept: the
 * network before and after the step, the readout and the §6 measurements.
 * Matrices are row-major. */
typedef struct
{
  int      d, p, n0, n, n_test;
  guint64  seed;
  double  *teacher;        /* θ*, d                                          */
  double  *W0, *W1;        /* p × d                                          */
  double  *readout;        /* â, p                                           */
  double  *spike;          /* v̂, d (all zero when W1 = W0)                   */
  double   spike_singular; /* top singular value of W1 − W0                  */
  int      power_iterations;  /* 0 when the dense fallback was used         */
  double   test_error, train_error;
  double   m, q1, q2, theta, psi, r, c, gamma;   /* THEORY.md §6, "sim"      */
} OsSimNetwork;

OsSimNetwork *os_simulate_network    (const OsParams     *params,
                                      const OsSimConfig  *config,
                                      GCancellable       *cancellable,
                                      OsSimProgressFunc   progress,
                                      gpointer            progress_data,
                                      GError            **error);
void          os_sim_network_free    (OsSimNetwork *network);

/* Peak bytes of os_simulate_network and os_simulate_spectrum. */
gsize    os_simulation_network_memory_needed  (const OsParams *params, const OsSimConfig *config);
gsize    os_simulation_spectrum_memory_needed (const OsParams *params, const OsSimConfig *config,
                                               OsSpectrumMatrix matrix);

/* The top right-singular vector of the p × d matrix A (row-major) by power
 * iteration on AᵀA from A ᵀ1, with a dense fallback (eigenvector of the
 * smaller Gram matrix) when it has not converged in 300 iterations. Writes
 * v (d, unit norm, sign as it comes) and returns the singular value; returns
 * 0 with v = 0 when A = 0. *iterations (nullable): 0 for the fallback. */
double   os_sim_top_right_singular   (const double *A, int p, int d,
                                      double *v, int *iterations);

/* The tanh of the simulation's tanh student: out[i] = tanh (in[i]) within
 * 2 ulp (Cephes' rational form near 0, its exp beyond; os-sim-tanh.c),
 * vectorised. in and out may be the same array (not otherwise overlap). */
void     os_sim_tanh                 (const double *in, double *out, gsize n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsSimNetwork, os_sim_network_free)

G_END_DECLS
