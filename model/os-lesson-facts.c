/* os-lesson-facts.c — the numbers of a lesson step, captions and checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-lesson-facts.h"
#include "os-error.h"
#include "os-flags.h"

#include <math.h>
#include <string.h>

typedef enum
{
  F_EG, F_ET, F_KERNEL, F_GAIN, F_LIN, F_SPIKE_FLOOR, F_R, F_C, F_GAMMA, F_M, F_THETA, F_PSI, F_Q1, F_Q2,
  F_ETA, F_ALPHA0, F_ALPHA, F_BETA, F_LAMBDA, F_NOISE, F_D, F_P, F_SPIKE, F_THETA_S, F_BBP,
  F_EDGE, F_EDGE0, F_OUTLIER, F_OUTLIER0, F_OUTLIERS, F_OUTLIERS0, F_NONLIN, F_NONLIN_H, F_MISFIT,
  F_EG_MIN, F_KERNEL_MIN, F_SLOPE0, F_SLOPE_END,
  F_N
} Fact;

G_STATIC_ASSERT (F_N <= OS_FACTS_N);

static const char *const names[F_N + 1] = {
  "eg", "et", "kernel", "gain", "lin", "spike_floor", "r", "c", "gamma", "m", "theta", "psi", "q1", "q2",
  "eta", "alpha0", "alpha", "beta", "lambda", "noise", "d", "p", "spike", "theta_s", "bbp",
  "edge", "edge0", "outlier", "outlier0", "outliers", "outliers0", "nonlin", "nonlin_h", "misfit",
  "eg_min", "kernel_min", "slope0", "slope_end", NULL
};

const char *const *
os_fact_names (void)
{
  return names;
}

/* 1 − R² of the linear fit of y in κ over the plotted range, evenly
 * weighted as the eye sees it */
static double
nonlinearity (const double *kappa, const double *y, int n)
{
  double sw = 0, mk = 0, my = 0, skk = 0, syy = 0, sky = 0;

  for (int i = 0; i < n; i++)
    {
      double w = 1.0;

      sw += w;
      mk += w * kappa[i];
      my += w * y[i];
    }
  mk /= sw;
  my /= sw;
  for (int i = 0; i < n; i++)
    {
      double w = 1.0, dk = kappa[i] - mk, dy = y[i] - my;

      skk += w * dk * dk;
      syy += w * dy * dy;
      sky += w * dk * dy;
    }
  if (syy <= 1e-14 * sw)
    return 0.0;   /* a constant is a straight line */
  return MAX (0.0, 1.0 - sky * sky / (skk * syy));
}

static double
misfit (const double *kappa, const double *f, const double *h, int n)
{
  double sw = 0, mh = 0, vh = 0, e = 0;

  for (int i = 0; i < n; i++)
    {
      double w = exp (-0.5 * kappa[i] * kappa[i]);

      sw += w;
      mh += w * h[i];
      e += w * (f[i] - h[i]) * (f[i] - h[i]);
    }
  mh /= sw;
  for (int i = 0; i < n; i++)
    vh += exp (-0.5 * kappa[i] * kappa[i]) * (h[i] - mh) * (h[i] - mh);
  return vh > 1e-14 * sw ? e / vh : 0.0;
}

/* f̂'s slope at κ = 0 (central difference) and its mean slope over
 * 2 ≤ |κ| ≤ 3 (the secants of both ends, averaged) */
static void
slopes (const double *kappa, const double *f, int n, double *at0, double *at_ends)
{
  int i0 = 0, i2 = 0, i3 = n - 1, j2 = 0, j3 = 0;

  for (int i = 0; i < n; i++)
    {
      if (fabs (kappa[i]) < fabs (kappa[i0]))
        i0 = i;
      if (fabs (kappa[i] - 2) < fabs (kappa[i2] - 2))
        i2 = i;
      if (fabs (kappa[i] + 2) < fabs (kappa[j2] + 2))
        j2 = i;
      if (fabs (kappa[i] + 3) < fabs (kappa[j3] + 3))
        j3 = i;
    }
  if (i0 <= 0 || i0 >= n - 1)
    {
      *at0 = *at_ends = 0;
      return;
    }
  *at0 = (f[i0 + 1] - f[i0 - 1]) / (kappa[i0 + 1] - kappa[i0 - 1]);
  *at_ends = 0.5 * ((f[i3] - f[i2]) / (kappa[i3] - kappa[i2]) + (f[j2] - f[j3]) / (kappa[j2] - kappa[j3]));
}

/* the least converged ε_g along a curve (NaN if none converged) */
static double
curve_min (const OsCurve *curve)
{
  double m = NAN;

  for (int i = 0; curve != NULL && i < curve->n; i++)
    if (curve->points[i].converged && !(curve->points[i].test_error >= m))
      m = curve->points[i].test_error;
  return m;
}

void
os_facts_from_figure (const OsFigure *fig, OsFacts *facts)
{
  const OsFigureTheory *t = fig->theory;
  const OsTheoryPoint *cur;
  const OsSpectralDensity *ds = fig->density_step, *di = fig->density_init;
  double *v = facts->value;
  int d = os_view_spectrum_d (&fig->view);   /* where the spectra's outliers stand */

  memset (facts, 0, sizeof *facts);
  g_return_if_fail (t != NULL && ds != NULL && di != NULL);
  cur = &t->current;
  v[F_EG] = cur->test_error;
  v[F_ET] = cur->train_error;
  v[F_KERNEL] = t->floors.kernel;
  v[F_GAIN] = t->floors.kernel - cur->test_error;
  v[F_LIN] = t->floors.linear;
  v[F_SPIKE_FLOOR] = t->floors.spike;
  v[F_R] = cur->r;
  v[F_C] = cur->c;
  v[F_GAMMA] = cur->gamma;
  v[F_M] = cur->m;
  v[F_THETA] = cur->theta;
  v[F_PSI] = cur->psi;
  v[F_Q1] = cur->q1;
  v[F_Q2] = cur->q2;
  for (int i = 0; i < OS_PARAM_N; i++)
    v[F_ETA + i] = os_params_get (&fig->params, i);
  v[F_D] = d;
  v[F_P] = round (fig->params.beta * d);
  v[F_SPIKE] = cur->r * sqrt (v[F_P]);
  v[F_THETA_S] = cur->c > 0 ? v[F_SPIKE] / cur->c : 0;
  v[F_BBP] = pow (fig->params.beta, 0.25);
  v[F_EDGE] = ds->edge_hi;
  v[F_EDGE0] = di->edge_hi;
  v[F_OUTLIER] = ds->n_outliers > 0 ? ds->outliers[0] : 0;
  v[F_OUTLIER0] = di->n_outliers > 0 ? di->outliers[0] : 0;
  v[F_OUTLIERS] = ds->n_outliers;
  v[F_OUTLIERS0] = di->n_outliers;
  v[F_NONLIN] = nonlinearity (t->kappa, t->f_hat, t->n_kappa);
  v[F_NONLIN_H] = nonlinearity (t->kappa, t->h, t->n_kappa);
  v[F_MISFIT] = misfit (t->kappa, t->f_hat, t->h, t->n_kappa);
  slopes (t->kappa, t->f_hat, t->n_kappa, &v[F_SLOPE0], &v[F_SLOPE_END]);
  v[F_EG_MIN] = curve_min (t->curve);
  v[F_KERNEL_MIN] = curve_min (t->kernel);
  facts->valid = TRUE;
}

gboolean
os_facts_get (const OsFacts *facts, const char *name, double *value)
{
  for (int i = 0; i < F_N; i++)
    if (g_str_equal (name, names[i]))
      {
        *value = facts->value[i];
        return TRUE;
      }
  return FALSE;
}

OsFigure *
os_facts_figure (const OsParams *params, const OsView *view, GCancellable *cancellable, GError **error)
{
  OsView v = *view;

  /* the network's d as the screen has it (the simulation's while it runs),
   * without running it */
  if (v.simulate && v.network_d > 0)
    v.network_d = v.sim.d;
  v.simulate = FALSE;
  return os_figure_compute_all (params, &v, cancellable, error);
}

/* %.Ng with a real minus sign */
static void
append_value (GString *out, double v, int digits)
{
  g_autofree char *text = g_strdup_printf ("%.*g", digits, v);

  if (text[0] == '-')
    g_string_append_printf (out, "−%s", text + 1);
  else
    g_string_append (out, text);
}

char *
os_facts_fill (const char *caption, const OsFacts *facts, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (const char *p = caption; *p != '\0'; p++)
    {
      const char *close;
      g_autofree char *inner = NULL;
      char *colon;
      int digits = 3;
      double v;

      if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}'))
        {
          g_string_append_c (out, *p++);   /* {{ and }} are a brace */
          continue;
        }
      if (*p != '{')
        {
          g_string_append_c (out, *p);
          continue;
        }
      close = strchr (p, '}');
      if (close == NULL)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "an unclosed '{' in the caption");
          return NULL;
        }
      inner = g_strndup (p + 1, close - p - 1);
      colon = strchr (inner, ':');
      if (colon != NULL)
        {
          *colon = '\0';
          digits = atoi (colon + 1);
          if (digits < 1 || digits > 17)
            {
              g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "{%s:%s}: digits must be 1 to 17", inner, colon + 1);
              return NULL;
            }
        }
      if (!os_facts_get (facts, inner, &v))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "{%s}: not a number the caption can quote", inner);
          return NULL;
        }
      append_value (out, v, digits);
      p = close;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- claims --------------------------------------------------------------- */

/* One side: [number '*'] (number | [prev. | stepN.] name). */
static gboolean
eval_side (const char *text, const OsFacts *all, int n_steps, int this_index, double *out, GError **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *star = strchr (s, '*');
  double factor = 1.0, v;
  const char *ref = s;
  const OsFacts *facts = &all[this_index];

  if (star != NULL)
    {
      *star = '\0';
      if (!os_decimal_parse (g_strstrip (s), &factor))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s' is not a number", s);
          return FALSE;
        }
      ref = g_strstrip (star + 1);
    }
  if (os_decimal_parse (ref, &v))
    {
      *out = factor * v;
      return TRUE;
    }
  if (g_str_has_prefix (ref, "prev."))
    {
      if (this_index == 0)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s': the first step has no previous one", ref);
          return FALSE;
        }
      facts = &all[this_index - 1];
      ref += strlen ("prev.");
    }
  else if (g_str_has_prefix (ref, "step"))
    {
      char *end;
      long k = strtol (ref + 4, &end, 10);

      if (*end != '.' || k < 1 || k > n_steps)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s': no such step (1 to %d)", ref, n_steps);
          return FALSE;
        }
      facts = &all[k - 1];
      ref = end + 1;
    }
  if (!os_facts_get (facts, ref, &v))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s' is not a number a check can test", ref);
      return FALSE;
    }
  *out = factor * v;
  return TRUE;
}

gboolean
os_facts_check (const char *claim, const OsFacts *all, int n_steps, int this_index, gboolean *holds,
                char **detail, GError **error)
{
  static const char *const ops[] = { "<=", ">=", "==", "!=", "<", ">", "~", NULL };
  const char *at = NULL, *op = NULL;
  g_autofree char *left = NULL;
  double a, b;

  g_return_val_if_fail (this_index >= 0 && this_index < n_steps, FALSE);
  for (int i = 0; ops[i] != NULL && at == NULL; i++)
    if ((at = strstr (claim, ops[i])) != NULL)
      op = ops[i];
  if (at == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s': no comparison (< > <= >= == != ~)", claim);
      return FALSE;
    }
  left = g_strndup (claim, at - claim);
  if (!eval_side (left, all, n_steps, this_index, &a, error)
      || !eval_side (at + strlen (op), all, n_steps, this_index, &b, error))
    {
      g_prefix_error (error, "'%s': ", claim);
      return FALSE;
    }
  if (g_str_equal (op, "<"))
    *holds = a < b;
  else if (g_str_equal (op, ">"))
    *holds = a > b;
  else if (g_str_equal (op, "<="))
    *holds = a <= b;
  else if (g_str_equal (op, ">="))
    *holds = a >= b;
  else if (g_str_equal (op, "=="))
    *holds = fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b)));
  else if (g_str_equal (op, "!="))
    *holds = !(fabs (a - b) <= 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b))));
  else
    *holds = fabs (a - b) <= 0.01 * MAX (fabs (a), fabs (b));
  if (detail != NULL)
    {
      g_autofree char *l = g_strstrip (g_strdup (left)), *r = g_strstrip (g_strdup (at + strlen (op)));

      *detail = g_strdup_printf ("%s = %.6g %s %s = %.6g", l, a, op, r, b);
    }
  return TRUE;
}
