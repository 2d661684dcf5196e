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
import { BEFORE_DEAL_TIMELINE } from './earlier-sql.js';

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
    await ws.exec(`CREATE TEMP TABLE earlier_timeline AS ${BEFORE_DEAL_TIMELINE}`);
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
