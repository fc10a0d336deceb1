/* os-bench-ui.h — `onestep-explorer --benchmark-ui`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-flags.h"

/* Opens the window in *startup with the simulation on at d = 400, drives
 * 200 slider changes at 20/s across η̃, α and λ once the network runs,
 * and prints the frames, the stalls and the latency of each change to
 * the screen, ending with "latency_median_ms=… latency_p95_ms=…
 * max_stall_ms=…". Returns the exit code: 0 measured, 1 not. */
int os_bench_ui_run (OsFlags *startup);

/* `--benchmark-play`: opens the window in *startup (the theory alone
 * unless it has --simulate), plays η̃ from 0 to 3 in 96 frames at 24 fps,
 * there and back, with the window's player for 10 s, and prints the same
 * report: the frames, the stalls, the latency of each played value to the
 * screen, and how many of them the screen showed (the rate the theory
 * allows). */
int os_bench_play_run (OsFlags *startup);
