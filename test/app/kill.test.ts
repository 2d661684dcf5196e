// kill -9 at several points of a run, the commit included, and SIGHUP: the directory must show either the
// complete previous output set or the complete new one, never a mix, and the next run must be healthy.
// The CLI runs as a child process held at a named pause point (PARTNER_HEALTH_PAUSE_AT), then killed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { PAUSE_ENV } from '../../pipeline/app/pause-points.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/workspace.js';

const EPOCH = '1767225600';
const OLD_CUTOFF = '2025-06-30';

/**
 * Every output readable at OUT/<name>: its bytes, and for the workspace (whose file layout DuckDB does not
 * keep byte-stable) the cutoff and row counts it holds.
 */
async function outputSet(out: string): Promise<Record<string, string>> {
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

/** Run the CLI until it reports `point`, then deliver `signal`; resolves with its exit code and signal. */
function runUntil(args: string[], point: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, { [PAUSE_ENV]: point, SOURCE_DATE_EPOCH: EPOCH });
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

describe('kill -9 and signals', () => {
  const data = tempDir();
  const ref = tempDir(); // the new run's complete output set, made without interruption
  let oldSet: Record<string, string>;
  let newSet: Record<string, string>;
  const saved = process.env.SOURCE_DATE_EPOCH;
  const runArgs = (out: string, cutoff?: string): string[] =>
    ['run', '--data', data, '--out', out, '--bootstrap', '20', '--quiet', ...(cutoff ? ['--cutoff', cutoff] : [])];

  const old = tempDir();
  /** A directory holding a complete run with the old cutoff (a copy of one made once). */
  function oldRun(): string {
    const out = tempDir();
    cpSync(old, out, { recursive: true, verbatimSymlinks: true });
    return out;
  }

  // fixed generated-at time, so that every run's reports can be compared byte for byte
  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    await writeDemoData(data, generateDemo({ seed: 9, partners: 10, months: 15 }));
    const r = await cli(runArgs(old, OLD_CUTOFF));
    expect(r.code, r.err).toBe(0);
    oldSet = await outputSet(old);
    expect((await cli(runArgs(ref))).code).toBe(0);
    newSet = await outputSet(ref);
    expect(Object.keys(newSet)).toEqual(Object.keys(oldSet));
    expect(newSet['backtest.json']).not.toBe(oldSet['backtest.json']); // two different runs
  }, 300_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  const points: [string, 'old' | 'new'][] = [
    ['run:scored', 'old'],
    ['commit:before-links', 'old'],
    ['commit:before-switch', 'old'],
    ['commit:after-switch', 'new'],
  ];
  for (const [point, expected] of points) {
    it(`kill -9 at ${point} leaves the ${expected} output set, and the next run is healthy`, { timeout: 300_000 }, async () => {
      const out = oldRun();
      const killed = await runUntil(runArgs(out), point, 'SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      expect(await outputSet(out)).toEqual(expected === 'old' ? oldSet : newSet);
      const next = await cli(runArgs(out));
      expect(next.code, next.err).toBe(0);
      expect(await outputSet(out)).toEqual(newSet);
      expect(readdirSync(join(out, '.runs'))).toHaveLength(1); // the dead run's directory was swept
      expect(readdirSync(out).filter((n) => n.startsWith('.') && n !== '.runs')).toEqual([]); // no lock, no temporary links
    });
  }

  it('SIGHUP cleans up like SIGINT and SIGTERM: previous outputs kept, no lock, no run directory left', { timeout: 300_000 }, async () => {
    const out = oldRun();
    const runs = readdirSync(join(out, '.runs'));
    const hup = await runUntil(runArgs(out), 'run:scored', 'SIGHUP');
    expect(hup.code).toBe(129);
    expect(await outputSet(out)).toEqual(oldSet);
    expect(readdirSync(join(out, '.runs'))).toEqual(runs);
    expect(existsSync(join(out, '.partner-health.lock'))).toBe(false);
  });
});
