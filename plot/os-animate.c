/* os-animate.c — recording an animation, frame by frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-animate.h"
#include "os-error.h"
#include "os-plot-labels.h"
#include "os-plot-private.h"

#include <math.h>
#include <stdlib.h>

int
os_animate_strip_height (const OsPlotTheme *theme)
{
  return (int) ceil (3.2 * theme->font_size * theme->scale);
}

/* The track's position of value: along the spacing the animation uses. */
static double
track_position (const OsAnimation *a, double value)
{
  if (os_param_info (a->param)->log_scale && a->from > 0 && a->to > 0 && value > 0)
    return (log (value) - log (a->from)) / (log (a->to) - log (a->from));
  return (value - a->from) / (a->to - a->from);
}

/* "η̃ = 1.92" large on the left; the track from one end to the other with
 * a dot at the value on the right. */
static void
draw_strip (cairo_t *cr, const OsPlotTheme *theme, const OsAnimation *a, int k, int width, int strip)
{
  const OsParamInfo *info = os_param_info (a->param);
  const double s = theme->scale, fs = theme->font_size;
  double value = os_animation_value (a, k), w, h, x0, x1, y = strip / 2.0, t;
  g_autofree char *shown = os_plot_format_value (value);
  g_autofree char *big = g_strdup_printf ("%s = %s", info->symbol, shown);
  g_autofree char *lo = os_plot_format_value (a->from), *hi = os_plot_format_value (a->to);

  os_plot_set_rgba (cr, theme->background, 1.0);
  cairo_rectangle (cr, 0, 0, width, strip);
  cairo_fill (cr);
  os_plot_set_rgba (cr, theme->grid, 1.0);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_move_to (cr, 0, strip - 0.5 * s);
  cairo_line_to (cr, width, strip - 0.5 * s);
  cairo_stroke (cr);

  /* the value, at a width that does not change as the digits do */
  os_plot_set_rgba (cr, theme->foreground, 1.0);
  os_plot_text_size (cr, theme, "η̃ = −0.0000", 1.7 * fs, TRUE, &w, &h);
  os_plot_draw_text (cr, theme, big, 1.7 * fs, TRUE, 16 * s, y, 0, 0.5, 0);

  /* the track */
  x0 = 16 * s + w + 40 * s;
  x1 = width - 40 * s;
  if (x1 - x0 < 80 * s)
    return;
  os_plot_text_size (cr, theme, lo, fs, FALSE, &w, &h);
  os_plot_draw_text (cr, theme, lo, fs, FALSE, x0, y, 1, 0.5, 0);
  os_plot_draw_text (cr, theme, hi, fs, FALSE, x1, y, 0, 0.5, 0);
  x0 += 10 * s;
  x1 -= 10 * s;
  os_plot_set_rgba (cr, os_plot_color (OS_COLOR_GREY), 0.6);
  cairo_set_line_width (cr, 4 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  t = CLAMP (track_position (a, value), 0.0, 1.0);
  os_plot_set_rgba (cr, os_plot_color (OS_COLOR_BLUE), 1.0);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x0 + t * (x1 - x0), y);
  cairo_stroke (cr);
  cairo_arc (cr, x0 + t * (x1 - x0), y, 8 * s, 0, 2 * G_PI);
  cairo_fill (cr);
}

cairo_surface_t *
os_animate_draw_frame (const OsFigure *figure, OsPlotKind kind, const OsPlotTheme *theme,
                       const OsAnimation *animation, const OsPlotLock *locks, int k, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  int strip = MIN (os_animate_strip_height (theme), height / 4);

  draw_strip (cr, theme, animation, k, width, strip);
  cairo_translate (cr, 0, strip);
  os_plot_render_locked (kind, figure, theme, locks, cr, width, height - strip);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The axes every frame is drawn with: the x-range that holds every
 * frame's, and a y-range that holds nine frames in ten (a curve that
 * shoots up in the odd frame — m as η̃ → 0, which grows like 1/r — is
 * clipped there rather than flatten every other frame). */
static void
hold_axes (GArray *ranges, int frames, OsPlotLock locks[4])
{
  g_autofree double *lo = g_new (double, frames), *hi = g_new (double, frames);

  for (int c = 0; c < 4; c++)
    {
      int n = 0;

      locks[c] = (OsPlotLock) { 0 };
      for (int k = 0; k < frames; k++)
        {
          const OsPlotLock *r = &g_array_index (ranges, OsPlotLock, 4 * k + c);

          if (r->x)
            {
              OsPlotLock x_only = *r;

              x_only.y = FALSE;
              os_plot_lock_union (&locks[c], &x_only);
            }
          if (r->y)
            {
              lo[n] = r->y_min;
              hi[n] = r->y_max;
              n++;
            }
        }
      if (n == 0)
        continue;
      qsort (lo, n, sizeof (double), compare_double);
      qsort (hi, n, sizeof (double), compare_double);
      locks[c].y = TRUE;
      locks[c].y_min = lo[(n - 1) / 10];
      locks[c].y_max = hi[n - 1 - (n - 1) / 10];
    }
}

OsFigure *
os_animate_frame_figure (const OsParams *params, const OsView *view, const OsAnimation *animation,
                         int k, GCancellable *cancellable, GError **error)
{
  OsParams p = *params;

  os_params_set (&p, animation->param, os_animation_value (animation, k));
  return os_figure_compute_all (&p, view, cancellable, error);
}

GBytes *
os_animate_record (const OsParams *params, const OsView *view, const OsAnimation *animation,
                   OsPlotKind kind, const OsPlotTheme *theme, const OsFigure *shown, OsVideoFormat format,
                   int width, int height, GCancellable *cancellable,
                   OsAnimateProgress progress, gpointer progress_data,
                   OsAnimateStats *stats, GError **error)
{
  g_autoptr (OsVideoWriter) writer = NULL;
  g_autoptr (GPtrArray) figures = NULL;   /* of one pass: a bounce's way back reuses them */
  g_autoptr (GArray) ranges = g_array_new (FALSE, TRUE, sizeof (OsPlotLock));   /* frames × 4 */
  OsPlotLock locks[4] = { { 0 } };
  OsAnimateStats st = { 0 };
  gint64 t_start = g_get_monotonic_time (), t;
  int n;
  GBytes *bytes;

  g_return_val_if_fail (params != NULL && view != NULL && animation != NULL && theme != NULL, NULL);
  if (!os_animation_validate (animation, error) || !os_params_validate (params, error))
    return NULL;
  if (kind >= OS_PLOT_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown plot %d", kind);
      return NULL;
    }
  writer = os_video_writer_new (format, width, height, animation->fps, error);
  if (writer == NULL)
    return NULL;
  n = os_animation_n_frames (animation);
  figures = g_ptr_array_new_full (animation->frames, (GDestroyNotify) os_figure_unref);

  /* the pass's figures, and the axes that hold them all */
  for (int k = 0; k < animation->frames; k++)
    {
      OsFigure *figure;
      OsPlotLock frame_locks[4];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      t = g_get_monotonic_time ();
      figure = os_animate_frame_figure (params, view, animation, k, cancellable, error);
      if (figure == NULL)
        return NULL;
      if (shown != NULL && (shown->hidden != 0 || shown->n_overlays > 0))
        {
          OsFigure *with = os_figure_with_shown (figure, shown->hidden, shown->overlays, shown->n_overlays,
                                                 shown->compare);

          os_figure_unref (figure);
          figure = with;
        }
      g_ptr_array_add (figures, figure);
      st.compute_s += (g_get_monotonic_time () - t) / 1e6;
      t = g_get_monotonic_time ();
      os_plot_ranges (kind, figure, theme, width, height - MIN (os_animate_strip_height (theme), height / 4),
                      frame_locks);
      g_array_append_vals (ranges, frame_locks, 4);
      st.render_s += (g_get_monotonic_time () - t) / 1e6;
      if (progress != NULL)
        progress (k + 1, animation->frames + n, progress_data);
    }

  hold_axes (ranges, animation->frames, locks);

  for (int k = 0; k < n; k++)
    {
      int pass = k < animation->frames ? k : n - k;   /* the frame of the forward pass */
      cairo_surface_t *surface;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      t = g_get_monotonic_time ();
      surface = os_animate_draw_frame (g_ptr_array_index (figures, pass), kind, theme, animation, locks, k,
                                       width, height);
      st.render_s += (g_get_monotonic_time () - t) / 1e6;

      t = g_get_monotonic_time ();
      ok = os_video_writer_add_frame (writer, surface, error);
      cairo_surface_destroy (surface);
      st.encode_s += (g_get_monotonic_time () - t) / 1e6;
      if (!ok)
        return NULL;
      if (progress != NULL)
        progress (animation->frames + k + 1, animation->frames + n, progress_data);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  t = g_get_monotonic_time ();
  bytes = os_video_writer_finish (writer, error);
  st.encode_s += (g_get_monotonic_time () - t) / 1e6;
  st.frames = n;
  st.total_s = (g_get_monotonic_time () - t_start) / 1e6;
  if (stats != NULL)
    *stats = st;
  return bytes;
}
