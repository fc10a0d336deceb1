/* test-application.c — the window's start-up flags (ui/os-application.c),
 * under Xvfb. The flags are parsed by the window's group of the shared
 * flag table (os_startup_option_group: model/os-flags.c with the flags
 * app/main.c parses for the window) and applied to a new window by the
 * function the application's "activate" handler calls (os_startup_apply):
 * parameter flags, --preset, --params FILE (written by os_paramfile_save),
 * --sweep, --page and --presentation set exactly those values, in the
 * controls, in the request and in the snapshot shown; right after start-up
 * there is nothing to undo (the Undo button is insensitive, an attempted
 * undo changes nothing), the first change undoes back to the flags' state
 * and Reset still goes to the built-in defaults. Bad values fail the parse
 * naming the flag, and the real binary (ONESTEP_EXPLORER, set by
 * tests/meson.build) exits 2 with a message naming the flag, and renders a
 * window started with flags (--screenshot) with exit 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-application.h"
#include "os-error.h"
#include "os-paramfile.h"
#include "os-window.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

#include "window-test-util.h"

/* ------------------------------------------------------------ helpers */

/* Parses args (NULL-terminated, without the program name) as the window's
 * command line does. */
static gboolean
parse_startup (const char *const *args, OsStartup *startup, GError **error)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  gboolean ok;

  os_startup_init (startup);
  g_option_context_set_main_group (ctx, os_startup_option_group (startup));
  g_option_context_set_help_enabled (ctx, FALSE);
  g_strv_builder_add (builder, "onestep-explorer");
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  ok = g_option_context_parse_strv (ctx, &argv, error);
  if (ok)
    g_assert_cmpuint (g_strv_length (argv), ==, 1);   /* every argument was a flag */
  return ok;
}

/* A window started with args, as on_activate starts it. */
static OsWindow *
open_window_with (const char *const *args)
{
  OsStartup startup;
  g_autoptr (GError) error = NULL;
  OsWindow *window;

  g_assert_true (parse_startup (args, &startup, &error));
  g_assert_no_error (error);
  window = os_window_new (NULL);
  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  os_startup_apply (&startup, window);
  os_startup_clear (&startup);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  return window;
}

static void
close_window (OsWindow *window)
{
  close_window_within (window, 20);
}

static void
assert_params_equal (const OsParams *got, const OsParams *want)
{
  g_assert_cmpint (got->student, ==, want->student);
  g_assert_cmpint (got->teacher, ==, want->teacher);
  for (int id = 0; id < OS_PARAM_N; id++)
    g_assert_cmpfloat (os_params_get (got, id), ==, os_params_get (want, id));
}

/* The window's state, its controls, the request it posts and the snapshot
 * it shows all hold p (and v when not NULL). */
static void
assert_window_params (OsWindow *window, const OsParams *p, const OsPresetView *v)
{
  OsParams params;
  OsPresetView view;
  OsView request_view;

  os_window_get_state (window, &params, &view);
  assert_params_equal (&params, p);
  if (v != NULL)
    g_assert_true (os_preset_view_equal (&view, v));
  os_param_panel_get_params (os_window_get_panel (window), &params);
  assert_params_equal (&params, p);
  os_window_get_request (window, &params, &request_view);
  assert_params_equal (&params, p);
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  assert_params_equal (&os_window_get_figure (window)->params, p);
}

static GtkWidget *
find_action_button (GtkWidget *widget, const char *action)
{
  if (GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the user sees: the header bar's Undo button. */
static gboolean
undo_button_sensitive (OsWindow *window)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (window), "win.undo");

  g_assert_nonnull (button);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return gtk_widget_get_sensitive (button);
}

/* Nothing to undo: the button is off, Ctrl+Z's action and os_window_undo
 * change nothing. */
static void
assert_nothing_to_undo (OsWindow *window, const OsParams *p, const OsPresetView *v)
{
  g_assert_false (undo_button_sensitive (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  assert_window_params (window, p, v);
  g_assert_false (os_window_undo (window));
  assert_window_params (window, p, v);
}

/* ------------------------------------------------------ parameter flags */

static void
test_parameter_flags (void)
{
  const char *const args[] = { "--teacher", "sin", "--eta", "3", "--alpha", "0.7", "--lambda", "0.1",
                               "--alpha0", "20", "--sweep", "eta", NULL };
  OsWindow *window = open_window_with (args);
  OsParamPanel *panel = os_window_get_panel (window);
  OsParams want, defaults, p;
  OsPresetView view, default_view;

  os_params_init_default (&want);
  want.teacher = OS_ACT_SIN;
  want.eta = 3.0;
  want.alpha = 0.7;
  want.lambda = 0.1;
  want.alpha0 = 20.0;
  assert_window_params (window, &want, NULL);
  os_window_get_state (window, NULL, &view);
  g_assert_cmpint (view.sweep.axis, ==, OS_PARAM_ETA);
  g_assert_cmpstr (os_window_get_page (window), ==, "curves");
  g_assert_false (os_window_get_presentation (window));

  /* gap 1: the start-up state is the base of the history */
  assert_nothing_to_undo (window, &want, &view);

  /* a change undoes back to the flags' values, not to the defaults */
  os_param_panel_set_value (panel, OS_PARAM_ETA, 2.0);
  g_assert_true (undo_button_sensitive (window));
  os_window_get_state (window, &p, NULL);
  g_assert_cmpfloat (p.eta, ==, 2.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  assert_window_params (window, &want, &view);
  assert_nothing_to_undo (window, &want, &view);

  /* Reset still goes to the built-in defaults, one undoable step */
  os_params_init_default (&defaults);
  os_preset_view_init_default (&default_view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL));
  assert_window_params (window, &defaults, &default_view);
  g_assert_true (os_window_undo (window));
  assert_window_params (window, &want, &view);
  g_assert_false (os_window_undo (window));
  close_window (window);
}

/* ---------------------------------------------------------------- preset */

static void
test_preset (void)
{
  const OsPreset *preset = os_preset_find ("large-step");
  OsParams want;

  g_assert_nonnull (preset);
  /* the preset is not the defaults (else this would prove nothing) */
  os_params_init_default (&want);
  g_assert_cmpfloat (preset->params.eta, !=, want.eta);

  {
    const char *const args[] = { "--preset", "large-step", NULL };
    OsWindow *window = open_window_with (args);

    assert_window_params (window, &preset->params, &preset->view);
    assert_nothing_to_undo (window, &preset->params, &preset->view);
    close_window (window);
  }
  {
    /* a later flag overrides the preset */
    const char *const args[] = { "--preset", "large-step", "--eta", "2.5", NULL };
    OsWindow *window = open_window_with (args);

    want = preset->params;
    want.eta = 2.5;
    assert_window_params (window, &want, &preset->view);
    assert_nothing_to_undo (window, &want, &preset->view);
    close_window (window);
  }
}

/* ----------------------------------------------------------- params file */

static void
test_params_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-application-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "set.ini", NULL);
  g_autoptr (GError) error = NULL;
  OsParams saved;
  OsPresetView view;

  g_assert_nonnull (dir);
  /* THEORY.md §7's second setting, on a logarithmic λ axis */
  os_params_init_default (&saved);
  saved.teacher = OS_ACT_SIN;
  saved.eta = 3.0;
  saved.alpha0 = 20.0;
  saved.alpha = 1.6;
  saved.lambda = 0.1;
  os_preset_view_init_default (&view);
  view.sweep.axis = OS_PARAM_LAMBDA;
  view.sweep.from = 1e-3;
  view.sweep.to = 1.0;
  view.sweep.points = 40;
  view.sweep.log_spacing = TRUE;
  view.d = 300;
  view.seeds = 3;
  view.seed = 7;
  g_assert_true (os_paramfile_save (path, &saved, &view, &error));
  g_assert_no_error (error);

  {
    const char *const args[] = { "--params", path, NULL };
    OsWindow *window = open_window_with (args);

    assert_window_params (window, &saved, &view);
    assert_nothing_to_undo (window, &saved, &view);
    close_window (window);
  }
  {
    /* flags before the file are overridden by it, after it override it */
    const char *const args[] = { "--alpha", "3", "--params", path, "--beta", "2", NULL };
    OsWindow *window = open_window_with (args);
    OsParams want = saved;

    want.beta = 2.0;
    assert_window_params (window, &want, &view);
    assert_nothing_to_undo (window, &want, &view);
    close_window (window);
  }
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ------------------------------------------------- page and presentation */

static void
test_page (void)
{
  {
    const char *const args[] = { "--page", "phase", "--eta", "3", "--presentation", NULL };
    OsWindow *window = open_window_with (args);
    OsParams want;

    os_params_init_default (&want);
    want.eta = 3.0;
    g_assert_cmpstr (os_window_get_page (window), ==, "phase");
    g_assert_true (os_window_get_presentation (window));
    assert_window_params (window, &want, NULL);
    assert_nothing_to_undo (window, &want, NULL);
    close_window (window);
  }
  {
    const char *const args[] = { "--page", "phase", "--page", "curves", NULL };
    OsWindow *window = open_window_with (args);

    g_assert_cmpstr (os_window_get_page (window), ==, "curves");
    g_assert_false (os_window_get_presentation (window));
    close_window (window);
  }
}

/* The phase diagram's quantity and y-axis from the flags. */
static void
test_phase_flags (void)
{
  const char *const args[] = { "--page", "phase", "--quantity", "gain-kernel", "--y-axis", "lambda",
                               "--y-to", "0.5", NULL };
  OsWindow *window = open_window_with (args);
  OsPhaseRequest rq;

  os_phase_view_get_request (os_window_get_phase_view (window), &rq);
  g_assert_cmpint (rq.quantity, ==, OS_PHASE_GAIN_KERNEL);
  g_assert_cmpint (rq.y_axis.axis, ==, OS_PARAM_LAMBDA);
  g_assert_cmpfloat (rq.y_axis.from, ==, 1e-4);
  g_assert_cmpfloat (rq.y_axis.to, ==, 0.5);
  close_window (window);
}

/* ------------------------------------------------------------ bad values */

typedef struct
{
  const char *args[4];
  const char *message;   /* in the error, naming the flag */
} BadFlag;

static const BadFlag bad_flags[] = {
  { { "--eta", "11", NULL }, "--eta: 11 is outside the valid range [0, 10]" },
  { { "--alpha", "abc", NULL }, "--alpha: 'abc' is not a finite number" },
  { { "--lambda", "0", NULL }, "--lambda" },
  { { "--student", "linear", NULL }, "--student: unknown activation 'linear'" },
  { { "--sweep", "gamma", NULL }, "--sweep: unknown parameter 'gamma'" },
  { { "--preset", "nope", NULL }, "--preset: unknown preset 'nope'" },
  { { "--page", "spectra", NULL }, "--page: unknown page 'spectra' (valid: curves, phase)" },
  { { "--params", "/nonexistent/set.ini", NULL }, "--params: " },
  { { "--d", "10", NULL }, "--d: 10 is outside the valid range [50, 4000]" },
  { { "--seeds", "1.5", NULL }, "--seeds: 1.5 is outside the valid range [1, 20]" },
  { { "--quantity", "speed", NULL }, "--quantity: unknown quantity 'speed'" },
  { { "--y-from", "20", NULL }, "--y-from: 20 is outside the range of eta" },
};

static void
test_bad_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_flags); i++)
    {
      OsStartup startup;
      g_autoptr (GError) error = NULL;

      g_assert_false (parse_startup (bad_flags[i].args, &startup, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, bad_flags[i].message) == NULL)
        g_error ("%s %s: '%s' does not say '%s'", bad_flags[i].args[0], bad_flags[i].args[1],
                 error->message, bad_flags[i].message);
      os_startup_clear (&startup);
    }
}

/* ------------------------------------------------------------ the binary */

static const char *
binary (void)
{
  const char *path = g_getenv ("ONESTEP_EXPLORER");

  if (path == NULL)
    g_error ("ONESTEP_EXPLORER (the onestep-explorer binary) is not set; tests/meson.build sets it");
  return path;
}

/* Runs the binary with args (in envp, or this process's environment if
 * NULL); returns its exit status. */
static int
run_binary_env (const char *const *args, char **envp, char **out, char **err)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_strv_builder_add (builder, binary ());
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  g_assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
run_binary (const char *const *args, char **out, char **err)
{
  return run_binary_env (args, NULL, out, err);
}

static void
test_binary_bad_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_flags); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int code = run_binary (bad_flags[i].args, &out, &err);

      if (code != 2 || strstr (err, bad_flags[i].message) == NULL)
        g_error ("onestep-explorer %s %s: exit %d, stderr '%s' (want 2 and '%s')", bad_flags[i].args[0],
                 bad_flags[i].args[1], code, err, bad_flags[i].message);
      g_assert_cmpstr (out, ==, "");
    }
}

/* The real start-up path: a window started with flags renders and exits 0. */
static void
test_binary_screenshot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-application-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "shot.png", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *const args[] = { "--preset", "large-step", "--alpha", "0.7", "--sweep", "lambda",
                               "--screenshot", png, NULL };
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GError) error = NULL;
  int code;

  g_assert_nonnull (dir);
  code = run_binary (args, &out, &err);
  if (code != 0)
    g_error ("onestep-explorer --screenshot: exit %d, stderr '%s'", code, err);
  g_assert_true (g_str_has_prefix (out, "screenshot: "));
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 400);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 300);
  g_assert_cmpint (g_remove (png), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The UI benchmark's report is read by scripts: under a German locale its
 * numbers keep their decimal point (GTK must not set LC_NUMERIC back;
 * issue #17, item 8). */
static void
test_binary_benchmark_locale (void)
{
  const char *const args[] = { "--benchmark-ui", NULL };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "de_DE.UTF-8", TRUE);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GRegex) last = g_regex_new ("^latency_median_ms=([0-9]+\\.[0-9]|nan) latency_p95_ms=([0-9]+\\.[0-9]|nan) "
                                         "max_stall_ms=[0-9]+\\.[0-9]$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GRegex) frames = g_regex_new ("^frames=[0-9]+ frame_mean_ms=[0-9]+\\.[0-9]+ ", G_REGEX_MULTILINE, 0,
                                           NULL);
  int code;

  locale_t german = newlocale (LC_ALL_MASK, "de_DE.UTF-8", (locale_t) 0);

  if (german == (locale_t) 0)
    g_error ("the de_DE.UTF-8 locale is missing (scripts/setup.sh generates it)");
  freelocale (german);
  code = run_binary_env (args, envp, &out, &err);
  if (code != 0)
    g_error ("onestep-explorer --benchmark-ui: exit %d, stderr '%s'", code, err);
  if (!g_regex_match (last, out, 0, NULL) || !g_regex_match (frames, out, 0, NULL))
    g_error ("--benchmark-ui under de_DE.UTF-8 printed numbers that are not in the C locale:\n%s", out);
}

/* The same flags give the same picture: with the simulation on, the
 * screenshot waits for every simulated point and the spectrum, and for
 * every plot to show them. */
static void
test_binary_screenshot_deterministic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-application-XXXXXX", NULL);
  char *png[2] = { g_build_filename (dir, "a.png", NULL), g_build_filename (dir, "b.png", NULL) };
  char *data[2] = { NULL, NULL };
  gsize len[2];

  for (int i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *const args[] = { "--simulate", "--d", "100", "--seeds", "1", "--screenshot", png[i], NULL };
      int code = run_binary (args, &out, &err);

      if (code != 0)
        g_error ("onestep-explorer --simulate --screenshot: exit %d, stderr '%s'", code, err);
      g_assert_true (g_file_get_contents (png[i], &data[i], &len[i], NULL));
    }
  g_assert_cmpmem (data[0], len[0], data[1], len[1]);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (g_remove (png[i]), ==, 0);
      g_free (png[i]);
      g_free (data[i]);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/application/parameter-flags", test_parameter_flags);
  g_test_add_func ("/application/preset", test_preset);
  g_test_add_func ("/application/params-file", test_params_file);
  g_test_add_func ("/application/page", test_page);
  g_test_add_func ("/application/phase-flags", test_phase_flags);
  g_test_add_func ("/application/bad-values", test_bad_values);
  g_test_add_func ("/application/binary-bad-values", test_binary_bad_values);
  g_test_add_func ("/application/binary-screenshot", test_binary_screenshot);
  g_test_add_func ("/application/binary-screenshot-deterministic", test_binary_screenshot_deterministic);
  g_test_add_func ("/application/binary-benchmark-locale", test_binary_benchmark_locale);
  return g_test_run ();
}
