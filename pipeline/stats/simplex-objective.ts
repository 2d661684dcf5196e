// Objective of the simplex weight fit and its exact gradient and Hessian (see simplex-fit.ts):
//   f(w, a, b) = mean log loss of  logit P(y=1) = a − b·c_i(w)/100  + λ‖w − w0‖²,
//   c_i(w) = Σ_{k avail} w_k X_ik / Σ_{k avail} w_k.
// With d_ik = ∂c_i/∂w_k = m_ik (X_ik − c_i)/S_i (m = availability, S_i = Σ_{k avail} w_k) and z_i the
// linear predictor, ∂²d_ik/∂w_l = −(m_ik d_il + m_il d_ik)/S_i gives the w–w block of ∇²z_i.
import type { Matrix } from './linalg.js';
import { label01, logLossFromLogit, sigmoid } from './util.js';

/** Flat, NaN-free copy of the data plus an availability mask, so the hot loops touch typed arrays only. */
export interface Data {
  n: number;
  k: number;
  x: Float64Array; // n·k, missing stored as 0
  avail: Uint8Array; // n·k
  mean: Float64Array; // plain mean of available values (fallback when all available weights are 0)
  y: Float64Array;
}

export function prepare(X: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, k: number): Data {
  const n = X.length;
  if (y.length !== n) throw new Error(`fitSimplexLogistic: ${n} rows but ${y.length} labels`);
  if (n === 0) throw new Error('fitSimplexLogistic: no rows');
  const data: Data = { n, k, x: new Float64Array(n * k), avail: new Uint8Array(n * k), mean: new Float64Array(n), y: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    if (row.length !== k) throw new Error(`row ${i} has ${row.length} dimensions, w0 has ${k}`);
    let cnt = 0;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      if (Number.isNaN(v)) continue;
      data.x[i * k + j] = v;
      data.avail[i * k + j] = 1;
      sum += v;
      cnt++;
    }
    if (cnt === 0) throw new Error(`row ${i} has no available dimension; exclude it before fitting`);
    data.mean[i] = sum / cnt;
    data.y[i] = label01(y[i]!, i);
  }
  return data;
}

/** Composite of row i and its derivative d_ik = ∂c_i/∂w_k (written into `d`); returns [c, S]. */
export function rowComposite(data: Data, w: ArrayLike<number>, i: number, d: Float64Array | null): [number, number] {
  const { k, x, avail } = data;
  let num = 0;
  let S = 0;
  for (let j = 0; j < k; j++) {
    if (avail[i * k + j]) {
      num += w[j]! * x[i * k + j]!;
      S += w[j]!;
    }
  }
  if (!(S > 0)) {
    if (d) d.fill(0);
    return [data.mean[i]!, 0];
  }
  const c = num / S;
  if (d) for (let j = 0; j < k; j++) d[j] = avail[i * k + j] ? (x[i * k + j]! - c) / S : 0;
  return [c, S];
}

/** Parameter vector θ = [w_0..w_{k−1}, a, b]. */
export function objective(data: Data, theta: number[], w0: ArrayLike<number>, lambda: number): number {
  const { n, k, y } = data;
  const a = theta[k]!;
  const b = theta[k + 1]!;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const [c] = rowComposite(data, theta, i, null);
    loss += logLossFromLogit(y[i]!, a - (b * c) / 100);
  }
  let pen = 0;
  for (let j = 0; j < k; j++) pen += (theta[j]! - w0[j]!) ** 2;
  return loss / n + lambda * pen;
}

/** Gradient and exact Hessian of the objective (derivation in the comments of each term). */
export function gradHess(data: Data, theta: number[], w0: ArrayLike<number>, lambda: number): { g: number[]; H: Matrix } {
  const { n, k, y, avail } = data;
  const m = k + 2;
  const a = theta[k]!;
  const b = theta[k + 1]!;
  const g = new Array<number>(m).fill(0);
  const H: Matrix = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const d = new Float64Array(k);
  const dz = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const [c, S] = rowComposite(data, theta, i, d);
    const p = sigmoid(a - (b * c) / 100);
    const r = (p - y[i]!) / n; // ∂loss/∂z
    const s = (p * (1 - p)) / n; // ∂²loss/∂z²
    // ∇z: ∂z/∂w_k = −b·d_k/100, ∂z/∂a = 1, ∂z/∂b = −c/100.
    for (let j = 0; j < k; j++) dz[j] = (-b * d[j]!) / 100;
    dz[k] = 1;
    dz[k + 1] = -c / 100;
    for (let u = 0; u < m; u++) {
      g[u]! += r * dz[u]!;
      const row = H[u]!;
      const su = s * dz[u]!;
      for (let v = u; v < m; v++) row[v]! += su * dz[v]!;
    }
    if (S === 0) continue;
    // ∇²z: ∂²z/∂b∂w_k = −d_k/100; ∂²z/∂w_k∂w_l = b·(m_k d_l + m_l d_k)/(100·S) (m = availability).
    for (let j = 0; j < k; j++) {
      H[j]![k + 1]! += (r * -d[j]!) / 100;
      const mj = avail[i * k + j]!;
      for (let l = j; l < k; l++) {
        const ml = avail[i * k + l]!;
        const second = (b * (mj * d[l]! + ml * d[j]!)) / (100 * S);
        if (second !== 0) H[j]![l]! += r * second;
      }
    }
  }
  for (let j = 0; j < k; j++) {
    g[j]! += 2 * lambda * (theta[j]! - w0[j]!);
    H[j]![j]! += 2 * lambda;
  }
  for (let u = 0; u < m; u++) for (let v = 0; v < u; v++) H[u]![v] = H[v]![u]!;
  return { g, H };
}
