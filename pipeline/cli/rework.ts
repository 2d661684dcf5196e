// Sub-commands that work on an earlier run's output directory: backtest, tune, report, sql.
import { Argument, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { republish } from '../app/existing.js';
import { reportFromRun } from '../app/report-command.js';
import { REPORT_KINDS, type ReportKind } from '../app/reports.js';
import { formatBacktestSummary } from '../backtest/index.js';
import { formatCalibrationSummary } from '../tune/index.js';
import { createProgress } from './progress.js';
import { printOut } from './print.js';
import { given, labelOptions, layoutOptions, positiveInt, type LabelFlags, type LayoutFlags } from './options.js';
import { runSql, type SqlFormat } from './sql.js';

type ReworkFlags = Partial<LabelFlags & LayoutFlags> & { out: string; quiet: boolean };

async function rework(f: ReworkFlags) {
  return republish(resolve(f.out), given(f), createProgress({ quiet: f.quiet }));
}

export function addReworkCommands(program: Command): void {
  layoutOptions(labelOptions(program.command('backtest')
    .description("re-label a run (e.g. another horizon), rewrite labels, backtest, calibration and reports, and print the backtest summary")
    .requiredOption('--out <dir>', 'output directory of an earlier run'), false), false)
    .action(async (f: ReworkFlags) => {
      const r = await rework(f);
      if (!f.quiet) printOut(formatBacktestSummary(r.backtest) + '\n');
    });

  layoutOptions(labelOptions(program.command('tune')
    .description("propose dimension weights for a run's model and print current vs proposed weights with CIs and the verdict")
    .requiredOption('--out <dir>', 'output directory of an earlier run'), false), false)
    .action(async (f: ReworkFlags) => {
      const r = await rework(f);
      if (f.quiet) return;
      const proposal = r.outputs.find((o) => o.endsWith('.proposed.json'));
      printOut(formatCalibrationSummary(r.calibration) + '\n' + (proposal ? `Proposed model for review: ${proposal}\n` : ''));
    });

  layoutOptions(program.command('report')
    .description("render one report from a run's outputs")
    .addArgument(new Argument('<kind>', 'which report').choices(REPORT_KINDS))
    .requiredOption('--out <dir>', 'output directory of an earlier run')
    .option('--seed <n>', 'seed for the interventions bootstrap (default: as the run had it)', positiveInt)
    .option('--quiet', 'print nothing but errors', false), false)
    .action(async (kind: ReportKind, f: Partial<LayoutFlags> & { out: string; quiet: boolean }) => {
      const written = await reportFromRun(resolve(f.out), kind, given(f));
      if (!f.quiet) printOut(written.map((w) => `  ${w}`).join('\n') + '\n');
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
}
