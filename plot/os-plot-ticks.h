/* os-plot-ticks.h — "nice" tick values and their labels on linear and log
 * axes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OS_PLOT_MAX_TICKS 64

typedef struct
{
  double value;
  gboolean major;           /* labelled */
  char label[32];           /* Pango markup; empty for minor ticks */
} OsTick;

/* "Nice" linear ticks: a step of 1, 2 or 5 × 10^k chosen so that about
 * target (≥ 2) ticks fall in [lo, hi]; labels have just enough decimals
 * to tell neighbours apart, the same number on every label. Returns the
 * number written (≤ max). */
int    os_plot_nice_step   (double lo, double hi, int target, double *out_step);
int    os_plot_linear_ticks (double lo, double hi, int target, OsTick *ticks, int max);
/* The same with a given step (a 1, 2 or 5 × 10^k). */
int    os_plot_linear_ticks_step (double lo, double hi, double step, OsTick *ticks, int max);
/* Log ticks on [lo, hi] (lo > 0): major ticks at powers of ten (every
 * k-th decade when there are many), minor ticks at 2…9 × 10^k; when the
 * range spans less than two decades, 2 and 5 are labelled too, and under
 * one decade it falls back to nice linear values. */
int    os_plot_log_ticks   (double lo, double hi, int target, OsTick *ticks, int max);
/* Log ticks labelled at every `every`-th power of ten, and at m × 10^k
 * for each m in 2…9 whose bit (1 << m) is set in mantissas (OS_LOG_2_5:
 * 2 and 5); minor ticks at 2…9 × 10^k unless there are more than 8
 * decades. */
#define OS_LOG_2_5 ((1u << 2) | (1u << 5))
#define OS_LOG_3   (1u << 3)
int    os_plot_log_ticks_every (double lo, double hi, int every, guint mantissas, OsTick *ticks,
                                int max);
/* A tick label: %g-like with `decimals` digits after the point, or
 * 10<sup>k</sup> for powers of ten outside [1e-3, 1e4]. */
void   os_plot_format_tick (double value, double step, char *buf, gsize size);
/* One number format for every labelled tick of an axis: decimals (with
 * the step's digits on a linear axis, as few as each value needs on a log
 * one) when every label reads well so (values in [1e-3, 1e5), at most 5
 * decimals), else m×10<sup>k</sup> on all of them ("10<sup>−4</sup>",
 * "2×10<sup>−4</sup>"). Rewrites the labels. */
void   os_plot_ticks_unify (OsTick *ticks, int n, gboolean log_scale, double step);

G_END_DECLS
