/* os-flags.c — the table of shared flags, their help texts and their
 * strict parsers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-flags-private.h"
#include "os-error.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum
{
  KIND_SWITCH,    /* no value                                      */
  KIND_NUMBER,    /* a finite decimal number                       */
  KIND_INTEGER,   /* digits                                        */
  KIND_WORD,      /* a name from a list                            */
  KIND_FILE,      /* a path                                        */
} FlagKind;

typedef struct
{
  const char *name;       /* spelling without "--"                          */
  FlagKind    kind;
  const char *arg;        /* the value's name in --help                     */
  OsFlag      alias_of;   /* a hidden alias: the flag it spells; else itself */
} FlagSpec;

/* The table: one spelling per flag, for the window and every mode. */
static const FlagSpec table[OS_FLAG_N] = {
  [OS_FLAG_PARAMS]       = { "params",       KIND_FILE,    "FILE",  OS_FLAG_PARAMS },
  [OS_FLAG_PRESET]       = { "preset",       KIND_WORD,    "NAME",  OS_FLAG_PRESET },
  [OS_FLAG_STUDENT]      = { "student",      KIND_WORD,    "NAME",  OS_FLAG_STUDENT },
  [OS_FLAG_TEACHER]      = { "teacher",      KIND_WORD,    "NAME",  OS_FLAG_TEACHER },
  [OS_FLAG_ETA]          = { "eta",          KIND_NUMBER,  "X",     OS_FLAG_ETA },
  [OS_FLAG_ALPHA0]       = { "alpha0",       KIND_NUMBER,  "X",     OS_FLAG_ALPHA0 },
  [OS_FLAG_ALPHA]        = { "alpha",        KIND_NUMBER,  "X",     OS_FLAG_ALPHA },
  [OS_FLAG_BETA]         = { "beta",         KIND_NUMBER,  "X",     OS_FLAG_BETA },
  [OS_FLAG_LAMBDA]       = { "lambda",       KIND_NUMBER,  "X",     OS_FLAG_LAMBDA },
  [OS_FLAG_NOISE]        = { "noise",        KIND_NUMBER,  "X",     OS_FLAG_NOISE },
  [OS_FLAG_SWEEP]        = { "sweep",        KIND_WORD,    "NAME",  OS_FLAG_SWEEP },
  [OS_FLAG_X_AXIS]       = { "x-axis",       KIND_WORD,    "NAME",  OS_FLAG_SWEEP },
  [OS_FLAG_FROM]         = { "from",         KIND_NUMBER,  "A",     OS_FLAG_FROM },
  [OS_FLAG_TO]           = { "to",           KIND_NUMBER,  "B",     OS_FLAG_TO },
  [OS_FLAG_POINTS]       = { "points",       KIND_INTEGER, "N",     OS_FLAG_POINTS },
  [OS_FLAG_LOG]          = { "log",          KIND_SWITCH,  NULL,    OS_FLAG_LOG },
  [OS_FLAG_LINEAR]       = { "linear",       KIND_SWITCH,  NULL,    OS_FLAG_LINEAR },
  [OS_FLAG_SIMULATE]     = { "simulate",     KIND_SWITCH,  NULL,    OS_FLAG_SIMULATE },
  [OS_FLAG_D]            = { "d",            KIND_INTEGER, "N",     OS_FLAG_D },
  [OS_FLAG_SEEDS]        = { "seeds",        KIND_INTEGER, "N",     OS_FLAG_SEEDS },
  [OS_FLAG_SEED]         = { "seed",         KIND_INTEGER, "S",     OS_FLAG_SEED },
  [OS_FLAG_MEMORY_BUDGET] = { "memory-budget", KIND_INTEGER, "MIB", OS_FLAG_MEMORY_BUDGET },
  [OS_FLAG_NETWORK_SIZE] = { "network-size", KIND_WORD,    "N|inf", OS_FLAG_NETWORK_SIZE },
  [OS_FLAG_SPECTRUM]     = { "spectrum",     KIND_WORD,    "WHICH", OS_FLAG_SPECTRUM },
  [OS_FLAG_CENTERED]     = { "centered",     KIND_SWITCH,  NULL,    OS_FLAG_CENTERED },
  [OS_FLAG_CENTER]       = { "center",       KIND_SWITCH,  NULL,    OS_FLAG_CENTERED },
  [OS_FLAG_SPECTRUM_LOG] = { "spectrum-log", KIND_SWITCH,  NULL,    OS_FLAG_SPECTRUM_LOG },
  [OS_FLAG_PRESENTATION] = { "presentation", KIND_SWITCH,  NULL,    OS_FLAG_PRESENTATION },
  [OS_FLAG_PAGE]         = { "page",         KIND_WORD,    "NAME",  OS_FLAG_PAGE },
  [OS_FLAG_FORMAT]       = { "format",       KIND_WORD,    "FMT",   OS_FLAG_FORMAT },
  [OS_FLAG_VERSION]      = { "version",      KIND_SWITCH,  NULL,    OS_FLAG_VERSION },
};

/* ------------------------------------------------------------ numbers */

/* [+-] digits [. digits] [(e|E) [+-] digits], nothing else */
static gboolean
decimal_syntax (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (text == NULL)
    return FALSE;
  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

gboolean
os_decimal_parse (const char *text, double *out)
{
  char *end = NULL;
  double v;

  if (!decimal_syntax (text))
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (*end != '\0' || errno == ERANGE || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
os_decimal_parse_typed (const char *text, double *out)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  return os_decimal_parse (trimmed, out);
}

const char *
os_decimal_problem (const char *text)
{
  double v;

  errno = 0;
  v = decimal_syntax (text) ? g_ascii_strtod (text, NULL) : NAN;
  /* 1e-320: a decimal number, finite, but below what a double holds at
   * full precision */
  if (errno == ERANGE && fabs (v) < 1.0)
    return "is too small to represent (|x| < 2.2e-308); write 0 for zero";
  return "is not a finite number";
}

gboolean
os_flags_parse_number (const char *flag, const char *text, double *out, GError **error)
{
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: missing number", flag);
      return FALSE;
    }
  if (!os_decimal_parse (text, out))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: '%s' %s", flag, text, os_decimal_problem (text));
      return FALSE;
    }
  return TRUE;
}

gboolean
os_flags_parse_int (const char *flag, const char *text, gint64 min, gint64 max, gint64 *out,
                    GError **error)
{
  const char *p = text;
  double x;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: missing integer", flag);
      return FALSE;
    }
  if (*p == '+' || *p == '-')
    p++;
  if (*p != '\0' && strspn (p, "0123456789") == strlen (p))
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      if (errno == ERANGE || v < min || v > max)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: %s is outside the valid range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                       flag, text + (*text == '+'), min, max);
          return FALSE;
        }
      *out = v;
      return TRUE;
    }
  /* a number, but not written as an integer */
  if (os_decimal_parse (text, &x) && x != floor (x))
    g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                 "%s: %s is outside the valid range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "] (an integer)",
                 flag, text, min, max);
  else if (os_decimal_parse (text, &x) && fabs (x) <= 1e15)
    g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
                 "%s: '%s' is not an integer (write %.0f; valid range [%" G_GINT64_FORMAT ", %"
                 G_GINT64_FORMAT "])", flag, text, x, min, max);
  else
    g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
                 "%s: '%s' is not an integer (valid range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "])",
                 flag, text, min, max);
  return FALSE;
}

gboolean
os_flags_check_int (const char *flag, gint64 value, gint64 min, gint64 max, GError **error)
{
  if (value < min || value > max)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: %" G_GINT64_FORMAT " is outside the valid range [%" G_GINT64_FORMAT ", %"
                   G_GINT64_FORMAT "]", flag, value, min, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_flags_parse_int32 (const char *flag, const char *text, int min, int max, int *out, GError **error)
{
  gint64 v;

  if (!os_flags_parse_int (flag, text, min, max, &v, error))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

gboolean
os_flags_check_window_simulation (int d, int seeds, GError **error)
{
  if (d < OS_WINDOW_MIN_D || d > OS_WINDOW_MAX_D)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "d: %d is outside the window's range [%d, %d]", d, OS_WINDOW_MIN_D, OS_WINDOW_MAX_D);
      return FALSE;
    }
  if (seeds < 1 || seeds > OS_WINDOW_MAX_SEEDS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "seeds: %d is outside the window's range [1, %d]", seeds, OS_WINDOW_MAX_SEEDS);
      return FALSE;
    }
  return TRUE;
}

/* -------------------------------------------------------------- state */

void
os_flags_init (OsFlags *flags, OsFlagsUse use)
{
  g_return_if_fail (flags != NULL);
  memset (flags, 0, sizeof *flags);
  flags->use = use;
  os_params_init_default (&flags->params);
  os_preset_view_init_default (&flags->view);
  flags->sweep_axis = flags->view.sweep.axis;
  flags->points = flags->view.sweep.points;
  flags->spectrum = OS_SPECTRUM_WEIGHTS;
  flags->format = OS_FORMAT_CSV;
  if (use == OS_FLAGS_FOR_WINDOW)
    {
      flags->d_min = OS_WINDOW_MIN_D;
      flags->d_max = OS_WINDOW_MAX_D;
      flags->seeds_max = OS_WINDOW_MAX_SEEDS;
    }
  else
    {
      flags->d_min = OS_SIM_MIN_D;
      flags->d_max = OS_SIM_MAX_D;
      flags->seeds_max = OS_SIM_MAX_SEEDS;
    }
  flags->points_min = use == OS_FLAGS_FOR_TABLE ? 1 : OS_PLOT_MIN_POINTS;
  flags->strings = g_ptr_array_new_with_free_func (g_free);
  flags->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
os_flags_clear (OsFlags *flags)
{
  g_return_if_fail (flags != NULL);
  g_clear_pointer (&flags->page, g_free);
  g_clear_pointer (&flags->strings, g_ptr_array_unref);
  g_clear_pointer (&flags->warnings, g_ptr_array_unref);
  for (int i = 0; i < OS_FLAG_N; i++)
    {
      g_clear_pointer (&flags->help[i], g_free);
      g_clear_pointer (&flags->file_of[i], g_free);
    }
}

gboolean
os_flags_given (const OsFlags *flags, OsFlag flag)
{
  g_return_val_if_fail (flags != NULL && flag < OS_FLAG_N, FALSE);
  return (flags->given & OS_FLAG_BIT (flag)) != 0;
}

/* ------------------------------------------------------------ parsing */

/* "tanh, erf, relu, sin": the students' or the teachers' names */
static char *
activation_names (gboolean student)
{
  GString *s = g_string_new (NULL);

  for (OsActivation act = 0; act < OS_ACT_N; act++)
    if (student ? os_activation_is_student (act) : os_activation_is_teacher (act))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", os_activation_name (act));
  return g_string_free (s, FALSE);
}

static gboolean
parse_activation (const char *flag, const char *value, gboolean student, OsActivation *out, GError **error)
{
  OsActivation act;

  if (!os_activation_from_name (value, &act)
      || (student ? !os_activation_is_student (act) : !os_activation_is_teacher (act)))
    {
      g_autofree char *names = activation_names (student);

      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: unknown activation '%s' (valid: %s)", flag, value, names);
      return FALSE;
    }
  *out = act;
  return TRUE;
}

static gboolean
parse_word (OsFlags *flags, const char *option_name, OsFlag flag, const char *value, GError **error)
{
  switch (flag)
    {
    case OS_FLAG_PRESET:
      return os_flags_load_file_or_preset (flags, option_name, flag, value, error);
    case OS_FLAG_STUDENT:
      return parse_activation (option_name, value, TRUE, &flags->params.student, error);
    case OS_FLAG_TEACHER:
      return parse_activation (option_name, value, FALSE, &flags->params.teacher, error);
    case OS_FLAG_SWEEP:
      if (!os_param_from_name (value, &flags->sweep_axis))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise)",
                       option_name, value);
          return FALSE;
        }
      return TRUE;
    case OS_FLAG_SPECTRUM:
      if (g_ascii_strcasecmp (value, "weights") == 0)
        flags->spectrum = OS_SPECTRUM_WEIGHTS;
      else if (g_ascii_strcasecmp (value, "features") == 0)
        flags->spectrum = OS_SPECTRUM_FEATURES;
      else
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: '%s' is not a matrix (valid: weights, features)", option_name, value);
          return FALSE;
        }
      return TRUE;
    case OS_FLAG_NETWORK_SIZE:
      if (g_ascii_strcasecmp (value, "inf") == 0)
        {
          flags->view.network_d = 0;
          return TRUE;
        }
      return os_flags_parse_int32 (option_name, value, OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX,
                                   &flags->view.network_d, error);
    case OS_FLAG_PAGE:
      if (!g_str_equal (value, "curves") && !g_str_equal (value, "phase"))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: unknown page '%s' (valid: curves, phase)", option_name, value);
          return FALSE;
        }
      g_free (flags->page);
      flags->page = g_strdup (value);
      return TRUE;
    case OS_FLAG_FORMAT:
      if (g_ascii_strcasecmp (value, "csv") == 0)
        flags->format = OS_FORMAT_CSV;
      else if (g_ascii_strcasecmp (value, "json") == 0)
        flags->format = OS_FORMAT_JSON;
      else
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: '%s' is not a format (valid: csv, json)", option_name, value);
          return FALSE;
        }
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
parse_value (OsFlags *flags, const char *option_name, OsFlag flag, const char *value, GError **error)
{
  double x;
  int n;

  switch (flag)
    {
    case OS_FLAG_PARAMS:
      return os_flags_load_file_or_preset (flags, option_name, flag, value, error);
    case OS_FLAG_ETA: case OS_FLAG_ALPHA0: case OS_FLAG_ALPHA:
    case OS_FLAG_BETA: case OS_FLAG_LAMBDA: case OS_FLAG_NOISE:
      {
        OsParamId id = (OsParamId) (flag - OS_FLAG_ETA);

        if (!os_flags_parse_number (option_name, value, &x, error) || !os_param_check (id, x, error))
          return FALSE;
        os_params_set (&flags->params, id, x);
        return TRUE;
      }
    case OS_FLAG_FROM:
      return os_flags_parse_number (option_name, value, &flags->from, error);
    case OS_FLAG_TO:
      return os_flags_parse_number (option_name, value, &flags->to, error);
    case OS_FLAG_POINTS:
      return os_flags_parse_int32 (option_name, value, flags->points_min, OS_SWEEP_MAX_POINTS,
                                   &flags->points, error);
    case OS_FLAG_D:
      return os_flags_parse_int32 (option_name, value, flags->d_min, flags->d_max, &flags->view.d, error);
    case OS_FLAG_SEEDS:
      return os_flags_parse_int32 (option_name, value, 1, flags->seeds_max, &flags->view.seeds, error);
    case OS_FLAG_SEED:
      if (!os_flags_parse_int32 (option_name, value, 0, OS_MAX_SEED, &n, error))
        return FALSE;
      flags->view.seed = (guint64) n;
      return TRUE;
    case OS_FLAG_MEMORY_BUDGET:
      if (!os_flags_parse_int32 (option_name, value, 1, OS_MAX_MEMORY_BUDGET_MIB, &n, error))
        return FALSE;
      flags->memory_budget = (gsize) n << 20;
      return TRUE;
    default:
      return parse_word (flags, option_name, flag, value, error);
    }
}

static void
set_switch (OsFlags *flags, OsFlag flag)
{
  switch (flag)
    {
    case OS_FLAG_LOG:          flags->log_spacing = TRUE;   break;
    case OS_FLAG_LINEAR:       flags->log_spacing = FALSE;  break;
    case OS_FLAG_SIMULATE:     flags->view.simulate = TRUE; break;
    case OS_FLAG_CENTERED:     flags->centered = TRUE;      break;
    case OS_FLAG_SPECTRUM_LOG: flags->spectrum_log = TRUE;  break;
    case OS_FLAG_PRESENTATION: flags->presentation = TRUE;  break;
    case OS_FLAG_VERSION:      flags->version = TRUE;       break;
    default:                   g_return_if_reached ();
    }
}

static gboolean
on_flag (const char *option_name, const char *value, gpointer data, GError **error)
{
  OsFlags *flags = data;
  const char *name = option_name + 2;   /* "--" */
  OsFlag flag;

  for (flag = 0; flag < OS_FLAG_N; flag++)
    if (g_str_equal (name, table[flag].name))
      break;
  if (flag == OS_FLAG_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown flag %s", option_name);
      return FALSE;
    }
  if (table[flag].kind == KIND_SWITCH)
    set_switch (flags, table[flag].alias_of);
  else if (!parse_value (flags, option_name, table[flag].alias_of, value, error))
    return FALSE;
  /* --params and --preset set the other flags' values: no bit of their own */
  if (table[flag].alias_of != OS_FLAG_PARAMS && table[flag].alias_of != OS_FLAG_PRESET)
    {
      flags->given |= OS_FLAG_BIT (table[flag].alias_of);
      os_flags_forget_file_value (flags, table[flag].alias_of);
    }
  return TRUE;
}

gboolean
os_flags_get_sweep (const OsFlags *flags, const OsSweep *base,
                    void (*default_range) (OsParamId, double *, double *, gboolean *),
                    OsSweep *sweep, GError **error)
{
  OsSweep s = *base;

  g_return_val_if_fail (flags != NULL && base != NULL && sweep != NULL, FALSE);
  if (os_flags_given (flags, OS_FLAG_SWEEP) && flags->sweep_axis != base->axis)
    {
      s.axis = flags->sweep_axis;
      (default_range != NULL ? default_range : os_axis_default_range) (s.axis, &s.from, &s.to,
                                                                       &s.log_spacing);
    }
  if (os_flags_given (flags, OS_FLAG_FROM))
    s.from = flags->from;
  if (os_flags_given (flags, OS_FLAG_TO))
    s.to = flags->to;
  if (os_flags_given (flags, OS_FLAG_POINTS))
    s.points = flags->points;
  if (os_flags_given (flags, OS_FLAG_LOG) || os_flags_given (flags, OS_FLAG_LINEAR))
    s.log_spacing = flags->log_spacing;
  if (!os_sweep_validate (&s, error))
    return FALSE;
  /* a plotted axis (export, the window) needs two different ends */
  if (flags->use != OS_FLAGS_FOR_TABLE && s.from == s.to)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--from, --to: an empty range (from = to = %g): the x-axis needs two different ends",
                   s.from);
      return FALSE;
    }
  *sweep = s;
  return TRUE;
}

/* After the last flag: what only the whole command line can tell. */
static gboolean
post_parse (GOptionContext *context, GOptionGroup *group, gpointer data, GError **error)
{
  OsFlags *flags = data;

  (void) context;
  (void) group;
  if (os_flags_given (flags, OS_FLAG_LOG) && os_flags_given (flags, OS_FLAG_LINEAR))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--log and --linear exclude each other");
      return FALSE;
    }
  if (flags->use == OS_FLAGS_FOR_WINDOW)
    {
      /* the window's x-axis: the sweep flags over the file's or preset's */
      OsSweep base = flags->view.sweep;

      if (!os_flags_get_sweep (flags, &base, NULL, &flags->view.sweep, error))
        return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- help */

/* %g, with the exponent's "+" and leading zeros dropped: "1e-05" → "1e-5" */
static char *
format_number (double x)
{
  g_autofree char *text = g_strdup_printf ("%g", x);
  g_auto (GStrv) parts = g_strsplit (text, "e", 2);
  const char *exponent;
  gboolean negative;

  if (parts[1] == NULL)
    return g_steal_pointer (&text);
  exponent = parts[1];
  negative = *exponent == '-';
  if (*exponent == '-' || *exponent == '+')
    exponent++;
  while (exponent[0] == '0' && exponent[1] != '\0')
    exponent++;
  return g_strdup_printf ("%se%s%s", parts[0], negative ? "-" : "", exponent);
}

static const char *const param_labels[OS_PARAM_N] = {
  [OS_PARAM_ETA]    = "Normalised learning rate η̃",
  [OS_PARAM_ALPHA0] = "First-step batch ratio α0 = n0/d",
  [OS_PARAM_ALPHA]  = "Readout batch ratio α = n/d",
  [OS_PARAM_BETA]   = "Width ratio β = p/d",
  [OS_PARAM_LAMBDA] = "Ridge λ",
  [OS_PARAM_NOISE]  = "Label-noise variance Δ",
};

/* "eta, alpha0, …" (log_only: those on a log scale) */
static void
append_axes (GString *s, gboolean log_only)
{
  const char *sep = "";

  for (int i = 0; i < OS_PARAM_N; i++)
    if (!log_only || os_param_info (i)->log_scale)
      {
        g_string_append_printf (s, "%s%s", sep, os_param_info (i)->name);
        sep = ", ";
      }
}

static void
append_presets (GString *s)
{
  guint n;
  const OsPreset *presets = os_presets (&n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", presets[i].id);
}

static char *
flag_help (const OsFlags *flags, OsFlag flag)
{
  gboolean window = flags->use == OS_FLAGS_FOR_WINDOW, table_use = flags->use == OS_FLAGS_FOR_TABLE;
  GString *s = g_string_new (NULL);

  switch (flag)
    {
    case OS_FLAG_PARAMS:
      g_string_append (s, window ? "Start from a parameter set saved by the window (a [parameters] group, "
                                   "keys spelled like these flags, with the x-axis and simulation)"
                                 : "Read the parameters from a file ([parameters] group, keys spelled "
                                   "like these flags)");
      g_string_append (s, "; flags after it override it");
      break;
    case OS_FLAG_PRESET:
      g_string_append (s, "Start from a preset: ");
      append_presets (s);
      g_string_append (s, "; flags after it override it");
      break;
    case OS_FLAG_STUDENT:
    case OS_FLAG_TEACHER:
      {
        gboolean student = flag == OS_FLAG_STUDENT;
        g_autofree char *names = activation_names (student);

        g_string_append_printf (s, "%s: %s (default %s)", student ? "Student activation σ" : "Teacher σ*", names,
                                os_activation_name (student ? flags->params.student : flags->params.teacher));
        break;
      }
    case OS_FLAG_ETA: case OS_FLAG_ALPHA0: case OS_FLAG_ALPHA:
    case OS_FLAG_BETA: case OS_FLAG_LAMBDA: case OS_FLAG_NOISE:
      {
        OsParamId id = (OsParamId) (flag - OS_FLAG_ETA);
        const OsParamInfo *info = os_param_info (id);
        g_autofree char *lo = format_number (info->min), *hi = format_number (info->max);
        g_autofree char *def = format_number (os_params_get (&flags->params, id));

        g_string_append_printf (s, "%s in [%s, %s] (default %s)", param_labels[id], lo, hi, def);
        break;
      }
    case OS_FLAG_SWEEP:
    case OS_FLAG_X_AXIS:
      g_string_append (s, table_use ? "Sweep this parameter: " : "x-axis of the curves: ");
      append_axes (s, FALSE);
      if (table_use)
        g_string_append (s, " (without it, one point)");
      else
        g_string_append_printf (s, " (default %s)", os_param_info (flags->view.sweep.axis)->name);
      break;
    case OS_FLAG_FROM:
      g_string_append (s, table_use ? "Start of the sweep" : "Start of the x-axis (default: the axis's usual range)");
      break;
    case OS_FLAG_TO:
      g_string_append (s, table_use ? "End of the sweep" : "End of the x-axis");
      break;
    case OS_FLAG_POINTS:
      g_string_append_printf (s, "Points along the %s, %d–%d (default %d)", table_use ? "sweep" : "x-axis",
                              flags->points_min, OS_SWEEP_MAX_POINTS, flags->points);
      break;
    case OS_FLAG_LOG:
      g_string_append (s, "Geometric spacing");
      if (!table_use)
        {
          g_string_append (s, " (the default for ");
          append_axes (s, TRUE);
          g_string_append (s, ")");
        }
      break;
    case OS_FLAG_LINEAR:
      g_string_append (s, table_use ? "Even spacing (the default)" : "Even spacing");
      break;
    case OS_FLAG_SIMULATE:
      g_string_append (s, window ? "Run the real network beside the theory"
                                 : "Also run the real network: points along the x-axis and the spectrum "
                                   "histogram");
      break;
    case OS_FLAG_D:
      g_string_append_printf (s, "Input dimension d of the network, %d–%d (default %d); "
                              "p = round(βd), n0 = round(α0 d), n = round(αd)",
                              flags->d_min, flags->d_max, flags->view.d);
      break;
    case OS_FLAG_SEEDS:
      g_string_append_printf (s, "Independent repetitions (seeds) per simulated point, 1–%d (default %d)",
                              flags->seeds_max, flags->view.seeds);
      break;
    case OS_FLAG_SEED:
      g_string_append_printf (s, "First seed, 0–%d (default %" G_GUINT64_FORMAT "); repetition k uses seed + k",
                              OS_MAX_SEED, flags->view.seed);
      break;
    case OS_FLAG_MEMORY_BUDGET:
      g_string_append_printf (s, "Refuse a simulation that needs more than this at its peak, in MiB, 1–%d "
                              "(default %d)", OS_MAX_MEMORY_BUDGET_MIB,
                              (int) (OS_SIM_DEFAULT_MEMORY_BUDGET >> 20));
      break;
    case OS_FLAG_NETWORK_SIZE:
      g_string_append_printf (s, "Network size d of the finite-size theory (docs/SCIENCE.md §10): %d–%d, "
                              "or inf for the d → ∞ theory alone (default ",
                              OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX);
      if (flags->view.network_d > 0)
        g_string_append_printf (s, "%d", flags->view.network_d);
      else
        g_string_append (s, "inf");
      g_string_append (s, "); the simulation's d when it runs");
      break;
    case OS_FLAG_SPECTRUM:
      g_string_append_printf (s, "Spectrum of: weights (W) or features (Φ) (default %s)",
                              flags->spectrum == OS_SPECTRUM_FEATURES ? "features" : "weights");
      break;
    case OS_FLAG_CENTERED:
    case OS_FLAG_CENTER:
      g_string_append (s, "Features with their column means removed");
      break;
    case OS_FLAG_SPECTRUM_LOG:
      g_string_append (s, "Log axis on the spectrum, so the bulk and the spike both show");
      break;
    case OS_FLAG_PRESENTATION:
      g_string_append (s, window ? "Start in presentation mode (full screen, larger text for a projector; "
                                   "F11 toggles)"
                                 : "Larger text and lines, for a projector");
      break;
    case OS_FLAG_PAGE:
      g_string_append (s, "The page shown first: curves or phase (default curves)");
      break;
    case OS_FLAG_FORMAT:
      g_string_append (s, "Output format: csv or json (default csv)");
      break;
    case OS_FLAG_VERSION:
      g_string_append (s, "Print the version and exit");
      break;
    case OS_FLAG_N:
    default:
      break;
    }
  return g_string_free (s, FALSE);
}

void
os_flags_set_help (OsFlags *flags, OsFlag flag, const char *help)
{
  g_return_if_fail (flags != NULL && flag < OS_FLAG_N && help != NULL);
  g_free (flags->help[flag]);
  flags->help[flag] = g_strdup (help);
}

GOptionGroup *
os_flags_option_group (OsFlags *flags, guint64 accepted, const GOptionEntry *mode_entries)
{
  g_autoptr (GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  GOptionGroup *group;

  g_return_val_if_fail (flags != NULL && flags->strings != NULL, NULL);
  accepted |= OS_FLAG_BIT (OS_FLAG_VERSION);
  flags->accepted = accepted;
  for (const GOptionEntry *e = mode_entries; e != NULL && e->long_name != NULL; e++)
    g_array_append_val (entries, *e);
  for (OsFlag flag = 0; flag < OS_FLAG_N; flag++)
    {
      GOptionEntry entry = { table[flag].name, 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_flag, NULL,
                             table[flag].arg };
      const char *help;

      if (!(accepted & OS_FLAG_BIT (flag)))
        continue;
      if (table[flag].kind == KIND_SWITCH)
        entry.flags |= G_OPTION_FLAG_NO_ARG;
      if (table[flag].kind == KIND_FILE)
        entry.flags |= G_OPTION_FLAG_FILENAME;
      if (table[flag].alias_of != flag)
        entry.flags |= G_OPTION_FLAG_HIDDEN;
      help = flags->help[flag];
      if (help == NULL)
        {
          char *generated = flag_help (flags, flag);

          g_ptr_array_add (flags->strings, generated);
          help = generated;
        }
      entry.description = help;
      g_array_append_val (entries, entry);
    }
  group = g_option_group_new (NULL, NULL, NULL, flags, NULL);
  g_option_group_add_entries (group, (const GOptionEntry *) (void *) entries->data);
  g_option_group_set_parse_hooks (group, NULL, post_parse);
  return group;
}
