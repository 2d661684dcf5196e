import { describe, expect, it } from 'vitest';
import { congruence, symmetricEigen } from '../../pipeline/stats/linalg.js';
import { createRng, randNormal } from '../../pipeline/stats/random.js';
import { expectClose } from './helpers.js';

describe('symmetricEigen', () => {
  it('reconstructs random symmetric (including indefinite) matrices with orthonormal vectors', () => {
    const rng = createRng(21);
    for (let t = 0; t < 30; t++) {
      const n = 1 + (t % 9);
      const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i]![j] = A[j]![i] = randNormal(rng, 0, 3);
      const { values, vectors: V } = symmetricEigen(A);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let rec = 0;
          let orth = 0;
          for (let e = 0; e < n; e++) {
            rec += V[i]![e]! * values[e]! * V[j]![e]!;
            orth += V[e]![i]! * V[e]![j]!;
          }
          expectClose(rec, A[i]![j]!, 1e-12);
          expectClose(orth, i === j ? 1 : 0, 1e-12);
        }
      }
    }
  });

  it('finds the known spectrum of a 2 × 2 matrix', () => {
    const { values } = symmetricEigen([[2, 1], [1, 2]]);
    expect(values.slice().sort((a, b) => a - b)).toEqual([1, 3].map((v) => expect.closeTo(v, 14)));
  });
});

describe('congruence', () => {
  it('computes Zᵀ A Z', () => {
    const A = [[1, 2], [2, 5]];
    const Z = [[1], [-1]];
    expect(congruence(A, Z)).toEqual([[1 - 2 - 2 + 5]]);
  });
});
