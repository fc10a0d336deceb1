/* test-window-phase.c — the window's phase-diagram page, presets,
 * parameter sets, undo/redo/reset, presentation mode (F11) and help, under
 * Xvfb: the heatmap arrives coarse first and its cells equal the theory
 * (os_theory_solve) at the same parameters; a click sets the sliders to the
 * values under the pointer; a preset sets every control exactly; a saved
 * parameter set opens to exactly the same state; a malformed file names
 * its line and key in the banner and changes nothing; undo, redo and reset
 * restore exact values (a drag is one step); F11 toggles full screen and
 * the presentation theme; every plot has a help popover; the learned
 * function keeps a sensible y-range when every curve is flat (He₂).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window.h"
#include "os-error.h"
#include "os-plot-error.h"
#include "os-plot-function.h"
#include "os-plot-phase.h"
#include "os-theory.h"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "window-test-util.h"
#include "os-finite-size.h"

static gboolean
phase_final (OsWindow *window, gpointer data)
{
  OsPhaseView *view = os_window_get_phase_view (window);
  OsPhaseGrid *grid = os_phase_view_get_grid (view);

  (void) data;
  return grid != NULL && grid->final && !os_phase_view_is_busy (view);
}

static OsWindow *
open_window (void)
{
  OsWindow *window = os_window_new (NULL);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window, theory_shown, NULL, 30));
  return window;
}

static void
close_window (OsWindow *window)
{
  close_window_within (window, 20);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
round3 (double v)
{
  double scale = pow (10.0, floor (log10 (fabs (v))) - 2);

  return round (v / scale) * scale;
}

static void
on_grid_updated (OsPhaseView *view, int level, gpointer data)
{
  GArray *levels = data;

  (void) view;
  g_array_append_val (levels, level);
}

/* ------------------------------------------------------------ phase page */

static void
test_phase_heatmap (void)
{
  OsWindow *window = open_window ();
  OsPhaseView *view = os_window_get_phase_view (window);
  g_autoptr (GArray) levels = g_array_new (FALSE, FALSE, sizeof (int));
  OsPhaseGrid *grid;
  OsParams params;
  OsTheoryPoint point;
  g_autoptr (GError) error = NULL;
  gulong id;

  /* nothing is computed while the page is hidden */
  settle ();
  g_assert_null (os_phase_view_get_grid (view));
  g_assert_false (os_phase_view_is_busy (view));

  id = g_signal_connect (view, "grid-updated", G_CALLBACK (on_grid_updated), levels);
  os_window_set_page (window, "phase");
  g_assert_cmpstr (os_window_get_page (window), ==, "phase");
  g_assert_true (os_phase_view_is_busy (view));
  g_assert_true (wait_until (window, phase_final, NULL, 50));
  g_signal_handler_disconnect (view, id);

  /* coarse first, then the requested resolution */
  g_assert_cmpuint (levels->len, ==, 2);
  g_assert_cmpint (g_array_index (levels, int, 0), ==, 0);
  g_assert_cmpint (g_array_index (levels, int, 1), ==, 1);
  grid = os_phase_view_get_grid (view);
  /* at the window's network size d = 1000 (docs/SCIENCE.md §10) η̃* is a
   * finite step everywhere (the optimum of ε_d, core/os-optimal.c), no
   * "0⁺" note, and the η̃_BBP(d) line is the core's at each α */
  {
    const OsOptimalEta *o = grid->optimal_eta;
    OsParams p;

    g_assert_nonnull (o);
    g_assert_cmpfloat (o->d, ==, 1000);
    g_assert_cmpfloat (grid->request.network_d, ==, 1000);
    for (int i = 0; i < o->n; i++)
      g_assert_cmpfloat (o->eta[i], >, 0.01);
    g_assert_null (os_phase_view_get_note (view));
    g_assert_nonnull (grid->eta_bbp);
    os_param_panel_get_params (os_window_get_panel (window), &p);
    for (int i = 0; i < grid->nx; i += 9)
      {
        os_params_set (&p, OS_PARAM_ALPHA, grid->x[i]);
        g_assert_cmpfloat (grid->eta_bbp[i], ==, os_finite_size_eta_bbp (&p, 1000));
      }
    /* α does not enter r and c: the §10 value 0.0485734 at every α */
    g_assert_cmpfloat_with_epsilon (grid->eta_bbp[0], 0.0485734426616361, 1e-9);
  }
  /* d → ∞: there η̃* reaches 0⁺ inside α ∈ [0.05, 10]: said above the diagram */
  os_param_panel_set_network_size (os_window_get_panel (window), 0);
  g_assert_true (os_phase_view_is_busy (view));
  g_assert_true (wait_until (window, phase_final, NULL, 50));
  grid = os_phase_view_get_grid (view);
  {
    const OsOptimalEta *o = grid->optimal_eta;
    int first = -1;

    g_assert_nonnull (o);
    g_assert_true (isinf (o->d));
    g_assert_null (grid->eta_bbp);
    for (int i = 0; i < o->n && first < 0; i++)
      if (o->eta[i] < 1e-3)
        first = i;
    g_assert_cmpint (first, >, 0);
    g_assert_nonnull (os_phase_view_get_note (view));
    g_assert_nonnull (strstr (os_phase_view_get_note (view), "0⁺"));
  }
  g_assert_cmpint (grid->nx, ==, 64);
  g_assert_cmpint (grid->ny, ==, 64);
  g_assert_cmpint (grid->request.x_axis.axis, ==, OS_PARAM_ALPHA);
  g_assert_cmpint (grid->request.y_axis.axis, ==, OS_PARAM_ETA);
  g_assert_nonnull (grid->optimal_eta);

  /* a sampled cell against the theory solved from scratch */
  os_param_panel_get_params (os_window_get_panel (window), &params);
  {
    int i = 20, j = 13, k = j * grid->nx + i;

    os_params_set (&params, OS_PARAM_ALPHA, grid->x[i]);
    os_params_set (&params, OS_PARAM_ETA, grid->y[j]);
    g_assert_true (os_theory_solve (&params, NULL, NULL, &point, &error));
    g_assert_no_error (error);
    g_assert_true (point.converged);
    g_assert_true (grid->converged[k]);
    g_assert_cmpfloat_with_epsilon (grid->value[k], point.test_error, 1e-6 * point.test_error);
    g_assert_cmpfloat_with_epsilon (grid->test_error[k], point.test_error, 1e-6 * point.test_error);
  }

  /* moving an axis' slider only moves the crosshair; another parameter
   * recomputes (and the stale work is cancelled) */
  os_param_panel_set_value (os_window_get_panel (window), OS_PARAM_ALPHA, 3.0);
  settle ();
  g_assert_false (os_phase_view_is_busy (view));
  g_assert_true (os_phase_view_get_grid (view) == grid);
  os_param_panel_set_value (os_window_get_panel (window), OS_PARAM_BETA, 2.0);
  g_assert_true (os_phase_view_is_busy (view));
  os_param_panel_set_value (os_window_get_panel (window), OS_PARAM_BETA, 0.5);
  g_assert_true (wait_until (window, phase_final, NULL, 50));
  g_assert_cmpfloat (os_phase_view_get_grid (view)->request.base.beta, ==, 0.5);

  /* exports like the other plots */
  {
    g_autofree char *dir = g_dir_make_tmp ("os-phase-XXXXXX", NULL);
    g_autofree char *png = g_build_filename (dir, "phase.png", NULL);
    g_autofree char *csv = g_build_filename (dir, "phase.csv", NULL);
    g_autofree char *data = NULL;
    gsize len;
    g_auto (GStrv) lines = NULL;

    g_assert_true (os_window_export_to_file (window, "phase", png, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (png, &data, &len, NULL));
    g_assert_cmpuint (len, >, 1000);
    g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
    g_clear_pointer (&data, g_free);
    g_assert_true (os_window_export_to_file (window, "phase-csv", csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv, &data, &len, NULL));
    {
      /* the provenance lines first, then one column per quantity */
      const char *table = strstr (data, "\nalpha,eta,");

      g_assert_true (g_str_has_prefix (data, "# One-Step Explorer "));
      g_assert_nonnull (table);
      lines = g_strsplit (table + 1, "\n", -1);
    }
    g_assert_cmpstr (lines[0], ==, "alpha,eta,test_error,kernel_error,linear_floor,gain_kernel,gain_linear,converged");
    g_assert_cmpuint (g_strv_length (lines), ==, 64 * 64 + 2);   /* header, cells, "" */
    g_assert_false (os_window_export_to_file (window, "phase", csv, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_unlink (png);
    g_unlink (csv);
    g_rmdir (dir);
  }
  close_window (window);
}

static void
test_phase_click (void)
{
  OsWindow *window = open_window ();
  OsPhaseView *view = os_window_get_phase_view (window);
  GtkWidget *area = os_phase_view_get_area (view);
  OsPhaseLayout L;
  OsParams params;
  double px, py, x, y, want_x, want_y;

  os_window_set_page (window, "phase");
  g_assert_true (wait_until (window, phase_final, NULL, 50));
  g_assert_cmpint (gtk_widget_get_width (area), >, 200);
  os_plot_phase_layout (os_phase_view_get_grid (view), os_phase_view_get_theme (view),
                        gtk_widget_get_width (area), gtk_widget_get_height (area), &L);
  /* a quarter across, a quarter up: α = 0.05 + 0.25 (10 − 0.05), η̃ = 2.5 */
  px = L.frame.left + 0.25 * L.frame.width;
  py = L.frame.top + 0.75 * L.frame.height;
  want_x = round3 (0.05 + 0.25 * (10 - 0.05));
  want_y = round3 (0.25 * 10);
  g_assert_true (os_phase_view_value_at (view, px, py, &x, &y));
  g_assert_cmpfloat (x, ==, want_x);
  g_assert_cmpfloat (y, ==, want_y);
  g_assert_true (os_phase_view_click (view, px, py));
  os_param_panel_get_params (os_window_get_panel (window), &params);
  g_assert_cmpfloat (params.alpha, ==, want_x);
  g_assert_cmpfloat (params.eta, ==, want_y);
  g_assert_cmpfloat (gtk_adjustment_get_value (os_slider_get_adjustment (
                       os_param_panel_get_scale (os_window_get_panel (window), OS_PARAM_ETA))), ==, want_y);
  /* the other sliders stay */
  g_assert_cmpfloat (params.beta, ==, 1.0);
  g_assert_cmpfloat (params.lambda, ==, 0.01);
  /* outside the heatmap: nothing */
  g_assert_false (os_phase_view_click (view, L.frame.left - 10, py));
  g_assert_false (os_phase_view_click (view, px, L.frame.top + L.frame.height + 10));
  close_window (window);
}

/* ------------------------------------------------------------ state */

static void
assert_state (OsWindow *window, const OsParams *p, const OsPresetView *v)
{
  OsParams params, panel_params;
  OsPresetView view;
  OsView request_view;

  os_window_get_state (window, &params, &view);
  g_assert_cmpint (params.student, ==, p->student);
  g_assert_cmpint (params.teacher, ==, p->teacher);
  for (int id = 0; id < OS_PARAM_N; id++)
    g_assert_cmpfloat (os_params_get (&params, id), ==, os_params_get (p, id));
  g_assert_true (os_preset_view_equal (&view, v));
  /* the controls themselves and what the engine is asked */
  os_param_panel_get_params (os_window_get_panel (window), &panel_params);
  for (int id = 0; id < OS_PARAM_N; id++)
    g_assert_cmpfloat (os_params_get (&panel_params, id), ==, os_params_get (p, id));
  g_assert_cmpuint (gtk_drop_down_get_selected (os_param_panel_get_axis_dropdown (os_window_get_panel (window))),
                    ==, v->sweep.axis);
  os_window_get_request (window, &panel_params, &request_view);
  g_assert_cmpint (request_view.sweep.axis, ==, v->sweep.axis);
  g_assert_cmpfloat (request_view.sweep.from, ==, v->sweep.from);
  g_assert_cmpfloat (request_view.sweep.to, ==, v->sweep.to);
  g_assert_cmpint (request_view.sweep.points, ==, v->sweep.points);
  g_assert_cmpint (!request_view.sweep.log_spacing, ==, !v->sweep.log_spacing);
  g_assert_cmpint (!request_view.simulate, ==, !v->simulate);
  g_assert_cmpint (request_view.sim.d, ==, v->d);
  g_assert_cmpint (request_view.sim.seeds, ==, v->seeds);
  g_assert_cmpuint (request_view.sim.seed, ==, v->seed);
}

static void
test_presets (void)
{
  OsWindow *window = open_window ();
  guint n;
  const OsPreset *presets = os_presets (&n);

  g_assert_cmpuint (n, >=, 5);
  /* the header bar's menu lists every preset with its explanation */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), OS_TYPE_WINDOW,
                                                                            "presets_button"));
    GtkWidget *box = gtk_popover_get_child (gtk_menu_button_get_popover (button));
    guint k = 0;

    for (GtkWidget *item = gtk_widget_get_first_child (box); item != NULL;
         item = gtk_widget_get_next_sibling (item), k++)
      {
        GtkWidget *rows = gtk_button_get_child (GTK_BUTTON (item));
        GtkWidget *title = gtk_widget_get_first_child (rows);
        GtkWidget *expl = gtk_widget_get_next_sibling (title);

        g_assert_cmpuint (k, <, n);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, presets[k].title);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (expl)), ==, presets[k].explanation);
        g_assert_cmpstr (gtk_widget_get_tooltip_text (item), ==, presets[k].explanation);
      }
    g_assert_cmpuint (k, ==, n);
    /* clicking one applies it */
    g_signal_emit_by_name (gtk_widget_get_last_child (box), "clicked");
    assert_state (window, &presets[n - 1].params, &presets[n - 1].view);
  }
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (os_window_apply_preset (window, presets[i].id));
      assert_state (window, &presets[i].params, &presets[i].view);
      g_assert_null (os_window_get_error (window));
    }
  /* the same through the action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preset", "s", presets[0].id));
  assert_state (window, &presets[0].params, &presets[0].view);
  g_assert_false (os_window_apply_preset (window, "no-such-preset"));
  g_assert_nonnull (strstr (os_window_get_error (window), "no-such-preset"));
  assert_state (window, &presets[0].params, &presets[0].view);
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  close_window (window);
}

static void
test_save_open (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  g_autofree char *dir = g_dir_make_tmp ("os-params-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "set.params", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.params", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-dir", "set.params", NULL);
  OsParams saved, now;
  OsPresetView saved_view, now_view;

  g_assert_true (os_window_apply_preset (window, "interpolation-peak"));
  os_param_panel_set_value (panel, OS_PARAM_ETA, 1.2345678901234567);
  os_param_panel_set_value (panel, OS_PARAM_LAMBDA, 3.0e-4);
  os_window_get_state (window, &saved, &saved_view);
  g_assert_true (os_window_save_params (window, path));
  g_assert_null (os_window_get_error (window));

  os_window_reset (window);
  os_window_get_state (window, &now, &now_view);
  g_assert_cmpfloat (now.eta, ==, 1.0);
  g_assert_true (os_window_load_params (window, path));
  assert_state (window, &saved, &saved_view);

  /* a malformed file: the banner names the line and the key, nothing changes */
  g_assert_true (g_file_set_contents (bad, "[parameters]\neta=2\nalpha=two\nbeta=3\n", -1, NULL));
  g_assert_false (os_window_load_params (window, bad));
  g_assert_nonnull (os_window_get_error (window));
  g_assert_nonnull (strstr (os_window_get_error (window), ":3:"));
  g_assert_nonnull (strstr (os_window_get_error (window), "alpha"));
  assert_state (window, &saved, &saved_view);
  /* out of range */
  g_assert_true (g_file_set_contents (bad, "[parameters]\neta=2\n\nlambda=50\n", -1, NULL));
  g_assert_false (os_window_load_params (window, bad));
  g_assert_nonnull (strstr (os_window_get_error (window), ":4:"));
  g_assert_nonnull (strstr (os_window_get_error (window), "lambda"));
  assert_state (window, &saved, &saved_view);
  /* valid for the file, too large for the window's simulation controls */
  g_assert_true (g_file_set_contents (bad, "[parameters]\neta=2\nd=100000\n", -1, NULL));
  g_assert_false (os_window_load_params (window, bad));
  g_assert_nonnull (strstr (os_window_get_error (window), "bad.params:3: d: 100000 is outside the window's range"));
  assert_state (window, &saved, &saved_view);
  /* an x-axis of one point, or of two equal ends: refused, named as the
   * command line names them (issue #17, item 10) */
  g_assert_true (g_file_set_contents (bad, "[parameters]\nx_points=1\n", -1, NULL));
  g_assert_false (os_window_load_params (window, bad));
  g_assert_nonnull (strstr (os_window_get_error (window), "bad.params:2: x_points: '1' is not an integer in [2, "));
  assert_state (window, &saved, &saved_view);
  g_assert_true (g_file_set_contents (bad, "[parameters]\neta=2\nx_from=1\nx_to=1\n", -1, NULL));
  g_assert_false (os_window_load_params (window, bad));
  g_assert_nonnull (strstr (os_window_get_error (window), "bad.params:4: x_to: an empty range"));
  assert_state (window, &saved, &saved_view);
  /* a FIFO: refused at once, the main thread not blocked */
  g_unlink (bad);
  g_assert_cmpint (mkfifo (bad, 0600), ==, 0);
  g_assert_false (os_window_load_params (window, bad));
  g_assert_nonnull (strstr (os_window_get_error (window), "not a regular file"));
  g_unlink (bad);
  /* an unwritable path */
  g_assert_false (os_window_save_params (window, unwritable));
  g_assert_nonnull (strstr (os_window_get_error (window), "no-such-dir"));

  g_unlink (path);
  g_unlink (bad);
  g_rmdir (dir);
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  close_window (window);
}

static void
test_undo_redo_reset (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  OsParams defaults, p;
  OsPresetView default_view, v;

  os_params_init_default (&defaults);
  os_preset_view_init_default (&default_view);
  assert_state (window, &defaults, &default_view);
  g_assert_false (os_window_undo (window));

  /* a drag: many values of one slider in quick succession, one step */
  os_param_panel_set_value (panel, OS_PARAM_ETA, 1.5);
  os_param_panel_set_value (panel, OS_PARAM_ETA, 2.0);
  os_param_panel_set_value (panel, OS_PARAM_ETA, 2.5);
  g_usleep (800 * 1000);   /* longer than a drag's pause */
  os_param_panel_set_value (panel, OS_PARAM_ALPHA, 3.25);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.alpha, ==, 2.0);
  g_assert_cmpfloat (p.eta, ==, 2.5);
  g_assert_true (os_window_undo (window));
  assert_state (window, &defaults, &default_view);
  g_assert_false (os_window_undo (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.eta, ==, 2.5);
  g_assert_cmpfloat (p.alpha, ==, 2.0);
  g_assert_true (os_window_redo (window));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.alpha, ==, 3.25);
  g_assert_false (os_window_redo (window));

  /* reset is one undoable step */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset", NULL));
  assert_state (window, &defaults, &default_view);
  g_assert_true (os_window_undo (window));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.alpha, ==, 3.25);
  g_assert_cmpfloat (p.eta, ==, 2.5);

  /* a new change clears the redo list */
  g_assert_true (os_window_undo (window));
  os_param_panel_set_value (panel, OS_PARAM_NOISE, 0.5);
  g_assert_false (os_window_redo (window));
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  close_window (window);
}

/* The controller of the window that binds trigger to action, and the
 * shortcut itself. */
static GtkShortcut *
find_shortcut (GtkWidget *widget, const char *trigger, const char *action, GtkEventController **out)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr (GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), k);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));
          GtkShortcutAction *a = gtk_shortcut_get_action (s);

          if (g_str_equal (t, trigger) && GTK_IS_NAMED_ACTION (a)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)), action))
            {
              *out = GTK_EVENT_CONTROLLER (c);
              return s;   /* the controller keeps it alive */
            }
        }
    }
  return NULL;
}

/* Ctrl+Z with the focus in a number box undoes the parameter change: the
 * keys are bound in the capture phase (before the box), and the boxes keep
 * no typing history of their own. */
static void
test_undo_from_text_box (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  GtkEditable *entry = os_param_panel_get_entry (panel, OS_PARAM_ETA);
  GtkEventController *controller = NULL;
  GtkShortcut *undo = find_shortcut (GTK_WIDGET (window), "<Control>z", "win.undo", &controller);
  GtkShortcut *redo;
  OsParams p;
  OsPresetView v;

  g_assert_nonnull (undo);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
  redo = find_shortcut (GTK_WIDGET (window), "<Shift><Control>z", "win.redo", &controller);
  g_assert_nonnull (redo);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
  for (int id = 0; id < OS_PARAM_N; id++)
    g_assert_false (gtk_editable_get_enable_undo (os_param_panel_get_entry (panel, id)));

  /* a value typed into the box and committed with Enter */
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, "2.5");
  g_signal_emit_by_name (entry, "activate");
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.eta, ==, 2.5);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entry)));

  /* the keys' action, as the capture phase runs it with the box focused */
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (undo), 0,
                                               gtk_event_controller_get_widget (controller), NULL));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.eta, ==, 1.0);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "1");
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (redo), 0,
                                               gtk_event_controller_get_widget (controller), NULL));
  os_window_get_state (window, &p, &v);
  g_assert_cmpfloat (p.eta, ==, 2.5);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "2.5");
  g_assert_true (wait_until (window, theory_shown, NULL, 60));
  close_window (window);
}

/* ------------------------------------------------------------ presentation, help */

static gboolean
has_shortcut (GtkWidget *widget, const char *trigger, const char *action)
{
  GtkEventController *controller;

  return find_shortcut (widget, trigger, action, &controller) != NULL;
}

static gboolean
is_fullscreen (OsWindow *window, gpointer data)
{
  return gtk_window_is_fullscreen (GTK_WINDOW (window)) == GPOINTER_TO_INT (data);
}

static void
test_presentation_f11 (void)
{
  OsWindow *window = open_window ();
  OsPlotTheme normal, large;

  os_plot_theme_init_default (&normal);
  os_plot_theme_init_presentation (&large);
  g_assert_true (has_shortcut (GTK_WIDGET (window), "F11", "win.presentation"));
  g_assert_true (has_shortcut (GTK_WIDGET (window), "F5", "win.presentation"));
  g_assert_true (has_shortcut (GTK_WIDGET (window), "<Control>z", "win.undo"));
  g_assert_true (has_shortcut (GTK_WIDGET (window), "<Control>2", "win.page"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "phase"));
  g_assert_cmpstr (os_window_get_page (window), ==, "phase");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "curves"));
  g_assert_cmpstr (os_window_get_page (window), ==, "curves");
  g_assert_true (has_shortcut (GTK_WIDGET (window), "<Shift><Control>z", "win.redo"));
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (os_window_get_presentation (window));
  g_assert_true (os_window_get_fullscreen_requested (window));
  /* the display follows if a window manager runs (a bare Xvfb has none) */
  if (!wait_until (window, is_fullscreen, GINT_TO_POINTER (TRUE), 2))
    g_test_message ("the display did not report full screen (no window manager?)");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_cmpfloat (os_phase_view_get_theme (os_window_get_phase_view (window))->scale, ==, large.scale);
  for (int k = 0; k < OS_PLOT_ALL; k++)
    g_assert_cmpfloat (os_plot_view_get_theme (os_window_get_plot (window, k))->scale, ==, large.scale);
  g_assert_cmpfloat (large.scale, >, normal.scale);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_false (os_window_get_presentation (window));
  g_assert_false (os_window_get_fullscreen_requested (window));
  g_assert_true (wait_until (window, is_fullscreen, GINT_TO_POINTER (FALSE), 10));
  g_assert_cmpfloat (os_phase_view_get_theme (os_window_get_phase_view (window))->scale, ==, normal.scale);
  close_window (window);
}

static void
test_help (void)
{
  OsWindow *window = open_window ();
  static const struct { const char *plot, *formula; } help[] = {
    { "error",    "E(y − ŷ)²" },
    { "spectrum", "c(1 + √β)" },
    { "overlaps", "m = ⟨â, 1⟩/√p" },
    { "function", "f̂(κ) = μ₀(κ) m + μ₁(κ) κ θ" },
    { "phase",    "η̃ → 0⁺" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (help); i++)
    {
      GtkMenuButton *button = os_window_get_help_button (window, help[i].plot);
      GtkPopover *popover;
      GtkWidget *label;

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
      popover = gtk_menu_button_get_popover (button);
      g_assert_nonnull (popover);
      label = gtk_popover_get_child (popover);
      g_assert_true (GTK_IS_LABEL (label));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), help[i].formula));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "arXiv:2402.04980"));
      /* cites the project's own science document, never the spec file */
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "docs/SCIENCE.md §"));
      g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (label)), "THEORY.md"));
    }
  g_assert_null (os_window_get_help_button (window, "nothing"));
  close_window (window);
}

/* ------------------------------------------------------------ learned function */

static void
test_function_flat_range (void)
{
  OsWindow *window = open_window ();
  OsParams params;
  OsFigure *figure;
  g_autoptr (OsPlotScene) scene = NULL;
  double hmax = 0;

  os_params_init_default (&params);
  params.teacher = OS_ACT_HE2;
  os_window_set_params (window, &params);
  g_assert_true (wait_until (window, theory_shown, NULL, 30));
  figure = os_window_get_figure (window);
  g_assert_cmpint (figure->params.teacher, ==, OS_ACT_HE2);
  for (int i = 0; i < figure->theory->n_kappa; i++)
    hmax = MAX (hmax, MAX (fabs (figure->theory->h[i]), fabs (figure->theory->f_hat[i])));
  g_assert_cmpfloat (hmax, <, 1e-6);   /* γ = 0: everything is flat at 0 */
  scene = os_plot_function_scene (figure);
  g_assert_true (scene->y_fixed);
  g_assert_cmpfloat (scene->y_min, <=, -OS_PLOT_FUNCTION_MIN_HALF_RANGE + 1e-6);
  g_assert_cmpfloat (scene->y_max, >=, OS_PLOT_FUNCTION_MIN_HALF_RANGE - 1e-6);
  g_clear_pointer (&scene, os_plot_scene_free);

  /* a curved target keeps its automatic range */
  params.teacher = OS_ACT_TANH;
  os_window_set_params (window, &params);
  g_assert_true (wait_until (window, theory_shown, NULL, 30));
  scene = os_plot_function_scene (os_window_get_figure (window));
  g_assert_false (scene->y_fixed);
  close_window (window);
}

/* ------------------------------------------------------------ HiDPI export */

/* A 2× PNG export is pixel for pixel what the plot widget draws at device
 * scale 2 (a HiDPI screen) with the export's style; drawing through
 * cairo_scale instead had Pango enlarge <sub> text twice. The PNG also
 * carries its provenance, so the pixels are compared, not the bytes. */
static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  GBytes **rest = closure;
  gsize size;
  const guint8 *p = g_bytes_get_data (*rest, &size);
  GBytes *next;

  if (size < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, p, length);
  next = g_bytes_new_from_bytes (*rest, length, size - length);
  g_bytes_unref (*rest);
  *rest = next;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_export_hidpi (void)
{
  OsWindow *window = open_window ();
  OsFigure *fig = os_window_get_figure (window);
  OsPlotTheme theme;
  OsFigureStyle style;
  g_autoptr (GError) error = NULL;
  GBytes *exported;
  cairo_surface_t *surface, *png;
  cairo_t *cr;

  os_plot_theme_init_default (&theme);
  os_figure_style_init_export (&style);
  exported = os_export_figure_bytes (fig, OS_PLOT_ERROR, &theme, OS_EXPORT_PNG, 500, 400, 2.0, &error);
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png_stream (read_bytes, &exported);
  g_bytes_unref (exported);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 800);
  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  os_plot_render_style (OS_PLOT_ERROR, fig, &theme, &style, cr, 500, 400);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 800);
  for (int y = 0; y < 800; y++)
    g_assert_cmpmem (cairo_image_surface_get_data (png) + y * cairo_image_surface_get_stride (png), 4000,
                     cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface), 4000);
  cairo_surface_destroy (png);
  cairo_surface_destroy (surface);
  close_window (window);
}

/* ------------------------------------------------------------ optimal η̃ */

static gboolean
optimal_shown (OsWindow *window, gpointer data)
{
  OsFigure *fig = os_window_get_error_plot_figure (window);

  (void) data;
  return fig != NULL && fig->optimal_eta != NULL;
}

static void
test_optimal_eta (void)
{
  OsWindow *window = open_window ();
  GtkToggleButton *toggle = os_window_get_optimal_toggle (window);
  const OsOptimalEta *o;
  OsFigure *fig;
  g_autoptr (OsPlotScene) scene = NULL;
  gboolean found = FALSE;

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
  g_assert_null (os_window_get_error_plot_figure (window)->optimal_eta);
  gtk_toggle_button_set_active (toggle, TRUE);
  g_assert_true (wait_until (window, optimal_shown, NULL, 90));
  fig = os_window_get_error_plot_figure (window);
  o = fig->optimal_eta;
  g_assert_cmpint (o->sweep.axis, ==, OS_PARAM_ALPHA);
  g_assert_cmpint (o->n, ==, 40);
  /* the window's network size: η̃* of the finite-d ε_d (docs/SCIENCE.md §10) */
  g_assert_cmpfloat (o->d, ==, 1000);
  g_assert_cmpfloat (o->x[0], ==, fig->view.sweep.from);
  g_assert_cmpfloat (o->x[o->n - 1], ==, fig->view.sweep.to);
  for (int i = 0; i < o->n; i += 13)
    {
      OsParams p = fig->params;
      OsTheoryPoint at_opt, other;
      const double etas[] = { 0.0, 0.5, 1.0, 3.0, 10.0 };

      double at_d;

      g_assert_true (o->converged[i]);
      os_params_set (&p, OS_PARAM_ALPHA, o->x[i]);
      p.eta = o->eta[i];
      g_assert_cmpfloat (o->eta[i], >, 0.01);   /* a finite step, not 0⁺ */
      g_assert_true (os_theory_solve (&p, NULL, NULL, &at_opt, NULL));
      at_d = os_finite_d_error (&p, NULL, 1000, at_opt.test_error);
      g_assert_cmpfloat_with_epsilon (o->test_error[i], at_d, 1e-6 * at_d);
      /* no other learning rate does better */
      for (guint k = 0; k < G_N_ELEMENTS (etas); k++)
        {
          p.eta = etas[k];
          g_assert_true (os_theory_solve (&p, NULL, NULL, &other, NULL));
          g_assert_cmpfloat (o->test_error[i], <=, os_finite_d_error (&p, NULL, 1000, other.test_error) + 1e-9);
        }
    }
  /* the plot draws it, with η̃* in the tooltip notes */
  scene = os_plot_error_scene (fig);
  for (guint k = 0; k < scene->series->len; k++)
    {
      OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

      if (g_strcmp0 (sr->name, "ε_g at the optimal η̃*") == 0)
        {
          found = TRUE;
          g_assert_cmpint (sr->n, ==, o->n);
          g_assert_nonnull (sr->notes);
          g_assert_true (g_str_has_prefix (sr->notes[0], "η̃* = "));
          g_assert_nonnull (strstr (sr->notes[0], "for a network of d = 1000"));
        }
    }
  g_assert_true (found);

  /* off again: the plain snapshot */
  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_null (os_window_get_error_plot_figure (window)->optimal_eta);
  /* not on an η̃ axis */
  os_param_panel_set_axis (os_window_get_panel (window), OS_PARAM_ETA);
  g_assert_true (wait_until (window, theory_shown, NULL, 30));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
  close_window (window);
}

/* ------------------------------------------------------------ network size */

static gboolean
theory_at_d (OsWindow *window, gpointer data)
{
  OsFigure *fig = os_window_get_figure (window);
  double d = *(const double *) data;

  return fig != NULL && fig->theory != NULL && fig->theory->network_d == d
         && theory_shown (window, NULL);
}

static gboolean
spectra_at_d (OsWindow *window, gpointer data)
{
  OsFigure *fig = os_window_get_figure (window);

  return fig != NULL && fig->density_step != NULL && fig->density_step->d == (int) *(const double *) data;
}

static void
assert_readout (OsParamPanel *panel, const char *name, const char *format, double value)
{
  char want[48];

  g_snprintf (want, sizeof want, format, value);
  g_assert_cmpstr (os_param_panel_get_readout (panel, name), ==, want);
}

/* The network size of the finite-size theory (docs/SCIENCE.md §10): d =
 * 1000 by default, its read-outs the core's numbers; d → ∞ a choice; the
 * simulation's d while it runs; saved and loaded with the parameters; an η̃
 * sweep shades where the spike is still inside the bulk. */
static void
test_network_size (void)
{
  OsWindow *window = open_window ();
  OsParamPanel *panel = os_window_get_panel (window);
  OsFigure *fig = os_window_get_figure (window);
  OsParams p;
  OsPresetView v;
  OsSpikeSize size;
  double d = 1000, d_sim = 600, d_inf = INFINITY;
  g_autofree char *dir = g_dir_make_tmp ("os-network-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "set.params", NULL);
  g_autofree char *text = NULL;

  /* the default: d = 1000, the read-outs pinned to the core */
  os_window_get_state (window, &p, &v);
  g_assert_cmpint (v.network_d, ==, 1000);
  g_assert_true (wait_until (window, theory_at_d, &d, 30));
  fig = os_window_get_figure (window);
  os_finite_size_spike (&p, 1000, &size);
  assert_readout (panel, "finite_error", "%.4f", os_finite_d_error (&p, NULL, 1000, fig->theory->current.test_error));
  assert_readout (panel, "eta_bbp", "%.4f", 0.0485734426616361);
  assert_readout (panel, "spike_singular_value", "%.4g", 0.651089 * sqrt (1000.0));
  assert_readout (panel, "bulk_edge", "%.4g", 2 * 1.037741);
  g_assert_cmpfloat (size.eta_bbp, ==, fig->theory->spike_size.eta_bbp);
  /* the spectrum's spike is placed at the same d: r√p with p = 1000 */
  g_assert_true (wait_until (window, spectra_at_d, &d, 30));

  /* d → ∞: no finite-size parts, dashes */
  os_param_panel_set_network_size (panel, 0);
  g_assert_true (wait_until (window, theory_at_d, &d_inf, 30));
  fig = os_window_get_figure (window);
  g_assert_null (fig->theory->finite_error);
  g_assert_cmpstr (os_param_panel_get_readout (panel, "finite_error"), ==, "—");
  /* undo brings d = 1000 back */
  g_assert_true (os_window_undo (window));
  g_assert_true (wait_until (window, theory_at_d, &d, 30));

  /* the simulation's d while it runs */
  os_param_panel_set_simulation (panel, TRUE, 600, 1);
  g_assert_true (wait_until (window, theory_at_d, &d_sim, 60));
  os_param_panel_set_simulation (panel, FALSE, 600, 1);
  g_assert_true (wait_until (window, theory_at_d, &d, 30));

  /* saved with the parameters, and loaded */
  os_param_panel_set_network_size (panel, 2500);
  g_assert_true (os_window_save_params (window, path));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "network_size=2500\n"));
  os_window_reset (window);
  os_window_get_state (window, &p, &v);
  g_assert_cmpint (v.network_d, ==, 1000);
  g_assert_true (os_window_load_params (window, path));
  os_window_get_state (window, &p, &v);
  g_assert_cmpint (v.network_d, ==, 2500);
  g_remove (path);
  g_rmdir (dir);

  /* along η̃: the band up to η̃_BBP(2500), in the window's own scene */
  {
    double d2500 = 2500;
    g_autoptr (OsPlotScene) scene = NULL;
    gboolean band = FALSE;

    os_param_panel_set_axis (panel, OS_PARAM_ETA);
    g_assert_true (wait_until (window, theory_at_d, &d2500, 30));
    fig = os_window_get_figure (window);
    g_assert_cmpint (fig->view.sweep.axis, ==, OS_PARAM_ETA);
    scene = os_plot_error_scene (fig);
    for (guint k = 0; k < scene->series->len; k++)
      {
        OsPlotSeries *sr = g_ptr_array_index (scene->series, k);

        if (g_str_equal (sr->name, "spike inside the bulk"))
          {
            band = TRUE;
            g_assert_cmpfloat (sr->x[1], ==, os_finite_size_eta_bbp (&fig->params, 2500));
            g_assert_nonnull (strstr (sr->legend, "(d = 2500)"));
          }
      }
    g_assert_true (band);
  }
  close_window (window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-phase/heatmap", test_phase_heatmap);
  g_test_add_func ("/window-phase/click", test_phase_click);
  g_test_add_func ("/window-phase/presets", test_presets);
  g_test_add_func ("/window-phase/save-open", test_save_open);
  g_test_add_func ("/window-phase/undo-redo-reset", test_undo_redo_reset);
  g_test_add_func ("/window-phase/undo-from-text-box", test_undo_from_text_box);
  g_test_add_func ("/window-phase/presentation-f11", test_presentation_f11);
  g_test_add_func ("/window-phase/help", test_help);
  g_test_add_func ("/window-phase/function-flat-range", test_function_flat_range);
  g_test_add_func ("/window-phase/optimal-eta", test_optimal_eta);
  g_test_add_func ("/window-phase/export-hidpi", test_export_hidpi);
  g_test_add_func ("/window-phase/network-size", test_network_size);
  return g_test_run ();
}
