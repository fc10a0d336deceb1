/* os-ui.c — the window's GTK-free driver interface (os-ui.h): what the
 * screenshot mode and the UI benchmark of app/ ask of the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-ui.h"
#include "os-error.h"
#include "os-output.h"
#include "os-window.h"

#include <gtk/gtk.h>

static OsWindow *
window_of (OsUiWindow *window)
{
  return OS_WINDOW (window);
}

void
os_ui_window_close (OsUiWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window_of (window)));
}

OsEngine *
os_ui_window_get_engine (OsUiWindow *window)
{
  return os_window_get_engine (window_of (window));
}

void
os_ui_window_get_size (OsUiWindow *window, int *width, int *height)
{
  *width = gtk_widget_get_width (GTK_WIDGET (window_of (window)));
  *height = gtk_widget_get_height (GTK_WIDGET (window_of (window)));
}

gboolean
os_ui_window_shows (OsUiWindow *ui_window, guint generation)
{
  OsWindow *window = window_of (ui_window);

  if (g_strcmp0 (os_window_get_page (window), "phase") != 0)
    {
      /* the generation's last snapshot, not only an earlier stage of it */
      for (int k = 0; k < OS_PLOT_ALL; k++)
        {
          OsPlotView *plot = os_window_get_plot (window, k);

          /* a lesson's step may show one plot only */
          if (!gtk_widget_get_mapped (GTK_WIDGET (plot)))
            continue;
          if (os_plot_view_get_drawn_generation (plot) != generation || !os_plot_view_is_current (plot))
            return FALSE;
        }
      /* the bottom bar's last words */
      return os_window_is_status_shown (window);
    }
  else
    {
      /* the curves are hidden (not drawn): the refined phase diagram */
      OsPhaseView *phase = os_window_get_phase_view (window);
      OsPhaseGrid *grid = os_phase_view_get_grid (phase);

      return grid != NULL && grid->final && !os_phase_view_is_busy (phase);
    }
}

/* Renders the real window (what GTK would draw) into a texture. */
gboolean
os_ui_window_save_png (OsUiWindow *ui_window, const char *path, GError **error)
{
  GtkWidget *window = GTK_WIDGET (window_of (ui_window));
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "the window has nothing to render");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    /* written whole or not at all, as every export (model/os-output.h) */
    g_autoptr (GBytes) png = gdk_texture_save_to_png_bytes (texture);
    gsize size;
    const void *data = g_bytes_get_data (png, &size);

    return os_output_write (path, data, size, error);
  }
}

void
os_ui_window_set_value (OsUiWindow *window, OsParamId id, double value)
{
  os_param_panel_set_value (os_window_get_panel (window_of (window)), id, value);
}

void
os_ui_window_play (OsUiWindow *window, const OsAnimation *animation)
{
  if (animation != NULL)
    os_window_set_animation (window_of (window), animation);
  os_window_play (window_of (window), animation != NULL);
}

/* ---------------------------------------------------------- callbacks */

typedef struct
{
  OsUiWindow *window;
  union
  {
    OsUiTickFunc  tick;
    OsUiPaintFunc paint;
    OsUiDrawnFunc drawn;
  } func;
  gpointer    data;
  gulong      handler;
} Callback;

static Callback *
callback_new (OsUiWindow *window, gpointer data)
{
  Callback *cb = g_new0 (Callback, 1);

  cb->window = window;
  cb->data = data;
  return cb;
}

static void
callback_free (gpointer cb, GClosure *closure)
{
  (void) closure;
  g_free (cb);
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Callback *cb = data;

  (void) widget;
  (void) clock;
  return cb->func.tick (cb->window, cb->data);
}

void
os_ui_window_add_tick (OsUiWindow *window, OsUiTickFunc func, gpointer data)
{
  Callback *cb = callback_new (window, data);

  cb->func.tick = func;
  gtk_widget_add_tick_callback (GTK_WIDGET (window_of (window)), on_tick, cb, g_free);
}

static void
on_after_paint (GdkFrameClock *clock, Callback *cb)
{
  /* func may close the window, whose clock then drops its handlers (this
   * one too); keep the clock until this one is gone */
  g_object_ref (clock);
  if (cb->func.paint (cb->window, cb->data))
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  else if (g_signal_handler_is_connected (clock, cb->handler))
    g_signal_handler_disconnect (clock, cb->handler);
  g_object_unref (clock);
}

void
os_ui_window_after_paint (OsUiWindow *window, OsUiPaintFunc func, gpointer data)
{
  GtkWidget *widget = GTK_WIDGET (window_of (window));
  Callback *cb = callback_new (window, data);

  cb->func.paint = func;
  cb->handler = g_signal_connect_data (gtk_widget_get_frame_clock (widget), "after-paint",
                                       G_CALLBACK (on_after_paint), cb, callback_free, 0);
  gtk_widget_queue_draw (widget);
}

static void
on_drawn (OsPlotView *view, guint generation, Callback *cb)
{
  (void) view;
  cb->func.drawn (generation, cb->data);
}

void
os_ui_window_watch_drawn (OsUiWindow *window, OsPlotKind kind, OsUiDrawnFunc func, gpointer data)
{
  Callback *cb = callback_new (window, data);

  cb->func.drawn = func;
  g_signal_connect_data (os_window_get_plot (window_of (window), kind), "drawn", G_CALLBACK (on_drawn), cb,
                         callback_free, 0);
}

/* ------------------------------------------------------------- frames */

struct _OsUiFrameWatch
{
  GdkFrameClock *clock;
  GdkSurface    *surface;
  OsUiFrameFunc  func;
  gpointer       data;
};

static void on_before_paint (GdkFrameClock *c, OsUiFrameWatch *w) { (void) c; w->func (OS_UI_FRAME_BEGIN, w->data); }
static void on_update (GdkFrameClock *c, OsUiFrameWatch *w)       { (void) c; w->func (OS_UI_FRAME_UPDATE, w->data); }
static void on_layout (GdkFrameClock *c, OsUiFrameWatch *w)       { (void) c; w->func (OS_UI_FRAME_LAYOUT, w->data); }
static void on_paint (GdkFrameClock *c, OsUiFrameWatch *w)        { (void) c; w->func (OS_UI_FRAME_PAINT, w->data); }
static void on_frame_painted (GdkFrameClock *c, OsUiFrameWatch *w) { (void) c; w->func (OS_UI_FRAME_AFTER_PAINT, w->data); }
static void on_frame_end (GdkFrameClock *c, OsUiFrameWatch *w)    { (void) c; w->func (OS_UI_FRAME_END, w->data); }

/* GdkSurface::layout: the window was laid out again */
static void
on_relayout (GdkSurface *surface, int width, int height, OsUiFrameWatch *w)
{
  (void) surface;
  (void) width;
  (void) height;
  w->func (OS_UI_RELAYOUT, w->data);
}

OsUiFrameWatch *
os_ui_window_watch_frames (OsUiWindow *window, OsUiFrameFunc func, gpointer data)
{
  GtkWidget *widget = GTK_WIDGET (window_of (window));
  OsUiFrameWatch *w = g_new0 (OsUiFrameWatch, 1);

  w->func = func;
  w->data = data;
  w->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  w->surface = g_object_ref (gtk_native_get_surface (GTK_NATIVE (widget)));
  /* after GTK's own handlers of each phase (connected when the window was
   * realized), and FRAME_END after every after-paint handler */
  g_signal_connect (w->clock, "before-paint", G_CALLBACK (on_before_paint), w);
  g_signal_connect (w->clock, "update", G_CALLBACK (on_update), w);
  g_signal_connect (w->clock, "layout", G_CALLBACK (on_layout), w);
  g_signal_connect (w->clock, "paint", G_CALLBACK (on_paint), w);
  g_signal_connect (w->clock, "after-paint", G_CALLBACK (on_frame_painted), w);
  g_signal_connect_after (w->clock, "after-paint", G_CALLBACK (on_frame_end), w);
  g_signal_connect (w->surface, "layout", G_CALLBACK (on_relayout), w);
  return w;
}

void
os_ui_frame_watch_free (OsUiFrameWatch *w)
{
  if (w == NULL)
    return;
  g_signal_handlers_disconnect_by_data (w->clock, w);
  g_signal_handlers_disconnect_by_data (w->surface, w);
  g_object_unref (w->clock);
  g_object_unref (w->surface);
  g_free (w);
}
