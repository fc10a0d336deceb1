/* os-window-x11.c — the window on a bare X server: two frame costs GDK 4.8
 * and Cairo 1.16 leave on the main thread, saved once the window is
 * realised. Nothing elsewhere (Wayland, a compositing window manager).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#endif

#ifdef GDK_WINDOWING_X11
/* Cairo 1.16 on X11 copies every frame (GDK 4.8 paints it into an image
 * the size of the damage, then onto the window) into a MIT-SHM segment
 * from a pool of its own; a pool is destroyed as soon as it is empty and
 * the next one is faulted in page by page on the main thread (zeroed
 * shmem pages: slow in a VM). One image of up to 8 MiB held for the
 * life of the display keeps a pool alive, and the blocks freed beside it
 * were written once, so frames reuse resident memory (the pool's free
 * lists are LIFO). Two blocks: a frame's image can still be the X
 * server's when the next frame asks for one, and with one block that
 * made a new pool once a run (1,137 fresh pages in one frame, at the
 * default network size). Cost: at most 24 MiB of resident shared memory.
 * Measured by --benchmark-ui, 16 alternating runs each on this VM, the
 * main thread's page faults: median 3,819 -> 880 with one block; max
 * stall: median 10.9 -> 9.1 ms, worst 17.3 -> 12.7 ms; then 1,139 ->
 * 2-147 with two (3 runs each; the max stall unchanged, 10-16 ms either
 * way). ONESTEP_SHM_KEEPER=0 turns it off, for that comparison. */
#define SHM_KEEPER_MAX_BYTES (8 * 1024 * 1024 - 4096)

static void
keep_shm_pool_warm (GdkSurface *surface)
{
  GdkDisplay *display = gdk_surface_get_display (surface);
  Display *xdpy = gdk_x11_display_get_xdisplay (display);
  int screen = DefaultScreen (xdpy);
  int width = DisplayWidth (xdpy, screen);
  int height = MIN (DisplayHeight (xdpy, screen), SHM_KEEPER_MAX_BYTES / (4 * MAX (width, 1)));
  cairo_surface_t *target, *warm[2], *keeper;

  if (g_object_get_data (G_OBJECT (display), "os-shm-keeper") != NULL
      || g_strcmp0 (g_getenv ("ONESTEP_SHM_KEEPER"), "0") == 0 || width <= 0 || height <= 0)
    return;
  target = cairo_xlib_surface_create (xdpy, gdk_x11_surface_get_xid (surface),
                                      DefaultVisual (xdpy, screen), 1, 1);
  /* all come from one new pool (cleared, so written); the first two
   * blocks are left free and resident, the last keeps the pool */
  for (int i = 0; i < 2; i++)
    warm[i] = cairo_surface_create_similar_image (target, CAIRO_FORMAT_RGB24, width, height);
  keeper = cairo_surface_create_similar_image (target, CAIRO_FORMAT_RGB24, width, height);
  for (int i = 0; i < 2; i++)
    cairo_surface_destroy (warm[i]);
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
void
os_window_x11_realized (OsWindow *self)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));

  if (GDK_IS_X11_SURFACE (surface))
    {
      if (!gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (gdk_surface_get_display (surface)),
                                                "_NET_WM_FRAME_DRAWN"))
        gdk_x11_surface_set_frame_sync_enabled (surface, FALSE);
      keep_shm_pool_warm (surface);
    }
#else
  (void) self;
#endif
}
