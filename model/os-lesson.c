/* os-lesson.c — lessons from files and from the built-in resources.
 *
 * A step's parameter keys are read by the parameter-file parser itself
 * (os_paramfile_load_data), on a copy of the text in which every other line
 * is blank and the step's header reads [parameters]: the messages then
 * name the lesson's own lines. Its view keys go to os-state.c, its own
 * keys (title, caption, plot, checks, unpin) are read here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-lesson.h"
#include "os-error.h"
#include "os-flags.h"
#include "os-keyscan.h"
#include "os-paramfile.h"

#include <gio/gio.h>
#include <string.h>

/* resources/lessons/lessons.gresource.xml, compiled into this library */
GResource *os_lesson_resources_get_resource (void);

#define LESSON_RESOURCE_PATH "/org/onestep/Explorer/lessons/"

static const char *const builtin_ids[] = { "paper-story", "spectra", NULL };

static const char *const focus_names[OS_FOCUS_N] = { "error", "spectrum", "overlaps", "function", "all" };

const char *
os_focus_name (OsFocus focus)
{
  g_return_val_if_fail (focus < OS_FOCUS_N, "all");
  return focus_names[focus];
}

gboolean
os_focus_from_name (const char *name, OsFocus *out)
{
  for (int i = 0; i < OS_FOCUS_N && name != NULL; i++)
    if (g_ascii_strcasecmp (name, focus_names[i]) == 0)
      {
        *out = (OsFocus) i;
        return TRUE;
      }
  return FALSE;
}

const char *const *
os_lesson_builtin_ids (void)
{
  return builtin_ids;
}

static void
step_free (gpointer data)
{
  OsLessonStep *step = data;

  g_free (step->title);
  g_free (step->caption);
  g_strfreev (step->checks);
  g_free (step);
}

void
os_lesson_free (OsLesson *lesson)
{
  if (lesson == NULL)
    return;
  g_free (lesson->id);
  g_free (lesson->source);
  g_free (lesson->title);
  g_free (lesson->subtitle);
  g_ptr_array_unref (lesson->steps);
  g_free (lesson);
}

static gboolean
is_param_key (const char *key)
{
  return os_paramfile_is_key (key);
}

/* The step's parameter keys over *params and *view, read by the
 * parameter-file parser on the step's own lines. */
static gboolean
load_step_params (const OsKeyscan *scan, const OsKeyscanGroup *group, OsParams *params, OsPresetView *view,
                  GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  int line = 1;

  for (; line < group->line; line++)
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "[%s]\n", OS_PARAMFILE_GROUP);
  line++;
  for (guint i = 0; i < group->entries->len; i++)
    {
      const OsKeyscanEntry *e = g_ptr_array_index (group->entries, i);

      if (!is_param_key (e->key))
        continue;
      for (; line < e->line; line++)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s=%s\n", e->key, e->value);
      line++;
    }
  return os_paramfile_load_data (text->str, text->len, scan->source, params, view, NULL, error);
}

/* ---- captions: Pango markup, checked here (GLib only) -------------------- */

/* the elements of Pango's markup and the attributes a span takes */
static const char *const markup_elements[] = { "markup", "span", "b", "big", "i", "s", "sub", "sup", "small",
                                               "tt", "u", NULL };
static const char *const span_attributes[] = {
  "font", "font_desc", "font_family", "face", "font_size", "size", "font_style", "style", "font_weight",
  "weight", "font_variant", "variant", "font_stretch", "stretch", "font_features", "foreground", "fgcolor",
  "color", "background", "bgcolor", "alpha", "fgalpha", "bgalpha", "underline", "underline_color", "overline",
  "overline_color", "rise", "baseline_shift", "font_scale", "strikethrough", "strikethrough_color", "fallback",
  "lang", "letter_spacing", "gravity", "gravity_hint", "show", "insert_hyphens", "allow_breaks", "line_height",
  "text_transform", "segment", NULL
};

static void
markup_start (GMarkupParseContext *context, const char *element, const char **names, const char **values,
              gpointer data, GError **error)
{
  (void) context;
  (void) values;
  (void) data;
  if (!g_strv_contains (markup_elements, element))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "<%s> is not Pango markup (valid: b, i, sub, sup, big, small, s, u, tt, span)", element);
      return;
    }
  for (int i = 0; names[i] != NULL; i++)
    if (!g_str_equal (element, "span") || !g_strv_contains (span_attributes, names[i]))
      {
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ATTRIBUTE, "<%s> takes no attribute '%s'",
                     element, names[i]);
        return;
      }
}

/* Whether text is Pango markup a label and the handout can draw: well
 * formed, with Pango's elements only (write &amp; for &, &lt; for <). */
static gboolean
check_markup (const char *source, const OsKeyscanEntry *e, GError **error)
{
  static const GMarkupParser parser = { markup_start, NULL, NULL, NULL, NULL };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr (GError) local = NULL;

  if (g_markup_parse_context_parse (context, "<markup>", -1, &local)
      && g_markup_parse_context_parse (context, e->value, -1, &local)
      && g_markup_parse_context_parse (context, "</markup>", -1, &local)
      && g_markup_parse_context_end_parse (context, &local))
    return TRUE;
  os_keyscan_set_error (error, OS_ERROR_PARSE, source, e->line, e->key,
                        "not valid markup: %s (write &amp; for &, &lt; for <)", local->message);
  return FALSE;
}

static gboolean
parse_bool_entry (const char *source, const OsKeyscanEntry *e, gboolean *out, GError **error)
{
  if (g_ascii_strcasecmp (e->value, "true") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (e->value, "false") == 0)
    *out = FALSE;
  else
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, source, e->line, e->key, "'%s' is not true or false", e->value);
      return FALSE;
    }
  return TRUE;
}

static OsLessonStep *
load_step (const OsKeyscan *scan, const OsKeyscanGroup *group, int number, const OsState *before,
           GError **error)
{
  OsLessonStep *step = g_new0 (OsLessonStep, 1);
  g_autoptr (GPtrArray) own = g_ptr_array_new ();   /* the step's own keys, after the view */
  gboolean unpin = FALSE;

  step->number = number;
  step->line = group->line;
  step->state = *before;
  step->state.animate = FALSE;   /* an animation belongs to its step */
  step->focus = OS_FOCUS_ALL;

  /* unpin first, so that the step's pins replace the inherited ones */
  {
    const OsKeyscanEntry *e = os_keyscan_lookup (group, "unpin");

    if (e != NULL && !parse_bool_entry (scan->source, e, &unpin, error))
      goto fail;
    if (unpin)
      step->state.n_pins = 0;
  }
  if (!load_step_params (scan, group, &step->state.params, &step->state.view, error))
    goto fail;
  for (guint i = 0; i < group->entries->len; i++)
    {
      const OsKeyscanEntry *e = g_ptr_array_index (group->entries, i);
      gboolean known;

      if (is_param_key (e->key))
        continue;
      if (!os_state_parse_view_key (&step->state, scan->source, e, &known, error))
        goto fail;
      if (known)
        continue;
      if (g_str_equal (e->key, "title"))
        step->title = g_strdup (e->value);
      else if (g_str_equal (e->key, "caption"))
        {
          if (!check_markup (scan->source, e, error))
            goto fail;
          g_free (step->caption);
          step->caption = g_strdup (e->value);
        }
      else if (g_str_equal (e->key, "plot"))
        {
          if (!os_focus_from_name (e->value, &step->focus))
            {
              os_keyscan_set_error (error, OS_ERROR_INVALID_ARGUMENT, scan->source, e->line, e->key,
                                    "unknown plot '%s' (valid: all, error, spectrum, overlaps, function)", e->value);
              goto fail;
            }
        }
      else if (g_str_equal (e->key, "checks"))
        {
          g_auto (GStrv) parts = g_strsplit (e->value, ";", -1);
          g_autoptr (GPtrArray) kept = g_ptr_array_new ();

          for (int k = 0; parts[k] != NULL; k++)
            if (*g_strstrip (parts[k]) != '\0')
              g_ptr_array_add (kept, g_strdup (parts[k]));
          g_ptr_array_add (kept, NULL);
          g_strfreev (step->checks);
          step->checks = (GStrv) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
        }
      else if (!g_str_equal (e->key, "unpin"))
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, e->line, e->key,
                                "unknown key (valid: title, caption, plot, checks, unpin, the keys of a "
                                "parameter set and %s)", os_state_view_keys ());
          goto fail;
        }
    }
  if (step->caption == NULL || *step->caption == '\0')
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, group->line, NULL,
                            "[%s] has no caption", group->name);
      goto fail;
    }
  if (step->checks == NULL)
    step->checks = g_new0 (char *, 1);
  if (!os_state_validate (&step->state, error)
      || !os_flags_check_window_simulation (step->state.view.d, step->state.view.seeds, error))
    {
      g_prefix_error (error, "%s:%d: [%s]: ", scan->source, group->line, group->name);
      goto fail;
    }
  return step;

fail:
  step_free (step);
  return NULL;
}

OsLesson *
os_lesson_load_data (const char *data, gssize length, const char *name, GError **error)
{
  g_autoptr (OsKeyscan) scan = os_keyscan_parse (data, length, name, error);
  g_autoptr (OsLesson) lesson = NULL;
  const OsKeyscanGroup *head;
  OsState state;

  if (scan == NULL)
    return NULL;
  lesson = g_new0 (OsLesson, 1);
  lesson->source = g_strdup (scan->source);
  lesson->steps = g_ptr_array_new_with_free_func (step_free);
  head = os_keyscan_group (scan, "lesson");
  if (head == NULL || os_keyscan_lookup (head, "title") == NULL)
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, head != NULL ? head->line : 0, NULL,
                            head != NULL ? "[lesson] has no title" : "no [lesson] group (with a title)");
      return NULL;
    }
  for (guint i = 0; i < head->entries->len; i++)
    {
      const OsKeyscanEntry *e = g_ptr_array_index (head->entries, i);

      if (g_str_equal (e->key, "title"))
        lesson->title = g_strdup (e->value);
      else if (g_str_equal (e->key, "subtitle"))
        lesson->subtitle = g_strdup (e->value);
      else
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, e->line, e->key,
                                "unknown key (valid in [lesson]: title, subtitle)");
          return NULL;
        }
    }

  os_state_init_default (&state);
  for (guint i = 0; i < scan->groups->len; i++)
    {
      const OsKeyscanGroup *g = g_ptr_array_index (scan->groups, i);
      g_autofree char *want = g_strdup_printf ("step %u", lesson->steps->len + 1);
      OsLessonStep *step;

      if (g == head)
        continue;
      if (!g_str_equal (g->name, want))
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, g->line, NULL,
                                "[%s]: expected [%s] (steps are numbered 1, 2, … in order)", g->name, want);
          return NULL;
        }
      step = load_step (scan, g, lesson->steps->len + 1, &state, error);
      if (step == NULL)
        return NULL;
      g_ptr_array_add (lesson->steps, step);
      state = step->state;
    }
  if (lesson->steps->len == 0)
    {
      os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, 0, NULL, "no [step 1]");
      return NULL;
    }
  return g_steal_pointer (&lesson);
}

OsLesson *
os_lesson_load_file (const char *path, GError **error)
{
  g_autofree char *data = NULL, *base = NULL;
  g_autoptr (GError) io_error = NULL;
  OsLesson *lesson;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &io_error))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "%s", io_error->message);
      return NULL;
    }
  if (len > 1024 * 1024)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: too large for a lesson (%" G_GSIZE_FORMAT " bytes)", path, len);
      return NULL;
    }
  lesson = os_lesson_load_data (data, len, path, error);
  if (lesson == NULL)
    return NULL;
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".lesson"))
    base[strlen (base) - strlen (".lesson")] = '\0';
  lesson->id = g_steal_pointer (&base);
  return lesson;
}

OsLesson *
os_lesson_load_builtin (const char *id, GError **error)
{
  g_autofree char *path = NULL, *name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  OsLesson *lesson;
  gsize len;
  const char *data;

  /* referencing the resource links it in (its constructor registers it) */
  g_return_val_if_fail (os_lesson_resources_get_resource () != NULL, NULL);
  for (int i = 0; builtin_ids[i] != NULL; i++)
    if (g_ascii_strcasecmp (id, builtin_ids[i]) == 0)
      {
        name = g_strdup_printf ("%s.lesson", builtin_ids[i]);
        path = g_strconcat (LESSON_RESOURCE_PATH, name, NULL);
        bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
        if (bytes == NULL)
          return NULL;
        data = g_bytes_get_data (bytes, &len);
        lesson = os_lesson_load_data (data, len, name, error);
        if (lesson != NULL)
          lesson->id = g_strdup (builtin_ids[i]);
        return lesson;
      }
  return NULL;
}

OsLesson *
os_lesson_open (const char *name_or_path, GError **error)
{
  OsLesson *lesson;
  g_autoptr (GError) local = NULL;

  lesson = os_lesson_load_builtin (name_or_path, &local);
  if (lesson != NULL || local != NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return lesson;
    }
  if (!g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *ids = g_strjoinv (", ", (GStrv) builtin_ids);

      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--lesson: '%s' is neither a built-in lesson (%s) nor a file", name_or_path, ids);
      return NULL;
    }
  return os_lesson_load_file (name_or_path, error);
}
