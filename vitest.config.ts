import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/helpers/sequencer.js';

// Whether dist/ is built from exactly these sources (build.mjs --check: the content hashes of its stamp,
// as after `npm ci`; scripts/test.mjs passes what it found). Then the tests import the pipeline's
// compiled modules from dist/ and Node loads them itself, instead of Vite transforming every
// pipeline/*.ts for the tests and running it through its module runner, and CLI child processes run the
// installed launcher (helpers/cli.ts). Alternating pairs on a 2-core machine: Vitest alone 104.7 · 106.9
// CPU s instead of 115.4 · 111.6; the whole `npm test` 133.8 · 134.0 instead of 135.0 · 139.8. Otherwise
// (sources edited since the last build) the tests run the sources, so they never run stale code.
const FROM_DIST = process.env.PH_TEST_FROM_DIST
  ?? (spawnSync(process.execPath, ['scripts/build.mjs', '--check'], { cwd: dirname(fileURLToPath(import.meta.url)) }).status === 0 ? '1' : '0');

export default defineConfig({
  // '../../pipeline/x.js' → '../../dist/pipeline/x.js', from any depth under test/
  ...(FROM_DIST === '1' && { resolve: { alias: [{ find: /^((?:\.\.\/)+)pipeline\//, replacement: '$1dist/pipeline/' }] } }),
  test: {
    ...(FROM_DIST === '1' && { server: { deps: { external: [/\/dist\/pipeline\//] } } }),
    include: ['test/**/*.test.ts'],
    // The directory where fixtures several test files use are built once per run (test/helpers/shared.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One DuckDB thread per database (pipeline/workspace/db.ts): the workers each open many databases on
    // tiny data, where DuckDB's thread per core only contends (on a quiet 2-core machine Vitest took 78 s and
    // 139 CPU s instead of 112 s and 191). Results do not depend on it (the demo outputs are byte-identical).
    // CLI processes the tests start inherit it.
    env: { PARTNER_HEALTH_DUCKDB_THREADS: '1', PH_TEST_FROM_DIST: FROM_DIST },
    // One worker per core, at least two: Vitest's default (cores − 1) runs the suite serially on a
    // 2-core machine, while most test time is DuckDB and Chromium work that overlaps well.
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share their worker's module cache (each file used to re-import DuckDB, Vega and the
    // pipeline: a third of the suite's time). Tests share no mutable module state, and shuffling
    // (below) keeps showing it: one that leaks state into another file fails in some order.
    isolate: false,
    // Every run takes a new order of files and of the tests in them (the seed is printed, and
    // `--sequence.seed=N` replays it), so a test that needs another to run first fails early. Files are
    // shuffled within tiers, slowest first, so that the two workers finish together (sequencer.ts).
    sequence: { shuffle: true, sequencer: SlowFirstSequencer },
  },
});
