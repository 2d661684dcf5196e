// Excel inputs: the first worksheet is converted to a temporary CSV that DuckDB then reads like any other,
// so validation and messages are identical; spreadsheet row numbers equal the CSV's line numbers.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import XLSX from 'xlsx';

export async function xlsxToCsv(file: string): Promise<string> {
  const book = XLSX.readFile(file, { cellDates: true });
  const first = book.SheetNames[0];
  if (first === undefined) throw new Error('the workbook has no worksheet');
  const sheet = book.Sheets[first]!;
  // ISO dates whatever the cell's display format (SheetJS builds dates in local time, so read local parts).
  for (const [ref, cell] of Object.entries(sheet)) {
    if (ref.startsWith('!') || (cell as XLSX.CellObject).t !== 'd') continue;
    const d = (cell as XLSX.CellObject).v as Date;
    (cell as XLSX.CellObject).w = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  // Blank rows kept so line numbers stay the sheet's row numbers.
  const csv = XLSX.utils.sheet_to_csv(sheet, { blankrows: true });
  const dir = await mkdtemp(join(tmpdir(), 'partner-health-xlsx-'));
  const out = join(dir, basename(file).replace(/\.xlsx$/i, '.csv'));
  await writeFile(out, csv);
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');
