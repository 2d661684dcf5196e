// Ingest stage: stage the data directory's files, refuse bad input with precise messages, build typed tables.
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Workspace } from '../workspace/db.js';
import { inCatalog } from '../model/catalog.js';
import { DEAL_DERIVED_SIGNALS, type HealthModel } from '../model/types.js';
import type { ColumnKind, InputName } from './contract.js';
import { InputError, type IssueCount } from './errors.js';
import { inputFiles, stageInput, type StagedInput } from './read.js';
import { stageInputs, type EarlyCheck } from './lanes.js';
import { trimIfNeeded, untrimmedTests } from './typed.js';
import { buildRejectedRows, refuseIfAnyIssue, rejectedCounts, setAsideRejected, STRICT, type QuarantineOptions } from './quarantine.js';
import { anyIssue, checkInput, createIssuesTable, exprsOf, parsedExpr, type CheckContext } from './validate.js';
import { int, nullable, text } from '../workspace/rows.js';

export interface IngestSummary {
  /** Rows accepted per input (after any rows set aside). */
  rows: Record<string, number>;
  files: Record<string, string>;
  /** Signal names that neither the catalog nor the model knows, with their row counts (kept, not dropped). */
  unknownSignals: { signal: string; rows: number }[];
  /** Signals in the data that the model does not use. */
  unusedSignals: { signal: string; rows: number }[];
  warnings: string[];
  /** Rows set aside with --skip-invalid-rows, per file and reason (empty when strict or all rows passed). */
  rejected: IssueCount[];
  /** Whether a deal_history input was given (labels and deal signals then use deal state as known at T). */
  hasDealHistory: boolean;
}

export interface IngestOptions {
  /** Today's date (YYYY-MM-DD): events dated after it are refused. Injected so tests need no clock. */
  today?: string;
  quarantine?: QuarantineOptions;
  /**
   * Stage the small inputs on a second connection beside the signals load (lanes.ts); default: when the
   * signals file has at least BESIDE_MIN_BYTES. Tests set it to run small data both ways.
   */
  beside?: boolean;
}

/** Below this size of the signals file the load is short and staging one input after another is as quick. */
export const BESIDE_MIN_BYTES = 4 * 2 ** 20;

/** Bytes of the signals file of `dataDir` (the largest, if several: that refusal comes later, in order). */
function signalsBytes(dataDir: string): number {
  const size = (p: string): number => {
    try {
      return statSync(p).size;
    } catch {
      return 0; // absent, or unreadable: staging says why
    }
  };
  return Math.max(0, ...inputFiles(dataDir, 'signals').map(size));
}

export async function ingest(ws: Workspace, dataDir: string, model: HealthModel, opts: IngestOptions = {}): Promise<IngestSummary> {
  const today = opts.today ?? localDate(new Date());
  checkDataDir(dataDir);
  const staged: StagedInput[] = [];
  try {
    const q = opts.quarantine ?? STRICT;
    const contextOf = async (conn: Workspace, s: StagedInput, byName: (name: string) => StagedInput | undefined): Promise<CheckContext> => ({
      today,
      // history may not pass the data's own end (its latest signal or deal date); a --cutoff before that
      // only truncates the run, and history after it is simply not known at any snapshot
      cutoff: s.spec.refersToDeal ? await rawDataEnd(conn, byName('signals'), byName('deals')) : undefined,
      countSignals: countSignals(model), partners: exprsOf(byName('partners')), deals: exprsOf(byName('deals')),
    });
    // Early, beside the signals load: whether an input has no problem at all (see lanes.ts), each once
    // the inputs its rules read are staged.
    const early: EarlyCheck = async (conn, s, stagedAs) => {
      const needs: InputName[] = s.spec.refersToDeal ? ['signals', 'deals', 'partners'] : s.spec.refersToPartner ? ['partners'] : [];
      const known = new Map<string, StagedInput | undefined>();
      for (const name of needs) known.set(name, await stagedAs(name));
      known.set(s.spec.name, s);
      return isClean(conn, s, await contextOf(conn, s, (name) => known.get(name)));
    };
    const beside = opts.beside ?? signalsBytes(dataDir) >= BESIDE_MIN_BYTES;
    const { staged: all, clean } = await stageInputs(ws, dataDir, early, (s) => staged.push(s), beside);
    staged.splice(0, staged.length, ...all);

    // Inputs are checked in contract order (partners before what refers to them, deals before their
    // history); when quarantining, a file's rejected rows are removed before the next file is checked.
    // Inputs found clean early are skipped up to the first that was not: the tables they read were as
    // they are now, so this loop would have found nothing in them either.
    const sources = new Map(staged.map((s) => [s.label, s]));
    await createIssuesTable(ws);
    let trusted = true;
    for (const [k, typedOrText] of staged.entries()) {
      let s = typedOrText;
      if (trusted && clean.has(s)) continue;
      trusted = false;
      const byName = (name: string): StagedInput | undefined => staged.find((t) => t.spec.name === name);
      const ctx = await contextOf(ws, s, byName);
      // a typed file with any problem is read again as text, where each problem is recorded as written
      const hit = s.typed && await typedIssue(ws, s, ctx);
      if (hit) {
        s = staged[k] = await stageInput(ws, s.spec, s.source, { asText: true, dialect: s.dialect });
        sources.set(s.label, s);
      }
      if (s.typed) continue;
      // a text input as staged (partners) is asked yes/no first: clean, it has nothing to record or set aside
      if (!hit && !(await anyIssue(ws, s, ctx))) continue;
      await checkInput(ws, s, ctx);
      if (q.skipInvalidRows) s.rows -= await setAsideRejected(ws, s, q, sources);
    }
    // values from a file outside the data directory (a link) are not quoted back
    const outside = new Set(staged.filter((s) => s.outside).map((s) => s.label));
    if (!q.skipInvalidRows) await refuseIfAnyIssue(ws, sources, outside);
    await buildRejectedRows(ws, sources);

    for (const s of staged) await buildTypedTable(ws, s);
    if (!staged.some((s) => s.spec.name === 'interventions')) {
      await ws.exec(`CREATE OR REPLACE TABLE interventions (partner_id VARCHAR, started_on DATE, playbook VARCHAR, owner VARCHAR, note VARCHAR)`);
    }
    if (!staged.some((s) => s.spec.name === 'deal_history')) {
      await ws.exec(`CREATE OR REPLACE TABLE deal_history (deal_id VARCHAR, changed_on DATE, expected_close_on DATE, amount DOUBLE, stage VARCHAR, status VARCHAR)`);
    }
    return await summarise(ws, staged, model);
  } finally {
    // temporary CSVs made from .xlsx inputs
    for (const s of staged) if (s.file !== s.source) await rm(dirname(s.file), { recursive: true, force: true });
  }
}

/** Whether `s` has no problem any rule would record, asked on connection `conn` (`anyIssue`; typed, its ids trimmed first). */
async function isClean(conn: Workspace, s: StagedInput, ctx: CheckContext): Promise<boolean> {
  return !(await (s.typed ? typedIssue(conn, s, ctx) : anyIssue(conn, s, ctx)));
}

/**
 * `anyIssue` of a typed input, its ids and text trimmed first if the reader left any value to trim: one
 * scan of their distinct values answers both when there is nothing to trim (a clean file), else the
 * table is trimmed and checked again. Every typed input passes here before its table is used as typed.
 */
async function typedIssue(conn: Workspace, s: StagedInput, ctx: CheckContext): Promise<boolean> {
  const hit = await anyIssue(conn, s, ctx, untrimmedTests(s.untrimmed ?? []));
  if (!hit || !s.untrimmed?.length) return hit;
  await trimIfNeeded(conn, s.table, s.untrimmed);
  s.untrimmed = undefined;
  return anyIssue(conn, s, ctx);
}

/** Signals the model sums over a window: event counts. */
function countSignals(model: HealthModel): string[] {
  return Object.entries(model.signals).filter(([, s]) => s.aggregation === 'sum').map(([name]) => name);
}

/** Refuse a data directory that does not exist (or is a file). */
export function checkDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) throw new InputError([{ file: dataDir, message: 'data directory not found' }]);
  if (!statSync(dataDir).isDirectory()) throw new InputError([{ file: dataDir, message: 'is a file, not a data directory (expected a directory holding partners, signals, deals …)' }]);
}

/**
 * Typed table named after the input, columns in contract order, extra partner attributes kept as text
 * in raw_partners. The other staged tables go: a typed one becomes the table, a text one is dropped.
 */
async function buildTypedTable(ws: Workspace, s: StagedInput): Promise<void> {
  if (s.typed) {
    await ws.exec(`DROP TABLE IF EXISTS ${s.spec.name}`);
    await ws.exec(`ALTER TABLE ${s.table} RENAME TO ${s.spec.name}`);
    return;
  }
  const cast = (kind: ColumnKind, c: string): string => {
    const p = parsedExpr(kind, c);
    if (kind === 'date') return `${p} AS ${c}`;
    if (kind === 'number') return `${p} AS ${c}`;
    return `NULLIF(${p}, '') AS ${c}`;
  };
  const select = s.spec.columns.map((c) => cast(c.kind, c.name));
  const contract = new Set(s.spec.columns.map((c) => c.name));
  const extras = s.columns.filter((c) => !contract.has(c.toLowerCase()));
  // Extra partner attributes are user-defined columns: they stay in raw_partners (as text) for analysts.
  await ws.exec(`CREATE OR REPLACE TABLE ${s.spec.name} AS SELECT ${select.join(', ')} FROM ${s.table} ORDER BY __rec`);
  if (s.spec.name === 'partners' && extras.length === 0) await ws.exec('DROP TABLE IF EXISTS partner_attributes');
  if (s.spec.name !== 'partners') await ws.exec(`DROP TABLE ${s.table}`);
}

async function summarise(ws: Workspace, staged: StagedInput[], model: HealthModel): Promise<IngestSummary> {
  const rows: Record<string, number> = {};
  const files: Record<string, string> = {};
  for (const s of staged) {
    rows[s.spec.name] = s.rows;
    files[s.spec.name] = s.source;
  }
  const counts = await ws.rows({ signal: text, rows: int },
    'SELECT signal, count(*) AS rows FROM signals GROUP BY signal ORDER BY signal',
  );
  const inModel = new Set(Object.keys(model.signals));
  const derived = new Set<string>(DEAL_DERIVED_SIGNALS);
  const unknownSignals = counts.filter((c) => !inCatalog(c.signal) && !inModel.has(c.signal) && !derived.has(c.signal));
  const unusedSignals = counts.filter((c) => !inModel.has(c.signal) && !unknownSignals.includes(c));
  const warnings: string[] = [];
  if (unknownSignals.length) {
    warnings.push(
      `Unknown signal names (kept in the workspace, not used by model '${model.name}'): ` +
        unknownSignals.map((u) => `${u.signal} (${u.rows} rows)`).join(', '),
    );
  }
  const collide = counts.filter((c) => derived.has(c.signal));
  if (collide.length) {
    warnings.push(
      `Signal rows named like a signal computed from deals are ignored (the deal-derived value is used): ` +
        collide.map((c) => `${c.signal} (${c.rows} rows)`).join(', ') + '; rename them to use them as a signal of your own',
    );
  }
  const absent = [...inModel].filter((s) => !derived.has(s) && !counts.some((c) => c.signal === s));
  if (absent.length) warnings.push(`Model signals with no data (scored as missing, lowering coverage): ${absent.join(', ')}`);
  const rejected = await rejectedCounts(ws);
  return { rows, files, unknownSignals, unusedSignals, warnings, rejected, hasDealHistory: 'deal_history' in rows };
}

/** Latest valid signal or deal date in the staged files: the default data cutoff, before typed tables exist. */
async function rawDataEnd(ws: Workspace, signals: StagedInput | undefined, deals: StagedInput | undefined): Promise<string> {
  const sig = exprsOf(signals);
  const deal = exprsOf(deals);
  const [row] = await ws.rows({ d: nullable(text) },
    `SELECT greatest((SELECT max(${sig.parsed('date', 'observed_on')}) FROM raw_signals),
                     (SELECT max(${deal.parsed('date', 'registered_on')}) FROM raw_deals), (SELECT max(${deal.parsed('date', 'closed_on')}) FROM raw_deals))::VARCHAR AS d`,
  );
  return row?.d ?? '2100-12-31';
}

/** The calendar date where the user is (an event dated today in Auckland is not in the future). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
