// The partner-health command line: thin — parses arguments, shows progress, calls the stages.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { run, DEFAULT_MODEL, type RunOptions, type RunResult } from '../app/run.js';
import { generateDemo, writeDemoData } from '../demo/index.js';
import { packageRoot } from '../render/paths.js';
import { createProgress } from './progress.js';
import { printErr, printOut } from './print.js';
import { isoDate, labelOptions, layout, layoutOptions, positiveInt, shareArg, type LabelFlags, type LayoutFlags } from './options.js';
import { DEFAULT_MAX_INVALID_SHARE } from '../ingest/quarantine.js';
import { formatIngestNotes } from './ingest-notes.js';
import { addReworkCommands } from './rework.js';
import { addNotebookCommand } from './notebook.js';
import { addExportCommand } from './export.js';
import { NOTEBOOKS_DIR, notebookLinks, renderShippedNotebooks } from '../app/notebooks.js';

type RunFlags = LabelFlags & LayoutFlags & { model: string; cutoff?: string; skipInvalidRows: boolean; maxInvalidShare: number };

function runCommand(cmd: Command): Command {
  return layoutOptions(labelOptions(cmd
    .option('--model <file>', 'health-score model file', DEFAULT_MODEL)
    .option('--cutoff <date>', 'data cutoff (default: latest date in signals and deals)', isoDate)
    .option('--skip-invalid-rows', 'set rows that fail a check aside in rejected_rows.csv and go on (default: refuse the input)', false)
    .option('--max-invalid-share <share>', 'with --skip-invalid-rows, refuse a file when more than this share of its rows fail (0.05 or 5%)',
      shareArg, DEFAULT_MAX_INVALID_SHARE)));
}

function runOptions(dataDir: string, outDir: string, f: RunFlags): RunOptions {
  return {
    ...layout(f), dataDir: resolve(dataDir), outDir: resolve(outDir), modelPath: resolve(f.model),
    horizonDays: f.horizon, graceDays: f.grace, cutoff: f.cutoff, bootstrap: f.bootstrap, missCost: f.missCost, capacity: f.capacity, fitUnit: f.fit,
    skipInvalidRows: f.skipInvalidRows, maxInvalidShare: f.maxInvalidShare,
  };
}

const fmt3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

/** The AUC interval, or why there is none (a bootstrap over one partner has nothing to vary). */
function intervalText(b: RunResult['backtest']): string {
  if (b.auc_ci) return `95% CI ${b.auc_ci.map(fmt3).join('–')}`;
  return b.bootstrap.partners === 1 ? 'no interval: one partner' : 'no interval';
}

function printRun(r: RunResult): void {
  const l = r.labels;
  const isReport = (f: string): boolean => /\.(html|pdf)$/.test(f);
  const list = (files: string[]): string => files.map((o) => `  ${o}`).join('\n');
  printOut(
    `Model ${r.model.name} ${r.model.version}, data cutoff ${r.cutoff}: ` +
      `${r.ingest.rows.partners} partners, ${r.ingest.rows.signals} signal rows, ${r.ingest.rows.deals} deals.\n` +
      formatIngestNotes(r.ingest, r.labels) +
      `Backtest: ${l.population} partner-months with a due deal, ${l.positives} followed by a miss; ` +
      `AUC ${fmt3(r.backtest.auc)} (${intervalText(r.backtest)}).\n` +
      `Calibration: ${r.calibration.verdict} — ${r.calibration.reason}\n` +
      `Reports:\n${list(r.outputs.filter(isReport))}\n` +
      `Data and results:\n${list(r.outputs.filter((o) => !isReport(o)))}\n`,
  );
}

async function runAndPrint(o: RunOptions, quiet: boolean): Promise<void> {
  const r = await run(o, createProgress({ quiet }));
  if (quiet) return;
  for (const w of r.warnings) printErr(`warning: ${w}\n`);
  printRun(r);
}

export function buildProgram(): Command {
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('partner-health')
    .description('Partner health early warning: point-in-time scores, backtests, calibrated weights, reports.')
    .version(version)
    .showHelpAfterError();

  runCommand(program.command('run').description('ingest a data directory, score, backtest, calibrate and publish reports'))
    .requiredOption('--data <dir>', 'input data directory (partners, signals, deals, interventions)')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (f: RunFlags & { data: string; out: string }) => runAndPrint(runOptions(f.data, f.out, f), f.quiet));

  runCommand(program.command('demo').description('generate the demo data set, then `run` on it'))
    .option('--out <dir>', 'output directory', 'reports/demo')
    .option('--partners <n>', 'number of demo partners', positiveInt, 150)
    .option('--months <n>', 'months of history', positiveInt, 36)
    .action(async (f: RunFlags & { out: string; partners: number; months: number }) => {
      const dataDir = join(resolve(f.out), 'data');
      await writeDemoData(dataDir, generateDemo({ seed: 42, partners: f.partners, months: f.months }));
      if (!f.quiet) printOut(`Demo data: ${dataDir}\n`);
      await runAndPrint({ ...runOptions(dataDir, f.out, f), notebooks: notebookLinks() }, f.quiet);
      const pages = await renderShippedNotebooks(resolve(f.out), { pdf: f.pdf, pageFormat: f.page });
      if (!f.quiet) printOut(`Notebooks (notebooks/*.md):\n${pages.filter((p) => dirname(p) === join(resolve(f.out), NOTEBOOKS_DIR)).map((p) => `  ${p}`).join('\n')}\n`);
    });

  addReworkCommands(program);
  addNotebookCommand(program);
  addExportCommand(program);
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
    printErr(`partner-health: ${e.message}\n`);
    return 1;
  }
}
