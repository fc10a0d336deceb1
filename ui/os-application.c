/* os-application.c — the GtkApplication, the screenshot and the UI benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-application.h"
#include "os-error.h"
#include "os-paramfile.h"
#include "os-scheduler.h"
#include "os-window.h"

#include <cblas.h>
#include <gtk/gtk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

typedef struct
{
  OsStartup startup;       /* the window's flags (os-application.h)    */
  char     *screenshot;
  gboolean  benchmark;
  int       exit_code;
  OsWindow *window;
  /* screenshot */
  guint     target_generation;
  int       ticks_after_ready;
  guint     watchdog;
  gpointer  bench;       /* OsBench */
} OsAppState;

/* ------------------------------------------------------------- flags */

static gboolean
parse_number (const char *flag, const char *text, double *out, GError **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: '%s' is not a finite number", flag, text);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* The parameter flags, spelled and checked as in the command-line modes
 * (app/os-cli.c); kept here so ui/ does not depend on app/. */
static gboolean
on_flag (const char *option_name, const char *value, gpointer data, GError **error)
{
  OsStartup *state = data;
  const char *name = option_name + 2;
  OsParamId id;
  OsActivation act;
  double v;

  if (g_str_equal (name, "student") || g_str_equal (name, "teacher"))
    {
      gboolean student = g_str_equal (name, "student");

      if (!os_activation_from_name (value, &act)
          || (student ? !os_activation_is_student (act) : !os_activation_is_teacher (act)))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: unknown activation '%s' (valid: %s)", option_name, value,
                       student ? "tanh, erf, relu, sin" : "linear, tanh, erf, relu, sin, he2, he3, he1+he2");
          return FALSE;
        }
      if (student)
        state->params.student = act;
      else
        state->params.teacher = act;
      return TRUE;
    }
  if (g_str_equal (name, "params") || g_str_equal (name, "preset"))
    {
      /* every key as if given as flags at this point: later flags override */
      OsPresetView view = state->view_given ? state->view : (OsPresetView) { 0 };

      if (!state->view_given)
        os_preset_view_init_default (&view);
      if (g_str_equal (name, "params"))
        {
          OsParams params = state->params;

          if (!os_paramfile_load (value, &params, &view, NULL, error))
            {
              g_prefix_error (error, "--params: ");
              return FALSE;
            }
          state->params = params;
        }
      else
        {
          const OsPreset *preset = os_preset_lookup (value, error);

          if (preset == NULL)
            return FALSE;
          state->params = preset->params;
          view = preset->view;
        }
      if (!os_param_panel_check_simulation (view.d, view.seeds, error))
        {
          g_prefix_error (error, "%s: ", option_name);
          return FALSE;
        }
      state->view = view;
      state->view_given = TRUE;
      state->axis = view.sweep.axis;
      state->d = view.d;
      state->seeds = view.seeds;
      state->simulate = view.simulate;
      return TRUE;
    }
  if (g_str_equal (name, "page"))
    {
      if (!g_str_equal (value, "curves") && !g_str_equal (value, "phase"))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--page: unknown page '%s' (valid: curves, phase)", value);
          return FALSE;
        }
      g_free (state->page);
      state->page = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (name, "sweep"))
    {
      if (!os_param_from_name (value, &id))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "--sweep: unknown parameter '%s' (valid: eta, alpha0, alpha, beta, lambda, noise)", value);
          return FALSE;
        }
      state->axis = id;
      state->axis_given = TRUE;
      return TRUE;
    }
  if (g_str_equal (name, "d") || g_str_equal (name, "seeds"))
    {
      gboolean is_d = g_str_equal (name, "d");
      int lo = is_d ? 50 : 1, hi = is_d ? 4000 : 20;

      if (!parse_number (option_name, value, &v, error))
        return FALSE;
      if (v != floor (v) || v < lo || v > hi)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: %s is outside the valid range [%d, %d] (an integer)", option_name, value, lo, hi);
          return FALSE;
        }
      if (is_d)
        state->d = (int) v;
      else
        state->seeds = (int) v;
      return TRUE;
    }
  if (!os_param_from_name (name, &id))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "unknown flag %s", option_name);
      return FALSE;
    }
  if (!parse_number (option_name, value, &v, error) || !os_param_check (id, v, error))
    return FALSE;
  os_params_set (&state->params, id, v);
  return TRUE;
}

void
os_startup_init (OsStartup *startup)
{
  g_return_if_fail (startup != NULL);
  memset (startup, 0, sizeof *startup);
  os_params_init_default (&startup->params);
  startup->axis = OS_PARAM_ALPHA;
  startup->d = 400;
  startup->seeds = 2;
}

void
os_startup_clear (OsStartup *startup)
{
  g_return_if_fail (startup != NULL);
  g_clear_pointer (&startup->page, g_free);
}

GOptionGroup *
os_startup_option_group (OsStartup *state)
{
  const GOptionEntry entries[] = {
    { "student", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Student activation σ: tanh, erf, relu, sin (default tanh)", "NAME" },
    { "teacher", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Teacher σ*: linear, tanh, erf, relu, sin, he2, he3, he1+he2 (default tanh)", "NAME" },
    { "eta", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Normalised learning rate η̃ in [0, 10] (default 1)", "X" },
    { "alpha0", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "First-step batch ratio α0 = n0/d in [0.05, 100] (default 0.5)", "X" },
    { "alpha", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Readout batch ratio α = n/d in [0.05, 10] (default 2)", "X" },
    { "beta", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Width ratio β = p/d in [0.1, 10] (default 1)", "X" },
    { "lambda", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Ridge λ in [1e-5, 10] (default 0.01)", "X" },
    { "noise", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Label-noise variance Δ in [0, 2] (default 0)", "X" },
    { "sweep", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "x-axis of the curves: eta, alpha0, alpha, beta, lambda, noise (default alpha)", "NAME" },
    { "params", 0, 0, G_OPTION_ARG_CALLBACK, on_flag,
      "Start from a parameter set saved by the window (later flags override it)", "FILE" },
    { "preset", 0, 0, G_OPTION_ARG_CALLBACK, on_flag,
      "Start from a preset: reference-tanh, reference-sin, kernel, even-teacher, large-step, "
      "interpolation-peak, wide", "NAME" },
    { "page", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "The page shown first: curves or phase (default curves)", "NAME" },
    { "simulate", 0, 0, G_OPTION_ARG_NONE, &state->simulate, "Run the real network beside the theory", NULL },
    { "d", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Input dimension of the simulation, 50–4000 (default 400)", "N" },
    { "seeds", 0, 0, G_OPTION_ARG_CALLBACK, on_flag, "Seeds per simulated point, 1–20 (default 2)", "N" },
    { "presentation", 0, 0, G_OPTION_ARG_NONE, &state->presentation,
      "Start in presentation mode (full screen, larger text for a projector; F11 toggles)", NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionGroup *group;

  g_return_val_if_fail (state != NULL, NULL);
  group = g_option_group_new (NULL, NULL, NULL, state, NULL);
  g_option_group_add_entries (group, entries);
  return group;
}

static gboolean
parse_flags (OsAppState *state, int *argc, char ***argv)
{
  const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &state->screenshot,
      "Render the window to FILE.png once the theory and spectra are shown, then exit", "FILE.png" },
    { "benchmark-ui", 0, 0, G_OPTION_ARG_NONE, &state->benchmark,
      "Drive 200 slider changes at 20/s with the simulation on (d = 400) and print latency and stalls", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- the One-Step Explorer window");
  GOptionGroup *group = os_startup_option_group (&state->startup);
  g_autoptr (GError) error = NULL;

  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (ctx, group);
  g_option_context_set_summary (ctx, "Without a mode, onestep-explorer opens the window. "
                                     "'onestep-explorer --help' lists the command-line modes.");
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      g_printerr ("onestep-explorer: %s\n(see onestep-explorer --help-all)\n", error->message);
      return FALSE;
    }
  if (state->screenshot != NULL && !g_str_has_suffix (state->screenshot, ".png"))
    {
      g_printerr ("onestep-explorer: --screenshot: '%s' must end in .png\n", state->screenshot);
      return FALSE;
    }
  return TRUE;
}

/* -------------------------------------------------------- screenshot */

/* Renders the real window (what GTK would draw) into a texture. */
static gboolean
save_window_png (GtkWidget *window, const char *path, GError **error)
{
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "the window has nothing to render");
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

/* After a frame is painted, layout is done: snapshot the window then. A
 * frame whose layout is still pending renders nothing; try the next. */
static void
screenshot_after_paint (GdkFrameClock *clock, OsAppState *state)
{
  GtkWidget *widget = GTK_WIDGET (state->window);
  g_autoptr (GError) error = NULL;

  if (widget == NULL)
    return;
  if (!save_window_png (widget, state->screenshot, &error))
    {
      if (++state->ticks_after_ready < 60)
        {
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          return;
        }
      g_printerr ("onestep-explorer: --screenshot: %s\n", error->message);
      state->exit_code = 1;
    }
  else
    {
      g_print ("screenshot: %s (%d×%d)\n", state->screenshot,
               gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      state->exit_code = 0;
    }
  g_signal_handlers_disconnect_by_func (clock, screenshot_after_paint, state);
  gtk_window_destroy (GTK_WINDOW (widget));
}

static gboolean
screenshot_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  OsAppState *state = data;

  if (state->target_generation == 0)
    return G_SOURCE_CONTINUE;
  if (g_strcmp0 (os_window_get_page (state->window), "phase") != 0)
    {
      /* the generation's last snapshot, not only an earlier stage of it */
      for (int k = 0; k < OS_PLOT_ALL; k++)
        {
          OsPlotView *plot = os_window_get_plot (state->window, k);

          if (os_plot_view_get_drawn_generation (plot) != state->target_generation
              || !os_plot_view_is_current (plot))
            return G_SOURCE_CONTINUE;
        }
      if (!os_window_is_status_shown (state->window))
        return G_SOURCE_CONTINUE;   /* the bottom bar's last words */
    }
  else
    {
      /* the curves are hidden (not drawn): wait for the phase diagram */
      OsPhaseView *phase = os_window_get_phase_view (state->window);
      OsPhaseGrid *grid = os_phase_view_get_grid (phase);

      /* the refined diagram */
      if (grid == NULL || !grid->final || os_phase_view_is_busy (phase))
        return G_SOURCE_CONTINUE;
    }
  /* every plot has drawn the snapshot: save after the next paint */
  g_signal_connect (clock, "after-paint", G_CALLBACK (screenshot_after_paint), state);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static void
on_screenshot_figure (OsEngine *engine, guint generation, int stage, gpointer figure, OsAppState *state)
{
  (void) figure;
  if (generation != os_engine_get_generation (engine))
    return;
  if (stage != OS_ENGINE_STAGE_THEORY)
    state->target_generation = generation;   /* theory and predicted spectra are in */
}

static gboolean
on_watchdog (gpointer data)
{
  OsAppState *state = data;

  g_printerr ("onestep-explorer: gave up after 120 s waiting for the %s\n",
              state->benchmark ? "benchmark" : "first complete snapshot");
  state->exit_code = 1;
  state->watchdog = 0;
  if (state->window != NULL)
    gtk_window_destroy (GTK_WINDOW (state->window));
  return G_SOURCE_REMOVE;
}

/* --------------------------------------------------------- benchmark */

#define BENCH_CHANGES   200
#define BENCH_PERIOD_MS 50
#define BENCH_WARMUP_MS 500

typedef struct
{
  OsAppState *state;
  int         n_changes;
  gint64      change_us[BENCH_CHANGES];
  guint       change_gen[BENCH_CHANGES];
  double      latency_ms[BENCH_CHANGES];
  int         n_resolved;
  gint64      last_iteration_us;
  gint64      max_stall_us;
  gint64      warmup_stall_us;   /* during the warm-up, reported apart */
  gboolean    measuring;
  guint       change_source, stall_source, finish_source;
  gint64      started_us;
  gint64      started_cpu_us;   /* the main thread's CPU time then */
  gint64      started_process_cpu_us;
  long        started_faults;   /* the main thread's page faults then */
  /* the frames, for the report: their count and mean, those over 16 ms,
   * the phases of the longest; ONESTEP_BENCH_TRACE=1 prints every long
   * one with its main-thread CPU time */
  GdkFrameClock *clock;
  GdkSurface *surface;
  gboolean    trace;
  gint64      mark_us, frame_start_us, frame_cpu_start_us;
  gint64      frame_phase_us[4], longest_phase_us[4], longest_frame_us;
  int         n_frames, n_long_frames, n_stalls_over, n_relayouts;
  gint64      frames_total_us;
} OsBench;

#define BENCH_STALL_TARGET_US 16000

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

/* The handlers run after GTK's own of the same phase: the time since the
 * previous mark is the work of that phase. */
static void
bench_mark (OsBench *b, int phase)
{
  gint64 now = g_get_monotonic_time ();

  if (phase >= 0)
    b->frame_phase_us[phase] = now - b->mark_us;
  b->mark_us = now;
}

static void
bench_before_paint (GdkFrameClock *clock, OsBench *b)
{
  (void) clock;
  memset (b->frame_phase_us, 0, sizeof b->frame_phase_us);
  b->frame_start_us = g_get_monotonic_time ();
  if (b->trace)   /* a system call: only when asked */
    b->frame_cpu_start_us = thread_cpu_us ();
  bench_mark (b, -1);
}

static void bench_update (GdkFrameClock *c, OsBench *b)      { (void) c; bench_mark (b, 0); }
static void bench_layout (GdkFrameClock *c, OsBench *b)      { (void) c; bench_mark (b, 1); }
static void bench_paint (GdkFrameClock *c, OsBench *b)       { (void) c; bench_mark (b, 2); }
static void bench_after_paint (GdkFrameClock *c, OsBench *b) { (void) c; bench_mark (b, 3); }

static void
bench_frame_done (GdkFrameClock *clock, OsBench *b)
{
  gint64 length = g_get_monotonic_time () - b->frame_start_us;

  (void) clock;
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

/* GdkSurface::layout: the window was laid out again */
static void
bench_relayout (GdkSurface *surface, int width, int height, OsBench *b)
{
  (void) surface;
  (void) width;
  (void) height;
  if (b->started_us != 0)
    b->n_relayouts++;
}

static void
bench_watch_frames (OsBench *b)
{
  GtkWidget *window = GTK_WIDGET (b->state->window);

  b->trace = g_strcmp0 (g_getenv ("ONESTEP_BENCH_TRACE"), "1") == 0;
  b->clock = g_object_ref (gtk_widget_get_frame_clock (window));
  b->surface = g_object_ref (gtk_native_get_surface (GTK_NATIVE (window)));
  g_signal_connect (b->clock, "before-paint", G_CALLBACK (bench_before_paint), b);
  g_signal_connect (b->clock, "update", G_CALLBACK (bench_update), b);
  g_signal_connect (b->clock, "layout", G_CALLBACK (bench_layout), b);
  g_signal_connect (b->clock, "paint", G_CALLBACK (bench_paint), b);
  g_signal_connect (b->clock, "after-paint", G_CALLBACK (bench_after_paint), b);
  g_signal_connect_after (b->clock, "after-paint", G_CALLBACK (bench_frame_done), b);
  g_signal_connect (b->surface, "layout", G_CALLBACK (bench_relayout), b);
}

static void
bench_unwatch_frames (OsBench *b)
{
  if (b->clock != NULL)
    g_signal_handlers_disconnect_by_data (b->clock, b);
  if (b->surface != NULL)
    g_signal_handlers_disconnect_by_data (b->surface, b);
  g_clear_object (&b->clock);
  g_clear_object (&b->surface);
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void bench_finish (OsBench *b);

static gboolean
bench_finish_idle (gpointer data)
{
  OsBench *b = data;

  b->finish_source = 0;
  bench_finish (b);
  return G_SOURCE_REMOVE;
}

static gboolean
bench_stall_tick (gpointer data)
{
  OsBench *b = data;
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

static void
bench_finish (OsBench *b)
{
  double sorted[BENCH_CHANGES];
  int n = 0;

  if (b->state->window == NULL)
    return;
  b->measuring = FALSE;
  g_clear_handle_id (&b->change_source, g_source_remove);
  g_clear_handle_id (&b->finish_source, g_source_remove);
  g_clear_handle_id (&b->stall_source, g_source_remove);
  bench_unwatch_frames (b);
  for (int i = 0; i < b->n_changes; i++)
    if (b->latency_ms[i] >= 0)
      sorted[n++] = b->latency_ms[i];
  qsort (sorted, n, sizeof *sorted, compare_double);
  g_print ("benchmark-ui: %d slider changes at %d/s across η̃, α and λ, simulation on (d = 400), "
           "%.1f s; %d of %d changes reached the screen\n",
           b->n_changes, 1000 / BENCH_PERIOD_MS, (g_get_monotonic_time () - b->started_us) / 1e6,
           n, b->n_changes);
  if (n == 0)
    {
      g_print ("latency_median_ms=nan latency_p95_ms=nan max_stall_ms=%.1f\n", b->max_stall_us / 1000.0);
      b->state->exit_code = 1;
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
      b->state->exit_code = 0;
    }
  gtk_window_destroy (GTK_WINDOW (b->state->window));
}

/* The error plot drew generation `generation`: every change posted at or
 * before it has reached the screen. */
static void
bench_on_drawn (OsPlotView *view, guint generation, OsBench *b)
{
  gint64 now = g_get_monotonic_time ();

  (void) view;
  for (int i = 0; i < b->n_changes; i++)
    if (b->latency_ms[i] < 0 && b->change_gen[i] <= generation)
      {
        b->latency_ms[i] = (now - b->change_us[i]) / 1000.0;
        b->n_resolved++;
      }
  /* finish outside the draw function: it destroys the window */
  if (b->n_changes == BENCH_CHANGES && b->n_resolved == BENCH_CHANGES && b->finish_source == 0)
    b->finish_source = g_idle_add (bench_finish_idle, b);
}

static gboolean
bench_change (gpointer data)
{
  OsBench *b = data;
  OsParamPanel *panel = os_window_get_panel (b->state->window);
  int i = b->n_changes;
  double phase = 0.5 + 0.5 * sin (0.37 * i);
  OsParamId id;
  double value;

  if (i >= BENCH_CHANGES)
    {
      /* wait (at most 5 s) for the last changes to reach the screen */
      if (g_get_monotonic_time () - b->change_us[BENCH_CHANGES - 1] > 5 * G_USEC_PER_SEC)
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
  os_param_panel_set_value (panel, id, value);
  b->change_gen[i] = os_engine_get_generation (os_window_get_engine (b->state->window));
  b->latency_ms[i] = -1;
  b->n_changes++;
  return G_SOURCE_CONTINUE;
}

static gboolean
bench_begin (gpointer data)
{
  OsBench *b = data;

  b->warmup_stall_us = b->max_stall_us;
  b->max_stall_us = 0;
  b->started_us = g_get_monotonic_time ();
  b->started_cpu_us = thread_cpu_us ();
  b->started_process_cpu_us = process_cpu_us ();
  b->started_faults = thread_page_faults ();
  b->change_source = g_timeout_add (BENCH_PERIOD_MS, bench_change, b);
  return G_SOURCE_REMOVE;
}

static void
bench_start_on_first_figure (OsEngine *engine, guint generation, int stage, gpointer figure, OsBench *b)
{
  (void) generation;
  (void) figure;
  if (stage != OS_ENGINE_STAGE_SIM_POINT || b->change_source != 0 || b->n_changes > 0)
    return;
  /* the simulation is running: after a short warm-up (the first frames
   * of the window, fonts, threads), start changing sliders */
  g_signal_handlers_disconnect_by_func (engine, bench_start_on_first_figure, b);
  b->measuring = TRUE;
  bench_watch_frames (b);
  b->change_source = g_timeout_add (BENCH_WARMUP_MS, bench_begin, b);
}

/* ------------------------------------------------------- application */

static void
on_window_destroy (GtkWidget *window, OsAppState *state)
{
  (void) window;
  state->window = NULL;
  g_clear_handle_id (&state->watchdog, g_source_remove);
  if (state->bench != NULL)
    {
      OsBench *b = state->bench;

      g_clear_handle_id (&b->change_source, g_source_remove);
      g_clear_handle_id (&b->stall_source, g_source_remove);
      bench_unwatch_frames (b);
      g_clear_handle_id (&b->finish_source, g_source_remove);
    }
}

void
os_startup_apply (const OsStartup *state, OsWindow *window)
{
  OsParamPanel *panel;

  g_return_if_fail (state != NULL);
  g_return_if_fail (OS_IS_WINDOW (window));

  panel = os_window_get_panel (window);
  if (state->axis_given)
    os_param_panel_set_axis (panel, state->axis);
  if (state->simulate || state->d != 400 || state->seeds != 2)
    os_param_panel_set_simulation (panel, state->simulate, state->d, state->seeds);
  if (state->view_given)
    {
      OsPresetView view = state->view;
      g_autoptr (GError) error = NULL;

      if (state->axis != view.sweep.axis)
        {
          view.sweep.axis = state->axis;
          os_param_panel_default_range (state->axis, &view.sweep.from, &view.sweep.to,
                                        &view.sweep.log_spacing);
        }
      view.simulate = state->simulate;
      view.d = state->d;
      view.seeds = state->seeds;
      if (!os_window_set_state (window, &state->params, &view, &error))
        os_window_show_error (window, error->message);
    }
  else
    os_window_set_params (window, &state->params);
  if (state->page != NULL)
    os_window_set_page (window, state->page);
  if (state->presentation)
    os_window_set_presentation (window, TRUE);
  /* the window starts here: the first undo must not return to the
   * built-in defaults the window was created with */
  os_window_reset_history (window);
}

static void
on_activate (GtkApplication *app, OsAppState *state)
{
  OsWindow *window;

  if (state->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (state->window));
      return;
    }
  window = os_window_new (app);
  state->window = window;
  g_signal_connect (window, "destroy", G_CALLBACK (on_window_destroy), state);
  os_startup_apply (&state->startup, window);

  if (state->screenshot != NULL)
    {
      g_signal_connect (os_window_get_engine (window), "figure-updated",
                        G_CALLBACK (on_screenshot_figure), state);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), screenshot_tick, state, NULL);
      state->exit_code = 1;
      state->watchdog = g_timeout_add_seconds (120, on_watchdog, state);
    }
  else if (state->benchmark)
    {
      OsBench *b = g_new0 (OsBench, 1);

      b->state = state;
      state->bench = b;
      g_signal_connect (os_window_get_plot (window, OS_PLOT_ERROR), "drawn",
                        G_CALLBACK (bench_on_drawn), b);
      g_signal_connect (os_window_get_engine (window), "figure-updated",
                        G_CALLBACK (bench_start_on_first_figure), b);
      b->stall_source = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_tick, b, NULL);
      state->exit_code = 1;
      state->watchdog = g_timeout_add_seconds (120, on_watchdog, state);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_quit (GSimpleAction *action, GVariant *parameter, gpointer app)
{
  (void) action;
  (void) parameter;
  /* closing the windows lets the engine cancel its work cleanly */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = gtk_application_get_windows (app))
    gtk_window_destroy (l->data);
}

static void
on_startup (GtkApplication *app, gpointer data)
{
  static const GActionEntry actions[] = {
    { "quit", on_quit, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  (void) data;
  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
}

int
os_application_run (int argc, char **argv)
{
  OsAppState state = { 0 };
  g_autoptr (GtkApplication) app = NULL;
  char *fake_argv[2] = { argv[0], NULL };
  int status;

#ifdef __GLIBC__
  /* Each frame GDK paints into a buffer the size of what changed (up to a
   * few megabytes). Above glibc's mmap threshold every such buffer is fresh
   * memory, faulted in page by page on the main thread (slow in a VM);
   * kept in the heap, the next frame reuses it. */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
  os_startup_init (&state.startup);
  if (!parse_flags (&state, &argc, &argv))
    {
      os_startup_clear (&state.startup);
      g_free (state.screenshot);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr ("onestep-explorer: unexpected argument '%s'\n", argv[1]);
      os_startup_clear (&state.startup);
      g_free (state.screenshot);
      return 2;
    }
  if (state.benchmark)
    {
      /* the benchmark drives the simulation at d = 400 */
      state.startup.simulate = TRUE;
      state.startup.d = 400;
    }

  /* The window keeps its own threads busy (theory, simulation, plot
   * rendering): OpenBLAS threads spinning beside them only steal the cores
   * (on 2 cores a third of the CPU went to their sched_yield loop). */
  if (g_getenv ("OPENBLAS_NUM_THREADS") == NULL)
    openblas_set_num_threads (1);
  /* The plots are Cairo drawings; GTK's GL renderer only composites them,
   * and where GL is software (Xvfb, VMs, many projector laptops) llvmpipe
   * took 70 % of the CPU and stalled frames. GSK_RENDERER=gl overrides. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  g_set_application_name ("One-Step Explorer");
  app = gtk_application_new ("org.onestep.Explorer", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), &state);
  gboolean exits_by_itself = state.screenshot != NULL || state.benchmark;

  status = g_application_run (G_APPLICATION (app), 1, fake_argv);

  /* The window is gone and its jobs cancelled: let the workers notice
   * before the process exits (exiting under a thread that is inside
   * OpenBLAS crashed it at shutdown). Cancellation is checked between BLAS
   * calls, so this takes milliseconds; give up after 5 s. */
  os_scheduler_wait_idle (g_get_monotonic_time () + 5 * G_USEC_PER_SEC);
  g_free (state.screenshot);
  os_startup_clear (&state.startup);
  g_free (state.bench);
  if (status != 0)
    return status;
  return exits_by_itself ? state.exit_code : 0;
}
