/* os-slider.c — a slider that moves by redrawing, never by relayout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-slider.h"
#include "os-drawn-widget.h"

#include <math.h>

#define KNOB_RADIUS   9.0
#define TROUGH_HEIGHT 4.0
#define FOCUS_WIDTH   2.0
#define MIN_WIDTH     60
#define NAT_WIDTH     160
#define HEIGHT        26

struct _OsSlider
{
  GtkWidget      parent_instance;
  GtkAdjustment *adjustment;
  gulong         value_handler, changed_handler;
  double         drag_start_x;
};

G_DEFINE_FINAL_TYPE (OsSlider, os_slider, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_ADJUSTMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- geometry */

static double
adjustment_span (GtkAdjustment *adj, double *lower)
{
  *lower = gtk_adjustment_get_lower (adj);
  return gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj) - *lower;
}

double
os_slider_x_of (OsSlider *slider, double value)
{
  double lower, span, width;

  g_return_val_if_fail (OS_IS_SLIDER (slider), 0.0);
  width = gtk_widget_get_width (GTK_WIDGET (slider)) - 2 * KNOB_RADIUS - 2 * FOCUS_WIDTH;
  span = adjustment_span (slider->adjustment, &lower);
  if (span <= 0 || width <= 0)
    return KNOB_RADIUS + FOCUS_WIDTH;
  return KNOB_RADIUS + FOCUS_WIDTH + CLAMP ((value - lower) / span, 0.0, 1.0) * width;
}

double
os_slider_value_at (OsSlider *slider, double x)
{
  double lower, span, width;

  g_return_val_if_fail (OS_IS_SLIDER (slider), 0.0);
  width = gtk_widget_get_width (GTK_WIDGET (slider)) - 2 * KNOB_RADIUS - 2 * FOCUS_WIDTH;
  span = adjustment_span (slider->adjustment, &lower);
  if (span <= 0 || width <= 0)
    return lower;
  return lower + CLAMP ((x - KNOB_RADIUS - FOCUS_WIDTH) / width, 0.0, 1.0) * span;
}

/* ------------------------------------------------------------- drawing */

static void
append_disc (GtkSnapshot *snapshot, double cx, double cy, double r, const GdkRGBA *color)
{
  GskRoundedRect disc;

  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &disc);
  gtk_snapshot_append_color (snapshot, color, &disc.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
os_slider_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  OsSlider *slider = OS_SLIDER (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double cy = height / 2.0, x0 = KNOB_RADIUS + FOCUS_WIDTH, x1 = width - KNOB_RADIUS - FOCUS_WIDTH;
  double kx = os_slider_x_of (slider, gtk_adjustment_get_value (slider->adjustment));
  gboolean sensitive = gtk_widget_is_sensitive (widget);
  GskRoundedRect trough;
  GdkRGBA fg, accent, groove, knob = { 1, 1, 1, 1 }, rim, focus;

  if (x1 <= x0)
    return;
  gtk_style_context_get_color (context, &fg);
  os_drawn_widget_accent (context, &accent);
  if (!sensitive)
    accent = fg;
  groove = fg;
  groove.alpha *= 0.18f;
  rim = fg;
  rim.alpha *= 0.35f;
  focus = accent;
  focus.alpha = 0.5f;

  if (!sensitive)
    gtk_snapshot_push_opacity (snapshot, 0.5);

  /* the trough, then its part below the knob in the accent colour */
  gsk_rounded_rect_init_from_rect (&trough, &GRAPHENE_RECT_INIT (x0, cy - TROUGH_HEIGHT / 2, x1 - x0, TROUGH_HEIGHT),
                                   TROUGH_HEIGHT / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &trough);
  gtk_snapshot_append_color (snapshot, &groove, &trough.bounds);
  gtk_snapshot_append_color (snapshot, &accent,
                             &GRAPHENE_RECT_INIT (x0, cy - TROUGH_HEIGHT / 2, kx - x0, TROUGH_HEIGHT));
  gtk_snapshot_pop (snapshot);

  /* the knob: a focus ring when focused from the keyboard, a rim, a face */
  if (gtk_widget_has_visible_focus (widget))
    append_disc (snapshot, kx, cy, KNOB_RADIUS + FOCUS_WIDTH, &focus);
  append_disc (snapshot, kx, cy, KNOB_RADIUS, &rim);
  append_disc (snapshot, kx, cy, KNOB_RADIUS - 1, &knob);
  if (gtk_widget_get_state_flags (widget) & (GTK_STATE_FLAG_ACTIVE | GTK_STATE_FLAG_PRELIGHT))
    append_disc (snapshot, kx, cy, 3.0, &accent);

  if (!sensitive)
    gtk_snapshot_pop (snapshot);
}

static void
os_slider_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                   int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  (void) widget;
  (void) for_size;
  (void) minimum_baseline;
  (void) natural_baseline;
  os_drawn_widget_measure_bar (orientation, MIN_WIDTH, NAT_WIDTH, HEIGHT, minimum, natural);
}

/* ------------------------------------------------------------- the model */

static void
update_accessible (OsSlider *slider)
{
  GtkAdjustment *adj = slider->adjustment;

  gtk_accessible_update_property (GTK_ACCESSIBLE (slider),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, gtk_adjustment_get_lower (adj),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                  gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, gtk_adjustment_get_value (adj),
                                  -1);
}

static void
on_adjustment_changed (GtkAdjustment *adjustment, OsSlider *slider)
{
  (void) adjustment;
  update_accessible (slider);
  gtk_widget_queue_draw (GTK_WIDGET (slider));   /* never a relayout */
}

void
os_slider_set_adjustment (OsSlider *slider, GtkAdjustment *adjustment)
{
  g_return_if_fail (OS_IS_SLIDER (slider));
  g_return_if_fail (adjustment == NULL || GTK_IS_ADJUSTMENT (adjustment));

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 1, 0.01, 0.1, 0);
  if (adjustment == slider->adjustment)
    return;
  if (slider->adjustment != NULL)
    {
      g_clear_signal_handler (&slider->value_handler, slider->adjustment);
      g_clear_signal_handler (&slider->changed_handler, slider->adjustment);
      g_object_unref (slider->adjustment);
    }
  slider->adjustment = g_object_ref_sink (adjustment);
  slider->value_handler = g_signal_connect (adjustment, "value-changed",
                                            G_CALLBACK (on_adjustment_changed), slider);
  slider->changed_handler = g_signal_connect (adjustment, "changed",
                                              G_CALLBACK (on_adjustment_changed), slider);
  on_adjustment_changed (adjustment, slider);
  g_object_notify_by_pspec (G_OBJECT (slider), properties[PROP_ADJUSTMENT]);
}

GtkAdjustment *
os_slider_get_adjustment (OsSlider *slider)
{
  g_return_val_if_fail (OS_IS_SLIDER (slider), NULL);
  return slider->adjustment;
}

static void
move_by (OsSlider *slider, double delta)
{
  GtkAdjustment *adj = slider->adjustment;

  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + delta);
}

/* ------------------------------------------------------------- input */

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, OsSlider *slider)
{
  (void) gesture;
  (void) y;
  if (!gtk_widget_is_sensitive (GTK_WIDGET (slider)))
    return;
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (slider)))
    gtk_widget_grab_focus (GTK_WIDGET (slider));
  slider->drag_start_x = x;
  gtk_widget_set_state_flags (GTK_WIDGET (slider), GTK_STATE_FLAG_ACTIVE, FALSE);
  gtk_adjustment_set_value (slider->adjustment, os_slider_value_at (slider, x));
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, OsSlider *slider)
{
  (void) gesture;
  (void) dy;
  if (gtk_widget_is_sensitive (GTK_WIDGET (slider)))
    gtk_adjustment_set_value (slider->adjustment, os_slider_value_at (slider, slider->drag_start_x + dx));
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, OsSlider *slider)
{
  (void) gesture;
  (void) dx;
  (void) dy;
  gtk_widget_unset_state_flags (GTK_WIDGET (slider), GTK_STATE_FLAG_ACTIVE);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, OsSlider *slider)
{
  double delta = fabs (dy) >= fabs (dx) ? -dy : dx;

  (void) controller;
  if (delta == 0 || !gtk_widget_is_sensitive (GTK_WIDGET (slider)))
    return FALSE;
  move_by (slider, delta * gtk_adjustment_get_step_increment (slider->adjustment));
  return TRUE;
}

static void
action_step (GtkWidget *widget, const char *name, GVariant *parameter)
{
  OsSlider *slider = OS_SLIDER (widget);

  (void) name;
  move_by (slider, g_variant_get_int32 (parameter) * gtk_adjustment_get_step_increment (slider->adjustment));
}

static void
action_page (GtkWidget *widget, const char *name, GVariant *parameter)
{
  OsSlider *slider = OS_SLIDER (widget);

  (void) name;
  move_by (slider, g_variant_get_int32 (parameter) * gtk_adjustment_get_page_increment (slider->adjustment));
}

static void
action_home_end (GtkWidget *widget, const char *name, GVariant *parameter)
{
  GtkAdjustment *adj = OS_SLIDER (widget)->adjustment;

  (void) parameter;
  gtk_adjustment_set_value (adj, g_str_equal (name, "slider.home")
                                 ? gtk_adjustment_get_lower (adj)
                                 : gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

/* ------------------------------------------------------------- GObject */

static void
os_slider_dispose (GObject *object)
{
  OsSlider *slider = OS_SLIDER (object);

  if (slider->adjustment != NULL)
    {
      g_clear_signal_handler (&slider->value_handler, slider->adjustment);
      g_clear_signal_handler (&slider->changed_handler, slider->adjustment);
      g_clear_object (&slider->adjustment);
    }
  G_OBJECT_CLASS (os_slider_parent_class)->dispose (object);
}

static void
os_slider_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  OsSlider *slider = OS_SLIDER (object);

  switch (id)
    {
    case PROP_ADJUSTMENT: g_value_set_object (value, slider->adjustment); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_slider_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  OsSlider *slider = OS_SLIDER (object);

  switch (id)
    {
    case PROP_ADJUSTMENT: os_slider_set_adjustment (slider, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
add_step_binding (GtkWidgetClass *klass, guint key, guint kp_key, const char *action, int n)
{
  gtk_widget_class_add_binding_action (klass, key, 0, action, "i", n);
  gtk_widget_class_add_binding_action (klass, kp_key, 0, action, "i", n);
}

static void
os_slider_class_init (OsSliderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = os_slider_dispose;
  object_class->get_property = os_slider_get_property;
  object_class->set_property = os_slider_set_property;
  widget_class->snapshot = os_slider_snapshot;
  widget_class->measure = os_slider_measure;

  properties[PROP_ADJUSTMENT] =
    g_param_spec_object ("adjustment", NULL, NULL, GTK_TYPE_ADJUSTMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "slider.step", "i", action_step);
  gtk_widget_class_install_action (widget_class, "slider.page", "i", action_page);
  gtk_widget_class_install_action (widget_class, "slider.home", NULL, action_home_end);
  gtk_widget_class_install_action (widget_class, "slider.end", NULL, action_home_end);
  add_step_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, "slider.step", 1);
  add_step_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, "slider.step", 1);
  add_step_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, "slider.step", -1);
  add_step_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, "slider.step", -1);
  add_step_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, "slider.page", 1);
  add_step_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, "slider.page", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "slider.home", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "slider.home", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "slider.end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "slider.end", NULL);

  gtk_widget_class_set_css_name (widget_class, "osslider");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
os_slider_init (OsSlider *slider)
{
  GtkWidget *widget = GTK_WIDGET (slider);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES
                                                                | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), slider);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), slider);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), slider);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), slider);
  gtk_widget_add_controller (widget, scroll);
}

GtkWidget *
os_slider_new (GtkAdjustment *adjustment)
{
  return g_object_new (OS_TYPE_SLIDER, "adjustment", adjustment, NULL);
}
