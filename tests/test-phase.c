/* test-phase.c — phase diagrams: every cell equals an independent solve,
 * levels arrive coarse to fine, cancellation stops the work, contours lie on
 * their level sets, and the optimal λ and η̃ beat a brute-force search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase.h"
#include "os-error.h"
#include "os-srf.h"

#include <math.h>
#include <string.h>

static void
small_request (OsPhaseRequest *r, int n)
{
  os_phase_request_init_default (r);
  r->x_axis.points = n;
  r->y_axis.points = n;
}

static void
params_at (const OsPhaseGrid *g, int i, int j, OsParams *p)
{
  *p = g->request.base;
  os_params_set (p, g->request.x_axis.axis, g->x[i]);
  os_params_set (p, g->request.y_axis.axis, g->y[j]);
}

/* The benchmark's diagram (64 × 64, ε_g over α × η̃, tanh/tanh): cells equal
 * os_theory_solve at the same points to 1e-9, kernel and linear floor equal
 * os_theory_floors. */
static void
test_cells_match_solver (void)
{
  OsPhaseRequest r;
  g_autoptr (OsPhaseGrid) g = NULL;
  g_autoptr (GError) error = NULL;

  os_phase_request_init_default (&r);
  g = os_phase_compute (&r, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g->nx, ==, 64);
  g_assert_cmpint (g->ny, ==, 64);
  g_assert_true (g->final);
  g_assert_cmpint (g->n_not_converged, ==, 0);
  g_assert_cmpfloat (g->x[0], ==, 0.05);
  g_assert_cmpfloat (g->y[63], ==, 10.0);
  for (int j = 0; j < 64; j += 7)
    for (int i = 0; i < 64; i += 9)
      {
        OsParams p;
        OsTheoryPoint pt;
        OsFloors fl;
        int k = j * 64 + i;

        params_at (g, i, j, &p);
        g_assert_true (os_theory_solve (&p, NULL, NULL, &pt, NULL));
        g_assert_cmpfloat_with_epsilon (g->value[k], pt.test_error, 1e-9 * pt.test_error);
        g_assert_cmpfloat (g->value[k], ==, g->test_error[k]);
        os_theory_floors (&p, NULL, &fl);
        g_assert_cmpfloat_with_epsilon (g->kernel_error[k], fl.kernel, 1e-9 * fl.kernel);
        g_assert_cmpfloat_with_epsilon (g->linear_floor[k], fl.linear, 1e-14);
      }
  /* the value range covers exactly the cells */
  for (int k = 0; k < 64 * 64; k++)
    {
      g_assert_true (isfinite (g->value[k]));
      g_assert_cmpfloat (g->value[k], >=, g->value_min);
      g_assert_cmpfloat (g->value[k], <=, g->value_max);
    }
}

/* Gains are differences of the stored errors; with a He2 teacher the
 * linear floor is 1 + Δ (Var He2 = 1, μ1* = 0). */
static void
test_gain_quantities (void)
{
  OsPhaseRequest r;
  g_autoptr (OsPhaseGrid) gk = NULL, gl = NULL;

  small_request (&r, 10);
  r.base.teacher = OS_ACT_HE2;
  r.base.noise = 0.25;
  r.quantity = OS_PHASE_GAIN_KERNEL;
  gk = os_phase_compute (&r, NULL, NULL, NULL, NULL, NULL);
  r.quantity = OS_PHASE_GAIN_LINEAR;
  gl = os_phase_compute (&r, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (gk);
  g_assert_nonnull (gl);
  for (int k = 0; k < 100; k++)
    {
      g_assert_cmpfloat (gk->value[k], ==, gk->kernel_error[k] - gk->test_error[k]);
      g_assert_cmpfloat (gl->value[k], ==, gl->linear_floor[k] - gl->test_error[k]);
      g_assert_cmpfloat_with_epsilon (gl->linear_floor[k], 1.25, 1e-12);
      /* an even teacher: γ = 0, the spike carries nothing about it
       * (THEORY.md §8) and the step only widens the bulk (c > 1): it never
       * gains over the kernel, and changes nothing at η̃ = 0 */
      g_assert_cmpfloat (gk->value[k], <=, 1e-12);
      if (gk->y[k / 10] == 0.0)
        g_assert_cmpfloat (gk->value[k], ==, 0.0);
    }
}

/* Swapping the axes transposes the diagram (the other line direction and
 * per-column κ tables). */
static void
test_axes_swapped (void)
{
  OsPhaseRequest a, b;
  g_autoptr (OsPhaseGrid) ga = NULL, gb = NULL;

  small_request (&a, 9);
  a.x_axis = (OsSweep) { OS_PARAM_ALPHA0, 0.1, 50.0, 9, TRUE };
  a.y_axis = (OsSweep) { OS_PARAM_LAMBDA, 1e-4, 1.0, 7, TRUE };
  b = a;
  b.x_axis = a.y_axis;
  b.y_axis = a.x_axis;
  ga = os_phase_compute (&a, NULL, NULL, NULL, NULL, NULL);
  gb = os_phase_compute (&b, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ga);
  g_assert_nonnull (gb);
  for (int j = 0; j < 7; j++)
    for (int i = 0; i < 9; i++)
      {
        double va = ga->value[j * 9 + i], vb = gb->value[i * 7 + j];
        g_assert_cmpfloat_with_epsilon (va, vb, 1e-9 * va);
        g_assert_cmpfloat_with_epsilon (ga->kernel_error[j * 9 + i], gb->kernel_error[i * 7 + j],
                                        1e-9 * va);
      }
}

typedef struct
{
  int           levels;
  int           sizes[4];
  gboolean      final_seen;
  GCancellable *cancel_after_first;
  GThread      *thread;
  gboolean      wrong_thread;
} Levels;

static void
on_level (OsPhaseGrid *g, gpointer data)
{
  Levels *l = data;

  if (l->thread != NULL && g_thread_self () != l->thread)
    l->wrong_thread = TRUE;
  if (l->levels < 4)
    l->sizes[l->levels] = g->nx * 1000 + g->ny;
  g_assert_cmpint (g->level, ==, l->levels);
  l->levels++;
  l->final_seen = g->final;
  if (l->cancel_after_first != NULL)
    g_cancellable_cancel (l->cancel_after_first);
}

static void
test_levels_coarse_to_fine (void)
{
  OsPhaseRequest r;
  Levels l = { 0 };
  g_autoptr (OsPhaseGrid) g = NULL;

  small_request (&r, 20);
  g = os_phase_compute (&r, NULL, NULL, on_level, &l, NULL);
  g_assert_nonnull (g);
  g_assert_cmpint (l.levels, ==, 2);
  g_assert_cmpint (l.sizes[0], ==, 8008);
  g_assert_cmpint (l.sizes[1], ==, 20020);
  g_assert_true (l.final_seen);

  /* a request no finer than the coarse level is a single, final level */
  memset (&l, 0, sizeof l);
  small_request (&r, 6);
  os_phase_grid_unref (g);
  g = os_phase_compute (&r, NULL, NULL, on_level, &l, NULL);
  g_assert_cmpint (l.levels, ==, 1);
  g_assert_cmpint (l.sizes[0], ==, 6006);
}

static void
test_cancel (void)
{
  OsPhaseRequest r;
  Levels l = { 0 };
  g_autoptr (GCancellable) c = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  OsPhaseGrid *g;

  small_request (&r, 40);
  l.cancel_after_first = c;
  g = os_phase_compute (&r, NULL, c, on_level, &l, &error);
  g_assert_null (g);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (l.levels, ==, 1);
}

/* A solver starved of iterations leaves cells unconverged: flagged in the
 * mask, counted, and finite. */
static void
test_not_converged_flagged (void)
{
  OsPhaseRequest r;
  OsTheoryOptions opt;
  g_autoptr (OsPhaseGrid) g = NULL;
  int flagged = 0;

  small_request (&r, 8);
  r.base.lambda = 1e-5;
  os_theory_options_init_default (&opt);
  opt.max_iterations = 1;
  opt.tolerance = 1e-16;
  g = os_phase_compute (&r, &opt, NULL, NULL, NULL, NULL);
  g_assert_nonnull (g);
  for (int k = 0; k < 64; k++)
    {
      g_assert_true (isfinite (g->value[k]));
      flagged += !g->converged[k];
    }
  g_assert_cmpint (flagged, ==, g->n_not_converged);
  g_assert_cmpint (flagged, >, 0);
}

static void
test_validation (void)
{
  OsPhaseRequest r;
  GError *error = NULL;

  os_phase_request_init_default (&r);
  r.y_axis = r.x_axis;
  g_assert_null (os_phase_compute (&r, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "axes must differ"));
  g_clear_error (&error);

  os_phase_request_init_default (&r);
  r.y_axis = (OsSweep) { OS_PARAM_LAMBDA, 1e-4, 1, 5, TRUE };
  r.quantity = OS_PHASE_OPTIMAL_LAMBDA;
  g_assert_false (os_phase_request_validate (&r, &error));
  g_assert_nonnull (strstr (error->message, "optimal-lambda"));
  g_clear_error (&error);

  os_phase_request_init_default (&r);
  r.x_axis.to = 11;
  g_assert_false (os_phase_request_validate (&r, &error));
  g_assert_nonnull (strstr (error->message, "--to"));
  g_clear_error (&error);

  os_phase_request_init_default (&r);
  r.x_axis.axis = OS_PARAM_ETA;
  r.y_axis = (OsSweep) { OS_PARAM_ALPHA, 0.1, 5, 8, FALSE };
  r.optimal_eta = TRUE;
  g_assert_false (os_phase_request_validate (&r, &error));
  g_assert_nonnull (strstr (error->message, "--optimal-eta"));
  g_clear_error (&error);

  for (int q = 0; q < OS_PHASE_N_QUANTITIES; q++)
    {
      OsPhaseQuantity back;
      g_assert_true (os_phase_quantity_from_name (os_phase_quantity_name (q), &back));
      g_assert_cmpint (back, ==, q);
    }
  g_assert_false (os_phase_quantity_from_name ("speed", &(OsPhaseQuantity) { 0 }));
}

/* ---- contours --------------------------------------------------------- */

static void
field_on_grid (double *f, const double *x, int nx, const double *y, int ny,
               double (*fn) (double, double))
{
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      f[j * nx + i] = fn (x[i], y[j]);
}

static double circle (double x, double y) { return x * x + y * y - 1.0; }
static double vertical (double x, double y) { (void) y; return x - 0.3; }
static double log_line (double x, double y) { (void) y; return log10 (x) + 1.0; }  /* x = 0.1 */

static void
test_contour_circle (void)
{
  enum { N = 41 };
  double x[N], y[N], f[N * N];
  OsContour c;

  for (int i = 0; i < N; i++)
    x[i] = y[i] = -2.0 + 4.0 * i / (N - 1);
  field_on_grid (f, x, N, y, N, circle);
  os_contour_extract (f, NULL, x, N, FALSE, y, N, FALSE, 0.0, &c);
  g_assert_cmpint (c.n_lines, ==, 1);
  g_assert_true (c.lines[0].closed);
  g_assert_cmpint (c.lines[0].n, >, 40);
  for (int k = 0; k < c.lines[0].n; k++)
    {
      double rr = hypot (c.lines[0].x[k], c.lines[0].y[k]);
      g_assert_cmpfloat_with_epsilon (rr, 1.0, 0.01);   /* h = 0.1: O(h²) */
    }
  /* consecutive points are neighbours: a chained line, not a scatter */
  for (int k = 1; k < c.lines[0].n; k++)
    g_assert_cmpfloat (hypot (c.lines[0].x[k] - c.lines[0].x[k - 1],
                              c.lines[0].y[k] - c.lines[0].y[k - 1]), <, 0.15);
  os_contour_clear (&c);

  /* masking the right half cuts the circle into one open arc */
  {
    guint8 mask[N * N];
    for (int j = 0; j < N; j++)
      for (int i = 0; i < N; i++)
        mask[j * N + i] = x[i] <= 0.0;
    os_contour_extract (f, mask, x, N, FALSE, y, N, FALSE, 0.0, &c);
    g_assert_cmpint (c.n_lines, ==, 1);
    g_assert_false (c.lines[0].closed);
    for (int k = 0; k < c.lines[0].n; k++)
      g_assert_cmpfloat (c.lines[0].x[k], <=, 0.0);
    os_contour_clear (&c);
  }
}

static void
test_contour_lines (void)
{
  enum { NX = 11, NY = 5 };
  double x[NX], y[NY], f[NX * NY];
  OsContour c;

  for (int i = 0; i < NX; i++)
    x[i] = i / 10.0;
  for (int j = 0; j < NY; j++)
    y[j] = j;
  field_on_grid (f, x, NX, y, NY, vertical);
  os_contour_extract (f, NULL, x, NX, FALSE, y, NY, FALSE, 0.0, &c);
  g_assert_cmpint (c.n_lines, ==, 1);
  g_assert_false (c.lines[0].closed);
  g_assert_cmpint (c.lines[0].n, ==, NY);
  for (int k = 0; k < NY; k++)
    g_assert_cmpfloat_with_epsilon (c.lines[0].x[k], 0.3, 1e-12);
  os_contour_clear (&c);

  /* on a log axis the crossing is interpolated geometrically */
  for (int i = 0; i < NX; i++)
    x[i] = pow (10.0, -3.0 + 3.0 * i / (NX - 1));
  field_on_grid (f, x, NX, y, NY, log_line);
  os_contour_extract (f, NULL, x, NX, TRUE, y, NY, FALSE, 0.0, &c);
  g_assert_cmpint (c.n_lines, ==, 1);
  for (int k = 0; k < c.lines[0].n; k++)
    g_assert_cmpfloat_with_epsilon (c.lines[0].x[k], 0.1, 1e-12);
  os_contour_clear (&c);

  /* no crossing, no line */
  field_on_grid (f, x, NX, y, NY, log_line);
  os_contour_extract (f, NULL, x, NX, TRUE, y, NY, FALSE, 5.0, &c);
  g_assert_cmpint (c.n_lines, ==, 0);
  os_contour_clear (&c);
}

/* The kernel contour of a real diagram lies where ε_g = ε_kernel: re-solve
 * the theory at its points. tanh/tanh, α × η̃: the step helps at small η̃
 * and hurts beyond η̃ ≈ 2 once α ≳ 0.3. */
static void
test_kernel_contour_on_level_set (void)
{
  OsPhaseRequest r;
  g_autoptr (OsPhaseGrid) g = NULL;
  int checked = 0;

  small_request (&r, 32);
  g = os_phase_compute (&r, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpint (g->kernel_contour.n_lines, >=, 1);
  for (int l = 0; l < g->kernel_contour.n_lines; l++)
    {
      const OsPolyline *pl = &g->kernel_contour.lines[l];
      for (int k = 0; k < pl->n; k += 5)
        {
          OsParams p = r.base, pk;
          OsTheoryPoint pt, kp;

          p.alpha = pl->x[k];
          p.eta = pl->y[k];
          g_assert_cmpfloat (p.eta, >, 0.0);
          pk = p;
          pk.eta = 0;
          os_theory_solve (&p, NULL, NULL, &pt, NULL);
          os_theory_solve (&pk, NULL, NULL, &kp, NULL);
          /* linear interpolation on a 32-point grid: a few 1e-3 */
          g_assert_cmpfloat (fabs (pt.test_error - kp.test_error), <, 5e-3);
          checked++;
        }
    }
  g_assert_cmpint (checked, >, 5);
}

/* ---- optimal hyper-parameters ----------------------------------------- */

static void
test_optimal_lambda_brute_force (void)
{
  const OsActivation pairs[][2] = { { OS_ACT_TANH, OS_ACT_TANH }, { OS_ACT_RELU, OS_ACT_TANH },
                                    { OS_ACT_TANH, OS_ACT_SIN } };

  for (guint c = 0; c < G_N_ELEMENTS (pairs); c++)
    {
      OsParams p;
      g_autoptr (OsKappaTable) t = NULL;
      double lam, err, brute = G_MAXDOUBLE, brute_lam = 0;
      OsTheoryPoint prev, pt;

      os_params_init_default (&p);
      p.student = pairs[c][0];
      p.teacher = pairs[c][1];
      p.alpha = 1.2;
      p.noise = 0.3;
      t = os_kappa_table_new (&p, 0);
      g_assert_true (os_optimal_lambda_at (t, &p, NULL, &lam, &err));
      for (int i = 600; i >= 0; i--)
        {
          p.lambda = pow (10.0, -5.0 + 6.0 * i / 600);
          os_theory_solve_with_table (t, &p, NULL, i < 600 ? &prev : NULL, &pt);
          prev = pt;
          if (pt.test_error < brute)
            brute = pt.test_error, brute_lam = p.lambda;
        }
      g_assert_cmpfloat (err, <=, brute + 1e-12);
      g_assert_cmpfloat (err, >=, brute - 1e-4 * brute);   /* the grid step is 0.01 decade */
      g_assert_cmpfloat (fabs (log10 (lam) - log10 (brute_lam)), <, 0.05);
      /* and the value is ε_g at λ* */
      p.lambda = lam;
      os_theory_solve (&p, NULL, NULL, &pt, NULL);
      g_assert_cmpfloat_with_epsilon (pt.test_error, err, 1e-9 * err);
    }
}

static void
test_optimal_eta_brute_force (void)
{
  /* THEORY.md §7 second setting: tanh/sin, α0 = 20, λ = 0.1, where the
   * optimum is inside (0, 10) */
  OsParams p;
  const double alphas[] = { 0.5, 2.0 };

  os_params_init_default (&p);
  p.teacher = OS_ACT_SIN;
  p.alpha0 = 20;
  p.lambda = 0.1;
  for (guint a = 0; a < G_N_ELEMENTS (alphas); a++)
    {
      double eta, err, brute = G_MAXDOUBLE, brute_eta = 0;

      p.alpha = alphas[a];
      g_assert_true (os_optimal_eta_at (&p, NULL, &eta, &err));
      for (int i = 0; i <= 500; i++)
        {
          OsParams q = p;
          OsTheoryPoint pt;

          q.eta = 10.0 * i / 500;
          os_theory_solve (&q, NULL, NULL, &pt, NULL);
          if (pt.test_error < brute)
            brute = pt.test_error, brute_eta = q.eta;
        }
      g_assert_cmpfloat (eta, >, 0.0);
      g_assert_cmpfloat (eta, <, 10.0);
      g_assert_cmpfloat (err, <=, brute + 1e-12);
      g_assert_cmpfloat (err, >=, brute - 1e-3 * brute);
      g_assert_cmpfloat (fabs (eta - brute_eta), <, 0.05);
    }
}

/* The curve equals the pointwise optimum, in parallel, along α. */
static void
test_optimal_eta_curve (void)
{
  OsParams p;
  OsSweep sw = { OS_PARAM_ALPHA, 0.5, 3.0, 4, FALSE };
  g_autoptr (OsOptimalEta) c = NULL;
  g_autoptr (GError) error = NULL;

  os_params_init_default (&p);
  p.teacher = OS_ACT_SIN;
  p.alpha0 = 20;
  p.lambda = 0.1;
  c = os_optimal_eta_compute (&p, &sw, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < c->n; i++)
    {
      double eta, err;
      OsParams q = p;

      q.alpha = c->x[i];
      g_assert_true (c->converged[i]);
      os_optimal_eta_at (&q, NULL, &eta, &err);
      g_assert_cmpfloat_with_epsilon (c->eta[i], eta, 1e-9);
      g_assert_cmpfloat_with_epsilon (c->test_error[i], err, 1e-12);
    }
  sw.axis = OS_PARAM_ETA;
  sw.from = 0;
  g_assert_null (os_optimal_eta_compute (&p, &sw, NULL, NULL, NULL));
}

/* The η̃* line of the default page (64 α, η̃* → 0⁺ at most of them) builds
 * each κ table once for all points (it built 1556, one per Brent step:
 * 90 % of export --plot phase), and every point equals its own search
 * (which builds its own tables) bit for bit. */
static void
test_optimal_eta_tables_shared (void)
{
  OsPhaseRequest r;
  g_autoptr (OsOptimalEta) c = NULL;
  guint built;

  os_phase_request_init_default (&r);
  built = os_kappa_tables_built ();
  c = os_optimal_eta_compute (&r.base, &r.x_axis, NULL, NULL, NULL);
  built = os_kappa_tables_built () - built;
  g_test_message ("64-point eta* line: %u kappa tables", built);
  g_assert_nonnull (c);
  g_assert_cmpuint (built, <=, 41 + 80);
  for (int i = 0; i < c->n; i += 9)
    {
      OsParams q = r.base;
      double eta, err;

      q.alpha = c->x[i];
      g_assert_cmpint (os_optimal_eta_at (&q, NULL, &eta, &err), ==, c->converged[i]);
      g_assert_cmpfloat (c->eta[i], ==, eta);
      g_assert_cmpfloat (c->test_error[i], ==, err);
    }
}

/* κ tables share their teacher columns when (σ*, γ, ρ, Δ, the nodes) agree
 * (os-srf.c): whatever the cache holds, every column is what the
 * conditional expectations give at the table's own nodes, bit for bit. */
static void
test_teacher_columns_shared (void)
{
  const double etas[] = { 0.3, 0.31, 0.3, 4.0, 0.29 };
  OsParams p;

  os_params_init_default (&p);
  for (guint e = 0; e < G_N_ELEMENTS (etas); e++)
    {
      g_autoptr (OsKappaTable) t = NULL;

      p.eta = etas[e];
      t = os_kappa_table_new (&p, 0);
      for (int i = 0; i < t->n; i++)
        {
          double h, h1, h2;

          os_srf_teacher_at (&p, &t->spike, t->kappa[i], &h, &h1, &h2);
          g_assert_cmpmem (&h, sizeof h, &t->h[i], sizeof h);
          g_assert_cmpmem (&h1, sizeof h1, &t->h1[i], sizeof h1);
          g_assert_cmpmem (&h2, sizeof h2, &t->h2[i], sizeof h2);
        }
    }
}

/* Without a level callback nobody sees the coarse level: it is skipped,
 * and the final grid is the same (its level number too). */
static void
test_no_coarse_without_callback (void)
{
  OsPhaseRequest r;
  Levels l = { 0 };
  g_autoptr (OsPhaseGrid) a = NULL, b = NULL;
  guint built;
  gsize n;

  small_request (&r, 20);
  a = os_phase_compute (&r, NULL, NULL, on_level, &l, NULL);
  built = os_kappa_tables_built ();
  b = os_phase_compute (&r, NULL, NULL, NULL, NULL, NULL);
  built = os_kappa_tables_built () - built;
  g_assert_cmpint (b->level, ==, a->level);
  n = (gsize) a->nx * a->ny;
  g_assert_cmpmem (a->test_error, n * sizeof (double), b->test_error, n * sizeof (double));
  g_assert_cmpmem (a->value, n * sizeof (double), b->value, n * sizeof (double));
  /* the final level's tables only: one per y row and the kernel's */
  g_assert_cmpuint (built, <=, (guint) a->ny + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Phase/cells-match-solver", test_cells_match_solver);
  g_test_add_func ("/Phase/gain-quantities", test_gain_quantities);
  g_test_add_func ("/Phase/axes-swapped", test_axes_swapped);
  g_test_add_func ("/Phase/levels", test_levels_coarse_to_fine);
  g_test_add_func ("/Phase/cancel", test_cancel);
  g_test_add_func ("/Phase/not-converged", test_not_converged_flagged);
  g_test_add_func ("/Phase/validation", test_validation);
  g_test_add_func ("/Phase/contour-circle", test_contour_circle);
  g_test_add_func ("/Phase/contour-lines", test_contour_lines);
  g_test_add_func ("/Phase/kernel-contour", test_kernel_contour_on_level_set);
  g_test_add_func ("/Phase/optimal-lambda", test_optimal_lambda_brute_force);
  g_test_add_func ("/Phase/optimal-eta", test_optimal_eta_brute_force);
  g_test_add_func ("/Phase/optimal-eta-curve", test_optimal_eta_curve);
  g_test_add_func ("/Phase/optimal-eta-tables-shared", test_optimal_eta_tables_shared);
  g_test_add_func ("/Phase/no-coarse-without-callback", test_no_coarse_without_callback);
  g_test_add_func ("/Phase/teacher-columns-shared", test_teacher_columns_shared);
  return g_test_run ();
}
