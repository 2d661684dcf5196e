// The whole pipeline on real data: the USAID SCMS delivery history through the shipped mappings, with
// bad rows set aside, run with the flags of the command examples/scms/README.md documents (the README's
// is the same). rejected_rows.csv must list exactly the lines an independent check finds bad.
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { run } from '../../pipeline/app/run.js';
import { addSettingFlags, settingsFrom } from '../../pipeline/cli/flags.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { loadModel } from '../../pipeline/model/load.js';
import { mergeSettings, type Settings } from '../../pipeline/settings.js';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { recordingEffects } from '../helpers/effects.js';
import { REPO, tempDir } from '../helpers/workspace.js';
import { text } from '../../pipeline/workspace/rows.js';

const CSV = 'Supply_Chain_Shipment_Pricing_Data.csv';

/** The data set, from SCMS_DATA or a `shared/realdata/usaid-scms/` directory beside an ancestor of the repo. */
function findData(): string | undefined {
  if (process.env.SCMS_DATA) return process.env.SCMS_DATA;
  for (let dir = REPO; dir !== dirname(dir); dir = dirname(dir)) {
    const f = join(dir, 'shared', 'realdata', 'usaid-scms', CSV);
    if (existsSync(f)) return f;
  }
  return undefined;
}

const data = findData();

/** The `run` command documented in examples/scms/README.md, continuation lines joined. */
function documentedCommand(file: string): string {
  const m = /^npx partner-health run (?:[^\n\\]|\\\n)*/m.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no run command in ${file}`);
  return m[0].replace(/\\\n\s*/g, '');
}

/** Settings from the documented flags, parsed by the CLI's own flag table; `extra` only for test speed. */
function documentedSettings(command: string, extra: string[]): Settings {
  const args = command.split(/\s+/).slice(3).map((a, i, all) => (all[i - 1] === '--model' ? join(REPO, a) : a));
  const cmd = addSettingFlags(new Command().option('--data <dir>').option('--out <dir>'), ['run', 'label', 'layout'], true);
  cmd.parse([...args, ...extra], { from: 'user' });
  return mergeSettings({}, settingsFrom(cmd.opts()));
}

describe('the documented SCMS command', () => {
  const command = documentedCommand(join(REPO, 'examples/scms/README.md'));

  it('is the one the README shows, and sets grace 0, quarantine and a 10% share', () => {
    expect(readFileSync(join(REPO, 'README.md'), 'utf8').replace(/\\\n\s*/g, '')).toContain(command);
    const s = documentedSettings(command, []);
    expect({ grace: s.graceDays, skip: s.skipInvalidRows, share: s.maxInvalidShare, model: s.modelPath })
      .toEqual({ grace: 0, skip: true, share: 0.1, model: join(REPO, 'examples/scms/scms-vendor-reliability.json') });
  });
});

describe.skipIf(!data)('SCMS real-data run', () => {
  it('runs end to end with --skip-invalid-rows; rejected_rows.csv holds exactly the bad lines; reports show the count', async () => {
    const dir = tempDir();
    for (const f of readdirSync(join(REPO, 'examples/scms')).filter((n) => n.endsWith('.sql'))) copyFileSync(join(REPO, 'examples/scms', f), join(dir, f));
    copyFileSync(data!, join(dir, CSV));
    const out = join(dir, 'out');
    const settings = documentedSettings(documentedCommand(join(REPO, 'examples/scms/README.md')), ['--bootstrap', '20', '--partner-pages', 'none']);
    const r = await run(dir, out, settings, recordingEffects());

    // independently: direct-drop lines with no PO date, or delivered / scheduled before it
    const ws = await openWorkspace(':memory:');
    const bad = await ws.rows({ id: text },
      `WITH s AS (SELECT id, try_strptime("po sent to vendor date", '%m/%d/%Y') AS po,
                         try_strptime("scheduled delivery date", '%d-%b-%y') AS sch, try_strptime("delivered to client date", '%d-%b-%y') AS del
                  FROM read_csv($f, all_varchar = true) WHERE "fulfill via" = 'Direct Drop')
       SELECT id FROM s WHERE po IS NULL OR del < po OR sch < po ORDER BY id::INTEGER`,
      { f: data! },
    );
    const rejected = await ws.rows({ id: text, reason: text, source: text },
      `SELECT json_extract_string(raw_row, '$.deal_id') AS id, reason, source FROM read_csv($f, all_varchar = true) ORDER BY id::INTEGER`,
      { f: join(out, 'rejected_rows.csv') },
    );
    ws.close();
    expect(rejected.map((x) => x.id)).toEqual(bad.map((x) => x.id));
    expect(rejected).toHaveLength(333);
    expect(rejected.every((x) => /^Supply_Chain_Shipment_Pricing_Data\.csv line \d+$/.test(x.source))).toBe(true);
    expect(r.ingest.rejected).toEqual([
      { file: 'deals.sql', reason: 'closed_before_registered', count: 5 },
      { file: 'deals.sql', reason: 'expected_before_registered', count: 4 },
      { file: 'deals.sql', reason: 'not_a_date', count: 328 },
    ]);
    expect(r.ingest.rows).toMatchObject({ partners: 72, deals: 4920 - 333 });
    expect(r.backtest.auc).toBeGreaterThan(0.5);
    expect(r.backtest.population).toBeGreaterThan(1000);

    const html = readFileSync(join(out, 'backtest.html'), 'utf8');
    expect(html).toContain('Rows set aside');
    expect(html).toMatch(/not_a_date<\/td><td class="num">328</);
    expect(html).toContain("333 rows set aside in rejected_rows.csv");
    expect(readFileSync(join(out, 'quarterly.html'), 'utf8')).toMatch(/not_a_date<\/td><td class="num">328</);

    // the 10% is needed: at the default 5% the deals are refused, with the share said
    const strict = await openWorkspace(':memory:');
    await expect(ingest(strict, dir, await loadModel(settings.modelPath!), { quarantine: { skipInvalidRows: true, maxInvalidShare: 0.05 } }))
      .rejects.toThrow('deals.sql: 333 of 4920 rows (6.8%) fail a check, more than the 5%');
    strict.close();
  });
});
