/* os-minimise.c — Brent's method and the grid minimum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-minimise.h"

#include <math.h>

/* Brent's iteration from the points x (the best), w and v with their
 * values, and the last two steps d and e. settled: a parabolic step that
 * would move x by less than tol1 right after another parabolic step ends
 * the search (see os_minimise_brent_settled). */
static double
brent_iterate (OsScalarFunc f, gpointer data, double a, double b, double x, double fx, double w,
               double fw, double v, double fv, double d, double e, double tol, gboolean settled,
               double *fmin)
{
  const double golden = 0.3819660112501051;
  gboolean last_parabolic = FALSE;

  for (int it = 0; it < 100; it++)
    {
      double m = 0.5 * (a + b), tol1 = tol + 1e-12 * fabs (x), tol2 = 2.0 * tol1;
      double u, fu;
      gboolean parabolic = FALSE;

      if (fabs (x - m) <= tol2 - 0.5 * (b - a))
        break;
      if (fabs (e) > tol1)
        {
          double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;

          q = 2.0 * (q - r);
          if (q > 0.0)
            p = -p;
          q = fabs (q);
          if (fabs (p) < fabs (0.5 * q * e) && p > q * (a - x) && p < q * (b - x))
            {
              e = d;
              d = p / q;
              if (settled && last_parabolic && fabs (d) < tol1)
                break;
              parabolic = TRUE;
              u = x + d;
              if (u - a < tol2 || b - u < tol2)
                d = x < m ? tol1 : -tol1;
            }
          else
            {
              e = (x < m ? b : a) - x;
              d = golden * e;
            }
        }
      else
        {
          e = (x < m ? b : a) - x;
          d = golden * e;
        }
      last_parabolic = parabolic;
      u = fabs (d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
      fu = f (u, data);
      if (fu <= fx)
        {
          if (u < x)
            b = x;
          else
            a = x;
          v = w; fv = fw;
          w = x; fw = fx;
          x = u; fx = fu;
        }
      else
        {
          if (u < x)
            a = u;
          else
            b = u;
          if (fu <= fw || w == x)
            {
              v = w; fv = fw;
              w = u; fw = fu;
            }
          else if (fu <= fv || v == x || v == w)
            {
              v = u; fv = fu;
            }
        }
    }
  *fmin = fx;
  return x;
}

/* Brent's method (golden section with parabolic steps) on [a, b], starting
 * at x0 ∈ (a, b) with f(x0) = f0 known. Stops when the bracket is below
 * 2·tol around the best point. Returns the best x; *fmin its value. */
double
os_minimise_brent (OsScalarFunc f, gpointer data, double a, double b, double x0, double f0,
                   double tol, double *fmin)
{
  return brent_iterate (f, data, a, b, x0, f0, x0, f0, x0, f0, 0.0, 0.0, tol, FALSE, fmin);
}

double
os_minimise_brent_settled (OsScalarFunc f, gpointer data, double a, double b, double x0, double f0,
                           double tol, double *fmin)
{
  return brent_iterate (f, data, a, b, x0, f0, x0, f0, x0, f0, 0.0, 0.0, tol, TRUE, fmin);
}

/* Global minimum of samples fx[0..n−1] over converged ones (all if none). */
int
os_minimise_grid_argmin (const double *fx, const gboolean *ok, int n)
{
  int best = -1;

  for (int pass = 0; pass < 2 && best < 0; pass++)
    for (int i = 0; i < n; i++)
      if ((pass == 1 || ok[i]) && (best < 0 || fx[i] < fx[best]))
        best = i;
  return best;
}
