/* os-window-status.c — what the window says: the bottom bar (a status
 * line, a progress text and bar), repainted in frames of its own at a
 * measured pace, and the error banner at the top.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"

static void
status_bar_repaint (OsWindow *self)
{
  OsStatusBar *bar = &self->status;

  if (bar->status != NULL)
    gtk_inscription_set_text (self->status_label, bar->status);
  if (bar->progress_text != NULL)
    gtk_inscription_set_text (self->progress_label, bar->progress_text);
  if (bar->fraction >= 0.0)
    os_progress_set_fraction (self->progress, bar->fraction);
  g_clear_pointer (&bar->status, g_free);
  g_clear_pointer (&bar->progress_text, g_free);
  bar->fraction = -1.0;
  bar->shown_us = g_get_monotonic_time ();
  bar->repaints++;
}

/* A change of the controls is painted in the frame after it: the bar keeps
 * out of that one. */
#define STATUS_CONTROLS_QUIET_US (20 * G_TIME_SPAN_MILLISECOND)
/* While every frame shows a plot image or a moved control (a fast drag),
 * the bar takes a frame anyway once its news is this old. */
#define STATUS_MAX_WAIT_US (8 * OS_STATUS_INTERVAL_MS * G_TIME_SPAN_MILLISECOND)

static gboolean
status_bar_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  OsWindow *self = OS_WINDOW (widget);
  OsStatusBar *bar = &self->status;
  gint64 now = g_get_monotonic_time ();

  (void) data;
  if (now - bar->shown_us < OS_STATUS_INTERVAL_MS * G_TIME_SPAN_MILLISECOND)
    return G_SOURCE_CONTINUE;   /* a later frame */
  if (now - bar->pending_since_us < STATUS_MAX_WAIT_US
      && (now - bar->controls_changed_us < STATUS_CONTROLS_QUIET_US || !os_frame_budget_claim (clock)))
    return G_SOURCE_CONTINUE;
  bar->tick = 0;
  status_bar_repaint (self);
  return G_SOURCE_REMOVE;
}

void
os_window_set_status_bar (OsWindow *self, const char *status, const char *progress_text,
                          double fraction)
{
  OsStatusBar *bar;

  g_return_if_fail (OS_IS_WINDOW (self));
  bar = &self->status;
  if (status != NULL)
    {
      g_free (bar->status);
      bar->status = g_strdup (status);
    }
  if (progress_text != NULL)
    {
      g_free (bar->progress_text);
      bar->progress_text = g_strdup (progress_text);
    }
  if (fraction >= 0.0)
    bar->fraction = fraction;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* no frames to wait for (not shown yet, or a test) */
      status_bar_repaint (self);
      return;
    }
  if (bar->tick == 0)
    {
      bar->pending_since_us = g_get_monotonic_time ();
      bar->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), status_bar_tick, NULL, NULL);
    }
}

void
os_window_show_error (OsWindow *self, const char *message)
{
  g_return_if_fail (OS_IS_WINDOW (self));

  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

const char *
os_window_get_error (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->banner_revealer)
         ? gtk_label_get_text (self->banner_label) : NULL;
}

const char *
os_window_get_status (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  if (self->status.status != NULL)
    return self->status.status;   /* on screen within OS_STATUS_INTERVAL_MS */
  return gtk_inscription_get_text (self->status_label);
}

gboolean
os_window_is_status_shown (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  return self->status.tick == 0;
}

guint
os_window_get_status_repaints (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), 0);
  return self->status.repaints;
}

void
os_window_dispose_status (OsWindow *self)
{
  OsStatusBar *bar = &self->status;

  if (bar->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), bar->tick);
  bar->tick = 0;
  g_clear_pointer (&bar->status, g_free);
  g_clear_pointer (&bar->progress_text, g_free);
}
