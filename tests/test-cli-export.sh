#!/bin/sh
# test-cli-export.sh — `onestep-explorer export` without a display: every
# plot to every format, CSV, and the exit codes of bad input and of paths
# that cannot be written. Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
unset DISPLAY WAYLAND_DISPLAY
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

png_size() { python3 -c "
import struct,sys
d=open(sys.argv[1],'rb').read(24)
assert d[:8]==b'\x89PNG\r\n\x1a\n' and d[12:16]==b'IHDR'
print('%dx%d' % struct.unpack('>II', d[16:24]))" "$1" 2>/dev/null; }
is_svg() { xmllint --noout "$1" 2>/dev/null && grep -q '<path' "$1"; }
is_pdf() { [ "$(head -c 5 "$1")" = "%PDF-" ] && tail -c 8 "$1" | grep -q '%%EOF'; }

for plot in error spectrum overlaps function all; do
  for fmt in png svg pdf; do
    out="$tmp/$plot.$fmt"
    "$BIN" export --plot "$plot" --output "$out" --width 600 --height 400 --points 12 >"$tmp/out" 2>"$tmp/err"; rc=$?
    if [ "$rc" -ne 0 ]; then bad "$plot.$fmt exits 0 (rc=$rc: $(cat "$tmp/err"))"; continue; fi
    case $fmt in
      png) check "$plot.png is a 600x400 PNG" [ "$(png_size "$out")" = "600x400" ] ;;
      svg) check "$plot.svg is well-formed SVG with paths" is_svg "$out" ;;
      pdf) check "$plot.pdf is a complete PDF" is_pdf "$out" ;;
    esac
  done
done

# default size, scale 2, presentation theme, log axis of another parameter
"$BIN" export --output "$tmp/big.png" --scale 2 --presentation --x-axis lambda --points 12 2>"$tmp/err"; rc=$?
check "scale 2 doubles the pixels of the default 1200x800 (rc=$rc)" [ "$rc" -eq 0 -a "$(png_size "$tmp/big.png")" = "2400x1600" ]

# CSV beside the figure: the theory along α and the §7 value at α = 2 (a node of 0.1..5 with 50 points)
"$BIN" export --plot error --output "$tmp/e.svg" --points 50 --csv "$tmp/e.csv" 2>"$tmp/err"; rc=$?
check "CSV written (rc=$rc)" [ "$rc" -eq 0 ]
check "CSV header after the provenance lines" [ "$(grep -v '^#' "$tmp/e.csv" | head -1)" = "plot,series,x,y,y_err" ]
check "CSV has the 50 theory points" [ "$(grep -c '^error,"ε_g (theory)",' "$tmp/e.csv")" -eq 50 ]
check "CSV slider value is THEORY.md §7 (0.174662)" awk -F, '$2=="\"ε_g at the sliders\"" { found=1; if ($3 != 2 || $4 < 0.1746615 || $4 > 0.1746625) exit 1 } END { exit !found }' "$tmp/e.csv"

# the network: points with error bars along the axis, and the spectrum
"$BIN" export --plot all --output "$tmp/sim.png" --simulate --d 80 --seeds 1 --sim-points 3 --points 12 \
  --csv "$tmp/sim.csv" 2>"$tmp/err"; rc=$?
check "simulated export exits 0 (rc=$rc: $(cat "$tmp/err"))" [ "$rc" -eq 0 ]
check "three simulated test errors" [ "$(grep -c '^error,"ε_g (network)",' "$tmp/sim.csv")" -eq 3 ]
check "spectrum histogram in the CSV" grep -q '^spectrum,"histogram after the step (network)",' "$tmp/sim.csv"

# bad input: exit 2 and a message naming the flag
expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "unknown extension" "--output.*unknown file type" "$BIN" export --output "$tmp/x.bmp"
expect_bad "no extension" "--output" "$BIN" export --output "$tmp/figure"
expect_bad "missing --output" "--output" "$BIN" export --plot error
expect_bad "unknown plot" "--plot: unknown plot 'heatmap'" "$BIN" export --plot heatmap --output "$tmp/x.png"
expect_bad "width out of range" "--width" "$BIN" export --width 5 --output "$tmp/x.png"
expect_bad "bad scale" "--scale" "$BIN" export --scale 0 --output "$tmp/x.png"
expect_bad "malformed height" "--height: '8x' is not a size" "$BIN" export --height 8x --output "$tmp/x.png"
expect_bad "unknown axis" "--x-axis: unknown parameter" "$BIN" export --x-axis gamma --output "$tmp/x.png"
expect_bad "axis out of range" "--to" "$BIN" export --from 0.1 --to 50 --output "$tmp/x.png"
expect_bad "simulation flags need --simulate" "--simulate" "$BIN" export --d 100 --output "$tmp/x.png"
expect_bad "parameter out of range" "--eta.*\[0, 10\]" "$BIN" export --eta 11 --output "$tmp/x.png"
expect_bad "csv extension" "--csv" "$BIN" export --output "$tmp/x.png" --csv "$tmp/x.txt"
expect_bad "unknown flag" "Unknown option" "$BIN" export --colour red --output "$tmp/x.png"
check "no file from bad input" [ ! -e "$tmp/x.png" -a ! -e "$tmp/x.bmp" ]

# paths that cannot be written: exit 1, a clear message, nothing left behind
"$BIN" export --output /nonexistent-onestep-dir/x.png >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing directory exits 1" [ "$rc" -eq 1 ]
check "message names the path" grep -q "cannot write '/nonexistent-onestep-dir/x.png'" "$tmp/err"
mkdir "$tmp/taken.pdf"
"$BIN" export --output "$tmp/taken.pdf" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a directory in the way exits 1 ($(cat "$tmp/err"))" [ "$rc" -eq 1 ]
check "nothing left beside it" [ "$(ls "$tmp" | grep -c '^taken')" -eq 1 ]
# --x-axis is a hidden alias of the shared --sweep (still accepted above)
check "--help documents the flags" sh -c "'$BIN' export --help-all | grep -q -- '--sweep' && '$BIN' export --help-all | grep -q -- '--lambda'"

echo "1..$n"
[ "$fail" -eq 0 ]
