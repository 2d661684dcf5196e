// The calibration work that is spread over threads, as tasks on one shared fit context: a λ path on a
// training window, a fold's Platt mapping, a bootstrap refit, the AUCs of a block of grid weights, the
// AUC-gain bootstrap. Each task is a pure function of the context and its own arguments, so its result is
// the same in whichever thread runs it.
import type { ClusterGroups } from '../stats/index.js';
import { fitPath, lossOn, pick, plattProbabilities, riskOf, type FitData, type FittedWeights } from './fit.js';
import { gridAuc } from './grid-auc.js';
import { refitResample } from './refit.js';
import { aucGainBootstrap, type AucGainBootstrap } from './auc-gain.js';

export interface FitContext {
  data: FitData;
  /** Rows grouped by partner, for bootstrap resamples. */
  groups: ClusterGroups;
  w0: number[];
}

type Start = { w: readonly number[]; a: number; b: number };

export type FitTask =
  /** Fits along the λ grid on `rows`, each from the previous optimum (the first from a cold start). */
  | { kind: 'path'; rows: number[]; lambdas: number[] }
  /** A fold's λ path (as 'path') and each fit's log loss on each row list of `lossOn` (its test quarter, parts of it). */
  | { kind: 'foldPath'; rows: number[]; lambdas: number[]; lossOn: number[][] }
  /** Risk under `w` on `test`, and its P(miss) by a Platt mapping fitted on `train` (a fold's out-of-time predictions). */
  | { kind: 'platt'; w: number[]; train: number[]; test: number[] }
  /** One bootstrap resample (per-partner draw counts) refitted at λ from `start`. */
  | { kind: 'refit'; counts: Int32Array; lambda: number; start?: Start }
  /** AUC of risk = 100 − composite on `rows` under each weight vector. */
  | { kind: 'auc'; weights: number[][]; rows: number[] }
  /** The AUC-gain partner bootstrap of the pooled out-of-time predictions (no fits: one task). */
  | { kind: 'gain'; y: number[]; riskCurrent: number[]; riskProposed: number[]; partners: string[]; B: number; seed: number };

export interface PlattResult {
  risk: Float64Array;
  p: Float64Array;
}

export interface FoldPathResult {
  fits: FittedWeights[];
  /** losses[j][l]: fit l's log loss on lossOn[j]. */
  losses: number[][];
}

export interface FitTaskResults {
  path: FittedWeights[];
  foldPath: FoldPathResult;
  platt: PlattResult;
  refit: number[] | null;
  auc: (number | null)[];
  gain: AucGainBootstrap;
}

export type ResultOf<T extends FitTask> = FitTaskResults[T['kind']];

export function runFitTask<T extends FitTask>(ctx: FitContext, task: T): ResultOf<T> {
  const { data, w0 } = ctx;
  switch (task.kind) {
    case 'path':
      return fitPath(data, w0, task.lambdas, task.rows) as ResultOf<T>;
    case 'foldPath': {
      const fits = fitPath(data, w0, task.lambdas, task.rows);
      return { fits, losses: task.lossOn.map((rows) => fits.map((fit) => lossOn(fit, data, rows))) } as ResultOf<T>;
    }
    case 'platt': {
      const risk = riskOf(data, task.w, task.test);
      const p = plattProbabilities(riskOf(data, task.w, task.train), pick(data.y, task.train), risk);
      return { risk, p } as ResultOf<T>;
    }
    case 'refit':
      return refitResample({ data, groups: ctx.groups, w0, lambda: task.lambda, start: task.start }, task.counts) as ResultOf<T>;
    case 'auc': {
      // One risk array for the block's grid points: on M a new one each was 231 × 0.8 MB to collect.
      const y = task.rows.map((i) => data.y[i]!);
      const risk = new Float64Array(task.rows.length);
      return task.weights.map((w) => gridAuc(y, riskOf(data, w, task.rows, risk))) as ResultOf<T>;
    }
    case 'gain':
      return aucGainBootstrap(task.y, task.riskCurrent, task.riskProposed, task.partners, task.B, task.seed) as ResultOf<T>;
  }
  throw new Error(`unknown fit task ${(task as { kind: string }).kind}`);
}
