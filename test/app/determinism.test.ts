// Same input → same bytes: two runs, and a run under another machine time zone, give identical outputs
// (with the generated-at time fixed by SOURCE_DATE_EPOCH). Deals are read from Parquet TIMESTAMPTZ columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { cli, runCliProcess } from '../helpers/cli.js';
import { once } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/workspace.js';

const OUTPUTS = ['scores.csv', 'labels.csv', 'backtest.json', 'calibration.json', 'quarterly.html', 'backtest.html', 'calibration.html'];
const EPOCH = '1767225600'; // 2026-01-01T00:00:00Z

async function parquetDeals(dir: string): Promise<void> {
  const ws = await openWorkspace(':memory:');
  // midnight-UTC timestamps: the rows a machine time zone west of UTC used to move one day back
  await ws.exec(
    `COPY (SELECT * REPLACE (registered_on::TIMESTAMPTZ AS registered_on, expected_close_on::TIMESTAMPTZ AS expected_close_on,
                             closed_on::TIMESTAMPTZ AS closed_on)
           FROM read_csv($src, types = {'registered_on': 'DATE', 'expected_close_on': 'DATE', 'closed_on': 'DATE'}))
     TO $dst (FORMAT parquet)`,
    { src: join(dir, 'deals.csv'), dst: join(dir, 'deals.parquet') },
  );
  ws.close();
  rmSync(join(dir, 'deals.csv'));
}

describe('determinism', () => {
  const data = tempDir();
  const runs = [tempDir(), tempDir(), tempDir()];
  const saved = process.env.SOURCE_DATE_EPOCH;

  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    await writeDemoData(data, generateDemo({ seed: 5, partners: 12, months: 18 }));
    await parquetDeals(data);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  const args = (out: string): string[] => ['run', '--data', data, '--out', out, '--bootstrap', '20', '--quiet'];
  // The in-process UTC run both tests compare against, made once by whichever test runs first.
  const utcRun = once(async () => {
    expect((await cli(args(runs[0]!))).code).toBe(0);
    return runs[0]!;
  });
  const bytes = (dir: string): Record<string, string> => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

  it('two runs of the same input write byte-identical outputs', { timeout: 180_000 }, async () => {
    const a = bytes(await utcRun());
    expect((await cli(args(runs[1]!))).code).toBe(0);
    const b = bytes(runs[1]!);
    for (const f of OUTPUTS) expect(b[f], f).toBe(a[f]);
    expect(a['quarterly.html']).toContain('datetime="2026-01-01T00:00:00.000Z"'); // generated-at from SOURCE_DATE_EPOCH
  });

  it('a run under TZ=America/New_York equals the UTC run, Parquet TIMESTAMPTZ dates included', { timeout: 180_000 }, async () => {
    const r = await runCliProcess(args(runs[2]!), { TZ: 'America/New_York', SOURCE_DATE_EPOCH: EPOCH });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const utc = bytes(await utcRun());
    const ny = bytes(runs[2]!);
    for (const f of OUTPUTS) expect(ny[f], f).toBe(utc[f]);
  });
});
