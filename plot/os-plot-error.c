/* os-plot-error.c — test and training error along the figure's axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-error.h"

#include <math.h>

/* Curve values with the non-converged points cut out (NaN breaks the
 * line there); they are drawn as hollow markers instead. */
static double *
converged_values (const OsCurve *curve, gboolean train)
{
  double *y = g_new (double, curve->n);

  for (int i = 0; i < curve->n; i++)
    {
      const OsTheoryPoint *p = &curve->points[i];
      y[i] = p->converged ? (train ? p->train_error : p->test_error) : NAN;
    }
  return y;
}

static void
add_not_converged (GPtrArray *xs, GArray *ys, GPtrArray *notes, const OsCurve *curve,
                   const char *what)
{
  for (int i = 0; i < curve->n; i++)
    {
      const OsTheoryPoint *p = &curve->points[i];

      if (p->converged)
        continue;
      g_ptr_array_add (xs, g_memdup2 (&curve->x[i], sizeof (double)));
      g_array_append_val (ys, p->test_error);
      g_ptr_array_add (notes, g_strdup_printf ("%s did not converge (residual %.2g after %d iterations); "
                                               "value is a best effort", what, p->residual, p->iterations));
    }
}

OsPlotScene *
os_plot_error_scene (const OsFigure *fig)
{
  const OsFigureTheory *th = fig->theory;
  OsParamId axis = fig->view.sweep.axis;
  const char *sym = os_param_info (axis)->symbol;
  OsPlotScene *scene;
  OsPlotStyle st;

  scene = os_plot_scene_new ("Test error", os_plot_param_axis_label (axis), "error", sym);
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
    const OsCurve *c = th->curve, *k = th->kernel;
    g_autofree double *eg = converged_values (c, FALSE);
    g_autofree double *et = converged_values (c, TRUE);

    /* along η̃ at a finite d: where the spike has not left the bulk yet */
    if (th->finite_error != NULL && axis == OS_PARAM_ETA && th->spike_size.eta_bbp > c->x[0])
      {
        double band[2] = { c->x[0], MIN (th->spike_size.eta_bbp, c->x[c->n - 1]) };
        g_autofree char *legend = g_strdup_printf ("spike inside the bulk (d = %.0f)",
                                                   th->network_d);
        g_autofree char *note = g_strdup_printf ("η̃ below η̃_BBP(d) = %.4g: the spike's singular value "
                                                 "r√p is below c·β^(1/4) (docs/SCIENCE.md §10)",
                                                 th->spike_size.eta_bbp);
        const char *notes[] = { note, note, NULL };
        OsPlotSeries *sr;

        st = os_plot_style (OS_COLOR_GREY, OS_DASH_SOLID, 0, OS_MARKER_NONE);
        st.alpha = 0.16;
        sr = os_plot_scene_add (scene, OS_SERIES_BAND, "spike inside the bulk", legend, &st, 2, band,
                                NULL, NULL, notes);
        sr->in_range = FALSE;
      }

    /* references first, so the curves are drawn over them */
    st = os_plot_style (OS_COLOR_GREEN, OS_DASH_DOTTED, 2.2, OS_MARKER_NONE);
    os_plot_scene_add (scene, OS_SERIES_HLINE, "linear floor ε_lin", "linear floor ε<sub>lin</sub>",
                       &st, 1, NULL, &th->floors.linear, NULL, NULL);
    st = os_plot_style (OS_COLOR_GREY, OS_DASH_LONG, 1.6, OS_MARKER_NONE);
    os_plot_scene_add (scene, OS_SERIES_HLINE, "spike floor ε_spike", "spike floor ε<sub>spike</sub>",
                       &st, 1, NULL, &th->floors.spike, NULL, NULL);

    if (k != NULL)
      {
        st = os_plot_style (OS_COLOR_PURPLE, OS_DASH_DASH_DOT, 2.0, OS_MARKER_NONE);
        if (k->n == 1)
          {
            double y = k->points[0].test_error;
            os_plot_scene_add (scene, OS_SERIES_HLINE, "kernel ε_g (η̃ = 0)", "kernel, η̃ = 0",
                               &st, 1, NULL, &y, NULL, NULL);
          }
        else
          {
            g_autofree double *ek = converged_values (k, FALSE);
            os_plot_scene_add (scene, OS_SERIES_LINE, "kernel ε_g (η̃ = 0)", "kernel, η̃ = 0",
                               &st, k->n, k->x, ek, NULL, NULL);
          }
      }

    st = os_plot_style (OS_COLOR_ORANGE, OS_DASH_DASHED, 2.2, OS_MARKER_NONE);
    os_plot_scene_add (scene, OS_SERIES_LINE, "ε_t (theory)",
                       th->finite_error != NULL ? "training ε<sub>t</sub>, d → ∞"
                                                : "training ε<sub>t</sub> (theory)",
                       &st, c->n, c->x, et, NULL, NULL);
    if (th->finite_error == NULL)
      {
        st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 2.6, OS_MARKER_NONE);
        os_plot_scene_add (scene, OS_SERIES_LINE, "ε_g (theory)", "test ε<sub>g</sub> (theory)",
                           &st, c->n, c->x, eg, NULL, NULL);
      }
    else
      {
        /* a network of size d (docs §10): ε_d is the theory line, the
         * d → ∞ one stays, dashed */
        g_autofree double *ed = g_new (double, c->n);
        g_autofree char *name = g_strdup_printf ("ε_g at d = %.0f (theory)", th->network_d);
        g_autofree char *legend = g_strdup_printf ("test ε<sub>g</sub>, d = %.0f",
                                                   th->network_d);

        for (int i = 0; i < c->n; i++)
          ed[i] = c->points[i].converged ? th->finite_error[i] : NAN;
        st = os_plot_style (OS_COLOR_BLUE, OS_DASH_DASHED, 1.8, OS_MARKER_NONE);
        st.alpha = 0.75;
        os_plot_scene_add (scene, OS_SERIES_LINE, "ε_g (theory)", "test ε<sub>g</sub>, d → ∞",
                           &st, c->n, c->x, eg, NULL, NULL);
        st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 2.6, OS_MARKER_NONE);
        os_plot_scene_add (scene, OS_SERIES_LINE, name, legend, &st, c->n, c->x, ed, NULL, NULL);
      }

    /* the least ε_g over η̃ at each x (optional), with η̃* in the tooltip */
    if (fig->optimal_eta != NULL && fig->optimal_eta->sweep.axis == c->sweep.axis)
      {
        const OsOptimalEta *o = fig->optimal_eta;
        g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
        g_autofree double *y = g_new (double, o->n);

        for (int i = 0; i < o->n; i++)
          {
            y[i] = o->converged[i] ? o->test_error[i] : NAN;
            g_ptr_array_add (notes, o->eta[i] < 1e-3 && isinf (o->d)
                                    ? g_strdup_printf ("η̃* = %.3g → 0⁺: the d → ∞ theory's ε_g jumps at "
                                                       "η̃ = 0⁺, the best step is an infinitesimal one (at a "
                                                       "finite d it is not: docs/SCIENCE.md §10)", o->eta[i])
                                    : isinf (o->d) ? g_strdup_printf ("η̃* = %.4g", o->eta[i])
                                    : g_strdup_printf ("η̃* = %.4g for a network of d = %.0f", o->eta[i], o->d));
          }
        g_ptr_array_add (notes, NULL);
        st = os_plot_style (OS_COLOR_VERMILLION, OS_DASH_LONG, 2.4, OS_MARKER_NONE);
        os_plot_scene_add (scene, OS_SERIES_LINE, "ε_g at the optimal η̃*", "ε<sub>g</sub> at the best η̃*",
                           &st, o->n, o->x, y, NULL, (const char *const *) notes->pdata);
      }

    /* the points where the solver gave up: never a silent gap */
    {
      g_autoptr (GPtrArray) xs = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

      add_not_converged (xs, ys, notes, c, "the theory");
      if (k != NULL && k->n > 1)
        add_not_converged (xs, ys, notes, k, "the kernel baseline");
      if (xs->len > 0)
        {
          g_autofree double *x = g_new (double, xs->len);
          g_autofree char *legend = g_strdup_printf ("not converged (%u)", xs->len);
          OsPlotSeries *sr;

          for (guint i = 0; i < xs->len; i++)
            x[i] = *(double *) g_ptr_array_index (xs, i);
          g_ptr_array_add (notes, NULL);
          st = os_plot_style (OS_COLOR_VERMILLION, OS_DASH_SOLID, 0, OS_MARKER_CIRCLE);
          st.hollow = TRUE;
          st.marker_size = 5.0;
          sr = os_plot_scene_add (scene, OS_SERIES_POINTS, "not converged", legend, &st, xs->len, x,
                                  (double *) ys->data, NULL, (const char *const *) notes->pdata);
          sr->in_range = FALSE;
          sr->clamp = TRUE;
        }
    }
  }

  /* the network itself */
  if (fig->n_sim > 0)
    {
      g_autofree double *x = g_new (double, fig->n_sim);
      g_autofree double *te = g_new (double, fig->n_sim);
      g_autofree double *te_sd = g_new (double, fig->n_sim);
      g_autofree double *tr = g_new (double, fig->n_sim);
      g_autofree double *tr_sd = g_new (double, fig->n_sim);
      g_auto (GStrv) notes = g_new0 (char *, fig->n_sim + 1);
      g_autofree char *legend_test = g_strdup_printf ("test, network d = %d", fig->view.sim.d);

      for (int i = 0; i < fig->n_sim; i++)
        {
          const OsSimResult *r = &fig->sim[i].result;
          x[i] = fig->sim[i].x;
          te[i] = r->test_error;
          te_sd[i] = r->test_error_std;
          tr[i] = r->train_error;
          tr_sd[i] = r->train_error_std;
          notes[i] = g_strdup_printf ("network, d = %d, mean ± std over %d seeds", fig->view.sim.d, r->seeds);
        }
      st = os_plot_style (OS_COLOR_ORANGE, OS_DASH_SOLID, 0, OS_MARKER_SQUARE);
      os_plot_scene_add (scene, OS_SERIES_POINTS, "ε_t (network)", "training, network",
                         &st, fig->n_sim, x, tr, tr_sd, (const char *const *) notes);
      st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 0, OS_MARKER_CIRCLE);
      st.marker_size = 5.0;
      os_plot_scene_add (scene, OS_SERIES_POINTS, "ε_g (network)", legend_test,
                         &st, fig->n_sim, x, te, te_sd, (const char *const *) notes);
    }

  /* where the sliders are */
  {
    double x = os_params_get (&fig->params, axis);
    double y = th->finite_error != NULL ? th->current_finite_error : th->current.test_error;
    g_autofree char *ys = os_plot_format_value (y);
    g_autofree char *legend = g_strdup_printf ("sliders: ε<sub>g</sub> = %s", ys);
    g_autofree char *note = th->finite_error != NULL
      ? g_strdup_printf ("at the sliders, network d = %.0f (d → ∞: ε_g = %.4f): %s, %d iterations (%s)",
                         th->network_d, th->current.test_error,
                         th->current.converged ? "converged" : "NOT converged",
                         th->current.iterations, os_solver_method_name (th->current.method))
      : g_strdup_printf ("at the sliders: %s, %d iterations (%s)",
                         th->current.converged ? "converged" : "NOT converged",
                         th->current.iterations, os_solver_method_name (th->current.method));
    const char *notes[] = { note, NULL };
    OsPlotSeries *sr;

    st = os_plot_style (OS_COLOR_BLACK, OS_DASH_DOTTED, 1.4, OS_MARKER_NONE);
    st.alpha = 0.7;
    sr = os_plot_scene_add (scene, OS_SERIES_VLINE, "slider", NULL, &st, 1, &x, NULL, NULL, NULL);
    sr->in_range = FALSE;
    sr->slider = TRUE;
    st = os_plot_style (OS_COLOR_BLACK, OS_DASH_SOLID, 0, OS_MARKER_CIRCLE);
    st.marker_size = 5.5;
    st.hollow = !th->current.converged;
    sr = os_plot_scene_add (scene, OS_SERIES_POINTS, "ε_g at the sliders", legend, &st, 1, &x, &y,
                            NULL, notes);
    sr->in_range = FALSE;
    sr->slider = TRUE;
  }
  return scene;
}

