"""Regenerates test/golden/stats/reference-values.json (not run in CI; needs numpy + scipy).

Reference values for pipeline/stats computed with scipy or straightforward (slow, obviously correct)
numpy code: distribution functions, Jeffreys intervals, discrimination metrics on tied data
(pairwise-kernel AUC/DeLong, scipy's two-sample KS, a port of scikit-learn's average precision),
and calibration metrics (logistic fits by scipy BFGS, Hosmer-Lemeshow as in R's ResourceSelection).

Usage: python3 test/golden/stats/make_reference_values.py
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.optimize import minimize
from scipy.special import betainc, gammainc, gammaincc, gammaln


def distributions():
    xs = [-38.0, -20.0, -8.5, -5.0, -3.0, -1.96, -1.0, -0.3, 0.0, 1e-5, 0.5, 1.2, 1.7320508, 2.5, 4.0, 7.0]
    ps = [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.99, 0.999999]
    beta_cases = [(0.3, 0.5, 0.5), (0.01, 2.5, 7.5), (0.5, 1.5, 1.5), (0.9, 10.5, 0.5), (0.2, 41.5, 72.5),
                  (0.35, 41.5, 72.5), (0.999, 3, 2), (0.05, 0.5, 20.5), (0.5, 500.5, 480.5), (0.0205, 200.5, 9800.5)]
    beta_q = [(0.025, 0.5, 10.5), (0.975, 0.5, 10.5), (0.025, 3.5, 7.5), (0.975, 41.5, 72.5), (0.5, 1.5, 1.5),
              (1e-6, 2.0, 3.0), (0.999999, 2.0, 3.0), (0.025, 0.5, 0.5), (0.025, 5000.5, 95000.5), (0.3, 0.2, 0.3)]
    chi = [(0.5, 1), (3.84, 1), (7.0, 3), (15.5, 8), (40.0, 8), (0.01, 2), (100.0, 10), (2.0, 0.5)]
    gam = [(0.5, 0.1), (0.5, 3.0), (2.5, 1.0), (10.0, 12.0), (100.0, 90.0), (3.0, 40.0)]
    return {
        "normCdf": [[x, float(stats.norm.cdf(x))] for x in xs],
        "normQuantile": [[p, float(stats.norm.ppf(p))] for p in ps],
        "betaInc": [[x, a, b, float(betainc(a, b, x))] for x, a, b in beta_cases],
        "betaQuantile": [[p, a, b, float(stats.beta.ppf(p, a, b))] for p, a, b in beta_q],
        "chiSquareCdf": [[x, k, float(stats.chi2.cdf(x, k))] for x, k in chi],
        "chiSquareSf": [[x, k, float(stats.chi2.sf(x, k))] for x, k in chi],
        "gammaP": [[a, x, float(gammainc(a, x)), float(gammaincc(a, x))] for a, x in gam],
        "lnGamma": [[x, float(gammaln(x))] for x in [0.1, 0.5, 1.0, 2.5, 10.0, 123.4, 1e5]],
    }


def jeffreys():
    out = []
    for k, n, level in [(0, 10, 0.95), (1, 10, 0.95), (5, 10, 0.95), (10, 10, 0.95), (3, 57, 0.9),
                        (41, 113, 0.95), (250, 10000, 0.95), (1, 2, 0.8), (0, 1, 0.95)]:
        a, b = k + 0.5, n - k + 0.5
        lo = 0.0 if k == 0 else float(stats.beta.ppf((1 - level) / 2, a, b))
        hi = 1.0 if k == n else float(stats.beta.ppf(1 - (1 - level) / 2, a, b))
        out.append({"k": k, "n": n, "level": level, "lo": lo, "hi": hi})
    return out


def sk_average_precision(y, s):
    # Port of scikit-learn's _binary_clf_curve + average_precision_score.
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    distinct = np.where(np.diff(s))[0]
    idx = np.r_[distinct, y.size - 1]
    tps = np.cumsum(y)[idx]
    fps = 1 + idx - tps
    precision = tps / (tps + fps)
    recall = tps / tps[-1]
    precision = np.r_[precision[::-1], 1]
    recall = np.r_[recall[::-1], 0]
    return float(-np.sum(np.diff(recall) * precision[:-1])), fps, tps, s[idx]


def discrimination():
    rng = np.random.default_rng(11)
    n = 160
    y = (rng.uniform(size=n) < 0.3).astype(int)
    s1 = np.round(rng.normal(y * 0.8, 1.0), 1)  # rounded: many ties
    s2 = np.round(0.6 * s1 + rng.normal(y * 0.5, 0.8), 0)  # heavily tied, correlated with s1
    s3 = rng.integers(0, 4, size=n).astype(float)  # uninformative, 4 levels
    pos, neg = y == 1, y == 0

    def kernel(s):
        d = s[pos][:, None] - s[neg][None, :]
        return (d > 0) + 0.5 * (d == 0)

    def delong_slow(scores):
        v10 = [kernel(s).mean(axis=1) for s in scores]
        v01 = [kernel(s).mean(axis=0) for s in scores]
        S = np.cov(np.array(v10)) / pos.sum() + np.cov(np.array(v01)) / neg.sum()
        return [float(kernel(s).mean()) for s in scores], np.atleast_2d(S).tolist()

    aucs, cov = delong_slow([s1, s2, s3])
    ap, fps, tps, thr = sk_average_precision(y, s1)
    roc = [{"fpr": 0.0, "tpr": 0.0}] + [{"fpr": float(f / neg.sum()), "tpr": float(t / pos.sum()), "threshold": float(h)}
                                        for f, t, h in zip(fps, tps, thr)]
    return {
        "y": y.tolist(), "s1": s1.tolist(), "s2": s2.tolist(), "s3": s3.tolist(),
        "auc": aucs, "delongCovariance": cov,
        "mannWhitneyAuc": float(stats.mannwhitneyu(s1[pos], s1[neg]).statistic / (pos.sum() * neg.sum())),
        "ks": [float(stats.ks_2samp(s[pos], s[neg]).statistic) for s in (s1, s2, s3)],
        "averagePrecision": [sk_average_precision(y, s)[0] for s in (s1, s2, s3)],
        "rocS1": roc,
    }


def logistic_fit(x, y, offset=None, intercept_only=False):
    off = np.zeros_like(x) if offset is None else offset

    def f(t):
        z = t[0] + (0 if intercept_only else t[1]) * x + off
        return np.mean(np.logaddexp(0, z) - y * z)

    def g(t):
        z = t[0] + (0 if intercept_only else t[1]) * x + off
        r = 1 / (1 + np.exp(-z)) - y
        return np.array([r.mean(), 0 if intercept_only else (r * x).mean()])

    res = minimize(f, np.zeros(2), jac=g, method="BFGS", options={"gtol": 1e-13, "maxiter": 10000})
    return res.x


def hoslem(y, p, g):
    # R ResourceSelection::hoslem.test: cut(p, unique(quantile(p, 0:g/g)), include.lowest=TRUE).
    breaks = np.unique(np.quantile(p, np.linspace(0, 1, g + 1)))
    grp = np.clip(np.searchsorted(breaks, p, side="left") - 1, 0, len(breaks) - 2)
    stat, used = 0.0, 0
    bins = []
    for j in range(len(breaks) - 1):
        m = grp == j
        if not m.any():
            continue
        used += 1
        o1, e1, nn = y[m].sum(), p[m].sum(), m.sum()
        stat += (o1 - e1) ** 2 / e1 + ((nn - o1) - (nn - e1)) ** 2 / (nn - e1)
        bins.append({"n": int(nn), "events": int(o1), "meanPredicted": float(p[m].mean())})
    return {"statistic": float(stat), "df": used - 2, "p": float(stats.chi2.sf(stat, used - 2)), "bins": bins}


def calibration():
    rng = np.random.default_rng(5)
    n = 300
    score = rng.uniform(0, 100, size=n)
    p_true = 1 / (1 + np.exp(-(1.2 - 0.05 * score)))
    y = (rng.uniform(size=n) < p_true).astype(int)
    probs = np.clip(1 / (1 + np.exp(-(0.5 - 0.03 * score))), 1e-6, 1 - 1e-6)
    probs = np.round(probs, 2)  # ties, so quantile cut points collide
    lp = np.log(probs / (1 - probs))
    slope = logistic_fit(lp, y)[1]
    citl = logistic_fit(lp, y, offset=lp, intercept_only=True)[0]
    n_pos, n_neg = y.sum(), n - y.sum()
    targets = np.where(y == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    platt = logistic_fit(score, targets)
    plain = logistic_fit(score, y.astype(float))
    base = y.mean()
    brier = float(np.mean((probs - y) ** 2))
    return {
        "y": y.tolist(), "probs": probs.tolist(), "score": score.tolist(),
        "brier": brier, "brierSkill": 1 - brier / (base * (1 - base)),
        "logLoss": float(-np.mean(y * np.log(probs) + (1 - y) * np.log(1 - probs))),
        "calibrationSlope": float(slope), "calibrationIntercept": float(citl),
        "platt": {"a": float(platt[0]), "b": float(platt[1])},
        "plainLogistic": {"a": float(plain[0]), "b": float(plain[1])},
        "hosmerLemeshow10": hoslem(y, probs, 10), "hosmerLemeshow5": hoslem(y, probs, 5),
    }


def main():
    out = {"description": "Generated by make_reference_values.py (numpy/scipy).",
           "distributions": distributions(), "jeffreys": jeffreys(),
           "discrimination": discrimination(), "calibration": calibration()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference-values.json")
    with open(path, "w") as fh:
        json.dump(out, fh, indent=1)
    print("wrote", path)


if __name__ == "__main__":
    main()
