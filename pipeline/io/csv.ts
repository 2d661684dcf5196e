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

// The same rules in SQL, so DuckDB can write an output CSV itself (COPY, app/csv-copy.ts) without
// its values crossing into JS: on 5,000 partners × 36 months, reading scores.csv's 180k rows into JS and
// formatting them there was ~1.1 CPU s. The patterns are the JS ones above: RE2 reads them the same
// way (ASCII classes, `$` only at the end of the text).
const sqlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * One column's field in SQL: `layers` are the helper columns it needs, each layer computed in a projection
 * below the next, and `field` its text, which reads them by name. Written as one expression, a double's
 * text and its parts appeared ~20 times in its field: DuckDB took ~10 ms to plan each such column, a fixed
 * cost of every CSV written, and on 170k rows 0.39 against 0.14 CPU s to run three of them.
 */
interface FieldPlan { layers: string[][]; field: string }

/** csvField of a text (VARCHAR) `v`: neutralised (helper `p_t`), then quoted when needed; NULL → ''. */
function textPlan(v: string, p: string): FieldPlan {
  const t = `${p}_t`;
  return {
    layers: [[`CASE WHEN regexp_matches(${v}, ${sqlText(FORMULA_START.source)}) AND NOT regexp_matches(${v}, ${sqlText(PLAIN_NUMBER.source)})
      THEN '''' || ${v} ELSE ${v} END AS ${t}`]],
    field: `coalesce(CASE WHEN regexp_matches(${t}, ${sqlText(NEEDS_QUOTES.source)}) THEN '"' || replace(${t}, '"', '""') || '"' ELSE ${t} END, '')`,
  };
}

/**
 * String(v) of a DOUBLE `v`, as ECMAScript's Number::toString writes it ('' when NULL or not finite,
 * as csvQuote). DuckDB's text of a double (`text`, helper `p_s`) has the same shortest round-trip digits,
 * but writes 3 as '3.0', uses an exponent outside 1e-5 … 1e16 (ECMAScript: outside 1e-7 … 1e21) and pads
 * it ('1e-07'); its digits d and exponent x (helpers `p_d` and `p_n` = x + 1, set only when it has an
 * exponent) are rewritten by ECMAScript's rules (k = number of digits).
 */
function numberPlan(v: string, p: string, text = `CAST(${v} AS VARCHAR)`): FieldPlan {
  const s = `${p}_s`;
  const d = `${p}_d`;
  const n = `${p}_n`;
  const exp = `(CASE WHEN starts_with(${s}, '-') THEN '-' ELSE '' END) || CASE
      WHEN ${n} BETWEEN length(${d}) AND 21 THEN ${d} || repeat('0', ${n} - length(${d}))
      WHEN ${n} BETWEEN 1 AND 21 THEN left(${d}, ${n}) || '.' || substr(${d}, ${n} + 1)
      WHEN ${n} BETWEEN -5 AND 0 THEN '0.' || repeat('0', -${n}) || ${d}
      ELSE (CASE WHEN length(${d}) = 1 THEN ${d} ELSE left(${d}, 1) || '.' || substr(${d}, 2) END)
        || 'e' || (CASE WHEN ${n} >= 1 THEN '+' ELSE '-' END) || abs(${n} - 1)::VARCHAR END`;
  return {
    layers: [
      [`${text} AS ${s}`],
      [`CASE WHEN contains(${s}, 'e') THEN replace(ltrim(split_part(${s}, 'e', 1), '-'), '.', '') END AS ${d}`,
        `CASE WHEN contains(${s}, 'e') THEN split_part(${s}, 'e', 2)::INTEGER + 1 END AS ${n}`],
    ],
    field: `CASE WHEN ${v} IS NULL OR isnan(${v}) OR isinf(${v}) THEN '' WHEN ${v} = 0 THEN '0'
    WHEN ${d} IS NOT NULL THEN ${exp}
    WHEN ends_with(${s}, '.0') THEN left(${s}, length(${s}) - 2) ELSE ${s} END`,
  };
}

/**
 * The output-CSV field (csvField) of the column `v` of DuckDB type `type`, for the JS value the program
 * reads such a column as (workspace/plain.ts: BIGINT as a number, DATE as 'YYYY-MM-DD'); its helper
 * columns are named after `v`. Undefined for a type without an SQL form here.
 */
function fieldPlan(v: string, type: string): FieldPlan | undefined {
  const plain = (field: string): FieldPlan => ({ layers: [], field });
  switch (type) {
    case 'VARCHAR':
      return textPlan(v, v);
    case 'DOUBLE':
      return numberPlan(v, v);
    case 'INTEGER':
    case 'SMALLINT':
    case 'TINYINT':
      return plain(`coalesce(CAST(${v} AS VARCHAR), '')`);
    case 'BIGINT': {
      // a JS number holds integers up to 2^53 exactly; past that, the nearest double, as Number(bigint)
      const exact = `${v} BETWEEN -9007199254740992 AND 9007199254740992`;
      const double = `CAST(${v} AS DOUBLE)`;
      const far = numberPlan(double, v, `CASE WHEN NOT (${exact}) THEN CAST(${double} AS VARCHAR) END`);
      return { layers: far.layers, field: `CASE WHEN ${exact} THEN CAST(${v} AS VARCHAR) ELSE ${far.field} END` };
    }
    case 'BOOLEAN':
      return plain(`CASE WHEN ${v} THEN 'true' WHEN NOT ${v} THEN 'false' ELSE '' END`);
    case 'DATE':
      // 'YYYY-MM-DD' in the years 1-9999 (JS writes other years with a sign); ingest keeps dates in 1900-2100
      return plain(`CASE WHEN ${v} IS NULL THEN '' WHEN ${v} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN CAST(${v} AS VARCHAR)
        ELSE error('CSV output: date ' || CAST(${v} AS VARCHAR) || ' is outside the years 1-9999') END`);
    default:
      return undefined;
  }
}

/**
 * SQL: one `line` per row of `query`, in its order, with each field as csvField writes it, joined by
 * commas. The columns are taken by position (renamed c1, c2, …), with the DuckDB `types` (DESCRIBE's
 * column_type), so any name or a repeated one is safe. Undefined when a type has no SQL form here (the
 * caller then formats in JS).
 */
export function csvLinesSql(query: string, types: readonly string[]): string | undefined {
  const plans = types.map((t, i) => fieldPlan(`c${i + 1}`, t));
  if (plans.some((plan) => plan === undefined)) return undefined;
  let from = `(${query}) q(${types.map((_, i) => `c${i + 1}`).join(', ')})`;
  const depth = Math.max(0, ...plans.map((plan) => plan!.layers.length));
  for (let k = 0; k < depth; k++) {
    const helpers = plans.flatMap((plan) => plan!.layers[k] ?? []);
    if (helpers.length) from = `(SELECT *, ${helpers.join(', ')} FROM ${from}) l${k}`;
  }
  return `SELECT ${plans.map((plan) => plan!.field).join(` || ',' || `)} AS line FROM ${from}`;
}
