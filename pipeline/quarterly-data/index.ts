// Quarterly-data stage: everything the quarterly report shows, gathered into named workspace tables
// (quarterly_period, quarterly_partners, quarterly_history, quarterly_dimension_history,
// quarterly_dimensions, quarterly_signals, quarterly_due_deals, quarterly_closed_deals,
// quarterly_risk_calibration). It reads the scoring, label and interventions stages' tables; the report
// then builds its view model from these tables alone, for any segment.
import { openBeside, type Workspace } from '../workspace/db.js';
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
  // The expected-at-risk refits (this thread and a worker) read label_deals alone and write their own
  // table: on a connection of their own they run beside the report tables' queries, which kept about one
  // of M's two cores busy, instead of after them.
  const beside = await openBeside(ws);
  const risk = writeRiskCalibration(beside, q.end, o).finally(() => beside.close());
  risk.catch(() => {}); // awaited below
  try {
    await writePeriod(ws, q, o.horizonDays, trendMonths);
    await writePartners(ws, q);
    await writeHistory(ws, q);
    await writeDimensions(ws, q);
    await writeSignals(ws, q, trendMonths);
    await writeDeals(ws, q, o);
  } catch (err) {
    await risk.catch(() => {}); // the second connection is closed before the error goes up
    throw err;
  }
  await risk;
  return q;
}
