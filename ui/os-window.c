/* os-window.c — the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"
#include "os-error.h"
#include "os-paramfile.h"

#include <string.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#endif

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
  os_window_set_status_bar (self, NULL, "Computing the theory…", 0.0);
}

/* ---------------------------------------------------- the bottom bar */

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

/* A slider dragged (or a value typed) into the same control within this
 * time coalesces into one undo step. */
#define HISTORY_WINDOW_US (700 * G_TIME_SPAN_MILLISECOND)
/* undo steps kept */
#define HISTORY_DEPTH 200
#define SOURCE_RANGE      (OS_PARAM_N)
#define SOURCE_SIMULATION (OS_PARAM_N + 1)

/* Which control made the change from `old` to `now`: the parameter when
 * only one changed, the x-range or the simulation settings, else none. */
static int
change_source (const OsWindowState *old, const OsWindowState *now)
{
  int source = OS_HISTORY_NO_SOURCE, n = 0;

  if (old->params.student != now->params.student || old->params.teacher != now->params.teacher)
    return OS_HISTORY_NO_SOURCE;
  for (int id = 0; id < OS_PARAM_N; id++)
    if (os_params_get (&old->params, id) != os_params_get (&now->params, id))
      {
        source = id;
        n++;
      }
  if (memcmp (&old->view.sweep, &now->view.sweep, sizeof now->view.sweep) != 0)
    {
      source = old->view.sweep.axis == now->view.sweep.axis ? SOURCE_RANGE : OS_HISTORY_NO_SOURCE;
      n++;
    }
  if (!old->view.simulate != !now->view.simulate || old->view.d != now->view.d
      || old->view.seeds != now->view.seeds || old->view.seed != now->view.seed)
    {
      source = SOURCE_SIMULATION;
      n++;
    }
  return n == 1 ? source : OS_HISTORY_NO_SOURCE;
}

static void
on_panel_changed (OsParamPanel *panel, OsWindow *self)
{
  OsParams params;

  (void) panel;
  self->status.controls_changed_us = g_get_monotonic_time ();
  os_param_panel_get_params (self->panel, &params);
  os_phase_view_set_params (self->phase_view, &params);
  if (self->applying == 0 && self->history != NULL)
    {
      OsWindowState now;
      const OsWindowState *old = os_history_current (self->history);

      os_window_get_state_struct (self, &now);
      os_history_record (self->history, &now, change_source (old, &now),
                         g_get_monotonic_time (), HISTORY_WINDOW_US);
      os_window_update_history_actions (self);
    }
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

/* ------------------------------------------------------------ help */

static const struct
{
  const char *plot;
  const char *markup;
} help_texts[] = {
  { "error",
    "<b>Test error along the x-axis</b>\n"
    "ε<sub>g</sub> = E(y − ŷ)² on fresh data, predicted by the theory (solid line, "
    "docs/SCIENCE.md §5) and measured on the real network (points with error bars, §1).\n"
    "The dashed line is the same network without the step (η̃ = 0: random features, "
    "the <i>kernel baseline</i>); the horizontal lines are the floors of §6: "
    "ε<sub>lin</sub> = Var σ*(z) − μ<sub>1*</sub>² + Δ, the best any linear function of x does, "
    "and ε<sub>spike</sub>, the best any function of the spike coordinate κ does.\n"
    "The step pays where the solid line is below the kernel baseline; it learns "
    "something non-linear where it goes below ε<sub>lin</sub>.\n"
    "Cui et al., arXiv:2402.04980." },
  { "spectrum",
    "<b>Singular values of the trained layer</b>\n"
    "Weights: after the step W₁ ≈ c W̃₀ + r 1<sub>p</sub> v̂ᵀ (docs/SCIENCE.md §2), a random bulk "
    "plus one spike. The bulk lies between the edges c(1 − √β) and c(1 + √β) "
    "(for β &gt; 1 the lower edge is c(√β − 1)); the spike sits near r√p, far out (§6, §9).\n"
    "r = η̃ μ₁ √(e₂/α₀ + μ<sub>1*</sub>²) is the spike strength, c the bulk scale, and "
    "γ = ⟨v̂, θ*⟩ how well the spike points at the teacher.\n"
    "Features: singular values of Φ = σ(XW₁ᵀ)/√p at initialisation and after the step "
    "(log axis helps); the curves are the predictions of §9, the histogram the network.\n"
    "Cui et al., arXiv:2402.04980." },
  { "overlaps",
    "<b>Order parameters of the theory</b> (docs/SCIENCE.md §5)\n"
    "The fixed point of the theory summarises the trained readout â by a few numbers: "
    "m = ⟨â, 1⟩/√p (how much â uses the spike direction), q₂ = ‖â‖²/p (its size), "
    "θ and ψ (its overlaps along v̂ and along the teacher's part orthogonal to v̂), q₁ …\n"
    "Points are the same quantities measured on the simulated network (§6, subscript "
    "“sim”). Along the x-axis you see where the readout starts to use the spike.\n"
    "Cui et al., arXiv:2402.04980." },
  { "function",
    "<b>The function learned along the spike</b> (docs/SCIENCE.md §6)\n"
    "κ = ⟨v̂, x⟩ is the input's coordinate along the spike. The network's mean "
    "prediction there is f̂(κ) = μ₀(κ) m + μ₁(κ) κ θ = E[ŷ | κ], drawn against the "
    "target's conditional mean h(κ) = E[y | κ] (dashed).\n"
    "Without the step (η̃ = 0, kernel) f̂ is a straight line in κ. After one giant step "
    "it bends to follow h: the paper's main message — one step is enough to learn a "
    "<i>non-linear</i> function in the spike direction.\n"
    "With an even teacher such as He₂ the spike is blind to the target (γ = 0): "
    "everything stays flat at 0.\n"
    "Cui et al., arXiv:2402.04980." },
  { "phase",
    "<b>Phase diagram</b>\n"
    "The colour is one quantity over two parameters (default: readout samples α across, "
    "learning rate η̃ up): the test error ε<sub>g</sub> (docs/SCIENCE.md §5), its gain over the "
    "kernel baseline ε<sub>kernel</sub> − ε<sub>g</sub>, its gain over the linear floor "
    "ε<sub>lin</sub> − ε<sub>g</sub>, or ε<sub>g</sub> at the best ridge λ (§6).\n"
    "Red line: ε<sub>g</sub> = ε<sub>kernel</sub>, where the step stops paying. Blue "
    "dashed line: ε<sub>g</sub> = ε<sub>lin</sub>; below it the network beats every "
    "linear function. Yellow dashed line: the optimal η̃*(x) with the least ε<sub>g</sub>. "
    "In the theory ε<sub>g</sub> jumps at η̃ → 0⁺ (an infinitesimal step already gives "
    "a free linear fit along the spike), so where η̃* sits at 0⁺ the best step is a "
    "tiny one — shown as it comes out, not hidden.\n"
    "White crosshair: the sliders. Click a cell to move the sliders there; hover for "
    "the values. A coarse picture comes first, then it refines.\n"
    "Cui et al., arXiv:2402.04980." },
};

static void
set_help (GtkMenuButton *button, const char *markup)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "help-text");
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_menu_button_set_popover (button, popover);
}

GtkMenuButton *
os_window_get_help_button (OsWindow *self, const char *plot)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (plot != NULL, NULL);

  if (g_str_equal (plot, "error"))
    return self->help_error;
  if (g_str_equal (plot, "spectrum"))
    return self->help_spectrum;
  if (g_str_equal (plot, "overlaps"))
    return self->help_overlaps;
  if (g_str_equal (plot, "function"))
    return self->help_function;
  if (g_str_equal (plot, "phase"))
    return self->help_phase;
  return NULL;
}

/* ------------------------------------------------------------ presets */

static void
on_preset_clicked (GtkButton *button, OsWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "os-preset");

  gtk_menu_button_popdown (self->presets_button);
  os_window_apply_preset (self, id);
}

static void
build_presets_popover (OsWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  guint n;
  const OsPreset *presets = os_presets (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
      GtkWidget *title = gtk_label_new (presets[i].title);
      GtkWidget *expl = gtk_label_new (presets[i].explanation);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (expl), 0);
      gtk_label_set_wrap (GTK_LABEL (expl), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (expl), 56);
      gtk_widget_add_css_class (expl, "dim-label");
      gtk_box_append (GTK_BOX (rows), title);
      gtk_box_append (GTK_BOX (rows), expl);
      gtk_button_set_child (GTK_BUTTON (button), rows);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, presets[i].explanation);
      g_object_set_data (G_OBJECT (button), "os-preset", (gpointer) presets[i].id);
      g_signal_connect (button, "clicked", G_CALLBACK (on_preset_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->presets_button, popover);
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
      os_window_show_figure_on_error_plot (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->optimal_toggle), figure->view.sweep.axis != OS_PARAM_ETA);
      if (stage == OS_ENGINE_STAGE_THEORY)
        os_window_update_optimal (self);
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
      os_window_show_figure_on_error_plot (self);
      os_plot_view_set_figure (self->plot_overlaps, figure, generation);
      break;
    case OS_ENGINE_STAGE_DONE:
      break;
    }
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
  os_window_dispose_optimal (self);
  if (self->status.tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->status.tick);
  self->status.tick = 0;
  g_clear_pointer (&self->status.status, g_free);
  g_clear_pointer (&self->status.progress_text, g_free);
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

#ifdef GDK_WINDOWING_X11
/* Cairo 1.16 on X11 copies every frame (GDK 4.8 paints it into an image
 * the size of the damage, then onto the window) into a MIT-SHM segment
 * from a pool of its own; a pool is destroyed as soon as it is empty and
 * the next one is faulted in page by page on the main thread (zeroed
 * shmem pages: slow in a VM). One image of up to 8 MiB held for the
 * life of the display keeps a pool alive, and the block freed beside it
 * was written once, so frames reuse resident memory (the pool's free
 * lists are LIFO). Cost: at most 16 MiB of resident shared memory.
 * Measured by --benchmark-ui, 16 alternating runs each on this VM, the
 * main thread's page faults: median 3,819 -> 880; max stall: median
 * 10.9 -> 9.1 ms, worst 17.3 -> 12.7 ms. ONESTEP_SHM_KEEPER=0 turns it
 * off, for that comparison. */
#define SHM_KEEPER_MAX_BYTES (8 * 1024 * 1024 - 4096)

static void
keep_shm_pool_warm (GdkSurface *surface)
{
  GdkDisplay *display = gdk_surface_get_display (surface);
  Display *xdpy = gdk_x11_display_get_xdisplay (display);
  int screen = DefaultScreen (xdpy);
  int width = DisplayWidth (xdpy, screen);
  int height = MIN (DisplayHeight (xdpy, screen), SHM_KEEPER_MAX_BYTES / (4 * MAX (width, 1)));
  cairo_surface_t *target, *warm, *keeper;

  if (g_object_get_data (G_OBJECT (display), "os-shm-keeper") != NULL
      || g_strcmp0 (g_getenv ("ONESTEP_SHM_KEEPER"), "0") == 0 || width <= 0 || height <= 0)
    return;
  target = cairo_xlib_surface_create (xdpy, gdk_x11_surface_get_xid (surface),
                                      DefaultVisual (xdpy, screen), 1, 1);
  /* both come from one new pool (cleared, so written); the first's block
   * is left free and resident, the second keeps the pool */
  warm = cairo_surface_create_similar_image (target, CAIRO_FORMAT_RGB24, width, height);
  keeper = cairo_surface_create_similar_image (target, CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_destroy (warm);
  cairo_surface_destroy (target);
  /* never released: cairo's display may close before GdkDisplay's data
   * is freed */
  g_object_set_data (G_OBJECT (display), "os-shm-keeper", keeper);
}
#endif

/* On X11 without a compositing window manager (_NET_WM_FRAME_DRAWN
 * unsupported) frame synchronisation cannot be negotiated, but GDK asks
 * the X server again after every frame (two round trips on the main
 * thread, each waiting for the server to finish drawing the frame).
 * Saying so once saves them; with a compositor nothing changes. And the
 * frames' shared-memory pool is kept warm (keep_shm_pool_warm). */
static void
os_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (os_window_parent_class)->realize (widget);
#ifdef GDK_WINDOWING_X11
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (widget));

    if (GDK_IS_X11_SURFACE (surface))
      {
        if (!gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (gdk_surface_get_display (surface)),
                                                  "_NET_WM_FRAME_DRAWN"))
          gdk_x11_surface_set_frame_sync_enabled (surface, FALSE);
        keep_shm_pool_warm (surface);
      }
  }
#endif
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
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_spectrum);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_overlaps);
  gtk_widget_class_bind_template_child (widget_class, OsWindow, help_function);

  os_window_class_install_actions (widget_class);
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
  self->help_phase = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->help_phase, gtk_label_new ("?"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->help_phase), "What this plot shows");
  gtk_widget_add_css_class (GTK_WIDGET (self->help_phase), "circular");
  os_phase_view_add_tool (self->phase_view, GTK_WIDGET (self->help_phase));
  g_signal_connect (self->page_stack, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);
  for (guint i = 0; i < G_N_ELEMENTS (help_texts); i++)
    set_help (os_window_get_help_button (self, help_texts[i].plot), help_texts[i].markup);
  build_presets_popover (self);
  os_window_init_optimal (self);
  {
    OsParams params;

    os_param_panel_get_params (self->panel, &params);
    os_phase_view_set_params (self->phase_view, &params);
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

/* ------------------------------------------------------------ state */

void
os_window_get_state_struct (OsWindow *self, OsWindowState *state)
{
  OsParams params;
  OsView view;

  memset (state, 0, sizeof *state);   /* the history compares bytewise */
  os_window_get_request (self, &params, &view);
  state->params.student = params.student;
  state->params.teacher = params.teacher;
  for (int id = 0; id < OS_PARAM_N; id++)
    os_params_set (&state->params, id, os_params_get (&params, id));
  state->view.sweep.axis = view.sweep.axis;
  state->view.sweep.from = view.sweep.from;
  state->view.sweep.to = view.sweep.to;
  state->view.sweep.points = view.sweep.points;
  state->view.sweep.log_spacing = !!view.sweep.log_spacing;
  state->view.simulate = !!view.simulate;
  state->view.d = view.sim.d;
  state->view.seeds = view.sim.seeds;
  state->view.seed = view.sim.seed;
}

void
os_window_get_state (OsWindow *self, OsParams *params, OsPresetView *view)
{
  OsWindowState state;

  g_return_if_fail (OS_IS_WINDOW (self));
  os_window_get_state_struct (self, &state);
  if (params != NULL)
    *params = state.params;
  if (view != NULL)
    *view = state.view;
}

void
os_window_apply_state (OsWindow *self, const OsWindowState *state, gboolean record)
{
  self->applying++;
  self->view.sweep.points = state->view.sweep.points;
  self->view.sim.seed = state->view.seed;
  os_param_panel_set_all (self->panel, &state->params, &state->view.sweep, state->view.simulate,
                          state->view.d, state->view.seeds);   /* posts one request */
  self->applying--;
  if (record)
    {
      OsWindowState now;

      os_window_get_state_struct (self, &now);
      os_history_record (self->history, &now, OS_HISTORY_NO_SOURCE, g_get_monotonic_time (), 0);
    }
  os_window_update_history_actions (self);
}

gboolean
os_window_set_state (OsWindow *self, const OsParams *params, const OsPresetView *view, GError **error)
{
  OsWindowState state;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (params != NULL && view != NULL, FALSE);

  if (!os_params_validate (params, error) || !os_preset_view_validate (view, error)
      || !os_param_panel_check_simulation (view->d, view->seeds, error))
    return FALSE;
  if (view->sweep.points < 2)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "x_points: the curves need at least 2 points (got %d)", view->sweep.points);
      return FALSE;
    }
  memset (&state, 0, sizeof state);
  state.params = *params;
  state.view = *view;
  os_window_apply_state (self, &state, TRUE);
  return TRUE;
}

gboolean
os_window_apply_preset (OsWindow *self, const char *id)
{
  const OsPreset *preset;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  preset = os_preset_find (id);
  if (preset == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("Unknown preset “%s”", id);
      os_window_show_error (self, msg);
      return FALSE;
    }
  if (!os_window_set_state (self, &preset->params, &preset->view, &error))
    {
      os_window_show_error (self, error->message);
      return FALSE;
    }
  os_window_set_status_bar (self, NULL, preset->title, -1.0);
  return TRUE;
}

gboolean
os_window_save_params (OsWindow *self, const char *path)
{
  OsWindowState state;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  os_window_get_state_struct (self, &state);
  if (!os_paramfile_save (path, &state.params, &state.view, &error))
    {
      g_autofree char *msg = g_strdup_printf ("Saving the parameters failed: %s", error->message);
      os_window_show_error (self, msg);
      return FALSE;
    }
  {
    g_autofree char *msg = g_strdup_printf ("Parameters saved to %s", path);
    os_window_set_status_bar (self, NULL, msg, -1.0);
  }
  os_window_show_error (self, NULL);
  return TRUE;
}

gboolean
os_window_load_params (OsWindow *self, const char *path)
{
  OsWindowState state;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  os_window_get_state_struct (self, &state);
  if (!os_paramfile_load (path, &state.params, &state.view, NULL, &error)
      || !os_window_set_state (self, &state.params, &state.view, &error))
    {
      g_autofree char *msg = g_strdup_printf ("Opening the parameters failed: %s", error->message);
      os_window_show_error (self, msg);
      return FALSE;
    }
  {
    g_autofree char *msg = g_strdup_printf ("Parameters from %s", path);
    os_window_set_status_bar (self, NULL, msg, -1.0);
  }
  os_window_show_error (self, NULL);
  return TRUE;
}

gboolean
os_window_undo (OsWindow *self)
{
  const OsWindowState *state;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  state = os_history_undo (self->history);
  if (state == NULL)
    return FALSE;
  os_window_apply_state (self, state, FALSE);
  return TRUE;
}

gboolean
os_window_redo (OsWindow *self)
{
  const OsWindowState *state;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  state = os_history_redo (self->history);
  if (state == NULL)
    return FALSE;
  os_window_apply_state (self, state, FALSE);
  return TRUE;
}

void
os_window_reset_history (OsWindow *self)
{
  OsWindowState state;

  g_return_if_fail (OS_IS_WINDOW (self));
  os_window_get_state_struct (self, &state);
  g_clear_pointer (&self->history, os_history_free);
  self->history = os_history_new (sizeof state, &state, HISTORY_DEPTH, NULL);
  os_window_update_history_actions (self);
}

void
os_window_reset (OsWindow *self)
{
  OsWindowState defaults;
  const OsWindowState *state;

  g_return_if_fail (OS_IS_WINDOW (self));
  memset (&defaults, 0, sizeof defaults);
  os_params_init_default (&defaults.params);
  os_preset_view_init_default (&defaults.view);
  state = os_history_reset (self->history, &defaults);
  os_window_apply_state (self, state, FALSE);
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
