/* test-video.c — the video export (plot/os-video.c, os-gif.c,
 * os-animate.c) and the animation's values (model/os-animation.c):
 * WebM, MP4 and GIF files of 24 frames at 24 fps are what they say (the
 * container, 1 s, 24 decoded frames: GStreamer's discoverer and a decoder
 * pipeline), our GIF decodes back to the frames (a decoder here: palette,
 * LZW, the changed rectangles), a missing encoder is an error that names
 * its Debian package, and a cancelled recording returns nothing. Headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-animate.h"
#include "os-error.h"
#include "os-gif.h"
#include "os-video.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef OS_HAVE_GSTREAMER
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#endif

/* ---- the animation's values -------------------------------------------- */

static void
test_animation_values (void)
{
  OsAnimation a;
  g_autoptr (GError) error = NULL;

  os_animation_init_default (&a);
  g_assert_true (os_animation_validate (&a, &error));
  a.from = 0.0;
  a.to = 3.0;
  a.frames = 4;
  g_assert_cmpint (os_animation_n_frames (&a), ==, 4);
  g_assert_cmpfloat (os_animation_value (&a, 0), ==, 0.0);
  g_assert_cmpfloat (os_animation_value (&a, 1), ==, 1.0);
  g_assert_cmpfloat (os_animation_value (&a, 3), ==, 3.0);
  g_assert_cmpfloat (os_animation_value (&a, 4), ==, 0.0);   /* loops */
  a.bounce = TRUE;
  g_assert_cmpint (os_animation_n_frames (&a), ==, 6);        /* 0 1 2 3 2 1 */
  g_assert_cmpfloat (os_animation_value (&a, 4), ==, 2.0);
  g_assert_cmpfloat (os_animation_value (&a, 5), ==, 1.0);
  g_assert_cmpfloat (os_animation_value (&a, 6), ==, 0.0);
  g_assert_cmpint (os_animation_frame_near (&a, 2.1), ==, 2);

  /* λ plays on its log scale: 1e-4, 1e-3, 1e-2, 1e-1, 1 */
  os_animation_set_param (&a, OS_PARAM_LAMBDA);
  a.bounce = FALSE;
  a.from = 1e-4;
  a.to = 1.0;
  a.frames = 5;
  for (int k = 0; k < 5; k++)
    g_assert_cmpfloat (fabs (os_animation_value (&a, k) / pow (10, k - 4) - 1), <, 1e-12);

  a.to = 20;
  g_assert_false (os_animation_validate (&a, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "--to: 20 is outside the range of lambda"));
  g_clear_error (&error);
  a.to = a.from;
  g_assert_false (os_animation_validate (&a, &error));
  g_assert_nonnull (strstr (error->message, "two different ends"));
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* ---- a GIF decoder ------------------------------------------------------ */

typedef struct
{
  int      width, height, n_frames, total_delay_cs, loops;
  guint32 *canvas;     /* after the last frame, 0xRRGGBB */
  GPtrArray *frames;   /* a copy of the canvas after each frame */
} Gif;

static void
gif_clear (Gif *g)
{
  g_free (g->canvas);
  if (g->frames != NULL)
    g_ptr_array_unref (g->frames);
}

/* Reads the LZW data at *p (sub-blocks) into out (n indices). */
static gboolean
lzw_decode (const guint8 **p, const guint8 *end, guint8 *out, gsize n)
{
  int min = *(*p)++, clear = 1 << min, eoi = clear + 1, size = min + 1, next = eoi + 1, prev = -1;
  guint16 prefix[4096];
  guint8 suffix[4096], first[4096], stack[4096];
  g_autoptr (GByteArray) data = g_byte_array_new ();
  gsize pos = 0, bit = 0;

  for (int i = 0; i < clear; i++)
    {
      prefix[i] = 0xffff;
      suffix[i] = first[i] = (guint8) i;
    }
  while (*p < end && **p != 0)
    {
      int len = *(*p)++;

      g_byte_array_append (data, *p, len);
      *p += len;
    }
  (*p)++;   /* terminator */
  for (;;)
    {
      int code = 0, sp = 0, c;

      if (bit + size > data->len * 8)
        return FALSE;
      for (int b = 0; b < size; b++, bit++)
        code |= ((data->data[bit / 8] >> (bit % 8)) & 1) << b;
      if (code == clear)
        {
          size = min + 1;
          next = eoi + 1;
          prev = -1;
          continue;
        }
      if (code == eoi)
        return pos == n;
      if (prev < 0)
        {
          if (code >= clear || pos >= n)
            return FALSE;
          out[pos++] = (guint8) code;
          prev = code;
          continue;
        }
      if (code > next || next > 4096)
        return FALSE;
      c = code == next ? prev : code;   /* the KwKwK case: prev + first (prev) */
      if (code == next)
        stack[sp++] = first[prev];
      for (; c != 0xffff && c >= 0; c = prefix[c])
        {
          stack[sp++] = suffix[c];
          if (prefix[c] == 0xffff)
            break;
        }
      if (next < 4096)
        {
          prefix[next] = (guint16) prev;
          suffix[next] = stack[sp - 1];
          first[next] = first[prev];
          next++;
          if (next == (1 << size) && size < 12)
            size++;
        }
      while (sp > 0)
        {
          if (pos >= n)
            return FALSE;
          out[pos++] = stack[--sp];
        }
      prev = code;
    }
}

static gboolean
gif_decode (GBytes *bytes, Gif *g)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (bytes, &len), *end = p + len;
  int delay = 0;

  memset (g, 0, sizeof *g);
  g->frames = g_ptr_array_new_with_free_func (g_free);
  g->loops = -1;
  if (len < 13 || memcmp (p, "GIF89a", 6) != 0)
    return FALSE;
  g->width = p[6] | p[7] << 8;
  g->height = p[8] | p[9] << 8;
  if (p[10] & 0x80)
    return FALSE;   /* we write no global table */
  p += 13;
  g->canvas = g_new0 (guint32, (gsize) g->width * g->height);
  while (p < end)
    {
      if (*p == 0x3b)
        return TRUE;
      if (p[0] == 0x21 && p[1] == 0xf9)
        {
          delay = p[4] | p[5] << 8;
          p += 8;
        }
      else if (p[0] == 0x21 && p[1] == 0xff)
        {
          if (memcmp (p + 3, "NETSCAPE2.0", 11) == 0)
            g->loops = p[16] | p[17] << 8;
          p += 2;
          while (*p != 0)
            p += *p + 1;
          p++;
        }
      else if (p[0] == 0x2c)
        {
          int x0 = p[1] | p[2] << 8, y0 = p[3] | p[4] << 8, w = p[5] | p[6] << 8, h = p[7] | p[8] << 8;
          int n_colors = 2 << (p[9] & 7);
          const guint8 *table = p + 10;
          g_autofree guint8 *idx = g_new (guint8, (gsize) w * h);

          if (!(p[9] & 0x80) || x0 + w > g->width || y0 + h > g->height)
            return FALSE;
          p += 10 + 3 * n_colors;
          if (!lzw_decode (&p, end, idx, (gsize) w * h))
            return FALSE;
          for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
              {
                const guint8 *c = table + 3 * idx[(gsize) y * w + x];

                g->canvas[(gsize) (y0 + y) * g->width + x0 + x] = (guint32) c[0] << 16 | c[1] << 8 | c[2];
              }
          g_ptr_array_add (g->frames, g_memdup2 (g->canvas, sizeof (guint32) * g->width * g->height));
          g->n_frames++;
          g->total_delay_cs += delay;
        }
      else
        return FALSE;
    }
  return FALSE;
}

/* A test card: stripes of few colours, a moving bar, and (busy) a smooth
 * gradient of more than 256 colours. */
static cairo_surface_t *
test_frame (int w, int h, int k, gboolean busy)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0.45, 0.70);
  cairo_rectangle (cr, 4 * k, 10, 12, 20);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.9, 0.62, 0);
  cairo_rectangle (cr, 0, h - 8, w, 8);
  cairo_fill (cr);
  if (busy)
    {
      cairo_pattern_t *grad = cairo_pattern_create_linear (0, 0, w, 0);

      cairo_pattern_add_color_stop_rgb (grad, 0, 1, 0, 0);
      cairo_pattern_add_color_stop_rgb (grad, 0.5, 0, 1, 0);
      cairo_pattern_add_color_stop_rgb (grad, 1, 0, 0, 1);
      cairo_set_source (cr, grad);
      cairo_rectangle (cr, 0, 40, w, 20);
      cairo_fill (cr);
      cairo_pattern_destroy (grad);
    }
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static guint32
pixel (cairo_surface_t *s, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (s);

  return ((const guint32 *) (const void *) (data + (gsize) y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
}

static void
test_gif_round_trip (void)
{
  const int w = 120, h = 80, n = 24;
  g_autoptr (OsGif) gif = os_gif_new (w, h);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  Gif g;
  int delays = 0;

  for (int k = 0; k < n; k++)
    {
      cairo_surface_t *s = test_frame (w, h, k % 12, k >= 12);

      os_gif_add_frame (gif, s, os_gif_frame_delay (k, 24));
      delays += os_gif_frame_delay (k, 24);
      g_ptr_array_add (sources, s);
    }
  g_assert_cmpint (delays, ==, 100);   /* 24 frames at 24 fps: one second */
  bytes = os_gif_finish (gif);
  g_assert_true (gif_decode (bytes, &g));
  g_assert_cmpint (g.width, ==, w);
  g_assert_cmpint (g.height, ==, h);
  g_assert_cmpint (g.n_frames, ==, n);
  g_assert_cmpint (g.total_delay_cs, ==, 100);
  g_assert_cmpint (g.loops, ==, 0);    /* forever */
  for (int k = 0; k < n; k++)
    {
      const guint32 *px = g_ptr_array_index (g.frames, k);
      double worst = 0;

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            guint32 a = px[y * w + x], b = pixel (g_ptr_array_index (sources, k), x, y);

            if (k < 12)   /* few colours: exact */
              g_assert_cmphex (a, ==, b);
            for (int sh = 0; sh < 24; sh += 8)
              worst = MAX (worst, fabs ((double) ((a >> sh) & 0xff) - ((b >> sh) & 0xff)));
          }
      /* a gradient of more colours than a palette holds: near */
      g_assert_cmpfloat (worst, <=, 16);
    }
  gif_clear (&g);
}

static void
test_gif_delays (void)
{
  for (int fps = 1; fps <= 60; fps++)
    {
      int total = 0;

      for (int k = 0; k < fps; k++)
        total += os_gif_frame_delay (k, fps);
      g_assert_cmpint (total, ==, 100);
    }
}

/* ---- recordings --------------------------------------------------------- */

static OsParams params;
static OsView view;
static OsPlotTheme theme;

static void
setup_model (void)
{
  os_params_init_default (&params);
  os_view_init_default (&view);
  view.sweep.points = 40;
  os_plot_theme_init_default (&theme);
}

static GBytes *
record (OsVideoFormat format, int frames, int fps, GCancellable *cancellable,
        OsAnimateProgress progress, gpointer data, GError **error)
{
  OsAnimation a;

  os_animation_init_default (&a);
  a.frames = frames;
  a.fps = fps;
  return os_animate_record (&params, &view, &a, OS_PLOT_ALL, &theme, NULL, format, 320, 240, cancellable,
                            progress, data, NULL, error);
}

static void
test_gif_recording (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = record (OS_VIDEO_GIF, 24, 24, NULL, NULL, NULL, &error);
  g_autoptr (OsFigure) last = NULL;
  cairo_surface_t *expect;
  OsAnimation a;
  Gif g;
  const guint32 *px;
  int differ = 0;

  g_assert_no_error (error);
  g_assert_true (gif_decode (bytes, &g));
  g_assert_cmpint (g.n_frames, ==, 24);
  g_assert_cmpint (g.total_delay_cs, ==, 100);
  /* the last frame is the figure at η̃ = 3 as os_animate_draw_frame draws
   * it, with every frame's axes held at the union of their ranges */
  os_animation_init_default (&a);
  a.frames = 24;
  {
    OsPlotLock locks[4] = { { 0 } };
    int plot_h = 240 - MIN (os_animate_strip_height (&theme), 240 / 4);
    double hi[4][24], lo[4][24];

    for (int k = 0; k < 24; k++)
      {
        g_autoptr (OsFigure) f = os_animate_frame_figure (&params, &view, &a, k, NULL, &error);
        OsPlotLock frame_locks[4];

        g_assert_no_error (error);
        os_plot_ranges (OS_PLOT_ALL, f, &theme, 320, plot_h, frame_locks);
        for (int c = 0; c < 4; c++)
          {
            frame_locks[c].y = FALSE;
            os_plot_lock_union (&locks[c], &frame_locks[c]);
            lo[c][k] = frame_locks[c].y_min;
            hi[c][k] = frame_locks[c].y_max;
          }
      }
    /* y: nine frames in ten (the third lowest of 24 bottoms, the third highest top) */
    for (int c = 0; c < 4; c++)
      {
        qsort (lo[c], 24, sizeof (double), compare_double);
        qsort (hi[c], 24, sizeof (double), compare_double);
        locks[c].y = TRUE;
        locks[c].y_min = lo[c][2];
        locks[c].y_max = hi[c][21];
      }
    last = os_animate_frame_figure (&params, &view, &a, 23, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (last->params.eta, ==, 3.0);
    expect = os_animate_draw_frame (last, OS_PLOT_ALL, &theme, &a, locks, 23, 320, 240);
  }
  px = g_ptr_array_index (g.frames, 23);
  for (int y = 0; y < 240; y++)
    for (int x = 0; x < 320; x++)
      {
        guint32 e = pixel (expect, x, y), d = px[y * 320 + x];

        for (int sh = 0; sh < 24; sh += 8)
          if (abs ((int) ((e >> sh) & 0xff) - (int) ((d >> sh) & 0xff)) > 24)
            {
              differ++;
              break;
            }
      }
  cairo_surface_destroy (expect);
  g_assert_cmpint (differ, <, 320 * 240 / 200);
  gif_clear (&g);
}

static void
cancel_at_five (int done, int total, gpointer data)
{
  (void) total;
  if (done == 5)
    g_cancellable_cancel (data);
}

static void
test_cancel (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = record (OS_VIDEO_GIF, 24, 24, cancellable, cancel_at_five, cancellable, &error);

  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_bad_size (void)
{
  g_autoptr (GError) error = NULL;
  OsAnimation a;
  g_autoptr (GBytes) bytes = NULL;

  os_animation_init_default (&a);
  bytes = os_animate_record (&params, &view, &a, OS_PLOT_ERROR, &theme, NULL, OS_VIDEO_GIF, 321, 240, NULL, NULL,
                             NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "even"));
}

#ifdef OS_HAVE_GSTREAMER

static char *tmpdir;

/* The file's container, duration and size (GStreamer's discoverer), and the
 * frames a decoder gets out of it (frames 0: not decoded). */
static void
check_file (GBytes *bytes, const char *name, const char *container, int frames, GstClockTime duration)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstDiscoverer) disc = NULL;
  g_autoptr (GstDiscovererInfo) info = NULL;
  g_autoptr (GstDiscovererStreamInfo) top = NULL;
  g_autoptr (GstCaps) caps = NULL;
  g_autofree char *desc = NULL;
  GList *videos;
  g_autofree char *launch = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstElement) sink = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autoptr (GstMessage) msg = NULL;
  int decoded = 0;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  g_assert_true (g_file_set_contents (path, data, size, NULL));
  disc = gst_discoverer_new (30 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (disc, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);
  top = gst_discoverer_info_get_stream_info (info);
  caps = gst_discoverer_stream_info_get_caps (top);
  desc = gst_caps_to_string (caps);
  g_test_message ("%s: %s, %" GST_TIME_FORMAT, name, desc, GST_TIME_ARGS (gst_discoverer_info_get_duration (info)));
  g_assert_true (g_str_has_prefix (desc, container));
  g_assert_cmpuint (gst_discoverer_info_get_duration (info), ==, duration);
  videos = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (videos->data), ==, 320);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (videos->data), ==, 240);
  gst_discoverer_stream_info_list_free (videos);

  /* decode every frame (GIF: gst-libav's GIF demuxer never ends the
   * stream; gif_decode () above decodes ours) */
  if (frames == 0)
    {
      g_unlink (path);
      return;
    }
  launch = g_strdup_printf ("uridecodebin uri=%s ! videoconvert ! fakesink name=sink signal-handoffs=true sync=false", uri);
  pipeline = gst_parse_launch (launch, &error);
  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_signal_connect_swapped (sink, "handoff", G_CALLBACK (g_atomic_int_inc), &decoded);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_assert_cmpint (g_atomic_int_get (&decoded), ==, frames);
  g_unlink (path);
}

static void
test_recording (gconstpointer data)
{
  OsVideoFormat format = GPOINTER_TO_INT (data);
  static const char *const names[] = { "t.webm", "t.mp4", "t.gif" };
  static const char *const containers[] = { "video/webm", "video/quicktime", "image/gif" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  if (!os_video_check_encoder (format, &error))
    {
      g_test_skip (error->message);
      return;
    }
  /* 24 frames at 24 fps last one second; 48 at 24, two */
  bytes = record (format, 24, 24, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_file (bytes, names[format], containers[format], format == OS_VIDEO_GIF ? 0 : 24, GST_SECOND);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = record (format, 48, 24, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_file (bytes, names[format], containers[format], format == OS_VIDEO_GIF ? 0 : 48, 2 * GST_SECOND);
}

static void
test_missing_encoder (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_setenv ("ONESTEP_VIDEO_PRETEND_MISSING", "x264enc,vp8enc", TRUE);
  g_assert_false (os_video_check_encoder (OS_VIDEO_MP4, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, "MP4 needs the GStreamer element x264enc (Debian package "
                                       "gstreamer1.0-plugins-ugly), which is not installed");
  g_clear_error (&error);
  bytes = record (OS_VIDEO_WEBM, 24, 24, NULL, NULL, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "vp8enc (Debian package gstreamer1.0-plugins-good)"));
  /* GIF needs no element */
  g_assert_true (os_video_check_encoder (OS_VIDEO_GIF, NULL));
  g_unsetenv ("ONESTEP_VIDEO_PRETEND_MISSING");
}

#endif /* OS_HAVE_GSTREAMER */

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  setup_model ();
  g_test_add_func ("/video/animation-values", test_animation_values);
  g_test_add_func ("/video/gif-delays", test_gif_delays);
  g_test_add_func ("/video/gif-round-trip", test_gif_round_trip);
  g_test_add_func ("/video/gif-recording", test_gif_recording);
  g_test_add_func ("/video/cancel", test_cancel);
  g_test_add_func ("/video/bad-size", test_bad_size);
#ifdef OS_HAVE_GSTREAMER
  gst_init (&argc, &argv);
  tmpdir = g_dir_make_tmp ("test-video-XXXXXX", NULL);
  g_test_add_data_func ("/video/webm", GINT_TO_POINTER (OS_VIDEO_WEBM), test_recording);
  g_test_add_data_func ("/video/mp4", GINT_TO_POINTER (OS_VIDEO_MP4), test_recording);
  g_test_add_data_func ("/video/gif", GINT_TO_POINTER (OS_VIDEO_GIF), test_recording);
  g_test_add_func ("/video/missing-encoder", test_missing_encoder);
#endif
  rc = g_test_run ();
#ifdef OS_HAVE_GSTREAMER
  g_rmdir (tmpdir);
  g_free (tmpdir);
#endif
  return rc;
}
