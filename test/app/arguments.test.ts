// Issue 9's run-level cases: arguments that cannot give a meaningful run are refused before anything is
// written, and what a run cannot say (an interval from one partner, a segment with no partner) is said.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { partnerBootstrap } from '../../pipeline/backtest/resample.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/workspace.js';

describe('run: arguments and what cannot be computed', () => {
  const data = tempDir();
  const out = tempDir();
  const run = (...args: string[]) => cli(['run', '--data', data, '--bootstrap', '20', '--quiet', ...args]);
  // one complete run, shared read-only: tests that change its files work on a copy
  let segmentRun: CliResult;

  beforeAll(async () => {
    await writeDemoData(data, generateDemo({ seed: 9, partners: 10, months: 15 })); // data from 2024-10 to 2025-12
    segmentRun = await cli(['run', '--data', data, '--out', out, '--bootstrap', '20', '--segment', 'region=Mars']);
  });

  it('a cutoff before the first month end with data is refused in words, not a Binder Error', async () => {
    for (const cutoff of ['2000-01-01', '2024-10-15']) {
      const dir = tempDir();
      const r = await run('--out', dir, '--cutoff', cutoff);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`--cutoff ${cutoff} is before the first complete month of data`);
      expect(r.err).toContain('the first one with data is 2024-10-31');
      expect(r.err).not.toMatch(/Binder Error|SELECT/);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('a cutoff in the future is refused', async () => {
    const r = await run('--out', tempDir(), '--cutoff', '2999-01-01');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--cutoff 2999-01-01 is in the future \(today is \d{4}-\d{2}-\d{2}\)/);
  });

  it('--horizon 0 and an absurd --grace are refused', async () => {
    const h = await run('--out', tempDir(), '--horizon', '0');
    expect(h.code).not.toBe(0);
    expect(h.err).toContain("expected the horizon as whole days from 1 to 1095, got '0'");
    const g = await run('--out', tempDir(), '--grace', '100000');
    expect(g.code).not.toBe(0);
    expect(g.err).toContain("expected the grace period as whole days from 0 to 365, got '100000'");
  });

  it('a horizon that censors every snapshot is refused instead of writing an empty backtest', async () => {
    const r = await run('--out', tempDir(), '--horizon', '1095');
    expect(r.code).toBe(1);
    expect(r.err).toContain('every snapshot is censored');
  });

  it('--out that is a file, and a missing data directory, are refused without creating anything', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    const f = await run('--out', file);
    expect(f.code).toBe(1);
    expect(f.err).toContain(`--out ${file} is a file, not a directory`);
    const missing = join(tempDir(), 'new-out');
    const m = await cli(['run', '--data', join(data, 'nope'), '--out', missing, '--quiet']);
    expect(m.code).toBe(1);
    expect(m.err).toContain('data directory not found');
    expect(existsSync(missing)).toBe(false);
  });

  it('--segment matching no partner is warned about', async () => {
    expect(segmentRun.code, segmentRun.err).toBe(0);
    expect(segmentRun.err).toContain("warning: --segment region=Mars matches no partner (region values: ");
  });

  it('a damaged backtest.json or calibration.json is named, not a TypeError', async () => {
    const copy = tempDir();
    cpSync(out, copy, { recursive: true, verbatimSymlinks: true });
    const good = readFileSync(join(copy, 'backtest.json'), 'utf8');
    for (const bad of ['{"auc":"x"}', good.slice(0, 200)]) {
      writeFileSync(join(copy, 'backtest.json'), bad);
      const r = await cli(['report', 'backtest', '--out', copy]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${join(copy, 'backtest.json')} is damaged or was edited`);
      expect(r.err).not.toMatch(/TypeError|position \d+/);
    }
  });

  it('one partner gives no bootstrap interval, and the run says so', async () => {
    expect(partnerBootstrap([7, 7, 7, 7], { mean: { byResamples: ({ B }) => new Float64Array(B).fill(4) } }, 50, 1, 0.95).cis.mean).toBeNull();
    const one = tempDir();
    for (const f of ['partners.csv', 'signals.csv', 'deals.csv', 'interventions.csv']) {
      const [header, ...rows] = readFileSync(join(data, f), 'utf8').trim().split('\n');
      writeFileSync(join(one, f), [header, ...rows.filter((l) => l.includes('P0003,'))].join('\n') + '\n');
    }
    const r = await cli(['run', '--data', one, '--out', tempDir(), '--bootstrap', '20']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(no interval: one partner)');
    expect(r.out).not.toContain('95% CI');
  });
});
