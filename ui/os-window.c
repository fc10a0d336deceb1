/* os-window.c — the main window: its template, the engine it posts
 * requests to, and the snapshots it hands to the plots.
 *
 * The rest, a concern a file: os-window-actions.c (the actions),
 * os-window-status.c (the bottom bar and the banner), os-window-state.c
 * (undo, redo, parameter files), os-window-presets.c, os-window-help.c (the
 * "?" popovers), os-window-optimal.c (the η̃* curve), os-window-x11.c
 * (frame costs on a bare X server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"
#include "os-window-lecture.h"

G_DEFINE_FINAL_TYPE (OsWindow, os_window, GTK_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_PRESENTATION, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* resources/meson.build: the template, the style sheet, the help texts */
GResource *os_resources_get_resource (void);

static void
load_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkCssProvider *provider;

  if (g_object_get_data (G_OBJECT (display), "os-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/onestep/Explorer/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "os-style", provider, g_object_unref);
}

static void
post_request (OsWindow *self)
{
  OsParams params;
  OsView view;

  if (self->updating > 0 || self->engine == NULL)
    return;
  os_window_get_request (self, &params, &view);
  os_engine_request (self->engine, &params, &view);
  os_window_set_status_bar (self, NULL, "Computing the theory…", 0.0);
}

static void
on_panel_changed (OsParamPanel *panel, OsWindow *self)
{
  OsParams params;

  (void) panel;
  self->status.controls_changed_us = g_get_monotonic_time ();
  os_param_panel_get_params (self->panel, &params);
  os_phase_view_set_params (self->phase_view, &params);
  {
    OsView view;

    os_window_get_request (self, &params, &view);
    os_phase_view_set_network_d (self->phase_view, os_view_network_d (&view));
  }
  os_window_record_change (self);
  post_request (self);
}

static void
on_phase_pick (OsPhaseView *view, int x_axis, double x, int y_axis, double y, OsWindow *self)
{
  OsParams params;

  (void) view;
  os_param_panel_get_params (self->panel, &params);
  os_params_set (&params, x_axis, x);
  os_params_set (&params, y_axis, y);
  os_param_panel_set_params (self->panel, &params);   /* one change, one undo step */
}

static void
on_page_changed (GtkStack *stack, GParamSpec *pspec, OsWindow *self)
{
  (void) pspec;
  os_phase_view_set_active (self->phase_view,
                            g_strcmp0 (gtk_stack_get_visible_child_name (stack), "phase") == 0);
}

static void
on_spectrum_toggled (GtkToggleButton *button, OsWindow *self)
{
  OsSpectrumMatrix matrix = gtk_toggle_button_get_active (self->features_toggle)
                            ? OS_SPECTRUM_FEATURES : OS_SPECTRUM_WEIGHTS;
  gboolean centered = gtk_toggle_button_get_active (self->centered_toggle);
  gboolean log_axis = gtk_toggle_button_get_active (self->log_toggle);

  /* the radio pair toggles twice (one off, one on): act on the "on" */
  if ((button == self->weights_toggle || button == self->features_toggle)
      && !gtk_toggle_button_get_active (button))
    return;
  if (matrix == self->view.spectrum_matrix && centered == self->view.spectrum_centered
      && log_axis == self->view.spectrum_log)
    return;
  self->view.spectrum_matrix = matrix;
  self->view.spectrum_centered = centered;
  self->view.spectrum_log = log_axis;
  gtk_widget_set_sensitive (GTK_WIDGET (self->centered_toggle), matrix == OS_SPECTRUM_FEATURES);
  post_request (self);
}

/* A plot gets the snapshot with what the window draws of it (hidden
 * series, pins: os-window-view.c). */
static void
show_figure (OsPlotView *plot, OsWindow *self, OsFigure *figure, guint generation)
{
  g_autoptr (OsFigure) shown = os_window_view_shown (self, figure);
  g_autoptr (OsFigure) screen = os_figure_for_screen (shown);

  os_plot_view_set_figure (plot, screen, generation);
}

static void
on_figure_updated (OsEngine *engine, guint generation, int stage, gpointer data, OsWindow *self)
{
  OsFigure *figure = data;

  (void) engine;
  if (self->figure != figure)
    {
      os_figure_ref (figure);
      g_clear_pointer (&self->figure, os_figure_unref);
      self->figure = figure;
    }
  self->figure_generation = generation;

  /* redraw only what the new part changes */
  switch ((OsEngineStage) stage)
    {
    case OS_ENGINE_STAGE_THEORY:
    case OS_ENGINE_STAGE_FAILED:
      os_window_show_figure_on_error_plot (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->optimal_toggle), figure->view.sweep.axis != OS_PARAM_ETA);
      if (stage == OS_ENGINE_STAGE_THEORY)
        os_window_update_optimal (self);
      show_figure (self->plot_overlaps, self, figure, generation);
      show_figure (self->plot_function, self, figure, generation);
      show_figure (self->plot_spectrum, self, figure, generation);
      os_param_panel_show_readouts (self->panel, figure);
      break;
    case OS_ENGINE_STAGE_DENSITIES:
    case OS_ENGINE_STAGE_SPECTRUM:
      show_figure (self->plot_spectrum, self, figure, generation);
      break;
    case OS_ENGINE_STAGE_SIM_POINT:
      os_window_show_figure_on_error_plot (self);
      show_figure (self->plot_overlaps, self, figure, generation);
      break;
    case OS_ENGINE_STAGE_DONE:
      break;
    }
  os_window_lecture_figure_shown (self);
  if (stage == OS_ENGINE_STAGE_DONE || stage == OS_ENGINE_STAGE_FAILED)
    os_window_set_status_bar (self, figure->status, stage == OS_ENGINE_STAGE_DONE ? "Done" : "Failed", 1.0);
  else
    os_window_set_status_bar (self, figure->status, NULL, -1.0);
}

static void
on_progress (OsEngine *engine, guint generation, double fraction, const char *text, OsWindow *self)
{
  (void) engine;
  (void) generation;
  os_window_set_status_bar (self, NULL, text != NULL && *text != '\0' ? text : NULL, fraction);
}

static void
os_window_dispose (GObject *object)
{
  OsWindow *self = OS_WINDOW (object);

  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      os_engine_cancel (self->engine);
      g_clear_object (&self->engine);
    }
  g_clear_pointer (&self->figure, os_figure_unref);
  g_clear_pointer (&self->history, os_history_free);
  os_window_lecture_dispose (self);
  os_window_dispose_optimal (self);
  os_window_dispose_export (self);
  os_window_dispose_presentation (self);
  os_window_dispose_status (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OS_TYPE_WINDOW);
  G_OBJECT_CLASS (os_window_parent_class)->dispose (object);
}

static void
os_window_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  OsWindow *self = OS_WINDOW (object);

  switch (id)
    {
    case PROP_PRESENTATION: g_value_set_boolean (value, self->presentation); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_window_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  OsWindow *self = OS_WINDOW (object);

  switch (id)
    {
    case PROP_PRESENTATION: os_window_set_presentation (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (os_window_parent_class)->realize (widget);
  os_window_x11_realized (OS_WINDOW (widget));
}

static void
os_window_class_init (OsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = os_window_dispose;
  object_class->get_property = os_window_get_property;
  object_class->set_property = os_window_set_property;
  widget_class->realize = os_window_realize;

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* referencing the resource links it in (the constructor registers it) */
  g_return_if_fail (os_resources_get_resource () != NULL);
  g_type_ensure (OS_TYPE_PARAM_PANEL);
  g_type_ensure (OS_TYPE_PLOT_VIEW);
  g_type_ensure (OS_TYPE_PHASE_VIEW);
  g_type_ensure (OS_TYPE_PROGRESS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/onestep/Explorer/os-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OsWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, plot_error);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, plot_spectrum);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, plot_overlaps);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, plot_function);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, weights_toggle);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, features_toggle);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, centered_toggle);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, log_toggle);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, progress);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, phase_view);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, presets_button);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_error);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, error_toolbar);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, fullscreen_revealer);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_spectrum);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_overlaps);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_function);

  os_window_class_install_actions (widget_class);
  os_window_class_install_presentation (widget_class);
  os_window_lecture_class_init (widget_class);
}

static void
os_window_init (OsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_style (GTK_WIDGET (self));
  os_window_add_undo_shortcuts (self);
  self->status.fraction = -1.0;

  os_view_init_default (&self->view);
  self->engine = os_engine_new ();
  g_signal_connect (self->engine, "figure-updated", G_CALLBACK (on_figure_updated), self);
  g_signal_connect (self->engine, "progress", G_CALLBACK (on_progress), self);
  g_signal_connect (self->panel, "changed", G_CALLBACK (on_panel_changed), self);
  g_signal_connect (self->weights_toggle, "toggled", G_CALLBACK (on_spectrum_toggled), self);
  g_signal_connect (self->features_toggle, "toggled", G_CALLBACK (on_spectrum_toggled), self);
  g_signal_connect (self->centered_toggle, "toggled", G_CALLBACK (on_spectrum_toggled), self);
  g_signal_connect (self->log_toggle, "toggled", G_CALLBACK (on_spectrum_toggled), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->centered_toggle), FALSE);
  g_signal_connect (self->phase_view, "pick", G_CALLBACK (on_phase_pick), self);
  g_signal_connect (self->page_stack, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);
  os_window_init_help (self);
  os_window_init_presets (self);
  os_window_init_optimal (self);
  os_window_init_export (self);
  os_window_init_presentation (self);
  os_window_lecture_init (self);
  {
    OsParams params;

    OsView view;

    os_param_panel_get_params (self->panel, &params);
    os_phase_view_set_params (self->phase_view, &params);
    os_window_get_request (self, &params, &view);
    os_phase_view_set_network_d (self->phase_view, os_view_network_d (&view));
  }
  os_window_reset_history (self);
  post_request (self);
}

OsWindow *
os_window_new (GtkApplication *application)
{
  return g_object_new (OS_TYPE_WINDOW, "application", application, NULL);
}

void
os_window_get_request (OsWindow *self, OsParams *params, OsView *view)
{
  g_return_if_fail (OS_IS_WINDOW (self));

  os_param_panel_get_params (self->panel, params);
  *view = self->view;
  os_param_panel_get_view (self->panel, view);
}

void
os_window_set_params (OsWindow *self, const OsParams *params)
{
  g_return_if_fail (OS_IS_WINDOW (self));

  os_param_panel_set_params (self->panel, params);   /* posts through "changed" */
}

void
os_window_set_spectrum (OsWindow *self, OsSpectrumMatrix matrix, gboolean centered, gboolean log_axis)
{
  g_return_if_fail (OS_IS_WINDOW (self));

  self->updating++;
  gtk_toggle_button_set_active (matrix == OS_SPECTRUM_FEATURES ? self->features_toggle
                                                               : self->weights_toggle, TRUE);
  gtk_toggle_button_set_active (self->centered_toggle, centered);
  gtk_toggle_button_set_active (self->log_toggle, log_axis);
  self->updating--;
  self->view.spectrum_matrix = matrix;
  self->view.spectrum_centered = centered;
  self->view.spectrum_log = log_axis;
  gtk_widget_set_sensitive (GTK_WIDGET (self->centered_toggle), matrix == OS_SPECTRUM_FEATURES);
  post_request (self);
}

void
os_window_set_presentation (OsWindow *self, gboolean presentation)
{
  OsPlotTheme theme;

  g_return_if_fail (OS_IS_WINDOW (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;
  self->presentation = presentation;
  if (presentation)
    os_plot_theme_init_presentation (&theme);
  else
    os_plot_theme_init_default (&theme);
  for (int k = 0; k < OS_PLOT_ALL; k++)
    os_plot_view_set_theme (os_window_get_plot (self, k), &theme);
  os_phase_view_set_theme (self->phase_view, &theme);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
      self->fullscreen_requested = TRUE;
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      self->fullscreen_requested = FALSE;
    }
  os_window_presentation_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

gboolean
os_window_get_fullscreen_requested (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  return self->fullscreen_requested;
}

gboolean
os_window_get_presentation (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  return self->presentation;
}

OsEngine *
os_window_get_engine (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->engine;
}

OsParamPanel *
os_window_get_panel (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->panel;
}

OsPlotView *
os_window_get_plot (OsWindow *self, OsPlotKind kind)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);

  switch (kind)
    {
    case OS_PLOT_ERROR:    return self->plot_error;
    case OS_PLOT_SPECTRUM: return self->plot_spectrum;
    case OS_PLOT_OVERLAPS: return self->plot_overlaps;
    case OS_PLOT_FUNCTION: return self->plot_function;
    case OS_PLOT_ALL:
    case OS_PLOT_N:        break;
    }
  g_return_val_if_reached (NULL);
}

OsFigure *
os_window_get_figure (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->figure;
}






void
os_window_set_page (OsWindow *self, const char *page)
{
  g_return_if_fail (OS_IS_WINDOW (self));
  g_return_if_fail (page != NULL);
  gtk_stack_set_visible_child_name (self->page_stack, page);
}

const char *
os_window_get_page (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->page_stack);
}

OsPhaseView *
os_window_get_phase_view (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->phase_view;
}
