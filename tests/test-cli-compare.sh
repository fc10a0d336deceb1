#!/bin/sh
# test-cli-compare.sh — `export --compare NAME=v1,v2,…`, `--pin SPEC` and
# `--hide LIST`: one series per compared value in the CSV of every plot,
# pinned curves named after what differs, hidden series out of the picture
# and the CSV (videos too), bad input exiting 2 naming the flag.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$BIN" export --compare eta=0,0.5,1,2 --points 20 --width 600 --height 400 --output "$tmp/cmp.png" \
  --csv "$tmp/cmp.csv" 2>"$tmp/err"; rc=$?
check "compare: exit 0 ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
for v in 0 0.5 1 2; do
  for series in 'error,"ε_g at d = 1000 (theory), η̃ = '"$v"'"' \
                'spectrum,"predicted density after the step, η̃ = '"$v"'"' \
                'overlaps,"q1 (theory), η̃ = '"$v"'"' \
                'function,"f̂(κ) after the step, η̃ = '"$v"'"'; do
    check "compare: $series in the CSV" grep -q "^$series," "$tmp/cmp.csv"
  done
done
check "compare: the reproducing command says so" grep -q '^# command: .* --compare eta=0,0.5,1,2' "$tmp/cmp.csv"
check "compare: the figure's own curve gives way" sh -c "! grep -q '^error,\"ε_g (theory)\",' '$tmp/cmp.csv'"

"$BIN" export --plot error --pin eta=0 --pin alpha0=2 --points 20 --width 600 --height 400 \
  --output "$tmp/pin.png" --csv "$tmp/pin.csv" 2>"$tmp/err"; rc=$?
check "pins: exit 0 ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
check "pins: the pinned η̃ = 0 curve" grep -q '^error,"ε_g at d = 1000 (theory), η̃ = 0",' "$tmp/pin.csv"
check "pins: the pinned α₀ = 2 curve" grep -q '^error,"ε_g at d = 1000 (theory), α₀ = 2",' "$tmp/pin.csv"
check "pins: the reproducing command names them" grep -q '^# command: .* --pin eta=0 --pin alpha0=2' "$tmp/pin.csv"
check "pins: the live curve stays" grep -q '^error,"ε_g at d = 1000 (theory)",' "$tmp/pin.csv"

"$BIN" export --hide train,floor-spike,kernel --points 20 --width 600 --height 400 --output "$tmp/hide.png" \
  --csv "$tmp/hide.csv" 2>"$tmp/err"; rc=$?
check "hide: exit 0" [ "$rc" -eq 0 ]
check "hide: no training error" sh -c "! grep -q '^error,\"ε_t (theory)\"' '$tmp/hide.csv'"
check "hide: no spike floor" sh -c "! grep -q 'spike floor' '$tmp/hide.csv'"
check "hide: no kernel, in either plot" sh -c "! grep -v '^#' '$tmp/hide.csv' | grep -q 'kernel'"
check "hide: the reproducing command says so" grep -q '^# command: .* --hide train,kernel,floor-spike' "$tmp/hide.csv"
check "hide: the test error stays" grep -q '^error,"ε_g (theory)",' "$tmp/hide.csv"
"$BIN" export --animate eta --frames 2 --fps 2 --hide train --pin eta=0 --width 320 --height 240 \
  --output "$tmp/pin.gif" 2>"$tmp/err"; rc=$?
check "a video with hidden series and a pin: exit 0 ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]

expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "one value" "two values or more" "$BIN" export --compare eta=1 --output "$tmp/x.png"
expect_bad "a value out of range" "--compare" "$BIN" export --compare eta=1,12 --output "$tmp/x.png"
expect_bad "no name" "is not NAME=v1,v2" "$BIN" export --compare 1,2 --output "$tmp/x.png"
expect_bad "too many values" "at most 8 values" "$BIN" export --compare eta=1,2,3,4,5,6,7,8,9 --output "$tmp/x.png"
expect_bad "unknown series" "--hide: unknown series 'floor'" "$BIN" export --hide floor --output "$tmp/x.png"
expect_bad "a bad pin" "--pin" "$BIN" export --pin eta=20 --output "$tmp/x.png"
expect_bad "five pins" "at most 4 pins" "$BIN" export --pin eta=0 --pin eta=1 --pin eta=2 --pin eta=3 --pin eta=4 --output "$tmp/x.png"
expect_bad "compare and pin" "exclude each other" "$BIN" export --compare eta=0,1 --pin eta=2 --output "$tmp/x.png"
check "no file from bad input" [ ! -e "$tmp/x.png" ]

echo "1..$n"
[ "$fail" -eq 0 ]
