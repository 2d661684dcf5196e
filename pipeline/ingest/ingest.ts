// Ingest stage: stage the data directory's files, refuse bad input with precise messages, build typed tables.
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Workspace } from '../workspace/db.js';
import { inCatalog } from '../model/catalog.js';
import { DEAL_DERIVED_SIGNALS, type HealthModel } from '../model/types.js';
import { INPUTS } from './contract.js';
import { InputError, type InputIssue } from './errors.js';
import { findInputFile, stageInput, type StagedInput } from './read.js';
import { resolveIssueLines } from './lines.js';
import { checkColumns, checkDeals, checkEventCounts, checkPartnerRefs, checkUniqueKey, parsedExpr } from './validate.js';

export interface IngestSummary {
  rows: Record<string, number>;
  files: Record<string, string>;
  /** Signal names that neither the catalog nor the model knows, with their row counts (kept, not dropped). */
  unknownSignals: { signal: string; rows: number }[];
  /** Signals in the data that the model does not use. */
  unusedSignals: { signal: string; rows: number }[];
  warnings: string[];
}

export interface IngestOptions {
  /** Today's date (YYYY-MM-DD): events dated after it are refused. Injected so tests need no clock. */
  today?: string;
}

export async function ingest(ws: Workspace, dataDir: string, model: HealthModel, opts: IngestOptions = {}): Promise<IngestSummary> {
  const today = opts.today ?? localDate(new Date());
  checkDataDir(dataDir);
  const staged: StagedInput[] = [];
  try {
    const missing: InputIssue[] = [];
    for (const spec of INPUTS) {
      const file = findInputFile(dataDir, spec.name);
      if (!file) {
        if (spec.required) missing.push({ file: `${spec.name}.csv`, message: `required input not found in ${dataDir} (expected ${spec.name}.csv, .parquet, .json or .xlsx)` });
        continue;
      }
      staged.push(await stageInput(ws, spec, file));
    }
    if (missing.length) throw new InputError(missing);

    const issues: InputIssue[] = [];
    for (const s of staged) {
      issues.push(...(await checkColumns(ws, s, today)), ...(await checkUniqueKey(ws, s)));
      if (s.spec.name === 'deals') issues.push(...(await checkDeals(ws, s)));
      if (s.spec.name === 'signals') issues.push(...(await checkEventCounts(ws, s, countSignals(model))));
      if (s.spec.refersToPartner) issues.push(...(await checkPartnerRefs(ws, s)));
    }
    // values from a file outside the data directory (a link) are not quoted back
    const outside = new Set(staged.filter((s) => s.outside).map((s) => s.label));
    const shown = issues.map((i) => (outside.has(i.file) ? { ...i, value: undefined } : i));
    if (issues.length) throw new InputError(await resolveIssueLines(shown, new Map(staged.map((s) => [s.label, s]))));

    for (const s of staged) await buildTypedTable(ws, s);
    if (!staged.some((s) => s.spec.name === 'interventions')) {
      await ws.exec(`CREATE OR REPLACE TABLE interventions (partner_id VARCHAR, started_on DATE, playbook VARCHAR, owner VARCHAR, note VARCHAR)`);
    }
    return await summarise(ws, staged, model);
  } finally {
    // temporary CSVs made from .xlsx inputs
    for (const s of staged) if (s.file !== s.source) await rm(dirname(s.file), { recursive: true, force: true });
  }
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

/** Typed table named after the input, columns in contract order, extra partner attributes kept as text. */
async function buildTypedTable(ws: Workspace, s: StagedInput): Promise<void> {
  const cast = (kind: string, c: string): string => {
    const p = parsedExpr(kind as never, c);
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
}

async function summarise(ws: Workspace, staged: StagedInput[], model: HealthModel): Promise<IngestSummary> {
  const rows: Record<string, number> = {};
  const files: Record<string, string> = {};
  for (const s of staged) {
    rows[s.spec.name] = s.rows;
    files[s.spec.name] = s.source;
  }
  const counts = await ws.query<{ signal: string; rows: number }>(
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
  return { rows, files, unknownSignals, unusedSignals, warnings };
}

/** The calendar date where the user is (an event dated today in Auckland is not in the future). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
