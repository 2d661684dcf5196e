// Map CSV record numbers to the physical lines where they start. DuckDB numbers records, but a quoted
// field can span lines and blank lines are skipped, so "record + 1" is not always the line a user sees.
import { createReadStream } from 'node:fs';
import type { InputIssue } from './errors.js';
import type { MappingSource } from './mapping.js';

/**
 * Physical 1-based line on which each requested record starts (record 0 = the header, 1… = data rows).
 * Reads the file only as far as the largest requested record.
 */
export async function csvRecordLines(file: string, records: readonly number[]): Promise<Map<number, number>> {
  const wanted = new Set(records);
  const last = Math.max(-1, ...records);
  const found = new Map<number, number>();
  if (last < 0) return found;
  let line = 1;
  let inQuotes = false;
  let quoteSeen = false; // inside quotes, a '"' that may close the field or start an escaped '""'
  let fieldStart = true;
  let atRecordStart = true;
  let record = -1;
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    for (const ch of chunk as string) {
      if (quoteSeen) {
        quoteSeen = false;
        if (ch === '"') continue; // '""': an escaped quote, still inside the field
        inQuotes = false; // the quote closed the field; this character is read outside quotes
      }
      if (inQuotes) {
        if (ch === '"') quoteSeen = true;
        else if (ch === '\n') line += 1;
        continue;
      }
      if (atRecordStart) {
        if (ch === '\n') {
          line += 1; // a blank line: DuckDB skips it, so it starts no record
          continue;
        }
        if (ch === '\r' || ch === '\uFEFF') continue;
        record += 1;
        if (wanted.has(record)) found.set(record, line);
        if (record >= last) return found;
        atRecordStart = false;
      }
      // A quote opens a quoted field only at the start of a field; elsewhere it is a literal character.
      if (ch === '"' && fieldStart) inQuotes = true;
      else if (ch === '\n') {
        line += 1;
        atRecordStart = true;
      }
      fieldStart = ch === ',' || ch === '\n';
    }
  }
  return found;
}

export interface IssueSource {
  file: string;
  isCsv: boolean;
  /** Known record → line map (a converted workbook's sheet rows); no file scan needed. */
  rowOf?: number[];
  /** A `.sql` mapping's rows: the export file and data row each came from, and those files. */
  origins?: { file: string; row: number }[];
  mappingSources?: Map<string, MappingSource>;
}

/** Line (CSV, sheet) or record (Parquet, JSON) of data rows `rows` of one file. */
async function linesOf(src: { file: string; isCsv: boolean; rowOf?: number[] }, rows: number[]): Promise<(r: number) => number> {
  if (src.rowOf) return (r) => src.rowOf![r] ?? r + 1;
  if (!src.isCsv) return (r) => r;
  const lines = await csvRecordLines(src.file, rows);
  return (r) => lines.get(r) ?? r + 1;
}

/** For issues in a mapping's rows: name the export file and line each row came from. */
async function resolveOrigins(list: InputIssue[], src: IssueSource): Promise<void> {
  const byFile = new Map<string, number[]>();
  for (const i of list) {
    const o = src.origins![i.record! - 1];
    if (o) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o.row]);
  }
  const at = new Map<string, (r: number) => number>();
  for (const [file, rows] of byFile) {
    const m = src.mappingSources?.get(file);
    if (m) at.set(file, await linesOf({ file: m.path, isCsv: m.isCsv, rowOf: m.rowOf }, rows));
  }
  for (const i of list) {
    const o = src.origins![i.record! - 1];
    const line = o && at.get(o.file);
    if (o && line) i.origin = `${o.file} ${src.mappingSources!.get(o.file)!.isCsv || src.mappingSources!.get(o.file)!.rowOf ? 'line' : 'record'} ${line(o.row)}`;
  }
}

/** Turn the record numbers of `issues` into the lines (CSV) or record numbers (Parquet/JSON) users see. */
export async function resolveIssueLines(issues: InputIssue[], sources: Map<string, IssueSource>): Promise<InputIssue[]> {
  const byFile = new Map<string, InputIssue[]>();
  for (const i of issues) if (i.record !== undefined) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
  for (const [label, list] of byFile) {
    const src = sources.get(label);
    if (src?.origins) await resolveOrigins(list, src);
    const records = list.flatMap((i) => [i.record!, ...(i.firstRecord !== undefined ? [i.firstRecord] : [])]);
    const lines = src?.rowOf
      ? new Map(records.map((r) => [r, src.rowOf![r] ?? r + 1]))
      : src?.isCsv ? await csvRecordLines(src.file, records) : new Map<number, number>();
    const at = (r: number): number => (src?.isCsv ? lines.get(r) ?? r + 1 : r);
    for (const i of list) {
      i.line = at(i.record!);
      if (i.firstRecord !== undefined) i.message = i.message.replace('{first}', String(at(i.firstRecord)));
      delete i.record;
      delete i.firstRecord;
    }
  }
  return issues;
}
