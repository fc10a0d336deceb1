/* os-plot-spectrum.c — singular values of the weights or the features:
 * histograms of the network's spectrum at initialisation and after the
 * step, the predicted densities (THEORY.md §9, same normalisation as the
 * histograms), the predicted bulk edges and outliers, and the spike.
 *
 * On a linear axis the plot shows the bulk and marks outliers that lie far
 * beyond it at the right edge with their values; the log axis shows both.
 * On a log axis densities are per unit ln σ (σ·ρ(σ)), so histogram and
 * curve stay comparable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-spectrum.h"

#include <math.h>
#include <stdlib.h>

static double
max_value (const double *v, int n)
{
  double m = 0;

  for (int i = 0; i < n; i++)
    if (isfinite (v[i]))
      m = MAX (m, v[i]);
  return m;
}

static double
min_positive (const double *v, int n)
{
  double m = INFINITY;

  for (int i = 0; i < n; i++)
    if (v[i] > 0 && v[i] < m)
      m = v[i];
  return m;
}

/* Density of the values in each bin, normalised over all n values (so a
 * histogram integrates to 1, like the predicted bulk plus its outliers). */
static void
histogram (const double *values, int n, const double *edges, int n_bins, gboolean log_axis,
           double *out)
{
  for (int b = 0; b < n_bins; b++)
    out[b] = 0;
  for (int i = 0; i < n; i++)
    {
      double v = values[i];
      int lo = 0, hi = n_bins;

      if (!(v >= edges[0]) || !(v < edges[n_bins]))
        continue;
      while (hi - lo > 1)
        {
          int mid = (lo + hi) / 2;
          if (v >= edges[mid])
            lo = mid;
          else
            hi = mid;
        }
      out[lo] += 1;
    }
  for (int b = 0; b < n_bins; b++)
    {
      double width = log_axis ? log (edges[b + 1] / edges[b]) : edges[b + 1] - edges[b];
      out[b] /= n * width;
    }
}

static void
add_density (OsPlotScene *scene, const OsSpectralDensity *d, gboolean log_axis, double x_lo,
             double x_hi, const char *name, const char *legend, const OsPlotStyle *st)
{
  g_autofree double *x = g_new (double, d->n + 2);
  g_autofree double *y = g_new (double, d->n + 2);
  int m = 0;

  for (int i = 0; i < d->n; i++)
    {
      double s = d->singular_value[i];

      if (s < x_lo || s > x_hi || (log_axis && !(s > 0)))
        continue;
      x[m] = s;
      y[m] = log_axis ? s * d->density[i] : d->density[i];
      m++;
    }
  if (m > 1)
    {
      g_autofree char *lg = g_strdup_printf ("%s%s", legend, d->converged ? "" : " (not converged)");
      os_plot_scene_add (scene, OS_SERIES_LINE, name, lg, st, m, x, y, NULL, NULL);
    }
}

OsPlotScene *
os_plot_spectrum_scene (const OsFigure *fig)
{
  const OsSimSpectrum *sp = fig->spectrum;
  const OsSpectralDensity *di = fig->density_init, *ds = fig->density_step;
  gboolean log_axis = fig->view.spectrum_log;
  gboolean features = fig->view.spectrum_matrix == OS_SPECTRUM_FEATURES;
  gboolean centered = fig->view.spectrum_centered;
  OsPlotScene *scene;
  OsPlotStyle st;
  double x_lo, x_hi, bulk_hi = 0, all_hi = 0, all_lo = INFINITY;
  const char *title;
  g_autofree char *x_label = NULL;

  if (sp != NULL)
    {
      features = sp->matrix == OS_SPECTRUM_FEATURES;
      centered = sp->centered;
    }
  else if (ds != NULL)
    {
      features = ds->matrix == OS_SPECTRUM_FEATURES;
      centered = ds->centered;
    }
  title = features ? (centered ? "Spectrum of the centred features" : "Spectrum of the features")
                   : "Spectrum of the first-layer weights";
  x_label = g_strdup (features ? "singular value of Φ = σ(XWᵀ)/√p" : "singular value of the weights (W₀, W₁)");
  scene = os_plot_scene_new (title, x_label, log_axis ? "density per unit ln(singular value)" : "density",
                             "singular value");
  scene->x_log = log_axis;
  scene->y_from_zero = TRUE;
  scene->corner_note = os_plot_params_note (&fig->params, OS_PARAM_N);

  if (sp == NULL && ds == NULL && di == NULL)
    {
      g_autofree char *msg = fig->status != NULL
                             ? g_strdup_printf ("No spectrum to show.\n%s", fig->status)
                             : g_strdup ("The spectrum is not computed yet");
      os_plot_scene_set_message (scene, msg);
      return scene;
    }

  /* the extent of the bulk and of everything */
  for (int k = 0; k < 2; k++)
    {
      const OsSpectralDensity *d = k == 0 ? di : ds;

      if (d == NULL)
        continue;
      bulk_hi = MAX (bulk_hi, d->edge_hi);
      all_hi = MAX (all_hi, d->edge_hi);
      if (d->edge_lo > 0)
        all_lo = MIN (all_lo, d->edge_lo);
      for (int i = 0; i < d->n_outliers; i++)
        all_hi = MAX (all_hi, d->outliers[i]);
    }
  if (sp != NULL && sp->n > 0)
    {
      g_autofree double *sorted = g_memdup2 (sp->step, sizeof (double) * sp->n);
      double a_hi = MAX (max_value (sp->init, sp->n), max_value (sp->step, sp->n));
      double a_lo = MIN (min_positive (sp->init, sp->n), min_positive (sp->step, sp->n));

      all_hi = MAX (all_hi, a_hi);
      all_lo = MIN (all_lo, a_lo);
      if (bulk_hi <= 0)
        {
          /* no prediction: the bulk is what lies under the 97th percentile, doubled at most */
          int i97 = (int) floor (0.03 * sp->n);
          bulk_hi = MAX (sp->step[MIN (i97, sp->n - 1)], sp->init[MIN (i97, sp->n - 1)]);
        }
    }
  if (!(bulk_hi > 0))
    bulk_hi = all_hi > 0 ? all_hi : 1.0;

  if (log_axis)
    {
      x_hi = all_hi * 1.3;
      x_lo = isfinite (all_lo) ? MAX (all_lo, x_hi * 1e-4) / 1.3 : x_hi * 1e-3;
    }
  else
    {
      x_lo = 0;
      x_hi = 1.2 * bulk_hi;
      /* a nearby outlier stays on the scale */
      if (all_hi < 1.6 * bulk_hi)
        x_hi = MAX (x_hi, 1.08 * all_hi);
    }
  scene->x_fixed = TRUE;
  scene->x_min = x_lo;
  scene->x_max = x_hi;

  /* histograms */
  if (sp != NULL && sp->n > 0)
    {
      double lo = x_lo, hi = x_hi;
      int n_bins = log_axis ? (int) CLAMP (12 * log10 (hi / lo), 30, 80)
                            : (int) CLAMP (1.2 * sqrt ((double) sp->n), 24, 70);
      g_autofree double *edges = g_new (double, n_bins + 1);
      g_autofree double *h_init = g_new (double, n_bins);
      g_autofree double *h_step = g_new (double, n_bins);
      g_autofree char *lg_step = g_strdup_printf ("network, after the step (p = %d)", sp->p);

      for (int b = 0; b <= n_bins; b++)
        edges[b] = log_axis ? lo * pow (hi / lo, (double) b / n_bins) : lo + (hi - lo) * b / n_bins;
      histogram (sp->init, sp->n, edges, n_bins, log_axis, h_init);
      histogram (sp->step, sp->n, edges, n_bins, log_axis, h_step);

      st = os_plot_style (OS_COLOR_SKY_BLUE, OS_DASH_SOLID, 0, OS_MARKER_NONE);
      st.alpha = 0.55;
      os_plot_scene_add (scene, OS_SERIES_BARS, "histogram after the step (network)", lg_step,
                         &st, n_bins, edges, h_step, NULL, NULL);
      st = os_plot_style (OS_COLOR_BLACK, OS_DASH_SOLID, 1.3, OS_MARKER_NONE);
      st.alpha = 0.75;
      os_plot_scene_add (scene, OS_SERIES_STEPS, "histogram at initialisation (network)",
                         "network, initialisation", &st, n_bins, edges, h_init, NULL, NULL);
    }
  else
    {
      g_autofree char *note = g_steal_pointer (&scene->corner_note);
      scene->corner_note = g_strdup_printf ("%s   (theory only)", note);
    }

  /* predicted densities */
  if (di != NULL)
    {
      st = os_plot_style (OS_COLOR_GREY, OS_DASH_DASHED, 2.0, OS_MARKER_NONE);
      add_density (scene, di, log_axis, x_lo, x_hi, "predicted density at initialisation",
                   "theory, initialisation", &st);
    }
  if (ds != NULL)
    {
      st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 2.4, OS_MARKER_NONE);
      add_density (scene, ds, log_axis, x_lo, x_hi, "predicted density after the step",
                   "theory, after the step", &st);
    }

  /* predicted bulk edges after the step */
  if (ds != NULL)
    {
      double x[2];
      char buf[2][32];
      const char *notes[3] = { NULL };
      int n = 0;
      OsPlotSeries *sr;

      if (ds->edge_lo > 0)
        {
          x[n] = ds->edge_lo;
          g_snprintf (buf[n], sizeof buf[n], "%.3f", ds->edge_lo);
          notes[n] = buf[n];
          n++;
        }
      x[n] = ds->edge_hi;
      g_snprintf (buf[n], sizeof buf[n], "edge %.3f", ds->edge_hi);
      notes[n] = buf[n];
      n++;
      st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 2.0, OS_MARKER_NONE);
      sr = os_plot_scene_add (scene, OS_SERIES_TICKS, "predicted bulk edge", NULL,
                              &st, n, x, NULL, NULL, notes);
      sr->tick_height = 14;
    }

  /* outliers: predicted (step and initialisation) and measured; those far
   * beyond the bulk on a linear axis are named in the legend with an
   * arrow instead (and keep their values, for the CSV) */
  for (int k = 0; k < 2; k++)
    {
      const OsSpectralDensity *d = k == 0 ? ds : di;

      for (int i = 0; d != NULL && i < d->n_outliers; i++)
        {
          double v = d->outliers[i];
          gboolean off = v > x_hi, spike = k == 0 && i == 0 && !features && fig->theory != NULL;
          double r_sqrt_p = spike ? fig->theory->current.r * sqrt (round (fig->params.beta * d->d)) : 0;
          g_autofree char *label = NULL;
          g_autofree char *name = NULL;
          g_autofree char *legend = NULL;
          OsPlotSeries *sr;
          const char *notes[2] = { NULL, NULL };

          if (spike)
            label = g_strdup_printf ("spike r√p ≈ %.4g", r_sqrt_p);
          else
            label = g_strdup_printf ("%s%.4g", k == 1 ? "init outlier " : "outlier ", v);
          name = spike ? g_strdup_printf ("predicted outlier %.6g (the spike, r√p ≈ %.4g)", v, r_sqrt_p)
                       : g_strdup_printf ("predicted %s %.6g", k == 0 ? "outlier" : "outlier at initialisation", v);
          st = os_plot_style (k == 0 ? OS_COLOR_VERMILLION : OS_COLOR_GREY, OS_DASH_SOLID, 2.0,
                              OS_MARKER_TRIANGLE_DOWN);
          st.marker_size = 5.5;
          if (off)
            {
              /* beyond the right edge: a legend entry, the value in the CSV */
              legend = spike ? g_strdup_printf ("spike at %.4g →", v)
                             : g_strdup_printf ("%s at %.4g →", k == 0 ? "outlier" : "init outlier", v);
              st.marker_size = 5.0;
              sr = os_plot_scene_add (scene, OS_SERIES_TICKS, name, legend, &st, 1, &v, NULL, NULL, NULL);
              sr->in_range = FALSE;
              continue;
            }
          notes[0] = label;
          sr = os_plot_scene_add (scene, OS_SERIES_TICKS, name,
                                  k == 0 && i == 0 ? "theory outliers"
                                  : k == 1 && i == 0 ? "theory outlier, initialisation" : NULL,
                                  &st, 1, &v, NULL, NULL, notes);
          sr->tick_height = 22;
        }
    }
  if (sp != NULL && sp->n > 0)
    {
      /* the network's values beyond the bulk: those on the axis marked,
       * those beyond it one legend entry for all */
      double edge = (ds != NULL ? ds->edge_hi : bulk_hi) * 1.05;
      g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) beyond = g_array_new (FALSE, FALSE, sizeof (double));

      for (int i = 0; i < sp->n && i < 8; i++)
        {
          if (!(sp->step[i] > edge))
            continue;
          g_array_append_val (sp->step[i] > x_hi ? beyond : xs, sp->step[i]);
        }
      if (xs->len > 0)
        {
          OsPlotSeries *sr;

          st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 1.5, OS_MARKER_DIAMOND);
          sr = os_plot_scene_add (scene, OS_SERIES_TICKS, "network outlier", "network outliers", &st, xs->len,
                                  (double *) xs->data, NULL, NULL, NULL);
          sr->tick_height = 6;
        }
      if (beyond->len > 0)
        {
          const double *b = (const double *) (void *) beyond->data;
          g_autofree char *legend = beyond->len == 1
                                    ? g_strdup_printf ("network outlier at %.4g →", b[0])
                                    : g_strdup_printf ("%u network outliers at %.4g–%.4g →", beyond->len,
                                                       b[beyond->len - 1], b[0]);
          OsPlotSeries *sr;

          st = os_plot_style (OS_COLOR_BLUE, OS_DASH_SOLID, 2.0, OS_MARKER_DIAMOND);
          st.marker_size = 5.0;
          sr = os_plot_scene_add (scene, OS_SERIES_TICKS, "network outlier beyond the axis", legend, &st,
                                  beyond->len, b, NULL, NULL, NULL);
          sr->in_range = FALSE;
        }
    }
  return scene;
}

