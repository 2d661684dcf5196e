// Page one of the quarterly report: the backtest's proof in one sentence, the band-separation warning,
// the expected amount at risk with its partner-bootstrap interval, the roll-up, packs and partner history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import type { HealthModel } from '../../pipeline/model/types.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { runBacktest, type BacktestResult } from '../../pipeline/backtest/index.js';
import {
  buildQuarterlyView, packEntries, renderPacksIndex, type QuarterlyData, type QuarterlyView,
} from '../../pipeline/report/quarterly/index.js';
import { bandSeparationFlags, MIN_BAND_RATE_RATIO } from '../../pipeline/report/quarterly/proof.js';
import { plattFit } from '../../pipeline/stats/index.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';
import { quarterlyData, STAGE } from '../helpers/quarterly.js';
import { num } from '../../pipeline/workspace/rows.js';

let ws: Workspace;
let model: HealthModel;
let data: QuarterlyData;
let backtest: BacktestResult;
let view: QuarterlyView;

beforeAll(async () => {
  const dir = tempDir('ph-proof-');
  await writeDemoData(dir, generateDemo({ seed: 5, partners: 60, months: 30 }));
  model = await siModel();
  const scored = await scoreDir(dir, model);
  ws = scored.ws;
  data = await quarterlyData(ws, model, scored.cutoff);
  backtest = await runBacktest(ws, { ...STAGE, cutoff: scored.cutoff, bootstrap: 50 });
  view = buildQuarterlyView(data, { model, backtest, seed: STAGE.seed });
}, 120_000);

afterAll(() => ws?.close());

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('the proof on page one', () => {
  it("states the backtest's Red and Green miss rates with intervals and the AUC with its interval", () => {
    const red = backtest.bands.rows.find((r) => r.band === 'red')!;
    const green = backtest.bands.rows.find((r) => r.band === 'green')!;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const s = view.proof!.sentence;
    expect(s).toContain(`Red partners were followed by a missed deal in ${pct(red.rate!)} (95% CI ${pct(red.ci_jeffreys![0])}–${pct(red.ci_jeffreys![1])})`);
    expect(s).toContain(`Green partners in ${pct(green.rate!)}`);
    expect(s).toContain(`AUC ${backtest.auc!.toFixed(3)} (95% CI ${backtest.auc_ci![0].toFixed(3)}–${backtest.auc_ci![1].toFixed(3)}`);
    expect(view.proof!.scope).toContain(`${backtest.population.toLocaleString('en-US')} partner-months with a due deal`);
  });

  it("says whether the score beats the backtest's naive challenger, in the backtest's own words", () => {
    const c = backtest.challenger;
    expect(c.auc).not.toBeNull();
    expect(view.proof!.sentence.endsWith(` ${c.sentence}`)).toBe(true);
    const word = c.delta_ci![0] > 0 ? 'beats' : c.delta_ci![1] < 0 ? 'ranks worse than' : 'does not clearly beat';
    expect(view.proof!.sentence).toContain(`The health score ${word} the naive challenger`);
  });

  it('flags a band not separated from its neighbour, and only then', () => {
    const rows = backtest.bands.rows;
    const total = rows.reduce((a, r) => a + r.n, 0);
    const yellow = { ...rows.find((r) => r.band === 'yellow')!, n: Math.round(total * 0.52), rate: 0.29, ci_jeffreys: [0.27, 0.31] as [number, number] };
    const green = { ...rows.find((r) => r.band === 'green')!, rate: 0.24, ci_jeffreys: [0.22, 0.26] as [number, number] };
    const red = { ...rows.find((r) => r.band === 'red')!, rate: 0.81, ci_jeffreys: [0.76, 0.86] as [number, number] };
    const flags = bandSeparationFlags({ ...backtest, bands: { ...backtest.bands, base_rate: 0.31, rows: [green, yellow, red] } });
    // 29% vs 24%: intervals apart, but the ratio 1.21 is below MIN_BAND_RATE_RATIO.
    expect(0.29 / 0.24).toBeLessThan(MIN_BAND_RATE_RATIO);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatch(/^Yellow is not clearly separated from Green: 29% vs 24% of partner-months .* and sits below the 31% average/);
    const apart = bandSeparationFlags({ ...backtest, bands: { ...backtest.bands, rows: [green, { ...yellow, rate: 0.45, ci_jeffreys: [0.42, 0.48] }, red] } });
    expect(apart).toEqual([]);
  });
});

describe('expected amount at risk', () => {
  it('is open pipeline × calibrated P(deal missed) at each partner\'s score, inside its bootstrap interval', () => {
    const full = data.riskCalibration.find((d) => d.draw === 0)!;
    expect(full).toBeDefined();
    expect(data.riskCalibration.length).toBeGreaterThan(40);
    const expected = data.partners.reduce((a, p) => a + (p.composite === null ? 0 : p.open_pipeline * sigmoid(full.a + full.b * (100 - p.composite))), 0);
    const e = view.summary.expectedAtRisk;
    expect(e.amount).toBeCloseTo(expected, 1); // to the cent
    expect(e.ci![0]).toBeLessThanOrEqual(e.amount!);
    expect(e.ci![1]).toBeGreaterThanOrEqual(e.amount!);
    expect(e.amount!).toBeLessThan(view.summary.openPipeline);
    // a riskier score means a higher chance of a miss
    expect(full.b).toBeGreaterThan(0);
    expect(view.summary.kpis.map((k) => k.label)).toEqual(['Red', 'Yellow', 'Green', 'Pipeline at risk', 'Expected at risk']);
  });

  it('is calibrated only on deals settled by the quarter end (point in time)', async () => {
    const end = '2024-12-31';
    const rows = await ws.rows({ risk: num, missed: num },
      `SELECT risk, (miss_reason IS NOT NULL)::INTEGER AS missed FROM label_deals
       WHERE as_of + to_days($d::INTEGER) <= $t::DATE ORDER BY partner_id, as_of, deal_id`,
      { d: STAGE.horizonDays + STAGE.graceDays, t: end });
    const [all] = await ws.rows({ n: num }, `SELECT count(*) AS n FROM label_deals`);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.length).toBeLessThan(all!.n); // later deals exist and are left out
    const fit = plattFit(rows.map((r) => r.risk), rows.map((r) => r.missed));
    const early = await quarterlyData(ws, model, backtest.cutoff, '2024Q4');
    expect(early.quarter.end).toBe(end);
    expect(early.riskCalibration[0]!.a).toBeCloseTo(fit.a, 9);
    expect(early.riskCalibration[0]!.b).toBeCloseTo(fit.b, 9);
    // the same quarter again gives the same tables (same seed, same bytes)
    const again = await quarterlyData(ws, model, backtest.cutoff);
    expect(again.riskCalibration).toEqual(data.riskCalibration);
  });
});

describe('roll-up and packs', () => {
  it('rolls the program up by manager, region and tier; every table sums to the program', () => {
    const tables = view.rollup!.tables;
    expect(tables.map((t) => t.field)).toEqual(['manager', 'region', 'tier']);
    for (const t of tables) {
      const sum = (k: 'partners' | 'red' | 'pipelineAtRisk') => t.rows.reduce((a, r) => a + r[k], 0);
      expect(sum('partners')).toBe(data.partners.length);
      expect(sum('red')).toBe(data.partners.filter((p) => p.band === 'red').length);
      expect(sum('pipelineAtRisk')).toBeCloseTo(view.summary.pipelineAtRisk, 6);
      // partners' amounts are rounded to the cent, so the sum may differ by a few cents
      expect(Math.abs(t.total.expectedAtRisk! - view.summary.expectedAtRisk.amount!)).toBeLessThan(0.01 * data.partners.length);
    }
  });

  it('one pack per manager, each the whole report cut to that manager, listed on an index page', () => {
    const packs = packEntries(data, 'manager', true);
    const managers = [...new Set(data.partners.map((p) => p.manager))].sort();
    expect(packs.map((p) => p.value)).toEqual(managers);
    expect(packs.map((p) => p.href)).toEqual(managers.map((_, i) => `quarterly-manager-${String(i + 1).padStart(2, '0')}.html`));
    expect(packs.reduce((a, p) => a + p.partners, 0)).toBe(data.partners.length);
    const first = buildQuarterlyView(data, { model, segment: { field: 'manager', value: packs[0]!.value } });
    expect(first.summary.partners).toBe(packs[0]!.partners);
    expect(first.watchlist.red).toBe(packs[0]!.red);
    const html = renderPacksIndex(data, 'manager', packs, { model: 'm', buildTime: '2026-01-01T00:00:00Z' });
    for (const p of packs) expect(html).toContain(`href="${p.href}"`);
  });
});

describe('partner pages with history', () => {
  it('dimension trend lines, recent missed and won deals, settings-driven wording', () => {
    const pages = view.partnerPages.pages;
    const withTrend = pages.filter((p) => p.dimensionTrend.length > 0);
    expect(withTrend.length).toBe(pages.length);
    for (const p of pages) {
      const dims = new Set(p.dimensionTrend.map((d) => d.dimension));
      expect([...dims].every((d) => Object.values(model.dimensions).some((m) => m.label === d))).toBe(true);
      expect(p.dimensionTrend.every((d) => d.as_of <= data.quarter.end)).toBe(true);
      const closed = data.closedDeals.filter((d) => d.partner_id === p.partner_id);
      expect(p.recentMissed + p.recentWon).toBe(closed.length);
      expect(p.recentDeals.length + p.recentDealsMore).toBe(closed.length);
      for (const d of p.recentDeals) expect(d.closed_on <= data.quarter.end).toBe(true);
    }
    expect(pages.some((p) => p.recentMissed > 0)).toBe(true);
    expect(view.partnerPages.horizonDays).toBe(STAGE.horizonDays);
  });
});
