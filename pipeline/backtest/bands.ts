// Miss rate per band (Jeffreys and partner-bootstrap intervals, lift), monotonicity, and the confusion
// tables when Red, or Red + Yellow, is treated as the warning.
import { jeffreysInterval } from '../stats/index.js';
import { BAND_CODES, type Population } from './data.js';
import type { CountStatistic, Resamples } from './resample.js';
import type { BandRow, BandsResult, Confusion, Interval } from './types.js';
import { finInterval, ratio } from './util.js';

/**
 * Bootstrap statistic: miss rate of one band within a resample (NaN when the band was not drawn), from
 * each partner's rows and misses in that band times the partner's draw count (integers: exact).
 */
export function bandRateStatistic(pop: Population, code: number, cluster: Int32Array, clusterCount: number): CountStatistic {
  const rowsIn = new Float64Array(clusterCount);
  const missesIn = new Float64Array(clusterCount);
  for (let i = 0; i < pop.n; i++) {
    if (pop.band[i] === code) {
      rowsIn[cluster[i]!]! += 1;
      missesIn[cluster[i]!]! += pop.label[i]!;
    }
  }
  return {
    // per resample, the sums over clusters in cluster order (a partner without rows in the band adds
    // exact zeros, so it is skipped)
    byResamples: ({ B, counts }: Resamples) => {
      const n = new Float64Array(B);
      const k = new Float64Array(B);
      for (let c = 0; c < clusterCount; c++) {
        const rc = rowsIn[c]!;
        const mc = missesIn[c]!;
        if (rc === 0 && mc === 0) continue;
        const o = c * B;
        for (let b = 0; b < B; b++) {
          n[b]! += counts[o + b]! * rc;
          k[b]! += counts[o + b]! * mc;
        }
      }
      return Float64Array.from(n, (v, b) => (v > 0 ? k[b]! / v : NaN));
    },
  };
}

export function confusion(label: ArrayLike<number>, flagged: (i: number) => boolean): Confusion {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < label.length; i++) {
    const f = flagged(i);
    if (label[i] === 1) {
      if (f) tp++;
      else fn++;
    } else if (f) fp++;
    else tn++;
  }
  return confusionFromCounts(tp, fp, fn, tn);
}

export function confusionFromCounts(tp: number, fp: number, fn: number, tn: number): Confusion {
  return {
    tp, fp, fn, tn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    fpr: ratio(fp, fp + tn),
    flagged_share: ratio(tp + fp, tp + fp + fn + tn),
  };
}

export function bandsResult(
  pop: Population,
  bootCis: Record<string, Interval | null>,
  level: number,
  greenMin: number | null,
  redBelow: number | null,
): BandsResult {
  let positives = 0;
  for (let i = 0; i < pop.n; i++) positives += pop.label[i]!;
  const baseRate = ratio(positives, pop.n);
  const rows: BandRow[] = BAND_CODES.map((band, code) => {
    let n = 0;
    let k = 0;
    for (let i = 0; i < pop.n; i++) {
      if (pop.band[i] === code) {
        n++;
        k += pop.label[i]!;
      }
    }
    const rate = ratio(k, n);
    return {
      band,
      n,
      positives: k,
      rate,
      ci_jeffreys: n > 0 ? finInterval(jeffreysInterval(k, n, level)) : null,
      ci_bootstrap: bootCis[`band_${band}`] ?? null,
      lift: rate !== null && baseRate ? rate / baseRate : null,
    };
  });
  const [g, y, r] = rows.map((row) => row.rate);
  return {
    green_min: greenMin,
    red_below: redBelow,
    base_rate: baseRate,
    rows,
    monotonic: g != null && y != null && r != null && g < y && y < r,
    red: confusion(pop.label, (i) => pop.band[i] === 2),
    red_or_yellow: confusion(pop.label, (i) => pop.band[i] === 1 || pop.band[i] === 2),
  };
}
