// deal_timeline keeps each deal's state at the end of each day: the day's last row (registration, then
// history in file order, then the close). It picks that row from the same window as the pushes (the next
// row starts on another day); here it is held equal, row for row, to the earlier pick (numbering each
// day's rows), on demo history with extra same-day changes whose later row must win.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../pipeline/workspace/db.js';
import { demoData } from '../helpers/fixtures.js';
import { countRows, scoreDir, siModel } from '../helpers/workspace.js';

/** The earlier SQL of deal_timeline: the day's last row by row_number over (deal_id, valid_from). */
const EARLIER = `
  WITH hist AS (
    SELECT deal_id, changed_on AS valid_from, expected_close_on, amount, stage, 1 AS ord, row_number() OVER () AS k FROM deal_history),
  events AS (
    SELECT deal_id, registered_on AS valid_from, NULL::DATE AS expected_close_on, NULL::DOUBLE AS amount, NULL AS stage, 0 AS ord, 0 AS k FROM deals
    UNION ALL SELECT * FROM hist
    UNION ALL SELECT deal_id, closed_on, NULL, NULL, NULL, 2, 0 FROM deals WHERE closed_on IS NOT NULL),
  filled AS (
    SELECT e.deal_id, e.valid_from, e.ord, e.k,
           last_value(e.expected_close_on IGNORE NULLS) OVER upto AS hist_expected,
           last_value(e.expected_close_on IGNORE NULLS) OVER before AS prev_expected,
           e.expected_close_on AS set_expected,
           last_value(e.amount IGNORE NULLS) OVER upto AS hist_amount,
           last_value(e.stage IGNORE NULLS) OVER upto AS hist_stage
    FROM events e
    WINDOW upto AS (PARTITION BY e.deal_id ORDER BY e.valid_from, e.ord, e.k ROWS UNBOUNDED PRECEDING),
           before AS (PARTITION BY e.deal_id ORDER BY e.valid_from, e.ord, e.k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
  counted AS (
    SELECT f.*, coalesce(sum((f.set_expected > f.prev_expected AND open_at(d.registered_on, d.closed_on, f.valid_from))::INTEGER) OVER (
      PARTITION BY f.deal_id ORDER BY f.valid_from, f.ord, f.k ROWS UNBOUNDED PRECEDING), 0) AS pushes
    FROM filled f JOIN deals d USING (deal_id))
  SELECT c.deal_id, d.partner_id, c.valid_from, coalesce(c.hist_expected, d.expected_close_on) AS expected_close_on,
         coalesce(c.hist_amount, d.amount) AS amount, coalesce(c.hist_stage, d.stage) AS stage,
         open_at(d.registered_on, d.closed_on, c.valid_from) AS is_open, c.pushes
  FROM counted c JOIN deals d USING (deal_id)
  QUALIFY row_number() OVER (PARTITION BY c.deal_id, c.valid_from ORDER BY c.ord DESC, c.k DESC) = 1
  ORDER BY c.deal_id, c.valid_from`;

describe('deal_timeline', () => {
  let ws: Workspace;
  beforeAll(async () => {
    const data = await demoData({ seed: 7, partners: 30, months: 18 });
    // every 5th history change is followed, later in the file, by a second change on the same day
    const file = join(data, 'deal_history.csv');
    const [header, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
    const again = lines.filter((_, i) => i % 5 === 0).map((l) => {
      const [deal, day, expected, amount, ...rest] = l.split(',');
      const later = expected ? new Date(Date.parse(`${expected}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10) : '';
      return [deal, day, later, amount ? String(Number(amount) + 1) : '', ...rest].join(',');
    });
    writeFileSync(file, [header, ...lines, ...again].join('\n') + '\n');
    ({ ws } = await scoreDir(data, await siModel()));
    await ws.exec(`CREATE TEMP TABLE earlier_timeline AS ${EARLIER}`);
  }, 120_000);
  afterAll(() => ws?.close());

  it('has days with several changes, on registration and close days too', async () => {
    expect(await countRows(ws, 'SELECT deal_id, changed_on FROM deal_history GROUP BY ALL HAVING count(*) > 1')).toBeGreaterThan(20);
    expect(await countRows(ws, 'SELECT * FROM deal_history h JOIN deals d ON d.deal_id = h.deal_id AND h.changed_on IN (d.registered_on, d.closed_on)')).toBeGreaterThan(20);
  });

  it('keeps the rows the earlier SQL kept, in the same order', async () => {
    expect(await countRows(ws, 'SELECT * FROM earlier_timeline')).toBeGreaterThan(100);
    expect(await countRows(ws, 'SELECT * FROM deal_timeline EXCEPT ALL SELECT * FROM earlier_timeline')).toBe(0);
    expect(await countRows(ws, 'SELECT * FROM earlier_timeline EXCEPT ALL SELECT * FROM deal_timeline')).toBe(0);
    const order = await ws.query(`SELECT bool_and(deal_id || valid_from = e) AS same FROM (
      SELECT deal_id, valid_from::VARCHAR AS valid_from, row_number() OVER () AS i FROM deal_timeline) a
      JOIN (SELECT deal_id || valid_from::VARCHAR AS e, row_number() OVER () AS i FROM earlier_timeline) b USING (i)`);
    expect(order[0]!.same).toBe(true);
  });
});
