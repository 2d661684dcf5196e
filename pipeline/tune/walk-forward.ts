// Nested walk-forward CV. Outer: each fold's weights are fitted on its purged training window and
// scored on its test quarter; predictions are pooled. Inner: a fold's λ is chosen from the earlier
// folds' test quarters restricted to rows inside its own training window, so nothing at or after the
// fold's purge boundary influences its λ. Earlier folds' fits are reused (the inner fold for quarter q
// trains on exactly the outer training window of q), so the cost is folds × λ fits in total. A fold
// whose window holds fewer than two earlier test quarters cannot choose its λ honestly; it still serves
// as an inner fold for later ones but is not scored out of time (it would only add noise: a fallback
// λ would pin it to the current weights).
import { logLoss } from '../stats/index.js';
import { fittedProbabilities, pick, plattProbabilities, riskOf, type FitData, type FittedWeights } from './fit.js';
import type { FitPool } from './fit-pool.js';
import { walkForwardFolds, type Fold, type FoldOptions } from './folds.js';
import { oneStandardErrorRule } from './lambda.js';
import type { LambdaPoint } from './types.js';

export interface OotRow {
  /** Index into the caller's arrays. */
  row: number;
  fold: number;
  label: number;
  riskCurrent: number;
  riskProposed: number;
  pCurrent: number;
  pProposed: number;
}

export interface FoldOutcome {
  fold: Fold;
  /** λ chosen by the inner CV and the fit at it; null when the fold is not scored out of time. */
  lambda: number | null;
  fit: FittedWeights | null;
}

export interface WalkForwardResult {
  folds: FoldOutcome[];
  /** CV curve over all outer folds (used for the final model's λ); null with fewer than 2 folds. */
  curve: LambdaPoint[] | null;
  chosenLambda: number | null;
  oot: OotRow[];
}

export interface WalkForwardInput {
  /** Dimension scores and labels, prepared once (see prepareFitData). */
  data: FitData;
  asOf: string[];
  w0: number[];
  grid: number[];
  folds: FoldOptions;
}

function foldLoss(fit: FittedWeights, data: FitData, y: number[], rows: number[]): number {
  return logLoss(pick(y, rows), fittedProbabilities(fit, riskOf(data, fit.w, rows)));
}

export async function walkForward(input: WalkForwardInput, pool: FitPool): Promise<WalkForwardResult> {
  const { data, asOf, w0, grid } = input;
  const y = Array.from(data.y);
  const folds = walkForwardFolds(asOf, y, input.folds);
  // fits[f][l]: fold f's training window with grid[l]; losses[f][l] on fold f's whole test quarter.
  // Along the λ grid of one fold the optimum moves little: each fit starts from the previous one. A fold's
  // first fit starts cold (a 1-D logistic fit), not from the previous fold: at λ = 0 the objective can have
  // several local optima on the simplex faces, and a start borrowed from another window may pick another.
  // The folds' paths are independent: they run in the pool, one task per fold, the largest windows first
  // (the pool hands tasks out in order, and in time order the largest window would finish alone).
  const order = folds.map((_, fi) => fi).sort((a, b) => folds[b]!.train.length - folds[a]!.train.length || a - b);
  const paths = await pool.run(order.map((fi) => ({ kind: 'path' as const, rows: folds[fi]!.train, lambdas: grid })));
  const fits: FittedWeights[][] = new Array(folds.length);
  order.forEach((fi, t) => {
    fits[fi] = paths[t]!;
  });
  const losses = folds.map((f, fi) => fits[fi]!.map((fit) => foldLoss(fit, data, y, f.test)));
  const outer = oneStandardErrorRule(losses, grid);

  const outcomes: FoldOutcome[] = folds.map((f, fi) => {
    const inner: number[][] = [];
    for (let q = 0; q < fi; q++) {
      const rows = folds[q]!.test.filter((i) => asOf[i]! <= f.purgeBoundary && asOf[i]! < f.testStart);
      if (rows.length > 0) inner.push(fits[q]!.map((fit) => foldLoss(fit, data, y, rows)));
    }
    const choice = oneStandardErrorRule(inner, grid);
    if (!choice) return { fold: f, lambda: null, fit: null };
    return { fold: f, lambda: grid[choice.index]!, fit: fits[fi]![choice.index]! };
  });

  const oot: OotRow[] = [];
  for (const o of outcomes) {
    if (!o.fit) continue;
    const { train, test } = o.fold;
    const yTrain = pick(y, train);
    const curTrain = riskOf(data, w0, train);
    const curTest = riskOf(data, w0, test);
    const propTrain = riskOf(data, o.fit.w, train);
    const propTest = riskOf(data, o.fit.w, test);
    const pCur = plattProbabilities(curTrain, yTrain, curTest);
    const pProp = plattProbabilities(propTrain, yTrain, propTest);
    test.forEach((row, t) => {
      oot.push({
        row,
        fold: o.fold.fold,
        label: y[row]!,
        riskCurrent: curTest[t]!,
        riskProposed: propTest[t]!,
        pCurrent: pCur[t]!,
        pProposed: pProp[t]!,
      });
    });
  }
  return {
    folds: outcomes,
    curve: outer ? outer.curve : null,
    chosenLambda: outer ? grid[outer.index]! : null,
    oot,
  };
}
