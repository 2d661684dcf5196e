// Partner-cluster bootstrap of several statistics at once. Each statistic keeps its own sample list
// (NaN allowed) so a resample where one statistic is undefined (e.g. no Red rows drawn) still counts
// for the others; the stats layer's clusterBootstrap would drop the whole resample instead.
//
// The resamples are the stats layer's (clusterDraws, same seed → same draws). A statistic reads a
// resample either as its row list (rows of a partner drawn k times appear k times, in draw order, as
// clusterBootstrap builds it) or, much cheaper, as the number of times each partner was drawn; the row
// list is only built when some statistic asks for it.
import { clusterDraws, groupRows, percentileInterval } from '../stats/index.js';
import type { Interval } from './types.js';
import { finInterval } from './util.js';

export type Statistic = (rows: Int32Array) => number;

/** A statistic of the draw count of each cluster (`draws[c]`, clusters numbered as clusterIds numbers them). */
export interface CountStatistic {
  byCluster(draws: Int32Array): number;
}

export interface ResampleResult {
  cis: Record<string, Interval | null>;
  /** Resamples where every statistic was defined. */
  usable: number;
  clusters: number;
}

/** Cluster id of every row, numbered in order of first appearance (as groupRows and the draws number them). */
export function clusterIds(clusters: ArrayLike<number>): { ofRow: Int32Array; count: number } {
  const { start, rows } = groupRows(clusters);
  const ofRow = new Int32Array(clusters.length);
  const count = start.length - 1;
  for (let c = 0; c < count; c++) for (let r = start[c]!; r < start[c + 1]!; r++) ofRow[rows[r]!] = c;
  return { ofRow, count };
}

/** Evaluates `f` once per resample however many statistics read it (resamples are new arrays). */
export function perResample(f: (draws: Int32Array) => number): CountStatistic {
  let last: Int32Array | null = null;
  let value = NaN;
  return {
    byCluster: (draws) => {
      if (draws !== last) {
        last = draws;
        value = f(draws);
      }
      return value;
    },
  };
}

export function partnerBootstrap(
  clusters: ArrayLike<number>,
  statistics: Record<string, Statistic | CountStatistic>,
  B: number,
  seed: number,
  level: number,
): ResampleResult {
  const names = Object.keys(statistics);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const distinct = new Set(Array.from(clusters)).size;
  // One partner resampled is always that partner: every resample equals the estimate, which is no interval.
  if (distinct < 2 || B <= 0) return { cis: Object.fromEntries(names.map((n) => [n, null])), usable: 0, clusters: distinct };
  const { start, rows } = groupRows(clusters);
  const C = start.length - 1;
  const needRows = names.some((n) => typeof statistics[n] === 'function');
  const draws = clusterDraws(C, seed);
  let usable = 0;
  for (let b = 0; b < B; b++) {
    const drawn = draws.next();
    const counts = new Int32Array(C);
    let total = 0;
    for (let j = 0; j < C; j++) {
      const c = drawn[j]!;
      counts[c]! += 1;
      total += start[c + 1]! - start[c]!;
    }
    let idx: Int32Array | null = null;
    if (needRows) {
      idx = new Int32Array(total);
      let k = 0;
      for (let j = 0; j < C; j++) {
        const c = drawn[j]!;
        for (let r = start[c]!; r < start[c + 1]!; r++) idx[k++] = rows[r]!;
      }
    }
    let ok = true;
    for (const n of names) {
      const s = statistics[n]!;
      const v = typeof s === 'function' ? s(idx!) : s.byCluster(counts);
      samples[n]!.push(v);
      if (Number.isNaN(v)) ok = false;
    }
    if (ok) usable++;
  }
  const cis: Record<string, Interval | null> = {};
  for (const n of names) {
    const finite = samples[n]!.filter((v) => !Number.isNaN(v));
    // Fewer than half the resamples defined: an interval from them would be misleading.
    cis[n] = finite.length >= Math.max(2, B / 2) ? finInterval(percentileInterval(finite, level)) : null;
  }
  return { cis, usable, clusters: C };
}
