/* os-video.c — frames to WebM and MP4 through GStreamer, to GIF through
 * os-gif.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-video.h"
#include "os-error.h"
#include "os-gif.h"

#include <string.h>

#ifdef OS_HAVE_GSTREAMER
#include <gst/gst.h>
#include <gst/app/gstappsrc.h>
#endif

static const char *const format_names[OS_VIDEO_N] = { "WebM", "MP4", "GIF" };
static const char *const extensions[OS_VIDEO_N] = { ".webm", ".mp4", ".gif" };

const char *
os_video_format_name (OsVideoFormat format)
{
  g_return_val_if_fail (format < OS_VIDEO_N, "?");
  return format_names[format];
}

gboolean
os_video_format_from_path (const char *path, OsVideoFormat *out, GError **error)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;

  if (dot != NULL && (slash == NULL || dot > slash))
    for (int f = 0; f < OS_VIDEO_N; f++)
      if (g_ascii_strcasecmp (dot, extensions[f]) == 0)
        {
          *out = (OsVideoFormat) f;
          return TRUE;
        }
  g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
               "'%s': not a video file name (valid extensions: .webm, .mp4, .gif)",
               path != NULL ? path : "(null)");
  return FALSE;
}

gboolean
os_video_path_is_video (const char *path)
{
  OsVideoFormat format;

  return os_video_format_from_path (path, &format, NULL);
}

/* ---- which elements, from which package ------------------------------- */

typedef struct
{
  const char *element, *package;
} Need;

static const Need needs_webm[] = {
  { "appsrc", "gstreamer1.0-plugins-base" }, { "videoconvert", "gstreamer1.0-plugins-base" },
  { "giostreamsink", "gstreamer1.0-plugins-base" },
  { "vp8enc", "gstreamer1.0-plugins-good" }, { "webmmux", "gstreamer1.0-plugins-good" },
  { NULL, NULL }
};
static const Need needs_mp4[] = {
  { "appsrc", "gstreamer1.0-plugins-base" }, { "videoconvert", "gstreamer1.0-plugins-base" },
  { "giostreamsink", "gstreamer1.0-plugins-base" },
  { "x264enc", "gstreamer1.0-plugins-ugly" }, { "mp4mux", "gstreamer1.0-plugins-good" },
  { NULL, NULL }
};

#ifdef OS_HAVE_GSTREAMER

static gboolean
gst_ready (GError **error)
{
  static gsize once;
  static GError *init_error;

  if (g_once_init_enter (&once))
    {
      if (!gst_init_check (NULL, NULL, &init_error))
        g_prefix_error (&init_error, "GStreamer could not start: ");
      g_once_init_leave (&once, 1);
    }
  if (init_error != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, init_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pretend_missing (const char *element)
{
  const char *list = g_getenv ("ONESTEP_VIDEO_PRETEND_MISSING");
  g_auto (GStrv) names = NULL;

  if (list == NULL || *list == '\0')
    return FALSE;
  names = g_strsplit (list, ",", -1);
  return g_strv_contains ((const char *const *) names, element);
}

static gboolean
element_present (const char *element)
{
  GstElementFactory *factory;

  if (pretend_missing (element))
    return FALSE;
  factory = gst_element_factory_find (element);
  if (factory == NULL)
    return FALSE;
  gst_object_unref (factory);
  return TRUE;
}

#endif /* OS_HAVE_GSTREAMER */

gboolean
os_video_check_encoder (OsVideoFormat format, GError **error)
{
  const Need *needs;

  g_return_val_if_fail (format < OS_VIDEO_N, FALSE);
  if (format == OS_VIDEO_GIF)
    return TRUE;
  needs = format == OS_VIDEO_WEBM ? needs_webm : needs_mp4;
#ifdef OS_HAVE_GSTREAMER
  if (!gst_ready (error))
    return FALSE;
  for (const Need *n = needs; n->element != NULL; n++)
    if (!element_present (n->element))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     "%s needs the GStreamer element %s (Debian package %s), which is not installed",
                     format_names[format], n->element, n->package);
        return FALSE;
      }
  return TRUE;
#else
  (void) needs;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s needs GStreamer, and this build has none (GIF works without it; rebuild with "
               "libgstreamer1.0-dev and libgstreamer-plugins-base1.0-dev installed)", format_names[format]);
  return FALSE;
#endif
}

/* ---- the writer ------------------------------------------------------- */

struct _OsVideoWriter
{
  OsVideoFormat format;
  int           width, height, fps;
  guint64       n_frames;
  OsGif        *gif;
#ifdef OS_HAVE_GSTREAMER
  GstElement   *pipeline;
  GstElement   *src;
  GOutputStream *stream;
#endif
};

void
os_video_writer_free (OsVideoWriter *w)
{
  if (w == NULL)
    return;
  os_gif_free (w->gif);
#ifdef OS_HAVE_GSTREAMER
  if (w->pipeline != NULL)
    {
      gst_element_set_state (w->pipeline, GST_STATE_NULL);
      gst_object_unref (w->pipeline);
    }
  g_clear_object (&w->stream);
#endif
  g_free (w);
}

#ifdef OS_HAVE_GSTREAMER

/* The first error on the bus, if any (timeout 0: do not wait). */
static gboolean
bus_error (GstElement *pipeline, GstClockTime timeout, GstMessageType also, gboolean *got_also,
           GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr (GstMessage) msg = gst_bus_timed_pop_filtered (bus, timeout, GST_MESSAGE_ERROR | also);

  if (got_also != NULL)
    *got_also = msg != NULL && GST_MESSAGE_TYPE (msg) != GST_MESSAGE_ERROR;
  if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      g_autoptr (GError) gst_error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (msg, &gst_error, &debug);
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "the video encoder failed: %s (%s)",
                   gst_error->message, GST_OBJECT_NAME (GST_MESSAGE_SRC (msg)));
      return TRUE;
    }
  return FALSE;
}

static GstElement *
make (GstElement *pipeline, const char *factory)
{
  GstElement *e = gst_element_factory_make (factory, NULL);

  if (e != NULL)
    gst_bin_add (GST_BIN (pipeline), e);
  return e;
}

static gboolean
pipeline_build (OsVideoWriter *w, GError **error)
{
  gboolean webm = w->format == OS_VIDEO_WEBM;
  GstElement *conv, *filter, *enc, *mux, *sink;
  g_autoptr (GstCaps) raw = NULL, i420 = NULL;
  /* Cairo's ARGB32 is 0xAARRGGBB in native order: B, G, R, A bytes on a
   * little-endian machine */
  const char *format = G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB";

  w->pipeline = gst_pipeline_new ("onestep-video");
  w->src = make (w->pipeline, "appsrc");
  conv = make (w->pipeline, "videoconvert");
  filter = make (w->pipeline, "capsfilter");
  enc = make (w->pipeline, webm ? "vp8enc" : "x264enc");
  mux = make (w->pipeline, webm ? "webmmux" : "mp4mux");
  sink = make (w->pipeline, "giostreamsink");
  if (w->src == NULL || conv == NULL || filter == NULL || enc == NULL || mux == NULL || sink == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the %s encoder could not be created", format_names[w->format]);
      return FALSE;
    }

  raw = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, format,
                             "width", G_TYPE_INT, w->width, "height", G_TYPE_INT, w->height,
                             "framerate", GST_TYPE_FRACTION, w->fps, 1,
                             "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1, NULL);
  g_object_set (w->src, "caps", raw, "format", GST_FORMAT_TIME, "block", TRUE,
                "max-bytes", (guint64) w->width * w->height * 4 * 4, "is-live", FALSE, NULL);
  /* 4:2:0 is what every player takes (x264 would pick 4:4:4 for RGB
   * input, which browsers and presentation software refuse) */
  i420 = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "I420", NULL);
  g_object_set (filter, "caps", i420, NULL);
  if (webm)
    {
      /* a plot is sharp lines on white: a high bitrate for its size
       * keeps them sharp, and it is mostly unchanged from frame to frame.
       * One encoder thread: the recording thread draws the next frame
       * beside it (two threads each made it 4–10 times slower on 2 cores) */
      gst_util_set_object_arg (G_OBJECT (enc), "deadline", "1");
      gst_util_set_object_arg (G_OBJECT (enc), "cpu-used", "4");
      gst_util_set_object_arg (G_OBJECT (enc), "end-usage", "vbr");
      g_object_set (enc, "target-bitrate", (int) MIN (50000000.0, (double) w->width * w->height * w->fps * 0.12),
                    "keyframe-max-dist", 2 * w->fps, "threads", 1, NULL);
    }
  else
    {
      gst_util_set_object_arg (G_OBJECT (enc), "speed-preset", "faster");
      gst_util_set_object_arg (G_OBJECT (enc), "pass", "qual");
      g_object_set (enc, "quantizer", 20, "key-int-max", 2 * w->fps, "threads", 1, NULL);
      /* the index first, so a browser plays it while it loads */
      g_object_set (mux, "faststart", TRUE, NULL);
    }
  w->stream = g_memory_output_stream_new_resizable ();
  g_object_set (sink, "stream", w->stream, NULL);
  if (!gst_element_link_many (w->src, conv, filter, enc, mux, sink, NULL))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "the %s encoder could not be linked", format_names[w->format]);
      return FALSE;
    }
  if (gst_element_set_state (w->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!bus_error (w->pipeline, 0, 0, NULL, error))
        g_set_error (error, OS_ERROR, OS_ERROR_IO, "the %s encoder did not start", format_names[w->format]);
      return FALSE;
    }
  return TRUE;
}

#endif /* OS_HAVE_GSTREAMER */

OsVideoWriter *
os_video_writer_new (OsVideoFormat format, int width, int height, int fps, GError **error)
{
  g_autoptr (OsVideoWriter) w = NULL;

  g_return_val_if_fail (format < OS_VIDEO_N, NULL);
  if (width < 16 || height < 16 || width > 8192 || height > 8192 || width % 2 || height % 2)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "a video's size must be even, 16–8192 pixels a side (got %d×%d)", width, height);
      return NULL;
    }
  if (fps < 1 || fps > 60)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--fps: %d is outside the valid range [1, 60]", fps);
      return NULL;
    }
  if (!os_video_check_encoder (format, error))
    return NULL;
  w = g_new0 (OsVideoWriter, 1);
  w->format = format;
  w->width = width;
  w->height = height;
  w->fps = fps;
  if (format == OS_VIDEO_GIF)
    {
      w->gif = os_gif_new (width, height);
      return g_steal_pointer (&w);
    }
#ifdef OS_HAVE_GSTREAMER
  if (!pipeline_build (w, error))
    return NULL;
#endif
  return g_steal_pointer (&w);
}

gboolean
os_video_writer_add_frame (OsVideoWriter *w, cairo_surface_t *frame, GError **error)
{
  g_return_val_if_fail (w != NULL && frame != NULL, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_width (frame) == w->width
                        && cairo_image_surface_get_height (frame) == w->height, FALSE);

  if (w->gif != NULL)
    {
      os_gif_add_frame (w->gif, frame, os_gif_frame_delay ((int) w->n_frames, w->fps));
      w->n_frames++;
      return TRUE;
    }
#ifdef OS_HAVE_GSTREAMER
  {
    int stride = cairo_image_surface_get_stride (frame);
    gsize row = (gsize) w->width * 4, size = row * w->height;
    GstBuffer *buffer = gst_buffer_new_allocate (NULL, size, NULL);
    GstMapInfo map;
    const unsigned char *data;
    GstClockTime pts = gst_util_uint64_scale (w->n_frames, GST_SECOND, w->fps);
    GstFlowReturn flow;

    cairo_surface_flush (frame);
    data = cairo_image_surface_get_data (frame);
    gst_buffer_map (buffer, &map, GST_MAP_WRITE);
    for (int y = 0; y < w->height; y++)
      memcpy (map.data + row * y, data + (gsize) stride * y, row);
    gst_buffer_unmap (buffer, &map);
    GST_BUFFER_PTS (buffer) = pts;
    GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (w->n_frames + 1, GST_SECOND, w->fps) - pts;
    flow = gst_app_src_push_buffer (GST_APP_SRC (w->src), buffer);   /* takes the buffer */
    w->n_frames++;
    if (bus_error (w->pipeline, 0, 0, NULL, error))
      return FALSE;
    if (flow != GST_FLOW_OK)
      {
        g_set_error (error, OS_ERROR, OS_ERROR_IO, "the video encoder refused frame %" G_GUINT64_FORMAT " (%s)",
                     w->n_frames, gst_flow_get_name (flow));
        return FALSE;
      }
    return TRUE;
  }
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no video encoder");
  return FALSE;
#endif
}

GBytes *
os_video_writer_finish (OsVideoWriter *w, GError **error)
{
  g_return_val_if_fail (w != NULL, NULL);

  if (w->n_frames == 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "a video needs at least one frame");
      return NULL;
    }
  if (w->gif != NULL)
    return os_gif_finish (w->gif);
#ifdef OS_HAVE_GSTREAMER
  {
    gboolean eos = FALSE;

    gst_app_src_end_of_stream (GST_APP_SRC (w->src));
    /* the muxer writes its index at the end; a minute is far more than
     * the last frames take */
    if (bus_error (w->pipeline, 60 * GST_SECOND, GST_MESSAGE_EOS, &eos, error))
      return NULL;
    if (!eos)
      {
        g_set_error (error, OS_ERROR, OS_ERROR_IO, "the video encoder did not finish within a minute");
        return NULL;
      }
    gst_element_set_state (w->pipeline, GST_STATE_NULL);
    if (!g_output_stream_close (w->stream, NULL, error))
      return NULL;
    return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (w->stream));
  }
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "no video encoder");
  return NULL;
#endif
}
