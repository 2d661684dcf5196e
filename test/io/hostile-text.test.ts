// Hostile text in CSV and terminal output (the HTML cases are in test/render and test/report): spreadsheet
// formulas are neutralised in every CSV the program writes, terminal controls are made visible in what it prints.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvDocument, csvField, neutraliseFormula } from '../../pipeline/io/csv.js';
import { terminalCell, terminalText } from '../../pipeline/io/terminal.js';
import { generateDemo, writeDemoData } from '../../pipeline/demo/index.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/workspace.js';

const FORMULAS = ['=HYPERLINK("http://x.invalid","click")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3', '\t=1', '\r=1'];
const ESCAPES = '\u001b]0;pwned\u0007\u001b[2J';

describe('CSV formula neutralising (OWASP)', () => {
  it('prefixes text starting with = + - @ TAB CR with a single quote', () => {
    for (const f of FORMULAS) expect(neutraliseFormula(f), f).toBe(`'${f}`);
    expect(csvField('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
  });

  it('leaves ordinary text and numbers alone, including negative numbers written as text', () => {
    expect(neutraliseFormula('Acme = Sons')).toBe('Acme = Sons');
    expect(neutraliseFormula('-5')).toBe('-5');
    expect(neutraliseFormula('+1.5e3')).toBe('+1.5e3');
    expect(csvField(-5)).toBe('-5');
    expect(csvDocument(['a', 'b'], [[-1.25, '@x'], [null, 'ok']])).toBe("a,b\n-1.25,'@x\n,ok\n");
  });
});

describe('terminal text', () => {
  it('shows control characters as escapes, keeping line breaks in messages', () => {
    expect(terminalText(`name ${ESCAPES}\nnext`)).toBe('name \\x1b]0;pwned\\x07\\x1b[2J\nnext');
    expect(terminalCell('a\nb\tc\u202ed')).toBe('a\\x0ab\\x09c\\u202ed');
    expect(terminalText('plain – ü ✓')).toBe('plain – ü ✓');
  });
});

describe('hostile names through a run', () => {
  const data = tempDir();
  const out = tempDir();
  const ids = ['=HYPERLINK("http://x.invalid","click")', "+cmd|' /C calc'!A0", '@SUM(1)'];
  let runErr = '';

  beforeAll(async () => {
    await writeDemoData(data, generateDemo({ seed: 8, partners: 12, months: 18 }));
    // Partner ids P0001–P0003 become formulas (quoted as CSV needs) in every input file.
    for (const f of ['partners.csv', 'signals.csv', 'deals.csv', 'interventions.csv']) {
      let text = readFileSync(join(data, f), 'utf8');
      ids.forEach((id, i) => (text = text.replaceAll(`P000${i + 1},`, `"${id.replace(/"/g, '""')}",`)));
      writeFileSync(join(data, f), text);
    }
    // an unknown signal whose name would retitle the terminal and clear the screen
    writeFileSync(join(data, 'signals.csv'), readFileSync(join(data, 'signals.csv'), 'utf8') + `P0004,evil${ESCAPES},2025-01-31,1,\n`);
    // No partner pages: this file reads the CSVs and the terminal output (the HTML cases are elsewhere)
    const r = await cli(['run', '--data', data, '--out', out, '--bootstrap', '20', '--partner-pages', 'none']);
    expect(r.code, r.err).toBe(0);
    runErr = r.err;
  }, 180_000);

  it('scores.csv and labels.csv neutralise formula partner ids; numbers stay numbers', () => {
    for (const file of ['scores.csv', 'labels.csv']) {
      const text = readFileSync(join(out, file), 'utf8');
      const firstFields = text.trim().split('\n').slice(1).map((l) => l.match(/^("(?:[^"]|"")*"|[^,]*)/)![1]!);
      expect(firstFields.filter((f) => /^"?[=+@]/.test(f)), file).toEqual([]);
      expect(text, file).toContain(`"'=HYPERLINK(""http://x.invalid"",""click"")"`);
      expect(text, file).toContain(`'@SUM(1)`);
    }
    const row = readFileSync(join(out, 'scores.csv'), 'utf8').split('\n').find((l) => l.startsWith('P0005,'))!;
    // … coverage, then trend (a number or empty), band_reason and name (text)
    expect(row).toMatch(/^P0005,\d{4}-\d{2}-\d{2},[\d.]*,[\d.]*,[\d.]*,[\d.]*,(green|yellow|red)?,[\d.]+,-?[\d.]*,[^,]+,[^,]+$/);
  });

  it('CLI warnings show a hostile signal name with visible escapes', () => {
    expect(runErr).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J');
    expect(runErr).not.toContain('\u001b');
  });

  it('sql --format csv neutralises text, and table output cannot drive the terminal', async () => {
    const ws = join(out, 'workspace.duckdb');
    const csv = await cli(['sql', `SELECT partner_id, -5 AS n, '-7' AS t FROM partners ORDER BY partner_id LIMIT 3`, '--workspace', ws, '--format', 'csv']);
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out).toBe(`partner_id,n,t\n'+cmd|' /C calc'!A0,-5,-7\n"'=HYPERLINK(""http://x.invalid"",""click"")",-5,-7\n'@SUM(1),-5,-7\n`);
    const table = await cli(['sql', `SELECT DISTINCT signal FROM signals WHERE signal LIKE 'evil%'`, '--workspace', ws]);
    expect(table.code, table.err).toBe(0);
    expect(table.out).not.toContain('\u001b');
    expect(table.out).toContain('evil\\x1b]0;pwned');
  });
});
