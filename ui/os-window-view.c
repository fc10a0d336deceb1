/* os-window-view.c — the window's whole view (model/os-state.h): hidden
 * series, pins, the state that parameter sets save and "Copy as command
 * line" spells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"
#include "os-error.h"
#include "os-flags.h"

void
os_window_get_view_state (OsWindow *self, OsState *state)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self) && state != NULL);
  L = self->lecture;
  os_state_init_default (state);
  os_window_get_state (self, &state->params, &state->view);
  state->spectrum = self->view.spectrum_matrix;
  state->centered = self->view.spectrum_centered;
  state->spectrum_log = self->view.spectrum_log;
  state->optimal_eta = gtk_toggle_button_get_active (self->optimal_toggle);
  os_page_from_name (os_window_get_page (self), &state->page);
  state->hidden = L->hidden;
  state->n_pins = L->n_pins;
  for (int i = 0; i < L->n_pins; i++)
    state->pins[i] = L->pins[i];
  state->animate = L->animate;
  state->animation = L->animation;
}

gboolean
os_window_set_view_state (OsWindow *self, const OsState *state, GError **error)
{
  OsLecture *L;

  g_return_val_if_fail (OS_IS_WINDOW (self) && state != NULL, FALSE);
  L = self->lecture;
  if (!os_state_validate (state, error))
    return FALSE;
  if (!os_window_set_state (self, &state->params, &state->view, error))
    return FALSE;
  os_window_set_spectrum (self, state->spectrum, state->centered, state->spectrum_log);
  gtk_toggle_button_set_active (self->optimal_toggle, state->optimal_eta);
  os_window_set_page (self, os_page_name (state->page));
  L->n_pins = state->n_pins;
  for (int i = 0; i < state->n_pins; i++)
    L->pins[i] = state->pins[i];
  os_window_set_hidden (self, state->hidden);
  os_window_view_pins_changed (self);
  os_window_set_animation (self, state->animate ? &state->animation : NULL);
  return TRUE;
}

char *
os_window_get_command_line (OsWindow *self)
{
  OsState state;

  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  os_window_get_view_state (self, &state);
  return os_state_to_command_line (&state);
}

void
os_window_copy_command_line (OsWindow *self)
{
  g_autofree char *line = os_window_get_command_line (self);
  g_autofree char *msg = g_strdup_printf ("Copied: %s", line);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), line);
  os_window_set_status_bar (self, msg, NULL, -1.0);
}

/* ---- hidden series and pins ----------------------------------------------- */

void
os_window_set_hidden (OsWindow *self, guint64 hidden)
{
  g_return_if_fail (OS_IS_WINDOW (self));
  hidden &= OS_SERIES_BIT (OS_SERIES_ID_N) - 1;
  if (self->lecture->hidden == hidden)
    return;
  self->lecture->hidden = hidden;
  /* the plots draw what is shown (plot/: the figure's style) */
  os_window_view_pins_changed (self);
}

guint64
os_window_get_hidden (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), 0);
  return self->lecture->hidden;
}

gboolean
os_window_pin (OsWindow *self)
{
  OsLecture *L;
  OsParams params;
  g_autofree char *label = NULL, *msg = NULL;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  L = self->lecture;
  if (L->n_pins >= OS_STATE_MAX_PINS)
    {
      os_window_set_status_bar (self, "Four pins already: unpin one first (click its legend entry)", NULL, -1.0);
      return FALSE;
    }
  os_param_panel_get_params (self->panel, &params);
  L->pins[L->n_pins++] = params;
  os_window_view_pins_changed (self);
  label = os_pin_label (&params, &params);
  msg = g_strdup_printf ("Pinned the curves (%d of %d): move a slider to compare", L->n_pins, OS_STATE_MAX_PINS);
  os_window_set_status_bar (self, msg, NULL, -1.0);
  return TRUE;
}

void
os_window_unpin (OsWindow *self, int index)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self));
  L = self->lecture;
  g_return_if_fail (index >= 0 && index < L->n_pins);
  for (int i = index; i + 1 < L->n_pins; i++)
    L->pins[i] = L->pins[i + 1];
  L->n_pins--;
  os_window_view_pins_changed (self);
}

int
os_window_get_n_pins (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), 0);
  return self->lecture->n_pins;
}

/* The plots follow the hidden series and the pins. (Their drawing comes
 * with the figure's style and overlays in plot/.) */
void
os_window_view_pins_changed (OsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unpin-all", self->lecture->n_pins > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pin", self->lecture->n_pins < OS_STATE_MAX_PINS);
}

/* ---- actions ---------------------------------------------------------------- */

static void
action_copy_command (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_copy_command_line (OS_WINDOW (widget));
}

static void
action_pin (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_pin (OS_WINDOW (widget));
}

static void
action_unpin_all (GtkWidget *widget, const char *name, GVariant *parameter)
{
  OsWindow *self = OS_WINDOW (widget);

  (void) name;
  (void) parameter;
  while (os_window_get_n_pins (self) > 0)
    os_window_unpin (self, os_window_get_n_pins (self) - 1);
}

void
os_window_view_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-command", NULL, action_copy_command);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-command", NULL);
  gtk_widget_class_install_action (widget_class, "win.pin", NULL, action_pin);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.pin", NULL);
  gtk_widget_class_install_action (widget_class, "win.unpin-all", NULL, action_unpin_all);
}
