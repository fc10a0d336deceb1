/* os-spectral-density.h — predicted spectra of the weights and the features
 * (THEORY.md §9): bulk densities, edges and outliers, to draw over the
 * simulated histograms.
 *
 * OWNER: the spectrum theory (issue #6). The signatures below are the
 * contract the UI codes against; extend, don't break.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-params.h"
#include "os-simulation.h"

G_BEGIN_DECLS

#define OS_SPECTRAL_MAX_OUTLIERS 4

typedef struct
{
  OsSpectrumMatrix matrix;
  gboolean centered;       /* features: column means removed               */
  gboolean after_step;     /* W1 (TRUE) or W0 (FALSE)                       */
  int      d;              /* the size that places the outliers (p = β d)   */
  /* the bulk: density of the singular values, same normalisation as a
   * histogram of the min(p, ·) singular values: ∫ density = bulk_mass */
  int      n;
  double  *singular_value; /* n grid points, ascending                      */
  double  *density;
  double   bulk_mass;      /* fraction of non-zero singular values          */
  double   edge_lo, edge_hi;
  int      n_outliers;
  double   outliers[OS_SPECTRAL_MAX_OUTLIERS];   /* descending               */
  gboolean converged;
} OsSpectralDensity;

/* n_points: grid size of the bulk (0 = 400). */
OsSpectralDensity *os_spectral_density_compute (const OsParams    *params,
                                                OsSpectrumMatrix   matrix,
                                                gboolean           centered,
                                                gboolean           after_step,
                                                int                d,
                                                int                n_points,
                                                GCancellable      *cancellable,
                                                GError           **error);
void               os_spectral_density_free    (OsSpectralDensity *density);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsSpectralDensity, os_spectral_density_free)

G_END_DECLS
