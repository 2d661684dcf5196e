// `--each` through the command line: `run … --each manager` writes one quarterly pack per manager and an
// index whose links all resolve; each pack holds that manager's partners and nobody else's. `report
// quarterly --each region` then reworks the same run into region packs. One manager's name is hostile
// text: file names stay positional and the name is escaped wherever it is printed. The run is shared with
// pack-data-quality.test.ts (packs-fixture.ts), so its data also has two bad signal rows, set aside.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../pipeline/render/index.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { copyOf } from '../helpers/fixtures.js';
import { HOSTILE_NAME } from '../fixtures/hostile.js';
import { packsRun, type Partner } from './packs-fixture.js';

let out: string; // the run's output directory (shared with pack-data-quality.test.ts), never written
let partners: Partner[];
let run: CliResult;

beforeAll(async () => {
  ({ out, partners, run } = await packsRun());
}, 180_000);

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const hrefs = (html: string) => [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1]!);
/** Partner names as the heatmap and tables print them: a whole cell's text. */
const shows = (html: string, p: Partner) => html.includes(`>${escapeHtml(p.name)}<`);

function expectPacks(out: string, field: 'manager' | 'region'): void {
  const values = [...new Set(partners.map((p) => p[field]))].sort((a, b) => a.localeCompare(b));
  const packs = readdirSync(out).filter((f) => new RegExp(`^quarterly-${field}-\\d\\d\\.html$`).test(f)).sort();
  expect(packs).toEqual(values.map((_, i) => `quarterly-${field}-${String(i + 1).padStart(2, '0')}.html`));
  const index = read(out, `quarterly-${field}.html`);
  // every link of the index resolves to a file of the run, and every pack is linked
  for (const h of hrefs(index)) expect(existsSync(join(out, h)), `${field} index links ${h}`).toBe(true);
  for (const p of packs) expect(hrefs(index)).toContain(p);
  expect(hrefs(index)).toContain('quarterly.html');
  const seen = new Set<string>();
  for (const file of packs) {
    const html = read(out, file);
    // a pack names its segment (escaped) and links back to the index
    const value = values.find((v) => html.includes(`${field === 'manager' ? 'Manager' : 'Region'} ${escapeHtml(v)} —`));
    expect(value, `${file} names one ${field}`).toBeDefined();
    expect(hrefs(html)).toContain(`quarterly-${field}.html`);
    const own = partners.filter((p) => p[field] === value);
    const others = partners.filter((p) => p[field] !== value);
    expect(own.filter((p) => !shows(html, p)).map((p) => p.name), `${file}: own partners missing`).toEqual([]);
    expect(others.filter((p) => shows(html, p)).map((p) => p.name), `${file}: other partners shown`).toEqual([]);
    seen.add(value!);
  }
  expect([...seen].sort((a, b) => a.localeCompare(b))).toEqual(values);
}

describe('quarterly packs through the CLI', () => {
  it('run --each manager writes one filtered pack per manager and an index whose links resolve', () => {
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expectPacks(out, 'manager');
    const hostile = readdirSync(out).filter((f) => f.startsWith('quarterly-manager')).map((f) => read(out, f)).join('');
    expect(hostile).not.toContain('<script>alert');
    expect(hostile).toContain(escapeHtml(HOSTILE_NAME));
  });

  it('report quarterly --each region reworks the same run into region packs', async () => {
    const copy = copyOf(out); // the rework replaces the run's pack set: keep the manager packs for the other test
    const r = await cli(['report', 'quarterly', '--out', copy, '--each', 'region', '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectPacks(copy, 'region');
    expect(readdirSync(copy).filter((f) => f.startsWith('quarterly-manager'))).toEqual([]);
  });
});
