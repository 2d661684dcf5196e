// Band cut-off proposals: a Red threshold ("composite below t is Red") chosen by the decision module's
// three rules (Youden, cost, capacity). Each is fitted on a fold's training rows and evaluated on its
// test quarter, pooled; the proposal itself is fitted on all rows. The model's current cut-offs are
// evaluated on the same out-of-time rows so the comparison has a baseline. Green stays the model's
// (a Red cut answers "whom to work", one cut), raised to the Red cut if needed.
import { capacityK, costCutSorted, degenerateReason, medianCut, monthCapacityCut, sortComposites, youdenCutSorted, type DecisionSettings, type SortedComposites } from '../decision/thresholds.js';
import type { HealthModel } from '../model/types.js';
import { bandParams, bandsAt, compositeOf, latestSnapshot } from './band-rules.js';
import type { Dataset } from './dataset.js';
import type { Fold } from './folds.js';
import { riskOf, type FitData } from './fit.js';
import type { CutoffProposal } from './types.js';

type Method = CutoffProposal['method'];
const METHODS: Method[] = ['youden', 'cost', 'capacity'];

export interface CutoffInput {
  data: Dataset;
  /** The population's dimension scores, prepared (rows in `data.population` order). */
  fit: FitData;
  model: HealthModel;
  /** Each fold with the weights of the score being banded (fold indices are population positions). */
  folds: Array<{ fold: Fold; w: number[] }>;
  /** Weights of the score being banded, fitted on everything. */
  w: number[];
  decision: DecisionSettings;
}

/** Partners worked in the latest month at the capacity share. */
export function latestCapacityK(data: Dataset, share: number): number {
  const latest = latestSnapshot(data.rows);
  return capacityK(data.rows.filter((r) => r.as_of === latest).length, share);
}

export function proposeCutoffs(input: CutoffInput): { current: CutoffProposal; methods: CutoffProposal[] } {
  const { data, model, decision } = input;
  const pop = data.population;
  const y = pop.map((r) => data.rows[r]!.label!);
  const asOf = pop.map((r) => data.rows[r]!.as_of);
  // The methods cut and count the same (weights, rows) pairs — each fold's training and test rows under its
  // weights, all rows under input.w — so each pair's composites, and their sorted split, are made once.
  const memo = <T>(make: (w: number[], rows: number[]) => T): ((w: number[], rows: number[]) => T) => {
    const made = new Map<number[], Map<number[], T>>();
    return (w, rows) => {
      let byW = made.get(rows);
      if (!byW) made.set(rows, (byW = new Map()));
      let v = byW.get(w);
      if (v === undefined) byW.set(w, (v = make(w, rows)));
      return v;
    };
  };
  const composite = memo((w, rows): Float64Array => riskOf(input.fit, w, rows).map((r) => 100 - r));
  const sorted = memo((w, rows): SortedComposites => sortComposites(composite(w, rows), rows.map((i) => y[i]!)));
  // Each month's capacity cut under a weight vector, made once per vector (the folds usually share one):
  // the capacity rule reads all snapshots (170k on M), not only labelled ones — capacity is about the
  // whole book — and a fold takes the months of its training window.
  const monthCuts = new Map<readonly number[], Map<string, number>>();
  const capacityOf = (w: number[], maxAsOf: string | null): number | null => {
    let cuts = monthCuts.get(w);
    if (!cuts) {
      const byMonth = new Map<string, number[]>();
      for (const r of data.rows) {
        const c = compositeOf(r, w, model.min_coverage);
        if (c === null) continue;
        const list = byMonth.get(r.as_of);
        if (list) list.push(c);
        else byMonth.set(r.as_of, [c]);
      }
      cuts = new Map([...byMonth].map(([month, values]) => [month, monthCapacityCut(values, decision.capacity)!]));
      monthCuts.set(w, cuts);
    }
    return medianCut([...cuts].filter(([month]) => maxAsOf === null || month <= maxAsOf).map(([, c]) => c));
  };
  const threshold = (method: Method, w: number[], rows: number[], maxAsOf: string | null): number => {
    if (method === 'current') return model.bands.red_below;
    if (method === 'capacity') return capacityOf(w, maxAsOf) ?? 0;
    const cut = method === 'youden' ? youdenCutSorted(sorted(w, rows)).cut : costCutSorted(sorted(w, rows), decision.missCost).cut;
    return cut ?? 0; // flag nobody
  };

  const all = pop.map((_, i) => i);
  const latest = latestSnapshot(data.rows);
  const evaluate = (method: Method): CutoffProposal => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const { fold, w } of input.folds) {
      // Capacity months come from the training window only (≤ its latest training snapshot).
      const trainMax = fold.train.reduce<string | null>((m, i) => (m === null || asOf[i]! > m ? asOf[i]! : m), null);
      const t = threshold(method, w, fold.train, trainMax ?? '');
      const c = composite(w, fold.test);
      fold.test.forEach((i, j) => {
        const flagged = c[j]! < t;
        if (y[i] === 1) {
          if (flagged) tp++;
          else fn++;
        } else if (flagged) fp++;
        else tn++;
      });
    }
    const red_below = threshold(method, input.w, all, null);
    const green_min = method === 'current' ? model.bands.green_min : Math.max(model.bands.green_min, red_below);
    const changed = method === 'current' || latest === null ? 0 : bandsAt(data.rows, latest, input.w, bandParams(model, { green_min, red_below }))
      .filter((b) => b.band !== data.rows[b.row]!.band).length;
    const rate = (num: number, den: number): number | null => (den > 0 ? num / den : null);
    const share = rate(tp + fp, tp + fp + fn + tn);
    return {
      method,
      red_below,
      green_min,
      oot_flagged: tp + fp,
      oot_flagged_share: share,
      degenerate: method === 'current' ? null : degenerateReason(share, method === 'cost' ? decision.missCost : undefined)?.replace('partner-months', 'out-of-time rows') ?? null,
      oot_precision: rate(tp, tp + fp),
      oot_recall: rate(tp, tp + fn),
      oot_miss_rate_red: rate(tp, tp + fp),
      oot_miss_rate_rest: rate(fn, fn + tn),
      partners_changing_band: changed,
    };
  };
  return { current: evaluate('current'), methods: METHODS.map(evaluate) };
}
