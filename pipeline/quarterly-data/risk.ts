// Calibrated chance that a deal is missed, as a function of the partner's risk (100 − composite), for the
// report's expected amount at risk. A Platt map fitted on due deals (deal level, so a partner's deal count
// does not inflate its risk), then refitted on partner-bootstrap resamples for the interval.
// Table `quarterly_risk_calibration(draw, a, b)`: draw 0 is the fit on all deals, 1…B the resamples;
// P(miss) = 1 / (1 + exp(−(a + b·risk))). Empty when there are too few labelled deals.
import type { Workspace } from '../workspace/db.js';
import { clusterBootstrap, plattFit } from '../stats/index.js';
import { num, text } from '../workspace/rows.js';

/** Fewer labelled deals or misses than this: no calibrated amount (the report says why). */
export const MIN_CALIBRATION_DEALS = 50;
export const MIN_CALIBRATION_MISSES = 10;

export interface RiskCalibrationOptions {
  horizonDays: number;
  graceDays: number;
  seed: number;
  bootstrap: number;
}

export async function writeRiskCalibration(ws: Workspace, quarterEnd: string, o: RiskCalibrationOptions): Promise<void> {
  await ws.exec(`CREATE OR REPLACE TABLE quarterly_risk_calibration (draw INTEGER, a DOUBLE, b DOUBLE)`);
  // Point in time: only deals whose outcome was settled by the quarter end (T + H + G ≤ quarter end).
  const rows = await ws.rows({ partner_id: text, risk: num, missed: num },
    `SELECT partner_id, risk, (miss_reason IS NOT NULL)::INTEGER AS missed FROM label_deals
     WHERE as_of + to_days($h::INTEGER + $g::INTEGER) <= $t::DATE ORDER BY partner_id, as_of, deal_id`,
    { h: o.horizonDays, g: o.graceDays, t: quarterEnd },
  );
  const misses = rows.reduce((a, r) => a + r.missed, 0);
  if (rows.length < MIN_CALIBRATION_DEALS || misses < MIN_CALIBRATION_MISSES || misses === rows.length) return;
  const risk = Float64Array.from(rows, (r) => r.risk);
  const missed = Float64Array.from(rows, (r) => r.missed);
  const full = plattFit(risk, missed);
  const boot = clusterBootstrap<number[]>({
    clusters: rows.map((r) => r.partner_id),
    B: o.bootstrap,
    seed: `${o.seed}:expected-at-risk`,
    statistic: (idx) => {
      const m = plattFit(Array.from(idx, (i) => risk[i]!), Array.from(idx, (i) => missed[i]!));
      return m.converged ? [m.a, m.b] : [NaN, NaN];
    },
  });
  await ws.append('quarterly_risk_calibration', [[0, full.a, full.b], ...boot.samples.map(([a, b], i) => [i + 1, a!, b!])]);
}
