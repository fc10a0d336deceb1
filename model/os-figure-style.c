/* os-figure-style.c — figure options, lengths with units, page sizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-figure-style.h"
#include "os-error.h"
#include "os-flags.h"

#include <math.h>
#include <string.h>

void
os_figure_style_init_screen (OsFigureStyle *style)
{
  memset (style, 0, sizeof *style);
  style->legend = OS_LEGEND_BEST;
  style->title = TRUE;
  style->marker = TRUE;
}

void
os_figure_style_init_export (OsFigureStyle *style)
{
  os_figure_style_init_screen (style);
  style->marker = FALSE;
}

gboolean
os_figure_style_equal (const OsFigureStyle *a, const OsFigureStyle *b)
{
  return a->legend == b->legend && !a->title == !b->title && !a->marker == !b->marker
         && a->font_size == b->font_size && !a->log_y == !b->log_y && !a->y_fixed == !b->y_fixed
         && (!a->y_fixed || (a->y_min == b->y_min && a->y_max == b->y_max));
}

static const char *const legend_names[OS_LEGEND_N] = { "best", "outside", "none" };

const char *
os_legend_place_name (OsLegendPlace place)
{
  g_return_val_if_fail (place < OS_LEGEND_N, "best");
  return legend_names[place];
}

gboolean
os_legend_place_from_name (const char *name, OsLegendPlace *out)
{
  for (int i = 0; name != NULL && i < OS_LEGEND_N; i++)
    if (g_ascii_strcasecmp (name, legend_names[i]) == 0)
      {
        *out = (OsLegendPlace) i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ lengths */

static const char *const unit_names[OS_UNIT_N] = { "px", "pt", "mm", "cm", "in" };

const char *
os_unit_name (OsUnit unit)
{
  g_return_val_if_fail (unit < OS_UNIT_N, "px");
  return unit_names[unit];
}

gboolean
os_length_parse (const char *flag, const char *text, OsLength *out, GError **error)
{
  g_autofree char *number = NULL;
  OsUnit unit = OS_UNIT_PX;
  gsize len;
  double v;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE, "%s: missing size", flag);
      return FALSE;
    }
  len = strlen (text);
  number = g_strdup (text);
  for (int u = 0; u < OS_UNIT_N; u++)
    if (len > 2 && g_ascii_strcasecmp (text + len - 2, unit_names[u]) == 0)
      {
        unit = (OsUnit) u;
        number[len - 2] = '\0';
        break;
      }
  if (!os_decimal_parse (number, &v))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_PARSE,
                   "%s: '%s' is not a size (a number, optionally with px, pt, mm, cm or in: 1200, 8.5cm)",
                   flag, text);
      return FALSE;
    }
  if (!(v > 0))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "%s: '%s' is not a positive size", flag, text);
      return FALSE;
    }
  out->value = v;
  out->unit = unit;
  return TRUE;
}

double
os_length_to_pt (OsLength length, double dpi)
{
  switch (length.unit)
    {
    case OS_UNIT_PX: return length.value * 72.0 / (dpi > 0 ? dpi : OS_DPI_DEFAULT);
    case OS_UNIT_PT: return length.value;
    case OS_UNIT_MM: return length.value * 72.0 / 25.4;
    case OS_UNIT_CM: return length.value * 72.0 / 2.54;
    case OS_UNIT_IN: return length.value * 72.0;
    case OS_UNIT_N:
    default:         break;
    }
  return length.value;
}

char *
os_length_to_string (OsLength length)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  os_decimal_format (length.value, buf);
  return g_strdup_printf ("%s%s", buf, length.unit == OS_UNIT_PX ? "" : unit_names[length.unit]);
}

/* --------------------------------------------------------------- pages */

void
os_page_size_init (OsPageSize *page, int width_px, int height_px)
{
  page->width = (OsLength) { width_px, OS_UNIT_PX };
  page->height = (OsLength) { height_px, OS_UNIT_PX };
  page->dpi = OS_DPI_DEFAULT;
  page->scale = 1.0;
}

void
os_page_size_resolve (const OsPageSize *page, int *units_w, int *units_h, int *pixels_w, int *pixels_h)
{
  double w = os_length_to_pt (page->width, page->dpi), h = os_length_to_pt (page->height, page->dpi);
  double px_per_pt = page->dpi / 72.0 * page->scale;

  if (units_w)
    *units_w = (int) lround (w);
  if (units_h)
    *units_h = (int) lround (h);
  if (pixels_w)
    *pixels_w = MAX (1, (int) lround (w * px_per_pt));
  if (pixels_h)
    *pixels_h = MAX (1, (int) lround (h * px_per_pt));
}

gboolean
os_page_size_validate (const OsPageSize *page, GError **error)
{
  const char *flags[2] = { "--width", "--height" };
  const OsLength *lengths[2] = { &page->width, &page->height };
  int pw, ph;

  if (!(page->dpi >= OS_DPI_MIN && page->dpi <= OS_DPI_MAX))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--dpi: %g is outside the valid range [%g, %g]",
                   page->dpi, OS_DPI_MIN, OS_DPI_MAX);
      return FALSE;
    }
  if (!(page->scale >= 0.25 && page->scale <= 8))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "--scale: %g is outside the valid range [0.25, 8]",
                   page->scale);
      return FALSE;
    }
  for (int i = 0; i < 2; i++)
    {
      double pt = os_length_to_pt (*lengths[i], page->dpi);

      if (!(pt >= OS_PAGE_MIN - 0.5 && pt <= OS_PAGE_MAX + 0.5))
        {
          g_autofree char *text = os_length_to_string (*lengths[i]);

          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       "%s: %s is %.4g pt, outside the valid range [%g, %g] pt (16–20000 px at 72 dpi)",
                       flags[i], text, pt, OS_PAGE_MIN, OS_PAGE_MAX);
          return FALSE;
        }
    }
  os_page_size_resolve (page, NULL, NULL, &pw, &ph);
  if ((double) pw * ph > 1.6e8)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "--dpi: a %d × %d PNG is too large (at most 1.6e8 pixels)", pw, ph);
      return FALSE;
    }
  return TRUE;
}
