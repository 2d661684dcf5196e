// Calibration metrics for predicted probabilities: Brier (+ skill), log loss, calibration
// intercept/slope, reliability bins and Hosmer–Lemeshow.
import { chiSquareSf } from './distributions.js';
import { jeffreysInterval } from './intervals.js';
import { fitLogistic1D } from './logistic.js';
import { label01, lowerBound, quantileSorted, sameLength } from './util.js';

export { fitLogistic1D, plattFit } from './logistic.js';
export type { Logistic1DFit, Logistic1DOptions, PlattModel, PlattOptions } from './logistic.js';

const LOG_LOSS_EPS = 1e-15;

/** Mean squared error of probabilities against 0/1 outcomes. */
export function brier(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = sameLength(labels, probs);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = probs[i]! - label01(labels[i]!, i);
    s += d * d;
  }
  return s / n;
}

/** 1 − Brier / Brier of always predicting the base rate (NaN when only one class is present). */
export function brierSkill(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = sameLength(labels, probs);
  let k = 0;
  for (let i = 0; i < n; i++) k += label01(labels[i]!, i);
  const rate = k / n;
  const ref = rate * (1 - rate);
  return ref > 0 ? 1 - brier(labels, probs) / ref : NaN;
}

/** Mean negative log-likelihood; probabilities clipped to [1e-15, 1 − 1e-15] like scikit-learn's classic eps. */
export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  const n = sameLength(labels, probs);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probs[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    s -= label01(labels[i]!, i) === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return s / n;
}

function clippedLogits(probs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(probs.length);
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(Math.max(probs[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    out[i] = Math.log(p / (1 - p));
  }
  return out;
}

export interface CalibrationInterceptSlope {
  /** Calibration-in-the-large: intercept of y ~ 1 with logit(p) as offset (ideal 0). */
  intercept: number;
  /** Coefficient of logit(p) in y ~ logit(p) (ideal 1; < 1 means predictions too extreme). */
  slope: number;
  converged: boolean;
}

export function calibrationInterceptSlope(labels: ArrayLike<number>, probs: ArrayLike<number>): CalibrationInterceptSlope {
  sameLength(labels, probs);
  const lp = clippedLogits(probs);
  const slopeFit = fitLogistic1D(lp, labels);
  const citl = fitLogistic1D(lp, labels, { offset: lp, interceptOnly: true });
  return { intercept: citl.intercept, slope: slopeFit.slope, converged: slopeFit.converged && citl.converged };
}

/**
 * Group ids from quantile cut points of `values`, like R's cut(x, quantile(x, 0:g/g), include.lowest = TRUE):
 * right-closed intervals, duplicate cut points (including ones equal to the min or max) merged, so tied
 * values always share a group.
 * Returns the group of each row and the number of groups.
 */
export function quantileGroups(values: ArrayLike<number>, groups: number): { groupOf: Int32Array; count: number } {
  const sorted = Float64Array.from(values).sort();
  const interior: number[] = [];
  for (let g = 1; g < groups; g++) {
    const e = quantileSorted(sorted, g / groups);
    const last = interior.length > 0 ? interior[interior.length - 1]! : sorted[0]!;
    if (e > last && e < sorted[sorted.length - 1]!) interior.push(e);
  }
  const cuts = Float64Array.from(interior);
  const groupOf = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) groupOf[i] = lowerBound(cuts, values[i]!);
  return { groupOf, count: cuts.length + 1 };
}

export interface ReliabilityBin {
  bin: number;
  n: number;
  events: number;
  meanPredicted: number;
  observedRate: number;
  /** Jeffreys 95% interval of the observed rate. */
  lo: number;
  hi: number;
}

interface GroupSums {
  n: Float64Array;
  events: Float64Array;
  sumP: Float64Array;
}

function groupSums(labels: ArrayLike<number>, probs: ArrayLike<number>, groups: number): GroupSums {
  const len = sameLength(labels, probs);
  const { groupOf, count } = quantileGroups(probs, groups);
  const sums = { n: new Float64Array(count), events: new Float64Array(count), sumP: new Float64Array(count) };
  for (let i = 0; i < len; i++) {
    const g = groupOf[i]!;
    sums.n[g]! += 1;
    sums.events[g]! += label01(labels[i]!, i);
    sums.sumP[g]! += probs[i]!;
  }
  return sums;
}

/** Reliability curve on quantile bins of the predicted probability (empty bins omitted). */
export function reliabilityBins(labels: ArrayLike<number>, probs: ArrayLike<number>, nBins = 10, level = 0.95): ReliabilityBin[] {
  const { n, events, sumP } = groupSums(labels, probs, nBins);
  const out: ReliabilityBin[] = [];
  for (let g = 0; g < n.length; g++) {
    const ng = n[g]!;
    if (ng === 0) continue;
    const [lo, hi] = jeffreysInterval(events[g]!, ng, level);
    out.push({ bin: out.length, n: ng, events: events[g]!, meanPredicted: sumP[g]! / ng, observedRate: events[g]! / ng, lo, hi });
  }
  return out;
}

export interface HosmerLemeshow {
  statistic: number;
  /** Number of non-empty groups − 2. */
  df: number;
  p: number;
  groups: number;
}

/**
 * Hosmer–Lemeshow goodness of fit on quantile groups of the predicted risk:
 * Σ over groups and both outcomes of (observed − expected)² / expected, ~ χ²(g − 2).
 */
export function hosmerLemeshow(labels: ArrayLike<number>, probs: ArrayLike<number>, groups = 10): HosmerLemeshow {
  const { n, events, sumP } = groupSums(labels, probs, groups);
  let stat = 0;
  let used = 0;
  for (let g = 0; g < n.length; g++) {
    const ng = n[g]!;
    if (ng === 0) continue;
    used++;
    const d = events[g]! - sumP[g]!;
    const e1 = sumP[g]!;
    const e0 = ng - sumP[g]!;
    // (O1−E1)²/E1 + (O0−E0)²/E0 with O0−E0 = −(O1−E1); a zero expectation only matters if d ≠ 0.
    if (d !== 0) stat += (d * d) / e1 + (d * d) / e0;
  }
  const df = used - 2;
  const p = df > 0 ? chiSquareSf(stat, df) : NaN;
  return { statistic: stat, df, p, groups: used };
}
