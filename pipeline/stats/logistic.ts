// One-predictor logistic regression (Newton–Raphson with step halving) and Platt scaling built on it.
import { logLossFromLogit, sameLength, sigmoid } from './util.js';

export interface Logistic1DOptions {
  /** Known per-row term added to the linear predictor (e.g. logit(p) for calibration-in-the-large). */
  offset?: ArrayLike<number>;
  /** Fit only the intercept (slope fixed at 0; combine with `offset` to fix the slope of the offset at 1). */
  interceptOnly?: boolean;
  maxIter?: number;
  /** Convergence when the Newton step is below tol·(1 + |θ|) in every coordinate. */
  tol?: number;
}

export interface Logistic1DFit {
  intercept: number;
  slope: number;
  converged: boolean;
  iterations: number;
  /** Mean log loss at the solution. */
  logLoss: number;
}

function meanLoss(x: ArrayLike<number>, y: ArrayLike<number>, off: ArrayLike<number> | undefined, a: number, b: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += logLossFromLogit(y[i]!, a + b * x[i]! + (off ? off[i]! : 0));
  return s / y.length;
}

/**
 * Maximum-likelihood fit of logit P(y = 1) = intercept + slope·x (+ offset). `y` may be 0/1 or soft
 * targets in [0, 1]. Step halving keeps every accepted step downhill, so it cannot oscillate; under
 * perfect separation the coefficients grow until maxIter and `converged` is false.
 */
export function fitLogistic1D(x: ArrayLike<number>, y: ArrayLike<number>, options: Logistic1DOptions = {}): Logistic1DFit {
  const n = sameLength(x, y);
  const off = options.offset;
  if (off) sameLength(x, off);
  if (n === 0) throw new Error('fitLogistic1D: no rows');
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-10;
  const onlyA = options.interceptOnly === true;

  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i]!;
  ybar = Math.min(Math.max(ybar / n, 1e-6), 1 - 1e-6);
  let a = off ? 0 : Math.log(ybar / (1 - ybar));
  let b = 0;
  let loss = meanLoss(x, y, off, a, b);

  for (let it = 1; it <= maxIter; it++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < n; i++) {
      const xi = onlyA ? 0 : x[i]!;
      const p = sigmoid(a + b * xi + (off ? off[i]! : 0));
      const r = p - y[i]!;
      const w = p * (1 - p);
      g0 += r;
      g1 += r * xi;
      h00 += w;
      h01 += w * xi;
      h11 += w * xi * xi;
    }
    let da: number;
    let db = 0;
    if (onlyA) {
      da = h00 > 0 ? -g0 / h00 : 0;
    } else {
      // A tiny ridge keeps a constant predictor (singular Hessian) from producing NaN.
      const ridge = 1e-12 * (h00 + h11);
      const det = (h00 + ridge) * (h11 + ridge) - h01 * h01;
      da = -((h11 + ridge) * g0 - h01 * g1) / det;
      db = -((h00 + ridge) * g1 - h01 * g0) / det;
    }
    if (!Number.isFinite(da) || !Number.isFinite(db)) return { intercept: a, slope: b, converged: false, iterations: it, logLoss: loss };
    let t = 1;
    let next = meanLoss(x, y, off, a + da, b + db);
    while (next > loss && t > 1e-10) {
      t /= 2;
      next = meanLoss(x, y, off, a + t * da, b + t * db);
    }
    if (next > loss) return { intercept: a, slope: b, converged: true, iterations: it, logLoss: loss }; // no descent left
    a += t * da;
    b += t * db;
    loss = next;
    if (Math.abs(t * da) <= tol * (1 + Math.abs(a)) && Math.abs(t * db) <= tol * (1 + Math.abs(b))) {
      return { intercept: a, slope: b, converged: true, iterations: it, logLoss: loss };
    }
  }
  return { intercept: a, slope: b, converged: false, iterations: maxIter, logLoss: loss };
}

export interface PlattModel {
  /** predict(score) = 1 / (1 + exp(−(a + b·score))). */
  a: number;
  b: number;
  converged: boolean;
  predict: (score: number) => number;
}

export interface PlattOptions {
  /**
   * Platt's (1999) out-of-sample targets (N₊+1)/(N₊+2) and 1/(N₋+2) instead of hard 0/1, as scikit-learn
   * does; they keep the fit finite under separation. Default true.
   */
  smoothTargets?: boolean;
}

/** Platt scaling: a logistic map from a raw score to a probability, fitted on training rows only. */
export function plattFit(scores: ArrayLike<number>, labels: ArrayLike<number>, options: PlattOptions = {}): PlattModel {
  const n = sameLength(scores, labels);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += labels[i] === 1 ? 1 : 0;
  const nNeg = n - nPos;
  const smooth = options.smoothTargets ?? true;
  const hi = smooth ? (nPos + 1) / (nPos + 2) : 1;
  const lo = smooth ? 1 / (nNeg + 2) : 0;
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) targets[i] = labels[i] === 1 ? hi : lo;
  const fit = fitLogistic1D(scores, targets);
  const a = fit.intercept;
  const b = fit.slope;
  return { a, b, converged: fit.converged, predict: (s: number) => sigmoid(a + b * s) };
}
