// The constrained weight fit on a subset of rows, and the scores it implies. A thin layer over
// stats.fitSimplexLogistic (logit P(miss) = a − b·Σ wₖ·sₖ/100, w on the simplex, b > 0, shrunk
// toward the current weights) that also maps fitted weights to risk and probabilities.
import { compositeScores, fitSimplexLogistic, plattFit } from '../stats/index.js';

export interface FittedWeights {
  w: number[];
  a: number;
  b: number;
  lambda: number;
  objective: number;
  converged: boolean;
  iterations: number;
}

function pick<T>(values: readonly T[], rows: ArrayLike<number>): T[] {
  return Array.from(rows, (i) => values[i]!);
}

export function fitWeights(
  X: readonly number[][],
  y: readonly number[],
  w0: readonly number[],
  lambda: number,
  rows: ArrayLike<number>,
  start?: { w: readonly number[]; a: number; b: number },
): FittedWeights {
  const fit = fitSimplexLogistic({ X: pick(X, rows), y: pick(y, rows), w0, lambda, start });
  return { w: fit.w, a: fit.a, b: fit.b, lambda, objective: fit.objective, converged: fit.converged, iterations: fit.iterations };
}

/**
 * Risk = 100 − composite, the composite renormalised over each row's available dimensions exactly as in
 * scoring. Rows are the caller's indices; the result is aligned with them.
 */
export function riskOf(X: readonly number[][], w: readonly number[], rows: ArrayLike<number>): Float64Array {
  const c = compositeScores(pick(X, rows), w);
  for (let i = 0; i < c.length; i++) c[i] = 100 - c[i]!;
  return c;
}

/** P(miss) under the fit's own logistic link. */
export function fittedProbabilities(fit: FittedWeights, risk: ArrayLike<number>): Float64Array {
  const out = new Float64Array(risk.length);
  for (let i = 0; i < risk.length; i++) {
    const z = fit.a - (fit.b * (100 - risk[i]!)) / 100;
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/** Probability mapping of a risk score, fitted on training rows only (Platt) and applied to test rows. */
export function plattProbabilities(trainRisk: ArrayLike<number>, trainY: ArrayLike<number>, testRisk: ArrayLike<number>): Float64Array {
  const platt = plattFit(trainRisk, trainY);
  return Float64Array.from(testRisk, (r) => platt.predict(r));
}

export { pick };
