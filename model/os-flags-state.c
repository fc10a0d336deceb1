/* os-flags-state.c — the window's whole view (model/os-state.h) from the
 * shared flags, and the flags that spell a view: "Copy as command line".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-flags.h"
#include "os-flags-private.h"

#include <string.h>

void
os_flags_get_state (const OsFlags *flags, OsState *state)
{
  g_return_if_fail (flags != NULL && state != NULL);

  os_state_init_default (state);
  state->params = flags->params;
  state->view = flags->view;
  state->spectrum = flags->spectrum;
  state->centered = flags->centered;
  state->spectrum_log = flags->spectrum_log;
  state->optimal_eta = flags->optimal_eta;
  if (flags->page != NULL)
    os_page_from_name (flags->page, &state->page);
  state->hidden = flags->hidden;
  state->animate = flags->animate;
  state->animation = flags->animation;
  state->n_pins = flags->n_pins;
  for (int i = 0; i < flags->n_pins; i++)
    state->pins[i] = flags->pins[i];
}

/* ---- writing -------------------------------------------------------------- */

static void
add (GPtrArray *argv, OsFlag flag, const char *value)
{
  g_ptr_array_add (argv, g_strconcat ("--", os_flags_name (flag), NULL));
  if (value != NULL)
    g_ptr_array_add (argv, g_strdup (value));
}

/* the shortest of %.6g … %.17g that reads back as the same double */
static char *
number (double v)
{
  static const char *const formats[] = { "%.6g", "%.9g", "%.12g", "%.15g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return g_strdup (buf);
}

static void
add_number (GPtrArray *argv, OsFlag flag, double v)
{
  g_autofree char *text = number (v);

  add (argv, flag, text);
}

static void
add_int (GPtrArray *argv, OsFlag flag, gint64 v)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, v);

  add (argv, flag, text);
}

GStrv
os_state_to_argv (const OsState *state)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  OsState def;
  OsSweep base;
  const OsSweep *sw = &state->view.sweep;

  g_return_val_if_fail (state != NULL, NULL);
  os_state_init_default (&def);

  /* the parameters */
  if (state->params.student != def.params.student)
    add (argv, OS_FLAG_STUDENT, os_activation_name (state->params.student));
  if (state->params.teacher != def.params.teacher)
    add (argv, OS_FLAG_TEACHER, os_activation_name (state->params.teacher));
  for (int i = 0; i < OS_PARAM_N; i++)
    if (os_params_get (&state->params, i) != os_params_get (&def.params, i))
      add_number (argv, OS_FLAG_ETA + i, os_params_get (&state->params, i));

  /* the x-axis: --sweep NAME brings the axis's usual range; then what
   * differs (--x-from/--x-to, whatever --animate does to --from/--to) */
  base = def.view.sweep;
  if (sw->axis != base.axis)
    {
      add (argv, OS_FLAG_SWEEP, os_param_info (sw->axis)->name);
      base.axis = sw->axis;
      os_axis_default_range (sw->axis, &base.from, &base.to, &base.log_spacing);
    }
  if (sw->from != base.from)
    add_number (argv, OS_FLAG_X_FROM, sw->from);
  if (sw->to != base.to)
    add_number (argv, OS_FLAG_X_TO, sw->to);
  if (sw->points != base.points)
    add_int (argv, OS_FLAG_POINTS, sw->points);
  if (!sw->log_spacing != !base.log_spacing)
    add (argv, sw->log_spacing ? OS_FLAG_LOG : OS_FLAG_LINEAR, NULL);

  /* the network */
  if (state->view.simulate)
    add (argv, OS_FLAG_SIMULATE, NULL);
  if (state->view.d != def.view.d)
    add_int (argv, OS_FLAG_D, state->view.d);
  if (state->view.seeds != def.view.seeds)
    add_int (argv, OS_FLAG_SEEDS, state->view.seeds);
  if (state->view.seed != def.view.seed)
    add_int (argv, OS_FLAG_SEED, (gint64) state->view.seed);
  if (state->view.network_d != def.view.network_d)
    {
      if (state->view.network_d > 0)
        add_int (argv, OS_FLAG_NETWORK_SIZE, state->view.network_d);
      else
        add (argv, OS_FLAG_NETWORK_SIZE, "inf");
    }

  /* the spectrum, η̃*, the page */
  if (state->spectrum != def.spectrum)
    add (argv, OS_FLAG_SPECTRUM, state->spectrum == OS_SPECTRUM_FEATURES ? "features" : "weights");
  if (state->centered)
    add (argv, OS_FLAG_CENTERED, NULL);
  if (state->spectrum_log)
    add (argv, OS_FLAG_SPECTRUM_LOG, NULL);
  if (state->optimal_eta)
    add (argv, OS_FLAG_OPTIMAL_ETA, NULL);
  if (state->page != def.page)
    add (argv, OS_FLAG_PAGE, os_page_name (state->page));

  /* the phase diagram: --y-axis NAME brings its usual range */
  {
    OsPresetPhase ph, def_ph;
    double from, to;
    gboolean log_spacing;

    os_state_phase (state, &ph);
    os_state_phase (&def, &def_ph);
    if (ph.quantity != def_ph.quantity)
      add (argv, OS_FLAG_QUANTITY, os_flags_quantity_name (ph.quantity));
    from = def_ph.y_from;
    to = def_ph.y_to;
    if (ph.y_axis != def_ph.y_axis)
      {
        add (argv, OS_FLAG_Y_AXIS, os_param_info (ph.y_axis)->name);
        os_phase_axis_default_range (ph.y_axis, &from, &to, &log_spacing);
      }
    if (ph.y_from != from)
      add_number (argv, OS_FLAG_Y_FROM, ph.y_from);
    if (ph.y_to != to)
      add_number (argv, OS_FLAG_Y_TO, ph.y_to);
  }

  /* what is shown */
  if (state->hidden != 0)
    {
      g_autofree char *list = os_series_mask_format (state->hidden);

      add (argv, OS_FLAG_HIDE, list);
    }
  for (int i = 0; i < state->n_pins; i++)
    {
      g_autofree char *spec = os_pin_format (&state->pins[i], &state->params);

      add (argv, OS_FLAG_PIN, spec);
    }

  /* the animation */
  if (state->animate)
    {
      const OsAnimation *a = &state->animation;
      OsAnimation base_a = def.animation;

      add (argv, OS_FLAG_ANIMATE, os_param_info (a->param)->name);
      os_animation_set_param (&base_a, a->param);
      if (a->from != base_a.from)
        add_number (argv, OS_FLAG_ANIMATE_FROM, a->from);
      if (a->to != base_a.to)
        add_number (argv, OS_FLAG_ANIMATE_TO, a->to);
      if (a->frames != base_a.frames)
        add_int (argv, OS_FLAG_FRAMES, a->frames);
      if (a->fps != base_a.fps)
        add_int (argv, OS_FLAG_FPS, a->fps);
      if (a->bounce)
        add (argv, OS_FLAG_BOUNCE, NULL);
    }
  g_ptr_array_add (argv, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&argv), FALSE);
}

char *
os_state_to_command_line (const OsState *state)
{
  g_auto (GStrv) argv = os_state_to_argv (state);
  GString *s = g_string_new ("onestep-explorer");

  for (int i = 0; argv[i] != NULL; i++)
    {
      const char *a = argv[i];
      gboolean plain = *a != '\0' && strspn (a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                "0123456789-_.,=+/:") == strlen (a);

      if (plain)
        g_string_append_printf (s, " %s", a);
      else
        {
          g_autofree char *quoted = g_shell_quote (a);

          g_string_append_printf (s, " %s", quoted);
        }
    }
  return g_string_free (s, FALSE);
}
