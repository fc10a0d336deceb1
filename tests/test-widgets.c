/* test-widgets.c — OsSlider and OsProgress: geometry, keyboard actions,
 * clamping, and the reason they exist: a value change repaints them
 * without laying out the window again (GtkScale and GtkProgressBar do, which
 * the same test shows, so the count can fail).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-progress.h"
#include "os-slider.h"

#include <gtk/gtk.h>
#include <math.h>

#include "window-test-util.h"

/* A window holding child at 300 pixels wide, shown and settled. */
static GtkWindow *
show_in_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_size_request (child, 300, -1);
  gtk_widget_set_halign (child, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), child);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("a label, so that a relayout has work to do"));
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  run_for (300);
  g_assert_true (gtk_widget_get_mapped (child));
  g_assert_cmpint (gtk_widget_get_width (child), >, 200);
  return window;
}

/* How many times the window is laid out while `change` runs n times, a
 * frame apart. */
static int
count_relayouts (GtkWindow *window, void (*change) (gpointer data, int i), gpointer data, int n)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  int count = 0;
  gulong id = g_signal_connect (surface, "layout", G_CALLBACK (count_surface_layout), &count);

  for (int i = 0; i < n; i++)
    {
      change (data, i);
      run_for (40);
    }
  g_signal_handler_disconnect (surface, id);
  return count;
}

static void
set_adjustment (gpointer data, int i)
{
  gtk_adjustment_set_value (data, 0.1 + 0.04 * i);
}

static void
set_slider_value (gpointer data, int i)
{
  set_adjustment (os_slider_get_adjustment (data), i);
}

static void
set_progress (gpointer data, int i)
{
  os_progress_set_fraction (data, 0.05 * (i + 1));
}

static void
set_progress_bar (gpointer data, int i)
{
  /* 0, then part-way, then full: GtkProgressBar restyles its fill */
  gtk_progress_bar_set_fraction (data, i % 3 == 0 ? 0.0 : i % 3 == 1 ? 0.5 : 1.0);
}

static void
test_slider_geometry (void)
{
  GtkAdjustment *adj = gtk_adjustment_new (2.0, -1.0, 5.0, 0.01, 0.5, 0.0);
  OsSlider *slider = OS_SLIDER (os_slider_new (adj));
  GtkWindow *window = show_in_window (GTK_WIDGET (slider));
  int w = gtk_widget_get_width (GTK_WIDGET (slider));

  g_assert_cmpint (w, ==, 300);
  g_assert_true (os_slider_get_adjustment (slider) == adj);
  /* the ends of the track are the bounds; beyond them, clamped */
  g_assert_cmpfloat_with_epsilon (os_slider_value_at (slider, 0), -1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (os_slider_value_at (slider, w), 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (os_slider_value_at (slider, -50), -1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (os_slider_value_at (slider, 1e4), 5.0, 1e-12);
  /* the middle of the widget is the middle of the range */
  g_assert_cmpfloat_with_epsilon (os_slider_value_at (slider, w / 2.0), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (os_slider_x_of (slider, 2.0), w / 2.0, 1e-9);
  /* x_of and value_at invert each other */
  for (double v = -1.0; v <= 5.0; v += 0.37)
    g_assert_cmpfloat_with_epsilon (os_slider_value_at (slider, os_slider_x_of (slider, v)), v, 1e-12);
  /* monotone */
  g_assert_cmpfloat (os_slider_x_of (slider, 0.0), <, os_slider_x_of (slider, 0.1));
  gtk_window_destroy (window);
}

static void
test_slider_actions (void)
{
  GtkAdjustment *adj = gtk_adjustment_new (1.0, 0.0, 2.0, 0.01, 0.25, 0.0);
  OsSlider *slider = OS_SLIDER (os_slider_new (adj));
  GtkWindow *window = show_in_window (GTK_WIDGET (slider));

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (slider)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (slider)), ==, GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.step", "i", 1));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 1.01, 1e-12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.step", "i", -3));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 0.98, 1e-12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.page", "i", 2));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 1.48, 1e-12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.page", "i", 10));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 2.0);   /* clamped */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.home", NULL));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.step", "i", -1));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0.0);   /* clamped */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.end", NULL));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 2.0);

  /* a new adjustment: the slider follows it, the old one is let go */
  {
    GtkAdjustment *other = gtk_adjustment_new (5, 0, 10, 1, 2, 0);

    g_object_ref (adj);
    os_slider_set_adjustment (slider, other);
    g_assert_true (os_slider_get_adjustment (slider) == other);
    gtk_adjustment_set_value (adj, 1.0);   /* no effect on the slider */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (slider), "slider.step", "i", 1));
    g_assert_cmpfloat (gtk_adjustment_get_value (other), ==, 6.0);
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 1.0);
    g_object_unref (adj);
  }
  gtk_window_destroy (window);
}

static void
test_slider_never_relayouts (void)
{
  GtkAdjustment *adj = gtk_adjustment_new (0.1, 0.0, 1.0, 0.01, 0.1, 0.0);
  OsSlider *slider = OS_SLIDER (os_slider_new (adj));
  GtkWindow *window = show_in_window (GTK_WIDGET (slider));
  GtkAdjustment *scale_adj = gtk_adjustment_new (0.1, 0.0, 1.0, 0.01, 0.1, 0.0);
  GtkWidget *scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, scale_adj);
  GtkWindow *scale_window = show_in_window (scale);
  int ours = count_relayouts (window, set_slider_value, slider, 10);
  int gtks = count_relayouts (scale_window, set_adjustment, scale_adj, 10);

  g_test_message ("window relayouts for 10 value changes: OsSlider %d, GtkScale %d", ours, gtks);
  g_assert_cmpint (ours, ==, 0);
  g_assert_cmpint (gtks, >=, 5);   /* the control: the count sees relayouts */
  gtk_window_destroy (window);
  gtk_window_destroy (scale_window);
}

static void
test_progress (void)
{
  OsProgress *progress = OS_PROGRESS (os_progress_new ());
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWindow *window = show_in_window (GTK_WIDGET (progress));
  GtkWindow *bar_window = show_in_window (bar);
  int ours, gtks;

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (progress)), ==,
                   GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  g_assert_cmpfloat (os_progress_get_fraction (progress), ==, 0.0);
  os_progress_set_fraction (progress, 0.25);
  g_assert_cmpfloat (os_progress_get_fraction (progress), ==, 0.25);
  os_progress_set_fraction (progress, 7.0);
  g_assert_cmpfloat (os_progress_get_fraction (progress), ==, 1.0);
  os_progress_set_fraction (progress, -1.0);
  g_assert_cmpfloat (os_progress_get_fraction (progress), ==, 0.0);
  os_progress_set_fraction (progress, NAN);
  g_assert_cmpfloat (os_progress_get_fraction (progress), ==, 0.0);

  ours = count_relayouts (window, set_progress, progress, 9);
  gtks = count_relayouts (bar_window, set_progress_bar, bar, 9);
  g_test_message ("window relayouts for 9 progress updates: OsProgress %d, GtkProgressBar %d", ours, gtks);
  g_assert_cmpint (ours, ==, 0);
  g_assert_cmpint (gtks, >=, 3);
  gtk_window_destroy (window);
  gtk_window_destroy (bar_window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/slider-geometry", test_slider_geometry);
  g_test_add_func ("/widgets/slider-actions", test_slider_actions);
  g_test_add_func ("/widgets/slider-never-relayouts", test_slider_never_relayouts);
  g_test_add_func ("/widgets/progress", test_progress);
  return g_test_run ();
}
