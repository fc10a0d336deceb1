/* test-history.c — undo/redo: order, coalescing of a dragged slider,
 * redo cleared by a new change, depth limit, undoable reset.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-history.h"
#include "os-presets.h"

#include <string.h>

typedef struct
{
  OsParams     params;
  OsPresetView view;
} State;

#define WINDOW 500000   /* 0.5 s */

static State
state_with (double eta, double alpha)
{
  State s;

  memset (&s, 0, sizeof s);
  os_params_init_default (&s.params);
  os_preset_view_init_default (&s.view);
  s.params.eta = eta;
  s.params.alpha = alpha;
  return s;
}

static double
eta_of (gconstpointer state)
{
  return ((const State *) state)->params.eta;
}

enum { SLIDER_ETA, SLIDER_ALPHA };

static void
test_undo_redo (void)
{
  State s0 = state_with (1, 2), s1 = state_with (2, 2), s2 = state_with (3, 2);
  g_autoptr (OsHistory) h = os_history_new (sizeof (State), &s0, 100, NULL);

  g_assert_false (os_history_can_undo (h));
  g_assert_null (os_history_undo (h));
  g_assert_true (os_history_record (h, &s1, SLIDER_ETA, 0, WINDOW));
  /* a second later: a separate step */
  g_assert_true (os_history_record (h, &s2, SLIDER_ETA, 1000000, WINDOW));
  g_assert_cmpuint (os_history_undo_depth (h), ==, 2);
  g_assert_cmpfloat (eta_of (os_history_undo (h)), ==, 2);
  g_assert_cmpfloat (eta_of (os_history_undo (h)), ==, 1);
  g_assert_null (os_history_undo (h));
  g_assert_cmpuint (os_history_redo_depth (h), ==, 2);
  g_assert_cmpfloat (eta_of (os_history_redo (h)), ==, 2);
  g_assert_cmpfloat (eta_of (os_history_redo (h)), ==, 3);
  g_assert_null (os_history_redo (h));
  g_assert_cmpfloat (eta_of (os_history_current (h)), ==, 3);
}

static void
test_coalesce_drag (void)
{
  State s0 = state_with (1, 2);
  g_autoptr (OsHistory) h = os_history_new (sizeof (State), &s0, 100, NULL);

  /* a drag: 50 changes 20 ms apart → one step */
  for (int i = 1; i <= 50; i++)
    {
      State s = state_with (1 + 0.1 * i, 2);
      gboolean added = os_history_record (h, &s, SLIDER_ETA, i * 20000, WINDOW);
      g_assert_cmpint (added, ==, i == 1);
    }
  g_assert_cmpuint (os_history_undo_depth (h), ==, 1);
  g_assert_cmpfloat (eta_of (os_history_current (h)), ==, 6);
  g_assert_cmpfloat (eta_of (os_history_undo (h)), ==, 1);   /* back before the drag */
  g_assert_cmpfloat (eta_of (os_history_redo (h)), ==, 6);   /* the drag's end */

  /* another slider right after: its own step */
  {
    State s = state_with (6, 3);
    g_assert_true (os_history_record (h, &s, SLIDER_ALPHA, 1000000 + 1000, WINDOW));
  }
  /* the first slider again, within the window of its last change but
   * after another source: a new step */
  {
    State s = state_with (7, 3);
    g_assert_true (os_history_record (h, &s, SLIDER_ETA, 1000000 + 2000, WINDOW));
  }
  g_assert_cmpuint (os_history_undo_depth (h), ==, 3);

  /* after an undo, the same slider does not merge into the undone step */
  os_history_undo (h);
  {
    State s = state_with (8, 3);
    g_assert_true (os_history_record (h, &s, SLIDER_ETA, 1000000 + 3000, WINDOW));
  }
  g_assert_cmpuint (os_history_redo_depth (h), ==, 0);   /* redo cleared */
  g_assert_cmpfloat (eta_of (os_history_undo (h)), ==, 6);

  /* a pause longer than the window splits a drag */
  {
    g_autoptr (OsHistory) h2 = os_history_new (sizeof (State), &s0, 100, NULL);
    State a = state_with (2, 2), b = state_with (3, 2);
    os_history_record (h2, &a, SLIDER_ETA, 0, WINDOW);
    g_assert_true (os_history_record (h2, &b, SLIDER_ETA, WINDOW, WINDOW));
    g_assert_cmpuint (os_history_undo_depth (h2), ==, 2);
  }
  /* OS_HISTORY_NO_SOURCE never coalesces */
  {
    g_autoptr (OsHistory) h3 = os_history_new (sizeof (State), &s0, 100, NULL);
    State a = state_with (2, 2), b = state_with (3, 2);
    os_history_record (h3, &a, OS_HISTORY_NO_SOURCE, 0, WINDOW);
    g_assert_true (os_history_record (h3, &b, OS_HISTORY_NO_SOURCE, 1, WINDOW));
  }
}

static void
test_drag_back_to_start (void)
{
  State s0 = state_with (1, 2), a = state_with (2, 2);
  g_autoptr (OsHistory) h = os_history_new (sizeof (State), &s0, 100, NULL);

  os_history_record (h, &a, SLIDER_ETA, 0, WINDOW);
  os_history_record (h, &s0, SLIDER_ETA, 10000, WINDOW);
  g_assert_false (os_history_can_undo (h));
  /* identical states are no change */
  g_assert_false (os_history_record (h, &s0, SLIDER_ALPHA, 20000, WINDOW));
  g_assert_false (os_history_can_undo (h));
}

static void
test_depth_limit (void)
{
  State s0 = state_with (0, 2);
  g_autoptr (OsHistory) h = os_history_new (sizeof (State), &s0, 5, NULL);

  for (int i = 1; i <= 9; i++)
    {
      State s = state_with (i, 2);
      os_history_record (h, &s, OS_HISTORY_NO_SOURCE, i, WINDOW);
    }
  g_assert_cmpuint (os_history_undo_depth (h), ==, 5);
  for (int i = 8; i >= 4; i--)
    g_assert_cmpfloat (eta_of (os_history_undo (h)), ==, i);
  g_assert_null (os_history_undo (h));
}

static void
test_reset (void)
{
  State defaults = state_with (1, 2), s = state_with (5, 0.3);
  g_autoptr (OsHistory) h = os_history_new (sizeof (State), &defaults, 100, NULL);

  os_history_record (h, &s, SLIDER_ETA, 0, WINDOW);
  g_assert_cmpfloat (eta_of (os_history_reset (h, &defaults)), ==, 1);
  g_assert_true (memcmp (os_history_current (h), &defaults, sizeof defaults) == 0);
  /* the reset is one undoable step */
  g_assert_cmpfloat (eta_of (os_history_undo (h)), ==, 5);
  g_assert_cmpfloat (((const State *) os_history_current (h))->params.alpha, ==, 0.3);
}

static gboolean
equal_eta_only (gconstpointer a, gconstpointer b)
{
  return eta_of (a) == eta_of (b);
}

static void
test_equal_func (void)
{
  State s0 = state_with (1, 2), s1 = state_with (1, 3);
  g_autoptr (OsHistory) h = os_history_new (sizeof (State), &s0, 10, equal_eta_only);

  g_assert_false (os_history_record (h, &s1, SLIDER_ALPHA, 0, WINDOW));
  g_assert_false (os_history_can_undo (h));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/History/undo-redo", test_undo_redo);
  g_test_add_func ("/History/coalesce-drag", test_coalesce_drag);
  g_test_add_func ("/History/drag-back-to-start", test_drag_back_to_start);
  g_test_add_func ("/History/depth-limit", test_depth_limit);
  g_test_add_func ("/History/reset", test_reset);
  g_test_add_func ("/History/equal-func", test_equal_func);
  return g_test_run ();
}
