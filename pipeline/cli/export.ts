// `partner-health export KIND... --out DIR --format csv|parquet|json|xlsx`
import { Argument, Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { exportRun, EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind } from '../export/index.js';
import type { Terminal } from './terminal.js';

export function addExportCommand(program: Command, term: Terminal): void {
  program
    .command('export')
    .description('export a run\'s rows for BI tools and spreadsheets, with partner name, manager, band, band reason, top evidence and playbook')
    .addArgument(new Argument('<kinds...>', 'what to export').choices(EXPORT_KINDS))
    .requiredOption('--out <dir>', 'directory to write <kind>.<format> into')
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).default('csv'))
    .option('--workspace <dir|file>', 'run directory or workspace database', 'reports/demo')
    .option('--quiet', 'print nothing but errors', false)
    .action(async (kinds: ExportKind[], f: { out: string; format: ExportFormat; workspace: string; quiet: boolean }) => {
      const written = await exportRun(resolve(f.workspace), kinds, f.format, resolve(f.out));
      if (!f.quiet) term.out(written.map((w) => `  ${w.path} (${w.rows} rows)`).join('\n') + '\n');
    });
}
