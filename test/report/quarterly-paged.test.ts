// readQuarterlyData with `paged`: the page-only tables (dimension history, evidence, due and closed deals)
// are read for the paged partners only, and a report (or a segment pack) made from that data is the same
// document as one made from all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import {
  pagedPartners, readQuarterlyData, renderQuarterlyReport, segmentValues, selectPages, type QuarterlyData,
} from '../../pipeline/report/quarterly/index.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';
import { quarterlyData } from '../helpers/quarterly.js';
import { num, text } from '../../pipeline/workspace/rows.js';

const BUILD_TIME = '2026-01-05T09:00:00Z';
let ws: Workspace;
let model: HealthModel;
let all: QuarterlyData;

beforeAll(async () => {
  const dir = tempDir('ph-quarterly-paged-');
  await writeDemoData(dir, generateDemo({ seed: 5, partners: 24, months: 24 }));
  model = await siModel();
  const scored = await scoreDir(dir, model);
  ws = scored.ws;
  all = await quarterlyData(ws, model, scored.cutoff);
}, 60_000);

afterAll(() => ws?.close());

const ids = (rows: Array<{ partner_id: string }>) => [...new Set(rows.map((r) => r.partner_id))].sort();

describe('paged partners', () => {
  it('are the partners selectPages gives a page, in every segment asked for', () => {
    const o = { partnerPages: 'watchlist' as const, maxPartnerPages: 3 };
    const watch = all.partners.filter((p) => p.band === 'red' || p.band === 'yellow');
    expect(watch.length).toBeGreaterThan(3);
    expect(pagedPartners(all.partners, o, [undefined])).toEqual(watch.slice(0, 3).map((p) => p.partner_id));
    const regions = segmentValues(all.partners, 'region');
    expect(regions.length).toBeGreaterThan(1);
    const inRegion = (r: string) => watch.filter((p) => p.region === r).slice(0, 3).map((p) => p.partner_id);
    expect(pagedPartners(all.partners, o, regions.map((value) => ({ field: 'region', value }))))
      .toEqual(regions.flatMap(inRegion));
    expect(pagedPartners(all.partners, { partnerPages: 'none', maxPartnerPages: 3 }, [undefined])).toEqual([]);
  });

  it('limit the page-only tables to theirs, and every other table is read whole', async () => {
    const wanted = all.partners.slice(2, 6).map((p) => p.partner_id);
    const some = await readQuarterlyData(ws, () => [...wanted, wanted[0]!]);
    const none = await readQuarterlyData(ws, () => []);
    const PAGE_ONLY = ['dimensionHistory', 'evidence', 'dueDeals', 'closedDeals'] as const;
    for (const k of PAGE_ONLY) {
      const theirs = (all[k] as Array<{ partner_id: string }>).filter((r) => wanted.includes(r.partner_id));
      expect(theirs.length, k).toBeGreaterThan(0);
      expect(some[k], k).toEqual(theirs);
      expect(none[k], k).toEqual([]);
    }
    expect(ids(all.dimensionHistory).length).toBe(all.partners.length);
    expect(ids(all.evidence).length).toBe(all.partners.length);
    const rest = (d: QuarterlyData) => ({ ...d, ...Object.fromEntries(PAGE_ONLY.map((k) => [k, []])) });
    expect(rest(some)).toEqual(rest(all));
    expect(rest(none)).toEqual(rest(all));
  });

  it('leave out only the signals nothing shows: neither below the cohort nor chosen as evidence', async () => {
    const [n] = await ws.rows({ all: num, shown: num },
      `SELECT count(*) AS all, count(*) FILTER (WHERE level_pull < 0 OR evidence_text IS NOT NULL) AS shown FROM quarterly_signals`);
    expect(n!.shown).toBeLessThan(n!.all);
    expect(all.signals).toHaveLength(n!.shown);
    expect(all.signals.every((s) => s.level_pull < 0 || s.evidence_text !== null)).toBe(true);
  });

  it('get their evidence in rank order, the signals scoring chose', async () => {
    const [e] = await ws.rows({ n: num }, `SELECT count(*) AS n FROM quarterly_signals WHERE evidence_rank IS NOT NULL`);
    expect(all.evidence).toHaveLength(e!.n);
    const first = all.partners[0]!.partner_id;
    const ranked = await ws.rows({ noun: text }, `SELECT noun FROM quarterly_signals WHERE partner_id = $p AND evidence_rank IS NOT NULL ORDER BY evidence_rank`, { p: first });
    expect(all.evidence.filter((r) => r.partner_id === first).map((r) => r.noun)).toEqual(ranked.map((r) => r.noun));
  });

  it('give the same report and segment pack as all the data', async () => {
    const o = { model, buildTime: BUILD_TIME, partnerPages: 'watchlist' as const, maxPartnerPages: 4 };
    const regions = segmentValues(all.partners, 'region');
    const segments = [undefined, ...regions.map((value) => ({ field: 'region' as const, value }))];
    const some = await readQuarterlyData(ws, (partners) => pagedPartners(partners, o, segments));
    expect(some.dimensionHistory.length).toBeLessThan(all.dimensionHistory.length);
    // the whole program's report and one pack (rendering every pack twice would only repeat it)
    for (const segment of segments.slice(0, 2)) {
      const pages = selectPages(all.partners.filter((p) => !segment || p.region === segment.value), { ...o, segment }).selected;
      expect(pages.length).toBeGreaterThan(0);
      const html = await renderQuarterlyReport(some, { ...o, segment });
      expect(html).toContain('Dimension scores, last eight quarters');
      expect(html).toBe(await renderQuarterlyReport(all, { ...o, segment }));
    }
  }, 60_000);
});
