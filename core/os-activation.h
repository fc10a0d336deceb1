/* os-activation.h — activations σ (student) and σ* (teacher), their
 * derivatives and their Gaussian expectations.
 *
 * THEORY.md §2 (scalar moments) and §3 (conditional coefficients).
 * Smooth functions use Gauss–Hermite rules; ReLU uses closed forms;
 * sin and the polynomial teachers use closed forms or exact rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OS_ACT_LINEAR,     /* z                                   (teacher only) */
  OS_ACT_TANH,       /* tanh z                                             */
  OS_ACT_ERF,        /* erf z                                              */
  OS_ACT_RELU,       /* max(z, 0)                                          */
  OS_ACT_SIN,        /* sin z                                              */
  OS_ACT_HE2,        /* (z² − 1)/√2                         (teacher only) */
  OS_ACT_HE3,        /* (z³ − 3z)/√6                        (teacher only) */
  OS_ACT_HE1_HE2,    /* (z + He2(z))/√2                     (teacher only) */
  OS_ACT_N
} OsActivation;

/* Command-line spelling, lower case: "tanh", "he1+he2", ... */
const char *os_activation_name        (OsActivation act);
/* Display spelling, UTF-8: "tanh", "He₂", "He₁+He₂", "ReLU", ... */
const char *os_activation_label       (OsActivation act);
/* Case-insensitive. Returns FALSE for an unknown name. */
gboolean    os_activation_from_name   (const char   *name,
                                       OsActivation *out);
gboolean    os_activation_is_student  (OsActivation act);
gboolean    os_activation_is_teacher  (OsActivation act);
/* TRUE when the function has a kink (ReLU): quadrature must split at 0. */
gboolean    os_activation_has_kink    (OsActivation act);

double      os_activation_eval        (OsActivation act, double z);
/* σ'(z); for ReLU the step function (σ'(0) = 0). */
double      os_activation_deriv       (OsActivation act, double z);

/* Vectorised forms used by the simulation: out[i] = σ(in[i]) / σ'(in[i]).
 * in and out may alias. */
void        os_activation_eval_array  (OsActivation act, const double *in, double *out, gsize n);
void        os_activation_deriv_array (OsActivation act, const double *in, double *out, gsize n);

/* Scalar Gaussian moments of one activation, z ~ N(0,1) (THEORY.md §2). */
typedef struct
{
  double mean;        /* E σ(z)                    (μ0 for a student)     */
  double mu1;         /* E z σ(z) = E σ'(z)                               */
  double second;      /* E σ(z)²                                          */
  double deriv_sq;    /* E σ'(z)²                                         */
  double tau;         /* E z σ'(z)  (slope of σ', = E σ''(z))             */
} OsMoments;

void        os_activation_moments     (OsActivation act, OsMoments *out);

/* Student coefficients at spike coordinate κ (THEORY.md §3):
 *   μ0 = E_z σ(a + c z),  μ1 = E_z[z σ(a + c z)]/c,
 *   μ2² = E_z σ(a + c z)² − μ0² − c² μ1²  (clipped at 0),   a = r κ.
 * c > 0. *out_mu2 is μ2 (the square root). */
void        os_student_conditional    (OsActivation act,
                                       double       a,
                                       double       c,
                                       double      *out_mu0,
                                       double      *out_mu1,
                                       double      *out_mu2);

/* Teacher seen from κ (THEORY.md §3), a = γ κ, ρ = √(1 − γ²):
 *   h = E σ*(a + ρν),  h1 = E[ν σ*(a + ρν)],  h2 = E σ*(a + ρν)² + Δ. */
void        os_teacher_conditional    (OsActivation act,
                                       double       a,
                                       double       rho,
                                       double       noise,
                                       double      *out_h,
                                       double      *out_h1,
                                       double      *out_h2);

G_END_DECLS
