// `partner-health notebook FILE...`: render Markdown notebooks against a run's workspace.
import { Option, type Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { openNotebook } from '../notebook/index.js';
import { workspaceFile } from '../workspace/db.js';
import { NOTEBOOKS_DIR } from '../app/notebooks.js';
import { parseParamFlags } from '../notebook/params.js';
import { watchFiles } from './watch.js';
import type { Terminal } from './terminal.js';

interface NotebookFlags {
  workspace: string; out?: string; pdf: boolean; page: 'A4' | 'Letter'; param: string[]; watch: boolean; quiet: boolean;
}


export function addNotebookCommand(program: Command, term: Terminal): void {
  program
    .command('notebook')
    .description('render Markdown notebooks (```sql name=x```, ```chart data=x```, ```table data=x``` cells) to HTML pages in the reports\' style')
    .argument('<files...>', 'notebook files (.md)')
    .option('--workspace <dir|file>', 'run directory or workspace database', 'reports/demo')
    .option('--out <dir>', 'output directory (default: notebooks/ in the run directory)')
    .option('--pdf', 'also render PDFs', false)
    .addOption(new Option('--page <format>', 'PDF page size').choices(['A4', 'Letter']).default('A4'))
    .option('--param <name=value>', 'set a parameter (repeatable); bound as a value, never spliced into SQL', (v: string, all: string[]) => [...all, v], [])
    .option('--watch', 're-render when a file is saved (Ctrl-C to stop)', false)
    .option('--quiet', 'print nothing but errors', false)
    .action(async (files: string[], f: NotebookFlags) => {
      const workspace = workspaceFile(resolve(f.workspace));
      const outDir = resolve(f.out ?? join(dirname(workspace), NOTEBOOKS_DIR));
      const params = parseParamFlags(f.param);
      const nb = await openNotebook(workspace);
      try {
        const render = () => nb.writeNotebooks(files, { outDir, pdf: f.pdf, pageSize: f.page, params });
        if (f.watch) {
          await watchFiles(files, render, { log: (l) => term.out(l + '\n') });
          return;
        }
        const written = await render();
        if (!f.quiet) term.out(written.map((w) => `  ${w}`).join('\n') + '\n');
      } finally {
        nb.close();
      }
    });
}
