import { describe, expect, it } from 'vitest';
import {
  auc,
  delongCovariance,
  delongPairedTest,
  delongVariance,
  hanleyMcNeilSE,
} from '../../pipeline/stats/index.js';
import { createRng, randNormal } from '../../pipeline/stats/random.js';
import { expectClose, loadAsah, loadGolden } from './helpers.js';

interface Discrimination {
  y: number[];
  s1: number[];
  s2: number[];
  s3: number[];
  auc: number[];
  delongCovariance: number[][];
}
const ref = loadGolden<{ discrimination: Discrimination }>('reference-values.json').discrimination;

describe('DeLong', () => {
  it('matches pROC var() and roc.test() on aSAH', () => {
    const d = loadAsah();
    expectClose(delongVariance(d.outcome, d.s100b), 0.0026686825, 1e-10);
    const t = delongPairedTest(d.outcome, d.s100b, d.wfns);
    expectClose(t.auc1, 0.7313686, 1e-6);
    expectClose(t.auc2, 0.8236789, 1e-6);
    expectClose(t.diff, t.auc1 - t.auc2, 1e-15);
    expectClose(t.z, -2.2089836, 1e-6);
    expectClose(t.p, 0.0271758, 1e-6);
    expectClose(t.se, Math.abs(t.diff / t.z), 1e-15);
  });

  it('fast midrank covariance equals the O(n1·n0) pairwise-kernel covariance on tied data', () => {
    const { aucs, covariance } = delongCovariance(ref.y, [ref.s1, ref.s2, ref.s3]);
    aucs.forEach((a, i) => expectClose(a, ref.auc[i]!, 1e-12));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expectClose(covariance[i]![j]!, ref.delongCovariance[i]![j]!, 1e-14);
    expect(covariance[0]![1]).toBe(covariance[1]![0]);
  });

  it('AUCs agree with auc() and identical scores give p = 1', () => {
    const d = loadAsah();
    const { aucs } = delongCovariance(d.outcome, [d.ndka]);
    expectClose(aucs[0]!, auc(d.outcome, d.ndka), 1e-15);
    const same = delongPairedTest(d.outcome, d.ndka, d.ndka);
    expect(same.diff).toBe(0);
    expect(same.p).toBe(1);
  });

  it('is symmetric in the two scores', () => {
    const ab = delongPairedTest(ref.y, ref.s1, ref.s2);
    const ba = delongPairedTest(ref.y, ref.s2, ref.s1);
    expectClose(ab.z, -ba.z, 1e-12);
    expectClose(ab.p, ba.p, 1e-12);
  });

  it('needs two rows of each class', () => {
    expect(() => delongVariance([0, 1, 0], [1, 2, 3])).toThrow();
  });

  it('separates two clearly different scores on 100k rows (p < 1e-6)', () => {
    const rng = createRng(1);
    const n = 100_000;
    const y = new Uint8Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng() < 0.1 ? 1 : 0;
      a[i] = randNormal(rng, y[i]!, 1);
      b[i] = Math.round(a[i]! + randNormal(rng, 0, 1));
    }
    const t = delongPairedTest(y, a, b);
    expect(t.p).toBeLessThan(1e-6);
  });
});

describe('Hanley–McNeil', () => {
  it('matches published values', () => {
    expectClose(hanleyMcNeilSE(0.75, 20, 200), 0.06498283, 1e-8);
    expectClose(hanleyMcNeilSE(0.75, 110, 110), 0.03282048, 1e-8);
    const d = loadAsah();
    expectClose(hanleyMcNeilSE(auc(d.outcome, d.s100b), 41, 72), 0.0512481, 1e-7);
  });
});
