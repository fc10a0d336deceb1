#!/bin/bash
# precision-survey.sh — --precision single against double, same seed, over
# the parameter ranges (README, "Single precision"): prints one line per
# point and, at the end, the largest relative difference of the test error
# overall and by λ.
#
#   scripts/precision-survey.sh [BIN] [D]     (defaults: build/app/onestep-explorer, 300)
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

BIN="${1:-build/app/onestep-explorer}"
D="${2:-300}"

# α × β pairs, then for each student the steps (η̃ α0), λ and Δ: every
# combination of a student, a step and an α × β pair, with λ and Δ taken in
# turn so that each value meets every student
pairs=("0.05 1" "0.1 0.1" "1 1" "1 10" "10 0.5" "10 10" "2 1")
steps=("0 0.5" "1 0.5" "3 5" "10 10" "10 100" "2 0.05")
lambdas=(1e-5 1e-4 1e-3 0.01 0.1 10)
noises=(0 2)

test_error () {
  "$BIN" simulate --d "$D" --seeds 1 --seed 3 "$@" | awk -F, 'NR == 2 { print $2 }'
}

k=0
for student in tanh relu erf sin; do
  for step in "${steps[@]}"; do
    read -r eta alpha0 <<< "$step"
    for pair in "${pairs[@]}"; do
      read -r alpha beta <<< "$pair"
      lambda=${lambdas[$((k % ${#lambdas[@]}))]}
      noise=${noises[$((k / ${#lambdas[@]} % ${#noises[@]}))]}
      k=$((k + 1))
      args=(--student "$student" --eta "$eta" --alpha0 "$alpha0" --alpha "$alpha" --beta "$beta"
            --lambda "$lambda" --noise "$noise")
      dbl=$(test_error "${args[@]}")
      sgl=$(test_error "${args[@]}" --precision single)
      echo "$student $eta $alpha0 $alpha $beta $lambda $noise $dbl $sgl"
    done
  done
done | awk -v d="$D" '
  {
    rel = ($9 - $8) / $8; if (rel < 0) rel = -rel
    printf "%-4s eta %-3s alpha0 %-4s alpha %-4s beta %-3s lambda %-5s noise %s  %.9g %.9g  %.1e\n",
           $1, $2, $3, $4, $5, $6, $7, $8, $9, rel
    n++
    if (rel > worst) { worst = rel; where = $1 " eta " $2 " alpha0 " $3 " alpha " $4 " beta " $5 " lambda " $6 " noise " $7 }
    if (rel > by[$6]) by[$6] = rel
  }
  END {
    printf "d = %d, %d points: largest relative difference %.1e (%s)\n", d, n, worst, where
    for (l in by) printf "  lambda %s: %.1e\n", l, by[l]
  }'
