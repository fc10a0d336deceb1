/* os-bench-ui.c — `onestep-explorer --benchmark-ui`: the real window with
 * the simulation on, 200 slider changes at 20/s, and what they cost the
 * main loop (`--benchmark-play`: the same report while the player plays η̃
 * at 24 fps): the latency of each change to the screen, the frames and
 * their phases, the main loop's stalls, CPU time and page faults. It
 * drives the window through its driver interface (ui/os-ui.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-bench-ui.h"
#include "os-ui.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BENCH_CHANGES   300   /* slider changes (or played frames) measured */
#define BENCH_PLAY_FRAMES 240 /* --benchmark-play: 10 s at 24 fps */
#define BENCH_PERIOD_MS 50
#define BENCH_WARMUP_MS 500
#define BENCH_D         400
#define BENCH_STALL_TARGET_US 16000

typedef struct
{
  OsUiWindow *window;       /* NULL once closed */
  int         exit_code;
  guint       watchdog;
  int         n_changes;
  gint64      change_us[BENCH_CHANGES];
  guint       change_gen[BENCH_CHANGES];
  double      latency_ms[BENCH_CHANGES];
  int         n_resolved;
  gint64      last_iteration_us;
  gint64      max_stall_us;
  gint64      warmup_stall_us;   /* during the warm-up, reported apart */
  gboolean    measuring;
  gboolean    play;          /* --benchmark-play: the player posts the changes */
  guint       seen_generation;
  int         n_shown;       /* played values drawn themselves (not superseded) */
  gboolean    simulate;
  OsAnimation animation;
  guint       change_source, stall_source, finish_source;
  gint64      started_us;
  gint64      started_cpu_us;   /* the main thread's CPU time then */
  gint64      started_process_cpu_us;
  long        started_faults;   /* the main thread's page faults then */
  /* the frames, for the report: their count and mean, those over 16 ms,
   * the phases of the longest; ONESTEP_BENCH_TRACE=1 prints every long
   * one with its main-thread CPU time */
  OsUiFrameWatch *frames;
  gboolean    trace;
  gint64      mark_us, frame_start_us, frame_cpu_start_us;
  gint64      frame_phase_us[4], longest_phase_us[4], longest_frame_us;
  int         n_frames, n_long_frames, n_stalls_over, n_relayouts;
  gint64      frames_total_us;
} Bench;

static const char *const phase_names[4] = { "update", "layout", "paint", "after-paint" };

/* Minor and major page faults of the calling thread so far. */
static long
thread_page_faults (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) != 0)
    return 0;
  return usage.ru_minflt + usage.ru_majflt;
}

static gint64
cpu_time_us (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gint64
process_cpu_us (void)
{
  return cpu_time_us (CLOCK_PROCESS_CPUTIME_ID);
}

static gint64
thread_cpu_us (void)
{
  return cpu_time_us (CLOCK_THREAD_CPUTIME_ID);
}

/* --------------------------------------------------------------- frames */

/* The events of a phase come after GTK's own work of that phase: the time
 * since the previous mark is the work of that phase. */
static void
bench_mark (Bench *b, int phase)
{
  gint64 now = g_get_monotonic_time ();

  if (phase >= 0)
    b->frame_phase_us[phase] = now - b->mark_us;
  b->mark_us = now;
}

static void
bench_frame_begin (Bench *b)
{
  memset (b->frame_phase_us, 0, sizeof b->frame_phase_us);
  b->frame_start_us = g_get_monotonic_time ();
  if (b->trace)   /* a system call: only when asked */
    b->frame_cpu_start_us = thread_cpu_us ();
  bench_mark (b, -1);
}

static void
bench_frame_done (Bench *b)
{
  gint64 length = g_get_monotonic_time () - b->frame_start_us;

  if (b->started_us == 0 || b->frame_start_us < b->started_us)
    return;
  b->n_frames++;
  b->frames_total_us += length;
  if (length > BENCH_STALL_TARGET_US)
    b->n_long_frames++;
  if (length > b->longest_frame_us)
    {
      b->longest_frame_us = length;
      memcpy (b->longest_phase_us, b->frame_phase_us, sizeof b->frame_phase_us);
    }
  if (b->trace && length > BENCH_STALL_TARGET_US)
    g_print ("  frame at %.3f s (CLOCK_MONOTONIC %.6f): %.1f ms (main-thread CPU %.1f ms): update %.1f, "
             "layout %.1f, paint %.1f, after-paint %.1f\n", (b->frame_start_us - b->started_us) / 1e6,
             b->frame_start_us / 1e6, length / 1e3,
             (thread_cpu_us () - b->frame_cpu_start_us) / 1e3, b->frame_phase_us[0] / 1e3,
             b->frame_phase_us[1] / 1e3, b->frame_phase_us[2] / 1e3, b->frame_phase_us[3] / 1e3);
}

static void
on_frame_event (OsUiFrameEvent event, gpointer data)
{
  Bench *b = data;

  switch (event)
    {
    case OS_UI_FRAME_BEGIN:       bench_frame_begin (b); break;
    case OS_UI_FRAME_UPDATE:      bench_mark (b, 0);     break;
    case OS_UI_FRAME_LAYOUT:      bench_mark (b, 1);     break;
    case OS_UI_FRAME_PAINT:       bench_mark (b, 2);     break;
    case OS_UI_FRAME_AFTER_PAINT: bench_mark (b, 3);     break;
    case OS_UI_FRAME_END:         bench_frame_done (b);  break;
    case OS_UI_RELAYOUT:
      if (b->started_us != 0)
        b->n_relayouts++;
      break;
    default:
      break;
    }
}

/* Every source and watch on the window; it stays open. */
static void
bench_stop (Bench *b)
{
  g_clear_handle_id (&b->change_source, g_source_remove);
  g_clear_handle_id (&b->stall_source, g_source_remove);
  g_clear_handle_id (&b->finish_source, g_source_remove);
  g_clear_pointer (&b->frames, os_ui_frame_watch_free);
}

/* ------------------------------------------------------------- the run */

/* the changes measured: slider changes, or played frames */
static int
bench_total (const Bench *b)
{
  return b->play ? BENCH_PLAY_FRAMES : 200;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
bench_finish (Bench *b)
{
  double sorted[BENCH_CHANGES];
  int n = 0;

  if (b->window == NULL)
    return;
  b->measuring = FALSE;
  bench_stop (b);
  for (int i = 0; i < b->n_changes; i++)
    if (b->latency_ms[i] >= 0)
      sorted[n++] = b->latency_ms[i];
  qsort (sorted, n, sizeof *sorted, compare_double);
  if (b->play)
    {
      /* a played frame that a newer one superseded before it was drawn
       * never reaches the screen: the share that does is the frame rate
       * the theory allows */
      double seconds = (double) b->n_changes / b->animation.fps;

      os_ui_window_play (b->window, NULL);
      g_print ("benchmark-play: the player played η̃ from %g to %g (%d frames, bounce) at %d fps for %.1f s, "
               "%s; the test-error plot drew %d of the %d played values (%.1f a second), the "
               "others superseded; latency: from a value's request to the first frame that shows it or "
               "a later one\n", b->animation.from, b->animation.to, b->animation.frames, b->animation.fps,
               seconds, b->simulate ? "simulation on" : "theory only", b->n_shown, b->n_changes, b->n_shown / seconds);
    }
  else
    g_print ("benchmark-ui: %d slider changes at %d/s across η̃, α and λ, simulation on (d = %d), "
             "%.1f s; %d of %d changes reached the screen\n",
             b->n_changes, 1000 / BENCH_PERIOD_MS, BENCH_D, (g_get_monotonic_time () - b->started_us) / 1e6,
             n, b->n_changes);
  if (n == 0)
    {
      g_print ("latency_median_ms=nan latency_p95_ms=nan max_stall_ms=%.1f\n", b->max_stall_us / 1000.0);
      b->exit_code = 1;
    }
  else
    {
      double median = n % 2 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
      double p95 = sorted[MIN (n - 1, (int) ceil (0.95 * n) - 1)];

      g_print ("frames=%d frame_mean_ms=%.2f over_16ms=%d window_relayouts=%d stalls_over_16ms=%d; "
               "longest frame %.1f ms (%s %.1f, %s %.1f, %s %.1f, %s %.1f)\n",
               b->n_frames, b->n_frames > 0 ? b->frames_total_us / 1e3 / b->n_frames : 0.0,
               b->n_long_frames, b->n_relayouts, b->n_stalls_over, b->longest_frame_us / 1e3,
               phase_names[0], b->longest_phase_us[0] / 1e3, phase_names[1], b->longest_phase_us[1] / 1e3,
               phase_names[2], b->longest_phase_us[2] / 1e3, phase_names[3], b->longest_phase_us[3] / 1e3);
      g_print ("latency_max_ms=%.1f warmup_max_stall_ms=%.1f (the %d ms before the first change) "
               "main_thread_cpu_ms=%.0f main_thread_page_faults=%ld process_cpu_ms=%.0f\n",
               sorted[n - 1], b->warmup_stall_us / 1000.0, BENCH_WARMUP_MS,
               (thread_cpu_us () - b->started_cpu_us) / 1e3, thread_page_faults () - b->started_faults,
               (process_cpu_us () - b->started_process_cpu_us) / 1e3);
      g_print ("latency_median_ms=%.1f latency_p95_ms=%.1f max_stall_ms=%.1f\n",
               median, p95, b->max_stall_us / 1000.0);
      b->exit_code = 0;
    }
  os_ui_window_close (b->window);
}

static gboolean
bench_finish_idle (gpointer data)
{
  Bench *b = data;

  b->finish_source = 0;
  bench_finish (b);
  return G_SOURCE_REMOVE;
}

/* A high-priority 1 ms timeout: the time between two of its runs is how
 * long the main loop was busy elsewhere. */
static gboolean
bench_stall_tick (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  if (b->measuring && b->last_iteration_us > 0)
    {
      gint64 stall = now - b->last_iteration_us;

      if (stall > BENCH_STALL_TARGET_US && b->started_us != 0)
        {
          b->n_stalls_over++;
          if (b->trace)
            g_print ("  stall at %.3f s: %.1f ms\n", (now - b->started_us) / 1e6, stall / 1e3);
        }
      b->max_stall_us = MAX (b->max_stall_us, stall);
    }
  b->last_iteration_us = now;
  return G_SOURCE_CONTINUE;
}

/* The error plot drew generation `generation`: every change posted at or
 * before it has reached the screen. */
static void
bench_on_drawn (guint generation, gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  for (int i = 0; i < b->n_changes; i++)
    if (b->latency_ms[i] < 0 && b->change_gen[i] <= generation)
      {
        b->n_shown += b->change_gen[i] == generation;
        b->latency_ms[i] = (now - b->change_us[i]) / 1000.0;
        b->n_resolved++;
      }
  /* finish outside the draw function: it closes the window */
  if (b->n_changes == bench_total (b) && b->n_resolved == bench_total (b) && b->finish_source == 0)
    b->finish_source = g_idle_add (bench_finish_idle, b);
}

/* --benchmark-play: each frame, after the player's tick, a new request is
 * a played value (the time is the frame's, the player's). */
static gboolean
bench_play_tick (OsUiWindow *window, gpointer data)
{
  Bench *b = data;
  guint gen = os_engine_get_generation (os_ui_window_get_engine (window));

  if (b->window == NULL || !b->measuring)
    return G_SOURCE_REMOVE;
  if (gen != b->seen_generation && b->n_changes < BENCH_PLAY_FRAMES)
    {
      int i = b->n_changes++;

      b->seen_generation = gen;
      b->change_us[i] = g_get_monotonic_time ();
      b->change_gen[i] = gen;
      b->latency_ms[i] = -1;
    }
  if (b->n_changes == BENCH_PLAY_FRAMES)
    {
      os_ui_window_play (b->window, NULL);
      /* the last values reach the screen, or 5 s pass */
      if (g_get_monotonic_time () - b->change_us[BENCH_PLAY_FRAMES - 1] > 5 * G_USEC_PER_SEC)
        {
          bench_finish (b);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_change (gpointer data)
{
  Bench *b = data;
  int i = b->n_changes;
  double phase = 0.5 + 0.5 * sin (0.37 * i);
  OsParamId id;
  double value;

  if (i >= bench_total (b))
    {
      /* wait (at most 5 s) for the last changes to reach the screen */
      if (g_get_monotonic_time () - b->change_us[bench_total (b) - 1] > 5 * G_USEC_PER_SEC)
        {
          b->change_source = 0;
          bench_finish (b);
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }
  switch (i % 3)
    {
    case 0:  id = OS_PARAM_ETA;    value = 0.25 + 2.75 * phase;              break;
    case 1:  id = OS_PARAM_ALPHA;  value = 0.3 + 3.7 * phase;                break;
    default: id = OS_PARAM_LAMBDA; value = pow (10.0, -3.0 + 3.0 * phase);   break;
    }
  b->change_us[i] = g_get_monotonic_time ();
  os_ui_window_set_value (b->window, id, value);
  b->change_gen[i] = os_engine_get_generation (os_ui_window_get_engine (b->window));
  b->latency_ms[i] = -1;
  b->n_changes++;
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_begin (gpointer data)
{
  Bench *b = data;

  b->warmup_stall_us = b->max_stall_us;
  b->max_stall_us = 0;
  b->started_us = g_get_monotonic_time ();
  b->started_cpu_us = thread_cpu_us ();
  b->started_process_cpu_us = process_cpu_us ();
  b->started_faults = thread_page_faults ();
  if (b->play)
    {
      b->change_source = 0;
      b->seen_generation = os_engine_get_generation (os_ui_window_get_engine (b->window));
      /* GTK runs the newest tick callback first: ours goes in before the
       * player's, so that it runs after it and sees a frame's request in
       * that frame */
      os_ui_window_add_tick (b->window, bench_play_tick, b);
      os_ui_window_play (b->window, &b->animation);
    }
  else
    b->change_source = g_timeout_add (BENCH_PERIOD_MS, bench_change, b);
  return G_SOURCE_REMOVE;
}

static gboolean
figure_simulates (gpointer figure)
{
  return ((OsFigure *) figure)->view.simulate;
}

static void
bench_start_on_first_figure (OsEngine *engine, guint generation, int stage, gpointer figure, Bench *b)
{
  (void) generation;
  (void) figure;
  /* with the simulation on, once it runs; else once the theory is shown */
  if (b->window == NULL || stage != (b->play && !figure_simulates (figure) ? OS_ENGINE_STAGE_DONE
                                                                          : OS_ENGINE_STAGE_SIM_POINT)
      || b->change_source != 0 || b->n_changes > 0)
    return;
  /* the simulation is running: after a short warm-up (the first frames
   * of the window, fonts, threads), start changing sliders */
  g_signal_handlers_disconnect_by_func (engine, bench_start_on_first_figure, b);
  b->measuring = TRUE;
  b->trace = g_strcmp0 (g_getenv ("ONESTEP_BENCH_TRACE"), "1") == 0;
  b->frames = os_ui_window_watch_frames (b->window, on_frame_event, b);
  b->change_source = g_timeout_add (BENCH_WARMUP_MS, bench_begin, b);
}

static gboolean
on_watchdog (gpointer data)
{
  Bench *b = data;

  g_printerr ("onestep-explorer: gave up after 120 s waiting for the benchmark\n");
  b->exit_code = 1;
  b->watchdog = 0;
  if (b->window != NULL)
    os_ui_window_close (b->window);
  return G_SOURCE_REMOVE;
}

static void
opened (OsUiWindow *window, gpointer data)
{
  Bench *b = data;

  b->window = window;
  os_ui_window_watch_drawn (window, OS_PLOT_ERROR, bench_on_drawn, b);
  g_signal_connect (os_ui_window_get_engine (window), "figure-updated",
                    G_CALLBACK (bench_start_on_first_figure), b);
  b->stall_source = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_tick, b, NULL);
  b->watchdog = g_timeout_add_seconds (120, on_watchdog, b);
}

static void
closed (OsUiWindow *window, gpointer data)
{
  Bench *b = data;

  (void) window;
  b->window = NULL;
  g_clear_handle_id (&b->watchdog, g_source_remove);
  bench_stop (b);
}

int
os_bench_play_run (OsFlags *startup)
{
  static const OsUiHooks hooks = { opened, closed };
  g_autofree Bench *b = g_new0 (Bench, 1);
  int status;

  b->play = TRUE;
  b->simulate = startup->view.simulate;
  b->animation = (OsAnimation) { OS_PARAM_ETA, 0.0, 3.0, 96, 24, TRUE };
  b->exit_code = 1;
  status = os_ui_run (startup, &hooks, b);
  return status != 0 ? status : b->exit_code;
}

int
os_bench_ui_run (OsFlags *startup)
{
  static const OsUiHooks hooks = { opened, closed };
  g_autofree Bench *b = g_new0 (Bench, 1);
  int status;

  /* the benchmark drives the simulation at d = 400 */
  startup->view.simulate = TRUE;
  startup->view.d = BENCH_D;
  startup->given |= OS_FLAG_BIT (OS_FLAG_SIMULATE) | OS_FLAG_BIT (OS_FLAG_D);
  b->exit_code = 1;
  status = os_ui_run (startup, &hooks, b);
  return status != 0 ? status : b->exit_code;
}
