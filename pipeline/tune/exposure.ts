// Exposure-aware calibration rows. A partner-month is positive when any of its due deals was missed,
// so a partner with more deals looks riskier just for having more deals, and a dimension that brings
// deals (performance) looks like risk. Fitting on due deals instead — each due deal one row carrying
// its partner's dimension scores at the snapshot, labelled by whether that deal was missed — models
// P(miss) per deal, so deal count no longer masquerades as risk. Walk-forward folds, purging and the
// partner bootstrap work unchanged on these rows (they carry the snapshot date and the partner).
import type { Dataset } from './dataset.js';
import type { Fold } from './folds.js';
import { DEFAULT_SETTINGS, type FitUnit } from '../settings.js';
import type { Workspace } from '../workspace/db.js';
import { num } from '../workspace/rows.js';

/** 'deal': one row per due deal; 'partner_month': one row per labelled partner-month (the default). */
export { FIT_UNITS, type FitUnit } from '../settings.js';
/**
 * Partner-months stay the default: the due-deal fit recovers planted weights better when the miss
 * model is per deal and only the deal count depends on performance (test/tune/exposure.test.ts), but
 * on the demo generator — where performance's deal-derived signals (win rate, days to close) also
 * carry past outcomes — it moved performance to 0.24–0.28 against a planted 0.05–0.10, further from
 * the truth than the partner-month fit (L1 error 0.38 vs 0.25 and 0.36 vs 0.20). `--fit deal` offers it.
 */
export const DEFAULT_FIT_UNIT: FitUnit = DEFAULT_SETTINGS.fitUnit;

/** Name of the fit's rows as the reports print it. */
export const FIT_ROWS_NOUN: Record<FitUnit, string> = { deal: 'due deals', partner_month: 'partner-months' };

export interface FitRows {
  unit: FitUnit;
  X: number[][];
  y: number[];
  asOf: string[];
  partners: string[];
  /** Position in data.population of the partner-month each row belongs to. */
  popIndex: number[];
}

export function fitRows(data: Dataset, unit: FitUnit): FitRows {
  const out: FitRows = { unit, X: [], y: [], asOf: [], partners: [], popIndex: [] };
  data.population.forEach((r, j) => {
    const row = data.rows[r]!;
    const due = unit === 'deal' ? row.due_deals ?? 0 : 1;
    const missed = unit === 'deal' ? row.missed_deals ?? 0 : row.label!;
    for (let d = 0; d < due; d++) {
      out.X.push(row.x); // shared, never mutated
      out.y.push(d < missed ? 1 : 0);
      out.asOf.push(row.as_of);
      out.partners.push(row.partner_id);
      out.popIndex.push(j);
    }
  });
  return out;
}

/** A fold over fit rows, as population positions (distinct partner-months, in order). */
export function foldOnPopulation(fold: Fold, popIndex: readonly number[]): Fold {
  return { ...fold, train: distinctPositions(fold.train, popIndex), test: distinctPositions(fold.test, popIndex) };
}

/**
 * The distinct positions of `rows`, ascending. Fold rows ascend and fitRows makes popIndex non-decreasing
 * (the identity for partner-months), so the positions come in order and one pass drops the repeats; a
 * Set and a sort (~0.1 CPU s of M's calibration, every fold twice) only when they do not.
 */
function distinctPositions(rows: readonly number[], popIndex: readonly number[]): number[] {
  const out: number[] = [];
  for (const i of rows) {
    const p = popIndex[i]!;
    const last = out.length ? out[out.length - 1]! : -Infinity;
    if (p > last) out.push(p);
    else if (p !== last) return [...new Set(rows.map((r) => popIndex[r]!))].sort((a, b) => a - b);
  }
  return out;
}

/**
 * An upper bound on the number of fit rows, from the labels alone (before the dataset is read): every
 * fit row is a labelled partner-month, or one of its due deals.
 */
export async function fitRowsBound(ws: Workspace, unit: FitUnit): Promise<number> {
  const [r] = await ws.rows({ months: num, deals: num }, 'SELECT count(*)::DOUBLE AS months, coalesce(sum(due_deals), 0)::DOUBLE AS deals FROM labels');
  return unit === 'deal' ? r!.deals : r!.months;
}
