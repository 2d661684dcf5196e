// Row-level validation of staged inputs, in SQL. Every rule writes the records it finds into one
// `ingest_issues` table (all of them, not a sample), so a refusal can count problems by kind and a
// quarantine can set exactly those rows aside. Column identifiers come from the input contract
// (constants); values are always bound, never spliced.
import type { Workspace } from '../workspace/db.js';
import { DEAL_STATUSES, type ColumnKind } from './contract.js';
import type { StagedInput } from './read.js';
import { bool } from '../workspace/rows.js';

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

/** Kind of problem each type check reports (the class a refusal counts and a rejected row records). */
const BAD_KIND: Record<ColumnKind, string> = { date: 'not_a_date', number: 'not_a_number', status: 'unknown_status', id: 'spreadsheet_error', text: 'spreadsheet_error' };

function blank(c: string): string {
  return `(${c} IS NULL OR trim(${c}) = '')`;
}

/**
 * How rules read a staged table's columns. A text table (every column as read) parses and trims in each
 * rule; a typed table (see typed.ts) already holds each column as `typedColumn` makes it, where NULL is
 * exactly "blank" and the value is what `parsedExpr` would give, so the same rules mean the same there.
 */
export interface Exprs {
  parsed(kind: ColumnKind, c: string): string;
  blank(c: string): string;
  /** A non-blank value of `c` that does not parse; undefined when none can (a typed table's NULL is blank). */
  unparsed(kind: ColumnKind, c: string): string | undefined;
}

export const TEXT_EXPRS: Exprs = { parsed: parsedExpr, blank, unparsed: (kind, c) => `${parsedExpr(kind, c)} IS NULL` };
export const TYPED_EXPRS: Exprs = { parsed: (_kind, c) => c, blank: (c) => `(${c} IS NULL)`, unparsed: () => undefined };

/** The expression sets of a staged table: its own, or a text one for a table not staged typed. */
export const exprsOf = (s: { typed?: boolean } | undefined): Exprs => (s?.typed ? TYPED_EXPRS : TEXT_EXPRS);

/**
 * Each test is written as ranges of the value where it can be, so that on a typed table DuckDB's column
 * statistics (min, max) prove it false without reading a row: a clean 5M-row signals file is checked in
 * ~0.05 CPU s instead of ~0.3. A date outside the years 1900-2100 is refused, ±infinity among them (DuckDB
 * reads 'infinity' as a DATE; it is no calendar date, and a past-only column refused only +infinity, as
 * a future date, while a JSON file's took it), and NaN and ±∞ numbers fall outside any range.
 */
function invalid(kind: ColumnKind, c: string, ex: Exprs): string | undefined {
  const p = ex.parsed(kind, c);
  const or = (test: string): string => `(${[ex.unparsed(kind, c), test].filter(Boolean).join(' OR ')})`;
  switch (kind) {
    case 'date':
      return or(`NOT (${p} BETWEEN DATE '1900-01-01' AND DATE '2100-12-31')`);
    case 'number':
      return or(`NOT (${p} BETWEEN -${MAX_MAGNITUDE} AND ${MAX_MAGNITUDE})`);
    case 'id':
    case 'text':
      // starts with '#' (as bytes, '#' <= p < '$'), before the far dearer regex; most values are not errors
      return `(${p} >= '#' AND ${p} < '$' AND regexp_matches(${p}, '${SPREADSHEET_ERROR}'))`;
    case 'status':
      return `${p} NOT IN (${DEAL_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    default:
      return undefined;
  }
}

/** One row-level rule: rows of the staged table matching `where` have a problem of kind `reason` in `column`. */
export interface RowRule {
  column: string;
  reason: string;
  message: string;
  where: string;
  /**
   * The one column `where` reads when it is a text column whose values repeat (ids, names): the rule
   * then holds for a row exactly when it holds for that row's value, so `anyIssue` tests the column's
   * distinct values (DuckDB groups a dictionary-compressed column for ~0.02 CPU s on 5M rows).
   */
  on?: string;
}

export async function createIssuesTable(ws: Workspace): Promise<void> {
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE ingest_issues (
       seq INTEGER, input VARCHAR, file VARCHAR, rec BIGINT, first_rec BIGINT,
       column_name VARCHAR, value VARCHAR, reason VARCHAR, message VARCHAR)`,
  );
}

// Rules are numbered in the order they ran, so messages list problems file by file, rule by rule.
const NEXT_SEQ = '(SELECT coalesce(max(seq), 0) + 1 FROM ingest_issues)';

async function record(ws: Workspace, s: StagedInput, r: RowRule, params: Record<string, string> = {}): Promise<void> {
  await ws.exec(
    `INSERT INTO ingest_issues
     SELECT ${NEXT_SEQ}, $input, $file, __rec, NULL, $column, ${r.column}::VARCHAR, $reason, $message FROM ${s.table} WHERE ${r.where}`,
    { ...params, input: s.spec.name, file: s.label, column: r.column, reason: r.reason, message: r.message },
  );
}

/** Type checks for every contract column: required values present, dates/numbers/status parse, events not in the future. */
function columnRules(s: StagedInput, today: string): RowRule[] {
  const ex = exprsOf(s);
  const rules: RowRule[] = [];
  for (const c of s.spec.columns) {
    const on = c.kind === 'id' || c.kind === 'text' || c.kind === 'status' ? c.name : undefined;
    if (c.required) rules.push({ column: c.name, reason: 'missing_value', message: `missing value (expected ${EXPECTED[c.kind]})`, where: ex.blank(c.name), on });
    const bad = invalid(c.kind, c.name, ex);
    // typed, a blank value is NULL and every test of it NULL (not a problem): the range test stays alone,
    // where the statistics can answer it (with a second condition DuckDB reads the rows)
    if (bad) {
      const where = ex.unparsed(c.kind, c.name) ? `NOT ${ex.blank(c.name)} AND ${bad}` : bad;
      rules.push({ column: c.name, reason: BAD_KIND[c.kind], message: `expected ${EXPECTED[c.kind]}`, where, on });
    }
    if (c.past) {
      rules.push({
        column: c.name, reason: 'future_date', message: `date is in the future (expected on or before today, ${today})`,
        where: `${ex.parsed('date', c.name)} > $today::DATE`,
      });
    }
  }
  return rules;
}

/**
 * Several rules in one scan of the staged table instead of one scan each (a 5M-row signals file has a
 * dozen column rules): each row yields the numbers of the rules it breaks, unnested into issues. The
 * issues are those `record` would write rule by rule, with the same sequence numbers: the next free
 * number for each rule that found something, in rule order.
 */
async function recordAll(ws: Workspace, s: StagedInput, rules: RowRule[], params: Record<string, string> = {}): Promise<void> {
  if (rules.length === 0) return;
  await ws.exec('CREATE OR REPLACE TEMP TABLE check_rules (rule INTEGER, column_name VARCHAR, reason VARCHAR, message VARCHAR)');
  await ws.append('check_rules', rules.map((r, i) => [i + 1, r.column, r.reason, r.message]));
  const broken = rules.map((r, i) => `CASE WHEN (${r.where}) THEN {'rule': ${i + 1}, 'value': ${r.column}::VARCHAR} END`);
  await ws.exec(
    `INSERT INTO ingest_issues
     WITH hits AS (
       SELECT __rec, unnest(list_filter([${broken.join(',\n         ')}], x -> x IS NOT NULL)) AS hit
       FROM ${s.table} WHERE ${rules.map((r) => `(${r.where})`).join(' OR ')})
     SELECT (SELECT coalesce(max(seq), 0) FROM ingest_issues) + dense_rank() OVER (ORDER BY h.hit.rule),
            $input, $file, h.__rec, NULL, r.column_name, h.hit.value, r.reason, r.message
     FROM hits h JOIN check_rules r ON r.rule = h.hit.rule`,
    { ...params, input: s.spec.name, file: s.label },
  );
}

/**
 * What makes two rows' keys the same, as `checkUniqueKey` records it and `anyIssue` asks it: a blank key
 * is no duplicate (it is a missing value), and keys compare as `ex` reads them (text trimmed).
 */
function keyOf(ex: Exprs, key: string): { present: string; value: string } {
  return { present: `NOT ${ex.blank(key)}`, value: ex.parsed('id', key) };
}

/** Duplicate values of the key column after the first; each names the line of its first occurrence. */
async function checkUniqueKey(ws: Workspace, s: StagedInput): Promise<void> {
  const key = s.spec.key;
  if (!key) return;
  const k = keyOf(TEXT_EXPRS, key);
  await ws.exec(
    `INSERT INTO ingest_issues
     SELECT ${NEXT_SEQ}, $input, $file, rec, first, $column, v, 'duplicate_id', $message FROM (
       SELECT __rec AS rec, ${k.value} AS v, min(__rec) OVER (PARTITION BY ${k.value}) AS first FROM ${s.table}
       WHERE ${k.present}) WHERE rec <> first`,
    {
      input: s.spec.name, file: s.label, column: key,
      message: `duplicate ${key} (first seen on ${s.isCsv ? 'line' : 'record'} {first}); expected each ${key} once`,
    },
  );
}

/** Deal-specific rules: closed_on is required for won/lost and may not precede registration. */
function dealRules(ex: Exprs): RowRule[] {
  const status = ex.parsed('status', 'status');
  const registered = ex.parsed('date', 'registered_on');
  return [
    { column: 'closed_on', reason: 'closed_without_date', message: 'missing closed_on for a won or lost deal (expected the close date)',
      where: `${status} IN ('won', 'lost') AND ${ex.blank('closed_on')}` },
    { column: 'closed_on', reason: 'open_with_close_date', message: 'an open deal has a close date (expected closed_on empty while open, or status won or lost)',
      where: `${status} = 'open' AND NOT ${ex.blank('closed_on')}` },
    { column: 'closed_on', reason: 'closed_before_registered', message: 'closed before it was registered (expected closed_on ≥ registered_on)',
      where: `${ex.parsed('date', 'closed_on')} < ${registered}` },
    { column: 'expected_close_on', reason: 'expected_before_registered', message: 'expected to close before it was registered (expected expected_close_on ≥ registered_on)',
      where: `${ex.parsed('date', 'expected_close_on')} < ${registered}` },
    { column: 'amount', reason: 'negative_amount', message: 'negative amount (expected ≥ 0)', where: `amount IS NOT NULL AND ${ex.parsed('number', 'amount')} < 0` },
  ];
}

/** Rows must name a partner of `raw_partners` (read through `px`, its own expressions). */
function partnerRef(ex: Exprs, px: Exprs): RowRule {
  return {
    column: 'partner_id', reason: 'unknown_partner', message: 'unknown partner (expected a partner_id listed in partners)',
    where: `NOT ${ex.blank('partner_id')} AND ${ex.parsed('id', 'partner_id')} NOT IN (SELECT ${px.parsed('id', 'partner_id')} FROM raw_partners WHERE partner_id IS NOT NULL)`,
    on: 'partner_id',
  };
}

/** History rows must name a known deal and lie between its registration and the data cutoff (`dx`: raw_deals' expressions). */
function historyRules(ex: Exprs, dx: Exprs): RowRule[] {
  const registered = dx.parsed('date', 'registered_on');
  return [
    { column: 'deal_id', reason: 'unknown_deal', message: 'unknown deal (expected a deal_id listed in deals)',
      where: `NOT ${ex.blank('deal_id')} AND ${ex.parsed('id', 'deal_id')} NOT IN (SELECT ${dx.parsed('id', 'deal_id')} FROM raw_deals WHERE deal_id IS NOT NULL)`, on: 'deal_id' },
    { column: 'changed_on', reason: 'changed_before_registered', message: 'change dated before the deal was registered (expected changed_on ≥ registered_on)',
      where: `${ex.parsed('date', 'changed_on')} < (SELECT min(${registered}) FROM raw_deals d WHERE ${dx.parsed('id', 'd.deal_id')} = ${ex.parsed('id', 'raw_deal_history.deal_id')})` },
    { column: 'changed_on', reason: 'changed_after_cutoff', message: 'change dated after the data cutoff (expected changed_on ≤ {cutoff})',
      where: `${ex.parsed('date', 'changed_on')} > $cutoff::DATE` },
    { column: 'amount', reason: 'negative_amount', message: 'negative amount (expected ≥ 0)', where: `amount IS NOT NULL AND ${ex.parsed('number', 'amount')} < 0` },
  ];
}

export interface CheckContext {
  today: string;
  /** Data cutoff history rows may not pass (YYYY-MM-DD). */
  cutoff?: string;
  /** Signals the model sums as event counts (their values may not be negative). */
  countSignals?: string[];
  /** How to read the staged partners and deals that other inputs refer to (default: as text). */
  partners?: Exprs;
  deals?: Exprs;
  /** `anyIssue` tests a typed input of at most this many rows in one scan (default ONE_SCAN_MAX_ROWS). */
  oneScanMaxRows?: number;
}

/**
 * Event counts (signals the model sums over a window: logins, downloads, meetings) cannot be negative;
 * a negative one is a sign flip or a netted export and would silently lower a partner's score.
 */
function eventCountRule(ex: Exprs): RowRule {
  return {
    column: 'value', reason: 'negative_count', message: 'negative event count (the model sums this signal as a count of events: expected ≥ 0)',
    where: `${ex.parsed('id', 'signal')} IN (SELECT signal FROM count_signals) AND ${ex.parsed('number', 'value')} < 0`,
  };
}

async function createCountSignals(ws: Workspace, countSignals: string[]): Promise<void> {
  await ws.exec('CREATE OR REPLACE TEMP TABLE count_signals (signal VARCHAR)');
  await ws.append('count_signals', countSignals.map((n) => [n]));
}

/** The rules after the column rules and the key, in the order they run, each with the parameters it names. */
function laterRules(s: StagedInput, ctx: CheckContext): { rule: RowRule; params: Record<string, string> }[] {
  const ex = exprsOf(s);
  const out: { rule: RowRule; params: Record<string, string> }[] = [];
  if (s.spec.name === 'deals') for (const rule of dealRules(ex)) out.push({ rule, params: {} });
  if (s.spec.name === 'signals' && ctx.countSignals?.length) out.push({ rule: eventCountRule(ex), params: {} });
  if (s.spec.refersToPartner) out.push({ rule: partnerRef(ex, ctx.partners ?? TEXT_EXPRS), params: {} });
  if (s.spec.refersToDeal) {
    for (const r of historyRules(ex, ctx.deals ?? TEXT_EXPRS)) {
      if (r.reason === 'changed_after_cutoff' && !ctx.cutoff) continue;
      out.push(r.reason === 'changed_after_cutoff'
        ? { rule: { ...r, message: r.message.replace('{cutoff}', ctx.cutoff ?? '') }, params: { cutoff: ctx.cutoff! } }
        : { rule: r, params: {} });
    }
  }
  return out;
}

/** Record every row-level problem of one staged input (cross-file rules read the other raw tables as they are now). */
export async function checkInput(ws: Workspace, s: StagedInput, ctx: CheckContext): Promise<void> {
  const columns = columnRules(s, ctx.today);
  // $today is bound only when a rule names it (DuckDB refuses a parameter the statement does not use)
  await recordAll(ws, s, columns, columns.some((r) => r.where.includes('$today')) ? { today: ctx.today } : {});
  await checkUniqueKey(ws, s);
  if (s.spec.name === 'signals' && ctx.countSignals?.length) await createCountSignals(ws, ctx.countSignals);
  for (const { rule, params } of laterRules(s, ctx)) await record(ws, s, rule, params);
}

/**
 * SQL: whether `predicate` (over `column` alone) holds for any distinct value of `column` in `table`. Ids
 * repeat, and DuckDB groups a dictionary-compressed column for a fifth of the price of testing every row
 * (0.05 against 0.2 CPU s on 5M signal rows). The test is an aggregate, not a WHERE, which DuckDB would
 * push below the DISTINCT onto every row; the distinct values take the table's name, so a qualified
 * column (raw_deal_history.deal_id) still resolves.
 */
export function anyDistinct(table: string, column: string, predicate: string): string {
  return `coalesce((SELECT bool_or(${predicate}) FROM (SELECT DISTINCT ${column} FROM ${table}) AS ${table}), false)`;
}

/**
 * Up to this many rows, `anyIssue` asks one scan of the rows instead of one subquery per test: planning
 * those ~20 subqueries took ~12 ms of CPU, more than testing a few thousand rows at once (~3 ms).
 */
export const ONE_SCAN_MAX_ROWS = 20_000;

/**
 * Whether `checkInput` would record any problem: its rules and its key's duplicates (`keyOf`), read
 * through the table's own expressions. For a text input, in its table; for a typed one, in its text
 * re-read, once its ids are trimmed or `also` asks whether they need it (ingest.ts `typedIssue`). Only a
 * yes/no. A typed file with problems is staged again as text, where `checkInput` records them with the
 * values as written; a clean text file (partners) is known clean in one statement instead of recording
 * into an issues table and counting it (four, 12–20 ms against ~9 ms in a tiny run).
 * A small input (`ONE_SCAN_MAX_ROWS`) is tested in one scan of its rows. A
 * large one gets one EXISTS per rule, not one scan for all: a lone range test on a column DuckDB answers
 * from the column's statistics, a test of one text column from its distinct values (all rules on that
 * column together), and a filter such as `value < 0` is pushed into the scan.
 * `also`: more tests of one column's values to answer in the same scans (then a yes may be theirs).
 */
export async function anyIssue(ws: Workspace, s: StagedInput, ctx: CheckContext, also: { on: string; where: string }[] = []): Promise<boolean> {
  if (s.spec.name === 'signals' && ctx.countSignals?.length) await createCountSignals(ws, ctx.countSignals);
  const later = laterRules(s, ctx);
  const rules = [...columnRules(s, ctx.today), ...later.map((r) => r.rule)];
  const params: Record<string, string> = Object.assign({}, ...later.map((r) => r.params));
  if (rules.some((r) => r.where.includes('$today'))) params.today = ctx.today;
  const key = s.spec.key;
  const t = s.table;
  const ex = exprsOf(s);
  const tests = [...rules.flatMap((r) => (r.on ? [{ on: r.on, where: r.where }] : [])), ...also];
  const rowRules = rules.filter((r) => !r.on);
  const k = key ? keyOf(ex, key) : undefined;
  const keyed = k ? [`EXISTS (SELECT 1 FROM ${t} WHERE ${k.present} GROUP BY ${k.value} HAVING count(*) > 1)`] : [];
  if (s.rows <= (ctx.oneScanMaxRows ?? ONE_SCAN_MAX_ROWS)) {
    // every test on the rows themselves, in one scan (a value's test holds for a row iff for its value)
    const anyRow = `coalesce((SELECT bool_or(${[...tests, ...rowRules].map((r) => `(${r.where})`).join(' OR ')}) FROM ${t}), false)`;
    const [row] = await ws.rows({ hit: bool }, `SELECT ${[anyRow, ...keyed].join(' OR ')} AS hit`, params);
    return row!.hit;
  }
  const byValue = [...new Set(tests.map((r) => r.on))]
    .map((c) => anyDistinct(t, c, tests.filter((r) => r.on === c).map((r) => `(${r.where})`).join(' OR ')));
  const byRow = rowRules.map((r) => `EXISTS (SELECT 1 FROM ${t} WHERE ${r.where})`);
  // One row per test, not one expression joining them by OR: DuckDB plans the OR of nine subqueries as
  // one join tree, ~35 ms of CPU for a signals file of two rows against ~8 ms for the union (a fixed cost
  // of every ingest, not of the data: on 5M signal rows both take ~0.2 CPU s).
  const hits = [...byValue, ...byRow, ...keyed].map((t) => `SELECT ${t} AS hit`);
  const [row] = await ws.rows({ hit: bool }, `SELECT coalesce(bool_or(hit), false) AS hit FROM (${hits.join('\n    UNION ALL ')})`, params);
  return row!.hit;
}
