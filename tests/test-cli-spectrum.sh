#!/bin/sh
# test-cli-spectrum.sh — `onestep-explorer spectrum`: simulated tables,
# the --theory prediction in JSON and CSV, and bad input.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# --- the prediction, JSON: fields, mass, §9/§6 values ---------------------
"$BIN" spectrum --theory --matrix features --format json >"$tmp/f.json" 2>"$tmp/err"; rc=$?
check "theory features exits 0" [ "$rc" -eq 0 ]
check "theory JSON: edges, outliers, bulk; density integrates to bulk_mass" python3 -c "
import json
d=json.load(open('$tmp/f.json'))
lo,hi=d['edges']
assert 0<=lo<hi, d['edges']
assert d['converged'] is True and d['status'] is None
b=d['bulk']
assert len(b)==400 and all(len(r)==2 for r in b)
x=[r[0] for r in b]; y=[r[1] for r in b]
assert all(y_>=0 for y_ in y) and x==sorted(x) and x[0]==lo and x[-1]==hi
m=sum(0.5*(x[i]-x[i-1])*(y[i]+y[i-1]) for i in range(1,len(x)))
assert abs(m-d['bulk_mass'])<1e-3, (m, d['bulk_mass'])
assert d['n_values']==1000 and abs(d['bulk_mass']-0.999)<1e-12
# THEORY.md §9: the bulk edge of S predicted at 1.81 (λ = (β/α) σ², α = 2,
# β = 1; this prediction puts it at 1.825), one outlier at the mean-feature
# eigenvalue p E[μ0²] = 120.6, as a singular value √((α/β) λ)
assert abs(hi*hi/2-1.81)<0.02, hi
assert len(d['outliers'])==1 and abs(d['outliers'][0]-(2*120.6)**0.5)<0.01, d['outliers']
"
"$BIN" spectrum --theory --format json >"$tmp/w.json"; rc=$?
check "theory weights: §6 edge 2.075 and BBP outlier 20.6" python3 -c "
import json
d=json.load(open('$tmp/w.json'))
assert d['matrix']=='weights' and d['after_step'] is True
assert abs(d['edges'][0])<1e-12 and abs(d['edges'][1]-2.075)<1e-3, d['edges']
assert len(d['outliers'])==1 and abs(d['outliers'][0]-20.6)<0.05, d['outliers']
"
"$BIN" spectrum --theory --init --beta 0.25 --format json >"$tmp/wi.json"; rc=$?
check "theory --init weights: edges 1 ± √β, no outlier" python3 -c "
import json
d=json.load(open('$tmp/wi.json'))
assert d['after_step'] is False and d['outliers']==[]
assert abs(d['edges'][0]-0.5)<1e-12 and abs(d['edges'][1]-1.5)<1e-12
"
"$BIN" spectrum --theory --init --matrix features --student relu --alpha 3 --beta 0.5 --format json >"$tmp/r.json"
"$BIN" spectrum --theory --init --matrix features --student relu --alpha 3 --beta 0.5 --center --format json >"$tmp/rc.json"
check "ReLU at init: mean outlier √((α/β) p/(2π)); centring removes it" python3 -c "
import json, math
d=json.load(open('$tmp/r.json')); c=json.load(open('$tmp/rc.json'))
assert abs(d['outliers'][0]-math.sqrt(3/0.5*500/(2*math.pi)))<1e-9, d['outliers']
assert c['outliers']==[] and c['centered'] is True
"

# --- the prediction, CSV ---------------------------------------------------
"$BIN" spectrum --theory --matrix features --points 50 >"$tmp/f.csv"; rc=$?
check "theory CSV exits 0" [ "$rc" -eq 0 ]
check "theory CSV: header, 50 bulk rows, then the outlier row" sh -c "
  [ \"\$(head -1 '$tmp/f.csv')\" = 'singular_value,density' ] &&
  [ \"\$(wc -l <'$tmp/f.csv')\" -eq 52 ] &&
  [ \"\$(grep -c ',outlier\$' '$tmp/f.csv')\" -eq 1 ] &&
  tail -1 '$tmp/f.csv' | grep -q ',outlier\$'"
check "theory CSV: every bulk row is two numbers" python3 -c "
rows=[l.strip().split(',') for l in open('$tmp/f.csv')][1:]
for r in rows:
    assert len(r)==2
    float(r[0])
    if r[1]!='outlier': float(r[1])
"

# --- simulated ---------------------------------------------------------------
"$BIN" spectrum --d 60 --beta 0.5 >"$tmp/s.csv" 2>"$tmp/err"; rc=$?
check "simulated weights exits 0" [ "$rc" -eq 0 ]
check "simulated weights: rank,init,step, min(p, d) = 30 rows, descending" python3 -c "
rows=[l.strip().split(',') for l in open('$tmp/s.csv')]
assert rows[0]==['rank','init','step'], rows[0]
v=[(int(r[0]),float(r[1]),float(r[2])) for r in rows[1:]]
assert len(v)==30 and [r[0] for r in v]==list(range(1,31))
assert all(v[i][1]>=v[i+1][1] and v[i][2]>=v[i+1][2] for i in range(29))
"
"$BIN" spectrum --d 60 --matrix features --center --alpha 0.5 --format json >"$tmp/s.json"; rc=$?
check "simulated centred features JSON: min(n, p) = 30 rows" python3 -c "
import json
d=json.load(open('$tmp/s.json'))
assert len(d)==30 and set(d[0])=={'rank','init','step'}
assert all(r['step']>=0 for r in d)
"
"$BIN" spectrum --d 200 --format json >"$tmp/s2.json"
"$BIN" spectrum --d 200 --theory --format json >"$tmp/t2.json"
check "simulated weight spike within 10 % of the BBP prediction at d = 200" python3 -c "
import json
s=json.load(open('$tmp/s2.json')); t=json.load(open('$tmp/t2.json'))
top=s[0]['step']; want=t['outliers'][0]
assert abs(top-want)<0.1*want, (top, want)
"

# --- bad input: exit 2, the message names the flag ---------------------------
expect_bad() {
  desc="$1"; want="$2"; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$want" "$tmp/err"; then ok "$desc"; else bad "$desc (rc=$rc: $(cat "$tmp/err"))"; fi
}
expect_bad "unknown matrix" "--matrix: 'bias'" "$BIN" spectrum --matrix bias
expect_bad "d below the simulation range" "--d: 5 is outside the valid range \[10," "$BIN" spectrum --d 5
expect_bad "d not a number" "--d: 'many' is not an integer" "$BIN" spectrum --theory --d many
expect_bad "d too large for the memory budget" "--d" "$BIN" spectrum --d 1000000 --matrix features
expect_bad "center with weights" "--center" "$BIN" spectrum --center
expect_bad "init without theory" "--init" "$BIN" spectrum --init
expect_bad "points without theory" "--points" "$BIN" spectrum --points 50
expect_bad "points out of range" "--points: 3 is outside" "$BIN" spectrum --theory --points 3
expect_bad "negative seed" "--seed" "$BIN" spectrum --seed -1
expect_bad "seed with theory" "--seed" "$BIN" spectrum --theory --seed 3
expect_bad "shared flag range" "--eta.*\[0, 10\]" "$BIN" spectrum --theory --eta 11
expect_bad "format" "--format" "$BIN" spectrum --theory --format xml
expect_bad "stray argument" "unexpected argument" "$BIN" spectrum --theory extra
check "--help documents the mode" sh -c "'$BIN' spectrum --help | grep -q -- '--theory' && '$BIN' spectrum --help | grep -q -- 'outlier'"

echo "1..$n"
[ "$fail" -eq 0 ]
