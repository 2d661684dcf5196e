// Thin data must not crash the backtest: what cannot be computed is null, never NaN or a throw.
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../pipeline/backtest/index.js';
import { buildLabels } from '../../pipeline/label/labels.js';
import { csv, model, scoreDir, writeDir } from '../helpers/workspace.js';

const ONE_SIGNAL = model({
  name: 'small', version: '1', description: 'one signal', min_coverage: 0.5,
  dimensions: { engagement: { label: 'Engagement', weight: 1 } },
  signals: {
    portal_logins: { dimension: 'engagement', aggregation: 'sum', window_days: 90, direction: 'higher', normalization: { method: 'linear', floor: 0, target: 100 }, weight: 1 },
  },
  bands: { green_min: 70, red_below: 40 },
  playbooks: [{ band: 'yellow', weakest: '*', playbook: 'outreach_call', action: 'Call.' }],
});

function dir(deals: (string | number)[][]): string {
  const signals = Array.from({ length: 12 }, (_, m) => ['P1', 'portal_logins', `2024-${String(m + 1).padStart(2, '0')}-15`, 20 + 5 * m]);
  return writeDir({
    'partners.csv': csv(['partner_id', 'name'], [['P1', 'One']]),
    'signals.csv': csv(['partner_id', 'signal', 'observed_on', 'value'], signals),
    'deals.csv': csv(['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'], deals),
  });
}

async function backtest(deals: (string | number)[][]) {
  const { ws, cutoff } = await scoreDir(dir(deals), ONE_SIGNAL, '2024-12-31');
  await buildLabels(ws, { horizonDays: 90, graceDays: 14, cutoff });
  const r = await runBacktest(ws, { horizonDays: 90, graceDays: 14, cutoff, seed: 1, bootstrap: 50 });
  ws.close();
  return r;
}

describe('backtest on thin data', () => {
  it('an empty population gives nulls and zero counts', async () => {
    const r = await backtest([['D1', 'P1', '2024-01-01', '2024-02-01', 'won', 10, '2024-01-20']]);
    expect(r).toMatchObject({ population: 0, positives: 0, auc: null, auc_ci: null });
    expect(r.bands.monotonic).toBe(false);
    expect(r.calibration.note).not.toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('a single partner with one outcome class still reports counts', async () => {
    const r = await backtest([
      ['D1', 'P1', '2024-03-01', '2024-06-15', 'won', 10, '2024-06-10'],
      ['D2', 'P1', '2024-05-01', '2024-08-15', 'won', 10, '2024-08-10'],
    ]);
    expect(r.population).toBeGreaterThan(0);
    expect(r.positives).toBe(0);
    expect(r.auc).toBeNull();
    expect(r.lead_time.missed_deals).toBe(0);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
