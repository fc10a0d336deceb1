/* os-limits.h — every limit of the command-line flags and parameter files,
 * each defined once: include this header for any of them.
 *
 * The network's limits (d, seeds, n_test) are those the simulation itself
 * enforces (core/os-simulation.h), and the sweep's the curve's
 * (core/os-curve.h): core checks them and cannot include model/, so they
 * are defined there and only named here. Every command-line mode and the
 * parameter files use them.
 *
 * The window's simulation controls are narrower on purpose: every change
 * of a slider reruns the network at each simulated point × seed, so its
 * spin buttons (step 50) stop where that still keeps up with a dragged
 * slider, and 20 seeds are enough for error bars on screen. The command
 * line runs once and has a memory guard instead
 * (OS_SIM_DEFAULT_MEMORY_BUDGET), so it takes the network's full range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-curve.h"        /* OS_SWEEP_MAX_POINTS                         */
#include "os-simulation.h"   /* OS_SIM_MIN_D, OS_SIM_MAX_D, OS_SIM_MAX_SEEDS */

/* --d, --seeds, --simulate in the window (and its spin buttons) */
#define OS_WINDOW_MIN_D      50
#define OS_WINDOW_MAX_D      4000
#define OS_WINDOW_MAX_SEEDS  20

/* --points of a plotted curve (export, the window): a line needs two */
#define OS_PLOT_MIN_POINTS   2

/* --network-size (the finite-size theory, docs §10): d in this range, or
 * "inf" (d → ∞); the window's default */
#define OS_NETWORK_SIZE_MIN      10
#define OS_NETWORK_SIZE_MAX      100000000
#define OS_NETWORK_SIZE_DEFAULT  1000

/* --seed: the first seed of a simulation (seed, seed + 1, ... per repetition) */
#define OS_MAX_SEED          G_MAXINT

/* --memory-budget MIB (simulate, spectrum, export): up to 1 TiB; the
 * default is OS_SIM_DEFAULT_MEMORY_BUDGET */
#define OS_MAX_MEMORY_BUDGET_MIB (1 << 20)
