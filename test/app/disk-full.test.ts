// A disk that fills up during a run, at several stages (ingest, a report, the workspace checkpoint):
// the run exits non-zero naming the path, the previous output set stays exactly as it was, and once there
// is room the next run is healthy. Needs root for a small tmpfs; skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/workspace.js';
import { KILL_RUN_FLAGS, killRuns } from './kill-fixture.js';

const isRoot = process.getuid?.() === 0;

function contents(out: string): Record<string, string> {
  return Object.fromEntries(readdirSync(out).filter((n) => !n.startsWith('.') && n !== 'current').sort().map((n) => [n, readFileSync(join(out, n)).toString('base64')]));
}

describe.skipIf(!isRoot)('disk full during a run', () => {
  const mnt = tempDir();
  let data: string;
  let base: string; // the previous output set: the kill tests' run with the old cutoff, copied, never written
  let mounted = false;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', mnt]);
    mounted = true;
    const runs = await killRuns(); // KILL_RUN_FLAGS --cutoff 2025-06-30 on seed 9, 10 partners, 15 months
    data = join(runs, 'data');
    base = join(runs, 'old');
  }, 300_000);
  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', mnt]);
  });

  /** A copy of the good output set on the small disk, with only `freeKb` left free. */
  function nearlyFull(freeKb: number): string {
    rmSync(join(mnt, 'out'), { recursive: true, force: true });
    rmSync(join(mnt, 'fill'), { force: true });
    cpSync(base, join(mnt, 'out'), { recursive: true, verbatimSymlinks: true });
    const s = statfsSync(mnt);
    const avail = s.bavail * s.bsize;
    writeFileSync(join(mnt, 'fill'), Buffer.alloc(Math.max(0, avail - freeKb * 1024)));
    return join(mnt, 'out');
  }

  it('fails at each stage with the path named, leaving the previous outputs intact; then runs healthy', { timeout: 600_000 }, async () => {
    const before = contents(base);
    const stages = new Set<string>();
    // Measured on this data (seed 9, 10 partners): up to ~600 KB free the workspace log fails, ~700–900 KB
    // an output file, from ~1000 KB the checkpoint. Two points in the narrow middle band, one near and one
    // far into the last; more points in the same band would rerun the same failure (each a full run).
    for (const freeKb of [100, 800, 900, 1200, 6000]) {
      const out = nearlyFull(freeKb);
      const r = await cli(['run', '--data', data, '--out', out, ...KILL_RUN_FLAGS]);
      expect(r.code, `${freeKb} KB free: ${r.err}`).toBe(1);
      const failed = r.err.match(/cannot write (\S+?):/);
      expect(failed, r.err).not.toBeNull();
      expect(failed![1]!.startsWith(out), r.err).toBe(true);
      // where it failed: the workspace's log (ingest, scoring), an output file, or the final checkpoint
      stages.add(/checkpoint/i.test(r.err) ? 'checkpoint' : /\.wal/.test(r.err) ? 'workspace log' : 'output file');
      expect(contents(out), `${freeKb} KB free`).toEqual(before);
      expect(readdirSync(join(out, '.runs'))).toEqual(readdirSync(join(base, '.runs')));
      expect(existsSync(join(out, '.partner-health.lock'))).toBe(false);
    }
    expect([...stages].sort()).toEqual(['checkpoint', 'output file', 'workspace log']);
    rmSync(join(mnt, 'fill'));
    const out = join(mnt, 'out');
    const r = await cli(['run', '--data', data, '--out', out, ...KILL_RUN_FLAGS]);
    expect(r.code, r.err).toBe(0);
    const ok = await cli(['backtest', '--out', out, '--quiet']); // the new workspace is whole
    expect(ok.code, ok.err).toBe(0);
  });
});
