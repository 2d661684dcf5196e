// Result → report table: every column (or the ones a table cell lists), labelled, with the render
// layer's cell formats; numbers get the decimals they need unless a format says otherwise.
import { CELL_FORMATS, fmtNum, type CellFormat } from '../render/index.js';

export interface TableColumn { key: string; label: string; format?: CellFormat; digits?: number }

export interface TableSpec {
  caption?: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
  /** Shown under the table, e.g. "First 20 of 57 rows." */
  note?: string;
}

export interface Result {
  names: string[];
  rows: Record<string, unknown>[];
}

/** Columns for `names`: numeric columns as numbers with the decimals they need, the rest as text. */
export function autoColumns(result: Result): TableColumn[] {
  return result.names.map((key) => {
    const values = result.rows.map((r) => r[key]);
    const numeric = values.every((v) => v === null || typeof v === 'number');
    return numeric
      ? { key, label: key, format: 'num', digits: decimalsShown(values as (number | null)[]) }
      : { key, label: key, format: 'text' };
  });
}

/** Decimals a numeric column needs (0 for counts, at most 2). */
function decimalsShown(values: (number | null)[]): number {
  let d = 0;
  for (const v of values) {
    if (v === null || Number.isInteger(v)) continue;
    d = Math.max(d, Math.abs(v * 10 - Math.round(v * 10)) < 1e-9 ? 1 : 2);
  }
  return d;
}

/**
 * Columns a table cell asks for: a YAML mapping of column → label, or → { label, format, digits }.
 * Throws a plain Error (the caller adds file, cell and line).
 */
export function chosenColumns(result: Result, spec: unknown): TableColumn[] {
  const auto = new Map(autoColumns(result).map((c) => [c.key, c]));
  if (spec === null || spec === undefined) return [...auto.values()];
  if (typeof spec !== 'object' || Array.isArray(spec)) throw new Error('the table body must be a YAML mapping of column: label or column: { label, format, digits }');
  return Object.entries(spec as Record<string, unknown>).map(([key, v]) => {
    const base = auto.get(key);
    if (!base) throw new Error(`no column "${key}" in the result (columns: ${result.names.join(', ')})`);
    if (typeof v === 'string') return { ...base, label: v };
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`column "${key}": expected a label or { label, format, digits }`);
    const o = v as { label?: unknown; format?: unknown; digits?: unknown };
    const unknownKey = Object.keys(o).find((k) => !['label', 'format', 'digits'].includes(k));
    if (unknownKey) throw new Error(`column "${key}": unknown key "${unknownKey}" (label, format, digits)`);
    if (o.format !== undefined && !CELL_FORMATS.includes(o.format as CellFormat)) {
      throw new Error(`column "${key}": format "${String(o.format)}" is not one of ${CELL_FORMATS.join(', ')}`);
    }
    if (o.digits !== undefined && !(Number.isInteger(o.digits) && (o.digits as number) >= 0 && (o.digits as number) <= 6)) {
      throw new Error(`column "${key}": digits must be a whole number 0–6`);
    }
    const format = (o.format as CellFormat | undefined) ?? base.format;
    return {
      key, label: typeof o.label === 'string' ? o.label : key, format,
      digits: (o.digits as number | undefined) ?? (format === base.format ? base.digits : undefined),
    };
  });
}

/** The table a cell shows: at most `limit` rows, with a note saying how many there were. */
export function tableFromResult(result: Result, columns: TableColumn[], limit?: number, caption?: string): TableSpec {
  const shown = limit === undefined ? result.rows : result.rows.slice(0, limit);
  const note = shown.length < result.rows.length ? `First ${fmtNum(shown.length)} of ${fmtNum(result.rows.length)} rows.` : undefined;
  return { caption, columns, rows: shown, note };
}
