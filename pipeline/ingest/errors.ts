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
  /** For a row of a `.sql` mapping: the source file and line the row came from ("opportunities.csv line 12"). */
  origin?: string;
  value?: string | null;
  message: string;
}

export function formatIssue(i: InputIssue, recordWord = 'line'): string {
  const where = [i.file, i.line !== undefined ? `${recordWord} ${i.line}` : '', i.origin ? `from ${i.origin}` : '', i.column ? `column ${i.column}` : '']
    .filter(Boolean)
    .join(', ');
  const value = i.value !== undefined && i.value !== null ? ` (got ${JSON.stringify(i.value)})` : '';
  return `${where}: ${i.message}${value}`;
}

/** How many problems of one kind one file has. */
export interface IssueCount {
  file: string;
  reason: string;
  count: number;
}

export const MAX_SHOWN = 25;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A refusal. `issues` are the problems shown (at most MAX_SHOWN); `counts`, when given, tally every
 * problem found by file and kind, so a long list is summarised instead of cut off.
 */
export class InputError extends Error {
  readonly total: number;
  constructor(readonly issues: InputIssue[], readonly counts: IssueCount[] = [], hint = '') {
    const total = counts.length ? counts.reduce((a, c) => a + c.count, 0) : issues.length;
    const shown = issues.slice(0, MAX_SHOWN).map((i) => `  - ${formatIssue(i, /\.(csv|xlsx)$/i.test(i.file) ? 'line' : 'record')}`);
    const more = total > shown.length ? [`  … and ${total - shown.length} more`] : [];
    const byKind = counts.length > 1 || (counts.length === 1 && total > shown.length)
      ? [`By kind: ${counts.map((c) => `${c.file} ${c.reason} ${c.count}`).join('; ')}`]
      : [];
    super([`Input refused (${plural(total, 'problem')}):`, ...shown, ...more, ...byKind, ...(hint ? [hint] : [])].join('\n'));
    this.name = 'InputError';
    this.total = total;
  }
}
