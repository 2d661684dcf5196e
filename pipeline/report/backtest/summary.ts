// The report's opening: a plain-language verdict a CRO can forward, and the KPI cards behind it.
import type { BacktestResult } from '../../backtest/types.js';
import { fmtNum, fmtPct } from '../../render/index.js';
import { count, f2, levelPct, pctRange, range } from './text.js';
import type { Kpi, Tone, Verdict } from './types.js';

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
    return `Only ${count(r.population)} partner-snapshots with a due deal and ${count(r.positives)} misses are labelled so far: too few to measure how well the score ranks partners.`;
  }
  const ci = d.auc_ci ? `, ${levelPct(r.level)} CI ${range(d.auc_ci)}` : '';
  return (
    `The health score ranks partners that go on to miss deals above those that don't ${fmtPct(d.auc)} of the time ` +
    `(AUC ${f2(d.auc)}${ci}); 50% would be a coin toss.`
  );
}

function bandSentence(r: BacktestResult): string | null {
  const red = r.bands.rows.find((b) => b.band === 'red');
  const green = r.bands.rows.find((b) => b.band === 'green');
  if (!red || red.rate === null || r.bands.base_rate === null) return null;
  const lift = red.lift !== null ? ` — ${fmtNum(red.lift, 1)}× the average of ${fmtPct(r.bands.base_rate)}` : '';
  const g = green?.rate !== null && green ? `; Green partners ${fmtPct(green.rate)}` : '';
  const order = r.bands.monotonic
    ? 'Miss rates rise from Green to Yellow to Red, as they should.'
    : 'Miss rates do not rise steadily from Green to Yellow to Red, so the band cut-offs need a review.';
  return `Red partners went on to miss a deal in ${fmtPct(red.rate)} of cases (${levelPct(r.level)} CI ${pctRange(red.ci_jeffreys)})${lift}${g}. ${order}`;
}

function coverageSentence(r: BacktestResult): string | null {
  const { red, red_or_yellow: ry } = r.bands;
  if (red.recall === null || ry.recall === null) return null;
  return (
    `Red alone catches ${fmtPct(red.recall)} of the partner-months that ended in a miss; Red or Yellow catches ${fmtPct(ry.recall)}, ` +
    `at the cost of flagging ${fmtPct(ry.flagged_share)} of all partner-months.`
  );
}

function leadSentence(r: BacktestResult): string | null {
  const lt = r.lead_time;
  if (lt.missed_deals === 0 || lt.share_ge_60 === null) return null;
  const median = lt.quantiles ? ` (median lead time of flagged deals: ${fmtNum(lt.quantiles.p50, 0)} days)` : '';
  return (
    `Of ${count(lt.missed_deals)} missed deals, ${fmtPct(lt.share_ge_60)} were flagged Yellow or Red at least 60 days ahead${median}; ` +
    `${count(lt.not_flagged)} were not flagged at all.`
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
  const lvl = levelPct(r.level);
  return [
    { label: 'AUC', value: f2(d.auc), note: d.auc_ci ? `${lvl} CI ${range(d.auc_ci)}` : 'not computable' },
    { label: 'Gini', value: f2(d.gini), note: d.gini_ci ? `${lvl} CI ${range(d.gini_ci)}` : '2 × AUC − 1' },
    {
      label: 'Population',
      value: count(r.population),
      note: `partner-months; ${count(r.positives)} missed a deal (base rate ${fmtPct(d.base_rate, 1)})`,
    },
    {
      label: 'Red precision',
      value: fmtPct(r.bands.red.precision),
      note: `recall ${fmtPct(r.bands.red.recall)} of partner-months with a miss`,
      band: 'red',
    },
    {
      label: 'Median lead time',
      value: lt.quantiles ? `${fmtNum(lt.quantiles.p50, 0)} d` : '—',
      note: `${fmtPct(lt.share_ge_60)} of missed deals flagged ≥ 60 days ahead`,
    },
  ];
}
