/* os-cli-simulate.h — what `simulate`, its shards and `merge` share: the
 * job (parameters, configuration, swept values), its one-line key, the
 * slices of its (point, seed) pairs and the table simulate prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-cli.h"
#include "os-simulation.h"

G_BEGIN_DECLS

/* What `simulate` runs: every value of `axis` (the other parameters from
 * params), cfg.seeds seeds each. */
typedef struct
{
  OsParams    params;
  OsSimConfig cfg;
  OsParamId   axis;
  int         n_values;
  double     *values;
} OsSimJob;

void      os_sim_job_clear        (OsSimJob *job);

/* Everything that decides the job's numbers, as one line of key=value
 * words (numbers to the last bit, %.17g; the swept parameter's own value is
 * left out, as the sweep replaces it):
 *   student=tanh teacher=tanh eta=1 alpha0=0.5 beta=1 lambda=0.01 noise=0
 *   d=2000 seeds=3 seed=1 ntest=2000 precision=double memory_budget=2048
 *   sweep=alpha values=0.2,0.5,1.13 */
char     *os_sim_job_key          (const OsSimJob *job);

/* The job of a key; FALSE with OS_ERROR_PARSE naming the word. */
gboolean  os_sim_job_from_key     (const char *key, OsSimJob *job, GError **error);

/* The first word of the key on which two keys differ and its two values,
 * or NULL when they are equal. */
char     *os_sim_job_key_difference (const char *key_a, const char *key_b);

/* Shard index of count (1-based) takes the pairs [*from, *to) of the
 * job's pairs in seed-major order (pair j is seed j / n_values, value
 * j % n_values): contiguous slices whose sizes differ by one at most, so
 * that most shards hold whole seeds and share their work. */
void      os_sim_shard_slice      (int pairs, int index, int count, int *from, int *to);

/* The table `simulate` prints for rows (n_values × seeds, row [i * seeds
 * + k]): per value the means and standard deviations over the seeds
 * (os_sim_result_from_rows), seconds summed over the seeds, and the
 * theory at that point. *n_not_converged counts the points whose theory
 * did not converge. NULL with the theory's error. */
OsTable  *os_sim_job_table        (const OsSimJob *job, const OsSimSeedRow *rows,
                                   int *n_not_converged, GError **error);

/* `onestep-explorer merge FILE…` */
int       os_cli_merge            (int argc, char **argv);

/* The shard's output: a header (the slice and the job's key), then one
 * CSV row per (point, seed) computed. */
void      os_sim_shard_print      (const OsSimJob *job, int index, int count,
                                   const guint8 *wanted, const OsSimSeedRow *rows, FILE *out);

G_END_DECLS
