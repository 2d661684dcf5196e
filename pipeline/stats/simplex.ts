// Simplex helpers for dimension weights: Euclidean projection, weight grids, renormalised composites.

/**
 * Euclidean projection onto {w ≥ 0, Σw = 1} (Duchi, Shalev-Shwartz, Singer & Chandra 2008), O(k log k).
 */
export function projectToSimplex(v: ArrayLike<number>): number[] {
  const k = v.length;
  if (k === 0) throw new Error('projectToSimplex: empty vector');
  const u = Array.from(v).sort((a, b) => b - a);
  let cum = 0;
  let theta = 0;
  for (let j = 0; j < k; j++) {
    cum += u[j]!;
    const t = (cum - 1) / (j + 1);
    if (u[j]! - t > 0) theta = t;
  }
  return Array.from(v, (x) => Math.max(x - theta, 0));
}

/**
 * Every weight vector of length k whose entries are multiples of `step` and sum to 1
 * (C(m + k − 1, k − 1) vectors for m = 1/step: 1771 for k = 4 at 0.05, 53130 for k = 6).
 */
export function simplexGrid(k: number, step: number): number[][] {
  const m = Math.round(1 / step);
  if (k < 1 || !(m >= 1) || Math.abs(m * step - 1) > 1e-9) throw new Error(`simplexGrid: step must divide 1, got ${step}`);
  const out: number[][] = [];
  const parts = new Array<number>(k).fill(0);
  const rec = (j: number, left: number): void => {
    if (j === k - 1) {
      parts[j] = left;
      out.push(parts.map((p) => p / m));
      return;
    }
    for (let p = left; p >= 0; p--) {
      parts[j] = p;
      rec(j + 1, left - p);
    }
  };
  rec(0, m);
  return out;
}

/**
 * Composite per row: Σ w_k X_k / Σ w_k over the row's available (non-NaN) dimensions, i.e. the weights
 * are renormalised over what is known. NaN when a row has no available dimension. If every available
 * dimension has weight 0 the plain mean of the available values is used (the limit along equal weights).
 */
export function compositeScores(X: ArrayLike<ArrayLike<number>>, w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const row = X[i]!;
    if (row.length !== w.length) throw new Error(`row ${i} has ${row.length} dimensions, weights have ${w.length}`);
    let num = 0;
    let den = 0;
    let sum = 0;
    let cnt = 0;
    for (let k = 0; k < w.length; k++) {
      const x = row[k]!;
      if (Number.isNaN(x)) continue;
      num += w[k]! * x;
      den += w[k]!;
      sum += x;
      cnt++;
    }
    out[i] = cnt === 0 ? NaN : den > 0 ? num / den : sum / cnt;
  }
  return out;
}
