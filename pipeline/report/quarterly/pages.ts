// One page per partner: which partners get one, and what each page shows. Set-based: the selected
// partners go into a temp table and each section is one query over all of them.
import type { Workspace } from '../../workspace/db.js';
import { defineEvidenceMacros } from '../../score/evidence.js';
import { fmtMoney, fmtPct } from '../../render/index.js';
import { humanize, plural, round, signed } from '../common/index.js';
import { statusText, type EffectStatus } from '../../interventions/index.js';
import type { PartnerPage, PartnerPagesMode, QuarterInfo, QuarterlyOptions } from './types.js';
import type { StateRow } from './state.js';

export interface PageSelection {
  selected: StateRow[];
  eligible: number;
  omitted: number;
  description: string;
}

/** Apply the partner-pages options (mode, segment, cap) to the partners in watchlist order. */
export function selectPages(state: StateRow[], opts: Pick<QuarterlyOptions, 'partnerPages' | 'segment' | 'maxPartnerPages'>): PageSelection {
  const mode: PartnerPagesMode = opts.partnerPages ?? 'all';
  let rows = mode === 'none' ? [] : mode === 'watchlist' ? state.filter((r) => r.band === 'red' || r.band === 'yellow') : state;
  const seg = opts.segment;
  if (seg) rows = rows.filter((r) => r[seg.field] === seg.value);
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

type TrendRow = { partner_id: string; as_of: string; composite: number | null; band: string | null };
type DimRow = { partner_id: string; dimension: string; label: string; score: number | null; cohort_median: number | null; cohort_n: number; type: string };
type EvRow = {
  partner_id: string; signal: string; dimension: string; value: string; window: string; median: string; prior: string | null;
  impact: number | null; text: string;
};
type DealRow = { partner_id: string; deal_id: string; amount: number; expected_close_on: string; stage: string | null; days_overdue: number | null; outcome: string };
type IvRow = {
  partner_id: string; started_on: string; playbook: string; owner: string | null; note: string | null; t1: string | null;
  composite_t0: number | null; composite_t1: number | null; delta: number | null; control_delta: number | null; effect: number | null;
  control_n: number; status: EffectStatus;
};

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function groupBy<T extends { partner_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.partner_id, [...(m.get(r.partner_id) ?? []), r]);
  return m;
}

async function queryPageData(ws: Workspace, q: QuarterInfo) {
  const p = { t: q.end };
  const trend = await ws.query<TrendRow>(
    `SELECT h.partner_id, h.as_of, h.composite, h.band FROM health h JOIN quarterly_pages USING (partner_id)
     WHERE h.as_of > last_day($t::DATE - INTERVAL 24 MONTH) AND h.as_of <= $t::DATE ORDER BY page_ord, h.as_of`, p);
  // Cohort = partners of the same type scored at the quarter end.
  const dims = await ws.query<DimRow>(
    `WITH cohort AS (
       SELECT ps.type, d.dimension, median(d.score) AS med, count(d.score) AS n
       FROM dimension_scores d JOIN partner_snapshots ps ON ps.partner_id = d.partner_id AND ps.as_of = d.as_of
       WHERE d.as_of = $t::DATE AND d.score IS NOT NULL GROUP BY ALL)
     SELECT qp.partner_id, md.dimension, md.label, d.score, c.med AS cohort_median, coalesce(c.n, 0) AS cohort_n, ps.type
     FROM quarterly_pages qp
     JOIN partner_snapshots ps ON ps.partner_id = qp.partner_id AND ps.as_of = $t::DATE
     CROSS JOIN model_dimensions md
     LEFT JOIN dimension_scores d ON d.partner_id = qp.partner_id AND d.as_of = $t::DATE AND d.dimension = md.dimension
     LEFT JOIN cohort c ON c.type = ps.type AND c.dimension = md.dimension
     ORDER BY qp.page_ord, md.ord`, p);
  await defineEvidenceMacros(ws);
  const evidence = await ws.query<EvRow>(
    `SELECT e.partner_id, coalesce(ms.noun, e.signal) AS signal, coalesce(md.label, e.dimension) AS dimension,
            fmt_value(e.signal, e.raw_value) AS value, fmt_value(e.signal, e.cohort_median) AS median,
            CASE WHEN e.prior_raw_value IS NOT NULL THEN fmt_value(e.signal, e.prior_raw_value) END AS prior,
            CASE ms.aggregation WHEN 'last' THEN 'as of ' || coalesce(e.observed_on, e.as_of)::VARCHAR
                 -- windows end at the quarter end, which the table's heading states
                 WHEN 'trend' THEN 'last ' || e.window_days || ' d vs prior ' || e.window_days || ' d'
                 ELSE 'last ' || e.window_days || ' d' END AS window,
            e.impact, e.text
     FROM evidence e JOIN quarterly_pages USING (partner_id)
     LEFT JOIN model_signals ms ON ms.signal = e.signal
     LEFT JOIN model_dimensions md ON md.dimension = e.dimension
     WHERE e.as_of = $t::DATE ORDER BY page_ord, e.rank`, p);
  const deals = await ws.query<DealRow>(
    `SELECT d.partner_id, d.deal_id, d.amount, d.expected_close_on, d.stage,
            CASE WHEN d.expected_close_on < $t::DATE THEN date_diff('day', d.expected_close_on, $t::DATE) END AS days_overdue,
            CASE WHEN d.closed_on IS NOT NULL AND d.closed_on <= r.cutoff THEN d.status || ' ' || d.closed_on::VARCHAR ELSE 'open' END AS outcome
     FROM deals d JOIN quarterly_pages USING (partner_id) CROSS JOIN (SELECT max(cutoff) AS cutoff FROM run_info) r
     WHERE d.registered_on <= $t::DATE AND (d.closed_on IS NULL OR d.closed_on > $t::DATE)
       AND d.expected_close_on <= $t::DATE + INTERVAL 90 DAY
     ORDER BY page_ord, d.expected_close_on, d.deal_id`, p);
  const interventions = await ws.query<IvRow>(
    `SELECT i.partner_id, i.started_on, i.playbook, i.owner, i.note, i.t1, i.composite_t0, i.composite_t1, i.delta,
            i.control_delta, i.effect, i.control_n, i.status
     FROM intervention_effects i JOIN quarterly_pages USING (partner_id)
     WHERE i.started_on <= $t::DATE ORDER BY page_ord, i.started_on`, p);
  return { trend: groupBy(trend), dims: groupBy(dims), evidence: groupBy(evidence), deals: groupBy(deals), interventions: groupBy(interventions) };
}

/** Due deals listed on a partner page (largest first); the page says how many more there are. */
export const DUE_DEALS_SHOWN = 5;

function interventionRow(r: IvRow, q: QuarterInfo) {
  // Point in time: an outcome measured after the quarter end is not shown in this quarter's report.
  const late = r.t1 !== null && r.t1 > q.end;
  const status: EffectStatus = late ? 'too_recent' : r.status;
  const ok = status === 'ok';
  return {
    started_on: r.started_on, playbook: humanize(r.playbook), owner: r.owner, note: r.note, t1: r.t1,
    composite_t0: round(r.composite_t0), composite_t1: late ? null : round(r.composite_t1),
    delta: ok || status === 'no_controls' ? signed(r.delta) : '—',
    control_delta: ok ? `${signed(r.control_delta)} (${plural(r.control_n, 'peer')})` : '—',
    effect: ok ? signed(r.effect) : '—',
    status: statusText(status),
  };
}

/** Build the selected partners' pages (in selection order). */
export async function partnerPages(ws: Workspace, q: QuarterInfo, selected: StateRow[], anchors: Map<string, string>): Promise<PartnerPage[]> {
  await ws.exec(`CREATE OR REPLACE TEMP TABLE quarterly_pages (partner_id VARCHAR, page_ord DOUBLE)`);
  if (!selected.length) return [];
  await ws.append('quarterly_pages', selected.map((r, i) => [r.partner_id, i]));
  const data = await queryPageData(ws, q);
  return selected.map((r) => {
    const trend = (data.trend.get(r.partner_id) ?? []).map((t) => ({ as_of: t.as_of, composite: round(t.composite), band: t.band }));
    const dims = data.dims.get(r.partner_id) ?? [];
    const type = dims[0]?.type;
    const cohortN = Math.max(0, ...dims.map((d) => d.cohort_n));
    const cohortLabel = type && type !== '(none)' ? `${type} partners (n = ${cohortN})` : `partners without a type (n = ${cohortN})`;
    const scoredTrend = trend.filter((t) => t.composite !== null);
    const firstT = scoredTrend[0];
    const lastT = scoredTrend[scoredTrend.length - 1];
    const deals = data.deals.get(r.partner_id) ?? [];
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
        { label: 'Open pipeline', value: `${fmtMoney(r.open_pipeline)} (${plural(r.open_deals, 'deal')})` },
        { label: 'Data coverage', value: fmtPct(r.coverage) },
      ],
      band: r.band,
      composite: round(r.composite),
      coverage: r.coverage,
      deltaText: r.composite !== null && r.prev_composite !== null ? `${signed(r.composite - r.prev_composite)} vs ${q.previousLabel}` : '',
      band_reason: r.band_reason ?? '',
      playbook: r.playbook ? humanize(r.playbook) : null,
      action: r.action,
      trend,
      trendText: firstT && lastT
        ? `Composite ${firstT.composite} in ${firstT.as_of.slice(0, 7)}, ${lastT.composite} in ${lastT.as_of.slice(0, 7)}; shaded bands show Red, Yellow and Green ranges.`
        : 'No composite score in the last eight quarters.',
      dimensions: dims.map((d) => ({
        dimension: d.dimension, label: d.label, score: round(d.score), cohort_median: round(d.cohort_median), cohort_n: d.cohort_n,
      })),
      dimensionsText: below.length ? `Below the cohort median on ${below.join(', ')}.` : 'At or above the cohort median on every scored dimension.',
      cohortLabel,
      evidence: (data.evidence.get(r.partner_id) ?? []).map((e) => ({
        signal: capitalize(e.signal), dimension: e.dimension, value: e.value, window: e.window, cohort_median: e.median,
        previous: e.prior ?? '—', impact: round(e.impact), text: e.text,
      })),
      // The largest few fit on the partner's page; the rest are counted (the total covers all of them).
      dueDeals: [...deals].sort((a, b) => b.amount - a.amount).slice(0, DUE_DEALS_SHOWN).map((d) => ({
        deal_id: d.deal_id, amount: d.amount, expected_close_on: d.expected_close_on, stage: d.stage ? humanize(d.stage) : '—',
        days_overdue: d.days_overdue, outcome: d.outcome,
      })),
      dueAmount: deals.reduce((a, d) => a + d.amount, 0),
      dueDealsMore: Math.max(0, deals.length - DUE_DEALS_SHOWN),
      interventions: (data.interventions.get(r.partner_id) ?? []).map((i) => interventionRow(i, q)),
    };
  });
}
