/* os-history.c — the undo/redo stack.
 *
 * States live in one array: [0, current] can be returned to by undo,
 * (current, n) by redo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-history.h"

#include <string.h>

struct _OsHistory
{
  gsize              size;
  guint              max_depth;
  OsHistoryEqualFunc equal;
  GPtrArray         *states;       /* owned copies */
  guint              current;
  int                last_source;  /* of the newest record, if coalescable */
  gint64             last_time;
};

static gpointer
copy_state (const OsHistory *h, gconstpointer state)
{
  return g_memdup2 (state, h->size);
}

static gboolean
states_equal (const OsHistory *h, gconstpointer a, gconstpointer b)
{
  return h->equal != NULL ? h->equal (a, b) : memcmp (a, b, h->size) == 0;
}

OsHistory *
os_history_new (gsize state_size, gconstpointer initial, guint max_depth, OsHistoryEqualFunc equal)
{
  OsHistory *h;

  g_return_val_if_fail (state_size > 0 && initial != NULL && max_depth >= 1, NULL);
  h = g_new0 (OsHistory, 1);
  h->size = state_size;
  h->max_depth = max_depth;
  h->equal = equal;
  h->states = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (h->states, copy_state (h, initial));
  h->current = 0;
  h->last_source = OS_HISTORY_NO_SOURCE;
  return h;
}

void
os_history_free (OsHistory *history)
{
  if (history == NULL)
    return;
  g_ptr_array_unref (history->states);
  g_free (history);
}

static void
drop_redo (OsHistory *h)
{
  if (h->states->len > h->current + 1)
    g_ptr_array_remove_range (h->states, h->current + 1, h->states->len - h->current - 1);
}

gboolean
os_history_record (OsHistory *h, gconstpointer state, int source, gint64 time_us, gint64 window_us)
{
  gboolean coalesce;

  g_return_val_if_fail (h != NULL && state != NULL, FALSE);
  if (states_equal (h, state, h->states->pdata[h->current]))
    return FALSE;

  drop_redo (h);
  coalesce = source != OS_HISTORY_NO_SOURCE && source == h->last_source
             && h->current > 0 && time_us - h->last_time < window_us && time_us >= h->last_time;
  h->last_source = source;
  h->last_time = time_us;
  if (coalesce)
    {
      memcpy (h->states->pdata[h->current], state, h->size);
      /* a drag that returns to where it started leaves no step */
      if (states_equal (h, state, h->states->pdata[h->current - 1]))
        {
          g_ptr_array_remove_index (h->states, h->current);
          h->current--;
          h->last_source = OS_HISTORY_NO_SOURCE;
        }
      return FALSE;
    }
  g_ptr_array_add (h->states, copy_state (h, state));
  h->current++;
  if (h->current > h->max_depth)
    {
      g_ptr_array_remove_index (h->states, 0);
      h->current--;
    }
  return TRUE;
}

gconstpointer
os_history_undo (OsHistory *h)
{
  g_return_val_if_fail (h != NULL, NULL);
  if (h->current == 0)
    return NULL;
  h->current--;
  h->last_source = OS_HISTORY_NO_SOURCE;
  return h->states->pdata[h->current];
}

gconstpointer
os_history_redo (OsHistory *h)
{
  g_return_val_if_fail (h != NULL, NULL);
  if (h->current + 1 >= h->states->len)
    return NULL;
  h->current++;
  h->last_source = OS_HISTORY_NO_SOURCE;
  return h->states->pdata[h->current];
}

gconstpointer
os_history_current (const OsHistory *h)
{
  return h->states->pdata[h->current];
}

gboolean
os_history_can_undo (const OsHistory *h)
{
  return h->current > 0;
}

gboolean
os_history_can_redo (const OsHistory *h)
{
  return h->current + 1 < h->states->len;
}

guint
os_history_undo_depth (const OsHistory *h)
{
  return h->current;
}

guint
os_history_redo_depth (const OsHistory *h)
{
  return h->states->len - h->current - 1;
}

gconstpointer
os_history_reset (OsHistory *h, gconstpointer defaults)
{
  os_history_record (h, defaults, OS_HISTORY_NO_SOURCE, 0, 0);
  h->last_source = OS_HISTORY_NO_SOURCE;
  return os_history_current (h);
}
