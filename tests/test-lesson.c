/* test-lesson.c — lessons (model/os-lesson.h, os-lesson-facts.h): each
 * built-in lesson loads, has six steps or more, and for every step the
 * caption's numbers come from the model (no decimal written by hand) and
 * every claim holds against the numbers the step shows; a lesson file's
 * errors name the line and the key; steps inherit the view but not the
 * animation; the claims' little language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-error.h"
#include "os-lesson.h"
#include "os-lesson-facts.h"

#include <string.h>

/* A decimal number written in the caption outside the {placeholders}. */
static gboolean
has_hand_written_decimal (const char *caption)
{
  int depth = 0;

  for (const char *p = caption; *p != '\0'; p++)
    {
      if (*p == '{')
        depth++;
      else if (*p == '}')
        depth--;
      else if (depth == 0 && g_ascii_isdigit (p[0]) && p[1] == '.' && g_ascii_isdigit (p[2]))
        return TRUE;
    }
  return FALSE;
}

/* A caption is Pango markup: well-formed, with the elements Pango takes. */
static void
start_element (GMarkupParseContext *context, const char *name, const char **attributes, const char **values,
               gpointer data, GError **error)
{
  static const char *const allowed[] = { "markup", "sub", "sup", "b", "i", "tt", "small", "big", "span", NULL };

  (void) context;
  (void) attributes;
  (void) values;
  (void) data;
  if (!g_strv_contains (allowed, name))
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT, "<%s>", name);
}

static void
assert_markup (const char *caption)
{
  GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autofree char *doc = g_strdup_printf ("<markup>%s</markup>", caption);
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr (GError) error = NULL;

  if (!g_markup_parse_context_parse (ctx, doc, -1, &error) || !g_markup_parse_context_end_parse (ctx, &error))
    g_error ("not Pango markup (%s): %s", error->message, caption);
  g_markup_parse_context_free (ctx);
}

static void
test_builtin (gconstpointer data)
{
  const char *id = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (OsLesson) lesson = os_lesson_load_builtin (id, &error);
  guint n;
  g_autofree OsFacts *facts = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (lesson);
  g_assert_cmpstr (lesson->id, ==, id);
  g_assert_nonnull (lesson->title);
  n = os_lesson_n_steps (lesson);
  g_assert_cmpuint (n, >=, 6);
  facts = g_new0 (OsFacts, n);
  for (guint i = 0; i < n; i++)
    {
      const OsLessonStep *step = os_lesson_step (lesson, i);
      OsView view;
      g_autoptr (OsFigure) fig = NULL;

      os_state_to_view (&step->state, &view);
      fig = os_facts_figure (&step->state.params, &view, NULL, &error);
      g_assert_no_error (error);
      os_facts_from_figure (fig, &facts[i]);
      g_assert_true (facts[i].valid);
    }
  for (guint i = 0; i < n; i++)
    {
      const OsLessonStep *step = os_lesson_step (lesson, i);
      g_autofree char *caption = os_facts_fill (step->caption, &facts[i], &error);

      g_assert_no_error (error);
      g_test_message ("%s step %u (%s): %s", id, i + 1, os_focus_name (step->focus), caption);
      assert_markup (caption);
      if (has_hand_written_decimal (step->caption))
        g_error ("%s step %u: the caption writes a number by hand; quote it as {name}: %s", id, i + 1,
                 step->caption);
      g_assert_cmpuint (g_strv_length (step->checks), >=, 1);
      for (int k = 0; step->checks[k] != NULL; k++)
        {
          gboolean holds = FALSE;
          g_autofree char *detail = NULL;

          g_assert_true (os_facts_check (step->checks[k], facts, n, i, &holds, &detail, &error));
          g_assert_no_error (error);
          g_test_message ("  %s: %s", holds ? "holds" : "FAILS", detail);
          if (!holds)
            g_error ("%s step %u: the claim '%s' does not hold (%s)", id, i + 1, step->checks[k], detail);
        }
    }
}

static void
test_open (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OsLesson) a = os_lesson_open ("Paper-Story", &error);
  g_autoptr (OsLesson) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a->id, ==, "paper-story");
  b = os_lesson_open ("no-such-lesson", &error);
  g_assert_null (b);
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "paper-story, spectra"));
}

static void
test_inheritance (void)
{
  const char *text =
    "[lesson]\ntitle=T\n"
    "[step 1]\ncaption=a\neta=2\nhide=train\nanimate=eta\npin1=eta=0\nplot=error\n"
    "[step 2]\ncaption=b\nalpha=3\n"
    "[step 3]\ncaption=c\nunpin=true\npin1=alpha=1\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (OsLesson) lesson = os_lesson_load_data (text, -1, "t.lesson", &error);
  const OsLessonStep *s1, *s2, *s3;

  g_assert_no_error (error);
  g_assert_cmpuint (os_lesson_n_steps (lesson), ==, 3);
  s1 = os_lesson_step (lesson, 0);
  s2 = os_lesson_step (lesson, 1);
  s3 = os_lesson_step (lesson, 2);
  g_assert_true (s1->state.animate);
  g_assert_cmpint (s1->focus, ==, OS_FOCUS_ERROR);
  g_assert_cmpfloat (s2->state.params.eta, ==, 2);       /* inherited */
  g_assert_cmpfloat (s2->state.params.alpha, ==, 3);
  g_assert_cmphex (s2->state.hidden, ==, OS_SERIES_BIT (OS_SERIES_ID_TRAIN));
  g_assert_false (s2->state.animate);                      /* its own step's */
  g_assert_cmpint (s2->focus, ==, OS_FOCUS_ALL);
  g_assert_cmpint (s2->state.n_pins, ==, 1);
  g_assert_cmpfloat (s2->state.pins[0].eta, ==, 0);
  g_assert_cmpfloat (s2->state.pins[0].alpha, ==, 2);      /* the pin keeps its own α */
  g_assert_cmpint (s3->state.n_pins, ==, 1);               /* unpinned, pinned anew */
  g_assert_cmpfloat (s3->state.pins[0].alpha, ==, 1);
  g_assert_cmpfloat (s3->state.pins[0].eta, ==, 2);
}

static void
test_errors (void)
{
  struct { const char *text, *message; } cases[] = {
    { "[step 1]\ncaption=a\n", "no [lesson] group" },
    { "[lesson]\ntitle=T\n", "no [step 1]" },
    { "[lesson]\ntitle=T\n[step 2]\ncaption=a\n", "l:3: [step 2]: expected [step 1]" },
    { "[lesson]\ntitle=T\n[step 1]\neta=1\n", "l:3: [step 1] has no caption" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a\neta=12\n", "l:5: eta: 12 is outside the valid range" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a\nhide=nothing\n", "l:5: hide: unknown series 'nothing'" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a\nplot=heatmap\n", "l:5: plot: unknown plot 'heatmap'" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a\ncolour=red\n", "l:5: colour: unknown key" },
    { "[lesson]\ntitle=T\ncolour=red\n[step 1]\ncaption=a\n", "l:3: colour: unknown key" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a\nd=9000\n", "outside the window's range" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a\ncaption=b\n", "l:5: caption: given twice" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=<b>unclosed\n", "l:4: caption: not valid markup" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=a & b\n", "l:4: caption: not valid markup" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=<blink>x</blink>\n", "<blink> is not Pango markup" },
    { "[lesson]\ntitle=T\n[step 1]\ncaption=<span colour=\"red\">x</span>\n", "takes no attribute 'colour'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OsLesson) lesson = os_lesson_load_data (cases[i].text, -1, "l", &error);

      g_assert_null (lesson);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: '%s' does not say '%s'", i, error->message, cases[i].message);
    }
}

static void
test_claims (void)
{
  OsFacts facts[2] = { 0 };
  const char *const *names = os_fact_names ();
  g_autoptr (GError) error = NULL;
  struct { const char *claim; gboolean holds; } cases[] = {
    { "eg < kernel", TRUE }, { "eg > kernel", FALSE }, { "prev.eg > eg", TRUE },
    { "step1.eg == 0.3", TRUE }, { "2 * eg < kernel", TRUE }, { "eg ~ 0.1005", TRUE },
    { "eg ~ 0.11", FALSE }, { "eg != 0.1", FALSE }, { "0.5*kernel >= eg", TRUE },
  };
  char *filled;

  for (int i = 0; names[i] != NULL; i++)
    g_assert_true (os_facts_get (&facts[0], names[i], &(double) { 0 }));
  facts[0].value[0] = 0.3;   /* eg */
  facts[1].value[0] = 0.1;
  facts[1].value[2] = 0.25;  /* kernel */
  g_assert_cmpstr (names[0], ==, "eg");
  g_assert_cmpstr (names[2], ==, "kernel");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean holds;

      g_assert_true (os_facts_check (cases[i].claim, facts, 2, 1, &holds, NULL, &error));
      g_assert_no_error (error);
      if (!holds != !cases[i].holds)
        g_error ("'%s' should %s", cases[i].claim, cases[i].holds ? "hold" : "fail");
    }
  g_assert_false (os_facts_check ("eg < nothing", facts, 2, 1, &(gboolean) { 0 }, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (os_facts_check ("prev.eg < 1", facts, 2, 0, &(gboolean) { 0 }, NULL, &error));
  g_clear_error (&error);
  g_assert_false (os_facts_check ("eg", facts, 2, 1, &(gboolean) { 0 }, NULL, &error));
  g_clear_error (&error);

  facts[1].value[0] = -0.01234;
  filled = os_facts_fill ("ε = {eg}, {eg:2}, {{braces}}", &facts[1], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (filled, ==, "ε = −0.0123, −0.012, {braces}");
  g_free (filled);
  g_assert_null (os_facts_fill ("{nothing}", &facts[1], &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_PARSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (const char *const *id = os_lesson_builtin_ids (); *id != NULL; id++)
    {
      g_autofree char *path = g_strdup_printf ("/lesson/builtin/%s", *id);

      g_test_add_data_func (path, *id, test_builtin);
    }
  g_test_add_func ("/lesson/open", test_open);
  g_test_add_func ("/lesson/inheritance", test_inheritance);
  g_test_add_func ("/lesson/errors", test_errors);
  g_test_add_func ("/lesson/claims", test_claims);
  return g_test_run ();
}
