/* os-spectral-features.c — the predicted spectrum of the features
 * Φ = σ(X Wᵀ)/√p (n × p) of THEORY.md §9: the bulk of S = (β/α) ΦᵀΦ on the
 * σ axis, from the deterministic equivalent of os-spectral-solver.c, and
 * the outlier of the mean feature.
 *
 * Support. The bulk of S lies below the operator-norm bound
 * [max|μ1| c(1+√β)(1+1/√α) + max|μ2|(1+√(β/α))]². A scan of 64 points in σ
 * brackets the intervals where the density is positive (the support may
 * split in several pieces, e.g. at large β where Ω has an atom at 0);
 * bisection then locates each edge to 1e-7 of the range. Each interval gets
 * Chebyshev–Lobatto points (clustered at the square-root edges), then the
 * worst segments are halved until the budget is spent (see adaptive_grid).
 * The density must integrate to the bulk's mass; if it falls short by more
 * than 0.2 % the scan is redone 4 and 16 times finer (an interval narrower
 * than the scan step was missed), and if it still does, converged is FALSE.
 *
 * Each point is solved at z = λ + iε with the working ε = 1e-10 × min(bulk
 * scale, λ), in effect ε → 0⁺ (see os-spectral-solver.c), warm-started
 * from its neighbours.
 *
 * Known limit: after a very large step (η̃ ≳ 5) the features of many
 * samples saturate (tanh, erf) or die (ReLU), and part of the bulk
 * collapses toward σ = 0 across many decades. Most of it is resolved (the
 * adaptive grid halves its way down), but where more than 0.2 % of the mass
 * stays below the grid the result is flagged, with the mass in `status`
 * (40 of 2304 points of a §8 grid, all at η̃ ≥ 5, most of them ReLU).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-spectral-density-private.h"
#include "os-error.h"

#include <math.h>

#define SCAN_POINTS           64
#define EPS_WORK              1e-10   /* Im z, relative to the bulk scale       */
#define INSIDE_THRESHOLD      1e-7    /* density × scale above which x is inside */
#define MAX_INTERVALS         16

/* ---- the bulk along σ -------------------------------------------------- */

/* The solution (A, B) carried from point to point along σ */
typedef struct
{
  const OsSpectralMixture *mix;
  double   eps;
  gboolean have_start;
  cplx     A, B;
  /* the two last solutions of a sweep, for a linear predictor */
  int      n_prev;
  double   lambda_prev[2];
  cplx     A_prev[2], B_prev[2];
  int      n_failed;
  double   first_failure;   /* σ of the first failed point */
} Tracker;

/* density per p at singular value σ (λ = (β/α) σ²); sets *ok. With
 * predict, the start is extrapolated from the two previous points. */
static double
tracker_density (Tracker *t, double sigma, gboolean predict, gboolean *ok)
{
  double lambda = t->mix->ratio * sigma * sigma;
  /* Im z: a fixed fraction of the bulk scale, or of λ itself near 0, so
   * that a part of the bulk squeezed toward 0 (saturated samples after a
   * large step) is resolved on a logarithmic scale too */
  double eps = t->eps * MIN (1.0, lambda / t->mix->scale);
  cplx g0;

  if (lambda <= 0.0)
    {
      *ok = TRUE;
      return 0.0;
    }
  if (predict && t->n_prev == 2 && t->have_start)
    {
      double f = (lambda - t->lambda_prev[1]) / (t->lambda_prev[1] - t->lambda_prev[0]);
      cplx a = t->A_prev[1] + f * (t->A_prev[1] - t->A_prev[0]);
      cplx b = t->B_prev[1] + f * (t->B_prev[1] - t->B_prev[0]);

      if (os_spectral_newton (t->mix, lambda + I * eps, &a, &b, &g0))
        {
          t->A = a, t->B = b;
          goto solved;
        }
    }
  if (!os_spectral_solve_point (t->mix, lambda, eps, &t->have_start, &t->A, &t->B, &g0))
    {
      if (t->n_failed++ == 0)
        t->first_failure = sigma;
      t->n_prev = 0;
      *ok = FALSE;
      return 0.0;
    }
solved:
  if (t->n_prev == 2)
    {
      t->lambda_prev[0] = t->lambda_prev[1];
      t->A_prev[0] = t->A_prev[1];
      t->B_prev[0] = t->B_prev[1];
      t->n_prev = 1;
    }
  t->lambda_prev[t->n_prev] = lambda;
  t->A_prev[t->n_prev] = t->A;
  t->B_prev[t->n_prev] = t->B;
  t->n_prev++;
  *ok = TRUE;
  return os_spectral_bulk_density_lambda (t->mix, lambda, eps, g0);
}

/* Bisection for an edge between s_in (inside the support) and s_out.
 * Leaves in (*A_in, *B_in) the solution at the innermost inside point. */
static double
locate_edge (Tracker *t, double s_in, double s_out, double threshold, double tol,
             cplx *A_in, cplx *B_in)
{
  *A_in = t->A, *B_in = t->B;
  while (fabs (s_in - s_out) > tol)
    {
      double mid = 0.5 * (s_in + s_out);
      gboolean ok;
      double rho;

      t->A = *A_in, t->B = *B_in;   /* start from the inside */
      rho = tracker_density (t, mid, FALSE, &ok);

      if (ok && rho > threshold)
        {
          s_in = mid;
          *A_in = t->A, *B_in = t->B;
        }
      else
        s_out = mid;
    }
  return 0.5 * (s_in + s_out);
}

typedef struct
{
  double lo, hi;
  cplx   A_lo, B_lo;   /* the solution just inside the lower edge */
  cplx   A_hi, B_hi;   /* and just inside the upper edge          */
} Interval;

/* Operator-norm bound of the bulk of S, as a singular value of Φ:
 * ‖Y‖/√n ≤ max|μ1| c ‖W̃‖ ‖Z‖/√n + max|μ2| ‖Ξ‖/√n, with ‖W̃‖ → 1 + √β,
 * ‖Z‖/√n → 1 + 1/√α, ‖Ξ‖/√n → 1 + √(β/α); 5 % to spare. */
static double
bulk_sigma_bound (const OsSpectralMixture *mix)
{
  double alpha = mix->beta / mix->ratio;
  double root = sqrt (mix->max_a * mix->c2) * sqrt (mix->x_hi) * (1.0 + 1.0 / sqrt (alpha))
                + sqrt (mix->max_b) * (1.0 + sqrt (mix->ratio));

  return sqrt (1.05 * root * root / mix->ratio);
}

/* Brackets the intervals of the support by a scan of n_scan points in σ,
 * then bisects each edge to tol. Returns the number of intervals (0 if
 * none), or −1 when cancelled. */
static int
find_support (Tracker *t, double sigma_max, int n_scan, double threshold, double tol,
              Interval *iv, GCancellable *cancellable, GError **error)
{
  g_autofree double *scan = g_new (double, n_scan + 1);
  g_autofree gboolean *inside = g_new (gboolean, n_scan + 1);
  int n_iv = 0;

  scan[0] = 0.0;
  inside[0] = FALSE;
  t->n_prev = 0;
  for (int i = 1; i <= n_scan; i++)
    {
      gboolean ok;
      double rho;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      scan[i] = sigma_max * i / n_scan;
      rho = tracker_density (t, scan[i], FALSE, &ok);
      inside[i] = ok && rho > threshold;
    }

  for (int i = 1; i <= n_scan && n_iv < MAX_INTERVALS; i++)
    {
      int j;
      gboolean ok;

      if (!inside[i] || inside[i - 1])
        continue;
      for (j = i; j < n_scan && inside[j + 1]; j++)
        ;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;
      /* warm start for each edge: the solution at its inside scan point */
      tracker_density (t, scan[i], FALSE, &ok);
      iv[n_iv].lo = locate_edge (t, scan[i], scan[i - 1], threshold, tol,
                                 &iv[n_iv].A_lo, &iv[n_iv].B_lo);
      if (iv[n_iv].lo < 2.0 * tol)
        iv[n_iv].lo = 0.0;     /* α = β: the bulk of S reaches 0 */
      tracker_density (t, scan[j], FALSE, &ok);
      if (j < n_scan)
        iv[n_iv].hi = locate_edge (t, scan[j], scan[j + 1], threshold, tol,
                                   &iv[n_iv].A_hi, &iv[n_iv].B_hi);
      else
        {
          iv[n_iv].hi = scan[j];   /* the bound is violated: reported by the caller */
          iv[n_iv].A_hi = t->A, iv[n_iv].B_hi = t->B;
        }
      if (iv[n_iv].hi > iv[n_iv].lo)
        n_iv++;
      i = j;
    }
  return n_iv;
}

/* ---- the adaptive grid ----------------------------------------------------
 * Each interval starts with Chebyshev–Lobatto points (a quarter of the
 * budget), then the segment with the largest error indicator
 * h (|Δρ| + 0.1 ρ̄ h / W) is halved until the budget is spent: that
 * follows square-root edges, steep shoulders and narrow peaks alike. */

typedef struct
{
  double x, rho;
  cplx   A, B;
  int    next;        /* the next node in the interval, −1 at its end */
  int    stamp;       /* bumped when the segment from here changes    */
  gboolean edge;      /* an endpoint: density 0, (A, B) only a hint   */
} Node;

typedef struct
{
  double key;
  int    node, stamp;
} HeapItem;

static void
heap_push (GArray *heap, HeapItem item)
{
  int i;

  g_array_append_val (heap, item);
  i = heap->len - 1;
  while (i > 0)
    {
      int parent = (i - 1) / 2;
      HeapItem *h = (HeapItem *) heap->data;

      if (h[parent].key >= h[i].key)
        break;
      item = h[parent], h[parent] = h[i], h[i] = item;
      i = parent;
    }
}

static gboolean
heap_pop (GArray *heap, HeapItem *out)
{
  HeapItem *h = (HeapItem *) heap->data;
  int n = heap->len, i = 0;

  if (n == 0)
    return FALSE;
  *out = h[0];
  h[0] = h[n - 1];
  g_array_set_size (heap, --n);
  for (;;)
    {
      int l = 2 * i + 1, r = l + 1, big = i;
      HeapItem tmp;

      if (l < n && h[l].key > h[big].key)
        big = l;
      if (r < n && h[r].key > h[big].key)
        big = r;
      if (big == i)
        break;
      tmp = h[big], h[big] = h[i], h[i] = tmp;
      i = big;
    }
  return TRUE;
}

static void
push_segment (GArray *heap, const Node *nodes, int i, double width)
{
  const Node *a = &nodes[i], *b = &nodes[nodes[i].next];
  double h = b->x - a->x;
  HeapItem item = { h * (fabs (b->rho - a->rho) + 0.1 * 0.5 * (a->rho + b->rho) * h / width),
                    i, a->stamp };

  heap_push (heap, item);
}

/* Solves at σ from the warm start (A0, B0); fills the node. */
static void
solve_node (Tracker *t, Node *node, double sigma, cplx A0, cplx B0)
{
  gboolean ok;

  t->A = A0, t->B = B0, t->have_start = TRUE, t->n_prev = 0;
  node->x = sigma;
  node->rho = t->mix->ratio * 2.0 * sigma * tracker_density (t, sigma, FALSE, &ok);
  node->A = t->A, node->B = t->B;
  node->edge = FALSE;
}

/* The σ density (per p) on an adaptive grid of n_points over the intervals.
 * Returns FALSE when cancelled. */
static gboolean
adaptive_grid (Tracker *t, const Interval *iv, int n_iv, int n_points,
               double **out_sigma, double **out_rho, int *out_n,
               GCancellable *cancellable, GError **error)
{
  GArray *nodes = g_array_sized_new (FALSE, FALSE, sizeof (Node), n_points);
  GArray *heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  double width = 0.0;
  int n_initial = MAX (n_points / 4, 8 * n_iv), *first = g_new (int, n_iv);
  gboolean ok = TRUE;

  for (int j = 0; j < n_iv; j++)
    width += iv[j].hi - iv[j].lo;

  /* 1. Chebyshev–Lobatto points, swept upwards with the predictor */
  for (int j = 0; j < n_iv; j++)
    {
      int m = MAX (8, (int) floor (n_initial * (iv[j].hi - iv[j].lo) / width));

      t->A = iv[j].A_lo, t->B = iv[j].B_lo, t->have_start = TRUE, t->n_prev = 0;
      first[j] = nodes->len;
      for (int i = 0; i < m; i++)
        {
          Node node = { 0 };
          gboolean solved;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              goto out;
            }
          node.x = iv[j].lo + (iv[j].hi - iv[j].lo) * 0.5 * (1.0 - cos (G_PI * i / (m - 1)));
          node.next = i < m - 1 ? (int) nodes->len + 1 : -1;
          if (i == 0 || i == m - 1)
            {
              node.x = i == 0 ? iv[j].lo : iv[j].hi;
              node.rho = 0.0;                      /* square-root edges */
              node.edge = TRUE;
              node.A = i == 0 ? iv[j].A_lo : iv[j].A_hi;
              node.B = i == 0 ? iv[j].B_lo : iv[j].B_hi;
            }
          else
            {
              node.rho = t->mix->ratio * 2.0 * node.x * tracker_density (t, node.x, TRUE, &solved);
              node.A = t->A, node.B = t->B;
            }
          g_array_append_val (nodes, node);
        }
    }
  for (guint i = 0; i < nodes->len; i++)
    if (g_array_index (nodes, Node, i).next >= 0)
      push_segment (heap, (Node *) nodes->data, i, width);

  /* 2. halve the worst segment until the budget is spent */
  while ((int) nodes->len < n_points)
    {
      HeapItem item;
      Node mid = { 0 }, *left, *right;
      cplx A0, B0;

      if (!heap_pop (heap, &item))
        break;
      left = &g_array_index (nodes, Node, item.node);
      if (item.stamp != left->stamp)
        continue;                                 /* stale */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          goto out;
        }
      right = &g_array_index (nodes, Node, left->next);
      /* warm start: the mean of the neighbours (an edge's is only a hint) */
      if (left->edge && !right->edge)
        A0 = right->A, B0 = right->B;
      else if (right->edge && !left->edge)
        A0 = left->A, B0 = left->B;
      else
        A0 = 0.5 * (left->A + right->A), B0 = 0.5 * (left->B + right->B);
      solve_node (t, &mid, 0.5 * (left->x + right->x), A0, B0);
      mid.next = left->next;
      g_array_append_val (nodes, mid);            /* may move the array */
      left = &g_array_index (nodes, Node, item.node);
      left->next = nodes->len - 1;
      left->stamp++;
      push_segment (heap, (Node *) nodes->data, item.node, width);
      push_segment (heap, (Node *) nodes->data, nodes->len - 1, width);
    }

  /* 3. flatten, interval by interval */
  *out_n = nodes->len;
  *out_sigma = g_new (double, nodes->len);
  *out_rho = g_new (double, nodes->len);
  {
    int k = 0;

    for (int j = 0; j < n_iv; j++)
      for (int i = first[j]; i >= 0; i = g_array_index (nodes, Node, i).next)
        {
          (*out_sigma)[k] = g_array_index (nodes, Node, i).x;
          (*out_rho)[k] = g_array_index (nodes, Node, i).rho;
          k++;
        }
  }

out:
  g_free (first);
  g_array_unref (heap);
  g_array_unref (nodes);
  return ok;
}

static double
trapezoid (const double *x, const double *y, int n)
{
  double sum = 0.0;

  for (int i = 1; i < n; i++)
    sum += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
  return sum;
}

/* The feature bulk: support, grid and density (per p, in σ) into out.
 * When the density integrates to less than the bulk's mass min(1, α/β) —
 * an interval narrower than the scan step was missed — the scan is redone
 * four and sixteen times finer. */
#define MASS_DEFICIT 2e-3
#define MASS_CHECK_POINTS 256

static gboolean
features_bulk (const OsSpectralMixture *mix, OsSpectralDensity *out, int n_points,
               GCancellable *cancellable, GError **error)
{
  Tracker t = { .mix = mix, .eps = EPS_WORK * mix->scale };
  double sigma_max = bulk_sigma_bound (mix);
  double threshold = INSIDE_THRESHOLD / mix->scale;
  double expected = 1.0 - mix->atom, mass = 0.0;
  Interval iv[MAX_INTERVALS];
  int n_iv = 0;

  for (int n_scan = SCAN_POINTS; n_scan <= 16 * SCAN_POINTS; n_scan *= 4)
    {
      double *sigma = NULL, *rho = NULL;
      int n = 0;

      n_iv = find_support (&t, sigma_max, n_scan, threshold, 1e-7 * sigma_max, iv,
                           cancellable, error);
      if (n_iv < 0)
        return FALSE;
      if (n_iv == 0)
        continue;
      /* the mass check needs a grid fine enough to integrate well */
      if (!adaptive_grid (&t, iv, n_iv, MAX (n_points, MASS_CHECK_POINTS), &sigma, &rho, &n,
                          cancellable, error))
        return FALSE;
      g_free (out->singular_value);
      g_free (out->density);
      out->singular_value = sigma;
      out->density = rho;
      out->n = n;
      mass = trapezoid (sigma, rho, n);
      if (mass > (1.0 - MASS_DEFICIT) * expected)
        break;
    }
  if (n_iv > 0 && n_points < MASS_CHECK_POINTS)
    {
      /* the coarse grid asked for */
      double *sigma = NULL, *rho = NULL;
      int n = 0;

      if (!adaptive_grid (&t, iv, n_iv, n_points, &sigma, &rho, &n, cancellable, error))
        return FALSE;
      g_free (out->singular_value);
      g_free (out->density);
      out->singular_value = sigma;
      out->density = rho;
      out->n = n;
    }
  if (n_iv == 0 || out->n == 0)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_NOT_CONVERGED,
                   "the feature bulk density could not be located (%d failed points)", t.n_failed);
      return FALSE;
    }

  out->edge_lo = iv[0].lo;
  out->edge_hi = iv[n_iv - 1].hi;
  out->edge_eigenvalue = mix->ratio * out->edge_hi * out->edge_hi;
  out->n_failed = t.n_failed;
  if (t.n_failed > 0)
    {
      out->converged = FALSE;
      g_clear_pointer (&out->status, g_free);
      out->status = g_strdup_printf ("the δ(κ) iteration failed at %d point(s), first at σ = %.6g "
                                     "(density set to 0 there)", t.n_failed, t.first_failure);
    }
  else if (out->edge_hi >= sigma_max * (1.0 - 1e-9))
    {
      out->converged = FALSE;
      out->status = g_strdup ("the feature bulk reaches past its operator-norm bound");
    }
  else if (!(mass > (1.0 - MASS_DEFICIT) * expected) || mass > (1.0 + MASS_DEFICIT) * expected)
    {
      out->converged = FALSE;
      out->status = g_strdup_printf ("the bulk density integrates to %.6f instead of %.6f: the rest "
                                     "lies in features narrower than the grid (near σ = 0 when a "
                                     "large step saturates the features of many samples)",
                                     mass, expected);
    }
  return TRUE;
}

/* ---- the features' spectrum -------------------------------------------- */

/* The features' bulk (per non-zero singular value: the atom of S at 0 is
 * left out), edges and mean-feature outlier into out; the κ table of params
 * gives the spike and μ0(κ) (THEORY.md §3, §9). See the private header. */
gboolean
os_spectral_features_fill (const OsParams *params, int p_width, int n_samples, int n_points,
                           OsSpectralDensity *out, GCancellable *cancellable, GError **error)
{
  g_autoptr (OsKappaTable) table = os_kappa_table_new (params, 0);
  OsSpectralMixture mix;
  double e0 = 0.0, e00 = 0.0, var0 = 0.0, mean_ev;
  gboolean ok;

  os_spectral_mixture_init (&mix, params, &table->spike);
  ok = features_bulk (&mix, out, n_points, cancellable, error);
  if (ok)
    {
      /* renormalise per the min(n, p) singular values of Φ */
      double per_nonzero = params->alpha < params->beta ? params->beta / params->alpha : 1.0;
      for (int i = 0; i < out->n; i++)
        out->density[i] *= per_nonzero;
      out->atom_mass = mix.atom;
    }
  os_spectral_mixture_clear (&mix);
  if (!ok)
    return FALSE;

  out->n_values = MIN (n_samples, p_width);
  /* the mean feature μ0(κ) 1_p: an eigenvalue p E_κ[μ0²] of S, or
   * p Var_κ[μ0] once the column means are removed (THEORY.md §9) */
  for (int i = 0; i < table->n; i++)
    e0 += table->weight[i] * table->mu0[i], e00 += table->weight[i] * table->mu0[i] * table->mu0[i];
  for (int i = 0; i < table->n; i++)
    var0 += table->weight[i] * (table->mu0[i] - e0) * (table->mu0[i] - e0);
  mean_ev = p_width * (out->centered ? var0 : e00);
  out->mean_eigenvalue = mean_ev;
  /* Rule: reported when it lies above the bulk's upper edge. The
   * first-order value p E[μ0²] is accurate to O(edge), so it is only
   * meaningful well past the edge — which is where it lives once p is
   * in the hundreds. */
  if (mean_ev > out->edge_eigenvalue)
    out->outliers[out->n_outliers++] = sqrt (params->alpha / params->beta * mean_ev);
  return TRUE;
}
