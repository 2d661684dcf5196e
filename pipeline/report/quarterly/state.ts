// The program at the quarter end: one row per partner (temp table `quarterly_state`), then the
// executive summary, the band mix over time and the movers, all from SQL aggregates.
import type { Workspace } from '../../workspace/db.js';
import { countDelta, plural, signed } from '../common/index.js';
import { fmtMoney, fmtNum, fmtPct } from '../../render/index.js';
import type { BandCount, BandKey, BandMix, ExecSummary, Kpi, MoverRow, Movers, QuarterInfo } from './types.js';

export interface StateRow {
  ord: number;
  partner_id: string;
  name: string;
  type: string | null;
  tier: string | null;
  region: string | null;
  manager: string | null;
  composite: number | null;
  coverage: number | null;
  band: string | null;
  band_reason: string | null;
  playbook: string | null;
  action: string | null;
  prev_composite: number | null;
  prev_band: string | null;
  open_pipeline: number;
  open_deals: number;
  worst_evidence: string | null;
  best_evidence: string | null;
}

export const BAND_LABELS: Record<BandKey, string> = { green: 'Green', yellow: 'Yellow', red: 'Red', none: 'Not scored' };
const SEVERITY: Record<string, number> = { green: 0, yellow: 1, red: 2 };

/**
 * Build `quarterly_state`. Order (`ord`) is the watchlist order: Red, Yellow, Green, not scored; within a
 * band the largest open pipeline first, then the lowest score.
 */
export async function buildState(ws: Workspace, q: QuarterInfo): Promise<StateRow[]> {
  await ws.exec(
    `CREATE OR REPLACE TEMP TABLE quarterly_state AS
     WITH pipe AS (
       SELECT partner_id, sum(amount) AS open_pipeline, count(*) AS open_deals
       FROM deals WHERE registered_on <= $t::DATE AND (closed_on IS NULL OR closed_on > $t::DATE)
       GROUP BY partner_id),
     ev AS (
       SELECT partner_id, arg_min(text, impact) FILTER (WHERE impact < 0) AS worst_evidence,
              arg_max(text, impact) FILTER (WHERE impact > 0) AS best_evidence
       FROM evidence WHERE as_of = $t::DATE GROUP BY partner_id)
     SELECT row_number() OVER (ORDER BY CASE h.band WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 WHEN 'green' THEN 2 ELSE 3 END,
                                        coalesce(pipe.open_pipeline, 0) DESC, h.composite NULLS LAST, p.name, h.partner_id) AS ord,
            h.partner_id, p.name, p.type, p.tier, p.region, p.manager, h.composite, h.coverage, h.band, h.band_reason,
            h.playbook, h.action, hp.composite AS prev_composite, hp.band AS prev_band,
            coalesce(pipe.open_pipeline, 0) AS open_pipeline, coalesce(pipe.open_deals, 0) AS open_deals,
            ev.worst_evidence, ev.best_evidence
     FROM health h
     JOIN partners p USING (partner_id)
     LEFT JOIN health hp ON hp.partner_id = h.partner_id AND hp.as_of = $tp::DATE
     LEFT JOIN pipe ON pipe.partner_id = h.partner_id
     LEFT JOIN ev ON ev.partner_id = h.partner_id
     WHERE h.as_of = $t::DATE`,
    { t: q.end, tp: q.previousEnd },
  );
  return ws.query<StateRow>(`SELECT * FROM quarterly_state ORDER BY ord`);
}

async function bandCountsAt(ws: Workspace, asOf: string | null): Promise<Record<BandKey, number> | null> {
  if (!asOf) return null;
  const rows = await ws.query<{ band: BandKey; n: number }>(
    `SELECT coalesce(band, 'none') AS band, count(*) AS n FROM health WHERE as_of = $d::DATE GROUP BY ALL`,
    { d: asOf },
  );
  const out: Record<BandKey, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const r of rows) out[r.band] = r.n;
  return out;
}

async function atRiskPipeline(ws: Workspace, asOf: string | null): Promise<number | null> {
  if (!asOf) return null;
  const [r] = await ws.query<{ amount: number | null }>(
    `SELECT sum(d.amount) AS amount FROM deals d
     JOIN health h ON h.partner_id = d.partner_id AND h.as_of = $d::DATE AND h.band IN ('yellow', 'red')
     WHERE d.registered_on <= $d::DATE AND (d.closed_on IS NULL OR d.closed_on > $d::DATE)`,
    { d: asOf },
  );
  return r?.amount ?? 0;
}

function bandCount(band: BandKey, now: Record<BandKey, number>, prev: Record<BandKey, number> | null, q: QuarterInfo, total: number): BandCount {
  const before = prev ? prev[band] : null;
  const d = before === null ? null : now[band] - before;
  // More Green is good news; more Yellow, Red or unscored is not.
  const good = d === null || d === 0 ? null : band === 'green' ? d > 0 : d < 0;
  return {
    band, label: BAND_LABELS[band], count: now[band], previous: before,
    delta: countDelta(now[band], before, q.previousLabel),
    trend: d === null ? null : d > 0 ? 'up' : d < 0 ? 'down' : 'flat',
    good, share: total ? now[band] / total : 0,
  };
}

export async function execSummary(ws: Workspace, q: QuarterInfo, state: StateRow[], movers: Movers): Promise<ExecSummary> {
  const now = (await bandCountsAt(ws, q.end))!;
  const prev = await bandCountsAt(ws, q.previousEnd);
  const total = state.length;
  const bands = (['red', 'yellow', 'green', 'none'] as BandKey[]).map((b) => bandCount(b, now, prev, q, total));
  const openPipeline = state.reduce((a, r) => a + r.open_pipeline, 0);
  const atRisk = (await atRiskPipeline(ws, q.end)) ?? 0;
  const atRiskPrev = await atRiskPipeline(ws, q.previousEnd);
  const headlines: string[] = [];
  const red = bands[0]!, yellow = bands[1]!, green = bands[2]!;
  const ch = (b: BandCount) => (b.previous === null ? '' : ` (${signed(b.count - b.previous, 0).replace(/^0$/, '±0')})`);
  headlines.push(`${red.count} Red${ch(red)}, ${yellow.count} Yellow${ch(yellow)} and ${green.count} Green${ch(green)} of ${plural(total, 'partner')} at ${q.label} end${prev ? `, changes vs ${q.previousLabel}` : ''}.`);
  if (openPipeline > 0) {
    headlines.push(`${fmtMoney(atRisk)} of ${fmtMoney(openPipeline)} open pipeline (${fmtPct(atRisk / openPipeline)}) sits with Yellow and Red partners.`);
  }
  if (q.previousEnd) {
    headlines.push(`${plural(movers.down.length, 'partner')} moved to a worse band this quarter; ${movers.up.length} recovered.`);
  }
  const biggest = state.find((r) => r.band === 'red' && r.open_pipeline > 0);
  if (biggest) headlines.push(`Largest Red exposure: ${biggest.name}, ${fmtMoney(biggest.open_pipeline)} open pipeline.`);
  const kpis: Kpi[] = bands
    .filter((b) => b.band !== 'none' || b.count > 0)
    .map((b) => ({
      label: b.label, value: fmtNum(b.count), ...(b.band === 'none' ? {} : { band: b.band }),
      delta: b.delta, trend: b.trend, good: b.good, note: `${fmtPct(b.share)} of partners`,
    }));
  const riskUp = atRiskPrev === null || atRisk === atRiskPrev ? null : atRisk > atRiskPrev;
  kpis.push({
    label: 'Pipeline at risk', value: fmtMoney(atRisk),
    delta: atRiskPrev === null ? null : `${atRisk >= atRiskPrev ? '+' : '−'}${fmtMoney(Math.abs(atRisk - atRiskPrev))} vs ${q.previousLabel}`,
    trend: riskUp === null ? (atRiskPrev === null ? null : 'flat') : riskUp ? 'up' : 'down',
    good: riskUp === null ? null : !riskUp,
    note: openPipeline > 0 ? `${fmtPct(atRisk / openPipeline)} of ${fmtMoney(openPipeline)} open pipeline (Yellow + Red)` : 'no open pipeline',
  });
  return {
    kpis,
    partners: total,
    scored: total - now.none,
    bands,
    openPipeline,
    pipelineAtRisk: atRisk,
    atRiskShare: openPipeline > 0 ? atRisk / openPipeline : null,
    atRiskPipelinePrevious: atRiskPrev,
    atRiskDelta: kpis[kpis.length - 1]!.delta,
    movedDown: movers.down.length,
    recovered: movers.up.length,
    headlines,
  };
}

/** Monthly band counts over the 8 quarters ending at the quarter end. */
export async function bandMix(ws: Workspace, q: QuarterInfo): Promise<BandMix> {
  const rows = await ws.query<{ as_of: string; band: BandKey; count: number }>(
    `SELECT h.as_of, coalesce(h.band, 'none') AS band, count(*) AS count
     FROM health h WHERE h.as_of > last_day($t::DATE - INTERVAL 24 MONTH) AND h.as_of <= $t::DATE
     GROUP BY ALL ORDER BY ALL`,
    { t: q.end },
  );
  const ord: Record<BandKey, number> = { red: 0, yellow: 1, green: 2, none: 3 };
  const byDate = new Map<string, Record<BandKey, number>>();
  for (const r of rows) {
    const m = byDate.get(r.as_of) ?? { green: 0, yellow: 0, red: 0, none: 0 };
    m[r.band] = r.count;
    byDate.set(r.as_of, m);
  }
  const table = [...byDate.entries()]
    .filter(([d]) => [3, 6, 9, 12].includes(Number(d.slice(5, 7))))
    .map(([d, m]) => ({ quarter: `Q${Number(d.slice(5, 7)) / 3} ${d.slice(0, 4)}`, as_of: d, ...m, total: m.green + m.yellow + m.red + m.none }));
  const first = table[0];
  const last = table[table.length - 1];
  const text = first && last && first !== last
    ? `Red partners: ${first.red} at ${first.quarter} end, ${last.red} at ${last.quarter} end; Green: ${first.green} then ${last.green}.`
    : 'Band counts at each month end.';
  return { rows: rows.map((r) => ({ ...r, label: BAND_LABELS[r.band], ord: ord[r.band] })), table, text };
}

/** Band transitions between the previous and this quarter end. */
export function movers(state: StateRow[], anchors: Map<string, string>): Movers {
  const down: MoverRow[] = [];
  const up: MoverRow[] = [];
  for (const r of state) {
    if (!r.band || !r.prev_band || r.band === r.prev_band) continue;
    const worse = SEVERITY[r.band]! > SEVERITY[r.prev_band]!;
    const delta = r.composite !== null && r.prev_composite !== null ? r.composite - r.prev_composite : null;
    const row: MoverRow = {
      partner_id: r.partner_id, name: r.name, anchor: anchors.get(r.partner_id) ?? null,
      from: r.prev_band, to: r.band, prev_composite: r.prev_composite, composite: r.composite, delta,
      deltaText: signed(delta), open_pipeline: r.open_pipeline,
      reason: (worse ? r.worst_evidence : r.best_evidence) ?? r.band_reason ?? '',
    };
    (worse ? down : up).push(row);
  }
  const bySize = (a: MoverRow, b: MoverRow) => Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0) || a.name.localeCompare(b.name);
  down.sort((a, b) => SEVERITY[b.to]! - SEVERITY[a.to]! || bySize(a, b));
  up.sort((a, b) => SEVERITY[a.to]! - SEVERITY[b.to]! || bySize(a, b));
  const pairs: Array<[string, string, 'down' | 'up']> = [
    ['green', 'yellow', 'down'], ['yellow', 'red', 'down'], ['green', 'red', 'down'],
    ['red', 'yellow', 'up'], ['yellow', 'green', 'up'], ['red', 'green', 'up'],
  ];
  const transitions = pairs.map(([from, to, direction]) => ({
    from, to, direction, count: [...down, ...up].filter((m) => m.from === from && m.to === to).length,
  }));
  return { down, up, transitions };
}
