// Number wording shared by the backtest and calibration reports. Every figure is printed through a
// named format (vocabulary/number-formats.ts); these are the few shapes built from them.
import { fmtNum } from '../../vocabulary/number-formats.js';

export type Pair = readonly [number, number] | null | undefined;

/** A model coefficient or other raw number at a chosen precision, with a real minus sign (provenance, fits). */
export const num = (x: number | null | undefined, digits = 0): string => fmtNum(x, digits).replace(/^-/, '−');

/** Round for chart/table data rows, keeping null. */
export function r4(x: number | null | undefined, digits = 4): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
