#!/usr/bin/env python3
# scripts/bench_numpy.py — the simulation protocol of THEORY.md §1 and the
# measurements of §6 written in plain NumPy, timed. `onestep-explorer bench
# simulate` runs it as a subprocess with the same sizes and the same
# OPENBLAS_NUM_THREADS, and reports its time against the C implementation.
# tanh student and teacher, no label noise (the benchmark's point).
# Prints: numpy_median_s=<seconds> test_error=<last run's test error>
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import time

import numpy as np


def one_point(rng, d, p, n0, n, ntest, eta, lam):
    teacher = rng.standard_normal(d)
    teacher /= np.linalg.norm(teacher)
    W0 = rng.standard_normal((p, d))
    W0 /= np.linalg.norm(W0, axis=1, keepdims=True)

    # the giant step: W1 = W0 + eta (1/n0) sum_mu e_mu sigma'(W0 x_mu) x_mu^T
    X0 = rng.standard_normal((n0, d))
    y0 = np.tanh(X0 @ teacher)
    S = np.tanh(X0 @ W0.T)
    e = y0 - S.mean(axis=1)               # f0(x) = (1/p) sum_j sigma(<w_j, x>)
    G = (1.0 - S * S) * e[:, None]
    W1 = W0 + (eta / n0) * (G.T @ X0)

    # the spike: top right-singular vector of W1 - W0 by power iteration
    delta = W1 - W0
    v = delta.sum(axis=0)
    v /= np.linalg.norm(v)
    for _ in range(300):
        w = delta.T @ (delta @ v)
        w /= np.linalg.norm(w)
        done = np.linalg.norm(w - v) < 1e-13
        v = w
        if done:
            break
    Wv = W1 @ v
    if Wv.sum() < 0:
        v, Wv = -v, -Wv
    r = Wv.mean()
    gamma = v @ teacher
    c = np.sqrt(max((W1 * W1).sum() - Wv @ Wv, 0.0) / p)

    # the ridge readout on n fresh samples, the smaller system
    X = rng.standard_normal((n, d))
    y = np.tanh(X @ teacher)
    Phi = np.tanh(X @ W1.T) / np.sqrt(p)
    if p <= n:
        a = np.linalg.solve(Phi.T @ Phi + lam * np.eye(p), Phi.T @ y)
    else:
        a = Phi.T @ np.linalg.solve(Phi @ Phi.T + lam * np.eye(n), y)
    train = np.mean((y - Phi @ a) ** 2)

    Xt = rng.standard_normal((ntest, d))
    yt = np.tanh(Xt @ teacher)
    test = np.mean((yt - (np.tanh(Xt @ W1.T) / np.sqrt(p)) @ a) ** 2)

    # the order parameters of §6
    zeta = teacher - gamma * v
    zeta /= np.linalg.norm(zeta)
    t = W1.T @ a
    t -= (t @ v) * v
    m = a.sum() / np.sqrt(p)
    q1 = t @ t / p
    q2 = a @ a / p
    theta = (a @ Wv - r * a.sum()) / np.sqrt(p)
    psi = a @ (W1 @ zeta) / np.sqrt(p)
    return test, train, (m, q1, q2, theta, psi, r, c, gamma)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--d", type=int, default=1000)
    ap.add_argument("--p", type=int, default=1000)
    ap.add_argument("--n0", type=int, default=500)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--ntest", type=int, default=2000)
    ap.add_argument("--eta", type=float, default=1.0)
    ap.add_argument("--lam", type=float, default=0.01)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    one_point(rng, args.d, args.p, args.n0, args.n, args.ntest, args.eta, args.lam)  # warm-up
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        test, _, _ = one_point(rng, args.d, args.p, args.n0, args.n, args.ntest, args.eta, args.lam)
        times.append(time.perf_counter() - t0)
    print("numpy_median_s=%.6f test_error=%.6f" % (float(np.median(times)), test))


if __name__ == "__main__":
    main()
