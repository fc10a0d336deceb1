/* os-gif.h — an animated GIF (GIF89a) from Cairo image surfaces, in
 * memory. Debian 12's GStreamer has no GIF encoder (gst-libav 1.22 leaves
 * avenc_gif out), so the video export writes GIF itself: each frame gets
 * its own 256-colour palette (the most frequent colours of the frame,
 * every other colour mapped to the nearest of them — a plot has few), only
 * the rectangle that changed since the previous frame is stored, and the
 * animation loops forever. GLib and Cairo only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _OsGif OsGif;

/* width × height: 1 … 65535. */
OsGif  *os_gif_new        (int width, int height);
void    os_gif_free       (OsGif *gif);
/* Appends a frame (an ARGB32 or RGB24 image surface of the GIF's size;
 * alpha is ignored) shown for delay_cs hundredths of a second. */
void    os_gif_add_frame  (OsGif *gif, cairo_surface_t *frame, int delay_cs);
/* The file's bytes; the GIF can take no more frames. */
GBytes *os_gif_finish     (OsGif *gif);

/* Delay of frame k (hundredths of a second) at fps frames per second, so
 * that frames 0 … k−1 end at round(100 k / fps): 24 frames at 24 fps
 * last exactly one second (4 or 5 hundredths each). */
int     os_gif_frame_delay (int k, int fps);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsGif, os_gif_free)

G_END_DECLS
