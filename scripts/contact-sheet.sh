#!/bin/sh
# scripts/contact-sheet.sh — the figures at the sizes people use, side by
# side: real exports (a paper's column and two columns, a projector, full
# HD, a phase diagram, the cases the layout must handle) tiled with their
# command lines into docs/figures-contact-sheet.png.
#   scripts/contact-sheet.sh [build/app/onestep-explorer] [OUT.png]
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
BIN="$(readlink -f "${1:-build/app/onestep-explorer}")"
OUT="$(readlink -f "${2:-docs/figures-contact-sheet.png}")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# one tile a line: file|caption|export flags
cat >tiles <<'EOF'
col.png|one paper column: --plot error --width 8.5cm --height 6cm --dpi 300|--plot error --width 8.5cm --height 6cm --dpi 300
mini.png|--plot error --width 240 --height 180 (2× pixels)|--plot error --width 240 --height 180 --scale 2
two.png|two columns: --plot all --width 504 --height 350 (2× pixels)|--plot all --width 504 --height 350 --scale 2
slide.png|projector: --plot all --width 1280 --height 720 --presentation --marker|--plot all --width 1280 --height 720 --presentation --marker --simulate --d 200 --seeds 1 --sim-points 5
hd.png|full HD: --plot all --width 1920 --height 1080|--plot all --width 1920 --height 1080
ed.png|finite d: ε_d along η̃, d → ∞ dashed, the band below η̃_BBP (504 × 350, 2×)|--plot error --sweep eta --from 0 --to 3 --network-size 400 --width 504 --height 350 --scale 2
eta.png|η̃ sweep: m as η̃ → 0⁺ clipped and said (320 × 240, 2×)|--plot overlaps --sweep eta --from 0 --to 5 --width 320 --height 240 --scale 2
sinlog.png|--preset reference-sin --log-y, 504 × 350 (2×)|--preset reference-sin --plot error --log-y --width 504 --height 350 --scale 2
relu.png|ReLU spectrum, simulated: one legend entry for the outliers beyond the axis|--plot spectrum --student relu --simulate --d 300 --seeds 1 --width 504 --height 350 --scale 2
even.png|--preset even-teacher: flat curves say why (504 × 350, 2×)|--preset even-teacher --plot function --width 504 --height 350 --scale 2
gain.png|phase: --quantity gain-kernel --y-axis lambda, diverging map (504 × 350, 2×)|--plot phase --quantity gain-kernel --y-axis lambda --points 32 --width 504 --height 350 --scale 2
glin.png|phase: --quantity gain-linear, no sign change said (800 × 560)|--plot phase --quantity gain-linear --points 40 --width 800 --height 560
best.png|phase: --quantity best-lambda, its own optimal η̃ (800 × 560)|--plot phase --quantity best-lambda --points 24 --width 800 --height 560
EOF
while IFS='|' read -r file caption flags; do
  # shellcheck disable=SC2086
  "$BIN" export $flags --output "$file" 2>/dev/null
done <tiles

# the tiler: Cairo and Pango, no other dependency
cat >tile.c <<'EOF'
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#define COLS 3
#define CELL_W 640
#define CELL_H 440
#define CAP 36
int
main (int argc, char **argv)
{
  int n = (argc - 2) / 2, rows = (n + COLS - 1) / COLS;
  cairo_surface_t *sheet = cairo_image_surface_create (CAIRO_FORMAT_RGB24, COLS * CELL_W, rows * (CELL_H + CAP));
  cairo_t *cr = cairo_create (sheet);

  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_paint (cr);
  for (int i = 0; i < n; i++)
    {
      cairo_surface_t *img = cairo_image_surface_create_from_png (argv[2 + 2 * i]);
      double w = cairo_image_surface_get_width (img), h = cairo_image_surface_get_height (img);
      double k = w / (CELL_W - 16) < h / (CELL_H - 16) ? (CELL_H - 16) / h : (CELL_W - 16) / w;
      double x = (i % COLS) * CELL_W, y = (i / COLS) * (CELL_H + CAP);
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 10");
      char text[512];

      cairo_save (cr);
      cairo_translate (cr, x + (CELL_W - k * w) / 2, y + (CELL_H - k * h) / 2);
      cairo_scale (cr, k, k);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BEST);
      cairo_paint (cr);
      cairo_restore (cr);
      snprintf (text, sizeof text, "%s  [%.0f × %.0f px]", argv[3 + 2 * i], w, h);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (CELL_W - 16) * PANGO_SCALE);
      pango_layout_set_text (layout, text, -1);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_move_to (cr, x + 8, y + CELL_H);
      pango_cairo_show_layout (cr, layout);
      pango_font_description_free (font);
      g_object_unref (layout);
      cairo_surface_destroy (img);
    }
  cairo_destroy (cr);
  cairo_surface_write_to_png (sheet, argv[1]);
  cairo_surface_destroy (sheet);
  return 0;
}
EOF
cc -O2 -o tile tile.c $(pkg-config --cflags --libs pangocairo)
set --
while IFS='|' read -r file caption flags; do
  set -- "$@" "$file" "$caption"
done <tiles
./tile "$OUT" "$@"
echo "contact sheet: $OUT"
