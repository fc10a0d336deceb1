/* os-plot-text.c — Pango text for the scene renderer: measured (with a
 * cache), wrapped, drawn in place or rotated.
 *
 * Every text is laid out with the same font options: metrics not hinted,
 * glyph positions not rounded. So a text measures the same on a scratch
 * surface, the screen's image, a PNG at any pixel density, an SVG and a
 * PDF, and the layout decided before drawing is the layout drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"

#include <math.h>
#include <string.h>

/* ---- contexts ------------------------------------------------------------ */

static cairo_font_options_t *
fixed_font_options (void)
{
  static cairo_font_options_t *options;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      options = cairo_font_options_create ();
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      g_once_init_leave (&once, 1);
    }
  return options;
}

static void
fix_context (PangoContext *ctx)
{
  pango_cairo_context_set_font_options (ctx, fixed_font_options ());
  pango_context_set_round_glyph_positions (ctx, FALSE);
}

/* One measuring context per thread (Pango's font map is per thread). */
static GPrivate measure_context = G_PRIVATE_INIT (g_object_unref);

static PangoContext *
get_measure_context (void)
{
  PangoContext *ctx = g_private_get (&measure_context);

  if (ctx == NULL)
    {
      ctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      fix_context (ctx);
      g_private_set (&measure_context, ctx);
    }
  return ctx;
}

static void
setup_layout (PangoLayout *layout, const OsPlotTheme *theme, const char *markup, double size,
              gboolean bold, double wrap)
{
  PangoFontDescription *desc = pango_font_description_from_string (theme->font_family);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (wrap > 0)
    {
      pango_layout_set_width (layout, (int) (wrap * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_markup (layout, markup ? markup : "", -1);
}

PangoLayout *
os_plot_text_layout (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
                     double wrap)
{
  PangoContext *ctx = pango_cairo_create_context (cr);
  PangoLayout *layout;

  fix_context (ctx);
  /* the text laid out in user space: the target's transformation (a
   * scaled figure, a rotated label) only moves the glyphs, it neither
   * changes a measure nor sizes <sub> text by the scale again */
  pango_context_set_matrix (ctx, NULL);
  layout = pango_layout_new (ctx);
  g_object_unref (ctx);
  setup_layout (layout, theme, markup, size, bold, wrap);
  return layout;
}

/* ---- measuring, cached -------------------------------------------------- */

#define CACHE_MAX 4096

/* A measured text: its font, size, weight, wrap width and markup, and
 * the extent they give. Keys hash without formatting a string. */
typedef struct
{
  const char *family;        /* the theme's, a static string */
  double      size, wrap;
  gboolean    bold;
  char       *markup;
  double      w, h;
} Measured;

static guint
measured_hash (gconstpointer p)
{
  const Measured *m = p;
  guint64 bits[2];

  memcpy (&bits[0], &m->size, sizeof (double));
  memcpy (&bits[1], &m->wrap, sizeof (double));
  return g_str_hash (m->markup) ^ (guint) (bits[0] * 31 + bits[1] * 17 + (bits[0] >> 32)) ^ (m->bold ? 0x9e3779b9u : 0)
         ^ GPOINTER_TO_UINT (m->family);
}

static gboolean
measured_equal (gconstpointer a, gconstpointer b)
{
  const Measured *x = a, *y = b;

  return x->family == y->family && x->size == y->size && x->wrap == y->wrap && !x->bold == !y->bold
         && strcmp (x->markup, y->markup) == 0;
}

static void
measured_free (gpointer p)
{
  Measured *m = p;

  g_free (m->markup);
  g_free (m);
}

static GMutex cache_lock;
static GHashTable *cache;

void
os_plot_text_measure (const OsPlotTheme *theme, const char *markup, double size, gboolean bold, double wrap,
                      double *w, double *h)
{
  Measured key = { theme->font_family, size, wrap, bold, (char *) (markup ? markup : ""), 0, 0 };
  Measured *hit;

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (measured_hash, measured_equal, measured_free, NULL);
  hit = g_hash_table_lookup (cache, &key);
  if (hit != NULL)
    {
      *w = hit->w;
      *h = hit->h;
      g_mutex_unlock (&cache_lock);
      return;
    }
  g_mutex_unlock (&cache_lock);

  {
    PangoLayout *layout = pango_layout_new (get_measure_context ());
    PangoRectangle logical;

    setup_layout (layout, theme, key.markup, size, bold, wrap);
    pango_layout_get_extents (layout, NULL, &logical);
    key.w = (double) logical.width / PANGO_SCALE;
    key.h = (double) logical.height / PANGO_SCALE;
    g_object_unref (layout);
  }
  hit = g_memdup2 (&key, sizeof key);
  hit->markup = g_strdup (key.markup);
  g_mutex_lock (&cache_lock);
  if (g_hash_table_size (cache) >= CACHE_MAX)
    g_hash_table_remove_all (cache);
  g_hash_table_add (cache, hit);
  g_mutex_unlock (&cache_lock);
  *w = key.w;
  *h = key.h;
}

/* ---- drawing ----------------------------------------------------------- */

void
os_plot_text_draw (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
                   double wrap, double x, double y, gboolean vertical)
{
  PangoLayout *layout = os_plot_text_layout (cr, theme, markup, size, bold, wrap);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  if (vertical)
    {
      /* the box is h wide and w tall; the text reads upwards */
      cairo_translate (cr, x, y + (double) logical.width / PANGO_SCALE);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
    }
  else
    cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

void
os_plot_draw_placed (cairo_t *cr, const OsPlotTheme *theme, const OsPlotText *t)
{
  cairo_save (cr);
  if (t->boxed)
    {
      double m = 2 * theme->scale;

      os_plot_set_rgba (cr, theme->background, 0.88);
      cairo_rectangle (cr, t->x0 - m, t->y0 - m / 2, t->x1 - t->x0 + 2 * m, t->y1 - t->y0 + m);
      cairo_fill (cr);
    }
  os_plot_set_rgba (cr, t->color, t->alpha);
  os_plot_text_draw (cr, theme, t->markup, t->size, t->bold, t->wrap, t->x0, t->y0, t->vertical);
  cairo_restore (cr);
}

/* ---- the anchored helpers ------------------------------------------------ */

void
os_plot_text_size (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
                   double *w, double *h)
{
  (void) cr;
  os_plot_text_measure (theme, markup, size * theme->scale, bold, 0, w, h);
}

void
os_plot_draw_text (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
                   double x, double y, double ax, double ay, double angle)
{
  double w, h, px = size * theme->scale;

  os_plot_text_measure (theme, markup, px, bold, 0, &w, &h);
  if (angle == 0)
    os_plot_text_draw (cr, theme, markup, px, bold, 0, x - ax * w, y - ay * h, FALSE);
  else
    {
      /* rotated a quarter anticlockwise: the box is h wide and w tall */
      os_plot_text_draw (cr, theme, markup, px, bold, 0, x - ay * h, y - (1 - ax) * w, TRUE);
    }
}
