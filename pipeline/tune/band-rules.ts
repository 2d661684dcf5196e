// The scoring stage's composite, re-evaluated in memory for other weights or thresholds, with the band
// rules of pipeline/decision/band-rules.ts, so calibration can say who would change band without
// re-scoring. A test checks it reproduces `health` for the current model.
import { bandRule, type BandParams } from '../decision/band-rules.js';
import type { Band } from '../model/types.js';
import type { SnapshotRow } from './dataset.js';

export { bandParams, type BandParams } from '../decision/band-rules.js';

/** Composite as scoring computes it: renormalised over scored dimensions; null below minimum coverage. */
export function compositeOf(row: SnapshotRow, w: readonly number[], minCoverage: number): number | null {
  let num = 0;
  let den = 0;
  let coverage = 0;
  for (let k = 0; k < w.length; k++) {
    coverage += w[k]! * row.cov[k]!;
    const x = row.x[k]!;
    if (Number.isNaN(x)) continue;
    num += w[k]! * x;
    den += w[k]!;
  }
  if (!(den > 0) || coverage < minCoverage) return null;
  return num / den;
}

export function assignBand(row: SnapshotRow, composite: number | null, trend: number | null, p: BandParams): Band | null {
  let dimsScored = 0;
  let bestDimension = -Infinity;
  for (const x of row.x) {
    if (Number.isNaN(x)) continue;
    dimsScored++;
    bestDimension = Math.max(bestDimension, x);
  }
  return bandRule({ composite, trend, dimsScored, bestDimension }, p).band;
}

/** Month end `months` before a month-end date (SQL: last_day(as_of − to_months(n))). */
export function monthEndBefore(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 - months;
  // Day 0 of the following month is the last day of month m.
  return new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
}

export interface Banded {
  row: number;
  composite: number | null;
  band: Band | null;
}

/** Composite and band of every partner at snapshot `asOf` under weights `w` and band parameters `p`. */
export function bandsAt(rows: readonly SnapshotRow[], asOf: string, w: readonly number[], p: BandParams): Banded[] {
  const prior = monthEndBefore(asOf, p.trend_months);
  // Only the prior month's snapshots are looked up (a key per snapshot of M was 170k strings per call).
  const byKey = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.as_of === prior) byKey.set(`${r.partner_id}\u0000${r.as_of}`, i);
  });
  const out: Banded[] = [];
  rows.forEach((r, i) => {
    if (r.as_of !== asOf) return;
    const composite = compositeOf(r, w, p.min_coverage);
    const j = byKey.get(`${r.partner_id}\u0000${prior}`);
    const before = j === undefined ? null : compositeOf(rows[j]!, w, p.min_coverage);
    const trend = composite !== null && before !== null ? composite - before : null;
    out.push({ row: i, composite, band: assignBand(r, composite, trend, p) });
  });
  return out;
}

/** Latest snapshot date in the data (where reassignments are shown). */
export function latestSnapshot(rows: readonly SnapshotRow[]): string | null {
  let latest: string | null = null;
  for (const r of rows) if (latest === null || r.as_of > latest) latest = r.as_of;
  return latest;
}
