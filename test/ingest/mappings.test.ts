// NAME.sql mappings: the shipped Salesforce and HubSpot examples run end to end, rows are validated like
// a file's (messages name the .sql and the export line), and the sandbox reads nothing outside the data
// directory and writes nothing.
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLabels } from '../../pipeline/label/labels.js';
import { loadModel } from '../../pipeline/model/load.js';
import { REPO, refuse, scoreDir, tempDir } from '../helpers/workspace.js';

const EXAMPLES = join(REPO, 'examples/mappings');

const CRM_MODEL = join(EXAMPLES, 'crm-model.json');

/** A copy of an example directory (tests never write into the repository). */
function example(name: string): string {
  const dir = tempDir();
  cpSync(join(EXAMPLES, name), dir, { recursive: true });
  return dir;
}

describe('Salesforce example mapping (opportunities report + opportunity history report)', () => {
  it('ingests, scores and labels; the deal pushed three times is a miss only with its history', async () => {
    const { ws, cutoff } = await scoreDir(example('salesforce'), await loadModel(CRM_MODEL));
    expect(cutoff).toBe('2024-12-28');
    expect(await ws.query('SELECT count(*)::INTEGER AS n FROM partners')).toEqual([{ n: 3 }]);
    expect(await ws.query(`SELECT deal_id, partner_id, registered_on, expected_close_on, status, amount, closed_on FROM deals WHERE deal_id = '0061x00000AbC02'`))
      .toEqual([{ deal_id: '0061x00000AbC02', partner_id: 'Northwind Integrators', registered_on: '2024-02-01', expected_close_on: '2024-09-20', status: 'won', amount: 120000, closed_on: '2024-09-20' }]);
    expect(await ws.query(`SELECT changed_on, expected_close_on, stage, status FROM deal_history WHERE deal_id = '0061x00000AbC02' ORDER BY changed_on`)).toEqual([
      { changed_on: '2024-02-01', expected_close_on: '2024-05-15', stage: 'Qualification', status: 'open' },
      { changed_on: '2024-05-10', expected_close_on: '2024-06-28', stage: 'Needs Analysis', status: 'open' },
      { changed_on: '2024-06-25', expected_close_on: '2024-08-15', stage: 'Proposal/Price Quote', status: 'open' },
      { changed_on: '2024-08-12', expected_close_on: '2024-09-30', stage: 'Negotiation/Review', status: 'open' },
      { changed_on: '2024-09-20', expected_close_on: '2024-09-20', stage: 'Closed Won', status: 'won' },
    ]);
    // Globex's pushes on May 10 and Jun 25 fall in Northwind's 90-day window at Jun 30
    expect(await ws.query(`SELECT raw_value FROM signal_values WHERE signal = 'close_date_pushes' AND partner_id = 'Northwind Integrators' AND as_of = '2024-06-30'`))
      .toEqual([{ raw_value: 2 }]);
    await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff });
    const globex = await ws.query(`SELECT as_of, expected_close_on, miss_reason FROM label_deals WHERE deal_id = '0061x00000AbC02' ORDER BY as_of`);
    expect(globex).toEqual([
      { as_of: '2024-02-29', expected_close_on: '2024-05-15', miss_reason: 'closed_late' },
      { as_of: '2024-03-31', expected_close_on: '2024-05-15', miss_reason: 'closed_late' },
      { as_of: '2024-04-30', expected_close_on: '2024-05-15', miss_reason: 'closed_late' },
      { as_of: '2024-05-31', expected_close_on: '2024-06-28', miss_reason: 'closed_late' },
      { as_of: '2024-06-30', expected_close_on: '2024-08-15', miss_reason: 'closed_late' },
      { as_of: '2024-07-31', expected_close_on: '2024-08-15', miss_reason: 'closed_late' },
      { as_of: '2024-08-31', expected_close_on: '2024-09-30', miss_reason: null },
    ]);
    const [effect] = await ws.query<{ m: number }>('SELECT missed_deals_final_dates AS m FROM label_history_effect');
    const [withHistory] = await ws.query<{ m: number }>('SELECT count(DISTINCT deal_id)::INTEGER AS m FROM label_deals WHERE miss_reason IS NOT NULL');
    expect(withHistory!.m).toBeGreaterThan(effect!.m);
    ws.close();
  });
});

describe('HubSpot example mapping (deals export)', () => {
  it('ingests, scores and labels the export as it comes', async () => {
    const { ws, cutoff } = await scoreDir(example('hubspot'), await loadModel(CRM_MODEL));
    expect(await ws.query(`SELECT deal_id, partner_id, registered_on, expected_close_on, status, closed_on, stage FROM deals WHERE deal_id = '9876543224'`))
      .toEqual([{ deal_id: '9876543224', partner_id: 'Contoso Consulting', registered_on: '2024-02-15', expected_close_on: '2024-06-03', status: 'lost', closed_on: '2024-06-03', stage: 'Closed lost' }]);
    expect(await ws.query('SELECT status, count(*)::INTEGER AS n FROM deals GROUP BY status ORDER BY status'))
      .toEqual([{ status: 'lost', n: 2 }, { status: 'open', n: 3 }, { status: 'won', n: 7 }]);
    const counts = await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff });
    expect(counts.distinctMissedDealsFinalDates).toBeNull(); // no history: slips measured against final dates
    expect(counts.population).toBeGreaterThan(0);
    ws.close();
  });
});

const PARTNERS = 'partner_id,name\nP1,One\n';
const SIGNALS = 'partner_id,signal,observed_on,value\nP1,portal_logins,2024-01-05,3\n';
const EXPORT = 'Id,Partner,Created,Close,State,Value\nD1,P1,2024-01-02,2024-03-01,open,10\nD2,P1,2024-02-31,2024-03-01,open,10\n';
const MAPPING = `SELECT "Id" AS deal_id, "Partner" AS partner_id, "Created" AS registered_on, "Close" AS expected_close_on,
  "State" AS status, "Value" AS amount, __file, __row FROM crm_export`;

describe('mappings are validated like files and sandboxed', () => {
  it('names the .sql file and the export line a bad row came from', async () => {
    const e = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'crm-export.csv': EXPORT, 'deals.sql': MAPPING });
    expect(e.message).toContain('deals.sql, record 2, from crm-export.csv line 3, column registered_on: expected a date');
  });

  it('refuses a mapping that reads a file outside the data directory, by relative or absolute path', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.csv'), 'deal_id\nS1\n');
    for (const path of ['../secret.csv', join(outside, 'secret.csv'), '/etc/passwd']) {
      const e = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'deals.sql': `SELECT * FROM read_csv('${path}')` });
      expect(e.message).toMatch(/deals\.sql: cannot be run: Permission Error.*a mapping cannot open files itself/);
    }
  });

  it('refuses anything but one SELECT, and writes nothing', async () => {
    const target = join(tempDir(), 'written.csv');
    const copy = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'crm-export.csv': EXPORT, 'deals.sql': `COPY (SELECT * FROM crm_export) TO '${target}'` });
    expect(copy.message).toContain('deals.sql: cannot be run: Permission Error'); // the sandbox has no file access at all
    expect(existsSync(target)).toBe(false);
    const create = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'crm-export.csv': EXPORT, 'deals.sql': 'CREATE TABLE x AS SELECT * FROM crm_export' });
    expect(create.message).toContain('deals.sql: is not a SELECT (a mapping may only read, never write or change settings)');
    const two = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'crm-export.csv': EXPORT, 'deals.sql': 'SELECT 1; SELECT 2' });
    expect(two.message).toContain('deals.sql: holds 2 statements (expected exactly one SELECT)');
    const settings = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'deals.sql': 'SET enable_external_access = true' });
    expect(settings.message).toContain('deals.sql: is not a SELECT');
  });

  it('names the tables a mapping can read when it names one that does not exist', async () => {
    const e = await refuse({ 'partners.csv': PARTNERS, 'signals.csv': SIGNALS, 'crm-export.csv': EXPORT, 'deals.sql': 'SELECT * FROM opportunities' });
    expect(e.message).toContain('the export files here can be read as tables crm_export, partners, signals');
  });
});
