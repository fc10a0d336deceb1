#!/bin/sh
# test-export-figure.sh — figures for papers and projectors from `export`:
# sizes with units and a pixel density, the figure flags (legend, titles,
# marker, font size, log-y, ylim), the geometry in --boxes, the provenance
# inside every file (PNG chunks read back with their CRCs, SVG metadata,
# PDF document information, CSV '#' lines) and the command line in it,
# which draws the same bytes again; bad input exits 2 naming the flag.
# Prints TAP.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN=$(readlink -f "$1")
unset DISPLAY WAYLAND_DISPLAY
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# PNG chunks: "size WxH", "dpi N", "crc ok", then "key<TAB>text" per text chunk
cat >"$tmp/png.py" <<'EOF'
import struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
assert d[:8] == b'\x89PNG\r\n\x1a\n'
i, ok = 8, True
while i < len(d):
    n, t = struct.unpack('>I4s', d[i:i + 8])
    body = d[i + 8:i + 8 + n]
    crc = struct.unpack('>I', d[i + 8 + n:i + 12 + n])[0]
    ok &= zlib.crc32(t + body) & 0xffffffff == crc
    if t == b'IHDR':
        print('size %dx%d' % struct.unpack('>II', body[:8]))
    elif t == b'pHYs':
        x, y, u = struct.unpack('>IIB', body)
        print('dpi %d' % round(x * 0.0254))
    elif t == b'tEXt':
        k, v = body.split(b'\0', 1)
        print('%s\t%s' % (k.decode('latin-1'), v.decode('latin-1').replace('\n', '|')))
    elif t == b'iTXt':
        k, rest = body.split(b'\0', 1)
        assert rest[0] == 0 and rest[1] == 0   # not compressed
        lang, rest = rest[2:].split(b'\0', 1)
        tk, v = rest.split(b'\0', 1)
        print('%s\t%s' % (k.decode('latin-1'), v.decode('utf-8').replace('\n', '|')))
    i += 12 + n
print('crc ok' if ok else 'crc BAD')
EOF
png() { python3 "$tmp/png.py" "$1"; }

# --- sizes with units -------------------------------------------------------
"$BIN" export --plot error --width 8.5cm --height 6cm --dpi 300 --output "$tmp/col.png" 2>"$tmp/err"; rc=$?
check "8.5cm × 6cm at 300 dpi exits 0 (rc=$rc $(cat "$tmp/err"))" [ "$rc" -eq 0 ]
png "$tmp/col.png" >"$tmp/col.txt"
check "... is a 1004 × 709 PNG" grep -qx 'size 1004x709' "$tmp/col.txt"
check "... says 300 dpi (pHYs)" grep -qx 'dpi 300' "$tmp/col.txt"
check "... every chunk's CRC is right" grep -qx 'crc ok' "$tmp/col.txt"
"$BIN" export --plot error --width 8.5cm --height 6cm --output "$tmp/col.pdf" 2>/dev/null
check "... a 241 × 170 pt PDF page" grep -aq 'MediaBox \[ 0 0 241 170 \]' "$tmp/col.pdf"
"$BIN" export --plot error --width 85mm --height 60mm --output "$tmp/col.svg" 2>/dev/null
check "... a 241 × 170 pt SVG (85mm × 60mm)" grep -q 'width="241pt" height="170pt"' "$tmp/col.svg"
"$BIN" export --plot error --width 3.5in --height 2.5in --dpi 100 --output "$tmp/in.png" 2>/dev/null
png "$tmp/in.png" >"$tmp/in.txt"
check "inches: 3.5in × 2.5in at 100 dpi is 350 × 250" grep -qx 'size 350x250' "$tmp/in.txt"
"$BIN" export --plot error --width 1004px --height 709px --dpi 300 --output "$tmp/px.png" --boxes "$tmp/px.json" 2>/dev/null
png "$tmp/px.png" >"$tmp/px.txt"
check "px at 300 dpi: the PNG has those pixels" grep -qx 'size 1004x709' "$tmp/px.txt"
check "... and its boxes are in pixels" python3 -c "
import json; b = json.load(open('$tmp/px.json')); assert b['width'] == 1004 and b['height'] == 709, b['width']"

# --- provenance --------------------------------------------------------------
"$BIN" export --plot error --preset reference-sin --points 40 --width 400 --height 300 --output "$tmp/p.png" \
  --csv "$tmp/p.csv" 2>/dev/null
png "$tmp/p.png" >"$tmp/p.txt"
check "PNG: Software" grep -q '^Software	One-Step Explorer ' "$tmp/p.txt"
check "PNG: Title" grep -q '^Title	Test error' "$tmp/p.txt"
check "PNG: every parameter" sh -c "grep '^Description' '$tmp/p.txt' | grep -q 'teacher=sin|eta=3|alpha0=20|alpha=1.6|beta=1|lambda=0.1|noise=0'"
check "PNG: the command line" grep -q '^Command	onestep-explorer export --plot error ' "$tmp/p.txt"
check "CSV: '#' lines, then the header (pandas: comment='#')" python3 -c "
import csv
lines = open('$tmp/p.csv', encoding='utf-8').read().splitlines()
head = [l for l in lines if l.startswith('#')]
rows = list(csv.reader(l for l in lines if not l.startswith('#')))
assert head[0].startswith('# One-Step Explorer'), head[0]
assert any(l.startswith('# command: onestep-explorer export') for l in head)
assert '# eta=3' in head and '# teacher=sin' in head
assert rows[0] == ['plot', 'series', 'x', 'y', 'y_err'], rows[0]
assert all('#' not in ','.join(r) for r in rows)"
"$BIN" export --plot function --eta 2 --output "$tmp/p.svg" 2>/dev/null
check "SVG: metadata with the parameters and the command" python3 -c "
import xml.etree.ElementTree as ET
r = ET.parse('$tmp/p.svg').getroot()
ns = {'s': 'http://www.w3.org/2000/svg', 'dc': 'http://purl.org/dc/elements/1.1/'}
m = r.find('s:metadata', ns)
assert m is not None
src = m.find('.//dc:source', ns).text
desc = m.find('.//dc:description', ns).text
assert src.startswith('onestep-explorer export --plot function'), src
assert 'eta=2' in desc.split(), desc
assert m.find('.//dc:creator', ns).text.startswith('One-Step Explorer')"
"$BIN" export --plot overlaps --lambda 0.05 --output "$tmp/p.pdf" 2>/dev/null
check "PDF: document information" python3 -c "
import re
d = open('$tmp/p.pdf', 'rb').read()
def field(k):
    m = re.search(rb'/' + k + rb' \((.*?)\)\s*\n', d)
    return m.group(1).decode('latin-1') if m else ''
assert field(b'Title') == 'Order parameters', field(b'Title')
assert field(b'Creator').startswith('One-Step Explorer'), field(b'Creator')
assert field(b'Subject').startswith('onestep-explorer export --plot overlaps'), field(b'Subject')
assert 'lambda=0.05' in field(b'Keywords'), field(b'Keywords')"

# the command line draws the same bytes again (from the parsed state: the
# preset and defaults spelled out as flags)
cmd=$(grep '^Command' "$tmp/p.txt" | cut -f2- | sed 's/^onestep-explorer //')
mv "$tmp/p.png" "$tmp/first.png"; mv "$tmp/p.csv" "$tmp/first.csv"
( cd "$tmp" && eval "\"$BIN\" $cmd" ) 2>"$tmp/err"; rc=$?
check "the embedded command runs (rc=$rc $(cat "$tmp/err"))" [ "$rc" -eq 0 ]
check "... and draws the same PNG, byte for byte" cmp -s "$tmp/first.png" "$tmp/p.png"
check "... and writes the same CSV" cmp -s "$tmp/first.csv" "$tmp/p.csv"
"$BIN" export --plot phase --quantity gain-kernel --y-axis lambda --points 6 --width 500 --height 350 \
  --output "$tmp/ph.png" --csv "$tmp/ph.csv" 2>/dev/null
cmd=$(python3 "$tmp/png.py" "$tmp/ph.png" | grep '^Command' | cut -f2- | sed 's/^onestep-explorer //')
mv "$tmp/ph.png" "$tmp/ph1.png"
( cd "$tmp" && eval "\"$BIN\" $cmd" ) 2>/dev/null
check "a phase diagram's command draws it again" cmp -s "$tmp/ph1.png" "$tmp/ph.png"
check "... with its quantity and y-axis" sh -c "echo '$cmd' | grep -q -- '--quantity gain-kernel --y-axis lambda'"
"$BIN" export --plot error --sweep eta --from 0 --to 3 --points 60 --network-size 250 --width 500 --height 350 \
  --output "$tmp/nd.png" 2>/dev/null
cmd=$(python3 "$tmp/png.py" "$tmp/nd.png" | grep '^Command' | cut -f2- | sed 's/^onestep-explorer //')
mv "$tmp/nd.png" "$tmp/nd1.png"
( cd "$tmp" && eval "\"$BIN\" $cmd" ) 2>/dev/null
check "a finite network size is in the command ($cmd)" sh -c "echo '$cmd' | grep -q -- '--network-size 250'"
check "... which draws it again" cmp -s "$tmp/nd1.png" "$tmp/nd.png"
check "phase CSV: one column per quantity" sh -c "grep -v '^#' '$tmp/ph.csv' | head -1 | grep -qx 'alpha,lambda,test_error,kernel_error,linear_floor,gain_kernel,gain_linear,converged'"

# --- the figure flags, seen in the geometry ---------------------------------
boxes() { "$BIN" export --output "$tmp/b.png" --boxes "$tmp/b.json" "$@" 2>"$tmp/err"; }
boxes --plot error --points 40
check "--boxes: the schema" python3 -c "
import json; b = json.load(open('$tmp/b.json'))
assert set(b) == {'width', 'height', 'plots'}
p = b['plots'][0]
for k in ('kind', 'area', 'x_range', 'y_range', 'x_log', 'y_log', 'legend', 'texts', 'series'):
    assert k in p, k
assert p['kind'] == 'error'
roles = {t['role'] for t in p['texts']}
assert {'title', 'subtitle', 'axis-label', 'tick-label', 'legend'} <= roles, roles
assert all(t['axis'] in ('x', 'y', 'none') for t in p['texts'])
assert all(len(t['box']) == 4 for t in p['texts'])
assert not any(s['name'] == 'ε_g at the sliders' for s in p['series'])   # no marker by default"
boxes --plot error --points 40 --marker
check "--marker draws the slider marker" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
assert any(s['name'] == 'ε_g at the sliders' for s in p['series'])
assert any(t['role'] == 'legend' and t['text'].startswith('sliders') for t in p['texts'])"
boxes --plot error --points 40 --legend none --no-title
check "--legend none --no-title: no legend, no title" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
assert p['legend'] is None
assert not any(t['role'] in ('title', 'subtitle', 'legend') for t in p['texts'])"
boxes --plot error --points 40 --legend outside
check "--legend outside: beside or below the frame" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
l, a = p['legend'], p['area']
assert l[0] >= a[2] or l[1] >= a[3], (l, a)"
boxes --plot overlaps --points 40 --log-y --ylim 0.05,2
check "--log-y --ylim 0.05,2" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
assert p['y_log'] and abs(p['y_range'][0] - 0.05) < 1e-12 and p['y_range'][1] == 2, p['y_range']"
boxes --plot overlaps --points 40 --log-y
check "--log-y: θ (0 for an odd teacher) is said to be off a log axis, inside the frame, over no data" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
a = p['area']
n = [t for t in p['texts'] if 'not drawn on a log axis' in t['text']]
assert len(n) == 1 and n[0]['text'].startswith('θ'), n
b = n[0]['box']
assert a[0] <= b[0] and b[2] <= a[2] and a[1] <= b[1] and b[3] <= a[3], (b, a)
for s in p['series']:
    for x, y in s['points']:
        assert not (b[0] < x < b[2] and b[1] < y < b[3]), (s['name'], x, y, b)"
boxes --plot overlaps --points 40
check "a linear axis draws θ and has no such note" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
assert not any('log axis' in t['text'] for t in p['texts'])"
boxes --plot error --points 40 --font-size 20
big=$(python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
print(max(t['box'][3] - t['box'][1] for t in p['texts'] if t['role'] == 'tick-label'))")
boxes --plot error --points 40 --font-size 8
small=$(python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
print(max(t['box'][3] - t['box'][1] for t in p['texts'] if t['role'] == 'tick-label'))")
check "--font-size sets the text size ($small < $big)" python3 -c "assert 2 * $small < $big"
boxes --plot overlaps --sweep eta --from 0 --to 5 --points 100
check "η̃ sweep: m's excursion at 0⁺ is clipped and said" python3 -c "
import json; p = json.load(open('$tmp/b.json'))['plots'][0]
assert p['y_range'][1] < 6, p['y_range']
assert any(t['role'] == 'annotation' and t['text'].startswith('m up to') for t in p['texts'])"
"$BIN" export --plot spectrum --output "$tmp/s.png" --csv "$tmp/s.csv" 2>/dev/null
check "spectrum CSV: the spike beyond the axis is in it" grep -q '^spectrum,"predicted outlier 20.6[0-9]* (the spike, r√p ≈ 20.59)",20.6' "$tmp/s.csv"

# --- bad input: exit 2, the flag named, nothing written ---------------------
expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "unknown legend position" "--legend: unknown legend position 'top'" "$BIN" export --legend top --output "$tmp/x.png"
expect_bad "zero width" "--width: '0' is not a positive size" "$BIN" export --width 0 --output "$tmp/x.png"
expect_bad "negative height" "--height: '-5cm' is not a positive size" "$BIN" export --height -5cm --output "$tmp/x.png"
expect_bad "unit that does not parse" "--width: '8.5furlong' is not a size" "$BIN" export --width 8.5furlong --output "$tmp/x.png"
expect_bad "dpi below 36" "--dpi: 10 is outside the valid range \[36, 2400\]" "$BIN" export --dpi 10 --output "$tmp/x.png"
expect_bad "dpi above 2400" "--dpi: 3000 is outside" "$BIN" export --dpi 3000 --output "$tmp/x.png"
expect_bad "a page too small" "--width: 2mm is" "$BIN" export --width 2mm --output "$tmp/x.png"
expect_bad "a PNG too large" "--dpi" "$BIN" export --width 50in --height 50in --dpi 2400 --output "$tmp/x.png"
expect_bad "font size" "--font-size: 100 is outside" "$BIN" export --font-size 100 --output "$tmp/x.png"
expect_bad "ylim not a range" "--ylim: 1,0 is not a range" "$BIN" export --ylim 1,0 --output "$tmp/x.png"
expect_bad "ylim not numbers" "--ylim: 'a,b'" "$BIN" export --ylim a,b --output "$tmp/x.png"
expect_bad "log-y with ylim at 0" "--ylim" "$BIN" export --log-y --ylim 0,1 --output "$tmp/x.png"
expect_bad "unknown quantity" "--quantity: unknown quantity 'speed'" "$BIN" export --plot phase --quantity speed --output "$tmp/x.png"
expect_bad "phase flags need --plot phase" "--plot phase" "$BIN" export --plot error --quantity eg --output "$tmp/x.png"
expect_bad "y-axis equal to the x-axis" "--y-axis" "$BIN" export --plot phase --y-axis alpha --output "$tmp/x.png"
check "nothing written for bad input" [ ! -e "$tmp/x.png" ]

echo "1..$n"
[ "$fail" -eq 0 ]
