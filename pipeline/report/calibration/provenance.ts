// Model diff (what committing the proposal changes) and provenance (where every number came from).
import type { HealthModel } from '../../model/types.js';
import { modelDiff, proposedModel, type ModelChange } from '../../tune/index.js';
import type { CalibrationResult } from '../../tune/types.js';
import { num } from '../backtest/text.js';
import type { Table } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';

/** One diff value as short text: weights as the reports print them (40%), other numbers to 4 decimals, objects as compact JSON (cut at 80 chars). */
function valueText(v: unknown, isWeight: boolean): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number' && isWeight) return fmt('weight', v);
  if (typeof v === 'number') return num(v, Number.isInteger(v) ? 0 : 4);
  if (typeof v === 'string') return v;
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** "/dimensions/engagement/weight" → "dimensions › engagement › weight". */
const pathText = (p: string) => p.replace(/^\//, '').split('/').map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~')).join(' › ');

export function diffSection(r: CalibrationResult, model: HealthModel, proposed?: HealthModel): { lead: string; table: Table } {
  let changes: ModelChange[] = [];
  let error: string | null = null;
  try {
    changes = modelDiff(model, proposed ?? proposedModel(model, r));
  } catch (err) {
    error = (err as Error).message;
  }
  // Provenance is new metadata, shown in its own section; the diff shows what changes behaviour.
  const rows = changes.filter((c) => !c.path.startsWith('/provenance')).map((c) => {
    const weight = c.path.endsWith('/weight');
    return { path: pathText(c.path), kind: c.kind, from: valueText(c.from, weight), to: valueText(c.to, weight) };
  });
  const weightRows = rows.filter((x) => x.path.endsWith('› weight')).length;
  const columns = [{ key: 'path', label: 'Setting' }, { key: 'kind', label: 'Change' }, { key: 'from', label: 'From', numeric: true }, { key: 'to', label: 'To', numeric: true }];
  if (r.verdict === 'insufficient') {
    return { lead: 'No weights were proposed, so there is no model change to review.', table: { columns, rows: [], empty: 'No proposal.' } };
  }
  const lead = error
    ? `The proposed model could not be built: ${error}`
    : r.verdict === 'adopt'
      ? `Committing the proposed model file changes ${rows.length} value${rows.length === 1 ? '' : 's'} (${weightRows} weight${weightRows === 1 ? '' : 's'}) and adds a provenance block; band cut-offs stay as they are.`
      : `For review only — the verdict is not to adopt. The proposed file would change ${rows.length} value${rows.length === 1 ? '' : 's'}${weightRows ? ` (${weightRows} weight${weightRows === 1 ? '' : 's'})` : ''}.`;
  return {
    lead,
    table: {
      columns,
      rows,
      empty: 'No differences.',
    },
  };
}

export function provenanceTable(r: CalibrationResult, model: HealthModel): Table {
  const w = r.data_window;
  const d = (x: string | null) => (x ? fmt('date', x) : '—');
  const fit = r.fit;
  return {
    columns: [{ key: 'k', label: 'Item' }, { key: 'v', label: 'Value' }],
    rows: [
      { k: 'Current model', v: `${model.name} ${model.version}` },
      { k: 'Data cut-off', v: d(r.cutoff) },
      { k: 'Labelled snapshots', v: `${d(w.first_snapshot)} to ${d(w.last_snapshot)}` },
      { k: 'Label', v: `any due deal missed within ${r.horizon_days} days (${r.grace_days} days grace)` },
      { k: 'Population', v: `${fmt('count', r.population)} partner-months, ${fmt('count', r.positives)} with a miss, ${fmt('count', r.partners)} partners` },
      { k: 'Minimum evidence', v: `${fmt('count', r.requirements.min_partners)} partners and ${fmt('count', r.requirements.min_positives)} partner-months with a miss` },
      { k: 'Walk-forward folds', v: `${r.folds.length} (${r.folds.filter((f) => f.out_of_time).length} scored out of time), one quarter each, purged by horizon + grace` },
      { k: 'Shrinkage λ', v: r.lambda.chosen === null ? '—' : `${String(r.lambda.chosen)} from {${r.lambda.grid.join(', ')}}; ${r.lambda.rule}` },
      { k: 'Fit', v: fit ? `logit P(miss) = ${num(fit.a, 3)} − ${num(fit.b, 3)} · score/100; ${fit.converged ? 'converged' : 'did NOT converge'} in ${fit.iterations} iterations` : '—' },
      { k: 'Bootstrap', v: `${fmt('count', r.bootstrap.requested)} partner resamples requested; ${fmt('count', r.bootstrap.weight_resamples)} for weights, ${fmt('count', r.bootstrap.auc_resamples)} for the AUC gain; seed ${r.seed}` },
    ],
  };
}
