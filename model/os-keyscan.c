/* os-keyscan.c — GKeyFile-style text with the line of every key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-keyscan.h"
#include "os-error.h"

#include <string.h>

void
os_keyscan_set_error (GError **error, int code, const char *source, int line, const char *key,
                      const char *format, ...)
{
  va_list ap;
  g_autofree char *what = NULL;

  va_start (ap, format);
  what = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (line > 0 && key != NULL)
    g_set_error (error, OS_ERROR, code, "%s:%d: %s: %s", source, line, key, what);
  else if (line > 0)
    g_set_error (error, OS_ERROR, code, "%s:%d: %s", source, line, what);
  else
    g_set_error (error, OS_ERROR, code, "%s: %s", source, what);
}

static void
entry_free (gpointer data)
{
  OsKeyscanEntry *e = data;

  g_free (e->key);
  g_free (e->value);
  g_free (e);
}

static void
group_free (gpointer data)
{
  OsKeyscanGroup *g = data;

  g_free (g->name);
  g_ptr_array_unref (g->entries);
  g_free (g);
}

void
os_keyscan_free (OsKeyscan *scan)
{
  if (scan == NULL)
    return;
  g_free (scan->source);
  g_ptr_array_unref (scan->groups);
  g_free (scan);
}

const OsKeyscanGroup *
os_keyscan_group (const OsKeyscan *scan, const char *name)
{
  for (guint i = 0; i < scan->groups->len; i++)
    {
      const OsKeyscanGroup *g = g_ptr_array_index (scan->groups, i);

      if (g_str_equal (g->name, name))
        return g;
    }
  return NULL;
}

const OsKeyscanEntry *
os_keyscan_lookup (const OsKeyscanGroup *group, const char *key)
{
  for (guint i = 0; group != NULL && i < group->entries->len; i++)
    {
      const OsKeyscanEntry *e = g_ptr_array_index (group->entries, i);

      if (g_str_equal (e->key, key))
        return e;
    }
  return NULL;
}

/* GKeyFile's escapes: \n \t \r \s \\ */
static char *
unescape (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\\' || p[1] == '\0')
        {
          g_string_append_c (s, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': g_string_append_c (s, '\n'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 's': g_string_append_c (s, ' '); break;
        default:  g_string_append_c (s, *p); break;
        }
    }
  return g_string_free (s, FALSE);
}

OsKeyscan *
os_keyscan_parse (const char *data, gssize length, const char *source, GError **error)
{
  g_autoptr (OsKeyscan) scan = g_new0 (OsKeyscan, 1);
  OsKeyscanGroup *group = NULL;
  gsize len, start = 0;
  int line = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  len = length < 0 ? strlen (data) : (gsize) length;
  scan->source = g_strdup (source != NULL ? source : "(text)");
  scan->groups = g_ptr_array_new_with_free_func (group_free);
  /* a byte-order mark is not text */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = 3;
  while (start < len)
    {
      gsize end = start;
      g_autofree char *text = NULL;
      char *t, *eq;

      while (end < len && data[end] != '\n')
        end++;
      line++;
      if (!g_utf8_validate_len (data + start, end - start, NULL))
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, NULL, "not valid UTF-8 text");
          return NULL;
        }
      text = g_strndup (data + start, end - start);
      start = end + 1;
      t = g_strstrip (text);
      if (*t == '\0' || *t == '#')
        continue;
      if (*t == '[')
        {
          char *close = strchr (t, ']');

          if (close == NULL || close[1] != '\0' || close == t + 1)
            {
              os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, NULL, "malformed group header '%s'", t);
              return NULL;
            }
          *close = '\0';
          if (os_keyscan_group (scan, t + 1) != NULL)
            {
              os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, NULL,
                                    "the group [%s] appears twice (first on line %d)", t + 1,
                                    os_keyscan_group (scan, t + 1)->line);
              return NULL;
            }
          group = g_new0 (OsKeyscanGroup, 1);
          group->name = g_strdup (t + 1);
          group->line = line;
          group->entries = g_ptr_array_new_with_free_func (entry_free);
          g_ptr_array_add (scan->groups, group);
          continue;
        }
      eq = strchr (t, '=');
      if (eq == NULL)
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, NULL, "'%s' is not a key=value line", t);
          return NULL;
        }
      *eq = '\0';
      g_strchomp (t);
      if (*t == '\0')
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, NULL, "a value without a key");
          return NULL;
        }
      if (group == NULL)
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, t, "key outside a group");
          return NULL;
        }
      if (os_keyscan_lookup (group, t) != NULL)
        {
          os_keyscan_set_error (error, OS_ERROR_PARSE, scan->source, line, t, "given twice (first on line %d)",
                                os_keyscan_lookup (group, t)->line);
          return NULL;
        }
      {
        OsKeyscanEntry *e = g_new0 (OsKeyscanEntry, 1);

        e->key = g_strdup (t);
        e->value = unescape (g_strstrip (eq + 1));
        e->line = line;
        g_ptr_array_add (group->entries, e);
      }
    }
  return g_steal_pointer (&scan);
}
