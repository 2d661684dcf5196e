// Tables of the calibration report: weights, out-of-time metrics, folds, grid optimum, cut-offs, band moves.
import type { HealthModel } from '../../model/types.js';
import { bandLabel } from '../../render/index.js';
import type { CalibrationResult, CutoffProposal } from '../../tune/types.js';
import { num } from '../backtest/text.js';
import { dimLabel } from './summary.js';
import type { Table } from './types.js';
import { delongClause } from '../../tune/verdict-text.js';
import { fmt } from '../../vocabulary/number-formats.js';
import { scoreWithBand } from '../../decision/score-text.js';
import type { Band } from '../../model/types.js';

/** Weights as every report prints them (40%, 23.6%). */
const weight = (v: number | undefined): string => fmt('weight', v);

export function weightsTable(r: CalibrationResult, model: HealthModel): Table {
  if (r.verdict === 'insufficient') {
    return {
      columns: [{ key: 'label', label: 'Dimension' }, { key: 'current', label: 'Current weight', numeric: true }],
      rows: Object.keys(r.current_weights).map((d) => ({ label: dimLabel(model, d), current: weight(r.current_weights[d]) })),
    };
  }
  return {
    columns: [
      { key: 'label', label: 'Dimension' },
      { key: 'current', label: 'Current', numeric: true },
      { key: 'proposed', label: 'Proposed', numeric: true },
      { key: 'ci', label: '95% CI (proposed)', numeric: true },
      { key: 'change', label: 'Change (points)', numeric: true },
    ],
    rows: Object.keys(r.current_weights).map((d) => ({
      label: dimLabel(model, d),
      current: weight(r.current_weights[d]),
      proposed: weight(r.proposed_weights[d]),
      ci: r.weight_ci[d] ? `${weight(r.weight_ci[d]![0])}–${weight(r.weight_ci[d]![1])}` : '—',
      change: fmt('points', ((r.proposed_weights[d] ?? 0) - (r.current_weights[d] ?? 0)) * 100),
    })),
  };
}

export function ootTable(r: CalibrationResult): Table {
  const o = r.oot;
  const [lo, hi] = r.requirements.calibration_slope;
  const row = (k: string, key: 'auc' | 'log_loss' | 'brier' | 'calibration_intercept' | 'calibration_slope', better: string, digits = 3) => ({
    k, current: num(o?.current[key], digits), proposed: num(o?.proposed[key], digits), better,
  });
  return {
    columns: [
      { key: 'k', label: 'Out of time' },
      { key: 'current', label: 'Current', numeric: true },
      { key: 'proposed', label: 'Proposed', numeric: true },
      { key: 'better', label: 'Better is' },
    ],
    rows: o
      ? [
          row('AUC', 'auc', 'higher'),
          row('Log loss', 'log_loss', 'lower'),
          row('Brier score', 'brier', 'lower'),
          row('Calibration intercept', 'calibration_intercept', 'near 0', 2),
          row('Calibration slope', 'calibration_slope', `within ${fmt('stat', lo)}–${fmt('stat', hi)}`, 2),
        ]
      : [],
    empty: 'No out-of-time evaluation was run.',
  };
}

export function foldsTable(r: CalibrationResult): Table {
  return {
    columns: [
      { key: 'quarter', label: 'Test quarter' },
      { key: 'window', label: 'Test snapshots' },
      { key: 'purge', label: 'Train up to', format: 'date' },
      { key: 'train', label: 'Train rows (misses)', numeric: true },
      { key: 'test', label: 'Test rows (misses)', numeric: true },
      { key: 'lambda', label: 'λ', numeric: true },
      { key: 'current', label: 'AUC current', numeric: true },
      { key: 'proposed', label: 'AUC proposed', numeric: true },
      { key: 'gain', label: 'Gain', numeric: true },
    ],
    rows: r.folds.map((f) => ({
      quarter: f.test_quarter,
      window: `${fmt('date', f.test_start)} – ${fmt('date', f.test_end)}`,
      purge: f.purge_boundary,
      train: `${fmt('count', f.train_rows)} (${fmt('count', f.train_positives)})`,
      test: `${fmt('count', f.test_rows)} (${fmt('count', f.test_positives)})`,
      lambda: f.out_of_time && f.lambda !== null ? String(f.lambda) : 'trains only',
      current: fmt('auc', f.auc_current),
      proposed: fmt('auc', f.auc_proposed),
      gain: f.auc_current !== null && f.auc_proposed !== null ? fmt('auc_delta', f.auc_proposed - f.auc_current) : '—',
    })),
    empty: 'No walk-forward folds: too little labelled history.',
  };
}

export function gridTable(r: CalibrationResult, model: HealthModel): Table | null {
  const g = r.grid_optimum;
  if (!g) return null;
  return {
    columns: [
      { key: 'label', label: 'Dimension' },
      { key: 'current', label: 'Current', numeric: true },
      { key: 'proposed', label: 'Proposed', numeric: true },
      { key: 'grid', label: 'Grid optimum', numeric: true },
    ],
    rows: [
      ...Object.keys(r.current_weights).map((d) => ({
        label: dimLabel(model, d), current: weight(r.current_weights[d]), proposed: weight(r.proposed_weights[d]), grid: weight(g.weights[d]),
      })),
      { label: 'AUC, in sample', current: fmt('auc', g.auc_current), proposed: fmt('auc', g.auc_proposed), grid: fmt('auc', g.auc) },
    ],
  };
}

/** Short rule names for the table's key column; what each rule means goes in the notes under it. */
const METHOD = { current: 'Current model', youden: 'Youden', cost: 'Cost-weighted', capacity: 'Capacity' } as const;

export function cutoffTable(r: CalibrationResult): Table | null {
  const b = r.band_cutoffs;
  if (!b) return null;
  // A cut that flags almost everyone is listed, but not as an option: marked here, explained in the notes.
  const name = (m: CutoffProposal) => `${METHOD[m.method]}${m.degenerate ? ' (not usable)' : ''}`;
  return {
    columns: [
      { key: 'method', label: 'Cut-off rule' },
      { key: 'red', label: 'Red below', numeric: true },
      { key: 'green', label: 'Green from', numeric: true },
      { key: 'flagged', label: 'Out-of-time rows flagged', format: 'count' },
      { key: 'share', label: 'Share flagged', format: 'rate' },
      { key: 'precision', label: 'Precision', format: 'rate' },
      { key: 'recall', label: 'Recall', format: 'rate' },
      { key: 'rest', label: 'Miss rate, not Red', format: 'rate' },
      { key: 'moves', label: 'Partners changing band', format: 'count' },
    ],
    rows: [b.current, ...b.methods].map((m) => ({
      method: name(m), red: fmt('score_1', m.red_below), green: fmt('score_1', m.green_min), flagged: m.oot_flagged, share: m.oot_flagged_share,
      precision: m.oot_precision, recall: m.oot_recall, rest: m.oot_miss_rate_rest, moves: m.partners_changing_band,
    })),
  };
}

/** What each rule of the cut-off table means, and why a rule marked "not usable" is not an option. */
export function cutoffNotes(r: CalibrationResult): string[] {
  const b = r.band_cutoffs;
  if (!b) return [];
  const defs: Record<CutoffProposal['method'], string> = {
    current: 'the cut-offs of the current model file',
    youden: 'the cut that best balances hits and false alarms (Youden’s J)',
    cost: `the cheapest cut when a miss costs ${fmt('ratio', b.miss_cost)}× a false alarm (--miss-cost)`,
    capacity: `flags the ${fmt('share', b.capacity)} of partners scored each month that a team can work (--capacity; ${fmt('count', b.capacity_k)} in the latest month)`,
  };
  return [b.current, ...b.methods].map((m) => `${METHOD[m.method]}: ${defs[m.method]}${m.degenerate ? `. Not a usable option: it ${m.degenerate}.` : '.'}`);
}

const bandName = (b: string | null) => (b === null || b === 'unscored' ? 'Unscored' : bandLabel(b));

export function reassignmentMatrix(r: CalibrationResult): Table | null {
  const ra = r.band_reassignments;
  if (!ra) return null;
  const states = ['green', 'yellow', 'red', 'unscored'].filter((s) => ra.matrix.some((m) => m.from === s || m.to === s));
  return {
    columns: [{ key: 'from', label: 'Current ↓ / proposed →' }, ...states.map((s) => ({ key: s, label: bandName(s), numeric: true }))],
    rows: states.map((from) => {
      const row: Record<string, unknown> = { from: bandName(from) };
      for (const to of states) {
        const n = ra.matrix.find((m) => m.from === from && m.to === to)?.count ?? 0;
        row[to] = n === 0 ? '·' : fmt('count', n);
      }
      return row;
    }),
  };
}

export const MAX_CHANGES = 60;

export function changesTable(r: CalibrationResult, model: HealthModel): Table | null {
  const ra = r.band_reassignments;
  if (!ra) return null;
  // Scores printed beside their band through the one score + band helper (never "70.0" beside Yellow).
  const scoreCell = (x: number | null, band: Band | null): string => {
    const s = scoreWithBand(x, band, model.bands);
    return s.note ? `${s.score} (${s.note})` : s.score;
  };
  return {
    columns: [
      { key: 'name', label: 'Partner' },
      { key: 'id', label: 'ID' },
      { key: 'from_band', label: 'Current band', format: 'band' },
      { key: 'from', label: 'Current score', numeric: true },
      { key: 'to_band', label: 'Proposed band', format: 'band' },
      { key: 'to', label: 'Proposed score', numeric: true },
      { key: 'delta', label: 'Change', numeric: true },
    ],
    rows: ra.changes.slice(0, MAX_CHANGES).map((c) => ({
      name: c.name, id: c.partner_id,
      from_band: c.current_band, from: scoreCell(c.current_composite, c.current_band),
      to_band: c.proposed_band, to: scoreCell(c.proposed_composite, c.proposed_band),
      delta: c.current_composite !== null && c.proposed_composite !== null ? fmt('points', c.proposed_composite - c.current_composite) : '—',
    })),
    empty: 'No partner changes band.',
  };
}

export function pValueText(r: CalibrationResult): string | null {
  const d = r.oot?.delong;
  if (!d) return null;
  const why = delongClause(d.p, r.delta_auc_ci);
  return `Paired DeLong test on the same out-of-time ${r.fit_unit.rows}: difference ${fmt('auc_delta', d.diff)}, SE ${fmt('auc', d.se)}, z ${fmt('stat', d.z)}, ${fmt('p_value', d.p)}.${why ? ` ${why}` : ''}`;
}

