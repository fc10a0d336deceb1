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

typedef struct
{
  int     d;               /* input dimension; p = round(β d), n0 = round(α0 d), n = round(α d) */
  int     seeds;           /* independent repetitions (≥ 1)                     */
  guint64 seed;            /* first seed; repetition k uses seed + k            */
  int     n_test;          /* fresh test samples (≥ 2000)                       */
  gsize   memory_budget;   /* bytes; 0 = OS_SIM_DEFAULT_MEMORY_BUDGET           */
} OsSimConfig;

void os_sim_config_init_default (OsSimConfig *config);   /* d 600, 3 seeds, seed 1, n_test 2000 */

/* Mean and standard deviation over the seeds. */
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
} OsSimResult;

/* Called between BLAS calls from the computing thread: fraction in [0, 1]
 * and a short label of the stage ("step", "readout", ...). */
typedef void (*OsSimProgressFunc) (double fraction, const char *stage, gpointer user_data);

/* Bytes the run would need at its peak (the memory guard compares this). */
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

typedef enum
{
  OS_SPECTRUM_WEIGHTS,     /* singular values of W0 and W1 (p × d)               */
  OS_SPECTRUM_FEATURES,    /* singular values of Φ = σ(X Wᵀ)/√p (n × p), at W0 and W1 */
} OsSpectrumMatrix;

/* Singular values in descending order, at initialisation and after the step,
 * from one seed. */
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

G_END_DECLS
