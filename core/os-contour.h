/* os-contour.h — level sets of a field on a grid by marching squares: the
 * lines where the step stops paying on a phase diagram (os-phase.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int     n;
  double *x, *y;             /* data coordinates                            */
  gboolean closed;
} OsPolyline;

typedef struct
{
  int         n_lines;
  OsPolyline *lines;
} OsContour;

/* Marching squares: the polylines where field (ny × nx, row-major, over
 * the axis values x, y) crosses `level`. Squares touching a cell with
 * mask[k] == 0 (mask may be NULL) are skipped; a saddle square is resolved
 * by the mean of its corners. Positions are interpolated linearly in the
 * field and mapped to data coordinates (geometrically on a log axis).
 * Segments are chained through shared edges into open or closed lines.
 * Free with os_contour_clear. */
void os_contour_extract (const double *field, const guint8 *mask,
                         const double *x, int nx, gboolean x_log,
                         const double *y, int ny, gboolean y_log,
                         double level, OsContour *out);
void os_contour_clear   (OsContour *contour);

G_END_DECLS
