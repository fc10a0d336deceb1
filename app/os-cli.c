/* os-cli.c — shared command-line machinery.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-error.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>

int
os_cli_fail (const char *mode, GError *error)
{
  g_printerr ("onestep-explorer %s: %s\n", mode, error->message);
  g_printerr ("Try 'onestep-explorer %s --help'.\n", mode);
  return OS_CLI_EXIT_USAGE;
}

int
os_cli_fail_error (const char *mode, GError *error)
{
  if (error->domain == OS_ERROR
      && (error->code == OS_ERROR_INVALID_ARGUMENT || error->code == OS_ERROR_PARSE
          || error->code == OS_ERROR_TOO_LARGE))
    return os_cli_fail (mode, error);
  g_printerr ("onestep-explorer %s: %s\n", mode, error->message);
  return 1;
}

void
os_cli_print_warnings (const char *mode, OsFlags *flags)
{
  for (guint i = 0; i < flags->warnings->len; i++)
    g_printerr ("onestep-explorer%s%s: warning: %s\n", mode != NULL ? " " : "", mode != NULL ? mode : "",
                (const char *) g_ptr_array_index (flags->warnings, i));
  g_ptr_array_set_size (flags->warnings, 0);
}

void
os_cli_print_version (void)
{
  g_print ("onestep-explorer %s\n", OS_VERSION);
}

void
os_cli_close_stdout (void)
{
  const char *prg = g_get_prgname () != NULL ? g_get_prgname () : "onestep-explorer";
  gboolean had_error = ferror (stdout) != 0;
  int saved = 0;

  /* the flush reports the error of the last write; a failure before it
   * left the stream's error flag */
  if (fflush (stdout) != 0)
    {
      saved = errno;
      had_error = TRUE;
    }
  /* else: the stream's flag says a write failed, no longer why */
  /* close: a file system may report a lost write only there; a stdout
   * that was closed before we started (EBADF) lost nothing of ours */
  if (fclose (stdout) != 0 && errno != EBADF && !had_error)
    {
      saved = errno;
      had_error = TRUE;
    }
  if (had_error)
    {
      fprintf (stderr, "%s: cannot write the output: %s\n", prg,
               saved != 0 ? g_strerror (saved) : "a write failed");
      _exit (1);
    }
}

gboolean
os_cli_parse (GOptionContext *ctx, const char *mode, OsFlags *flags, int *argc, char ***argv,
              int *exit_code)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *exit_code = os_cli_fail (mode, error);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr ("onestep-explorer %s: unexpected argument '%s'\n", mode, (*argv)[1]);
      g_printerr ("Try 'onestep-explorer %s --help'.\n", mode);
      *exit_code = OS_CLI_EXIT_USAGE;
      return FALSE;
    }
  if (flags->version)
    {
      os_cli_print_version ();
      *exit_code = 0;
      return FALSE;
    }
  os_cli_print_warnings (mode, flags);
  return TRUE;
}

/* ---- tables ---------------------------------------------------------- */

typedef enum { CELL_EMPTY, CELL_DOUBLE, CELL_BOOL, CELL_INT, CELL_STRING } CellKind;

typedef struct
{
  CellKind kind;
  double   d;
  gint64   i;
  char    *s;
} Cell;

struct _OsTable
{
  GStrv   columns;
  int     n_columns;
  GArray *cells;     /* rows × n_columns */
};

OsTable *
os_table_new (const char *const *columns)
{
  OsTable *t = g_new0 (OsTable, 1);

  t->columns = g_strdupv ((char **) columns);
  t->n_columns = g_strv_length (t->columns);
  t->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  return t;
}

void
os_table_add_row (OsTable *t)
{
  g_array_set_size (t->cells, t->cells->len + t->n_columns);
}

static Cell *
table_cell (OsTable *t, const char *column)
{
  g_return_val_if_fail (t->cells->len >= (guint) t->n_columns, NULL);
  for (int j = 0; j < t->n_columns; j++)
    if (g_str_equal (t->columns[j], column))
      {
        Cell *c = &g_array_index (t->cells, Cell, t->cells->len - t->n_columns + j);
        g_clear_pointer (&c->s, g_free);
        return c;
      }
  g_critical ("os_table: no column '%s'", column);
  return NULL;
}

void
os_table_set_double (OsTable *t, const char *column, double value)
{
  Cell *c = table_cell (t, column);
  if (c) { c->kind = CELL_DOUBLE; c->d = value; }
}

void
os_table_set_bool (OsTable *t, const char *column, gboolean value)
{
  Cell *c = table_cell (t, column);
  if (c) { c->kind = CELL_BOOL; c->i = value ? 1 : 0; }
}

void
os_table_set_int (OsTable *t, const char *column, gint64 value)
{
  Cell *c = table_cell (t, column);
  if (c) { c->kind = CELL_INT; c->i = value; }
}

void
os_table_set_string (OsTable *t, const char *column, const char *value)
{
  Cell *c = table_cell (t, column);
  if (c) { c->kind = CELL_STRING; c->s = g_strdup (value); }
}

static void
print_cell (const Cell *c, OsFormat format, FILE *out)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (c->kind)
    {
    case CELL_DOUBLE:
      if (isfinite (c->d))
        fputs (g_ascii_formatd (buf, sizeof buf, "%.17g", c->d), out);
      else
        fputs (format == OS_FORMAT_JSON ? "null" : "nan", out);
      break;
    case CELL_BOOL:
      fputs (c->i ? "true" : "false", out);
      break;
    case CELL_INT:
      fprintf (out, "%" G_GINT64_FORMAT, c->i);
      break;
    case CELL_STRING:
      if (format == OS_FORMAT_JSON)
        {
          fputc ('"', out);
          for (const char *p = c->s; *p; p++)
            {
              if (*p == '"' || *p == '\\')
                fputc ('\\', out);
              fputc (*p, out);
            }
          fputc ('"', out);
        }
      else
        fputs (c->s, out);
      break;
    case CELL_EMPTY:
    default:
      if (format == OS_FORMAT_JSON)
        fputs ("null", out);
      break;
    }
}

void
os_table_print (const OsTable *t, OsFormat format, FILE *out)
{
  int rows = t->cells->len / t->n_columns;

  if (format == OS_FORMAT_CSV)
    {
      for (int j = 0; j < t->n_columns; j++)
        fprintf (out, "%s%s", j ? "," : "", t->columns[j]);
      fputc ('\n', out);
      for (int i = 0; i < rows; i++)
        {
          for (int j = 0; j < t->n_columns; j++)
            {
              if (j)
                fputc (',', out);
              print_cell (&g_array_index (t->cells, Cell, i * t->n_columns + j), format, out);
            }
          fputc ('\n', out);
        }
      return;
    }

  fputs ("[\n", out);
  for (int i = 0; i < rows; i++)
    {
      fputs ("  {", out);
      for (int j = 0; j < t->n_columns; j++)
        {
          fprintf (out, "%s\"%s\": ", j ? ", " : "", t->columns[j]);
          print_cell (&g_array_index (t->cells, Cell, i * t->n_columns + j), format, out);
        }
      fputs (i + 1 < rows ? "},\n" : "}\n", out);
    }
  fputs ("]\n", out);
}

void
os_table_free (OsTable *t)
{
  if (t == NULL)
    return;
  for (guint i = 0; i < t->cells->len; i++)
    g_free (g_array_index (t->cells, Cell, i).s);
  g_array_unref (t->cells);
  g_strfreev (t->columns);
  g_free (t);
}
