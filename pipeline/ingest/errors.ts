// Input problems carry the file, the line (or record), the column, the value and what was expected.

export interface InputIssue {
  file: string;
  /** 1-based physical line in a CSV (header is usually line 1), or 1-based record number in Parquet/JSON. */
  line?: number;
  /** Record number as DuckDB read it (1 = first data row, 0 = header); resolved to `line` before reporting. */
  record?: number;
  /** For duplicates: the record of the first occurrence; `{first}` in the message becomes its line. */
  firstRecord?: number;
  column?: string;
  value?: string | null;
  message: string;
}

export function formatIssue(i: InputIssue, recordWord = 'line'): string {
  const where = [i.file, i.line !== undefined ? `${recordWord} ${i.line}` : '', i.column ? `column ${i.column}` : '']
    .filter(Boolean)
    .join(', ');
  const value = i.value !== undefined && i.value !== null ? ` (got ${JSON.stringify(i.value)})` : '';
  return `${where}: ${i.message}${value}`;
}

const MAX_SHOWN = 25;

export class InputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    const shown = issues.slice(0, MAX_SHOWN).map((i) => `  - ${formatIssue(i, /\.(csv|xlsx)$/i.test(i.file) ? 'line' : 'record')}`);
    const more = issues.length > MAX_SHOWN ? [`  … and ${issues.length - MAX_SHOWN} more`] : [];
    super(`Input refused (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${[...shown, ...more].join('\n')}`);
    this.name = 'InputError';
  }
}
