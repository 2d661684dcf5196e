// The run command end to end: outputs appear together, and a failed run changes nothing. One cached run
// is shared; every test that writes works on its own copy of it. The tiny-program cases: run-small.test.ts.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { cli, type CliResult } from '../helpers/cli.js';
import { cachedRun, copyOf, once } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/workspace.js';

// 12 partners and 18 months instead of 30 and 24: the same outcomes these tests read (calibration
// 'insufficient' either way, a backtest with an interval at 90 and at 60 days), a run of ~1.5 CPU s instead of ~2.2.
const base = cachedRun({ seed: 3, partners: 12, months: 18 }, ['--bootstrap', '20']);
/** A copy of the cached run's output directory, and its (unchanged) data directory. */
async function fresh(): Promise<{ data: string; out: string }> {
  const { data, out } = await base();
  return { data, out: copyOf(out) };
}

/**
 * `backtest` with another horizon, grace and decision settings on a copy of the run, once: one test reads
 * what it printed and wrote, another runs `tune` on a copy of the result. No --bootstrap: the run's 20 stays.
 */
const rebacktested = once(async (): Promise<{ out: string; r: CliResult }> => {
  const { out } = await fresh();
  const r = await cli(['backtest', '--out', out, '--horizon', '60', '--grace', '7', '--miss-cost', '3', '--capacity', '0.05']);
  return { out, r };
});

describe('partner-health run', () => {
  it('writes the contract outputs and prints where they are', async () => {
    const { out, result: r } = await base();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['workspace.duckdb', 'scores.csv', 'labels.csv', 'backtest.json', 'calibration.json', 'quarterly.html', 'backtest.html', 'calibration.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
      expect(r.out).toContain(join(out, f));
    }
    const header = readFileSync(join(out, 'scores.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('partner_id,as_of,engagement,capability,performance,composite,band,coverage,trend,band_reason,name');
    expect(readFileSync(join(out, 'labels.csv'), 'utf8').split('\n')[0]).toBe('partner_id,as_of,due_deals,missed_deals,label');
  });

  it('backtest.json and calibration.json carry the contract keys', async () => {
    const { out } = await base();
    const bt = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8'));
    for (const k of ['auc', 'auc_ci', 'population', 'positives', 'horizon_days', 'grace_days']) expect(bt, k).toHaveProperty(k);
    expect(bt.horizon_days).toBe(90);
    const labels = readFileSync(join(out, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
    expect(bt.population).toBe(labels.length);
    expect(bt.positives).toBe(labels.filter((l) => l.endsWith(',1')).length);
    const cal = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8'));
    for (const k of ['current_weights', 'proposed_weights', 'weight_ci', 'oot_auc_current', 'oot_auc_proposed', 'delta_auc_ci', 'verdict', 'reason']) {
      expect(cal, k).toHaveProperty(k);
    }
    expect(['adopt', 'keep', 'insufficient']).toContain(cal.verdict);
  });

  it('backtest re-runs with another horizon and cutoff rules, printing a summary', async () => {
    const { out, r } = await rebacktested();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/horizon 60 d, grace 7 d/);
    expect(r.out).toMatch(/AUC \d\.\d{3} \[/);
    expect(JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8')).horizon_days).toBe(60);
    expect(readdirSync(out).filter((f) => f.startsWith('.staging'))).toEqual([]);
    // every output that depends on the labels now speaks of the same horizon
    expect(JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8')).horizon_days).toBe(60);
    expect(readFileSync(join(out, 'backtest.html'), 'utf8')).toMatch(/due within 60\s+days/);
    // partner pages read the horizon too, not a hard-coded 90
    const quarterly = readFileSync(join(out, 'quarterly.html'), 'utf8');
    expect(quarterly).toMatch(/expected to close within 60 days/);
    expect(quarterly).not.toMatch(/within 90 days|next 90 days/);
    const labelled = readFileSync(join(out, 'labels.csv'), 'utf8').trim().split('\n').length - 1;
    expect(labelled).toBe(JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8')).population);
  });

  it('a later command keeps the settings it is not told to change (horizon, grace, bootstrap)', async () => {
    const backtested = await rebacktested();
    expect(backtested.r.code, backtested.r.err).toBe(0);
    const out = copyOf(backtested.out);
    const r = await cli(['tune', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const bt = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8'));
    const cal = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8'));
    expect([bt.horizon_days, bt.grace_days, bt.bootstrap.resamples]).toEqual([60, 7, 20]); // 60 and 7 from the backtest, 20 from the run
    expect([cal.horizon_days, cal.grace_days]).toEqual([60, 7]);
    // one set of decision settings: backtest and calibration read the same --miss-cost and --capacity
    expect([bt.thresholds.cost_weighted.cost_missed_warning, bt.thresholds.capacity.share]).toEqual([3, 0.05]);
    expect(cal.decision).toEqual({ miss_cost: 3, capacity: 0.05 });
  });

  it('report re-renders from the run without touching its workspace', async () => {
    const { out } = await fresh();
    const ws = join(out, 'workspace.duckdb');
    const before = statSync(ws).mtimeMs;
    const r = await cli(['report', 'backtest', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(join(out, 'backtest.html'));
    expect(statSync(ws).mtimeMs).toBe(before);
  });

  it('one command at a time per output directory; a lock left by a dead process is taken over', async () => {
    const { out } = await fresh();
    const lock = join(out, '.partner-health.lock');
    writeFileSync(lock, `${hostname()} ${process.pid}`); // held by a live process (this one)
    const busy = await cli(['report', 'calibration', '--out', out]);
    expect(busy.code).toBe(1);
    expect(busy.err).toContain(`another partner-health command (pid ${process.pid}`);
    writeFileSync(lock, `${hostname()} 999999999`); // a pid that cannot be running
    const r = await cli(['report', 'calibration', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('a workspace from elsewhere gets a clear message', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'workspace.duckdb'), 'not a database');
    const r = await cli(['backtest', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not a partner-health workspace');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('a refused run leaves the previous outputs untouched and no staging files', async () => {
    const { data: shared, out } = await fresh();
    const data = copyOf(shared);
    const outputs = (): Record<string, number> =>
      Object.fromEntries(readdirSync(out).filter((f) => !f.startsWith('.')).map((f) => [f, statSync(join(out, f)).mtimeMs]));
    const runs = readdirSync(join(out, '.runs'));
    const before = outputs();
    writeFileSync(join(data, 'deals.csv'), readFileSync(join(data, 'deals.csv'), 'utf8') + 'BAD1,P0001,2024-13-45,2024-02-01,open,10,,\n');
    const r = await cli(['run', '--data', data, '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/deals\.csv, line \d+, column registered_on: expected a date/);
    expect(r.out).toBe('');
    const after = outputs();
    expect(after).toEqual(before);
    expect(readdirSync(join(out, '.runs'))).toEqual(runs); // the failed run's directory is gone
  });

  it('rejects bad arguments with a clear message and a non-zero exit code', async () => {
    const { data, out } = await fresh();
    const r = await cli(['run', '--data', data, '--out', out, '--cutoff', '2024-02-30']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("expected a date as YYYY-MM-DD, got '2024-02-30'");
    const m = await cli(['run', '--data', join(data, 'nope'), '--out', out]);
    expect(m.code).toBe(1);
    expect(m.err).toContain('data directory not found');
  });
});
