/* os-figure-overlays.c — pins and comparisons computed and attached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-figure-overlays.h"
#include "os-state.h"
#include "os-flags.h"

#include <string.h>

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

static void
append_arg (GString *s, const char *flag, const char *value)
{
  gboolean plain = *value != '\0' && strspn (value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                     "0123456789-_.,=+") == strlen (value);
  g_autofree char *quoted = plain ? NULL : g_shell_quote (value);

  g_string_append_printf (s, " %s %s", flag, plain ? value : quoted);
}

char *
os_figure_shown_args (const OsFigure *fig)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (fig != NULL, g_string_free (s, FALSE));
  if (fig->hidden != 0)
    {
      g_autofree char *list = os_series_mask_format (fig->hidden);

      append_arg (s, "--hide", list);
    }
  if (fig->compare)
    {
      OsParamId param = OS_PARAM_N;
      GString *values = g_string_new (NULL);

      for (int id = 0; fig->n_overlays >= 2 && id < OS_PARAM_N && param == OS_PARAM_N; id++)
        if (os_params_get (&fig->overlays[0].figure->params, id) != os_params_get (&fig->overlays[1].figure->params, id))
          param = id;
      if (param < OS_PARAM_N)
        {
          g_string_append_printf (values, "%s=", os_param_info (param)->name);
          for (int i = 0; i < fig->n_overlays; i++)
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (values, "%s%s", i ? "," : "",
                                      os_decimal_format (os_params_get (&fig->overlays[i].figure->params, param), buf));
            }
          append_arg (s, "--compare", values->str);
        }
      g_string_free (values, TRUE);
    }
  else
    for (int i = 0; i < fig->n_overlays; i++)
      if (fig->overlays[i].kind == OS_OVERLAY_PIN)
        {
          g_autofree char *spec = os_pin_format (&fig->overlays[i].figure->params, &fig->params);

          append_arg (s, "--pin", spec);
        }
  return g_string_free (s, FALSE);
}
