// `run --skip-invalid-rows --each manager` through the CLI: every per-segment quarterly pack carries the
// data-quality section with the rows set aside by file and reason, like the program-wide report.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packsRun } from './packs-fixture.js';

describe('quarterly packs show the rows set aside', () => {
  it('each pack and the program-wide report give the count per file and reason', { timeout: 300_000 }, async () => {
    // run --skip-invalid-rows --max-invalid-share 10% --each manager on data with two bad signal rows, an
    // impossible date and a value that is not a number (packs-fixture.ts, shared with packs-cli.test.ts)
    const { out, run: r } = await packsRun();
    expect(r.code).toBe(0);
    expect(r.out).toContain('Rows set aside (rejected_rows.csv): signals.csv: 1 not_a_date, 1 not_a_number.');
    const packs = readdirSync(out).filter((f) => /^quarterly-manager-\d+\.html$/.test(f));
    expect(packs.length).toBeGreaterThan(1);
    for (const f of ['quarterly.html', ...packs]) {
      const html = readFileSync(join(out, f), 'utf8');
      expect(html, f).toContain('2 rows set aside in rejected_rows.csv');
      expect(html, f).toMatch(/signals\.csv<\/td><td>not_a_date<\/td><td class="num">1</);
      expect(html, f).toMatch(/signals\.csv<\/td><td>not_a_number<\/td><td class="num">1</);
    }
    const pack = readFileSync(join(out, packs[0]!), 'utf8');
    expect(pack).toMatch(/Counts for the whole program's input files, not only Manager [^<]+\./);
    expect(readFileSync(join(out, 'quarterly.html'), 'utf8')).not.toContain('Counts for the whole program');
  });
});
