/* os-spectral-weights.c — the predicted spectrum of the weights W (p × d)
 * of THEORY.md §9, at initialisation and after the giant step.
 *
 * The bulk c W̃0 has the Marchenko–Pastur law of §4 in D = σ²; the rank-one
 * spike r 1_p v̂ᵀ, of size s = r√p, leaves the bulk when θ = s/c > β^{1/4}
 * (rectangular BBP: Benaych-Georges & Nadakuditi 2012) and then sits at
 * c√((1+θ²)(β+θ²))/θ.
 *
 * For a student with τ = E[z σ'(z)] ≠ 0 (ReLU) the bulk after the step is
 * not c W̃0's: its law is the generalised Marchenko–Pastur law of
 * os-spectral-gmp.c (THEORY.md §9, correction), drawn on the same
 * Chebyshev grid in σ from the law of x = σ²/c².
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-mp.h"

#include <math.h>

/* Node i of n over [lo, hi], denser at both ends (where a square-root edge
 * bends), the ends exact. */
static double
cosine_node (double lo, double hi, int i, int n)
{
  if (i == 0)
    return lo;
  if (i == n - 1)
    return hi;
  return lo + (hi - lo) * 0.5 * (1.0 - cos (G_PI * i / (n - 1)));
}

static void
weights_bulk (double beta, double c, OsSpectralDensity *out, int n_points)
{
  double sb = sqrt (beta);
  double lo = c * fabs (1.0 - sb), hi = c * (1.0 + sb);
  double per_nonzero = MAX (1.0, beta);   /* renormalise over the d non-zero values when β > 1 */

  out->n = n_points;
  out->singular_value = g_new (double, n_points);
  out->density = g_new (double, n_points);
  for (int i = 0; i < n_points; i++)
    {
      double s = cosine_node (lo, hi, i, n_points);

      out->singular_value[i] = s;
      /* D = σ²: density of σ = 2σ ρ_MP(σ²/c²)/c², per p */
      out->density[i] = (i == 0 || i == n_points - 1)
                        ? (beta == 1.0 && i == 0 ? 2.0 / (G_PI * c) : 0.0)
                        : per_nonzero * 2.0 * s * os_mp_density (beta, s * s / (c * c)) / (c * c);
    }
  out->edge_lo = lo;
  out->edge_hi = hi;
  out->edge_eigenvalue = hi * hi;
}

/* The rectangular BBP transition (THEORY.md §9): the top singular value of
 * c W̃ + s u v̂ᵀ (p × d, unit u, v̂), θ = s/c. Returns 0 below the threshold
 * θ ≤ β^{1/4}, where the top value sticks to the edge c(1 + √β). */
double
os_spectral_weight_outlier (double beta, double c, double s)
{
  double theta = s / c, t2 = theta * theta;

  if (!(theta > pow (beta, 0.25)))
    return 0.0;
  return c * sqrt ((1.0 + t2) * (beta + t2)) / theta;
}

/* The bulk from a law of x = σ²/c² (per p eigenvalues, atom at 0
 * included): density of σ = 2σ f(σ²/c²)/c², renormalised over the
 * non-zero values, on Chebyshev–Lobatto points between the law's ends.
 *
 * A teacher with an unbounded residual (linear, ReLU, the Hermite ones)
 * gives the law a long thin tail (os-spectral-gmp.c); its end, where the
 * density falls below 1e-7, is then no edge a network of this size shows.
 * The grid (and edge_hi) stops where TAIL_COUNT of the n_values singular
 * values are expected beyond (so the network's top value lies beyond it
 * about as often as not), when that is below 90 % of the law's end; a
 * square-root edge is left where it is. */
#define TAIL_COUNT 0.5

static double
tail_end (const OsSpectralLaw *law, double c, int n_values)
{
  const int n = 4000;
  double lo = c * sqrt (law->lo), hi = c * sqrt (law->hi), h = (hi - lo) / n, above = 0.0;

  for (int i = n; i > 0; i--)
    {
      double s1 = lo + i * h, s0 = s1 - h;
      double f1 = 2.0 * s1 * os_spectral_law_density (law, s1 * s1 / (c * c)) / (c * c);
      double f0 = 2.0 * s0 * os_spectral_law_density (law, s0 * s0 / (c * c)) / (c * c);

      /* the law is per p eigenvalues, of which n_values = p (1 − atom) are
       * the non-zero ones */
      above += 0.5 * h * (f0 + f1);
      if (above * n_values / (1.0 - law->atom) > TAIL_COUNT)
        return s1 < 0.9 * hi ? s1 : hi;
    }
  return hi;
}

static void
weights_bulk_law (const OsSpectralLaw *law, double beta, double c, int n_values,
                  OsSpectralDensity *out, int n_points)
{
  double lo = c * sqrt (law->lo), hi = tail_end (law, c, n_values);
  double per_nonzero = MAX (1.0, beta);

  out->n = n_points;
  out->singular_value = g_new (double, n_points);
  out->density = g_new (double, n_points);
  for (int i = 0; i < n_points; i++)
    {
      double s = cosine_node (lo, hi, i, n_points);

      out->singular_value[i] = s;
      out->density[i] = per_nonzero * 2.0 * s * os_spectral_law_density (law, s * s / (c * c)) / (c * c);
      if (i == 0 && law->iv[0].hard)
        {
          /* the limit σ → 0 of a hard edge: 2 G(0)/c, G(0) = Σ c_k U_k(0) */
          double g0 = 0.0;

          for (int k = 0; k < law->iv[0].n; k += 2)
            g0 += (k % 4 == 0 ? 1.0 : -1.0) * law->iv[0].c[k];
          out->density[i] = per_nonzero * 2.0 * g0 / c;
        }
    }
  out->edge_lo = lo;
  out->edge_hi = hi;
  out->edge_eigenvalue = hi * hi;
}

/* ---- the weights' spectrum --------------------------------------------- */

/* The weights' bulk, edges and BBP outlier into out, for the spike of
 * params at p_width = round(β d) rows (THEORY.md §4, §9). See the private
 * header. */
void
os_spectral_weights_fill (const OsParams *params, const OsSpike *spike, int p_width, int d,
                          int n_points, OsSpectralDensity *out)
{
  double s = spike->spike_strength * sqrt ((double) p_width);
  double top = os_spectral_weight_outlier (params->beta, spike->bulk_scale, s);
  g_autoptr (GError) error = NULL;
  OsSpectralLaw *law = NULL;

  if (os_spectral_gmp_applies (params, spike))
    law = os_spectral_gmp_law (params, spike, NULL, &error);
  if (law != NULL)
    {
      weights_bulk_law (law, params->beta, spike->bulk_scale, MIN (p_width, d), out, n_points);
      if (law->n_failed > 0)
        {
          out->converged = FALSE;
          out->n_failed += law->n_failed;
          out->status = g_strdup_printf ("the generalised Marchenko–Pastur solver failed at %d "
                                         "point(s) (density set to 0 there)", law->n_failed);
        }
      os_spectral_law_unref (law);
    }
  else
    {
      weights_bulk (params->beta, spike->bulk_scale, out, n_points);
      if (error != NULL)
        {
          out->converged = FALSE;
          out->status = g_strdup_printf ("%s; the Marchenko–Pastur law of c W̃0 is drawn instead",
                                         error->message);
        }
    }
  out->n_values = MIN (p_width, d);
  out->atom_mass = os_mp_atom_mass (params->beta);
  out->spike_theta = s / spike->bulk_scale;
  if (top > 0.0)
    out->outliers[out->n_outliers++] = top;
}
