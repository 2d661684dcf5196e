// kill -9 during the run, before the commit, and SIGHUP: the directory must still show the complete
// previous output set, and the next run must be healthy. The CLI runs as a child process held at a named
// pause point (PARTNER_HEALTH_PAUSE_AT), then killed. The commit's own kill points: kill-commit-*.test.ts.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { killFixture, killAndRecover, useKillFixture, outputSet, runUntil } from './kill-fixture.js';

describe('kill -9 and signals during the run', () => {
  useKillFixture();

  it('kill -9 at run:scored leaves the old output set, and the next run is healthy', { timeout: 300_000 }, async () => {
    await killAndRecover('run:scored', 'old');
  });

  it('SIGHUP cleans up like SIGINT and SIGTERM: previous outputs kept, no lock, no run directory left', { timeout: 300_000 }, async () => {
    const f = await killFixture();
    const out = f.oldRun();
    const runs = readdirSync(join(out, '.runs'));
    const hup = await runUntil(f.runArgs(out), 'run:scored', 'SIGHUP');
    expect(hup.code).toBe(129);
    expect(await outputSet(out)).toEqual(f.oldSet);
    expect(readdirSync(join(out, '.runs'))).toEqual(runs);
    expect(existsSync(join(out, '.partner-health.lock'))).toBe(false);
  });
});
