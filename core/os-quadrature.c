/* os-quadrature.c — Gauss rules against the standard normal density.
 *
 * Gauss–Hermite: the Jacobi matrix of the orthonormal probabilists' Hermite
 * polynomials (off-diagonal √k) gives the nodes (Golub & Welsch 1969); each
 * node is then polished by Newton on p_n, and the weight is the Christoffel
 * function 1/Σ_k p_k(x)², evaluated with rescaling so that n up to 512 does
 * not overflow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-quadrature.h"

#include <lapacke.h>
#include <math.h>
#include <pthread.h>

#define OS_RULE_MAX 512
#define SPLIT_HALF_WIDTH 12.0

typedef enum { RULE_HERMITE, RULE_SPLIT, RULE_LEGENDRE, RULE_KINDS } RuleKind;

/* A pthread mutex rather than a GMutex: Debian's GLib implements GMutex
 * with raw futexes that ThreadSanitizer cannot see, and the cache is shared
 * by every worker thread. */
static pthread_mutex_t rule_lock = PTHREAD_MUTEX_INITIALIZER;
static OsRule *rule_cache[RULE_KINDS][OS_RULE_MAX + 1];

static OsRule *
rule_alloc (int n, double **nodes, double **weights)
{
  OsRule *rule = g_new0 (OsRule, 1);

  rule->n = n;
  *nodes = g_new0 (double, n);
  *weights = g_new0 (double, n);
  rule->nodes = *nodes;
  rule->weights = *weights;
  return rule;
}

/* Orthonormal Hermite p_n(x) and p_{n-1}(x) w.r.t. N(0,1), and the
 * Christoffel sum Σ_{k<n} p_k(x)², all divided by 2^(scale) to avoid
 * overflow; *log2_scale receives the accumulated power. */
static void
hermite_eval (int n, double x, double *pn, double *pn1, double *sum, double *log2_scale)
{
  double p_prev = 0.0, p = 1.0, s = 0.0, scale = 0.0;

  for (int k = 0; k < n; k++)
    {
      double next;

      s += p * p;
      next = (x * p - sqrt ((double) k) * p_prev) / sqrt ((double) k + 1);
      p_prev = p;
      p = next;
      if (fabs (p) > 0x1p400)
        {
          p = ldexp (p, -400);
          p_prev = ldexp (p_prev, -400);
          s = ldexp (s, -800);
          scale += 400;
        }
    }
  *pn = p;
  *pn1 = p_prev;
  *sum = s;
  *log2_scale = scale;
}

static OsRule *
build_hermite (int n)
{
  double *x, *w;
  OsRule *rule = rule_alloc (n, &x, &w);
  double *offdiag = g_new0 (double, n > 1 ? n - 1 : 1);
  lapack_int info;

  for (int k = 1; k < n; k++)
    offdiag[k - 1] = sqrt ((double) k);
  info = LAPACKE_dsterf (n, x, offdiag);
  g_assert (info == 0);

  for (int i = 0; i < n; i++)
    {
      double pn, pn1, sum, scale;

      for (int it = 0; it < 3; it++)
        {
          double dp;

          hermite_eval (n, x[i], &pn, &pn1, &sum, &scale);
          dp = sqrt ((double) n) * pn1;   /* p_n' = √n p_{n-1} */
          if (dp != 0.0)
            x[i] -= pn / dp;
        }
      hermite_eval (n, x[i], &pn, &pn1, &sum, &scale);
      /* weight = 1/(sum · 2^(2·scale)) */
      w[i] = scale > 0 ? ldexp (1.0 / sum, (int) (-2 * scale)) : 1.0 / sum;
    }

  /* Symmetrise (the rule is exactly symmetric) and renormalise the
   * rounding of Σ w = 1. */
  {
    double total = 0.0;

    for (int i = 0; i < n / 2; i++)
      {
        double xs = 0.5 * (x[n - 1 - i] - x[i]);
        double ws = 0.5 * (w[n - 1 - i] + w[i]);

        x[i] = -xs;
        x[n - 1 - i] = xs;
        w[i] = w[n - 1 - i] = ws;
      }
    if (n % 2 == 1)
      x[n / 2] = 0.0;
    for (int i = 0; i < n; i++)
      total += w[i];
    for (int i = 0; i < n; i++)
      w[i] /= total;
  }

  g_free (offdiag);
  return rule;
}

static void
legendre_nodes (int n, double *x, double *w)
{
  for (int i = 0; i < n; i++)
    {
      double z = cos (G_PI * (i + 0.75) / (n + 0.5));
      double dp = 1.0;

      for (int it = 0; it < 100; it++)
        {
          double p0 = 1.0, p1 = z, dz;

          for (int k = 2; k <= n; k++)
            {
              double p2 = ((2.0 * k - 1) * z * p1 - (k - 1.0) * p0) / k;
              p0 = p1;
              p1 = p2;
            }
          if (n == 1)
            {
              p1 = z;
              p0 = 1.0;
            }
          dp = n * (z * p1 - p0) / (z * z - 1.0);
          dz = p1 / dp;
          z -= dz;
          if (fabs (dz) < 1e-16)
            break;
        }
      {
        /* recompute the derivative at the converged node */
        double p0 = 1.0, p1 = z;

        for (int k = 2; k <= n; k++)
          {
            double p2 = ((2.0 * k - 1) * z * p1 - (k - 1.0) * p0) / k;
            p0 = p1;
            p1 = p2;
          }
        dp = n * (z * p1 - p0) / (z * z - 1.0);
      }
      x[n - 1 - i] = z;   /* ascending */
      w[n - 1 - i] = 2.0 / ((1.0 - z * z) * dp * dp);
    }
}

static OsRule *
build_legendre (int n)
{
  double *x, *w;
  OsRule *rule = rule_alloc (n, &x, &w);

  legendre_nodes (n, x, w);
  return rule;
}

static OsRule *
build_split (int n_half)
{
  const OsRule *gl = os_rule_legendre (n_half);
  double *x, *w, total = 0.0;
  OsRule *rule = rule_alloc (2 * n_half, &x, &w);
  const double half = 0.5 * SPLIT_HALF_WIDTH;

  for (int i = 0; i < n_half; i++)
    {
      double z = half * (gl->nodes[i] + 1.0);          /* in [0, L] */
      double wz = half * gl->weights[i] * exp (-0.5 * z * z) / sqrt (2 * G_PI);

      x[n_half + i] = z;
      w[n_half + i] = wz;
      x[n_half - 1 - i] = -z;
      w[n_half - 1 - i] = wz;
    }
  for (int i = 0; i < 2 * n_half; i++)
    total += w[i];
  /* the mass beyond ±12 is 3.6e-33: renormalising only removes rounding */
  for (int i = 0; i < 2 * n_half; i++)
    w[i] /= total;
  return rule;
}

static const OsRule *
rule_get (RuleKind kind, int n)
{
  OsRule *rule;

  g_return_val_if_fail (n >= 1 && n <= OS_RULE_MAX, NULL);

  pthread_mutex_lock (&rule_lock);
  rule = rule_cache[kind][n];
  if (rule == NULL)
    {
      switch (kind)
        {
        case RULE_HERMITE:  rule = build_hermite (n); break;
        case RULE_LEGENDRE: rule = build_legendre (n); break;
        case RULE_SPLIT:
          /* build_split takes the Legendre rule: release the lock meanwhile
           * would allow a race, so build the Legendre rule inline. */
          if (rule_cache[RULE_LEGENDRE][n] == NULL)
            rule_cache[RULE_LEGENDRE][n] = build_legendre (n);
          pthread_mutex_unlock (&rule_lock);
          rule = build_split (n);
          pthread_mutex_lock (&rule_lock);
          if (rule_cache[kind][n] != NULL)
            {
              /* another thread won the race: keep its rule */
              g_free ((double *) rule->nodes);
              g_free ((double *) rule->weights);
              g_free (rule);
              rule = rule_cache[kind][n];
            }
          break;
        default:
          g_assert_not_reached ();
        }
      rule_cache[kind][n] = rule;
    }
  pthread_mutex_unlock (&rule_lock);
  return rule;
}

const OsRule *
os_rule_gauss_hermite (int n)
{
  return rule_get (RULE_HERMITE, n);
}

const OsRule *
os_rule_legendre (int n)
{
  return rule_get (RULE_LEGENDRE, n);
}

const OsRule *
os_rule_split_legendre (int n_half)
{
  g_return_val_if_fail (n_half >= 2, NULL);
  return rule_get (RULE_SPLIT, n_half);
}

double
os_rule_expect (const OsRule *rule,
                double      (*f) (double z, gpointer data),
                gpointer      data)
{
  double s = 0.0;

  for (int i = 0; i < rule->n; i++)
    s += rule->weights[i] * f (rule->nodes[i], data);
  return s;
}
