// The shipped example mappings run end to end on their sample exports (quoted, with Salesforce's report
// footer, as the CRMs write them): Salesforce reports in either date order, Salesforce Data Loader files,
// HubSpot's deals export and property history. The sandbox itself: mapping-sandbox.test.ts.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLabels } from '../../pipeline/label/labels.js';
import { loadModel } from '../../pipeline/model/load.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { InputError } from '../../pipeline/ingest/errors.js';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { buildDealTimeline } from '../../pipeline/score/deal-state.js';
import { once } from '../helpers/fixtures.js';
import { REPO, scoreDir, tempDir } from '../helpers/workspace.js';
import { int } from '../../pipeline/workspace/rows.js';

const EXAMPLES = join(REPO, 'examples/mappings');

const CRM_MODEL = join(EXAMPLES, 'crm-model.json');

/** A copy of an example directory (tests never write into the repository). */
function example(name: string): string {
  const dir = tempDir();
  cpSync(join(EXAMPLES, name), dir, { recursive: true });
  return dir;
}

/**
 * The Salesforce example as shipped, ingested, scored and labelled once for the tests that only read it
 * (the deals, the history, the timeline, the scores and labels); a test that changes files makes its own.
 * Labelling adds only its own tables (label_deals, labels, label_history_effect). One scoring pass instead
 * of two (each ~0.45 CPU s: ingest ~0.3, scoring ~0.13 on this example).
 */
let opened: Awaited<ReturnType<typeof scoreDir>> | undefined;
const salesforce = once(async () => {
  opened = await scoreDir(example('salesforce'), await loadModel(CRM_MODEL));
  await buildLabels(opened.ws, { horizonDays: 90, graceDays: 14, cutoff: opened.cutoff });
  return opened;
});
afterAll(() => opened?.ws.close());

/**
 * `dir` ingested in memory with the CRM model, and with `timeline` its deal_timeline built as scoring builds
 * it: for the tests that read only the ingested tables and the deal states, not scores (saves a scoring pass).
 */
async function ingestedExample(dir: string, timeline = false): Promise<Workspace> {
  const ws = await openWorkspace(':memory:');
  await ingest(ws, dir, await loadModel(CRM_MODEL));
  if (timeline) await buildDealTimeline(ws);
  return ws;
}

describe('Salesforce example mapping (opportunities report + opportunity history report)', () => {
  it('ingests, scores and labels; the deal pushed three times is a miss only with its history', async () => {
    const { ws, cutoff } = await salesforce();
    expect(cutoff).toBe('2024-12-28');
    expect(await ws.query('SELECT count(*)::INTEGER AS n FROM partners')).toEqual([{ n: 3 }]);
    // 12 opportunities and 29 history rows: the footer lines are not deals
    expect(await ws.query('SELECT (SELECT count(*) FROM deals)::INTEGER AS d, (SELECT count(*) FROM deal_history)::INTEGER AS h')).toEqual([{ d: 12, h: 29 }]);
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
    expect(await ws.query(`SELECT raw_value FROM signal_scores WHERE signal = 'close_date_pushes' AND partner_id = 'Northwind Integrators' AND as_of = '2024-06-30'`))
      .toEqual([{ raw_value: 2 }]);
    // labelled by the fixture: buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff })
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
    const [effect] = await ws.rows({ m: int },'SELECT missed_deals_final_dates AS m FROM label_history_effect');
    const [withHistory] = await ws.rows({ m: int },'SELECT count(DISTINCT deal_id)::INTEGER AS m FROM label_deals WHERE miss_reason IS NOT NULL');
    expect(withHistory!.m).toBeGreaterThan(effect!.m);
  });
});

/** The sample exports as a user with day-first (en_GB) dates would get them. */
function dayFirst(dir: string): string {
  for (const f of ['opportunities.csv', 'opportunity_history.csv']) {
    const p = join(dir, f);
    writeFileSync(p, readFileSync(p, 'utf8').replace(/(\d{1,2})\/(\d{1,2})\/(\d{4})/g, '$2/$1/$3'));
  }
  return dir;
}

/** What ingesting `dir` refuses with (fails the test if it is accepted). */
async function refusal(dir: string): Promise<string> {
  const ws = await openWorkspace(':memory:');
  try {
    await ingest(ws, dir, await loadModel(CRM_MODEL));
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  } finally {
    ws.close();
  }
  throw new Error('ingest accepted the export');
}

describe('Salesforce report dates in the exporting user\'s locale', () => {
  const TABLES = `SELECT (SELECT list(d ORDER BY deal_id) FROM deals d)::VARCHAR AS deals,
                         (SELECT list(h ORDER BY deal_id, changed_on, expected_close_on) FROM deal_history h)::VARCHAR AS history`;

  it('reads a day-first export exactly as the month-first one', async () => {
    const us = await salesforce();
    const gb = await ingestedExample(dayFirst(example('salesforce')));
    const [a, b] = [await us.ws.query(TABLES), await gb.query(TABLES)];
    expect(b).toEqual(a);
    expect(String(a[0]!.deals)).toContain('2024-09-20');
    gb.close();
  });

  it('refuses a date impossible in the file\'s order, naming file, line and column', async () => {
    const dir = dayFirst(example('salesforce'));
    const p = join(dir, 'opportunities.csv');
    // Initech's close date written month first (6/13) in a day-first file
    writeFileSync(p, readFileSync(p, 'utf8').replace('"3/6/2024","15/2/2024"', '"6/13/2024","15/2/2024"'));
    expect(await refusal(dir)).toContain('deals.sql, record 3, from opportunities.csv line 4, column expected_close_on: expected a date');
  });

  it('refuses an export whose dates could be either order', async () => {
    const dir = example('salesforce');
    const p = join(dir, 'opportunities.csv');
    const lines = readFileSync(p, 'utf8').split('\n');
    // keep the header, Acme (4/12 and 1/10) and the footer: no part above 12
    writeFileSync(p, [lines[0], lines[1], ...lines.slice(13)].join('\n'));
    expect(await refusal(dir)).toContain('deals.sql: cannot be run: Invalid Input Error: opportunities.csv: cannot tell whether dates are month/day or day/month');
  });
});

describe('history mappings order changes by their full time', () => {
  it('a Salesforce history report in any row order gives the same states; of two changes on one day the later wins', async () => {
    const TIMELINE = 'SELECT deal_id, valid_from, expected_close_on, stage FROM deal_timeline ORDER BY deal_id, valid_from';
    const base = await salesforce();
    const expected = (await base.ws.query(TIMELINE)).map((t) =>
      // Cyberdyne, pushed again at 4:15 PM the day it moved to Proposal at 10:36 AM
      t.deal_id === '0061x00000AbC10' && t.valid_from === '2024-12-10' ? { ...t, expected_close_on: '2025-03-31' } : t);
    const dir = example('salesforce');
    const p = join(dir, 'opportunity_history.csv');
    const [header, ...rest] = readFileSync(p, 'utf8').split('\n');
    const data = rest.filter((l) => l.includes('0061x00000AbC'));
    const later = '"Dana Reyes","Cyberdyne edge pilot","0061x00000AbC10","Proposal/Price Quote","Proposal/Price Quote","36,000.00","75","3/31/2025","12/10/2024 4:15 PM","Dana Reyes"';
    writeFileSync(p, [header, later, ...data.reverse(), ''].join('\n'));
    const ws = await ingestedExample(dir, true);
    expect(await ws.query(TIMELINE)).toEqual(expected);
    ws.close();
  });
});

describe('Salesforce Data Loader mappings (Opportunity, OpportunityFieldHistory, Account)', () => {
  // The same opportunities as the report example, as API-name files with ISO dates and 18-character ids,
  // and the history as one row per changed field: the state as known on every day must be the same.
  const TIMELINE = `SELECT left(deal_id, 15) AS deal, valid_from, expected_close_on, amount, stage, is_open, pushes FROM deal_timeline ORDER BY deal, valid_from`;
  const DEALS = `SELECT left(deal_id, 15) AS deal, registered_on, expected_close_on, status, amount, closed_on, stage FROM deals ORDER BY deal`;

  it('gives the deals and the day-by-day deal state of the report export, from field history plus a creation row', async () => {
    const report = await salesforce();
    const loader = { ws: await ingestedExample(example('salesforce-dataloader'), true) };
    expect(await loader.ws.query('SELECT partner_id, name FROM partners ORDER BY partner_id')).toEqual([
      { partner_id: '0011x00000Pa001AAA', name: 'Northwind Integrators' }, { partner_id: '0011x00000Pa002AAA', name: 'Contoso Consulting' },
      { partner_id: '0011x00000Pa003AAA', name: 'Fabrikam Systems' },
    ]);
    expect(await loader.ws.query(DEALS)).toEqual(await report.ws.query(DEALS));
    const timeline = await loader.ws.query(TIMELINE);
    expect(timeline).toEqual(await report.ws.query(TIMELINE));
    // Globex before its first push: the close date it was created with (from the earliest OldValue)
    expect(timeline.filter((t) => t.deal === '0061x00000AbC02').map((t) => [t.valid_from, t.expected_close_on, t.pushes])).toEqual([
      ['2024-02-01', '2024-05-15', 0], ['2024-05-10', '2024-06-28', 1], ['2024-06-25', '2024-08-15', 2],
      ['2024-08-12', '2024-09-30', 3], ['2024-09-20', '2024-09-20', 3],
    ]);
    loader.ws.close();
  });
});

describe('HubSpot example mappings (deals export, property history)', () => {
  const DEALS = `SELECT deal_id, partner_id, status, amount, closed_on, stage FROM deals WHERE deal_id IN ('9876543224', '9876543231', '9876543238', '9876543266', '9876543280') ORDER BY deal_id`;

  it('ingests, scores and labels the export as it comes; the pushed deal is a miss only with its history', async () => {
    const { ws, cutoff } = await scoreDir(example('hubspot'), await loadModel(CRM_MODEL));
    expect(await ws.query('SELECT partner_id, name FROM partners ORDER BY partner_id')).toEqual([
      { partner_id: '2011223344', name: 'Northwind Integrators' }, { partner_id: '2011225566', name: 'Contoso Consulting' },
      { partner_id: '2011227788', name: 'Fabrikam Systems' },
    ]);
    expect(await ws.query(DEALS)).toEqual([
      { deal_id: '9876543224', partner_id: '2011225566', status: 'lost', amount: 30000, closed_on: '2024-06-03', stage: 'Closed lost' },
      { deal_id: '9876543231', partner_id: '2011225566', status: 'won', amount: 22000.5, closed_on: '2024-06-14', stage: 'Closed won' },
      // a partner pipeline's own labels: won and lost from the Is-flags; the primary company, not the first listed
      { deal_id: '9876543238', partner_id: '2011227788', status: 'won', amount: 64000, closed_on: '2024-11-29', stage: '#09 WON' },
      { deal_id: '9876543266', partner_id: '2011227788', status: 'lost', amount: 27000, closed_on: '2024-10-18', stage: '#10 Closed lost' },
      // no primary company: the first of its associated companies
      { deal_id: '9876543280', partner_id: '2011225566', status: 'won', amount: 18000, closed_on: '2024-12-06', stage: 'Closed won' },
    ]);
    expect(await ws.query('SELECT status, count(*)::INTEGER AS n FROM deals GROUP BY status ORDER BY status'))
      .toEqual([{ status: 'lost', n: 2 }, { status: 'open', n: 3 }, { status: 'won', n: 7 }]);
    // property history, newest first in the file, in time order; same-time entries keep the API's order reversed
    expect(await ws.query(`SELECT changed_on, expected_close_on, amount, stage FROM deal_history WHERE deal_id = '9876543217'`)).toEqual([
      { changed_on: '2024-02-01', expected_close_on: null, amount: null, stage: 'appointmentscheduled' },
      { changed_on: '2024-02-01', expected_close_on: '2024-05-15', amount: null, stage: null },
      { changed_on: '2024-02-01', expected_close_on: null, amount: 120000, stage: null },
      { changed_on: '2024-05-10', expected_close_on: '2024-06-28', amount: null, stage: null },
      { changed_on: '2024-06-25', expected_close_on: '2024-08-15', amount: null, stage: null },
      { changed_on: '2024-06-25', expected_close_on: null, amount: null, stage: 'presentationscheduled' },
      { changed_on: '2024-08-12', expected_close_on: '2024-09-30', amount: null, stage: null },
      { changed_on: '2024-09-20', expected_close_on: '2024-09-20', amount: null, stage: null },
      { changed_on: '2024-09-20', expected_close_on: null, amount: null, stage: 'closedwon' },
    ]);
    const counts = await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff });
    const globex = await ws.query(`SELECT as_of, expected_close_on, miss_reason FROM label_deals WHERE deal_id = '9876543217' ORDER BY as_of`);
    expect(globex.map((g) => g.miss_reason)).toEqual(['closed_late', 'closed_late', 'closed_late', 'closed_late', 'closed_late', 'closed_late', null]);
    expect(counts.distinctMissedDealsFinalDates).not.toBeNull();
    ws.close();
  });

  it('without the Is-flags and primary-company columns falls back to stage labels and the first company listed', async () => {
    const dir = example('hubspot');
    const p = join(dir, 'all-deals.csv');
    const rows = readFileSync(p, 'utf8').trim().split('\n').map((l) => l.split('","'));
    const drop = new Set([8, 9, 12, 13]); // the (Primary) columns, Is Closed Won, Is Deal Closed?
    writeFileSync(p, rows.map((r) => r.filter((_, i) => !drop.has(i)).join('","')).join('\n') + '\n');
    const ws = await ingestedExample(dir);
    expect((await ws.query(DEALS)).map((d) => [d.deal_id, d.partner_id, d.status])).toEqual([
      ['9876543224', '2011225566', 'lost'], ['9876543231', '2011225566', 'won'],
      ['9876543238', '2011227788', 'open'], // "#09 WON" is no default label: only the flags could tell
      ['9876543266', '2011227788', 'open'], ['9876543280', '2011225566', 'won'],
    ]);
    ws.close();
  });
});
