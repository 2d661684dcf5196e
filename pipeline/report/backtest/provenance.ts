// Where the numbers come from: data window, population funnel, leakage checks and methodology notes.
import { LEAD_TIME_DEFINITION } from '../../backtest/index.js';
import { closeDateBasis } from '../../label/close-dates.js';
import type { BacktestResult } from '../../backtest/types.js';
import type { BacktestView, Table } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';

export function funnelTable(r: BacktestResult): Table {
  const c = r.counts;
  const rows: Array<{ step: string; n: string; left: number }> = [];
  let left = c.snapshots;
  rows.push({ step: 'Partner-month snapshots in the window', n: fmt('count', c.snapshots), left });
  const drop = (step: string, n: number) => rows.push({ step, n: n ? `−${fmt('count', n)}` : '0', left: (left -= n) });
  drop(`Censored: outcome not yet known (snapshot + ${r.horizon_days} + ${r.grace_days} days after the cut-off)`, c.censored);
  drop('Unscored: too little data for a composite score', c.unscored);
  drop(`No deal due within ${r.horizon_days} days of the snapshot`, c.no_due_deal);
  return {
    columns: [
      { key: 'step', label: 'Step' },
      { key: 'n', label: 'Partner-months', numeric: true },
      { key: 'left', label: 'Remaining', format: 'count' },
    ],
    rows: [...rows, { step: `Backtest population (${fmt('count', c.positives)} followed by a miss, ${fmt('rate', r.population ? c.positives / r.population : null)})`, n: fmt('count', c.population), left: c.population }],
  };
}

export function datesTable(r: BacktestResult): Table {
  const w = r.data_window;
  const d = (x: string | null) => (x ? fmt('date', x) : '—');
  return {
    columns: [{ key: 'k', label: 'Item' }, { key: 'v', label: 'Value' }],
    rows: [
      { k: 'Scored snapshots', v: `${d(w.first_snapshot)} to ${d(w.last_snapshot)}` },
      { k: 'Labelled snapshots (outcome known)', v: `${d(w.first_labelled_snapshot)} to ${d(w.last_labelled_snapshot)}` },
      { k: 'Data cut-off', v: d(r.cutoff) },
      { k: 'Horizon / grace', v: `${r.horizon_days} days / ${r.grace_days} days` },
      { k: 'Partners in the bootstrap', v: fmt('count', r.bootstrap.partners) },
      { k: 'Due deals / missed deals', v: `${fmt('count', r.counts.due_deals)} / ${fmt('count', r.counts.missed_deals)}` },
    ],
  };
}

export function leakageSection(r: BacktestResult): BacktestView['leakage'] {
  const failed = r.leakage_checks.filter((c) => !c.passed).length;
  return {
    allPassed: failed === 0,
    lead: failed === 0
      ? `All ${r.leakage_checks.length} checks passed: the backtest used only what was known at each snapshot.`
      : `${failed} of ${r.leakage_checks.length} checks failed: the backtest may have used information from the future.`,
    checks: r.leakage_checks.map((c) => ({ check: c.check.charAt(0).toUpperCase() + c.check.slice(1), passed: c.passed, detail: c.detail })),
  };
}

export function methodology(r: BacktestResult): BacktestView['methodology'] {
  const H = r.horizon_days;
  const G = r.grace_days;
  return {
    items: [
      { term: 'Risk score', text: 'Risk = 100 − composite health score, so a higher risk should mean a higher chance of a miss.' },
      {
        term: 'Missed deal (the label)',
        text:
          `At each month-end snapshot, a partner's due deals are those registered by then, still open, and expected to close within the next ${H} days. ` +
          `A due deal is missed if it was lost, closed more than ${G} days late, or is still open more than ${G} days past its expected close at the cut-off. ` +
          `A partner-month counts as a miss if any due deal was missed; partner-months without a due deal are left out, and those whose outcome is not yet known are censored.`,
      },
      { term: 'Close dates', text: closeDateBasis(r.counts.distinct_missed_deals, r.counts.distinct_missed_deals_final_dates ?? null) },
      { term: 'Lead time', text: r.lead_time.definition || LEAD_TIME_DEFINITION },
      {
        term: 'Intervals',
        text:
          `${fmt('share', r.level)} intervals from ${fmt('count', r.bootstrap.resamples)} bootstrap resamples of whole partners (${fmt('count', r.bootstrap.usable)} usable, ` +
          `${fmt('count', r.bootstrap.partners)} partners, seed ${r.seed}), because one partner's monthly snapshots are correlated. ` +
          'Band miss rates also show a Jeffreys interval; AUC per quarter uses DeLong.',
      },
      {
        term: 'Calibration',
        text: `A Platt mapping from risk to probability, refitted for each test quarter only on labels already known before it (out of time; the first ${r.calibration.training_months} labelled months only train), then pooled over the test quarters.`,
      },
      { term: 'Stability', text: 'PSI below 0.10 is stable, 0.10–0.25 a shift worth watching, above 0.25 a major shift.' },
      {
        term: 'Verdict rule',
        text: 'The headline depends on the AUC interval: if it includes 0.5 there is no reliable evidence; otherwise an AUC of 0.7 or more with rising band miss rates is "good", 0.6 or more "useful", below that "weak".',
      },
    ],
  };
}
