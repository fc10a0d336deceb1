/* os-plot-text.c — Pango text for the scene renderer: measured, anchored,
 * rotated, and cut with an ellipsis where it would overflow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-private.h"

PangoLayout *
os_plot_text_layout (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (theme->font_family);
  PangoContext *ctx = pango_layout_get_context (layout);

  pango_context_set_round_glyph_positions (ctx, FALSE);
  pango_font_description_set_absolute_size (desc, size * theme->scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_markup (layout, markup ? markup : "", -1);
  return layout;
}

void
os_plot_text_size (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
                   double *w, double *h)
{
  PangoLayout *layout = os_plot_text_layout (cr, theme, markup, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
  g_object_unref (layout);
}

static gboolean
is_scaled_run (PangoAttribute *attribute, gpointer unused)
{
  (void) unused;
  return attribute->klass->type == PANGO_ATTR_FONT_SCALE || attribute->klass->type == PANGO_ATTR_BASELINE_SHIFT;
}

/* Pango 1.50 cannot ellipsize a run of <sub> or <sup> text: it warns
 * "Leftover font scales" (and G_DEBUG=fatal-warnings aborts). A label too
 * long for its place loses those runs' scale and shift, and keeps its
 * text and other attributes. */
static void
drop_scaled_runs (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  PangoAttrList *copy, *scaled;

  if (attrs == NULL)
    return;
  copy = pango_attr_list_copy (attrs);
  scaled = pango_attr_list_filter (copy, is_scaled_run, NULL);
  if (scaled != NULL)
    {
      pango_layout_set_attributes (layout, copy);
      pango_attr_list_unref (scaled);
    }
  pango_attr_list_unref (copy);
}

/* Draws markup with its anchor at (x, y): ax, ay in {0, 0.5, 1} pick the
 * left/centre/right and top/middle/bottom of the text box. */
void
os_plot_draw_text_fit (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size,
                       gboolean bold, double x, double y, double ax, double ay, double angle,
                       double max_width)
{
  PangoLayout *layout = os_plot_text_layout (cr, theme, markup, size, bold);
  PangoRectangle logical;
  double w, h;

  pango_layout_get_extents (layout, NULL, &logical);
  if (max_width > 0 && (double) logical.width / PANGO_SCALE > max_width)
    {
      /* too long for its place: cut with an ellipsis rather than overflow */
      drop_scaled_runs (layout);
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_extents (layout, NULL, &logical);
    }
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -ax * w, -ay * h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

void
os_plot_draw_text (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size, gboolean bold,
                   double x, double y, double ax, double ay, double angle)
{
  os_plot_draw_text_fit (cr, theme, markup, size, bold, x, y, ax, ay, angle, 0);
}
