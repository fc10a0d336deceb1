/* os-window-presentation.c — presentation mode's way out and the window's
 * size on small screens.
 *
 * Full screen hides the header bar: a panel at the top right says how to
 * leave (Esc or F11) and has a button for it. It shows for a few seconds
 * when full screen starts and whenever the pointer moves, and hides again
 * when the pointer rests.
 *
 * The window opens no larger than the screen it is on (1024 × 768 and
 * 1280 × 720 projectors included): its default size is the usual
 * 1400 × 900 or the screen's, whichever is smaller.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"

#include <math.h>

#define SHOW_ON_START_MS 4000
#define SHOW_ON_MOTION_MS 2500

static gboolean
hide_exit (gpointer data)
{
  OsWindow *self = data;

  self->exit_timeout = 0;
  gtk_revealer_set_reveal_child (self->fullscreen_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* Shows the way out for ms, then hides it (while in presentation mode). */
static void
show_exit (OsWindow *self, guint ms)
{
  if (!self->presentation)
    return;
  gtk_revealer_set_reveal_child (self->fullscreen_revealer, TRUE);
  g_clear_handle_id (&self->exit_timeout, g_source_remove);
  self->exit_timeout = g_timeout_add (ms, hide_exit, self);
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, gpointer data)
{
  OsWindow *self = data;

  (void) motion;
  /* a real move: GTK also reports a motion when a widget moves under a
   * resting pointer */
  if (self->presentation && (fabs (x - self->last_motion_x) > 2 || fabs (y - self->last_motion_y) > 2))
    show_exit (self, SHOW_ON_MOTION_MS);
  self->last_motion_x = x;
  self->last_motion_y = y;
}

static void
action_leave (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  (void) action_name;
  (void) parameter;
  os_window_set_presentation (OS_WINDOW (widget), FALSE);
}

void
os_window_presentation_changed (OsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", self->presentation);
  os_param_panel_set_compact (os_window_get_panel (self), self->presentation);
  if (self->presentation)
    show_exit (self, SHOW_ON_START_MS);
  else
    {
      g_clear_handle_id (&self->exit_timeout, g_source_remove);
      gtk_revealer_set_reveal_child (self->fullscreen_revealer, FALSE);
    }
}

gboolean
os_window_exit_shown (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->fullscreen_revealer);
}

/* The default size: 1400 × 900, or less on a smaller screen. */
static void
fit_default_size (OsWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = display != NULL ? gdk_display_get_monitors (display) : NULL;
  int width = 1400, height = 900;

  if (monitors != NULL && g_list_model_get_n_items (monitors) > 0)
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      /* room for a panel or a dock, and the window's frame */
      width = MIN (width, area.width - 24);
      height = MIN (height, area.height - 48);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 640), MAX (height, 480));
}

void
os_window_init_presentation (OsWindow *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);
  fit_default_size (self);
}

void
os_window_dispose_presentation (OsWindow *self)
{
  g_clear_handle_id (&self->exit_timeout, g_source_remove);
}

void
os_window_class_install_presentation (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL, action_leave);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.leave-presentation", NULL);
}
