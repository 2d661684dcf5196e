// The calibration stage: reads the scored, labelled workspace, proposes dimension weights by nested
// walk-forward CV, judges them out of time with a partner bootstrap, proposes band cut-offs, and writes
// the pooled out-of-time predictions to `calibration_oot`. Returns everything calibration.json holds.
import type { HealthModel } from '../model/types.js';
import type { Workspace } from '../workspace/db.js';
import { latestCapacityK, proposeCutoffs } from './cutoffs.js';
import { DECISION_DEFAULTS } from '../decision/thresholds.js';
import { loadDataset, type Dataset } from './dataset.js';
import { DEFAULT_FIT_UNIT, FIT_ROWS_NOUN, fitRows, fitRowsBound, foldOnPopulation } from './exposure.js';
import { prepareFitData, riskOf } from './fit.js';
import { fitThreads, openFitPool, runJobs, startFitPool, type StartedPool } from './fit-pool.js';
import { groupRows } from '../stats/index.js';
import { gridJob } from './grid.js';
import { DEFAULT_LAMBDA_GRID, LAMBDA_RULE } from './lambda.js';
import { aucOrNull, finite, pairedDelong, probabilityMetrics } from './metrics.js';
import { roundWeights } from './model-out.js';
import { writeOotTable } from './oot-table.js';
import { bandReassignments } from './reassign.js';
import type { CalibrationOptions, CalibrationResult, FoldSummary, Interval } from './types.js';
import { aucGainJob, weightBootstrapJob, weightResamples } from './uncertainty.js';
import { decideVerdict, insufficientData, insufficientHistory, SLOPE_RANGE } from './verdict.js';
import type { Fold } from './folds.js';
import { walkForward, walkForwardPlan, type WalkForwardResult } from './walk-forward.js';

type CutoffResult = ReturnType<typeof proposeCutoffs> & { capacity_k: number };

/** Work done ahead of its use: its value, or the error to throw where the value is used. */
type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };
function attempt<T>(f: () => T): Attempt<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}
function settled<T>(a: Attempt<T>): T {
  if (a.ok) return a.value;
  throw a.error;
}

/** Let the pool's replies in (each is answered with the next task) between parts of this thread's work. */
const yieldToPool = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const byDim = <T>(dims: string[], values: readonly T[]): Record<string, T> => Object.fromEntries(dims.map((d, j) => [d, values[j]!]));

function lambdaGrid(grid: number[] | undefined): number[] {
  const g = [...new Set((grid ?? DEFAULT_LAMBDA_GRID).filter((v) => Number.isFinite(v) && v >= 0))].sort((a, b) => a - b);
  if (g.length === 0) throw new Error('calibration: lambdaGrid needs at least one finite λ ≥ 0');
  return g;
}

/** The result before any fitting: current weights proposed back, nothing estimated. */
function skeleton(model: HealthModel, data: Dataset, o: CalibrationOptions, grid: number[], counts: { population: number; positives: number; partners: number }): CalibrationResult {
  const popDates = data.population.map((i) => data.rows[i]!.as_of).sort();
  return {
    current_weights: byDim(data.dims, data.w0),
    proposed_weights: byDim(data.dims, data.w0),
    weight_ci: byDim(data.dims, data.dims.map(() => null)),
    oot_auc_current: null,
    oot_auc_proposed: null,
    delta_auc_ci: null,
    verdict: 'insufficient',
    reason: '',
    model: { name: model.name, version: model.version },
    cutoff: o.cutoff,
    horizon_days: o.horizonDays,
    grace_days: o.graceDays,
    seed: o.seed,
    data_window: { first_snapshot: popDates[0] ?? null, last_snapshot: popDates[popDates.length - 1] ?? null },
    ...counts,
    requirements: { min_partners: o.minPartners ?? 30, min_positives: o.minPositives ?? 50, calibration_slope: SLOPE_RANGE },
    bootstrap: { requested: o.bootstrap ?? 200, weight_resamples: 0, auc_resamples: 0 },
    folds: [],
    lambda: { grid, chosen: null, rule: LAMBDA_RULE, curve: [] },
    fit: null,
    oot: null,
    grid_optimum: null,
    decision: { miss_cost: (o.decision ?? DECISION_DEFAULTS).missCost, capacity: (o.decision ?? DECISION_DEFAULTS).capacity },
    fit_unit: { unit: o.fitUnit ?? DEFAULT_FIT_UNIT, rows: FIT_ROWS_NOUN[o.fitUnit ?? DEFAULT_FIT_UNIT], n: 0, positives: 0 },
    band_cutoffs: null,
    band_reassignments: null,
    notes: [],
  };
}

function foldSummaries(wf: WalkForwardResult, dims: string[], y: number[]): FoldSummary[] {
  return wf.folds.map((o) => {
    const rows = wf.oot.filter((r) => r.fold === o.fold.fold);
    const ty = rows.map((r) => r.label);
    const pos = (idx: number[]): number => idx.reduce((s, i) => s + (y[i] === 1 ? 1 : 0), 0);
    return {
      fold: o.fold.fold,
      test_quarter: o.fold.quarter,
      test_start: o.fold.testStart,
      test_end: o.fold.testEnd,
      purge_boundary: o.fold.purgeBoundary,
      train_rows: o.fold.train.length,
      train_positives: pos(o.fold.train),
      test_rows: o.fold.test.length,
      test_positives: pos(o.fold.test),
      out_of_time: o.fit !== null,
      lambda: o.lambda,
      weights: o.fit ? byDim(dims, o.fit.w) : null,
      auc_current: o.fit ? aucOrNull(ty, rows.map((r) => r.riskCurrent)) : null,
      auc_proposed: o.fit ? aucOrNull(ty, rows.map((r) => r.riskProposed)) : null,
    };
  });
}

export async function runCalibration(ws: Workspace, model: HealthModel, o: CalibrationOptions): Promise<CalibrationResult> {
  const grid = lambdaGrid(o.lambdaGrid);
  const B = o.bootstrap ?? 200;
  // The pool's threads start before the dataset read, so their start-up overlaps it; they are sized from
  // an upper bound on the fit rows and resized below in the rare case the real count tips the balance.
  const started = startFitPool(fitThreads(o.threads, await fitRowsBound(ws, o.fitUnit ?? DEFAULT_FIT_UNIT), B + grid.length * 16));
  try {
    return await calibrate(ws, model, o, grid, B, started);
  } finally {
    await started.close();
  }
}

async function calibrate(ws: Workspace, model: HealthModel, o: CalibrationOptions, grid: number[], B: number, started: StartedPool): Promise<CalibrationResult> {
  const data = await loadDataset(ws, model);
  const pop = data.population.map((i) => data.rows[i]!);
  const counts = { population: pop.length, positives: pop.reduce((s, r) => s + (r.label ?? 0), 0), partners: new Set(pop.map((r) => r.partner_id)).size };
  // The rows weights are fitted and judged on: partner-months (default) or due deals (exposure-aware, --fit deal).
  const rows = fitRows(data, o.fitUnit ?? DEFAULT_FIT_UNIT);
  const { X, y, asOf, partners } = rows;
  const result = skeleton(model, data, o, grid, counts);
  result.fit_unit = { unit: rows.unit, rows: FIT_ROWS_NOUN[rows.unit], n: y.length, positives: y.reduce((s, v) => s + v, 0) };
  const thin = insufficientData({ ...counts, minPartners: result.requirements.min_partners, minPositives: result.requirements.min_positives });
  if (thin) {
    await writeOotTable(ws, []);
    return { ...result, reason: thin };
  }

  const fitData = prepareFitData(X, y);
  // One pool for every fit of this calibration: the folds' λ paths, the bootstrap refits, the grid AUCs.
  const ctx = { data: fitData, groups: groupRows(partners), w0: data.w0 };
  const threads = fitThreads(o.threads, y.length, B + grid.length * 16);
  if (threads !== started.threads) await started.close();
  const pool = threads === started.threads ? started.open(ctx) : openFitPool(ctx, threads);
  try {
    const folds = { horizonDays: o.horizonDays, graceDays: o.graceDays, minTrainClass: o.minTrainClass ?? 20 };
    const plan = walkForwardPlan(asOf, y, folds);
    const fitting = walkForward({ data: fitData, asOf, w0: data.w0, grid, folds }, pool, plan);
    fitting.catch(() => {}); // awaited below: a failure while this thread works meanwhile is not unhandled
    // While the pool fits: what depends on the current weights only. The cut-offs band the score in use,
    // the current one unless the verdict adopts the proposal (then they are made again below).
    const decision = o.decision ?? DECISION_DEFAULTS;
    const cutoffs = (w: number[], foldWeights: Array<{ fold: Fold; w: number[] }>): CutoffResult => ({
      ...proposeCutoffs({ data, fit: fitData, model, folds: foldWeights.map((f) => ({ fold: foldOnPopulation(f.fold, rows.popIndex), w: f.w })), w, decision }),
      capacity_k: latestCapacityK(data, decision.capacity),
    });
    const scoredPlan = plan.folds.filter((_, fi) => plan.scored[fi]);
    const currentCut = scoredPlan.length ? attempt(() => cutoffs(data.w0, scoredPlan.map((fold) => ({ fold, w: data.w0 })))) : null;
    const all = y.map((_, i) => i);
    const gridAucCurrent = attempt(() => aucOrNull(y, riskOf(fitData, data.w0, all)));
    const resamples = weightResamples(ctx.groups.start.length - 1, B, o.seed);
    const wf = await fitting;
    const ootY = wf.oot.map((r) => r.label);
    const ootPos = ootY.reduce((s, v) => s + v, 0);
    const scored = wf.folds.filter((f) => f.fit !== null);
    const noHistory = insufficientHistory(scored.length, ootPos, ootY.length - ootPos, o.horizonDays + o.graceDays, rows.unit === 'deal' ? 'due deals' : 'partner-months');
    if (noHistory || wf.chosenLambda === null || wf.curve === null) {
      result.folds = foldSummaries(wf, data.dims, y);
      await writeOotTable(ws, []);
      return { ...result, reason: noHistory ?? 'Not enough folds to choose λ; keep the current weights.' };
    }
    // Final weights: all labelled rows at the CV-chosen λ.
    const fit = wf.final!;

    // Partner bootstrap (weight CIs refitted at the chosen λ; the AUC-gain CI on the pooled OOT rows) and
    // the grid AUCs, as one queue for the pool: the long tasks (the gain bootstrap, grid blocks) first and
    // the short refits last, so no thread idles at the end of one part while another part waits. Handed
    // out before this thread summarises the folds: on M the workers waited 0.2 s for it otherwise.
    const riskC = wf.oot.map((r) => r.riskCurrent);
    const riskP = wf.oot.map((r) => r.riskProposed);
    const jobs = runJobs(pool, [
      aucGainJob(ootY, riskC, riskP, wf.oot.map((r) => partners[r.row]!), B, o.seed),
      gridJob(all, data.dims.length),
      weightBootstrapJob({
        clusters: ctx.groups.start.length - 1, lambda: wf.chosenLambda, B, seed: o.seed,
        start: { w: fit.w, a: fit.a, b: fit.b }, onProgress: o.onRefit,
      }, resamples),
    ]);
    jobs.catch(() => {}); // awaited below, as `fitting`
    result.folds = foldSummaries(wf, data.dims, y);
    result.lambda = { grid, chosen: wf.chosenLambda, rule: LAMBDA_RULE, curve: wf.curve };
    const trainingOnly = wf.folds.filter((f) => f.fit === null).map((f) => f.fold.quarter);
    if (trainingOnly.length) result.notes.push(`not scored out of time (too few earlier quarters for an inner CV of λ): ${trainingOnly.join(', ')}`);
    if (!fit.converged) result.notes.push('the final weight fit did not fully converge');
    const proposed = roundWeights(fit.w);
    result.proposed_weights = byDim(data.dims, proposed);
    const { w: exact, ...solver } = fit;
    result.fit = { ...solver, weights_exact: byDim(data.dims, exact) };
    // While the pool works: the out-of-time comparison of the pooled predictions, the proposal's in-sample
    // AUC and band changes, the out-of-time table. Each part ends in a yield, so the pool's replies are
    // answered with its next tasks in between.
    const current = probabilityMetrics(ootY, riskC, wf.oot.map((r) => r.pCurrent));
    const prop = probabilityMetrics(ootY, riskP, wf.oot.map((r) => r.pProposed));
    result.oot_auc_current = current.auc;
    result.oot_auc_proposed = prop.auc;
    await yieldToPool();
    const delong = pairedDelong(ootY, riskC, riskP);
    const deltaAuc = current.auc !== null && prop.auc !== null ? finite(prop.auc - current.auc) : null;
    result.oot = { rows: ootY.length, positives: ootPos, current, proposed: prop, delta_auc: deltaAuc, delong };
    await yieldToPool();
    const gridAucProposed = aucOrNull(y, riskOf(fitData, proposed, all));
    await yieldToPool();
    result.band_reassignments = bandReassignments(data, model, proposed);
    await writeOotTable(ws, wf.oot.map((r) => ({
      partner_id: partners[r.row]!, as_of: asOf[r.row]!, label: r.label, fold: r.fold,
      risk_current: r.riskCurrent, risk_proposed: r.riskProposed, p_current: r.pCurrent, p_proposed: r.pProposed,
    })));
    const [gain, g, wb] = await jobs;
    if (wb.ci.length) result.weight_ci = byDim(data.dims, wb.ci.map((c) => c.map((v) => Math.round(v * 1e4) / 1e4) as Interval));
    result.delta_auc_ci = gain.ci;
    result.bootstrap = { requested: B, weight_resamples: wb.resamples, auc_resamples: gain.resamples };
    if (wb.resamples < B || gain.resamples < B) result.notes.push(`bootstrap: ${B - wb.resamples} weight and ${B - gain.resamples} AUC resamples skipped (one outcome class only)`);

    const verdict = current.auc !== null && prop.auc !== null
      ? decideVerdict({
        aucCurrent: current.auc, aucProposed: prop.auc, gainCi: gain.ci, slope: prop.calibration_slope, resamples: gain.resamples,
        weights: wb.ci.length ? data.dims.map((d, j) => ({ label: model.dimensions[d]!.label, current: data.w0[j]!, ci: wb.ci[j]! })) : undefined,
      })
      : { verdict: 'keep' as const, reason: 'Keep current weights: the out-of-time AUC could not be computed.' };
    result.verdict = verdict.verdict;
    result.reason = verdict.reason;

    if (g) {
      result.grid_optimum = {
        step: g.step,
        points: g.points,
        weights: byDim(data.dims, g.w),
        auc: g.auc,
        auc_current: settled(gridAucCurrent),
        auc_proposed: gridAucProposed,
      };
    }

    // Cut-offs apply to the score that would be in use: proposed weights only if adopted.
    const useProposed = result.verdict === 'adopt';
    const planned = currentCut !== null && scored.length === scoredPlan.length && scored.every((f, j) => f.fold === scoredPlan[j]);
    const { capacity_k, ...cut } = useProposed
      ? cutoffs(proposed, scored.map((f) => ({ fold: f.fold, w: f.fit!.w })))
      : planned ? settled(currentCut) : cutoffs(data.w0, scored.map((f) => ({ fold: f.fold, w: data.w0 })));
    result.band_cutoffs = {
      score: useProposed ? 'proposed' : 'current',
      miss_cost: decision.missCost,
      capacity: decision.capacity,
      capacity_k,
      ...cut,
    };
    return result;
  } finally {
    await pool.close();
  }
}
