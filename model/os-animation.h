/* os-animation.h — a parameter played over a range: which parameter, from
 * where to where, in how many frames at what rate, and whether it runs
 * there and back (bounce) or starts over (loop). The window plays it and
 * `export --animate` records it; both take frame k's value from here, so
 * a recording shows the values the window plays.
 *
 * Spacing follows the parameter's slider: geometric for the log-scale
 * parameters (α0, β, λ) when both ends are positive, even otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-params.h"

G_BEGIN_DECLS

#define OS_ANIMATION_MIN_FRAMES 2
#define OS_ANIMATION_MAX_FRAMES 10000
#define OS_ANIMATION_MIN_FPS    1
#define OS_ANIMATION_MAX_FPS    60

typedef struct
{
  OsParamId param;      /* the animated parameter                        */
  double    from, to;   /* its first and last value (either order)       */
  int       frames;     /* values from `from` to `to`, ends included     */
  int       fps;        /* frames per second                             */
  gboolean  bounce;     /* there and back again (else start over)        */
} OsAnimation;

/* η̃ from 0 to 3, 96 frames at 24 fps (4 s a pass), loop. */
void     os_animation_init_default (OsAnimation *animation);
/* The default range of a parameter's animation: its x-axis range
 * (os_axis_default_range), frames and fps kept. */
void     os_animation_set_param    (OsAnimation *animation, OsParamId param);
/* The ends inside the parameter's range, frames and fps inside their
 * limits: OS_ERROR_INVALID_ARGUMENT naming the flag otherwise ("--to: 12
 * is outside the range of eta [0, 10]"). */
gboolean os_animation_validate     (const OsAnimation *animation, GError **error);
gboolean os_animation_equal        (const OsAnimation *a, const OsAnimation *b);

/* Frames in one recording: frames, or 2·frames − 2 with bounce (the ends
 * are not repeated, so that a looping player shows a seamless cycle). */
int      os_animation_n_frames     (const OsAnimation *animation);
/* The value at frame k of a recording (k taken modulo n_frames, so a
 * player can count on). */
double   os_animation_value        (const OsAnimation *animation, int k);
/* The frame of a recording whose value is nearest to value (the window
 * continues from where the slider stands). */
int      os_animation_frame_near   (const OsAnimation *animation, double value);

G_END_DECLS
