/* os-export-meta.c — provenance in PNG, SVG, PDF and CSV files.
 *
 * Cairo 1.16 writes PNGs without text chunks, so they are inserted into
 * its bytes after the header chunk (IHDR), each with its CRC-32 (ISO 3309,
 * as the PNG specification defines it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export-meta.h"
#include "os-export-request.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

/* ---- PNG ------------------------------------------------------------ */

static guint32
crc32_update (guint32 crc, const guint8 *data, gsize n)
{
  static guint32 table[256];
  static gsize once;

  if (g_once_init_enter (&once))
    {
      for (guint32 i = 0; i < 256; i++)
        {
          guint32 c = i;

          for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
          table[i] = c;
        }
      g_once_init_leave (&once, 1);
    }
  for (gsize i = 0; i < n; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

static void
put_be32 (GByteArray *out, guint32 v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray *out, const char *type, const guint8 *data, gsize n)
{
  guint32 crc = 0xffffffffu;

  put_be32 (out, (guint32) n);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (n > 0)
    g_byte_array_append (out, data, (guint) n);
  crc = crc32_update (crc, (const guint8 *) type, 4);
  crc = crc32_update (crc, data, n);
  put_be32 (out, crc ^ 0xffffffffu);
}

/* iTXt: keyword, NUL, no compression, no language, no translation, UTF-8 text */
static void
put_itxt (GByteArray *out, const char *keyword, const char *text)
{
  GByteArray *d = g_byte_array_new ();
  const guint8 zeros[5] = { 0, 0, 0, 0, 0 };

  g_byte_array_append (d, (const guint8 *) keyword, strlen (keyword));
  g_byte_array_append (d, zeros, 5);   /* NUL, flag 0, method 0, empty language NUL, empty keyword NUL */
  g_byte_array_append (d, (const guint8 *) text, strlen (text));
  put_chunk (out, "iTXt", d->data, d->len);
  g_byte_array_unref (d);
}

static void
put_text (GByteArray *out, const char *keyword, const char *latin1)
{
  GByteArray *d = g_byte_array_new ();
  const guint8 nul = 0;

  g_byte_array_append (d, (const guint8 *) keyword, strlen (keyword));
  g_byte_array_append (d, &nul, 1);
  g_byte_array_append (d, (const guint8 *) latin1, strlen (latin1));
  put_chunk (out, "tEXt", d->data, d->len);
  g_byte_array_unref (d);
}

GBytes *
os_provenance_png (GBytes *png, const OsProvenance *p, double dpi)
{
  gsize n;
  const guint8 *data = g_bytes_get_data (png, &n);
  GByteArray *out;
  const gsize header_end = 8 + 4 + 4 + 13 + 4;   /* signature, IHDR */

  if (n < header_end || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp (data + 12, "IHDR", 4) != 0)
    return NULL;
  out = g_byte_array_sized_new ((guint) n + 4096);
  g_byte_array_append (out, data, header_end);
  if (dpi > 0)
    {
      guint32 ppm = (guint32) lround (dpi / 0.0254);
      guint8 phys[9] = { ppm >> 24, (ppm >> 16) & 0xff, (ppm >> 8) & 0xff, ppm & 0xff,
                         ppm >> 24, (ppm >> 16) & 0xff, (ppm >> 8) & 0xff, ppm & 0xff, 1 };

      put_chunk (out, "pHYs", phys, sizeof phys);
    }
  put_text (out, "Software", os_export_software ());
  if (p->title != NULL)
    put_itxt (out, "Title", p->title);
  if (p->parameters != NULL)
    put_itxt (out, "Description", p->parameters);
  if (p->command != NULL)
    put_itxt (out, "Command", p->command);
  put_itxt (out, "Source", "https://arxiv.org/abs/2402.04980 (Cui et al., ICML 2024)");
  g_byte_array_append (out, data + header_end, (guint) (n - header_end));
  return g_byte_array_free_to_bytes (out);
}

/* ---- SVG ------------------------------------------------------------- */

GBytes *
os_provenance_svg (GBytes *svg, const OsProvenance *p)
{
  gsize n;
  const char *data = g_bytes_get_data (svg, &n);
  g_autofree char *text = g_strndup (data, n);
  const char *root = strstr (text, "<svg"), *end;
  GString *out;

  if (root == NULL || (end = strchr (root, '>')) == NULL)
    return NULL;
  end++;
  out = g_string_new_len (text, end - text);
  {
    g_autofree char *title = g_markup_escape_text (p->title ? p->title : "", -1);
    g_autofree char *params = g_markup_escape_text (p->parameters ? p->parameters : "", -1);
    g_autofree char *command = g_markup_escape_text (p->command ? p->command : "", -1);
    g_autofree char *software = g_markup_escape_text (os_export_software (), -1);

    g_string_append_printf (out,
                            "\n<metadata id=\"onestep-explorer\">"
                            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                            "<rdf:Description rdf:about=\"\">"
                            "<dc:title>%s</dc:title>"
                            "<dc:creator>%s</dc:creator>"
                            "<dc:description>%s</dc:description>"
                            "<dc:source>%s</dc:source>"
                            "<dc:relation>https://arxiv.org/abs/2402.04980</dc:relation>"
                            "</rdf:Description></rdf:RDF></metadata>",
                            title, software, params, command);
  }
  g_string_append (out, end);
  {
    gsize len = out->len;

    return g_bytes_new_take (g_string_free (out, FALSE), len);
  }
}

/* ---- PDF ------------------------------------------------------------- */

void
os_provenance_pdf (cairo_surface_t *pdf, const OsProvenance *p)
{
  g_autofree char *keywords = NULL;

  if (p->title != NULL)
    cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, p->title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_AUTHOR, os_export_software ());
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, os_export_software ());
  if (p->command != NULL)
    cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_SUBJECT, p->command);
  if (p->parameters != NULL)
    {
      /* one line: "student=tanh; teacher=tanh; …" */
      g_auto (GStrv) lines = g_strsplit (p->parameters, "\n", -1);
      GString *s = g_string_new (NULL);

      for (int i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_string_append_printf (s, "%s%s", s->len ? "; " : "", lines[i]);
      keywords = g_string_free (s, FALSE);
      cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_KEYWORDS, keywords);
    }
}

/* ---- CSV ------------------------------------------------------------- */

char *
os_provenance_csv_header (const OsProvenance *p)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "# %s (https://arxiv.org/abs/2402.04980)\n", os_export_software ());
  if (p->title != NULL)
    g_string_append_printf (s, "# figure: %s\n", p->title);
  if (p->command != NULL)
    g_string_append_printf (s, "# command: %s\n", p->command);
  if (p->parameters != NULL)
    {
      g_auto (GStrv) lines = g_strsplit (p->parameters, "\n", -1);

      for (int i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_string_append_printf (s, "# %s\n", lines[i]);
    }
  return g_string_free (s, FALSE);
}
