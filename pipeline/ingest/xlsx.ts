// Excel inputs: the first worksheet is converted to a temporary CSV that DuckDB then reads like any other,
// so validation and messages are identical. Values come from the cells themselves, never from their
// display format (a number shown as "6" stays 6.456; a 13-digit id is not turned into 1.23E+12), and
// dates are read from Excel's serial number, not through a JS Date, so no timezone can shift them.
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
// xlsx is loaded when a workbook is read: importing it costs ~0.4 s of every command's start
import type * as Xlsx from 'xlsx';
type XlsxModule = Pick<typeof Xlsx, 'SSF'>;
import { csvQuote } from '../io/csv.js';

export interface ConvertedSheet {
  /** Path of the temporary CSV. */
  csv: string;
  /** Sheet row (1-based) of each CSV record: [0] is the header row, [k] is data record k. */
  rowOf: number[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

function cellText(XLSX: XlsxModule, cell: Xlsx.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n') {
    const v = cell.v as number;
    if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
      // a serial number outside Excel's calendar (1e7, -5) is no date: pass the number on, and ingest
      // refuses it as "expected a date" with its sheet row
      const d = XLSX.SSF.parse_date_code(v) as { y: number; m: number; d: number } | null;
      if (!d || d.y < 1900 || d.y > 9999) return String(v);
      return `${d.y}-${pad(d.m)}-${pad(d.d)}`;
    }
    return String(v);
  }
  if (cell.t === 'b') return cell.v ? 'true' : 'false';
  if (cell.t === 'e') return cell.w ?? '#ERROR';
  return String(cell.v);
}

/**
 * An .xlsx is a ZIP archive. Anything else (random bytes, a renamed CSV, an old .xls) would otherwise be
 * parsed as text by the library and its bytes end up in messages as "column names".
 */
function checkZip(file: string): void {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(8);
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (head.readUInt32BE(0) === 0x504b0304) return;
  const xls = head.readUInt32BE(0) === 0xd0cf11e0;
  throw new Error(xls
    ? 'this is an old .xls workbook: open it in Excel and save it as .xlsx (or as CSV UTF-8)'
    : 'this is not an Excel workbook (an .xlsx file is a ZIP archive): save the sheet from Excel as .xlsx, or as CSV UTF-8');
}

/** Convert the first worksheet; rows whose cells are all empty are skipped, like blank CSV lines. */
export async function xlsxToCsv(file: string): Promise<ConvertedSheet> {
  checkZip(file);
  const XLSX = (await import('xlsx')).default;
  const book = XLSX.readFile(file, { cellNF: true }); // keep number formats: they tell dates from numbers
  const first = book.SheetNames[0];
  if (first === undefined) throw new Error('the workbook has no worksheet');
  const sheet = book.Sheets[first]!;
  const lines: string[] = [];
  const rowOf: number[] = [];
  if (sheet['!ref']) {
    const range = XLSX.utils.decode_range(sheet['!ref']);
    for (let r = range.s.r; r <= range.e.r; r++) {
      const cells: string[] = [];
      for (let c = range.s.c; c <= range.e.c; c++) cells.push(cellText(XLSX, sheet[XLSX.utils.encode_cell({ r, c })] as Xlsx.CellObject | undefined));
      if (cells.every((v) => v.trim() === '')) continue;
      lines.push(cells.map(csvQuote).join(','));
      rowOf.push(r + 1);
    }
  }
  if (lines.length === 0) throw new Error(`the first worksheet ('${first}') is empty (expected a header row and data rows)`);
  const dir = await mkdtemp(join(tmpdir(), 'partner-health-xlsx-'));
  const csv = join(dir, basename(file).replace(/\.xlsx$/i, '.csv'));
  await writeFile(csv, lines.join('\n') + '\n');
  return { csv, rowOf };
}
