/* os-figure-overlays.c — pins and comparisons computed and attached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-figure-overlays.h"
#include "os-state.h"

static OsFigure *
with_overlays (const OsFigure *fig, guint64 hidden, OsOverlayKind kind, const OsParams *params, int n,
               GCancellable *cancellable, GError **error, char *(*label) (const OsParams *, const OsFigure *, gpointer),
               gpointer label_data)
{
  g_autofree OsOverlay *overlays = g_new0 (OsOverlay, MAX (n, 1));
  OsFigure *result = NULL;
  int i;

  for (i = 0; i < n; i++)
    {
      overlays[i].figure = os_figure_overlay_compute (&params[i], &fig->view, cancellable, error);
      if (overlays[i].figure == NULL)
        goto out;
      overlays[i].kind = kind;
      overlays[i].label = label (&params[i], fig, label_data);
      overlays[i].index = i;
      overlays[i].of = n;
    }
  result = os_figure_with_shown (fig, hidden, overlays, n, kind == OS_OVERLAY_COMPARE);

out:
  for (int k = 0; k < i && k < n; k++)
    {
      g_clear_pointer (&overlays[k].figure, os_figure_unref);
      g_free (overlays[k].label);
    }
  return result;
}

static char *
pin_label (const OsParams *pin, const OsFigure *fig, gpointer data)
{
  (void) data;
  return os_pin_label (pin, &fig->params);
}

OsFigure *
os_figure_with_pins (const OsFigure *fig, guint64 hidden, const OsParams *pins, int n,
                     GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (fig != NULL && n >= 0 && n <= OS_STATE_MAX_PINS, NULL);
  return with_overlays (fig, hidden, OS_OVERLAY_PIN, pins, n, cancellable, error, pin_label, NULL);
}

static char *
value_label (const OsParams *params, const OsFigure *fig, gpointer data)
{
  OsParamId param = GPOINTER_TO_INT (data);

  (void) fig;
  return g_strdup_printf ("%s = %.4g", os_param_info (param)->symbol, os_params_get (params, param));
}

OsFigure *
os_figure_with_comparison (const OsFigure *fig, guint64 hidden, OsParamId param, const double *values, int n,
                           GCancellable *cancellable, GError **error)
{
  g_autofree OsParams *params = NULL;

  g_return_val_if_fail (fig != NULL && param < OS_PARAM_N && n >= 2, NULL);
  params = g_new (OsParams, n);
  for (int i = 0; i < n; i++)
    {
      params[i] = fig->params;
      os_params_set (&params[i], param, values[i]);
    }
  return with_overlays (fig, hidden, OS_OVERLAY_COMPARE, params, n, cancellable, error, value_label,
                        GINT_TO_POINTER (param));
}
