// One-predictor logistic regression (Newton–Raphson with step halving) and Platt scaling built on it.
import { sameLength, sigmoid } from './util.js';

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

/** Log loss, gradient and Hessian of the mean log loss's sum at (a, b), in one pass over the rows. */
interface Pass {
  loss: number;
  /** What the loss's sum is divided by (rows, or their weights). */
  total: number;
  g0: number;
  g1: number;
  h00: number;
  h01: number;
  h11: number;
}

// One pass gives the loss at a candidate and, if the step is taken, the next Newton step's sums: the
// rows are read once an iteration instead of twice, and exp(−|z|) serves both the loss and the
// probability. Every sum adds the same terms in the same order as separate loss and gradient passes
// would, so the fit is the same to the bit (test/stats/logistic-pass.test.ts pins it). Row i counts
// `w[i]` times (default 1, and ×1 is exact) with target sum `y[i]`; the loss is divided by `total`.
function pass(
  x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number> | undefined, off: ArrayLike<number> | undefined,
  onlyA: boolean, total: number, a: number, b: number,
): Pass {
  let s = 0;
  let g0 = 0;
  let g1 = 0;
  let h00 = 0;
  let h01 = 0;
  let h11 = 0;
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const z = a + b * x[i]! + (off ? off[i]! : 0);
    const e = Math.exp(z >= 0 ? -z : z);
    const wi = w ? w[i]! : 1;
    // softplus(z) − y·z, as logLossFromLogit; sigmoid(z), as util.ts's
    s += wi * (z > 0 ? z + Math.log1p(e) : Math.log1p(e)) - y[i]! * z;
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const xi = onlyA ? 0 : x[i]!;
    const r = wi * p - y[i]!;
    const h = wi * p * (1 - p);
    g0 += r;
    g1 += r * xi;
    h00 += h;
    h01 += h * xi;
    h11 += h * xi * xi;
  }
  return { loss: s / total, total, g0, g1, h00, h01, h11 };
}

/**
 * Maximum-likelihood fit of logit P(y = 1) = intercept + slope·x (+ offset). `y` may be 0/1 or soft
 * targets in [0, 1]. Step halving keeps every accepted step downhill, so it cannot oscillate (except a
 * step whose gain lies below the loss's rounding, taken whole: see newton); under perfect separation the coefficients grow until maxIter and `converged` is false.
 */
export function fitLogistic1D(x: ArrayLike<number>, y: ArrayLike<number>, options: Logistic1DOptions = {}): Logistic1DFit {
  const n = sameLength(x, y);
  const off = options.offset;
  if (off) sameLength(x, off);
  if (n === 0) throw new Error('fitLogistic1D: no rows');
  const onlyA = options.interceptOnly === true;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i]!;
  ybar = Math.min(Math.max(ybar / n, 1e-6), 1 - 1e-6);
  const a0 = off ? 0 : Math.log(ybar / (1 - ybar));
  // Every row counted once: the typed pass with weights 1 (×1 is exact, so the same sums as pass()'s).
  const at = !off && !onlyA && x instanceof Float64Array && y instanceof Float64Array
    ? typedPass(x, y, new Float64Array(n).fill(1), n)
    : (a: number, b: number) => pass(x, y, undefined, off, onlyA, n, a, b);
  return newton(at, a0, onlyA, options);
}

/**
 * fitLogistic1D where row i stands for `w[i]` rows whose targets sum to `wy[i]` (e.g. deals grouped by
 * score, or a bootstrap's repeated draws): the same likelihood over far fewer rows. Its sums add in
 * another order than over the expanded rows, so it agrees with fitLogistic1D on them to rounding, not
 * to the bit. No offset.
 */
export function fitLogistic1DWeighted(
  x: ArrayLike<number>, w: ArrayLike<number>, wy: ArrayLike<number>, options: Pick<Logistic1DOptions, 'maxIter' | 'tol'> & { start?: Start } = {},
): Logistic1DFit {
  sameLength(x, w);
  sameLength(x, wy);
  let total = 0;
  let ysum = 0;
  for (let i = 0; i < x.length; i++) {
    total += w[i]!;
    ysum += wy[i]!;
  }
  if (!(total > 0)) throw new Error('fitLogistic1DWeighted: no weight');
  const ybar = Math.min(Math.max(ysum / total, 1e-6), 1 - 1e-6);
  const at = x instanceof Float64Array && w instanceof Float64Array && wy instanceof Float64Array
    ? typedPass(x, wy, w, total)
    : (a: number, b: number) => pass(x, wy, w, undefined, false, total, a, b);
  return newton(at, Math.log(ybar / (1 - ybar)), false, options, options.start);
}

/**
 * Where Newton starts instead of (logit of the mean, 0): a nearby fit's coefficients, e.g. the fit on all
 * rows for each bootstrap refit. It converges to the same optimum under the same tolerance, in fewer passes.
 */
export interface Start {
  intercept: number;
  slope: number;
}

/**
 * pass() over typed arrays with weights and no offset, as a loop of its own: pass() also reads plain
 * arrays, offsets and intercept-only fits, and its generic element reads and per-row checks were ~a fifth
 * of the expected-at-risk refits' time (200 resamples of M: 5.1 → 4.2 CPU s in one thread). The same
 * operations in the same order, so the same bits (the offset's + 0 kept: it turns −0 into +0 as there).
 * Newton starts at slope 0, where every row's z is a + 0 (b·x is ±0 for finite x): that pass makes its
 * exp and log1p once instead of once a row (one pass in ~8 of a refit; the same values, so the same sums).
 */
const typedPass = (x: Float64Array, y: Float64Array, w: Float64Array, total: number) => {
  let finiteX = true;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) finiteX = false;
  return (a: number, b: number): Pass => {
    let s = 0;
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    const n = y.length;
    if (b === 0 && finiteX) {
      const z = a + 0;
      const e = Math.exp(z >= 0 ? -z : z);
      const l = Math.log1p(e);
      const softplus = z > 0 ? z + l : l;
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        const yi = y[i]!;
        const wi = w[i]!;
        s += wi * softplus - yi * z;
        const wp = wi * p;
        const r = wp - yi;
        const h = wp * (1 - p);
        g0 += r;
        g1 += r * xi;
        h00 += h;
        h01 += h * xi;
        h11 += h * xi * xi;
      }
      return { loss: s / total, total, g0, g1, h00, h01, h11 };
    }
    // Two loops rather than one with a branch per row: merged, 100 fits of 64k rows took 4.6–5.3 s
    // against 3.3–4.0 (alternating runs).
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      const yi = y[i]!;
      const wi = w[i]!;
      const z = a + b * xi + 0;
      const e = Math.exp(z >= 0 ? -z : z);
      const l = Math.log1p(e);
      s += wi * (z > 0 ? z + l : l) - yi * z;
      const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      const wp = wi * p;
      const r = wp - yi;
      const h = wp * (1 - p);
      g0 += r;
      g1 += r * xi;
      h00 += h;
      h01 += h * xi;
      h11 += h * xi * xi;
    }
    return { loss: s / total, total, g0, g1, h00, h01, h11 };
  };
};

/** Newton–Raphson with step halving from (a0, 0) or `start`, reading the rows only through `at`. */
function newton(at: (a: number, b: number) => Pass, a0: number, onlyA: boolean, options: Pick<Logistic1DOptions, 'maxIter' | 'tol'>, start?: Start): Logistic1DFit {
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-10;
  // a start that is not finite (a fit that diverged) is no help: start where a cold fit does
  const warm = start && Number.isFinite(start.intercept) && Number.isFinite(start.slope) ? start : undefined;
  let a = warm ? warm.intercept : a0;
  let b = warm ? warm.slope : 0;
  let here = at(a, b);
  for (let it = 1; it <= maxIter; it++) {
    const { loss, g0, g1, h00, h01, h11 } = here;
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
    // What Newton expects the step to gain, ½·gᵀH⁻¹g per row. Below the loss's rounding the two losses
    // cannot tell the points apart: near the optimum the comparison then failed on noise and the step was
    // halved ~33 times for nothing (a warm-started refit took more passes than a cold one). That close,
    // Newton converges without a line search, so the step is taken whole.
    const resolvable = -(g0 * da + g1 * db) / (2 * here.total) > 64 * Number.EPSILON * Math.abs(loss);
    let t = 1;
    let next = at(a + da, b + db);
    while (resolvable && next.loss > loss && t > 1e-10) {
      t /= 2;
      next = at(a + t * da, b + t * db);
    }
    if (resolvable && next.loss > loss) return { intercept: a, slope: b, converged: true, iterations: it, logLoss: loss }; // no descent left
    a += t * da;
    b += t * db;
    here = next;
    if (Math.abs(t * da) <= tol * (1 + Math.abs(a)) && Math.abs(t * db) <= tol * (1 + Math.abs(b))) {
      return { intercept: a, slope: b, converged: true, iterations: it, logLoss: here.loss };
    }
  }
  return { intercept: a, slope: b, converged: false, iterations: maxIter, logLoss: here.loss };
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
  /** Where the fit starts (plattFitCounts): a nearby fit's map, such as the fit on all rows for a bootstrap refit. */
  start?: { a: number; b: number };
}

/** Platt's targets for the positives (hi) and negatives (lo) of a sample with nPos and nNeg of them. */
function plattTargets(nPos: number, nNeg: number, smooth: boolean): { hi: number; lo: number } {
  return { hi: smooth ? (nPos + 1) / (nPos + 2) : 1, lo: smooth ? 1 / (nNeg + 2) : 0 };
}

function plattModel(a: number, b: number, converged: boolean): PlattModel {
  return { a, b, converged, predict: (s: number) => sigmoid(a + b * s) };
}

/** Platt scaling: a logistic map from a raw score to a probability, fitted on training rows only. */
export function plattFit(scores: ArrayLike<number>, labels: ArrayLike<number>, options: PlattOptions = {}): PlattModel {
  const n = sameLength(scores, labels);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += labels[i] === 1 ? 1 : 0;
  const { hi, lo } = plattTargets(nPos, n - nPos, options.smoothTargets ?? true);
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) targets[i] = labels[i] === 1 ? hi : lo;
  const fit = fitLogistic1D(scores, targets);
  return plattModel(fit.intercept, fit.slope, fit.converged);
}

/**
 * plattFit over counted rows: score `scores[i]` with `pos[i]` positives and `neg[i]` negatives (counts
 * may be fractional weights). The same fit as plattFit on the expanded rows, to rounding.
 */
export function plattFitCounts(scores: ArrayLike<number>, pos: ArrayLike<number>, neg: ArrayLike<number>, options: PlattOptions = {}): PlattModel {
  const n = sameLength(scores, pos);
  sameLength(scores, neg);
  let nPos = 0;
  let nNeg = 0;
  for (let i = 0; i < n; i++) {
    nPos += pos[i]!;
    nNeg += neg[i]!;
  }
  const { hi, lo } = plattTargets(nPos, nNeg, options.smoothTargets ?? true);
  const w = new Float64Array(n);
  const wy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = pos[i]! + neg[i]!;
    wy[i] = pos[i]! * hi + neg[i]! * lo;
  }
  const start = options.start && { intercept: options.start.a, slope: options.start.b };
  const fit = fitLogistic1DWeighted(scores, w, wy, start ? { start } : {});
  return plattModel(fit.intercept, fit.slope, fit.converged);
}
