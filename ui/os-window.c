/* os-window.c — the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"

G_DEFINE_FINAL_TYPE (OsWindow, os_window, GTK_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_PRESENTATION, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* resources/meson.build: the template and the style sheet */
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
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_inscription_set_text (self->progress_label, "Computing the theory…");
}

static void
on_panel_changed (OsParamPanel *panel, OsWindow *self)
{
  (void) panel;
  post_request (self);
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
      os_plot_view_set_figure (self->plot_error, figure, generation);
      os_plot_view_set_figure (self->plot_overlaps, figure, generation);
      os_plot_view_set_figure (self->plot_function, figure, generation);
      os_plot_view_set_figure (self->plot_spectrum, figure, generation);
      os_param_panel_show_readouts (self->panel, figure);
      break;
    case OS_ENGINE_STAGE_DENSITIES:
    case OS_ENGINE_STAGE_SPECTRUM:
      os_plot_view_set_figure (self->plot_spectrum, figure, generation);
      break;
    case OS_ENGINE_STAGE_SIM_POINT:
      os_plot_view_set_figure (self->plot_error, figure, generation);
      os_plot_view_set_figure (self->plot_overlaps, figure, generation);
      break;
    case OS_ENGINE_STAGE_DONE:
      break;
    }
  if (figure->status != NULL)
    gtk_inscription_set_text (self->status_label, figure->status);
  if (stage == OS_ENGINE_STAGE_DONE || stage == OS_ENGINE_STAGE_FAILED)
    {
      gtk_progress_bar_set_fraction (self->progress, 1.0);
      gtk_inscription_set_text (self->progress_label, stage == OS_ENGINE_STAGE_DONE ? "Done" : "Failed");
    }
}

static void
on_progress (OsEngine *engine, guint generation, double fraction, const char *text, OsWindow *self)
{
  (void) engine;
  (void) generation;
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
  if (text != NULL && *text != '\0')
    gtk_inscription_set_text (self->progress_label, text);
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
os_window_class_init (OsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = os_window_dispose;
  object_class->get_property = os_window_get_property;
  object_class->set_property = os_window_set_property;

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* referencing the resource links it in (the constructor registers it) */
  g_return_if_fail (os_resources_get_resource () != NULL);
  g_type_ensure (OS_TYPE_PARAM_PANEL);
  g_type_ensure (OS_TYPE_PLOT_VIEW);
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

  os_window_class_install_actions (widget_class);
}

static void
os_window_init (OsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_style (GTK_WIDGET (self));

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
  if (presentation)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
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
  return gtk_inscription_get_text (self->status_label);
}
