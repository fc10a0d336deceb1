/* os-cli.h — the shared part of the command-line front end: the parameter
 * flags of every mode, strict number parsing with messages that name the flag
 * and its range, and CSV/JSON table output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "os-params.h"

G_BEGIN_DECLS

#define OS_CLI_EXIT_USAGE 2

typedef enum { OS_FORMAT_CSV, OS_FORMAT_JSON } OsFormat;

typedef struct
{
  OsParams params;
  OsFormat format;
  gboolean param_given[OS_PARAM_N];  /* set by the flag, not the default */
} OsCliCommon;

void          os_cli_common_init       (OsCliCommon *common);

/* The group of parameter flags (--student --teacher --eta --alpha0 --alpha
 * --beta --lambda --noise --format). Values are parsed and range-checked as
 * they are read, so the GError from g_option_context_parse names the flag. */
GOptionGroup *os_cli_param_group       (OsCliCommon *common);

/* Strict parsers: the whole string must be a finite number. */
gboolean      os_cli_parse_double      (const char *flag, const char *text,
                                        double *out, GError **error);
gboolean      os_cli_parse_int         (const char *flag, const char *text,
                                        int min, int max, int *out, GError **error);

/* Parses argv with ctx; on error prints "onestep-explorer <mode>: message"
 * and a hint to stderr and returns FALSE. */
gboolean      os_cli_parse             (GOptionContext *ctx, const char *mode,
                                        int *argc, char ***argv);
int           os_cli_fail              (const char *mode, GError *error);

/* A table of named columns, printed as CSV (header, then rows) or JSON (an
 * array of objects). Cells are numbers (full precision, %.17g), booleans or
 * strings. */
typedef struct _OsTable OsTable;

OsTable *os_table_new        (const char *const *columns);
void     os_table_add_row    (OsTable *table);
void     os_table_set_double (OsTable *table, const char *column, double value);
void     os_table_set_bool   (OsTable *table, const char *column, gboolean value);
void     os_table_set_int    (OsTable *table, const char *column, gint64 value);
void     os_table_set_string (OsTable *table, const char *column, const char *value);
void     os_table_print      (const OsTable *table, OsFormat format, FILE *out);
void     os_table_free       (OsTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsTable, os_table_free)

/* The modes. Each returns the process exit code. */
int os_cli_theory    (int argc, char **argv);
int os_cli_bench     (int argc, char **argv);
int os_cli_simulate  (int argc, char **argv);
int os_cli_spectrum  (int argc, char **argv);
int os_cli_export    (int argc, char **argv);

G_END_DECLS
