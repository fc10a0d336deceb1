/* os-cli-shard.c — a sweep across machines: `simulate --shard i/N` writes
 * the rows of one slice of the sweep's (point, seed) pairs with the job's
 * key, and `onestep-explorer merge FILE…` checks that the files are the N
 * shards of one job and prints the table the unsharded run prints.
 *
 * A shard file:
 *
 *   # onestep-explorer simulate --shard 2/3
 *   # sweep student=tanh teacher=tanh eta=1 ... sweep=alpha values=0.5,1,2
 *   point,alpha,seed,test_error,train_error,m,q1,q2,theta,psi,r,c,gamma,seconds
 *   0,0.5,3,0.28...,...
 *
 * one row per pair of the slice, every number to the last bit (%.17g).
 * The merge recomputes the means and standard deviations from those rows
 * in the order the unsharded run sums them, so the merged table is the
 * unsharded one to the last bit (but for `seconds`, a timing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-cli-simulate.h"
#include "os-error.h"
#include "os-input.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#define SHARD_MAGIC   "# onestep-explorer simulate --shard "
#define SWEEP_PREFIX  "# sweep "
/* a shard's rows are a few hundred bytes each: far more than any sweep's,
 * and what is read of a file that is not one is bounded by it */
#define SHARD_MAX_BYTES ((gsize) 256 << 20)

static const char *const row_columns[] = {
  "point", NULL /* the swept parameter */, "seed", "test_error", "train_error", "m", "q1", "q2",
  "theta", "psi", "r", "c", "gamma", "seconds",
};
#define N_ROW_COLUMNS G_N_ELEMENTS (row_columns)

/* ---- the job and its key ------------------------------------------------- */

void
os_sim_job_clear (OsSimJob *job)
{
  g_clear_pointer (&job->values, g_free);
  job->n_values = 0;
}

static void
append_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

static gsize
budget_bytes (const OsSimConfig *cfg)
{
  return cfg->memory_budget ? cfg->memory_budget : OS_SIM_DEFAULT_MEMORY_BUDGET;
}

char *
os_sim_job_key (const OsSimJob *job)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "student=%s teacher=%s", os_activation_name (job->params.student),
                          os_activation_name (job->params.teacher));
  for (int id = 0; id < OS_PARAM_N; id++)
    if (id != (int) job->axis)
      {
        g_string_append_printf (s, " %s=", os_param_info (id)->name);
        append_number (s, os_params_get (&job->params, id));
      }
  g_string_append_printf (s, " d=%d seeds=%d seed=%" G_GUINT64_FORMAT " ntest=%d precision=%s"
                          " memory_budget=%" G_GSIZE_FORMAT " sweep=%s values=",
                          job->cfg.d, job->cfg.seeds, job->cfg.seed, job->cfg.n_test,
                          job->cfg.precision == OS_SIM_PRECISION_SINGLE ? "single" : "double",
                          budget_bytes (&job->cfg) >> 20, os_param_info (job->axis)->name);
  for (int i = 0; i < job->n_values; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_number (s, job->values[i]);
    }
  return g_string_free (s, FALSE);
}

static gboolean
key_number (const char *word, const char *text, double *out, GError **error)
{
  if (!os_decimal_parse (text, out))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s' is not %s=NUMBER", word, word);
      return FALSE;
    }
  return TRUE;
}

static gboolean
key_int (const char *word, const char *text, gint64 min, gint64 max, gint64 *out, GError **error)
{
  return os_flags_parse_int (word, text, min, max, out, error);
}

gboolean
os_sim_job_from_key (const char *key, OsSimJob *job, GError **error)
{
  g_auto (GStrv) words = g_strsplit (key, " ", -1);
  enum { STUDENT, TEACHER, D, SEEDS, SEED, NTEST, PRECISION, BUDGET, SWEEP, VALUES, N_WORDS };
  const char *names[N_WORDS] = { "student", "teacher", "d", "seeds", "seed", "ntest", "precision",
                                 "memory_budget", "sweep", "values" };
  const char *text[N_WORDS] = { NULL };
  const char *param_text[OS_PARAM_N] = { NULL };
  gint64 v;

  memset (job, 0, sizeof *job);
  os_params_init_default (&job->params);
  os_sim_config_init_default (&job->cfg);
  for (int w = 0; words[w] != NULL; w++)
    {
      char *eq = strchr (words[w], '=');
      gboolean known = FALSE;

      if (*words[w] == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "'%s' is not key=value", words[w]);
          return FALSE;
        }
      *eq = '\0';
      for (int k = 0; k < N_WORDS && !known; k++)
        if (g_str_equal (words[w], names[k]))
          text[k] = eq + 1, known = TRUE;
      for (int id = 0; id < OS_PARAM_N && !known; id++)
        if (g_str_equal (words[w], os_param_info (id)->name))
          param_text[id] = eq + 1, known = TRUE;
      if (!known)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "unknown word '%s'", words[w]);
          return FALSE;
        }
    }
  for (int k = 0; k < N_WORDS; k++)
    if (text[k] == NULL)
      {
        g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "no %s= in the sweep line", names[k]);
        return FALSE;
      }
  if (!os_activation_from_name (text[STUDENT], &job->params.student)
      || !os_activation_from_name (text[TEACHER], &job->params.teacher))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "unknown activation in student=%s teacher=%s",
                   text[STUDENT], text[TEACHER]);
      return FALSE;
    }
  if (!os_param_from_name (text[SWEEP], &job->axis))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "unknown parameter sweep=%s", text[SWEEP]);
      return FALSE;
    }
  for (int id = 0; id < OS_PARAM_N; id++)
    {
      double x;

      if (id == (int) job->axis)
        continue;
      if (param_text[id] == NULL)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "no %s= in the sweep line",
                       os_param_info (id)->name);
          return FALSE;
        }
      if (!key_number (os_param_info (id)->name, param_text[id], &x, error))
        return FALSE;
      os_params_set (&job->params, id, x);
    }
  if (!key_int ("d", text[D], OS_SIM_MIN_D, OS_SIM_MAX_D, &v, error))
    return FALSE;
  job->cfg.d = (int) v;
  if (!key_int ("seeds", text[SEEDS], 1, OS_SIM_MAX_SEEDS, &v, error))
    return FALSE;
  job->cfg.seeds = (int) v;
  if (!key_int ("seed", text[SEED], 0, G_MAXINT, &v, error))
    return FALSE;
  job->cfg.seed = (guint64) v;
  if (!key_int ("ntest", text[NTEST], OS_SIM_MIN_N_TEST, OS_SIM_MAX_N_TEST, &v, error))
    return FALSE;
  job->cfg.n_test = (int) v;
  if (!key_int ("memory_budget", text[BUDGET], 1, 1 << 20, &v, error))
    return FALSE;
  job->cfg.memory_budget = (gsize) v << 20;
  if (g_str_equal (text[PRECISION], "single"))
    job->cfg.precision = OS_SIM_PRECISION_SINGLE;
  else if (!g_str_equal (text[PRECISION], "double"))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "precision=%s is not single or double",
                   text[PRECISION]);
      return FALSE;
    }
  {
    g_auto (GStrv) parts = g_strsplit (text[VALUES], ",", -1);

    job->n_values = g_strv_length (parts);
    if (job->n_values == 0)
      {
        g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "no values= in the sweep line");
        return FALSE;
      }
    job->values = g_new (double, job->n_values);
    for (int i = 0; i < job->n_values; i++)
      if (!key_number ("values", parts[i], &job->values[i], error))
        {
          os_sim_job_clear (job);
          return FALSE;
        }
  }
  return TRUE;
}

char *
os_sim_job_key_difference (const char *key_a, const char *key_b)
{
  g_auto (GStrv) a = g_strsplit (key_a, " ", -1);
  g_auto (GStrv) b = g_strsplit (key_b, " ", -1);

  for (int i = 0; a[i] != NULL || b[i] != NULL; i++)
    {
      if (a[i] == NULL || b[i] == NULL)
        return g_strdup_printf ("%s against %s", a[i] ? a[i] : "(nothing)", b[i] ? b[i] : "(nothing)");
      if (!g_str_equal (a[i], b[i]))
        return g_strdup_printf ("%s against %s", b[i], a[i]);
      if (a[i + 1] == NULL && b[i + 1] == NULL)
        break;
    }
  return NULL;
}

void
os_sim_shard_slice (int pairs, int index, int count, int *from, int *to)
{
  *from = (int) ((gint64) (index - 1) * pairs / count);
  *to = (int) ((gint64) index * pairs / count);
}

/* ---- a shard's output ---------------------------------------------------- */

void
os_sim_shard_print (const OsSimJob *job, int index, int count, const guint8 *wanted,
                    const OsSimSeedRow *rows, FILE *out)
{
  g_autofree char *key = os_sim_job_key (job);
  const int seeds = job->cfg.seeds;

  fprintf (out, SHARD_MAGIC "%d/%d\n" SWEEP_PREFIX "%s\n", index, count, key);
  for (guint c = 0; c < N_ROW_COLUMNS; c++)
    fprintf (out, "%s%s", c ? "," : "", row_columns[c] ? row_columns[c] : os_param_info (job->axis)->name);
  fputc ('\n', out);
  /* seed-major, as the slices are cut */
  for (int k = 0; k < seeds; k++)
    for (int i = 0; i < job->n_values; i++)
      {
        const OsSimSeedRow *r = &rows[(gsize) i * seeds + k];
        const double v[] = { job->values[i], 0, r->test_error, r->train_error, r->m, r->q1, r->q2,
                             r->theta, r->psi, r->r, r->c, r->gamma, r->seconds };
        GString *line;

        if (!wanted[(gsize) i * seeds + k])
          continue;
        line = g_string_new (NULL);
        g_string_append_printf (line, "%d", i);
        for (guint c = 0; c < G_N_ELEMENTS (v); c++)
          {
            g_string_append_c (line, ',');
            if (c == 1)
              g_string_append_printf (line, "%" G_GUINT64_FORMAT, job->cfg.seed + (guint64) k);
            else
              append_number (line, v[c]);
          }
        fprintf (out, "%s\n", line->str);
        g_string_free (line, TRUE);
      }
}

/* ---- merge ------------------------------------------------------------------- */

typedef struct
{
  char   *path;
  int     index, count;
  char   *key;
} ShardFile;

/* "I/N" after the magic: 1 ≤ I ≤ N */
static gboolean
parse_slice (const char *text, int *index, int *count)
{
  gint64 i, n;
  g_auto (GStrv) parts = g_strsplit (text, "/", -1);

  if (g_strv_length (parts) != 2
      || !os_flags_parse_int ("i", parts[0], 1, G_MAXINT, &i, NULL)
      || !os_flags_parse_int ("N", parts[1], 1, G_MAXINT, &n, NULL) || i > n)
    return FALSE;
  *index = (int) i;
  *count = (int) n;
  return TRUE;
}

static gboolean
not_a_shard (const char *path, const char *why, GError **error)
{
  g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
               "%s: not a shard output of 'onestep-explorer simulate --shard i/N' (%s)", path, why);
  return FALSE;
}

/* Reads one shard file's rows into rows/seen, checking each against the
 * job and the file's slice. */
static gboolean
read_rows (const ShardFile *sf, GStrv lines, const OsSimJob *job, OsSimSeedRow *rows,
           guint8 *seen, GError **error)
{
  const int seeds = job->cfg.seeds, pairs = job->n_values * seeds;
  g_autofree char *header = NULL;
  int from, to, n_rows = 0;
  GString *h = g_string_new (NULL);

  for (guint c = 0; c < N_ROW_COLUMNS; c++)
    g_string_append_printf (h, "%s%s", c ? "," : "", row_columns[c] ? row_columns[c] : os_param_info (job->axis)->name);
  header = g_string_free (h, FALSE);
  if (lines[2] == NULL || !g_str_equal (lines[2], header))
    return not_a_shard (sf->path, "the third line is not the row header", error);
  os_sim_shard_slice (pairs, sf->index, sf->count, &from, &to);
  for (int l = 3; lines[l] != NULL; l++)
    {
      g_auto (GStrv) cells = NULL;
      double v[N_ROW_COLUMNS];
      int point, k;

      if (*lines[l] == '\0' && lines[l + 1] == NULL)
        break;
      cells = g_strsplit (lines[l], ",", -1);
      if (g_strv_length (cells) != N_ROW_COLUMNS)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: line %d: %u cells, not %u", sf->path,
                       l + 1, g_strv_length (cells), (guint) N_ROW_COLUMNS);
          return FALSE;
        }
      for (guint c = 0; c < N_ROW_COLUMNS; c++)
        if (!os_decimal_parse (cells[c], &v[c]))
          {
            g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: line %d: '%s' is not a number",
                         sf->path, l + 1, cells[c]);
            return FALSE;
          }
      point = (int) v[0];
      k = (int) (v[2] - (double) job->cfg.seed);
      if (v[0] != point || point < 0 || point >= job->n_values || v[1] != job->values[point]
          || v[2] != floor (v[2]) || k < 0 || k >= seeds)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
                       "%s: line %d: point %s, %s = %s, seed %s is not a pair of this sweep",
                       sf->path, l + 1, cells[0], os_param_info (job->axis)->name, cells[1], cells[2]);
          return FALSE;
        }
      if (k * job->n_values + point < from || k * job->n_values + point >= to)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
                       "%s: line %d: the pair (point %d, seed %s) is not in shard %d/%d", sf->path,
                       l + 1, point, cells[2], sf->index, sf->count);
          return FALSE;
        }
      if (seen[point * seeds + k])
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: line %d: the pair (point %d, seed %s) "
                       "appears twice", sf->path, l + 1, point, cells[2]);
          return FALSE;
        }
      seen[point * seeds + k] = 1;
      rows[point * seeds + k] = (OsSimSeedRow) { v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                                                 v[11], v[12], v[13] };
      n_rows++;
    }
  if (n_rows != to - from)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: shard %d/%d has %d of its %d rows",
                   sf->path, sf->index, sf->count, n_rows, to - from);
      return FALSE;
    }
  return TRUE;
}

/* The files' jobs must be one; their slices must be 1..N once each. */
static gboolean
merge_files (char **paths, int n_paths, OsSimJob *job, OsSimSeedRow **rows_out, GError **error)
{
  g_autofree ShardFile *files = g_new0 (ShardFile, n_paths);
  g_autofree GStrv *lines = g_new0 (GStrv, n_paths);
  g_autofree guint8 *seen = NULL;
  g_autofree int *given = NULL;
  OsSimSeedRow *rows = NULL;
  gboolean ok = FALSE;
  int pairs;

  for (int f = 0; f < n_paths; f++)
    {
      g_autofree char *text = NULL;
      g_autoptr (GError) read_error = NULL;

      files[f].path = paths[f];
      /* a regular file only (a FIFO or a device is refused at once), and
       * never more than the limit read */
      if (!os_input_read_regular (paths[f], SHARD_MAX_BYTES, &text, NULL, &read_error))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s", read_error->message);
          goto out;
        }
      lines[f] = g_strsplit (text, "\n", -1);
      if (lines[f][0] == NULL || !g_str_has_prefix (lines[f][0], SHARD_MAGIC))
        {
          not_a_shard (paths[f], "its first line is not '" SHARD_MAGIC "i/N'", error);
          goto out;
        }
      if (!parse_slice (lines[f][0] + strlen (SHARD_MAGIC), &files[f].index, &files[f].count))
        {
          not_a_shard (paths[f], "its first line has no slice i/N with 1 ≤ i ≤ N", error);
          goto out;
        }
      if (lines[f][1] == NULL || !g_str_has_prefix (lines[f][1], SWEEP_PREFIX))
        {
          not_a_shard (paths[f], "its second line is not '" SWEEP_PREFIX "...'", error);
          goto out;
        }
      files[f].key = lines[f][1] + strlen (SWEEP_PREFIX);
      if (f == 0)
        {
          g_autoptr (GError) key_error = NULL;

          if (!os_sim_job_from_key (files[0].key, job, &key_error))
            {
              not_a_shard (paths[0], key_error->message, error);
              goto out;
            }
          continue;
        }
      {
        g_autofree char *diff = os_sim_job_key_difference (files[0].key, files[f].key);

        if (diff != NULL)
          {
            g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                         "%s and %s are shards of different %s: %s", paths[f], paths[0],
                         g_str_has_prefix (diff, "seed") ? "seeds" : "sweeps", diff);
            goto out;
          }
      }
      if (files[f].count != files[0].count)
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s is shard %d/%d, %s is shard %d/%d: the sweep was cut differently",
                       paths[f], files[f].index, files[f].count, paths[0], files[0].index, files[0].count);
          goto out;
        }
    }

  /* every slice once */
  given = g_new0 (int, files[0].count + 1);
  for (int f = 0; f < n_paths; f++)
    {
      if (given[files[f].index])
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "shard %d/%d is given twice (%s and %s)",
                       files[f].index, files[f].count, paths[given[files[f].index] - 1], paths[f]);
          goto out;
        }
      given[files[f].index] = f + 1;
    }
  for (int i = 1; i <= files[0].count; i++)
    if (!given[i])
      {
        g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "shard %d/%d is missing", i,
                     files[0].count);
        goto out;
      }

  pairs = job->n_values * job->cfg.seeds;
  rows = g_new0 (OsSimSeedRow, pairs);
  seen = g_new0 (guint8, pairs);
  for (int f = 0; f < n_paths; f++)
    if (!read_rows (&files[f], lines[f], job, rows, seen, error))
      goto out;
  ok = TRUE;

out:
  for (int f = 0; f < n_paths; f++)
    g_strfreev (lines[f]);
  if (!ok)
    {
      g_free (rows);
      os_sim_job_clear (job);
      return FALSE;
    }
  *rows_out = rows;
  return TRUE;
}

int
os_cli_merge (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- combine the shards of a simulate sweep");
  g_autoptr (GError) error = NULL;
  g_autoptr (OsTable) table = NULL;
  g_autofree OsSimSeedRow *rows = NULL;
  g_auto (GStrv) files = NULL;
  OsSimJob job = { 0 };
  OsFlags flags;
  int n_not_converged = 0, rc = 0;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…" },
    G_OPTION_ENTRY_NULL
  };

  os_flags_init (&flags, OS_FLAGS_FOR_TABLE);
  g_option_context_set_main_group (ctx, os_flags_option_group (&flags, OS_FLAG_BIT (OS_FLAG_FORMAT),
                                                               entries));
  g_option_context_set_description (ctx,
    "Combines the outputs of 'onestep-explorer simulate ... --shard i/N' (i = 1..N, every\n"
    "shard given once, in any order) into the table the same simulate prints without\n"
    "--shard: the means and standard deviations over the seeds are recomputed from the\n"
    "per-seed rows in the order the unsharded run sums them, so every column is the same\n"
    "to the last bit, but seconds (the compute time, summed over the seeds).\n"
    "Exit status: 0 ok, 1 the theory did not converge somewhere (still printed),\n"
    "2 a file that is not a shard output, shards of different sweeps or seeds, a shard\n"
    "missing or given twice.\n"
    "\nExample (README, \"Sweeps across machines\"):\n"
    "  parallel onestep-explorer simulate --d 2000 --sweep alpha --values 0.5,1,2 \\\n"
    "      --shard {}/3 '>' shard{}.csv ::: 1 2 3\n"
    "  onestep-explorer merge shard*.csv\n");
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      os_flags_clear (&flags);
      return os_cli_fail ("merge", error);
    }
  if (flags.version)
    {
      os_cli_print_version ();
      os_flags_clear (&flags);
      return 0;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_set_error (&error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "give the shard files: merge FILE…");
      goto fail;
    }
  if (!merge_files (files, g_strv_length (files), &job, &rows, &error))
    goto fail;
  table = os_sim_job_table (&job, rows, &n_not_converged, &error);
  if (table == NULL)
    goto fail;
  os_table_print (table, flags.format, stdout);
  if (n_not_converged > 0)
    {
      g_printerr ("onestep-explorer merge: the theory did not converge at %d of %d points "
                  "(flagged theory_converged=false)\n", n_not_converged, job.n_values);
      rc = 1;
    }
  os_sim_job_clear (&job);
  os_flags_clear (&flags);
  return rc;

fail:
  os_sim_job_clear (&job);
  os_flags_clear (&flags);
  return os_cli_fail ("merge", error);
}
