// Plain-text summary for `partner-health tune`: current vs proposed weights with CIs, out-of-time AUCs
// and the gain's CI, the verdict and why. No colours or widths beyond padding: it goes to logs too.
import type { CalibrationResult } from '../tune/types.js';
import { delongClause } from '../tune/verdict-text.js';
import { fmt } from '../vocabulary/number-formats.js';

const fix = (v: number | null | undefined, d = 3): string => (v === null || v === undefined ? '—' : v.toFixed(d));
const signed = (v: number): string => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(3);

export function formatCalibrationSummary(r: CalibrationResult): string {
  const lines: string[] = [];
  lines.push(`Calibration of ${r.model.name} ${r.model.version} — cutoff ${r.cutoff}, horizon ${r.horizon_days} d, grace ${r.grace_days} d`);
  const lambda = r.lambda.chosen === null ? '' : `; λ = ${r.lambda.chosen}`;
  const scored = r.folds.filter((f) => f.out_of_time).length;
  lines.push(`Fitted on ${r.fit_unit.n} ${r.fit_unit.rows} (${r.fit_unit.positives} missed); out-of-time AUCs below are over ${r.fit_unit.rows}`);
  lines.push(`Population: ${r.population} partner-months, ${r.positives} with a missed deal, ${r.partners} partners; ${scored} of ${r.folds.length} walk-forward quarters scored out of time${lambda}`);
  const dims = Object.keys(r.current_weights);
  const width = Math.max(9, ...dims.map((d) => d.length));
  lines.push(`${'dimension'.padEnd(width)}  current  proposed  95% CI`);
  for (const d of dims) {
    const ci = r.weight_ci[d];
    // Weights as every report prints them (40%, 23.6%).
    const ciText = ci ? `[${fmt('weight', ci[0])}, ${fmt('weight', ci[1])}]` : '—';
    lines.push(`${d.padEnd(width)}  ${fmt('weight', r.current_weights[d]).padStart(7)}  ${fmt('weight', r.proposed_weights[d]).padStart(8)}  ${ciText}`);
  }
  if (r.oot_auc_current !== null && r.oot_auc_proposed !== null) {
    const gain = signed(r.oot_auc_proposed - r.oot_auc_current);
    const ci = r.delta_auc_ci ? ` (95% CI ${signed(r.delta_auc_ci[0])} to ${signed(r.delta_auc_ci[1])})` : '';
    const p = r.oot?.delong ? `; DeLong p = ${r.oot.delong.p.toFixed(3)}` : '';
    lines.push(`Out-of-time AUC: current ${fix(r.oot_auc_current)}, proposed ${fix(r.oot_auc_proposed)}, gain ${gain}${ci}${p}`);
    const reconcile = delongClause(r.oot?.delong?.p ?? null, r.delta_auc_ci);
    if (reconcile) lines.push(reconcile);
    lines.push(`Calibration slope (proposed, out of time): ${fix(r.oot?.proposed.calibration_slope ?? null, 2)}`);
  }
  if (r.grid_optimum) {
    const g = r.grid_optimum;
    const w = Object.entries(g.weights).map(([d, v]) => `${d} ${fmt('weight', v)}`).join(', ');
    lines.push(`Grid AUC optimum (step ${g.step}, in-sample): ${w} — AUC ${fix(g.auc)}`);
  }
  if (r.band_reassignments) {
    const b = r.band_reassignments;
    lines.push(`Band changes at ${b.as_of} under the proposed weights: ${b.changed} of ${b.partners} partners`);
  }
  lines.push(`Verdict: ${r.verdict.toUpperCase()} — ${r.reason}`);
  return lines.join('\n');
}
