import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, TABLES, generateDemo, writeDemoData, writeDemoDataStreaming } from '../../pipeline/demo/index.js';
import { HOSTILE_NAME, withHostileName } from '../fixtures/hostile.js';
import { parseCsv } from './parseCsv.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ph-demo-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const OPTS = { seed: 11, partners: 25, months: 15, end: '2025-06-30' };

describe('writers', () => {
  it('in-memory and streaming writers produce byte-identical files', async () => {
    const a = join(root, 'memory');
    const b = join(root, 'stream');
    const countsA = await writeDemoData(a, generateDemo(OPTS));
    let calls = 0;
    const countsB = await writeDemoDataStreaming(b, OPTS, { onPartner: () => calls++ });
    expect(countsB).toEqual(countsA);
    expect(calls).toBe(25);
    for (const t of TABLES) {
      const [x, y] = await Promise.all([readFile(join(a, `${t}.csv`), 'utf8'), readFile(join(b, `${t}.csv`), 'utf8')]);
      expect(y).toBe(x);
    }
    // Atomic writes leave no temporary siblings behind.
    expect((await readdir(a)).sort()).toEqual(['deal_history.csv', 'deals.csv', 'interventions.csv', 'partners.csv', 'signals.csv']);
    expect((await readdir(b)).sort()).toEqual(['deal_history.csv', 'deals.csv', 'interventions.csv', 'partners.csv', 'signals.csv']);
  });

  it('writes contract headers, and the CSV round-trips to the same values', async () => {
    const dir = join(root, 'roundtrip');
    const data = withHostileName(generateDemo(OPTS));
    await writeDemoData(dir, data);
    for (const t of TABLES) {
      const rows = parseCsv(await readFile(join(dir, `${t}.csv`), 'utf8'));
      expect(rows[0]).toEqual([...COLUMNS[t]]);
      expect(rows.length - 1).toBe(data[t].length);
    }
    const partners = parseCsv(await readFile(join(dir, 'partners.csv'), 'utf8'));
    const names = partners.slice(1).map((r) => r[1]);
    expect(names).toContain(HOSTILE_NAME);
    expect(names).toEqual(data.partners.map((p) => p.name));
    const deals = parseCsv(await readFile(join(dir, 'deals.csv'), 'utf8')).slice(1);
    expect(deals.map((r) => Number(r[5]))).toEqual(data.deals.map((d) => d.amount));
    expect(deals.map((r) => r[6])).toEqual(data.deals.map((d) => d.closed_on));
  });

  it('never writes the truth side-channel', async () => {
    const dir = join(root, 'notruth');
    await writeDemoData(dir, generateDemo(OPTS));
    for (const t of TABLES) {
      const text = await readFile(join(dir, `${t}.csv`), 'utf8');
      expect(text).not.toMatch(/archetype|decliner|recoverer/);
    }
  });

  it('rejects invalid options before touching the filesystem', async () => {
    const dir = join(root, 'bad');
    await expect(writeDemoDataStreaming(dir, { end: '2025-06-15' })).rejects.toThrow(/month-end/);
    await expect(readdir(dir)).rejects.toThrow();
  });
});
