// Scale benchmark: `npm run bench -- --size S|M|L [--pdf] [--json FILE]`.
// Generates a demo program of the chosen size, runs the bare-DuckDB reference pass on its signals in
// this process, then the real `run` (ingest → score → label → backtest → calibrate → HTML reports),
// timing each stage; with --pdf also a quarterly PDF with up to 300 partner pages. Prints seconds, rows
// per second, peak RSS and the ratios to the targets, and writes them to reports/bench/bench.json.
// Targets are checked here, never in unit tests (timings depend on the machine).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoDataStreaming } from '../pipeline/demo/index.js';
import { DEFAULT_MODEL, run } from '../pipeline/app/run.js';
import { writeReports } from '../pipeline/app/reports.js';
import type { Progress } from '../pipeline/effects.js';
import { openWorkspace } from '../pipeline/workspace/db.js';
import { DEFAULT_SETTINGS } from '../pipeline/settings.js';
import { nodeEffects } from '../pipeline/cli/effects.js';
import { bareDuckdbPass, cpuSeconds, type BareTimes } from './bare.js';
import { text } from '../pipeline/workspace/rows.js';

const SIZES = { S: { partners: 500, months: 24 }, M: { partners: 5000, months: 36 }, L: { partners: 10000, months: 60 } } as const;
type Size = keyof typeof SIZES;
const PDF_PARTNER_PAGES = 300;

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'M' },
    pdf: { type: 'boolean', default: false },
    json: { type: 'string', default: join('reports', 'bench', 'bench.json') },
    keep: { type: 'boolean', default: false },
  },
});
const size = String(args.size).toUpperCase() as Size;
if (!(size in SIZES)) {
  console.error(`bench: --size must be S, M or L, got '${args.size}'`);
  process.exit(2);
}
const { partners, months } = SIZES[size];

// Peak RSS of this process (DuckDB's native memory and the worker threads included), sampled per phase.
let phasePeak = 0;
const sampler = setInterval(() => (phasePeak = Math.max(phasePeak, process.memoryUsage().rss)), 50);
const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
const since = (t0: number): number => (performance.now() - t0) / 1000;

/**
 * Records the start of each step `run` reports, so the stage times are those of the real command. CPU
 * seconds beside them show how much of the two cores each stage keeps busy.
 */
function recordingProgress(): Progress & { stages: Record<string, number>; cpu: Record<string, number> } {
  const stages: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let current: string | undefined;
  let t0 = 0;
  let c0 = 0;
  const close = (): void => {
    if (current !== undefined) {
      stages[current] = since(t0);
      cpu[current] = cpuSeconds() - c0;
    }
    current = undefined;
  };
  return {
    stages,
    cpu,
    step(name) {
      close();
      current = name;
      t0 = performance.now();
      c0 = cpuSeconds();
    },
    count() {},
    finish: close,
    fail: close,
  };
}

function pdfFacts(path: string): { bytes: number; pages: number } {
  const text = readFileSync(path).toString('latin1');
  return { bytes: statSync(path).size, pages: (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length };
}

const dir = mkdtempSync(join(tmpdir(), 'ph-bench-'));
try {
  let t0 = performance.now();
  const counts = await writeDemoDataStreaming(join(dir, 'data'), { partners, months });
  const generate = since(t0);

  // The bare pass first, on a cold pipeline, so neither side profits from the other's page cache more.
  phasePeak = 0;
  const cutoffRows = await openWorkspace(':memory:').then(async (db) => {
    const [r] = await db.rows({ cutoff: text },
      `SELECT max(observed_on)::DATE::VARCHAR AS cutoff FROM read_csv($p, header = true, auto_detect = true)`,
      { p: join(dir, 'data', 'signals.csv') },
    );
    db.close();
    return r!.cutoff;
  });
  const bare: BareTimes = await bareDuckdbPass(join(dir, 'data', 'signals.csv'), cutoffRows);
  const barePeak = phasePeak;

  phasePeak = 0;
  const progress = recordingProgress();
  t0 = performance.now();
  const cpu0 = cpuSeconds();
  const result = await run(join(dir, 'data'), join(dir, 'out'), { ...DEFAULT_SETTINGS, modelPath: DEFAULT_MODEL, seed: 1, bootstrap: 200 },
    { ...nodeEffects({ quiet: true }), progress });
  const total = since(t0);
  const totalCpu = cpuSeconds() - cpu0;
  const runPeak = phasePeak;

  let pdf: { seconds: number; partner_pages: number; pages: number; bytes: number; kb_per_partner_page: number } | null = null;
  if (args.pdf) {
    phasePeak = 0;
    const ws = await openWorkspace(join(dir, 'out', 'workspace.duckdb'));
    try {
      const pagesWanted = Math.min(PDF_PARTNER_PAGES, partners);
      t0 = performance.now();
      await writeReports(ws, ['quarterly'],
        { ...DEFAULT_SETTINGS, cutoff: result.cutoff, pdf: true, seed: 1, partnerPages: 'all', maxPartnerPages: pagesWanted },
        { model: result.model, backtest: result.backtest, calibration: result.calibration }, (n) => join(dir, 'pdf-' + n), nodeEffects({ quiet: true }));
      const seconds = since(t0);
      const facts = pdfFacts(join(dir, 'pdf-quarterly.pdf'));
      pdf = { seconds, partner_pages: pagesWanted, pages: facts.pages, bytes: facts.bytes, kb_per_partner_page: facts.bytes / 1000 / pagesWanted };
    } finally {
      ws.close();
    }
  }
  clearInterval(sampler);

  const s = progress.stages;
  const windowed = bare.window_sums + bare.percentile_ranks;
  const bareTotal = bare.csv_ingest + windowed;
  const rate = (rows: number, sec: number | undefined): number | null => (sec ? Math.round(rows / sec) : null);
  const targets = [
    { what: 'full run (no PDF)', value: total, target: 30, unit: 's' },
    { what: 'full run / bare pass', value: total / bareTotal, target: 3, unit: '×' },
    { what: 'calibration', value: s.calibrate ?? NaN, target: 10, unit: 's' },
    { what: 'scoring / bare windowed pass', value: (s.score ?? NaN) / windowed, target: 2, unit: '×' },
    { what: 'ingest + validation / bare CSV ingest', value: (s.ingest ?? NaN) / bare.csv_ingest, target: 2, unit: '×' },
    { what: 'peak RSS of the run', value: mib(runPeak), target: 2048, unit: 'MiB' },
    ...(pdf ? [
      { what: `quarterly PDF, ${pdf.partner_pages} partner pages`, value: pdf.seconds, target: 60, unit: 's' },
      { what: 'PDF size per partner page', value: pdf.kb_per_partner_page, target: 150, unit: 'kB' },
    ] : []),
  ].map((t) => ({ ...t, ratio: t.value / t.target, met: t.value <= t.target }));

  const report = {
    size, partners, months,
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    input_rows: counts,
    population: result.labels.population,
    generate_seconds: generate,
    bare: { ...bare, total: bareTotal, peak_rss_mib: mib(barePeak) },
    stages: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, { seconds: v, cpu_seconds: progress.cpu[k] ?? null, signal_rows_per_second: rate(counts.signals, v) }])),
    total_seconds: total,
    total_cpu_seconds: totalCpu,
    peak_rss_mib: mib(runPeak),
    max_rss_mib_process: Math.round(process.resourceUsage().maxRSS / 1024),
    pdf,
    targets,
  };
  const jsonPath = resolve(String(args.json));
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');

  const line = (k: string, v: string): void => console.log(`  ${k.padEnd(44)} ${v}`);
  const sec = (v: number): string => `${v.toFixed(2)} s`.padStart(9);
  console.log(`partner-health bench, size ${size}: ${partners} partners × ${months} months on ${report.machine.cores} cores`);
  console.log(`  input: ${counts.signals} signal rows, ${counts.deals} deals; backtest population ${result.labels.population}`);
  console.log('bare DuckDB, same data, same process');
  const cpuCol = (v: number | undefined): string => `${(v ?? NaN).toFixed(1)} CPU s`.padStart(11);
  line('CSV ingest', `${sec(bare.csv_ingest)}  ${cpuCol(bare.cpu.csv_ingest)}  ${rate(counts.signals, bare.csv_ingest)} rows/s`);
  line('90-day window sums (two ASOF joins)', `${sec(bare.window_sums)}  ${cpuCol(bare.cpu.window_sums)}`);
  line('percentile ranks', `${sec(bare.percentile_ranks)}  ${cpuCol(bare.cpu.percentile_ranks)}`);
  line('total', `${sec(bareTotal)}  ${cpuCol(bare.cpu.csv_ingest + bare.cpu.window_sums + bare.cpu.percentile_ranks)}`);
  console.log('partner-health run');
  for (const [k, v] of Object.entries(s)) line(k, `${sec(v)}  ${cpuCol(progress.cpu[k])}  ${rate(counts.signals, v)} signal rows/s`);
  line('total', `${sec(total)}  ${cpuCol(totalCpu)}`);
  line('peak RSS', `${mib(runPeak)} MiB`);
  if (pdf) line(`quarterly PDF (${pdf.partner_pages} partner pages, ${pdf.pages} pages)`, `${sec(pdf.seconds)}  ${(pdf.bytes / 1e6).toFixed(1)} MB`);
  console.log('targets');
  for (const t of targets) {
    line(t.what, `${t.value.toFixed(2).padStart(9)} ${t.unit} vs ≤ ${t.target} ${t.unit}  (${(t.ratio * 100).toFixed(0)}% of target) ${t.met ? 'met' : 'NOT met'}`);
  }
  console.log(`written ${jsonPath}`);
} finally {
  clearInterval(sampler);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
