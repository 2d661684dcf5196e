// Expected amount at risk: each partner's open pipeline × the calibrated chance that one of its deals is
// missed at its current score, summed; the interval repeats the sum under each partner-bootstrap refit
// of the calibration (quarterly-data stage, table quarterly_risk_calibration).
import { percentileInterval } from '../../stats/index.js';
import type { CalibrationDraw, PartnerRow } from './data.js';
import { fmt } from '../../vocabulary/number-formats.js';

export interface ExpectedAtRisk {
  /** null when there were too few settled deals to calibrate. */
  amount: number | null;
  ci: [number, number] | null;
  ciText: string | null;
  /** Share of the open pipeline. */
  share: number | null;
  note: string;
  /** The same for each partner (for the roll-up and watchlist), by partner id. */
  byPartner: Record<string, number>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** Money to the cent: the view model carries no float noise. */
const cents = (x: number) => Math.round(x * 100) / 100;

function expectedFor(partners: PartnerRow[], d: CalibrationDraw): number {
  let s = 0;
  for (const p of partners) if (p.composite !== null) s += p.open_pipeline * sigmoid(d.a + d.b * (100 - p.composite));
  return s;
}

export function expectedAtRisk(partners: PartnerRow[], draws: CalibrationDraw[]): ExpectedAtRisk {
  const full = draws.find((d) => d.draw === 0);
  if (!full) {
    return {
      amount: null, ci: null, ciText: null, share: null, byPartner: {},
      note: 'Too few settled deals before the quarter end to calibrate an expected amount.',
    };
  }
  const amount = cents(expectedFor(partners, full));
  const boot = draws.filter((d) => d.draw > 0).map((d) => expectedFor(partners, d));
  const interval = boot.length >= 10 ? percentileInterval(boot, 0.95) : null;
  const ci: [number, number] | null = interval ? [cents(interval[0]), cents(interval[1])] : null;
  const open = partners.reduce((a, p) => a + p.open_pipeline, 0);
  const unscored = partners.filter((p) => p.composite === null && p.open_pipeline > 0).length;
  return {
    amount,
    ci,
    ciText: ci ? `95% CI ${fmt('money', ci[0])}–${fmt('money', ci[1])}` : null,
    share: open > 0 ? amount / open : null,
    note: `open pipeline × calibrated P(deal missed)${open > 0 ? `: ${fmt('share', amount / open)} of open pipeline` : ''}` +
      (unscored ? `; ${unscored} unscored partners left out` : ''),
    byPartner: Object.fromEntries(partners.filter((p) => p.composite !== null).map((p) => [p.partner_id, cents(expectedFor([p], full))])),
  };
}
