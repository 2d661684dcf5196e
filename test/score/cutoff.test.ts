import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { ingest } from '../../pipeline/ingest/ingest.js';
import { cutoffWarnings, defaultCutoff } from '../../pipeline/score/index.js';
import { csv, siModel, writeDir } from '../helpers/workspace.js';

describe('data cutoff', () => {
  it('defaults to the latest event date and warns when a source stops long before it', async () => {
    const dir = writeDir({
      'partners.csv': csv(['partner_id', 'name'], [['P1', 'One']]),
      'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value'], [['P1', 'portal_logins', '2024-06-15', 3]]),
      'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'],
        [['D1', 'P1', '2024-05-01', '2024-09-01', 'won', 10, '2024-11-20']]),
    });
    const ws = await openWorkspace(':memory:');
    await ingest(ws, dir, await siModel());
    const cutoff = await defaultCutoff(ws);
    expect(cutoff).toBe('2024-11-20');
    expect(await cutoffWarnings(ws, cutoff)).toEqual([
      'signals end on 2024-06-15, more than 62 days before the cutoff 2024-11-20: check for a stale extract or a mistyped date',
      'deal registrations end on 2024-05-01, more than 62 days before the cutoff 2024-11-20: check for a stale extract or a mistyped date',
    ]);
    expect(await cutoffWarnings(ws, '2024-07-15')).toEqual([
      'deal registrations end on 2024-05-01, more than 62 days before the cutoff 2024-07-15: check for a stale extract or a mistyped date',
    ]);
    ws.close();
  });
});
