// The partner-health command line: thin — parses arguments, shows progress, calls the stages.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { run, type RunResult } from '../app/run.js';
import { generateDemo, writeDemoData } from '../demo/index.js';
import { packageRoot } from '../render/paths.js';
import { mergeSettings, type Settings } from '../settings.js';
import { positiveInt } from './args.js';
import { nodeEffects } from './effects.js';
import { addSettingFlags, settingsFrom } from './flags.js';
import { formatIngestNotes } from './ingest-notes.js';
import { addReworkCommands } from './rework.js';
import { addNotebookCommand } from './notebook.js';
import { addExportCommand } from './export.js';
import { NOTEBOOKS_DIR, notebookLinks, renderShippedNotebooks, type NotebookLink } from '../app/notebooks.js';
import { PROCESS_TERMINAL, sanitised, type Terminal } from './terminal.js';

type CommonFlags = Record<string, unknown> & { quiet: boolean };

function runCommand(cmd: Command): Command {
  return addSettingFlags(cmd, ['run', 'label', 'layout'], true).option('--quiet', 'print nothing but errors', false);
}

const fmt3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

/** The AUC interval, or why there is none (a bootstrap over one partner has nothing to vary). */
function intervalText(b: RunResult['backtest']): string {
  if (b.auc_ci) return `95% CI ${b.auc_ci.map(fmt3).join('–')}`;
  return b.bootstrap.partners === 1 ? 'no interval: one partner' : 'no interval';
}

function printRun(r: RunResult, term: Terminal): void {
  const l = r.labels;
  const isReport = (f: string): boolean => /\.(html|pdf)$/.test(f);
  const list = (files: string[]): string => files.map((o) => `  ${o}`).join('\n');
  term.out(
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

async function runAndPrint(dataDir: string, outDir: string, f: CommonFlags, term: Terminal, notebooks: NotebookLink[] = []): Promise<Settings> {
  const s = mergeSettings({}, settingsFrom(f));
  const r = await run(resolve(dataDir), resolve(outDir), s, nodeEffects({ quiet: f.quiet }), notebooks);
  if (f.quiet) return s;
  for (const w of r.warnings) term.err(`warning: ${w}\n`);
  printRun(r, term);
  return s;
}

export function buildProgram(raw: Terminal = PROCESS_TERMINAL): Command {
  const term = sanitised(raw);
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  const program = new Command('partner-health')
    .description('Partner health early warning: point-in-time scores, backtests, calibrated weights, reports.')
    .version(version)
    .configureOutput({ writeOut: term.out, writeErr: term.err })
    .showHelpAfterError();

  runCommand(program.command('run').description('ingest a data directory, score, backtest, calibrate and publish reports'))
    .requiredOption('--data <dir>', 'input data directory (partners, signals, deals, interventions)')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (f: CommonFlags & { data: string; out: string }) => void (await runAndPrint(f.data, f.out, f, term)));

  runCommand(program.command('demo').description('generate the demo data set, then `run` on it'))
    .option('--out <dir>', 'output directory', 'reports/demo')
    .option('--partners <n>', 'number of demo partners', positiveInt, 150)
    .option('--months <n>', 'months of history', positiveInt, 36)
    .action(async (f: CommonFlags & { out: string; partners: number; months: number }) => {
      const dataDir = join(resolve(f.out), 'data');
      await writeDemoData(dataDir, generateDemo({ seed: 42, partners: f.partners, months: f.months }));
      if (!f.quiet) term.out(`Demo data: ${dataDir}\n`);
      const s = await runAndPrint(dataDir, f.out, f, term, notebookLinks());
      const pages = await renderShippedNotebooks(resolve(f.out), s);
      if (!f.quiet) term.out(`Notebooks (notebooks/*.md):\n${pages.filter((p) => dirname(p) === join(resolve(f.out), NOTEBOOKS_DIR)).map((p) => `  ${p}`).join('\n')}\n`);
    });

  addReworkCommands(program, term);
  addNotebookCommand(program, term);
  addExportCommand(program, term);
  return program;
}

/**
 * Commander exits the process on a bad option value unless told otherwise, and each subcommand keeps
 * the setting it was created with: set it on every command, so `main` always returns its code (tests
 * call it in-process, where an exit would end the test worker).
 */
function overrideExits(cmd: Command): void {
  cmd.exitOverride();
  for (const sub of cmd.commands) overrideExits(sub);
}

/** Entry point; returns the process exit code. */
export async function main(argv: string[], term: Terminal = PROCESS_TERMINAL): Promise<number> {
  const program = buildProgram(term);
  overrideExits(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    const e = err as Error & { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) return e.exitCode ?? 1;
    sanitised(term).err(`partner-health: ${e.message}\n`);
    return 1;
  }
}
