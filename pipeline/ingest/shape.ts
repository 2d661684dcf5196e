// Why a CSV could not be read, in the user's terms: its text encoding (UTF-16, or bytes that are not
// UTF-8, e.g. Latin-1 / Windows-1252 from an old Excel export), or the first line whose number of
// fields differs from the header's. Only run when a file is refused, or on its first bytes.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const SAMPLE_BYTES = 1 << 20;

/**
 * The first bytes of `file`, as many as `wanted` asks for its size (never more than the file: zero-filling
 * a 1 MB buffer for each small input cost ~1 ms of CPU), and the size. The one way ingest reads a file's
 * start: its encoding, its header, a small file's dialect.
 */
export async function readStart(file: string, wanted: (size: number) => number): Promise<{ bytes: Buffer; size: number }> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.max(0, Math.min(wanted(size), size)));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), size };
  } finally {
    await fh.close();
  }
}

/** A sentence about the encoding when the file is not UTF-8 text, else undefined. */
export async function encodingProblem(file: string): Promise<string | undefined> {
  const { bytes } = await readStart(file, () => SAMPLE_BYTES);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.subarray(0, 4096).includes(0);
  if (utf16) return 'is UTF-16 (or another encoding with zero bytes), not UTF-8 text: save it as "CSV UTF-8"';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: bytes.length === SAMPLE_BYTES });
    return undefined;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, bad).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    return `is not UTF-8 text: line ${line} holds byte 0x${bytes[bad]!.toString(16)} (Latin-1 / Windows-1252, as older Excel exports write it?): save it as "CSV UTF-8"`;
  }
}

function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return 0;
}

/** A plain header line: names of ASCII letters, digits and _ (not starting with a digit) between commas. */
export const PLAIN_HEADER = /^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * The column names of a CSV whose first line is plain (names of ASCII letters, digits and _ between
 * commas; no quotes, no byte-order mark), else undefined: what DuckDB reads as the header of most files,
 * known without sniffing (typed.ts checks it against DuckDB's).
 */
export async function plainHeader(file: string): Promise<string[] | undefined> {
  const text = (await readStart(file, () => 4096)).bytes.toString('latin1');
  const end = text.indexOf('\n');
  const line = end < 0 ? '' : text.slice(0, end).replace(/\r$/, '');
  return PLAIN_HEADER.test(line) ? line.split(',') : undefined;
}

type Shape = { line: number; fields: number; expected: number };

/**
 * The first record whose field count differs from the header's, with the physical line it starts on;
 * with `allowShort`, only a record with more fields than the header (a short one is padded, see reader.ts).
 */
export async function fieldCountProblem(file: string, opts: { allowShort?: boolean } = {}): Promise<Shape | undefined> {
  let expected = -1;
  let problem: Shape | undefined;
  await scanRecords(file, (line, fields) => {
    if (expected < 0) expected = fields;
    else if (fields > expected || (fields < expected && !opts.allowShort)) problem = { line, fields, expected };
    return problem !== undefined;
  });
  return problem;
}

/** Number of fields in the header (the first record). */
export async function headerFieldCount(file: string): Promise<number> {
  let count = 0;
  await scanRecords(file, (_, fields) => ((count = fields), true));
  return count;
}

/**
 * Visit each record of a CSV with the line it starts on and its number of fields, until `visit` returns
 * true. Quotes follow RFC 4180 (a quote opens a field only at its start), as in lines.ts; blank lines
 * are skipped, as DuckDB skips them.
 */
async function scanRecords(file: string, visit: (line: number, fields: number) => boolean): Promise<void> {
  let line = 1;
  let recordLine = 1;
  let fields = 1;
  let inQuotes = false;
  let quoteSeen = false;
  let fieldStart = true;
  let empty = true;
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    for (const ch of chunk as string) {
      if (quoteSeen) {
        quoteSeen = false;
        if (ch === '"') continue;
        inQuotes = false;
      }
      if (inQuotes) {
        if (ch === '"') quoteSeen = true;
        else if (ch === '\n') line += 1;
        continue;
      }
      if (ch === '\n') {
        if (!empty && visit(recordLine, fields)) return;
        line += 1;
        recordLine = line;
        fields = 1;
        empty = true;
        fieldStart = true;
        continue;
      }
      if (ch === '\r' || ch === '\uFEFF') continue;
      if (ch.trim() !== '' || ch === ',') empty = false;
      if (ch === '"' && fieldStart) inQuotes = true;
      if (ch === ',') fields += 1;
      fieldStart = ch === ',';
    }
  }
  if (!empty) visit(recordLine, fields);
}
