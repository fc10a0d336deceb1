#!/bin/sh
# test-cli.sh — the command line: output shape, formats and bad input.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# one point: header and a §7 value
"$BIN" theory --alpha 2 >"$tmp/one.csv" 2>"$tmp/err"; rc=$?
check "single point exits 0" [ "$rc" -eq 0 ]
check "CSV header starts with alpha and the required columns" \
  grep -q '^alpha,test_error,train_error,m,q1,q2,theta,psi,V1,V2,r,c,gamma,converged,iterations' "$tmp/one.csv"
check "one data row" [ "$(wc -l <"$tmp/one.csv")" -eq 2 ]
eg=$(awk -F, 'NR==2{print $2}' "$tmp/one.csv")
check "test error matches THEORY.md §7 (0.174662)" awk -v e="$eg" 'BEGIN{exit !(e>0.1746619 && e<0.1746620)}'

# a sweep, JSON
"$BIN" theory --sweep lambda --from 1e-4 --to 1 --points 7 --log --format json --baseline >"$tmp/s.json"; rc=$?
check "sweep exits 0" [ "$rc" -eq 0 ]
check "JSON parses with 7 rows and the fields" python3 -c "
import json,sys
d=json.load(open('$tmp/s.json'))
assert len(d)==7
for k in ['lambda','test_error','train_error','m','q1','q2','theta','psi','V1','V2','r','c','gamma','converged','iterations','kernel_error']:
    assert k in d[0], k
assert all(r['converged'] is True for r in d)
assert abs(d[0]['lambda']-1e-4)<1e-16 and abs(d[-1]['lambda']-1)<1e-12
"
# case-insensitive activations
check "activations are case-insensitive" sh -c "'$BIN' theory --student ReLU --teacher He1+He2 >/dev/null"
"$BIN" theory --learned-function >"$tmp/f.csv"; rc=$?
check "learned function table" [ "$rc" -eq 0 -a "$(wc -l <"$tmp/f.csv")" -eq 62 ]

# bad input: exit code 2 and a message that names the flag and the range
expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "eta out of range" "--eta.*\[0, 10\]" "$BIN" theory --eta 11
expect_bad "lambda below range" "--lambda.*1e-05" "$BIN" theory --lambda 0
expect_bad "malformed number" "--alpha: '2x' is not a finite number" "$BIN" theory --alpha 2x
expect_bad "nan refused" "--beta" "$BIN" theory --beta nan
expect_bad "unknown student" "--student: unknown activation 'he2'" "$BIN" theory --student he2
expect_bad "unknown teacher" "--teacher: unknown activation 'softplus'" "$BIN" theory --teacher softplus
expect_bad "unknown sweep" "--sweep: unknown parameter" "$BIN" theory --sweep gamma --from 0 --to 1
expect_bad "sweep range" "--to: 20 is outside" "$BIN" theory --sweep alpha --from 0.1 --to 20
expect_bad "points" "--points" "$BIN" theory --sweep alpha --from 0.1 --to 2 --points 0
expect_bad "format" "--format" "$BIN" theory --format xml
expect_bad "unknown flag" "Unknown option" "$BIN" theory --gamma 3
expect_bad "unknown mode" "unknown mode" "$BIN" frobnicate
check "--help documents the flags" sh -c "'$BIN' theory --help-all | grep -q -- '--sweep' && '$BIN' theory --help-all | grep -q -- '--lambda'"
# what users read cites the project's own docs/, never the spec file
check "no string in the program cites THEORY.md" sh -c "! grep -a -q 'THEORY\.md' '$BIN'"

echo "1..$n"
[ "$fail" -eq 0 ]
