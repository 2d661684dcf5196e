// The partner-health command line: thin — parses arguments, shows progress, calls the stages.
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { resolve, join } from 'node:path';
import { run, DEFAULT_MODEL, type RunOptions, type RunResult } from '../app/run.js';
import { generateDemo, writeDemoData } from '../demo/index.js';
import { createProgress } from './progress.js';
import { runSql, type SqlFormat } from './sql.js';
import { withRunWorkspace } from '../app/existing.js';
import { calibrate, writeJson } from '../app/run.js';
import { reportFromRun } from '../app/report-command.js';
import { REPORT_KINDS, type ReportKind } from '../app/reports.js';
import { loadModel } from '../model/load.js';
import { formatCalibrationSummary } from '../tune/index.js';
import { buildLabels, LABELS_CSV_QUERY } from '../label/labels.js';
import { formatBacktestSummary, runBacktest } from '../backtest/index.js';

const isoDate = (v: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z')) || new Date(v + 'T00:00:00Z').toISOString().slice(0, 10) !== v) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got '${v}'`);
  }
  return v;
};
const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got '${v}'`);
  return n;
};

function addRunOptions(cmd: Command): Command {
  return cmd
    .option('--model <file>', 'health-score model file', DEFAULT_MODEL)
    .option('--horizon <days>', 'label horizon H in days', positiveInt, 90)
    .option('--grace <days>', 'grace period G in days', positiveInt, 14)
    .option('--cutoff <date>', 'data cutoff (default: latest date in signals and deals)', isoDate)
    .option('--pdf', 'also render the PDF reports', false)
    .addOption(new Option('--page <format>', 'PDF page size').choices(['A4', 'Letter']).default('A4'))
    .option('--quarter <YYYYQn>', 'quarter of the quarterly report (default: latest complete quarter)')
    .addOption(new Option('--partner-pages <which>', 'partner pages in the quarterly report').choices(['all', 'watchlist', 'none']).default('all'))
    .option('--segment <field=value>', 'partner pages only for one segment, e.g. region=EMEA (type, tier, region, manager)', segmentArg)
    .option('--max-partner-pages <n>', 'at most this many partner pages', positiveInt)
    .option('--seed <n>', 'seed for bootstrap resampling', positiveInt, 20240101)
    .option('--bootstrap <n>', 'bootstrap resamples', positiveInt, 200)
    .option('--quiet', 'print nothing but errors', false);
}

const SEGMENT_FIELDS = ['type', 'tier', 'region', 'manager'] as const;
function segmentArg(v: string): { field: (typeof SEGMENT_FIELDS)[number]; value: string } {
  const i = v.indexOf('=');
  const field = v.slice(0, i) as (typeof SEGMENT_FIELDS)[number];
  if (i < 1 || !SEGMENT_FIELDS.includes(field) || i === v.length - 1) {
    throw new InvalidArgumentError(`expected FIELD=VALUE with FIELD one of ${SEGMENT_FIELDS.join(', ')}, got '${v}'`);
  }
  return { field, value: v.slice(i + 1) };
}

interface CliRunFlags {
  model: string; horizon: number; grace: number; cutoff?: string; pdf: boolean; page: 'A4' | 'Letter';
  quarter?: string; seed: number; bootstrap: number; quiet: boolean;
  partnerPages: 'all' | 'watchlist' | 'none'; segment?: ReturnType<typeof segmentArg>; maxPartnerPages?: number;
}

function runOptions(dataDir: string, outDir: string, f: CliRunFlags): RunOptions {
  return {
    dataDir: resolve(dataDir), outDir: resolve(outDir), modelPath: resolve(f.model), horizonDays: f.horizon,
    graceDays: f.grace, cutoff: f.cutoff, pdf: f.pdf, seed: f.seed, bootstrap: f.bootstrap, pageFormat: f.page,
    quarter: f.quarter, partnerPages: f.partnerPages, segment: f.segment, maxPartnerPages: f.maxPartnerPages,
  };
}

const fmt3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

function printRun(r: RunResult, quiet: boolean): void {
  for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
  if (quiet) return;
  const l = r.labels;
  const isReport = (f: string): boolean => /\.(html|pdf)$/.test(f);
  const list = (files: string[]): string => files.map((o) => `  ${o}`).join('\n');
  process.stdout.write(
    `Model ${r.model.name} ${r.model.version}, data cutoff ${r.cutoff}: ` +
      `${r.ingest.rows.partners} partners, ${r.ingest.rows.signals} signal rows, ${r.ingest.rows.deals} deals.\n` +
      `Backtest: ${l.population} partner-months with a due deal, ${l.positives} followed by a miss; ` +
      `AUC ${fmt3(r.backtest.auc)} (95% CI ${r.backtest.auc_ci ? r.backtest.auc_ci.map(fmt3).join('–') : 'n/a'}).\n` +
      `Calibration: ${r.calibration.verdict} — ${r.calibration.reason}\n` +
      `Reports:\n${list(r.outputs.filter(isReport))}\n` +
      `Data and results:\n${list(r.outputs.filter((o) => !isReport(o)))}\n`,
  );
}

export function buildProgram(): Command {
  const program = new Command('partner-health')
    .description('Partner health early warning: point-in-time scores, backtests, calibrated weights, reports.')
    .showHelpAfterError();

  addRunOptions(program.command('run').description('ingest a data directory, score, backtest, calibrate and publish reports'))
    .requiredOption('--data <dir>', 'input data directory (partners, signals, deals, interventions)')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (f: CliRunFlags & { data: string; out: string }) => {
      const r = await run(runOptions(f.data, f.out, f), createProgress({ quiet: f.quiet }));
      printRun(r, f.quiet);
    });

  addRunOptions(program.command('demo').description('generate the demo data set, then `run` on it'))
    .option('--out <dir>', 'output directory', 'reports/demo')
    .option('--partners <n>', 'number of demo partners', positiveInt, 150)
    .option('--months <n>', 'months of history', positiveInt, 36)
    .action(async (f: CliRunFlags & { out: string; partners: number; months: number }) => {
      const dataDir = join(resolve(f.out), 'data');
      await writeDemoData(dataDir, generateDemo({ seed: 42, partners: f.partners, months: f.months }));
      const r = await run(runOptions(dataDir, f.out, f), createProgress({ quiet: f.quiet }));
      if (!f.quiet) process.stdout.write(`Demo data: ${dataDir}\n`);
      printRun(r, f.quiet);
    });

  program
    .command('backtest')
    .description("re-run the backtest on a run's workspace (e.g. with another horizon) and print its summary")
    .requiredOption('--out <dir>', 'output directory of an earlier run')
    .option('--horizon <days>', 'label horizon H in days', positiveInt, 90)
    .option('--grace <days>', 'grace period G in days', positiveInt, 14)
    .option('--seed <n>', 'seed for bootstrap resampling', positiveInt, 20240101)
    .option('--bootstrap <n>', 'bootstrap resamples', positiveInt, 200)
    .option('--quiet', 'print nothing but errors', false)
    .action(async (f: { out: string; horizon: number; grace: number; seed: number; bootstrap: number; quiet: boolean }) => {
      const { result } = await withRunWorkspace(resolve(f.out), async (ws, staging, cutoff) => {
        await buildLabels(ws, { horizonDays: f.horizon, graceDays: f.grace, cutoff });
        await ws.exec(`COPY (${LABELS_CSV_QUERY}) TO $path (HEADER, DELIMITER ',')`, { path: staging.path('labels.csv') });
        const r = await runBacktest(ws, { horizonDays: f.horizon, graceDays: f.grace, cutoff, seed: f.seed, bootstrap: f.bootstrap });
        await writeJson(staging.path('backtest.json'), r);
        return r;
      });
      if (!f.quiet) process.stdout.write(formatBacktestSummary(result) + '\n');
    });

  program
    .command('tune')
    .description("propose dimension weights from a run's workspace and print current vs proposed with CIs and the verdict")
    .requiredOption('--out <dir>', 'output directory of an earlier run')
    .option('--model <file>', 'current model file', DEFAULT_MODEL)
    .option('--horizon <days>', 'label horizon H in days', positiveInt, 90)
    .option('--grace <days>', 'grace period G in days', positiveInt, 14)
    .option('--seed <n>', 'seed for bootstrap resampling', positiveInt, 20240101)
    .option('--bootstrap <n>', 'bootstrap resamples', positiveInt, 200)
    .option('--quiet', 'print nothing but errors', false)
    .action(async (f: { out: string; model: string; horizon: number; grace: number; seed: number; bootstrap: number; quiet: boolean }) => {
      const model = await loadModel(resolve(f.model));
      const { result } = await withRunWorkspace(resolve(f.out), async (ws, staging, cutoff) => {
        await buildLabels(ws, { horizonDays: f.horizon, graceDays: f.grace, cutoff });
        return (await calibrate(ws, model, { horizonDays: f.horizon, graceDays: f.grace, cutoff, seed: f.seed, bootstrap: f.bootstrap }, (n) => staging.path(n))).result;
      });
      if (!f.quiet) process.stdout.write(formatCalibrationSummary(result) + '\n');
    });

  program
    .command('report')
    .description("render one report from a run's outputs")
    .addArgument(new Argument('<kind>', 'which report').choices(REPORT_KINDS))
    .requiredOption('--out <dir>', 'output directory of an earlier run')
    .option('--model <file>', 'model file the run used', DEFAULT_MODEL)
    .option('--quarter <YYYYQn>', 'quarter of the quarterly report (default: latest complete quarter)')
    .addOption(new Option('--partner-pages <which>', 'partner pages in the quarterly report').choices(['all', 'watchlist', 'none']).default('all'))
    .option('--segment <field=value>', 'partner pages only for one segment, e.g. region=EMEA', segmentArg)
    .option('--max-partner-pages <n>', 'at most this many partner pages', positiveInt)
    .option('--pdf', 'also render the PDF', false)
    .addOption(new Option('--page <format>', 'PDF page size').choices(['A4', 'Letter']).default('A4'))
    .option('--seed <n>', 'seed for the interventions bootstrap', positiveInt, 20240101)
    .option('--quiet', 'print nothing but errors', false)
    .action(async (kind: ReportKind, f: CliRunFlags & { out: string }) => {
      const written = await reportFromRun(resolve(f.out), kind, {
        modelPath: resolve(f.model), quarter: f.quarter, partnerPages: f.partnerPages, segment: f.segment,
        maxPartnerPages: f.maxPartnerPages, pdf: f.pdf, pageFormat: f.page, seed: f.seed,
      });
      if (!f.quiet) process.stdout.write(written.map((w) => `  ${w}`).join('\n') + '\n');
    });

  program
    .command('sql')
    .description('query a workspace (tables: partners, signals, deals, health, dimension_scores, evidence, labels, …)')
    .argument('<query>', 'SQL to run (read-only)')
    .option('--workspace <file>', 'workspace database', 'reports/demo/workspace.duckdb')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--limit <n>', 'rows shown in table format', positiveInt, 50)
    .action(async (query: string, f: { workspace: string; format: SqlFormat; limit: number }) => {
      process.stdout.write(await runSql(resolve(f.workspace), query, f.format, f.limit));
    });

  return program;
}

/** Entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 1;
    process.stderr.write(`partner-health: ${e.message}\n`);
    return 1;
  }
}
