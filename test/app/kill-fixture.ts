// Shared by the kill tests (split in files so that two test workers share the work): the output set of
// a directory, a CLI child run held at a pause point and then signalled, and the two complete runs every
// test compares against (made once per test run, shared by the files and the workers: shared.ts).
import { DuckDBInstance } from '@duckdb/node-api';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { PAUSE_ENV } from '../../pipeline/app/pause-points.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { once } from '../helpers/fixtures.js';
import { sharedDir } from '../helpers/shared.js';
import { tempDir } from '../helpers/workspace.js';

export const EPOCH = '1767225600';
const OLD_CUTOFF = '2025-06-30';

/**
 * Every output readable at OUT/<name>: its bytes, and for the workspace (whose file layout DuckDB does not
 * keep byte-stable) the cutoff and row counts it holds.
 */
export async function outputSet(out: string): Promise<Record<string, string>> {
  const set: Record<string, string> = {};
  for (const n of readdirSync(out).sort()) {
    if (n.startsWith('.') || n === 'current' || n === 'data') continue;
    const p = join(out, n);
    if (!existsSync(p)) continue;
    set[n] = n === 'workspace.duckdb' ? await workspaceFacts(p) : readFileSync(p).toString('base64');
  }
  return set;
}

async function workspaceFacts(file: string): Promise<string> {
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await db.connect();
  try {
    const rows = await conn.runAndReadAll(
      `SELECT (SELECT cutoff::VARCHAR FROM run_info) || ' ' || (SELECT count(*) FROM health) || ' ' || (SELECT count(*) FROM labels) AS f`,
    );
    return String(rows.getRowObjectsJS()[0]!.f);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/**
 * Run the CLI until it reports `point`, then deliver `signal`; resolves with its exit code and signal. The
 * child runs without V8's optimising compiler (--no-opt): it lives two seconds, too short for optimised
 * code to repay its compiling (a sixth less CPU per child), and what it is tested for is which outputs a
 * signal leaves, not its speed.
 */
export function runUntil(args: string[], point: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, { [PAUSE_ENV]: point, SOURCE_DATE_EPOCH: EPOCH }, ['--no-opt']);
    let err = '';
    let sent = false;
    child.stderr!.on('data', (d) => {
      err += String(d);
      if (!sent && err.includes(`paused at ${point}`)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, sig) => (sent ? resolve({ code, signal: sig, err }) : reject(new Error(`never reached ${point}: ${err}`))));
  });
}

export interface KillFixture {
  data: string;
  runArgs: (out: string, cutoff?: string) => string[];
  /** A directory holding a complete run with the old cutoff (a copy of one made once). */
  oldRun: () => string;
  oldSet: Record<string, string>;
  /** The new run's complete output set, made without interruption. */
  newSet: Record<string, string>;
}

/** The data and the two complete runs, made once per test run (shared.ts) with the generated-at time fixed. */
export const KILL_DATA = { seed: 9, partners: 10, months: 15 };
/**
 * The run's flags (also disk-full.test.ts's). No partner pages: what these tests check is which complete
 * output set the directory shows, not the pages' charts (determinism.test.ts and the report tests check
 * those), and without them each run, the killed child processes included, takes a fifth less CPU.
 */
export const KILL_RUN_FLAGS = ['--bootstrap', '20', '--partner-pages', 'none', '--quiet'];
const runArgs = (data: string, out: string, cutoff?: string): string[] =>
  ['run', '--data', data, '--out', out, ...KILL_RUN_FLAGS, ...(cutoff ? ['--cutoff', cutoff] : [])];

/** The directory holding data/, old/ (the run with the old cutoff) and new/ (the run on all the data). */
export const killRuns = once(() => sharedDir(`kill runs ${JSON.stringify(KILL_DATA)} ${runArgs('D', 'O', OLD_CUTOFF).join(' ')} epoch ${EPOCH}`, async (dir) => {
  const saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  try {
    const data = join(dir, 'data');
    await writeDemoData(data, generateDemo(KILL_DATA));
    for (const [name, cutoff] of [['old', OLD_CUTOFF], ['new', undefined]] as const) {
      const r = await cli(runArgs(data, join(dir, name), cutoff));
      if (r.code !== 0) throw new Error(`kill fixture run ${name} failed: ${r.err}`);
    }
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  }
}));

/** Runs with a fixed generated-at time (SOURCE_DATE_EPOCH, set by the caller), so reports compare byte for byte. */
export const killFixture = once(async (): Promise<KillFixture> => {
  const dir = await killRuns();
  const data = join(dir, 'data');
  const old = join(dir, 'old');
  const oldSet = await outputSet(old);
  const newSet = await outputSet(join(dir, 'new'));
  expect(Object.keys(newSet)).toEqual(Object.keys(oldSet));
  expect(newSet['backtest.json']).not.toBe(oldSet['backtest.json']); // two different runs
  const oldRun = (): string => {
    const out = tempDir();
    cpSync(old, out, { recursive: true, verbatimSymlinks: true });
    return out;
  };
  return { data, runArgs: (out, cutoff) => runArgs(data, out, cutoff), oldRun, oldSet, newSet };
});

/**
 * For a test file: SOURCE_DATE_EPOCH fixed while its tests run (so reports compare byte for byte) and
 * restored after, and the fixture made before the first test.
 */
export function useKillFixture(): void {
  const saved = process.env.SOURCE_DATE_EPOCH;
  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    await killFixture();
  }, 300_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });
}

/** Kill a run at `point`: the directory shows the `expected` set, and the next run is healthy and sweeps up. */
export async function killAndRecover(point: string, expected: 'old' | 'new'): Promise<void> {
  const f = await killFixture();
  const out = f.oldRun();
  const killed = await runUntil(f.runArgs(out), point, 'SIGKILL');
  expect(killed.signal).toBe('SIGKILL');
  expect(await outputSet(out)).toEqual(expected === 'old' ? f.oldSet : f.newSet);
  const next = await cli(f.runArgs(out));
  expect(next.code, next.err).toBe(0);
  expect(await outputSet(out)).toEqual(f.newSet);
  expect(readdirSync(join(out, '.runs'))).toHaveLength(1); // the dead run's directory was swept
  expect(readdirSync(out).filter((n) => n.startsWith('.') && n !== '.runs')).toEqual([]); // no lock, no temporary links
}
