import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Every run takes a new order of files and of the tests in them (the seed is printed, and
    // `--sequence.seed=N` replays it), so a test that needs another to run first fails early.
    sequence: { shuffle: true },
  },
});
