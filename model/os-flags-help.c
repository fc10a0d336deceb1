/* os-flags-help.c — the --help text of each shared flag, generated from
 * the table's limits and the defaults the mode holds, so it cannot drift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-flags.h"
#include "os-flags-private.h"

#include <string.h>

/* "tanh, erf, relu, sin": the students' or the teachers' names */
char *
os_flags_activation_names (gboolean student)
{
  GString *s = g_string_new (NULL);

  for (OsActivation act = 0; act < OS_ACT_N; act++)
    if (student ? os_activation_is_student (act) : os_activation_is_teacher (act))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", os_activation_name (act));
  return g_string_free (s, FALSE);
}


/* %g, with the exponent's "+" and leading zeros dropped: "1e-05" → "1e-5" */
static char *
format_number (double x)
{
  g_autofree char *text = g_strdup_printf ("%g", x);
  g_auto (GStrv) parts = g_strsplit (text, "e", 2);
  const char *exponent;
  gboolean negative;

  if (parts[1] == NULL)
    return g_steal_pointer (&text);
  exponent = parts[1];
  negative = *exponent == '-';
  if (*exponent == '-' || *exponent == '+')
    exponent++;
  while (exponent[0] == '0' && exponent[1] != '\0')
    exponent++;
  return g_strdup_printf ("%se%s%s", parts[0], negative ? "-" : "", exponent);
}

static const char *const param_labels[OS_PARAM_N] = {
  [OS_PARAM_ETA]    = "Normalised learning rate η̃",
  [OS_PARAM_ALPHA0] = "First-step batch ratio α0 = n0/d",
  [OS_PARAM_ALPHA]  = "Readout batch ratio α = n/d",
  [OS_PARAM_BETA]   = "Width ratio β = p/d",
  [OS_PARAM_LAMBDA] = "Ridge λ",
  [OS_PARAM_NOISE]  = "Label-noise variance Δ",
};

/* "eta, alpha0, …" (log_only: those on a log scale) */
static void
append_axes (GString *s, gboolean log_only)
{
  const char *sep = "";

  for (int i = 0; i < OS_PARAM_N; i++)
    if (!log_only || os_param_info (i)->log_scale)
      {
        g_string_append_printf (s, "%s%s", sep, os_param_info (i)->name);
        sep = ", ";
      }
}

static void
append_presets (GString *s)
{
  guint n;
  const OsPreset *presets = os_presets (&n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", presets[i].id);
}

char *
os_flags_help_text (const OsFlags *flags, OsFlag flag)
{
  gboolean window = flags->use == OS_FLAGS_FOR_WINDOW, table_use = flags->use == OS_FLAGS_FOR_TABLE;
  GString *s = g_string_new (NULL);

  switch (flag)
    {
    case OS_FLAG_PARAMS:
      g_string_append (s, window ? "Start from a parameter set saved by the window (a [parameters] group, "
                                   "keys spelled like these flags, with the x-axis and simulation)"
                                 : "Read the parameters from a file ([parameters] group, keys spelled "
                                   "like these flags)");
      g_string_append (s, "; flags after it override it");
      break;
    case OS_FLAG_PRESET:
      g_string_append (s, "Start from a preset: ");
      append_presets (s);
      g_string_append (s, "; flags after it override it");
      break;
    case OS_FLAG_STUDENT:
    case OS_FLAG_TEACHER:
      {
        gboolean student = flag == OS_FLAG_STUDENT;
        g_autofree char *names = os_flags_activation_names (student);

        g_string_append_printf (s, "%s: %s (default %s)", student ? "Student activation σ" : "Teacher σ*", names,
                                os_activation_name (student ? flags->params.student : flags->params.teacher));
        break;
      }
    case OS_FLAG_ETA: case OS_FLAG_ALPHA0: case OS_FLAG_ALPHA:
    case OS_FLAG_BETA: case OS_FLAG_LAMBDA: case OS_FLAG_NOISE:
      {
        OsParamId id = (OsParamId) (flag - OS_FLAG_ETA);
        const OsParamInfo *info = os_param_info (id);
        g_autofree char *lo = format_number (info->min), *hi = format_number (info->max);
        g_autofree char *def = format_number (os_params_get (&flags->params, id));

        g_string_append_printf (s, "%s in [%s, %s] (default %s)", param_labels[id], lo, hi, def);
        break;
      }
    case OS_FLAG_SWEEP:
    case OS_FLAG_X_AXIS:
      g_string_append (s, table_use ? "Sweep this parameter: " : "x-axis of the curves: ");
      append_axes (s, FALSE);
      if (table_use)
        g_string_append (s, " (without it, one point)");
      else
        g_string_append_printf (s, " (default %s)", os_param_info (flags->view.sweep.axis)->name);
      break;
    case OS_FLAG_FROM:
      g_string_append (s, table_use ? "Start of the sweep" : "Start of the x-axis (default: the axis's usual range)");
      if (!table_use)
        g_string_append (s, "; with --animate, the animation's first value");
      break;
    case OS_FLAG_TO:
      g_string_append (s, table_use ? "End of the sweep" : "End of the x-axis");
      if (!table_use)
        g_string_append (s, "; with --animate, the animation's last value");
      break;
    case OS_FLAG_POINTS:
      g_string_append_printf (s, "Points along the %s, %d–%d (default %d)", table_use ? "sweep" : "x-axis",
                              flags->points_min, OS_SWEEP_MAX_POINTS, flags->points);
      break;
    case OS_FLAG_LOG:
      g_string_append (s, "Geometric spacing");
      if (!table_use)
        {
          g_string_append (s, " (the default for ");
          append_axes (s, TRUE);
          g_string_append (s, ")");
        }
      break;
    case OS_FLAG_LINEAR:
      g_string_append (s, table_use ? "Even spacing (the default)" : "Even spacing");
      break;
    case OS_FLAG_SIMULATE:
      g_string_append (s, window ? "Run the real network beside the theory"
                                 : "Also run the real network: points along the x-axis and the spectrum "
                                   "histogram");
      break;
    case OS_FLAG_D:
      g_string_append_printf (s, "Input dimension d of the network, %d–%d (default %d); "
                              "p = round(βd), n0 = round(α0 d), n = round(αd)",
                              flags->d_min, flags->d_max, flags->view.d);
      break;
    case OS_FLAG_SEEDS:
      g_string_append_printf (s, "Independent repetitions (seeds) per simulated point, 1–%d (default %d)",
                              flags->seeds_max, flags->view.seeds);
      break;
    case OS_FLAG_SEED:
      g_string_append_printf (s, "First seed, 0–%d (default %" G_GUINT64_FORMAT "); repetition k uses seed + k",
                              OS_MAX_SEED, flags->view.seed);
      break;
    case OS_FLAG_MEMORY_BUDGET:
      g_string_append_printf (s, "Refuse a simulation that needs more than this at its peak, in MiB, 1–%d "
                              "(default %d)", OS_MAX_MEMORY_BUDGET_MIB,
                              (int) (OS_SIM_DEFAULT_MEMORY_BUDGET >> 20));
      break;
    case OS_FLAG_NETWORK_SIZE:
      g_string_append_printf (s, "Network size d of the finite-size theory (docs/SCIENCE.md §10): %d–%d, "
                              "or inf for the d → ∞ theory alone (default ",
                              OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX);
      if (flags->view.network_d > 0)
        g_string_append_printf (s, "%d", flags->view.network_d);
      else
        g_string_append (s, "inf");
      g_string_append (s, "); the simulation's d when it runs");
      break;
    case OS_FLAG_SPECTRUM:
      g_string_append_printf (s, "Spectrum of: weights (W) or features (Φ) (default %s)",
                              flags->spectrum == OS_SPECTRUM_FEATURES ? "features" : "weights");
      break;
    case OS_FLAG_CENTERED:
    case OS_FLAG_CENTER:
      g_string_append (s, "Features with their column means removed");
      break;
    case OS_FLAG_SPECTRUM_LOG:
      g_string_append (s, "Log axis on the spectrum, so the bulk and the spike both show");
      break;
    case OS_FLAG_PRESENTATION:
      g_string_append (s, window ? "Start in presentation mode (full screen, larger text for a projector; "
                                   "F11 toggles)"
                                 : "Larger text and lines, for a projector");
      break;
    case OS_FLAG_PAGE:
      g_string_append (s, "The page shown first: curves or phase (default curves)");
      break;
    case OS_FLAG_FORMAT:
      g_string_append (s, "Output format: csv or json (default csv)");
      break;
    case OS_FLAG_QUANTITY:
      g_string_append (s, "The phase diagram's quantity: eg (ε_g), gain-kernel (ε_kernel − ε_g), gain-linear "
                          "(ε_lin − ε_g) or best-lambda (ε_g at the best λ) (default eg)");
      break;
    case OS_FLAG_Y_AXIS:
      g_string_append (s, "The phase diagram's y-axis: ");
      append_axes (s, FALSE);
      g_string_append (s, " (default eta; alpha when the x-axis is eta)");
      break;
    case OS_FLAG_Y_FROM:
      g_string_append (s, "Start of the phase diagram's y-axis (default: the axis's usual range)");
      break;
    case OS_FLAG_Y_TO:
      g_string_append (s, "End of the phase diagram's y-axis");
      break;
    case OS_FLAG_WIDTH:
    case OS_FLAG_HEIGHT:
      {
        g_autofree char *def = os_length_to_string (flag == OS_FLAG_WIDTH ? flags->page_size.width : flags->page_size.height);

        g_string_append_printf (s, "%s: a number with a unit px, pt, mm, cm or in (8.5cm); a bare number is "
                                "pixels at --dpi, one point at 72 dpi (default %s)",
                                flag == OS_FLAG_WIDTH ? "Width" : "Height", def);
        break;
      }
    case OS_FLAG_DPI:
      g_string_append_printf (s, "Pixels per inch of a PNG, %g–%g (default %g: a pixel per point)", OS_DPI_MIN,
                              OS_DPI_MAX, OS_DPI_DEFAULT);
      break;
    case OS_FLAG_LEGEND:
      g_string_append (s, "Legend: best (inside where it covers no data, else outside), outside (right or "
                          "below) or none (default best)");
      break;
    case OS_FLAG_NO_TITLE:
      g_string_append (s, "No titles and no parameter lines above the plots");
      break;
    case OS_FLAG_MARKER:
      g_string_append (s, "Draw the slider marker and its legend entry (the window always does)");
      break;
    case OS_FLAG_FONT_SIZE:
      g_string_append_printf (s, "Base text size in points, %g–%g (default: 13, smaller on a small figure)",
                              OS_FONT_SIZE_MIN, OS_FONT_SIZE_MAX);
      break;
    case OS_FLAG_LOG_Y:
      g_string_append (s, "Log y-axis on the test-error and order-parameter plots");
      break;
    case OS_FLAG_YLIM:
      g_string_append (s, "y-range A,B of the test-error, order-parameter and learned-function plots");
      break;
    case OS_FLAG_BOXES:
      g_string_append (s, "Also write the layout's geometry as JSON: plot areas, ranges, the legend, every "
                          "text's box and the series as drawn, in output units, y down");
      break;
    case OS_FLAG_VERSION:
      g_string_append (s, "Print the version and exit");
      break;
    case OS_FLAG_X_FROM:
      g_string_append (s, "Start of the x-axis (the same as --from without --animate)");
      break;
    case OS_FLAG_X_TO:
      g_string_append (s, "End of the x-axis (the same as --to without --animate)");
      break;
    case OS_FLAG_ANIMATE:
      g_string_append (s, window ? "Play this parameter: " : "Record this parameter played over a range: ");
      append_axes (s, FALSE);
      g_string_append (s, "; --from and --to are then its range (default: the axis's usual range)");
      break;
    case OS_FLAG_ANIMATE_FROM:
      g_string_append (s, "First value of the animation (the same as --from with --animate)");
      break;
    case OS_FLAG_ANIMATE_TO:
      g_string_append (s, "Last value of the animation (the same as --to with --animate)");
      break;
    case OS_FLAG_FRAMES:
      g_string_append_printf (s, "Frames of the animation, ends included, %d–%d (default %d)",
                              OS_ANIMATION_MIN_FRAMES, OS_ANIMATION_MAX_FRAMES, flags->animation.frames);
      break;
    case OS_FLAG_FPS:
      g_string_append_printf (s, "Frames per second, %d–%d (default %d; %d frames at %d fps last %g s)",
                              OS_ANIMATION_MIN_FPS, OS_ANIMATION_MAX_FPS, flags->animation.fps,
                              flags->animation.frames, flags->animation.fps,
                              (double) flags->animation.frames / flags->animation.fps);
      break;
    case OS_FLAG_BOUNCE:
      g_string_append (s, "Run the animation there and back (the default starts over at the first value)");
      break;
    case OS_FLAG_HIDE:
      {
        g_autofree char *names = os_series_id_names ();

        g_string_append_printf (s, "Hide these series, comma-separated: %s", names);
        break;
      }
    case OS_FLAG_PIN:
      g_string_append_printf (s, "Pin a parameter set, drawn faded beside the live curves: what differs, "
                              "e.g. eta=0 or eta=2,alpha0=5 (up to %d)", OS_STATE_MAX_PINS);
      break;
    case OS_FLAG_OPTIMAL_ETA:
      g_string_append (s, "Add ε_g at the optimal learning rate η̃* to the test-error plot");
      break;
    case OS_FLAG_LESSON:
      g_string_append (s, window ? "Open a lesson in presenter mode: a built-in one (paper-story, spectra) "
                                   "or a .lesson file"
                                 : "A lesson (paper-story, spectra, or a .lesson file): with --output FILE.pdf, "
                                   "its handout, one page per step");
      break;
    case OS_FLAG_STEP:
      g_string_append (s, "The lesson's step to open at (1 = the first)");
      break;
    case OS_FLAG_COMPARE:
      g_string_append_printf (s, "Overlay the curves for several values of one parameter, e.g. eta=0,0.5,1,2 "
                              "(2–%d values)", OS_COMPARE_MAX_VALUES);
      break;
    case OS_FLAG_N:
    default:
      break;
    }
  return g_string_free (s, FALSE);
}

