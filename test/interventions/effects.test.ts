// Intervention effects on a hand-built workspace where the difference in differences is known.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../pipeline/workspace/db.js';
import {
  computeInterventionEffects, readInterventionEffects, summarizeEffects, type EffectRow, type EffectsSummary,
} from '../../pipeline/interventions/index.js';

const SNAPS = ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30'];

type H = [partner: string, asOf: string, composite: number | null, band: string | null];

// Treated partner T: Yellow 50 at Jan 31 → 60 at Apr 30 (Δ = +10).
// Controls at Jan 31, Yellow, within 10 points: C1 55 → 57 (+2), C2 45 → 41 (−4): mean −1, so effect = +11.
// Not controls: X1 (intervention 30 days after t₀), X2 (Green), X3 (Yellow but 20 points away), X4 (no t₁ score).
const HEALTH: H[] = [
  ['T', '2025-01-31', 50, 'yellow'], ['T', '2025-04-30', 60, 'yellow'],
  ['C1', '2025-01-31', 55, 'yellow'], ['C1', '2025-04-30', 57, 'yellow'],
  ['C2', '2025-01-31', 45, 'yellow'], ['C2', '2025-04-30', 41, 'yellow'],
  ['X1', '2025-01-31', 52, 'yellow'], ['X1', '2025-04-30', 80, 'green'],
  ['X2', '2025-01-31', 58, 'green'], ['X2', '2025-04-30', 20, 'red'],
  ['X3', '2025-01-31', 30, 'yellow'], ['X3', '2025-04-30', 90, 'green'],
  ['X4', '2025-01-31', 51, 'yellow'], ['X4', '2025-04-30', null, null],
];

const INTERVENTIONS: [string, string, string][] = [
  ['T', '2025-02-10', 'outreach_call'], // t₀ = Jan 31 (last snapshot on or before), t₁ = Apr 30
  ['X1', '2025-03-02', 'exec_sponsor'], // t₀ = Feb 28: X1 has no Feb score, so "unscored"
  ['T', '2025-04-15', 'exec_sponsor'], // t₀ = Mar 31, t₁ = Jun 30: measurable window exists but T has no Mar score
  ['C1', '2025-05-20', 'co_funding'], // t₁ = Aug 31 > last snapshot: too recent
  ['T', '2024-12-01', 'co_funding'], // before the first snapshot
];

async function buildWorkspace(health: H[], interventions: [string, string, string][], cutoff = '2025-06-30'): Promise<Workspace> {
  const ws = await openWorkspace(':memory:');
  await ws.exec(`CREATE TABLE run_info AS SELECT $c::DATE AS cutoff`, { c: cutoff });
  await ws.exec(`CREATE TABLE snapshots (as_of DATE)`);
  await ws.exec(`CREATE TABLE health (partner_id VARCHAR, as_of DATE, composite DOUBLE, band VARCHAR)`);
  await ws.exec(`CREATE TABLE interventions (partner_id VARCHAR, started_on DATE, playbook VARCHAR, owner VARCHAR, note VARCHAR)`);
  for (const d of SNAPS) await ws.exec(`INSERT INTO snapshots VALUES ($d::DATE)`, { d });
  for (const [p, d, c, b] of health) {
    await ws.exec(`INSERT INTO health VALUES ($p, $d::DATE, $c, $b)`, { p, d, c, b });
  }
  for (const [p, d, pb] of interventions) {
    await ws.exec(`INSERT INTO interventions VALUES ($p, $d::DATE, $pb, 'owner', NULL)`, { p, d, pb });
  }
  return ws;
}

describe('computeInterventionEffects', () => {
  let ws: Workspace;
  let rows: EffectRow[];
  let summary: EffectsSummary;

  beforeAll(async () => {
    ws = await buildWorkspace(HEALTH, INTERVENTIONS);
    await computeInterventionEffects(ws);
    rows = await readInterventionEffects(ws);
    summary = summarizeEffects(rows, { B: 200, seed: 7 });
  });
  afterAll(() => ws.close());

  it('computes the difference in differences against matched controls', () => {
    const t = rows.find((r) => r.partner_id === 'T' && r.playbook === 'outreach_call')!;
    expect(t).toMatchObject({ t0: '2025-01-31', t1: '2025-04-30', band_t0: 'yellow', status: 'ok', control_n: 2, control_partners: 2 });
    expect(t.delta).toBeCloseTo(10, 10);
    expect(t.control_delta).toBeCloseTo(-1, 10);
    expect(t.effect).toBeCloseTo(11, 10);
  });

  it('says why an intervention could not be measured', () => {
    const status = Object.fromEntries(rows.map((r) => [`${r.partner_id}:${r.playbook}`, r.status]));
    expect(status).toEqual({
      'T:outreach_call': 'ok',
      'X1:exec_sponsor': 'unscored',
      'T:exec_sponsor': 'unscored',
      'C1:co_funding': 'too_recent',
      'T:co_funding': 'before_data',
    });
    expect(rows.filter((r) => r.status !== 'ok').every((r) => r.effect === null)).toBe(true);
  });

  it('summarises per playbook, saying "too few to tell" below five measured interventions', () => {
    const oc = summary.playbooks.find((p) => p.playbook === 'outreach_call')!;
    expect(oc).toMatchObject({ interventions: 1, measured: 1, partners: 1, verdict: 'too_few', ci: null, controlSnapshots: 2 });
    expect(oc.effect).toBeCloseTo(11, 10);
    expect(oc.text).toMatch(/^Too few to tell/);
    const cf = summary.playbooks.find((p) => p.playbook === 'co_funding')!;
    expect(cf).toMatchObject({ interventions: 2, measured: 0, tooRecent: 1, unmeasured: 1, effect: null });
    expect(summary.overall.interventions).toBe(5);
  });

  it('drops a control that had its own intervention within ±90 days', async () => {
    // Give C2 an intervention 60 days before t₀: it stops being a control, the effect becomes 10 − 2 = 8.
    const ws2 = await buildWorkspace(HEALTH, [...INTERVENTIONS, ['C2', '2024-12-02', 'outreach_call']]);
    try {
      await computeInterventionEffects(ws2);
      const t = (await readInterventionEffects(ws2, 'T')).find((r) => r.playbook === 'outreach_call')!;
      expect(t.control_n).toBe(1);
      expect(t.effect).toBeCloseTo(8, 10);
    } finally {
      ws2.close();
    }
  });
});

describe('interventions after the data cutoff', () => {
  it('are ignored: as of the cutoff they had not happened yet', async () => {
    // C2's intervention on 2025-07-20 lies after the cutoff 2025-07-15.
    const ws2 = await buildWorkspace(HEALTH, [...INTERVENTIONS, ['C2', '2025-07-20', 'outreach_call']], '2025-07-15');
    try {
      await computeInterventionEffects(ws2);
      const all = await readInterventionEffects(ws2);
      expect(all.some((r) => r.partner_id === 'C2')).toBe(false);
      expect(all).toHaveLength(INTERVENTIONS.length);
    } finally {
      ws2.close();
    }
  });
});

describe('summarizeEffects', () => {
  const row = (i: number, partner: string, effect: number): EffectRow => ({
    intervention_id: i, partner_id: partner, started_on: '2025-01-15', playbook: 'exec_sponsor', owner: null, note: null,
    t0: '2024-12-31', t1: '2025-03-31', band_t0: 'red', composite_t0: 30, composite_t1: 30 + effect,
    delta: effect, control_n: 3, control_partners: 3, control_delta: 0, effect, status: 'ok',
  });

  it('gives a degenerate CI when every intervention had the same effect', () => {
    const s = summarizeEffects([1, 2, 3, 4, 5, 6].map((i) => row(i, `P${i}`, 5)), { B: 300, seed: 1 });
    const p = s.playbooks[0]!;
    expect(p.measured).toBe(6);
    expect(p.effect).toBeCloseTo(5, 10);
    expect(p.ci![0]).toBeCloseTo(5, 10);
    expect(p.ci![1]).toBeCloseTo(5, 10);
    expect(p.verdict).toBe('helped');
  });

  it('calls a mixed bag "no clear effect" and is reproducible from its seed', () => {
    const rows = [-6, 4, -2, 7, -5, 3, 1, -3].map((e, i) => row(i, `P${i}`, e));
    const a = summarizeEffects(rows, { B: 500, seed: 11 });
    const b = summarizeEffects(rows, { B: 500, seed: 11 });
    expect(a.playbooks[0]!.verdict).toBe('no_clear_effect');
    expect(a.playbooks[0]!.ci).toEqual(b.playbooks[0]!.ci);
    expect(a.playbooks[0]!.ci![0]).toBeLessThan(0);
    expect(a.playbooks[0]!.ci![1]).toBeGreaterThan(0);
  });

  it('resamples partners, not interventions', () => {
    // Two partners with 5 interventions each; a partner bootstrap only ever sees means of 0, 5 or 10.
    const rows = [...Array(5)].map((_, i) => row(i, 'A', 0)).concat([...Array(5)].map((_, i) => row(10 + i, 'B', 10)));
    const p = summarizeEffects(rows, { B: 400, seed: 3 }).playbooks[0]!;
    expect(p.partners).toBe(2);
    expect(p.ci![0]).toBeCloseTo(0, 10);
    expect(p.ci![1]).toBeCloseTo(10, 10);
  });
});
