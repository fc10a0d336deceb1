/* os-animation.c — the values of a played parameter, frame by frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-animation.h"
#include "os-error.h"
#include "os-presets.h"

#include <math.h>
#include <string.h>

void
os_animation_init_default (OsAnimation *animation)
{
  memset (animation, 0, sizeof *animation);
  animation->param = OS_PARAM_ETA;
  animation->from = 0.0;
  animation->to = 3.0;
  animation->frames = 96;
  animation->fps = 24;
  animation->bounce = FALSE;
}

void
os_animation_set_param (OsAnimation *animation, OsParamId param)
{
  gboolean log_spacing;

  g_return_if_fail (param < OS_PARAM_N);
  animation->param = param;
  os_axis_default_range (param, &animation->from, &animation->to, &log_spacing);
}

gboolean
os_animation_validate (const OsAnimation *a, GError **error)
{
  const OsParamInfo *info;
  const double ends[2] = { a->from, a->to };
  const char *flags[2] = { "--from", "--to" };

  if (a->param >= OS_PARAM_N)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--animate: unknown parameter (valid: eta, alpha0, alpha, beta, lambda, noise)");
      return FALSE;
    }
  info = os_param_info (a->param);
  for (int e = 0; e < 2; e++)
    if (!isfinite (ends[e]) || ends[e] < info->min || ends[e] > info->max)
      {
        g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                     "%s: %g is outside the range of %s [%g, %g]", flags[e], ends[e], info->name,
                     info->min, info->max);
        return FALSE;
      }
  if (a->from == a->to)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--from and --to: an animation of %s needs two different ends (both are %g)",
                   info->name, a->from);
      return FALSE;
    }
  if (a->frames < OS_ANIMATION_MIN_FRAMES || a->frames > OS_ANIMATION_MAX_FRAMES)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--frames: %d is outside the valid range [%d, %d]", a->frames,
                   OS_ANIMATION_MIN_FRAMES, OS_ANIMATION_MAX_FRAMES);
      return FALSE;
    }
  if (a->fps < OS_ANIMATION_MIN_FPS || a->fps > OS_ANIMATION_MAX_FPS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--fps: %d is outside the valid range [%d, %d]", a->fps,
                   OS_ANIMATION_MIN_FPS, OS_ANIMATION_MAX_FPS);
      return FALSE;
    }
  return TRUE;
}

gboolean
os_animation_equal (const OsAnimation *a, const OsAnimation *b)
{
  return a->param == b->param && a->from == b->from && a->to == b->to && a->frames == b->frames
         && a->fps == b->fps && !a->bounce == !b->bounce;
}

int
os_animation_n_frames (const OsAnimation *a)
{
  return a->bounce && a->frames > 2 ? 2 * a->frames - 2 : a->frames;
}

static gboolean
geometric (const OsAnimation *a)
{
  return os_param_info (a->param)->log_scale && a->from > 0 && a->to > 0;
}

/* the value at position i ∈ [0, frames − 1] of the forward pass */
static double
pass_value (const OsAnimation *a, int i)
{
  double t = a->frames > 1 ? (double) i / (a->frames - 1) : 0.0;

  if (i <= 0)
    return a->from;
  if (i >= a->frames - 1)
    return a->to;   /* exactly, not to rounding */
  if (geometric (a))
    return exp (log (a->from) + t * (log (a->to) - log (a->from)));
  return a->from + t * (a->to - a->from);
}

double
os_animation_value (const OsAnimation *a, int k)
{
  int n = os_animation_n_frames (a);

  g_return_val_if_fail (n >= 1, a->from);
  k %= n;
  if (k < 0)
    k += n;
  return pass_value (a, k < a->frames ? k : n - k);
}

int
os_animation_frame_near (const OsAnimation *a, double value)
{
  int best = 0;
  double best_d = INFINITY;

  for (int i = 0; i < a->frames; i++)
    {
      double d = fabs (pass_value (a, i) - value);

      if (d < best_d)
        {
          best_d = d;
          best = i;
        }
    }
  return best;
}
