/* os-paramfile.c — parameter sets as GKeyFile text.
 *
 * GKeyFile parses and writes, but it reports no line numbers for values and
 * silently keeps the last of duplicated keys. So the text is first scanned
 * line by line (UTF-8, structure, unknown and duplicated keys), which also
 * records the line of every key; values are then parsed into copies,
 * checked together, and copied out only when all is well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-paramfile.h"
#include "os-keyscan.h"
#include "os-error.h"
#include "os-flags.h"
#include "os-input.h"
#include "os-limits.h"
#include "os-output.h"

#include <math.h>
#include <string.h>

typedef enum
{
  KEY_STUDENT, KEY_TEACHER,
  KEY_ETA, KEY_ALPHA0, KEY_ALPHA, KEY_BETA, KEY_LAMBDA, KEY_NOISE,
  KEY_X_AXIS, KEY_X_FROM, KEY_X_TO, KEY_X_POINTS, KEY_X_LOG,
  KEY_SIMULATE, KEY_D, KEY_SEEDS, KEY_SEED, KEY_NETWORK_SIZE,
  KEY_QUANTITY, KEY_Y_AXIS, KEY_Y_FROM, KEY_Y_TO,
  N_KEYS
} KeyId;

static const char *const key_names[N_KEYS] = {
  "student", "teacher",
  "eta", "alpha0", "alpha", "beta", "lambda", "noise",
  "x_axis", "x_from", "x_to", "x_points", "x_log",
  "simulate", "d", "seeds", "seed", "network_size",
  "quantity", "y_axis", "y_from", "y_to",
};

/* KeyId is OsParamfileKey, spelled short */
G_STATIC_ASSERT ((int) N_KEYS == (int) OS_PARAMFILE_N_KEYS);
G_STATIC_ASSERT ((int) KEY_X_POINTS == (int) OS_PARAMFILE_KEY_X_POINTS);
G_STATIC_ASSERT ((int) KEY_SEED == (int) OS_PARAMFILE_KEY_SEED);
G_STATIC_ASSERT ((int) KEY_NETWORK_SIZE == (int) OS_PARAMFILE_KEY_NETWORK_SIZE);
G_STATIC_ASSERT ((int) KEY_Y_TO == (int) OS_PARAMFILE_KEY_Y_TO);

const char *
os_paramfile_key_name (OsParamfileKey key)
{
  g_return_val_if_fail (key < OS_PARAMFILE_N_KEYS, NULL);
  return key_names[key];
}

/* the OsParamId of KEY_ETA.. KEY_NOISE */
static const OsParamId key_param[] = {
  OS_PARAM_ETA, OS_PARAM_ALPHA0, OS_PARAM_ALPHA, OS_PARAM_BETA, OS_PARAM_LAMBDA, OS_PARAM_NOISE,
};

/* ---- writing ------------------------------------------------------------ */

static void
set_double (GKeyFile *kf, const char *key, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_key_file_set_value (kf, OS_PARAMFILE_GROUP, key, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

char *
os_paramfile_to_data (const OsParams *params, const OsPresetView *view)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  char *body, *text;

  g_key_file_set_value (kf, OS_PARAMFILE_GROUP, "student", os_activation_name (params->student));
  g_key_file_set_value (kf, OS_PARAMFILE_GROUP, "teacher", os_activation_name (params->teacher));
  for (guint i = 0; i < G_N_ELEMENTS (key_param); i++)
    set_double (kf, key_names[KEY_ETA + i], os_params_get (params, key_param[i]));
  g_key_file_set_value (kf, OS_PARAMFILE_GROUP, "x_axis", os_param_info (view->sweep.axis)->name);
  set_double (kf, "x_from", view->sweep.from);
  set_double (kf, "x_to", view->sweep.to);
  g_key_file_set_integer (kf, OS_PARAMFILE_GROUP, "x_points", view->sweep.points);
  g_key_file_set_boolean (kf, OS_PARAMFILE_GROUP, "x_log", view->sweep.log_spacing);
  g_key_file_set_boolean (kf, OS_PARAMFILE_GROUP, "simulate", view->simulate);
  g_key_file_set_integer (kf, OS_PARAMFILE_GROUP, "d", view->d);
  g_key_file_set_integer (kf, OS_PARAMFILE_GROUP, "seeds", view->seeds);
  g_key_file_set_uint64 (kf, OS_PARAMFILE_GROUP, "seed", view->seed);
  if (view->network_d > 0)
    g_key_file_set_integer (kf, OS_PARAMFILE_GROUP, "network_size", view->network_d);
  else
    g_key_file_set_value (kf, OS_PARAMFILE_GROUP, "network_size", "inf");
  if (view->phase.set)
    {
      g_key_file_set_value (kf, OS_PARAMFILE_GROUP, "quantity", os_flags_quantity_name (view->phase.quantity));
      g_key_file_set_value (kf, OS_PARAMFILE_GROUP, "y_axis", os_param_info (view->phase.y_axis)->name);
      set_double (kf, "y_from", view->phase.y_from);
      set_double (kf, "y_to", view->phase.y_to);
    }

  body = g_key_file_to_data (kf, NULL, NULL);
  text = g_strconcat ("# One-Step Explorer parameter set (keys as the command-line flags)\n", body, NULL);
  g_free (body);
  return text;
}

gboolean
os_paramfile_save (const char *path, const OsParams *params, const OsPresetView *view, GError **error)
{
  g_autofree char *text = os_paramfile_to_data (params, view);

  return os_output_write (path, text, strlen (text), error);
}

/* ---- reading ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  int         line[N_KEYS];      /* 0 = absent */
} Scan;

static KeyId
key_from_name (const char *key)
{
  for (int k = 0; k < N_KEYS; k++)
    if (strcmp (key, key_names[k]) == 0)
      return (KeyId) k;
  return N_KEYS;
}

/* Structure, UTF-8, unknown and duplicated keys; records key lines. */
static gboolean
scan_lines (const char *data, gsize length, Scan *scan, GError **error)
{
  gboolean in_group = FALSE, seen_group = FALSE, skipping = FALSE;
  gsize start = 0;
  int line = 0;

  while (start < length)
    {
      gsize end = start, len;
      const char *s;
      g_autofree char *text = NULL;
      char *t;

      while (end < length && data[end] != '\n')
        end++;
      line++;
      s = data + start;
      len = end - start;
      start = end + 1;

      if (!g_utf8_validate_len (s, len, NULL))
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, NULL, "not valid UTF-8 text");
          return FALSE;
        }
      text = g_strndup (s, len);
      t = g_strstrip (text);
      if (*t == '\0' || *t == '#' || (skipping && *t != '['))
        continue;
      if (*t == '[')
        {
          char *close = strchr (t, ']');

          if (close == NULL || close[1] != '\0')
            {
              os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, NULL,
                                    "malformed group header '%s'", t);
              return FALSE;
            }
          *close = '\0';
          /* the rest of the window's view (model/os-state.h reads it) */
          if (strcmp (t + 1, OS_PARAMFILE_VIEW_GROUP) == 0)
            {
              in_group = FALSE;
              skipping = TRUE;
              continue;
            }
          skipping = FALSE;
          if (strcmp (t + 1, OS_PARAMFILE_GROUP) != 0)
            {
              os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, NULL,
                                    "unknown group [%s] (the file has one group, [%s])",
                                    t + 1, OS_PARAMFILE_GROUP);
              return FALSE;
            }
          if (seen_group)
            {
              os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, NULL,
                                    "the group [%s] appears twice", OS_PARAMFILE_GROUP);
              return FALSE;
            }
          in_group = seen_group = TRUE;
          continue;
        }
      {
        char *eq = strchr (t, '=');
        KeyId k;

        if (eq == NULL)
          {
            os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, NULL,
                                  "'%s' is not a key=value line", t);
            return FALSE;
          }
        *eq = '\0';
        g_strchomp (t);
        if (!in_group)
          {
            os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, t,
                                  "key outside the [%s] group", OS_PARAMFILE_GROUP);
            return FALSE;
          }
        k = key_from_name (t);
        if (k == N_KEYS)
          {
            os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, t,
                                  "unknown key (valid: student, teacher, eta, alpha0, alpha, beta, "
                                  "lambda, noise, x_axis, x_from, x_to, x_points, x_log, simulate, d, "
                                  "seeds, seed, network_size, quantity, y_axis, y_from, y_to)");
            return FALSE;
          }
        if (scan->line[k] != 0)
          {
            os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, t,
                                  "given twice (first on line %d)", scan->line[k]);
            return FALSE;
          }
        scan->line[k] = line;
      }
    }
  if (!seen_group)
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, 0, NULL,
                            line == 0 ? "empty file: no [%s] group" : "no [%s] group",
                            OS_PARAMFILE_GROUP);
      return FALSE;
    }
  return TRUE;
}

/* decimal only, as the flags (os-flags.h) */
static gboolean
parse_double (const char *text, double *out)
{
  return os_decimal_parse (text, out);
}

static gboolean
parse_int (const char *text, gint64 min, gint64 max, gint64 *out)
{
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

static gboolean
parse_bool (const char *text, gboolean *out)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* One value into p / v. */
static gboolean
parse_key (const Scan *scan, KeyId k, const char *value, OsParams *p, OsPresetView *v, GError **error)
{
  const char *key = key_names[k];
  int line = scan->line[k];
  double x;
  gint64 n;
  guint64 u;

  switch (k)
    {
    case KEY_STUDENT:
    case KEY_TEACHER:
      {
        OsActivation act;
        gboolean student = k == KEY_STUDENT;

        if (!os_activation_from_name (value, &act)
            || (student ? !os_activation_is_student (act) : !os_activation_is_teacher (act)))
          {
            os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                  "unknown activation '%s' (valid: %s)", value,
                                  student ? "tanh, erf, relu, sin"
                                  : "linear, tanh, erf, relu, sin, he2, he3, he1+he2");
            return FALSE;
          }
        if (student)
          p->student = act;
        else
          p->teacher = act;
        return TRUE;
      }
    case KEY_ETA: case KEY_ALPHA0: case KEY_ALPHA: case KEY_BETA: case KEY_LAMBDA: case KEY_NOISE:
      {
        OsParamId id = key_param[k - KEY_ETA];
        const OsParamInfo *info = os_param_info (id);

        if (!parse_double (value, &x))
          {
            os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, key,
                                  "'%s' %s", value, os_decimal_problem (value));
            return FALSE;
          }
        if (!os_param_check (id, x, NULL))
          {
            os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                  "%g is outside the valid range [%g, %g]", x, info->min, info->max);
            return FALSE;
          }
        os_params_set (p, id, x);
        return TRUE;
      }
    case KEY_X_AXIS:
      if (!os_param_from_name (value, &v->sweep.axis))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise)",
                                value);
          return FALSE;
        }
      return TRUE;
    case KEY_X_FROM:
    case KEY_X_TO:
      if (!parse_double (value, &x))
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, key,
                                "'%s' %s", value, os_decimal_problem (value));
          return FALSE;
        }
      if (k == KEY_X_FROM)
        v->sweep.from = x;
      else
        v->sweep.to = x;
      return TRUE;
    case KEY_X_POINTS:
      /* a plotted axis: a line needs two points */
      if (!parse_int (value, OS_PLOT_MIN_POINTS, OS_SWEEP_MAX_POINTS, &n))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "'%s' is not an integer in [%d, %d]", value, OS_PLOT_MIN_POINTS,
                                OS_SWEEP_MAX_POINTS);
          return FALSE;
        }
      v->sweep.points = (int) n;
      return TRUE;
    case KEY_X_LOG:
    case KEY_SIMULATE:
      {
        gboolean b;

        if (!parse_bool (value, &b))
          {
            os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, key,
                                  "'%s' is not true or false", value);
            return FALSE;
          }
        if (k == KEY_X_LOG)
          v->sweep.log_spacing = b;
        else
          v->simulate = b;
        return TRUE;
      }
    case KEY_D:
      if (!parse_int (value, OS_SIM_MIN_D, OS_SIM_MAX_D, &n))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "'%s' is not an integer in [%d, %d]", value, OS_SIM_MIN_D, OS_SIM_MAX_D);
          return FALSE;
        }
      v->d = (int) n;
      return TRUE;
    case KEY_SEEDS:
      if (!parse_int (value, 1, OS_SIM_MAX_SEEDS, &n))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "'%s' is not an integer in [1, %d]", value, OS_SIM_MAX_SEEDS);
          return FALSE;
        }
      v->seeds = (int) n;
      return TRUE;
    case KEY_SEED:
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &u, NULL))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "'%s' is not an unsigned 64-bit integer", value);
          return FALSE;
        }
      v->seed = u;
      return TRUE;
    case KEY_QUANTITY:
      if (!os_flags_quantity_from_name (value, &v->phase.quantity))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "unknown quantity '%s' (valid: eg, gain-kernel, gain-linear, best-lambda)", value);
          return FALSE;
        }
      return TRUE;
    case KEY_Y_AXIS:
      {
        OsParamId axis;
        gboolean log_spacing;

        if (!os_param_from_name (value, &axis))
          {
            os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                  "unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise)", value);
            return FALSE;
          }
        if (axis != v->phase.y_axis)
          os_phase_axis_default_range (axis, &v->phase.y_from, &v->phase.y_to, &log_spacing);
        v->phase.y_axis = axis;
        return TRUE;
      }
    case KEY_Y_FROM:
    case KEY_Y_TO:
      if (!parse_double (value, &x))
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->name, line, key, "'%s' is not a finite number", value);
          return FALSE;
        }
      if (k == KEY_Y_FROM)
        v->phase.y_from = x;
      else
        v->phase.y_to = x;
      return TRUE;
    case KEY_NETWORK_SIZE:
      if (g_ascii_strcasecmp (value, "inf") == 0)
        {
          v->network_d = 0;
          return TRUE;
        }
      if (!parse_int (value, OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX, &n))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, line, key,
                                "'%s' is neither inf nor an integer in [%d, %d]", value,
                                OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX);
          return FALSE;
        }
      v->network_d = (int) n;
      return TRUE;
    case N_KEYS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The phase keys together: the diagram they set must be valid. */
static gboolean
check_phase (const Scan *scan, const OsPresetView *v, GError **error)
{
  g_autoptr (GError) local = NULL;
  KeyId k = scan->line[KEY_Y_FROM] ? KEY_Y_FROM : scan->line[KEY_Y_TO] ? KEY_Y_TO
            : scan->line[KEY_Y_AXIS] ? KEY_Y_AXIS : KEY_QUANTITY;

  if (os_preset_phase_validate (&v->phase, "y_from", "y_to", &local))
    return TRUE;
  os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, scan->line[k], key_names[k], "%s",
                        local->message);
  return FALSE;
}

/* The x-axis keys together: the range must lie in the axis's range. */
static gboolean
check_sweep (const Scan *scan, const OsPresetView *v, GError **error)
{
  const OsParamInfo *info;
  const double ends[2] = { v->sweep.from, v->sweep.to };
  const KeyId keys[2] = { KEY_X_FROM, KEY_X_TO };

  if (v->sweep.axis >= OS_PARAM_N)
    {
      os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, scan->line[KEY_X_AXIS],
                            "x_axis", "no valid x-axis");
      return FALSE;
    }
  info = os_param_info (v->sweep.axis);
  for (int e = 0; e < 2; e++)
    {
      KeyId k = scan->line[keys[e]] ? keys[e] : KEY_X_AXIS;

      if (!os_param_check (v->sweep.axis, ends[e], NULL))
        {
          os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, scan->line[k], key_names[k],
                                "%s = %g is outside the range of %s [%g, %g]", key_names[keys[e]],
                                ends[e], info->name, info->min, info->max);
          return FALSE;
        }
    }
  if (v->sweep.from == v->sweep.to)
    {
      KeyId k = scan->line[KEY_X_TO] ? KEY_X_TO : scan->line[KEY_X_FROM] ? KEY_X_FROM : KEY_X_AXIS;

      os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, scan->line[k], key_names[k],
                            "an empty range (x_from = x_to = %g): the x-axis needs two different ends",
                            v->sweep.from);
      return FALSE;
    }
  if (v->sweep.log_spacing && (v->sweep.from <= 0 || v->sweep.to <= 0))
    {
      KeyId k = scan->line[KEY_X_LOG] ? KEY_X_LOG : scan->line[KEY_X_FROM] ? KEY_X_FROM : KEY_X_AXIS;

      os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->name, scan->line[k], key_names[k],
                            "a log axis needs a positive range (got %g to %g)", v->sweep.from, v->sweep.to);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_paramfile_load_data (const char      *data,
                        gssize           length,
                        const char      *name,
                        OsParams        *params,
                        OsPresetView    *view,
                        OsParamfileKeys *keys,
                        GError         **error)
{
  Scan scan = { .name = name != NULL ? name : "(parameters)" };
  g_autoptr (GKeyFile) kf = NULL;
  g_autoptr (GError) kf_error = NULL;
  OsParams p;
  OsPresetView v;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  len = length < 0 ? strlen (data) : (gsize) length;
  /* a byte-order mark, as some editors write: not part of the text (the
   * line numbers are unchanged) */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (len > OS_PARAMFILE_MAX_SIZE)
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, scan.name, 0, NULL,
                            "too large for a parameter file (%" G_GSIZE_FORMAT " bytes, limit %d)",
                            len, OS_PARAMFILE_MAX_SIZE);
      return FALSE;
    }
  if (!scan_lines (data, len, &scan, error))
    return FALSE;

  kf = g_key_file_new ();
  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_NONE, &kf_error))
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, scan.name, 0, NULL, "%s", kf_error->message);
      return FALSE;
    }

  /* parse into copies */
  if (params != NULL)
    p = *params;
  else
    os_params_init_default (&p);
  if (view != NULL)
    v = *view;
  else
    os_preset_view_init_default (&v);
  /* a file with any phase key sets the whole diagram: from its defaults
   * (or what was set before), the keys over them, in key order */
  if ((scan.line[KEY_QUANTITY] || scan.line[KEY_Y_AXIS] || scan.line[KEY_Y_FROM] || scan.line[KEY_Y_TO])
      && !v.phase.set)
    os_preset_phase_init_default (&v.phase, OS_PARAM_ALPHA);
  for (int k = 0; k < N_KEYS; k++)
    {
      g_autofree char *value = NULL;

      if (scan.line[k] == 0)
        continue;
      value = g_key_file_get_value (kf, OS_PARAMFILE_GROUP, key_names[k], NULL);
      if (value == NULL)
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan.name, scan.line[k], key_names[k], "no value");
          return FALSE;
        }
      g_strstrip (value);
      if (!parse_key (&scan, (KeyId) k, value, &p, &v, error))
        return FALSE;
    }
  if ((scan.line[KEY_X_AXIS] || scan.line[KEY_X_FROM] || scan.line[KEY_X_TO] || scan.line[KEY_X_LOG])
      && !check_sweep (&scan, &v, error))
    return FALSE;
  if (v.phase.set && !check_phase (&scan, &v, error))
    return FALSE;

  /* commit */
  if (params != NULL)
    *params = p;
  if (view != NULL)
    *view = v;
  if (keys != NULL)
    {
      memset (keys, 0, sizeof *keys);
      keys->student = scan.line[KEY_STUDENT] != 0;
      keys->teacher = scan.line[KEY_TEACHER] != 0;
      for (guint i = 0; i < G_N_ELEMENTS (key_param); i++)
        keys->param[key_param[i]] = scan.line[KEY_ETA + i] != 0;
      keys->x_axis = scan.line[KEY_X_AXIS] != 0;
      keys->x_from = scan.line[KEY_X_FROM] != 0;
      keys->x_to = scan.line[KEY_X_TO] != 0;
      keys->x_points = scan.line[KEY_X_POINTS] != 0;
      keys->x_log = scan.line[KEY_X_LOG] != 0;
      keys->simulate = scan.line[KEY_SIMULATE] != 0;
      keys->d = scan.line[KEY_D] != 0;
      keys->seeds = scan.line[KEY_SEEDS] != 0;
      keys->seed = scan.line[KEY_SEED] != 0;
      keys->phase = scan.line[KEY_QUANTITY] || scan.line[KEY_Y_AXIS] || scan.line[KEY_Y_FROM] || scan.line[KEY_Y_TO];
      keys->network_size = scan.line[KEY_NETWORK_SIZE] != 0;
      for (int k = 0; k < N_KEYS; k++)
        keys->line[k] = scan.line[k];
    }
  return TRUE;
}

gboolean
os_paramfile_load (const char      *path,
                   OsParams        *params,
                   OsPresetView    *view,
                   OsParamfileKeys *keys,
                   GError         **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) io_error = NULL;
  gsize len;

  /* no FIFO, device or folder, and never more than the limit + 1 byte */
  if (!os_input_read_regular (path, OS_PARAMFILE_MAX_SIZE, &data, &len, &io_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      if (g_error_matches (io_error, OS_ERROR, OS_ERROR_TOO_LARGE))
        g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
                     "%s: too large for a parameter file (more than %d bytes)", display,
                     OS_PARAMFILE_MAX_SIZE);
      else
        g_set_error (error, OS_ERROR, OS_ERROR_IO, "%s", io_error->message);
      return FALSE;
    }
  {
    g_autofree char *display = g_filename_display_name (path);

    return os_paramfile_load_data (data, len, display, params, view, keys, error);
  }
}

gboolean
os_paramfile_is_key (const char *key)
{
  return key != NULL && key_from_name (key) != N_KEYS;
}
