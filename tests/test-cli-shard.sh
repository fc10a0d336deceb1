#!/bin/sh
# test-cli-shard.sh — a sweep across machines: `simulate --shard i/N` and
# `merge` give the unsharded table byte for byte (every column but
# `seconds`, a timing), run one after the other and through GNU parallel
# (as the README shows); bad shards and flags exit 2 naming the problem;
# docs/slurm-sweep.sh passes `bash -n`, and runs as a job array where a
# Slurm controller answers.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
SRC="$2"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# the unsharded table without its seconds column (column 14)
strip_seconds () { awk -F, -v OFS=, '{ $14 = ""; print }' "$1"; }

# 5 points × 4 seeds, 3 shards: seeds run concurrently at this d (≤ 160)
SWEEP="--d 120 --seeds 4 --seed 3 --sweep alpha --values 0.5,1,2,3.5,4"
"$BIN" simulate $SWEEP >"$tmp/full.csv"; rc=$?
check "unsharded sweep exits 0" [ "$rc" -eq 0 ]
for i in 1 2 3; do
  "$BIN" simulate $SWEEP --shard $i/3 >"$tmp/s$i.csv" || bad "shard $i/3 exits 0"
done
check "shards hold 6, 7 and 7 of the 20 (point, seed) rows" \
  [ "$(tail -n +4 "$tmp/s1.csv" | wc -l) $(tail -n +4 "$tmp/s2.csv" | wc -l) $(tail -n +4 "$tmp/s3.csv" | wc -l)" = "6 7 7" ]
"$BIN" merge "$tmp/s2.csv" "$tmp/s3.csv" "$tmp/s1.csv" >"$tmp/merged.csv"; rc=$?
check "merge exits 0" [ "$rc" -eq 0 ]
strip_seconds "$tmp/full.csv" >"$tmp/a"; strip_seconds "$tmp/merged.csv" >"$tmp/b"
check "merged = unsharded, byte for byte (but seconds)" cmp -s "$tmp/a" "$tmp/b"
check "the merged table has the 5 points and seconds > 0" python3 -c "
import csv
rows = list(csv.DictReader(open('$tmp/merged.csv')))
assert [float(r['alpha']) for r in rows] == [0.5, 1, 2, 3.5, 4]
assert all(int(r['seeds']) == 4 and float(r['seconds']) > 0 for r in rows)
"
"$BIN" merge --format json "$tmp/s1.csv" "$tmp/s2.csv" "$tmp/s3.csv" >"$tmp/merged.json"
"$BIN" simulate $SWEEP --format json >"$tmp/full.json"
check "merge --format json = simulate --format json (but seconds)" python3 -c "
import json
a, b = json.load(open('$tmp/full.json')), json.load(open('$tmp/merged.json'))
for r in a + b: r.pop('seconds')
assert a == b
"

# a sweep of lambda with d > 160 (seeds one after the other, every BLAS
# thread), through GNU parallel as the README shows it
SWEEP2="--d 170 --seeds 3 --sweep lambda --values 1e-4,0.01,1"
"$BIN" simulate $SWEEP2 >"$tmp/full2.csv"
if command -v parallel >/dev/null 2>&1; then
  ( cd "$tmp" && parallel --will-cite -j 3 "$BIN" simulate $SWEEP2 --shard {}/4 '>' p{}.csv ::: 1 2 3 4 ); rc=$?
  check "GNU parallel runs the 4 shards" [ "$rc" -eq 0 ]
  "$BIN" merge "$tmp"/p*.csv >"$tmp/merged2.csv"
  strip_seconds "$tmp/full2.csv" >"$tmp/a"; strip_seconds "$tmp/merged2.csv" >"$tmp/b"
  check "GNU parallel shards merged = unsharded, byte for byte (but seconds)" cmp -s "$tmp/a" "$tmp/b"
else
  bad "GNU parallel is installed (scripts/setup.sh installs it)"
fi

# bad input: status 2 and a message naming the problem
expect2 () {  # expect2 DESC PATTERN CMD...
  desc="$1"; pattern="$2"; shift 2
  "$@" >/dev/null 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$pattern" "$tmp/err"; then ok "$desc"; else bad "$desc (rc $rc: $(head -1 "$tmp/err"))"; fi
}
expect2 "--shard 0/3 refused" "--shard: 0/3" "$BIN" simulate --d 40 --shard 0/3
expect2 "--shard 4/3 refused" "--shard: 4/3" "$BIN" simulate --d 40 --shard 4/3
expect2 "--shard a/b refused" "--shard: 'a/b' is not i/N" "$BIN" simulate --d 40 --shard a/b
expect2 "--precision half refused" "--precision: 'half' is not single or double" \
  "$BIN" simulate --d 40 --precision half
"$BIN" simulate --d 120 --seeds 3 --seed 3 --sweep alpha --values 0.5,1,2,3.5,4 --shard 2/3 >"$tmp/seeds.csv"
expect2 "merging shards of other seeds refused" "shards of different seeds: seeds=3 against seeds=4" \
  "$BIN" merge "$tmp/s1.csv" "$tmp/seeds.csv" "$tmp/s3.csv"
"$BIN" simulate --d 120 --seeds 4 --seed 3 --sweep alpha --values 0.5,1,2,3.5,5 --shard 2/3 >"$tmp/other.csv"
expect2 "merging shards of another sweep refused" "shards of different sweeps: values=" \
  "$BIN" merge "$tmp/s1.csv" "$tmp/other.csv" "$tmp/s3.csv"
expect2 "a file that is not a shard output refused" "full.csv: not a shard output" \
  "$BIN" merge "$tmp/s1.csv" "$tmp/full.csv"
expect2 "a missing shard refused" "shard 3/3 is missing" "$BIN" merge "$tmp/s1.csv" "$tmp/s2.csv"
expect2 "a shard given twice refused" "shard 1/3 is given twice" \
  "$BIN" merge "$tmp/s1.csv" "$tmp/s1.csv" "$tmp/s2.csv"
head -5 "$tmp/s2.csv" >"$tmp/cut.csv"
expect2 "a cut shard refused" "has 2 of its 7 rows" "$BIN" merge "$tmp/s1.csv" "$tmp/cut.csv" "$tmp/s3.csv"
expect2 "merge without files refused" "give the shard files" "$BIN" merge

# the Slurm job array script: its syntax always; run as a job array when a
# Slurm controller answers (a local single-node Slurm: README), the merged
# shards equal the unsharded table
check "docs/slurm-sweep.sh passes bash -n" bash -n "$SRC/docs/slurm-sweep.sh"
if command -v sbatch >/dev/null 2>&1 && timeout 5 sinfo -h >/dev/null 2>&1; then
  ( cd "$tmp" && N=3 ONESTEP="$BIN" OUT="$tmp/slurm" SWEEP_ARGS="$SWEEP" \
      timeout 120 sbatch --quiet --wait --array=1-3 "$SRC/docs/slurm-sweep.sh" ); rc=$?
  check "sbatch --array=1-3 runs the 3 shards" [ "$rc" -eq 0 ]
  "$BIN" merge "$tmp"/slurm/shard-*.csv >"$tmp/merged3.csv"
  strip_seconds "$tmp/full.csv" >"$tmp/a"; strip_seconds "$tmp/merged3.csv" >"$tmp/b"
  check "Slurm shards merged = unsharded, byte for byte (but seconds)" cmp -s "$tmp/a" "$tmp/b"
else
  ok "Slurm job array # SKIP no Slurm controller answers (sinfo)"
fi

echo "1..$n"
[ "$fail" -eq 0 ]
