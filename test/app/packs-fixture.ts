// The one `run … --each manager` that packs-cli.test.ts and pack-data-quality.test.ts read: made once per
// test run (shared.ts), never written after (a test that reworks it takes a copy). Its data holds what each
// file is about: one manager's name is hostile text (packs-cli), and two signal rows are bad, set aside
// with --skip-invalid-rows (pack-data-quality).
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { HOSTILE_NAME } from '../fixtures/hostile.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { once } from '../helpers/fixtures.js';
import { sharedDir } from '../helpers/shared.js';

export interface Partner { partner_id: string; name: string; manager: string; region: string }
export interface PacksRun { out: string; partners: Partner[]; run: CliResult }

const DEMO = { seed: 5, partners: 24, months: 24 };
/** Two bad signal rows: an impossible date and a value that is not a number. */
const BAD_SIGNALS = 'P0001,portal_logins,2024-13-01,4,portal\nP0002,portal_logins,2024-07-01,lots,portal\n';
const FLAGS = ['--bootstrap', '20', '--partner-pages', 'watchlist', '--each', 'manager', '--skip-invalid-rows', '--max-invalid-share', '10%'];

export const packsRun = once(async (): Promise<PacksRun> => {
  const dir = await sharedDir(`packs run ${JSON.stringify(DEMO)} hostile manager, bad signals ${FLAGS.join(' ')}`, async (d) => {
    const data = generateDemo(DEMO);
    const first = data.partners[0]!.manager;
    for (const p of data.partners) if (p.manager === first) p.manager = HOSTILE_NAME;
    const partners = data.partners.map((p) => ({ partner_id: p.partner_id, name: p.name, manager: p.manager, region: p.region }));
    await writeDemoData(join(d, 'data'), data);
    appendFileSync(join(d, 'data', 'signals.csv'), BAD_SIGNALS);
    const run = await cli(['run', '--data', join(d, 'data'), '--out', join(d, 'out'), ...FLAGS]);
    writeFileSync(join(d, 'result.json'), JSON.stringify({ partners, run }));
  });
  const { partners, run } = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as Omit<PacksRun, 'out'>;
  return { out: join(dir, 'out'), partners, run };
});
