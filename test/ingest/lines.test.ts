// Record → physical line mapping used in input error messages.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { csvRecordLines } from '../../pipeline/ingest/lines.js';
import { tempDir } from '../helpers/workspace.js';
import { num, text } from '../../pipeline/workspace/rows.js';

async function check(content: string): Promise<void> {
  const file = join(tempDir(), 'x.csv');
  writeFileSync(file, content);
  // DuckDB's own record numbering, with the value of the first column to locate each record's line
  const ws = await openWorkspace(':memory:');
  const rows = await ws.rows({ id: text, rec: num },
    `SELECT id, row_number() OVER () AS rec FROM read_csv($f, all_varchar = true, header = true)`, { f: file });
  ws.close();
  const lines = await csvRecordLines(file, rows.map((r) => r.rec));
  const physical = content.replace(/^\uFEFF/, '').split('\n');
  for (const r of rows) {
    const at = lines.get(r.rec)!;
    expect(physical[at - 1]!.replace(/^"/, '').startsWith(r.id), `record ${r.rec} (${r.id}) at line ${at}`).toBe(true);
  }
  expect(rows.length).toBeGreaterThan(2);
}

describe('csvRecordLines', () => {
  it('quoted fields spanning lines, escaped quotes and blank lines', () =>
    check('id,note\nA,"one\ntwo ""quoted""\nthree"\n\nB,plain\n"C","x"\nD,y\n'));
  it('quotes inside an unquoted field are literal characters', () =>
    check('id,note\nA,27" monitor\nB,12" screen\nC,"multi\nline"\nD,end\n'));
  it('CRLF line ends and a byte-order mark', () =>
    check('\uFEFFid,note\r\nA,x\r\nB,"y\r\nz"\r\nC,w\r\n'));
  it('answers only the records asked for, the header being record 0', async () => {
    const file = join(tempDir(), 'big.csv');
    writeFileSync(file, '\nid,v\n' + Array.from({ length: 50_000 }, (_, i) => `R${i},${i}`).join('\n') + '\n');
    expect(await csvRecordLines(file, [0, 3, 50_000])).toEqual(new Map([[0, 2], [3, 5], [50_000, 50_002]]));
  });
});
