// One home for "where to draw the Red line": Youden's J, the cost-weighted optimum and team capacity,
// used by the backtest (on the current score), by calibration (per walk-forward fold) and by the reports.
//
// Every cut is on the composite: a partner-month is flagged when composite < cut. Cuts lie halfway
// between distinct composites, so "<" and "≤" cannot disagree. Capacity has one definition: each month
// the team works the `capacity` share of the partners scored that month (rounded, at least one).
import { fmt } from '../vocabulary/number-formats.js';

/** The decision settings every stage and report reads (CLI: --miss-cost, --capacity). */
export interface DecisionSettings {
  /** Cost of a missed warning in units of one false alarm. */
  missCost: number;
  /** Share of the partners scored each month that a team can work (0–1]. */
  capacity: number;
}

export const DECISION_DEFAULTS: DecisionSettings = { missCost: 5, capacity: 0.1 };

/** A cut flagging at least this share of partner-months (or nobody) is no usable warning line. */
export const DEGENERATE_FLAGGED_SHARE = 0.9;

export interface CutCounts {
  /** Flag when composite < cut; null = flag nobody. */
  cut: number | null;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  flagged_share: number | null;
}

/** Partners a team can work in a month with `scored` partners scored. */
export function capacityK(scored: number, share: number): number {
  return Math.max(1, Math.round(share * scored));
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * Composites split by label (1 = positive) and each sorted as numbers: what bestCut scans. Made once
 * when several rules cut the same rows (calibration's Youden and cost cuts on one fold's training rows).
 */
export interface SortedComposites {
  pos: Float64Array;
  neg: Float64Array;
}

export function sortComposites(composite: ArrayLike<number>, label: ArrayLike<number>): SortedComposites {
  const n = composite.length;
  if (label.length !== n) throw new Error(`bestCut: ${n} composites but ${label.length} labels`);
  let P = 0;
  for (let i = 0; i < n; i++) P += label[i] === 1 ? 1 : 0;
  const pos = new Float64Array(P);
  const neg = new Float64Array(n - P);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    const c = composite[i]!;
    if (Number.isNaN(c)) throw new Error(`bestCut: composite ${i + 1} is NaN`);
    if (label[i] === 1) pos[p++] = c;
    else neg[q++] = c;
  }
  return { pos: pos.sort(), neg: neg.sort() };
}

/**
 * Best cut on composites by `value(tp, fp)` (higher is better), starting from "flag nobody".
 * Only cuts between distinct composites are considered; the cut is their midpoint (rounded to 0.1
 * only when that keeps it strictly between them). The row form: a caller that cuts the same composites
 * several times sorts them once (sortComposites) and calls bestCutSorted.
 */
export function bestCut(composite: ArrayLike<number>, label: ArrayLike<number>, value: (tp: number, fp: number) => number): CutCounts {
  return bestCutSorted(sortComposites(composite, label), value);
}

/** bestCut on sorted composites. */
export function bestCutSorted(sorted: SortedComposites, value: (tp: number, fp: number) => number): CutCounts {
  // Merged, the positives' and the others' sorted composites visit the distinct composites in ascending
  // order with tp and fp complete at each, as a scan of the rows sorted by composite does, without
  // sorting row indices through a comparator (most of the cut-offs' time on M).
  const { pos, neg } = sorted;
  const P = pos.length;
  const n = P + neg.length;
  let tp = 0;
  let fp = 0;
  /** The smallest composite not yet counted, or null when all are. */
  const head = (): number | null => (tp < P && (fp === neg.length || pos[tp]! <= neg[fp]!) ? pos[tp]! : fp < neg.length ? neg[fp]! : null);
  let best = { v: value(0, 0), cut: null as number | null, tp: 0, fp: 0 };
  for (let c = head(); c !== null; ) {
    // === also joins −0 and +0, as the comparator's ties did.
    while (tp < P && pos[tp] === c) tp++;
    while (fp < neg.length && neg[fp] === c) fp++;
    const after = head();
    const next = after ?? c + 1;
    const v = value(tp, fp);
    if (v > best.v) {
      const mid = (c + next) / 2;
      const r = round1(mid);
      best = { v, cut: r > c && r <= next ? r : mid, tp, fp };
    }
    c = after;
  }
  return { cut: best.cut, tp: best.tp, fp: best.fp, fn: P - best.tp, tn: neg.length - best.fp, flagged_share: n > 0 ? (best.tp + best.fp) / n : null };
}

const NO_COMPOSITES: SortedComposites = { pos: new Float64Array(0), neg: new Float64Array(0) };

/** Youden's J = hit rate − false-alarm rate, maximised. */
export function youdenCut(composite: ArrayLike<number>, label: ArrayLike<number>): CutCounts & { youden_j: number } {
  let P = 0;
  for (let i = 0; i < label.length; i++) P += label[i] === 1 ? 1 : 0;
  const N = label.length - P;
  if (P === 0 || N === 0) return { ...bestCutSorted(NO_COMPOSITES, () => 0), fn: P, tn: N, youden_j: 0 };
  return youdenCutSorted(sortComposites(composite, label));
}

/** youdenCut on sorted composites. */
export function youdenCutSorted(sorted: SortedComposites): CutCounts & { youden_j: number } {
  const P = sorted.pos.length;
  const N = sorted.neg.length;
  if (P === 0 || N === 0) return { ...bestCutSorted(NO_COMPOSITES, () => 0), fn: P, tn: N, youden_j: 0 };
  const c = bestCutSorted(sorted, (tp, fp) => tp / P - fp / N);
  return { ...c, youden_j: c.tp / P - c.fp / N };
}

/** Minimises missCost·FN + FP (the same as maximising missCost·TP − FP). */
export function costCut(composite: ArrayLike<number>, label: ArrayLike<number>, missCost: number): CutCounts & { cost: number } {
  return costCutSorted(sortComposites(composite, label), missCost);
}

/** costCut on sorted composites. */
export function costCutSorted(sorted: SortedComposites, missCost: number): CutCounts & { cost: number } {
  const c = bestCutSorted(sorted, (tp, fp) => missCost * tp - fp);
  return { ...c, cost: missCost * c.fn + c.fp };
}

/** Cost of a confusion table at a miss cost. */
export const costOf = (c: { fn: number; fp: number }, missCost: number): number => missCost * c.fn + c.fp;

/** The cut under one month's k lowest composites (k = capacityK), halfway to the next; null for no composites. */
export function monthCapacityCut(values: ArrayLike<number>, share: number): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const k = capacityK(s.length, share);
  return s.length > k ? (s[k - 1]! + s[k]!) / 2 : s[s.length - 1]! + 0.1;
}

/** Capacity's one composite cut from the monthly cuts (monthCapacityCut): their median, to 0.1. */
export function medianCut(monthCuts: readonly number[]): number | null {
  if (monthCuts.length === 0) return null;
  const cuts = Float64Array.from(monthCuts).sort();
  const mid = Math.floor(cuts.length / 2);
  return round1(cuts.length % 2 ? cuts[mid]! : (cuts[mid - 1]! + cuts[mid]!) / 2);
}

/** Capacity as one composite cut: the median over months of the cut under each month's k lowest composites. */
export function capacityCut(byMonth: Iterable<readonly number[]>, share: number): number | null {
  const cuts: number[] = [];
  for (const values of byMonth) {
    const c = monthCapacityCut(values, share);
    if (c !== null) cuts.push(c);
  }
  return medianCut(cuts);
}

/**
 * Why a cut is not a usable warning line, or null. Flagging (almost) everyone is what the cost rule
 * picks when missCost × P(miss) exceeds P(no miss) nearly everywhere, i.e. when the base rate is
 * above 1 / (1 + missCost): at that price every partner is worth a call and the score adds little.
 */
export function degenerateReason(flaggedShare: number | null, missCost?: number): string | null {
  if (flaggedShare === null) return null;
  if (flaggedShare === 0) return 'flags nobody';
  if (flaggedShare < DEGENERATE_FLAGGED_SHARE) return null;
  const pct = fmt('rate', flaggedShare);
  const why = missCost === undefined ? '' : ` (at a miss cost of ${missCost}× a false alarm, calling almost every partner is cheapest)`;
  return `flags ${pct} of partner-months${why}`;
}
