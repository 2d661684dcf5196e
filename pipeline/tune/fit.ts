// The constrained weight fit on a subset of rows, and the scores it implies. A thin layer over
// stats.fitSimplexLogistic (logit P(miss) = a − b·Σ wₖ·sₖ/100, w on the simplex, b > 0, shrunk
// toward the current weights) that also maps fitted weights to risk and probabilities.
import { fitPrepared, fitPreparedWithPass, logLoss, plattFit, prepareSimplexData, simplexRisks, simplexStartTheta, simplexSubset, type RowPass, type SimplexData } from '../stats/index.js';

/** Dimension scores and labels of the population, prepared once; fits and risks select rows by index. */
export type FitData = SimplexData;

export function prepareFitData(X: readonly number[][], y: readonly number[]): FitData {
  if (X.length === 0) throw new Error('fitSimplexLogistic: no rows');
  return prepareSimplexData(X, y, X[0]!.length);
}

export interface FittedWeights {
  w: number[];
  a: number;
  b: number;
  lambda: number;
  objective: number;
  converged: boolean;
  iterations: number;
}

function pick<T>(values: ArrayLike<T>, rows: ArrayLike<number>): T[] {
  return Array.from(rows, (i) => values[i]!);
}

/**
 * Fit on `rows` of the prepared data; with `mult`, row t counts mult[t] times (a bootstrap resample as
 * multiplicities — the same objective as repeating the rows, without copying them); with `first`, the
 * row pass at the start is the caller's (see SimplexFitInput.first).
 */
export function fitWeights(
  data: FitData,
  w0: readonly number[],
  lambda: number,
  rows: ArrayLike<number>,
  start?: { w: readonly number[]; a: number; b: number },
  mult?: ArrayLike<number>,
  first?: RowPass,
): FittedWeights {
  return fitted(fitPrepared(simplexSubset(data, rows, mult), { w0, lambda, start, first }), lambda);
}

/** A simplex fit's result as FittedWeights at `lambda`. */
function fitted(fit: ReturnType<typeof fitPrepared>, lambda: number): FittedWeights {
  return { w: fit.w, a: fit.a, b: fit.b, lambda, objective: fit.objective, converged: fit.converged, iterations: fit.iterations };
}

/**
 * Fits along the λ grid on `rows`, each from the previous optimum (the first from a cold start). A fit
 * starts where the previous one's last row pass was made (when its optimum projects onto the same θ),
 * and the pass does not depend on λ: it is handed over as the fit's first instead of made again (on M
 * 61 of the 63 warm starts of the walk-forward's λ paths).
 */
export function fitPath(data: FitData, w0: readonly number[], lambdas: readonly number[], rows: ArrayLike<number>): FittedWeights[] {
  // The window as a view's arrays once (multiplicity 1 each), so no fit along the path copies it.
  const view = Int32Array.from(rows);
  const ones = new Float64Array(view.length).fill(1);
  const path: FittedWeights[] = [];
  let last: { theta: number[] | null; pass: RowPass } | null = null;
  for (const lambda of lambdas) {
    const start = path[path.length - 1];
    let first: RowPass | undefined;
    const at = last?.theta;
    if (start && at) {
      const theta = simplexStartTheta(start);
      if (theta.length === at.length && theta.every((v, j) => Object.is(v, at[j]))) first = last!.pass;
    }
    const { fit, theta, pass } = fitPreparedWithPass(simplexSubset(data, view, ones), { w0, lambda, start, first });
    path.push(fitted(fit, lambda));
    last = { theta, pass };
  }
  return path;
}

/**
 * Risk = 100 − composite, the composite renormalised over each row's available dimensions exactly as in
 * scoring. Rows are the caller's indices; the result is aligned with them (in `out`, when given).
 */
export function riskOf(data: FitData, w: readonly number[], rows: ArrayLike<number>, out?: Float64Array): Float64Array {
  if (w.length !== data.k) throw new Error(`weights have ${w.length} dimensions, the data ${data.k}`);
  return simplexRisks(data, w, rows, out);
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

/** Log loss of the fit's own P(miss) on `rows` (a fold's test quarter, or part of it). */
export function lossOn(fit: FittedWeights, data: FitData, rows: number[]): number {
  return logLoss(pick(data.y, rows), fittedProbabilities(fit, riskOf(data, fit.w, rows)));
}

/** Probability mapping of a risk score, fitted on training rows only (Platt) and applied to test rows. */
export function plattProbabilities(trainRisk: ArrayLike<number>, trainY: ArrayLike<number>, testRisk: ArrayLike<number>): Float64Array {
  const platt = plattFit(trainRisk, trainY);
  return Float64Array.from(testRisk, (r) => platt.predict(r));
}

export { pick };
