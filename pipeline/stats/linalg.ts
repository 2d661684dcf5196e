// Dense linear algebra for the tiny (≤ ~10 × 10) matrices of the simplex fit. Plain arrays are fine here.

export type Matrix = number[][];

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Zᵀ A Z. */
export function congruence(A: Matrix, Z: Matrix): Matrix {
  const n = A.length;
  const m = Z[0]!.length;
  const AZ = zeros(n, m);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const a = A[i]![k]!;
    if (a !== 0) for (let j = 0; j < m; j++) AZ[i]![j]! += a * Z[k]![j]!;
  }
  const out = zeros(m, m);
  for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) {
    const z = Z[k]![i]!;
    if (z !== 0) for (let j = 0; j < m; j++) out[i]![j]! += z * AZ[k]![j]!;
  }
  return out;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: A = V·diag(values)·Vᵀ. */
export function symmetricEigen(A: Matrix): { values: number[]; vectors: Matrix } {
  const n = A.length;
  const a = A.map((row) => row.slice());
  const V = zeros(n, n);
  for (let i = 0; i < n; i++) V[i]![i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      total += a[i]![j]! ** 2;
      if (i !== j) off += a[i]![j]! ** 2;
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form).
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: V };
}
