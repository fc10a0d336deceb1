/* os-video.h — frames to a video: WebM (VP8) and MP4 (H.264) through
 * GStreamer, animated GIF through os-gif.c.
 *
 * The GStreamer pipeline is appsrc (BGRx, the bytes of a Cairo ARGB32
 * image on a little-endian machine) → videoconvert → I420 → encoder →
 * muxer → a seekable stream in memory (so that the muxer can write the
 * duration and index at the end); frame k has the presentation time
 * k / fps and lasts 1 / fps, so 24 frames at 24 fps last one second.
 * appsrc blocks while four frames wait, so drawing the next frame and
 * encoding the last one run side by side. Nothing touches the disk: the
 * caller writes the bytes whole (or drops them, which is what Cancel does).
 *
 * The elements and the Debian 12 packages that hold them:
 *   WebM  vp8enc, webmmux            gstreamer1.0-plugins-good
 *   MP4   x264enc                    gstreamer1.0-plugins-ugly
 *         mp4mux                     gstreamer1.0-plugins-good
 *   all   appsrc, videoconvert       gstreamer1.0-plugins-base
 * A missing one is an error (G_IO_ERROR_NOT_SUPPORTED) naming the element
 * and its package. ONESTEP_VIDEO_PRETEND_MISSING=vp8enc,x264enc (tests)
 * makes the named elements count as missing.
 *
 * Without GStreamer at build time (meson -Dvideo=disabled) WebM and MP4
 * say so; GIF always works. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  OS_VIDEO_WEBM,
  OS_VIDEO_MP4,
  OS_VIDEO_GIF,
  OS_VIDEO_N
} OsVideoFormat;

/* The format from the extension: .webm, .mp4, .gif (any case);
 * OS_ERROR_INVALID_ARGUMENT naming them otherwise. */
gboolean    os_video_format_from_path (const char *path, OsVideoFormat *out, GError **error);
gboolean    os_video_path_is_video    (const char *path);
const char *os_video_format_name      (OsVideoFormat format);   /* "WebM", "MP4", "GIF" */

/* Whether this machine can write the format: every element it needs is
 * installed (G_IO_ERROR_NOT_SUPPORTED: "WebM needs the GStreamer element
 * vp8enc (Debian package gstreamer1.0-plugins-good), which is not
 * installed"). */
gboolean    os_video_check_encoder    (OsVideoFormat format, GError **error);

typedef struct _OsVideoWriter OsVideoWriter;

/* width and height even (the encoders' 4:2:0 chroma), 16 … 8192; fps
 * 1 … 60. */
OsVideoWriter *os_video_writer_new       (OsVideoFormat format, int width, int height, int fps,
                                          GError **error);
/* frame: an image surface of the writer's size (ARGB32 or RGB24, opaque). */
gboolean       os_video_writer_add_frame (OsVideoWriter *writer, cairo_surface_t *frame,
                                          GError **error);
/* Ends the stream and returns the file's bytes. */
GBytes        *os_video_writer_finish    (OsVideoWriter *writer, GError **error);
/* Drops everything (also after an error). NULL is ignored. */
void           os_video_writer_free      (OsVideoWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsVideoWriter, os_video_writer_free)

G_END_DECLS
