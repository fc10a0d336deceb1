/* os-animate.h — an animation recorded as a video: frame by frame, the
 * figure at the frame's value of the animated parameter
 * (model/os-animation.h), drawn by os_plot_render () — the function behind
 * the screen and every export — and handed to the video writer
 * (os-video.h). Each frame's figure is computed afresh by the model: the
 * theory and the predicted spectra at the frame's value; the simulated
 * network only when the view asks for it (view->simulate), which is slow
 * (seconds a frame), so callers leave it off unless the user asks.
 *
 * The figures of a pass are computed first: every frame's axes are then
 * held fixed, so the axes stand still and the curves move — the x-range
 * that holds every frame's, and the y-range that holds nine frames in ten
 * (the odd frame where a curve shoots up is clipped there).
 *
 * Runs in the caller's thread (the command line, or a job on the
 * scheduler's background lane for the window); the encoder works in
 * GStreamer's own thread beside it. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-animation.h"
#include "os-figure.h"
#include "os-plot-kinds.h"
#include "os-plot-theme.h"
#include "os-video.h"

G_BEGIN_DECLS

/* Where the time went, in seconds over the whole recording. */
typedef struct
{
  int    frames;
  double compute_s;   /* the model: figures                        */
  double render_s;    /* Cairo: drawing the frames                 */
  double encode_s;    /* handing frames to the encoder (it blocks
                       * while four wait) and finishing the file   */
  double total_s;
} OsAnimateStats;

/* done steps of total (the figures computed, then the frames encoded);
 * called in the recording thread. */
typedef void (*OsAnimateProgress) (int done, int total, gpointer data);

/* Draws frame k: a strip across the top that names the animated
 * parameter, its value in large type and where it stands between the two
 * ends, and below it the figure of plot kind, drawn by os_plot_render ()
 * as every export is (with each plot's axes held at locks, nullable);
 * into an image surface of width × height (what the recording encodes). */
cairo_surface_t *os_animate_draw_frame (const OsFigure *figure, OsPlotKind kind,
                                        const OsPlotTheme *theme, const OsAnimation *animation,
                                        const OsPlotLock *locks, int k, int width, int height);
/* The strip's height at this theme (pixels). */
int              os_animate_strip_height (const OsPlotTheme *theme);

/* The figure of frame k: params with the animated parameter at its value
 * in frame k, the view as given. */
OsFigure *os_animate_frame_figure (const OsParams *params, const OsView *view,
                                   const OsAnimation *animation, int k,
                                   GCancellable *cancellable, GError **error);

/* The whole recording as the bytes of a file of format (see os-video.h):
 * os_animation_n_frames () frames at animation->fps. width and height
 * must be even. shown (nullable): a figure whose hidden series and pins
 * every frame shows too (os_figure_with_shown). G_IO_ERROR_CANCELLED when cancelled (nothing is kept),
 * G_IO_ERROR_NOT_SUPPORTED when the encoder is missing (see
 * os_video_check_encoder), OS_ERROR_* for bad input or a failed theory.
 * stats (nullable) gets the timings. */
GBytes   *os_animate_record       (const OsParams *params, const OsView *view,
                                   const OsAnimation *animation, OsPlotKind kind,
                                   const OsPlotTheme *theme, const OsFigure *shown,
                                   OsVideoFormat format, int width, int height, GCancellable *cancellable,
                                   OsAnimateProgress progress, gpointer progress_data,
                                   OsAnimateStats *stats, GError **error);

G_END_DECLS
