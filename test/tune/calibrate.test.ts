// The calibration stage end to end on synthetic data with known true dimension weights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { modelProblems, validateModel } from '../../pipeline/model/load.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { bandParams, bandsAt, compositeOf } from '../../pipeline/tune/band-rules.js';
import { loadDataset } from '../../pipeline/tune/dataset.js';
import { addDays, walkForwardFolds } from '../../pipeline/tune/folds.js';
import { modelDiff, proposedModel, runCalibration, type CalibrationResult } from '../../pipeline/tune/index.js';
import { writeJson } from '../../pipeline/app/publish.js';
import { formatCalibrationSummary } from '../../pipeline/cli/calibration-summary.js';
import { recordingEffects } from '../helpers/effects.js';
import { tempDir } from '../helpers/workspace.js';
import { allFinite, G, H, labelledDemo } from './workspace.js';
import { num, text } from '../../pipeline/workspace/rows.js';

const TRUE = { engagement: 0.7, capability: 0.25, performance: 0.05 };
let ws: Workspace;
let model: HealthModel;
let cutoff: string;
let result: CalibrationResult;
const opts = () => ({ horizonDays: H, graceDays: G, cutoff, seed: 7, bootstrap: 60 });

beforeAll(async () => {
  ({ ws, model, cutoff } = await labelledDemo({ seed: 1, partners: 200, months: 36, trueDimensionWeights: TRUE }));
  result = await runCalibration(ws, model, opts());
}, 60_000);
afterAll(() => ws?.close());

const ranked = (w: Record<string, number>): string[] => Object.keys(w).sort((a, b) => w[b]! - w[a]!);

describe('runCalibration on data with known weights (0.70 / 0.25 / 0.05)', () => {
  it('recovers the dominant dimension and the true ordering', () => {
    expect(ranked(result.proposed_weights)).toEqual(['engagement', 'capability', 'performance']);
    expect(result.proposed_weights.engagement).toBeGreaterThan(0.5);
    // The weight CIs of the dominant dimension sit above the current 0.4.
    expect(result.weight_ci.engagement![0]).toBeGreaterThan(0.4);
  });

  it('reports the contract keys with JSON-safe numbers', () => {
    for (const k of ['current_weights', 'proposed_weights', 'weight_ci', 'oot_auc_current', 'oot_auc_proposed', 'delta_auc_ci', 'verdict', 'reason']) {
      expect(result).toHaveProperty(k);
    }
    expect(allFinite(result)).toBe(true);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(['adopt', 'keep']).toContain(result.verdict);
    expect(result.reason).toMatch(/AUC \d\.\d{3} → \d\.\d{3}/);
    const sum = Object.values(result.proposed_weights).reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
    expect(result.oot!.rows).toBeGreaterThan(1000);
    expect(result.lambda.curve).toHaveLength(result.lambda.grid.length);
    expect(result.grid_optimum!.weights.engagement).toBeGreaterThan(0.5);
    const b = result.band_cutoffs!;
    expect(b.methods.map((m) => m.method)).toEqual(['youden', 'cost', 'capacity']);
    // The same decision defaults as the backtest (5× miss cost, 10% capacity).
    expect([b.miss_cost, b.capacity]).toEqual([5, 0.1]);
    // The current model's row is evaluated on the same out-of-time rows, not left blank.
    expect(b.current.red_below).toBe(model.bands.red_below);
    expect(b.current.oot_flagged).toBeGreaterThan(0);
    expect(b.current.oot_precision).not.toBeNull();
  });

  it('is deterministic for a seed', async () => {
    expect(await runCalibration(ws, model, opts())).toEqual(result);
  }, 30_000);

  it('finds the same optimum as before the solver was sped up (demo seed 1, 200 partners), with 1 or 2 threads', async () => {
    // Recorded with the solver of fddf887. The weights are reported to 4 dp; the exact values are pinned
    // to 1e-9 so that a change in the solver's path shows here before it can move a reported digit.
    expect(result.lambda.chosen).toBe(0.03);
    expect(result.proposed_weights).toEqual({ engagement: 0.5617, capability: 0.3098, performance: 0.1285 });
    expect(result.weight_ci).toEqual({ engagement: [0.4917, 0.6459], capability: [0.219, 0.4032], performance: [0.0613, 0.1797] });
    const exact = result.fit!.weights_exact;
    [0.5617217549552178, 0.30976290982850385, 0.12851533521627836].forEach((v, j) => expect(Math.abs(Object.values(exact)[j]! - v)).toBeLessThan(1e-9));
    expect(Math.abs(result.fit!.a - 1.9026812468481262)).toBeLessThan(1e-9);
    expect(Math.abs(result.fit!.b - 3.3954121090423226)).toBeLessThan(1e-9);
    expect(result.folds.map((f) => f.lambda)).toEqual([null, null, null, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03]);
    const folds = [
      [0.5099847233461077, 0.4737853101853727, 0.016229966468519583],
      [0.515480659876072, 0.4379053722902164, 0.04661396783371161],
      [0.5235999986217085, 0.4277379584027769, 0.048662042975514644],
      [0.5180349106019985, 0.40057045592863627, 0.08139463346936535],
      [0.557099123342775, 0.3385190492457954, 0.1043818274114296],
      [0.5578667424255916, 0.3320246995660305, 0.1101085580083779],
    ];
    result.folds.slice(3).forEach((f, i) => Object.values(f.weights!).forEach((v, j) => expect(Math.abs(v - folds[i]![j]!)).toBeLessThan(1e-9)));
    expect(result.grid_optimum!.weights).toEqual({ engagement: 0.65, capability: 0.35, performance: 0 });
    result.delta_auc_ci!.forEach((v, j) => expect(Math.abs(v - [-0.004264380087421148, 0.0125597786103063][j]!)).toBeLessThan(1e-12));
    expect(await runCalibration(ws, model, { ...opts(), threads: 2 })).toEqual(result);
  }, 30_000);

  it('no leakage: every fold trains only on rows with as_of + H + G ≤ its test start', async () => {
    const data = await loadDataset(ws, model);
    const pop = data.population.map((i) => data.rows[i]!);
    const folds = walkForwardFolds(pop.map((r) => r.as_of), pop.map((r) => r.label!), { horizonDays: H, graceDays: G, minTrainClass: 20 });
    expect(folds.map((f) => f.quarter)).toEqual(result.folds.map((f) => f.test_quarter));
    for (const f of folds) {
      const maxKnown = f.train.map((i) => addDays(pop[i]!.as_of, H + G)).sort().pop()!;
      expect(maxKnown <= f.testStart).toBe(true);
      const testKeys = new Set(f.test.map((i) => `${pop[i]!.partner_id}|${pop[i]!.as_of}`));
      expect(f.train.filter((i) => testKeys.has(`${pop[i]!.partner_id}|${pop[i]!.as_of}`))).toEqual([]);
    }
    // The stored out-of-time rows are exactly the test rows of the scored folds.
    const [n] = await ws.rows({ n: num }, 'SELECT count(*) AS n FROM calibration_oot');
    expect(n!.n).toBe(result.oot!.rows);
  });

  it('refuses a model whose dimensions differ from the ones the workspace was scored with', async () => {
    const { engagement, ...rest } = model.dimensions;
    const renamed = { ...model, dimensions: { activity: engagement!, ...rest } };
    await expect(loadDataset(ws, renamed)).rejects.toThrow(
      "workspace dimensions (engagement, capability, performance) differ from the model's (activity, capability, performance); re-score first",
    );
    const reordered = { ...model, dimensions: { capability: model.dimensions.capability!, engagement: engagement!, performance: model.dimensions.performance! } };
    await expect(loadDataset(ws, reordered)).rejects.toThrow('differ from the model');
  });

  it('refuses a workspace where one snapshot lacks a dimension the model_dimensions table lists', async () => {
    await ws.exec('BEGIN TRANSACTION');
    try {
      await ws.exec(`DELETE FROM dimension_scores WHERE dimension = 'capability'
        AND (partner_id, as_of) = (SELECT (partner_id, as_of) FROM dimension_scores ORDER BY partner_id, as_of LIMIT 1 OFFSET 40)`);
      await expect(loadDataset(ws, model)).rejects.toThrow(
        "workspace dimensions (engagement, performance) differ from the model's (engagement, capability, performance); re-score first",
      );
    } finally {
      await ws.exec('ROLLBACK');
    }
    expect((await loadDataset(ws, model)).rows.every((r) => r.x.length === 3)).toBe(true);
  });

  it('reads each partner\'s id and name on every snapshot, and refuses a band that is none of the bands', async () => {
    const data = await loadDataset(ws, model);
    const [first] = await ws.rows({ partner_id: text, name: text }, 'SELECT partner_id, name FROM partners ORDER BY partner_id LIMIT 1');
    const own = data.rows.filter((r) => r.partner_id === first!.partner_id);
    expect(own.length).toBeGreaterThan(1);
    expect(own.every((r) => r.name === first!.name)).toBe(true);
    await ws.exec('BEGIN TRANSACTION');
    try {
      await ws.exec(`UPDATE health SET band = 'purple' WHERE (partner_id, as_of) = (SELECT (partner_id, as_of) FROM health ORDER BY partner_id, as_of LIMIT 1 OFFSET 3)`);
      await expect(loadDataset(ws, model)).rejects.toThrow(/^calibration: column 'band', row \d+: expected one of green, yellow, red or NULL, got "purple"$/);
    } finally {
      await ws.exec('ROLLBACK');
    }
  });

  it('re-evaluates the scoring band rules exactly for the current weights', async () => {
    const data = await loadDataset(ws, model);
    for (const r of data.rows) {
      const c = compositeOf(r, data.w0, model.min_coverage);
      if (r.composite === null) expect(c).toBeNull();
      else expect(c).toBeCloseTo(r.composite, 9);
    }
    const latest = data.rows.reduce((m, r) => (r.as_of > m ? r.as_of : m), '');
    const banded = bandsAt(data.rows, latest, data.w0, bandParams(model));
    expect(banded.every((b) => b.band === data.rows[b.row]!.band)).toBe(true);
  });

  it('lists band reassignments at the latest snapshot consistently', () => {
    const b = result.band_reassignments!;
    expect(b.matrix.reduce((s, m) => s + m.count, 0)).toBe(b.partners);
    expect(b.matrix.filter((m) => m.from !== m.to).reduce((s, m) => s + m.count, 0)).toBe(b.changed);
    expect(b.changes).toHaveLength(b.changed);
  });

  it('writes a valid proposed model whose diff lists the weight changes', async () => {
    const out = join(tempDir('ph-tune-model-'), 'si-early-warning.proposed.json');
    const written = proposedModel(model, result);
    const fx = recordingEffects();
    await writeJson(fx, out, written);
    expect([...fx.files.keys()]).toEqual([out]);
    const parsed = JSON.parse(await readFile(out, 'utf8')) as HealthModel;
    expect(modelProblems(parsed)).toEqual([]);
    expect(validateModel(parsed)).toEqual(written);
    expect(parsed.version).toBe(`1.0.0-proposed.${cutoff}`);
    expect(parsed.provenance).toMatchObject({ verdict: result.verdict, cutoff, horizon_days: H, grace_days: G });
    const diff = modelDiff(model, proposedModel(model, result));
    const weights = diff.filter((d) => d.path.startsWith('/dimensions/'));
    expect(weights.map((d) => d.path).sort()).toEqual(['/dimensions/capability/weight', '/dimensions/engagement/weight', '/dimensions/performance/weight']);
    expect(weights.find((d) => d.path === '/dimensions/engagement/weight')).toMatchObject({ from: 0.4, to: result.proposed_weights.engagement });
    expect(diff.map((d) => d.path)).toContain('/version');
    expect(diff.some((d) => d.path === '/provenance' && d.kind === 'added')).toBe(true);
  });

  it('summarises in at most 20 plain lines', () => {
    const text = formatCalibrationSummary(result);
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(text).toContain('engagement');
    expect(text).toContain(`Verdict: ${result.verdict.toUpperCase()}`);
    expect(text).toMatch(/Out-of-time AUC: current \d\.\d{3}, proposed \d\.\d{3}/);
  });
});
