// Weight calibration on the simplex:
//   logit P(y=1) = a − b·c_i(w)/100,  c_i(w) = Σ_{k avail} w_k X_ik / Σ_{k avail} w_k,
//   minimise mean log loss + λ‖w − w0‖²  over w ≥ 0, Σw = 1, b ≥ 1e-6.
// Solver: projected Newton (Bertsekas 1982) with the exact Hessian. Each iteration fixes the variables
// held at a bound (weight 0 / b = 1e-6) whose Lagrange multiplier says they should stay there, takes a
// Newton step on the remaining face (negative curvature flipped, so saddles are escaped, not approached),
// projects back onto the feasible set and accepts by Armijo backtracking along that projection arc;
// a projected-gradient step is the fallback. With 2–8 dimensions the O(n·k²) Hessian pass dominates,
// and quadratic convergence near the optimum makes the answer reproducible to ~1e-10.
import { congruence, symmetricEigen, type Matrix } from './linalg.js';
import { fitLogistic1D } from './logistic.js';
import { projectToSimplex } from './simplex.js';
import { availableWeight, compositeOf, evaluationOf, objective, pass, prepare, type Data, type Evaluation, type RowPass } from './simplex-objective.js';

export { compositeOf, prepare, risksOf, subset, type Data as SimplexData } from './simplex-objective.js';

export const MIN_SLOPE = 1e-6;

export interface SimplexFitInput {
  /** Rows × dimensions, scores 0..100 or NaN (missing); every row needs ≥ 1 available dimension. */
  X: ArrayLike<ArrayLike<number>>;
  y: ArrayLike<number>;
  /** Current weights (shrinkage target and starting point). */
  w0: ArrayLike<number>;
  lambda: number;
  maxIter?: number;
  /** Stop when the Newton step is below tol in every coordinate. */
  tol?: number;
  /** Warm start (e.g. the full-data optimum when refitting bootstrap resamples); the optimum is the same. */
  start?: { w: ArrayLike<number>; a: number; b: number };
  /**
   * The row pass at `startTheta(start)` when the caller has it without a pass over the rows (a bootstrap
   * resample's, from per-cluster sums: simplex-clusters.ts); the fit's first pass is then skipped.
   */
  first?: RowPass;
  /**
   * Take a last Newton step of at most this size (every coordinate) without evaluating where it lands,
   * when it keeps every weight strictly positive on the same face: quadratic convergence puts the step
   * after it at ~|step|² (the solver's own tolerance is met there), and a step this small near the optimum
   * is nearly always accepted at full length, so the evaluation would only confirm it. Below ~1e-6 f no
   * longer resolves the step and a line search gets lost in rounding noise (see the stall test), where the
   * Newton step itself is still exact. For bootstrap refits, whose weights are reported to 4 decimals; the
   * result's objective is then the quadratic model's prediction at the returned point.
   */
  acceptStep?: number;
}

export interface SimplexFitResult {
  w: number[];
  a: number;
  b: number;
  objective: number;
  iterations: number;
  /**
   * False when the iteration limit was hit or no descent was possible short of a stationary point. The
   * usual cause of the latter is an optimum at a face where some row has no positively weighted
   * available dimension (see `unweightedRows`): the renormalised composite jumps there.
   */
  converged: boolean;
  /** Rows whose available dimensions all have weight 0 at the solution (their composite is the plain mean). */
  unweightedRows: number;
}

/** θ = [w, a, b] of a warm start: its weights projected onto the simplex, b at least MIN_SLOPE. */
export function startTheta(start: { w: ArrayLike<number>; a: number; b: number }): number[] {
  return [...projectToSimplex(Array.from(start.w)), start.a, Math.max(start.b, MIN_SLOPE)];
}

function project(theta: number[], k: number): number[] {
  return [...projectToSimplex(theta.slice(0, k)), theta[k]!, Math.max(theta[k + 1]!, MIN_SLOPE)];
}

/**
 * Basis (columns) of the face the Newton step may move in: positive weights plus zero weights whose
 * multiplier is negative (moving mass onto them lowers f), with Σ dw = 0; a always; b unless it sits at
 * its bound with the gradient pushing it down. `released` counts zero weights brought back in.
 */
function faceBasis(theta: number[], g: number[], k: number): { Z: Matrix; released: number } {
  const positive: number[] = [];
  for (let j = 0; j < k; j++) if (theta[j]! > 0) positive.push(j);
  const mu = -positive.reduce((s, j) => s + g[j]!, 0) / positive.length;
  const gScale = 1e-12 * (1 + Math.max(...g.map(Math.abs)));
  const free = positive.slice();
  for (let j = 0; j < k; j++) if (theta[j] === 0 && g[j]! + mu < -gScale) free.push(j);
  const bFree = theta[k + 1]! > MIN_SLOPE || g[k + 1]! < -gScale;
  const cols: number[][] = [];
  const m = k + 2;
  const last = free[free.length - 1]!;
  for (const j of free.slice(0, -1)) {
    const c = new Array<number>(m).fill(0);
    c[j] = 1;
    c[last] = -1;
    cols.push(c);
  }
  const ca = new Array<number>(m).fill(0);
  ca[k] = 1;
  cols.push(ca);
  if (bFree) {
    const cb = new Array<number>(m).fill(0);
    cb[k + 1] = 1;
    cols.push(cb);
  }
  const Z: Matrix = Array.from({ length: m }, (_, i) => cols.map((c) => c[i]!));
  return { Z, released: free.length - positive.length };
}

/** Newton direction on the face spanned by Z, with |eigenvalues| floored so the model is convex. */
function faceNewtonDirection(H: Matrix, g: number[], Z: Matrix): number[] {
  const R = congruence(H, Z);
  const r = Z[0]!.map((_, c) => Z.reduce((s, row, i) => s + row[c]! * g[i]!, 0));
  const { values, vectors } = symmetricEigen(R);
  const floor = 1e-12 * Math.max(1e-300, ...values.map(Math.abs));
  const s = new Array<number>(r.length).fill(0);
  values.forEach((lam, e) => {
    let proj = 0;
    for (let i = 0; i < r.length; i++) proj += vectors[i]![e]! * r[i]!;
    const coef = -proj / Math.max(Math.abs(lam), floor);
    for (let i = 0; i < r.length; i++) s[i]! += coef * vectors[i]![e]!;
  });
  return Z.map((row) => row.reduce((acc, z, c) => acc + z * s[c]!, 0));
}

/** Every weight stays strictly positive and b above its bound along θ + d: no face changes on the way. */
function interiorStep(theta: number[], d: number[], k: number): boolean {
  for (let j = 0; j < k; j++) if (!(theta[j]! > 0 && theta[j]! + d[j]! > 0)) return false;
  return theta[k + 1]! + d[k + 1]! > MIN_SLOPE;
}

/** dᵀHd. */
function quadratic(H: Matrix, d: number[]): number {
  let q = 0;
  for (let u = 0; u < d.length; u++) for (let v = 0; v < d.length; v++) q += d[u]! * H[u]![v]! * d[v]!;
  return q;
}

function startingPoint(data: Data, w: number[]): number[] {
  // Rows repeated by multiplicity, in row order, so a weighted view starts where its expanded copy would;
  // in typed arrays, which fitLogistic1D reads by its typed pass (the same values as plain arrays).
  let n = 0;
  for (let t = 0; t < data.rows.length; t++) for (let r = 0; r < data.mult[t]!; r++) n++;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let at = 0;
  data.rows.forEach((i, t) => {
    const c = -compositeOf(data, w, i) / 100;
    for (let r = 0; r < data.mult[t]!; r++) {
      x[at] = c;
      y[at++] = data.y[i]!;
    }
  });
  const fit = fitLogistic1D(x, y, { maxIter: 50 });
  const ok = Number.isFinite(fit.intercept) && Number.isFinite(fit.slope) && fit.slope > MIN_SLOPE;
  return ok ? [...w, fit.intercept, fit.slope] : [...w, 0, 1];
}

export function fitSimplexLogistic(input: SimplexFitInput): SimplexFitResult {
  if (input.w0.length < 1) throw new Error('fitSimplexLogistic: w0 is empty');
  return fitPrepared(prepare(input.X, input.y, input.w0.length), input);
}

/** The same fit on prepared data (a view from `subset` selects and weights rows without copying them). */
export function fitPrepared(data: Data, input: Omit<SimplexFitInput, 'X' | 'y'>): SimplexFitResult {
  return fitPreparedWithPass(data, input).fit;
}

/** A row pass's own copy (evaluationOf takes the arrays of the one it is given over). */
function copyPass(rp: RowPass): RowPass {
  return { loss: rp.loss, g: rp.g.slice(), h: rp.h.slice() };
}

/**
 * fitPrepared, with the last row pass it made and the θ it was made at (before the fit's final projection;
 * null when the last step was taken without a pass):
 * a fit that starts there (startTheta of this fit's result, when that is the same θ) can take it as its
 * `first` instead of repeating it — the pass does not depend on λ. The pass is the caller's to keep.
 */
export function fitPreparedWithPass(data: Data, input: Omit<SimplexFitInput, 'X' | 'y'>): { fit: SimplexFitResult; theta: number[] | null; pass: RowPass } {
  const k = input.w0.length;
  if (k < 1) throw new Error('fitSimplexLogistic: w0 is empty');
  if (k !== data.k) throw new Error(`data has ${data.k} dimensions, w0 has ${k}`);
  if (!(input.lambda >= 0)) throw new Error(`lambda must be >= 0, got ${input.lambda}`);
  const w0 = Array.from(input.w0);
  const lambda = input.lambda;
  const maxIter = input.maxIter ?? 100;
  const tol = input.tol ?? 1e-10;
  const f0 = (t: number[]): number => objective(data, t, w0, lambda);

  if (input.first && !input.start) throw new Error('fitSimplexLogistic: a precomputed first pass needs its start');
  let theta = input.start ? startTheta(input.start) : startingPoint(data, projectToSimplex(w0));
  // f, g and H at θ come from one pass; the line search's first (full) step is evaluated the same way,
  // so when it is accepted — nearly always near the optimum — the next iteration needs no extra pass.
  // Each evaluation keeps a copy of its row pass (5 + 25 numbers for k = 3) for fitPreparedWithPass.
  const evaluate = (t: number[], rp: RowPass = pass(data, t)): Evaluation & { pass: RowPass } => {
    const raw = copyPass(rp);
    return { ...evaluationOf(data, t, w0, lambda, rp), pass: raw };
  };
  let at = evaluate(theta, input.first);
  let f = at.f;
  let converged = false;
  let iterations = 0;
  let lastStep = Infinity;
  let predicted = false;
  while (iterations < maxIter) {
    const { g, H } = at;
    const { Z, released } = faceBasis(theta, g, k);
    const d = faceNewtonDirection(H, g, Z);
    const stepMax = Math.max(...d.map(Math.abs));
    const decrease = -d.reduce((s, v, j) => s + v * g[j]!, 0); // predicted by the (convexified) model
    // Near the optimum Newton's steps shrink quadratically. When one ≤ 1e-6 is not below half the previous
    // one they have reached the rounding noise of f and g (on a 64k-row bootstrap resample f resolves only
    // to ~1e-14): further steps walk a flat valley by ~1e-7 each and end in two failed line searches of 34
    // objective passes each, which on M were a third of all the calibration's passes.
    const stalled = stepMax <= 1e-6 && stepMax > lastStep / 2;
    if (released === 0 && (stepMax <= tol || stalled || (decrease <= 1e-15 * (1 + Math.abs(f)) && stepMax <= 1e-6))) {
      converged = true;
      break;
    }
    lastStep = stepMax;
    iterations++;
    if (input.acceptStep !== undefined && released === 0 && stepMax <= input.acceptStep && interiorStep(theta, d, k)) {
      // The line search's full-step candidate, taken unevaluated; f from the quadratic model.
      theta = project(theta.map((v, j) => v + d[j]!), k);
      f -= decrease - 0.5 * quadratic(H, d);
      converged = true;
      predicted = true;
      break;
    }
    // Armijo along the projection arc t ↦ P(θ + t·dir).
    const search = (dir: number[]): { theta: number[]; f: number; at: ReturnType<typeof evaluate> | null } | null => {
      for (let t = 1; t >= 1e-10; t /= 2) {
        const cand = project(theta.map((v, j) => v + t * dir[j]!), k);
        const full = t === 1 ? evaluate(cand) : null;
        const fc = full ? full.f : f0(cand);
        const lin = cand.reduce((s, v, j) => s + (v - theta[j]!) * g[j]!, 0);
        if (fc <= f + 1e-4 * Math.min(lin, 0) && fc < f) return { theta: cand, f: fc, at: full };
      }
      return null;
    };
    let next = search(d);
    if (!next) {
      // Fallback: projected gradient, scaled by a bound on the largest curvature.
      const L = Math.max(1e-8, ...H.map((row) => row.reduce((s, v) => s + Math.abs(v), 0)));
      next = search(g.map((v) => -v / L));
    }
    if (!next) {
      // No descent possible: stationary up to rounding if the projected gradient vanishes.
      const pg = project(theta.map((v, j) => v - g[j]!), k);
      converged = Math.max(...pg.map((v, j) => Math.abs(v - theta[j]!))) <= 1e-8;
      break;
    }
    theta = next.theta;
    f = next.f;
    at = next.at ?? evaluate(theta);
  }
  // Where the loop stopped, `at` is the evaluation at θ: unless the last step was taken unevaluated.
  const lastTheta = predicted ? null : theta;

  const w = projectToSimplex(theta.slice(0, k));
  const final = [...w, theta[k]!, Math.max(theta[k + 1]!, MIN_SLOPE)];
  // Every row has an available dimension (prepare checks), so with every weight positive none is unweighted.
  let unweightedRows = 0;
  if (!w.every((v) => v > 0)) {
    for (let t = 0; t < data.rows.length; t++) if (!(availableWeight(data, w, data.rows[t]!) > 0)) unweightedRows += data.mult[t]!;
  }
  const same = final.every((v, j) => v === theta[j]);
  const fit = { w, a: final[k]!, b: final[k + 1]!, objective: same || predicted ? f : f0(final), iterations, converged, unweightedRows };
  return { fit, theta: lastTheta, pass: at.pass };
}

/** The fit's objective at given parameters (e.g. to score the current weights on the same data). */
export function simplexLogisticObjective(
  input: Omit<SimplexFitInput, 'maxIter' | 'tol'>,
  params: { w: ArrayLike<number>; a: number; b: number },
): number {
  const data = prepare(input.X, input.y, input.w0.length);
  return objective(data, [...Array.from(params.w), params.a, params.b], input.w0, input.lambda);
}
