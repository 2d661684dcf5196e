// Chart data and text alternatives for the backtest report. Each figure names a spec in
// templates/charts and binds its datasets; the description states what a sighted reader would see.
import type { BacktestResult } from '../../backtest/types.js';
import { bandLabel } from '../../render/index.js';
import { r4 } from './text.js';
import type { Figure } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

export function rocFigure(r: BacktestResult): Figure {
  const d = r.discrimination;
  const roc = d.roc.map((p, i) => ({ i, fpr: r4(p.fpr), tpr: r4(p.tpr) }));
  const points = [
    { band: 'red', label: 'Red', fpr: r4(r.bands.red.fpr), tpr: r4(r.bands.red.recall) },
    { band: 'yellow', label: 'Red + Yellow', fpr: r4(r.bands.red_or_yellow.fpr), tpr: r4(r.bands.red_or_yellow.recall) },
  ].filter((p) => p.fpr !== null && p.tpr !== null);
  return {
    spec: 'backtest-roc.vl.json',
    data: { roc, diagonal: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }], points },
    title: `ROC curve — AUC ${fmt('auc', d.auc)}${d.auc_ci ? ` (${fmt('share', r.level)} CI ${interval('auc', d.auc_ci)})` : ''}`,
    description:
      `Share of missed-deal partner-months flagged (hit rate) against the share of other partner-months flagged (false-alarm rate) ` +
      `as the risk threshold is lowered; the dashed diagonal is a coin toss. Flagging Red catches ${fmt('share', r.bands.red.recall)} of misses ` +
      `at a ${fmt('share', r.bands.red.fpr)} false-alarm rate; Red + Yellow catches ${fmt('share', r.bands.red_or_yellow.recall)} at ${fmt('share', r.bands.red_or_yellow.fpr)}.`,
  };
}

export function bandRateFigure(r: BacktestResult): Figure {
  const rows = r.bands.rows.map((b) => ({
    band: b.band,
    label: `${bandLabel(b.band)} (n = ${fmt('count', b.n)})`,
    rate: r4(b.rate),
    lo: r4(b.ci_jeffreys?.[0]),
    hi: r4(b.ci_jeffreys?.[1]),
  }));
  const parts = r.bands.rows.map((b) => `${bandLabel(b.band)} ${fmt('share', b.rate)} (${interval('share', b.ci_jeffreys)})`).join(', ');
  return {
    spec: 'backtest-band-rates.vl.json',
    data: { bands: rows, base: r.bands.base_rate === null ? [] : [{ rate: r4(r.bands.base_rate), text: `Average ${fmt('share', r.bands.base_rate)}` }] },
    title: 'Miss rate by band',
    description:
      `Share of partner-months followed by a missed deal within ${r.horizon_days} days, by band, with ${fmt('share', r.level)} Jeffreys intervals: ${parts}. ` +
      `The dashed line is the average of ${fmt('share', r.bands.base_rate)}.`,
  };
}

export function leadTimeFigure(r: BacktestResult): Figure {
  const lt = r.lead_time;
  const bins = [
    ...lt.histogram.map((b) => ({ label: b.label, count: b.count, kind: 'Flagged ahead' })),
    { label: 'Not flagged', count: lt.not_flagged, kind: 'Not flagged' },
  ];
  const q = lt.quantiles;
  return {
    spec: 'backtest-lead-time.vl.json',
    data: { bins },
    title: 'How far ahead missed deals were flagged',
    description:
      `${fmt('count', lt.missed_deals)} missed deals by days between the partner's first Yellow or Red flag and the miss. ` +
      (q ? `Median ${fmt('count', q.p50)} days, middle half ${fmt('count', q.p25)}–${fmt('count', q.p75)} days. ` : '') +
      `${fmt('count', lt.not_flagged)} were not flagged before the miss.`,
  };
}

export function reliabilityFigure(r: BacktestResult): Figure | null {
  const bins = r.calibration.reliability;
  if (!bins.length) return null;
  const top = Math.max(...bins.flatMap((b) => [b.mean_predicted, b.hi, b.observed_rate]));
  const m = Math.min(1, Math.ceil(top * 10 + 0.5) / 10);
  const c = r.calibration;
  return {
    spec: 'backtest-reliability.vl.json',
    data: {
      bins: bins.map((b) => ({ predicted: r4(b.mean_predicted), observed: r4(b.observed_rate), lo: r4(b.lo), hi: r4(b.hi), n: b.n })),
      diagonal: [{ x: 0, y: 0 }, { x: m, y: m }],
    },
    title: 'Reliability: predicted vs observed miss rate (out of time)',
    description:
      `${bins.length} bins of equal size; points on the dashed diagonal would be perfectly calibrated. ` +
      `Calibration slope ${fmt('stat', c.slope)} (1 is ideal), intercept ${fmt('stat', c.intercept)}, Brier score ${fmt('auc', c.brier)}.`,
  };
}

export function aucByQuarterFigure(r: BacktestResult): Figure | null {
  const qs = r.stability.auc_by_quarter.filter((q) => q.auc !== null);
  if (!qs.length) return null;
  const lo = qs.reduce((a, q) => (q.auc! < a.auc! ? q : a));
  const hi = qs.reduce((a, q) => (q.auc! > a.auc! ? q : a));
  return {
    spec: 'backtest-auc-quarter.vl.json',
    data: {
      quarters: qs.map((q) => ({ quarter: q.quarter, auc: r4(q.auc) })),
      band: qs.filter((q) => q.auc_ci).map((q) => ({ quarter: q.quarter, lo: r4(q.auc_ci![0]), hi: r4(q.auc_ci![1]) })),
      reference: [
        { y: 0.5, kind: 'chance', text: 'coin toss' },
        ...(r.auc !== null ? [{ y: r4(r.auc), kind: 'overall', text: `overall ${fmt('auc', r.auc)}` }] : []),
      ],
    },
    title: 'AUC over time',
    description:
      `AUC per quarter of snapshots with ${fmt('share', r.level)} DeLong bands where both classes have at least 5 rows: ` +
      `lowest ${fmt('auc', lo.auc)} in ${lo.quarter}, highest ${fmt('auc', hi.auc)} in ${hi.quarter}, latest ${fmt('auc', qs[qs.length - 1]!.auc)} in ${qs[qs.length - 1]!.quarter}.`,
  };
}

const PSI_STATUS = { stable: 'Stable', shift: 'Shift', major: 'Major shift' } as const;

export function psiFigure(r: BacktestResult): Figure | null {
  const qs = r.stability.psi.quarters;
  if (!qs.length) return null;
  const shifted = qs.filter((q) => q.label !== 'stable').length;
  return {
    spec: 'backtest-psi.vl.json',
    data: {
      quarters: qs.map((q) => ({ quarter: q.quarter, psi: r4(q.psi, 3), status: PSI_STATUS[q.label] })),
      thresholds: [{ y: 0.1, text: 'shift 0.10' }, { y: 0.25, text: 'major 0.25' }],
      // headroom above the tallest bar so it does not touch the frame
      extent: [{ y: r4(Math.max(0.3, ...qs.map((q) => q.psi)) * 1.12, 3) }],
    },
    title: 'Score distribution stability (PSI)',
    description:
      `Population stability index of the score per quarter against the baseline ${r.stability.psi.baseline_from ?? '—'} to ${r.stability.psi.baseline_to ?? '—'}: ` +
      `${shifted} of ${qs.length} quarters above 0.10, the highest ${fmt('stat', Math.max(...qs.map((q) => q.psi)))}.`,
  };
}

export function dimensionFigure(r: BacktestResult): Figure | null {
  const dims = r.dimensions.filter((d) => d.auc !== null);
  if (!dims.length) return null;
  const row = (label: string, kind: string, auc: number | null, ci: [number, number] | null) => ({
    label, kind, auc: r4(auc), lo: r4(ci?.[0] ?? auc), hi: r4(ci?.[1] ?? auc), text: fmt('auc', auc),
  });
  const rows = [
    ...dims.map((d) => row(d.label, 'Dimension', d.auc, d.auc_ci)),
    ...(r.auc !== null ? [row('Composite', 'Composite', r.auc, r.auc_ci)] : []),
  ];
  const best = dims.reduce((a, d) => (d.auc! > a.auc! ? d : a));
  return {
    spec: 'backtest-dimensions.vl.json',
    data: { dimensions: rows, reference: [{ x: 0.5 }] },
    title: 'How well each dimension predicts on its own',
    description:
      `AUC of each dimension score alone with ${fmt('share', r.level)} partner-bootstrap intervals, and the composite (blue, same bootstrap): ` +
      dims.map((d) => `${d.label} ${fmt('auc', d.auc)}`).join(', ') +
      `; composite ${fmt('auc', r.auc)}. ${best.label} is the strongest single dimension.`,
  };
}
