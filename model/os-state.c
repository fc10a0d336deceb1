/* os-state.c — the whole view: defaults, checks, pins, and the [view]
 * group of a parameter set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-state.h"
#include "os-input.h"
#include "os-output.h"
#include "os-error.h"
#include "os-flags.h"
#include "os-limits.h"
#include "os-paramfile.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static const char *const page_names[OS_PAGE_N] = { "curves", "phase" };

const char *
os_page_name (OsPage page)
{
  g_return_val_if_fail (page < OS_PAGE_N, "curves");
  return page_names[page];
}

gboolean
os_page_from_name (const char *name, OsPage *out)
{
  for (int i = 0; i < OS_PAGE_N && name != NULL; i++)
    if (g_ascii_strcasecmp (name, page_names[i]) == 0)
      {
        *out = (OsPage) i;
        return TRUE;
      }
  return FALSE;
}

void
os_state_phase (const OsState *state, OsPresetPhase *phase)
{
  if (state->view.phase.set)
    *phase = state->view.phase;
  else
    os_preset_phase_init_default (phase, OS_PARAM_ALPHA);
}

void
os_state_init_default (OsState *state)
{
  memset (state, 0, sizeof *state);
  os_params_init_default (&state->params);
  os_preset_view_init_default (&state->view);
  os_preset_phase_init_default (&state->view.phase, OS_PARAM_ALPHA);
  state->spectrum = OS_SPECTRUM_WEIGHTS;
  state->page = OS_PAGE_CURVES;
  os_animation_init_default (&state->animation);
}

static gboolean
params_equal (const OsParams *a, const OsParams *b)
{
  if (a->student != b->student || a->teacher != b->teacher)
    return FALSE;
  for (int i = 0; i < OS_PARAM_N; i++)
    if (os_params_get (a, i) != os_params_get (b, i))
      return FALSE;
  return TRUE;
}

gboolean
os_state_equal (const OsState *a, const OsState *b)
{
  OsPresetPhase pa, pb;

  os_state_phase (a, &pa);
  os_state_phase (b, &pb);
  if (pa.quantity != pb.quantity || pa.y_axis != pb.y_axis || pa.y_from != pb.y_from || pa.y_to != pb.y_to)
    return FALSE;
  if (!params_equal (&a->params, &b->params) || !os_preset_view_equal (&a->view, &b->view)
      || a->spectrum != b->spectrum || !a->centered != !b->centered || !a->spectrum_log != !b->spectrum_log
      || !a->optimal_eta != !b->optimal_eta || a->page != b->page || a->hidden != b->hidden || !a->animate != !b->animate || a->n_pins != b->n_pins)
    return FALSE;
  if (a->animate && !os_animation_equal (&a->animation, &b->animation))
    return FALSE;
  for (int i = 0; i < a->n_pins; i++)
    if (!params_equal (&a->pins[i], &b->pins[i]))
      return FALSE;
  return TRUE;
}

gboolean
os_state_validate (const OsState *state, GError **error)
{
  if (!os_params_validate (&state->params, error) || !os_preset_view_validate (&state->view, error))
    return FALSE;
  if (state->view.phase.set && !os_preset_phase_validate (&state->view.phase, "y_from", "y_to", error))
    return FALSE;
  if (state->spectrum != OS_SPECTRUM_WEIGHTS && state->spectrum != OS_SPECTRUM_FEATURES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "spectrum: not weights or features");
      return FALSE;
    }
  if (state->page >= OS_PAGE_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "page: not curves or phase");
      return FALSE;
    }
  if (state->hidden & ~(OS_SERIES_BIT (OS_SERIES_ID_N) - 1))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "hide: unknown series");
      return FALSE;
    }
  if (state->animate && !os_animation_validate (&state->animation, error))
    return FALSE;
  if (state->n_pins < 0 || state->n_pins > OS_STATE_MAX_PINS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "pins: at most %d", OS_STATE_MAX_PINS);
      return FALSE;
    }
  for (int i = 0; i < state->n_pins; i++)
    if (!os_params_validate (&state->pins[i], error))
      {
        g_prefix_error (error, "pin %d: ", i + 1);
        return FALSE;
      }
  return TRUE;
}

void
os_state_to_view (const OsState *state, OsView *view)
{
  os_view_init_default (view);
  view->sweep = state->view.sweep;
  view->spectrum_matrix = state->spectrum;
  view->spectrum_centered = state->centered;
  view->spectrum_log = state->spectrum_log;
  view->simulate = state->view.simulate;
  view->sim.d = state->view.d;
  view->sim.seeds = state->view.seeds;
  view->sim.seed = state->view.seed;
  view->network_d = state->view.network_d;
}

/* ---- pins --------------------------------------------------------------- */

static char *
format_double (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

char *
os_pin_format (const OsParams *pin, const OsParams *base)
{
  GString *s = g_string_new (NULL);

  if (pin->student != base->student)
    g_string_append_printf (s, "student=%s", os_activation_name (pin->student));
  if (pin->teacher != base->teacher)
    g_string_append_printf (s, "%steacher=%s", s->len ? "," : "", os_activation_name (pin->teacher));
  for (int i = 0; i < OS_PARAM_N; i++)
    if (os_params_get (pin, i) != os_params_get (base, i))
      {
        g_autofree char *v = format_double (os_params_get (pin, i));

        g_string_append_printf (s, "%s%s=%s", s->len ? "," : "", os_param_info (i)->name, v);
      }
  return g_string_free (s, FALSE);
}

gboolean
os_pin_parse (const char *text, const OsParams *base, OsParams *pin, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  OsParams p = *base;

  for (int i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]), *eq;
      OsParamId id;
      double v;

      if (*item == '\0')
        continue;
      eq = strchr (item, '=');
      if (eq == NULL)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s' is not NAME=VALUE (e.g. eta=0.5,alpha0=2)", item);
          return FALSE;
        }
      *eq = '\0';
      g_strchomp (item);
      if (g_str_equal (item, "student") || g_str_equal (item, "teacher"))
        {
          gboolean student = g_str_equal (item, "student");
          OsActivation act;

          if (!os_activation_from_name (g_strstrip (eq + 1), &act)
              || (student ? !os_activation_is_student (act) : !os_activation_is_teacher (act)))
            {
              g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: unknown activation '%s'", item, eq + 1);
              return FALSE;
            }
          if (student)
            p.student = act;
          else
            p.teacher = act;
          continue;
        }
      if (!os_param_from_name (item, &id))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "unknown parameter '%s' (valid: student, teacher, eta, alpha0, alpha, beta, lambda, noise)",
                       item);
          return FALSE;
        }
      if (!os_decimal_parse (g_strstrip (eq + 1), &v))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: '%s' is not a finite number", item, eq + 1);
          return FALSE;
        }
      if (!os_param_check (id, v, error))
        return FALSE;
      os_params_set (&p, id, v);
    }
  *pin = p;
  return TRUE;
}

char *
os_pin_label (const OsParams *pin, const OsParams *base)
{
  GString *s = g_string_new (NULL);

  if (pin->student != base->student)
    g_string_append_printf (s, "σ = %s", os_activation_name (pin->student));
  if (pin->teacher != base->teacher)
    g_string_append_printf (s, "%sσ* = %s", s->len ? ", " : "", os_activation_name (pin->teacher));
  for (int i = 0; i < OS_PARAM_N; i++)
    if (os_params_get (pin, i) != os_params_get (base, i))
      g_string_append_printf (s, "%s%s = %.3g", s->len ? ", " : "", os_param_info (i)->symbol,
                              os_params_get (pin, i));
  if (s->len == 0)
    g_string_append (s, "the same parameters");
  return g_string_free (s, FALSE);
}

/* ---- the [view] group ----------------------------------------------------- */

typedef enum
{
  VK_SPECTRUM, VK_CENTERED, VK_SPECTRUM_LOG, VK_OPTIMAL_ETA, VK_PAGE, VK_HIDE,
  VK_ANIMATE, VK_ANIMATE_FROM, VK_ANIMATE_TO, VK_FRAMES, VK_FPS, VK_BOUNCE,
  VK_PIN1, VK_PIN2, VK_PIN3, VK_PIN4,
  N_VIEW_KEYS
} ViewKey;

static const char *const view_keys[N_VIEW_KEYS] = {
  "spectrum", "centered", "spectrum_log", "optimal_eta", "page", "hide",
  "animate", "animate_from", "animate_to", "frames", "fps", "bounce",
  "pin1", "pin2", "pin3", "pin4",
};

const char *
os_state_view_keys (void)
{
  return "spectrum, centered, spectrum_log, optimal_eta, page, hide, animate, animate_from, animate_to, "
         "frames, fps, bounce, pin1, pin2, pin3, pin4";
}

static gboolean
parse_bool (const char *text, gboolean *out)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

gboolean
os_state_parse_view_key (OsState *state, const char *source, const OsKeyscanEntry *e, gboolean *known,
                         GError **error)
{
  const char *v = e->value;
  g_autoptr (GError) local = NULL;
  int k;
  double x;
  gint64 n;
  gboolean b;

  for (k = 0; k < N_VIEW_KEYS; k++)
    if (g_str_equal (e->key, view_keys[k]))
      break;
  *known = k < N_VIEW_KEYS;
  if (!*known)
    return TRUE;

#define FAIL(code, ...) \
  G_STMT_START { os_keyscan_set_error (error, code, source, e->line, e->key, __VA_ARGS__); return FALSE; } G_STMT_END

  switch ((ViewKey) k)
    {
    case VK_SPECTRUM:
      if (g_ascii_strcasecmp (v, "weights") == 0)
        state->spectrum = OS_SPECTRUM_WEIGHTS;
      else if (g_ascii_strcasecmp (v, "features") == 0)
        state->spectrum = OS_SPECTRUM_FEATURES;
      else
        FAIL (OS_ERROR_INVALID_ARGUMENT, "'%s' is not a matrix (valid: weights, features)", v);
      return TRUE;
    case VK_CENTERED: case VK_SPECTRUM_LOG: case VK_OPTIMAL_ETA: case VK_BOUNCE:
      if (!parse_bool (v, &b))
        FAIL (OS_ERROR_PARSE, "'%s' is not true or false", v);
      if (k == VK_CENTERED)
        state->centered = b;
      else if (k == VK_SPECTRUM_LOG)
        state->spectrum_log = b;
      else if (k == VK_OPTIMAL_ETA)
        state->optimal_eta = b;
      else
        state->animation.bounce = b;
      return TRUE;
    case VK_PAGE:
      if (!os_page_from_name (v, &state->page))
        FAIL (OS_ERROR_INVALID_ARGUMENT, "unknown page '%s' (valid: curves, phase)", v);
      return TRUE;
    case VK_ANIMATE:
      {
        OsParamId id;

        if (*v == '\0' || g_ascii_strcasecmp (v, "none") == 0)
          {
            state->animate = FALSE;
            return TRUE;
          }
        if (!os_param_from_name (v, &id))
          FAIL (OS_ERROR_INVALID_ARGUMENT, "unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise, none)",
                v);
        state->animate = TRUE;
        state->animation.param = id;
        return TRUE;
      }
    case VK_ANIMATE_FROM: case VK_ANIMATE_TO:
      if (!os_decimal_parse (v, &x))
        FAIL (OS_ERROR_PARSE, "'%s' is not a finite number", v);
      if (k == VK_ANIMATE_FROM)
        state->animation.from = x;
      else
        state->animation.to = x;
      return TRUE;
    case VK_FRAMES: case VK_FPS:
      {
        gint64 lo = k == VK_FRAMES ? OS_ANIMATION_MIN_FRAMES : OS_ANIMATION_MIN_FPS;
        gint64 hi = k == VK_FRAMES ? OS_ANIMATION_MAX_FRAMES : OS_ANIMATION_MAX_FPS;

        if (!g_ascii_string_to_signed (v, 10, lo, hi, &n, NULL))
          FAIL (OS_ERROR_INVALID_ARGUMENT, "'%s' is not an integer in [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                v, lo, hi);
        if (k == VK_FRAMES)
          state->animation.frames = (int) n;
        else
          state->animation.fps = (int) n;
        return TRUE;
      }
    case VK_HIDE:
      if (!os_series_mask_parse (v, &state->hidden, &local))
        FAIL (OS_ERROR_INVALID_ARGUMENT, "%s", local->message);
      return TRUE;
    case VK_PIN1: case VK_PIN2: case VK_PIN3: case VK_PIN4:
      {
        int i = k - VK_PIN1;

        if (i > state->n_pins)
          FAIL (OS_ERROR_INVALID_ARGUMENT, "pin%d comes before pin%d", i + 1, state->n_pins + 1);
        if (!os_pin_parse (v, &state->params, &state->pins[i], &local))
          FAIL (OS_ERROR_INVALID_ARGUMENT, "%s", local->message);
        state->n_pins = MAX (state->n_pins, i + 1);
        return TRUE;
      }
    case N_VIEW_KEYS:
    default:
      break;
    }
#undef FAIL
  g_return_val_if_reached (FALSE);
}

static void
put (GString *s, const char *key, const char *value)
{
  g_string_append_printf (s, "%s=%s\n", key, value);
}

static void
put_double (GString *s, const char *key, double v)
{
  g_autofree char *text = format_double (v);

  put (s, key, text);
}

static void
put_int (GString *s, const char *key, int v)
{
  g_string_append_printf (s, "%s=%d\n", key, v);
}

char *
os_state_to_data (const OsState *state)
{
  g_autofree char *params = os_paramfile_to_data (&state->params, &state->view);
  g_autofree char *hidden = os_series_mask_format (state->hidden);
  GString *s = g_string_new (params);

  g_string_append_printf (s, "\n[%s]\n", OS_STATE_VIEW_GROUP);
  put (s, "spectrum", state->spectrum == OS_SPECTRUM_FEATURES ? "features" : "weights");
  put (s, "centered", state->centered ? "true" : "false");
  put (s, "spectrum_log", state->spectrum_log ? "true" : "false");
  put (s, "optimal_eta", state->optimal_eta ? "true" : "false");
  put (s, "page", os_page_name (state->page));
  put (s, "hide", hidden);
  put (s, "animate", state->animate ? os_param_info (state->animation.param)->name : "none");
  if (state->animate)
    {
      put_double (s, "animate_from", state->animation.from);
      put_double (s, "animate_to", state->animation.to);
      put_int (s, "frames", state->animation.frames);
      put_int (s, "fps", state->animation.fps);
      put (s, "bounce", state->animation.bounce ? "true" : "false");
    }
  for (int i = 0; i < state->n_pins; i++)
    {
      g_autofree char *key = g_strdup_printf ("pin%d", i + 1);
      g_autofree char *spec = os_pin_format (&state->pins[i], &state->params);

      put (s, key, spec);
    }
  return g_string_free (s, FALSE);
}

gboolean
os_state_save (const char *path, const OsState *state, GError **error)
{
  g_autofree char *text = os_state_to_data (state);

  /* whole or not at all, a link's target replaced, the mode kept */
  return os_output_write (path, text, strlen (text), error);
}

gboolean
os_state_load_data (const char *data, gssize length, const char *name, OsState *state,
                    OsParamfileKeys *keys, GError **error)
{
  g_autoptr (OsKeyscan) scan = NULL;
  const OsKeyscanGroup *group;
  OsState s = *state;

  if (!os_paramfile_load_data (data, length, name, &s.params, &s.view, keys, error))
    return FALSE;
  scan = os_keyscan_parse (data, length, name, error);
  if (scan == NULL)
    return FALSE;
  group = os_keyscan_group (scan, OS_STATE_VIEW_GROUP);
  for (guint i = 0; group != NULL && i < group->entries->len; i++)
    {
      const OsKeyscanEntry *e = g_ptr_array_index (group->entries, i);
      gboolean known;

      if (!os_state_parse_view_key (&s, scan->source, e, &known, error))
        return FALSE;
      if (!known)
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, e->line, e->key, "unknown key (valid: %s)",
                                os_state_view_keys ());
          return FALSE;
        }
    }
  if (!os_state_validate (&s, error))
    {
      g_prefix_error (error, "%s: [%s]: ", scan->source, OS_STATE_VIEW_GROUP);
      return FALSE;
    }
  *state = s;
  return TRUE;
}

gboolean
os_state_load (const char *path, OsState *state, OsParamfileKeys *keys, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr (GError) io_error = NULL;
  gsize len;

  /* no FIFO, device or folder, and never more than the limit + 1 byte */
  if (!os_input_read_regular (path, OS_PARAMFILE_MAX_SIZE, &data, &len, &io_error))
    {
      if (g_error_matches (io_error, OS_ERROR, OS_ERROR_TOO_LARGE))
        g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: too large for a parameter file (more than %d bytes)",
                     display, OS_PARAMFILE_MAX_SIZE);
      else
        g_set_error (error, OS_ERROR, OS_ERROR_IO, "%s", io_error->message);
      return FALSE;
    }
  return os_state_load_data (data, len, display, state, keys, error);
}
