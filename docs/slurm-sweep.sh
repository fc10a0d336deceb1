#!/bin/bash
# slurm-sweep.sh — one simulate sweep as a Slurm job array: task i of N runs
# shard i/N and writes shard-i.csv; merge them when all have finished.
#
#   N=8 sbatch --array=1-8 docs/slurm-sweep.sh          # the shards
#   onestep-explorer merge shards/shard-*.csv > sweep.csv  # afterwards
#
# or, with the merge as a job that waits for the array:
#
#   jid=$(N=8 sbatch --parsable --array=1-8 docs/slurm-sweep.sh)
#   sbatch --dependency=afterok:"$jid" --wrap 'onestep-explorer merge shards/shard-*.csv > sweep.csv'
#
# Every task must run the same flags (they are the sweep's key; merge refuses
# shards of different sweeps or seeds): edit SWEEP_ARGS below or set it in the
# environment of sbatch (which passes the environment on). Each task uses the
# cores Slurm gives it (--cpus-per-task, passed to OpenBLAS); shards on nodes
# of one kind combine to the last bit. The array size and N must agree:
# N is read from SLURM_ARRAY_TASK_COUNT when it is not set. ONESTEP (the
# program) and OUT (the shards' folder) may be set likewise.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#SBATCH --job-name=onestep-sweep
#SBATCH --cpus-per-task=2
#SBATCH --mem=3G
#SBATCH --time=01:00:00
#SBATCH --output=slurm-sweep-%A_%a.log

set -euo pipefail

ONESTEP=${ONESTEP:-onestep-explorer}
OUT=${OUT:-shards}
read -r -a SWEEP <<< "${SWEEP_ARGS:---d 2000 --seeds 12 --sweep alpha --values 0.2,0.5,1.13,1.6,2,3,4}"

i=${SLURM_ARRAY_TASK_ID:?run me with sbatch --array=1-N}
N=${N:-${SLURM_ARRAY_TASK_COUNT:?set N to the size of the array}}
export OPENBLAS_NUM_THREADS=${SLURM_CPUS_PER_TASK:-1}

mkdir -p "$OUT"
# write to a temporary name, then rename: a killed task leaves no shard
"$ONESTEP" simulate "${SWEEP[@]}" --shard "$i/$N" > "$OUT/shard-$i.csv.part"
mv "$OUT/shard-$i.csv.part" "$OUT/shard-$i.csv"
