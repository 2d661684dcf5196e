// CSV output, the one home of its rules: RFC 4180 quoting (a field with a comma, quote, CR or LF is
// quoted, its quotes doubled) and formula neutralising. Every CSV the program writes goes through here.

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or TAB / CR before one) as a formula, so partner
 * names like `=HYPERLINK(…)` or `+cmd|' /C calc'!A0` would execute when scores.csv is opened. OWASP's
 * advice: prefix such text with a single quote. Text that is a plain number ("-5", "+1.5e3") is no
 * formula and stays as it is, as do real numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Text made safe to open in a spreadsheet (see FORMULA_START). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One RFC 4180 field, the text unchanged: for data files this program reads back (an .xlsx converted
 * for ingest, the demo data, test inputs), where a leading quote would change the data.
 */
export function csvQuote(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return String(v);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One field of an output CSV (scores.csv, labels.csv, `sql --format csv`): text neutralised, then quoted. */
export function csvField(v: CsvValue): string {
  return typeof v === 'string' ? csvQuote(neutraliseFormula(v)) : csvQuote(v);
}

/** A whole CSV document: header line, then one line per row, each ending in LF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return lines.join('\n') + '\n';
}
