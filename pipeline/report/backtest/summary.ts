// The report's opening: a plain-language verdict a CRO can forward, and the KPI cards behind it.
import type { BacktestResult } from '../../backtest/types.js';
import type { Kpi, Tone, Verdict } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

/** Verdict rule (also stated in the methodology): the AUC interval decides, not the point estimate. */
function grade(r: BacktestResult): { tone: Tone; headline: string } {
  const auc = r.discrimination.auc;
  const lo = r.discrimination.auc_ci?.[0] ?? null;
  if (auc === null) return { tone: 'neutral', headline: 'Not enough labelled history to judge the health score yet' };
  if (lo === null || lo <= 0.5) return { tone: 'red', headline: 'No reliable evidence that the health score predicts missed deals' };
  if (auc >= 0.7 && r.bands.monotonic) return { tone: 'green', headline: 'The health score gives a good early warning of missed deals' };
  if (auc >= 0.6) return { tone: 'green', headline: 'The health score gives a useful, if imperfect, early warning of missed deals' };
  return { tone: 'yellow', headline: 'The health score carries a weak but real warning signal' };
}

function rankingSentence(r: BacktestResult): string {
  const d = r.discrimination;
  if (d.auc === null) {
    return `Only ${fmt('count', r.population)} partner-snapshots with a due deal and ${fmt('count', r.positives)} misses are labelled so far: too few to measure how well the score ranks partners.`;
  }
  const ci = d.auc_ci ? `, ${fmt('share', r.level)} CI ${interval('auc', d.auc_ci)}` : '';
  return (
    `The health score ranks partners that go on to miss deals above those that don't ${fmt('share', d.auc)} of the time ` +
    `(AUC ${fmt('auc', d.auc)}${ci}); 50% would be a coin toss.`
  );
}

function bandSentence(r: BacktestResult): string | null {
  const red = r.bands.rows.find((b) => b.band === 'red');
  const green = r.bands.rows.find((b) => b.band === 'green');
  if (!red || red.rate === null || r.bands.base_rate === null) return null;
  const lift = red.lift !== null ? ` — ${fmt('lift', red.lift)} the average of ${fmt('share', r.bands.base_rate)}` : '';
  const g = green?.rate !== null && green ? `; Green partners ${fmt('share', green.rate)}` : '';
  const order = r.bands.monotonic
    ? 'Miss rates rise from Green to Yellow to Red, as they should.'
    : 'Miss rates do not rise steadily from Green to Yellow to Red, so the band cut-offs need a review.';
  return `Red partners went on to miss a deal in ${fmt('share', red.rate)} of cases (${fmt('share', r.level)} CI ${interval('share', red.ci_jeffreys)})${lift}${g}. ${order}`;
}

function coverageSentence(r: BacktestResult): string | null {
  const { red, red_or_yellow: ry } = r.bands;
  if (red.recall === null || ry.recall === null) return null;
  return (
    `Red alone catches ${fmt('share', red.recall)} of the partner-months that ended in a miss; Red or Yellow catches ${fmt('share', ry.recall)}, ` +
    `at the cost of flagging ${fmt('share', ry.flagged_share)} of all partner-months.`
  );
}

function leadSentence(r: BacktestResult): string | null {
  const lt = r.lead_time;
  if (lt.missed_deals === 0 || lt.share_ge_60 === null) return null;
  const median = lt.quantiles ? ` (median lead time of flagged deals: ${fmt('count', lt.quantiles.p50)} days)` : '';
  return (
    `Of ${fmt('count', lt.missed_deals)} missed deals, ${fmt('share', lt.share_ge_60)} were flagged Yellow or Red at least 60 days ahead${median}; ` +
    `${fmt('count', lt.not_flagged)} were not flagged at all.`
  );
}

function checksSentence(r: BacktestResult): string {
  const failed = r.leakage_checks.filter((c) => !c.passed);
  return failed.length === 0
    ? `All ${r.leakage_checks.length} leakage checks passed: every label was knowable at the cutoff, every due deal was open and registered at its snapshot, and calibration trained only on resolved labels.`
    : `${failed.length} of ${r.leakage_checks.length} leakage checks FAILED (${failed.map((c) => c.check).join('; ')}): treat these results as unreliable until fixed.`;
}

/** `populations`: why calibration's out-of-time AUC differs from this one (report/common/populations.ts). */
export function buildVerdict(r: BacktestResult, populations: string | null = null): Verdict {
  const g = grade(r);
  const leak = r.leakage_checks.some((c) => !c.passed);
  const points = [rankingSentence(r), populations, r.challenger.sentence, bandSentence(r), coverageSentence(r), leadSentence(r), checksSentence(r)]
    .filter((s): s is string => s !== null);
  return { tone: leak ? 'red' : g.tone, headline: leak ? `Leakage check failed — ${g.headline.toLowerCase()}` : g.headline, points };
}

export function buildKpis(r: BacktestResult): Kpi[] {
  const d = r.discrimination;
  const lt = r.lead_time;
  const lvl = fmt('share', r.level);
  return [
    { label: 'AUC', value: fmt('auc', d.auc), note: d.auc_ci ? `${lvl} CI ${interval('auc', d.auc_ci)}` : 'not computable' },
    { label: 'Gini', value: fmt('auc', d.gini), note: d.gini_ci ? `${lvl} CI ${interval('auc', d.gini_ci)}` : '2 × AUC − 1' },
    {
      label: 'Population',
      value: fmt('count', r.population),
      note: `partner-months; ${fmt('count', r.positives)} missed a deal (base rate ${fmt('rate', d.base_rate)})`,
    },
    {
      label: 'Red precision',
      value: fmt('share', r.bands.red.precision),
      note: `recall ${fmt('share', r.bands.red.recall)} of partner-months with a miss`,
      band: 'red',
    },
    {
      label: 'Median lead time',
      value: lt.quantiles ? fmt('days', lt.quantiles.p50) : '—',
      note: `${fmt('share', lt.share_ge_60)} of missed deals flagged ≥ 60 days ahead`,
    },
  ];
}
