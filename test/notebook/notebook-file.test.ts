// Notebook files end to end: Markdown → SQL cells → table, chart and prose → HTML (and PDF), against a small
// demo run; the shipped example notebooks render on it and the quarterly report links them.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../pipeline/cli/main.js';
import { openNotebook, type Notebook } from '../../pipeline/notebook/index.js';
import { notebookLinks, renderShippedNotebooks, shippedNotebooks } from '../../pipeline/app/notebooks.js';
import { escapeHtml, fmtNum } from '../../pipeline/render/index.js';
import { REPO, tempDir } from '../helpers/workspace.js';
import { analystRun } from '../helpers/analyst-run.js';

const FIXTURES = join(REPO, 'test/notebook/fixtures');
const BUILD = '2026-01-01T00:00:00Z';

/** The text of every <td> of the table whose caption is `caption`, row by row. */
function tableCells(html: string, caption: string): string[][] {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  expect(start).toBeGreaterThan(0);
  const body = html.slice(start, html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((r) => [...r[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()));
}

describe('notebook files', () => {
  let run: string; // a copy of the shared analyst run (helpers/analyst-run.ts: seed 42, 40 partners, 24 months)
  let nb: Notebook;
  beforeAll(async () => {
    run = await analystRun();
    nb = await openNotebook(run);
  });

  const LATEST = `SELECT p.name, h.composite FROM health h JOIN partners p USING (partner_id)
                  WHERE h.as_of = (SELECT max(as_of) FROM health) AND h.band = $band ORDER BY h.composite, h.partner_id`;

  it('renders SQL → table → chart → HTML with the values direct SQL gives', async () => {
    const out = tempDir();
    expect(await main(['node', 'partner-health', 'notebook', join(FIXTURES, 'bands.md'), '--workspace', run, '--out', out, '--param', 'band=yellow', '--quiet'])).toBe(0);
    const html = readFileSync(join(out, 'bands.html'), 'utf8');
    const direct = await nb.sql<{ name: string; composite: number }>(LATEST, { band: 'yellow' });
    expect(direct.length).toBeGreaterThan(5);
    // table: limit=5, formats from the cell body, caption through Handlebars
    expect(tableCells(html, 'Weakest in yellow')).toEqual(direct.slice(0, 5).map((r) => [escapeHtml(r.name), fmtNum(r.composite, 1), 'Yellow']));
    expect(html).toContain(`First 5 of ${direct.length} rows.`);
    // a later cell queried the earlier result by name
    const managers = await nb.sql<{ manager: string; partners: number; health: number }>(
      `SELECT manager, count(*) AS partners, avg(composite) AS health FROM (${LATEST.replace('p.name, h.composite', 'p.manager, h.composite')}) GROUP BY 1 ORDER BY 1`, { band: 'yellow' });
    const lastTable = html.slice(html.lastIndexOf('<table'));
    const rows = [...lastTable.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((r) => [...r[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!));
    expect(rows).toEqual(managers.map((m) => [m.manager, fmtNum(m.partners), fmtNum(m.health, 2)]));
    // chart: inline SVG with its text alternative, one bar per manager
    expect(html).toMatch(/<figure class="chart" role="figure" aria-label="Partners by manager"><svg role="img" aria-label="Partners by manager — Bar chart of how many/);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('class="mark-rect');
    for (const m of managers) expect(svg).toContain(`>${escapeHtml(m.manager)}</text>`);
    // prose: values and params escaped, raw HTML shown as text, Markdown rendered
    expect(html).toContain(`There are ${direct.length} partners in band yellow; the weakest is ${escapeHtml(direct[0]!.name)}. DuckDB received yellow as the band.`);
    expect(html).toContain('Raw &lt;script&gt;alert(1)&lt;/script&gt; HTML is shown as text, and <strong>Markdown</strong> works.');
    expect(html).not.toMatch(/<script>alert/);
    expect(html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org[^"]*"/g, '')).not.toMatch(/https?:\/\//);
    // same input, same bytes
    const twice = async () => (await nb.render(join(FIXTURES, 'bands.md'), { buildTime: BUILD }))[0]!.html;
    expect(await twice()).toBe(await twice());
  });

  it('binds --param values: SQL injection attempts are inert', async () => {
    for (const payload of [`x' OR 1=1 --`, `'; DROP TABLE health; --`]) {
      const [page] = await nb.render(join(FIXTURES, 'bands.md'), { params: { band: payload }, buildTime: BUILD });
      expect(tableCells(page!.html, `Weakest in ${escapeHtml(payload)}`)).toEqual([['No rows.']]);
      expect(page!.html).toContain(`There are 0 partners in band ${escapeHtml(payload)}`);
      expect(page!.html).toContain(`DuckDB received ${escapeHtml(payload)} as the band.`); // one value, intact
    }
    // the payload reached DuckDB as one value, and health is still there
    const [page] = await nb.render(join(FIXTURES, 'bands.md'), { params: { band: `'; DROP TABLE health; --` }, buildTime: BUILD });
    expect(page!.html).toContain('There are 0 partners');
    expect((await nb.sql<{ n: number }>('SELECT count(*) AS n FROM health'))[0]!.n).toBeGreaterThan(100);
  });

  it('a failing cell names file, cell and line, and writes nothing', async () => {
    const out = join(tempDir(), 'pages');
    const file = join(FIXTURES, 'broken.md');
    await expect(nb.writeNotebooks([join(FIXTURES, 'bands.md'), file], { outDir: out })).rejects.toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:13: sql cell 2 \\(bad\\): Catalog Error: Table with name no_such_table does not exist`),
    );
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(await main(['node', 'partner-health', 'notebook', file, '--workspace', run, '--out', out, '--quiet'])).toBe(1);
    expect(existsSync(join(out, 'broken.html'))).toBe(false);
  });

  it('refuses statements that are not one SELECT, unknown params and unescaped output', async () => {
    const dir = tempDir();
    const nbFile = (name: string, body: string, fm = '') => {
      writeFileSync(join(dir, name), `---\ntitle: T\n${fm}---\n\n${body}\n`);
      return join(dir, name);
    };
    await expect(nb.render(nbFile('del.md', '```sql name=x\nDELETE FROM partners\n```'))).rejects.toThrow(/del\.md:5: sql cell 1 \(x\): only SELECT/);
    await expect(nb.render(nbFile('two.md', '```sql name=x\nSELECT 1; SELECT 2\n```'))).rejects.toThrow(/one SELECT statement, found 2/);
    await expect(nb.render(nbFile('p.md', '```sql name=x\nSELECT $nope\n```'))).rejects.toThrow(/\$nope is not a parameter/);
    await expect(nb.render(nbFile('q.md', 'x', 'params:\n  a: 1\n'), { params: { b: '2' } })).rejects.toThrow(/unknown parameter "b"/);
    await expect(nb.render(nbFile('n.md', 'x', 'params:\n  a: 1\n'), { params: { a: 'one' } })).rejects.toThrow(/expects a number/);
    await expect(nb.render(nbFile('t.md', 'Hi\n\n{{{params}}}'))).rejects.toThrow(/t\.md:7: .*unescaped output is not allowed/);
    await expect(nb.render(nbFile('c.md', '```chart data=y\nmark: bar\n```'))).rejects.toThrow(/c\.md:5: chart cell 1 \(y\): data=y: no earlier sql cell/);
  });

  it('each: writes one page per row, with an index', async () => {
    const out = tempDir();
    expect(await main(['node', 'partner-health', 'notebook', join(FIXTURES, 'per-manager.md'), '--workspace', run, '--out', out, '--quiet'])).toBe(0);
    const managers = await nb.sql<{ manager: string; n: number }>('SELECT manager, count(*) AS n FROM partners WHERE manager IS NOT NULL GROUP BY 1 ORDER BY 1');
    const pages = readdirSync(join(out, 'per-manager')).sort();
    expect(pages.length).toBe(managers.length);
    const index = readFileSync(join(out, 'per-manager.html'), 'utf8');
    for (const m of managers) {
      const slug = m.manager.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      expect(index).toContain(`<a href="per-manager/${slug}.html">${m.manager}</a>`);
      expect(readFileSync(join(out, 'per-manager', `${slug}.html`), 'utf8')).toContain(`${m.manager} has ${m.n} partners.`);
    }
  });

  it('render on a demo run, one manager page per manager, and the quarterly report links them', async () => {
    expect(shippedNotebooks().map((f) => f.slice(REPO.length))).toEqual(['notebooks/engagement-drop.md', 'notebooks/intervention-wave.md', 'notebooks/manager.md']);
    const written = await renderShippedNotebooks(run, { pdf: false, pageFormat: 'A4' });
    const nb = await openNotebook(run);
    const managers = await nb.sql<{ manager: string }>('SELECT DISTINCT manager FROM partners WHERE manager IS NOT NULL');
    nb.close();
    expect(readdirSync(join(run, 'notebooks', 'manager')).length).toBe(managers.length);
    expect(written.length).toBe(3 + managers.length);
    const wave = readFileSync(join(run, 'notebooks', 'intervention-wave.html'), 'utf8');
    expect(wave).toMatch(/The wave had <strong>\d+ interventions<\/strong>/);
    expect(wave).toContain('<figure class="chart"');
    expect(notebookLinks(run).map((l) => l.href)).toEqual(['notebooks/engagement-drop.html', 'notebooks/intervention-wave.html', 'notebooks/manager.html']);
    expect(await main(['node', 'partner-health', 'report', 'quarterly', '--out', run, '--quiet'])).toBe(0);
    const quarterly = readFileSync(join(run, 'quarterly.html'), 'utf8');
    expect(quarterly).toContain('<a href="notebooks/engagement-drop.html">Partners whose engagement fell two quarters running</a>');
    expect(quarterly).toContain('<a href="notebooks/manager.html">Partner health by manager</a>');
  });

  it('the API writes a notebook PDF with the values of its page', async () => {
    const out = tempDir();
    const nb = await openNotebook(run);
    try {
      const files = await nb.writeNotebooks([join(REPO, 'test/notebook/fixtures/bands.md')], { outDir: out, pdf: true });
      expect(files.map((f) => f.slice(out.length))).toEqual(['/bands.html', '/bands.pdf']);
      const [n] = await nb.sql<{ n: number }>(`SELECT count(*) AS n FROM health WHERE as_of = (SELECT max(as_of) FROM health) AND band = 'red'`);
      const text = execFileSync('pdftotext', ['-layout', join(out, 'bands.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(`There are ${n!.n} partners in band red`);
      expect(existsSync(join(out, 'bands.html'))).toBe(true);
    } finally {
      nb.close();
    }
  });
});
