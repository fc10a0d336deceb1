/* os-plot-ticks.c — nice steps, linear and log ticks, tick labels.
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
          /* a power of ten: 10^k with a real minus sign */
          g_snprintf (buf, size, "%s10<sup>%s%d</sup>", value < 0 ? "−" : "",
                      k < 0 ? "−" : "", abs (k));
          return;
        }
      g_snprintf (buf, size, "%.3g", value);
      return;
    }
  {
    int decimals = step > 0 ? (int) MAX (0.0, -floor (log10 (step) + 1e-9)) : 3;
    char tmp[32];

    /* 2.5-type steps need one more digit than their magnitude says */
    if (step > 0 && fabs (step / pow (10.0, -decimals) - round (step / pow (10.0, -decimals))) > 1e-6)
      decimals++;
    g_snprintf (tmp, sizeof tmp, "%.*f", MIN (decimals, 8), value);
    if (tmp[0] == '-')
      g_snprintf (buf, size, "−%s", tmp + 1);
    else
      g_strlcpy (buf, tmp, size);
  }
}

int
os_plot_linear_ticks (double lo, double hi, int target, OsTick *ticks, int max)
{
  double step;
  int n = 0;

  os_plot_nice_step (lo, hi, target, &step);
  for (double k = ceil (lo / step - 1e-9); k <= floor (hi / step + 1e-9) && n < max; k++)
    {
      double v = k * step;

      if (fabs (v) < step * 1e-9)
        v = 0.0;
      ticks[n].value = v;
      ticks[n].major = TRUE;
      os_plot_format_tick (v, step, ticks[n].label, sizeof ticks[n].label);
      n++;
    }
  return n;
}

int
os_plot_log_ticks (double lo, double hi, int target, OsTick *ticks, int max)
{
  int k0, k1, every, n = 0;
  double decades;

  if (!(lo > 0) || !(hi > lo))
    return os_plot_linear_ticks (lo, hi, target, ticks, max);
  decades = log10 (hi / lo);
  if (decades < 1.0)
    {
      /* under a decade: nice linear values read better than 2…9 */
      return os_plot_linear_ticks (lo, hi, MAX (target - 1, 3), ticks, max);
    }
  k0 = (int) floor (log10 (lo) + 1e-9);
  k1 = (int) ceil (log10 (hi) - 1e-9);
  every = MAX (1, (int) ceil (decades / MAX (target, 2)));
  for (int k = k0; k <= k1 && n < max; k++)
    for (int m = 1; m <= 9 && n < max; m++)
      {
        double v = m * pow (10.0, k);
        gboolean major;

        if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))
          continue;
        if (m > 1 && decades > 8)
          continue;   /* too crowded for minor ticks */
        major = (m == 1 && k % every == 0) || (decades < 2.0 && (m == 2 || m == 5));
        ticks[n].value = v;
        ticks[n].major = major;
        ticks[n].label[0] = '\0';
        if (major)
          os_plot_format_tick (v, v, ticks[n].label, sizeof ticks[n].label);
        n++;
      }
  return n;
}
