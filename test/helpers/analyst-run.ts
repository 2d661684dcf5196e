// One `run` that the analyst-facing tests read (notebook.test.ts, notebook-file.test.ts, export.test.ts):
// made once per vitest run (shared.ts), each file working on its own copy. Its data holds the hostile
// partner name (the notebook's escaping) and two formula payloads (export's neutralising), so that each
// file still meets the text it is about.
import { join } from 'node:path';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { AT_FORMULA, FORMULA, HOSTILE_NAME, withHostileName } from '../fixtures/hostile.js';
import { cli } from './cli.js';
import { copyOf, once } from './fixtures.js';
import { sharedDir } from './shared.js';

export const ANALYST_DEMO = { seed: 42, partners: 40, months: 24 };
/** The partners named FORMULA and AT_FORMULA (the hostile name is on P0001, this seed's first decliner). */
export const FORMULA_IDS = ['P0002', 'P0003'] as const;
const FLAGS = ['--quiet', '--bootstrap', '10', '--partner-pages', 'none'];

const shared = once(() => sharedDir(`analyst run ${JSON.stringify(ANALYST_DEMO)} hostile+formula names ${FLAGS.join(' ')}`, async (dir) => {
  const demo = withHostileName(generateDemo(ANALYST_DEMO));
  FORMULA_IDS.forEach((id, i) => {
    const p = demo.partners.find((x) => x.partner_id === id);
    if (!p || p.name === HOSTILE_NAME) throw new Error(`analyst run: ${id} cannot take a formula name`);
    p.name = [FORMULA, AT_FORMULA][i]!;
  });
  const data = join(dir, 'data');
  await writeDemoData(data, demo);
  const r = await cli(['run', '--data', data, '--out', join(dir, 'out'), ...FLAGS]);
  if (r.code !== 0) throw new Error(`analyst run failed: ${r.err}`);
}));

/** A fresh copy of the run's output directory (workspace and reports), the caller's to write into. */
export async function analystRun(): Promise<string> {
  return copyOf(join(await shared(), 'out'));
}
