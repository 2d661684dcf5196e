// Number wording shared by the backtest and calibration reports (fixed en-US formats via render/format).
import { fmtNum } from '../../render/index.js';

export type Pair = readonly [number, number] | null | undefined;

/** fmtNum with a real minus sign (−0.03, not -0.03): typographic, and never mistaken for a hyphen. */
export const num = (x: number | null | undefined, digits = 0): string => fmtNum(x, digits).replace(/^-/, '−');

/** AUC-like numbers: two decimals, "—" when missing. */
export const f2 = (x: number | null | undefined): string => num(x, 2);
export const f3 = (x: number | null | undefined): string => num(x, 3);

/** "0.48–0.62" (en dash), or "—". */
export function range(ci: Pair, digits = 2): string {
  return ci ? `${num(ci[0], digits)}–${num(ci[1], digits)}` : '—';
}

/** "21–31%" for a pair of fractions, or "—". */
export function pctRange(ci: Pair, digits = 0): string {
  return ci ? `${num(ci[0] * 100, digits)}–${num(ci[1] * 100, digits)}%` : '—';
}

/** Signed with a real minus sign: +0.028, −0.016. */
export function signedNum(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const body = fmtNum(Math.abs(x), digits);
  const r = Number(x.toFixed(digits));
  return r > 0 ? `+${body}` : r < 0 ? `−${body}` : body;
}

/** Signed interval: "+0.005 to +0.045". */
export function signedRange(ci: Pair, digits = 3): string {
  return ci ? `${signedNum(ci[0], digits)} to ${signedNum(ci[1], digits)}` : '—';
}

/** p-values readable by non-statisticians: "p < 0.001", "p = 0.027". */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 0.001 ? 'p < 0.001' : `p = ${fmtNum(p, 3)}`;
}

/** Round for chart/table data rows, keeping null. */
export function r4(x: number | null | undefined, digits = 4): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const levelPct = (level: number): string => `${Math.round(level * 100)}%`;

/** "1,234" */
export const count = (n: number): string => fmtNum(n, 0);
