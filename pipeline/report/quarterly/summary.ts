// The program at the quarter end: executive summary (counts by band, pipeline at risk and its expected
// amount, headlines) and the band mix over time. Pure functions of the report data.
import { countDelta, plural } from '../common/index.js';
import type { PartnerRow, QuarterlyData } from './data.js';
import type { ExpectedAtRisk } from './risk.js';
import type { BandCount, BandKey, BandMix, ExecSummary, Kpi, Movers, QuarterInfo } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';

export const BAND_LABELS: Record<BandKey, string> = { green: 'Green', yellow: 'Yellow', red: 'Red', none: 'Not scored' };
const WARNING_BANDS = new Set(['yellow', 'red']);

const bandKey = (b: string | null): BandKey => (b === 'green' || b === 'yellow' || b === 'red' ? b : 'none');

function countBands(bands: Array<string | null>): Record<BandKey, number> {
  const out: Record<BandKey, number> = { green: 0, yellow: 0, red: 0, none: 0 };
  for (const b of bands) out[bandKey(b)] += 1;
  return out;
}

/** Open pipeline of Yellow and Red partners (now, or at the previous quarter end). */
export function pipelineAtRisk(partners: PartnerRow[], previous = false): number {
  return partners.reduce((a, p) => a + (WARNING_BANDS.has((previous ? p.prev_band : p.band) ?? '') ? (previous ? p.prev_open_pipeline : p.open_pipeline) : 0), 0);
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

export function execSummary(data: QuarterlyData, movers: Movers, expected: ExpectedAtRisk): ExecSummary {
  const q = data.quarter;
  const state = data.partners;
  const now = countBands(state.map((r) => r.band));
  const prev = q.previousEnd ? countBands(data.history.filter((h) => h.as_of === q.previousEnd).map((h) => h.band)) : null;
  const total = state.length;
  const bands = (['red', 'yellow', 'green', 'none'] as BandKey[]).map((b) => bandCount(b, now, prev, q, total));
  const openPipeline = state.reduce((a, r) => a + r.open_pipeline, 0);
  const atRisk = pipelineAtRisk(state);
  const atRiskPrev = q.previousEnd ? pipelineAtRisk(state, true) : null;
  const headlines: string[] = [];
  const red = bands[0]!, yellow = bands[1]!, green = bands[2]!;
  const ch = (b: BandCount) => (b.previous === null ? '' : ` (${fmt('count_change', b.count - b.previous).replace(/^0$/, '±0')})`);
  headlines.push(`${red.count} Red${ch(red)}, ${yellow.count} Yellow${ch(yellow)} and ${green.count} Green${ch(green)} of ${plural(total, 'partner')} at ${q.label} end${prev ? `, changes vs ${q.previousLabel}` : ''}.`);
  if (openPipeline > 0) {
    headlines.push(`${fmt('money', atRisk)} of ${fmt('money', openPipeline)} open pipeline (${fmt('share', atRisk / openPipeline)}) sits with Yellow and Red partners.`);
  }
  if (q.previousEnd) {
    headlines.push(`${plural(movers.down.length, 'partner')} moved to a worse band this quarter; ${movers.up.length} recovered.`);
  }
  const biggest = state.find((r) => r.band === 'red' && r.open_pipeline > 0);
  if (biggest) headlines.push(`Largest Red exposure: ${biggest.name}, ${fmt('money', biggest.open_pipeline)} open pipeline.`);
  const kpis: Kpi[] = bands
    .filter((b) => b.band !== 'none' || b.count > 0)
    .map((b) => ({
      label: b.label, value: fmt('count', b.count), ...(b.band === 'none' ? {} : { band: b.band }),
      delta: b.delta, trend: b.trend, good: b.good, note: `${fmt('share', b.share)} of partners`,
    }));
  const riskUp = atRiskPrev === null || atRisk === atRiskPrev ? null : atRisk > atRiskPrev;
  kpis.push({
    label: 'Pipeline at risk', value: fmt('money', atRisk),
    delta: atRiskPrev === null ? null : `${atRisk >= atRiskPrev ? '+' : '−'}${fmt('money', Math.abs(atRisk - atRiskPrev))} vs ${q.previousLabel}`,
    trend: riskUp === null ? (atRiskPrev === null ? null : 'flat') : riskUp ? 'up' : 'down',
    good: riskUp === null ? null : !riskUp,
    note: openPipeline > 0 ? `${fmt('share', atRisk / openPipeline)} of ${fmt('money', openPipeline)} open pipeline (Yellow + Red)` : 'no open pipeline',
  });
  if (expected.amount !== null) {
    kpis.push({
      label: 'Expected at risk', value: fmt('money', expected.amount), delta: expected.ciText, trend: null, good: null, note: expected.note,
    });
  }
  return {
    kpis,
    partners: total,
    scored: total - now.none,
    bands,
    openPipeline,
    pipelineAtRisk: atRisk,
    atRiskShare: openPipeline > 0 ? atRisk / openPipeline : null,
    atRiskPipelinePrevious: atRiskPrev,
    atRiskDelta: kpis.find((k) => k.label === 'Pipeline at risk')!.delta,
    expectedAtRisk: expected,
    movedDown: movers.down.length,
    recovered: movers.up.length,
    headlines,
  };
}

/** Monthly band counts over the eight quarters ending at the quarter end. */
export function bandMix(data: QuarterlyData): BandMix {
  const ord: Record<BandKey, number> = { red: 0, yellow: 1, green: 2, none: 3 };
  const byDate = new Map<string, Record<BandKey, number>>();
  for (const h of data.history) {
    const m = byDate.get(h.as_of) ?? { green: 0, yellow: 0, red: 0, none: 0 };
    m[bandKey(h.band)] += 1;
    byDate.set(h.as_of, m);
  }
  const dates = [...byDate.keys()].sort();
  const rows = dates.flatMap((d) => (['green', 'none', 'red', 'yellow'] as BandKey[])
    .filter((b) => byDate.get(d)![b] > 0)
    .map((b) => ({ as_of: d, band: b, count: byDate.get(d)![b], label: BAND_LABELS[b], ord: ord[b] })));
  const table = dates
    .filter((d) => [3, 6, 9, 12].includes(Number(d.slice(5, 7))))
    .map((d) => {
      const m = byDate.get(d)!;
      return { quarter: `Q${Number(d.slice(5, 7)) / 3} ${d.slice(0, 4)}`, as_of: d, ...m, total: m.green + m.yellow + m.red + m.none };
    });
  const first = table[0];
  const last = table[table.length - 1];
  const text = first && last && first !== last
    ? `Red partners: ${first.red} at ${first.quarter} end, ${last.red} at ${last.quarter} end; Green: ${first.green} then ${last.green}.`
    : 'Band counts at each month end.';
  return { rows, table, text };
}
