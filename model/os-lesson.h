/* os-lesson.h — a lesson: the story a lecturer tells with the explorer,
 * as a sequence of steps, each with a caption of a sentence or two and
 * the view that goes with it. Presenter mode steps through it (ui/), and
 * `export --lesson` prints it as a handout (plot/os-handout.h).
 *
 * A lesson is a GKeyFile:
 *
 *     [lesson]
 *     title=The story of one giant step
 *     subtitle=After Cui et al., ICML 2024 (arXiv:2402.04980)   (optional)
 *
 *     [step 1]
 *     title=The kernel regime                                     (optional)
 *     caption=Without a step the network learns only a line: ε_g = {eg}.
 *     plot=function            all | error | spectrum | overlaps | function
 *     eta=0                    any key of a parameter set: os-paramfile.h's
 *     hide=floor-spike         [parameters] keys and os-state.h's [view] keys
 *     checks=nonlin < 0.01; eg > lin
 *
 *     [step 2]
 *     ...
 *
 * Steps are numbered 1, 2, … in order. Each step starts from the view of
 * the step before (the first from the window's defaults) and changes what
 * it names; an animation and the plot in focus belong to their own step
 * only, and `unpin=true` drops the pins it inherited. A caption is Pango
 * markup (ε<sub>g</sub>; write &lt; &gt; &amp; for < > &) and quotes
 * computed numbers as {name} (three significant digits) or {name:N} (N
 * digits), and `checks` lists claims separated by ';' that must hold for
 * the step's numbers (os-lesson-facts.h); tests/test-lesson.c checks
 * them for every built-in lesson. Errors name the file, the line and the
 * key, as parameter files do.
 *
 * Built-in lessons (resources/lessons/, compiled in): paper-story, spectra.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-state.h"

G_BEGIN_DECLS

/* The plot a step puts in focus; the same order as plot/'s OsPlotKind. */
typedef enum
{
  OS_FOCUS_ERROR,
  OS_FOCUS_SPECTRUM,
  OS_FOCUS_OVERLAPS,
  OS_FOCUS_FUNCTION,
  OS_FOCUS_ALL,
  OS_FOCUS_N
} OsFocus;

const char *os_focus_name      (OsFocus focus);    /* "error", …, "all" */
gboolean    os_focus_from_name (const char *name, OsFocus *out);

typedef struct
{
  int      number;       /* 1, 2, …                                  */
  int      line;         /* of its [step N] header                   */
  char    *title;        /* NULL: none                               */
  char    *caption;      /* with {placeholders}                      */
  OsState  state;        /* the whole view of the step               */
  OsFocus  focus;
  GStrv    checks;       /* the claims, each "a OP b" (may be empty)  */
} OsLessonStep;

typedef struct
{
  char      *id;         /* "paper-story", or the file's name without .lesson */
  char      *source;     /* the name in messages: "paper-story.lesson" or the path */
  char      *title, *subtitle;
  GPtrArray *steps;      /* OsLessonStep* */
} OsLesson;

/* From text (name: in messages); OS_ERROR_PARSE or
 * OS_ERROR_INVALID_ARGUMENT "NAME:LINE: KEY: why". */
OsLesson    *os_lesson_load_data (const char *data, gssize length, const char *name, GError **error);
OsLesson    *os_lesson_load_file (const char *path, GError **error);
/* A built-in lesson by id (case-insensitive), or NULL. */
OsLesson    *os_lesson_load_builtin (const char *id, GError **error);
/* A built-in id, else a file: what --lesson takes. Unknown names list the
 * built-in ones. */
OsLesson    *os_lesson_open      (const char *name_or_path, GError **error);
/* The built-in ids, NULL-terminated (static). */
const char *const *os_lesson_builtin_ids (void);
void         os_lesson_free      (OsLesson *lesson);

static inline guint
os_lesson_n_steps (const OsLesson *lesson)
{
  return lesson->steps->len;
}

static inline const OsLessonStep *
os_lesson_step (const OsLesson *lesson, guint i)
{
  return g_ptr_array_index (lesson->steps, i);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsLesson, os_lesson_free)

G_END_DECLS
