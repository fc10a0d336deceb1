/* os-spectral-weights.c — the predicted spectrum of the weights W (p × d)
 * of THEORY.md §9, at initialisation and after the giant step.
 *
 * The bulk c W̃0 has the Marchenko–Pastur law of §4 in D = σ²; the rank-one
 * spike r 1_p v̂ᵀ, of size s = r√p, leaves the bulk when θ = s/c > β^{1/4}
 * (rectangular BBP: Benaych-Georges & Nadakuditi 2012) and then sits at
 * c√((1+θ²)(β+θ²))/θ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-mp.h"

#include <math.h>

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
      double s = lo + (hi - lo) * 0.5 * (1.0 - cos (G_PI * i / (n_points - 1)));

      if (i == 0)
        s = lo;
      if (i == n_points - 1)
        s = hi;
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

  weights_bulk (params->beta, spike->bulk_scale, out, n_points);
  out->n_values = MIN (p_width, d);
  out->atom_mass = os_mp_atom_mass (params->beta);
  out->spike_theta = s / spike->bulk_scale;
  if (top > 0.0)
    out->outliers[out->n_outliers++] = top;
}
