// The scoring stage's composite and band rules (pipeline/score/composite.ts), re-evaluated in memory
// for other weights or thresholds, so calibration can say who would change band without re-scoring.
// Kept rule-for-rule identical to the SQL; a test checks it reproduces `health` for the current model.
import type { Band, HealthModel } from '../model/types.js';
import type { SnapshotRow } from './dataset.js';

export interface BandParams {
  green_min: number;
  red_below: number;
  min_coverage: number;
  drop_points: number | null;
  trend_months: number;
  all_red_below: number | null;
}

export function bandParams(model: HealthModel, thresholds?: { green_min: number; red_below: number }): BandParams {
  return {
    green_min: thresholds?.green_min ?? model.bands.green_min,
    red_below: thresholds?.red_below ?? model.bands.red_below,
    min_coverage: model.min_coverage,
    drop_points: model.bands.drop_downgrade?.points ?? null,
    trend_months: model.bands.drop_downgrade?.months ?? 3,
    all_red_below: model.bands.all_dimensions_red?.below ?? null,
  };
}

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
  if (composite === null) return null;
  let scored = 0;
  let best = -Infinity;
  for (const x of row.x) {
    if (Number.isNaN(x)) continue;
    scored++;
    best = Math.max(best, x);
  }
  if (p.all_red_below !== null && scored >= 2 && best < p.all_red_below) return 'red';
  if (composite < p.red_below) return 'red';
  if (composite >= p.green_min && p.drop_points !== null && trend !== null && trend <= -p.drop_points) return 'yellow';
  if (composite >= p.green_min) return 'green';
  return 'yellow';
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
  const byKey = new Map<string, number>();
  rows.forEach((r, i) => byKey.set(`${r.partner_id}\u0000${r.as_of}`, i));
  const prior = monthEndBefore(asOf, p.trend_months);
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
