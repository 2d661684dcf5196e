// Sub-commands that work on an earlier run's output directory: backtest, tune, report, sql.
import { Argument, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { republish } from '../app/existing.js';
import { reportFromRun } from '../app/report-command.js';
import { REPORT_KINDS, type ReportKind } from '../app/reports.js';
import { formatBacktestSummary } from './backtest-summary.js';
import { formatCalibrationSummary } from './calibration-summary.js';
import { positiveInt } from './args.js';
import { nodeEffects } from './effects.js';
import { addSettingFlags, settingsFrom } from './flags.js';
import { runSql, type SqlFormat } from './sql.js';
import type { Terminal } from './terminal.js';

type ReworkFlags = Record<string, unknown> & { out: string; quiet: boolean };

async function rework(f: ReworkFlags) {
  return republish(resolve(f.out), settingsFrom(f), nodeEffects({ quiet: f.quiet }));
}

function reworkCommand(cmd: Command): Command {
  return addSettingFlags(cmd.requiredOption('--out <dir>', 'output directory of an earlier run'), ['label', 'layout'], false)
    .option('--quiet', 'print nothing but errors', false);
}

export function addReworkCommands(program: Command, term: Terminal): void {
  reworkCommand(program.command('backtest')
    .description("re-label a run (e.g. another horizon), rewrite labels, backtest, calibration and reports, and print the backtest summary"))
    .action(async (f: ReworkFlags) => {
      const r = await rework(f);
      if (!f.quiet) term.out(formatBacktestSummary(r.backtest) + '\n');
    });

  reworkCommand(program.command('tune')
    .description("propose dimension weights for a run's model and print current vs proposed weights with CIs and the verdict"))
    .action(async (f: ReworkFlags) => {
      const r = await rework(f);
      if (f.quiet) return;
      const proposal = r.outputs.find((o) => o.endsWith('.proposed.json'));
      term.out(formatCalibrationSummary(r.calibration) + '\n' + (proposal ? `Proposed model for review: ${proposal}\n` : ''));
    });

  addSettingFlags(program.command('report')
    .description("render one report from a run's outputs")
    .addArgument(new Argument('<kind>', 'which report').choices(REPORT_KINDS))
    .requiredOption('--out <dir>', 'output directory of an earlier run'), ['layout'], false)
    .option('--quiet', 'print nothing but errors', false)
    .action(async (kind: ReportKind, f: ReworkFlags) => {
      const written = await reportFromRun(resolve(f.out), kind, settingsFrom(f), nodeEffects({ quiet: f.quiet }));
      if (!f.quiet) term.out(written.map((w) => `  ${w}`).join('\n') + '\n');
    });

  program
    .command('sql')
    .description('query a workspace (tables: partners, signals, deals, health, dimension_scores, evidence, labels, …)')
    .argument('<query>', 'SQL to run (read-only)')
    .option('--workspace <file>', 'workspace database', 'reports/demo/workspace.duckdb')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('--limit <n>', 'rows shown in table format', positiveInt, 50)
    .action(async (query: string, f: { workspace: string; format: SqlFormat; limit: number }) => {
      term.out(await runSql(resolve(f.workspace), query, f.format, f.limit));
    });
}
