// PARTNER_HEALTH_DUCKDB_THREADS: the suite runs with 1 (vitest.config.ts), and every database the program
// opens takes it; a value that is not a positive whole number is refused, naming the variable.
import { describe, expect, it } from 'vitest';
import { duckdbThreads, openWorkspace, THREADS_ENV } from '../../pipeline/workspace/db.js';
import { int } from '../../pipeline/workspace/rows.js';
import { tempDir } from '../helpers/workspace.js';
import { join } from 'node:path';

describe(THREADS_ENV, () => {
  it('is 1 for the test run, and a workspace opened under it has one DuckDB thread (in memory and on file)', async () => {
    expect(process.env[THREADS_ENV]).toBe('1');
    for (const path of [':memory:', join(tempDir(), 'w.duckdb')]) {
      const ws = await openWorkspace(path);
      try {
        const [r] = await ws.rows({ t: int }, `SELECT current_setting('threads')::INTEGER AS t`);
        expect(r!.t).toBe(1);
      } finally {
        ws.close();
      }
    }
  });

  it('reads a positive whole number; unset or empty keeps DuckDB\'s default', () => {
    expect(duckdbThreads({ [THREADS_ENV]: '3' })).toBe('3');
    expect(duckdbThreads({})).toBeUndefined();
    expect(duckdbThreads({ [THREADS_ENV]: '' })).toBeUndefined();
  });

  it('refuses anything else, naming the variable and the value', async () => {
    for (const bad of ['0', '-2', '1.5', 'two', ' 2', '2 ', '0x4', '02']) {
      expect(() => duckdbThreads({ [THREADS_ENV]: bad })).toThrow(`${THREADS_ENV} must be a positive whole number of DuckDB threads, got '${bad}'`);
    }
    // openDatabase reads the variable before its first await: set it just for the call.
    const saved = process.env[THREADS_ENV];
    process.env[THREADS_ENV] = 'many';
    let opening: Promise<unknown>;
    try {
      opening = openWorkspace(':memory:');
    } finally {
      process.env[THREADS_ENV] = saved;
    }
    await expect(opening).rejects.toThrow(`${THREADS_ENV} must be a positive whole number of DuckDB threads, got 'many'`);
  });
});
