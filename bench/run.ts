// Scale benchmark: a 5,000-partner × 60-month program (~9M signal rows) through ingest, scoring,
// labels, the backtest, calibration and the HTML reports. Prints its figures; targets are checked here, not in unit tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoDataStreaming } from '../pipeline/demo/index.js';
import { openWorkspace } from '../pipeline/workspace/db.js';
import { loadModel } from '../pipeline/model/load.js';
import { ingest } from '../pipeline/ingest/ingest.js';
import { defaultCutoff, scoreWorkspace } from '../pipeline/score/index.js';
import { buildLabels } from '../pipeline/label/labels.js';
import { packageRoot } from '../pipeline/render/paths.js';
import { runBacktest } from '../pipeline/backtest/index.js';
import { runCalibration } from '../pipeline/tune/index.js';
import { writeReports } from '../pipeline/app/reports.js';
import { computeInterventionEffects } from '../pipeline/interventions/index.js';
import { buildQuarterlyData } from '../pipeline/quarterly-data/index.js';

const partners = Number(process.env.BENCH_PARTNERS ?? 5000);
const months = Number(process.env.BENCH_MONTHS ?? 60);
const rows: [string, string][] = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  rows.push([label, `${((performance.now() - t) / 1000).toFixed(1)} s`]);
  return r;
}

const dir = mkdtempSync(join(tmpdir(), 'ph-bench-'));
try {
  const counts = await timed('generate (streaming CSV)', () => writeDemoDataStreaming(join(dir, 'data'), { partners, months }));
  const model = await loadModel(join(packageRoot(), 'models', 'si-early-warning.json'));
  const ws = await openWorkspace(join(dir, 'workspace.duckdb'));
  await timed('ingest + validate', () => ingest(ws, join(dir, 'data'), model));
  const cutoff = await defaultCutoff(ws);
  await timed('score (snapshots, signals, dimensions, bands, evidence)', () => scoreWorkspace(ws, model, cutoff));
  const labels = await timed('labels', () => buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff }));
  const bt = await timed('backtest (200 partner-bootstrap resamples)', () =>
    runBacktest(ws, { horizonDays: 90, graceDays: 14, cutoff, seed: 1, bootstrap: 200 }));
  const cal = await timed('calibrate (walk-forward CV, 200 bootstrap refits)', () =>
    runCalibration(ws, model, { horizonDays: 90, graceDays: 14, cutoff, seed: 1, bootstrap: 200 }));
  await timed('interventions and quarterly report data', async () => {
    await computeInterventionEffects(ws, { seed: 1 });
    await buildQuarterlyData(ws, model, { horizonDays: 90, graceDays: 14, seed: 1, bootstrap: 200 });
  });
  await timed('reports, HTML (quarterly with 50 watchlist partner pages)', () =>
    writeReports(ws, ['quarterly', 'backtest', 'calibration'], {
      model, cutoff, backtest: bt, calibration: cal, pdf: false, pageFormat: 'A4', seed: 1,
      partnerPages: 'watchlist', maxPartnerPages: 50,
    }, (n) => join(dir, n)));
  const [snap] = await ws.query<{ n: number }>('SELECT count(*) AS n FROM health');
  ws.close();
  clearInterval(sampler);
  const total = rows.reduce((s, [, v]) => s + Number.parseFloat(v), 0);
  console.log(`partner-health benchmark: ${partners} partners × ${months} months`);
  console.log(`  input rows: ${counts.signals} signals, ${counts.deals} deals, ${counts.interventions} interventions`);
  console.log(`  partner-snapshots scored: ${snap!.n}; backtest population ${labels.population}, AUC ${bt.auc?.toFixed(3)}; calibration verdict ${cal.verdict}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(58)} ${v.padStart(8)}`);
  console.log(`  ${'total'.padEnd(58)} ${`${total.toFixed(1)} s`.padStart(8)}`);
  console.log(`  peak RSS of this process (DuckDB included)${' '.repeat(15)} ${`${(peakRss / 2 ** 20).toFixed(0)} MiB`.padStart(8)}`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
