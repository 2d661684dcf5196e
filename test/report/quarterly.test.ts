// Quarterly health report on a small generated demo: content agrees with the workspace, output is safe
// (hostile names escaped, nothing external) and reproducible, and the options do what they say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { HOSTILE_NAME, withHostileName } from '../fixtures/hostile.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { buildQuarterlyView, renderQuarterlyReport, type QuarterlyData, type QuarterlyView } from '../../pipeline/report/quarterly/index.js';
import { buildQuarterlyData } from '../../pipeline/quarterly-data/index.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';
import { quarterlyData, STAGE } from '../helpers/quarterly.js';
import { nullable, num, text } from '../../pipeline/workspace/rows.js';

const BUILD_TIME = '2026-01-05T09:00:00Z';
let ws: Workspace;
let cutoff: string;
let data: QuarterlyData;
let model: HealthModel;
let view: QuarterlyView;
let html: string;

beforeAll(async () => {
  const dir = tempDir('ph-quarterly-');
  await writeDemoData(dir, withHostileName(generateDemo({ seed: 11, partners: 40, months: 24 })));
  model = await siModel();
  ({ ws, cutoff } = await scoreDir(dir, model));
  data = await quarterlyData(ws, model, cutoff);
  view = buildQuarterlyView(data, { model });
  html = await renderQuarterlyReport(data, { model, buildTime: BUILD_TIME, partnerPages: 'watchlist', maxPartnerPages: 8 });
}, 60_000);

afterAll(() => ws?.close());

/** Markup outside the layout's own readiness script. */
const markup = (s: string) => s.replace(/<script data-readiness>[\s\S]*?<\/script>/, '');

describe('quarter selection', () => {
  it('defaults to the latest complete quarter with a quarter-end snapshot', () => {
    expect(view.quarter).toMatchObject({ id: '2025Q4', end: '2025-12-31', previousEnd: '2025-09-30', label: 'Q4 2025' });
  });

  it('takes an explicit quarter and compares with the one before', async () => {
    const v = buildQuarterlyView(await quarterlyData(ws, model, cutoff, '2024Q2'), { model, partnerPages: 'none' });
    expect(v.quarter).toMatchObject({ id: '2024Q2', start: '2024-04-01', end: '2024-06-30', previousEnd: '2024-03-31' });
    expect(v.partnerPages.pages).toHaveLength(0);
  });

  it('refuses a quarter without a quarter-end snapshot, naming the latest one that works', async () => {
    await expect(buildQuarterlyData(ws, model, { ...STAGE, quarter: '2026Q1' })).rejects.toThrow(/2026Q1.*latest complete quarter is 2025Q4/);
    await expect(buildQuarterlyData(ws, model, { ...STAGE, quarter: 'Q4-25' })).rejects.toThrow(/expected YYYYQn/);
  });

  it('has no previous-quarter comparison for the first quarter of the data', async () => {
    const [first] = await ws.rows({ d: text }, `SELECT min(as_of) AS d FROM snapshots WHERE month(as_of) IN (3, 6, 9, 12)`);
    const q = `${first!.d.slice(0, 4)}Q${Number(first!.d.slice(5, 7)) / 3}`;
    const v = buildQuarterlyView(await quarterlyData(ws, model, cutoff, q), { model, partnerPages: 'none' });
    expect(v.quarter.previousEnd).toBeNull();
    expect(v.summary.bands.every((b) => b.delta === null)).toBe(true);
    expect(v.movers.down).toHaveLength(0);
  });
});

describe('content agrees with the workspace', () => {
  it('executive summary counts equal SQL counts at both quarter ends', async () => {
    for (const [asOf, key] of [['2025-12-31', 'count'], ['2025-09-30', 'previous']] as const) {
      const rows = await ws.rows({ band: text, n: num },
        `SELECT coalesce(band, 'none') AS band, count(*) AS n FROM health WHERE as_of = $d::DATE GROUP BY ALL`, { d: asOf });
      const sql = Object.fromEntries(rows.map((r) => [r.band, r.n]));
      for (const b of view.summary.bands) expect(b[key], `${b.band} at ${asOf}`).toBe(sql[b.band] ?? 0);
    }
    expect(view.summary.partners).toBe(view.summary.bands.reduce((a, b) => a + b.count, 0));
  });

  it('pipeline at risk is the open pipeline of Yellow and Red partners at the quarter end', async () => {
    const [r] = await ws.rows({ amount: num },
      `SELECT coalesce(sum(d.amount), 0) AS amount FROM deals d
       JOIN health h ON h.partner_id = d.partner_id AND h.as_of = DATE '2025-12-31' AND h.band IN ('red', 'yellow')
       WHERE d.registered_on <= DATE '2025-12-31' AND (d.closed_on IS NULL OR d.closed_on > DATE '2025-12-31')`);
    expect(view.summary.pipelineAtRisk).toBeCloseTo(r!.amount, 6);
    expect(view.summary.pipelineAtRisk).toBeLessThanOrEqual(view.summary.openPipeline);
  });

  it('watchlist = Red and Yellow partners at the quarter end, Red first, with their playbook', async () => {
    const rows = await ws.rows({ partner_id: text, band: text, playbook: text },
      `SELECT partner_id, band, playbook FROM health WHERE as_of = DATE '2025-12-31' AND band IN ('red', 'yellow')`);
    const listed = [...view.watchlist.detail, ...view.watchlist.rest];
    expect(listed.map((w) => w.partner_id).sort()).toEqual(rows.map((r) => r.partner_id).sort());
    expect(view.watchlist.red).toBe(rows.filter((r) => r.band === 'red').length);
    const bands = listed.map((w) => w.band);
    expect(bands.lastIndexOf('red')).toBeLessThan(bands.indexOf('yellow') === -1 ? Infinity : bands.indexOf('yellow'));
    for (const w of listed) expect(w.why.length).toBeLessThanOrEqual(3);
    expect(listed.some((w) => w.why.length > 0)).toBe(true);
  });

  it("watchlist 'why' lists only signals below the cohort, strongest pull first, recent change beside", () => {
    for (const w of [...view.watchlist.detail, ...view.watchlist.rest]) {
      const below = data.signals.filter((s) => s.partner_id === w.partner_id && s.level_pull < 0)
        .sort((a, b) => a.level_pull - b.level_pull || a.signal.localeCompare(b.signal)).slice(0, 3);
      expect(w.why.map((r) => r.text)).toEqual(below.map((s) => s.level_text));
      for (const r of w.why) expect(r.pull).toMatch(/^−\d/);
    }
  });

  it('movers are exactly the band changes between the two quarter ends', async () => {
    const [r] = await ws.rows({ n: num },
      `SELECT count(*) AS n FROM health a JOIN health b ON a.partner_id = b.partner_id
       WHERE a.as_of = DATE '2025-09-30' AND b.as_of = DATE '2025-12-31' AND a.band <> b.band`);
    expect(view.movers.down.length + view.movers.up.length).toBe(r!.n);
    for (const m of view.movers.down) expect(['green>yellow', 'yellow>red', 'green>red']).toContain(`${m.from}>${m.to}`);
  });

  it('heatmap puts the watchlist first and caps its rows', async () => {
    const capped = buildQuarterlyView(data, { model, heatmapRows: 5, partnerPages: 'none' });
    expect(capped.heatmap.rows).toHaveLength(5);
    expect(capped.heatmap.note).toMatch(/^Showing 5 of 40 partners/);
    const wl = [...view.watchlist.detail, ...view.watchlist.rest].map((w) => w.partner_id);
    expect(view.heatmap.rows.slice(0, wl.length).map((r) => r.partner_id)).toEqual(wl.slice(0, view.heatmap.rows.length));
  });
});

describe('partner pages option', () => {
  it('watchlist only → one page per watchlist partner', async () => {
    const v = buildQuarterlyView(data, { model, partnerPages: 'watchlist' });
    expect(v.partnerPages.pages).toHaveLength(v.watchlist.total);
    expect(v.partnerPages.omitted).toBe(0);
  });

  it('all by default; the cap limits the pages and says so', () => {
    expect(view.partnerPages.pages).toHaveLength(view.summary.partners);
    const capped = buildQuarterlyView(data, { model, maxPartnerPages: 2 });
    expect(capped.partnerPages.pages).toHaveLength(2);
    expect(capped.partnerPages.description).toMatch(/the first 2 in watchlist order are included, 38 left out/);
  });
});

describe('--segment cuts the whole report', () => {
  it('summary, movers, watchlist, heatmap, band mix and pages hold only the segment\'s partners', async () => {
    const region = data.partners[0]!.region!;
    const rows = await ws.rows({ partner_id: text, band: nullable(text) },
      `SELECT h.partner_id, h.band FROM health h JOIN partners p USING (partner_id) WHERE h.as_of = DATE '2025-12-31' AND p.region = $r`,
      { r: region });
    const ids = new Set(rows.map((r) => r.partner_id));
    expect(ids.size).toBeGreaterThan(0);
    expect(ids.size).toBeLessThan(data.partners.length);
    const seg = buildQuarterlyView(data, { model, segment: { field: 'region', value: region } });
    expect(seg.meta.title).toContain(`Region ${region}`);
    expect(seg.summary.partners).toBe(ids.size);
    expect(seg.summary.bands.find((b) => b.band === 'red')!.count).toBe(rows.filter((r) => r.band === 'red').length);
    const listed = [...seg.watchlist.detail, ...seg.watchlist.rest, ...seg.movers.down, ...seg.movers.up, ...seg.heatmap.rows, ...seg.partnerPages.pages];
    expect(listed.length).toBeGreaterThan(0);
    for (const r of listed) expect(ids.has(r.partner_id)).toBe(true);
    expect(seg.partnerPages.pages).toHaveLength(ids.size);
    const lastMonth = seg.bandMix.rows.filter((r) => r.as_of === '2025-12-31').reduce((a, r) => a + r.count, 0);
    expect(lastMonth).toBe(ids.size);
    expect(seg.partnerPages.description).toContain(`region “${region}”`);
    expect(seg.rollup).toBeNull();
  });

  it('renders one printed page per selected partner, each with its two charts', () => {
    const pages = html.match(/<section class="report-section q-partner-page page-break"/g) ?? [];
    expect(pages).toHaveLength(Math.min(8, view.watchlist.total));
    expect(html.match(/Composite health score, last eight quarters/g)!.length).toBeGreaterThanOrEqual(pages.length);
  });

  it('partner pages carry evidence with raw values, due deals and interventions', () => {
    const withEvidence = view.partnerPages.pages.filter((p) => p.evidence.length > 0);
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const p of view.partnerPages.pages) {
      expect(p.trend.length).toBeLessThanOrEqual(24);
      for (const d of p.dueDeals) expect(d.expected_close_on <= '2026-03-31').toBe(true);
      expect(p.dimensions.map((d) => d.dimension)).toEqual(Object.keys(model.dimensions));
      expect(p.dueDeals.length).toBeLessThanOrEqual(5);
    }
  });

  it('lists the largest five due deals, counts the rest, and totals all of them', async () => {
    const rows = await ws.rows({ partner_id: text, n: num, amount: num },
      `SELECT partner_id, count(*) AS n, sum(amount) AS amount FROM deals
       WHERE registered_on <= $t::DATE AND (closed_on IS NULL OR closed_on > $t::DATE)
         AND expected_close_on <= $t::DATE + INTERVAL 90 DAY GROUP BY partner_id`, { t: view.quarter.end });
    const byPartner = new Map(rows.map((r) => [r.partner_id, r]));
    const busy = view.partnerPages.pages.filter((p) => (byPartner.get(p.partner_id)?.n ?? 0) > 5);
    expect(busy.length).toBeGreaterThan(0);
    for (const p of view.partnerPages.pages) {
      const r = byPartner.get(p.partner_id);
      expect(p.dueDeals.length + p.dueDealsMore).toBe(r?.n ?? 0);
      expect(p.dueAmount).toBeCloseTo(r?.amount ?? 0, 6);
      const amounts = p.dueDeals.map((d) => d.amount);
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    }
  });
});

describe('rendered HTML', () => {
  it('escapes the hostile partner name everywhere and never emits it raw', () => {
    expect(html).toContain('Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Sons&#x27; {{x}}');
    expect(html).not.toContain(HOSTILE_NAME);
    expect(markup(html)).not.toMatch(/<script[\s>]/i);
    expect(html).not.toContain('<script>alert');
  });

  it('references nothing external', () => {
    const body = markup(html);
    expect(body).not.toMatch(/\s(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(body).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(body).not.toMatch(/@import|<link\b|<iframe\b|<img\b[^>]*src=["']?http/i);
  });

  it('is deterministic with a fixed build time', async () => {
    const again = await renderQuarterlyReport(data, { model, buildTime: BUILD_TIME, partnerPages: 'watchlist', maxPartnerPages: 8 });
    expect(again).toBe(html);
  });

  it('gives every chart a title and a text alternative', () => {
    const figures = html.match(/<figure class="chart"[^>]*aria-label="[^"]+"/g) ?? [];
    const svgs = html.match(/<svg role="img" aria-label="[^"]+"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/g) ?? [];
    expect(figures.length).toBeGreaterThanOrEqual(1 + 8);
    expect(svgs.length).toBe(figures.length);
  });

  it('has every section a CRO expects', () => {
    for (const id of ['summary', 'band-mix', 'movers', 'watchlist', 'heatmap', 'interventions', 'partners', 'methodology']) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('Pipeline at risk');
    expect(html).toContain('si-early-warning');
  });
});
