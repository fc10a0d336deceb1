/* test-window-lecture.c — the window's lecture kit under Xvfb (issue #14):
 * the keyboard shortcuts window lists every accelerator the window and
 * the application have, each with a title; "Copy as command line"
 * round-trips to the same view through the shared flags' parser; a
 * parameter set saves and opens the whole view; every step of each
 * built-in lesson applies its view and shows its caption with the numbers
 * on screen; the player moves the slider frame by frame; a recording
 * writes a file of the right length, and Cancel leaves nothing behind;
 * About names the version, the licence and the paper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window.h"
#include "os-flags.h"
#include "os-lesson-facts.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "window-test-util.h"

static gboolean
idle_and_shown (OsWindow *window, gpointer data)
{
  OsFigure *fig = os_window_get_figure (window);

  (void) data;
  return theory_shown (window, NULL) && fig->density_step != NULL && fig->density_init != NULL;
}

static OsWindow *
open_window (void)
{
  OsWindow *window = os_window_new (NULL);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window, idle_and_shown, NULL, 30));
  return window;
}

/* ---- the shortcuts window ------------------------------------------------- */

static void
collect_shortcuts (GtkWidget *widget, GPtrArray *out)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accel = NULL, *title = NULL;

      g_object_get (widget, "accelerator", &accel, "title", &title, NULL);
      g_ptr_array_add (out, g_strdup_printf ("%s|%s", accel, title));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_shortcuts (c, out);
}

static void
test_shortcuts (void)
{
  OsWindow *window = open_window ();
  g_autoptr (GPtrArray) entries = os_window_list_shortcuts (window);
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *sw;
  static const char *const must[][2] = {
    { "win.play", "space" }, { "win.shortcuts", "<Control>question" }, { "win.lesson-next", "Page_Down" },
    { "win.lesson-next", "Right" }, { "win.lesson-previous", "Page_Up" }, { "win.lesson-previous", "Left" },
    { "win.copy-command", "<Shift><Control>c" }, { "win.export::all", "<Control>e" },
    { "win.undo", "<Control>z" }, { "win.presentation", "F11" }, { "win.record", "<Shift><Control>r" },
    { "win.pin", "<Control>p" },
  };

  g_assert_cmpuint (entries->len, >=, 15);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *action = os_window_shortcut_entry_action (g_ptr_array_index (entries, i));
      const char *accels = os_window_shortcut_entry_accels (g_ptr_array_index (entries, i));
      const char *group, *title;

      g_test_message ("%s: %s", action, accels);
      /* every action with an accelerator is named in the window */
      if (!os_window_shortcut_title (action, &group, &title))
        g_error ("the action %s (%s) has an accelerator and no title in the shortcuts window", action, accels);
    }
  for (guint m = 0; m < G_N_ELEMENTS (must); m++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < entries->len && !found; i++)
        if (g_str_equal (os_window_shortcut_entry_action (g_ptr_array_index (entries, i)), must[m][0]))
          {
            g_auto (GStrv) accels = g_strsplit (os_window_shortcut_entry_accels (g_ptr_array_index (entries, i)), " ", -1);

            found = g_strv_contains ((const char *const *) accels, must[m][1]);
          }
      if (!found)
        g_error ("%s is not listed with %s", must[m][0], must[m][1]);
    }
  /* the window shows each entry, with its accelerators and title */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL);
  run_for (200);
  sw = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (GTK_IS_SHORTCUTS_WINDOW (w))
          sw = GTK_WINDOW (w);
      }
  }
  g_assert_nonnull (sw);
  /* (the window keeps a copy of each for its search page) */
  collect_shortcuts (GTK_WIDGET (sw), shown);
  g_assert_cmpuint (shown->len, >=, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *group, *title;
      g_autofree char *want = NULL;

      os_window_shortcut_title (os_window_shortcut_entry_action (g_ptr_array_index (entries, i)), &group, &title);
      want = g_strdup_printf ("%s|%s", os_window_shortcut_entry_accels (g_ptr_array_index (entries, i)), title);
      g_assert_true (g_ptr_array_find_with_equal_func (shown, want, g_str_equal, NULL));
    }
  for (guint i = 0; i < shown->len; i++)
    {
      gboolean listed = FALSE;

      for (guint k = 0; k < entries->len && !listed; k++)
        listed = g_str_has_prefix (g_ptr_array_index (shown, i),
                                   os_window_shortcut_entry_accels (g_ptr_array_index (entries, k)));
      g_assert_true (listed);
    }
  gtk_window_destroy (sw);
  close_window_within (window, 10);
}

/* ---- the whole view ----------------------------------------------------------- */

static void
set_rich_state (OsWindow *window, OsState *state)
{
  g_autoptr (GError) error = NULL;

  os_state_init_default (state);
  state->params.teacher = OS_ACT_SIN;
  state->params.eta = 2.5;
  state->params.alpha0 = 7.25;
  state->view.sweep = (OsSweep) { OS_PARAM_LAMBDA, 1e-3, 1, 60, TRUE };
  state->spectrum = OS_SPECTRUM_FEATURES;
  state->centered = TRUE;
  state->spectrum_log = TRUE;
  state->hidden = OS_SERIES_BIT (OS_SERIES_ID_FLOOR_SPIKE) | OS_SERIES_BIT (OS_SERIES_ID_TRAIN);
  state->n_pins = 2;
  state->pins[0] = state->params;
  state->pins[0].eta = 0;
  state->pins[1] = state->params;
  state->pins[1].alpha0 = 0.5;
  state->animate = TRUE;
  state->animation = (OsAnimation) { OS_PARAM_ALPHA0, 20, 0.5, 48, 12, TRUE };
  g_assert_true (os_window_set_view_state (window, state, &error));
  g_assert_no_error (error);
}

static void
test_copy_command_line (void)
{
  OsWindow *window = open_window ();
  OsState state, shown, parsed;
  g_autofree char *line = NULL;
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);
  OsFlags flags;
  int argc;

  set_rich_state (window, &state);
  g_assert_true (wait_until (window, idle_and_shown, NULL, 30));
  os_window_get_view_state (window, &shown);
  g_assert_true (os_state_equal (&state, &shown));

  /* on the clipboard, and parsed back by the window's own parser */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-command", NULL);
  line = os_window_get_command_line (window);
  g_test_message ("%s", line);
  g_assert_nonnull (strstr (os_window_get_status (window), line));
  g_assert_true (g_shell_parse_argv (line, &argc, &argv, &error));
  os_flags_init (&flags, OS_FLAGS_FOR_WINDOW);
  g_option_context_set_main_group (ctx, os_flags_option_group (&flags, OS_FLAGS_WINDOW, NULL));
  g_assert_true (g_option_context_parse (ctx, &argc, &argv, &error));
  g_assert_no_error (error);
  os_flags_get_state (&flags, &parsed);
  g_assert_true (os_state_equal (&shown, &parsed));
  g_clear_pointer (&ctx, g_option_context_free);
  os_flags_clear (&flags);
  close_window_within (window, 10);
}

static void
test_parameter_set_whole_view (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("lecture-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "class.params", NULL);
  OsState state, back;

  set_rich_state (window, &state);
  g_assert_true (os_window_save_params (window, path));
  os_window_reset (window);
  os_window_set_hidden (window, 0);
  while (os_window_get_n_pins (window) > 0)
    os_window_unpin (window, 0);
  os_window_set_animation (window, NULL);
  os_window_get_view_state (window, &back);
  g_assert_false (os_state_equal (&state, &back));
  g_assert_true (os_window_load_params (window, path));
  os_window_get_view_state (window, &back);
  g_assert_true (os_state_equal (&state, &back));
  g_unlink (path);
  g_rmdir (dir);
  close_window_within (window, 10);
}

/* ---- lessons ------------------------------------------------------------------ */

static gboolean
caption_complete (OsWindow *window, gpointer data)
{
  const char *caption = os_window_get_caption (window);

  (void) data;
  return idle_and_shown (window, NULL) && caption != NULL && strstr (caption, "…") == NULL;
}

static void
test_lesson (gconstpointer data)
{
  const char *id = data;
  OsWindow *window = open_window ();
  g_autoptr (GError) error = NULL;
  const OsLesson *lesson;

  g_assert_true (os_window_open_lesson (window, id, 0, &error));
  g_assert_no_error (error);
  lesson = os_window_get_lesson (window);
  for (guint i = 0; i < os_lesson_n_steps (lesson); i++)
    {
      const OsLessonStep *step = os_lesson_step (lesson, i);
      OsState shown;
      OsFacts facts;
      g_autofree char *want = NULL;

      if (i > 0)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL);
      g_assert_cmpint (os_window_get_lesson_step (window), ==, (int) i);
      /* an animated step waits for Space, its animation loaded */
      g_assert_false (os_window_is_playing (window));
      {
        OsAnimation a;

        g_assert_cmpint (os_window_get_animation (window, &a), ==, step->state.animate);
        if (step->state.animate)
          g_assert_true (os_animation_equal (&a, &step->state.animation));
      }
      g_assert_true (wait_until (window, caption_complete, NULL, 60));
      os_window_get_view_state (window, &shown);
      g_assert_true (os_state_equal (&shown, &step->state));
      /* the page; on the curves, the plot in focus alone, or all four */
      g_assert_cmpstr (os_window_get_page (window), ==, os_page_name (step->state.page));
      for (int k = 0; k < OS_PLOT_ALL && step->state.page == OS_PAGE_CURVES; k++)
        g_assert_cmpint (gtk_widget_get_mapped (GTK_WIDGET (os_window_get_plot (window, k))), ==,
                         step->focus == OS_FOCUS_ALL || (int) step->focus == k);
      /* the numbers of the caption are those of the figure on screen */
      os_facts_from_figure (os_window_get_figure (window), &facts);
      want = os_facts_fill (step->caption, &facts, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (os_window_get_caption (window), ==, want);
      g_test_message ("step %u: %s", i + 1, want);
    }
  /* past the end stays at the end; back and leave */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-next", NULL);
  g_assert_cmpint (os_window_get_lesson_step (window), ==, (int) os_lesson_n_steps (lesson) - 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lesson-previous", NULL);
  g_assert_cmpint (os_window_get_lesson_step (window), ==, (int) os_lesson_n_steps (lesson) - 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-lesson", NULL);
  g_assert_cmpint (os_window_get_lesson_step (window), ==, -1);
  for (int k = 0; k < OS_PLOT_ALL; k++)
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (os_window_get_plot (window, k))));
  close_window_within (window, 20);
}

/* ---- the player ------------------------------------------------------------- */

static gboolean
eta_reached (OsWindow *window, gpointer data)
{
  OsParams p;

  os_param_panel_get_params (os_window_get_panel (window), &p);
  return p.eta >= *(double *) data;
}

static void
test_player (void)
{
  OsWindow *window = open_window ();
  OsAnimation a = { OS_PARAM_ETA, 0, 3, 31, 30, FALSE };
  OsParams p;
  double target = 1.5;

  os_window_set_animation (window, &a);
  os_param_panel_set_value (os_window_get_panel (window), OS_PARAM_ETA, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_true (os_window_is_playing (window));
  /* at 30 frames a second, η̃ = 1.5 is 15 frames away */
  g_assert_true (wait_until (window, eta_reached, &target, 10));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_false (os_window_is_playing (window));
  os_param_panel_get_params (os_window_get_panel (window), &p);
  /* a step forward is one frame: 0.1 */
  {
    double before = p.eta;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
    os_param_panel_get_params (os_window_get_panel (window), &p);
    g_assert_cmpfloat_with_epsilon (p.eta, before + 0.1, 1e-12);
  }
  /* the plots follow: the newest request's theory is shown once it pauses */
  g_assert_true (wait_until (window, idle_and_shown, NULL, 30));
  g_assert_cmpfloat (os_window_get_figure (window)->params.eta, ==, p.eta);
  close_window_within (window, 10);
}

/* ---- recording ---------------------------------------------------------------- */

static gboolean
not_recording (OsWindow *window, gpointer data)
{
  (void) data;
  return !os_window_is_recording (window);
}

static void
test_record (void)
{
  OsWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("record-XXXXXX", NULL);
  g_autofree char *gif = g_build_filename (dir, "eta.gif", NULL);
  g_autofree char *webm = g_build_filename (dir, "cancelled.webm", NULL);
  OsAnimation a = { OS_PARAM_ETA, 0, 3, 12, 12, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = NULL;
  gsize len;
  g_autofree char *bytes = NULL;

  os_window_set_animation (window, &a);
  g_assert_true (os_window_record (window, gif, &error));
  g_assert_no_error (error);
  g_assert_true (os_window_is_recording (window));
  g_assert_true (wait_until (window, not_recording, NULL, 120));
  g_assert_true (g_file_get_contents (gif, &bytes, &len, NULL));
  g_assert_true (len > 1000 && memcmp (bytes, "GIF89a", 6) == 0);
  g_assert_nonnull (strstr (os_window_get_status (window), "Recorded 12 frames"));

  /* Cancel: nothing left in the folder but the first video */
  a.frames = 2000;
  os_window_set_animation (window, &a);
  g_assert_true (os_window_record (window, webm, &error) || error->domain == G_IO_ERROR);
  if (error == NULL)
    {
      run_for (300);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-record", NULL);
      g_assert_true (wait_until (window, not_recording, NULL, 60));
      g_assert_false (g_file_test (webm, G_FILE_TEST_EXISTS));
      g_assert_nonnull (strstr (os_window_get_status (window), "cancelled"));
    }
  d = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (d)) != NULL;)
    g_assert_cmpstr (name, ==, "eta.gif");
  g_unlink (gif);
  g_rmdir (dir);
  close_window_within (window, 20);
}

/* ---- a click on a curve plot ---------------------------------------------- */

static void
test_pick (void)
{
  OsWindow *window = open_window ();
  OsParams p;

  /* what the plot's drag gesture emits: the x-axis (α) moves there */
  g_signal_emit_by_name (os_window_get_plot (window, OS_PLOT_ERROR), "pick", 3.25);
  os_param_panel_get_params (os_window_get_panel (window), &p);
  g_assert_cmpfloat (p.alpha, ==, 3.25);
  g_signal_emit_by_name (os_window_get_plot (window, OS_PLOT_OVERLAPS), "pick", 1.5);
  os_param_panel_get_params (os_window_get_panel (window), &p);
  g_assert_cmpfloat (p.alpha, ==, 1.5);
  g_assert_true (wait_until (window, idle_and_shown, NULL, 30));
  g_assert_cmpfloat (os_window_get_figure (window)->params.alpha, ==, 1.5);
  close_window_within (window, 10);
}

/* ---- legend clicks ---------------------------------------------------------- */

static void
test_legend_clicks (void)
{
  OsWindow *window = open_window ();
  OsPlotView *plot = os_window_get_plot (window, OS_PLOT_ERROR);

  /* what the plot emits for a click on an entry (test-plot-shown finds
   * the entries): hide, show */
  g_signal_emit_by_name (plot, "legend-clicked", (int) OS_SERIES_ID_TRAIN, 0);
  g_assert_cmphex (os_window_get_hidden (window), ==, OS_SERIES_BIT (OS_SERIES_ID_TRAIN));
  g_assert_true (os_plot_view_get_figure (plot)->hidden_in_legend);
  g_signal_emit_by_name (plot, "legend-clicked", (int) OS_SERIES_ID_TRAIN, 0);
  g_assert_cmphex (os_window_get_hidden (window), ==, 0);
  /* a pin's entry unpins it */
  g_assert_true (os_window_pin (window));
  g_assert_cmpint (os_window_get_n_pins (window), ==, 1);
  os_param_panel_set_value (os_window_get_panel (window), OS_PARAM_ETA, 2);
  g_assert_true (wait_until (window, idle_and_shown, NULL, 30));
  run_for (300);
  g_assert_cmpint (os_plot_view_get_figure (plot)->n_overlays, ==, 1);
  g_signal_emit_by_name (plot, "legend-clicked", (int) OS_SERIES_ID_TEST, 1);
  g_assert_cmpint (os_window_get_n_pins (window), ==, 0);
  close_window_within (window, 10);
}

/* ---- About ---------------------------------------------------------------- */

static void
test_about (void)
{
  OsWindow *window = open_window ();
  GtkWindow *about = os_window_show_about (window);

  g_assert_true (GTK_IS_ABOUT_DIALOG (about));
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, OS_VERSION);
  g_assert_cmpint (gtk_about_dialog_get_license_type (GTK_ABOUT_DIALOG (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_nonnull (strstr (gtk_about_dialog_get_comments (GTK_ABOUT_DIALOG (about)), "arXiv:2402.04980"));
  g_assert_nonnull (strstr (gtk_about_dialog_get_comments (GTK_ABOUT_DIALOG (about)), "ICML 2024"));
  g_assert_nonnull (strstr (gtk_about_dialog_get_website (GTK_ABOUT_DIALOG (about)), "2402.04980"));
  gtk_window_destroy (about);
  close_window_within (window, 10);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window-lecture/shortcuts", test_shortcuts);
  g_test_add_func ("/window-lecture/copy-command-line", test_copy_command_line);
  g_test_add_func ("/window-lecture/parameter-set-whole-view", test_parameter_set_whole_view);
  for (const char *const *id = os_lesson_builtin_ids (); *id != NULL; id++)
    {
      g_autofree char *path = g_strdup_printf ("/window-lecture/lesson/%s", *id);

      g_test_add_data_func (path, *id, test_lesson);
    }
  g_test_add_func ("/window-lecture/player", test_player);
  g_test_add_func ("/window-lecture/record", test_record);
  g_test_add_func ("/window-lecture/pick", test_pick);
  g_test_add_func ("/window-lecture/legend-clicks", test_legend_clicks);
  g_test_add_func ("/window-lecture/about", test_about);
  return g_test_run ();
}
