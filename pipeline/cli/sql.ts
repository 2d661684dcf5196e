// `partner-health sql`: query a run's workspace from the terminal (analysts' quick look).
import { openReadOnly, workspaceFile } from '../workspace/db.js';
import { csvField } from '../io/csv.js';
import { terminalCell } from '../io/terminal.js';

export type SqlFormat = 'table' | 'csv' | 'json';

/** Run a read-only query against `workspacePath` and format the result. */
export async function runSql(workspacePath: string, query: string, format: SqlFormat, limit: number): Promise<string> {
  // Read-only and no file access: a query can look at the workspace but not write or read other files.
  const ws = await openReadOnly(workspaceFile(workspacePath));
  try {
    const { names, rows } = await ws.table(query);
    if (format === 'json') return JSON.stringify(rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]]))), null, 2) + '\n';
    if (format === 'csv') return [names, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
    return formatTable(names, rows, limit);
  } finally {
    ws.close();
  }
}

/** Numbers as JavaScript prints them; any other value as its text, formula-neutralised and quoted (io/csv). */
function csvCell(v: unknown): string {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return csvField(v);
  return csvField(String(v));
}

function formatTable(names: string[], rows: unknown[][], limit: number): string {
  // Cells and names come from the data: made safe for the terminal (io/terminal) before they are measured.
  const shown = rows.slice(0, limit).map((r) => r.map((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? fmt(v) : terminalCell(String(v)))));
  names = names.map(terminalCell);
  const widths = names.map((n, i) => Math.min(40, Math.max(n.length, ...shown.map((r) => r[i]!.length))));
  const line = (cells: string[]): string => cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!))).join('  ');
  const out = [line(names), widths.map((w) => '─'.repeat(w)).join('  '), ...shown.map(line)];
  if (rows.length > limit) out.push(`… ${rows.length - limit} more rows (use --limit or --format csv)`);
  return out.join('\n') + '\n';
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 4 : 2);
}
