// The simplex fit's evaluate() pass for three dimensions, the models' usual size, with the 5 × 5 Hessian's
// 15 upper-triangle sums and the gradient held in local variables. The generic pass keeps them in typed
// arrays indexed in loops over k; profiled on the 5,000-partner bench it cost ~210 ns per row against
// ~80 ns here, and every fit of the calibration spends its time in this pass.
// It performs exactly the generic pass's floating-point operations, in the same order for each sum, so
// its results are bit-identical (test/stats/simplex-objective.test.ts checks that on random data).
import type { Data, RowPass } from './simplex-objective.js';

/** rowPass (simplex-objective.ts) for k = 3. */
export function rowPass3(data: Data, theta: ArrayLike<number>): RowPass {
  const { x, avail, mean, y, rows, mult } = data;
  const n = data.total;
  const w0 = theta[0]!;
  const w1 = theta[1]!;
  const w2 = theta[2]!;
  const a = theta[3]!;
  const b = theta[4]!;
  let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
  let h00 = 0, h01 = 0, h02 = 0, h03 = 0, h04 = 0, h11 = 0, h12 = 0, h13 = 0, h14 = 0;
  let h22 = 0, h23 = 0, h24 = 0, h33 = 0, h34 = 0, h44 = 0;
  let loss = 0;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t]!;
    const wt = mult[t]!;
    const o = i * 3;
    const v0 = avail[o]!;
    const v1 = avail[o + 1]!;
    const v2 = avail[o + 2]!;
    const x0 = x[o]!;
    const x1 = x[o + 1]!;
    const x2 = x[o + 2]!;
    let num = 0;
    let S = 0;
    if (v0) {
      num += w0 * x0;
      S += w0;
    }
    if (v1) {
      num += w1 * x1;
      S += w1;
    }
    if (v2) {
      num += w2 * x2;
      S += w2;
    }
    let c: number;
    let d0 = 0, d1 = 0, d2 = 0;
    if (S > 0) {
      c = num / S;
      if (v0) d0 = (x0 - c) / S;
      if (v1) d1 = (x1 - c) / S;
      if (v2) d2 = (x2 - c) / S;
    } else {
      c = mean[i]!;
      S = 0;
    }
    const yi = y[i]!;
    const z = a - (b * c) / 100;
    const e = Math.exp(-Math.abs(z));
    const softplus = (z > 0 ? z : 0) + Math.log1p(e);
    const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    loss += wt * (softplus - yi * z);
    const r = (wt * (p - yi)) / n;
    const s = (wt * p * (1 - p)) / n;
    // ∇z = (−b·d/100, 1, −c/100); the ×1 of ∂z/∂a is exact, so it is left out.
    const z0 = (-b * d0) / 100;
    const z1 = (-b * d1) / 100;
    const z2 = (-b * d2) / 100;
    const z4 = -c / 100;
    g0 += r * z0;
    g1 += r * z1;
    g2 += r * z2;
    g3 += r;
    g4 += r * z4;
    const s0 = s * z0;
    const s1 = s * z1;
    const s2 = s * z2;
    h00 += s0 * z0;
    h01 += s0 * z1;
    h02 += s0 * z2;
    h03 += s0;
    h04 += s0 * z4;
    h11 += s1 * z1;
    h12 += s1 * z2;
    h13 += s1;
    h14 += s1 * z4;
    h22 += s2 * z2;
    h23 += s2;
    h24 += s2 * z4;
    h33 += s;
    h34 += s * z4;
    h44 += s * z4 * z4;
    if (S === 0) continue;
    h04 += (r * -d0) / 100;
    h14 += (r * -d1) / 100;
    h24 += (r * -d2) / 100;
    // The w–w block of ∇²z: b·(d_l + d_k)/(100·S) for pairs of available dimensions.
    const bS = 100 * S;
    let q: number;
    if (v0) {
      q = (b * (d0 + d0)) / bS;
      if (q !== 0) h00 += r * q;
      if (v1) {
        q = (b * (d1 + d0)) / bS;
        if (q !== 0) h01 += r * q;
      }
      if (v2) {
        q = (b * (d2 + d0)) / bS;
        if (q !== 0) h02 += r * q;
      }
    }
    if (v1) {
      q = (b * (d1 + d1)) / bS;
      if (q !== 0) h11 += r * q;
      if (v2) {
        q = (b * (d2 + d1)) / bS;
        if (q !== 0) h12 += r * q;
      }
    }
    if (v2) {
      q = (b * (d2 + d2)) / bS;
      if (q !== 0) h22 += r * q;
    }
  }
  const h = new Float64Array(25);
  h.set([h00, h01, h02, h03, h04], 0);
  h.set([h11, h12, h13, h14], 6);
  h.set([h22, h23, h24], 12);
  h.set([h33, h34], 18);
  h[24] = h44;
  return { loss, g: Float64Array.of(g0, g1, g2, g3, g4), h };
}

/**
 * risksOf for three dimensions (the models' usual size; the calibration grid's AUCs take 231 of these over
 * M's 101k rows): compositeOf's sums in the same order with the weights in locals, so the same bits.
 */
export function risks3(data: Data, w: ArrayLike<number>, rows: ArrayLike<number>, out: Float64Array): Float64Array {
  const { x, avail, mean } = data;
  const w0 = w[0]!;
  const w1 = w[1]!;
  const w2 = w[2]!;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t]!;
    const o = i * 3;
    let num = 0;
    let S = 0;
    if (avail[o]) {
      num += w0 * x[o]!;
      S += w0;
    }
    if (avail[o + 1]) {
      num += w1 * x[o + 1]!;
      S += w1;
    }
    if (avail[o + 2]) {
      num += w2 * x[o + 2]!;
      S += w2;
    }
    out[t] = 100 - (S > 0 ? num / S : mean[i]!);
  }
  return out;
}
