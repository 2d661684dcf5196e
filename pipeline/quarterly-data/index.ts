// Quarterly-data stage: everything the quarterly report shows, gathered into named workspace tables
// (quarterly_period, quarterly_partners, quarterly_history, quarterly_dimension_history,
// quarterly_dimensions, quarterly_signals, quarterly_due_deals, quarterly_closed_deals,
// quarterly_risk_calibration). It reads the scoring, label and interventions stages' tables; the report
// then builds its view model from these tables alone, for any segment.
import type { Workspace } from '../workspace/db.js';
import type { HealthModel } from '../model/types.js';
import { bandParams } from '../decision/band-rules.js';
import { resolveQuarter, writePeriod, type QuarterInfo } from './period.js';
import { writeDimensions, writeHistory, writePartners } from './partners.js';
import { writeSignals } from './signals.js';
import { writeDeals } from './deals.js';
import { writeRiskCalibration } from './risk.js';

export { resolveQuarter, type QuarterInfo } from './period.js';
export { HISTORY_MONTHS } from './partners.js';
export { CLOSED_DEALS_MONTHS } from './deals.js';
export { MIN_CALIBRATION_DEALS, MIN_CALIBRATION_MISSES } from './risk.js';

export interface QuarterlyDataOptions {
  /** "2025Q4"; default: the latest complete quarter with a quarter-end snapshot. */
  quarter?: string | undefined;
  horizonDays: number;
  graceDays: number;
  seed: number;
  bootstrap: number;
  /** Worker threads for the expected-at-risk refits; results do not depend on it. */
  threads?: number | undefined;
}

export async function buildQuarterlyData(ws: Workspace, model: HealthModel, o: QuarterlyDataOptions): Promise<QuarterInfo> {
  const q = await resolveQuarter(ws, o.quarter);
  const trendMonths = bandParams(model).trend_months;
  await writePeriod(ws, q, o.horizonDays, trendMonths);
  await writePartners(ws, q);
  await writeHistory(ws, q);
  await writeDimensions(ws, q);
  await writeSignals(ws, q, trendMonths);
  await writeDeals(ws, q, o);
  await writeRiskCalibration(ws, q.end, o);
  return q;
}
