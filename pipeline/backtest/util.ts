// Small helpers shared by the backtest modules: JSON-safe numbers, epoch days, quarters, intervals.
import { normQuantile } from '../stats/index.js';
import { quarterFromIndex, quarterLabel as vocabularyLabel } from '../vocabulary/quarter.js';
import type { Interval } from './types.js';

/** A finite number or null: backtest.json never carries NaN or Infinity. */
export function fin(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** An interval with two finite ends, else null. */
export function finInterval(iv: readonly [number, number] | null | undefined): Interval | null {
  if (!iv) return null;
  const [lo, hi] = iv;
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}

/** a / b, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dayOfIso(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** Quarter index = year·4 + (quarter − 1); the SQL side computes the same number. */
export function quarterOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}

/** The vocabulary's printed label ("Q3 2025") of a quarter index. */
export function quarterLabel(q: number): string {
  return vocabularyLabel(quarterFromIndex(q));
}

export function quarterStartDay(q: number): number {
  return Math.round(Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1) / DAY_MS);
}

/** First day of the month of `day`, moved by `months`. */
export function monthStartPlus(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1) / DAY_MS);
}

/** Two-sided normal interval est ± z·se clipped to [0, 1] (for AUCs). */
export function normalInterval01(est: number, se: number, level: number): Interval | null {
  if (!Number.isFinite(est) || !Number.isFinite(se)) return null;
  const z = normQuantile(1 - (1 - level) / 2);
  return [Math.max(0, est - z * se), Math.min(1, est + z * se)];
}

/** Plain numbers from a DuckDB column (BIGINT already converted; NULL → NaN). */
export function toFloat64(col: unknown[] | undefined): Float64Array {
  const out = new Float64Array(col?.length ?? 0);
  for (let i = 0; i < out.length; i++) {
    const v = col![i];
    out[i] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

export function toInt32(col: unknown[] | undefined): Int32Array {
  const out = new Int32Array(col?.length ?? 0);
  for (let i = 0; i < out.length; i++) out[i] = Number(col![i] ?? -1);
  return out;
}
