/* os-progress.c — a progress bar that moves by redrawing, never by relayout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-progress.h"
#include "os-drawn-widget.h"

#include <math.h>

#define BAR_HEIGHT 6.0
#define MIN_WIDTH  40
#define NAT_WIDTH  180

struct _OsProgress
{
  GtkWidget parent_instance;
  double    fraction;
};

G_DEFINE_FINAL_TYPE (OsProgress, os_progress, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_FRACTION, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
os_progress_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  OsProgress *self = OS_PROGRESS (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double y = (height - BAR_HEIGHT) / 2;
  GskRoundedRect bar;
  GdkRGBA trough, fill;

  if (width <= 0)
    return;
  gtk_style_context_get_color (context, &trough);
  trough.alpha *= 0.15f;
  os_drawn_widget_accent (context, &fill);
  gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (0, y, width, BAR_HEIGHT), BAR_HEIGHT / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, &trough, &bar.bounds);
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (0, y, self->fraction * width, BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);
}

static void
os_progress_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                     int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  (void) widget;
  (void) for_size;
  (void) minimum_baseline;
  (void) natural_baseline;
  os_drawn_widget_measure_bar (orientation, MIN_WIDTH, NAT_WIDTH, (int) BAR_HEIGHT, minimum, natural);
}

void
os_progress_set_fraction (OsProgress *self, double fraction)
{
  g_return_if_fail (OS_IS_PROGRESS (self));

  fraction = isnan (fraction) ? 0.0 : CLAMP (fraction, 0.0, 1.0);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));   /* never a relayout */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

double
os_progress_get_fraction (OsProgress *self)
{
  g_return_val_if_fail (OS_IS_PROGRESS (self), 0.0);
  return self->fraction;
}

static void
os_progress_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  switch (id)
    {
    case PROP_FRACTION: g_value_set_double (value, OS_PROGRESS (object)->fraction); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_progress_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  switch (id)
    {
    case PROP_FRACTION: os_progress_set_fraction (OS_PROGRESS (object), g_value_get_double (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_progress_class_init (OsProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = os_progress_get_property;
  object_class->set_property = os_progress_set_property;
  widget_class->snapshot = os_progress_snapshot;
  widget_class->measure = os_progress_measure;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "osprogress");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
os_progress_init (OsProgress *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0, -1);
}

GtkWidget *
os_progress_new (void)
{
  return g_object_new (OS_TYPE_PROGRESS, NULL);
}
