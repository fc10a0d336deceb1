/* os-application.h — the GtkApplication: parses the window's command line
 * (the parameter flags of the CLI modes, --simulate, --screenshot FILE.png,
 * --benchmark-ui), opens the window and runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-window.h"

G_BEGIN_DECLS

/* What the window's command line asks for at start-up, as parsed by the
 * option group below (before the window exists). */
typedef struct
{
  OsParams     params;        /* the parameter flags, --params, --preset      */
  OsParamId    axis;          /* x-axis: --sweep, or the file's/preset's      */
  gboolean     axis_given;    /* --sweep given                                */
  gboolean     simulate;      /* --simulate (or the file's/preset's)          */
  int          d, seeds;      /* --d, --seeds (or the file's/preset's)        */
  OsPresetView view;          /* from --params / --preset                     */
  gboolean     view_given;
  char        *page;          /* --page: "curves" or "phase"; NULL = default  */
  gboolean     presentation;  /* --presentation                               */
} OsStartup;

/* The defaults: os_params_init_default, x-axis α, no simulation, d = 400,
 * 2 seeds, no page. os_startup_clear frees the page. */
void          os_startup_init         (OsStartup *startup);
void          os_startup_clear        (OsStartup *startup);

/* The window's start-up flags (--student … --noise, --sweep, --params,
 * --preset, --page, --simulate, --d, --seeds, --presentation) writing into
 * *startup, which must outlive the parse. Bad values fail the parse with
 * OS_ERROR_INVALID_ARGUMENT or OS_ERROR_PARSE naming the flag and its
 * valid range; the flags are applied in command-line order (a flag after
 * --params or --preset overrides it). Transfer full. */
GOptionGroup *os_startup_option_group (OsStartup *startup);

/* Applies *startup to a new window: x-axis, simulation, parameters and
 * view (one request), page and presentation mode; a view the window
 * refuses is shown in its error banner. Then the resulting state is made
 * the base of the undo history (os_window_reset_history): Undo is
 * disabled right after start-up and never returns to the built-in
 * defaults (Reset still does). */
void          os_startup_apply        (const OsStartup *startup, OsWindow *window);

/* Runs the window; returns the process exit code (2 for bad flags, with a
 * message naming the flag and its range). With --screenshot it renders the
 * window to a PNG once the theory and the predicted spectra are shown and
 * exits; with --benchmark-ui it drives 200 slider changes and prints
 * "latency_median_ms=… latency_p95_ms=… max_stall_ms=…" last. */
int os_application_run (int argc, char **argv);

G_END_DECLS
