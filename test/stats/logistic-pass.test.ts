// fitLogistic1D reads the rows once an iteration (loss, gradient and Hessian in one pass). This pins it
// bit for bit against the two-pass Newton iteration it replaced (kept here as the reference), over
// separable, offset-only, soft-target and constant-predictor cases.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { fitLogistic1D, fitLogistic1DWeighted, type Logistic1DOptions } from '../../pipeline/stats/index.js';
import { logLossFromLogit, sigmoid } from '../../pipeline/stats/util.js';

function twoPassReference(x: ArrayLike<number>, y: ArrayLike<number>, o: Logistic1DOptions = {}) {
  const n = y.length;
  const off = o.offset;
  const maxIter = o.maxIter ?? 100;
  const tol = o.tol ?? 1e-10;
  const onlyA = o.interceptOnly === true;
  const meanLoss = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += logLossFromLogit(y[i]!, a + b * x[i]! + (off ? off[i]! : 0));
    return s / n;
  };
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i]!;
  ybar = Math.min(Math.max(ybar / n, 1e-6), 1 - 1e-6);
  let a = off ? 0 : Math.log(ybar / (1 - ybar));
  let b = 0;
  let loss = meanLoss(a, b);
  for (let it = 1; it <= maxIter; it++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < n; i++) {
      const xi = onlyA ? 0 : x[i]!;
      const p = sigmoid(a + b * xi + (off ? off[i]! : 0));
      const r = p - y[i]!;
      const w = p * (1 - p);
      g0 += r; g1 += r * xi; h00 += w; h01 += w * xi; h11 += w * xi * xi;
    }
    let da: number;
    let db = 0;
    if (onlyA) da = h00 > 0 ? -g0 / h00 : 0;
    else {
      const ridge = 1e-12 * (h00 + h11);
      const det = (h00 + ridge) * (h11 + ridge) - h01 * h01;
      da = -((h11 + ridge) * g0 - h01 * g1) / det;
      db = -((h00 + ridge) * g1 - h01 * g0) / det;
    }
    if (!Number.isFinite(da) || !Number.isFinite(db)) return { intercept: a, slope: b, converged: false, iterations: it, logLoss: loss };
    // a step whose expected gain lies below the loss's rounding is taken whole (logistic.ts newton)
    const resolvable = -(g0 * da + g1 * db) / (2 * n) > 64 * Number.EPSILON * Math.abs(loss);
    let t = 1;
    let next = meanLoss(a + da, b + db);
    while (resolvable && next > loss && t > 1e-10) {
      t /= 2;
      next = meanLoss(a + t * da, b + t * db);
    }
    if (resolvable && next > loss) return { intercept: a, slope: b, converged: true, iterations: it, logLoss: loss };
    a += t * da;
    b += t * db;
    loss = next;
    if (Math.abs(t * da) <= tol * (1 + Math.abs(a)) && Math.abs(t * db) <= tol * (1 + Math.abs(b))) {
      return { intercept: a, slope: b, converged: true, iterations: it, logLoss: loss };
    }
  }
  return { intercept: a, slope: b, converged: false, iterations: maxIter, logLoss: loss };
}

function sample(n: number, seed: string, slope: number) {
  const rng = seedrandom(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 100 * rng();
    y[i] = rng() < 1 / (1 + Math.exp(-(slope * (x[i]! - 50)))) ? 1 : 0;
  }
  return { x, y };
}

describe('fitLogistic1D (one pass an iteration)', () => {
  const cases: Array<[string, () => { x: ArrayLike<number>; y: ArrayLike<number>; o?: Logistic1DOptions }]> = [
    ['noisy, 5,000 rows', () => sample(5000, 'a', 0.04)],
    ['steep, 800 rows', () => sample(800, 'b', 0.5)],
    ['soft targets', () => {
      const { x, y } = sample(1000, 'c', 0.08);
      return { x, y: Array.from(y, (v) => (v ? 0.97 : 0.02)) };
    }],
    ['separable (stops at maxIter)', () => ({ x: [1, 2, 3, 4, 5, 6], y: [0, 0, 0, 1, 1, 1], o: { maxIter: 30 } })],
    ['constant predictor', () => ({ x: [3, 3, 3, 3, 3], y: [0, 1, 0, 1, 1] })],
    ['offset, intercept only', () => {
      const { x, y } = sample(2000, 'd', 0.06);
      const lp = Array.from(x, (v) => 0.06 * (v - 50));
      return { x: lp, y, o: { offset: lp, interceptOnly: true } };
    }],
    ['offset with slope', () => {
      const { x, y } = sample(2000, 'e', 0.03);
      return { x, y, o: { offset: Array.from(x, (v) => -0.01 * v) } };
    }],
  ];
  for (const [name, make] of cases) {
    it(`equals the two-pass iteration to the bit: ${name}`, () => {
      const { x, y, o } = make();
      const got = fitLogistic1D(x, y, o);
      const want = twoPassReference(x, y, o);
      expect(got).toStrictEqual(want);
      expect(got.iterations).toBeGreaterThan(1);
    });
  }
});

describe('plattFitCounts', () => {
  it('fits counted rows as plattFit fits the rows they stand for', async () => {
    const { plattFit, plattFitCounts } = await import('../../pipeline/stats/index.js');
    const { x, y } = sample(3000, 'f', 0.05);
    // 60 distinct scores, each with its positives and negatives counted
    const xs = Array.from(x, (v) => Math.round(v / 1.7));
    const keys = [...new Set(xs)].sort((p, q) => p - q);
    const pos = keys.map((k) => xs.filter((v, i) => v === k && y[i] === 1).length);
    const neg = keys.map((k) => xs.filter((v, i) => v === k && y[i] === 0).length);
    const rows = plattFit(xs, y);
    const counted = plattFitCounts(keys, pos, neg);
    expect(counted.converged).toBe(true);
    // to the precision a flat optimum allows (the loss's rounding noise hides steps below ~1e-8)
    expect(counted.a).toBeCloseTo(rows.a, 7);
    expect(counted.b).toBeCloseTo(rows.b, 8);
    expect(counted.predict(30)).toBeCloseTo(rows.predict(30), 9);
    expect(Math.abs(counted.a - rows.a)).toBeGreaterThan(0); // another order of the same sums
  });
});

describe('the typed pass (Float64Array rows, no offset)', () => {
  // Typed arrays take their own loop, with the slope-0 start made once for all rows; plain arrays take
  // the generic pass. Both must give the same bits.
  it('fitLogistic1D: typed arrays fit as plain ones, to the bit', () => {
    for (const [n, seed, slope] of [[5000, 'g', 0.04], [800, 'h', 0.5], [300, 'i', -0.02]] as const) {
      const { x, y } = sample(n, seed, slope);
      const typed = fitLogistic1D(x, y);
      expect(typed).toStrictEqual(fitLogistic1D(Array.from(x), Array.from(y)));
      expect(typed).toStrictEqual(twoPassReference(x, y));
      // the first iterates too (the converged point can hide a difference in the first pass's sums)
      for (const maxIter of [1, 2, 3]) expect(fitLogistic1D(x, y, { maxIter })).toStrictEqual(fitLogistic1D(Array.from(x), Array.from(y), { maxIter }));
    }
    // a zero intercept at the start (ybar = 1/2), where the pass's + 0 matters for −0
    const x = Float64Array.of(-3, -1, 0, 1, 3, 5);
    const y = Float64Array.of(0, 1, 0, 1, 0, 1);
    expect(fitLogistic1D(x, y)).toStrictEqual(fitLogistic1D(Array.from(x), Array.from(y)));
  });
  it('fitLogistic1DWeighted: typed arrays fit as plain ones, to the bit', () => {
    const { x, y } = sample(2000, 'j', 0.05);
    const w = Float64Array.from(x, (_, i) => 1 + (i % 4));
    const wy = Float64Array.from(y, (v, i) => v * w[i]! * 0.97 + 0.01);
    const typed = fitLogistic1DWeighted(x, w, wy);
    expect(typed.iterations).toBeGreaterThan(1);
    expect(typed).toStrictEqual(fitLogistic1DWeighted(Array.from(x), Array.from(w), Array.from(wy)));
    for (const maxIter of [1, 2, 3]) {
      expect(fitLogistic1DWeighted(x, w, wy, { maxIter })).toStrictEqual(fitLogistic1DWeighted(Array.from(x), Array.from(w), Array.from(wy), { maxIter }));
    }
  });
});

describe('where Newton starts (fitLogistic1DWeighted start, plattFitCounts start)', () => {
  const { x, y } = sample(4000, 'k', 0.04);
  const w = Float64Array.from(x, (_, i) => 1 + (i % 3));
  const wy = Float64Array.from(y, (v, i) => v * w[i]! * 0.98 + 0.01 * w[i]!);
  const cold = fitLogistic1DWeighted(x, w, wy);

  it('started near the optimum, it reaches the same one in fewer iterations', () => {
    // a bootstrap refit starts at the fit on all rows: here, one 1% off it (within a standard error)
    const warm = fitLogistic1DWeighted(x, w, wy, { start: { intercept: cold.intercept * 1.01, slope: cold.slope * 0.99 } });
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(warm.intercept).toBeCloseTo(cold.intercept, 12);
    expect(warm.slope).toBeCloseTo(cold.slope, 13);
    expect(warm.logLoss).toBeCloseTo(cold.logLoss, 15);
  });

  it('started at the optimum itself, it stops after one iteration (no halving on rounding noise)', () => {
    const again = fitLogistic1DWeighted(x, w, wy, { start: { intercept: cold.intercept, slope: cold.slope } });
    expect(again.iterations).toBe(1);
    expect(again.intercept).toBeCloseTo(cold.intercept, 13);
  });

  it('a start that is not finite is ignored: the cold fit, to the bit', () => {
    expect(fitLogistic1DWeighted(x, w, wy, { start: { intercept: NaN, slope: 0 } })).toStrictEqual(cold);
  });

  it('plattFitCounts passes its start on', async () => {
    const { plattFitCounts } = await import('../../pipeline/stats/index.js');
    const pos = Float64Array.from(y);
    const neg = Float64Array.from(y, (v) => 1 - v);
    const fit = plattFitCounts(x, pos, neg);
    const warm = plattFitCounts(x, pos, neg, { start: { a: fit.a * 0.9, b: fit.b * 1.1 } });
    expect(warm.a).toBeCloseTo(fit.a, 11);
    expect(warm.b).toBeCloseTo(fit.b, 12);
  });
});
