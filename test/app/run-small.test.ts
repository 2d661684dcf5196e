// The run command on a tiny program (8 partners, 18 months): tune reads the model the run scored with,
// outputs an earlier run left behind are swept, and --quiet is quiet. Split from run.test.ts so that two
// test workers share the run tests.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, type CliResult } from '../helpers/cli.js';
import { demoData, once } from '../helpers/fixtures.js';
import { REPO, tempDir } from '../helpers/workspace.js';

const TINY = { seed: 4, partners: 8, months: 18 };

/** One quiet run into a directory that holds outputs of an earlier run and a file of the user's. */
const overStale = once(async (): Promise<{ dir: string; r: CliResult }> => {
  const dir = tempDir();
  writeFileSync(join(dir, 'quarterly.pdf'), 'stale');
  writeFileSync(join(dir, 'si-early-warning.proposed.json'), '{}');
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  const tiny = await demoData(TINY);
  return { dir, r: await cli(['run', '--data', tiny, '--out', dir, '--quiet', '--bootstrap', '20']) };
});

describe('partner-health run on a tiny program', () => {
  it('tune prints current vs proposed weights and the verdict, using the model the run scored with', async () => {
    const data = await demoData(TINY);
    const alt = tempDir();
    const r0 = await cli(['run', '--data', data, '--out', alt, '--model', join(REPO, 'models/alliance-six.json'), '--quiet', '--bootstrap', '20']);
    expect(r0.code).toBe(0);
    const r = await cli(['tune', '--out', alt, '--bootstrap', '20']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Calibration of alliance-six 1.0.0');
    expect(r.out).toMatch(/activity_intensity\s+25%/); // weights printed as everywhere else
    expect(r.out).toMatch(/Verdict: (ADOPT|KEEP|INSUFFICIENT)/);
    const q = await cli(['report', 'calibration', '--out', alt]);
    expect(q.code).toBe(0);
    expect(readFileSync(join(alt, 'calibration.html'), 'utf8')).toContain('alliance-six');
  });

  it('outputs of an earlier run that this run does not produce are removed', async () => {
    const { dir, r } = await overStale();
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'calibration.json'), 'utf8')).verdict).toBe('insufficient');
    expect(existsSync(join(dir, 'quarterly.pdf'))).toBe(false); // no --pdf this time
    expect(existsSync(join(dir, 'si-early-warning.proposed.json'))).toBe(false); // nothing to propose
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine'); // not ours: kept
  });

  it('--quiet prints nothing on success', async () => {
    const { r } = await overStale(); // the same run: sweeping an earlier run's outputs is silent too
    expect(r).toEqual({ code: 0, out: '', err: '' });
  });
});
