// Page one's proof: how far to trust the score, from the backtest, in one sentence; and a warning for a
// band whose miss rate is not separated from its neighbour's.
import type { BacktestResult, BandRow } from '../../backtest/index.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

/**
 * Two adjacent bands are separated when their intervals do not overlap AND the higher miss rate is at
 * least this many times the lower: a statistically clear but small gap (24% vs 29%) is no warning.
 */
export const MIN_BAND_RATE_RATIO = 1.25;

export interface ProofView {
  sentence: string;
  /** Band-separation warnings (empty when every band stands apart). */
  flags: string[];
  scope: string;
}

const LABEL: Record<string, string> = { green: 'Green', yellow: 'Yellow', red: 'Red' };

function rateText(r: BandRow): string {
  const ci = r.ci_jeffreys ? ` (95% CI ${fmt('share', r.ci_jeffreys[0])}–${fmt('share', r.ci_jeffreys[1])})` : '';
  return `${fmt('share', r.rate)}${ci}`;
}

function separated(lo: BandRow, hi: BandRow): boolean {
  if (lo.rate === null || hi.rate === null || !lo.ci_jeffreys || !hi.ci_jeffreys) return false;
  return lo.ci_jeffreys[1] < hi.ci_jeffreys[0] && hi.rate >= MIN_BAND_RATE_RATIO * lo.rate;
}

/** Warnings for bands not separated from a neighbour (order Green → Yellow → Red). */
export function bandSeparationFlags(bt: BacktestResult): string[] {
  const order = ['green', 'yellow', 'red'];
  const rows = order.map((b) => bt.bands.rows.find((r) => r.band === b)).filter((r): r is BandRow => !!r && r.n > 0);
  const total = rows.reduce((a, r) => a + r.n, 0);
  const base = bt.bands.base_rate;
  const flags: string[] = [];
  for (let i = 1; i < rows.length; i++) {
    const lo = rows[i - 1]!, hi = rows[i]!;
    if (separated(lo, hi)) continue;
    // Name the band that is supposed to warn (the riskier one), with its weight in the population.
    flags.push(
      `${LABEL[hi.band]} is not clearly separated from ${LABEL[lo.band]}: ${fmt('share', hi.rate)} vs ${fmt('share', lo.rate)} of ` +
      `partner-months were followed by a miss, while ${LABEL[hi.band]} holds ${fmt('share', total ? hi.n / total : null)} of partner-months` +
      (base !== null && hi.rate !== null && hi.rate < base ? ` and sits below the ${fmt('share', base)} average` : '') +
      `. Read ${LABEL[hi.band]} as a watch list, not as a warning.`,
    );
  }
  return flags;
}

export function backtestProof(bt: BacktestResult | null): ProofView | null {
  if (!bt || bt.auc === null || !bt.auc_ci) return null;
  const red = bt.bands.rows.find((r) => r.band === 'red' && r.n > 0);
  const green = bt.bands.rows.find((r) => r.band === 'green' && r.n > 0);
  const rates = red && green
    ? `Red partners were followed by a missed deal in ${rateText(red)} of partner-months, Green partners in ${rateText(green)}; `
    : '';
  const sentence = `In the backtest, ${rates}the score ranks risky partner-months first with AUC ${fmt('auc', bt.auc)} ` +
    `(95% CI ${interval('auc', bt.auc_ci)}; 0.5 is a coin toss).` +
    // the backtest words the comparison with its naive challenger once; page one repeats it
    (bt.challenger ? ` ${bt.challenger.sentence}` : '');
  const w = bt.data_window;
  return {
    sentence,
    flags: bandSeparationFlags(bt),
    scope: `Whole program, ${fmt('count', bt.population)} partner-months with a due deal` +
      (w.first_labelled_snapshot && w.last_labelled_snapshot ? ` (${fmt('month', w.first_labelled_snapshot)} to ${fmt('month', w.last_labelled_snapshot)})` : '') +
      `, ${bt.horizon_days}-day horizon; details in the backtest report.`,
  };
}
