// The quarterly report's input: the quarterly-data stage's tables read into plain rows. Everything after
// this (view.ts and the section builders) is a pure function of this object and the run's results.
import { listValue } from '@duckdb/node-api';
import type { Workspace } from '../../workspace/db.js';
import type { QuarterInfo } from '../../quarterly-data/index.js';
import { readInterventionEffects, type EffectRow } from '../../interventions/index.js';
import { dataWindow, type DataWindow } from '../common/index.js';
import { bool, nullable, num, text, type RowOf, type Schema } from '../../workspace/rows.js';

const PARTNER_ROW_SCHEMA = {
  ord: num, partner_id: text, name: text, type: nullable(text), tier: nullable(text), region: nullable(text),
  manager: nullable(text), composite: nullable(num), coverage: nullable(num), band: nullable(text),
  band_reason: nullable(text), playbook: nullable(text), action: nullable(text), prev_composite: nullable(num),
  prev_band: nullable(text), open_pipeline: num, open_deals: num, prev_open_pipeline: num,
};
export type PartnerRow = RowOf<typeof PARTNER_ROW_SCHEMA>;

const HISTORY_ROW_SCHEMA = {
  partner_id: text, as_of: text, composite: nullable(num), band: nullable(text),
};
export type HistoryRow = RowOf<typeof HISTORY_ROW_SCHEMA>;
const DIMENSION_HISTORY_ROW_SCHEMA = {
  partner_id: text, as_of: text, dimension: text, score: num,
};
export type DimensionHistoryRow = RowOf<typeof DIMENSION_HISTORY_ROW_SCHEMA>;
const DIMENSION_ROW_SCHEMA = {
  partner_id: text, dim_ord: num, dimension: text, label: text, score: nullable(num),
  cohort_median: nullable(num), cohort_n: num, cohort_type: nullable(text),
};
export type DimensionRow = RowOf<typeof DIMENSION_ROW_SCHEMA>;
/**
 * The one rule for which signals the watchlist's why ranks: those holding the partner below its cohort.
 * Written twice, side by side, because the read filters by it in SQL and whyRows ranks by it in TS.
 */
export const BELOW_COHORT_SQL = 'level_pull < 0';
export const isBelowCohort = (s: { level_pull: number }): boolean => s.level_pull < 0;

/**
 * A signal of a partner at the quarter end that the watchlist ranks (it holds the partner below its
 * cohort, BELOW_COHORT_SQL) or movers may quote (scoring chose it as evidence), for all partners.
 */
const SIGNAL_ROW_SCHEMA = {
  partner_id: text, signal: text, noun: text, prior: nullable(text), level_pull: num, change: nullable(num), impact: nullable(num),
  level_text: text, evidence_text: nullable(text),
};
export type SignalRow = RowOf<typeof SIGNAL_ROW_SCHEMA>;
/** A signal scoring chose as evidence, as a partner page lists it. */
const EVIDENCE_ROW_SCHEMA = {
  partner_id: text, noun: text, dimension: text, value: text, window: text, cohort_median: text, prior: nullable(text),
  impact: nullable(num), level_text: text, evidence_text: nullable(text),
};
export type EvidenceRow = RowOf<typeof EVIDENCE_ROW_SCHEMA>;
const DUE_DEAL_ROW_SCHEMA = {
  partner_id: text, deal_id: text, amount: num, expected_close_on: text, stage: nullable(text),
  days_overdue: nullable(num), outcome: text,
};
export type DueDealRow = RowOf<typeof DUE_DEAL_ROW_SCHEMA>;
const CLOSED_DEAL_ROW_SCHEMA = {
  partner_id: text, deal_id: text, amount: num, expected_close_on: text, closed_on: text, status: text,
  days_late: num, missed: bool,
};
export type ClosedDealRow = RowOf<typeof CLOSED_DEAL_ROW_SCHEMA>;
const CALIBRATION_DRAW_SCHEMA = {
  draw: num, a: num, b: num,
};
export type CalibrationDraw = RowOf<typeof CALIBRATION_DRAW_SCHEMA>;

export interface QuarterlyData {
  quarter: QuarterInfo;
  horizonDays: number;
  trendMonths: number;
  partners: PartnerRow[];
  history: HistoryRow[];
  /** Page-only, as `evidence`, `dueDeals` and `closedDeals`: the rows of readQuarterlyData's `paged` partners. */
  dimensionHistory: DimensionHistoryRow[];
  dimensions: DimensionRow[];
  /** Only the signals below the cohort or chosen as evidence (see SIGNAL_ROW_SCHEMA): nothing shows the others. */
  signals: SignalRow[];
  /** Each partner's evidence, by rank. */
  evidence: EvidenceRow[];
  dueDeals: DueDealRow[];
  closedDeals: ClosedDealRow[];
  riskCalibration: CalibrationDraw[];
  interventions: EffectRow[];
  modelDimensions: Array<{ key: string; label: string }>;
  window: DataWindow;
}

/** Rows by partner, each partner's in the rows' order. */
export function byPartner<T extends { partner_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.partner_id);
    if (list) list.push(r);
    else m.set(r.partner_id, [r]);
  }
  return m;
}

/**
 * Query `select(where)` with `where` true for partners `ids` only, or for all of them. The ids are bound
 * as one list (an empty list value has no item type to bind: no rows, no query).
 */
async function forPartners<S extends Schema>(ws: Workspace, schema: S, select: (where: string) => string, ids: string[] | undefined): Promise<RowOf<S>[]> {
  if (!ids) return ws.rows(schema, select('TRUE'));
  if (!ids.length) return [];
  return ws.rows(schema, select('partner_id IN (SELECT unnest($ids::VARCHAR[]))'), { ids: listValue(ids) });
}

/** The partners that get a page in some document made from the data (given the program's partners). */
export type PagedPartners = (partners: PartnerRow[]) => Iterable<string>;

/**
 * The quarterly tables as report data; `paged` (default: every partner) names the partners whose pages
 * will be drawn, and the tables only a page shows are read for them alone: on M, 250 pages of 5,000
 * partners, those rows (the dimension history above all, ~70 a partner) were a third of the report's reads.
 */
export async function readQuarterlyData(ws: Workspace, paged?: PagedPartners): Promise<QuarterlyData> {
  const [p] = await ws.rows({ id: text, label: text, start: text, end: text, previous_label: text, previous_end: nullable(text), horizon_days: num, trend_months: num },
    `SELECT * FROM quarterly_period`,
  );
  if (!p) throw new Error('the workspace has no quarterly_period: run the quarterly-data stage first');
  const partners = await ws.rows(PARTNER_ROW_SCHEMA, `SELECT * FROM quarterly_partners ORDER BY ord`);
  const ids = paged && [...new Set(paged(partners))];
  return {
    quarter: { id: p.id, label: p.label, start: p.start, end: p.end, previousLabel: p.previous_label, previousEnd: p.previous_end },
    horizonDays: p.horizon_days,
    trendMonths: p.trend_months,
    partners,
    history: await ws.rows(HISTORY_ROW_SCHEMA, `SELECT * FROM quarterly_history ORDER BY partner_id, as_of`),
    dimensionHistory: await forPartners(ws, DIMENSION_HISTORY_ROW_SCHEMA,
      (where) => `SELECT partner_id, as_of, dimension, score FROM quarterly_dimension_history WHERE ${where} ORDER BY partner_id, as_of, dimension`, ids),
    dimensions: await ws.rows(DIMENSION_ROW_SCHEMA,
      `SELECT d.* FROM quarterly_dimensions d JOIN quarterly_partners p USING (partner_id) ORDER BY p.ord, d.dim_ord`),
    signals: await ws.rows(SIGNAL_ROW_SCHEMA,
      `SELECT partner_id, signal, noun, prior, level_pull, change, impact, level_text, evidence_text
       FROM quarterly_signals WHERE ${BELOW_COHORT_SQL} OR evidence_text IS NOT NULL ORDER BY partner_id, level_pull, signal`),
    evidence: await forPartners(ws, EVIDENCE_ROW_SCHEMA,
      (where) => `SELECT partner_id, noun, dimension, value, "window", cohort_median, prior, impact, level_text, evidence_text
                  FROM quarterly_signals WHERE evidence_rank IS NOT NULL AND ${where} ORDER BY partner_id, evidence_rank, level_pull, signal`, ids),
    dueDeals: await forPartners(ws, DUE_DEAL_ROW_SCHEMA,
      (where) => `SELECT partner_id, deal_id, amount, expected_close_on, stage, days_overdue, outcome FROM quarterly_due_deals
                  WHERE ${where} ORDER BY partner_id, expected_close_on, deal_id`, ids),
    closedDeals: await forPartners(ws, CLOSED_DEAL_ROW_SCHEMA,
      (where) => `SELECT partner_id, deal_id, amount, expected_close_on, closed_on, status, days_late, missed FROM quarterly_closed_deals
                  WHERE ${where} ORDER BY partner_id, closed_on DESC, deal_id`, ids),
    riskCalibration: await ws.rows(CALIBRATION_DRAW_SCHEMA, `SELECT * FROM quarterly_risk_calibration ORDER BY draw`),
    interventions: await readInterventionEffects(ws),
    modelDimensions: await ws.rows({ key: text, label: text }, `SELECT dimension AS key, label FROM model_dimensions ORDER BY ord`),
    window: await dataWindow(ws),
  };
}
