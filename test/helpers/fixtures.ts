// Cached fixtures: built once per test file on first use, never mutated. A test that changes files
// works on its own copy (copyOf), so tests pass in any order.
import { cpSync } from 'node:fs';
import { generateDemo, writeDemoData, type DemoOptions } from '../../pipeline/demo/index.js';
import { cli, type CliResult } from './cli.js';
import { tempDir } from './workspace.js';

/** A function that computes its value on the first call and returns the same promise after. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
}

/** A fresh copy of a fixture directory, for a test that writes into it. */
export function copyOf(dir: string): string {
  const copy = tempDir('ph-copy-');
  // links kept as they are: OUT/<name> → current/<name> → .runs/<id> must stay inside the copy
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

export async function demoData(opts: DemoOptions): Promise<string> {
  const dir = tempDir('ph-data-');
  await writeDemoData(dir, generateDemo(opts));
  return dir;
}

export interface RunFixture { data: string; out: string; result: CliResult }

/** `run` on a demo data set, once; `args` are extra flags. */
export function cachedRun(demo: DemoOptions, args: string[] = []): () => Promise<RunFixture> {
  return once(async () => {
    const data = await demoData(demo);
    const out = tempDir('ph-run-');
    const result = await cli(['run', '--data', data, '--out', out, ...args]);
    if (result.code !== 0) throw new Error(`fixture run failed: ${result.err}`);
    return { data, out, result };
  });
}
