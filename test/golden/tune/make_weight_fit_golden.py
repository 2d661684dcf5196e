"""Regenerates test/golden/tune/weight-fit.json (not run in CI; needs numpy + scipy).

Reference optimum for the calibration stage's weight fit (pipeline/tune/fit.ts fitWeights):
    minimise  mean log loss of  logit P(miss) = a - b * c_i(w) / 100  +  lam * ||w - w0||^2
    over      w >= 0, sum(w) = 1, b >= 1e-6,
with c_i(w) renormalised over the row's available (non-NaN) dimensions, as in scoring. Solved with
scipy SLSQP from several starting points; the best optimum is kept. One case fits a row subset, as the
walk-forward folds do.

Usage: python3 test/golden/tune/make_weight_fit_golden.py
"""
import json
import os

import numpy as np
from scipy.optimize import minimize

MIN_SLOPE = 1e-6


def dataset(seed, n, true_w):
    rng = np.random.default_rng(seed)
    k = len(true_w)
    X = np.clip(np.round(rng.normal(55, 20, size=(n, k)), 1), 0, 100)
    c = X @ np.asarray(true_w)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(3.0 - 6.0 * c / 100)))).astype(int)
    holes = rng.uniform(size=n) < 0.1
    X[holes, rng.integers(0, k, size=n)[holes]] = np.nan
    return X, y


def solve(X, y, w0, lam):
    k = X.shape[1]
    avail = ~np.isnan(X)
    Xz = np.where(avail, X, 0.0)

    def f(t):
        w, a, b = t[:k], t[k], t[k + 1]
        c = (Xz @ w) / (avail @ w)
        z = a - b * c / 100
        return np.mean(np.logaddexp(0, z) - y * z) + lam * np.sum((w - w0) ** 2)

    cons = [{"type": "eq", "fun": lambda t: np.sum(t[:k]) - 1}]
    bounds = [(0, 1)] * k + [(None, None), (MIN_SLOPE, None)]
    best = None
    for start in [w0, np.full(k, 1 / k)] + [np.eye(k)[j] * 0.8 + 0.2 / k for j in range(k)]:
        res = minimize(f, np.concatenate([start, [1.0, 3.0]]), method="SLSQP", bounds=bounds, constraints=cons,
                       options={"ftol": 1e-15, "maxiter": 2000})
        if best is None or res.fun < best.fun:
            best = res
    t = best.x
    w = np.clip(t[:k], 0, None)
    w = w / w.sum()
    t = np.concatenate([w, t[k:]])
    return {"w": w.tolist(), "a": float(t[k]), "b": float(t[k + 1]), "objective": float(f(t)), "success": bool(best.success)}


def case(name, seed, n, true_w, w0, lam, rows=None):
    X, y = dataset(seed, n, true_w)
    idx = np.arange(n) if rows is None else np.asarray(rows)
    sol = solve(X[idx], y[idx], np.asarray(w0, dtype=float), lam)
    return {"name": name, "lambda": lam, "w0": w0, "rows": idx.tolist(),
            "X": [[None if np.isnan(v) else float(v) for v in r] for r in X], "y": y.tolist(), "optimum": sol}


def main():
    cases = [
        case("3 dims, dominant first, lambda 0.02", 11, 60, [0.7, 0.2, 0.1], [0.4, 0.3, 0.3], 0.02),
        case("3 dims, lambda 0 (boundary possible)", 12, 80, [0.9, 0.1, 0.0], [0.4, 0.3, 0.3], 0.0),
        case("4 dims, row subset, lambda 0.005", 13, 90, [0.1, 0.6, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25], 0.005,
             rows=list(range(0, 90, 3)) + list(range(1, 90, 3))),
    ]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "weight-fit.json")
    with open(path, "w") as fh:
        json.dump({"description": "make_weight_fit_golden.py, scipy SLSQP best of several starts; null = missing", "cases": cases}, fh)
    for c in cases:
        o = c["optimum"]
        print(c["name"], o["success"], np.round(o["w"], 6), round(o["a"], 5), round(o["b"], 5), o["objective"])


if __name__ == "__main__":
    main()
