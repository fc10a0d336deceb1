/* test-curve.c — sweeps: warm starts change nothing, cancellation stops the
 * work, progress is reported, bad sweeps are refused; the shared κ-table
 * cache gives the tables os_kappa_table_new () builds, builds each once, and
 * is safe from several threads (this test also runs under TSan).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-curve.h"
#include "os-srf.h"
#include "os-theory.h"
#include "os-error.h"

#include <math.h>
#include <string.h>

static void
test_matches_single_points (void)
{
  const OsParamId axes[] = { OS_PARAM_ALPHA, OS_PARAM_ALPHA0, OS_PARAM_ETA,
                             OS_PARAM_LAMBDA, OS_PARAM_BETA, OS_PARAM_NOISE };
  const double from[] = { 0.1, 0.1, 0.0, 1e-4, 0.2, 0.0 };
  const double to[] = { 5.0, 50.0, 5.0, 1.0, 5.0, 1.0 };

  for (guint a = 0; a < G_N_ELEMENTS (axes); a++)
    {
      OsParams p;
      OsSweep sw = { axes[a], from[a], to[a], 13, axes[a] == OS_PARAM_LAMBDA };
      g_autoptr (OsCurve) c = NULL;

      os_params_init_default (&p);
      c = os_curve_compute (&p, &sw, NULL, NULL, NULL, NULL, NULL);
      g_assert_nonnull (c);
      g_assert_cmpint (c->n, ==, 13);
      g_assert_cmpint (c->n_not_converged, ==, 0);
      g_assert_cmpfloat (c->x[0], ==, from[a]);
      g_assert_cmpfloat (c->x[12], ==, to[a]);
      for (int i = 0; i < c->n; i += 4)
        {
          OsParams q = p;
          OsTheoryPoint pt;

          os_params_set (&q, axes[a], c->x[i]);
          g_assert_true (os_theory_solve (&q, NULL, NULL, &pt, NULL));
          g_assert_cmpfloat_with_epsilon (c->points[i].test_error, pt.test_error,
                                          1e-9 * pt.test_error);
          g_assert_cmpfloat_with_epsilon (c->points[i].q1, pt.q1, 1e-8 * MAX (1, pt.q1));
        }
    }
}

static void
test_log_spacing (void)
{
  OsSweep sw = { OS_PARAM_LAMBDA, 1e-4, 1.0, 5, TRUE };
  double x[5];

  os_sweep_values (&sw, x);
  for (int i = 0; i < 5; i++)
    g_assert_cmpfloat_with_epsilon (x[i], pow (10, -4 + i), 1e-12 * pow (10, -4 + i));
}

typedef struct
{
  GCancellable *cancellable;
  int calls, cancel_at;
} Progress;

static void
on_progress (int done, int total, gpointer data)
{
  Progress *pr = data;

  g_assert_cmpint (done, ==, pr->calls + 1);
  g_assert_cmpint (total, ==, 50);
  pr->calls++;
  if (pr->calls == pr->cancel_at)
    g_cancellable_cancel (pr->cancellable);
}

static void
test_progress_and_cancel (void)
{
  OsParams p;
  OsSweep sw = { OS_PARAM_ALPHA, 0.1, 5.0, 50, FALSE };
  Progress pr = { g_cancellable_new (), 0, 0 };
  GError *error = NULL;
  OsCurve *c;

  os_params_init_default (&p);
  c = os_curve_compute (&p, &sw, NULL, pr.cancellable, on_progress, &pr, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pr.calls, ==, 50);
  os_curve_unref (c);

  pr.calls = 0;
  pr.cancel_at = 7;
  c = os_curve_compute (&p, &sw, NULL, pr.cancellable, on_progress, &pr, &error);
  g_assert_null (c);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (pr.calls, ==, 7);     /* stopped at the next point */
  g_clear_error (&error);
  g_object_unref (pr.cancellable);
}

static void
test_invalid_sweeps (void)
{
  OsParams p;
  GError *error = NULL;
  OsSweep bad_range = { OS_PARAM_ALPHA, 0.01, 5.0, 10, FALSE };
  OsSweep bad_points = { OS_PARAM_ALPHA, 0.1, 5.0, 0, FALSE };
  OsSweep bad_log = { OS_PARAM_ETA, 0.0, 5.0, 10, TRUE };

  os_params_init_default (&p);
  g_assert_null (os_curve_compute (&p, &bad_range, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "--from"));
  g_clear_error (&error);
  g_assert_null (os_curve_compute (&p, &bad_points, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "--points"));
  g_clear_error (&error);
  g_assert_null (os_curve_compute (&p, &bad_log, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "--log"));
  g_clear_error (&error);
}

/* Curves are shared snapshots: a reference keeps the data alive. */
static void
test_refcount (void)
{
  OsParams p;
  OsSweep sw = { OS_PARAM_ALPHA, 0.5, 1.0, 3, FALSE };
  OsCurve *c, *c2;

  os_params_init_default (&p);
  c = os_curve_compute (&p, &sw, NULL, NULL, NULL, NULL, NULL);
  c2 = os_curve_ref (c);
  os_curve_unref (c);
  g_assert_cmpfloat (c2->x[2], ==, 1.0);
  os_curve_unref (c2);
}

static void
assert_tables_equal (const OsKappaTable *a, const OsKappaTable *b)
{
  g_assert_cmpint (a->n, ==, b->n);
  g_assert_cmpmem (a->kappa, 8 * sizeof (double) * a->n, b->kappa, 8 * sizeof (double) * b->n);
  g_assert_cmpmem (&a->spike, sizeof a->spike, &b->spike, sizeof b->spike);
}

/* A dragged α or λ slider reuses the cached tables: the window's theory (a
 * curve along α, the kernel curve, the point, the floors) builds the step's
 * and the kernel's table once, and nothing for the next α or λ. */
static void
test_kappa_cache (void)
{
  OsParams p, kernel;
  OsSweep sw = { OS_PARAM_ALPHA, 0.1, 5.0, 20, FALSE };
  OsTheoryPoint point;
  OsFloors floors;
  OsKappaTable *a, *b, *fresh;
  guint built;

  os_kappa_cache_clear ();
  os_params_init_default (&p);
  kernel = p;
  kernel.eta = 0.0;

  built = os_kappa_tables_built ();
  a = os_kappa_table_lookup (&p, 0);
  g_assert_cmpuint (os_kappa_tables_built (), ==, built + 1);
  b = os_kappa_table_lookup (&p, 0);
  g_assert_true (a == b);
  g_assert_cmpuint (os_kappa_tables_built (), ==, built + 1);
  fresh = os_kappa_table_new (&p, 0);
  assert_tables_equal (a, fresh);
  os_kappa_table_unref (fresh);
  os_kappa_table_unref (b);

  /* the resolution is part of the key */
  b = os_kappa_table_lookup (&p, 300);
  g_assert_true (a != b);
  g_assert_cmpint (b->n, >, a->n);
  os_kappa_table_unref (b);

  /* the window's theory for one change: only the kernel table is new */
  built = os_kappa_tables_built ();
  os_curve_unref (os_curve_compute (&p, &sw, NULL, NULL, NULL, NULL, NULL));
  os_curve_unref (os_curve_compute (&kernel, &sw, NULL, NULL, NULL, NULL, NULL));
  g_assert_true (os_theory_solve (&p, NULL, NULL, &point, NULL));
  os_theory_floors (&p, NULL, &floors);
  g_assert_cmpuint (os_kappa_tables_built (), ==, built + 1);
  /* the next α and λ build nothing */
  p.alpha = 1.7;
  p.lambda = 0.3;
  g_assert_true (os_theory_solve (&p, NULL, NULL, &point, NULL));
  os_theory_floors (&p, NULL, &floors);
  g_assert_cmpuint (os_kappa_tables_built (), ==, built + 1);
  /* a sweep of η̃ builds its own tables and leaves the cache alone */
  {
    OsSweep eta = { OS_PARAM_ETA, 0.5, 2.0, 12, FALSE };

    os_curve_unref (os_curve_compute (&p, &eta, NULL, NULL, NULL, NULL, NULL));
    g_assert_cmpuint (os_kappa_tables_built (), ==, built + 1 + 12);
    b = os_kappa_table_lookup (&p, 0);
    g_assert_true (a == b);
    os_kappa_table_unref (b);
  }

  /* the oldest of OS_KAPPA_CACHE_SIZE + 1 keys is evicted, but a table
   * still referenced lives on */
  for (int i = 1; i <= OS_KAPPA_CACHE_SIZE; i++)
    {
      OsParams q = p;

      q.eta = 1.0 + i;
      os_kappa_table_unref (os_kappa_table_lookup (&q, 0));
    }
  built = os_kappa_tables_built ();
  b = os_kappa_table_lookup (&p, 0);
  g_assert_cmpuint (os_kappa_tables_built (), ==, built + 1);
  g_assert_true (a != b);
  assert_tables_equal (a, b);
  os_kappa_table_unref (b);
  os_kappa_table_unref (a);
  os_kappa_cache_clear ();
}

static gpointer
lookup_thread (gpointer data)
{
  int id = GPOINTER_TO_INT (data);
  OsParams p;
  double checksum = 0.0;

  os_params_init_default (&p);
  for (int i = 0; i < 60; i++)
    {
      OsKappaTable *t;

      p.eta = 0.25 * ((i + id) % 12);     /* 12 keys through an 8-slot cache */
      t = os_kappa_table_lookup (&p, 0);
      g_assert_true (os_kappa_table_matches (t, &p));
      checksum += t->mu1[t->n / 2];
      os_kappa_table_unref (t);
    }
  return GINT_TO_POINTER (isfinite (checksum));
}

static void
test_kappa_cache_threads (void)
{
  GThread *threads[4];

  os_kappa_cache_clear ();
  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new ("lookup", lookup_thread, GINT_TO_POINTER (i));
  for (int i = 0; i < 4; i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
  os_kappa_cache_clear ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/curve/matches-single-points", test_matches_single_points);
  g_test_add_func ("/curve/log-spacing", test_log_spacing);
  g_test_add_func ("/curve/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/curve/invalid", test_invalid_sweeps);
  g_test_add_func ("/curve/refcount", test_refcount);
  g_test_add_func ("/curve/kappa-cache", test_kappa_cache);
  g_test_add_func ("/curve/kappa-cache-threads", test_kappa_cache_threads);
  return g_test_run ();
}
