/* os-window-optimal.c — the test-error plot's "η̃*" toggle: ε_g at the
 * optimal learning rate η̃*(x) along the x-axis, computed in the background
 * by os_optimal_eta_compute_async () (model/os-optimal-job.h) with a
 * GCancellable the window owns, and drawn on the test-error plot once it
 * belongs to the snapshot shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"
#include "os-window-lecture.h"
#include "os-optimal-job.h"

#include <math.h>

/* points of η̃*(x) at most (each minimises ε_g over η̃) */
#define OPTIMAL_MAX_POINTS 40

/* Whether a curve for base along sweep belongs to the figure's parameters
 * and x-axis (the axis and η̃ itself excepted). */
static gboolean
same_optimal_key (const OsParams *base, const OsSweep *a, const OsFigure *fig)
{
  const OsSweep *b = &fig->view.sweep;

  if (a->axis != b->axis || a->from != b->from || a->to != b->to || !a->log_spacing != !b->log_spacing
      || base->student != fig->params.student || base->teacher != fig->params.teacher)
    return FALSE;
  for (int id = 0; id < OS_PARAM_N; id++)
    if (id != (int) a->axis && id != OS_PARAM_ETA
        && os_params_get (base, id) != os_params_get (&fig->params, id))
      return FALSE;
  return TRUE;
}

static gboolean
optimal_matches (const OsOptimalEta *o, const OsFigure *fig)
{
  return same_optimal_key (&o->base, &o->sweep, fig) && o->d == os_view_network_d (&fig->view);
}

static void
on_optimal_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (OsWindow) self = data;   /* the job's reference */
  g_autoptr (GError) error = NULL;
  OsOptimalEta *curve = os_optimal_eta_compute_finish (result, &error);

  (void) source;
  if (curve == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        os_window_set_status_bar (self, error->message, NULL, -1.0);
      return;
    }
  g_clear_object (&self->optimal_cancellable);
  g_clear_pointer (&self->optimal_source, os_figure_unref);
  self->optimal_source = os_figure_with_optimal_eta (NULL, curve);
  {
    int at_zero = 0;

    /* only the d → ∞ theory jumps at η̃ = 0⁺ (docs/SCIENCE.md §10) */
    for (int i = 0; i < curve->n; i++)
      at_zero += curve->eta[i] < 1e-3 && isinf (curve->d);
    if (at_zero > 0)
      {
        g_autofree char *msg =
          g_strdup_printf ("Best η̃*: at %d of %d points η̃* → 0⁺ — the d → ∞ theory's ε_g jumps at "
                           "η̃ = 0⁺ (an infinitesimal step already fits the spike linearly); a network "
                           "of finite size does not (docs/SCIENCE.md §10)", at_zero, curve->n);
        os_window_set_status_bar (self, msg, NULL, -1.0);
      }
  }
  os_window_show_figure_on_error_plot (self);
}

void
os_window_update_optimal (OsWindow *self)
{
  OsSweep sweep;

  if (!gtk_toggle_button_get_active (self->optimal_toggle) || self->figure == NULL
      || self->figure->view.sweep.axis == OS_PARAM_ETA)
    return;
  if (self->optimal_source != NULL && optimal_matches (self->optimal_source->optimal_eta, self->figure))
    return;
  if (self->optimal_cancellable != NULL)
    {
      OsFigure *running = g_object_get_data (G_OBJECT (self->optimal_cancellable), "os-figure");

      if (running != NULL && same_optimal_key (&running->params, &running->view.sweep, self->figure)
          && os_view_network_d (&running->view) == os_view_network_d (&self->figure->view))
        return;
      g_cancellable_cancel (self->optimal_cancellable);
      g_clear_object (&self->optimal_cancellable);
    }
  self->optimal_cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self->optimal_cancellable), "os-figure",
                          os_figure_ref (self->figure), (GDestroyNotify) os_figure_unref);
  sweep = self->figure->view.sweep;
  sweep.points = MIN (sweep.points, OPTIMAL_MAX_POINTS);
  os_optimal_eta_compute_async (&self->figure->params, &sweep, NULL, os_view_network_d (&self->figure->view),
                                self->optimal_cancellable,
                                on_optimal_done, g_object_ref (self));
}

OsFigure *
os_window_figure_for_error_plot (OsWindow *self)
{
  g_autoptr (OsFigure) with_optimal = NULL;

  if (self->figure == NULL)
    return NULL;
  if (gtk_toggle_button_get_active (self->optimal_toggle) && self->optimal_source != NULL
      && optimal_matches (self->optimal_source->optimal_eta, self->figure))
    with_optimal = os_figure_with_optimal_eta_of (self->figure, self->optimal_source);
  else
    with_optimal = os_figure_ref (self->figure);
  /* hidden series and pins (os-window-view.c) */
  return os_window_view_shown (self, with_optimal);
}

void
os_window_show_figure_on_error_plot (OsWindow *self)
{
  g_autoptr (OsFigure) figure = os_window_figure_for_error_plot (self);
  g_autoptr (OsFigure) screen = NULL;

  if (figure == NULL)
    return;
  /* hidden series keep a legend entry to click on screen */
  screen = os_figure_for_screen (figure);
  os_plot_view_set_figure (self->plot_error, screen, self->figure_generation);
}

static void
on_optimal_toggled (GtkToggleButton *button, OsWindow *self)
{
  (void) button;
  os_window_update_optimal (self);
  os_window_show_figure_on_error_plot (self);
}

void
os_window_init_optimal (OsWindow *self)
{
  self->optimal_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label ("η̃*"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->optimal_toggle),
                               "Also draw ε_g at the optimal learning rate η̃*(x), the least test error "
                               "over η̃ ∈ [0, 10] at each x (the tooltip gives η̃*). Computed in the background.");
  /* in the plot's toolbar, beside its "?": off the plot, so it covers none
   * of its text */
  gtk_box_append (self->error_toolbar, GTK_WIDGET (self->optimal_toggle));
  g_signal_connect (self->optimal_toggle, "toggled", G_CALLBACK (on_optimal_toggled), self);
}

void
os_window_dispose_optimal (OsWindow *self)
{
  if (self->optimal_cancellable != NULL)
    {
      g_cancellable_cancel (self->optimal_cancellable);
      g_clear_object (&self->optimal_cancellable);
    }
  g_clear_pointer (&self->optimal_source, os_figure_unref);
}

OsFigure *
os_window_get_error_plot_figure (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return os_plot_view_get_figure (self->plot_error);
}

GtkToggleButton *
os_window_get_optimal_toggle (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->optimal_toggle;
}
