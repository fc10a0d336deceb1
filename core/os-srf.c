/* os-srf.c — the spiked-random-features map (THEORY.md §2) and the κ tables
 * of conditional coefficients (THEORY.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-srf.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#define DEFAULT_NODES_PER_PIECE 32

static gint tables_built;   /* os_kappa_tables_built () */

void
os_spike_compute (const OsParams *params, OsSpike *out)
{
  OsMoments sm, tm;

  os_activation_moments (params->student, &sm);
  os_activation_moments (params->teacher, &tm);

  out->mu0 = sm.mean;
  out->mu1 = sm.mu1;
  out->v_prime = MAX (sm.deriv_sq - sm.mu1 * sm.mu1, 0.0);
  out->tau = sm.tau;
  out->mu1_star = tm.mu1;
  out->teacher_mean = tm.mean;
  out->teacher_second = tm.second;
  out->e_bar = tm.mean - sm.mean;
  out->e2 = tm.second - 2.0 * sm.mean * tm.mean + sm.mean * sm.mean + params->noise;

  if (params->eta == 0.0 || params->alpha0 == 0.0)
    {
      out->spike_strength = 0.0;
      out->bulk_scale = 1.0;
      out->alignment = 0.0;
    }
  else
    {
      double eta = params->eta;
      double spread = sqrt (out->e2 / params->alpha0 + out->mu1_star * out->mu1_star);
      double self = 1.0 + eta * out->e_bar * out->tau;   /* beyond the paper, §2 */

      out->spike_strength = eta * out->mu1 * spread;
      out->bulk_scale = sqrt (self * self + eta * eta * out->e2 * out->v_prime / params->alpha0);
      out->alignment = spread > 0.0 ? out->mu1_star / spread : 0.0;
    }
  out->rho = sqrt (MAX (0.0, 1.0 - out->alignment * out->alignment));
}

/* The κ rule: composite Gauss–Legendre on [−12, 12] weighted by φ(κ), with
 * pieces graded geometrically away from κ = 0. After a large step the
 * coefficients vary on the scale c/r around κ = 0 (where the mean
 * pre-activation rκ crosses the bulk width c), and the weights 1/(1 + V(κ))
 * switch on the same scale when V is large (small λ); a ReLU teacher seen
 * along a well-aligned spike has a kink of width ρ/γ at 0. The first piece
 * is as wide as the finest of these scales (at most 1), each next one three
 * times wider, each with `per_piece` nodes; so a sharp feature near 0 is
 * resolved; 32 nodes a piece keep ε_g within 2e-8 (relative) of a rule
 * with 80 a piece over all of §8 (tests/test-theory-grid.c). */
#define KAPPA_RANGE 12.0
#define KAPPA_GRADING 3.0
#define KAPPA_MIN_WIDTH 0.02

static OsRule *
kappa_rule_new (const OsSpike *spike, OsActivation teacher, int n_kappa)
{
  int per_piece = n_kappa > 0 ? MAX (4, n_kappa / 6) : DEFAULT_NODES_PER_PIECE;
  const OsRule *gl = os_rule_legendre (per_piece);
  double h0 = 1.0, edges[64];
  int n_edges = 0;
  OsRule *rule;
  double *x, *w, total = 0.0;

  if (spike->spike_strength > 0.0)
    h0 = MIN (h0, spike->bulk_scale / spike->spike_strength);
  if (os_activation_has_kink (teacher) && spike->alignment > 0.0)
    h0 = MIN (h0, spike->rho / spike->alignment);
  h0 = MAX (h0, KAPPA_MIN_WIDTH);

  edges[n_edges++] = 0.0;
  for (double len = h0; edges[n_edges - 1] < KAPPA_RANGE && n_edges < 63; len *= KAPPA_GRADING)
    edges[n_edges] = MIN (KAPPA_RANGE, edges[n_edges - 1] + len), n_edges++;
  /* fold a last sliver into its neighbour */
  if (n_edges > 2 && edges[n_edges - 1] - edges[n_edges - 2] < 0.5 * (edges[n_edges - 2] - edges[n_edges - 3]))
    edges[n_edges - 2] = edges[n_edges - 1], n_edges--;

  rule = g_new0 (OsRule, 1);
  rule->n = 2 * (n_edges - 1) * gl->n;
  x = g_new (double, rule->n);
  w = g_new (double, rule->n);
  for (int piece = 0; piece < n_edges - 1; piece++)
    {
      double half = 0.5 * (edges[piece + 1] - edges[piece]);
      double mid = 0.5 * (edges[piece + 1] + edges[piece]);

      for (int i = 0; i < gl->n; i++)
        {
          double k = mid + half * gl->nodes[i];
          double wk = half * gl->weights[i] * exp (-0.5 * k * k) / sqrt (2 * G_PI);
          int right = rule->n / 2 + piece * gl->n + i;
          int left = rule->n / 2 - 1 - (piece * gl->n + i);

          x[right] = k;
          w[right] = wk;
          x[left] = -k;
          w[left] = wk;
        }
    }
  for (int i = 0; i < rule->n; i++)
    total += w[i];
  for (int i = 0; i < rule->n; i++)
    w[i] /= total;      /* the mass beyond ±12 is 4e-33 */
  rule->nodes = x;
  rule->weights = w;
  return rule;
}

static void
kappa_rule_free (OsRule *rule)
{
  g_free ((double *) rule->nodes);
  g_free ((double *) rule->weights);
  g_free (rule);
}

/* ---- the teacher's columns, shared by tables on the same rule ----------- */

/* h, h1, h2 depend on κ only through the teacher seen along the spike:
 * (σ*, γ, ρ, Δ) and the rule's nodes. For η̃ > 0, γ and ρ do not depend on
 * η̃, and the rule does not either while the step is small enough that
 * c/r ≥ 1 (its first piece is then 1 wide): the η̃ grid and Brent steps of
 * an optimal-η̃ line near η̃* ≈ 0.3 (network size 1000) all have the same
 * teacher columns, half of a table's quadratures for a tanh teacher. They
 * are kept for the TEACHER_CACHE_SIZE most recent keys and copied, so a
 * table is bit for bit what it was. */
#define TEACHER_CACHE_SIZE 8

typedef struct
{
  OsActivation teacher;
  double       alignment, rho, noise;
  int          n;
  double      *kappa;       /* n nodes, then h, h1, h2 (n each) */
} TeacherColumns;

/* a pthread mutex, not a GMutex: GLib's futex mutex is invisible to TSan */
static pthread_mutex_t teacher_lock = PTHREAD_MUTEX_INITIALIZER;
static TeacherColumns *teacher_cache[TEACHER_CACHE_SIZE];   /* most recently used first */

static gboolean
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

static gboolean
teacher_key_equal (const TeacherColumns *c, const OsKappaTable *t)
{
  return c->teacher == t->teacher && same_bits (c->alignment, t->spike.alignment)
         && same_bits (c->rho, t->spike.rho) && same_bits (c->noise, t->noise) && c->n == t->n
         && memcmp (c->kappa, t->kappa, sizeof *t->kappa * (gsize) t->n) == 0;
}

/* the teacher columns of t's key into t; FALSE when not kept */
static gboolean
teacher_columns_find (OsKappaTable *t)
{
  gboolean found = FALSE;

  pthread_mutex_lock (&teacher_lock);
  for (int i = 0; i < TEACHER_CACHE_SIZE && teacher_cache[i] != NULL && !found; i++)
    if (teacher_key_equal (teacher_cache[i], t))
      {
        TeacherColumns *c = teacher_cache[i];

        memcpy (t->h, c->kappa + c->n, sizeof *t->h * (gsize) t->n);
        memcpy (t->h1, c->kappa + 2 * c->n, sizeof *t->h1 * (gsize) t->n);
        memcpy (t->h2, c->kappa + 3 * c->n, sizeof *t->h2 * (gsize) t->n);
        memmove (teacher_cache + 1, teacher_cache, i * sizeof teacher_cache[0]);
        teacher_cache[0] = c;
        found = TRUE;
      }
  pthread_mutex_unlock (&teacher_lock);
  return found;
}

static void
teacher_columns_keep (const OsKappaTable *t)
{
  TeacherColumns *c = g_new (TeacherColumns, 1), *evicted;

  c->teacher = t->teacher;
  c->alignment = t->spike.alignment;
  c->rho = t->spike.rho;
  c->noise = t->noise;
  c->n = t->n;
  c->kappa = g_new (double, 4 * (gsize) t->n);
  memcpy (c->kappa, t->kappa, sizeof *t->kappa * (gsize) t->n);
  memcpy (c->kappa + t->n, t->h, sizeof *t->h * (gsize) t->n);
  memcpy (c->kappa + 2 * t->n, t->h1, sizeof *t->h1 * (gsize) t->n);
  memcpy (c->kappa + 3 * t->n, t->h2, sizeof *t->h2 * (gsize) t->n);
  pthread_mutex_lock (&teacher_lock);
  evicted = teacher_cache[TEACHER_CACHE_SIZE - 1];
  memmove (teacher_cache + 1, teacher_cache, (TEACHER_CACHE_SIZE - 1) * sizeof teacher_cache[0]);
  teacher_cache[0] = c;
  pthread_mutex_unlock (&teacher_lock);
  if (evicted != NULL)
    {
      g_free (evicted->kappa);
      g_free (evicted);
    }
}

OsKappaTable *
os_kappa_table_new (const OsParams *params, int n_kappa)
{
  OsKappaTable *t = g_new0 (OsKappaTable, 1);
  OsRule *rule;
  double *block;
  gboolean odd_without_spike;

  g_atomic_int_inc (&tables_built);
  t->ref_count = 1;
  t->n_kappa = n_kappa;
  t->student = params->student;
  t->teacher = params->teacher;
  t->eta = params->eta;
  t->alpha0 = params->alpha0;
  t->noise = params->noise;
  os_spike_compute (params, &t->spike);
  rule = kappa_rule_new (&t->spike, params->teacher, n_kappa);

  t->n = rule->n;
  block = g_new (double, 8 * (gsize) t->n);
  t->kappa = block;
  t->weight = block + t->n;
  t->mu0 = block + 2 * t->n;
  t->mu1 = block + 3 * t->n;
  t->mu2 = block + 4 * t->n;
  t->h = block + 5 * t->n;
  t->h1 = block + 6 * t->n;
  t->h2 = block + 7 * t->n;

  /* Without a spike an odd student has μ0(κ) ≡ 0 exactly; quadrature would
   * leave rounding noise that m = ⟨..⟩/⟨μ0²⟩ would amplify. */
  odd_without_spike = t->spike.spike_strength == 0.0 && t->spike.mu0 == 0.0;

  for (int i = 0; i < t->n; i++)
    {
      double k = rule->nodes[i];

      t->kappa[i] = k;
      t->weight[i] = rule->weights[i];
      os_srf_student_at (params, &t->spike, k, &t->mu0[i], &t->mu1[i], &t->mu2[i]);
      if (odd_without_spike)
        t->mu0[i] = 0.0;
    }
  if (!teacher_columns_find (t))
    {
      for (int i = 0; i < t->n; i++)
        os_srf_teacher_at (params, &t->spike, t->kappa[i], &t->h[i], &t->h1[i], &t->h2[i]);
      teacher_columns_keep (t);
    }
  kappa_rule_free (rule);
  return t;
}

/* The count is kept with the compiler's atomics, not GLib's: those run in
 * the uninstrumented libglib, and TSan would not see that the last unref
 * (in whichever thread) comes after every other thread's reads. */
OsKappaTable *
os_kappa_table_ref (OsKappaTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  __atomic_fetch_add (&table->ref_count, 1, __ATOMIC_RELAXED);
  return table;
}

void
os_kappa_table_unref (OsKappaTable *table)
{
  if (table == NULL)
    return;
  if (__atomic_fetch_sub (&table->ref_count, 1, __ATOMIC_ACQ_REL) != 1)
    return;
  g_free (table->kappa);
  g_free (table);
}

/* ---- the cache --------------------------------------------------------- */

/* a pthread mutex, not a GMutex: GLib's futex mutex is invisible to TSan */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static OsKappaTable *cache[OS_KAPPA_CACHE_SIZE];   /* most recently used first */

static gboolean
cache_key_equal (const OsKappaTable *t, const OsParams *params, int n_kappa)
{
  return os_kappa_table_matches (t, params) && t->n_kappa == n_kappa;
}

/* Moves slot i to the front; cache_lock held. */
static void
cache_promote (int i)
{
  OsKappaTable *t = cache[i];

  memmove (cache + 1, cache, i * sizeof cache[0]);
  cache[0] = t;
}

/* A new reference to the cached table for the key, moved to the front, or
 * NULL; cache_lock held. */
static OsKappaTable *
cache_find (const OsParams *params, int n_kappa)
{
  for (int i = 0; i < OS_KAPPA_CACHE_SIZE && cache[i] != NULL; i++)
    if (cache_key_equal (cache[i], params, n_kappa))
      {
        cache_promote (i);
        return os_kappa_table_ref (cache[0]);
      }
  return NULL;
}

OsKappaTable *
os_kappa_table_lookup (const OsParams *params, int n_kappa)
{
  OsKappaTable *found, *built, *evicted = NULL;

  pthread_mutex_lock (&cache_lock);
  found = cache_find (params, n_kappa);
  pthread_mutex_unlock (&cache_lock);
  if (found != NULL)
    return found;

  /* built outside the lock: other threads' lookups do not wait for it */
  built = os_kappa_table_new (params, n_kappa);

  pthread_mutex_lock (&cache_lock);
  found = cache_find (params, n_kappa);
  if (found != NULL)
    {
      /* another thread built it meanwhile: one copy stays cached */
      pthread_mutex_unlock (&cache_lock);
      os_kappa_table_unref (built);
      return found;
    }
  evicted = cache[OS_KAPPA_CACHE_SIZE - 1];
  memmove (cache + 1, cache, (OS_KAPPA_CACHE_SIZE - 1) * sizeof cache[0]);
  cache[0] = os_kappa_table_ref (built);
  pthread_mutex_unlock (&cache_lock);
  os_kappa_table_unref (evicted);
  return built;
}

void
os_kappa_cache_clear (void)
{
  OsKappaTable *old[OS_KAPPA_CACHE_SIZE];

  pthread_mutex_lock (&cache_lock);
  memcpy (old, cache, sizeof cache);
  memset (cache, 0, sizeof cache);
  pthread_mutex_unlock (&cache_lock);
  for (int i = 0; i < OS_KAPPA_CACHE_SIZE; i++)
    os_kappa_table_unref (old[i]);
}

guint
os_kappa_tables_built (void)
{
  return (guint) g_atomic_int_get (&tables_built);
}

gboolean
os_kappa_table_matches (const OsKappaTable *t, const OsParams *params)
{
  return t != NULL
         && t->student == params->student && t->teacher == params->teacher
         && t->eta == params->eta && t->alpha0 == params->alpha0
         && t->noise == params->noise;
}

gboolean
os_kappa_table_depends_on (OsParamId id)
{
  return id == OS_PARAM_ETA || id == OS_PARAM_ALPHA0 || id == OS_PARAM_NOISE;
}

void
os_srf_student_at (const OsParams *params, const OsSpike *spike, double kappa,
                   double *mu0, double *mu1, double *mu2)
{
  os_student_conditional (params->student, spike->spike_strength * kappa,
                          spike->bulk_scale, mu0, mu1, mu2);
}

void
os_srf_teacher_at (const OsParams *params, const OsSpike *spike, double kappa,
                   double *h, double *h1, double *h2)
{
  os_teacher_conditional (params->teacher, spike->alignment * kappa, spike->rho,
                          params->noise, h, h1, h2);
}
