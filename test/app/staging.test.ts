// Staging with a recording Effects: an interrupt removes the half-written run directory and the lock,
// and the staging code itself never exits the process (the CLI's Node effects do that).
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStaging } from '../../pipeline/app/staging.js';
import { recordingEffects } from '../helpers/effects.js';
import { tempDir } from '../helpers/workspace.js';

describe('staging', () => {
  it('an interrupt cleans up the staging directory and the lock', async () => {
    const out = tempDir();
    const fx = recordingEffects();
    const staging = await createStaging(out, fx);
    expect(staging.dir.startsWith(join(out, '.runs') + '/')).toBe(true);
    writeFileSync(staging.path('scores.csv'), 'half');
    expect(existsSync(join(out, '.partner-health.lock'))).toBe(true);
    fx.interrupt();
    expect(existsSync(staging.dir)).toBe(false);
    expect(existsSync(join(out, '.partner-health.lock'))).toBe(false);
    expect(existsSync(join(out, 'scores.csv'))).toBe(false);
  });

  it('a committed staging stops watching for interrupts', async () => {
    const out = tempDir();
    const fx = recordingEffects();
    const staging = await createStaging(out, fx);
    writeFileSync(staging.path('scores.csv'), 'done');
    expect(await staging.commit()).toEqual([join(out, 'scores.csv')]);
    fx.interrupt(); // nothing registered any more: the committed output stays
    expect(readFileSync(join(out, 'scores.csv'), 'utf8')).toBe('done');
    expect(existsSync(staging.dir)).toBe(true); // the committed run directory, OUT/current points at it
  });
});
