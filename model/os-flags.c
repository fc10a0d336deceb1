/* os-flags.c — the table of shared flags, their help texts and their
 * strict parsers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-flags.h"
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
  KIND_SIZE,      /* a positive number with an optional unit       */
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
  [OS_FLAG_QUANTITY]     = { "quantity",     KIND_WORD,    "NAME",  OS_FLAG_QUANTITY },
  [OS_FLAG_Y_AXIS]       = { "y-axis",       KIND_WORD,    "NAME",  OS_FLAG_Y_AXIS },
  [OS_FLAG_Y_FROM]       = { "y-from",       KIND_NUMBER,  "A",     OS_FLAG_Y_FROM },
  [OS_FLAG_Y_TO]         = { "y-to",         KIND_NUMBER,  "B",     OS_FLAG_Y_TO },
  [OS_FLAG_WIDTH]        = { "width",        KIND_SIZE,    "SIZE",  OS_FLAG_WIDTH },
  [OS_FLAG_HEIGHT]       = { "height",       KIND_SIZE,    "SIZE",  OS_FLAG_HEIGHT },
  [OS_FLAG_DPI]          = { "dpi",          KIND_NUMBER,  "N",     OS_FLAG_DPI },
  [OS_FLAG_LEGEND]       = { "legend",       KIND_WORD,    "WHERE", OS_FLAG_LEGEND },
  [OS_FLAG_NO_TITLE]     = { "no-title",     KIND_SWITCH,  NULL,    OS_FLAG_NO_TITLE },
  [OS_FLAG_MARKER]       = { "marker",       KIND_SWITCH,  NULL,    OS_FLAG_MARKER },
  [OS_FLAG_FONT_SIZE]    = { "font-size",    KIND_NUMBER,  "PT",    OS_FLAG_FONT_SIZE },
  [OS_FLAG_LOG_Y]        = { "log-y",        KIND_SWITCH,  NULL,    OS_FLAG_LOG_Y },
  [OS_FLAG_YLIM]         = { "ylim",         KIND_WORD,    "A,B",   OS_FLAG_YLIM },
  [OS_FLAG_BOXES]        = { "boxes",        KIND_FILE,    "FILE.json", OS_FLAG_BOXES },
  [OS_FLAG_VERSION]      = { "version",      KIND_SWITCH,  NULL,    OS_FLAG_VERSION },
  [OS_FLAG_X_FROM]       = { "x-from",       KIND_NUMBER,  "A",     OS_FLAG_X_FROM },
  [OS_FLAG_X_TO]         = { "x-to",         KIND_NUMBER,  "B",     OS_FLAG_X_TO },
  [OS_FLAG_ANIMATE]      = { "animate",      KIND_WORD,    "NAME",  OS_FLAG_ANIMATE },
  [OS_FLAG_ANIMATE_FROM] = { "animate-from", KIND_NUMBER,  "A",     OS_FLAG_ANIMATE_FROM },
  [OS_FLAG_ANIMATE_TO]   = { "animate-to",   KIND_NUMBER,  "B",     OS_FLAG_ANIMATE_TO },
  [OS_FLAG_FRAMES]       = { "frames",       KIND_INTEGER, "N",     OS_FLAG_FRAMES },
  [OS_FLAG_FPS]          = { "fps",          KIND_INTEGER, "F",     OS_FLAG_FPS },
  [OS_FLAG_BOUNCE]       = { "bounce",       KIND_SWITCH,  NULL,    OS_FLAG_BOUNCE },
  [OS_FLAG_HIDE]         = { "hide",         KIND_WORD,    "LIST",  OS_FLAG_HIDE },
  [OS_FLAG_PIN]          = { "pin",          KIND_WORD,    "SPEC",  OS_FLAG_PIN },
  [OS_FLAG_OPTIMAL_ETA]  = { "optimal-eta",  KIND_SWITCH,  NULL,    OS_FLAG_OPTIMAL_ETA },
  [OS_FLAG_LESSON]       = { "lesson",       KIND_FILE,    "NAME",  OS_FLAG_LESSON },
  [OS_FLAG_STEP]         = { "step",         KIND_INTEGER, "K",     OS_FLAG_STEP },
  [OS_FLAG_COMPARE]      = { "compare",      KIND_WORD,    "NAME=V1,V2,…", OS_FLAG_COMPARE },
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

const char *
os_decimal_format (double v, char buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  char format[8];

  if (v == 0 || (fabs (v) >= 1e-4 && fabs (v) < 1e15))
    for (int decimals = 0; decimals <= 17; decimals++)
      {
        g_snprintf (format, sizeof format, "%%.%df", decimals);
        g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, v);
        if (g_ascii_strtod (buf, NULL) == v)
          return buf;
      }
  for (int digits = 1; digits <= 17; digits++)
    {
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return buf;
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
  flags->quantity = OS_PHASE_TEST_ERROR;
  flags->y_axis = OS_PARAM_ETA;
  os_figure_style_init_export (&flags->style);
  os_page_size_init (&flags->page_size, 1200, 800);
  os_animation_init_default (&flags->animation);
  flags->strings = g_ptr_array_new_with_free_func (g_free);
  flags->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
os_flags_clear (OsFlags *flags)
{
  g_return_if_fail (flags != NULL);
  g_clear_pointer (&flags->page, g_free);
  g_clear_pointer (&flags->boxes, g_free);
  g_clear_pointer (&flags->lesson, g_free);
  for (int i = 0; i < OS_STATE_MAX_PINS; i++)
    g_clear_pointer (&flags->pin_specs[i], g_free);
  g_clear_pointer (&flags->strings, g_ptr_array_unref);
  g_clear_pointer (&flags->warnings, g_ptr_array_unref);
  for (int i = 0; i < OS_FLAG_N; i++)
    {
      g_clear_pointer (&flags->help[i], g_free);
      g_clear_pointer (&flags->file_of[i], g_free);
    }
}

const char *
os_flags_name (OsFlag flag)
{
  g_return_val_if_fail (flag < OS_FLAG_N, NULL);
  return table[flag].name;
}

gboolean
os_flags_given (const OsFlags *flags, OsFlag flag)
{
  g_return_val_if_fail (flags != NULL && flag < OS_FLAG_N, FALSE);
  return (flags->given & OS_FLAG_BIT (flag)) != 0;
}

/* ------------------------------------------------------- quantities */

static const char *const quantity_names[OS_PHASE_N_QUANTITIES] = {
  [OS_PHASE_TEST_ERROR] = "eg", [OS_PHASE_GAIN_KERNEL] = "gain-kernel",
  [OS_PHASE_GAIN_LINEAR] = "gain-linear", [OS_PHASE_OPTIMAL_LAMBDA] = "best-lambda",
};

const char *
os_flags_quantity_name (OsPhaseQuantity q)
{
  g_return_val_if_fail (q < OS_PHASE_N_QUANTITIES, "eg");
  return quantity_names[q];
}

gboolean
os_flags_quantity_from_name (const char *name, OsPhaseQuantity *out)
{
  for (int q = 0; name != NULL && q < OS_PHASE_N_QUANTITIES; q++)
    if (g_ascii_strcasecmp (name, quantity_names[q]) == 0)
      {
        *out = (OsPhaseQuantity) q;
        return TRUE;
      }
  return os_phase_quantity_from_name (name, out);
}

/* ------------------------------------------------------------ parsing */

static gboolean
parse_activation (const char *flag, const char *value, gboolean student, OsActivation *out, GError **error)
{
  OsActivation act;

  if (!os_activation_from_name (value, &act)
      || (student ? !os_activation_is_student (act) : !os_activation_is_teacher (act)))
    {
      g_autofree char *names = os_flags_activation_names (student);

      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: unknown activation '%s' (valid: %s)", flag, value, names);
      return FALSE;
    }
  *out = act;
  return TRUE;
}

/* --compare NAME=v1,v2,…: two to OS_COMPARE_MAX_VALUES values, each in
 * the parameter's range */
static gboolean
parse_compare (OsFlags *flags, const char *option_name, const char *value, GError **error)
{
  const char *eq = strchr (value, '=');
  g_autofree char *name = eq != NULL ? g_strndup (value, eq - value) : NULL;
  g_auto (GStrv) parts = NULL;
  int n = 0;

  if (eq == NULL || !os_param_from_name (g_strstrip (name), &flags->compare_param))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "%s: '%s' is not NAME=v1,v2,… with NAME one of eta, alpha0, alpha, beta, lambda, noise",
                   option_name, value);
      return FALSE;
    }
  parts = g_strsplit (eq + 1, ",", -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      double x;

      if (n == OS_COMPARE_MAX_VALUES)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: at most %d values", option_name,
                       OS_COMPARE_MAX_VALUES);
          return FALSE;
        }
      if (!os_flags_parse_number (option_name, g_strstrip (parts[i]), &x, error))
        return FALSE;
      if (!os_param_check (flags->compare_param, x, error))
        {
          g_prefix_error (error, "%s: ", option_name);
          return FALSE;
        }
      flags->compare_values[n++] = x;
    }
  if (n < 2)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: give two values or more (NAME=v1,v2,…)",
                   option_name);
      return FALSE;
    }
  flags->compare = TRUE;
  flags->n_compare = n;
  return TRUE;
}

/* --ylim A,B: two finite numbers, A < B */
static gboolean
parse_ylim (OsFlags *flags, const char *option_name, const char *value, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (value, ",", -1);
  double a, b;

  if (g_strv_length (parts) != 2 || !os_decimal_parse (g_strstrip (parts[0]), &a)
      || !os_decimal_parse (g_strstrip (parts[1]), &b))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: '%s' is not two numbers A,B (for example 0,0.5)",
                   option_name, value);
      return FALSE;
    }
  if (!(a < b))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %g,%g is not a range (A < B)", option_name, a, b);
      return FALSE;
    }
  flags->style.y_fixed = TRUE;
  flags->style.y_min = a;
  flags->style.y_max = b;
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
    case OS_FLAG_HIDE:
      {
        g_autoptr (GError) local = NULL;

        if (!os_series_mask_parse (value, &flags->hidden, &local))
          {
            g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %s", option_name, local->message);
            return FALSE;
          }
        return TRUE;
      }
    case OS_FLAG_PIN:
      {
        OsParams check;
        g_autoptr (GError) local = NULL;

        if (flags->n_pins >= OS_STATE_MAX_PINS)
          {
            g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: at most %d pins", option_name,
                         OS_STATE_MAX_PINS);
            return FALSE;
          }
        /* checked now, read against the final parameters when the parse ends */
        if (!os_pin_parse (value, &flags->params, &check, &local))
          {
            g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %s", option_name, local->message);
            return FALSE;
          }
        flags->pin_specs[flags->n_pins++] = g_strdup (value);
        return TRUE;
      }
    case OS_FLAG_COMPARE:
      return parse_compare (flags, option_name, value, error);
    case OS_FLAG_ANIMATE:
      {
        OsParamId param;

        if (!os_param_from_name (value, &param))
          {
            g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                         "%s: unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise)",
                         option_name, value);
            return FALSE;
          }
        flags->animate = TRUE;
        os_animation_set_param (&flags->animation, param);
        return TRUE;
      }
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
    case OS_FLAG_QUANTITY:
      if (!os_flags_quantity_from_name (value, &flags->quantity))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: unknown quantity '%s' (valid: eg, gain-kernel, gain-linear, best-lambda)",
                       option_name, value);
          return FALSE;
        }
      return TRUE;
    case OS_FLAG_Y_AXIS:
      if (!os_param_from_name (value, &flags->y_axis))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise)",
                       option_name, value);
          return FALSE;
        }
      return TRUE;
    case OS_FLAG_LEGEND:
      if (!os_legend_place_from_name (value, &flags->style.legend))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: unknown legend position '%s' (valid: best, outside, none)", option_name, value);
          return FALSE;
        }
      return TRUE;
    case OS_FLAG_YLIM:
      return parse_ylim (flags, option_name, value, error);
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
    case OS_FLAG_Y_FROM:
      return os_flags_parse_number (option_name, value, &flags->y_from, error);
    case OS_FLAG_Y_TO:
      return os_flags_parse_number (option_name, value, &flags->y_to, error);
    case OS_FLAG_WIDTH:
      return os_length_parse (option_name, value, &flags->page_size.width, error);
    case OS_FLAG_HEIGHT:
      return os_length_parse (option_name, value, &flags->page_size.height, error);
    case OS_FLAG_DPI:
      if (!os_flags_parse_number (option_name, value, &x, error))
        return FALSE;
      if (!(x >= OS_DPI_MIN && x <= OS_DPI_MAX))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %s is outside the valid range [%g, %g]",
                       option_name, value, OS_DPI_MIN, OS_DPI_MAX);
          return FALSE;
        }
      flags->page_size.dpi = x;
      return TRUE;
    case OS_FLAG_FONT_SIZE:
      if (!os_flags_parse_number (option_name, value, &x, error))
        return FALSE;
      if (!(x >= OS_FONT_SIZE_MIN && x <= OS_FONT_SIZE_MAX))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: %s is outside the valid range [%g, %g] pt",
                       option_name, value, OS_FONT_SIZE_MIN, OS_FONT_SIZE_MAX);
          return FALSE;
        }
      flags->style.font_size = x;
      return TRUE;
    case OS_FLAG_BOXES:
      g_free (flags->boxes);
      flags->boxes = g_strdup (value);
      return TRUE;
    case OS_FLAG_TO:
      return os_flags_parse_number (option_name, value, &flags->to, error);
    case OS_FLAG_X_FROM:
      return os_flags_parse_number (option_name, value, &flags->x_from, error);
    case OS_FLAG_X_TO:
      return os_flags_parse_number (option_name, value, &flags->x_to, error);
    case OS_FLAG_ANIMATE_FROM:
      return os_flags_parse_number (option_name, value, &flags->animate_from, error);
    case OS_FLAG_ANIMATE_TO:
      return os_flags_parse_number (option_name, value, &flags->animate_to, error);
    case OS_FLAG_STEP:
      return os_flags_parse_int32 (option_name, value, 1, 1000, &flags->step, error);
    case OS_FLAG_LESSON:
      g_free (flags->lesson);
      flags->lesson = g_strdup (value);
      return TRUE;
    case OS_FLAG_FRAMES:
      return os_flags_parse_int32 (option_name, value, OS_ANIMATION_MIN_FRAMES, OS_ANIMATION_MAX_FRAMES,
                                   &flags->animation.frames, error);
    case OS_FLAG_FPS:
      return os_flags_parse_int32 (option_name, value, OS_ANIMATION_MIN_FPS, OS_ANIMATION_MAX_FPS,
                                   &flags->animation.fps, error);
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
    case OS_FLAG_NO_TITLE:     flags->style.title = FALSE;  break;
    case OS_FLAG_MARKER:       flags->style.marker = TRUE;  break;
    case OS_FLAG_LOG_Y:        flags->style.log_y = TRUE;   break;
    case OS_FLAG_BOUNCE:       flags->animation.bounce = TRUE; break;
    case OS_FLAG_OPTIMAL_ETA:  flags->optimal_eta = TRUE;   break;
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
os_flags_get_phase (const OsFlags *flags, OsParamId x_axis, OsPresetPhase *phase, GError **error)
{
  OsPresetPhase p = flags->view.phase;

  g_return_val_if_fail (flags != NULL && phase != NULL, FALSE);
  if (!p.set)
    os_preset_phase_init_default (&p, x_axis);
  if (os_flags_given (flags, OS_FLAG_QUANTITY))
    p.quantity = flags->quantity;
  if (os_flags_given (flags, OS_FLAG_Y_AXIS) && flags->y_axis != p.y_axis)
    {
      gboolean log_spacing;

      p.y_axis = flags->y_axis;
      os_phase_axis_default_range (p.y_axis, &p.y_from, &p.y_to, &log_spacing);
    }
  if (os_flags_given (flags, OS_FLAG_Y_FROM))
    p.y_from = flags->y_from;
  if (os_flags_given (flags, OS_FLAG_Y_TO))
    p.y_to = flags->y_to;
  if (!os_preset_phase_validate (&p, "--y-from", "--y-to", error))
    return FALSE;
  *phase = p;
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
  /* with --animate, --from and --to are the animation's */
  if (os_flags_given (flags, OS_FLAG_FROM) && !flags->animate)
    s.from = flags->from;
  if (os_flags_given (flags, OS_FLAG_TO) && !flags->animate)
    s.to = flags->to;
  if (os_flags_given (flags, OS_FLAG_X_FROM))
    s.from = flags->x_from;
  if (os_flags_given (flags, OS_FLAG_X_TO))
    s.to = flags->x_to;
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
  if (flags->animate)
    {
      /* --animate NAME set the usual range; --from, --to, then the
       * unambiguous --animate-from, --animate-to */
      if (os_flags_given (flags, OS_FLAG_FROM))
        flags->animation.from = flags->from;
      if (os_flags_given (flags, OS_FLAG_TO))
        flags->animation.to = flags->to;
      if (os_flags_given (flags, OS_FLAG_ANIMATE_FROM))
        flags->animation.from = flags->animate_from;
      if (os_flags_given (flags, OS_FLAG_ANIMATE_TO))
        flags->animation.to = flags->animate_to;
      if (!os_animation_validate (&flags->animation, error))
        return FALSE;
    }
  else if (flags->given & (OS_FLAGS_ANIMATION & ~OS_FLAG_BIT (OS_FLAG_ANIMATE)))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--animate-from, --animate-to, --frames, --fps and --bounce need --animate NAME");
      return FALSE;
    }
  /* --pin: what differs from the parameters the command line ends with */
  for (int i = 0; i < flags->n_pins; i++)
    if (flags->pin_specs[i] != NULL && !os_pin_parse (flags->pin_specs[i], &flags->params, &flags->pins[i], error))
      {
        g_prefix_error (error, "--pin: ");
        return FALSE;
      }
  if (os_flags_given (flags, OS_FLAG_STEP) && flags->lesson == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--step needs --lesson NAME|FILE");
      return FALSE;
    }
  if (flags->use == OS_FLAGS_FOR_WINDOW)
    {
      /* the window's x-axis: the sweep flags over the file's or preset's */
      OsSweep base = flags->view.sweep;

      if (!os_flags_get_sweep (flags, &base, NULL, &flags->view.sweep, error))
        return FALSE;
      /* the phase diagram's flags over the file's */
      if ((flags->given & OS_FLAGS_PHASE) && !os_flags_get_phase (flags, OS_PARAM_ALPHA, &flags->view.phase, error))
        return FALSE;
    }
  return TRUE;
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
          char *generated = os_flags_help_text (flags, flag);

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
