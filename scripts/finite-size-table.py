#!/usr/bin/env python3
# scripts/finite-size-table.py — the finite-d crossover (docs/SCIENCE.md §10):
# the network's fraction of the drop, (ε(0) − ε(x)) / (ε(0) − ε(x = 8)) at
# x = η̃√d, simulated with `onestep-explorer simulate` (seeds paired across η̃:
# a seed draws the same data at every η̃), against the prediction of
# `onestep-explorer theory --d N` (test_error_finite_d).
#
#   scripts/finite-size-table.py BINARY [--raw FILE] [--quick] [--check TOL]
#
# --raw FILE keeps the simulated rows (setting,d,seed,eta,test_error) and
# reuses those already there, so a long run can be resumed or re-tabulated.
# --quick: d = 250 only, 20 seeds, the default setting (a test, ~10 s).
# --collect: only run (and keep with --raw) the simulations.
# --check TOL: exit 1 when a predicted fraction at x = 1, 2, 4 is further
# than TOL from the simulated one.
# Standard errors: jackknife over the seeds. Python standard library only.
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import math
import os
import subprocess
import sys

SETTINGS = {
    "tanh/tanh": ["--student", "tanh", "--teacher", "tanh", "--alpha0", "0.5",
                  "--alpha", "2", "--beta", "1", "--lambda", "0.01"],
    "erf/sin": ["--student", "erf", "--teacher", "sin", "--alpha0", "0.5",
                "--alpha", "2", "--beta", "1", "--lambda", "0.01"],
}
XS = [0, 0.5, 1, 2, 4, 8]
FULL = [("tanh/tanh", 250, 40), ("tanh/tanh", 1000, 20), ("tanh/tanh", 2000, 12),
        ("erf/sin", 250, 40), ("erf/sin", 1000, 20), ("erf/sin", 2000, 12)]
QUICK = [("tanh/tanh", 250, 20)]
N_TEST = 10000


def eta_of(x, d):
    return x / math.sqrt(d)


def simulate(binary, setting, d, seed):
    etas = ",".join(repr(eta_of(x, d)) for x in XS)
    out = subprocess.run(
        [binary, "simulate", *SETTINGS[setting], "--d", str(d), "--seeds", "1",
         "--seed", str(seed), "--ntest", str(N_TEST), "--sweep", "eta",
         "--values", etas, "--format", "csv"],
        check=False, capture_output=True, text=True,
        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    if out.returncode not in (0, 1):
        sys.exit("simulate failed: " + out.stderr)
    return [(float(r["eta"]), float(r["test_error"]))
            for r in csv.DictReader(out.stdout.splitlines())]


def predicted(binary, setting, d):
    errs = []
    for x in XS:
        out = subprocess.run(
            [binary, "theory", *SETTINGS[setting], "--d", str(d),
             "--eta", repr(eta_of(x, d)), "--format", "csv"],
            check=True, capture_output=True, text=True)
        row = next(csv.DictReader(out.stdout.splitlines()))
        errs.append(float(row["test_error_finite_d"]))
    return errs


def fractions(e):
    """(ε(0) − ε(x)) / (ε(0) − ε(8)) for each x of XS, from the mean errors"""
    return [(e[0] - v) / (e[0] - e[-1]) for v in e]


def jackknife(per_seed):
    """fractions from the seed-paired means, and their jackknife errors"""
    k = len(per_seed)
    mean = [sum(s[i] for s in per_seed) / k for i in range(len(XS))]
    full = fractions(mean)
    reps = []
    for j in range(k):
        m = [(mean[i] * k - per_seed[j][i]) / (k - 1) for i in range(len(XS))]
        reps.append(fractions(m))
    se = []
    for i in range(len(XS)):
        avg = sum(r[i] for r in reps) / k
        se.append(math.sqrt((k - 1) / k * sum((r[i] - avg) ** 2 for r in reps)))
    return mean, full, se


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__ or "usage: finite-size-table.py BINARY [--raw FILE] [--quick] [--check TOL]")
    binary = args.pop(0)
    raw_path, runs, tol, collect = None, FULL, None, False
    while args:
        a = args.pop(0)
        if a == "--raw":
            raw_path = args.pop(0)
        elif a == "--quick":
            runs = QUICK
        elif a == "--collect":
            collect = True
        elif a == "--check":
            tol = float(args.pop(0))
        else:
            sys.exit("unknown argument " + a)

    raw = {}
    if raw_path and os.path.exists(raw_path):
        for r in csv.DictReader(open(raw_path)):
            raw[(r["setting"], int(r["d"]), int(r["seed"]), float(r["eta"]))] = float(r["test_error"])
    raw_file = None
    if raw_path:
        new = not os.path.exists(raw_path)
        raw_file = open(raw_path, "a")
        if new:
            raw_file.write("setting,d,seed,eta,test_error\n")

    worst = 0.0
    print("setting,d,seeds,x,predicted_error,simulated_error,predicted_fraction,"
          "simulated_fraction,simulated_fraction_se")
    for setting, d, seeds in runs:
        per_seed = []
        for seed in range(1, seeds + 1):
            keys = [(setting, d, seed, eta_of(x, d)) for x in XS]
            if not all(k in raw for k in keys):
                for eta, err in simulate(binary, setting, d, seed):
                    raw[(setting, d, seed, eta)] = err
                    if raw_file:
                        raw_file.write(f"{setting},{d},{seed},{eta!r},{err!r}\n")
                        raw_file.flush()
            per_seed.append([raw[k] for k in keys])
        if collect:
            continue
        mean, sim, se = jackknife(per_seed)
        pred_err = predicted(binary, setting, d)
        pred = fractions(pred_err)
        for i, x in enumerate(XS):
            print(f"{setting},{d},{seeds},{x},{pred_err[i]:.5f},{mean[i]:.5f},"
                  f"{pred[i]:.3f},{sim[i]:.3f},{se[i]:.3f}")
            if x in (1, 2, 4):
                worst = max(worst, abs(pred[i] - sim[i]))
    print(f"# largest |predicted - simulated| fraction at x = 1, 2, 4: {worst:.3f}")
    if tol is not None and worst > tol:
        sys.exit(1)


if __name__ == "__main__":
    main()
