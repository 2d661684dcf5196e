// Partner-cluster bootstrap of several statistics at once. Each statistic keeps its own sample list
// (NaN allowed) so a resample where one statistic is undefined (e.g. no Red rows drawn) still counts
// for the others; the stats layer's clusterBootstrap would drop the whole resample instead.
import { clusterBootstrap, percentileInterval } from '../stats/index.js';
import type { Interval } from './types.js';
import { finInterval } from './util.js';

export type Statistic = (rows: Int32Array) => number;

export interface ResampleResult {
  cis: Record<string, Interval | null>;
  /** Resamples where every statistic was defined. */
  usable: number;
  clusters: number;
}

export function partnerBootstrap(
  clusters: ArrayLike<number>,
  statistics: Record<string, Statistic>,
  B: number,
  seed: number,
  level: number,
): ResampleResult {
  const names = Object.keys(statistics);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const distinct = new Set(Array.from(clusters)).size;
  // One partner resampled is always that partner: every resample equals the estimate, which is no interval.
  if (distinct < 2 || B <= 0) return { cis: Object.fromEntries(names.map((n) => [n, null])), usable: 0, clusters: distinct };
  let usable = 0;
  const r = clusterBootstrap({
    clusters,
    B,
    seed,
    statistic: (rows) => {
      let ok = true;
      for (const n of names) {
        const v = statistics[n]!(rows);
        samples[n]!.push(v);
        if (Number.isNaN(v)) ok = false;
      }
      if (ok) usable++;
      return 0; // samples are collected above
    },
  });
  const cis: Record<string, Interval | null> = {};
  for (const n of names) {
    const finite = samples[n]!.filter((v) => !Number.isNaN(v));
    // Fewer than half the resamples defined: an interval from them would be misleading.
    cis[n] = finite.length >= Math.max(2, B / 2) ? finInterval(percentileInterval(finite, level)) : null;
  }
  return { cis, usable, clusters: r.clusterCount };
}
