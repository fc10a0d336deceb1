/* test-export.c — PNG, SVG, PDF and CSV files from the export functions,
 * and clean failures on paths that cannot be written. Headless.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-error.h"
#include "os-export.h"
#include "os-figure.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include "tree-util.h"

static OsFigure *shared_figure;
static char *tmpdir;

static const OsFigure *
figure (void)
{
  if (shared_figure == NULL)
    {
      OsParams params;
      OsView view;
      g_autoptr (GError) error = NULL;

      os_params_init_default (&params);
      os_view_init_default (&view);
      view.sweep.points = 50;
      shared_figure = os_figure_compute_all (&params, &view, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (shared_figure->theory);
      g_assert_nonnull (shared_figure->density_step);
    }
  return shared_figure;
}

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_png (void)
{
  OsPlotTheme theme;

  os_plot_theme_init_default (&theme);
  for (int k = 0; k < OS_PLOT_N; k++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%d.png", os_plot_kind_name (k), scale);
        g_autofree char *path = path_in_tmp (name);
        g_autofree char *data = NULL;
        g_autoptr (GError) error = NULL;
        gsize len;

        g_assert_true (os_export_figure (figure (), k, &theme, path, 600, 400, scale, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &data, &len, NULL));
        g_assert_cmpuint (len, >, 5000);
        g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
        g_assert_cmpmem (data + 12, 4, "IHDR", 4);
        g_assert_cmpuint (be32 ((const guint8 *) data + 16), ==, 600 * scale);
        g_assert_cmpuint (be32 ((const guint8 *) data + 20), ==, 400 * scale);
      }
}

typedef struct
{
  int paths, elements;
  gboolean svg_root;
} SvgCount;

static void
svg_start (GMarkupParseContext *ctx, const char *element, const char **names, const char **values,
           gpointer data, GError **error)
{
  SvgCount *c = data;

  (void) ctx; (void) names; (void) values; (void) error;
  if (c->elements++ == 0)
    c->svg_root = g_str_equal (element, "svg");
  if (g_str_equal (element, "path"))
    c->paths++;
}

static void
test_svg (void)
{
  OsPlotTheme theme;

  os_plot_theme_init_default (&theme);
  for (int k = 0; k < OS_PLOT_N; k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.svg", os_plot_kind_name (k));
      g_autofree char *path = path_in_tmp (name);
      g_autofree char *data = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GMarkupParseContext) ctx = NULL;
      GMarkupParser parser = { svg_start, NULL, NULL, NULL, NULL };
      SvgCount count = { 0 };
      gsize len;
      const char *body;

      g_assert_true (os_export_figure (figure (), k, &theme, path, 1200, 800, 1, &error));
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      /* GMarkup does not take the XML declaration: start at the root */
      body = strstr (data, "<svg");
      g_assert_nonnull (body);
      ctx = g_markup_parse_context_new (&parser, 0, &count, NULL);
      g_assert_true (g_markup_parse_context_parse (ctx, body, -1, &error));
      g_assert_no_error (error);
      g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
      g_assert_true (count.svg_root);
      g_assert_cmpint (count.paths, >, 20);
      g_assert_nonnull (strstr (data, "width=\"1200px\""));
    }
}

static void
test_pdf (void)
{
  OsPlotTheme theme;
  g_autofree char *path = path_in_tmp ("all.pdf");
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  os_plot_theme_init_default (&theme);
  g_assert_true (os_export_figure (figure (), OS_PLOT_ALL, &theme, path, 1200, 800, 1, &error));
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 2000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
    len--;
  g_assert_cmpuint (len, >, 5);
  g_assert_cmpmem (data + len - 5, 5, "%%EOF", 5);
  /* the size in points */
  g_assert_nonnull (memmem (data, len, "/MediaBox [ 0 0 1200 800 ]", 26));
}

static void
test_csv (void)
{
  const OsFigure *fig = figure ();
  g_autofree char *path = path_in_tmp ("error.csv");
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  int rows = 0;

  g_assert_true (os_export_csv (fig, OS_PLOT_ERROR, path, &error));
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  lines = g_strsplit (data, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "plot,series,x,y,y_err");
  for (int i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;

      if (!g_str_has_prefix (lines[i], "error,\"ε_g (theory)\","))
        continue;
      f = g_strsplit (lines[i] + strlen ("error,\"ε_g (theory)\","), ",", -1);
      /* full precision: the values read back exactly */
      g_assert_cmpfloat (g_ascii_strtod (f[0], NULL), ==, fig->theory->curve->x[rows]);
      g_assert_cmpfloat (g_ascii_strtod (f[1], NULL), ==, fig->theory->curve->points[rows].test_error);
      rows++;
    }
  g_assert_cmpint (rows, ==, fig->theory->curve->n);
  /* the floors are there too */
  g_assert_nonnull (strstr (data, "error,\"linear floor ε_lin\",,"));

  {
    g_autofree char *all = os_export_csv_text (fig, OS_PLOT_ALL);
    g_assert_nonnull (strstr (all, "\nerror,"));
    g_assert_nonnull (strstr (all, "\nspectrum,"));
    g_assert_nonnull (strstr (all, "\noverlaps,\"q1 (theory)\""));
    g_assert_nonnull (strstr (all, "\nfunction,\"target h(κ)\""));
  }
}

static void
test_unwritable (void)
{
  OsPlotTheme theme;
  g_autofree char *sub = path_in_tmp ("unwritable");
  g_autofree char *is_dir = g_build_filename (sub, "taken.png", NULL);
  g_autofree char *not_a_dir = g_build_filename (sub, "file.txt", NULL);
  g_autofree char *under_file = g_build_filename (not_a_dir, "x.pdf", NULL);
  const char *missing = "/nonexistent-onestep-dir/figure.png";

  os_plot_theme_init_default (&theme);
  g_assert_cmpint (g_mkdir_with_parents (is_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (not_a_dir, "x", 1, NULL));
  g_assert_cmpint (count_entries (sub), ==, 2);

  {
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_figure (figure (), OS_PLOT_ERROR, &theme, missing, 600, 400, 1, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_IO);
    g_assert_nonnull (strstr (error->message, missing));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    /* the name is taken by a directory: the rename fails, the temporary goes */
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_figure (figure (), OS_PLOT_SPECTRUM, &theme, is_dir, 600, 400, 1, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "taken.png"));
    g_assert_true (g_file_test (is_dir, G_FILE_TEST_IS_DIR));
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_figure (figure (), OS_PLOT_ALL, &theme, under_file, 600, 400, 1, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_IO);
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_csv (figure (), OS_PLOT_ALL, missing, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_IO);
  }
  /* no partial or temporary file left behind */
  g_assert_cmpint (count_entries (sub), ==, 2);
  g_assert_cmpint (count_entries (is_dir), ==, 0);
}

static void
test_bad_arguments (void)
{
  OsPlotTheme theme;
  g_autofree char *path = path_in_tmp ("figure.gif");
  g_autofree char *png = path_in_tmp ("small.png");
  OsExportFormat format;

  os_plot_theme_init_default (&theme);
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_figure (figure (), OS_PLOT_ALL, &theme, path, 600, 400, 1, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, ".png, .svg, .pdf"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_figure (figure (), OS_PLOT_ALL, &theme, png, 4, 400, 1, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  }
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (os_export_figure (figure (), OS_PLOT_ALL, &theme, png, 600, 400, 0, &error));
    g_assert_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT);
  }
  g_assert_true (os_export_format_from_path ("a/b.PDF", &format, NULL));
  g_assert_cmpint (format, ==, OS_EXPORT_PDF);
  g_assert_false (os_export_format_from_path ("a.png/noext", &format, NULL));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("onestep-export-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  g_test_add_func ("/export/png", test_png);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/unwritable", test_unwritable);
  g_test_add_func ("/export/bad-arguments", test_bad_arguments);
  rc = g_test_run ();
  if (shared_figure != NULL)
    os_figure_unref (shared_figure);
  remove_tree (tmpdir);
  g_free (tmpdir);
  return rc;
}
