/* test-paramfile.c — parameter files: exact round trips, every malformed
 * file refused with a message naming the line and the key and nothing
 * half-loaded, and a fuzz run of seeded mutations (no crash, no leak under
 * AddressSanitizer).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-paramfile.h"
#include "os-error.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

static const char valid_file[] =
  "# a comment\n"
  "[parameters]\n"
  "student=relu\n"
  "teacher=he1+he2\n"
  "eta=2.5\n"
  "alpha0=10\n"
  "alpha=1.25\n"
  "beta=0.5\n"
  "lambda=0.001\n"
  "noise=0.25\n"
  "x_axis=lambda\n"
  "x_from=1e-4\n"
  "x_to=1\n"
  "x_points=50\n"
  "x_log=true\n"
  "simulate=true\n"
  "d=800\n"
  "seeds=3\n"
  "seed=18446744073709551615\n";

static void
defaults (OsParams *p, OsPresetView *v)
{
  os_params_init_default (p);
  os_preset_view_init_default (v);
}

static void
test_load_valid (void)
{
  OsParams p;
  OsPresetView v;
  OsParamfileKeys keys;
  g_autoptr (GError) error = NULL;

  defaults (&p, &v);
  g_assert_true (os_paramfile_load_data (valid_file, -1, "f.ini", &p, &v, &keys, &error));
  g_assert_no_error (error);
  g_assert_true (p.student == OS_ACT_RELU);
  g_assert_true (p.teacher == OS_ACT_HE1_HE2);
  g_assert_cmpfloat (p.eta, ==, 2.5);
  g_assert_cmpfloat (p.alpha0, ==, 10);
  g_assert_cmpfloat (p.alpha, ==, 1.25);
  g_assert_cmpfloat (p.beta, ==, 0.5);
  g_assert_cmpfloat (p.lambda, ==, 0.001);
  g_assert_cmpfloat (p.noise, ==, 0.25);
  g_assert_true (v.sweep.axis == OS_PARAM_LAMBDA);
  g_assert_cmpfloat (v.sweep.from, ==, 1e-4);
  g_assert_cmpfloat (v.sweep.to, ==, 1);
  g_assert_cmpint (v.sweep.points, ==, 50);
  g_assert_true (v.sweep.log_spacing);
  g_assert_true (v.simulate);
  g_assert_cmpint (v.d, ==, 800);
  g_assert_cmpint (v.seeds, ==, 3);
  g_assert_true (v.seed == G_MAXUINT64);
  g_assert_true (keys.student && keys.param[OS_PARAM_NOISE] && keys.seed && keys.x_log);
}

/* absent keys keep their values; whitespace around values is allowed */
static void
test_partial (void)
{
  OsParams p, before;
  OsPresetView v, vbefore;
  OsParamfileKeys keys;

  defaults (&p, &v);
  before = p;
  vbefore = v;
  g_assert_true (os_paramfile_load_data ("[parameters]\neta = 3 \n", -1, "f", &p, &v, &keys, NULL));
  g_assert_cmpfloat (p.eta, ==, 3);
  before.eta = 3;
  g_assert_true (os_params_equal (&p, &before));
  g_assert_true (os_preset_view_equal (&v, &vbefore));
  g_assert_true (keys.param[OS_PARAM_ETA]);
  g_assert_false (keys.param[OS_PARAM_ALPHA]);
  g_assert_false (keys.student || keys.x_axis || keys.d);
}

/* a UTF-8 byte-order mark is skipped; lines count as without it; the
 * keys' lines are reported (issue #17, item 11) */
static void
test_bom_and_lines (void)
{
  OsParams p;
  OsPresetView v;
  OsParamfileKeys keys;
  g_autoptr (GError) error = NULL;

  defaults (&p, &v);
  g_assert_true (os_paramfile_load_data ("\xef\xbb\xbf" "[parameters]\n# c\neta=3\nd=40\n", -1, "bom.ini",
                                         &p, &v, &keys, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (p.eta, ==, 3);
  g_assert_cmpint (v.d, ==, 40);
  g_assert_cmpint (keys.line[OS_PARAMFILE_KEY_ETA], ==, 3);
  g_assert_cmpint (keys.line[OS_PARAMFILE_KEY_D], ==, 4);
  g_assert_cmpint (keys.line[OS_PARAMFILE_KEY_ALPHA], ==, 0);
  g_assert_cmpstr (os_paramfile_key_name (OS_PARAMFILE_KEY_X_POINTS), ==, "x_points");
  /* a mark elsewhere is still not text of a key */
  g_assert_false (os_paramfile_load_data ("[parameters]\n\xef\xbb\xbf" "eta=3\n", -1, "mid.ini", &p, &v, NULL,
                                          &error));
  g_assert_nonnull (strstr (error->message, "mid.ini:2:"));
}

/* a FIFO, a device or a folder is refused at once, without blocking or
 * reading; a device is not read past the limit (issue #17, items 2, 3) */
static void
test_special_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("os-paramfile-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.ini", NULL);
  const char *const paths[] = { fifo, "/dev/zero", "/dev/null", dir };
  OsParams p;
  OsPresetView v;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();

      defaults (&p, &v);
      g_assert_false (os_paramfile_load (paths[i], &p, &v, NULL, &error));
      g_assert_error (error, OS_ERROR, OS_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
    }
  g_unlink (fifo);
  g_rmdir (dir);
}

static double
random_in (GRand *r, OsParamId id)
{
  const OsParamInfo *info = os_param_info (id);

  if (info->log_scale)
    return exp (g_rand_double_range (r, log (info->min), log (info->max)));
  return g_rand_double_range (r, info->min, info->max);
}

/* network_size (docs/SCIENCE.md §10): an integer or inf; absent in files
 * written before it existed, which load with the default 1000 */
static void
test_network_size (void)
{
  OsParams p;
  OsPresetView v;
  OsParamfileKeys keys;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  defaults (&p, &v);
  g_assert_cmpint (v.network_d, ==, 1000);
  g_assert_true (os_paramfile_load_data ("[parameters]\nd=800\n", -1, "old", &p, &v, &keys, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v.network_d, ==, 1000);
  g_assert_false (keys.network_size);
  g_assert_true (os_paramfile_load_data ("[parameters]\nnetwork_size=inf\n", -1, "m", &p, &v, &keys, &error));
  g_assert_cmpint (v.network_d, ==, 0);
  g_assert_true (keys.network_size);
  text = os_paramfile_to_data (&p, &v);
  g_assert_nonnull (strstr (text, "network_size=inf\n"));
  g_assert_true (os_paramfile_load_data ("[parameters]\nnetwork_size=250\n", -1, "m", &p, &v, NULL, &error));
  g_assert_cmpint (v.network_d, ==, 250);
  g_assert_false (os_paramfile_load_data ("[parameters]\nnetwork_size=5\n", -1, "m", &p, &v, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "m:2: network_size:"));
  g_assert_cmpint (v.network_d, ==, 250);   /* nothing half-loads */
}

static void
test_round_trip (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (7);
  g_autofree char *dir = g_dir_make_tmp ("os-paramfile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "set.ini", NULL);

  for (int trial = 0; trial < 200; trial++)
    {
      OsParams p, q;
      OsPresetView v, w;
      g_autofree char *text = NULL;
      g_autoptr (GError) error = NULL;
      OsActivation s[] = { OS_ACT_TANH, OS_ACT_ERF, OS_ACT_RELU, OS_ACT_SIN };

      os_preset_view_init_default (&v);
      p.student = s[g_rand_int_range (r, 0, 4)];
      p.teacher = (OsActivation) g_rand_int_range (r, 0, OS_ACT_N);
      for (int i = 0; i < OS_PARAM_N; i++)
        os_params_set (&p, (OsParamId) i, random_in (r, (OsParamId) i));
      v.sweep.axis = (OsParamId) g_rand_int_range (r, 0, OS_PARAM_N);
      v.sweep.from = random_in (r, v.sweep.axis);
      v.sweep.to = random_in (r, v.sweep.axis);
      v.sweep.log_spacing = os_param_info (v.sweep.axis)->log_scale;
      v.sweep.points = g_rand_int_range (r, 1, 100001);
      v.simulate = g_rand_boolean (r);
      v.d = g_rand_int_range (r, OS_SIM_MIN_D, OS_SIM_MAX_D + 1);
      v.seeds = g_rand_int_range (r, 1, OS_SIM_MAX_SEEDS + 1);
      v.seed = ((guint64) g_rand_int (r) << 32) | g_rand_int (r);
      if (trial % 2)
        {
          double a, b;

          /* the phase diagram's keys: any quantity over any y-axis (not
           * best-lambda over λ) and a range inside it */
          v.phase.set = TRUE;
          v.phase.y_axis = (OsParamId) g_rand_int_range (r, 0, OS_PARAM_N);
          v.phase.quantity = (OsPhaseQuantity) g_rand_int_range (r, 0, OS_PHASE_N_QUANTITIES
                                                                        - (v.phase.y_axis == OS_PARAM_LAMBDA));
          a = random_in (r, v.phase.y_axis);
          b = random_in (r, v.phase.y_axis);
          v.phase.y_from = MIN (a, b);
          v.phase.y_to = MAX (a, b) + (a == b);
        }
      v.network_d = g_rand_boolean (r) ? 0 : g_rand_int_range (r, OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX + 1);

      text = os_paramfile_to_data (&p, &v);
      defaults (&q, &w);
      g_assert_true (os_paramfile_load_data (text, -1, "mem", &q, &w, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (os_params_equal (&p, &q));         /* bit-exact (==) */
      g_assert_true (os_preset_view_equal (&v, &w));
      g_assert_cmpint (w.phase.set, ==, v.phase.set);
      if (v.phase.set)
        {
          g_assert_cmpint (w.phase.quantity, ==, v.phase.quantity);
          g_assert_cmpint (w.phase.y_axis, ==, v.phase.y_axis);
          g_assert_cmpfloat (w.phase.y_from, ==, v.phase.y_from);
          g_assert_cmpfloat (w.phase.y_to, ==, v.phase.y_to);
        }

      if (trial % 20 == 0)
        {
          defaults (&q, &w);
          g_assert_true (os_paramfile_save (path, &p, &v, &error));
          g_assert_true (os_paramfile_load (path, &q, &w, NULL, &error));
          g_assert_no_error (error);
          g_assert_true (os_params_equal (&p, &q));
          g_assert_true (os_preset_view_equal (&v, &w));
        }
    }
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  const char *text;
  int         code;
  const char *message;     /* the full message must contain this */
} Bad;

static const Bad bad_files[] = {
  { "", OS_ERROR_PARSE, "f.ini: empty file: no [parameters] group" },
  { "# only a comment\n", OS_ERROR_PARSE, "f.ini: no [parameters] group" },
  { "eta=1\n", OS_ERROR_PARSE, "f.ini:1: eta: key outside the [parameters] group" },
  { "[params]\neta=1\n", OS_ERROR_PARSE, "f.ini:1: unknown group [params]" },
  { "[parameters\neta=1\n", OS_ERROR_PARSE, "f.ini:1: malformed group header" },
  { "[parameters]\neta=1\n[parameters]\n", OS_ERROR_PARSE, "f.ini:3: the group [parameters] appears twice" },
  { "[parameters]\n\neta=1x\n", OS_ERROR_PARSE, "f.ini:3: eta: '1x' is not a finite number" },
  { "[parameters]\nalpha=nan\n", OS_ERROR_PARSE, "f.ini:2: alpha: 'nan' is not a finite number" },
  { "[parameters]\nalpha=1e999\n", OS_ERROR_PARSE, "f.ini:2: alpha: '1e999' is not a finite number" },
  { "[parameters]\nlambda=\n", OS_ERROR_PARSE, "f.ini:2: lambda: '' is not a finite number" },
  { "[parameters]\nstudent=he2\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: student: unknown activation 'he2'" },
  { "[parameters]\nteacher=cosh\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: teacher: unknown activation 'cosh'" },
  { "[parameters]\n#x\neta=12\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:3: eta: 12 is outside the valid range [0, 10]" },
  { "[parameters]\nbeta=0.01\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: beta: 0.01 is outside the valid range [0.1, 10]" },
  { "[parameters]\neta=1\nalpha=2\neta=3\n", OS_ERROR_PARSE, "f.ini:4: eta: given twice (first on line 2)" },
  { "[parameters]\nspeed=1\n", OS_ERROR_PARSE, "f.ini:2: speed: unknown key" },
  { "[parameters]\neta[de]=1\n", OS_ERROR_PARSE, "f.ini:2: eta[de]: unknown key" },
  { "[parameters]\njust text\n", OS_ERROR_PARSE, "f.ini:2: 'just text' is not a key=value line" },
  { "[parameters]\neta=\xff\xfe\n", OS_ERROR_PARSE, "f.ini:2: not valid UTF-8 text" },
  { "[parameters]\nx_axis=gamma\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: x_axis: unknown parameter 'gamma'" },
  { "[parameters]\nx_axis=eta\nx_to=20\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:3: x_to: x_to = 20 is outside the range of eta [0, 10]" },
  { "[parameters]\nx_axis=noise\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: x_axis: x_to = 5 is outside the range of noise [0, 2]" },
  { "[parameters]\nx_axis=noise\nx_from=0\nx_to=1\nx_log=true\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:5: x_log: a log axis needs a positive range" },
  { "[parameters]\nx_points=0\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: x_points: '0' is not an integer in [2, 100000]" },
  /* the x-axis is plotted: a line needs two points and two ends (issue #17, item 10) */
  { "[parameters]\nx_points=1\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: x_points: '1' is not an integer in [2, 100000]" },
  { "[parameters]\nx_from=1\nx_to=1\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:3: x_to: an empty range (x_from = x_to = 1)" },
  { "[parameters]\nx_axis=eta\nx_from=5\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:3: x_from: an empty range (x_from = x_to = 5)" },
  { "[parameters]\nx_log=yes\n", OS_ERROR_PARSE, "f.ini:2: x_log: 'yes' is not true or false" },
  { "[parameters]\nd=5\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: d: '5' is not an integer in [10, 1000000]" },
  { "[parameters]\nseeds=1.5\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: seeds: '1.5' is not an integer in [1, 1000]" },
  { "[parameters]\nseed=-1\n", OS_ERROR_INVALID_ARGUMENT, "f.ini:2: seed: '-1' is not an unsigned 64-bit integer" },
};

/* The phase diagram's keys: a file without them leaves the diagram as it
 * is; any of them sets it from its defaults; a bad one is refused with
 * its line and key. */
static void
test_phase_keys (void)
{
  OsParams p;
  OsPresetView v;
  OsParamfileKeys keys;
  g_autoptr (GError) error = NULL;

  defaults (&p, &v);
  g_assert_true (os_paramfile_load_data ("[parameters]\neta=2\n", -1, "a", &p, &v, &keys, &error));
  g_assert_false (v.phase.set);
  g_assert_false (keys.phase);

  g_assert_true (os_paramfile_load_data ("[parameters]\nquantity=gain-kernel\n", -1, "b", &p, &v, &keys, &error));
  g_assert_no_error (error);
  g_assert_true (v.phase.set && keys.phase);
  g_assert_cmpint (v.phase.quantity, ==, OS_PHASE_GAIN_KERNEL);
  g_assert_cmpint (v.phase.y_axis, ==, OS_PARAM_ETA);
  g_assert_cmpfloat (v.phase.y_from, ==, 0.0);
  g_assert_cmpfloat (v.phase.y_to, ==, 10.0);

  /* a new y-axis starts from its usual range, y_from and y_to over it */
  g_assert_true (os_paramfile_load_data ("[parameters]\ny_axis=lambda\ny_to=0.5\n", -1, "c", &p, &v, NULL, &error));
  g_assert_cmpint (v.phase.y_axis, ==, OS_PARAM_LAMBDA);
  g_assert_cmpfloat (v.phase.y_from, ==, 1e-4);
  g_assert_cmpfloat (v.phase.y_to, ==, 0.5);
  /* core's spelling too */
  g_assert_true (os_paramfile_load_data ("[parameters]\nquantity=test-error\n", -1, "d", &p, &v, NULL, &error));
  g_assert_cmpint (v.phase.quantity, ==, OS_PHASE_TEST_ERROR);

  g_assert_false (os_paramfile_load_data ("[parameters]\n\nquantity=speed\n", -1, "e", &p, &v, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "e:3: quantity: unknown quantity 'speed'"));
  g_clear_error (&error);
  g_assert_false (os_paramfile_load_data ("[parameters]\ny_from=5\ny_to=1\n", -1, "f", &p, &v, NULL, &error));
  g_assert_nonnull (strstr (error->message, "f:2: y_from:"));
  g_clear_error (&error);
  g_assert_false (os_paramfile_load_data ("[parameters]\nquantity=best-lambda\ny_axis=lambda\n", -1, "g", &p, &v,
                                          NULL, &error));
  g_assert_nonnull (strstr (error->message, "cannot be an axis"));
}

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      OsParams p, before;
      OsPresetView v, vbefore;
      g_autoptr (GError) error = NULL;
      /* a valid key first: it must not be applied */
      g_autofree char *text = g_strdup (bad_files[i].text);

      defaults (&p, &v);
      before = p;
      vbefore = v;
      g_assert_false (os_paramfile_load_data (text, -1, "f.ini", &p, &v, NULL, &error));
      g_assert_error (error, OS_ERROR, bad_files[i].code);
      if (strstr (error->message, bad_files[i].message) == NULL)
        g_error ("case %u: message '%s' lacks '%s'", i, error->message, bad_files[i].message);
      g_assert_true (os_params_equal (&p, &before));
      g_assert_true (os_preset_view_equal (&v, &vbefore));
    }
}

/* a file with good keys before a bad one changes nothing */
static void
test_nothing_half_loads (void)
{
  OsParams p, before;
  OsPresetView v, vbefore;
  g_autoptr (GError) error = NULL;

  defaults (&p, &v);
  before = p;
  vbefore = v;
  g_assert_false (os_paramfile_load_data ("[parameters]\nstudent=relu\neta=4\nd=900\nbeta=99\n",
                                          -1, "f.ini", &p, &v, NULL, &error));
  g_assert_nonnull (strstr (error->message, "f.ini:5: beta"));
  g_assert_true (os_params_equal (&p, &before));
  g_assert_true (os_preset_view_equal (&v, &vbefore));
}

static void
test_huge_and_binary (void)
{
  gsize n = OS_PARAMFILE_MAX_SIZE + 10;
  g_autofree char *huge = g_malloc (n + 1);
  g_autofree char *dir = g_dir_make_tmp ("os-paramfile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.ini", NULL);
  GError *error = NULL;
  OsParams p;
  OsPresetView v;

  memset (huge, '#', n);
  huge[n] = '\0';
  defaults (&p, &v);
  g_assert_false (os_paramfile_load_data (huge, n, "big.ini", &p, &v, NULL, &error));
  g_assert_nonnull (strstr (error->message, "big.ini: too large for a parameter file"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, huge, n, NULL));
  g_assert_false (os_paramfile_load (path, &p, &v, NULL, &error));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);
  g_unlink (path);

  /* an embedded NUL */
  g_assert_false (os_paramfile_load_data ("[parameters]\neta=1\0junk\n", 24, "nul.ini", &p, &v, NULL, &error));
  g_assert_nonnull (strstr (error->message, "nul.ini:2: not valid UTF-8"));
  g_clear_error (&error);

  /* a missing file */
  g_assert_false (os_paramfile_load ("/nonexistent/params.ini", &p, &v, NULL, &error));
  g_assert_error (error, OS_ERROR, OS_ERROR_IO);
  g_clear_error (&error);
  g_rmdir (dir);
}

static void
insert_bytes (GByteArray *b, guint pos, const guint8 *data, guint n)
{
  guint old = b->len;

  g_byte_array_set_size (b, old + n);
  memmove (b->data + pos + n, b->data + pos, old - pos);
  memcpy (b->data + pos, data, n);
}

/* Seeded mutations of valid files: byte flips, truncation, inserted random
 * bytes and lines, deleted and duplicated lines. Each either loads (then
 * the result is valid) or fails with a message, leaving the output alone. */
static void
test_fuzz (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (20240205);
  static const char *const snippets[] = {
    "\n", "=", "[", "]", "[parameters]\n", "eta=", "1e308", "-0", "nan", "\xc3\x28", "\r\n",
    "#", " ", "\t", "x_axis=eta\n", "x_log=true\n", "seed=99999999999999999999\n", "\\", "\0",
  };
  OsParams base;
  OsPresetView vbase;
  g_autofree char *valid_saved = NULL;
  int loaded = 0, refused = 0;

  defaults (&base, &vbase);
  valid_saved = os_paramfile_to_data (&base, &vbase);

  for (int iter = 0; iter < 12000; iter++)
    {
      const char *src = iter % 2 ? valid_file : valid_saved;
      GByteArray *b = g_byte_array_new ();
      int mutations = g_rand_int_range (r, 1, 6);
      OsParams p = base;
      OsPresetView v = vbase;
      GError *error = NULL;
      gboolean ok;

      g_byte_array_append (b, (const guint8 *) src, strlen (src));
      for (int m = 0; m < mutations; m++)
        {
          guint len = b->len;
          guint pos = len ? g_rand_int_range (r, 0, len) : 0;

          switch (g_rand_int_range (r, 0, 6))
            {
            case 0:     /* flip a byte */
              if (len)
                b->data[pos] ^= (guint8) (1u << g_rand_int_range (r, 0, 8));
              break;
            case 1:     /* random byte */
              if (len)
                b->data[pos] = (guint8) g_rand_int_range (r, 0, 256);
              break;
            case 2:     /* truncate */
              g_byte_array_set_size (b, pos);
              break;
            case 3:     /* insert random bytes */
              {
                guint8 junk[8];
                int n = g_rand_int_range (r, 1, 9);
                for (int k = 0; k < n; k++)
                  junk[k] = (guint8) g_rand_int_range (r, 0, 256);
                insert_bytes (b, pos, junk, n);
              }
              break;
            case 4:     /* insert a snippet */
              {
                const char *s = snippets[g_rand_int_range (r, 0, G_N_ELEMENTS (snippets))];
                insert_bytes (b, pos, (const guint8 *) s, MAX (strlen (s), 1));
              }
              break;
            default:    /* duplicate a stretch (lines, keys) */
              if (len)
                {
                  guint n = g_rand_int_range (r, 1, MIN (len - pos, 40u) + 1);
                  g_autofree guint8 *copy = g_memdup2 (b->data + pos, n);
                  insert_bytes (b, g_rand_int_range (r, 0, b->len + 1), copy, n);
                }
              break;
            }
        }
      ok = os_paramfile_load_data ((const char *) b->data, b->len, "fuzz.ini", &p, &v, NULL, &error);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_true (os_params_validate (&p, NULL));
          g_assert_true (os_preset_view_validate (&v, NULL));
          loaded++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, "fuzz.ini"));
          g_assert_true (os_params_equal (&p, &base));
          g_assert_true (os_preset_view_equal (&v, &vbase));
          g_error_free (error);
          refused++;
        }
      g_byte_array_unref (b);
    }
  g_test_message ("fuzz: %d loaded, %d refused", loaded, refused);
  g_assert_cmpint (loaded + refused, ==, 12000);
  g_assert_cmpint (loaded, >, 100);     /* the mutations keep some files valid */
  g_assert_cmpint (refused, >, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Paramfile/load", test_load_valid);
  g_test_add_func ("/Paramfile/partial", test_partial);
  g_test_add_func ("/Paramfile/round-trip", test_round_trip);
  g_test_add_func ("/Paramfile/phase-keys", test_phase_keys);
  g_test_add_func ("/Paramfile/network-size", test_network_size);
  g_test_add_func ("/Paramfile/malformed", test_malformed);
  g_test_add_func ("/Paramfile/nothing-half-loads", test_nothing_half_loads);
  g_test_add_func ("/Paramfile/huge-and-binary", test_huge_and_binary);
  g_test_add_func ("/Paramfile/fuzz", test_fuzz);
  g_test_add_func ("/Paramfile/bom-and-lines", test_bom_and_lines);
  g_test_add_func ("/Paramfile/special-files", test_special_files);
  return g_test_run ();
}
