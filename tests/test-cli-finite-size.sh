#!/bin/sh
# test-cli-finite-size.sh — the finite-size columns of `theory --d` and
# `simulate` (docs/SCIENCE.md §10), and a fast run of the crossover's
# verification (scripts/finite-size-table.py --quick: d = 250, 20 seeds
# paired across η̃, predicted against simulated fraction of the drop at
# x = η̃√d = 1, 2, 4 within 0.15).
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
SCRIPT="$2"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# theory --d: the columns, and η̃_BBP(1000) = 0.0485734426616361, the root of
# r√(βd)/c = β^{1/4} by an independent bisection on Simpson moments
# (tests/test-finite-size.c computes the same independently)
"$BIN" theory --d 1000 --format json >"$tmp/t.json"; rc=$?
check "theory --d exits 0" [ "$rc" -eq 0 ]
check "theory --d: eta_bbp to 1e-6, s = r√1000, bulk edge c(1 + √β), finite-d error at η̃ = 1" python3 -c "
import json, math
r = json.load(open('$tmp/t.json'))[0]
assert abs(r['eta_bbp'] - 0.0485734426616361) < 1e-6 * 0.0485734426616361, r['eta_bbp']
assert abs(r['spike_singular_value'] - r['r'] * math.sqrt(1000)) < 1e-12, r
assert abs(r['bulk_edge'] - 2 * r['c']) < 1e-12, r
# test_error stays the d → ∞ value (THEORY.md §7), the finite-d one sits above it
assert abs(r['test_error'] - 0.174662) < 5e-7, r['test_error']
assert 0 < r['test_error_finite_d'] - r['test_error'] < 1e-3, r
"
"$BIN" theory >"$tmp/plain.csv"
check "without --d, no finite-size columns" sh -c "! grep -q 'finite_d\|eta_bbp' '$tmp/plain.csv'"
"$BIN" theory --d 1000 --sweep eta --from 0 --to 0.4 --points 41 >"$tmp/eta.csv"; rc=$?
check "theory --d, an η̃ sweep: no jump at 0, kernel value there, minimum at η̃ > 0" python3 -c "
import csv
rows = list(csv.DictReader(open('$tmp/eta.csv')))
e = [float(r['test_error_finite_d']) for r in rows]
inf = [float(r['test_error']) for r in rows]
assert abs(e[0] - 0.205726) < 1e-5 and abs(inf[0] - 0.205726) < 1e-5, (e[0], inf[0])
assert inf[0] - inf[1] > 0.04             # the d → ∞ jump at 0⁺
assert e[0] - e[1] < 0.02                 # the finite-d curve starts smoothly
best = min(range(len(e)), key=lambda i: e[i])
assert best > 1, best                     # η̃* is not 0⁺
assert all(r['eta_bbp'] == rows[0]['eta_bbp'] for r in rows)
"
"$BIN" theory --d 5 2>"$tmp/err"; rc=$?
check "theory --d 5 is refused (exit 2) naming the range" sh -c "[ $rc -eq 2 ] && grep -q -- '--d: 5 is outside the valid range' '$tmp/err'"

# simulate: the columns at the network's d; γ signed by W1 − W0
"$BIN" simulate --d 250 --seeds 1 --sweep eta --values 0.003,0.1 --format json >"$tmp/s.json"; rc=$?
check "simulate exits 0" [ "$rc" -eq 0 ]
check "simulate: eta_bbp at d = 250, γ_sim the same sign at η̃ = 0.003 and 0.1" python3 -c "
import json, math
rows = json.load(open('$tmp/s.json'))
for r in rows:
    for k in ['eta_bbp', 'spike_singular_value', 'bulk_edge', 'm_identifiable']:
        assert k in r, k
assert abs(rows[0]['eta_bbp'] - 0.0971733371887451) < 1e-9, rows[0]['eta_bbp']
assert rows[0]['gamma'] > 0.4 and rows[1]['gamma'] > 0.4, (rows[0]['gamma'], rows[1]['gamma'])
assert abs(rows[1]['spike_singular_value'] - rows[1]['theory_r'] * math.sqrt(250)) < 1e-12
"
"$BIN" simulate --student sin --eta 10 --d 250 --seeds 1 --format json >"$tmp/sin.json"
"$BIN" simulate --d 250 --seeds 1 --format json >"$tmp/tanh.json"
check "m_identifiable: false for sin at η̃ = 10 (μ0 ∝ e^{-c²/2}), true at the defaults" python3 -c "
import json
assert json.load(open('$tmp/sin.json'))[0]['m_identifiable'] is False
assert json.load(open('$tmp/tanh.json'))[0]['m_identifiable'] is True
"

# the crossover against the network (fast form)
python3 "$SCRIPT" "$BIN" --quick --check 0.15 >"$tmp/table.csv"; rc=$?
check "finite-d fraction of the drop within 0.15 of the network at d = 250 (20 seeds)" [ "$rc" -eq 0 ]

echo "1..$n"
[ "$fail" -eq 0 ]
