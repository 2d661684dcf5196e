// kill -9 at commit:before-links: the directory must show the complete old output set, never a mix, and
// the next run must be healthy (see kill-fixture.ts). One commit point per file, so that the test
// workers share them.
import { describe, it } from 'vitest';
import { killAndRecover, useKillFixture } from './kill-fixture.js';

describe('kill -9 during the commit', () => {
  useKillFixture();

  it('kill -9 at commit:before-links leaves the old output set, and the next run is healthy', { timeout: 300_000 }, async () => {
    await killAndRecover('commit:before-links', 'old');
  });
});
