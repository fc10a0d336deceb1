/* os-window-view.c — the window's whole view (model/os-state.h): hidden
 * series, pins, the state that parameter sets save and "Copy as command
 * line" spells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"
#include "os-error.h"
#include "os-flags.h"
#include "os-scheduler.h"

#include <string.h>

void
os_window_get_view_state (OsWindow *self, OsState *state)
{
  OsLecture *L;

  g_return_if_fail (OS_IS_WINDOW (self) && state != NULL);
  L = self->lecture;
  os_state_init_default (state);
  os_window_get_state (self, &state->params, &state->view);
  os_window_get_phase (self, &state->view.phase);
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

static void update_pin_figures (OsWindow *self);

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
  L->pins[L->n_pins] = params;
  /* the figure on screen is the pin's, when it is of these parameters */
  g_clear_pointer (&L->pin_figures[L->n_pins], os_figure_unref);
  if (self->figure != NULL && memcmp (&self->figure->params, &params, sizeof params) == 0
      && self->figure->theory != NULL && self->figure->density_step != NULL)
    L->pin_figures[L->n_pins] = os_figure_ref (self->figure);
  L->n_pins++;
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
  g_clear_pointer (&L->pin_figures[index], os_figure_unref);
  for (int i = index; i + 1 < L->n_pins; i++)
    {
      L->pins[i] = L->pins[i + 1];
      L->pin_figures[i] = L->pin_figures[i + 1];
    }
  L->pin_figures[L->n_pins - 1] = NULL;
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
  OsLecture *L = self->lecture;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unpin-all", L->n_pins > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.pin", L->n_pins < OS_STATE_MAX_PINS);
  /* a pin's figure stays with its parameters */
  for (int i = 0; i < OS_STATE_MAX_PINS; i++)
    if (L->pin_figures[i] != NULL && (i >= L->n_pins || memcmp (&L->pin_figures[i]->params, &L->pins[i],
                                                                  sizeof (OsParams)) != 0))
      g_clear_pointer (&L->pin_figures[i], os_figure_unref);
  update_pin_figures (self);
  os_window_view_refresh_plots (self);
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

/* ---- what the plots draw: hidden series, pins -------------------------------- */

/* A pin's figure is good for the figure shown when it is of the pin's
 * parameters along the same axis, with the same spectrum. */
static gboolean
pin_figure_fits (const OsFigure *pin, const OsParams *params, const OsFigure *shown)
{
  const OsView *a = &pin->view, *b = &shown->view;

  return memcmp (&pin->params, params, sizeof *params) == 0 && a->sweep.axis == b->sweep.axis
         && a->sweep.from == b->sweep.from && a->sweep.to == b->sweep.to && a->sweep.points == b->sweep.points
         && !a->sweep.log_spacing == !b->sweep.log_spacing && a->spectrum_matrix == b->spectrum_matrix
         && !a->spectrum_centered == !b->spectrum_centered && !a->spectrum_log == !b->spectrum_log
         && os_view_spectrum_d (a) == os_view_spectrum_d (b);
}

OsFigure *
os_window_view_shown (OsWindow *self, OsFigure *figure)
{
  OsLecture *L = self->lecture;
  OsOverlay overlays[OS_STATE_MAX_PINS] = { 0 };
  char *labels[OS_STATE_MAX_PINS] = { NULL };
  OsFigure *shown;
  int n = 0;

  if (figure == NULL)
    return NULL;
  if (L == NULL || L->disposed || (L->hidden == 0 && L->n_pins == 0))
    return os_figure_ref (figure);
  for (int i = 0; i < L->n_pins; i++)
    if (L->pin_figures[i] != NULL && pin_figure_fits (L->pin_figures[i], &L->pins[i], figure))
      {
        labels[n] = os_pin_label (&L->pins[i], &figure->params);
        overlays[n] = (OsOverlay) { OS_OVERLAY_PIN, L->pin_figures[i], labels[n], i, L->n_pins };
        n++;
      }
  shown = os_figure_with_shown (figure, L->hidden, overlays, n, FALSE);   /* copies the labels */
  for (int i = 0; i < n; i++)
    g_free (labels[i]);
  return shown;
}

void
os_window_view_refresh_plots (OsWindow *self)
{
  if (self->figure == NULL)
    return;
  os_window_show_figure_on_error_plot (self);
  for (int k = OS_PLOT_SPECTRUM; k < OS_PLOT_ALL; k++)
    {
      g_autoptr (OsFigure) shown = os_window_view_shown (self, self->figure);
      g_autoptr (OsFigure) screen = os_figure_for_screen (shown);

      os_plot_view_set_figure (os_window_get_plot (self, k), screen, self->figure_generation);
    }
}

typedef struct
{
  GWeakRef  window;       /* the job does not keep a closed window alive */
  OsParams  pins[OS_STATE_MAX_PINS];
  int       n_pins;
  OsView    view;
  OsFigure *figures[OS_STATE_MAX_PINS];
} PinJob;

static void
pin_job_free (gpointer data)
{
  PinJob *job = data;

  for (int i = 0; i < job->n_pins; i++)
    g_clear_pointer (&job->figures[i], os_figure_unref);
  g_weak_ref_clear (&job->window);
  g_free (job);
}

static void
pin_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  PinJob *job = data;

  (void) scheduled;
  for (int i = 0; i < job->n_pins && !g_cancellable_is_cancelled (cancellable); i++)
    job->figures[i] = os_figure_overlay_compute (&job->pins[i], &job->view, cancellable, NULL);
}

static void
pin_done (gpointer data)
{
  PinJob *job = data;
  g_autoptr (OsWindow) window = g_weak_ref_get (&job->window);
  OsLecture *L = window != NULL ? window->lecture : NULL;

  if (L == NULL || L->disposed || window->figure == NULL)
    return;
  for (int i = 0; i < job->n_pins && i < L->n_pins; i++)
    if (job->figures[i] != NULL && memcmp (&job->pins[i], &L->pins[i], sizeof (OsParams)) == 0)
      {
        g_clear_pointer (&L->pin_figures[i], os_figure_unref);
        L->pin_figures[i] = g_steal_pointer (&job->figures[i]);
      }
  if (L->pin_cancellable != NULL && !g_cancellable_is_cancelled (L->pin_cancellable))
    g_clear_object (&L->pin_cancellable);
  os_window_view_refresh_plots (window);
}

/* The pins whose figure does not fit the figure shown are computed again
 * (one job for all, on the background lane; a newer one cancels it). */
static void
update_pin_figures (OsWindow *self)
{
  OsLecture *L = self->lecture;
  PinJob *job;
  gboolean due = FALSE;

  if (self->figure == NULL)
    return;
  for (int i = 0; i < L->n_pins; i++)
    due |= L->pin_figures[i] == NULL || !pin_figure_fits (L->pin_figures[i], &L->pins[i], self->figure);
  if (!due)
    return;
  if (L->pin_cancellable != NULL)
    g_cancellable_cancel (L->pin_cancellable);
  g_clear_object (&L->pin_cancellable);
  L->pin_cancellable = g_cancellable_new ();
  job = g_new0 (PinJob, 1);
  g_weak_ref_init (&job->window, self);
  job->n_pins = L->n_pins;
  memcpy (job->pins, L->pins, sizeof job->pins);
  job->view = self->figure->view;
  os_scheduler_run (OS_SCHEDULER_LANE_BACKGROUND, L->pin_cancellable, G_PRIORITY_DEFAULT, pin_work, pin_done, job,
                    pin_job_free);
}

void
os_window_view_figure_changed (OsWindow *self)
{
  if (self->lecture != NULL && !self->lecture->disposed && self->lecture->n_pins > 0)
    update_pin_figures (self);
}

void
os_window_view_dispose (OsWindow *self)
{
  OsLecture *L = self->lecture;

  if (L->pin_cancellable != NULL)
    g_cancellable_cancel (L->pin_cancellable);
  g_clear_object (&L->pin_cancellable);
  for (int i = 0; i < OS_STATE_MAX_PINS; i++)
    g_clear_pointer (&L->pin_figures[i], os_figure_unref);
}

/* ---- a click or a drag on a curve plot moves its x-axis parameter ---------------- */

static void
on_plot_pick (OsPlotView *plot, double x, OsWindow *self)
{
  OsParams params;
  OsParamId axis = self->figure != NULL ? self->figure->view.sweep.axis : OS_PARAM_N;

  (void) plot;
  if (axis >= OS_PARAM_N || !os_param_check (axis, x, NULL))
    return;
  os_param_panel_get_params (self->panel, &params);
  if (os_params_get (&params, axis) != x)
    os_param_panel_set_value (self->panel, axis, x);   /* a drag is one undo step */
}

/* A legend entry clicked: a pin's unpins it, a series' hides or shows it. */
static void
on_legend_clicked (OsPlotView *plot, int id, int overlay, OsWindow *self)
{
  OsFigure *shown = os_plot_view_get_figure (plot);

  if (overlay > 0 && shown != NULL && overlay <= shown->n_overlays
      && shown->overlays[overlay - 1].kind == OS_OVERLAY_PIN)
    {
      g_autofree char *msg = g_strdup_printf ("Unpinned %s", shown->overlays[overlay - 1].label);

      os_window_unpin (self, shown->overlays[overlay - 1].index);
      os_window_set_status_bar (self, msg, NULL, -1.0);
      return;
    }
  if (id >= 0 && id < OS_SERIES_ID_N && overlay == 0)
    {
      guint64 bit = OS_SERIES_BIT (id);
      g_autofree char *msg = g_strdup_printf ("%s %s (click its legend entry again to %s it)",
                                              self->lecture->hidden & bit ? "Showing" : "Hid",
                                              os_series_id_name (id), self->lecture->hidden & bit ? "hide" : "show");

      os_window_set_hidden (self, self->lecture->hidden ^ bit);
      os_window_set_status_bar (self, msg, NULL, -1.0);
    }
}

void
os_window_view_init_picking (OsWindow *self)
{
  for (int k = 0; k < OS_PLOT_ALL; k++)
    {
      OsPlotView *plot = os_window_get_plot (self, k);

      g_signal_connect (plot, "legend-clicked", G_CALLBACK (on_legend_clicked), self);
      if (k == OS_PLOT_ERROR || k == OS_PLOT_OVERLAPS)
        {
          os_plot_view_set_picking (plot, TRUE);
          g_signal_connect (plot, "pick", G_CALLBACK (on_plot_pick), self);
        }
    }
}
