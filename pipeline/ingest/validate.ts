// Row-level validation of staged inputs, in SQL: each check returns the offending records.
// Column identifiers come from the input contract (constants), values are never spliced into SQL.
import type { Workspace } from '../workspace/db.js';
import { DEAL_STATUSES, type ColumnKind } from './contract.js';
import type { InputIssue } from './errors.js';
import type { StagedInput } from './read.js';

const LIMIT = 25;

/** Beyond this a value is a typo or a sentinel, and two of them overflow a sum (1e308 + 1e308 = ∞). */
const MAX_MAGNITUDE = 1e15;

/** What a spreadsheet writes into a cell whose formula failed (#DIV/0!, #N/A, …): never a name or id. */
const SPREADSHEET_ERROR = '^#(DIV/0!|N/A|NAME\\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|FIELD!|GETTING_DATA|ERROR)$';

/** SQL expression parsing text column `c` to its typed value (NULL when unparseable). */
export function parsedExpr(kind: ColumnKind, c: string): string {
  switch (kind) {
    case 'date':
      // Dates are ISO YYYY-MM-DD; timestamps are accepted and truncated to their date.
      return `COALESCE(TRY_CAST(trim(${c}) AS DATE), TRY_CAST(TRY_CAST(trim(${c}) AS TIMESTAMP) AS DATE))`;
    case 'number':
      return `TRY_CAST(trim(${c}) AS DOUBLE)`;
    case 'status':
      return `lower(trim(${c}))`;
    default:
      return `trim(${c})`;
  }
}

const EXPECTED: Record<ColumnKind, string> = {
  id: 'a non-empty identifier, not a spreadsheet error value',
  text: 'text, not a spreadsheet error value',
  date: 'a date as YYYY-MM-DD (a valid calendar date between 1900 and 2100)',
  number: `a finite number of at most ${MAX_MAGNITUDE.toExponential()} in size`,
  status: `one of ${DEAL_STATUSES.join(', ')}`,
};

function blank(c: string): string {
  return `(${c} IS NULL OR trim(${c}) = '')`;
}

function invalid(kind: ColumnKind, c: string): string | undefined {
  const p = parsedExpr(kind, c);
  switch (kind) {
    case 'date':
      return `(${p} IS NULL OR year(${p}) NOT BETWEEN 1900 AND 2100)`;
    case 'number':
      return `(${p} IS NULL OR NOT isfinite(${p}) OR abs(${p}) > ${MAX_MAGNITUDE})`;
    case 'id':
    case 'text':
      return `regexp_matches(trim(${c}), '${SPREADSHEET_ERROR}')`;
    case 'status':
      return `${p} NOT IN (${DEAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    default:
      return undefined;
  }
}

async function offending(
  ws: Workspace, s: StagedInput, where: string, column: string, message: string, params?: Record<string, string>,
): Promise<InputIssue[]> {
  const rows = await ws.query<{ rec: number; v: string | null }>(
    `SELECT __rec AS rec, ${column}::VARCHAR AS v FROM ${s.table} WHERE ${where} ORDER BY __rec LIMIT ${LIMIT}`,
    params,
  );
  return rows.map((r) => ({ file: s.label, record: r.rec, column, value: r.v, message }));
}

/** Type checks for every contract column: required values present, dates/numbers/status parse, events not in the future. */
export async function checkColumns(ws: Workspace, s: StagedInput, today: string): Promise<InputIssue[]> {
  const issues: InputIssue[] = [];
  for (const c of s.spec.columns) {
    if (c.required) issues.push(...(await offending(ws, s, blank(c.name), c.name, `missing value (expected ${EXPECTED[c.kind]})`)));
    const bad = invalid(c.kind, c.name);
    if (bad) issues.push(...(await offending(ws, s, `NOT ${blank(c.name)} AND ${bad}`, c.name, `expected ${EXPECTED[c.kind]}`)));
    if (c.past) {
      issues.push(...(await offending(ws, s, `${parsedExpr('date', c.name)} > $today::DATE`, c.name,
        `date is in the future (expected on or before today, ${today})`, { today })));
    }
  }
  return issues;
}

/** Duplicate values of the key column; each duplicate names the line of its first occurrence. */
export async function checkUniqueKey(ws: Workspace, s: StagedInput): Promise<InputIssue[]> {
  const key = s.spec.key;
  if (!key) return [];
  const rows = await ws.query<{ rec: number; first: number; v: string }>(
    `SELECT rec, first, v FROM (
       SELECT __rec AS rec, trim(${key}) AS v, min(__rec) OVER (PARTITION BY trim(${key})) AS first FROM ${s.table}
       WHERE NOT ${blank(key)}) WHERE rec <> first ORDER BY rec LIMIT ${LIMIT}`,
  );
  return rows.map((r) => ({
    file: s.label, record: r.rec, firstRecord: r.first, column: key, value: r.v,
    message: `duplicate ${key} (first seen on ${s.isCsv ? 'line' : 'record'} {first}); expected each ${key} once`,
  }));
}

/** Deal-specific rules: closed_on is required for won/lost and may not precede registration. */
export async function checkDeals(ws: Workspace, s: StagedInput): Promise<InputIssue[]> {
  const status = parsedExpr('status', 'status');
  const closed = parsedExpr('date', 'closed_on');
  const registered = parsedExpr('date', 'registered_on');
  const expected = parsedExpr('date', 'expected_close_on');
  return [
    ...(await offending(ws, s, `${status} IN ('won', 'lost') AND ${blank('closed_on')}`, 'closed_on',
      'missing closed_on for a won or lost deal (expected the close date)')),
    ...(await offending(ws, s, `${status} = 'open' AND NOT ${blank('closed_on')}`, 'closed_on',
      'an open deal has a close date (expected closed_on empty while open, or status won or lost)')),
    ...(await offending(ws, s, `${closed} < ${registered}`, 'closed_on', 'closed before it was registered (expected closed_on ≥ registered_on)')),
    ...(await offending(ws, s, `${expected} < ${registered}`, 'expected_close_on',
      'expected to close before it was registered (expected expected_close_on ≥ registered_on)')),
    ...(await offending(ws, s, `amount IS NOT NULL AND ${parsedExpr('number', 'amount')} < 0`, 'amount', 'negative amount (expected ≥ 0)')),
  ];
}

/**
 * Event counts (signals the model sums over a window: logins, downloads, meetings) cannot be negative;
 * a negative one is a sign flip or a netted export and would silently lower a partner's score.
 */
export async function checkEventCounts(ws: Workspace, s: StagedInput, countSignals: string[]): Promise<InputIssue[]> {
  if (countSignals.length === 0) return [];
  await ws.exec('CREATE OR REPLACE TEMP TABLE count_signals (signal VARCHAR)');
  await ws.append('count_signals', countSignals.map((n) => [n]));
  return offending(ws, s, `trim(signal) IN (SELECT signal FROM count_signals) AND ${parsedExpr('number', 'value')} < 0`, 'value',
    'negative event count (the model sums this signal as a count of events: expected ≥ 0)');
}

/** Rows that name a partner_id absent from partners. */
export async function checkPartnerRefs(ws: Workspace, s: StagedInput): Promise<InputIssue[]> {
  return offending(
    ws, s,
    `NOT ${blank('partner_id')} AND trim(partner_id) NOT IN (SELECT trim(partner_id) FROM raw_partners WHERE partner_id IS NOT NULL)`,
    'partner_id', 'unknown partner (expected a partner_id listed in partners)',
  );
}
