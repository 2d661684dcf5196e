// The quarterly report's input: the quarterly-data stage's tables read into plain rows. Everything after
// this (view.ts and the section builders) is a pure function of this object and the run's results.
import type { Workspace } from '../../workspace/db.js';
import type { QuarterInfo } from '../../quarterly-data/index.js';
import { readInterventionEffects, type EffectRow } from '../../interventions/index.js';
import { dataWindow, type DataWindow } from '../common/index.js';

export interface PartnerRow {
  ord: number;
  partner_id: string;
  name: string;
  type: string | null;
  tier: string | null;
  region: string | null;
  manager: string | null;
  composite: number | null;
  coverage: number | null;
  band: string | null;
  band_reason: string | null;
  playbook: string | null;
  action: string | null;
  prev_composite: number | null;
  prev_band: string | null;
  open_pipeline: number;
  open_deals: number;
  prev_open_pipeline: number;
}

export interface HistoryRow { partner_id: string; as_of: string; composite: number | null; band: string | null }
export interface DimensionHistoryRow { partner_id: string; as_of: string; dimension: string; score: number }
export interface DimensionRow {
  partner_id: string; dim_ord: number; dimension: string; label: string; score: number | null;
  cohort_median: number | null; cohort_n: number; cohort_type: string | null;
}
export interface SignalRow {
  partner_id: string; signal: string; noun: string; dimension: string; value: string; cohort_median: string;
  prior: string | null; window: string; level_pull: number; change: number | null; impact: number | null;
  level_text: string; evidence_rank: number | null; evidence_text: string | null;
}
export interface DueDealRow {
  partner_id: string; deal_id: string; amount: number; expected_close_on: string; stage: string | null;
  days_overdue: number | null; outcome: string;
}
export interface ClosedDealRow {
  partner_id: string; deal_id: string; amount: number; expected_close_on: string; closed_on: string;
  status: string; days_late: number; missed: boolean;
}
export interface CalibrationDraw { draw: number; a: number; b: number }

export interface QuarterlyData {
  quarter: QuarterInfo;
  horizonDays: number;
  trendMonths: number;
  partners: PartnerRow[];
  history: HistoryRow[];
  dimensionHistory: DimensionHistoryRow[];
  dimensions: DimensionRow[];
  signals: SignalRow[];
  dueDeals: DueDealRow[];
  closedDeals: ClosedDealRow[];
  riskCalibration: CalibrationDraw[];
  interventions: EffectRow[];
  modelDimensions: Array<{ key: string; label: string }>;
  window: DataWindow;
}

export async function readQuarterlyData(ws: Workspace): Promise<QuarterlyData> {
  const [p] = await ws.query<{ id: string; label: string; start: string; end: string; previous_label: string; previous_end: string | null; horizon_days: number; trend_months: number }>(
    `SELECT * FROM quarterly_period`,
  );
  if (!p) throw new Error('the workspace has no quarterly_period: run the quarterly-data stage first');
  return {
    quarter: { id: p.id, label: p.label, start: p.start, end: p.end, previousLabel: p.previous_label, previousEnd: p.previous_end },
    horizonDays: p.horizon_days,
    trendMonths: p.trend_months,
    partners: await ws.query<PartnerRow>(`SELECT * FROM quarterly_partners ORDER BY ord`),
    history: await ws.query<HistoryRow>(`SELECT * FROM quarterly_history ORDER BY partner_id, as_of`),
    dimensionHistory: await ws.query<DimensionHistoryRow>(`SELECT * FROM quarterly_dimension_history ORDER BY partner_id, as_of, dimension`),
    dimensions: await ws.query<DimensionRow>(
      `SELECT d.* FROM quarterly_dimensions d JOIN quarterly_partners p USING (partner_id) ORDER BY p.ord, d.dim_ord`),
    signals: await ws.query<SignalRow>(`SELECT * FROM quarterly_signals ORDER BY partner_id, level_pull, signal`),
    dueDeals: await ws.query<DueDealRow>(`SELECT * FROM quarterly_due_deals ORDER BY partner_id, expected_close_on, deal_id`),
    closedDeals: await ws.query<ClosedDealRow>(`SELECT * FROM quarterly_closed_deals ORDER BY partner_id, closed_on DESC, deal_id`),
    riskCalibration: await ws.query<CalibrationDraw>(`SELECT * FROM quarterly_risk_calibration ORDER BY draw`),
    interventions: await readInterventionEffects(ws),
    modelDimensions: await ws.query<{ key: string; label: string }>(`SELECT dimension AS key, label FROM model_dimensions ORDER BY ord`),
    window: await dataWindow(ws),
  };
}
