// The analyst's notebook: SQL rows, DataFrames and custom pages over a run's workspace.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_NAME } from '../fixtures/hostile.js';
import { openNotebook, type Notebook } from '../../pipeline/notebook/index.js';
import { analystRun } from '../helpers/analyst-run.js';

describe('notebook', () => {
  let out: string; // a copy of the shared analyst run (helpers/analyst-run.ts), its data with the hostile name
  let nb: Notebook;
  beforeAll(async () => {
    out = await analystRun();
    nb = await openNotebook(out);
  });

  const BANDS = `SELECT band, count(*) AS partners, avg(composite) AS health FROM health
                 WHERE as_of = (SELECT max(as_of) FROM health) AND band IS NOT NULL GROUP BY band ORDER BY band`;

  it('returns query results as rows and as a DataFrame with the same values', async () => {
    const rows = await nb.sql<{ band: string; partners: number; health: number }>(BANDS);
    const df = await nb.df(BANDS);
    expect(df.shape).toEqual([rows.length, 3]);
    expect(df.columns).toEqual(['band', 'partners', 'health']);
    expect(df['band'].values).toEqual(rows.map((r) => r.band));
    expect(df['partners'].sum()).toBe(rows.reduce((s, r) => s + r.partners, 0));
    expect(rows.reduce((s, r) => s + r.partners, 0)).toBeGreaterThan(20);
  });

  it('tables show counts without decimals and measures with the decimals they need', async () => {
    const t = await nb.table('SELECT 3 AS n, 2.5::DOUBLE AS x, 1.25::DOUBLE AS y, \'a\' AS s');
    expect(t.columns.map((c) => [c.key, c.format, c.digits])).toEqual([['n', 'num', 0], ['x', 'num', 1], ['y', 'num', 2], ['s', 'text', undefined]]);
  });

  it('binds values as parameters and is read-only', async () => {
    const [p] = await nb.sql<{ name: string }>('SELECT name FROM partners WHERE partner_id = $id', { id: 'P0001' });
    expect(p?.name).toBeTruthy();
    await expect(nb.sql('DELETE FROM partners')).rejects.toThrow(/read-only/i);
    await expect(nb.sql(`COPY (SELECT 1) TO '${join(out, 'x.csv')}'`)).rejects.toThrow(/disabled by configuration/);
    expect(existsSync(join(out, 'x.csv'))).toBe(false);
  });

  it('an empty result is a DataFrame with its columns and no rows', async () => {
    const df = await nb.df('SELECT partner_id, composite FROM health WHERE false');
    expect(df.shape).toEqual([0, 2]);
    expect(df.columns).toEqual(['partner_id', 'composite']);
  });

  it('publishes a custom page in the report style with every value escaped and no external references', async () => {
    const names = await nb.table(`SELECT partner_id, name FROM partners WHERE name LIKE '%script%'`, undefined, 'Partners with markup in their name');
    expect(names.rows.map((r) => r.name)).toEqual([HOSTILE_NAME]);
    const chart = await nb.chart({
      spec: { mark: 'bar', data: { name: 'rows' }, encoding: { x: { field: 'band', type: 'nominal' }, y: { field: 'partners', type: 'quantitative' } } },
      data: { rows: await nb.sql(BANDS) },
      title: 'Partners by band <b>now</b>',
      description: 'Bar chart of partners per band at the latest snapshot.',
    });
    const file = await nb.writePage(join(out, 'custom.html'), {
      title: 'My page <script>x</script>',
      sections: [{ heading: 'Bands', text: ['Counts at the cut-off & "why" <i>it</i> matters.'], chart, table: names }],
      buildTime: '2026-01-01T00:00:00Z',
    });
    const html = readFileSync(file, 'utf8');
    expect(existsSync(file)).toBe(true);
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).toContain('Acme &lt;script&gt;alert(');
    expect(html).toContain('My page &lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('Counts at the cut-off &amp; &quot;why&quot; &lt;i&gt;it&lt;/i&gt; matters.');
    expect(html).toMatch(/<figure[^>]*aria-label="Partners by band &lt;b&gt;now&lt;\/b&gt;/);
    expect(html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org[^"]*"/g, '')).not.toMatch(/https?:\/\//);
    expect(nb.page({ title: 'T', sections: [], buildTime: '2026-01-01T00:00:00Z' })).toBe(nb.page({ title: 'T', sections: [], buildTime: '2026-01-01T00:00:00Z' }));
  });
});
