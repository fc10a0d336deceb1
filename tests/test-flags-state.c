/* test-flags-state.c — the window's whole view (model/os-state.h) through
 * the shared flags and through parameter files: "Copy as command line"
 * parses back to the same state, a saved parameter set loads back to the
 * same state, the [view] group's errors name the line and the key, and a
 * file with a [view] group is still a parameter set for every mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-error.h"
#include "os-flags.h"
#include "os-paramfile.h"
#include "os-state.h"

#include <glib/gstdio.h>
#include <string.h>

/* Parses argv as the window's command line into a state. */
static gboolean
parse_window (GStrv args, OsState *state, GError **error)
{
  OsFlags flags;
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  char **v;
  int argc;
  gboolean ok;

  os_flags_init (&flags, OS_FLAGS_FOR_WINDOW);
  g_option_context_set_main_group (ctx, os_flags_option_group (&flags, OS_FLAGS_WINDOW, NULL));
  g_ptr_array_add (argv, (gpointer) "onestep-explorer");
  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, args[i]);
  g_ptr_array_add (argv, NULL);
  argc = argv->len - 1;
  v = (char **) argv->pdata;
  ok = g_option_context_parse (ctx, &argc, &v, error);
  if (ok)
    {
      g_assert_cmpint (argc, ==, 1);
      os_flags_get_state (&flags, state);
    }
  g_clear_pointer (&ctx, g_option_context_free);
  os_flags_clear (&flags);
  return ok;
}

static void
assert_round_trip (const OsState *state)
{
  g_auto (GStrv) argv = os_state_to_argv (state);
  g_autofree char *line = os_state_to_command_line (state);
  g_autoptr (GError) error = NULL;
  OsState back, loaded;
  g_autofree char *text = os_state_to_data (state);
  g_auto (GStrv) shell = NULL;
  int n;

  g_assert_true (os_state_validate (state, &error));
  g_test_message ("%s", line);
  g_assert_true (parse_window (argv, &back, &error));
  g_assert_no_error (error);
  g_assert_true (os_state_equal (state, &back));

  /* the quoted line, split as a shell would */
  g_assert_true (g_str_has_prefix (line, "onestep-explorer"));
  g_assert_true (g_shell_parse_argv (line, &n, &shell, &error));
  g_assert_true (parse_window (shell + 1, &back, &error));
  g_assert_no_error (error);
  g_assert_true (os_state_equal (state, &back));

  /* the parameter set file */
  os_state_init_default (&loaded);
  g_assert_true (os_state_load_data (text, -1, "state.params", &loaded, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (os_state_equal (state, &loaded));
}

static void
test_defaults (void)
{
  OsState state;
  g_auto (GStrv) argv = NULL;
  g_autofree char *line = NULL;

  os_state_init_default (&state);
  argv = os_state_to_argv (&state);
  g_assert_cmpuint (g_strv_length (argv), ==, 0);   /* nothing to say */
  line = os_state_to_command_line (&state);
  g_assert_cmpstr (line, ==, "onestep-explorer");
  assert_round_trip (&state);
}

static void
test_everything (void)
{
  OsState s;

  os_state_init_default (&s);
  s.params.student = OS_ACT_RELU;
  s.params.teacher = OS_ACT_HE1_HE2;
  s.params.eta = 2.345678901234;
  s.params.alpha0 = 0.1 + 0.2;     /* not a short decimal */
  s.params.lambda = 1e-5;
  s.params.noise = 0.25;
  s.view.sweep = (OsSweep) { OS_PARAM_LAMBDA, 1e-4, 0.5, 80, TRUE };
  s.view.simulate = TRUE;
  s.view.d = 600;
  s.view.seeds = 3;
  s.view.seed = 7;
  s.view.network_d = 0;            /* --network-size inf */
  s.spectrum = OS_SPECTRUM_FEATURES;
  s.centered = TRUE;
  s.spectrum_log = TRUE;
  s.optimal_eta = TRUE;
  s.page = OS_PAGE_PHASE;
  s.hidden = OS_SERIES_BIT (OS_SERIES_ID_FLOOR_SPIKE) | OS_SERIES_BIT (OS_SERIES_ID_TRAIN);
  s.n_pins = 3;
  s.pins[0] = s.params;
  s.pins[0].eta = 0;
  s.pins[1] = s.params;
  s.pins[1].eta = 5;
  s.pins[1].teacher = OS_ACT_SIN;
  s.pins[2] = s.params;            /* the same set */
  s.animate = TRUE;
  s.animation = (OsAnimation) { OS_PARAM_ALPHA0, 20, 0.5, 48, 12, TRUE };
  assert_round_trip (&s);
}

static void
test_x_axis_and_animation (void)
{
  OsState s;

  /* an x-axis range beside an animation: --x-from/--x-to, --animate-from */
  os_state_init_default (&s);
  s.view.sweep.from = 0.5;
  s.view.sweep.to = 3;
  s.animate = TRUE;
  os_animation_set_param (&s.animation, OS_PARAM_ETA);
  s.animation.to = 2;
  assert_round_trip (&s);
  /* an axis of its own with its usual range, and the default animation */
  os_state_init_default (&s);
  s.view.sweep.axis = OS_PARAM_ETA;
  os_axis_default_range (OS_PARAM_ETA, &s.view.sweep.from, &s.view.sweep.to, &s.view.sweep.log_spacing);
  s.animate = TRUE;
  os_animation_set_param (&s.animation, OS_PARAM_LAMBDA);
  assert_round_trip (&s);
}

static void
test_from_to_meaning (void)
{
  OsState s;
  g_autoptr (GError) error = NULL;
  char *with[] = { (char *) "--from", (char *) "0.5", (char *) "--to", (char *) "2", (char *) "--animate",
                   (char *) "eta", NULL };
  char *without[] = { (char *) "--from", (char *) "0.5", (char *) "--to", (char *) "2", NULL };

  /* with --animate, --from and --to are the animation's */
  g_assert_true (parse_window (with, &s, &error));
  g_assert_true (s.animate);
  g_assert_cmpfloat (s.animation.from, ==, 0.5);
  g_assert_cmpfloat (s.animation.to, ==, 2);
  g_assert_cmpfloat (s.view.sweep.from, ==, 0.1);
  /* without, the x-axis's */
  g_assert_true (parse_window (without, &s, &error));
  g_assert_false (s.animate);
  g_assert_cmpfloat (s.view.sweep.from, ==, 0.5);
  g_assert_cmpfloat (s.view.sweep.to, ==, 2);
}

static void
test_bad_flags (void)
{
  struct { const char *args[5]; const char *message; } cases[] = {   /* NULL-terminated */
    { { "--hide", "floor", NULL }, "--hide: unknown series 'floor'" },
    { { "--pin", "eta=11", NULL }, "--pin" },
    { { "--pin", "gamma=1", NULL }, "unknown parameter 'gamma'" },
    { { "--step", "2", NULL }, "--step needs --lesson" },
    { { "--frames", "10", NULL }, "need --animate" },
    { { "--animate", "eta", "--to", "11" }, "--to: 11 is outside the range of eta" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      OsState s;

      g_assert_false (parse_window ((GStrv) cases[i].args, &s, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: '%s' does not say '%s'", i, error->message, cases[i].message);
    }
}

static void
test_view_errors (void)
{
  struct { const char *text, *message; } cases[] = {
    { "[parameters]\neta=1\n[view]\nspectrum=bananas\n", "f:4: spectrum: 'bananas' is not a matrix" },
    { "[parameters]\n[view]\nhide=test,nothing\n", "f:3: hide: unknown series 'nothing'" },
    { "[view]\n[parameters]\neta=2\n[view]\n", "appears twice" },
    { "[parameters]\n[view]\ncolour=red\n", "f:3: colour: unknown key" },
    { "[parameters]\n[view]\npin2=eta=1\n", "f:3: pin2: pin2 comes before pin1" },
    { "[parameters]\n[view]\nframes=1\n", "f:3: frames: '1' is not an integer in [2, 10000]" },
    { "[parameters]\n[view]\nanimate=eta\nanimate_to=20\n", "--to: 20 is outside the range of eta" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      OsState s, before;

      os_state_init_default (&s);
      before = s;
      g_assert_false (os_state_load_data (cases[i].text, -1, "f", &s, NULL, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: '%s' does not say '%s'", i, error->message, cases[i].message);
      g_assert_true (os_state_equal (&s, &before));   /* all or nothing */
    }
}

/* A saved window file is a parameter set for every mode: its [view] is
 * skipped there, and the window's --params reads it all. */
static void
test_file_for_every_mode (void)
{
  OsState s, back;
  OsParams params;
  OsPresetView view;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("state-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lecture.params", NULL);
  char *args[] = { (char *) "--params", path, NULL };

  os_state_init_default (&s);
  s.params.eta = 3;
  s.hidden = OS_SERIES_BIT (OS_SERIES_ID_KERNEL);
  s.n_pins = 1;
  s.pins[0] = s.params;
  s.pins[0].eta = 0;
  s.spectrum_log = TRUE;
  g_assert_true (os_state_save (path, &s, &error));
  os_params_init_default (&params);
  os_preset_view_init_default (&view);
  g_assert_true (os_paramfile_load (path, &params, &view, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (params.eta, ==, 3);
  g_assert_true (parse_window (args, &back, &error));
  g_assert_no_error (error);
  g_assert_true (os_state_equal (&s, &back));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_random_states (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (int k = 0; k < 200; k++)
    {
      OsState s;

      os_state_init_default (&s);
      for (int i = 0; i < OS_PARAM_N; i++)
        if (g_rand_boolean (rand))
          {
            const OsParamInfo *info = os_param_info (i);
            double v = g_rand_double_range (rand, info->min, info->max);

            os_params_set (&s.params, i, v);
          }
      if (g_rand_boolean (rand))
        {
          s.view.sweep.axis = g_rand_int_range (rand, 0, OS_PARAM_N);
          os_axis_default_range (s.view.sweep.axis, &s.view.sweep.from, &s.view.sweep.to,
                                 &s.view.sweep.log_spacing);
          s.view.sweep.points = g_rand_int_range (rand, 2, 400);
        }
      s.hidden = (guint64) g_rand_int (rand) & (OS_SERIES_BIT (OS_SERIES_ID_N) - 1);
      if (g_rand_boolean (rand))
        s.view.network_d = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, OS_NETWORK_SIZE_MIN, 5000);
      s.n_pins = g_rand_int_range (rand, 0, OS_STATE_MAX_PINS + 1);
      for (int i = 0; i < s.n_pins; i++)
        {
          s.pins[i] = s.params;
          s.pins[i].eta = g_rand_double_range (rand, 0, 10);
        }
      s.animate = g_rand_boolean (rand);
      if (s.animate)
        {
          os_animation_set_param (&s.animation, g_rand_int_range (rand, 0, OS_PARAM_N));
          s.animation.frames = g_rand_int_range (rand, 2, 300);
          s.animation.bounce = g_rand_boolean (rand);
        }
      s.optimal_eta = g_rand_boolean (rand);
      s.page = g_rand_int_range (rand, 0, OS_PAGE_N);
      assert_round_trip (&s);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/flags-state/defaults", test_defaults);
  g_test_add_func ("/flags-state/everything", test_everything);
  g_test_add_func ("/flags-state/x-axis-and-animation", test_x_axis_and_animation);
  g_test_add_func ("/flags-state/from-to-meaning", test_from_to_meaning);
  g_test_add_func ("/flags-state/bad-flags", test_bad_flags);
  g_test_add_func ("/flags-state/view-errors", test_view_errors);
  g_test_add_func ("/flags-state/file-for-every-mode", test_file_for_every_mode);
  g_test_add_func ("/flags-state/random-states", test_random_states);
  return g_test_run ();
}
