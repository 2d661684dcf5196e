// The backtest on a generated demo: it finds the planted signal, is reproducible and honest about its population.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest, type BacktestResult } from '../../pipeline/backtest/index.js';
import { formatBacktestSummary } from '../../pipeline/cli/backtest-summary.js';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { buildLabels, type LabelCounts } from '../../pipeline/label/labels.js';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { scoreDir, siModel, tempDir } from '../helpers/workspace.js';
import { num, text } from '../../pipeline/workspace/rows.js';

const H = 90;
const G = 14;

/** Every number in a JSON-bound value is finite (NaN/Infinity would not survive JSON.stringify). */
function nonFinitePaths(v: unknown, path = '$'): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinitePaths(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nonFinitePaths(x, `${path}.${k}`));
  return [];
}

describe('backtest on the demo', () => {
  let ws: Workspace;
  let cutoff: string;
  let counts: LabelCounts;
  let r: BacktestResult;
  beforeAll(async () => {
    const dir = tempDir();
    await writeDemoData(dir, generateDemo({ seed: 1, partners: 80, months: 30 }));
    ({ ws, cutoff } = await scoreDir(dir, await siModel()));
    counts = await buildLabels(ws, { horizonDays: H, graceDays: G, cutoff });
    r = await runBacktest(ws, { horizonDays: H, graceDays: G, cutoff, seed: 42, bootstrap: 200 });
  });
  afterAll(() => ws?.close());

  it('finds the planted signal', () => {
    expect(r.auc!).toBeGreaterThan(0.6);
    expect(r.auc_ci![0]).toBeGreaterThan(0.5);
    expect(r.auc_ci![0]).toBeLessThan(r.auc!);
    expect(r.auc_ci![1]).toBeGreaterThan(r.auc!);
    expect(r.discrimination.gini).toBeCloseTo(2 * r.auc! - 1, 12);
  });

  it('miss rates rise Green → Yellow → Red', () => {
    const [g, y, red] = r.bands.rows;
    expect([g!.band, y!.band, red!.band]).toEqual(['green', 'yellow', 'red']);
    expect(g!.rate!).toBeLessThan(y!.rate!);
    expect(y!.rate!).toBeLessThan(red!.rate!);
    expect(r.bands.monotonic).toBe(true);
    expect(r.bands.rows.reduce((s, b) => s + b.n, 0)).toBe(r.population);
    expect(r.bands.red.precision).toBeCloseTo(red!.rate!, 12);
  });

  it('the bootstrap CI is deterministic for a seed, the same on a worker thread, and changes with the seed', async () => {
    // r ran its deal-level and dimension bootstraps in this thread (a small program); these on a worker
    const again = await runBacktest(ws, { horizonDays: H, graceDays: G, cutoff, seed: 42, bootstrap: 200, threads: 2 });
    expect(again).toEqual(r);
    expect(r.discrimination.deal_level.amount_weighted_auc_ci).not.toBeNull();
    expect(r.dimensions.every((d) => d.auc_ci !== null && d.vs_composite?.diff_ci)).toBe(true);
    const other = await runBacktest(ws, { horizonDays: H, graceDays: G, cutoff, seed: 43, bootstrap: 200 });
    expect(other.auc).toBe(r.auc);
    expect(other.auc_ci).not.toEqual(r.auc_ci);
  });

  it('the population excludes censored and no-due-deal snapshots (cross-checked in SQL)', async () => {
    const [q] = await ws.rows({ population: num, positives: num, censored: num, no_due: num, snapshots: num },
      `WITH uncensored AS (SELECT * FROM health WHERE composite IS NOT NULL AND as_of + to_days($hg::INTEGER) <= $cutoff::DATE),
            -- the expected close as known at T: the last date deal_history gave by then
            known AS (SELECT u.partner_id, u.as_of, d.deal_id, d.closed_on,
                             coalesce(arg_max(h.expected_close_on, h.changed_on), any_value(d.expected_close_on)) AS expected
                      FROM uncensored u JOIN deals d ON d.partner_id = u.partner_id AND d.registered_on <= u.as_of
                      LEFT JOIN deal_history h ON h.deal_id = d.deal_id AND h.changed_on <= u.as_of AND h.expected_close_on IS NOT NULL
                      GROUP BY ALL),
            due AS (SELECT DISTINCT partner_id, as_of FROM known WHERE (closed_on IS NULL OR closed_on > as_of)
                      AND expected > as_of AND expected <= as_of + to_days($h::INTEGER))
       SELECT (SELECT count(*) FROM due) AS population,
              (SELECT count(*) FROM labels WHERE label = 1) AS positives,
              (SELECT count(*) FROM health WHERE as_of + to_days($hg::INTEGER) > $cutoff::DATE) AS censored,
              (SELECT count(*) FROM uncensored) - (SELECT count(*) FROM due) AS no_due,
              (SELECT count(*) FROM health) AS snapshots`,
      { hg: H + G, h: H, cutoff },
    );
    expect(r.population).toBe(q!.population);
    expect(r.positives).toBe(q!.positives);
    expect(r.counts).toMatchObject({ population: q!.population, censored: q!.censored, no_due_deal: q!.no_due, snapshots: q!.snapshots });
    expect(r.counts).toMatchObject({ population: counts.population, censored: counts.censored, no_due_deal: counts.noDueDeal, unscored: counts.unscored });
    expect(r.counts.censored).toBeGreaterThan(0);
    expect(r.counts.no_due_deal).toBeGreaterThan(0);
    const [rows] = await ws.rows({ n: num, last: text }, `SELECT count(*) AS n, max(as_of)::VARCHAR AS last FROM backtest_rows`);
    expect(rows!.n).toBe(r.population);
    expect(rows!.last).toBe(r.data_window.last_labelled_snapshot);
  });

  it('reports every section with computed values', () => {
    expect(r.discrimination.roc.length).toBeLessThanOrEqual(200);
    expect(r.discrimination.roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(r.discrimination.deal_level.auc!).toBeGreaterThan(0.5);
    expect(r.calibration.folds.length).toBeGreaterThan(0);
    expect(r.calibration.slope).not.toBeNull();
    expect(r.calibration.reliability.length).toBeGreaterThan(1);
    expect(r.lead_time.missed_deals).toBeGreaterThan(0);
    expect(r.lead_time.flagged + r.lead_time.not_flagged).toBe(r.lead_time.missed_deals);
    expect(r.stability.auc_by_quarter.reduce((s, q) => s + q.n, 0)).toBe(r.population);
    expect(r.stability.psi.quarters.length).toBeGreaterThan(0);
    expect(r.dimensions.map((d) => d.dimension)).toEqual(['engagement', 'capability', 'performance']);
    // Capacity is one definition: 10% of the partners scored in a month (median month here: 70 → 7).
    expect(r.thresholds.capacity.share).toBe(0.1);
    expect(r.thresholds.capacity.k).toBe(7);
    expect(r.thresholds.cost_weighted.cost_missed_warning).toBe(5);
    // A cut that flags ≥ 90% of partner-months is marked degenerate, never offered as a normal option.
    const cw = r.thresholds.cost_weighted;
    expect(cw.degenerate !== null).toBe(cw.flagged_share! >= 0.9);
    expect(r.leakage_checks.length).toBeGreaterThanOrEqual(7);
    expect(r.leakage_checks.filter((c) => !c.passed)).toEqual([]);
  });

  it('is JSON-serialisable without NaN or Infinity', () => {
    expect(nonFinitePaths(r)).toEqual([]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('prints a compact plain-text summary', () => {
    const text = formatBacktestSummary(r);
    expect(text.split('\n').length).toBeLessThanOrEqual(25);
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toContain(`AUC ${r.auc!.toFixed(3)}`);
    expect(text).toContain('Green → Yellow → Red: yes');
  });
});

describe('leakage checks catch planted leaks', () => {
  it('flags a censored label and a deal registered after its snapshot', async () => {
    const dir = tempDir();
    await writeDemoData(dir, generateDemo({ seed: 3, partners: 20, months: 24 }));
    const { ws, cutoff } = await scoreDir(dir, await siModel());
    await buildLabels(ws, { horizonDays: H, graceDays: G, cutoff });
    await ws.exec(`INSERT INTO labels SELECT partner_id, $cutoff::DATE, due_deals, missed_deals, label, due_amount, missed_amount, composite, band, risk FROM labels LIMIT 1`, { cutoff });
    await ws.exec(`UPDATE label_deals SET registered_on = as_of + 1 WHERE deal_id = (SELECT min(deal_id) FROM label_deals)`);
    const r = await runBacktest(ws, { horizonDays: H, graceDays: G, cutoff, seed: 1, bootstrap: 20 });
    const failed = r.leakage_checks.filter((c) => !c.passed).map((c) => c.check);
    expect(failed).toEqual([
      'labelled snapshots are uncensored (as_of + horizon + grace ≤ cutoff)',
      'no due deal registered after its snapshot',
    ]);
    expect(formatBacktestSummary(r)).toContain('Leakage checks FAILED');
    ws.close();
  });
});
