// Chart data and text alternatives for the calibration report.
import type { HealthModel } from '../../model/types.js';
import type { CalibrationResult } from '../../tune/types.js';
import { r4 } from '../backtest/text.js';
import { dimLabel } from './summary.js';
import type { Figure } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

export function weightsFigure(r: CalibrationResult, model: HealthModel): Figure {
  const dims = Object.keys(r.current_weights);
  const label = (d: string) => dimLabel(model, d);
  const fitted = r.verdict !== 'insufficient';
  return {
    spec: 'calibration-weights.vl.json',
    data: {
      intervals: dims.filter((d) => r.weight_ci[d]).map((d) => ({ label: label(d), lo: r4(r.weight_ci[d]![0]), hi: r4(r.weight_ci[d]![1]) })),
      // nothing was fitted for 'insufficient': plot the current weights alone, not a fake proposal on top
      points: dims.flatMap((d) => [
        { label: label(d), series: 'Current', weight: r4(r.current_weights[d]) },
        ...(fitted ? [{ label: label(d), series: 'Proposed (95% CI)', weight: r4(r.proposed_weights[d]) }] : []),
      ]),
    },
    title: fitted ? 'Current vs proposed dimension weights' : 'Current dimension weights (no proposal)',
    description: !fitted
      ? `Open diamonds: current weights. ${dims.map((d) => `${label(d)} ${fmt('weight', r.current_weights[d])}`).join('; ')}.`
      : 'Filled dots: proposed weights with 95% partner-bootstrap intervals; open diamonds: current weights. ' +
      dims
        .map((d) => `${label(d)} ${fmt('weight', r.current_weights[d])} → ${fmt('weight', r.proposed_weights[d])}` + (r.weight_ci[d] ? ` (${interval('weight', r.weight_ci[d])})` : ''))
        .join('; ') + '.',
  };
}

export function ootFigure(r: CalibrationResult): Figure | null {
  const folds = r.folds.filter((f) => f.out_of_time && f.auc_current !== null && f.auc_proposed !== null);
  if (!folds.length || r.oot_auc_current === null || r.oot_auc_proposed === null) return null;
  const rows = [
    ...folds.map((f) => ({ label: f.test_quarter, current: f.auc_current!, proposed: f.auc_proposed! })),
    { label: 'All test quarters', current: r.oot_auc_current, proposed: r.oot_auc_proposed },
  ];
  const better = folds.filter((f) => f.auc_proposed! > f.auc_current!).length;
  return {
    spec: 'calibration-oot-auc.vl.json',
    data: {
      gaps: rows.map((x) => ({ label: x.label, lo: r4(Math.min(x.current, x.proposed)), hi: r4(Math.max(x.current, x.proposed)) })),
      points: rows.flatMap((x) => [
        { label: x.label, series: 'Current', auc: r4(x.current) },
        { label: x.label, series: 'Proposed', auc: r4(x.proposed) },
      ]),
    },
    title: 'Out-of-time AUC by test quarter',
    description:
      `AUC of the current weights (open diamonds) and the proposed weights (filled dots) on each test quarter, fitted only on earlier data: ` +
      `the proposal is higher in ${better} of ${folds.length} quarters; pooled ${fmt('auc', r.oot_auc_current)} → ${fmt('auc', r.oot_auc_proposed)}.`,
  };
}

export function gainFigure(r: CalibrationResult): Figure | null {
  const d = r.oot?.delta_auc ?? null;
  const ci = r.delta_auc_ci;
  if (d === null || !ci) return null;
  const clear = ci[0] > 0;
  return {
    spec: 'calibration-gain.vl.json',
    data: {
      gain: [{ delta: r4(d), lo: r4(ci[0]), hi: r4(ci[1]), tone: clear ? 'clear' : 'unclear', text: fmt('auc_delta', d) }],
      zero: [{ x: 0 }],
    },
    title: 'Out-of-time AUC gain with its 95% interval',
    description:
      `Gain ${fmt('auc_delta', d)}, 95% partner-bootstrap CI ${interval('auc_delta', ci)}: ` +
      (clear ? 'the whole interval lies above zero.' : 'the interval reaches zero or below, so a real gain is not established.'),
  };
}

export function lambdaFigure(r: CalibrationResult): Figure | null {
  const c = r.lambda.curve;
  if (!c.length) return null;
  const best = c.reduce((a, p) => (p.mean < a.mean ? p : a));
  return {
    spec: 'calibration-lambda.vl.json',
    data: {
      curve: c.map((p) => ({
        label: String(p.lambda), mean: r4(p.mean, 5), lo: r4(p.mean - p.se, 5), hi: r4(p.mean + p.se, 5),
        kind: p.lambda === r.lambda.chosen ? 'chosen' : 'other',
      })),
    },
    title: 'Choosing the shrinkage strength λ',
    description:
      `Mean out-of-time log loss over the walk-forward folds for each λ, with ± one standard error. Lowest at λ = ${String(best.lambda)}; ` +
      `chosen λ = ${r.lambda.chosen === null ? "—" : String(r.lambda.chosen)}, marked in red (rule: ${r.lambda.rule}).`,
  };
}
