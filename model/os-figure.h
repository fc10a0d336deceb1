/* os-figure.h — the immutable snapshot that every plot draws from.
 *
 * A figure is what the four plots (test error, spectrum, overlaps, learned
 * function) and the phase diagram need, computed for one parameter set. It
 * is built in parts so the engine can publish the theory first and add
 * simulation points one by one: each part is reference-counted and
 * immutable, and a new snapshot shares the parts that did not change.
 * No GTK here (Cairo-free too): the export command line builds figures
 * headless.
 *
 * OWNERS: the plots/export helper implements os-figure.c; the window/engine
 * helper builds snapshots with it. Extend, don't break.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "os-curve.h"
#include "os-simulation.h"
#include "os-spectral-density.h"
#include "os-phase.h"
#include "os-finite-size.h"

G_BEGIN_DECLS

/* What the user looks at, besides the model parameters. */
typedef struct
{
  OsSweep          sweep;             /* the x-axis of the error/overlap plots */
  OsSpectrumMatrix spectrum_matrix;   /* weights or features                   */
  gboolean         spectrum_centered;
  gboolean         spectrum_log;      /* log axis on the spectrum plot         */
  gboolean         simulate;          /* run the real network                  */
  OsSimConfig      sim;               /* d, seeds, seed, n_test                */
  int              sim_points;        /* simulation points along the x-axis    */
  int              network_d;         /* the network size of the finite-size
                                       * theory (THEORY.md §10) when the
                                       * simulation is off; 0 = d → ∞        */
} OsView;

/* α from 0.1 to 5, 200 points; weights; sim off, d 400, 2 seeds, 8 points;
 * network size d = 1000 */
void   os_view_init_default (OsView *view);
/* The d of the finite-size theory: INFINITY when network_d = 0 (d → ∞),
 * else the simulation's d when it is on, else network_d. */
double os_view_network_d    (const OsView *view);
/* The d that places the predicted spectra's outliers: the network size
 * (os_view_network_d) when it is finite, so the spike drawn is the s the
 * read-outs give, else the simulation's d. */
int    os_view_spectrum_d   (const OsView *view);

/* Theory part: curves along the axis, the point at the sliders, floors and
 * the learned function. */
typedef struct
{
  OsCurve      *curve;          /* ε_g, ε_t and order parameters along the axis */
  OsCurve      *kernel;         /* the same at η̃ = 0                           */
  OsTheoryPoint current;        /* at the slider values                         */
  OsFloors      floors;
  int           n_kappa;        /* learned function on κ ∈ [−3, 3]              */
  double       *kappa, *f_hat, *h, *f_hat_kernel;
  /* the network at a finite d (THEORY.md §10; os_view_network_d): */
  double        network_d;      /* INFINITY: none of the below                  */
  double       *finite_error;   /* ε_d along curve->x (curve->n values)         */
  double        current_finite_error;   /* ε_d at the sliders                   */
  OsSpikeSize   spike_size;     /* η̃_BBP(d), s = r√(βd), c(1 + √β) at the sliders */
} OsFigureTheory;

/* One simulated point along the axis. */
typedef struct
{
  double      x;
  OsSimResult result;
} OsSimPoint;

typedef struct _OsFigure OsFigure;

/* Another figure drawn over this one: a pin (the curves of a parameter
 * set kept to compare, drawn faded) or one value of a comparison (export
 * --compare: every value in a colour of a sequential scale). */
typedef enum
{
  OS_OVERLAY_PIN,
  OS_OVERLAY_COMPARE,
} OsOverlayKind;

typedef struct
{
  OsOverlayKind kind;
  OsFigure     *figure;     /* its own snapshot (a reference)              */
  char         *label;      /* "η̃ = 0.5": what differs (UTF-8)             */
  int           index, of;  /* its place among the overlays of its kind    */
} OsOverlay;

struct _OsFigure
{
  OsParams        params;
  OsView          view;
  OsFigureTheory *theory;           /* NULL while computing              */
  OsSpectralDensity *density_init;  /* predicted spectra (NULL if none)  */
  OsSpectralDensity *density_step;
  OsSimSpectrum  *spectrum;         /* simulated spectrum (NULL if none) */
  int             n_sim;            /* finished simulation points        */
  OsSimPoint     *sim;
  char           *status;           /* a line for the status bar, or NULL */
  OsOptimalEta   *optimal_eta;      /* η̃*(x) along the axis (optional; the
                                     * test-error plot draws ε_g there)   */
  /* what is drawn of it (the window's choices, the export flags) */
  guint64         hidden;           /* OS_SERIES_BIT of hidden series (os-series.h) */
  int             n_overlays;
  OsOverlay      *overlays;         /* pins, or the values of a comparison */
  gboolean        compare;          /* the overlays replace the figure's own curves */
  gboolean        hidden_in_legend; /* hidden series keep a dimmed legend entry
                                     * (the screen: a click shows them again) */
};

/* Compute the parts (worker thread; all cancellable; FALSE/NULL with
 * G_IO_ERROR_CANCELLED when cancelled). */
OsFigureTheory    *os_figure_theory_compute (const OsParams *params, const OsView *view,
                                             GCancellable *cancellable, GError **error);
void               os_figure_theory_free    (OsFigureTheory *theory);

/* The x-values at which the simulation is run: view->sim_points values
 * spread over the sweep range (geometric when log-spaced), at the centres
 * of equal cells so no point sits on the very end of the axis. Writes at
 * most max values and returns how many. */
int                os_figure_sim_x_values   (const OsView *view, double *x, int max);

/* Snapshots. os_figure_new copies params and view; the _with_ functions
 * return a new snapshot sharing everything else with `base` (base may be
 * NULL for an empty figure). Parts passed in are taken over (transfer full). */
OsFigure *os_figure_new                 (const OsParams *params, const OsView *view);
OsFigure *os_figure_with_theory         (const OsFigure *base, OsFigureTheory *theory);
OsFigure *os_figure_with_densities      (const OsFigure *base, OsSpectralDensity *init,
                                         OsSpectralDensity *step);
OsFigure *os_figure_with_spectrum       (const OsFigure *base, OsSimSpectrum *spectrum);
OsFigure *os_figure_with_sim_point      (const OsFigure *base, double x, const OsSimResult *result);
OsFigure *os_figure_with_status         (const OsFigure *base, const char *status);
/* What is drawn: hidden series, and overlays (copied; their figures get a
 * reference; n 0 drops them). compare: the overlays are the values of a
 * comparison and replace the figure's own curves. */
OsFigure *os_figure_with_shown          (const OsFigure *base, guint64 hidden, const OsOverlay *overlays,
                                         int n, gboolean compare);
/* The same with hidden_in_legend (what the window's plots draw). */
OsFigure *os_figure_for_screen          (const OsFigure *base);
/* A pin's or a compared value's figure: the theory and the predicted
 * spectra at params with view's axis and spectrum (never the simulation). */
OsFigure *os_figure_overlay_compute     (const OsParams *params, const OsView *view,
                                         GCancellable *cancellable, GError **error);
/* Takes ownership of curve (NULL removes it); _of shares source's curve. */
OsFigure *os_figure_with_optimal_eta    (const OsFigure *base, OsOptimalEta *curve);
OsFigure *os_figure_with_optimal_eta_of (const OsFigure *base, const OsFigure *source);

/* Everything at once, synchronously (the export command line). */
OsFigure *os_figure_compute_all         (const OsParams *params, const OsView *view,
                                         GCancellable *cancellable, GError **error);

OsFigure *os_figure_ref                 (OsFigure *figure);
void      os_figure_unref               (OsFigure *figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsFigure, os_figure_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsFigureTheory, os_figure_theory_free)

G_END_DECLS
