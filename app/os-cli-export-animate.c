/* os-cli-export-animate.c — `onestep-explorer export --animate NAME
 * --from A --to B --frames N --fps F --output FILE.webm|.mp4|.gif`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-export-animate.h"
#include "os-error.h"
#include "os-export.h"

gboolean
os_cli_export_animate (const OsParams *params, const OsView *view, const OsAnimation *animation,
                       OsPlotKind kind, const OsPlotTheme *theme, const OsFigure *shown, const char *output,
                       int width, int height, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  OsVideoFormat format;
  OsAnimateStats stats;
  gsize size;
  const void *data;

  if (!os_video_format_from_path (output, &format, error))
    {
      g_prefix_error (error, "--output: ");
      return FALSE;
    }
  if (width % 2 || height % 2)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--width and --height: a video's size must be even (got %d×%d)", width, height);
      return FALSE;
    }
  /* a missing encoder is known before any frame is drawn */
  if (!os_video_check_encoder (format, error))
    return FALSE;
  if (view->simulate)
    g_printerr ("onestep-explorer export: simulating the network at every frame (d = %d, %d seeds): "
                "this takes a while\n", view->sim.d, view->sim.seeds);
  bytes = os_animate_record (params, view, animation, kind, theme, shown, format, width, height, NULL, NULL,
                             NULL, &stats, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!os_export_write_file (output, data, size, error))
    return FALSE;
  g_printerr ("onestep-explorer export: %d frames of %d×%d in %.2f s: %.1f ms a frame "
              "(model %.1f, drawing %.1f, encoder %.1f); %s, %.2f s at %d fps\n",
              stats.frames, width, height, stats.total_s, 1e3 * stats.total_s / stats.frames,
              1e3 * stats.compute_s / stats.frames, 1e3 * stats.render_s / stats.frames,
              1e3 * stats.encode_s / stats.frames, os_video_format_name (format),
              (double) stats.frames / animation->fps, animation->fps);
  return TRUE;
}
