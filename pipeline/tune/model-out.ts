// The proposed model file: the current model with the proposed dimension weights, a version marking it
// as a proposal, and provenance saying where the numbers came from — so adopting it is a reviewed commit
// of a file shaped exactly like a hand-written one. Bands are left as they are (cut-off proposals are in
// calibration.json): changing weights and thresholds in one step would make the diff hard to judge.
import { basename, dirname, extname, join } from 'node:path';
import { validateModel } from '../model/load.js';
import type { HealthModel } from '../model/types.js';
import type { CalibrationResult } from './types.js';

/**
 * Weights rounded to `decimals` places that sum to exactly 1 in integer units (largest remainder), so
 * the model validator's |Σ − 1| ≤ 1e-6 holds with room to spare.
 */
export function roundWeights(w: readonly number[], decimals = 4): number[] {
  const unit = 10 ** decimals;
  const total = w.reduce((s, v) => s + v, 0);
  const scaled = w.map((v) => (total > 0 ? (v / total) * unit : unit / w.length));
  const units = scaled.map(Math.floor);
  let left = unit - units.reduce((s, v) => s + v, 0);
  const order = scaled.map((v, i) => ({ i, rem: v - Math.floor(v) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) units[order[j]!.i]! += 1;
  return units.map((u) => u / unit);
}

/** Version of a proposal: the base version (without an earlier proposal suffix) + '-proposed.<cutoff>'. */
export function proposedVersion(version: string, cutoff: string): string {
  return `${version.split('-proposed.')[0]}-proposed.${cutoff}`;
}

export function proposedModel(model: HealthModel, result: CalibrationResult): HealthModel {
  const out = structuredClone(model) as HealthModel;
  for (const [d, spec] of Object.entries(out.dimensions)) {
    const w = result.proposed_weights[d];
    if (w === undefined) throw new Error(`calibration result has no weight for dimension '${d}'`);
    spec.weight = w;
  }
  out.version = proposedVersion(model.version, result.cutoff);
  out.provenance = {
    generated_by: 'partner-health tune',
    based_on: { name: model.name, version: model.version },
    data_window: result.data_window,
    cutoff: result.cutoff,
    horizon_days: result.horizon_days,
    grace_days: result.grace_days,
    population: result.population,
    positives: result.positives,
    partners: result.partners,
    seed: result.seed,
    lambda: result.lambda.chosen,
    weight_ci: result.weight_ci,
    metrics: {
      oot_auc_current: result.oot_auc_current,
      oot_auc_proposed: result.oot_auc_proposed,
      delta_auc_ci: result.delta_auc_ci,
      oot_log_loss_proposed: result.oot?.proposed.log_loss ?? null,
      oot_brier_proposed: result.oot?.proposed.brier ?? null,
      calibration_slope_proposed: result.oot?.proposed.calibration_slope ?? null,
      delong_p: result.oot?.delong?.p ?? null,
    },
    verdict: result.verdict,
    reason: result.reason,
  };
  return validateModel(out, `proposed ${model.name}`);
}

/** Where a proposal goes by default: next to the current model, '<name>.proposed.json'. */
export function proposedModelPath(currentPath: string, outDir?: string): string {
  const name = `${basename(currentPath, extname(currentPath))}.proposed.json`;
  return join(outDir ?? dirname(currentPath), name);
}

export interface ModelChange {
  /** JSON pointer, e.g. '/dimensions/engagement/weight'. */
  path: string;
  kind: 'changed' | 'added' | 'removed';
  from: unknown;
  to: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Leaf-level differences between two models (objects and arrays walked, in key order). */
export function modelDiff(current: HealthModel, proposed: HealthModel): ModelChange[] {
  const out: ModelChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      for (const k of keys) {
        const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!(k in b)) out.push({ path: p, kind: 'removed', from: a[k], to: null });
        else if (!(k in a)) out.push({ path: p, kind: 'added', from: null, to: b[k] });
        else walk(a[k], b[k], p);
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: path || '/', kind: 'changed', from: a, to: b });
  };
  walk(current, proposed, '');
  return out;
}
