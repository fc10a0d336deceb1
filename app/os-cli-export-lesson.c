/* os-cli-export-lesson.c — a lesson's handout from the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-export-lesson.h"
#include "os-error.h"
#include "os-export.h"

gboolean
os_cli_export_lesson (const char *name, const OsPlotTheme *theme, const char *output, GError **error)
{
  g_autoptr (OsLesson) lesson = NULL;
  g_autoptr (GString) warnings = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *lower = g_ascii_strdown (output, -1);
  gsize size;
  const void *data;

  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--output: a lesson's handout is a PDF ('%s' does not end in .pdf)", output);
      return FALSE;
    }
  lesson = os_lesson_open (name, error);
  if (lesson == NULL)
    return FALSE;
  bytes = os_handout_pdf (lesson, theme, NULL, NULL, NULL, warnings, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!os_export_write_file (output, data, size, error))
    return FALSE;
  if (warnings->len > 0)
    g_printerr ("onestep-explorer export: warning: %s:\n%s", lesson->source, warnings->str);
  g_printerr ("onestep-explorer export: %s: %u page%s, one per step\n", output, os_lesson_n_steps (lesson),
              os_lesson_n_steps (lesson) == 1 ? "" : "s");
  return TRUE;
}
