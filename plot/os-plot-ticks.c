/* os-plot-ticks.c — nice steps, linear and log ticks, tick labels in one
 * format per axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-ticks.h"

#include <math.h>

int
os_plot_nice_step (double lo, double hi, int target, double *out_step)
{
  double span = hi - lo, raw, mag, f, step;

  if (target < 2)
    target = 2;
  if (!(span > 0) || !isfinite (span))
    span = fabs (lo) > 0 ? fabs (lo) : 1.0;
  raw = span / target;
  mag = pow (10.0, floor (log10 (raw)));
  f = raw / mag;
  step = (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * mag;
  *out_step = step;
  return (int) floor (hi / step + 1e-9) - (int) ceil (lo / step - 1e-9) + 1;
}

/* "−" (U+2212) for a leading "-" */
static void
real_minus (const char *tmp, char *buf, gsize size)
{
  if (tmp[0] == '-')
    g_snprintf (buf, size, "−%s", tmp + 1);
  else
    g_strlcpy (buf, tmp, size);
}

static int
step_decimals (double step)
{
  int decimals = step > 0 ? (int) MAX (0.0, -floor (log10 (step) + 1e-9)) : 3;

  /* 2.5-type steps need one more digit than their magnitude says */
  if (step > 0 && fabs (step / pow (10.0, -decimals) - round (step / pow (10.0, -decimals))) > 1e-6)
    decimals++;
  return decimals;
}

/* m×10^k, or 10^k when m is 1 */
static void
format_scientific (double value, char *buf, gsize size)
{
  double a = fabs (value);
  int k = (int) floor (log10 (a) + 1e-9);
  double m = a / pow (10.0, k);
  const char *sign = value < 0 ? "−" : "";

  if (fabs (m - 1.0) < 1e-9)
    g_snprintf (buf, size, "%s10<sup>%s%d</sup>", sign, k < 0 ? "−" : "", abs (k));
  else
    g_snprintf (buf, size, "%s%.3g×10<sup>%s%d</sup>", sign, m, k < 0 ? "−" : "", abs (k));
}

void
os_plot_format_tick (double value, double step, char *buf, gsize size)
{
  double a = fabs (value);

  if (a < step * 1e-9)
    {
      g_strlcpy (buf, "0", size);
      return;
    }
  if ((a >= 1e5 || a < 1e-3))
    {
      int k = (int) lround (log10 (a));

      if (fabs (a - pow (10.0, k)) < 1e-9 * a)
        {
          format_scientific (value, buf, size);
          return;
        }
      g_snprintf (buf, size, "%.3g", value);
      return;
    }
  {
    char tmp[32];

    g_snprintf (tmp, sizeof tmp, "%.*f", MIN (step_decimals (step), 8), value);
    real_minus (tmp, buf, size);
  }
}

void
os_plot_ticks_unify (OsTick *ticks, int n, gboolean log_scale, double step)
{
  gboolean scientific = FALSE;
  int decimals = log_scale ? 0 : step_decimals (step);

  for (int i = 0; i < n; i++)
    {
      double a = fabs (ticks[i].value);

      if (!ticks[i].major || a < 1e-300)
        continue;
      if (a >= 1e5 || a < 1e-3 * (1 - 1e-9))
        scientific = TRUE;
    }
  if (!log_scale && decimals > 5)
    scientific = TRUE;
  for (int i = 0; i < n; i++)
    {
      char tmp[32];
      double v = ticks[i].value;

      if (!ticks[i].major)
        continue;
      if (fabs (v) < 1e-300 || (!log_scale && fabs (v) < step * 1e-9))
        g_strlcpy (ticks[i].label, "0", sizeof ticks[i].label);
      else if (scientific)
        format_scientific (v, ticks[i].label, sizeof ticks[i].label);
      else if (log_scale)
        {
          /* as few decimals as the value needs: 0.001, 0.02, 0.5, 1, 20 */
          g_snprintf (tmp, sizeof tmp, "%.6g", v);
          real_minus (tmp, ticks[i].label, sizeof ticks[i].label);
        }
      else
        {
          g_snprintf (tmp, sizeof tmp, "%.*f", MIN (decimals, 8), v);
          real_minus (tmp, ticks[i].label, sizeof ticks[i].label);
        }
    }
}

int
os_plot_linear_ticks_step (double lo, double hi, double step, OsTick *ticks, int max)
{
  int n = 0;

  if (!(step > 0) || !isfinite (lo) || !isfinite (hi) || (hi - lo) / step > 10000)
    return 0;
  for (double k = ceil (lo / step - 1e-9); k <= floor (hi / step + 1e-9) && n < max; k++)
    {
      double v = k * step;

      if (fabs (v) < step * 1e-9)
        v = 0.0;
      ticks[n].value = v;
      ticks[n].major = TRUE;
      n++;
    }
  /* the labels, in one format */
  os_plot_ticks_unify (ticks, n, FALSE, step);
  return n;
}

int
os_plot_linear_ticks (double lo, double hi, int target, OsTick *ticks, int max)
{
  double step;

  os_plot_nice_step (lo, hi, target, &step);
  return os_plot_linear_ticks_step (lo, hi, step, ticks, max);
}

int
os_plot_log_ticks_every (double lo, double hi, int every, guint mantissas, OsTick *ticks, int max)
{
  int k0, k1, n = 0;
  double decades;

  if (!(lo > 0) || !(hi > lo))
    return os_plot_linear_ticks (lo, hi, 5, ticks, max);
  decades = log10 (hi / lo);
  k0 = (int) floor (log10 (lo) + 1e-9);
  k1 = (int) ceil (log10 (hi) - 1e-9);
  every = MAX (every, 1);
  for (int k = k0; k <= k1 && n < max; k++)
    for (int m = 1; m <= 9 && n < max; m++)
      {
        double v = m * pow (10.0, k);
        gboolean major;

        if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))
          continue;
        if (m > 1 && decades > 8)
          continue;   /* too crowded for minor ticks */
        /* every-th decade counted from 10^0, so the labels stay put as the range moves */
        major = (m == 1 && ((k % every) + every) % every == 0) || (m > 1 && (mantissas & (1u << m)));
        ticks[n].value = v;
        ticks[n].major = major;
        ticks[n].label[0] = '\0';
        n++;
      }
  os_plot_ticks_unify (ticks, n, TRUE, 0);
  return n;
}

int
os_plot_log_ticks (double lo, double hi, int target, OsTick *ticks, int max)
{
  double decades;

  if (!(lo > 0) || !(hi > lo))
    return os_plot_linear_ticks (lo, hi, target, ticks, max);
  decades = log10 (hi / lo);
  if (decades < 1.0)
    {
      /* under a decade: nice linear values read better than 2…9 */
      return os_plot_linear_ticks (lo, hi, MAX (target - 1, 3), ticks, max);
    }
  return os_plot_log_ticks_every (lo, hi, (int) ceil (decades / MAX (target, 2)), decades < 2.0 ? OS_LOG_2_5 : 0, ticks, max);
}
