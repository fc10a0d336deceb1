/* os-keyscan.h — a GKeyFile-style text read line by line, so that every
 * group and key keeps its line for the messages: "NAME:LINE: KEY: what is
 * wrong". The view of a parameter set (os-state.h) and the lessons
 * (os-lesson.h) are read with it; GKeyFile itself reports no lines.
 *
 * Lines are "[group]", "key=value", blank or "# comment". The text must be
 * UTF-8; a key outside a group, a line that is none of these, a group or a
 * key given twice in one group are errors (OS_ERROR_PARSE). Spaces around
 * keys and values are dropped; values take GKeyFile's escapes \n \t \s \\.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *key, *value;
  int   line;
} OsKeyscanEntry;

typedef struct
{
  char      *name;
  int        line;
  GPtrArray *entries;   /* OsKeyscanEntry*, in file order */
} OsKeyscanGroup;

typedef struct
{
  char      *source;    /* the name in messages */
  GPtrArray *groups;    /* OsKeyscanGroup*, in file order */
} OsKeyscan;

OsKeyscan            *os_keyscan_parse  (const char *data, gssize length, const char *source,
                                         GError **error);
void                  os_keyscan_free   (OsKeyscan *scan);
const OsKeyscanGroup *os_keyscan_group  (const OsKeyscan *scan, const char *name);
const OsKeyscanEntry *os_keyscan_lookup (const OsKeyscanGroup *group, const char *key);

/* "SOURCE:LINE: KEY: message" (KEY dropped when NULL, LINE when 0). */
void os_keyscan_set_error (GError **error, int code, const char *source, int line, const char *key,
                           const char *format, ...) G_GNUC_PRINTF (6, 7);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OsKeyscan, os_keyscan_free)

G_END_DECLS
