// Nested walk-forward CV. Outer: each fold's weights are fitted on its purged training window and
// scored on its test quarter; predictions are pooled. Inner: a fold's λ is chosen from the earlier
// folds' test quarters restricted to rows inside its own training window, so nothing at or after the
// fold's purge boundary influences its λ. Earlier folds' fits are reused (the inner fold for quarter q
// trains on exactly the outer training window of q), so the cost is folds × λ fits in total. A fold
// whose window holds fewer than two earlier test quarters cannot choose its λ honestly; it still serves
// as an inner fold for later ones but is not scored out of time (it would only add noise: a fallback
// λ would pin it to the current weights).
import type { FitData, FittedWeights } from './fit.js';
import { runJobs, type FitPool, type PoolJob } from './fit-pool.js';
import type { FitTask, FoldPathResult, PlattResult } from './fit-tasks.js';
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
  /** The final weights: every row fitted at chosenLambda from a cold start (null with no λ chosen). */
  final: FittedWeights | null;
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

/** An earlier fold's test rows inside a later fold's training window; `whole` when that is all of them. */
interface InnerRows {
  q: number;
  rows: number[];
  whole: boolean;
}

export interface WalkForwardPlan {
  folds: Fold[];
  /** inner[f]: the inner folds of fold f (earlier test quarters, restricted to f's training window). */
  inner: InnerRows[][];
  /** A fold is scored out of time when it has at least two inner folds to choose its λ from. */
  scored: boolean[];
}

/** The folds and their inner folds: everything that depends on dates and labels only, not on any fit. */
export function walkForwardPlan(asOf: readonly string[], y: ArrayLike<number>, options: FoldOptions): WalkForwardPlan {
  const folds = walkForwardFolds(asOf, y, options);
  const inner = folds.map((f, fi) => {
    const list: InnerRows[] = [];
    for (let q = 0; q < fi; q++) {
      const test = folds[q]!.test;
      const rows = test.filter((i) => asOf[i]! <= f.purgeBoundary && asOf[i]! < f.testStart);
      if (rows.length > 0) list.push({ q, rows, whole: rows.length === test.length });
    }
    return list;
  });
  // oneStandardErrorRule chooses from ≥ 2 folds' losses (the grid is never empty).
  return { folds, inner, scored: inner.map((list) => list.length >= 2) };
}

/** Folds largest training window first: the pool hands tasks out in order, and the largest would otherwise finish alone. */
function bySize(folds: Fold[], which: number[]): number[] {
  return which.slice().sort((a, b) => folds[b]!.train.length - folds[a]!.train.length || a - b);
}

/** Tasks whose results come back in the caller's order `order` (results[order[t]] = task t's). */
function ordered<R>(order: number[], size: number, task: (fi: number) => FitTask): PoolJob<R[]> {
  return {
    tasks: order.map(task),
    finish(results) {
      const out = new Array<R>(size);
      order.forEach((fi, t) => (out[fi] = results[t] as R));
      return out;
    },
  };
}

/**
 * The walk-forward CV on `pool`. `plan` (walkForwardPlan of the same input) lets the caller work on the
 * folds while the fits run: this function hands its first tasks to the pool before its first await.
 */
export async function walkForward(input: WalkForwardInput, pool: FitPool, plan?: WalkForwardPlan): Promise<WalkForwardResult> {
  const { data, asOf, w0, grid } = input;
  const y = Array.from(data.y);
  const { folds, inner, scored } = plan ?? walkForwardPlan(asOf, y, input.folds);
  const all = folds.map((_, fi) => fi);
  const scoredFolds = all.filter((fi) => scored[fi]);
  // fits[f][l]: fold f's training window with grid[l]; losses[f][l] on fold f's whole test quarter.
  // Along the λ grid of one fold the optimum moves little: each fit starts from the previous one. A fold's
  // first fit starts cold (a 1-D logistic fit), not from the previous fold: at λ = 0 the objective can have
  // several local optima on the simplex faces, and a start borrowed from another window may pick another.
  // The folds' paths are independent: one task per fold. The current weights' Platt mappings of the scored
  // folds need no fit, so they share the queue.
  // Each path task also scores its fits on the rows they are judged on — its fold's test quarter, and each
  // later fold's part of it that is not all of it — so this thread does not wait for the pool and then do
  // it (on M the workers waited 0.25–0.35 s for that). lossOn[q][j] lists fold q's j-th row set.
  const lossOn = folds.map((f) => [f.test]);
  // An inner fold holding all of an earlier test quarter has that fold's own losses (row set 0).
  const innerAt = inner.map((list) => list.map((r) => (r.whole ? 0 : lossOn[r.q]!.push(r.rows) - 1)));
  const [paths, current] = await runJobs(pool, [
    ordered<FoldPathResult>(bySize(folds, all), folds.length, (fi) => ({ kind: 'foldPath', rows: folds[fi]!.train, lambdas: grid, lossOn: lossOn[fi]! })),
    ordered<PlattResult>(bySize(folds, scoredFolds), folds.length, (fi) => ({ kind: 'platt', w: w0, train: folds[fi]!.train, test: folds[fi]!.test })),
  ]);
  const fits = paths.map((p) => p.fits);
  const losses = paths.map((p) => p.losses[0]!);
  const outer = oneStandardErrorRule(losses, grid);

  const outcomes: FoldOutcome[] = folds.map((f, fi) => {
    const choice = oneStandardErrorRule(inner[fi]!.map((r, j) => paths[r.q]!.losses[innerAt[fi]![j]!]!), grid);
    if (!choice) return { fold: f, lambda: null, fit: null };
    return { fold: f, lambda: grid[choice.index]!, fit: fits[fi]![choice.index]! };
  });

  // The final fit and the proposed weights' Platt mappings, as one queue.
  const chosenLambda = outer ? grid[outer.index]! : null;
  const withFit = all.filter((fi) => outcomes[fi]!.fit !== null);
  const [final, proposed] = await runJobs(pool, [
    {
      tasks: chosenLambda === null ? [] : [{ kind: 'path', rows: y.map((_, i) => i), lambdas: [chosenLambda] }],
      finish: (r) => (r.length ? (r[0] as FittedWeights[])[0]! : null),
    },
    ordered<PlattResult>(bySize(folds, withFit), folds.length, (fi) => ({ kind: 'platt', w: outcomes[fi]!.fit!.w, train: folds[fi]!.train, test: folds[fi]!.test })),
  ]);

  const oot: OotRow[] = [];
  for (const fi of withFit) {
    const f = folds[fi]!;
    const cur = current[fi]!;
    const prop = proposed[fi]!;
    f.test.forEach((row, t) => {
      oot.push({
        row,
        fold: f.fold,
        label: y[row]!,
        riskCurrent: cur.risk[t]!,
        riskProposed: prop.risk[t]!,
        pCurrent: cur.p[t]!,
        pProposed: prop.p[t]!,
      });
    });
  }
  return { folds: outcomes, curve: outer ? outer.curve : null, chosenLambda, final, oot };
}
