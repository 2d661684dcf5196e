import { describe, expect, it } from 'vitest';
import { auc, gini, ksStatistic, prAuc, rocCurve } from '../../pipeline/stats/index.js';
import { createRng, randNormal } from '../../pipeline/stats/random.js';
import { expectClose, loadAsah, loadGolden } from './helpers.js';

interface Discrimination {
  y: number[];
  s1: number[];
  s2: number[];
  s3: number[];
  auc: number[];
  mannWhitneyAuc: number;
  ks: number[];
  averagePrecision: number[];
  rocS1: { fpr: number; tpr: number; threshold?: number }[];
}
const ref = loadGolden<{ discrimination: Discrimination }>('reference-values.json').discrimination;

describe('auc', () => {
  it('matches scikit-learn roc_auc_score docstring example', () => {
    expectClose(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75, 1e-12);
  });

  it('matches pROC on aSAH', () => {
    const d = loadAsah();
    expect(d.outcome.length).toBe(113);
    expect(d.outcome.filter((v) => v === 1).length).toBe(41);
    expectClose(auc(d.outcome, d.s100b), 0.7313686, 1e-6);
    expectClose(auc(d.outcome, d.wfns), 0.8236789, 1e-6);
    expectClose(auc(d.outcome, d.ndka), 0.611958, 1e-6);
  });

  it('matches the pairwise kernel and scipy Mann–Whitney on heavily tied data', () => {
    expectClose(auc(ref.y, ref.s1), ref.auc[0]!, 1e-12);
    expectClose(auc(ref.y, ref.s2), ref.auc[1]!, 1e-12);
    expectClose(auc(ref.y, ref.s3), ref.auc[2]!, 1e-12);
    expectClose(auc(ref.y, ref.s1), ref.mannWhitneyAuc, 1e-12);
  });

  it('counts ties between classes as 1/2', () => {
    expect(auc([0, 1], [3, 3])).toBe(0.5);
    expect(auc([0, 0, 1, 1], [1, 1, 1, 1])).toBe(0.5);
    expect(auc([0, 1, 1], [2, 2, 3])).toBe(0.75);
  });

  it('is invariant under strictly increasing transforms and flips under negation', () => {
    const rng = createRng(3);
    const n = 500;
    const y = Array.from({ length: n }, () => (rng() < 0.2 ? 1 : 0));
    const s = y.map((v) => Math.round(10 * randNormal(rng, v, 1)) / 10);
    const base = auc(y, s);
    expectClose(auc(y, s.map(Math.exp)), base, 1e-14);
    expectClose(auc(y, s.map((x) => x ** 3)), base, 1e-14);
    expectClose(auc(y, s.map((x) => 3 * x - 7)), base, 1e-14);
    expectClose(auc(y, s.map((x) => -x)), 1 - base, 1e-14);
  });

  it('accepts typed arrays and a row subset (rows may repeat)', () => {
    const y = Int8Array.from([0, 0, 1, 1, 0, 1]);
    const s = Float64Array.from([0.1, 0.4, 0.35, 0.8, 0.9, 0.05]);
    expectClose(auc(y, s, [0, 1, 2, 3]), 0.75, 1e-15);
    expectClose(auc(y, s, [0, 0, 1, 2, 3]), auc([0, 0, 0, 1, 1], [0.1, 0.1, 0.4, 0.35, 0.8]), 1e-15);
  });

  it('returns NaN without both classes and rejects bad input', () => {
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(() => auc([0, 2], [0.2, 0.3])).toThrow();
    expect(() => auc([0, 1], [0.2, NaN])).toThrow();
    expect(() => auc([0, 1], [0.2])).toThrow();
  });

  it('gini = 2·AUC − 1', () => {
    expect(gini(0.75)).toBe(0.5);
  });

  it('gives the exact pair count on 100k heavily tied rows', () => {
    const rng = createRng(9);
    const n = 100_000;
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng() < 0.1 ? 1 : 0;
      s[i] = Math.round(randNormal(rng, y[i]! * 0.5, 1) * 100);
    }
    // Independent count: for each positive, negatives below it plus half the tied ones (binary search).
    const neg = Array.from(s).filter((_, i) => y[i] === 0).sort((p, q) => p - q);
    const below = (v: number, strict: boolean): number => {
      let lo = 0, hi = neg.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (strict ? neg[mid]! < v : neg[mid]! <= v) lo = mid + 1; else hi = mid; }
      return lo;
    };
    let wins = 0, pos = 0;
    for (let i = 0; i < n; i++) {
      if (y[i] !== 1) continue;
      pos++;
      const lt = below(s[i]!, true);
      wins += lt + (below(s[i]!, false) - lt) / 2;
    }
    expect(pos).toBeGreaterThan(0);
    expectClose(auc(y, s), wins / (pos * neg.length), 1e-12);
  });
});

describe('rocCurve', () => {
  it('runs from (0,0) to (1,1) over distinct thresholds, matching sklearn roc_curve', () => {
    const pts = rocCurve(ref.y, ref.s1);
    expect(pts[0]).toEqual({ fpr: 0, tpr: 0, threshold: Infinity });
    expect(pts[pts.length - 1]!.fpr).toBe(1);
    expect(pts[pts.length - 1]!.tpr).toBe(1);
    expect(pts.length).toBe(ref.rocS1.length);
    pts.forEach((p, i) => {
      expectClose(p.fpr, ref.rocS1[i]!.fpr, 1e-15);
      expectClose(p.tpr, ref.rocS1[i]!.tpr, 1e-15);
      if (i > 0) expectClose(p.threshold, ref.rocS1[i]!.threshold!, 0); // numpy may write -0
    });
  });

  it('trapezoidal area under the curve equals auc()', () => {
    const pts = rocCurve(ref.y, ref.s2);
    let area = 0;
    for (let i = 1; i < pts.length; i++) area += ((pts[i]!.fpr - pts[i - 1]!.fpr) * (pts[i]!.tpr + pts[i - 1]!.tpr)) / 2;
    expectClose(area, auc(ref.y, ref.s2), 1e-12);
  });
});

describe('ksStatistic', () => {
  it('matches pROC/aSAH and scipy ks_2samp on tied data', () => {
    const d = loadAsah();
    expectClose(ksStatistic(d.outcome, d.s100b), 0.4397019, 1e-6);
    expectClose(ksStatistic(ref.y, ref.s1), ref.ks[0]!, 1e-12);
    expectClose(ksStatistic(ref.y, ref.s2), ref.ks[1]!, 1e-12);
    expectClose(ksStatistic(ref.y, ref.s3), ref.ks[2]!, 1e-12);
  });
});

describe('prAuc (average precision)', () => {
  it('matches scikit-learn average_precision_score docstring example', () => {
    expectClose(prAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.8333333333333333, 1e-15);
  });

  it('matches a port of scikit-learn on tied data', () => {
    expectClose(prAuc(ref.y, ref.s1), ref.averagePrecision[0]!, 1e-12);
    expectClose(prAuc(ref.y, ref.s2), ref.averagePrecision[1]!, 1e-12);
    expectClose(prAuc(ref.y, ref.s3), ref.averagePrecision[2]!, 1e-12);
  });

  it('is 1 for a perfect ranking and the base rate when all scores tie', () => {
    expect(prAuc([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8])).toBe(1);
    expectClose(prAuc([0, 1, 0, 0], [1, 1, 1, 1]), 0.25, 1e-15);
    expect(prAuc([0, 0], [0.1, 0.2])).toBeNaN();
  });
});
