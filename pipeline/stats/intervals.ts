// Interval estimates: Jeffreys interval for a binomial rate, percentile interval for bootstrap samples.
import { betaQuantile } from './distributions.js';
import { quantileSorted } from './util.js';

/**
 * Jeffreys interval for k events in n trials: equal-tailed Beta(k + ½, n − k + ½) quantiles, with the
 * conventional boundary fix (lo = 0 when k = 0, hi = 1 when k = n) so coverage does not collapse there.
 */
export function jeffreysInterval(k: number, n: number, level = 0.95): [number, number] {
  if (!(n >= 0) || !(k >= 0) || k > n) throw new Error(`jeffreysInterval: need 0 <= k <= n, got k=${k}, n=${n}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1), got ${level}`);
  const alpha = 1 - level;
  const a = k + 0.5;
  const b = n - k + 0.5;
  const lo = k === 0 ? 0 : betaQuantile(alpha / 2, a, b);
  const hi = k === n ? 1 : betaQuantile(1 - alpha / 2, a, b);
  return [lo, hi];
}

/**
 * Equal-tailed percentile interval of (bootstrap) samples, linear interpolation between order statistics
 * (numpy's default). NaN samples are ignored; no finite samples gives [NaN, NaN].
 */
export function percentileInterval(samples: ArrayLike<number>, level = 0.95): [number, number] {
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1), got ${level}`);
  const kept: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (!Number.isNaN(v)) kept.push(v);
  }
  const sorted = Float64Array.from(kept).sort();
  const alpha = 1 - level;
  return [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
}
