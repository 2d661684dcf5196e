// The naive challenger: own recent miss rate as known at T, hand-checked, and blind to anything after T.
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { challengerScores, challengerVerdict } from '../../pipeline/backtest/challenger.js';
import { buildDealTimeline } from '../../pipeline/score/deal-state.js';

const G = 14;
let ws: Workspace;
afterEach(() => ws?.close());

type Deal = [string, string, string, string, string, string | null]; // id, partner, registered, expected close, status, closed
type Change = [string, string, string]; // deal id, changed on, new expected close
async function setup(deals: Deal[], labels: Array<[string, string]>, history: Change[] = []): Promise<Workspace> {
  const w = await openWorkspace(':memory:');
  await w.exec(`CREATE TABLE deals (deal_id VARCHAR, partner_id VARCHAR, registered_on DATE, expected_close_on DATE, status VARCHAR, closed_on DATE, amount DOUBLE, stage VARCHAR)`);
  await w.exec(`CREATE TABLE deal_history (deal_id VARCHAR, changed_on DATE, expected_close_on DATE, amount DOUBLE, stage VARCHAR, status VARCHAR)`);
  await w.exec(`CREATE TABLE labels (partner_id VARCHAR, as_of DATE, label INTEGER)`);
  if (deals.length) await w.append('deals', deals.map((d) => [...d, 1000, 'proposal']));
  if (history.length) await w.append('deal_history', history.map(([id, on, e]) => [id, on, e, null, null, null]));
  await w.append('labels', labels.map(([p, t]) => [p, t, 0]));
  // the deal state as known on each day, as the score stage builds it
  await buildDealTimeline(w);
  return w;
}

// Snapshot T = 2024-06-30. Window (2024-01-02, 2024-06-30].
const PAST: Deal[] = [
  ['a1', 'A', '2024-01-01', '2024-02-01', 'won', '2024-02-05'], // on time: hit
  ['a2', 'A', '2024-01-01', '2024-03-01', 'lost', '2024-03-01'], // lost: miss
  ['a3', 'A', '2024-01-01', '2024-04-01', 'won', '2024-05-01'], // 30 days late: miss
  ['a4', 'A', '2024-01-01', '2024-05-01', 'open', null], // open 60 days past due at T: miss
  ['a5', 'A', '2024-01-01', '2024-06-25', 'open', null], // due 5 days ago, open: not known yet
  ['a6', 'A', '2023-01-01', '2023-12-01', 'lost', '2023-12-01'], // due before the window
  ['b1', 'B', '2024-01-01', '2024-03-01', 'won', '2024-03-01'], // B: 1 hit
];
const T = '2024-06-30';

describe('challenger: own recent miss rate as known at T', () => {
  it('counts only deals due in the window with an outcome known at T; others get the program rate', async () => {
    ws = await setup(PAST, [['A', T], ['B', T], ['C', T]]);
    const c = await challengerScores(ws, G);
    // A: misses a2, a3, a4 of 4 known (a1..a4) = 0.75; B: 0/1; C: no deal → program rate 3/5
    expect(Array.from(c.risk)).toEqual([0.75, 0, 0.6]);
    expect(c.own).toBe(2);
  });

  it('no look-ahead: outcomes, deals and slips after T do not change the score at T', async () => {
    const future: Deal[] = [
      // a5 as it turned out after T: lost in July
      ['a5', 'A', '2024-01-01', '2024-06-25', 'lost', '2024-07-10'],
      // a4 won after T (still a miss at T: open 60 days past due)
      ['a4', 'A', '2024-01-01', '2024-05-01', 'won', '2024-08-01'],
      // a deal registered after T with a past close date (backdated entry)
      ['a7', 'A', '2024-07-05', '2024-06-01', 'lost', '2024-07-06'],
      // B's deal registered before T closing late after T
      ['b2', 'B', '2024-02-01', '2024-06-20', 'won', '2024-09-01'],
    ];
    const replaced = PAST.filter((d) => !['a4', 'a5'].includes(d[0]));
    ws = await setup(PAST, [['A', T], ['B', T]]);
    const before = Array.from((await challengerScores(ws, G)).risk);
    ws.close();
    ws = await setup([...replaced, ...future], [['A', T], ['B', T]]);
    const after = Array.from((await challengerScores(ws, G)).risk);
    expect(after).toEqual(before);
    expect(before).toEqual([0.75, 0]);
  });

  it('measures each deal against its close date as known when the window opened: a push is a slip, a reset at the close does not hide it', async () => {
    const deals: Deal[] = [
      // expected 2024-03-01 at the window start; pushed on 2024-02-20 to 2024-08-01 (final date): open at T
      ['p1', 'P', '2023-12-01', '2024-08-01', 'open', null],
      // expected 2024-02-01 at registration; closed 2024-04-15, and the CRM reset its date to the close day
      ['p2', 'P', '2024-01-10', '2024-04-15', 'won', '2024-04-15'],
      // on time
      ['p3', 'P', '2024-01-10', '2024-03-01', 'won', '2024-03-01'],
    ];
    const history: Change[] = [['p1', '2023-12-01', '2024-03-01'], ['p1', '2024-02-20', '2024-08-01'], ['p2', '2024-01-10', '2024-02-01'], ['p2', '2024-04-15', '2024-04-15']];
    ws = await setup(deals, [['P', T]], history);
    // p1 open 121 days past its 2024-03-01 date: miss; p2 closed 74 days after 2024-02-01: miss; p3: hit
    expect(Array.from((await challengerScores(ws, G)).risk)).toEqual([2 / 3]);
    ws.close();
    // against final dates alone p1 is not due yet and p2 looks on time: what the as-known dates correct
    ws = await setup(deals, [['P', T]]);
    expect(Array.from((await challengerScores(ws, G)).risk)).toEqual([0]);
  });

  it('no look-ahead in deal history: changes dated after T do not change the score at T', async () => {
    const history: Change[] = [['a1', '2024-01-01', '2024-02-01'], ['a3', '2024-01-01', '2024-04-01'], ['a4', '2024-01-01', '2024-05-01'], ['b1', '2024-01-01', '2024-03-01']];
    ws = await setup(PAST, [['A', T], ['B', T]], history);
    const before = Array.from((await challengerScores(ws, G)).risk);
    ws.close();
    const after: Change[] = [
      ...history,
      ['a4', '2024-07-02', '2024-12-01'], // a4 pushed after T: still a miss at T
      ['a5', '2024-07-03', '2024-06-01'], // a5 moved earlier after T: not yet known at T
      ['a3', '2024-08-01', '2024-05-01'], // a3's date rewritten after T to match its close
    ];
    ws = await setup(PAST, [['A', T], ['B', T]], after);
    expect(Array.from((await challengerScores(ws, G)).risk)).toEqual(before);
    expect(before).toEqual([0.75, 0]);
  });

  it('says plainly whether the score beats it, from the interval of the difference', () => {
    expect(challengerVerdict(0.7, 0.6, 0.1, [0.05, 0.15], 0.95)).toEqual({
      beats: true, verdict: 'beats',
      sentence: "The health score beats the naive challenger, each partner's own recent miss rate: AUC 0.700 vs 0.600, difference +0.100 (95% partner-bootstrap interval +0.050 to +0.150).",
    });
    expect(challengerVerdict(0.62, 0.6, 0.02, [-0.01, 0.05], 0.95)).toMatchObject({ beats: false, verdict: 'not_distinguishable' });
    expect(challengerVerdict(0.55, 0.6, -0.05, [-0.08, -0.02], 0.95)).toMatchObject({ beats: false, verdict: 'worse' });
    expect(challengerVerdict(null, 0.6, null, null, 0.95).verdict).toBe('not_computable');
  });
});
