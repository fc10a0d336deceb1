/* os-parallel.c — a fork-join loop and the hand-off fence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-parallel.h"

#include <pthread.h>

typedef struct
{
  int             n;
  int             next;       /* atomic */
  OsParallelFunc  func;
  gpointer        data;
  GCancellable   *cancellable;
} ParallelFor;

static gpointer
parallel_worker (gpointer data)
{
  ParallelFor *pf = data;

  for (;;)
    {
      int i = g_atomic_int_add (&pf->next, 1);

      if (i >= pf->n || g_cancellable_is_cancelled (pf->cancellable))
        break;
      pf->func (i, pf->data);
    }
  return NULL;
}

void
os_parallel_for (int n, int n_threads, OsParallelFunc func, gpointer data, GCancellable *cancellable)
{
  ParallelFor pf = { n, 0, func, data, cancellable };
  GThread *threads[64];
  int extra;

  if (n_threads <= 0)
    n_threads = (int) g_get_num_processors ();
  extra = CLAMP (MIN (n_threads, n) - 1, 0, (int) G_N_ELEMENTS (threads));
  for (int t = 0; t < extra; t++)
    threads[t] = g_thread_new ("os-phase", parallel_worker, &pf);
  parallel_worker (&pf);
  for (int t = 0; t < extra; t++)
    g_thread_join (threads[t]);
}

static pthread_mutex_t handoff_lock = PTHREAD_MUTEX_INITIALIZER;

void
os_handoff_fence (void)
{
  pthread_mutex_lock (&handoff_lock);
  pthread_mutex_unlock (&handoff_lock);
}
