// The output set's commit (pipeline/app/output-set.ts) on plain files: links, carried files, what a
// killed commit leaves and how the next command tidies it, and adoption of the older plain-file layout.
import { describe, expect, it } from 'vitest';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitRun, CURRENT, currentRunDir, RUNS_DIR, tidy } from '../../pipeline/app/output-set.js';
import { tempDir } from '../helpers/workspace.js';

function newRun(out: string, id: string, files: Record<string, string>): string {
  const dir = join(out, RUNS_DIR, id);
  mkdirSync(dir, { recursive: true });
  for (const [n, text] of Object.entries(files)) writeFileSync(join(dir, n), text);
  return dir;
}

const read = (out: string, n: string): string => readFileSync(join(out, n), 'utf8');

describe('output set commit', () => {
  it('switches OUT/current to the new run; every output is a link through it', async () => {
    const out = tempDir();
    const r1 = newRun(out, 'r1', { 'scores.csv': 's1', 'backtest.json': 'b1', 'quarterly.pdf': 'p1' });
    expect(await commitRun(out, r1, [])).toEqual(['backtest.json', 'quarterly.pdf', 'scores.csv'].map((n) => join(out, n)));
    expect(readlinkSync(join(out, CURRENT))).toBe(join(RUNS_DIR, 'r1'));
    expect(readlinkSync(join(out, 'scores.csv'))).toBe(join(CURRENT, 'scores.csv'));
    expect(read(out, 'backtest.json')).toBe('b1');

    // the next command rewrote backtest.json, invalidated the PDF, and did not touch scores.csv
    const r2 = newRun(out, 'r2', { 'backtest.json': 'b2' });
    await commitRun(out, r2, ['*.pdf']);
    expect(currentRunDir(out)).toBe(r2);
    expect([read(out, 'backtest.json'), read(out, 'scores.csv')]).toEqual(['b2', 's1']);
    expect(existsSync(join(out, 'quarterly.pdf'))).toBe(false);
    expect(() => lstatSync(join(out, 'quarterly.pdf'))).toThrow(); // its link is gone too
    expect(readdirSync(join(out, RUNS_DIR))).toEqual(['r2']); // the replaced run is removed
  });

  it('refuses a run whose workspace log was not checkpointed, keeping the previous set', async () => {
    const out = tempDir();
    await commitRun(out, newRun(out, 'r1', { 'workspace.duckdb': 'w1' }), []);
    const r2 = newRun(out, 'r2', { 'workspace.duckdb': 'w2', 'workspace.duckdb.wal': 'log' });
    await expect(commitRun(out, r2, [])).rejects.toThrow(`cannot write ${join(out, 'workspace.duckdb')}: its write-ahead log was not checkpointed`);
    expect(read(out, 'workspace.duckdb')).toBe('w1');
    expect(existsSync(r2)).toBe(false);
  });

  it('tidy sweeps what a killed commit left: its run directory, temporary links, links the current run lacks', async () => {
    const out = tempDir();
    await commitRun(out, newRun(out, 'r1', { 'scores.csv': 's1' }), []);
    newRun(out, 'dead', { 'scores.csv': 'half' });
    symlinkSync(join(CURRENT, 'labels.csv'), join(out, 'labels.csv')); // made before a switch that never came
    symlinkSync(join(RUNS_DIR, 'dead'), join(out, `.${CURRENT}.123.link`));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await tidy(out);
    expect(readdirSync(out).sort()).toEqual(['.runs', 'current', 'notes.txt', 'scores.csv']);
    expect(readdirSync(join(out, RUNS_DIR))).toEqual(['r1']);
    expect(read(out, 'scores.csv')).toBe('s1');
  });

  it('adopts a directory of the older layout (plain files) without losing or mixing anything', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'scores.csv'), 'old scores');
    writeFileSync(join(out, 'quarterly.pdf'), 'old pdf');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await commitRun(out, newRun(out, 'r1', { 'backtest.json': 'b1' }), ['*.pdf']);
    expect(lstatSync(join(out, 'scores.csv')).isSymbolicLink()).toBe(true);
    expect(read(out, 'scores.csv')).toBe('old scores'); // carried into the new run
    expect(existsSync(join(out, 'quarterly.pdf'))).toBe(false); // invalidated by this command
    expect(read(out, 'notes.txt')).toBe('mine'); // not an output: left alone
    expect(readdirSync(join(out, RUNS_DIR))).toEqual(['r1']);
  });
});
