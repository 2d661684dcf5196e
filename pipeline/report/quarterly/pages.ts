// One page per partner: which partners get one, and what each page shows (pure: from the report data).
import { humanize, plural, round } from '../common/index.js';
import { statusText, type EffectRow, type EffectStatus } from '../../interventions/index.js';
import { byPartner, type PartnerRow, type QuarterlyData } from './data.js';
import type { PartnerPage, PartnerPagesMode, QuarterInfo, QuarterlyOptions } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';
import { segmentPartners, type Segment } from './segment.js';

export interface PageSelection {
  selected: PartnerRow[];
  eligible: number;
  omitted: number;
  description: string;
}

/** Apply the partner-pages options (mode, segment, cap) to the partners in watchlist order. */
export function selectPages(state: PartnerRow[], opts: Pick<QuarterlyOptions, 'partnerPages' | 'segment' | 'maxPartnerPages'>): PageSelection {
  const mode: PartnerPagesMode = opts.partnerPages ?? 'all';
  const rows = mode === 'none' ? [] : mode === 'watchlist' ? state.filter((r) => r.band === 'red' || r.band === 'yellow') : state;
  // The rows are already cut to the segment (segment.ts); the description names it.
  const seg = opts.segment;
  const eligible = rows.length;
  const cap = opts.maxPartnerPages;
  const selected = cap !== undefined && cap >= 0 ? rows.slice(0, cap) : rows;
  const who = mode === 'watchlist' ? 'watchlist partner (Red or Yellow)' : 'partner';
  const where = seg ? ` with ${seg.field} “${seg.value}”` : '';
  const description = mode === 'none'
    ? 'Partner pages were not requested for this edition.'
    : `One page for each ${who}${where}: ${plural(eligible, 'page')}` +
      (selected.length < eligible ? `; the first ${selected.length} in watchlist order are included, ${eligible - selected.length} left out.` : '.');
  return { selected, eligible, omitted: eligible - selected.length, description };
}

/** The partners that get a page in any of the reports cut to `segments` (undefined: the whole program). */
export function pagedPartners(
  partners: PartnerRow[], opts: Pick<QuarterlyOptions, 'partnerPages' | 'maxPartnerPages'>, segments: Array<Segment | undefined>,
): string[] {
  return segments.flatMap((segment) => selectPages(segmentPartners(partners, segment), { ...opts, segment }).selected.map((r) => r.partner_id));
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Due deals listed on a partner page (largest first); the page says how many more there are. */
export const DUE_DEALS_SHOWN = 5;
/** Recently closed deals listed on a partner page (latest first). */
export const CLOSED_DEALS_SHOWN = 5;

function interventionRow(r: EffectRow, q: QuarterInfo) {
  // Point in time: an outcome measured after the quarter end is not shown in this quarter's report.
  const late = r.t1 !== null && r.t1 > q.end;
  const status: EffectStatus = late ? 'too_recent' : r.status;
  const ok = status === 'ok';
  return {
    started_on: r.started_on, playbook: humanize(r.playbook), owner: r.owner, note: r.note, t1: r.t1,
    composite_t0: round(r.composite_t0), composite_t1: late ? null : round(r.composite_t1),
    delta: ok || status === 'no_controls' ? fmt('points', r.delta) : '—',
    control_delta: ok ? `${fmt('points', r.control_delta)} (${plural(r.control_n, 'peer')})` : '—',
    effect: ok ? fmt('points', r.effect) : '—',
    status: statusText(status),
  };
}

/** "Engagement 71 → 38 (fell most), Capability 60 → 58, …": first and last charted month per dimension. */
export function dimensionTrendText(rows: Array<{ as_of: string; dimension: string; score: number }>): string {
  const ends = new Map<string, { first: number; last: number }>();
  for (const r of rows) {
    const e = ends.get(r.dimension);
    if (e) e.last = r.score;
    else ends.set(r.dimension, { first: r.score, last: r.score });
  }
  if (!ends.size) return 'No dimension scores in the last eight quarters.';
  const moves = [...ends].map(([d, e]) => ({ d, ...e, change: e.last - e.first }));
  const worst = moves.reduce((a, m) => (m.change < a.change ? m : a));
  const parts = moves.map((m) => `${m.d} ${fmt('score_1', m.first)} → ${fmt('score_1', m.last)}${m === worst && m.change < 0 ? ' (fell most)' : ''}`);
  const from = fmt('month', rows[0]!.as_of);
  const to = fmt('month', rows[rows.length - 1]!.as_of);
  return `Dimension scores from ${from} to ${to}: ${parts.join(', ')}.`;
}

/** Build the selected partners' pages (in selection order). */
export function partnerPages(data: QuarterlyData, selected: PartnerRow[], anchors: Map<string, string>): PartnerPage[] {
  const q = data.quarter;
  const ids = new Set(selected.map((r) => r.partner_id));
  const mine = <T extends { partner_id: string }>(rows: T[]) => byPartner(rows.filter((r) => ids.has(r.partner_id)));
  const trends = mine(data.history);
  const dimTrends = mine(data.dimensionHistory);
  const dimsBy = mine(data.dimensions);
  const evidenceBy = mine(data.evidence); // each partner's by rank
  const dealsBy = mine(data.dueDeals);
  const closedBy = mine(data.closedDeals);
  const ivBy = mine(data.interventions.filter((i) => i.started_on <= q.end).sort((a, b) => a.started_on.localeCompare(b.started_on) || a.intervention_id - b.intervention_id));
  const dimLabel = new Map(data.modelDimensions.map((d) => [d.key, d.label]));
  return selected.map((r) => {
    const trend = (trends.get(r.partner_id) ?? []).map((t) => ({ as_of: t.as_of, composite: round(t.composite), band: t.band }));
    const dims = dimsBy.get(r.partner_id) ?? [];
    const type = dims[0]?.cohort_type;
    const cohortN = Math.max(0, ...dims.map((d) => d.cohort_n));
    const cohortLabel = type && type !== '(none)' ? `${type} partners (n = ${cohortN})` : `partners without a type (n = ${cohortN})`;
    const scoredTrend = trend.filter((t) => t.composite !== null);
    const firstT = scoredTrend[0];
    const lastT = scoredTrend[scoredTrend.length - 1];
    const dimensionTrend = (dimTrends.get(r.partner_id) ?? [])
      .map((d) => ({ as_of: d.as_of, dimension: dimLabel.get(d.dimension) ?? d.dimension, score: round(d.score)! }));
    const deals = dealsBy.get(r.partner_id) ?? [];
    const closed = closedBy.get(r.partner_id) ?? [];
    const below = dims.filter((d) => d.score !== null && d.cohort_median !== null && d.score < d.cohort_median).map((d) => d.label);
    return {
      anchor: anchors.get(r.partner_id)!,
      partner_id: r.partner_id,
      name: r.name,
      facts: [
        { label: 'Partner ID', value: r.partner_id },
        { label: 'Type', value: r.type ?? '—' },
        { label: 'Tier', value: r.tier ?? '—' },
        { label: 'Region', value: r.region ?? '—' },
        { label: 'Manager', value: r.manager ?? '—' },
        { label: 'Open pipeline', value: `${fmt('money', r.open_pipeline)} (${plural(r.open_deals, 'deal')})` },
        { label: 'Data coverage', value: fmt('share', r.coverage) },
      ],
      band: r.band,
      composite: round(r.composite, 2), // two decimals so the score + band helper can keep it on its side of a cut-off
      coverage: r.coverage,
      deltaText: r.composite !== null && r.prev_composite !== null ? `${fmt('points', r.composite - r.prev_composite)} vs ${q.previousLabel}` : '',
      band_reason: r.band_reason ?? '',
      playbook: r.playbook ? humanize(r.playbook) : null,
      action: r.action,
      trend,
      trendText: firstT && lastT
        ? `Composite ${fmt('score_1', firstT.composite)} in ${fmt('month', firstT.as_of)}, ${fmt('score_1', lastT.composite)} in ${fmt('month', lastT.as_of)}; shaded bands show Red, Yellow and Green ranges.`
        : 'No composite score in the last eight quarters.',
      dimensions: dims.map((d) => ({
        dimension: d.dimension, label: d.label, score: round(d.score), cohort_median: round(d.cohort_median), cohort_n: d.cohort_n,
      })),
      dimensionsText: below.length ? `Below the cohort median on ${below.join(', ')}.` : 'At or above the cohort median on every scored dimension.',
      cohortLabel,
      dimensionTrend,
      dimensionTrendText: dimensionTrendText(dimensionTrend),
      evidence: (evidenceBy.get(r.partner_id) ?? []).map((e) => ({
        signal: capitalize(e.noun), dimension: e.dimension, value: e.value, window: e.window, cohort_median: e.cohort_median,
        previous: e.prior ?? '—', impact: round(e.impact), text: e.evidence_text ?? e.level_text,
      })),
      // The largest few fit on the partner's page; the rest are counted (the total covers all of them).
      dueDeals: [...deals].sort((a, b) => b.amount - a.amount).slice(0, DUE_DEALS_SHOWN).map((d) => ({
        deal_id: d.deal_id, amount: d.amount, expected_close_on: d.expected_close_on, stage: d.stage ? humanize(d.stage) : '—',
        days_overdue: d.days_overdue, outcome: d.outcome,
      })),
      dueAmount: deals.reduce((a, d) => a + d.amount, 0),
      dueDealsMore: Math.max(0, deals.length - DUE_DEALS_SHOWN),
      recentDeals: closed.slice(0, CLOSED_DEALS_SHOWN).map((d) => ({
        deal_id: d.deal_id, amount: d.amount, expected_close_on: d.expected_close_on, closed_on: d.closed_on,
        outcome: d.status === 'lost' ? 'Lost' : d.missed ? `Won ${plural(d.days_late, 'day')} late` : 'Won',
        missed: d.missed,
      })),
      recentMissed: closed.filter((d) => d.missed).length,
      recentWon: closed.filter((d) => !d.missed).length,
      recentDealsMore: Math.max(0, closed.length - CLOSED_DEALS_SHOWN),
      interventions: (ivBy.get(r.partner_id) ?? []).map((i) => interventionRow(i, q)),
    };
  });
}
