/* main.c — onestep-explorer: the window, or a command-line mode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli.h"

#include <locale.h>
#include <string.h>

#ifdef OS_HAVE_GUI
#include "os-application.h"
#endif

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} OsMode;

static const OsMode modes[] = {
  { "theory",   os_cli_theory,   "asymptotic test error, order parameters and floors (docs/SCIENCE.md §5–6)" },
  { "bench",    os_cli_bench,    "median wall times of the core computations" },
  { "simulate", os_cli_simulate, "the real network at finite d: test error and measured order parameters (docs/SCIENCE.md §1, §6)" },
  { "spectrum", os_cli_spectrum, "singular values of the weights or features, simulated or predicted (docs/SCIENCE.md §6, §9)" },
  { "export",   os_cli_export,   "draw the plots to PNG, SVG or PDF (and CSV) without a display" },
  /* further modes register here */
  { NULL, NULL, NULL }
};

static void
print_usage (void)
{
  g_print ("Usage:\n"
           "  onestep-explorer [--screenshot FILE.png] [parameter flags]   open the window\n"
           "  onestep-explorer MODE [flags]                                command line\n\n"
           "Modes:\n");
  for (guint i = 0; modes[i].name != NULL; i++)
    g_print ("  %-10s %s\n", modes[i].name, modes[i].summary);
  g_print ("\n'onestep-explorer MODE --help' documents each mode.\n"
           "The science: docs/SCIENCE.md (after Cui et al., arXiv:2402.04980).\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");

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
      if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
        {
          print_usage ();
          return 0;
        }
      if (argv[1][0] != '-')
        {
          g_printerr ("onestep-explorer: unknown mode '%s'\n", argv[1]);
          print_usage ();
          return OS_CLI_EXIT_USAGE;
        }
    }

#ifdef OS_HAVE_GUI
  return os_application_run (argc, argv);
#else
  g_printerr ("onestep-explorer: this build has no window (GTK 4 was not found); "
              "the command-line modes work.\n");
  print_usage ();
  return OS_CLI_EXIT_USAGE;
#endif
}
