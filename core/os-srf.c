/* os-srf.c — the spiked-random-features map (THEORY.md §2) and the κ tables
 * of conditional coefficients (THEORY.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-srf.h"

#include <math.h>

#define DEFAULT_KAPPA_NODES 96

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

static const OsRule *
kappa_rule (const OsParams *params, int n_kappa)
{
  if (n_kappa <= 0)
    n_kappa = DEFAULT_KAPPA_NODES;
  /* a kink at κ = 0 (ReLU student with a spike, ReLU teacher seen along an
   * aligned spike) needs the split rule; smooth integrands take Hermite */
  if (os_activation_has_kink (params->student) || os_activation_has_kink (params->teacher))
    return os_rule_split_legendre (MAX (2, n_kappa / 2));
  return os_rule_gauss_hermite (n_kappa);
}

OsKappaTable *
os_kappa_table_new (const OsParams *params, int n_kappa)
{
  OsKappaTable *t = g_new0 (OsKappaTable, 1);
  const OsRule *rule = kappa_rule (params, n_kappa);
  double *block;
  gboolean odd_without_spike;

  t->student = params->student;
  t->teacher = params->teacher;
  t->eta = params->eta;
  t->alpha0 = params->alpha0;
  t->noise = params->noise;
  os_spike_compute (params, &t->spike);

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
      os_srf_teacher_at (params, &t->spike, k, &t->h[i], &t->h1[i], &t->h2[i]);
    }
  return t;
}

void
os_kappa_table_free (OsKappaTable *table)
{
  if (table == NULL)
    return;
  g_free (table->kappa);
  g_free (table);
}

gboolean
os_kappa_table_matches (const OsKappaTable *t, const OsParams *params)
{
  return t != NULL
         && t->student == params->student && t->teacher == params->teacher
         && t->eta == params->eta && t->alpha0 == params->alpha0
         && t->noise == params->noise;
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
