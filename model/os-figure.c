/* os-figure.c — immutable, reference-counted figure snapshots.
 *
 * A snapshot is the public OsFigure followed by private holders: one
 * atomically reference-counted box per part (theory, each density, the
 * simulated spectrum). A new snapshot copies the public struct and takes a
 * reference on every holder it keeps, so unchanged parts are shared and a
 * snapshot can be handed from a worker to the UI thread and dropped by
 * either.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-figure.h"
#include "os-error.h"

#include <math.h>
#include <string.h>

#define OS_FIGURE_N_KAPPA 121

void
os_view_init_default (OsView *view)
{
  memset (view, 0, sizeof *view);
  view->sweep.axis = OS_PARAM_ALPHA;
  view->sweep.from = 0.1;
  view->sweep.to = 5.0;
  view->sweep.points = 200;
  view->sweep.log_spacing = FALSE;
  view->spectrum_matrix = OS_SPECTRUM_WEIGHTS;
  view->spectrum_centered = FALSE;
  view->spectrum_log = FALSE;
  view->simulate = FALSE;
  os_sim_config_init_default (&view->sim);
  view->sim.d = 400;
  view->sim.seeds = 2;
  view->sim_points = 8;
  view->network_d = 1000;
}

int
os_view_spectrum_d (const OsView *view)
{
  double d = os_view_network_d (view);

  return isinf (d) ? view->sim.d : (int) d;
}

double
os_view_network_d (const OsView *view)
{
  if (view->network_d <= 0)
    return INFINITY;
  return view->simulate ? view->sim.d : view->network_d;
}

/* ---- part holders ----------------------------------------------------- */

typedef struct
{
  gpointer       part;
  GDestroyNotify free_part;
} Holder;

static void
holder_clear (gpointer data)
{
  Holder *h = data;

  if (h->part != NULL && h->free_part != NULL)
    h->free_part (h->part);
}

static Holder *
holder_new (gpointer part, GDestroyNotify free_part)
{
  Holder *h;

  if (part == NULL)
    return NULL;
  h = g_atomic_rc_box_new0 (Holder);
  h->part = part;
  h->free_part = free_part;
  return h;
}

static Holder *
holder_ref (Holder *h)
{
  return h != NULL ? g_atomic_rc_box_acquire (h) : NULL;
}

static void
holder_unref (Holder *h)
{
  if (h != NULL)
    g_atomic_rc_box_release_full (h, holder_clear);
}

typedef struct
{
  OsFigure pub;              /* first: an OsFigure* is a FigurePrivate*   */
  Holder  *theory, *density_init, *density_step, *spectrum, *optimal_eta;
} FigurePrivate;

/* ---- the theory part -------------------------------------------------- */

void
os_figure_theory_free (OsFigureTheory *theory)
{
  if (theory == NULL)
    return;
  os_curve_unref (theory->curve);
  os_curve_unref (theory->kernel);
  g_free (theory->kappa);
  g_free (theory->f_hat);
  g_free (theory->h);
  g_free (theory->f_hat_kernel);
  g_free (theory->finite_error);
  g_free (theory);
}

/* THEORY.md §10 at the view's network size: ε_d along the curve and at the
 * sliders, and the spike against the bulk there. Cheap next to the curve:
 * the weak-spike part is a few Marchenko–Pastur forms (os-finite-size.h),
 * prepared once unless the axis changes them. */
static void
theory_finite_size (OsFigureTheory *t, const OsParams *params, double d)
{
  const OsCurve *c = t->curve;
  OsWeakSpike weak;
  gboolean shared;

  t->network_d = d;
  if (isinf (d))
    return;
  os_finite_size_spike (params, d, &t->spike_size);
  /* ε_weak depends on every parameter but η̃ */
  shared = os_weak_spike_init (&weak, params, NULL);
  t->current_finite_error = shared ? os_finite_d_error (params, &weak, d, t->current.test_error)
                                   : t->current.test_error;
  t->finite_error = g_new (double, c->n);
  for (int i = 0; i < c->n; i++)
    {
      OsParams p = *params;
      OsWeakSpike own;
      const OsWeakSpike *ws;

      os_params_set (&p, c->sweep.axis, c->x[i]);
      ws = shared ? &weak : NULL;
      if (shared && c->sweep.axis != OS_PARAM_ETA)
        {
          own = weak;               /* the moments kept, the rest for this x */
          os_weak_spike_update (&own, &p);
          ws = &own;
        }
      t->finite_error[i] = ws != NULL ? os_finite_d_error (&p, ws, d, c->points[i].test_error)
                                      : c->points[i].test_error;
    }
}

/* THEORY.md §5–6 for one view: the curve along the axis and the kernel
 * baseline (η̃ = 0; one point when the axis is η̃ itself), the point at the
 * sliders, the floors, the learned function f̂(κ), h(κ) and the η̃ = 0
 * function on 121 points of κ ∈ [−3, 3], and §10's finite-d parts. */
OsFigureTheory *
os_figure_theory_compute (const OsParams *params, const OsView *view,
                          GCancellable *cancellable, GError **error)
{
  OsFigureTheory *t;
  OsParams kernel = *params;
  OsTheoryOptions opt;
  OsTheoryPoint kernel_point;

  g_return_val_if_fail (params != NULL && view != NULL, NULL);
  if (!os_params_validate (params, error) || !os_sweep_validate (&view->sweep, error))
    return NULL;

  os_theory_options_init_default (&opt);
  t = g_new0 (OsFigureTheory, 1);
  t->curve = os_curve_compute (params, &view->sweep, &opt, cancellable, NULL, NULL, error);
  if (t->curve == NULL)
    goto fail;

  kernel.eta = 0.0;
  if (view->sweep.axis == OS_PARAM_ETA)
    {
      OsSweep one = { OS_PARAM_ETA, 0.0, 0.0, 1, FALSE };
      t->kernel = os_curve_compute (&kernel, &one, &opt, cancellable, NULL, NULL, error);
    }
  else
    t->kernel = os_curve_compute (&kernel, &view->sweep, &opt, cancellable, NULL, NULL, error);
  if (t->kernel == NULL)
    goto fail;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!os_theory_solve (params, &opt, NULL, &t->current, error))
    goto fail;
  os_theory_floors (params, &opt, &t->floors);
  if (!os_theory_solve (&kernel, &opt, NULL, &kernel_point, error))
    goto fail;

  t->n_kappa = OS_FIGURE_N_KAPPA;
  t->kappa = g_new (double, t->n_kappa);
  t->f_hat = g_new (double, t->n_kappa);
  t->h = g_new (double, t->n_kappa);
  t->f_hat_kernel = g_new (double, t->n_kappa);
  for (int i = 0; i < t->n_kappa; i++)
    t->kappa[i] = -3.0 + 6.0 * i / (t->n_kappa - 1);
  os_theory_learned_function (params, &t->current, t->kappa, t->n_kappa, t->f_hat, t->h);
  os_theory_learned_function (&kernel, &kernel_point, t->kappa, t->n_kappa, t->f_hat_kernel, NULL);
  theory_finite_size (t, params, os_view_network_d (view));
  return t;

fail:
  os_figure_theory_free (t);
  return NULL;
}

/* ---- snapshots -------------------------------------------------------- */

static OsOverlay *
overlays_copy (const OsOverlay *overlays, int n)
{
  OsOverlay *copy;

  if (n <= 0 || overlays == NULL)
    return NULL;
  copy = g_new (OsOverlay, n);
  for (int i = 0; i < n; i++)
    {
      copy[i] = overlays[i];
      copy[i].figure = os_figure_ref (overlays[i].figure);
      copy[i].label = g_strdup (overlays[i].label);
    }
  return copy;
}

static void
overlays_free (OsOverlay *overlays, int n)
{
  for (int i = 0; i < n && overlays != NULL; i++)
    {
      os_figure_unref (overlays[i].figure);
      g_free (overlays[i].label);
    }
  g_free (overlays);
}

static OsFigure *
figure_copy (const OsFigure *base)
{
  FigurePrivate *f = g_atomic_rc_box_new0 (FigurePrivate);
  const FigurePrivate *b = (const FigurePrivate *) base;

  if (base == NULL)
    return &f->pub;
  f->pub = *base;
  f->theory = holder_ref (b->theory);
  f->density_init = holder_ref (b->density_init);
  f->density_step = holder_ref (b->density_step);
  f->spectrum = holder_ref (b->spectrum);
  f->optimal_eta = holder_ref (b->optimal_eta);
  f->pub.sim = base->n_sim > 0 ? g_memdup2 (base->sim, sizeof (OsSimPoint) * base->n_sim) : NULL;
  f->pub.status = g_strdup (base->status);
  f->pub.overlays = overlays_copy (base->overlays, base->n_overlays);
  return &f->pub;
}

OsFigure *
os_figure_new (const OsParams *params, const OsView *view)
{
  OsFigure *f = figure_copy (NULL);

  if (params != NULL)
    f->params = *params;
  else
    os_params_init_default (&f->params);
  if (view != NULL)
    f->view = *view;
  else
    os_view_init_default (&f->view);
  return f;
}

static OsFigure *
copy_or_new (const OsFigure *base)
{
  return base != NULL ? figure_copy (base) : os_figure_new (NULL, NULL);
}

OsFigure *
os_figure_with_theory (const OsFigure *base, OsFigureTheory *theory)
{
  OsFigure *f = copy_or_new (base);
  FigurePrivate *p = (FigurePrivate *) f;

  holder_unref (p->theory);
  p->theory = holder_new (theory, (GDestroyNotify) os_figure_theory_free);
  f->theory = theory;
  return f;
}

OsFigure *
os_figure_with_densities (const OsFigure *base, OsSpectralDensity *init, OsSpectralDensity *step)
{
  OsFigure *f = copy_or_new (base);
  FigurePrivate *p = (FigurePrivate *) f;

  holder_unref (p->density_init);
  holder_unref (p->density_step);
  p->density_init = holder_new (init, (GDestroyNotify) os_spectral_density_free);
  p->density_step = holder_new (step, (GDestroyNotify) os_spectral_density_free);
  f->density_init = init;
  f->density_step = step;
  return f;
}

OsFigure *
os_figure_with_spectrum (const OsFigure *base, OsSimSpectrum *spectrum)
{
  OsFigure *f = copy_or_new (base);
  FigurePrivate *p = (FigurePrivate *) f;

  holder_unref (p->spectrum);
  p->spectrum = holder_new (spectrum, (GDestroyNotify) os_sim_spectrum_free);
  f->spectrum = spectrum;
  return f;
}

OsFigure *
os_figure_with_sim_point (const OsFigure *base, double x, const OsSimResult *result)
{
  OsFigure *f = copy_or_new (base);
  int at;

  g_return_val_if_fail (result != NULL, f);
  /* keep the points sorted along the axis; a point at the same x replaces */
  for (at = 0; at < f->n_sim && f->sim[at].x < x; at++)
    ;
  if (at < f->n_sim && f->sim[at].x == x)
    {
      f->sim[at].result = *result;
      return f;
    }
  f->sim = g_renew (OsSimPoint, f->sim, f->n_sim + 1);
  memmove (f->sim + at + 1, f->sim + at, sizeof (OsSimPoint) * (f->n_sim - at));
  f->sim[at].x = x;
  f->sim[at].result = *result;
  f->n_sim++;
  return f;
}

OsFigure *
os_figure_with_optimal_eta (const OsFigure *base, OsOptimalEta *curve)
{
  OsFigure *f = copy_or_new (base);
  FigurePrivate *p = (FigurePrivate *) f;

  holder_unref (p->optimal_eta);
  p->optimal_eta = holder_new (curve, (GDestroyNotify) os_optimal_eta_free);
  f->optimal_eta = curve;
  return f;
}

OsFigure *
os_figure_with_optimal_eta_of (const OsFigure *base, const OsFigure *source)
{
  OsFigure *f = copy_or_new (base);
  FigurePrivate *p = (FigurePrivate *) f;

  holder_unref (p->optimal_eta);
  p->optimal_eta = source != NULL ? holder_ref (((const FigurePrivate *) source)->optimal_eta) : NULL;
  f->optimal_eta = p->optimal_eta != NULL ? p->optimal_eta->part : NULL;
  return f;
}

OsFigure *
os_figure_with_shown (const OsFigure *base, guint64 hidden, const OsOverlay *overlays, int n,
                      gboolean compare)
{
  OsFigure *f = copy_or_new (base);

  overlays_free (f->overlays, f->n_overlays);
  f->hidden = hidden;
  f->overlays = overlays_copy (overlays, n);
  f->n_overlays = f->overlays != NULL ? n : 0;
  f->compare = compare && f->n_overlays > 0;
  return f;
}

OsFigure *
os_figure_for_screen (const OsFigure *base)
{
  OsFigure *f = copy_or_new (base);

  f->hidden_in_legend = TRUE;
  return f;
}

OsFigure *
os_figure_overlay_compute (const OsParams *params, const OsView *view, GCancellable *cancellable,
                           GError **error)
{
  OsView v = *view;

  /* the network's d as the figure it goes over has it, without running it */
  if (v.simulate && v.network_d > 0)
    v.network_d = v.sim.d;
  v.simulate = FALSE;
  return os_figure_compute_all (params, &v, cancellable, error);
}

OsFigure *
os_figure_with_status (const OsFigure *base, const char *status)
{
  OsFigure *f = copy_or_new (base);

  g_free (f->status);
  f->status = g_strdup (status);
  return f;
}

static void
figure_clear (gpointer data)
{
  FigurePrivate *p = data;

  holder_unref (p->theory);
  holder_unref (p->density_init);
  holder_unref (p->density_step);
  holder_unref (p->spectrum);
  holder_unref (p->optimal_eta);
  g_free (p->pub.sim);
  g_free (p->pub.status);
  overlays_free (p->pub.overlays, p->pub.n_overlays);
}

OsFigure *
os_figure_ref (OsFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);
  return g_atomic_rc_box_acquire ((FigurePrivate *) figure) != NULL ? figure : NULL;
}

void
os_figure_unref (OsFigure *figure)
{
  if (figure != NULL)
    g_atomic_rc_box_release_full ((FigurePrivate *) figure, figure_clear);
}

/* ---- simulation x-values ---------------------------------------------- */

/* The x-values of the simulated points: view->sim_points values spread
 * over the sweep range (geometric on a log axis), kept off the very ends
 * where the network is smallest (α → 0 leaves no samples). */
int
os_figure_sim_x_values (const OsView *view, double *x, int max)
{
  int n = MIN (view->sim_points, max);
  const OsSweep *sw = &view->sweep;

  for (int i = 0; i < n; i++)
    {
      double t = (i + 0.5) / n;

      if (sw->log_spacing && sw->from > 0 && sw->to > 0)
        x[i] = exp (log (sw->from) + t * (log (sw->to) - log (sw->from)));
      else
        x[i] = sw->from + t * (sw->to - sw->from);
    }
  return MAX (n, 0);
}

/* ---- everything at once ----------------------------------------------- */

OsFigure *
os_figure_compute_all (const OsParams *params, const OsView *view,
                       GCancellable *cancellable, GError **error)
{
  g_autoptr (OsFigure) fig = os_figure_new (params, view);
  OsFigureTheory *theory;
  OsSpectralDensity *init = NULL, *step = NULL;
  int d = view->sim.d > 0 ? os_view_spectrum_d (view) : 400;

  theory = os_figure_theory_compute (params, view, cancellable, error);
  if (theory == NULL)
    return NULL;
  {
    OsFigure *next = os_figure_with_theory (fig, theory);
    os_figure_unref (fig);
    fig = next;
  }

  init = os_spectral_density_compute (params, view->spectrum_matrix, view->spectrum_centered,
                                      FALSE, d, 0, cancellable, error);
  if (init == NULL)
    return NULL;
  step = os_spectral_density_compute (params, view->spectrum_matrix, view->spectrum_centered,
                                      TRUE, d, 0, cancellable, error);
  if (step == NULL)
    {
      os_spectral_density_free (init);
      return NULL;
    }
  {
    OsFigure *next = os_figure_with_densities (fig, init, step);
    os_figure_unref (fig);
    fig = next;
  }

  if (view->simulate && view->sim_points > 0)
    {
      g_autofree double *xs = g_new (double, view->sim_points);
      int n = os_figure_sim_x_values (view, xs, view->sim_points);
      g_autofree OsSimSeedRow *rows = g_new (OsSimSeedRow, (gsize) MAX (n, 1) * MAX (view->sim.seeds, 1));
      OsSimSpectrum *spectrum;

      /* one sweep that shares its work, as the window runs it */
      if (n > 0 && !os_simulate_sweep (params, view->sweep.axis, xs, n, &view->sim, NULL, cancellable,
                                       NULL, NULL, NULL, NULL, rows, error))
        return NULL;
      for (int i = 0; i < n; i++)
        {
          OsSimResult result;
          OsFigure *next;

          os_sim_result_from_rows (rows + (gsize) i * view->sim.seeds, view->sim.seeds, &result);
          next = os_figure_with_sim_point (fig, xs[i], &result);
          os_figure_unref (fig);
          fig = next;
        }
      spectrum = os_simulate_spectrum (params, &view->sim, view->spectrum_matrix,
                                       view->spectrum_centered, cancellable, error);
      if (spectrum == NULL)
        return NULL;
      {
        OsFigure *next = os_figure_with_spectrum (fig, spectrum);
        os_figure_unref (fig);
        fig = next;
      }
    }
  return g_steal_pointer (&fig);
}
