// `partner-health export`: a run's scores, watchlist, evidence, labels or backtest rows for BI tools.
import { join } from 'node:path';
import { openReadOnly, workspaceFile } from '../workspace/db.js';
import { validateModel } from '../model/load.js';
import { exportQuery, EXPORT_KINDS, type ExportKind } from './queries.js';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from './write.js';

export { EXPORT_KINDS, EXPORT_FORMATS, exportQuery, type ExportKind, type ExportFormat };

export interface Exported { kind: ExportKind; path: string; rows: number }

/** Write each kind to `<outDir>/<kind>.<format>` from the run directory or workspace file `workspace`. */
export async function exportRun(workspace: string, kinds: ExportKind[], format: ExportFormat, outDir: string): Promise<Exported[]> {
  const path = workspaceFile(workspace);
  // File access on (DuckDB writes the Parquet), but read-only: an export cannot change the run.
  const db = await openReadOnly(path, { fileAccess: true });
  try {
    const [info] = (await (await db.connection.runAndReadAll('SELECT model_json FROM run_info')).getRowObjectsJS()) as { model_json: string }[];
    if (!info) throw new Error(`${path}: run_info is empty; run \`partner-health run\` again`);
    const model = validateModel(JSON.parse(info.model_json), `${path} (run_info.model_json)`);
    const out: Exported[] = [];
    for (const kind of kinds) {
      const file = join(outDir, `${kind}.${format}`);
      out.push({ kind, path: file, rows: await writeExport(db.connection, exportQuery(kind, model), format, file) });
    }
    return out;
  } finally {
    db.close();
  }
}
