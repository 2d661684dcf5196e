// Cluster (partner) bootstrap: monthly snapshots of one partner are correlated, so whole partners are
// resampled with replacement and every row of a partner drawn k times appears k times.
import { percentileInterval } from './intervals.js';
import { createRng, randInt } from './random.js';

export interface ClusterBootstrapOptions<T extends number | number[]> {
  /** Cluster id of each row. */
  clusters: ArrayLike<string | number>;
  /** Number of resamples to attempt. */
  B: number;
  seed: number | string;
  /** Statistic of a resample, given its row indices (rows repeat when their cluster is drawn repeatedly). */
  statistic: (rowIndices: Int32Array) => T;
}

export interface ClusterBootstrapResult<T> {
  /** Statistics of the usable resamples, in draw order. */
  samples: T[];
  /** Resamples dropped because the statistic was NaN (e.g. a resample without positives). */
  skipped: number;
  attempted: number;
  clusterCount: number;
}

export interface ClusterGroups {
  /** Rows of cluster c are rows[start[c] .. start[c+1]). */
  start: Int32Array;
  rows: Int32Array;
}

/** Rows grouped by cluster, in order of first appearance (so the result depends only on data + seed). */
export function groupRows(clusters: ArrayLike<string | number>): { start: Int32Array; rows: Int32Array } {
  const idOf = new Map<string | number, number>();
  const clusterOfRow = new Int32Array(clusters.length);
  const sizes: number[] = [];
  for (let i = 0; i < clusters.length; i++) {
    const key = clusters[i]!;
    let c = idOf.get(key);
    if (c === undefined) {
      c = sizes.length;
      idOf.set(key, c);
      sizes.push(0);
    }
    clusterOfRow[i] = c;
    sizes[c]! += 1;
  }
  const start = new Int32Array(sizes.length + 1);
  for (let c = 0; c < sizes.length; c++) start[c + 1] = start[c]! + sizes[c]!;
  const fill = start.slice(0, sizes.length);
  const rows = new Int32Array(clusters.length);
  for (let i = 0; i < clusters.length; i++) rows[fill[clusterOfRow[i]!]!++] = i;
  return { start, rows };
}

function hasNaN(v: number | number[]): boolean {
  return typeof v === 'number' ? Number.isNaN(v) : v.some((x) => Number.isNaN(x));
}

/**
 * The resample sequence of `seed`: each call to next() draws C clusters with replacement (in draw order).
 * Resample b is fixed by (seed, b) alone, so any consumer — in one thread or spread over several — sees
 * the same resamples.
 */
export function clusterDraws(C: number, seed: number | string): { next(): Int32Array } {
  const rng = createRng(seed);
  return {
    next() {
      const drawn = new Int32Array(C);
      for (let j = 0; j < C; j++) drawn[j] = randInt(rng, C);
      return drawn;
    },
  };
}

/**
 * A resample as multiplicities: the rows of every drawn cluster (cluster order), each with its cluster's
 * draw count — the same multiset as the drawn rows repeated, in a third fewer rows and without the repeats.
 */
export function resampleRows(groups: ClusterGroups, counts: ArrayLike<number>): { rows: Int32Array; mult: Float64Array } {
  const { start, rows: byCluster } = groups;
  let n = 0;
  for (let c = 0; c < counts.length; c++) if (counts[c]! > 0) n += start[c + 1]! - start[c]!;
  const rows = new Int32Array(n);
  const mult = new Float64Array(n);
  for (let c = 0, at = 0; c < counts.length; c++) {
    const m = counts[c]!;
    if (m === 0) continue;
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      rows[at] = byCluster[r]!;
      mult[at++] = m;
    }
  }
  return { rows, mult };
}

/** Per-cluster draw counts of one resample (its clusters in draw order, as clusterDraws gives them). */
export function drawCounts(drawn: Int32Array, clusters: number): Int32Array {
  const counts = new Int32Array(clusters);
  for (const c of drawn) counts[c]! += 1;
  return counts;
}

export function clusterBootstrap<T extends number | number[]>(opts: ClusterBootstrapOptions<T>): ClusterBootstrapResult<T> {
  const { start, rows } = groupRows(opts.clusters);
  const C = start.length - 1;
  if (C === 0) throw new Error('clusterBootstrap: no rows');
  const draws = clusterDraws(C, opts.seed);
  const samples: T[] = [];
  let skipped = 0;
  for (let b = 0; b < opts.B; b++) {
    const drawn = draws.next();
    let total = 0;
    for (const c of drawn) total += start[c + 1]! - start[c]!;
    const idx = new Int32Array(total);
    let k = 0;
    for (let j = 0; j < C; j++) {
      const c = drawn[j]!;
      for (let r = start[c]!; r < start[c + 1]!; r++) idx[k++] = rows[r]!;
    }
    const value = opts.statistic(idx);
    if (hasNaN(value)) skipped++;
    else samples.push(value);
  }
  return { samples, skipped, attempted: opts.B, clusterCount: C };
}

/** Percentile interval of scalar bootstrap samples (NaNs ignored). */
export function bootstrapCI(samples: ArrayLike<number>, level = 0.95): [number, number] {
  return percentileInterval(samples, level);
}

/** Per-component percentile intervals for vector-valued bootstrap samples. */
export function bootstrapCIs(samples: number[][], level = 0.95): Array<[number, number]> {
  if (samples.length === 0) return [];
  const m = samples[0]!.length;
  return Array.from({ length: m }, (_, j) => percentileInterval(samples.map((s) => s[j]!), level));
}
