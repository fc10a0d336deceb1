/* os-plot-view.c — one plot on screen.
 *
 * A new snapshot is drawn off the main thread: a job on the scheduler's
 * render lane (model/os-scheduler.h) renders it into an image surface at
 * the widget's current size (the same os_plot_render () every export
 * uses), and the draw function only paints that surface. At most one
 * render runs per view; snapshots arriving meanwhile are coalesced to the
 * newest. When the size changed (a resize) the draw function renders
 * directly.
 *
 * A finished render is shown at the start of a frame (a tick callback).
 * Each frame takes at most one new plot image, the test-error plot's
 * first: copying an image to the X server is the bulk of a frame's cost,
 * and four arriving together made one frame long enough to stall the main
 * loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-view.h"
#include "os-plot-shown.h"
#include "os-scheduler.h"

typedef struct _OsRenderJob OsRenderJob;

struct _OsPlotView
{
  GtkDrawingArea parent_instance;
  OsPlotKind kind;
  OsFigure      *figure;
  guint          generation;        /* of `figure`            */
  guint          drawn_generation;  /* of the last figure drawn */
  OsPlotTheme    theme;
  /* the off-thread rendering */
  cairo_surface_t *cache;           /* `cache_figure` at cache_width × cache_height */
  OsFigure      *cache_figure;
  guint          cache_generation;
  int            cache_width, cache_height, cache_scale;
  gboolean       rendering;         /* a render task runs  */
  gboolean       render_again;      /* the figure changed while it ran */
  OsRenderJob   *ready;             /* rendered, waiting for a frame to show it */
  guint          figure_serial;     /* counts the figures set, one each         */
  guint          cache_serial;      /* the serial `cache` was rendered from     */
  guint          painted_serial;    /* what the last draw () painted            */
  guint          ready_tick;
  GtkGesture    *press;             /* a click on the legend, or a pick   */
  gboolean       picking;           /* clicks and drags move the x-axis   */
  gboolean       on_legend;         /* this press began on the legend     */
  double         pick_x0, pick_y0;
};


struct _OsRenderJob
{
  OsPlotView  *view;          /* a reference, released on the main context */
  cairo_surface_t *surface;   /* the result                                */
  OsPlotKind   kind;
  OsFigure    *figure;
  guint        serial;        /* the view's figure_serial when it started */
  guint        generation;
  OsPlotTheme  theme;
  int          width, height, scale;
};

G_DEFINE_FINAL_TYPE (OsPlotView, os_plot_view, GTK_TYPE_DRAWING_AREA)

enum { PROP_0, PROP_KIND, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_DRAWN, SIGNAL_PICK, SIGNAL_LEGEND_CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const kind_titles[OS_PLOT_N] = {
  "Test error", "Spectrum", "Order parameters", "Learned function along the spike", "One-Step Explorer",
};

/* The render lane's two long-lived threads are shared by every view:
 * Pango keeps a font map per thread, and building one in a fresh pool
 * thread took tens of milliseconds of CPU from the main loop each time
 * GLib's pool grew. They run a little below the main loop (nice 4), which
 * must paint the frames. */

static void
render_job_free (gpointer data)
{
  OsRenderJob *job = data;

  g_clear_pointer (&job->figure, os_figure_unref);
  g_clear_pointer (&job->surface, cairo_surface_destroy);
  g_clear_object (&job->view);
  g_free (job);
}

static void start_render (OsPlotView *view);

/* Each frame shows at most one new plot image, the test-error plot's
 * first: GDK paints a frame into a buffer spanning everything that changed
 * and copies it to the X server, so two plots side by side cost as much
 * as the whole window. */
static gint64 budget_frame = -1;    /* main thread only */
static guint  error_plots_waiting;  /* test-error plots with an image ready */

/* A painted image is recorded by reference in the frame's render node (a
 * Cairo recording surface takes a copy-on-write snapshot of it), and Cairo
 * copies every image with such a snapshot when it is destroyed: a fresh
 * allocation and a copy of the whole plot, ~10 ms of page faults on the
 * main thread. So retired images are destroyed on the scheduler's reclaim
 * lane, a little after the frames that used them (their render nodes are
 * gone by then; the snapshot has its own lock). */
#define RETIRE_AFTER_MS 250

static void
reclaim_work (OsSchedulerJob *job, gpointer surface, GCancellable *cancellable)
{
  (void) job;
  (void) cancellable;
  cairo_surface_destroy (surface);
}

static gboolean
destroy_retired (gpointer surface)
{
  /* no done: the job ends in its thread */
  os_scheduler_run (OS_SCHEDULER_LANE_RECLAIM, NULL, G_PRIORITY_LOW, reclaim_work, NULL, surface, NULL);
  return G_SOURCE_REMOVE;
}

static void
retire_cache (OsPlotView *view)
{
  if (view->cache != NULL)
    g_timeout_add_full (G_PRIORITY_LOW, RETIRE_AFTER_MS, destroy_retired, g_steal_pointer (&view->cache), NULL);
}

/* The image waiting for a frame, taken from the view (NULL if none). The
 * count of waiting test-error images follows view->ready here and in
 * set_ready () only. */
static OsRenderJob *
take_ready (OsPlotView *view)
{
  if (view->ready != NULL && view->kind == OS_PLOT_ERROR)
    error_plots_waiting--;
  return g_steal_pointer (&view->ready);
}

static void
set_ready (OsPlotView *view, OsRenderJob *job)
{
  OsRenderJob *superseded = take_ready (view);   /* never shown */

  if (superseded != NULL)
    render_job_free (superseded);
  if (view->kind == OS_PLOT_ERROR)
    error_plots_waiting++;
  view->ready = job;
}

static void
show_ready (OsPlotView *view)
{
  OsRenderJob *job = take_ready (view);

  retire_cache (view);
  g_clear_pointer (&view->cache_figure, os_figure_unref);
  view->cache = g_steal_pointer (&job->surface);
  view->cache_figure = os_figure_ref (job->figure);
  view->cache_serial = job->serial;
  view->cache_generation = job->generation;
  view->cache_width = job->width;
  view->cache_height = job->height;
  view->cache_scale = job->scale;
  render_job_free (job);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

/* Takes the current frame unless it is taken, or a test-error image waits
 * for it (which only a test-error plot may then take). */
static gboolean
claim_frame (GdkFrameClock *clock, gboolean for_error_plot)
{
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);

  if (frame == budget_frame || (!for_error_plot && error_plots_waiting > 0))
    return FALSE;
  budget_frame = frame;
  return TRUE;
}

gboolean
os_frame_budget_claim (GdkFrameClock *clock)
{
  return claim_frame (clock, FALSE);
}

static gboolean
show_ready_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  OsPlotView *view = OS_PLOT_VIEW (widget);

  (void) data;
  if (view->ready == NULL)
    {
      view->ready_tick = 0;
      return G_SOURCE_REMOVE;
    }
  if (!claim_frame (clock, view->kind == OS_PLOT_ERROR))
    return G_SOURCE_CONTINUE;   /* the next frame */
  show_ready (view);
  view->ready_tick = 0;
  return G_SOURCE_REMOVE;
}

/* Main context: the render of job is ready (the job is ours now). */
static void
render_done (gpointer data)
{
  OsRenderJob *job = data;
  g_autoptr (OsPlotView) view = g_object_ref (job->view);   /* the job may hold the last reference */

  view->rendering = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (view)))
    {
      set_ready (view, job);
      if (view->ready_tick == 0)
        view->ready_tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), show_ready_tick, NULL, NULL);
    }
  else
    render_job_free (job);
  if (view->render_again)
    start_render (view);
}

/* Render lane: Cairo and Pango only. */
static void
render_work (OsSchedulerJob *scheduled, gpointer data, GCancellable *cancellable)
{
  OsRenderJob *job = data;
  cairo_t *cr;

  (void) scheduled;
  (void) cancellable;
  job->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width * job->scale,
                                             job->height * job->scale);
  cairo_surface_set_device_scale (job->surface, job->scale, job->scale);
  cr = cairo_create (job->surface);
  os_plot_render (job->kind, job->figure, &job->theme, cr, job->width, job->height);
  cairo_destroy (cr);
  cairo_surface_flush (job->surface);
}

static void
start_render (OsPlotView *view)
{
  GtkWidget *widget = GTK_WIDGET (view);
  OsRenderJob *job;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  view->render_again = FALSE;
  if (view->figure == NULL || width <= 0 || height <= 0 || !gtk_widget_get_mapped (widget))
    {
      /* not on screen yet: the draw function renders directly */
      gtk_widget_queue_draw (widget);
      return;
    }
  if (view->rendering)
    {
      view->render_again = TRUE;
      return;
    }
  job = g_new0 (OsRenderJob, 1);
  job->view = g_object_ref (view);
  job->kind = view->kind;
  job->figure = os_figure_ref (view->figure);
  job->serial = view->figure_serial;
  job->generation = view->generation;
  job->theme = view->theme;
  job->width = width;
  job->height = height;
  job->scale = gtk_widget_get_scale_factor (widget);
  view->rendering = TRUE;
  /* render_done () takes the job: no data_free */
  os_scheduler_run (OS_SCHEDULER_LANE_RENDER, NULL, G_PRIORITY_HIGH_IDLE, render_work, render_done, job, NULL);
}

static void
emit_drawn (OsPlotView *view, guint generation)
{
  if (view->drawn_generation != generation)
    {
      view->drawn_generation = generation;
      g_signal_emit (view, signals[SIGNAL_DRAWN], 0, generation);
    }
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  OsPlotView *view = OS_PLOT_VIEW (area);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));

  (void) user_data;
  if (view->figure == NULL)
    {
      os_plot_draw_message (&view->theme, cr, width, height, kind_titles[view->kind], "Computing…");
      return;
    }
  if (view->cache != NULL && view->cache_width == width && view->cache_height == height
      && view->cache_scale == scale)
    {
      /* the newest render (the newer figure, if any, is on its way) */
      cairo_set_source_surface (cr, view->cache, 0, 0);
      cairo_paint (cr);
      view->painted_serial = view->cache_serial;
      emit_drawn (view, view->cache_generation);
      if (view->cache_serial != view->figure_serial && !view->rendering && view->ready == NULL)
        start_render (view);
      return;
    }
  /* first frame or a new size: render here, and a render at this size
   * follows, so the next frames paint an image (and the first slider
   * change does not pay for the first image's way to the X server) */
  os_plot_render (view->kind, view->figure, &view->theme, cr, width, height);
  view->painted_serial = view->figure_serial;
  emit_drawn (view, view->generation);
  retire_cache (view);
  g_clear_pointer (&view->cache_figure, os_figure_unref);
  if (!view->rendering && view->ready == NULL)
    start_render (view);
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

/* A rendered image waiting for a frame holds a reference to the view:
 * dropped when the view leaves the screen. */
static void
drop_ready (OsPlotView *view)
{
  OsRenderJob *job;

  if (view->ready_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (view), view->ready_tick);
  view->ready_tick = 0;
  job = take_ready (view);
  if (job != NULL)
    render_job_free (job);
}

static void
os_plot_view_unmap (GtkWidget *widget)
{
  drop_ready (OS_PLOT_VIEW (widget));
  GTK_WIDGET_CLASS (os_plot_view_parent_class)->unmap (widget);
}

static void
os_plot_view_dispose (GObject *object)
{
  OsPlotView *view = OS_PLOT_VIEW (object);

  drop_ready (view);
  g_clear_pointer (&view->figure, os_figure_unref);
  g_clear_pointer (&view->cache, cairo_surface_destroy);
  g_clear_pointer (&view->cache_figure, os_figure_unref);
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
  widget_class->unmap = os_plot_view_unmap;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, OS_PLOT_ALL, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_DRAWN] =
    g_signal_new ("drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_LEGEND_CLICKED] =
    g_signal_new ("legend-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_PICK] =
    g_signal_new ("pick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  gtk_widget_class_set_css_name (widget_class, "plotview");
}

static void on_drag_begin  (GtkGestureDrag *gesture, double x, double y, OsPlotView *view);
static void on_drag_update (GtkGestureDrag *gesture, double dx, double dy, OsPlotView *view);

static void
os_plot_view_init (OsPlotView *view)
{
  os_plot_theme_init_default (&view->theme);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (view), draw, NULL, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (view), 300);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (view), 170);   /* the window fits 1280 × 720 */
  /* a press: on the legend it toggles a series; elsewhere it picks */
  view->press = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (view->press), GDK_BUTTON_PRIMARY);
  g_signal_connect (view->press, "drag-begin", G_CALLBACK (on_drag_begin), view);
  g_signal_connect (view->press, "drag-update", G_CALLBACK (on_drag_update), view);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (view->press));
}

/* ---- picking: a click or a drag on the frame moves the x-axis parameter */

static void
pick_at (OsPlotView *view, double px, double py)
{
  GtkWidget *widget = GTK_WIDGET (view);
  double x;

  if (view->figure != NULL
      && os_plot_x_at (view->kind, view->figure, &view->theme, gtk_widget_get_width (widget),
                       gtk_widget_get_height (widget), px, py, &x))
    g_signal_emit (view, signals[SIGNAL_PICK], 0, x);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, OsPlotView *view)
{
  GtkWidget *widget = GTK_WIDGET (view);
  OsSeriesId id;
  int overlay;

  (void) gesture;
  view->pick_x0 = x;
  view->pick_y0 = y;
  view->on_legend = view->figure != NULL
                    && os_plot_legend_hit (view->kind, view->figure, &view->theme, gtk_widget_get_width (widget),
                                           gtk_widget_get_height (widget), x, y, &id, &overlay);
  if (view->on_legend)
    g_signal_emit (view, signals[SIGNAL_LEGEND_CLICKED], 0, (int) id, overlay);
  else if (view->picking)
    pick_at (view, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, OsPlotView *view)
{
  (void) gesture;
  if (view->picking && !view->on_legend)
    pick_at (view, view->pick_x0 + dx, view->pick_y0 + dy);
}

void
os_plot_view_set_picking (OsPlotView *view, gboolean picking)
{
  g_return_if_fail (OS_IS_PLOT_VIEW (view));

  view->picking = !!picking;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (view), picking ? "crosshair" : NULL);
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
  drop_ready (view);   /* the waiting count is kept per kind */
  view->kind = kind;
  retire_cache (view);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  g_object_notify_by_pspec (G_OBJECT (view), properties[PROP_KIND]);
}

void
os_plot_view_set_figure (OsPlotView *view, OsFigure *figure, guint generation)
{
  g_return_if_fail (OS_IS_PLOT_VIEW (view));

  if (figure != view->figure)
    view->figure_serial++;   /* the same figure again is no new figure */
  if (figure != NULL)
    os_figure_ref (figure);
  g_clear_pointer (&view->figure, os_figure_unref);
  view->figure = figure;
  view->generation = generation;
  start_render (view);
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

gboolean
os_plot_view_is_current (OsPlotView *view)
{
  GtkWidget *widget;

  g_return_val_if_fail (OS_IS_PLOT_VIEW (view), FALSE);
  widget = GTK_WIDGET (view);
  if (view->figure == NULL)
    return FALSE;
  /* what draw () painted last (a rendered image or the figure itself),
   * and what it would paint now */
  if (view->painted_serial != view->figure_serial)
    return FALSE;
  if (view->cache != NULL && view->cache_width == gtk_widget_get_width (widget)
      && view->cache_height == gtk_widget_get_height (widget)
      && view->cache_scale == gtk_widget_get_scale_factor (widget))
    return view->cache_serial == view->figure_serial;
  return TRUE;
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
  retire_cache (view);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}
