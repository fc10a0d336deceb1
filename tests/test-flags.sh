#!/bin/sh
# test-flags.sh — the flags the window and every mode share
# (model/os-flags.c): one spelling everywhere, one strict parser (decimal
# numbers only, integers in digits), --version everywhere, no stray
# arguments, and --help that lists the window's flags and every benchmark.
# The window's command line is checked through the real binary without a
# display: bad flags exit 2 before any window, and --version after other
# flags proves that they parsed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
VERSION="$2"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# run DESC WANT_RC CMD...: the exit status is WANT_RC; out and err kept
run() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$desc"; else bad "$desc (rc=$rc, want $want: $(head -c 300 "$tmp/err"))"; fi
}
# refused DESC MESSAGE CMD...: status 2, nothing on stdout, stderr has MESSAGE
refused() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"
  else bad "$desc (rc=$rc, stdout '$(head -c 100 "$tmp/out")', stderr '$(head -c 300 "$tmp/err")', want '$want')"; fi
}
lines() { wc -l <"$1" | tr -d ' '; }

# --- --version: every mode and the window -------------------------------------
for mode in "" theory simulate spectrum export bench; do
  run "${mode:-window} --version exits 0" 0 "$BIN" $mode --version
  check "${mode:-window} --version prints 'onestep-explorer $VERSION'" \
    [ "$(cat "$tmp/out")" = "onestep-explorer $VERSION" ]
done

# --- extra arguments: status 2, no stdout --------------------------------------
refused "theory extra" "unexpected argument 'extra'" "$BIN" theory extra
refused "simulate extra" "unexpected argument 'extra'" "$BIN" simulate --d 40 extra
refused "spectrum extra" "unexpected argument 'extra'" "$BIN" spectrum --theory extra
refused "export extra" "unexpected argument 'extra'" "$BIN" export --output "$tmp/x.png" extra
refused "bench theory extra" "unexpected argument 'extra'" "$BIN" bench theory extra
refused "bench without a benchmark" "which benchmark" "$BIN" bench
refused "bench --version extra" "unexpected argument 'extra'" "$BIN" bench --version theory extra
refused "the window: a flag then an extra argument" "unexpected argument 'extra'" "$BIN" --eta 2 extra
refused "the window: an unknown mode" "unknown mode 'extra'" "$BIN" extra
check "nothing was written by refused input" [ ! -e "$tmp/x.png" ]

# --- the shared spellings ----------------------------------------------------------
run "theory --sweep alpha --from 0.5 --to 2 --points 3 --log" 0 \
  "$BIN" theory --sweep alpha --from 0.5 --to 2 --points 3 --log
check "... prints 3 rows, geometric" sh -c "[ $(lines "$tmp/out") -eq 4 ] && awk -F, 'NR==3{exit !(\$1>0.99 && \$1<1.01)}' '$tmp/out'"
run "simulate --sweep alpha --from 0.5 --to 2 --points 2 --log" 0 \
  "$BIN" simulate --d 40 --seeds 1 --sweep alpha --from 0.5 --to 2 --points 2 --log
check "... prints 2 rows at 0.5 and 2" sh -c "[ $(lines "$tmp/out") -eq 3 ] && awk -F, 'NR==2{a=\$1} NR==3{b=\$1} END{exit !(a==0.5 && b==2)}' '$tmp/out'"
run "export --sweep lambda --from 1e-3 --to 1 --points 5 --log" 0 \
  "$BIN" export --plot error --sweep lambda --from 1e-3 --to 1 --points 5 --log --width 300 --height 200 \
  --output "$tmp/sweep.png" --csv "$tmp/sweep.csv"
check "... draws 5 points of lambda from 1e-3 to 1" \
  sh -c "[ \$(grep -c '^error,\"ε_g (theory)\",' '$tmp/sweep.csv') -eq 5 ] && grep -q '^error,\"ε_g (theory)\",0.001,' '$tmp/sweep.csv' && grep -q '^error,\"ε_g (theory)\",1,' '$tmp/sweep.csv'"
run "export --x-axis (hidden alias of --sweep) still works" 0 \
  "$BIN" export --plot error --x-axis lambda --from 1e-3 --to 1 --points 5 --log --width 300 --height 200 \
  --output "$tmp/alias.png" --csv "$tmp/alias.csv"
check "... the same data as --sweep" sh -c "grep -v '^#' '$tmp/sweep.csv' >'$tmp/s1'; grep -v '^#' '$tmp/alias.csv' >'$tmp/s2'; cmp -s '$tmp/s1' '$tmp/s2'"
run "export --spectrum features --centered --spectrum-log --presentation" 0 \
  "$BIN" export --plot spectrum --spectrum features --centered --spectrum-log --presentation \
  --width 300 --height 200 --output "$tmp/spectrum.png"
run "spectrum --centered" 0 "$BIN" spectrum --theory --matrix features --centered --points 16 --format json
check "... is centred" grep -q '"centered": true' "$tmp/out"
cp "$tmp/out" "$tmp/centered.json"
run "spectrum --center (hidden alias) still works" 0 \
  "$BIN" spectrum --theory --matrix features --center --points 16 --format json
check "... the same output as --centered" cmp -s "$tmp/out" "$tmp/centered.json"
run "the window takes the sweep, simulation and view flags" 0 \
  "$BIN" --preset large-step --sweep lambda --from 1e-3 --to 1 --points 40 --log --simulate --d 400 \
  --seeds 3 --seed 7 --spectrum features --centered --spectrum-log --page phase --presentation --version
check "... and then prints the version" [ "$(cat "$tmp/out")" = "onestep-explorer $VERSION" ]
run "the window takes --linear" 0 "$BIN" --sweep lambda --linear --version
refused "--log and --linear exclude each other" "--log and --linear exclude each other" \
  "$BIN" --sweep lambda --log --linear

# --- one strict parser: the CLI and the window refuse the same -----------------------
for m in theory window; do
  if [ "$m" = window ]; then set -- "$BIN"; else set -- "$BIN" "$m"; fi
  refused "$m: --eta 0x10 (hexadecimal)" "--eta: '0x10' is not a finite number" "$@" --eta 0x10
  refused "$m: --eta '2 ' (trailing space)" "--eta: '2 ' is not a finite number" "$@" --eta '2 '
  refused "$m: --eta ' 2' (leading space)" "--eta: ' 2' is not a finite number" "$@" --eta ' 2'
  refused "$m: --eta 2x (trailing garbage)" "--eta: '2x' is not a finite number" "$@" --eta 2x
  refused "$m: --eta inf" "--eta: 'inf' is not a finite number" "$@" --eta inf
  refused "$m: --eta nan" "--eta: 'nan' is not a finite number" "$@" --eta nan
  refused "$m: --eta 1e999 (overflow)" "--eta: '1e999' is not a finite number" "$@" --eta 1e999
  refused "$m: --eta '' (empty)" "--eta: missing number" "$@" --eta ''
  refused "$m: --eta 11 (range)" "--eta: 11 is outside the valid range \[0, 10\]" "$@" --eta 11
  refused "$m: --from 0x1" "--from: '0x1' is not a finite number" "$@" --sweep alpha --from 0x1 --to 2
  refused "$m: --points 1e2 (an integer in digits)" "--points: '1e2' is not an integer (write 100" \
    "$@" --sweep alpha --from 0.5 --to 2 --points 1e2
  refused "$m: --points 0x10" "--points: '0x10' is not an integer" "$@" --sweep alpha --from 0.5 --to 2 --points 0x10
done
run "theory: decimal forms are numbers (+0.5e1, .5, 5.)" 0 "$BIN" theory --eta +0.5e1 --alpha .5 --beta 5.
for m in simulate export window; do
  case $m in
    window) set -- "$BIN" ;;
    export) set -- "$BIN" export --output "$tmp/x.png" --simulate ;;
    *) set -- "$BIN" "$m" ;;
  esac
  refused "$m: --d 1e3 (an integer in digits)" "--d: '1e3' is not an integer (write 1000" "$@" --d 1e3
  refused "$m: --d 0x10" "--d: '0x10' is not an integer" "$@" --d 0x10
  refused "$m: --d '400 '" "--d: '400 ' is not an integer" "$@" --d '400 '
  refused "$m: --seeds 2.0" "--seeds: '2.0' is not an integer (write 2" "$@" --seeds 2.0
  refused "$m: --seeds 1.5" "--seeds: 1.5 is outside the valid range \[1, " "$@" --seeds 1.5
  refused "$m: --seed -1" "--seed: -1 is outside the valid range \[0, 2147483647\]" "$@" --seed -1
done
check "nothing was written by refused input" [ ! -e "$tmp/x.png" ]

# --- the limits, each defined once (model/os-limits.h) --------------------------------
refused "the window's d: 50–4000" "--d: 5000 is outside the valid range \[50, 4000\]" "$BIN" --d 5000
refused "the window's seeds: 1–20" "--seeds: 21 is outside the valid range \[1, 20\]" "$BIN" --seeds 21
refused "the network's d: 10–1000000 (simulate)" "--d: 1000001 is outside the valid range \[10, 1000000\]" \
  "$BIN" simulate --d 1000001
refused "the network's d: 10–1000000 (export)" "--d: 5 is outside the valid range \[10, 1000000\]" \
  "$BIN" export --output "$tmp/x.png" --simulate --d 5
refused "the network's seeds: 1–1000 (export)" "--seeds: 1001 is outside the valid range \[1, 1000\]" \
  "$BIN" export --output "$tmp/x.png" --simulate --seeds 1001
run "export takes the network's d beyond the window's" 0 "$BIN" export --output "$tmp/x.png" --simulate --d 5000 --version
refused "a table's sweep: 1 point or more" "--points: 0 is outside the valid range \[1, 100000\]" \
  "$BIN" theory --sweep alpha --from 0.5 --to 2 --points 0
refused "a plotted curve: 2 points or more (export)" "--points: 1 is outside the valid range \[2, 100000\]" \
  "$BIN" export --output "$tmp/x.png" --points 1
refused "a plotted curve: 2 points or more (the window)" "--points: 1 is outside the valid range \[2, 100000\]" \
  "$BIN" --points 1
refused "the window checks its x-axis before opening" "--from: 20 is outside the range of eta \[0, 10\]" \
  "$BIN" --sweep eta --from 20
refused "the window: a file's d outside its range" "--params: .*big.ini:2: d: 5000 is outside the window's range \[50, 4000\]" \
  sh -c "printf '[parameters]\nd=5000\n' >'$tmp/big.ini' && '$BIN' --params '$tmp/big.ini'"
run "a mode takes that file (theory has no --d: a warning names the key)" 0 "$BIN" theory --params "$tmp/big.ini"

# --- flags after --params / --preset override them, before them are overridden -------
printf '[parameters]\nx_axis=lambda\nx_from=0.01\nx_to=1\nd=300\n' >"$tmp/view.ini"
run "the window: --sweep after --params" 0 "$BIN" --params "$tmp/view.ini" --sweep eta --d 200 --version
refused "the window: --from after --params is checked against the file's axis" \
  "--from: 20 is outside the range of lambda" "$BIN" --params "$tmp/view.ini" --from 20
run "the window: --from before --params is overridden by the file" 0 \
  "$BIN" --sweep eta --from 4 --params "$tmp/view.ini" --version

# --- --help ----------------------------------------------------------------------------
"$BIN" --help >"$tmp/help" 2>&1; rc=$?
check "top-level --help exits 0" [ "$rc" -eq 0 ]
for flag in --params --preset --page --screenshot --benchmark-ui --presentation --simulate --d --seeds --seed \
            --sweep --from --to --points --log --linear --spectrum --centered --spectrum-log --version \
            --student --teacher --eta --alpha0 --alpha --beta --lambda --noise; do
  check "top-level --help lists the window's $flag" grep -q -- "^ *$flag[= ]" "$tmp/help"
done
for mode in theory simulate spectrum export bench; do
  check "top-level --help lists the mode $mode" grep -q "^  $mode " "$tmp/help"
done
"$BIN" help >"$tmp/help-word" 2>&1
check "'onestep-explorer help' is --help" cmp -s "$tmp/help" "$tmp/help-word"
check "export --help lists --sweep, not the alias --x-axis" \
  sh -c "'$BIN' export --help | grep -q -- '--sweep=' && ! '$BIN' export --help | grep -q -- '--x-axis'"
check "spectrum --help lists --centered, not the alias --center" \
  sh -c "'$BIN' spectrum --help | grep -q -- '--centered' && ! '$BIN' spectrum --help | grep -q -- '--center '"
check "every mode's --help lists --version" \
  sh -c "for m in theory simulate spectrum export bench; do '$BIN' \$m --help | grep -q -- '--version' || exit 1; done"

"$BIN" bench --help >"$tmp/bench-help"; rc=$?
check "bench --help exits 0" [ "$rc" -eq 0 ]
for what in theory phase simulate spectrum figure all; do
  check "bench --help lists $what" grep -q "^  $what " "$tmp/bench-help"
done
"$BIN" bench nope >/dev/null 2>"$tmp/err"
valid=$(sed -n "s/.*(valid: \(.*\))$/\1/p" "$tmp/err" | tr -d ' ')
listed=$(sed -n '/WHAT is one of/,/^$/p' "$tmp/bench-help" | awk 'NR>1 && NF>1{print $1}' | paste -sd, -)
check "bench --help lists exactly the benchmarks bench accepts ($listed)" [ -n "$valid" -a "$valid" = "$listed" ]

echo "1..$n"
[ "$fail" -eq 0 ]
