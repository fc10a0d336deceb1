/* os-flags.h — the flags that the window and every command-line mode
 * share: one table (os-flags.c), one spelling, one strict parser.
 *
 * A mode picks the flags it takes (a mask of OsFlag bits), sets its
 * defaults in an OsFlags and builds a GOptionGroup from the table; the
 * help text of each flag is generated from the table, the limits
 * (os-limits.h) and those defaults, so it cannot drift. Values are parsed
 * and checked as they are read, in command-line order: the GError from
 * g_option_context_parse names the flag and its valid range, and a flag
 * after --params or --preset overrides them.
 *
 * Numbers are decimal only: the whole string must be a finite decimal
 * number ("2", "-0.5", "1e-3"); hexadecimal, "inf", "nan", spaces and
 * trailing characters are refused, and so is a number too small to
 * represent but not zero ("1e-320": write 0). Integers (--d, --seeds,
 * --points, ...) are written in digits only: "1e3" and "2.0" are refused.
 *
 * --params FILE acts as the flags its keys spell, at its place on the
 * command line: the parameters, and x_axis, x_from, x_to, x_log (the
 * x-axis the window would draw from the file: --sweep, --from, --to,
 * --log/--linear), x_points (--points), simulate, d, seeds, seed — in a
 * mode that takes those flags. A key whose flag the mode does not take is
 * not used and gets a warning that names it (flags->warnings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-figure-style.h"
#include "os-limits.h"
#include "os-paramfile.h"
#include "os-phase.h"
#include "os-animation.h"
#include "os-presets.h"
#include "os-state.h"

G_BEGIN_DECLS

/* The shared flags, in the order --help lists them. */
typedef enum
{
  OS_FLAG_PARAMS,        /* --params FILE                                   */
  OS_FLAG_PRESET,        /* --preset NAME                                   */
  OS_FLAG_STUDENT,       /* --student NAME                                  */
  OS_FLAG_TEACHER,       /* --teacher NAME                                  */
  OS_FLAG_ETA,           /* --eta X … --noise X: in OsParamId order          */
  OS_FLAG_ALPHA0,
  OS_FLAG_ALPHA,
  OS_FLAG_BETA,
  OS_FLAG_LAMBDA,
  OS_FLAG_NOISE,
  OS_FLAG_SWEEP,         /* --sweep NAME: the swept parameter, the x-axis   */
  OS_FLAG_X_AXIS,        /* --x-axis NAME: hidden alias of --sweep (export) */
  OS_FLAG_FROM,          /* --from A                                        */
  OS_FLAG_TO,            /* --to B                                          */
  OS_FLAG_POINTS,        /* --points N                                      */
  OS_FLAG_LOG,           /* --log                                           */
  OS_FLAG_LINEAR,        /* --linear                                        */
  OS_FLAG_SIMULATE,      /* --simulate                                      */
  OS_FLAG_D,             /* --d N                                           */
  OS_FLAG_SEEDS,         /* --seeds N                                       */
  OS_FLAG_SEED,          /* --seed S                                        */
  OS_FLAG_MEMORY_BUDGET, /* --memory-budget MIB                             */
  OS_FLAG_NETWORK_SIZE,  /* --network-size N|inf: the finite-size theory's d */
  OS_FLAG_SPECTRUM,      /* --spectrum weights|features                     */
  OS_FLAG_CENTERED,      /* --centered                                      */
  OS_FLAG_CENTER,        /* --center: hidden alias of --centered (spectrum) */
  OS_FLAG_SPECTRUM_LOG,  /* --spectrum-log                                  */
  OS_FLAG_PRESENTATION,  /* --presentation                                  */
  OS_FLAG_PAGE,          /* --page curves|phase                             */
  OS_FLAG_FORMAT,        /* --format csv|json                               */
  OS_FLAG_QUANTITY,      /* --quantity eg|gain-kernel|gain-linear|best-lambda (phase) */
  OS_FLAG_Y_AXIS,        /* --y-axis NAME: the phase diagram's y-axis       */
  OS_FLAG_Y_FROM,        /* --y-from A                                      */
  OS_FLAG_Y_TO,          /* --y-to B                                        */
  OS_FLAG_WIDTH,         /* --width SIZE: a number with a unit (8.5cm, 1200) */
  OS_FLAG_HEIGHT,        /* --height SIZE                                   */
  OS_FLAG_DPI,           /* --dpi N: PNG pixels per inch (px sizes too)     */
  OS_FLAG_LEGEND,        /* --legend best|outside|none                      */
  OS_FLAG_NO_TITLE,      /* --no-title                                      */
  OS_FLAG_MARKER,        /* --marker: the slider marker in an export        */
  OS_FLAG_FONT_SIZE,     /* --font-size PT                                  */
  OS_FLAG_LOG_Y,         /* --log-y                                         */
  OS_FLAG_YLIM,          /* --ylim A,B                                      */
  OS_FLAG_BOXES,         /* --boxes FILE.json: the layout's geometry        */
  OS_FLAG_X_FROM,        /* --x-from A: the x-axis's start, even with --animate */
  OS_FLAG_X_TO,          /* --x-to B                                        */
  OS_FLAG_ANIMATE,       /* --animate NAME: play (record) this parameter;
                          * --from/--to are then its range                  */
  OS_FLAG_ANIMATE_FROM,  /* --animate-from A: the animation's start, always */
  OS_FLAG_ANIMATE_TO,    /* --animate-to B                                  */
  OS_FLAG_FRAMES,        /* --frames N                                      */
  OS_FLAG_FPS,           /* --fps F                                         */
  OS_FLAG_BOUNCE,        /* --bounce: there and back again                  */
  OS_FLAG_HIDE,          /* --hide LIST: series hidden (model/os-series.h)  */
  OS_FLAG_PIN,           /* --pin SPEC: a pinned set, what differs ("eta=0"); repeatable */
  OS_FLAG_OPTIMAL_ETA,   /* --optimal-eta: ε_g at η̃* on the test-error plot */
  OS_FLAG_LESSON,        /* --lesson NAME|FILE                              */
  OS_FLAG_STEP,          /* --step K: the lesson's step (1 = the first)     */
  OS_FLAG_COMPARE,       /* --compare NAME=v1,v2,…: one curve per value     */
  OS_FLAG_VERSION,       /* --version: every group has it                   */
  OS_FLAG_N
} OsFlag;

#define OS_FLAG_BIT(flag) (G_GUINT64_CONSTANT (1) << (flag))

/* --params --preset --student --teacher --eta --alpha0 --alpha --beta --lambda --noise */
#define OS_FLAGS_PARAMETERS \
  (OS_FLAG_BIT (OS_FLAG_PARAMS) | OS_FLAG_BIT (OS_FLAG_PRESET) | OS_FLAG_BIT (OS_FLAG_STUDENT) \
   | OS_FLAG_BIT (OS_FLAG_TEACHER) | OS_FLAG_BIT (OS_FLAG_ETA) | OS_FLAG_BIT (OS_FLAG_ALPHA0) \
   | OS_FLAG_BIT (OS_FLAG_ALPHA) | OS_FLAG_BIT (OS_FLAG_BETA) | OS_FLAG_BIT (OS_FLAG_LAMBDA) \
   | OS_FLAG_BIT (OS_FLAG_NOISE))
/* --sweep NAME --from A --to B --points N --log --linear */
#define OS_FLAGS_SWEEP \
  (OS_FLAG_BIT (OS_FLAG_SWEEP) | OS_FLAG_BIT (OS_FLAG_FROM) | OS_FLAG_BIT (OS_FLAG_TO) \
   | OS_FLAG_BIT (OS_FLAG_POINTS) | OS_FLAG_BIT (OS_FLAG_LOG) | OS_FLAG_BIT (OS_FLAG_LINEAR))
/* --d N --seeds N --seed S */
#define OS_FLAGS_NETWORK \
  (OS_FLAG_BIT (OS_FLAG_D) | OS_FLAG_BIT (OS_FLAG_SEEDS) | OS_FLAG_BIT (OS_FLAG_SEED))
/* --spectrum WHICH --centered --spectrum-log */
#define OS_FLAGS_SPECTRUM_VIEW \
  (OS_FLAG_BIT (OS_FLAG_SPECTRUM) | OS_FLAG_BIT (OS_FLAG_CENTERED) | OS_FLAG_BIT (OS_FLAG_SPECTRUM_LOG))

/* --quantity --y-axis --y-from --y-to: the phase diagram */
#define OS_FLAGS_PHASE \
  (OS_FLAG_BIT (OS_FLAG_QUANTITY) | OS_FLAG_BIT (OS_FLAG_Y_AXIS) | OS_FLAG_BIT (OS_FLAG_Y_FROM) \
   | OS_FLAG_BIT (OS_FLAG_Y_TO))
/* --width --height --dpi --legend --no-title --marker --font-size --log-y --ylim --boxes */
#define OS_FLAGS_FIGURE \
  (OS_FLAG_BIT (OS_FLAG_WIDTH) | OS_FLAG_BIT (OS_FLAG_HEIGHT) | OS_FLAG_BIT (OS_FLAG_DPI) \
   | OS_FLAG_BIT (OS_FLAG_LEGEND) | OS_FLAG_BIT (OS_FLAG_NO_TITLE) | OS_FLAG_BIT (OS_FLAG_MARKER) \
   | OS_FLAG_BIT (OS_FLAG_FONT_SIZE) | OS_FLAG_BIT (OS_FLAG_LOG_Y) | OS_FLAG_BIT (OS_FLAG_YLIM) \
   | OS_FLAG_BIT (OS_FLAG_BOXES))

/* --x-from A --x-to B: the x-axis's range, whatever --from and --to mean */
#define OS_FLAGS_X_RANGE \
  (OS_FLAG_BIT (OS_FLAG_X_FROM) | OS_FLAG_BIT (OS_FLAG_X_TO))
/* --animate NAME --animate-from A --animate-to B --frames N --fps F --bounce */
#define OS_FLAGS_ANIMATION \
  (OS_FLAG_BIT (OS_FLAG_ANIMATE) | OS_FLAG_BIT (OS_FLAG_ANIMATE_FROM) | OS_FLAG_BIT (OS_FLAG_ANIMATE_TO) \
   | OS_FLAG_BIT (OS_FLAG_FRAMES) | OS_FLAG_BIT (OS_FLAG_FPS) | OS_FLAG_BIT (OS_FLAG_BOUNCE))

/* --hide LIST --pin SPEC --optimal-eta: what the plots show */
#define OS_FLAGS_SHOWN \
  (OS_FLAG_BIT (OS_FLAG_HIDE) | OS_FLAG_BIT (OS_FLAG_PIN) | OS_FLAG_BIT (OS_FLAG_OPTIMAL_ETA))

/* The window's flags: the parameters, the x-axis, the simulation, the
 * spectrum toggles, --presentation, --page, the phase diagram's, hidden
 * series, pins, η̃*, the animation and a lesson. Together they
 * spell the whole view (model/os-state.h): os_flags_get_state () reads it,
 * os_state_to_command_line () writes it. */
#define OS_FLAGS_WINDOW \
  (OS_FLAGS_PARAMETERS | OS_FLAGS_SWEEP | OS_FLAGS_X_RANGE | OS_FLAG_BIT (OS_FLAG_SIMULATE) \
   | OS_FLAGS_NETWORK | OS_FLAG_BIT (OS_FLAG_NETWORK_SIZE) | OS_FLAGS_SPECTRUM_VIEW \
   | OS_FLAG_BIT (OS_FLAG_PRESENTATION) | OS_FLAG_BIT (OS_FLAG_PAGE) | OS_FLAGS_ANIMATION | OS_FLAGS_SHOWN \
   | OS_FLAG_BIT (OS_FLAG_LESSON) | OS_FLAG_BIT (OS_FLAG_STEP) | OS_FLAGS_PHASE)

typedef enum { OS_FORMAT_CSV, OS_FORMAT_JSON } OsFormat;

/* --compare: at most this many values */
#define OS_COMPARE_MAX_VALUES 8

/* Who parses: decides the limits of --d, --seeds and --points and what
 * --params and --preset set. */
typedef enum
{
  OS_FLAGS_FOR_TABLE,    /* a mode that prints a table: the network's limits,
                          * a sweep of 1 point or more; --params and --preset
                          * set the parameters only                         */
  OS_FLAGS_FOR_PLOT,     /* export: as a table, but curves of 2 points or more */
  OS_FLAGS_FOR_WINDOW,   /* the window: its own d and seeds limits; --params
                          * and --preset set the view too, and the parse ends
                          * by resolving the view (os_flags_window_view)    */
} OsFlagsUse;

typedef struct
{
  OsFlagsUse       use;
  guint64          given;        /* OS_FLAG_BIT of each flag given (and not
                                  * overridden by a later --params/--preset) */
  OsParams         params;       /* defaults, then flags, files, presets    */
  /* the window's view: the defaults, replaced by --params and --preset,
   * then --simulate --d --seeds --seed; the sweep flags are resolved
   * into view.sweep when the parse ends (use OS_FLAGS_FOR_WINDOW) */
  OsPresetView     view;
  gboolean         view_given;   /* --params or --preset set the view      */
  /* the sweep flags as given (see `given`) */
  OsParamId        sweep_axis;
  double           from, to;
  int              points;       /* the mode's default before the parse     */
  gboolean         log_spacing;  /* --log (TRUE) or --linear (FALSE)        */
  OsSpectrumMatrix spectrum;
  gboolean         centered, spectrum_log, presentation;
  char            *page;         /* "curves" or "phase"; NULL: not given    */
  OsFormat         format;
  gboolean         version;
  gsize            memory_budget;   /* --memory-budget in bytes; 0: not given */
  /* the phase diagram: its quantity and y-axis as given (see `given`) */
  OsPhaseQuantity  quantity;
  OsParamId        y_axis;
  double           y_from, y_to;
  /* a figure's layout and page (export): the export's defaults (1200 ×
   * 800 px, 72 dpi, no slider marker) before the parse */
  OsFigureStyle    style;
  OsPageSize       page_size;
  char            *boxes;        /* --boxes FILE.json, or NULL             */
  /* --x-from, --x-to as given */
  double           x_from, x_to;
  /* the animation: --animate's parameter over its usual range
   * (os_animation_set_param), then --from/--to (with --animate), then
   * --animate-from/--animate-to, --frames, --fps, --bounce; resolved when
   * the parse ends. `animate` is TRUE when --animate was given. */
  gboolean         animate;
  OsAnimation      animation;
  double           animate_from, animate_to;
  /* the rest of the view: as flags and a --params file's [view] group set
   * it (a file's pins are its own; --pin specs are read against the final
   * parameters when the parse ends) */
  gboolean         optimal_eta;
  guint64          hidden;
  int              n_pins;
  OsParams         pins[OS_STATE_MAX_PINS];
  char            *pin_specs[OS_STATE_MAX_PINS];   /* NULL: pins[i] as read */
  /* --lesson, --step (1-based; 0 = not given) */
  char            *lesson;
  int              step;
  /* --compare NAME=v1,v2,…: the parameter and its values */
  gboolean         compare;
  OsParamId        compare_param;
  int              n_compare;
  double           compare_values[OS_COMPARE_MAX_VALUES];
  /* limits of --d and --seeds for this use (os-limits.h); a mode may widen
   * d_min/d_max before building the group (spectrum --theory) */
  int              d_min, d_max, seeds_max, points_min;
  /* --params: the bits of `given` that a file set (a flag after it clears
   * its own), and where each came from (file name, line) */
  guint64          from_file;
  char            *file_of[OS_FLAG_N];
  int              file_line[OS_FLAG_N];
  /* a mode that takes a flag but not its file key sets a note here (why it
   * is not used), before the parse: the key then gets a warning */
  const char      *file_key_unused[OS_FLAG_N];
  /* theory: its --d is the finite-size theory's network size, so a file's
   * network_size acts as --d (set before the parse) */
  gboolean         file_network_size_is_d;
  /* "FILE:LINE: KEY: not used (…)" for each key of --params the mode does
   * not use; os_cli_parse and the window print them */
  GPtrArray       *warnings;
  /*< private >*/
  guint64          accepted;     /* the flags of the group                 */
  GPtrArray       *strings;      /* the generated help texts               */
  char            *help[OS_FLAG_N];   /* os_flags_set_help                   */
} OsFlags;

/* The defaults: os_params_init_default, os_preset_view_init_default (α
 * from 0.1 to 5, 200 points, simulation off, d = 400, 2 seeds, seed 1),
 * format CSV, weights, the limits of `use`. */
void          os_flags_init          (OsFlags *flags, OsFlagsUse use);
void          os_flags_clear         (OsFlags *flags);

/* The group of the flags in `accepted` (OS_FLAG_BIT mask; --version is
 * always in), after the mode's own entries (nullable), writing into
 * *flags, which must outlive the parse and the group. Help texts name the
 * ranges and the defaults *flags holds now. Use it as the context's main
 * group. Transfer full. */
GOptionGroup *os_flags_option_group  (OsFlags            *flags,
                                      guint64             accepted,
                                      const GOptionEntry *mode_entries);

/* "FILE:LINE: KEY: not used (why)" in flags->warnings if a --params file
 * set flag (and no later flag replaced it), for a mode that takes the flag
 * but cannot use it here (spectrum --theory and the seed). Returns whether
 * the file set it (the x-axis keys set --sweep, --from, --to and
 * --log/--linear together; the warning names only the keys the file has). */
gboolean      os_flags_warn_file_key (OsFlags    *flags,
                                      OsFlag      flag,
                                      const char *why);

/* Replaces the generated help of one flag (before os_flags_option_group). */
void          os_flags_set_help      (OsFlags *flags, OsFlag flag, const char *help);

gboolean      os_flags_given         (const OsFlags *flags, OsFlag flag);

/* The x-axis the flags ask for: --sweep's axis or base's; when it is not
 * base's, the range and spacing come from default_range (nullable: then
 * os_axis_default_range); then --from and --to as given (unless --animate
 * takes them), --x-from, --x-to, --points, --log/--linear. Checked with
 * os_sweep_validate. */
gboolean      os_flags_get_sweep     (const OsFlags *flags,
                                      const OsSweep *base,
                                      void         (*default_range) (OsParamId axis, double *from,
                                                                     double *to, gboolean *log_spacing),
                                      OsSweep       *sweep,
                                      GError       **error);

/* The phase diagram the flags ask for: --params's quantity and y-axis
 * (else ε_g over η̃, or over α when x_axis is η̃), then --quantity,
 * --y-axis (its usual range), --y-from, --y-to as given; checked
 * (os_preset_phase_validate). */
gboolean      os_flags_get_phase     (const OsFlags *flags,
                                      OsParamId      x_axis,
                                      OsPresetPhase *phase,
                                      GError       **error);
/* The whole view the flags ask for (the window's, OS_FLAGS_FOR_WINDOW):
 * the defaults, then --params and --preset, then every flag after them. */
void          os_flags_get_state     (const OsFlags *flags, OsState *state);

/* The command line that opens the window in state: "onestep-explorer"
 * and the shared flags that differ from the defaults, each quoted for a
 * POSIX shell where needed. Parsed back (OS_FLAGS_FOR_WINDOW), it gives
 * the same state (tests/test-flags-state.c). */
char         *os_state_to_command_line (const OsState *state);
/* The same as an argument vector (without the program's name). */
GStrv         os_state_to_argv       (const OsState *state);

/* The window's limits of d and seeds (os-limits.h): "d: 5000 is outside the
 * window's range [50, 4000]". */
gboolean      os_flags_check_window_simulation (int d, int seeds, GError **error);
/* The same for a view loaded from file (keys: its lines, nullable), named
 * as the command line names it: "FILE:LINE: d: 5000 is outside the
 * window's range [50, 4000]" (--params and the window's Open). */
gboolean      os_flags_check_window_file (const char         *file,
                                          const OsPresetView *view,
                                          const OsParamfileKeys *keys,
                                          GError            **error);

/* The phase diagram's quantities as the flags and parameter files spell
 * them: eg, gain-kernel, gain-linear, best-lambda (core's names
 * test-error and optimal-lambda are accepted too). */
const char   *os_flags_quantity_name     (OsPhaseQuantity q);
gboolean      os_flags_quantity_from_name (const char *name, OsPhaseQuantity *out);

/* The strict parsers, for the flags of one mode too. text must be a
 * finite decimal number; the message names flag ("--eta: 'x' is not a
 * finite number"). */
gboolean      os_flags_parse_number  (const char *flag,
                                      const char *text,
                                      double     *out,
                                      GError    **error);
/* text must be an integer in digits inside [min, max]; messages:
 * "--d: 5 is outside the valid range [10, 1000000]", "--d: '1e3' is not an
 * integer (write 1000; valid range [10, 1000000])". */
gboolean      os_flags_parse_int     (const char *flag,
                                      const char *text,
                                      gint64      min,
                                      gint64      max,
                                      gint64     *out,
                                      GError    **error);
/* value inside [min, max], else "--d: 5 is outside the valid range [10, 1000000]" */
gboolean      os_flags_check_int     (const char *flag,
                                      gint64      value,
                                      gint64      min,
                                      gint64      max,
                                      GError    **error);
/* os_flags_parse_int for an int. */
gboolean      os_flags_parse_int32   (const char *flag,
                                      const char *text,
                                      int         min,
                                      int         max,
                                      int        *out,
                                      GError    **error);
/* The shortest decimal that reads back as v exactly, without an exponent
 * where one is not needed: "20", "0.1", "1e-07". */
const char   *os_decimal_format      (double v, char buf[G_ASCII_DTOSTR_BUF_SIZE]);
/* Whether text is a finite decimal number, and its value (no message):
 * the parameter files use it too. */
gboolean      os_decimal_parse       (const char *text,
                                      double     *out);
/* What a person typed in a number box: os_decimal_parse once the spaces
 * around it are dropped (the window's entries; one parser with the flags). */
gboolean      os_decimal_parse_typed (const char *text,
                                      double     *out);
/* Why os_decimal_parse refused text: "is not a finite number", or "is too
 * small to represent (…); write 0 for zero". */
const char   *os_decimal_problem     (const char *text);

G_END_DECLS
