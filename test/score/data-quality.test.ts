// The data_quality table on a hand-built input: rows and ranges, freshness, a signal that stopped,
// a partner with no data, coverage by quarter and rows set aside, each checked against the fixture.
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { scoreWorkspace } from '../../pipeline/score/index.js';
import { dataQualityView } from '../../pipeline/report/common/data-quality.js';
import { csv, model, writeDir } from '../helpers/workspace.js';

const MODEL = model({
  name: 'dq', version: '1', description: 'two dimensions', min_coverage: 0.5,
  dimensions: { engagement: { label: 'Engagement', weight: 0.5 }, sentiment: { label: 'Sentiment', weight: 0.5 } },
  signals: {
    portal_logins: { dimension: 'engagement', aggregation: 'sum', window_days: 90, direction: 'higher', normalization: { method: 'linear', floor: 0, target: 10 }, weight: 1 },
    relationship_sentiment: { dimension: 'sentiment', aggregation: 'last', window_days: 90, direction: 'higher', normalization: { method: 'linear', floor: 1, target: 5 }, weight: 1 },
  },
  bands: { green_min: 70, red_below: 40 },
  playbooks: [{ band: 'yellow', weakest: '*', playbook: 'outreach_call', action: 'Call.' }, { band: 'red', weakest: '*', playbook: 'exec_sponsor', action: 'Escalate.' }],
});

describe('data quality', () => {
  it('records rows, freshness, stopped signals, partners without data, coverage and rows set aside', async () => {
    const logins = Array.from({ length: 12 }, (_, m) => ['P1', 'portal_logins', `2024-${String(m + 1).padStart(2, '0')}-10`, 5, 'portal']);
    const dir = writeDir({
      'partners.csv': csv(['partner_id', 'name'], [['P1', 'One'], ['P2', 'Two'], ['P3', 'Silent']]),
      'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value', 'source'], [
        ...logins, ...logins.map((r) => ['P2', ...r.slice(1)]),
        ['P1', 'relationship_sentiment', '2024-02-01', 4, 'qbr'], ['P2', 'relationship_sentiment', '2024-05-01', 3, 'qbr'],
        ['P1', 'portal_logins', '2024-13-01', 1, 'portal'], // set aside: not a date
      ]),
      'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'], [['D1', 'P1', '2024-01-05', '2024-03-01', 'won', 10, '2024-02-20']]),
    });
    const ws = await openWorkspace(':memory:');
    await ingest(ws, dir, MODEL, { quarantine: { skipInvalidRows: true, maxInvalidShare: 0.05 }, today: '2025-01-01' });
    await scoreWorkspace(ws, MODEL, '2024-12-31');
    const facts = await ws.query('SELECT "check", input, subject, value, first_on::VARCHAR AS first_on, last_on::VARCHAR AS last_on FROM data_quality');
    const of = (c: string) => facts.filter((f) => (f as { check: string }).check === c);
    expect(of('rows')).toEqual([
      { check: 'rows', input: 'deal_history', subject: null, value: 0, first_on: null, last_on: null },
      { check: 'rows', input: 'deals', subject: null, value: 1, first_on: '2024-01-05', last_on: '2024-02-20' },
      { check: 'rows', input: 'interventions', subject: null, value: 0, first_on: null, last_on: null },
      { check: 'rows', input: 'partners', subject: null, value: 3, first_on: null, last_on: null },
      { check: 'rows', input: 'signals', subject: null, value: 26, first_on: '2024-01-10', last_on: '2024-12-10' },
    ]);
    expect(of('freshness')).toEqual([
      { check: 'freshness', input: 'signals', subject: 'portal_logins / portal', value: 21, first_on: '2024-01-10', last_on: '2024-12-10' },
      { check: 'freshness', input: 'signals', subject: 'relationship_sentiment / qbr', value: 244, first_on: '2024-02-01', last_on: '2024-05-01' },
    ]);
    expect(of('stopped').map((s) => (s as { subject: string }).subject)).toEqual(['relationship_sentiment / qbr']);
    expect(of('no_data').map((s) => (s as { subject: string }).subject)).toEqual(['P3']);
    expect(of('rejected')).toEqual([{ check: 'rejected', input: 'signals.csv', subject: 'not_a_date', value: 1, first_on: null, last_on: null }]);
    // sentiment is scored (last value within 90 days) for P1 at Mar 31 only, P2 at Jun 30 only: 1 of the 2
    // partners in the snapshots (P3, with no data at all, never enters them)
    const coverage = of('coverage').filter((c) => (c as { subject: string }).subject === 'sentiment').map((c) => [(c as { first_on: string }).first_on, (c as { value: number }).value]);
    expect(coverage).toEqual([['2024-03-31', 0.5], ['2024-06-30', 0.5], ['2024-09-30', 0], ['2024-12-31', 0]]);
    const view = (await dataQualityView(ws))!;
    expect(view.lead).toBe('3 inputs with data; 1 row set aside in rejected_rows.csv; 1 signal stopped reporting; 1 partner without any data.');
    ws.close();
  });
});
