// The dialect of a plain CSV, known from its bytes without asking DuckDB's sniffer. On a small file the
// sniff is most of the price of reading it (signals of 10 partners × 15 months: ~17 ms CPU to sniff against
// ~2 ms to read it all), and most files are plain: pure ASCII, comma-separated, one header line of plain
// names, every line with the header's number of commas, no quote, escape, comment or other delimiter
// character anywhere. For such a file every dialect DuckDB can sniff reads the same rows, and sniff_csv
// reports this one (test/ingest/plain-dialect.test.ts holds the two equal, for the DuckDB it names); any other
// file is sniffed.
import type { CsvDialect } from './reader.js';
import { PLAIN_HEADER, readStart } from './shape.js';

/** Files up to this size are scanned; a bigger one is sniffed (the scan would cost more than the sniff). */
const PLAIN_SCAN_MAX_BYTES = 16 << 20;
/** Longer lines are left to the sniffer (DuckDB's own limit, max_line_size, is 2 MB). */
const MAX_LINE_BYTES = 1 << 20;

const OTHER = 0;
const COMMA = 1;
const NEWLINE = 2;
const REFUSED = 3;
/**
 * Byte classes. Refused: the other delimiters DuckDB tries (; | tab), the quotes (" '), the comment
 * character (#), CR (another newline), NUL and every byte of a non-ASCII character (an encoding question
 * the sniffer answers: shape.ts words it).
 */
const CLASS = (() => {
  const c = new Uint8Array(256);
  for (let b = 0x80; b < 256; b++) c[b] = REFUSED;
  for (const ch of ';|\t"\'#\r\0') c[ch.charCodeAt(0)] = REFUSED;
  c[0x2c] = COMMA;
  c[0x0a] = NEWLINE;
  return c;
})();

/** The dialect sniff_csv reports for `file` when it is plain (see above), else undefined. */
export async function plainDialect(file: string): Promise<CsvDialect | undefined> {
  const bytes = await readSmall(file);
  return bytes && plainDialectOf(bytes);
}

/** `plainDialect` of a file's bytes. */
export function plainDialectOf(bytes: Uint8Array): CsvDialect | undefined {
  let commas = 0;
  let expected = -1;
  let lineStart = 0;
  let headerEnd = -1;
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) {
    const k = CLASS[bytes[i]!]!;
    if (k === OTHER) continue;
    if (k === COMMA) commas++;
    else if (k === REFUSED) return undefined;
    else {
      // an empty line, a line with another field count or an over-long line: the sniffer decides
      if (i === lineStart || i - lineStart > MAX_LINE_BYTES) return undefined;
      if (expected < 0) {
        expected = commas;
        headerEnd = i;
      } else if (commas !== expected) return undefined;
      lines++;
      commas = 0;
      lineStart = i + 1;
    }
  }
  if (lineStart < bytes.length) {
    // a last line without a newline
    if (expected < 0 || commas !== expected || bytes.length - lineStart > MAX_LINE_BYTES) return undefined;
    lines++;
  }
  // a header and at least one row, of two columns or more
  if (lines < 2 || expected < 1) return undefined;
  const header = new TextDecoder().decode(bytes.subarray(0, headerEnd));
  if (!PLAIN_HEADER.test(header)) return undefined;
  const columns = header.split(',');
  if (new Set(columns.map((c) => c.toLowerCase())).size !== columns.length) return undefined;
  // as sniff_csv spells them: no quote, escape or comment character, '\n' (the two characters) as the newline
  return { delim: ',', quote: '', escape: '', newLine: '\\n', comment: '', skip: 0, columns };
}

/** The file's bytes when it is at most PLAIN_SCAN_MAX_BYTES long, else undefined (a bigger one is not read). */
async function readSmall(file: string): Promise<Uint8Array | undefined> {
  const { bytes, size } = await readStart(file, (n) => (n <= PLAIN_SCAN_MAX_BYTES ? n : 0));
  return size > 0 && bytes.length === size ? bytes : undefined;
}
