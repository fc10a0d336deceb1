/* window-test-util.h — shared by the window tests: run the main loop until
 * a condition on the window holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-window.h"

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (OsWindow *window, gpointer data);

/* Iterates the main loop until cond holds, at most `seconds`. Returns FALSE
 * on time-out. */
static gboolean
wait_until (OsWindow *window, Condition cond, gpointer data, double seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add ((guint) (seconds * 1000), on_timeout, &timed_out);

  while (!timed_out && !cond (window, data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}
