/* os-paramfile.h — parameter sets in a small text file.
 *
 * The format is a GKeyFile with one group, keys spelled like the
 * command-line flags:
 *
 *     [parameters]
 *     student=tanh
 *     teacher=tanh
 *     eta=1
 *     alpha0=0.5
 *     alpha=2
 *     beta=1
 *     lambda=0.01
 *     noise=0
 *     x_axis=alpha
 *     x_from=0.1
 *     x_to=5
 *     x_points=200
 *     x_log=false
 *     simulate=false
 *     d=400
 *     seeds=2
 *     seed=1
 *     network_size=1000
 *     quantity=eg
 *     y_axis=eta
 *     y_from=0
 *     y_to=10
 *
 * network_size is the network size of the finite-size theory (docs
 * §10): an integer, or inf for d → ∞; files written before it existed
 * load with the default (1000). The last four set the phase diagram (its
 * quantity: eg, gain-kernel, gain-linear or best-lambda, and its y-axis);
 * a file without them leaves it as it is. A [view] group (the rest of the
 * window's view, model/os-state.h) is skipped.
 * Every key is optional on load: a key that is absent leaves its value as
 * it was. Numbers are written with 17 significant digits, so a save/load
 * round trip is exact. A malformed file or an out-of-range value is an
 * error whose message names the file, the line and the key; nothing is
 * changed unless the whole file is valid. A UTF-8 byte-order mark at the
 * start is skipped. The x-axis is a plotted axis: x_points is 2 or more
 * and x_from differs from x_to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-presets.h"

G_BEGIN_DECLS

#define OS_PARAMFILE_GROUP    "parameters"
/* a group the window writes beside it (model/os-state.h): skipped here */
#define OS_PARAMFILE_VIEW_GROUP "view"
#define OS_PARAMFILE_MAX_SIZE (64 * 1024)   /* bytes; a parameter file is tiny */

/* The keys, in the order a saved file lists them. */
typedef enum
{
  OS_PARAMFILE_KEY_STUDENT, OS_PARAMFILE_KEY_TEACHER,
  OS_PARAMFILE_KEY_ETA, OS_PARAMFILE_KEY_ALPHA0, OS_PARAMFILE_KEY_ALPHA, OS_PARAMFILE_KEY_BETA,
  OS_PARAMFILE_KEY_LAMBDA, OS_PARAMFILE_KEY_NOISE,
  OS_PARAMFILE_KEY_X_AXIS, OS_PARAMFILE_KEY_X_FROM, OS_PARAMFILE_KEY_X_TO, OS_PARAMFILE_KEY_X_POINTS,
  OS_PARAMFILE_KEY_X_LOG,
  OS_PARAMFILE_KEY_SIMULATE, OS_PARAMFILE_KEY_D, OS_PARAMFILE_KEY_SEEDS, OS_PARAMFILE_KEY_SEED,
  OS_PARAMFILE_KEY_NETWORK_SIZE,
  OS_PARAMFILE_KEY_QUANTITY, OS_PARAMFILE_KEY_Y_AXIS, OS_PARAMFILE_KEY_Y_FROM, OS_PARAMFILE_KEY_Y_TO,
  OS_PARAMFILE_N_KEYS
} OsParamfileKey;

/* Which keys a loaded file contained, and on which line (0: absent). */
typedef struct
{
  gboolean student, teacher;
  gboolean param[OS_PARAM_N];     /* eta, alpha0, alpha, beta, lambda, noise */
  gboolean x_axis, x_from, x_to, x_points, x_log;
  gboolean simulate, d, seeds, seed;
  gboolean phase;                 /* any of quantity, y_axis, y_from, y_to */
  gboolean network_size;
  int      line[OS_PARAMFILE_N_KEYS];
} OsParamfileKeys;

/* Whether key is a key of the [parameters] group (lessons mix them with
 * keys of their own). */
gboolean os_paramfile_is_key    (const char *key);
/* "student", "x_points", … */
const char *os_paramfile_key_name (OsParamfileKey key);

/* The whole file as text (UTF-8, NUL-terminated; g_free it). */
char    *os_paramfile_to_data   (const OsParams     *params,
                                 const OsPresetView *view);
/* Writes atomically. OS_ERROR_IO on failure. */
gboolean os_paramfile_save      (const char         *path,
                                 const OsParams     *params,
                                 const OsPresetView *view,
                                 GError            **error);

/* Parses data (length bytes; −1 = NUL-terminated) named `name` in
 * messages. On success overwrites the keys present in *params and *view
 * (either may be NULL: its keys are then parsed and checked but dropped)
 * and fills *keys (nullable). On failure changes nothing and sets
 * OS_ERROR_PARSE (malformed) or OS_ERROR_INVALID_ARGUMENT (a value out of
 * range), message "NAME:LINE: KEY: what is wrong". */
gboolean os_paramfile_load_data (const char         *data,
                                 gssize              length,
                                 const char         *name,
                                 OsParams           *params,
                                 OsPresetView       *view,
                                 OsParamfileKeys    *keys,
                                 GError            **error);
/* The same from a file: a regular file only (a FIFO or a device is
 * refused without blocking), at most OS_PARAMFILE_MAX_SIZE bytes read;
 * OS_ERROR_IO if it cannot be read, naming the file. */
gboolean os_paramfile_load      (const char         *path,
                                 OsParams           *params,
                                 OsPresetView       *view,
                                 OsParamfileKeys    *keys,
                                 GError            **error);

G_END_DECLS
