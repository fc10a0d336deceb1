/* os-plot-labels.c — axis labels, the parameter note and values, in the
 * paper's symbols.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-labels.h"

const char *
os_plot_param_axis_label (OsParamId id)
{
  switch (id)
    {
    case OS_PARAM_ETA:    return "learning rate η̃";
    case OS_PARAM_ALPHA0: return "first-step samples α₀ = n₀/d";
    case OS_PARAM_ALPHA:  return "readout samples α = n/d";
    case OS_PARAM_BETA:   return "width β = p/d";
    case OS_PARAM_LAMBDA: return "ridge λ";
    case OS_PARAM_NOISE:  return "label noise Δ";
    case OS_PARAM_N:      break;
    }
  return "";
}

char *
os_plot_format_value (double value)
{
  char buf[64];

  g_snprintf (buf, sizeof buf, "%.4g", value);
  if (buf[0] == '-')
    return g_strdup_printf ("−%s", buf + 1);
  return g_strdup (buf);
}

char *
os_plot_params_note (const OsParams *params, OsParamId skip)
{
  return os_plot_params_note_without (params, skip, skip);
}

char *
os_plot_params_note_without (const OsParams *params, OsParamId skip, OsParamId skip_too)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s → %s", os_activation_label (params->student),
                          os_activation_label (params->teacher));
  for (int id = 0; id < OS_PARAM_N; id++)
    {
      char *v;

      if (id == (int) skip || id == (int) skip_too)
        continue;
      if (id == OS_PARAM_NOISE && params->noise == 0.0)
        continue;   /* noiseless is the default; say it only when it is not */
      v = os_plot_format_value (os_params_get (params, id));
      g_string_append_printf (out, "  %s = %s", os_param_info (id)->symbol, v);
      g_free (v);
    }
  return g_string_free (out, FALSE);
}
