// Partner-cluster bootstrap of several statistics at once. Each statistic keeps its own sample list
// (NaN allowed) so a resample where one statistic is undefined (e.g. no Red rows drawn) still counts
// for the others; the stats layer's clusterBootstrap would drop the whole resample instead.
//
// The resamples are the stats layer's (clusterDraws, same seed → same draws). A statistic reads them as
// the number of times each partner was drawn, all resamples at once: one pass over its rows for every
// resample instead of one pass (and one row list) per resample. One resample, or the sample itself (each
// partner drawn once), is the case B = 1 (`oneResample`).
import { clusterDraws, groupRows, percentileInterval } from '../stats/index.js';
import type { Interval } from './types.js';
import { finInterval } from './util.js';

/** B resamples as draw counts, cluster-major: `counts[c * B + b]` is how often cluster c was drawn in resample b. */
export interface Resamples {
  B: number;
  counts: Int32Array;
}

/** A statistic of the draw count of each cluster (clusters numbered as clusterIds numbers them), for every resample. */
export interface CountStatistic {
  byResamples(r: Resamples): Float64Array;
}

/** One resample as `Resamples` (B = 1): `draws[c]` is how often cluster c was drawn. */
export const oneResample = (draws: Int32Array): Resamples => ({ B: 1, counts: draws });

/** A statistic's value at one resample's draw counts. */
export const atDraws = (s: CountStatistic, draws: Int32Array): number => s.byResamples(oneResample(draws))[0]!;

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

/** Evaluates a statistic once per batch of resamples, however many statistics read it. */
export function perResample(s: CountStatistic): CountStatistic {
  let last: Resamples | null = null;
  let values: Float64Array = new Float64Array(0);
  return {
    byResamples: (r) => {
      if (r !== last) {
        last = r;
        values = s.byResamples(r);
      }
      return values;
    },
  };
}

/** a − b per resample (both read through perResample, so each is evaluated once). */
export function difference(a: CountStatistic, b: CountStatistic): CountStatistic {
  return perResample({
    byResamples: (r) => {
      const x = a.byResamples(r);
      const y = b.byResamples(r);
      return Float64Array.from(x, (v, i) => v - y[i]!);
    },
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
  statistics: Record<string, CountStatistic>,
  B: number,
  seed: number,
  level: number,
): ResampleResult {
  const names = Object.keys(statistics);
  const distinct = new Set(Array.from(clusters)).size;
  // One partner resampled is always that partner: every resample equals the estimate, which is no interval.
  if (distinct < 2 || B <= 0) return { cis: Object.fromEntries(names.map((n) => [n, null])), usable: 0, clusters: distinct };
  const C = groupRows(clusters).start.length - 1;
  const all = drawMatrix(C, seed, B);
  const perB = names.map((n) => statistics[n]!.byResamples(all));
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
