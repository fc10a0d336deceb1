/* os-error.h — the error domain shared by the numerical core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OS_ERROR (os_error_quark ())

typedef enum
{
  OS_ERROR_INVALID_ARGUMENT,   /* a value outside its range, an unknown name */
  OS_ERROR_PARSE,              /* malformed number or file */
  OS_ERROR_NOT_CONVERGED,      /* a solver gave up */
  OS_ERROR_TOO_LARGE,          /* a size over the memory budget */
  OS_ERROR_CANCELLED,          /* stale work abandoned */
  OS_ERROR_NUMERICAL,          /* a LAPACK routine failed */
  OS_ERROR_IO,                 /* a file could not be written */
  OS_ERROR_NO_MEMORY,          /* the system refused an allocation */
} OsErrorCode;

GQuark os_error_quark (void);

G_END_DECLS
