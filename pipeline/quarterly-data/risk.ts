// Calibrated chance that a deal is missed, as a function of the partner's risk (100 − composite), for the
// report's expected amount at risk. A Platt map fitted on due deals (deal level, so a partner's deal count
// does not inflate its risk), then refitted on partner-bootstrap resamples for the interval.
// Table `quarterly_risk_calibration(draw, a, b)`: draw 0 is the fit on all deals, 1…B the resamples;
// P(miss) = 1 / (1 + exp(−(a + b·risk))). Empty when there are too few labelled deals. The refits run in
// risk-refits.ts (over worker threads on big programs).
import type { Workspace } from '../workspace/db.js';
import { plattFit } from '../stats/index.js';
import { bootstrapRefits } from './risk-refits.js';

/** Fewer labelled deals or misses than this: no calibrated amount (the report says why). */
export const MIN_CALIBRATION_DEALS = 50;
export const MIN_CALIBRATION_MISSES = 10;

export interface RiskCalibrationOptions {
  horizonDays: number;
  graceDays: number;
  seed: number;
  bootstrap: number;
  /** Worker threads for the refits (default: one per core when the work is big); results do not depend on it. */
  threads?: number | undefined;
}

export async function writeRiskCalibration(ws: Workspace, quarterEnd: string, o: RiskCalibrationOptions): Promise<void> {
  await ws.exec(`CREATE OR REPLACE TABLE quarterly_risk_calibration (draw INTEGER, a DOUBLE, b DOUBLE)`);
  // Point in time: only deals whose outcome was settled by the quarter end (T + H + G ≤ quarter end).
  // Read by column: ~200k rows on M, where row objects cost more than the query.
  const cols = await ws.columns(
    `SELECT partner_id, risk, (miss_reason IS NOT NULL)::INTEGER AS missed FROM label_deals
     WHERE as_of + to_days($h::INTEGER + $g::INTEGER) <= $t::DATE ORDER BY partner_id, as_of, deal_id`,
    { h: o.horizonDays, g: o.graceDays, t: quarterEnd },
  );
  const risk = numbers(cols.risk!, 'risk');
  const missed = numbers(cols.missed!, 'missed');
  const misses = missed.reduce((a, m) => a + m, 0);
  if (risk.length < MIN_CALIBRATION_DEALS || misses < MIN_CALIBRATION_MISSES || misses === risk.length) return;
  const full = plattFit(risk, missed);
  const boot = await bootstrapRefits(cols.partner_id as string[], risk, missed, o.bootstrap, `${o.seed}:expected-at-risk`, o.threads,
    full.converged ? { a: full.a, b: full.b } : undefined);
  await ws.append('quarterly_risk_calibration', [[0, full.a, full.b], ...boot.samples.map(([a, b], i) => [i + 1, a, b])]);
}

/** A column of non-null numbers as a typed array (what the fits read). */
function numbers(values: unknown[], name: string): Float64Array {
  const out = new Float64Array(values.length);
  values.forEach((v, i) => {
    if (typeof v !== 'number') throw new Error(`label_deals.${name}, row ${i + 1}: expected a number, got ${String(v)}`);
    out[i] = v;
  });
  return out;
}
