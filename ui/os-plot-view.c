/* os-plot-view.c — one plot on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-view.h"

struct _OsPlotView
{
  GtkDrawingArea parent_instance;
  OsPlotKind kind;
  OsFigure      *figure;
  guint          generation;        /* of `figure`            */
  guint          drawn_generation;  /* of the last figure drawn */
  OsPlotTheme    theme;
};

G_DEFINE_FINAL_TYPE (OsPlotView, os_plot_view, GTK_TYPE_DRAWING_AREA)

enum { PROP_0, PROP_KIND, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_DRAWN, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const kind_titles[OS_PLOT_N] = {
  "Test error", "Spectrum", "Order parameters", "Learned function along the spike", "One-Step Explorer",
};

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  OsPlotView *view = OS_PLOT_VIEW (area);

  (void) user_data;
  if (view->figure == NULL)
    os_plot_draw_message (&view->theme, cr, width, height, kind_titles[view->kind], "Computing…");
  else
    os_plot_render (view->kind, view->figure, &view->theme, cr, width, height);
  if (view->figure != NULL && view->drawn_generation != view->generation)
    {
      view->drawn_generation = view->generation;
      g_signal_emit (view, signals[SIGNAL_DRAWN], 0, view->generation);
    }
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  OsPlotView *view = OS_PLOT_VIEW (widget);
  g_autofree char *text = NULL;

  if (keyboard || view->figure == NULL)
    return FALSE;
  text = os_plot_tooltip (view->kind, view->figure, &view->theme,
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
os_plot_view_dispose (GObject *object)
{
  OsPlotView *view = OS_PLOT_VIEW (object);

  g_clear_pointer (&view->figure, os_figure_unref);
  G_OBJECT_CLASS (os_plot_view_parent_class)->dispose (object);
}

static void
os_plot_view_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  OsPlotView *view = OS_PLOT_VIEW (object);

  switch (id)
    {
    case PROP_KIND: g_value_set_int (value, view->kind); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_plot_view_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  OsPlotView *view = OS_PLOT_VIEW (object);

  switch (id)
    {
    case PROP_KIND: os_plot_view_set_kind (view, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
os_plot_view_class_init (OsPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = os_plot_view_dispose;
  object_class->get_property = os_plot_view_get_property;
  object_class->set_property = os_plot_view_set_property;
  widget_class->query_tooltip = query_tooltip;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, OS_PLOT_ALL, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DRAWN] =
    g_signal_new ("drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "plotview");
}

static void
os_plot_view_init (OsPlotView *view)
{
  os_plot_theme_init_default (&view->theme);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (view), draw, NULL, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (view), 300);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (view), 220);
}

GtkWidget *
os_plot_view_new (OsPlotKind kind)
{
  return g_object_new (OS_TYPE_PLOT_VIEW, "kind", (int) kind, NULL);
}

OsPlotKind
os_plot_view_get_kind (OsPlotView *view)
{
  g_return_val_if_fail (OS_IS_PLOT_VIEW (view), 0);
  return view->kind;
}

void
os_plot_view_set_kind (OsPlotView *view, OsPlotKind kind)
{
  g_return_if_fail (OS_IS_PLOT_VIEW (view));
  g_return_if_fail (kind <= OS_PLOT_ALL);

  if (view->kind == kind)
    return;
  view->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (view));
  g_object_notify_by_pspec (G_OBJECT (view), properties[PROP_KIND]);
}

void
os_plot_view_set_figure (OsPlotView *view, OsFigure *figure, guint generation)
{
  g_return_if_fail (OS_IS_PLOT_VIEW (view));

  if (figure != NULL)
    os_figure_ref (figure);
  g_clear_pointer (&view->figure, os_figure_unref);
  view->figure = figure;
  view->generation = generation;
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

OsFigure *
os_plot_view_get_figure (OsPlotView *view)
{
  g_return_val_if_fail (OS_IS_PLOT_VIEW (view), NULL);
  return view->figure;
}

guint
os_plot_view_get_drawn_generation (OsPlotView *view)
{
  g_return_val_if_fail (OS_IS_PLOT_VIEW (view), 0);
  return view->drawn_generation;
}

const OsPlotTheme *
os_plot_view_get_theme (OsPlotView *view)
{
  g_return_val_if_fail (OS_IS_PLOT_VIEW (view), NULL);
  return &view->theme;
}

void
os_plot_view_set_theme (OsPlotView *view, const OsPlotTheme *theme)
{
  g_return_if_fail (OS_IS_PLOT_VIEW (view));
  g_return_if_fail (theme != NULL);

  view->theme = *theme;
  gtk_widget_queue_draw (GTK_WIDGET (view));
}
