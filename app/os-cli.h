/* os-cli.h — the shared part of the command-line front end: parsing (the
 * flags themselves are model/os-flags.h, shared with the window), the
 * version, and CSV/JSON table output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include "os-flags.h"

G_BEGIN_DECLS

#define OS_CLI_EXIT_USAGE 2

/* Parses argv with ctx, whose main group holds the shared flags (an
 * os_flags_option_group writing into *flags). Returns TRUE when the mode
 * should run. Otherwise *exit_code is what the mode returns: 0 after
 * printing the version (--version), 2 after printing "onestep-explorer
 * <mode>: message" and a hint to stderr, for a bad flag or an argument
 * that is not a flag (the modes take none). When the mode runs, the
 * warnings of the parse (flags->warnings) are printed first. */
gboolean      os_cli_parse             (GOptionContext *ctx,
                                        const char     *mode,
                                        OsFlags        *flags,
                                        int            *argc,
                                        char         ***argv,
                                        int            *exit_code);
int           os_cli_fail              (const char *mode, GError *error);
/* os_cli_fail (status 2) for bad input (OS_ERROR_INVALID_ARGUMENT,
 * _PARSE, _TOO_LARGE: over the memory budget); otherwise "onestep-explorer
 * <mode>: message" and status 1 (out of memory, a file, a failed
 * computation). */
int           os_cli_fail_error        (const char *mode, GError *error);
/* "onestep-explorer <mode>: warning: …" on stderr for each of
 * flags->warnings (keys of --params the mode does not use), then clears
 * them. os_cli_parse calls it; a mode that adds warnings later calls it
 * again. */
void          os_cli_print_warnings    (const char *mode, OsFlags *flags);
/* "onestep-explorer VERSION" on stdout */
void          os_cli_print_version     (void);
/* Registered with atexit () by main (): flushes and closes stdout, and if
 * anything written there was lost (a full disk, /dev/full, a closed pipe
 * with SIGPIPE ignored) says so on stderr and ends the process with
 * status 1, whatever the mode returned — also after GOption's --help,
 * which calls exit () itself. */
void          os_cli_close_stdout      (void);

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
