/* os-series.c — the names of the series that can be hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-series.h"
#include "os-error.h"

#include <string.h>

static const char *const names[OS_SERIES_ID_N] = {
  [OS_SERIES_ID_TEST] = "test",
  [OS_SERIES_ID_TRAIN] = "train",
  [OS_SERIES_ID_KERNEL] = "kernel",
  [OS_SERIES_ID_FLOOR_LINEAR] = "floor-linear",
  [OS_SERIES_ID_FLOOR_SPIKE] = "floor-spike",
  [OS_SERIES_ID_OPTIMAL_ETA] = "optimal-eta",
  [OS_SERIES_ID_NETWORK_TEST] = "network-test",
  [OS_SERIES_ID_NETWORK_TRAIN] = "network-train",
  [OS_SERIES_ID_SLIDER] = "slider",
  [OS_SERIES_ID_SPECTRUM_INIT] = "spectrum-init",
  [OS_SERIES_ID_SPECTRUM_STEP] = "spectrum-step",
  [OS_SERIES_ID_OUTLIERS] = "outliers",
  [OS_SERIES_ID_M] = "m",
  [OS_SERIES_ID_Q1] = "q1",
  [OS_SERIES_ID_Q2] = "q2",
  [OS_SERIES_ID_THETA] = "theta",
  [OS_SERIES_ID_PSI] = "psi",
  [OS_SERIES_ID_NETWORK_OVERLAPS] = "network-overlaps",
  [OS_SERIES_ID_LEARNED] = "learned",
  [OS_SERIES_ID_TARGET] = "target",
};

const char *
os_series_id_name (OsSeriesId id)
{
  g_return_val_if_fail (id < OS_SERIES_ID_N, "?");
  return names[id];
}

gboolean
os_series_id_from_name (const char *name, OsSeriesId *out)
{
  for (int i = 0; i < OS_SERIES_ID_N && name != NULL; i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *out = (OsSeriesId) i;
        return TRUE;
      }
  return FALSE;
}

char *
os_series_id_names (void)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < OS_SERIES_ID_N; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", names[i]);
  return g_string_free (s, FALSE);
}

gboolean
os_series_mask_parse (const char *text, guint64 *mask, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  guint64 m = 0;

  for (int i = 0; parts[i] != NULL; i++)
    {
      const char *name = g_strstrip (parts[i]);
      OsSeriesId id;

      if (*name == '\0')
        continue;
      if (!os_series_id_from_name (name, &id))
        {
          g_autofree char *valid = os_series_id_names ();

          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown series '%s' (valid: %s)", name, valid);
          return FALSE;
        }
      m |= OS_SERIES_BIT (id);
    }
  *mask = m;
  return TRUE;
}

char *
os_series_mask_format (guint64 mask)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < OS_SERIES_ID_N; i++)
    if (mask & OS_SERIES_BIT (i))
      g_string_append_printf (s, "%s%s", s->len ? "," : "", names[i]);
  return g_string_free (s, FALSE);
}
