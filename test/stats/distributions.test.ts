import { describe, expect, it } from 'vitest';
import {
  betaInc,
  betaQuantile,
  chiSquareCdf,
  chiSquareSf,
  gammaP,
  gammaQ,
  lnGamma,
  normCdf,
  normQuantile,
} from '../../pipeline/stats/index.js';
import { expectClose, loadGolden } from './helpers.js';

interface Dist {
  normCdf: [number, number][];
  normQuantile: [number, number][];
  betaInc: [number, number, number, number][];
  betaQuantile: [number, number, number, number][];
  chiSquareCdf: [number, number, number][];
  chiSquareSf: [number, number, number][];
  gammaP: [number, number, number, number][];
  lnGamma: [number, number][];
}
const ref = loadGolden<{ distributions: Dist }>('reference-values.json').distributions;

describe('normal distribution (vs scipy.stats.norm)', () => {
  it('cdf to 1e-14 absolute and 1e-12 relative in the tails', () => {
    for (const [x, p] of ref.normCdf) expectClose(normCdf(x), p, 1e-14, 1e-12);
  });

  it('quantile to 1e-9 (relative in the far tails)', () => {
    for (const [p, x] of ref.normQuantile) expectClose(normQuantile(p), x, 1e-9, 1e-12);
  });

  it('quantile inverts cdf and handles the ends', () => {
    for (let p = 0.001; p < 1; p += 0.0371) expectClose(normCdf(normQuantile(p)), p, 1e-15, 1e-13);
    expect(normQuantile(0)).toBe(-Infinity);
    expect(normQuantile(1)).toBe(Infinity);
    expect(normQuantile(1.2)).toBeNaN();
    expectClose(normQuantile(0.975), 1.959963984540054, 1e-12);
  });
});

describe('beta distribution (vs scipy.special.betainc / scipy.stats.beta.ppf)', () => {
  it('regularized incomplete beta', () => {
    for (const [x, a, b, v] of ref.betaInc) expectClose(betaInc(x, a, b), v, 1e-12, 1e-10);
  });

  it('quantile', () => {
    for (const [p, a, b, x] of ref.betaQuantile) expectClose(betaQuantile(p, a, b), x, 1e-11, 1e-9);
  });

  it('quantile inverts the cdf', () => {
    for (const [a, b] of [[0.5, 0.5], [2, 9], [40.5, 3.5], [0.3, 7]] as const) {
      for (const p of [0.001, 0.05, 0.5, 0.95, 0.999]) expectClose(betaInc(betaQuantile(p, a, b), a, b), p, 1e-12, 1e-10);
    }
  });
});

describe('gamma and chi-square (vs scipy)', () => {
  it('lnGamma', () => {
    for (const [x, v] of ref.lnGamma) expectClose(lnGamma(x), v, 1e-13, 1e-13);
  });

  it('regularized incomplete gamma P and Q', () => {
    for (const [a, x, p, q] of ref.gammaP) {
      expectClose(gammaP(a, x), p, 1e-13, 1e-11);
      expectClose(gammaQ(a, x), q, 1e-13, 1e-11);
    }
  });

  it('chi-square cdf and survival function', () => {
    for (const [x, k, v] of ref.chiSquareCdf) expectClose(chiSquareCdf(x, k), v, 1e-13, 1e-11);
    for (const [x, k, v] of ref.chiSquareSf) expectClose(chiSquareSf(x, k), v, 1e-13, 1e-11);
  });
});
