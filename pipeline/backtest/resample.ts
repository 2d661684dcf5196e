// Partner-cluster bootstrap of several statistics at once. Each statistic keeps its own sample list
// (NaN allowed) so a resample where one statistic is undefined (e.g. no Red rows drawn) still counts
// for the others; the stats layer's clusterBootstrap would drop the whole resample instead.
//
// The resamples are the stats layer's (clusterDraws, same seed → same draws). A statistic reads a
// resample either as its row list (rows of a partner drawn k times appear k times, in draw order, as
// clusterBootstrap builds it) or, much cheaper, as the number of times each partner was drawn; the row
// list is only built when some statistic asks for it. A draw-count statistic may also read all resamples
// at once (`byResamples`): one pass over its rows for every resample instead of one pass per resample.
import { clusterDraws, groupRows, percentileInterval } from '../stats/index.js';
import type { Interval } from './types.js';
import { finInterval } from './util.js';

export type Statistic = (rows: Int32Array) => number;

/** B resamples as draw counts, cluster-major: `counts[c * B + b]` is how often cluster c was drawn in resample b. */
export interface Resamples {
  B: number;
  counts: Int32Array;
}

/** A statistic of the draw count of each cluster (`draws[c]`, clusters numbered as clusterIds numbers them). */
export interface CountStatistic {
  byCluster(draws: Int32Array): number;
  /**
   * Every resample's value at once, each bit for bit byCluster's of that resample's counts (the same
   * operations in the same order per resample, interleaved across resamples).
   */
  byResamples?(r: Resamples): Float64Array;
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

/**
 * Evaluates a statistic once per resample (or once per batch of resamples) however many statistics read
 * it (resamples are new arrays). A bare function has no batch form.
 */
export function perResample(f: ((draws: Int32Array) => number) | CountStatistic): CountStatistic {
  const s: CountStatistic = typeof f === 'function' ? { byCluster: f } : f;
  let last: Int32Array | null = null;
  let value = NaN;
  let lastBatch: Resamples | null = null;
  let values: Float64Array = new Float64Array(0);
  const batch = s.byResamples?.bind(s);
  return {
    byCluster: (draws) => {
      if (draws !== last) {
        last = draws;
        value = s.byCluster(draws);
      }
      return value;
    },
    ...(batch && {
      byResamples: (r: Resamples) => {
        if (r !== lastBatch) {
          lastBatch = r;
          values = batch(r);
        }
        return values;
      },
    }),
  };
}

/** a − b per resample (both read through perResample, so each is evaluated once). */
export function difference(a: CountStatistic, b: CountStatistic): CountStatistic {
  const ab = a.byResamples;
  const bb = b.byResamples;
  return perResample({
    byCluster: (draws) => a.byCluster(draws) - b.byCluster(draws),
    ...(ab && bb && {
      byResamples: (r: Resamples) => {
        const x = ab(r);
        const y = bb(r);
        return Float64Array.from(x, (v, i) => v - y[i]!);
      },
    }),
  });
}

/**
 * The draw counts of B resamples of C clusters with `seed` (clusterDraws), cluster-major. They depend on
 * (C, seed, B) alone, and a backtest's bootstraps over the same partners (the population's, each
 * dimension's) ask for the same ones: the last matrix is kept for the next (the draws are a third of a
 * batched bootstrap). Read-only for its users.
 */
let lastMatrix: { C: number; seed: number; r: Resamples } | null = null;
function drawMatrix(C: number, seed: number, B: number): Resamples {
  if (lastMatrix && lastMatrix.C === C && lastMatrix.seed === seed && lastMatrix.r.B === B) return lastMatrix.r;
  const counts = new Int32Array(C * B);
  const draws = clusterDraws(C, seed);
  for (let b = 0; b < B; b++) {
    const drawn = draws.next();
    for (let j = 0; j < C; j++) counts[drawn[j]! * B + b]! += 1;
  }
  lastMatrix = { C, seed, r: { B, counts } };
  return lastMatrix.r;
}

export function partnerBootstrap(
  clusters: ArrayLike<number>,
  statistics: Record<string, Statistic | CountStatistic>,
  B: number,
  seed: number,
  level: number,
): ResampleResult {
  const names = Object.keys(statistics);
  const distinct = new Set(Array.from(clusters)).size;
  // One partner resampled is always that partner: every resample equals the estimate, which is no interval.
  if (distinct < 2 || B <= 0) return { cis: Object.fromEntries(names.map((n) => [n, null])), usable: 0, clusters: distinct };
  const { start, rows } = groupRows(clusters);
  const C = start.length - 1;
  const stats = names.map((n) => statistics[n]!);
  const batched = stats.map((s) => typeof s !== 'function' && s.byResamples !== undefined);
  const needRows = stats.some((s) => typeof s === 'function');
  const needCounts = stats.some((s, j) => typeof s !== 'function' && !batched[j]);
  const perB: Float64Array[] = stats.map(() => new Float64Array(B));
  // Every resample's draw counts, cluster-major, for the statistics that read all resamples at once.
  const all: Resamples | null = !batched.some(Boolean) ? null : needRows || needCounts ? { B, counts: new Int32Array(C * B) } : drawMatrix(C, seed, B);
  const draws = clusterDraws(C, seed);
  for (let b = 0; b < B && (needRows || needCounts); b++) {
    const drawn = draws.next();
    if (all) for (let j = 0; j < C; j++) all.counts[drawn[j]! * B + b]! += 1;
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
    stats.forEach((s, j) => {
      if (!batched[j]) perB[j]![b] = typeof s === 'function' ? s(idx!) : s.byCluster(counts);
    });
  }
  stats.forEach((s, j) => {
    if (batched[j]) perB[j] = (s as CountStatistic).byResamples!(all!);
  });
  let usable = 0;
  for (let b = 0; b < B; b++) if (perB.every((v) => !Number.isNaN(v[b]!))) usable++;
  const cis: Record<string, Interval | null> = {};
  for (const [j, n] of names.entries()) {
    const finite = Array.from(perB[j]!).filter((v) => !Number.isNaN(v));
    // Fewer than half the resamples defined: an interval from them would be misleading.
    cis[n] = finite.length >= Math.max(2, B / 2) ? finInterval(percentileInterval(finite, level)) : null;
  }
  return { cis, usable, clusters: C };
}
