// Band cut-off proposals: a Red threshold ("composite below t is Red") chosen three ways — Youden's J,
// expected cost (a missed deal costs `costRatio` false alarms), and team capacity (the k lowest
// composites per month). Each is fitted on a fold's training rows and evaluated on its test quarter,
// pooled; the proposal itself is fitted on all rows. Green stays the model's (a Red cut answers "whom to
// work", one cut, and says nothing about where Green should start), raised to the Red cut if needed.
import type { HealthModel } from '../model/types.js';
import { bandParams, bandsAt, compositeOf, latestSnapshot } from './band-rules.js';
import type { Dataset } from './dataset.js';
import type { Fold } from './folds.js';
import { riskOf } from './fit.js';
import type { CutoffProposal } from './types.js';

type Method = CutoffProposal['method'];
const METHODS: Method[] = ['youden', 'cost', 'capacity'];

const round1 = (v: number): number => Math.min(100, Math.max(0, Math.round(v * 10) / 10));

/** Best threshold on labelled composites by a score of (tp, fp) — flagged = composite < t. */
function sweep(c: ArrayLike<number>, y: ArrayLike<number>, value: (tp: number, fp: number) => number): number {
  const order = Array.from({ length: c.length }, (_, i) => i).sort((i, j) => c[i]! - c[j]!);
  let tp = 0;
  let fp = 0;
  let bestT = order.length ? c[order[0]!]! : 0; // flag nobody
  let best = value(0, 0);
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    if (y[i] === 1) tp++;
    else fp++;
    const next = j + 1 < order.length ? c[order[j + 1]!]! : c[i]! + 1;
    if (next === c[i]) continue; // cut only between distinct values
    const v = value(tp, fp);
    if (v > best) {
      best = v;
      bestT = (c[i]! + next) / 2;
    }
  }
  return bestT;
}

function classThreshold(method: 'youden' | 'cost', c: ArrayLike<number>, y: ArrayLike<number>, costRatio: number): number {
  let P = 0;
  for (let i = 0; i < y.length; i++) P += y[i] === 1 ? 1 : 0;
  const N = y.length - P;
  if (P === 0 || N === 0) return 0;
  if (method === 'youden') return round1(sweep(c, y, (tp, fp) => tp / P - fp / N));
  // Minimising costRatio·FN + FP is maximising costRatio·TP − FP.
  return round1(sweep(c, y, (tp, fp) => costRatio * tp - fp));
}

/** Median over months of the cut between the k-th and (k+1)-th lowest composite of that month. */
function capacityThreshold(composites: Map<string, number[]>, k: number): number {
  const cuts: number[] = [];
  for (const values of composites.values()) {
    const s = [...values].sort((a, b) => a - b);
    if (s.length === 0) continue;
    cuts.push(s.length > k ? (s[k - 1]! + s[k]!) / 2 : s[s.length - 1]! + 0.1);
  }
  if (cuts.length === 0) return 0;
  cuts.sort((a, b) => a - b);
  const mid = Math.floor(cuts.length / 2);
  return round1(cuts.length % 2 ? cuts[mid]! : (cuts[mid - 1]! + cuts[mid]!) / 2);
}

export interface CutoffInput {
  data: Dataset;
  model: HealthModel;
  /** Each fold with the weights of the score being banded (fold indices are population positions). */
  folds: Array<{ fold: Fold; w: number[] }>;
  /** Weights of the score being banded, fitted on everything. */
  w: number[];
  capacityK: number;
  costRatio: number;
}

export function proposeCutoffs(input: CutoffInput): CutoffProposal[] {
  const { data, model, capacityK, costRatio } = input;
  const pop = data.population;
  const y = pop.map((r) => data.rows[r]!.label!);
  const X = pop.map((r) => data.rows[r]!.x);
  const asOf = pop.map((r) => data.rows[r]!.as_of);
  const composite = (w: number[], rows: number[]): Float64Array => riskOf(X, w, rows).map((r) => 100 - r);
  // All scored partners per month (not only labelled ones): capacity is about the whole book.
  const monthly = (w: number[], maxAsOf: string | null): Map<string, number[]> => {
    const out = new Map<string, number[]>();
    for (const r of data.rows) {
      if (maxAsOf !== null && r.as_of > maxAsOf) continue;
      const c = compositeOf(r, w, model.min_coverage);
      if (c === null) continue;
      const list = out.get(r.as_of);
      if (list) list.push(c);
      else out.set(r.as_of, [c]);
    }
    return out;
  };
  const threshold = (method: Method, w: number[], rows: number[], maxAsOf: string | null): number => {
    if (method === 'capacity') return capacityThreshold(monthly(w, maxAsOf), capacityK);
    return classThreshold(method, composite(w, rows), rows.map((i) => y[i]!), costRatio);
  };

  const all = pop.map((_, i) => i);
  const latest = latestSnapshot(data.rows);
  return METHODS.map((method) => {
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
    const green_min = Math.max(model.bands.green_min, red_below);
    const changed = latest === null ? 0 : bandsAt(data.rows, latest, input.w, bandParams(model, { green_min, red_below }))
      .filter((b) => b.band !== data.rows[b.row]!.band).length;
    const rate = (num: number, den: number): number | null => (den > 0 ? num / den : null);
    return {
      method,
      red_below,
      green_min,
      oot_flagged: tp + fp,
      oot_precision: rate(tp, tp + fp),
      oot_recall: rate(tp, tp + fn),
      oot_miss_rate_red: rate(tp, tp + fp),
      oot_miss_rate_rest: rate(fn, fn + tn),
      partners_changing_band: changed,
    };
  });
}
