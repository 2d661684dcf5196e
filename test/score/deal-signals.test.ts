// The deal-derived signals, spread to the month ends they count for (score/deal-signals.ts), equal the
// earlier formulation (every snapshot paired with every deal registered by then, state looked up in the
// timeline at T and at T − w) row for row, bit for bit: all six signals, windows shorter and longer than a
// month and than a year, on demo data with deal history (close dates pushed, amounts changed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../pipeline/workspace/db.js';
import type { HealthModel, SignalSpec } from '../../pipeline/model/types.js';
import { demoData } from '../helpers/fixtures.js';
import { countRows, model, scoreDir, siModel } from '../helpers/workspace.js';
import { BEFORE_DEAL_VALUES } from './earlier-sql.js';

type Spec = Omit<SignalSpec, 'weight'>;
const percentile = (aggregation: Spec['aggregation'], window_days: number, direction: Spec['direction'] = 'higher'): Spec =>
  ({ dimension: 'performance', aggregation, window_days, direction, normalization: { method: 'cohort_percentile' } });

/** The SI model with all six deal signals, at the windows given. */
async function dealModel(windows: { registered: number; pipeline: number; trend: number; win: number; cycle: number; pushes: number }): Promise<HealthModel> {
  const m = await siModel();
  const deal: Record<string, Spec> = {
    deals_registered: percentile('sum', windows.registered),
    pipeline_amount: percentile('last', windows.pipeline),
    pipeline_trend: percentile('trend', windows.trend),
    win_rate: percentile('mean', windows.win),
    days_to_close: percentile('mean', windows.cycle, 'lower'),
    close_date_pushes: percentile('sum', windows.pushes, 'lower'),
  };
  const signals: Record<string, SignalSpec> = { ...m.signals };
  for (const [name, spec] of Object.entries(deal)) signals[name] = { ...spec, weight: 0 };
  // the performance dimension's weights sum to 1: an equal share each
  const performance = Object.keys(signals).filter((n) => signals[n]!.dimension === 'performance');
  for (const n of performance) signals[n] = { ...signals[n]!, weight: 1 / performance.length };
  return model({ ...m, signals });
}

const DEAL_VALUES = `SELECT partner_id, as_of, signal, window_days, raw_value, observed_on FROM signal_scores
                     WHERE signal IN (SELECT signal FROM model_signals WHERE derived)`;

describe.each([
  { registered: 180, pipeline: 90, trend: 90, win: 365, cycle: 365, pushes: 90 },
  { registered: 20, pipeline: 31, trend: 45, win: 400, cycle: 28, pushes: 730 },
])('deal signals at windows %o', (windows) => {
  let ws: Workspace;
  beforeAll(async () => {
    // 20 partners, not 40: half the scoring; still 2506 and 2311 deal-signal rows to compare (4508 and 4898
    // on 40), and at least 4 distinct values per signal (5 on 40)
    ({ ws } = await scoreDir(await demoData({ seed: 7, partners: 20, months: 24 }), await dealModel(windows)));
    await ws.exec(`CREATE TEMP TABLE before_deal_values AS ${BEFORE_DEAL_VALUES}`);
  }, 120_000);
  afterAll(() => ws?.close());

  it('scores every deal signal, with history that pushes and changes amounts', async () => {
    const per = await ws.query(`SELECT signal, count(*)::INTEGER AS n, count(DISTINCT raw_value)::INTEGER AS v FROM (${DEAL_VALUES}) GROUP BY 1 ORDER BY 1`);
    expect(per.map((r) => r.signal)).toEqual(['close_date_pushes', 'days_to_close', 'deals_registered', 'pipeline_amount', 'pipeline_trend', 'win_rate']);
    for (const r of per) expect(r.v as number, String(r.signal)).toBeGreaterThan(3);
    expect(await countRows(ws, 'SELECT * FROM deal_history')).toBeGreaterThan(0);
  });

  it('gives the rows of the earlier formulation, both ways', async () => {
    expect(await countRows(ws, 'SELECT * FROM before_deal_values')).toBeGreaterThan(1000);
    expect(await countRows(ws, `SELECT * FROM (${DEAL_VALUES}) EXCEPT ALL SELECT * FROM before_deal_values`)).toBe(0);
    expect(await countRows(ws, `SELECT * FROM before_deal_values EXCEPT ALL SELECT * FROM (${DEAL_VALUES})`)).toBe(0);
  });
});
