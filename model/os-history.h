/* os-history.h — undo and redo of parameter states.
 *
 * A state is a fixed-size plain struct (for the window: the parameters and
 * the view), copied in and out bytewise. Rapid changes of one control (a
 * slider being dragged) coalesce into one undo step: a change from the same
 * source within the caller's time window of the previous change replaces
 * the newest state instead of adding one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Source for changes that never coalesce (a preset, a file, a reset). */
#define OS_HISTORY_NO_SOURCE (-1)

typedef struct _OsHistory OsHistory;

/* Compares two states; NULL means memcmp (zero the padding of the states
 * you record, e.g. memset before filling them). */
typedef gboolean (*OsHistoryEqualFunc) (gconstpointer a, gconstpointer b);

/* initial: the first state (copied). max_depth: undo steps kept (≥ 1; the
 * oldest are dropped). */
OsHistory    *os_history_new        (gsize              state_size,
                                     gconstpointer      initial,
                                     guint              max_depth,
                                     OsHistoryEqualFunc equal);
void          os_history_free       (OsHistory *history);

/* Records `state` as the new current state after a change made by control
 * `source` at monotonic time `time_us`. If the previous record came from the
 * same source (not OS_HISTORY_NO_SOURCE) less than `window_us` earlier and
 * has not been undone, the newest state is replaced (one undo step for the
 * whole drag). Clears the redo list. A state equal to the current one is
 * ignored. Returns TRUE when a new undo step was added. */
gboolean      os_history_record     (OsHistory    *history,
                                     gconstpointer state,
                                     int           source,
                                     gint64        time_us,
                                     gint64        window_us);

/* Step back / forward; return the state to apply (owned by the history,
 * valid until the next call), or NULL when there is nothing to undo/redo. */
gconstpointer os_history_undo       (OsHistory *history);
gconstpointer os_history_redo       (OsHistory *history);
gconstpointer os_history_current    (const OsHistory *history);

gboolean      os_history_can_undo   (const OsHistory *history);
gboolean      os_history_can_redo   (const OsHistory *history);
guint         os_history_undo_depth (const OsHistory *history);
guint         os_history_redo_depth (const OsHistory *history);

/* Reset to defaults as one undoable step (never coalesced); returns the
 * state to apply. */
gconstpointer os_history_reset      (OsHistory    *history,
                                     gconstpointer defaults);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsHistory, os_history_free)

G_END_DECLS
