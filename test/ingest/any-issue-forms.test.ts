// validate.ts `anyIssue` asks a small typed input in one scan of its rows and a large one by a subquery
// per test (distinct values, statistics): both ways must answer every file alike. Each file here is staged
// typed as ingest stages it, then asked both ways; a hit means the typed read failed or a test hit (a
// refusal, or an id read with spaces still to trim, which ingest's first check asks in the same scans).
// A text input (partners, or a file read again as text) is known clean by the same yes/no: both ways must
// say exactly whether `checkInput` records anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import { INPUTS, type InputName } from '../../pipeline/ingest/contract.js';
import { stageInput, type StagedInput } from '../../pipeline/ingest/read.js';
import { anyIssue, checkInput, createIssuesTable, exprsOf, type CheckContext } from '../../pipeline/ingest/validate.js';
import { untrimmedTests } from '../../pipeline/ingest/typed.js';
import { csv, siModel, writeDir } from '../helpers/workspace.js';
import { int } from '../../pipeline/workspace/rows.js';

const spec = (name: InputName) => INPUTS.find((s) => s.name === name)!;
const SIGNAL_HEADER = ['partner_id', 'signal', 'observed_on', 'value', 'source'];
const DEAL_HEADER = ['deal_id', 'partner_id', 'registered_on', 'expected_close_on', 'status', 'amount', 'closed_on'];
const signal = (over: Record<string, string> = {}): string[] =>
  SIGNAL_HEADER.map((h) => over[h] ?? { partner_id: 'P1', signal: 'portal_logins', observed_on: '2024-01-05', value: '3', source: 'portal' }[h]!);
const deal = (id: string, over: Record<string, string> = {}): string[] =>
  DEAL_HEADER.map((h) => over[h] ?? { deal_id: id, partner_id: 'P1', registered_on: '2024-01-01', expected_close_on: '2024-03-01', status: 'won', amount: '100', closed_on: '2024-02-20' }[h]!);

// [what the second row changes, hit?]
const SIGNAL_CASES: [Record<string, string>, boolean][] = [
  [{ value: 'inf' }, true], [{ value: 'nan' }, true], [{ value: '1e16' }, true], [{ value: '-1' }, true],
  [{ observed_on: '1899-12-31' }, true], [{ observed_on: '2025-01-02' }, true], [{ observed_on: 'infinity' }, true],
  [{ partner_id: '#N/A' }, true], [{ partner_id: 'P9' }, true], [{ signal: '#REF!' }, true], [{ source: '#VALUE!' }, true],
  [{ partner_id: ' P2 ' }, true], [{ value: '1e15' }, false], [{ signal: 'sentiment_score', value: '-1e15' }, false],
  [{ observed_on: '1900-01-01' }, false], [{ observed_on: '2025-01-01' }, false], [{ signal: '#portal' }, false], [{ source: '$' }, false],
];
const DEAL_CASES: [string[], boolean][] = [
  [deal('D1'), true], // the same deal_id twice
  [deal('D2', { status: 'maybe' }), true], [deal('D2', { closed_on: '2023-12-31' }), true], [deal('D2', { amount: '-5' }), true],
  [deal('D2', { closed_on: '' }), true], [deal('D2', { status: 'open' }), true], [deal('D2', { partner_id: 'P9' }), true],
  [deal('D2', { status: 'open', closed_on: '' }), false], [deal('D2', { status: ' Lost ' }), false], [deal('D2', { amount: '' }), true],
];

let ws: Workspace;
let ctx: CheckContext;
beforeAll(async () => {
  ws = await openWorkspace(':memory:');
  const dir = writeDir({ 'partners.csv': csv(['partner_id', 'name'], [['P1', 'One'], ['P2', 'Two']]) });
  const partners = await stageInput(ws, spec('partners'), `${dir}/partners.csv`);
  const model = await siModel();
  const countSignals = Object.entries(model.signals).filter(([, s]) => s.aggregation === 'sum').map(([n]) => n);
  ctx = { today: '2025-01-01', countSignals, partners: exprsOf(partners) };
});
afterAll(() => ws.close());

/** Whether `s` has a hit, asked in one scan and by subqueries. */
async function bothWays(s: StagedInput): Promise<[boolean, boolean]> {
  if (!s.typed) return [true, true]; // the typed read failed: the text path says why
  const also = untrimmedTests(s.untrimmed ?? []);
  return [await anyIssue(ws, s, { ...ctx, oneScanMaxRows: Infinity }, also), await anyIssue(ws, s, { ...ctx, oneScanMaxRows: 0 }, also)];
}

describe('anyIssue in one scan and by subqueries', () => {
  it('signals: each value alone a hit or not alike both ways', async () => {
    const outcomes: string[] = [];
    for (const [over, hit] of SIGNAL_CASES) {
      const dir = writeDir({ 'signals.csv': csv(SIGNAL_HEADER, [signal(), signal(over)]) });
      const [scan, subqueries] = await bothWays(await stageInput(ws, spec('signals'), `${dir}/signals.csv`));
      outcomes.push(`${JSON.stringify(over)} ${scan} ${subqueries}`);
      expect(outcomes.at(-1)).toBe(`${JSON.stringify(over)} ${hit} ${hit}`);
    }
  });

  it('deals: keys, statuses, dates and amounts a hit or not alike both ways', async () => {
    for (const [second, hit] of DEAL_CASES) {
      const dir = writeDir({ 'deals.csv': csv(DEAL_HEADER, [deal('D1'), second]) });
      expect(await bothWays(await stageInput(ws, spec('deals'), `${dir}/deals.csv`)), second.join(',')).toEqual([hit, hit]);
    }
  });
});

/** For a text input: [one scan, subqueries, whether `checkInput` records an issue] on `w`. */
async function textWays(w: Workspace, s: StagedInput, c: CheckContext): Promise<[boolean, boolean, boolean]> {
  expect(s.typed).toBeFalsy();
  const scan = await anyIssue(w, s, { ...c, oneScanMaxRows: Infinity });
  const subqueries = await anyIssue(w, s, { ...c, oneScanMaxRows: 0 });
  await createIssuesTable(w);
  await checkInput(w, s, c);
  const [row] = await w.rows({ n: int }, 'SELECT count(*)::INTEGER AS n FROM ingest_issues');
  return [scan, subqueries, row!.n > 0];
}

const PARTNER_HEADER = ['partner_id', 'name', 'type', 'tier', 'region', 'manager', 'joined_on'];
const partner = (id: string, over: Record<string, string> = {}): string[] =>
  PARTNER_HEADER.map((h) => over[h] ?? { partner_id: id, name: `Partner ${id}`, type: 'SI', tier: 'Gold', region: 'EMEA', manager: 'Ann', joined_on: '2023-05-01' }[h]!);
// [the rows after P1's, whether checkInput records an issue]
const PARTNER_CASES: [string[][], boolean][] = [
  [[partner('P2')], false], [[], false], [[partner(' P2 ')], false], [[partner('P2', { type: '', tier: '', region: '', manager: '', joined_on: '' })], false],
  [[partner('P1')], true], [[partner(' P1')], true], [[partner('P1 ')], true], [[partner('p1')], false],
  [[partner('')], true], [[partner(' ')], true], [[partner(''), partner('')], true], [[partner('P2', { name: '' })], true],
  [[partner('#N/A')], true], [[partner('P2', { name: '#REF!' })], true], [[partner('P2', { manager: ' #VALUE! ' })], true], [[partner('P2', { manager: '#Ann' })], false],
  [[partner('P2', { joined_on: '2023-02-30' })], true], [[partner('P2', { joined_on: 'soon' })], true], [[partner('P2', { joined_on: '1899-12-31' })], true],
  [[partner('P2', { joined_on: '2025-01-02' })], true], [[partner('P2', { joined_on: '2025-01-01' })], false], [[partner('P2', { joined_on: '2024-03-01 10:00:00' })], false],
  [[partner('P2'), partner('P3'), partner(' P3')], true],
];

describe('anyIssue of a text input: exactly whether checkInput records a problem', () => {
  it('partners: keys trimmed, blanks, spreadsheet errors and dates', async () => {
    const w = await openWorkspace(':memory:');
    try {
      const outcomes: string[] = [];
      for (const [rows, issue] of PARTNER_CASES) {
        const dir = writeDir({ 'partners.csv': csv(PARTNER_HEADER, [partner('P1'), ...rows]) });
        const s = await stageInput(w, spec('partners'), `${dir}/partners.csv`);
        const c: CheckContext = { today: '2025-01-01', partners: exprsOf(s) };
        outcomes.push(`${JSON.stringify(rows)} ${(await textWays(w, s, c)).join(' ')}`);
        expect(outcomes.at(-1)).toBe(`${JSON.stringify(rows)} ${issue} ${issue} ${issue}`);
      }
    } finally {
      w.close();
    }
  });

  it('signals and deals read as text: the typed cases alike, and keys trimmed', async () => {
    const seen: boolean[] = [];
    // signals have no key: a number, a spreadsheet error, a partner that is not listed or is listed once
    // trimmed, a future date (the bound $today), and a value at the limit
    const signalCases = SIGNAL_CASES.filter(([over]) => ['{"value":"inf"}', '{"partner_id":"#N/A"}', '{"partner_id":"P9"}', '{"partner_id":" P2 "}',
      '{"observed_on":"2025-01-02"}', '{"value":"1e15"}'].includes(JSON.stringify(over)));
    expect(signalCases).toHaveLength(6);
    for (const [over] of signalCases) {
      const dir = writeDir({ 'signals.csv': csv(SIGNAL_HEADER, [signal(), signal(over)]) });
      const [scan, subqueries, recorded] = await textWays(ws, await stageInput(ws, spec('signals'), `${dir}/signals.csv`, { asText: true }), ctx);
      expect([scan, subqueries], JSON.stringify(over)).toEqual([recorded, recorded]);
      seen.push(recorded);
    }
    for (const [second] of [...DEAL_CASES, [deal(' D1 ')], [deal('')], [deal(' D2', { amount: ' 7 ' })]] as [string[]][]) {
      const dir = writeDir({ 'deals.csv': csv(DEAL_HEADER, [deal('D1'), second]) });
      const [scan, subqueries, recorded] = await textWays(ws, await stageInput(ws, spec('deals'), `${dir}/deals.csv`, { asText: true }), ctx);
      expect([scan, subqueries], second.join(',')).toEqual([recorded, recorded]);
      seen.push(recorded);
    }
    // read as text, ' P2 ' is P2 and no problem; the other cases as typed, and the trimmed duplicate ' D1 ' a problem
    expect(seen.join('')).toBe([...signalCases.map(([over, hit]) => hit && over.partner_id !== ' P2 '), ...DEAL_CASES.map(([, hit]) => hit), true, true, false].join(''));
  });
});
