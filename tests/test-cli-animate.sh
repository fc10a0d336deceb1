#!/bin/sh
# test-cli-animate.sh — `export --animate`: WebM, MP4 and GIF of 24 frames
# at 24 fps are written and last one second (gst-discoverer-1.0 when it is
# installed: Debian package gstreamer1.0-plugins-base-apps), the time a
# frame took is printed, a missing encoder exits 1 naming its Debian
# package and leaves no file, and bad input exits 2 naming the flag.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# under AddressSanitizer, full stacks for LeakSanitizer's suppressions
# (tests/lsan-pango.supp: GLib's quark block that GStreamer outgrows)
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:fast_unwind_on_malloc=0"; export ASAN_OPTIONS

have_discoverer=no
command -v gst-discoverer-1.0 >/dev/null 2>&1 && have_discoverer=yes

for ext in webm mp4 gif; do
  "$BIN" export --animate eta --from 0 --to 3 --frames 24 --fps 24 --width 320 --height 240 \
    --output "$tmp/eta.$ext" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 1 ] && grep -q "Debian package" "$tmp/err"; then
    ok "# SKIP $ext: $(cat "$tmp/err")"
    continue
  fi
  check "$ext: exit 0 (rc=$rc: $(cat "$tmp/err"))" [ "$rc" -eq 0 ]
  check "$ext: written" [ -s "$tmp/eta.$ext" ]
  check "$ext: nothing on stdout" [ ! -s "$tmp/out" ]
  check "$ext: the time a frame took, on stderr" grep -q "24 frames of 320×240 in .* ms a frame" "$tmp/err"
  if [ "$have_discoverer" = yes ]; then
    gst-discoverer-1.0 "$tmp/eta.$ext" >"$tmp/disc" 2>&1
    check "$ext: one second long ($(grep Duration "$tmp/disc"))" grep -q "Duration: 0:00:01.000000000" "$tmp/disc"
    case $ext in
      webm) want="container.*WebM" ;;
      mp4) want="container.*Quicktime" ;;
      gif) want="container.*GIF" ;;
    esac
    check "$ext: the container ($want)" grep -q "$want" "$tmp/disc"
  fi
done
check "nothing but the videos left in the folder" [ "$(ls -A "$tmp" | grep -vc -e '^eta\.' -e '^out$' -e '^err$' -e '^disc$')" -eq 0 ]

# --bounce goes there and back: 2·24 − 2 frames
"$BIN" export --animate lambda --from 1e-4 --to 1 --frames 24 --fps 24 --bounce --plot error --width 320 \
  --height 240 --output "$tmp/bounce.gif" 2>"$tmp/err"; rc=$?
check "bounce: exit 0 (rc=$rc)" [ "$rc" -eq 0 ]
check "bounce: 46 frames" grep -q "46 frames of 320×240" "$tmp/err"

# a missing encoder: exit 1, the element and its package named, no file
ONESTEP_VIDEO_PRETEND_MISSING=x264enc "$BIN" export --animate eta --output "$tmp/missing.mp4" \
  >"$tmp/out" 2>"$tmp/err"; rc=$?
check "missing x264enc: exit 1 (rc=$rc)" [ "$rc" -eq 1 ]
check "missing x264enc: names it and gstreamer1.0-plugins-ugly ($(cat "$tmp/err"))" \
  grep -q "x264enc (Debian package gstreamer1.0-plugins-ugly)" "$tmp/err"
check "missing x264enc: no file" [ ! -e "$tmp/missing.mp4" ]
ONESTEP_VIDEO_PRETEND_MISSING=vp8enc "$BIN" export --animate eta --output "$tmp/missing.webm" 2>"$tmp/err"; rc=$?
check "missing vp8enc: exit 1 naming gstreamer1.0-plugins-good" \
  sh -c "[ $rc -eq 1 ] && grep -q 'vp8enc (Debian package gstreamer1.0-plugins-good)' '$tmp/err'"

# bad input: exit 2 naming the flag
expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "a video without --animate" "is a video: record one with --animate" "$BIN" export --output "$tmp/x.webm"
expect_bad "--animate to a picture" "--animate: the output" "$BIN" export --animate eta --output "$tmp/x.png"
expect_bad "unknown parameter" "--animate: unknown parameter 'gamma'" "$BIN" export --animate gamma --output "$tmp/x.webm"
expect_bad "range out of bounds" "--to: 12 is outside the range of eta" "$BIN" export --animate eta --to 12 --output "$tmp/x.webm"
expect_bad "one frame" "--frames: 1 is outside" "$BIN" export --animate eta --frames 1 --output "$tmp/x.webm"
expect_bad "fps 0" "--fps: 0 is outside" "$BIN" export --animate eta --fps 0 --output "$tmp/x.webm"
expect_bad "odd width" "must be even" "$BIN" export --animate eta --width 321 --output "$tmp/x.webm"
expect_bad "--frames without --animate" "need --animate" "$BIN" export --frames 10 --output "$tmp/x.png"
expect_bad "no phase video" "phase diagram is not animated" "$BIN" export --animate eta --plot phase --output "$tmp/x.webm"
check "no file from bad input" [ ! -e "$tmp/x.webm" -a ! -e "$tmp/x.png" ]

# --from/--to are the animation's with --animate; --x-from/--x-to the axis's
"$BIN" export --animate eta --from 0.5 --to 1 --frames 2 --x-from 0.5 --x-to 3 --plot error \
  --width 320 --height 240 --output "$tmp/ranges.gif" 2>"$tmp/err"; rc=$?
check "--x-from/--x-to beside --animate: exit 0 ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]

echo "1..$n"
[ "$fail" -eq 0 ]
