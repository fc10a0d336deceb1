/* os-cli.c — shared command-line machinery.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-error.h"
#include "os-paramfile.h"
#include "os-presets.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
os_cli_common_init (OsCliCommon *common)
{
  memset (common, 0, sizeof *common);
  os_params_init_default (&common->params);
  common->format = OS_FORMAT_CSV;
}

gboolean
os_cli_parse_double (const char *flag, const char *text, double *out, GError **error)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: missing number", flag);
      return FALSE;
    }
  errno = 0;
  v = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || (end != NULL && *end != '\0') || errno == ERANGE || !isfinite (v))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: '%s' is not a finite number", flag, text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
os_cli_parse_int (const char *flag, const char *text, int min, int max, int *out, GError **error)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: missing integer", flag);
      return FALSE;
    }
  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || errno == ERANGE)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: '%s' is not an integer", flag, text);
      return FALSE;
    }
  if (v < min || v > max)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: %" G_GINT64_FORMAT " is outside the valid range [%d, %d]", flag, v, min, max);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

static gboolean
parse_activation (const char *flag, const char *value, gboolean student, OsActivation *out, GError **error)
{
  OsActivation act;

  if (!os_activation_from_name (value, &act) || (student && !os_activation_is_student (act)))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: unknown activation '%s' (valid: %s)", flag, value,
                   student ? "tanh, erf, relu, sin" : "linear, tanh, erf, relu, sin, he2, he3, he1+he2");
      return FALSE;
    }
  *out = act;
  return TRUE;
}

/* --params FILE: the file's keys (os-paramfile.h) as if given as flags at
 * this point, so flags after it override it. Its x-axis and simulation keys
 * are checked but not used by the command-line modes. */
static gboolean
load_params_file (OsCliCommon *common, const char *path, GError **error)
{
  OsParamfileKeys keys;

  if (!os_paramfile_load (path, &common->params, NULL, &keys, error))
    {
      g_prefix_error (error, "--params: ");
      return FALSE;
    }
  for (int i = 0; i < OS_PARAM_N; i++)
    if (keys.param[i])
      common->param_given[i] = TRUE;
  return TRUE;
}

/* --preset NAME: every parameter of a preset (core/os-presets.h), as if
 * given as flags at this point. */
static gboolean
load_preset (OsCliCommon *common, const char *id, GError **error)
{
  const OsPreset *preset = os_preset_lookup (id, error);

  if (preset == NULL)
    return FALSE;
  common->params = preset->params;
  for (int i = 0; i < OS_PARAM_N; i++)
    common->param_given[i] = TRUE;
  return TRUE;
}

static gboolean
on_param_flag (const char *option_name, const char *value, gpointer data, GError **error)
{
  OsCliCommon *common = data;
  const char *name = option_name + 2;   /* skip "--" */
  OsParamId id;
  double v;

  if (g_str_equal (name, "params"))
    return load_params_file (common, value, error);
  if (g_str_equal (name, "preset"))
    return load_preset (common, value, error);
  if (g_str_equal (name, "student"))
    return parse_activation (option_name, value, TRUE, &common->params.student, error);
  if (g_str_equal (name, "teacher"))
    return parse_activation (option_name, value, FALSE, &common->params.teacher, error);
  if (g_str_equal (name, "format"))
    {
      if (g_ascii_strcasecmp (value, "csv") == 0)
        common->format = OS_FORMAT_CSV;
      else if (g_ascii_strcasecmp (value, "json") == 0)
        common->format = OS_FORMAT_JSON;
      else
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--format: '%s' is not a format (valid: csv, json)", value);
          return FALSE;
        }
      return TRUE;
    }
  if (!os_param_from_name (name, &id))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown flag %s", option_name);
      return FALSE;
    }
  if (!os_cli_parse_double (option_name, value, &v, error) || !os_param_check (id, v, error))
    return FALSE;
  os_params_set (&common->params, id, v);
  common->param_given[id] = TRUE;
  return TRUE;
}

GOptionGroup *
os_cli_param_group (OsCliCommon *common)
{
  static const GOptionEntry entries[] = {
    { "params", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Read parameters from a file ([parameters] group, keys as these flags); "
      "flags after it override it", "FILE" },
    { "preset", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Start from a preset: reference-tanh, reference-sin, kernel, even-teacher, large-step, "
      "interpolation-peak, wide; flags after it override it", "NAME" },
    { "student", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Student activation σ: tanh, erf, relu, sin (default tanh)", "NAME" },
    { "teacher", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Teacher σ*: linear, tanh, erf, relu, sin, he2, he3, he1+he2 (default tanh)", "NAME" },
    { "eta", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Normalised learning rate η̃ in [0, 10] (default 1)", "X" },
    { "alpha0", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "First-step batch ratio α0 = n0/d in [0.05, 100] (default 0.5)", "X" },
    { "alpha", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Readout batch ratio α = n/d in [0.05, 10] (default 2)", "X" },
    { "beta", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Width ratio β = p/d in [0.1, 10] (default 1)", "X" },
    { "lambda", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Ridge λ in [1e-5, 10] (default 0.01)", "X" },
    { "noise", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Label-noise variance Δ in [0, 2] (default 0)", "X" },
    { "format", 0, 0, G_OPTION_ARG_CALLBACK, on_param_flag,
      "Output format: csv or json (default csv)", "FMT" },
    G_OPTION_ENTRY_NULL
  };
  GOptionGroup *group = g_option_group_new ("parameters", "Model parameters (docs/SCIENCE.md §8 ranges):",
                                            "Show the model parameter flags", common, NULL);

  g_option_group_add_entries (group, entries);
  return group;
}

int
os_cli_fail (const char *mode, GError *error)
{
  g_printerr ("onestep-explorer %s: %s\n", mode, error->message);
  g_printerr ("Try 'onestep-explorer %s --help'.\n", mode);
  return OS_CLI_EXIT_USAGE;
}

gboolean
os_cli_parse (GOptionContext *ctx, const char *mode, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      os_cli_fail (mode, error);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr ("onestep-explorer %s: unexpected argument '%s'\n", mode, (*argv)[1]);
      g_printerr ("Try 'onestep-explorer %s --help'.\n", mode);
      return FALSE;
    }
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
