// kill -9 at each step of the commit: the directory must show either the complete previous output set
// or the complete new one, never a mix, and the next run must be healthy (see kill-fixture.ts).
import { describe, it } from 'vitest';
import { killAndRecover, useKillFixture } from './kill-fixture.js';

describe('kill -9 during the commit', () => {
  useKillFixture();

  const points: [string, 'old' | 'new'][] = [
    ['commit:before-links', 'old'],
    ['commit:before-switch', 'old'],
    ['commit:after-switch', 'new'],
  ];
  for (const [point, expected] of points) {
    it(`kill -9 at ${point} leaves the ${expected} output set, and the next run is healthy`, { timeout: 300_000 }, async () => {
      await killAndRecover(point, expected);
    });
  }
});
