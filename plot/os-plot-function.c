/* os-plot-function.c — the function learned along the spike (THEORY.md §6):
 * f̂(κ) = μ0(κ) m + μ1(κ) κ θ against the target h(κ) = E[y | κ], and the
 * η̃ = 0 function, which is linear in κ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-function.h"

#include <math.h>

OsPlotScene *
os_plot_function_scene (const OsFigure *fig)
{
  const OsFigureTheory *th = fig->theory;
  OsPlotScene *scene;
  OsPlotStyle st;

  scene = os_plot_scene_new ("Learned function along the spike",
                             "spike coordinate κ = ⟨v̂, x⟩", "E[ŷ | κ]", "κ");
  scene->style_ylim = TRUE;
  scene->corner_note = os_plot_params_note (&fig->params, OS_PARAM_N);
  if (th == NULL || th->n_kappa <= 0)
    {
      g_autofree char *msg = fig->status != NULL
                             ? g_strdup_printf ("No theory to show.\n%s", fig->status)
                             : g_strdup ("The theory is not computed yet");
      os_plot_scene_set_message (scene, msg);
      return scene;
    }

  {
    g_autofree char *eta = os_plot_format_value (fig->params.eta);
    g_autofree char *legend = g_strdup_printf ("network f̂(κ), η̃ = %s", eta);

    st = os_plot_style (OS_COLOR_PURPLE, OS_DASH_DASH_DOT, 2.4, OS_MARKER_NONE);
    os_plot_scene_add (scene, OS_SERIES_LINE, "f̂(κ) at η̃ = 0 (kernel)", "kernel f̂(κ), η̃ = 0",
                       &st, th->n_kappa, th->kappa, th->f_hat_kernel, NULL, NULL);
    st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 3.2, OS_MARKER_NONE);
    os_plot_scene_add (scene, OS_SERIES_LINE, "f̂(κ) after the step", legend,
                       &st, th->n_kappa, th->kappa, th->f_hat, NULL, NULL);
    /* the target last, dashed, so it shows where f̂ lies on it */
    st = os_plot_style (OS_COLOR_BLACK, OS_DASH_DASHED, 2.0, OS_MARKER_NONE);
    os_plot_scene_add (scene, OS_SERIES_LINE, "target h(κ)", "target h(κ) = E[y | κ]",
                       &st, th->n_kappa, th->kappa, th->h, NULL, NULL);
  }
  {
    /* A sensible minimum range: with an even teacher (He₂, γ = 0) every
     * curve is 0 up to rounding, and autoscaling would blow 1e-16 up to the
     * full height. Keep every curve (the target included) and at least
     * ±0.1 around their middle. */
    double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
    const double *ys[3] = { th->f_hat, th->f_hat_kernel, th->h };

    for (int s = 0; s < 3; s++)
      for (int i = 0; i < th->n_kappa; i++)
        if (isfinite (ys[s][i]))
          {
            lo = MIN (lo, ys[s][i]);
            hi = MAX (hi, ys[s][i]);
          }
    if (lo <= hi && hi - lo < 2 * OS_PLOT_FUNCTION_MIN_HALF_RANGE)
      {
        double mid = 0.5 * (lo + hi);

        scene->y_fixed = TRUE;
        scene->y_min = MIN (lo, mid - OS_PLOT_FUNCTION_MIN_HALF_RANGE);
        scene->y_max = MAX (hi, mid + OS_PLOT_FUNCTION_MIN_HALF_RANGE);
        /* flat curves are a result, not a blank plot: say why */
        if (fabs (th->current.gamma) < 1e-9 && fig->params.eta == 0.0)
          scene->inset_note = g_strdup ("η̃ = 0: no step, so no spike (γ = 0): κ says nothing "
                                        "about the target, and every curve is flat (docs/SCIENCE.md §6)");
        else if (fabs (th->current.gamma) < 1e-9)
          scene->inset_note = g_strdup ("γ = 0: the spike carries nothing about the target (an even "
                                        "teacher has μ<sub>1</sub>* = 0), so every curve is flat (docs/SCIENCE.md §2)");
        else
          scene->inset_note = g_strdup ("f̂ and h vary by less than ±0.1 along κ here");
      }
  }
  if (!th->current.converged)
    os_plot_scene_set_message (scene, "The theory did not converge at the sliders: f̂ is a best effort");
  return scene;
}

