/* os-contour.c — marching squares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-contour.h"

#include <math.h>
#include <string.h>

void
os_contour_clear (OsContour *contour)
{
  for (int i = 0; i < contour->n_lines; i++)
    {
      g_free (contour->lines[i].x);
      g_free (contour->lines[i].y);
    }
  g_free (contour->lines);
  contour->lines = NULL;
  contour->n_lines = 0;
}

static double
axis_interp (const double *v, int i, double t, gboolean log_axis)
{
  if (t <= 0.0)
    return v[i];
  if (log_axis && v[i] > 0 && v[i + 1] > 0)
    return exp (log (v[i]) + t * (log (v[i + 1]) - log (v[i])));
  return v[i] + t * (v[i + 1] - v[i]);
}

typedef struct
{
  const double *field, *x, *y;
  int nx, ny;
  gboolean x_log, y_log;
  double level;
} ContourField;

/* Edge ids: horizontal (i, j)–(i+1, j) is 2(j nx + i), vertical
 * (i, j)–(i, j+1) is 2(j nx + i) + 1. */
static void
edge_point (const ContourField *cf, int edge, double *px, double *py)
{
  int cell = edge / 2, i = cell % cf->nx, j = cell / cf->nx;
  double fa = cf->field[cell] - cf->level, fb, t;

  if (edge % 2 == 0)
    {
      fb = cf->field[cell + 1] - cf->level;
      t = fa / (fa - fb);
      *px = axis_interp (cf->x, i, t, cf->x_log);
      *py = cf->y[j];
    }
  else
    {
      fb = cf->field[cell + cf->nx] - cf->level;
      t = fa / (fa - fb);
      *px = cf->x[i];
      *py = axis_interp (cf->y, j, t, cf->y_log);
    }
}

typedef struct { int a, b; } Segment;

void
os_contour_extract (const double *field, const guint8 *mask,
                    const double *x, int nx, gboolean x_log,
                    const double *y, int ny, gboolean y_log,
                    double level, OsContour *out)
{
  ContourField cf = { field, x, y, nx, ny, x_log, y_log, level };
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (Segment));
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (OsPolyline));
  int n_edges = 2 * nx * ny;
  int *edge_segs = g_new (int, 2 * (gsize) n_edges);
  gboolean *used;

  memset (out, 0, sizeof *out);
  for (int e = 0; e < 2 * n_edges; e++)
    edge_segs[e] = -1;

  for (int j = 0; j + 1 < ny; j++)
    for (int i = 0; i + 1 < nx; i++)
      {
        int k00 = j * nx + i, k10 = k00 + 1, k01 = k00 + nx, k11 = k01 + 1;
        double f00, f10, f01, f11;
        int e_bottom = 2 * k00, e_right = 2 * k10 + 1, e_top = 2 * k01, e_left = 2 * k00 + 1;
        int bits, pairs[2][2], np = 0;

        if (mask != NULL && !(mask[k00] && mask[k10] && mask[k01] && mask[k11]))
          continue;
        f00 = field[k00] - level;
        f10 = field[k10] - level;
        f01 = field[k01] - level;
        f11 = field[k11] - level;
        bits = (f00 > 0) | (f10 > 0) << 1 | (f11 > 0) << 2 | (f01 > 0) << 3;
        switch (bits)
          {
          case 0: case 15: break;
          case 1: case 14: pairs[np][0] = e_left; pairs[np++][1] = e_bottom; break;
          case 2: case 13: pairs[np][0] = e_bottom; pairs[np++][1] = e_right; break;
          case 3: case 12: pairs[np][0] = e_left; pairs[np++][1] = e_right; break;
          case 4: case 11: pairs[np][0] = e_right; pairs[np++][1] = e_top; break;
          case 6: case 9:  pairs[np][0] = e_bottom; pairs[np++][1] = e_top; break;
          case 7: case 8:  pairs[np][0] = e_left; pairs[np++][1] = e_top; break;
          case 5: case 10:
            {
              /* saddle: the centre decides which corners connect */
              gboolean centre = 0.25 * (f00 + f10 + f01 + f11) > 0;
              gboolean corner00 = f00 > 0;

              if (centre == corner00)
                {
                  pairs[np][0] = e_bottom; pairs[np++][1] = e_right;
                  pairs[np][0] = e_top; pairs[np++][1] = e_left;
                }
              else
                {
                  pairs[np][0] = e_left; pairs[np++][1] = e_bottom;
                  pairs[np][0] = e_right; pairs[np++][1] = e_top;
                }
            }
            break;
          default: break;
          }
        for (int s = 0; s < np; s++)
          {
            Segment seg = { pairs[s][0], pairs[s][1] };
            int idx = segs->len;

            g_array_append_val (segs, seg);
            for (int end = 0; end < 2; end++)
              {
                int e = end ? seg.b : seg.a;
                edge_segs[2 * e + (edge_segs[2 * e] >= 0)] = idx;
              }
          }
      }

  /* chain segments through shared edges */
  used = g_new0 (gboolean, segs->len + 1);
  for (guint s0 = 0; s0 < segs->len; s0++)
    {
      GArray *fwd, *bwd;
      OsPolyline pl = { 0 };
      gboolean closed = FALSE;

      if (used[s0])
        continue;
      used[s0] = TRUE;
      fwd = g_array_new (FALSE, FALSE, sizeof (int));
      bwd = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (fwd, g_array_index (segs, Segment, s0).a);
      g_array_append_val (fwd, g_array_index (segs, Segment, s0).b);
      for (int dir = 0; dir < 2; dir++)
        {
          GArray *chain = dir == 0 ? fwd : bwd;
          int edge = dir == 0 ? g_array_index (segs, Segment, s0).b : g_array_index (segs, Segment, s0).a;

          for (;;)
            {
              int next = -1;

              for (int k = 0; k < 2; k++)
                {
                  int s = edge_segs[2 * edge + k];
                  if (s >= 0 && !used[s])
                    next = s;
                }
              if (next < 0)
                {
                  if (dir == 0 && edge == g_array_index (segs, Segment, s0).a && fwd->len > 2)
                    closed = TRUE;
                  break;
                }
              used[next] = TRUE;
              {
                Segment sg = g_array_index (segs, Segment, next);
                edge = sg.a == edge ? sg.b : sg.a;
              }
              g_array_append_val (chain, edge);
            }
          if (closed)
            {
              g_array_set_size (fwd, fwd->len - 1);   /* the start again */
              break;
            }
        }
      pl.n = bwd->len + fwd->len;
      pl.x = g_new (double, pl.n);
      pl.y = g_new (double, pl.n);
      pl.closed = closed;
      {
        int k = 0;
        for (int b = (int) bwd->len - 1; b >= 0; b--, k++)
          edge_point (&cf, g_array_index (bwd, int, b), &pl.x[k], &pl.y[k]);
        for (guint f = 0; f < fwd->len; f++, k++)
          edge_point (&cf, g_array_index (fwd, int, f), &pl.x[k], &pl.y[k]);
      }
      g_array_append_val (lines, pl);
      g_array_unref (fwd);
      g_array_unref (bwd);
    }

  out->n_lines = lines->len;
  out->lines = (OsPolyline *) g_array_free (lines, FALSE);
  g_free (used);
  g_free (edge_segs);
  g_array_unref (segs);
}
