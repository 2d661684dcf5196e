// Test helpers: write small input directories and run the stages on an in-memory workspace.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { csvQuote } from '../../pipeline/io/csv.js';
import { ingest, type IngestOptions, type IngestSummary } from '../../pipeline/ingest/ingest.js';
import { InputError } from '../../pipeline/ingest/errors.js';
import { loadModel, validateModel } from '../../pipeline/model/load.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import { defaultCutoff, scoreWorkspace } from '../../pipeline/score/index.js';
import { int } from '../../pipeline/workspace/rows.js';

export const REPO = new URL('../../', import.meta.url).pathname;
export const SI_MODEL = join(REPO, 'models/si-early-warning.json');

/** The number of rows `sql` (a query) gives on `ws`. */
export async function countRows(ws: Workspace, sql: string): Promise<number> {
  const [r] = await ws.rows({ n: int }, `SELECT count(*)::INTEGER AS n FROM (${sql})`);
  return r!.n;
}

export function tempDir(prefix = 'ph-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

type Cell = string | number | null | undefined;

export function csv(header: string[], rows: Cell[][]): string {
  const q = (v: Cell): string => (v === null || v === undefined ? '' : csvQuote(String(v)));
  return [header.join(','), ...rows.map((r) => r.map(q).join(','))].join('\n') + '\n';
}

/** Write files (name → content) into a fresh directory and return its path. */
export function writeDir(files: Record<string, string>, dir = tempDir()): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export async function siModel(): Promise<HealthModel> {
  return loadModel(SI_MODEL);
}

export function model(m: unknown): HealthModel {
  return validateModel(m, 'test-model');
}

/** Ingest and score `dataDir` in memory; returns the open workspace and the cutoff used. */
export async function scoreDir(dataDir: string, m: HealthModel, cutoff?: string): Promise<{ ws: Workspace; cutoff: string }> {
  const ws = await openWorkspace(':memory:');
  await ingest(ws, dataDir, m);
  const c = cutoff ?? (await defaultCutoff(ws));
  await scoreWorkspace(ws, m, c);
  return { ws, cutoff: c };
}

/** Ingest `files` (name → content) with the SI model and return the refusal; fails the test if accepted. */
/** Ingest data directory `dir` into an in-memory workspace, today being 2026-01-01 unless `opts` says. */
export async function ingestDir(dir: string, opts: IngestOptions = {}): Promise<IngestSummary> {
  const ws = await openWorkspace(':memory:');
  try {
    return await ingest(ws, dir, await siModel(), { today: '2026-01-01', ...opts });
  } finally {
    ws.close();
  }
}

/** The message ingestDir refuses `dir` with (an InputError); fails when the input is accepted. */
export async function refusedDir(dir: string, opts: IngestOptions = {}): Promise<string> {
  try {
    await ingestDir(dir, opts);
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('ingest accepted bad input');
}

export async function refuse(files: Record<string, string>): Promise<InputError> {
  const ws = await openWorkspace(':memory:');
  try {
    await ingest(ws, writeDir(files), await siModel());
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  } finally {
    ws.close();
  }
  throw new Error('ingest accepted bad input');
}
