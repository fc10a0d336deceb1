/* os-flags-file.c — --params FILE and --preset NAME as flags at their
 * place on the command line.
 *
 * The window takes a file or a preset whole: the parameters and the view
 * (x-axis, simulation), inside its own limits. A command-line mode takes
 * the parameters, and each view key as the flag it spells, if the mode
 * takes that flag: the x-axis keys as the x-axis the window would draw
 * (--sweep, --from, --to, --log/--linear, with x_points as --points), then
 * simulate, d, seeds, seed and network_size (theory's --d is the network
 * size: there network_size acts as --d), and the phase diagram's quantity,
 * y_axis, y_from, y_to together (export). A key the mode does not use is
 * named in a warning, never dropped in silence. A preset sets the
 * parameters only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-flags-private.h"
#include "os-error.h"
#include "os-paramfile.h"

/* what --params and --preset set in the window (flags before them are overridden) */
#define VIEW_FLAGS (OS_FLAGS_SWEEP | OS_FLAG_BIT (OS_FLAG_SIMULATE) | OS_FLAGS_NETWORK \
                    | OS_FLAG_BIT (OS_FLAG_NETWORK_SIZE) | OS_FLAGS_PHASE)

#define X_KEYS_FIRST OS_PARAMFILE_KEY_X_AXIS
#define X_KEYS_LAST  OS_PARAMFILE_KEY_X_LOG

/* the flag each view key acts as */
static const OsFlag view_key_flag[OS_PARAMFILE_N_KEYS] = {
  [OS_PARAMFILE_KEY_X_AXIS]   = OS_FLAG_SWEEP,
  [OS_PARAMFILE_KEY_X_FROM]   = OS_FLAG_FROM,
  [OS_PARAMFILE_KEY_X_TO]     = OS_FLAG_TO,
  [OS_PARAMFILE_KEY_X_POINTS] = OS_FLAG_POINTS,
  [OS_PARAMFILE_KEY_X_LOG]    = OS_FLAG_LOG,
  [OS_PARAMFILE_KEY_SIMULATE] = OS_FLAG_SIMULATE,
  [OS_PARAMFILE_KEY_D]        = OS_FLAG_D,
  [OS_PARAMFILE_KEY_SEEDS]    = OS_FLAG_SEEDS,
  [OS_PARAMFILE_KEY_SEED]     = OS_FLAG_SEED,
  [OS_PARAMFILE_KEY_NETWORK_SIZE] = OS_FLAG_NETWORK_SIZE,
  [OS_PARAMFILE_KEY_QUANTITY] = OS_FLAG_QUANTITY,
  [OS_PARAMFILE_KEY_Y_AXIS]   = OS_FLAG_Y_AXIS,
  [OS_PARAMFILE_KEY_Y_FROM]   = OS_FLAG_Y_FROM,
  [OS_PARAMFILE_KEY_Y_TO]     = OS_FLAG_Y_TO,
};

static const char *
flag_name (OsFlag flag)
{
  switch (flag)
    {
    case OS_FLAG_SWEEP:    return "--sweep";
    case OS_FLAG_FROM:     return "--from";
    case OS_FLAG_TO:       return "--to";
    case OS_FLAG_POINTS:   return "--points";
    case OS_FLAG_LOG:      return "--log";
    case OS_FLAG_LINEAR:   return "--linear";
    case OS_FLAG_SIMULATE: return "--simulate";
    case OS_FLAG_D:        return "--d";
    case OS_FLAG_SEEDS:    return "--seeds";
    case OS_FLAG_SEED:     return "--seed";
    default:               return "this flag";
    }
}

/* the file key that set flag, if the last file did */
static OsParamfileKey
key_of_flag (OsFlag flag)
{
  if (flag == OS_FLAG_LINEAR)
    flag = OS_FLAG_LOG;
  for (int k = X_KEYS_FIRST; k < OS_PARAMFILE_N_KEYS; k++)
    if (view_key_flag[k] == flag)
      return (OsParamfileKey) k;
  return OS_PARAMFILE_N_KEYS;
}

static void
warn_key (OsFlags *flags, const char *file, OsParamfileKey key, int line, const char *why)
{
  g_ptr_array_add (flags->warnings, g_strdup_printf ("%s:%d: %s: not used (%s)", file, line,
                                                     os_paramfile_key_name (key), why));
}

gboolean
os_flags_warn_file_key (OsFlags *flags, OsFlag flag, const char *why)
{
  OsParamfileKey key = key_of_flag (flag);

  g_return_val_if_fail (flags != NULL && flag < OS_FLAG_N && why != NULL, FALSE);
  if (!(flags->from_file & OS_FLAG_BIT (flag)))
    return FALSE;
  /* a flag the file's x-axis implied without its key has no line */
  if (key != OS_PARAMFILE_N_KEYS && flags->file_line[flag] != 0)
    warn_key (flags, flags->file_of[flag], key, flags->file_line[flag], why);
  return TRUE;
}

void
os_flags_forget_file_value (OsFlags *flags, OsFlag flag)
{
  const guint64 spacing = OS_FLAG_BIT (OS_FLAG_LOG) | OS_FLAG_BIT (OS_FLAG_LINEAR);

  /* --log replaces the file's x_log=false (--linear) and the other way */
  if ((OS_FLAG_BIT (flag) & spacing) && (flags->from_file & spacing))
    {
      flags->given &= ~(flags->from_file & spacing);
      flags->from_file &= ~spacing;
    }
  flags->from_file &= ~OS_FLAG_BIT (flag);
}

/* flag as given by the file's line */
static void
set_from_file (OsFlags *flags, const char *file, OsFlag flag, int line)
{
  flags->given |= OS_FLAG_BIT (flag);
  flags->from_file |= OS_FLAG_BIT (flag);
  g_free (flags->file_of[flag]);
  flags->file_of[flag] = g_strdup (file);
  flags->file_line[flag] = line;
}

/* Whether the mode uses the key of flag; if not, the key gets a warning. */
static gboolean
mode_uses (OsFlags *flags, const char *file, OsParamfileKey key, OsFlag flag, int line)
{
  if (flags->file_key_unused[flag] != NULL)
    {
      warn_key (flags, file, key, line, flags->file_key_unused[flag]);
      return FALSE;
    }
  if (!(flags->accepted & OS_FLAG_BIT (flag)))
    {
      g_autofree char *why = g_strdup_printf ("this mode has no %s", flag_name (flag));

      warn_key (flags, file, key, line, why);
      return FALSE;
    }
  return TRUE;
}

/* "FILE:LINE: KEY: N is outside the valid range [min, max]" */
static gboolean
check_key_range (const char *file, OsParamfileKey key, int line, gint64 value, gint64 min, gint64 max,
                 const char *whose, GError **error)
{
  if (value >= min && value <= max)
    return TRUE;
  g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
               "%s:%d: %s: %" G_GINT64_FORMAT " is outside the %s range [%" G_GINT64_FORMAT ", %"
               G_GINT64_FORMAT "]", file, line, os_paramfile_key_name (key), value, whose, min, max);
  return FALSE;
}

/* Whether the mode takes the keys first..last as flag (they act together);
 * if not, each key the file has is named in a warning. */
static gboolean
group_used (OsFlags *flags, const char *file, const OsParamfileKeys *keys, OsParamfileKey first,
            OsParamfileKey last, OsFlag flag)
{
  g_autofree char *why = NULL;

  if (flags->file_key_unused[flag] == NULL && (flags->accepted & OS_FLAG_BIT (flag)))
    return TRUE;
  why = flags->file_key_unused[flag] != NULL ? g_strdup (flags->file_key_unused[flag])
                                             : g_strdup_printf ("this mode has no %s", flag_name (flag));
  for (int k = (int) first; k <= (int) last; k++)
    if (keys->line[k] != 0)
      warn_key (flags, file, (OsParamfileKey) k, keys->line[k], why);
  return FALSE;
}

/* A command-line mode: each view key of the file as its flag, or a warning. */
static gboolean
apply_view_keys (OsFlags *flags, const char *file, const OsPresetView *view, const OsParamfileKeys *keys,
                 GError **error)
{
  gboolean any_x = FALSE;

  for (int k = X_KEYS_FIRST; k <= X_KEYS_LAST; k++)
    any_x |= keys->line[k] != 0;
  if (any_x && group_used (flags, file, keys, X_KEYS_FIRST, X_KEYS_LAST, OS_FLAG_SWEEP))
    {
      /* the x-axis the window would draw from the file */
      OsFlag spacing = view->sweep.log_spacing ? OS_FLAG_LOG : OS_FLAG_LINEAR;
      int points_line = keys->line[OS_PARAMFILE_KEY_X_POINTS];

      flags->sweep_axis = view->sweep.axis;
      flags->from = view->sweep.from;
      flags->to = view->sweep.to;
      flags->log_spacing = view->sweep.log_spacing;
      flags->given &= ~(OS_FLAG_BIT (OS_FLAG_LOG) | OS_FLAG_BIT (OS_FLAG_LINEAR));
      flags->from_file &= ~(OS_FLAG_BIT (OS_FLAG_LOG) | OS_FLAG_BIT (OS_FLAG_LINEAR));
      for (int k = X_KEYS_FIRST; k <= X_KEYS_LAST; k++)
        {
          OsFlag flag = k == OS_PARAMFILE_KEY_X_LOG ? spacing : view_key_flag[k];

          if (k != OS_PARAMFILE_KEY_X_POINTS)
            set_from_file (flags, file, flag, keys->line[k]);
        }
      if (points_line != 0 && mode_uses (flags, file, OS_PARAMFILE_KEY_X_POINTS, OS_FLAG_POINTS, points_line))
        {
          if (!check_key_range (file, OS_PARAMFILE_KEY_X_POINTS, points_line, view->sweep.points,
                                flags->points_min, OS_SWEEP_MAX_POINTS, "valid", error))
            return FALSE;
          flags->points = view->sweep.points;
          set_from_file (flags, file, OS_FLAG_POINTS, points_line);
        }
    }

  /* the phase diagram's keys together, as the phase diagram's settings */
  if (keys->phase
      && group_used (flags, file, keys, OS_PARAMFILE_KEY_QUANTITY, OS_PARAMFILE_KEY_Y_TO, OS_FLAG_QUANTITY))
    {
      flags->view.phase = view->phase;
      flags->given &= ~OS_FLAGS_PHASE;
    }

  for (int k = OS_PARAMFILE_KEY_SIMULATE; k <= OS_PARAMFILE_KEY_NETWORK_SIZE; k++)
    {
      OsFlag flag = view_key_flag[k];
      int line = keys->line[k];

      if (line != 0 && k == OS_PARAMFILE_KEY_NETWORK_SIZE && flags->file_network_size_is_d)
        {
          /* theory's --d is the network size; d → ∞ is its default */
          if (view->network_d == 0)
            {
              flags->given &= ~OS_FLAG_BIT (OS_FLAG_D);
              continue;
            }
          if (!check_key_range (file, k, line, view->network_d, flags->d_min, flags->d_max, "valid", error))
            return FALSE;
          flags->view.d = view->network_d;
          set_from_file (flags, file, OS_FLAG_D, line);
          continue;
        }
      if (line == 0 || !mode_uses (flags, file, (OsParamfileKey) k, flag, line))
        continue;
      switch (flag)
        {
        case OS_FLAG_SIMULATE:
          flags->view.simulate = view->simulate;
          break;
        case OS_FLAG_D:
          if (!check_key_range (file, k, line, view->d, flags->d_min, flags->d_max, "valid", error))
            return FALSE;
          flags->view.d = view->d;
          break;
        case OS_FLAG_SEEDS:
          if (!check_key_range (file, k, line, view->seeds, 1, flags->seeds_max, "valid", error))
            return FALSE;
          flags->view.seeds = view->seeds;
          break;
        case OS_FLAG_NETWORK_SIZE:
          flags->view.network_d = view->network_d;
          break;
        case OS_FLAG_SEED:
        default:
          flags->view.seed = view->seed;
          break;
        }
      set_from_file (flags, file, flag, line);
    }
  return TRUE;
}

gboolean
os_flags_check_window_file (const char *file, const OsPresetView *view, const OsParamfileKeys *keys,
                            GError **error)
{
  if (keys != NULL && keys->line[OS_PARAMFILE_KEY_D] != 0
      && !check_key_range (file, OS_PARAMFILE_KEY_D, keys->line[OS_PARAMFILE_KEY_D], view->d,
                           OS_WINDOW_MIN_D, OS_WINDOW_MAX_D, "window's", error))
    return FALSE;
  if (keys != NULL && keys->line[OS_PARAMFILE_KEY_SEEDS] != 0
      && !check_key_range (file, OS_PARAMFILE_KEY_SEEDS, keys->line[OS_PARAMFILE_KEY_SEEDS], view->seeds,
                           1, OS_WINDOW_MAX_SEEDS, "window's", error))
    return FALSE;
  return os_flags_check_window_simulation (view->d, view->seeds, error);
}

/* The window: the whole view, inside the window's limits. */
static gboolean
apply_window_view (OsFlags *flags, const char *file, const OsPresetView *view, const OsParamfileKeys *keys,
                   GError **error)
{
  if (!os_flags_check_window_file (file, view, keys, error))
    return FALSE;
  flags->view = *view;
  flags->view_given = TRUE;
  flags->given &= ~VIEW_FLAGS;
  return TRUE;
}

/* The window and a parameter file: the rest of the view (the spectrum's
 * settings, the page, hidden series, pins, the animation), the file's
 * [view] group over the flags so far. */
static gboolean
apply_window_state (OsFlags *flags, const char *path, GError **error)
{
  OsState state;

  os_flags_get_state (flags, &state);
  if (!os_state_load (path, &state, NULL, error))
    return FALSE;
  flags->spectrum = state.spectrum;
  flags->centered = state.centered;
  flags->spectrum_log = state.spectrum_log;
  flags->optimal_eta = state.optimal_eta;
  g_free (flags->page);
  flags->page = g_strdup (os_page_name (state.page));
  flags->hidden = state.hidden;
  flags->animate = state.animate;
  flags->animation = state.animation;
  flags->n_pins = state.n_pins;
  for (int i = 0; i < OS_STATE_MAX_PINS; i++)
    {
      flags->pins[i] = state.pins[i];
      g_clear_pointer (&flags->pin_specs[i], g_free);
    }
  flags->given &= ~(OS_FLAGS_SPECTRUM_VIEW | OS_FLAG_BIT (OS_FLAG_PAGE) | OS_FLAGS_SHOWN
                    | OS_FLAGS_ANIMATION);
  return TRUE;
}

gboolean
os_flags_load_file_or_preset (OsFlags *flags, const char *option_name, OsFlag flag, const char *value,
                              GError **error)
{
  gboolean window = flags->use == OS_FLAGS_FOR_WINDOW;
  OsParams params = flags->params;
  OsPresetView view = flags->view;
  OsParamfileKeys keys = { 0 };
  g_autofree char *file = NULL;

  if (flag == OS_FLAG_PARAMS)
    {
      /* a mode resolves the file's x-axis as the window would, from its default */
      if (!window)
        os_preset_view_init_default (&view);
      if (!os_paramfile_load (value, &params, &view, &keys, error))
        {
          g_prefix_error (error, "%s: ", option_name);
          return FALSE;
        }
      file = g_filename_display_name (value);
    }
  else
    {
      const OsPreset *preset = os_preset_lookup (value, error);

      if (preset == NULL)
        return FALSE;
      params = preset->params;
      view = preset->view;
      keys.student = keys.teacher = TRUE;
      for (int i = 0; i < OS_PARAM_N; i++)
        keys.param[i] = TRUE;
    }
  if (window
      && !apply_window_view (flags, file, &view, flag == OS_FLAG_PARAMS ? &keys : NULL, error))
    {
      g_prefix_error (error, "%s: ", option_name);
      return FALSE;
    }
  if (!window && flag == OS_FLAG_PARAMS && !apply_view_keys (flags, file, &view, &keys, error))
    {
      g_prefix_error (error, "%s: ", option_name);
      return FALSE;
    }
  flags->params = params;
  if (keys.student)
    flags->given &= ~OS_FLAG_BIT (OS_FLAG_STUDENT);
  if (keys.teacher)
    flags->given &= ~OS_FLAG_BIT (OS_FLAG_TEACHER);
  for (int i = 0; i < OS_PARAM_N; i++)
    if (keys.param[i])
      flags->given &= ~OS_FLAG_BIT (OS_FLAG_ETA + i);
  if (window && flag == OS_FLAG_PARAMS && !apply_window_state (flags, value, error))
    {
      g_prefix_error (error, "%s: ", option_name);
      return FALSE;
    }
  return TRUE;
}
