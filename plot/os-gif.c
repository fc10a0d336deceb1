/* os-gif.c — a GIF89a encoder: popularity palettes and LZW.
 *
 * The LZW coder follows the GIF89a specification (section 22 and
 * appendix F): minimum code size 8, a clear code first, codes that grow
 * from 9 to 12 bits, a clear code when the table holds 4096 entries, and
 * the codes packed least significant bit first into sub-blocks of at most
 * 255 bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-gif.h"

#include <math.h>
#include <string.h>

#define N_BINS   32768   /* colours quantised to 5 bits a channel */
#define MAX_CODE 4096

struct _OsGif
{
  int         width, height;
  GByteArray *out;
  guint32    *previous;      /* the previous frame as 0xRRGGBB, NULL at first */
  guint16    *lzw_next;      /* MAX_CODE × 256 children of each code, 0 = none */
  gboolean    finished;
};

static void
put_u16 (GByteArray *out, int v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put_byte (GByteArray *out, guint8 v)
{
  g_byte_array_append (out, &v, 1);
}

OsGif *
os_gif_new (int width, int height)
{
  OsGif *gif;
  static const guint8 netscape[] = {
    0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
    0x03, 0x01, 0x00, 0x00, 0x00,          /* loop count 0: forever */
  };

  g_return_val_if_fail (width >= 1 && width <= 65535 && height >= 1 && height <= 65535, NULL);
  gif = g_new0 (OsGif, 1);
  gif->width = width;
  gif->height = height;
  gif->out = g_byte_array_new ();
  gif->lzw_next = g_new (guint16, MAX_CODE * 256);
  g_byte_array_append (gif->out, (const guint8 *) "GIF89a", 6);
  put_u16 (gif->out, width);
  put_u16 (gif->out, height);
  put_byte (gif->out, 0x00);   /* no global colour table */
  put_byte (gif->out, 0);      /* background colour index */
  put_byte (gif->out, 0);      /* square pixels */
  g_byte_array_append (gif->out, netscape, sizeof netscape);
  return gif;
}

void
os_gif_free (OsGif *gif)
{
  if (gif == NULL)
    return;
  if (gif->out != NULL)
    g_byte_array_unref (gif->out);
  g_free (gif->previous);
  g_free (gif->lzw_next);
  g_free (gif);
}

int
os_gif_frame_delay (int k, int fps)
{
  g_return_val_if_fail (fps > 0 && k >= 0, 4);
  return (int) (floor (100.0 * (k + 1) / fps + 0.5) - floor (100.0 * k / fps + 0.5));
}

/* ---- the frame's pixels ---------------------------------------------- */

/* 0xRRGGBB of every pixel (Cairo stores premultiplied native-endian
 * 0xAARRGGBB; our frames are opaque). */
static guint32 *
frame_pixels (cairo_surface_t *frame, int width, int height)
{
  guint32 *px = g_new (guint32, (gsize) width * height);
  const unsigned char *data;
  int stride;

  cairo_surface_flush (frame);
  data = cairo_image_surface_get_data (frame);
  stride = cairo_image_surface_get_stride (frame);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (const void *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        px[(gsize) y * width + x] = row[x] & 0xffffff;
    }
  return px;
}

static inline int
bin_of (guint32 c)
{
  return (int) ((((c >> 19) & 31) << 10) | (((c >> 11) & 31) << 5) | ((c >> 3) & 31));
}

static gint
by_count (gconstpointer a, gconstpointer b, gpointer data)
{
  const guint32 *count = data;
  int x = *(const int *) a, y = *(const int *) b;

  if (count[x] != count[y])
    return count[x] > count[y] ? -1 : 1;
  return x - y;
}

/* The palette of a region: the 256 most frequent 15-bit colours (each the
 * mean of the pixels in it), and the nearest palette entry of every bin
 * that occurs. */
typedef struct
{
  guint8 rgb[256][3];
  int    n;
  guint8 index_of_bin[N_BINS];
} Palette;

static void
palette_build (Palette *pal, const guint32 *px, int stride, int x0, int y0, int w, int h)
{
  g_autofree guint32 *count = g_new0 (guint32, N_BINS);
  g_autofree guint64 *sum = g_new0 (guint64, 3 * N_BINS);
  g_autofree int *order = NULL;
  int n_used = 0;

  for (int y = y0; y < y0 + h; y++)
    for (int x = x0; x < x0 + w; x++)
      {
        guint32 c = px[(gsize) y * stride + x];
        int b = bin_of (c);

        count[b]++;
        sum[3 * b] += (c >> 16) & 0xff;
        sum[3 * b + 1] += (c >> 8) & 0xff;
        sum[3 * b + 2] += c & 0xff;
      }
  order = g_new (int, N_BINS);
  for (int b = 0; b < N_BINS; b++)
    if (count[b] > 0)
      order[n_used++] = b;
  /* most frequent first; ties by bin, so the palette does not depend on
   * the sort's order */
  g_qsort_with_data (order, n_used, sizeof (int), by_count, count);
  pal->n = MIN (n_used, 256);
  for (int i = 0; i < pal->n; i++)
    {
      int b = order[i];

      for (int ch = 0; ch < 3; ch++)
        pal->rgb[i][ch] = (guint8) ((sum[3 * b + ch] + count[b] / 2) / count[b]);
      pal->index_of_bin[b] = (guint8) i;
    }
  for (int i = pal->n; i < n_used; i++)
    {
      int b = order[i], best = 0;
      double r = (double) sum[3 * b] / count[b], g = (double) sum[3 * b + 1] / count[b];
      double bl = (double) sum[3 * b + 2] / count[b], best_d = INFINITY;

      for (int k = 0; k < pal->n; k++)
        {
          /* weighted as the eye weighs them, roughly */
          double dr = r - pal->rgb[k][0], dg = g - pal->rgb[k][1], db = bl - pal->rgb[k][2];
          double d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;

          if (d < best_d)
            {
              best_d = d;
              best = k;
            }
        }
      pal->index_of_bin[b] = (guint8) best;
    }
}

/* ---- LZW ------------------------------------------------------------- */

typedef struct
{
  GByteArray *out;
  guint8      block[255];
  int         block_len;
  guint32     bits;
  int         n_bits;
} BitWriter;

static void
bits_flush_block (BitWriter *w)
{
  if (w->block_len == 0)
    return;
  put_byte (w->out, (guint8) w->block_len);
  g_byte_array_append (w->out, w->block, w->block_len);
  w->block_len = 0;
}

static void
bits_put (BitWriter *w, int code, int size)
{
  w->bits |= (guint32) code << w->n_bits;
  w->n_bits += size;
  while (w->n_bits >= 8)
    {
      w->block[w->block_len++] = w->bits & 0xff;
      w->bits >>= 8;
      w->n_bits -= 8;
      if (w->block_len == 255)
        bits_flush_block (w);
    }
}

static void
bits_finish (BitWriter *w)
{
  if (w->n_bits > 0)
    {
      w->block[w->block_len++] = w->bits & 0xff;
      w->bits = 0;
      w->n_bits = 0;
    }
  bits_flush_block (w);
  put_byte (w->out, 0);   /* block terminator */
}

static void
lzw_encode (OsGif *gif, const guint8 *indices, gsize n)
{
  const int min_code_size = 8, clear = 1 << min_code_size, eoi = clear + 1;
  BitWriter w = { .out = gif->out };
  int code_size = min_code_size + 1, max_code = eoi, current = -1;
  guint16 *next = gif->lzw_next;

  put_byte (gif->out, (guint8) min_code_size);
  memset (next, 0, sizeof (guint16) * MAX_CODE * 256);
  bits_put (&w, clear, code_size);
  for (gsize i = 0; i < n; i++)
    {
      guint8 v = indices[i];

      if (current < 0)
        current = v;
      else if (next[current * 256 + v] != 0)
        current = next[current * 256 + v];
      else
        {
          bits_put (&w, current, code_size);
          next[current * 256 + v] = (guint16) ++max_code;
          if (max_code >= (1 << code_size))
            code_size++;
          if (max_code == MAX_CODE - 1)
            {
              bits_put (&w, clear, code_size);
              memset (next, 0, sizeof (guint16) * MAX_CODE * 256);
              code_size = min_code_size + 1;
              max_code = eoi;
            }
          current = v;
        }
    }
  if (current >= 0)
    bits_put (&w, current, code_size);
  bits_put (&w, eoi, code_size);
  bits_finish (&w);
}

/* ---- frames ---------------------------------------------------------- */

/* The rectangle where px differs from the previous frame (the whole frame
 * at first); a 1 × 1 rectangle when nothing changed, to carry the delay. */
static void
changed_rect (const OsGif *gif, const guint32 *px, int *x0, int *y0, int *w, int *h)
{
  int left = gif->width, right = -1, top = gif->height, bottom = -1;

  if (gif->previous == NULL)
    {
      *x0 = *y0 = 0;
      *w = gif->width;
      *h = gif->height;
      return;
    }
  for (int y = 0; y < gif->height; y++)
    {
      const guint32 *a = px + (gsize) y * gif->width, *b = gif->previous + (gsize) y * gif->width;

      if (memcmp (a, b, sizeof (guint32) * gif->width) == 0)
        continue;
      top = MIN (top, y);
      bottom = y;
      for (int x = 0; x < left; x++)
        if (a[x] != b[x])
          {
            left = x;
            break;
          }
      for (int x = gif->width - 1; x > right; x--)
        if (a[x] != b[x])
          {
            right = x;
            break;
          }
    }
  if (bottom < 0)
    {
      *x0 = *y0 = 0;
      *w = *h = 1;
      return;
    }
  *x0 = left;
  *y0 = top;
  *w = right - left + 1;
  *h = bottom - top + 1;
}

void
os_gif_add_frame (OsGif *gif, cairo_surface_t *frame, int delay_cs)
{
  g_autofree guint32 *px = NULL;
  g_autofree guint8 *indices = NULL;
  g_autofree Palette *pal = g_new (Palette, 1);
  int x0, y0, w, h, table_bits;

  g_return_if_fail (gif != NULL && !gif->finished);
  g_return_if_fail (cairo_surface_get_type (frame) == CAIRO_SURFACE_TYPE_IMAGE
                    && cairo_image_surface_get_width (frame) == gif->width
                    && cairo_image_surface_get_height (frame) == gif->height
                    && (cairo_image_surface_get_format (frame) == CAIRO_FORMAT_ARGB32
                        || cairo_image_surface_get_format (frame) == CAIRO_FORMAT_RGB24));

  px = frame_pixels (frame, gif->width, gif->height);
  changed_rect (gif, px, &x0, &y0, &w, &h);
  palette_build (pal, px, gif->width, x0, y0, w, h);
  indices = g_new (guint8, (gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      indices[(gsize) y * w + x] = pal->index_of_bin[bin_of (px[(gsize) (y0 + y) * gif->width + x0 + x])];

  /* graphic control: no disposal (the next frame draws over this one), the delay */
  put_byte (gif->out, 0x21);
  put_byte (gif->out, 0xf9);
  put_byte (gif->out, 4);
  put_byte (gif->out, 1 << 2);
  put_u16 (gif->out, CLAMP (delay_cs, 0, 65535));
  put_byte (gif->out, 0);
  put_byte (gif->out, 0);
  /* image descriptor with a local colour table of 2^table_bits entries */
  for (table_bits = 1; (1 << table_bits) < pal->n; table_bits++)
    ;
  put_byte (gif->out, 0x2c);
  put_u16 (gif->out, x0);
  put_u16 (gif->out, y0);
  put_u16 (gif->out, w);
  put_u16 (gif->out, h);
  put_byte (gif->out, (guint8) (0x80 | (table_bits - 1)));
  for (int i = 0; i < (1 << table_bits); i++)
    {
      static const guint8 black[3] = { 0, 0, 0 };

      g_byte_array_append (gif->out, i < pal->n ? pal->rgb[i] : black, 3);
    }
  lzw_encode (gif, indices, (gsize) w * h);

  g_free (gif->previous);
  gif->previous = g_steal_pointer (&px);
}

GBytes *
os_gif_finish (OsGif *gif)
{
  GByteArray *out;

  g_return_val_if_fail (gif != NULL && !gif->finished, NULL);
  gif->finished = TRUE;
  put_byte (gif->out, 0x3b);   /* trailer */
  out = g_steal_pointer (&gif->out);
  return g_byte_array_free_to_bytes (out);
}
