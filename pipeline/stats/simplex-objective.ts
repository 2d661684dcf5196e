// Objective of the simplex weight fit and its exact gradient and Hessian (see simplex-fit.ts):
//   f(w, a, b) = Σ m_i·logloss_i / Σ m_i  + λ‖w − w0‖²,   logit P(y_i=1) = z_i = a − b·c_i(w)/100,
//   c_i(w) = Σ_{k avail} w_k X_ik / Σ_{k avail} w_k,   m_i = the row's multiplicity (1, or a bootstrap count).
// With d_ik = ∂c_i/∂w_k = m_ik (X_ik − c_i)/S_i (m = availability, S_i = Σ_{k avail} w_k),
// ∂²d_ik/∂w_l = −(m_ik d_il + m_il d_ik)/S_i gives the w–w block of ∇²z_i.
// Rows are selected and weighted by index instead of copied, so a bootstrap resample or a training window
// is a view of one prepared array set: no per-fit copies, and one pass per evaluation (f, g and H together).
import type { Matrix } from './linalg.js';
import { risks3, rowPass3 } from './simplex-objective3.js';
import { label01, primeOnLoad } from './util.js';

/** Flat, NaN-free data plus an availability mask, and the rows (with multiplicities) that enter the objective. */
export interface Data {
  k: number;
  x: Float64Array; // N·k over all prepared rows, missing stored as 0
  avail: Uint8Array; // N·k
  mean: Float64Array; // plain mean of available values (fallback when all available weights are 0)
  y: Float64Array;
  /** Rows of this view (indices into the prepared arrays) and their multiplicities. */
  rows: Int32Array;
  mult: Float64Array;
  /** Σ mult. */
  total: number;
}

export function prepare(X: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, k: number): Data {
  const n = X.length;
  if (y.length !== n) throw new Error(`fitSimplexLogistic: ${n} rows but ${y.length} labels`);
  if (n === 0) throw new Error('fitSimplexLogistic: no rows');
  const x = new Float64Array(n * k);
  const avail = new Uint8Array(n * k);
  const mean = new Float64Array(n);
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== k) throw new Error(`row ${i} has ${row.length} dimensions, w0 has ${k}`);
    let cnt = 0;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      if (Number.isNaN(v)) continue;
      x[i * k + j] = v;
      avail[i * k + j] = 1;
      sum += v;
      cnt++;
    }
    if (cnt === 0) throw new Error(`row ${i} has no available dimension; exclude it before fitting`);
    mean[i] = sum / cnt;
    yy[i] = label01(y[i]!, i);
  }
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return { k, x, avail, mean, y: yy, rows, mult: new Float64Array(n).fill(1), total: n };
}

/**
 * A view of `data` over `rows` (indices into the prepared arrays; repeats allowed) or, with `mult`, over
 * rows weighted by multiplicity (rows with multiplicity 0 are dropped). Repeating a row m times and
 * giving it multiplicity m define the same objective. An Int32Array of rows with a Float64Array of
 * positive multiplicities becomes the view's own arrays (not copied: do not change them while it is used).
 */
export function subset(data: Data, rows: ArrayLike<number>, mult?: ArrayLike<number>): Data {
  // Typed arrays filled in two passes: a bootstrap view of M has ~64k rows and there are 200 of them.
  let count = 0;
  for (let t = 0; t < rows.length; t++) if (!mult || mult[t]! > 0) count++;
  if (count === 0) throw new Error('fitSimplexLogistic: no rows');
  if (count === rows.length && rows instanceof Int32Array && mult instanceof Float64Array) {
    // Already a view's arrays with no row to drop (a bootstrap resample's): taken as they are, not copied.
    let total = 0;
    for (let t = 0; t < count; t++) total += mult[t]!;
    return { ...data, rows, mult, total };
  }
  const keep = new Int32Array(count);
  const m = new Float64Array(count);
  let total = 0;
  for (let t = 0, at = 0; t < rows.length; t++) {
    const w = mult ? mult[t]! : 1;
    if (w > 0) {
      keep[at] = rows[t]!;
      m[at++] = w;
      total += w;
    }
  }
  return { ...data, rows: keep, mult: m, total };
}

/** Σ w_k over row i's available dimensions (0: the row has no positively weighted dimension). */
export function availableWeight(data: Data, w: ArrayLike<number>, i: number): number {
  const { k, avail } = data;
  let S = 0;
  for (let j = 0; j < k; j++) if (avail[i * k + j]) S += w[j]!;
  return S;
}

/** Row i's composite: its available dimensions weighted by w, or their plain mean when those weights are all 0. */
export function compositeOf(data: Data, w: ArrayLike<number>, i: number): number {
  const { k, x, avail } = data;
  const o = i * k;
  let num = 0;
  let S = 0;
  for (let j = 0; j < k; j++) {
    if (avail[o + j]) {
      num += w[j]! * x[o + j]!;
      S += w[j]!;
    }
  }
  return S > 0 ? num / S : data.mean[i]!;
}

/**
 * 100 − compositeOf for each of `rows` (indices), aligned with them: the fitted weights' risks. Into `out`
 * when given (as long as `rows`), else into a new array.
 */
export function risksOf(data: Data, w: ArrayLike<number>, rows: ArrayLike<number>, out: Float64Array = new Float64Array(rows.length)): Float64Array {
  if (out.length !== rows.length) throw new Error(`risksOf: ${rows.length} rows, an output of ${out.length}`);
  if (data.k === 3) return risks3(data, w, rows, out);
  for (let t = 0; t < rows.length; t++) out[t] = 100 - compositeOf(data, w, rows[t]!);
  return out;
}

function penalty(theta: ArrayLike<number>, w0: ArrayLike<number>, k: number): number {
  let pen = 0;
  for (let j = 0; j < k; j++) pen += (theta[j]! - w0[j]!) ** 2;
  return pen;
}

/** Parameter vector θ = [w_0..w_{k−1}, a, b]. */
export function objective(data: Data, theta: ArrayLike<number>, w0: ArrayLike<number>, lambda: number): number {
  const { k, y, rows, mult } = data;
  const a = theta[k]!;
  const b = theta[k + 1]!;
  let loss = 0;
  const w = Float64Array.from({ length: k }, (_, j) => theta[j]!);
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t]!;
    const c = compositeOf(data, w, i);
    const z = a - (b * c) / 100;
    // log(1 + e^z) − y·z, softplus without overflow
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += mult[t]! * (softplus - y[i]! * z);
  }
  return loss / data.total + lambda * penalty(theta, w0, k);
}

export interface Evaluation {
  f: number;
  g: number[];
  H: Matrix;
}

/** Σ m_i·logloss_i, and the gradient and upper triangle of the Hessian (flat, u·m + v) of the mean loss. */
export interface RowPass {
  loss: number;
  g: Float64Array;
  h: Float64Array;
}

/**
 * The row pass of `evaluate`, for any k: no allocation per row, and the w–w block of ∇²z visits only
 * pairs of available dimensions (the others contribute exact zeros). k = 3 has its own copy of this loop
 * with the sums in local variables (simplex-objective3.ts), bit-identical to this one.
 */
export function rowPass(data: Data, theta: ArrayLike<number>): RowPass {
  const { k, x, avail, mean, y, rows, mult } = data;
  const m = k + 2;
  const a = theta[k]!;
  const b = theta[k + 1]!;
  const n = data.total;
  const w = Float64Array.from({ length: k }, (_, j) => theta[j]!);
  const h = new Float64Array(m * m);
  const g = new Float64Array(m);
  const d = new Float64Array(k);
  const dz = new Float64Array(m);
  dz[k] = 1;
  let loss = 0;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t]!;
    const wt = mult[t]!;
    const o = i * k;
    let num = 0;
    let S = 0;
    for (let j = 0; j < k; j++) {
      if (avail[o + j]) {
        num += w[j]! * x[o + j]!;
        S += w[j]!;
      }
    }
    let c: number;
    if (S > 0) {
      c = num / S;
      for (let j = 0; j < k; j++) d[j] = avail[o + j] ? (x[o + j]! - c) / S : 0;
    } else {
      c = mean[i]!;
      S = 0;
      d.fill(0);
    }
    const yi = y[i]!;
    const z = a - (b * c) / 100;
    const e = Math.exp(-Math.abs(z));
    const softplus = (z > 0 ? z : 0) + Math.log1p(e);
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    loss += wt * (softplus - yi * z);
    const r = (wt * (p - yi)) / n; // ∂loss/∂z
    const s = (wt * p * (1 - p)) / n; // ∂²loss/∂z²
    // ∇z: ∂z/∂w_k = −b·d_k/100, ∂z/∂a = 1, ∂z/∂b = −c/100.
    for (let j = 0; j < k; j++) dz[j] = (-b * d[j]!) / 100;
    dz[k + 1] = -c / 100;
    for (let u = 0; u < m; u++) {
      const du = dz[u]!;
      g[u]! += r * du;
      const su = s * du;
      const row = u * m;
      for (let v = u; v < m; v++) h[row + v]! += su * dz[v]!;
    }
    if (S === 0) continue;
    // ∇²z: ∂²z/∂b∂w_k = −d_k/100; ∂²z/∂w_k∂w_l = b·(m_k d_l + m_l d_k)/(100·S) (m = availability), which
    // is b·(d_l + d_k)/(100·S) when both are available and exactly 0 otherwise.
    const bS = 100 * S;
    for (let j = 0; j < k; j++) {
      const dj = d[j]!;
      h[j * m + k + 1]! += (r * -dj) / 100;
      if (!avail[o + j]) continue;
      for (let l = j; l < k; l++) {
        if (!avail[o + l]) continue;
        const second = (b * (d[l]! + dj)) / bS;
        if (second !== 0) h[j * m + l]! += r * second;
      }
    }
  }
  return { loss, g, h };
}

/** The row pass for the data's k: the specialised k = 3 loop or the generic one (bit-identical). */
export function pass(data: Data, theta: ArrayLike<number>): RowPass {
  return data.k === 3 ? rowPass3(data, theta) : rowPass(data, theta);
}

/** Objective, gradient and exact Hessian in one pass over the rows (one exp and one log1p per row). */
export function evaluate(data: Data, theta: ArrayLike<number>, w0: ArrayLike<number>, lambda: number): Evaluation {
  return evaluationOf(data, theta, w0, lambda, pass(data, theta));
}

/** `evaluate` from a row pass already made at θ (its arrays are taken over): the penalty added, H filled. */
export function evaluationOf(data: Data, theta: ArrayLike<number>, w0: ArrayLike<number>, lambda: number, rp: RowPass): Evaluation {
  const { k } = data;
  const m = k + 2;
  const n = data.total;
  const { loss, g, h } = rp;
  for (let j = 0; j < k; j++) {
    g[j]! += 2 * lambda * (theta[j]! - w0[j]!);
    h[j * m + j]! += 2 * lambda;
  }
  const H: Matrix = Array.from({ length: m }, (_, u) => Array.from({ length: m }, (_, v) => (u <= v ? h[u * m + v]! : h[v * m + u]!)));
  return { f: loss / n + lambda * penalty(theta, w0, k), g: Array.from(g), H };
}

/**
 * Tiny rows covering every branch of the passes, for priming them (util: primeOnLoad): all dimensions
 * available, one missing, and (with primingTheta's zero third weight) a row whose available weights are 0.
 */
function primingData(): Data {
  return {
    k: 3,
    x: Float64Array.of(10, 50, 90, 20, 0, 70, 0, 0, 40),
    avail: Uint8Array.of(1, 1, 1, 1, 0, 1, 0, 0, 1),
    mean: Float64Array.of(50, 45, 40),
    y: Float64Array.of(0, 1, 1),
    rows: Int32Array.of(0, 1, 2),
    mult: Float64Array.of(1, 2, 1),
    total: 4,
  };
}

/** θ of priming call r: the third weight alternately 0 (the last row's available weight is then 0). */
const primingTheta = (r: number): number[] => [0.5, 0.5, r % 2 === 0 ? 0 : 0.25, 0.5 - r / 40, 1];

// Both passes primed (util: primeOnLoad): rowPass3, which the fits' Newton steps run, and the loss-only
// objective of their line search.
{
  const data = primingData();
  primeOnLoad((r) => rowPass3(data, primingTheta(r)));
  primeOnLoad((r) => objective(data, primingTheta(r), [0.4, 0.4, 0.2], 0.01));
}
