/* main.c — onestep-explorer: the window, or a command-line mode. The
 * window's command line is the shared flags (model/os-flags.h) plus
 * --screenshot and --benchmark-ui; `onestep-explorer --help` lists the
 * modes and those flags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"
#include "os-cli-simulate.h"
#include "os-lesson.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifdef OS_HAVE_GUI
#include "os-bench-ui.h"
#include "os-screenshot.h"
#include "os-ui.h"
#endif

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} OsMode;

static const OsMode modes[] = {
  { "theory",   os_cli_theory,   "asymptotic test error, order parameters and floors (docs/SCIENCE.md §5–6)" },
  { "simulate", os_cli_simulate, "the real network at finite d: test error and measured order parameters (docs/SCIENCE.md §1, §6)" },
  { "spectrum", os_cli_spectrum, "singular values of the weights or features, simulated or predicted (docs/SCIENCE.md §6, §9)" },
  { "merge",    os_cli_merge,    "combine the shard outputs of a simulate sweep (--shard i/N) into its table" },
  { "export",   os_cli_export,   "draw the plots to PNG, SVG or PDF (and CSV) without a display" },
  { "bench",    os_cli_bench,    "median wall times of the core computations" },
  /* further modes register here */
  { NULL, NULL, NULL }
};

/* The summary of the top-level --help: the modes. */
static char *
modes_summary (void)
{
  GString *s = g_string_new ("Modes ('onestep-explorer MODE --help' documents each):\n");

  for (guint i = 0; modes[i].name != NULL; i++)
    g_string_append_printf (s, "  %-10s %s\n", modes[i].name, modes[i].summary);
  g_string_append (s, "\nWithout a mode, onestep-explorer opens the window, started with the flags below.");
  return g_string_free (s, FALSE);
}

static int
usage_error (const char *message)
{
  g_printerr ("onestep-explorer: %s\nTry 'onestep-explorer --help'.\n", message);
  return OS_CLI_EXIT_USAGE;
}

/* --lesson and --step: a lesson that does not load, or a step it does not
 * have, is refused before any window opens (status 2). */
static gboolean
lesson_ok (const OsFlags *startup, int *rc)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OsLesson) lesson = os_lesson_open (startup->lesson, &error);

  if (lesson == NULL)
    {
      *rc = usage_error (error->message);
      return FALSE;
    }
  if (startup->step > (int) os_lesson_n_steps (lesson))
    {
      g_autofree char *message = g_strdup_printf ("--step: %d is outside the lesson's steps [1, %u]",
                                                  startup->step, os_lesson_n_steps (lesson));

      *rc = usage_error (message);
      return FALSE;
    }
  return TRUE;
}

/* The window's command line: parse, then the window, its screenshot or
 * its benchmark. */
static int
run_window (int argc, char **argv)
{
  g_autofree char *screenshot = NULL, *summary = modes_summary ();
  gboolean benchmark = FALSE, benchmark_play = FALSE;
  const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &screenshot,
      "Render the window to FILE.png once its request is complete: the theory, the spectra and, with "
      "--simulate, every simulated point (with --page phase: once the phase diagram is refined), then exit; "
      "the same flags give the same picture", "FILE.png" },
    { "benchmark-ui", 0, 0, G_OPTION_ARG_NONE, &benchmark,
      "Drive 200 slider changes at 20/s with the simulation on (d = 400) and print latency and stalls", NULL },
    { "benchmark-play", 0, 0, G_OPTION_ARG_NONE, &benchmark_play,
      "Play η̃ from 0 to 3 at 24 fps for 10 s with the player and print latency, stalls and the values shown", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- the One-Step Explorer window (or: onestep-explorer MODE [FLAG…])");
  g_autoptr (GError) error = NULL;
  OsFlags startup;
  int rc;

  os_flags_init (&startup, OS_FLAGS_FOR_WINDOW);
  g_option_context_set_main_group (ctx, os_flags_option_group (&startup, OS_FLAGS_WINDOW, entries));
  g_option_context_set_summary (ctx, summary);
  g_option_context_set_description (ctx,
#ifndef OS_HAVE_GUI
    "This build has no window (GTK 4 was not found); the command-line modes work.\n"
#endif
    "Parameter ranges: docs/SCIENCE.md §8. The science: docs/SCIENCE.md (after\n"
    "Cui et al., arXiv:2402.04980).\n");
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = usage_error (error->message);
  else if (argc > 1)
    {
      g_autofree char *message = g_strdup_printf ("unexpected argument '%s'", argv[1]);

      rc = usage_error (message);
    }
  else if (startup.version)
    {
      os_cli_print_version ();
      rc = 0;
    }
  else if (screenshot != NULL && !g_str_has_suffix (screenshot, ".png"))
    {
      g_autofree char *message = g_strdup_printf ("--screenshot: '%s' must end in .png", screenshot);

      rc = usage_error (message);
    }
  else if ((screenshot != NULL) + benchmark + benchmark_play > 1)
    rc = usage_error ("--screenshot, --benchmark-ui and --benchmark-play exclude each other");
  else if (startup.lesson != NULL && !lesson_ok (&startup, &rc))
    ;
  else
    {
      os_cli_print_warnings (NULL, &startup);
#ifdef OS_HAVE_GUI
      if (screenshot != NULL)
        rc = os_screenshot_run (&startup, screenshot);
      else if (benchmark)
        rc = os_bench_ui_run (&startup);
      else if (benchmark_play)
        rc = os_bench_play_run (&startup);
      else
        rc = os_ui_run (&startup, NULL, NULL);
#else
      rc = usage_error ("this build has no window (GTK 4 was not found); the command-line modes work");
#endif
    }
  g_clear_pointer (&ctx, g_option_context_free);
  os_flags_clear (&startup);
  return rc;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* numbers in the C locale everywhere: the tables, CSV and benchmark
   * lines are read by programs, and the window shows and reads numbers one
   * way (its entries parse a decimal point); messages still follow the
   * user's language (the window keeps this: os_ui_run tells GTK not to
   * set the locale again) */
  setlocale (LC_NUMERIC, "C");
  /* output that is lost is an error (status 1), never a silent success */
  atexit (os_cli_close_stdout);

  if (argc > 1)
    {
      for (guint i = 0; modes[i].name != NULL; i++)
        if (g_str_equal (argv[1], modes[i].name))
          {
            /* the mode sees itself as argv[0] */
            char *prg = g_strdup_printf ("onestep-explorer %s", argv[1]);
            int rc;

            g_set_prgname (prg);
            argv[1] = prg;
            rc = modes[i].run (argc - 1, argv + 1);
            g_free (prg);
            return rc;
          }
      if (g_str_equal (argv[1], "help"))
        {
          char *help_argv[] = { argv[0], (char *) "--help", NULL };

          return run_window (2, help_argv);
        }
      if (argv[1][0] != '-')
        {
          g_autofree char *message = g_strdup_printf ("unknown mode '%s'", argv[1]);

          return usage_error (message);
        }
    }
  return run_window (argc, argv);
}
