/* os-screenshot.h — `onestep-explorer --screenshot FILE.png`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-flags.h"

/* Opens the window in *startup (OS_FLAGS_FOR_WINDOW), renders it to path
 * (a .png) once the theory and the predicted spectra are shown — with
 * --page phase, once the phase diagram is refined — prints "screenshot:
 * PATH (W×H)" and closes it. Returns the exit code: 0 written, 1 not
 * (the message says why; the window gives up after 120 s). */
int os_screenshot_run (const OsFlags *startup, const char *path);
