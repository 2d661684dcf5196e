// Reads what the backtest needs from the workspace: the labelled population as typed arrays (it can be
// ~300k rows, so no per-row objects), the due-deal rows, the label counts and the data window.
import type { Workspace } from '../workspace/db.js';
import { countLabels } from '../label/labels.js';
import type { BacktestCounts, BacktestOptions } from './types.js';
import { toFloat64, toInt32 } from './util.js';
import { date, nullable, num, text } from '../workspace/rows.js';

export const BAND_CODES = ['green', 'yellow', 'red'] as const;

/** One row per labelled partner-snapshot, ordered by partner then as_of. */
export interface Population {
  n: number;
  /** Dense partner index (cluster id for the partner bootstrap). */
  partner: Int32Array;
  /** as_of in days since 1970-01-01. */
  day: Int32Array;
  /** Quarter index year·4 + q − 1 of as_of. */
  quarter: Int32Array;
  label: Float64Array;
  risk: Float64Array;
  /** 0 green, 1 yellow, 2 red, −1 none. */
  band: Int8Array;
}

const BAND_SQL = `CASE band WHEN 'green' THEN 0 WHEN 'yellow' THEN 1 WHEN 'red' THEN 2 ELSE -1 END::INTEGER`;

export async function loadPopulation(ws: Workspace): Promise<Population> {
  const c = await ws.columns(
    `SELECT (dense_rank() OVER (ORDER BY partner_id) - 1)::INTEGER AS p,
            (as_of - DATE '1970-01-01')::INTEGER AS d,
            (year(as_of) * 4 + quarter(as_of) - 1)::INTEGER AS q,
            label::DOUBLE AS y, risk::DOUBLE AS r, ${BAND_SQL} AS b
     FROM labels ORDER BY partner_id, as_of`,
  );
  const label = toFloat64(c.y);
  return {
    n: label.length,
    partner: toInt32(c.p),
    day: toInt32(c.d),
    quarter: toInt32(c.q),
    label,
    risk: toFloat64(c.r),
    band: Int8Array.from(toInt32(c.b)),
  };
}

/** Due deal × snapshot rows: label = that deal was missed, score = the partner's risk at the snapshot. */
export interface DealRows {
  n: number;
  partner: Int32Array;
  label: Float64Array;
  risk: Float64Array;
  amount: Float64Array;
}

export async function loadDealRows(ws: Workspace): Promise<DealRows> {
  const c = await ws.columns(
    `SELECT (dense_rank() OVER (ORDER BY partner_id) - 1)::INTEGER AS p,
            (miss_reason IS NOT NULL)::INTEGER::DOUBLE AS y, risk::DOUBLE AS r, amount::DOUBLE AS a
     FROM label_deals ORDER BY partner_id, as_of, deal_id`,
  );
  const label = toFloat64(c.y);
  return { n: label.length, partner: toInt32(c.p), label, risk: toFloat64(c.r), amount: toFloat64(c.a) };
}

/** The label funnel (the same counts buildLabels returns), in backtest.json's snake_case. */
export async function labelCounts(ws: Workspace, o: BacktestOptions): Promise<BacktestCounts> {
  const x = await countLabels(ws, o);
  return {
    snapshots: x.snapshots, censored: x.censored, unscored: x.unscored, no_due_deal: x.noDueDeal,
    population: x.population, positives: x.positives, due_deals: x.dueDeals, missed_deals: x.missedDeals,
    distinct_missed_deals: x.distinctMissedDeals, distinct_missed_deals_final_dates: x.distinctMissedDealsFinalDates,
  };
}

export interface RunMeta {
  model: { name: string; version: string };
  scoredCutoff: string | null;
  greenMin: number | null;
  redBelow: number | null;
  window: { first_snapshot: string | null; last_snapshot: string | null; first_labelled_snapshot: string | null; last_labelled_snapshot: string | null };
}

export async function loadMeta(ws: Workspace): Promise<RunMeta> {
  const [r] = await ws.rows({ model: nullable(text), version: nullable(text), cutoff: nullable(text) },
    `SELECT any_value(model) AS model, any_value(model_version) AS version, any_value(cutoff)::VARCHAR AS cutoff FROM run_info`,
  );
  const [m] = await ws.rows({ green_min: nullable(num), red_below: nullable(num) },
    `SELECT green_min, red_below FROM model_params`,
  );
  const [w] = await ws.rows({ first_snapshot: nullable(date), last_snapshot: nullable(date), first_labelled_snapshot: nullable(date), last_labelled_snapshot: nullable(date) },
    `SELECT (SELECT min(as_of) FROM snapshots)::VARCHAR AS first_snapshot,
            (SELECT max(as_of) FROM snapshots)::VARCHAR AS last_snapshot,
            (SELECT min(as_of) FROM labels)::VARCHAR AS first_labelled_snapshot,
            (SELECT max(as_of) FROM labels)::VARCHAR AS last_labelled_snapshot`,
  );
  return {
    model: { name: r?.model ?? 'unknown', version: r?.version ?? 'unknown' },
    scoredCutoff: r?.cutoff ?? null,
    greenMin: m?.green_min ?? null,
    redBelow: m?.red_below ?? null,
    window: w!,
  };
}
