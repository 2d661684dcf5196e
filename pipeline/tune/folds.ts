// Walk-forward, purged folds over snapshot dates: one calendar quarter per test fold, an expanding
// training window, and training rows purged so that T_train + H + G ≤ the fold's first test snapshot
// (a training label must have been knowable when the test period starts, or outcomes leak backwards).
import { quarterFromIndex, quarterIndex, quarterLabel, quarterOf as quarterOfDate } from '../vocabulary/quarter.js';

export interface Fold {
  /** 1-based, in time order. */
  fold: number;
  quarter: string;
  testStart: string;
  testEnd: string;
  /** Latest as_of a training row may have: testStart − (H + G) days. */
  purgeBoundary: string;
  /** Indices into the caller's arrays, ascending. */
  train: number[];
  test: number[];
}

export interface FoldOptions {
  horizonDays: number;
  graceDays: number;
  /** Minimum positives and negatives in the training window for a fold to be used. */
  minTrainClass: number;
}

const DAY_MS = 86_400_000;

/** ISO date plus a number of days (UTC calendar arithmetic, no time zones). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not an ISO date: ${iso}`);
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar quarter label of a date in the vocabulary's one printed form, e.g. 'Q3 2024'. */
export function quarterOf(iso: string): string {
  return quarterLabel(quarterOfDate(iso));
}

export function walkForwardFolds(asOf: readonly string[], labels: ArrayLike<number>, o: FoldOptions): Fold[] {
  const gap = o.horizonDays + o.graceDays;
  // Grouped by quarter index so folds run in time order (labels do not sort by time).
  const byQuarter = new Map<number, number[]>();
  // A few dozen month ends among 100k rows: each date is parsed once.
  const quarterOfDay = new Map<string, number>();
  asOf.forEach((d, i) => {
    let q = quarterOfDay.get(d);
    if (q === undefined) quarterOfDay.set(d, (q = quarterIndex(quarterOfDate(d))));
    const list = byQuarter.get(q);
    if (list) list.push(i);
    else byQuarter.set(q, [i]);
  });
  const quarters = [...byQuarter.keys()].sort((a, b) => a - b);
  const folds: Fold[] = [];
  for (const qi of quarters) {
    const quarter = quarterLabel(quarterFromIndex(qi));
    const test = byQuarter.get(qi)!;
    const dates = test.map((i) => asOf[i]!).sort();
    const testStart = dates[0]!;
    const purgeBoundary = addDays(testStart, -gap);
    // `< testStart` also keeps train and test disjoint when H + G = 0.
    const train: number[] = [];
    for (let i = 0; i < asOf.length; i++) {
      const d = asOf[i]!;
      if (d <= purgeBoundary && d < testStart) train.push(i);
    }
    let pos = 0;
    for (const i of train) pos += labels[i] === 1 ? 1 : 0;
    if (pos < o.minTrainClass || train.length - pos < o.minTrainClass) continue;
    folds.push({ fold: folds.length + 1, quarter, testStart, testEnd: dates[dates.length - 1]!, purgeBoundary, train, test });
  }
  return folds;
}
