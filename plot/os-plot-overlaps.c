/* os-plot-overlaps.c — the order parameters m, q₁, q₂, θ, ψ along the axis
 * (THEORY.md §5), with the values measured on the network (§6, "sim").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-overlaps.h"

#include <math.h>
#include <stddef.h>

typedef struct
{
  const char *name, *markup;
  gsize       theory_offset;     /* into OsTheoryPoint */
  gsize       sim_offset, sim_std_offset;   /* into OsSimResult */
  OsColor     color;
  OsDash      dash;
  OsMarker    marker;
} Quantity;

static const Quantity quantities[] = {
  { "m",  "m",              G_STRUCT_OFFSET (OsTheoryPoint, m),     G_STRUCT_OFFSET (OsSimResult, m),     G_STRUCT_OFFSET (OsSimResult, m_std),
    OS_COLOR_BLUE,       OS_DASH_SOLID,    OS_MARKER_CIRCLE },
  { "q1", "q<sub>1</sub>",  G_STRUCT_OFFSET (OsTheoryPoint, q1),    G_STRUCT_OFFSET (OsSimResult, q1),    G_STRUCT_OFFSET (OsSimResult, q1_std),
    OS_COLOR_ORANGE,     OS_DASH_DASHED,   OS_MARKER_SQUARE },
  { "q2", "q<sub>2</sub>",  G_STRUCT_OFFSET (OsTheoryPoint, q2),    G_STRUCT_OFFSET (OsSimResult, q2),    G_STRUCT_OFFSET (OsSimResult, q2_std),
    OS_COLOR_GREEN,      OS_DASH_DASH_DOT, OS_MARKER_TRIANGLE },
  { "θ",  "θ",              G_STRUCT_OFFSET (OsTheoryPoint, theta), G_STRUCT_OFFSET (OsSimResult, theta), G_STRUCT_OFFSET (OsSimResult, theta_std),
    OS_COLOR_VERMILLION, OS_DASH_DOTTED,   OS_MARKER_DIAMOND },
  { "ψ",  "ψ",              G_STRUCT_OFFSET (OsTheoryPoint, psi),   G_STRUCT_OFFSET (OsSimResult, psi),   G_STRUCT_OFFSET (OsSimResult, psi_std),
    OS_COLOR_PURPLE,     OS_DASH_LONG,     OS_MARKER_TRIANGLE_DOWN },
};

#define FIELD(ptr, offset) (*(const double *) ((const char *) (ptr) + (offset)))

OsPlotScene *
os_plot_overlaps_scene (const OsFigure *fig)
{
  const OsFigureTheory *th = fig->theory;
  OsParamId axis = fig->view.sweep.axis;
  OsPlotScene *scene;
  OsPlotStyle st;

  scene = os_plot_scene_new ("Order parameters", os_plot_param_axis_label (axis),
                             "overlap", os_param_info (axis)->symbol);
  scene->x_log = fig->view.sweep.log_spacing;
  scene->y_from_zero = TRUE;
  scene->style_log_y = scene->style_ylim = TRUE;
  scene->corner_note = os_plot_params_note (&fig->params, axis);
  if (th == NULL || th->curve == NULL)
    {
      g_autofree char *msg = fig->status != NULL
                             ? g_strdup_printf ("No theory to show.\n%s", fig->status)
                             : g_strdup ("The theory is not computed yet");
      os_plot_scene_set_message (scene, msg);
      return scene;
    }

  {
    const OsCurve *c = th->curve;
    g_autofree double *y = g_new (double, c->n);
    g_autoptr (GArray) bad_x = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr (GArray) bad_y = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint q = 0; q < G_N_ELEMENTS (quantities); q++)
      {
        const Quantity *Q = &quantities[q];
        g_autofree char *name = g_strdup_printf ("%s (theory)", Q->name);
        OsPlotSeries *sr;

        for (int i = 0; i < c->n; i++)
          {
            double v = FIELD (&c->points[i], Q->theory_offset);

            y[i] = c->points[i].converged ? v : NAN;
            if (!c->points[i].converged)
              {
                g_array_append_val (bad_x, c->x[i]);
                g_array_append_val (bad_y, v);
              }
          }
        st = os_plot_style (Q->color, Q->dash, 2.3, OS_MARKER_NONE);
        sr = os_plot_scene_add (scene, OS_SERIES_LINE, name, Q->markup, &st, c->n, c->x, y, NULL, NULL);
        if (fig->n_sim > 0)
          sr->legend_marker = Q->marker;
      }
    if (bad_x->len > 0)
      {
        g_autofree char *legend = g_strdup_printf ("not converged (%d)", c->n_not_converged);
        OsPlotSeries *sr;

        st = os_plot_style (OS_COLOR_VERMILLION, OS_DASH_SOLID, 0, OS_MARKER_CIRCLE);
        st.hollow = TRUE;
        sr = os_plot_scene_add (scene, OS_SERIES_POINTS, "not converged (best effort)", legend, &st,
                                bad_x->len, (double *) bad_x->data, (double *) bad_y->data, NULL, NULL);
        sr->in_range = FALSE;
        sr->clamp = TRUE;
      }
  }

  if (fig->n_sim > 0)
    {
      g_autofree double *x = g_new (double, fig->n_sim);
      g_autofree double *y = g_new (double, fig->n_sim);
      g_autofree double *e = g_new (double, fig->n_sim);
      g_autofree char *legend = g_strdup_printf ("network d = %d (± std)", fig->view.sim.d);

      for (guint q = 0; q < G_N_ELEMENTS (quantities); q++)
        {
          const Quantity *Q = &quantities[q];
          g_autofree char *name = g_strdup_printf ("%s (network)", Q->name);

          for (int i = 0; i < fig->n_sim; i++)
            {
              x[i] = fig->sim[i].x;
              y[i] = FIELD (&fig->sim[i].result, Q->sim_offset);
              e[i] = FIELD (&fig->sim[i].result, Q->sim_std_offset);
            }
          st = os_plot_style (Q->color, OS_DASH_SOLID, 0, Q->marker);
          os_plot_scene_add (scene, OS_SERIES_POINTS, name, NULL, &st, fig->n_sim, x, y, e, NULL);
        }
      /* one legend entry for all the measured points: the shapes match the lines */
      st = os_plot_style (OS_COLOR_GREY, OS_DASH_SOLID, 0, OS_MARKER_CIRCLE);
      {
        OsPlotSeries *sr = os_plot_scene_add (scene, OS_SERIES_POINTS, "network", legend, &st, 0,
                                              NULL, NULL, NULL, NULL);
        sr->y_err = NULL;
      }
    }
  return scene;
}

