#!/bin/sh
# test-cli-lesson.sh — `export --lesson NAME --output handout.pdf`: each
# built-in lesson's handout has one page per step (pdfinfo when
# poppler-utils is installed, else the PDF's page objects), a lesson file
# works too and a claim of it that does not hold is a warning, and bad
# input exits 2 naming the line, the key or the flag.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

pages() {
  if command -v pdfinfo >/dev/null 2>&1; then
    pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
  else
    grep -a -c '/Type /Page$' "$1"
  fi
}

for lesson in paper-story:9 spectra:7; do
  name=${lesson%%:*}; steps=${lesson##*:}
  "$BIN" export --lesson "$name" --output "$tmp/$name.pdf" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "$name: exit 0 (rc=$rc: $(cat "$tmp/err"))" [ "$rc" -eq 0 ]
  check "$name: $steps pages, one per step (got $(pages "$tmp/$name.pdf"))" [ "$(pages "$tmp/$name.pdf")" -eq "$steps" ]
  check "$name: no claim fails" sh -c "! grep -q 'does not hold' '$tmp/err'"
  check "$name: A4 landscape" sh -c "! command -v pdfinfo >/dev/null || pdfinfo '$tmp/$name.pdf' | grep -q '842 x 595'"
done

cat >"$tmp/mine.lesson" <<'LESSON'
[lesson]
title=Two steps
[step 1]
caption=No step: ε<sub>g</sub> = {eg}.
eta=0
checks=eg == kernel
[step 2]
caption=A step: ε<sub>g</sub> = {eg}.
eta=1
checks=eg > prev.eg
LESSON
"$BIN" export --lesson "$tmp/mine.lesson" --output "$tmp/mine.pdf" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a lesson file: exit 0 ($(cat "$tmp/err"))" [ "$rc" -eq 0 ]
check "a lesson file: 2 pages" [ "$(pages "$tmp/mine.pdf")" -eq 2 ]
check "a claim that does not hold is a warning naming it" grep -q "step 2: the claim 'eg > prev.eg' does not hold" "$tmp/err"

expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
printf '[lesson]\ntitle=T\n[step 1]\ncaption=c\nalpha=99\n' >"$tmp/bad.lesson"
expect_bad "a bad value names the line and key" "bad.lesson:5: alpha: 99 is outside" \
  "$BIN" export --lesson "$tmp/bad.lesson" --output "$tmp/x.pdf"
expect_bad "an unknown lesson lists the built-in ones" "paper-story, spectra" \
  "$BIN" export --lesson nothing --output "$tmp/x.pdf"
expect_bad "a handout is a PDF" "is a PDF" "$BIN" export --lesson spectra --output "$tmp/x.png"
expect_bad "the lesson sets the parameters" "only --output and --presentation" \
  "$BIN" export --lesson spectra --eta 2 --output "$tmp/x.pdf"
printf '[lesson]\ntitle=T\n[step 1]\ncaption=<b>ε\n' >"$tmp/markup.lesson"
expect_bad "a caption that is not markup names the line" "markup.lesson:4: caption: not valid markup" \
  "$BIN" export --lesson "$tmp/markup.lesson" --output "$tmp/x.pdf"
printf '[lesson]\ntitle=T\n[step 1]\ncaption=<span color="bogus">x</span> {eg}\n' >"$tmp/span.lesson"
"$BIN" export --lesson "$tmp/span.lesson" --output "$tmp/span.pdf" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "a span's value Pango cannot read: exit 0, plain text said, no Pango warning ($(cat "$tmp/err"))" \
  sh -c "[ $rc -eq 0 ] && grep -q 'drawn as plain text' '$tmp/err' && ! grep -q WARNING '$tmp/err'"
check "no file from bad input" [ ! -e "$tmp/x.pdf" -a ! -e "$tmp/x.png" ]

# the window's --lesson and --step: refused before any window (no display needed)
expect_bad "the window: an unknown lesson" "neither a built-in lesson" "$BIN" --lesson nothing
expect_bad "the window: a step the lesson lacks" "--step: 99 is outside the lesson's steps \[1, 9\]" \
  "$BIN" --lesson paper-story --step 99
expect_bad "the window: --step without --lesson" "--step needs --lesson" "$BIN" --step 2
"$BIN" --lesson spectra --step 3 --version >"$tmp/out" 2>"$tmp/err"; rc=$?
check "the window: --lesson spectra --step 3 parses" sh -c "[ $rc -eq 0 ] && grep -q '^onestep-explorer ' '$tmp/out'"

echo "1..$n"
[ "$fail" -eq 0 ]
