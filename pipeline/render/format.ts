// Band chips and table cells for reports. Numbers and dates print through the named formats of
// vocabulary/number-formats.ts (re-exported here for templates and notebooks).

import { fmt, fmtDate, fmtMoney, fmtNum, fmtPct, isFormatName, isNumericName, MISSING } from '../vocabulary/number-formats.js';

export { fmtDate, fmtMoney, fmtNum, fmtPct, MISSING };
export type { DateStyle } from '../vocabulary/number-formats.js';

export type Band = 'green' | 'yellow' | 'red';

export function normalizeBand(value: unknown): Band | undefined {
  const b = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return b === 'green' || b === 'yellow' || b === 'red' ? b : undefined;
}

/** CSS class for a band: "band-green" | "band-yellow" | "band-red" | "band-none". */
export function bandClass(value: unknown): string {
  return `band-${normalizeBand(value) ?? 'none'}`;
}

/** Display label for a band: "Green" | "Yellow" | "Red" | "—". */
export function bandLabel(value: unknown): string {
  const b = normalizeBand(value);
  return b ? b[0]!.toUpperCase() + b.slice(1) : MISSING;
}

/** The cell formats a report or notebook table column may name. */
export const CELL_FORMATS = ['text', 'num', 'pct', 'money', 'date', 'band'] as const;
export type CellFormat = (typeof CELL_FORMATS)[number];

/** Format one table cell by a column's `format` and `digits`. */
export function fmtCell(value: unknown, format?: unknown, digits?: unknown): string {
  // a named format (vocabulary/number-formats.ts) by its name: "auc", "rate", "money", …
  if (isFormatName(format)) return fmt(format, value);
  switch (format) {
    case 'num':
      return fmtNum(value, digits);
    case 'pct':
      return fmtPct(value, digits);
    case 'money':
      return fmtMoney(value);
    case 'date':
      return fmtDate(value);
    case 'band':
      return bandLabel(value);
    default:
      return value === null || value === undefined || value === '' ? MISSING : String(value);
  }
}

export function isNumericFormat(format: unknown): boolean {
  if (isFormatName(format)) return isNumericName(format);
  return format === 'num' || format === 'pct' || format === 'money';
}
