// Tables of the backtest report: every chart's numbers, the confusion tables and the threshold options.
import type { BacktestResult, Confusion } from '../../backtest/types.js';
import { bandLabel } from '../../render/index.js';
import type { ConfusionView, Table } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

const ci = (level: number) => `${fmt('share', level)} CI`;

export function discriminationTable(r: BacktestResult): Table {
  const d = r.discrimination;
  const dl = d.deal_level;
  return {
    columns: [
      { key: 'measure', label: 'Measure' },
      { key: 'value', label: 'Value', numeric: true },
      { key: 'ci', label: ci(r.level), numeric: true },
      { key: 'meaning', label: 'What it means' },
    ],
    rows: [
      { measure: 'AUC (partner-months)', value: fmt('auc', d.auc), ci: interval('auc', d.auc_ci), meaning: 'Chance a partner-month with a miss scores riskier than one without.' },
      { measure: 'Gini', value: fmt('auc', d.gini), ci: interval('auc', d.gini_ci), meaning: '2 × AUC − 1: 0 is random ranking, 1 perfect.' },
      { measure: 'KS', value: fmt('auc', d.ks), ci: '—', meaning: 'Largest gap between hit rate and false-alarm rate at any threshold.' },
      { measure: 'PR-AUC', value: fmt('auc', d.pr_auc), ci: '—', meaning: `Average precision; compare with the base rate of ${fmt('rate', d.base_rate)}.` },
      { measure: 'AUC (deals)', value: fmt('auc', dl.auc), ci: interval('auc', dl.auc_ci), meaning: `Each of ${fmt('count', dl.n)} due deals scored by its partner's risk.` },
      { measure: 'AUC (amount-weighted)', value: fmt('auc', dl.amount_weighted_auc), ci: interval('auc', dl.amount_weighted_auc_ci), meaning: 'Deals weighted by amount: big misses count more.' },
    ],
  };
}

/** The health score beside the naive challenger, on the same partner-months. */
export function challengerTable(r: BacktestResult): Table {
  const c = r.challenger;
  return {
    columns: [
      { key: 'score', label: 'Score' },
      { key: 'auc', label: 'AUC (partner-months)', numeric: true },
      { key: 'ci', label: `${ci(r.level)} (partner bootstrap)`, numeric: true },
    ],
    rows: [
      { score: 'Health score', auc: fmt('auc', r.discrimination.auc), ci: interval('auc', r.discrimination.auc_ci) },
      { score: `Challenger: ${c.name}`, auc: fmt('auc', c.auc), ci: interval('auc', c.auc_ci) },
      { score: 'Difference (health score − challenger)', auc: c.delta_auc === null ? '—' : fmt('auc_delta', c.delta_auc), ci: interval('auc_delta', c.delta_ci) },
    ],
  };
}

export function bandTable(r: BacktestResult): Table {
  return {
    columns: [
      { key: 'band', label: 'Band', format: 'band' },
      { key: 'n', label: 'Partner-months', format: 'count' },
      { key: 'positives', label: 'Followed by a miss', format: 'count' },
      { key: 'rate', label: 'Miss rate', format: 'rate' },
      { key: 'jeffreys', label: `${ci(r.level)} (Jeffreys)`, numeric: true },
      { key: 'bootstrap', label: `${ci(r.level)} (partner bootstrap)`, numeric: true },
      { key: 'lift', label: 'Lift vs average', numeric: true },
    ],
    rows: r.bands.rows.map((b) => ({
      band: b.band,
      n: b.n,
      positives: b.positives,
      rate: b.rate,
      jeffreys: interval('rate', b.ci_jeffreys),
      bootstrap: interval('rate', b.ci_bootstrap),
      lift: b.lift === null ? '—' : fmt('lift', b.lift),
    })),
  };
}

export function confusionView(title: string, rule: string, c: Confusion): ConfusionView {
  return {
    title, rule, tp: c.tp, fp: c.fp, fn: c.fn, tn: c.tn,
    precision: fmt('rate', c.precision), recall: fmt('rate', c.recall), fpr: fmt('rate', c.fpr), flagged: fmt('rate', c.flagged_share),
  };
}

const composite = (x: number | null) => (x === null ? 'nobody' : `composite < ${fmt('score_1', x)}`);
/** A degenerate cut is listed for completeness, marked "not usable" by name; the paragraph above the table says why. */
const named = (name: string, degenerate: string | null) => (degenerate ? `${name} (not usable)` : name);

export function thresholdTable(r: BacktestResult): Table {
  const t = r.thresholds;
  const b = r.bands;
  const cap = t.capacity;
  const cw = t.cost_weighted;
  return {
    columns: [
      { key: 'name', label: 'Rule' },
      { key: 'rule', label: 'Flag a partner-month when…' },
      { key: 'why', label: 'Chosen to' },
      { key: 'flagged', label: 'Partner-months flagged', format: 'rate' },
      { key: 'precision', label: 'Precision', format: 'rate' },
      { key: 'recall', label: 'Recall', format: 'rate' },
      { key: 'fpr', label: 'False-alarm rate', format: 'rate' },
    ],
    rows: [
      { name: 'Red', rule: `composite < ${fmt('score', b.red_below)}`, why: 'current band cut-off', flagged: b.red.flagged_share, precision: b.red.precision, recall: b.red.recall, fpr: b.red.fpr },
      { name: 'Red or Yellow', rule: `composite < ${fmt('score', b.green_min)}`, why: 'current band cut-off', flagged: b.red_or_yellow.flagged_share, precision: b.red_or_yellow.precision, recall: b.red_or_yellow.recall, fpr: b.red_or_yellow.fpr },
      { name: named('Youden', t.youden.degenerate), rule: composite(t.youden.composite_below), why: `maximise hit rate − false-alarm rate (J = ${fmt('stat', t.youden.youden_j)})`, flagged: t.youden.flagged_share, precision: t.youden.precision, recall: t.youden.recall, fpr: t.youden.fpr },
      {
        name: named('Cost-weighted', cw.degenerate),
        rule: composite(cw.composite_below),
        why: `minimise cost: a missed warning costs ${fmt('ratio', cw.cost_missed_warning)}× a false alarm`,
        flagged: cw.flagged_share, precision: cw.precision, recall: cw.recall, fpr: cw.fpr,
      },
      {
        name: 'Capacity',
        rule: `among the ${fmt('share', cap.share)} riskiest partners scored that month`,
        why: `fit team capacity (${cap.k} partners in a typical month of ${cap.partners} partners)`,
        flagged: r.population ? cap.flagged_in_population / r.population : null, precision: cap.precision, recall: cap.recall, fpr: null,
      },
    ],
  };
}

export function thresholdText(r: BacktestResult): string {
  const c = r.thresholds.cost_weighted;
  const degenerate = c.degenerate ? ` The cost-weighted cut-off ${c.degenerate}, so the table marks it not usable.` : '';
  return (
    'Three other ways to draw the line, each a different trade-off: Youden\'s cut-off balances hits against false alarms equally; ' +
    `the cost-weighted cut-off assumes a missed warning costs ${fmt('ratio', c.cost_missed_warning)} times a false alarm ` +
    `(total cost ${fmt('count', c.cost)} vs ${fmt('count', c.cost_at_red)} at Red and ${fmt('count', c.cost_at_red_or_yellow)} at Red or Yellow); ` +
    `the capacity rule flags only as many partners each month as a team can work (${fmt('share', r.thresholds.capacity.share)} of those scored, ${r.thresholds.capacity.k} in a typical month).` +
    degenerate
  );
}

export function leadTimeTable(r: BacktestResult): Table {
  const lt = r.lead_time;
  const q = lt.quantiles;
  const days = (x: number | undefined) => fmt('days', x);
  return {
    columns: [{ key: 'k', label: 'Measure' }, { key: 'v', label: 'Value', numeric: true }],
    rows: [
      { k: 'Missed deals', v: fmt('count', lt.missed_deals) },
      { k: 'Flagged before the miss', v: `${fmt('count', lt.flagged)} (${fmt('share', lt.missed_deals ? lt.flagged / lt.missed_deals : null)})` },
      { k: 'Flagged ≥ 30 days ahead', v: fmt('share', lt.share_ge_30) },
      { k: 'Flagged ≥ 60 days ahead', v: fmt('share', lt.share_ge_60) },
      { k: 'Flagged ≥ 90 days ahead', v: fmt('share', lt.share_ge_90) },
      { k: 'Lead time, median (25th–75th pct.)', v: q ? `${days(q.p50)} (${fmt('count', q.p25)}–${fmt('count', q.p75)})` : '—' },
      { k: 'False alarms per partner-month', v: fmt('stat', lt.false_alarms.per_partner_month) },
    ],
  };
}

export function calibrationTable(r: BacktestResult): Table {
  const c = r.calibration;
  const hl = c.hosmer_lemeshow;
  return {
    columns: [{ key: 'k', label: 'Measure' }, { key: 'v', label: 'Value', numeric: true }, { key: 'ideal', label: 'Ideal' }],
    rows: [
      { k: 'Out-of-time predictions', v: `${fmt('count', c.n)} (${fmt('count', c.positives)} misses)`, ideal: '' },
      { k: 'Brier score', v: fmt('auc', c.brier), ideal: 'lower is better' },
      { k: 'Brier skill vs base rate', v: fmt('auc', c.brier_skill), ideal: 'above 0' },
      { k: 'Log loss', v: fmt('auc', c.log_loss), ideal: 'lower is better' },
      { k: 'Calibration slope', v: fmt('stat', c.slope), ideal: '1' },
      { k: 'Calibration intercept', v: fmt('stat', c.intercept), ideal: '0' },
      { k: 'Hosmer–Lemeshow', v: hl ? `χ² ${fmt('stat', hl.statistic)}, df ${hl.df}, ${fmt('p_value', hl.p)}` : '—', ideal: 'p above 0.05' },
    ],
  };
}

export function aucQuarterTable(r: BacktestResult): Table {
  return {
    columns: [
      { key: 'quarter', label: 'Quarter' },
      { key: 'n', label: 'Partner-months', format: 'count' },
      { key: 'positives', label: 'With a miss', format: 'count' },
      { key: 'auc', label: 'AUC', format: 'auc' },
      { key: 'ci', label: ci(r.level), numeric: true },
    ],
    rows: r.stability.auc_by_quarter.map((q) => ({ quarter: q.quarter, n: q.n, positives: q.positives, auc: q.auc, ci: q.auc_ci ? interval('auc', q.auc_ci) : 'too few' })),
  };
}

export function psiTable(r: BacktestResult): Table {
  const word = { stable: 'Stable', shift: 'Shift', major: 'Major shift' } as const;
  return {
    columns: [
      { key: 'quarter', label: 'Quarter' },
      { key: 'n', label: 'Partner-months', format: 'count' },
      { key: 'psi', label: 'PSI', format: 'stat' },
      { key: 'status', label: 'Reading' },
    ],
    rows: r.stability.psi.quarters.map((q) => ({ quarter: q.quarter, n: q.n, psi: q.psi, status: word[q.label] })),
    empty: 'No quarter after the baseline yet.',
  };
}

export function migrationTable(r: BacktestResult): Table {
  const m = r.stability.migration;
  const name = (s: string) => (s === 'unscored' ? 'Unscored' : bandLabel(s));
  return {
    columns: [{ key: 'from', label: 'From ↓ / to →' }, ...m.states.map((s) => ({ key: s, label: name(s), numeric: true }))],
    rows: m.states.map((from, i) => {
      const row: Record<string, unknown> = { from: name(from) };
      m.states.forEach((to, j) => {
        const n = m.counts[i]?.[j] ?? 0;
        row[to] = n === 0 ? '·' : `${fmt('share', m.shares[i]?.[j])} (${fmt('count', n)})`;
      });
      return row;
    }),
  };
}

export function dimensionTable(r: BacktestResult): Table {
  return {
    columns: [
      { key: 'label', label: 'Dimension' },
      { key: 'weight', label: 'Weight', format: 'weight' },
      { key: 'auc', label: 'AUC alone', format: 'auc' },
      { key: 'ci', label: ci(r.level), numeric: true },
      { key: 'diff', label: 'vs composite', numeric: true },
      { key: 'diffCi', label: `${ci(r.level)} (partner bootstrap)`, numeric: true },
      { key: 'p', label: 'Paired DeLong (rows as independent)', numeric: true },
    ],
    rows: r.dimensions.map((d) => ({
      label: d.label, weight: d.weight, auc: d.auc, ci: interval('auc', d.auc_ci),
      diff: fmt('auc_delta', d.vs_composite?.diff), diffCi: interval('auc_delta', d.vs_composite?.diff_ci ?? null),
      p: d.vs_composite ? `z ${fmt('stat', d.vs_composite.z)}, ${fmt('p_value', d.vs_composite.p)}` : '—',
    })),
    caption: 'AUC intervals and the difference to the composite come from the same partner bootstrap as the composite\'s interval; the DeLong column treats partner-months as independent and overstates the evidence.',
  };
}
