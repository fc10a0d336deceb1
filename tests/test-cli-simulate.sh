#!/bin/sh
# test-cli-simulate.sh — `onestep-explorer simulate`: output shape, formats,
# sweeps, reproducibility and bad input (small d, so it stays fast).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# one point: the header and one row
"$BIN" simulate --d 80 --seeds 2 >"$tmp/one.csv" 2>"$tmp/err"; rc=$?
check "single point exits 0" [ "$rc" -eq 0 ]
check "CSV header starts with alpha and the required columns" \
  grep -q '^alpha,test_error,test_error_std,train_error,train_error_std,m,q1,q2,theta,psi,r,c,gamma,seconds,theory_test_error' "$tmp/one.csv"
check "one data row" [ "$(wc -l <"$tmp/one.csv")" -eq 2 ]
check "the row: alpha 2, d 80, p 80, n0 40, n 160, 2 seeds, theory 0.174662 (THEORY.md §7)" python3 -c "
import csv
r = list(csv.DictReader(open('$tmp/one.csv')))[0]
assert float(r['alpha']) == 2 and int(r['d']) == 80 and int(r['p']) == 80, r
assert int(r['n0']) == 40 and int(r['n']) == 160 and int(r['seeds']) == 2, r
assert abs(float(r['theory_test_error']) - 0.174662) < 5e-7, r['theory_test_error']
assert 0 < float(r['train_error']) < float(r['test_error']) < 1, r
assert float(r['test_error_std']) > 0 and float(r['r']) > 0 and float(r['c']) > 0, r
"

# the same seed gives the same numbers
"$BIN" simulate --d 80 --seeds 2 >"$tmp/again.csv" 2>/dev/null
check "same seed, same numbers" python3 -c "
import csv
a = list(csv.DictReader(open('$tmp/one.csv')))[0]
b = list(csv.DictReader(open('$tmp/again.csv')))[0]
for k in a:
    if k != 'seconds':
        assert a[k] == b[k], k
"

# a sweep, JSON
"$BIN" simulate --d 60 --seeds 1 --seed 4 --ntest 3000 --sweep beta --values 0.5,1,2 --format json >"$tmp/s.json"; rc=$?
check "sweep exits 0" [ "$rc" -eq 0 ]
check "JSON parses with 3 rows, the swept beta first, and the fields" python3 -c "
import json
d = json.load(open('$tmp/s.json'))
assert len(d) == 3
assert list(d[0].keys())[0] == 'beta'
assert [r['beta'] for r in d] == [0.5, 1, 2]
assert [r['p'] for r in d] == [30, 60, 120]
for k in ['test_error','test_error_std','train_error','train_error_std','m','q1','q2','theta','psi',
          'r','c','gamma','seconds','theory_test_error','theory_converged','n_test']:
    assert k in d[0], k
assert all(r['n_test'] == 3000 and r['seeds'] == 1 and r['test_error_std'] == 0 for r in d)
"
"$BIN" simulate --d 40 --seeds 1 --sweep eta --values 0 --student relu --teacher he2 --noise 0.5 >"$tmp/k.csv"; rc=$?
check "eta = 0 point: no spike (r = 0, gamma = 0, c = 1)" python3 -c "
import csv
r = list(csv.DictReader(open('$tmp/k.csv')))[0]
assert float(r['eta']) == 0 and float(r['r']) == 0 and float(r['gamma']) == 0, r
assert abs(float(r['c']) - 1) < 1e-12, r['c']
"

# bad input: exit code 2 and a message that names the flag and the range
expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "d too small" "--d: 5 is outside the valid range \[10, 1000000\]" "$BIN" simulate --d 5
expect_bad "d not a number" "--d: '1e3' is not an integer" "$BIN" simulate --d 1e3
expect_bad "seeds" "--seeds: 0 is outside the valid range \[1, 1000\]" "$BIN" simulate --d 50 --seeds 0
expect_bad "ntest" "--ntest: 100 is outside the valid range \[2000," "$BIN" simulate --d 50 --ntest 100
expect_bad "seed" "--seed: -1 is outside" "$BIN" simulate --d 50 --seed -1
expect_bad "memory budget" "--memory-budget: 0 is outside" "$BIN" simulate --d 50 --memory-budget 0
expect_bad "over the budget" "needs [0-9]* MiB.*budget of 1 MiB" "$BIN" simulate --d 400 --memory-budget 1
expect_bad "huge d" "--d, --memory-budget: the simulation needs [0-9]* MiB" "$BIN" simulate --d 100000
expect_bad "sweep value out of range" "--values: alpha = 20 is outside the valid range \[0.05, 10\]" \
  "$BIN" simulate --d 50 --sweep alpha --values 0.5,20
expect_bad "sweep value not a number" "--values: 'x' is not a finite number" "$BIN" simulate --d 50 --sweep alpha --values 1,x
expect_bad "sweep without values" "--sweep needs --values" "$BIN" simulate --d 50 --sweep alpha
expect_bad "values without sweep" "--values needs --sweep" "$BIN" simulate --d 50 --values 1,2
expect_bad "unknown sweep" "--sweep: unknown parameter 'gamma'" "$BIN" simulate --d 50 --sweep gamma --values 1
expect_bad "shared flag range" "--eta.*\[0, 10\]" "$BIN" simulate --d 50 --eta 12
check "--help documents the flags" sh -c "'$BIN' simulate --help-all | grep -q -- '--memory-budget' && '$BIN' simulate --help-all | grep -q -- '--lambda'"

echo "1..$n"
[ "$fail" -eq 0 ]
