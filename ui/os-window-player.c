/* os-window-player.c — play a parameter: the bar below the plots with
 * Play/Pause (Space), a step forward, what plays and its settings
 * (parameter, range, steps, speed, loop or bounce), and the pin buttons.
 *
 * Playing moves the parameter's slider frame by frame at the animation's
 * rate, from where the slider stands: each frame posts one request to the
 * engine, which computes the theory in a few milliseconds and drops what a
 * newer frame supersedes, so the plots follow as fast as the theory
 * allows; the simulation, when on, catches up when the player pauses. The
 * whole play is one undo step (the slider's changes coalesce).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"

#include <math.h>

static void
update_label (OsWindow *self)
{
  OsLecture *L = self->lecture;
  const OsAnimation *a = &L->animation;
  g_autofree char *text = NULL;

  if (!L->animate)
    text = g_strdup ("Play a parameter over its range: ▶ or Space");
  else
    text = g_strdup_printf ("%s from %.3g to %.3g · %d steps at %d a second (%.3g s) · %s",
                            os_param_info (a->param)->symbol, a->from, a->to, a->frames, a->fps,
                            (double) os_animation_n_frames (a) / a->fps, a->bounce ? "bounce" : "loop");
  gtk_label_set_text (L->player_label, text);
  gtk_button_set_icon_name (L->play_button, L->playing ? "media-playback-pause-symbolic"
                                                        : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (L->play_button), L->playing ? "Pause (Space)" : "Play (Space)");
}

/* the settings popover shows the animation */
static void
show_settings (OsWindow *self)
{
  OsLecture *L = self->lecture;
  const OsAnimation *a = &L->animation;
  const OsParamInfo *info = os_param_info (a->param);

  L->player_updating++;
  gtk_drop_down_set_selected (L->anim_param, a->param);
  gtk_spin_button_set_range (L->anim_from, info->min, info->max);
  gtk_spin_button_set_range (L->anim_to, info->min, info->max);
  gtk_spin_button_set_digits (L->anim_from, info->log_scale ? 5 : 3);
  gtk_spin_button_set_digits (L->anim_to, info->log_scale ? 5 : 3);
  gtk_spin_button_set_value (L->anim_from, a->from);
  gtk_spin_button_set_value (L->anim_to, a->to);
  gtk_spin_button_set_value (L->anim_frames, a->frames);
  gtk_spin_button_set_value (L->anim_fps, a->fps);
  gtk_switch_set_active (L->anim_bounce, a->bounce);
  L->player_updating--;
}

void
os_window_player_show (OsWindow *self)
{
  update_label (self);
  show_settings (self);
}

static void
set_frame (OsWindow *self, int frame)
{
  OsLecture *L = self->lecture;
  int n = os_animation_n_frames (&L->animation);

  L->frame = ((frame % n) + n) % n;
  os_param_panel_set_value (self->panel, L->animation.param, os_animation_value (&L->animation, L->frame));
}

static gboolean
player_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  OsWindow *self = OS_WINDOW (widget);
  OsLecture *L = self->lecture;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 period = G_USEC_PER_SEC / L->animation.fps;

  (void) data;
  if (!L->playing)
    {
      L->tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (now < L->frame_due_us)
    return G_SOURCE_CONTINUE;
  set_frame (self, L->frame + 1);
  /* on time, or from now when a frame came late (never a burst to catch up) */
  L->frame_due_us = now - L->frame_due_us > period ? now + period : L->frame_due_us + period;
  return G_SOURCE_CONTINUE;
}

void
os_window_play (OsWindow *self, gboolean play)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self));
  L = self->lecture;
  play = !!play;
  if (play && !L->animate)
    {
      OsAnimation a;

      os_animation_init_default (&a);
      os_window_set_animation (self, &a);
    }
  if (L->playing == play)
    return;
  L->playing = play;
  if (play)
    {
      OsParams params;

      /* from where the slider stands */
      os_param_panel_get_params (self->panel, &params);
      L->frame = os_animation_frame_near (&L->animation, os_params_get (&params, L->animation.param));
      L->frame_due_us = g_get_monotonic_time ();
      if (L->tick == 0)
        L->tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), player_tick, NULL, NULL);
    }
  else if (L->tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), L->tick);
      L->tick = 0;
    }
  update_label (self);
}

gboolean
os_window_is_playing (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  return self->lecture->playing;
}

void
os_window_step_animation (OsWindow *self, int frames)
{
  OsLecture *L;
  OsParams params;

  g_return_if_fail (OS_IS_WINDOW (self));
  L = self->lecture;
  os_window_play (self, FALSE);
  if (!L->animate)
    {
      OsAnimation a;

      os_animation_init_default (&a);
      os_window_set_animation (self, &a);
    }
  os_param_panel_get_params (self->panel, &params);
  if (os_animation_value (&L->animation, L->frame) != os_params_get (&params, L->animation.param))
    L->frame = os_animation_frame_near (&L->animation, os_params_get (&params, L->animation.param));
  set_frame (self, L->frame + frames);
}

void
os_window_set_animation (OsWindow *self, const OsAnimation *animation)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self));
  L = self->lecture;
  os_window_play (self, FALSE);
  L->animate = animation != NULL;
  if (animation != NULL)
    L->animation = *animation;
  else
    os_animation_init_default (&L->animation);
  L->frame = 0;
  os_window_player_show (self);
}

gboolean
os_window_get_animation (OsWindow *self, OsAnimation *animation)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  if (animation != NULL)
    *animation = self->lecture->animation;
  return self->lecture->animate;
}

/* ---- the settings popover --------------------------------------------------- */

static void
on_settings_changed (OsWindow *self)
{
  OsLecture *L = self->lecture;
  OsAnimation a = L->animation;
  guint param = gtk_drop_down_get_selected (L->anim_param);

  if (L->player_updating > 0 || param >= OS_PARAM_N)
    return;
  if ((OsParamId) param != a.param)
    os_animation_set_param (&a, param);   /* its usual range */
  else
    {
      a.from = gtk_spin_button_get_value (L->anim_from);
      a.to = gtk_spin_button_get_value (L->anim_to);
    }
  a.frames = gtk_spin_button_get_value_as_int (L->anim_frames);
  a.fps = gtk_spin_button_get_value_as_int (L->anim_fps);
  a.bounce = gtk_switch_get_active (L->anim_bounce);
  if (!os_animation_validate (&a, NULL))
    {
      show_settings (self);   /* back to what holds (e.g. equal ends) */
      return;
    }
  {
    gboolean was_playing = L->playing;

    os_window_set_animation (self, &a);
    if (was_playing)
      os_window_play (self, TRUE);
  }
}

static GtkWidget *
settings_row (GtkGrid *grid, int row, const char *label, GtkWidget *widget, const char *tooltip)
{
  GtkWidget *l = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  gtk_widget_set_tooltip_text (widget, tooltip);
  return widget;
}

static GtkWidget *
build_settings (OsWindow *self)
{
  OsLecture *L = self->lecture;
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char *symbols[OS_PARAM_N + 1];

  for (int i = 0; i < OS_PARAM_N; i++)
    symbols[i] = os_param_info (i)->symbol;
  symbols[OS_PARAM_N] = NULL;
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  L->anim_param = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (symbols));
  L->anim_from = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10, 0.01));
  L->anim_to = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10, 0.01));
  L->anim_frames = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (OS_ANIMATION_MIN_FRAMES, 1000, 1));
  L->anim_fps = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (OS_ANIMATION_MIN_FPS, OS_ANIMATION_MAX_FPS, 1));
  L->anim_bounce = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_halign (GTK_WIDGET (L->anim_bounce), GTK_ALIGN_START);
  settings_row (grid, 0, "Parameter", GTK_WIDGET (L->anim_param), "The parameter to play (its usual range first)");
  settings_row (grid, 1, "From", GTK_WIDGET (L->anim_from), "The first value");
  settings_row (grid, 2, "To", GTK_WIDGET (L->anim_to), "The last value");
  settings_row (grid, 3, "Steps", GTK_WIDGET (L->anim_frames), "Values from the first to the last, ends included");
  settings_row (grid, 4, "Steps a second", GTK_WIDGET (L->anim_fps),
                "Speed: the theory follows up to the frame rate; the simulation catches up when paused");
  settings_row (grid, 5, "There and back", GTK_WIDGET (L->anim_bounce),
                "Bounce between the ends (off: start over at the first value)");
  g_signal_connect_swapped (L->anim_param, "notify::selected", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (L->anim_from, "value-changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (L->anim_to, "value-changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (L->anim_frames, "value-changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (L->anim_fps, "value-changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect_swapped (L->anim_bounce, "notify::active", G_CALLBACK (on_settings_changed), self);
  return GTK_WIDGET (grid);
}

static GtkButton *
icon_button (const char *icon, const char *tooltip, const char *action)
{
  GtkButton *b = GTK_BUTTON (gtk_button_new_from_icon_name (icon));

  gtk_widget_set_tooltip_text (GTK_WIDGET (b), tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  return b;
}

void
os_window_player_build (OsWindow *self, GtkBox *bar)
{
  OsLecture *L = self->lecture;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *pin, *unpin, *record;

  L->play_button = icon_button ("media-playback-start-symbolic", "Play (Space)", "win.play");
  L->step_button = icon_button ("media-skip-forward-symbolic", "One step forward", "win.step-forward");
  L->player_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (L->player_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (L->player_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (L->player_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (L->player_label), "dim-label");
  L->player_settings = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (L->player_settings, "emblem-system-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (L->player_settings), "What plays: parameter, range, steps, speed");
  gtk_popover_set_child (GTK_POPOVER (popover), build_settings (self));
  gtk_menu_button_set_popover (L->player_settings, popover);
  record = GTK_WIDGET (icon_button ("media-record-symbolic", "Record the animation as a video…", "win.record"));
  pin = gtk_button_new_with_label ("Pin");
  gtk_widget_set_tooltip_text (pin, "Pin the curves: keep them, faded, to compare (Ctrl+P; up to 4)");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pin), "win.pin");
  unpin = gtk_button_new_with_label ("Unpin all");
  gtk_widget_set_tooltip_text (unpin, "Remove every pin (one pin: click its legend entry)");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (unpin), "win.unpin-all");
  gtk_box_append (bar, GTK_WIDGET (L->play_button));
  gtk_box_append (bar, GTK_WIDGET (L->step_button));
  gtk_box_append (bar, GTK_WIDGET (L->player_settings));
  gtk_box_append (bar, record);
  gtk_box_append (bar, GTK_WIDGET (L->player_label));
  gtk_box_append (bar, pin);
  gtk_box_append (bar, unpin);
  os_animation_init_default (&L->animation);
  os_window_player_show (self);
}

void
os_window_player_dispose (OsWindow *self)
{
  OsLecture *L = self->lecture;

  if (L->tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), L->tick);
  L->tick = 0;
  L->playing = FALSE;
}

/* ---- actions ---------------------------------------------------------------- */

static void
action_play (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_play (OS_WINDOW (widget), !os_window_is_playing (OS_WINDOW (widget)));
}

static void
action_step_forward (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_step_animation (OS_WINDOW (widget), 1);
}

static void
action_step_back (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_step_animation (OS_WINDOW (widget), -1);
}

void
os_window_player_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.play", NULL, action_play);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, action_step_forward);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, action_step_back);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.step-back", NULL);
}

/* Space plays and pauses wherever the focus is: in the capture phase,
 * before a focused button takes it (Enter still activates buttons; the
 * number boxes take no spaces). */
void
os_window_player_add_space (OsWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (controller, "player-shortcuts");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_space, 0),
                                                          gtk_named_action_new ("win.play")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
