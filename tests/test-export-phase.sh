#!/bin/sh
# test-export-phase.sh — `export --plot phase`: files written, the CSV's
# cells equal the theory at the same points, bad input refused.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$BIN" export --plot phase --from 0.5 --to 3 --points 6 --width 640 --height 400 \
  --output "$tmp/p.png" --csv "$tmp/p.csv"; rc=$?
check "PNG and CSV written, exit 0" [ "$rc" -eq 0 -a -s "$tmp/p.png" -a -s "$tmp/p.csv" ]
check "PNG is 640 × 400" python3 -c "
import struct,sys
d=open('$tmp/p.png','rb').read(24)
assert d[:8]==b'\x89PNG\r\n\x1a\n'
w,h=struct.unpack('>II',d[16:24]); assert (w,h)==(640,400),(w,h)"
grep -v '^#' "$tmp/p.csv" >"$tmp/cells.csv"
check "CSV: one column per quantity, 36 cells" sh -c "head -1 '$tmp/cells.csv' | grep -q '^alpha,eta,test_error,kernel_error,linear_floor,gain_kernel,gain_linear,converged$' && [ \$(wc -l <'$tmp/cells.csv') -eq 37 ]"
check "CSV: provenance lines first" sh -c "head -1 '$tmp/p.csv' | grep -q '^# One-Step Explorer' && grep -q '^# command: onestep-explorer export --plot phase' '$tmp/p.csv'"
"$BIN" theory --alpha 2 --eta 4 >"$tmp/t.csv"
want=$(awk -F, 'NR==2{print $2}' "$tmp/t.csv")
got=$(awk -F, '$1==2 && $2==4 {print $3}' "$tmp/cells.csv")
check "cell (α = 2, η̃ = 4) equals theory ($want)" awk -v a="$got" -v b="$want" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(a!="" && d<=1e-9*b)}'
"$BIN" export --plot phase --points 5 --output "$tmp/p.svg" && "$BIN" export --plot phase --points 5 --output "$tmp/p.pdf"
check "SVG and PDF written" sh -c "grep -q '<svg' '$tmp/p.svg' && head -c 5 '$tmp/p.pdf' | grep -q '%PDF-'"
"$BIN" export --plot phase --x-axis eta --from 0 --to 5 --points 4 --csv "$tmp/e.csv" --output "$tmp/e.png"; rc=$?
check "x-axis eta: y-axis alpha" sh -c "[ $rc -eq 0 ] && grep -v '^#' '$tmp/e.csv' | head -1 | grep -q '^eta,alpha,'"
"$BIN" export --plot phase --output "$tmp/p.txt" 2>"$tmp/err"; rc=$?
check "bad extension exits 2" [ "$rc" -eq 2 ]
"$BIN" export --plot phases --output "$tmp/p.png" 2>"$tmp/err"; rc=$?
check "unknown plot exits 2 and lists phase" sh -c "[ $rc -eq 2 ] && grep -q 'all, phase' '$tmp/err'"
"$BIN" export --plot phase --points 4 --output "$tmp/n.png" --boxes "$tmp/n.json"
"$BIN" export --plot phase --points 4 --network-size inf --output "$tmp/i.png" --boxes "$tmp/i.json"
check "at a network size the subtitle says the colours are d → ∞ and η̃* is at d; at d → ∞ it does not" python3 -c "
import json
def texts(f): return [t['text'] for p in json.load(open(f))['plots'] for t in p['texts']]
assert any('colours at d → ∞, η̃* at d = 1000' in t for t in texts('$tmp/n.json'))
assert not any('colours at d' in t for t in texts('$tmp/i.json'))"
ls "$tmp" | grep -q tmp- && bad "no temporary files left" || ok "no temporary files left"

echo "1..$n"
[ "$fail" -eq 0 ]
