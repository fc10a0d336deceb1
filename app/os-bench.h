/* os-bench.h — the benchmark registry of `onestep-explorer bench`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef struct
{
  const char *name;
  int       (*run) (int repeats);
  const char *summary;   /* one line for `bench --help` */
} OsBench;

/* Every benchmark, ended by { NULL }; `bench all` runs each in turn and
 * `bench --help` lists them. */
extern const OsBench os_bench_table[];

/* The benchmarks (os-bench-*.c). */
int os_bench_phase (int repeats);
int os_bench_simulate (int repeats);   /* os-cli-simulate.c */
int os_bench_spectrum (int repeats);   /* os-cli-spectrum.c */
int os_bench_figure (int repeats);     /* os-bench-figure.c */
int os_bench_layout (int repeats);     /* os-bench-layout.c */
int os_bench_animate (int repeats);    /* os-bench-animate.c */
int os_bench_sweep (int repeats);      /* os-bench-sweep.c */
int os_bench_precision (int repeats);  /* os-bench-sweep.c */

/* Sorts samples in place and returns their median. */
double os_bench_median (double *samples, int n);
