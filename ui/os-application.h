/* os-application.h — the GtkApplication: parses the window's command line
 * (the parameter flags of the CLI modes, --simulate, --screenshot FILE.png,
 * --benchmark-ui), opens the window and runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the window; returns the process exit code (2 for bad flags, with a
 * message naming the flag and its range). With --screenshot it renders the
 * window to a PNG once the theory and the predicted spectra are shown and
 * exits; with --benchmark-ui it drives 200 slider changes and prints
 * "latency_median_ms=… latency_p95_ms=… max_stall_ms=…" last. */
int os_application_run (int argc, char **argv);

G_END_DECLS
