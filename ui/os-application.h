/* os-application.h — the GtkApplication: its actions, the window it opens
 * and the start-up state that window is opened in. The command line that
 * fills that state is parsed in app/ with the shared flags
 * (model/os-flags.h); the application runs through os_ui_run (os-ui.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-flags.h"
#include "os-window.h"

G_BEGIN_DECLS

/* What the window's command line asks for at start-up: the shared flags,
 * parsed for the window (OS_FLAGS_FOR_WINDOW): the parameters, the view
 * (x-axis, simulation, d, seeds, seed: the defaults, then --params or
 * --preset, then the flags), the spectrum toggles, --page and
 * --presentation. */
typedef OsFlags OsStartup;

/* The defaults: os_params_init_default, x-axis α from 0.1 to 5, no
 * simulation, d = 400, 2 seeds, no page. os_startup_clear frees what the
 * parse allocated. */
void          os_startup_init         (OsStartup *startup);
void          os_startup_clear        (OsStartup *startup);

/* The window's start-up flags (--student … --noise, --params, --preset,
 * --sweep --from --to --points --log --linear, --simulate, --d, --seeds,
 * --seed, --spectrum, --centered, --spectrum-log, --presentation, --page,
 * --version) writing into *startup, which must outlive the parse. Bad
 * values fail the parse with OS_ERROR_INVALID_ARGUMENT or OS_ERROR_PARSE
 * naming the flag and its valid range; the flags are applied in
 * command-line order (a flag after --params or --preset overrides it).
 * Transfer full. */
GOptionGroup *os_startup_option_group (OsStartup *startup);

/* Applies *startup to a new window: the whole view (os_flags_get_state:
 * parameters, x-axis, simulation, spectrum toggles, η̃*, page, hidden
 * series, pins, animation; one request), presentation mode, and the lesson
 * of --lesson at --step in presenter mode; what the window refuses is
 * shown in its error banner. Then the resulting state is made the base
 * of the undo history (os_window_reset_history): Undo is disabled right
 * after start-up and never returns to the built-in defaults (Reset still
 * does). */
void          os_startup_apply        (const OsStartup *startup, OsWindow *window);

G_END_DECLS
