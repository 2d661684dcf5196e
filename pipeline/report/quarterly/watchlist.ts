// Watchlist (Red and Yellow partners with the signals holding them down) and the partner × dimension
// heatmap. Pure functions of the report data.
import { humanize, plural, round } from '../common/index.js';
import { byPartner, isBelowCohort, type PartnerRow, type QuarterlyData, type SignalRow } from './data.js';
import type { Heatmap, HeatCell, WatchReason, WatchRow, Watchlist } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';

export interface Cutoffs {
  green_min: number;
  red_below: number;
}

/** Signals listed under "why" per watchlist partner. */
export const WHY_SIGNALS = 3;

/** Heat class of a 0–100 score relative to the band cut-offs (two shades of red and of green). */
export function heatClass(score: number | null, c: Cutoffs): string {
  if (score === null) return 'heat-none';
  if (score < c.red_below / 2) return 'heat-r2';
  if (score < c.red_below) return 'heat-r1';
  if (score < c.green_min) return 'heat-y';
  if (score < (c.green_min + 100) / 2) return 'heat-g1';
  return 'heat-g2';
}

function deltaText(r: PartnerRow, prevLabel: string): string {
  if (r.composite === null || r.prev_composite === null) return `new or unscored in ${prevLabel}`;
  return `${fmt('points', r.composite - r.prev_composite)} vs ${prevLabel}`;
}

/**
 * Why a partner is on the watchlist: only signals that hold its score below its cohort (negative level
 * pull), strongest first. The change over the trend months is shown beside, never used to rank: a
 * partner Red for a year is Red for its level, not for this quarter's noise.
 */
export function whyRows(signals: SignalRow[]): WatchReason[] {
  return signals
    .filter(isBelowCohort)
    .sort((a, b) => a.level_pull - b.level_pull || a.signal.localeCompare(b.signal))
    .slice(0, WHY_SIGNALS)
    .map((s) => ({
      signal: s.noun,
      text: s.level_text,
      pull: `${fmt('points', round(s.level_pull, 1))} pts`,
      change: s.change === null ? 'no earlier value' : `${fmt('points', round(s.change, 1))} pts${s.prior !== null ? ` (was ${s.prior})` : ''}`,
    }));
}

export function watchlist(data: QuarterlyData, anchors: Map<string, string>, detailCount: number): Watchlist {
  const signalsOf = byPartner(data.signals);
  const rows: WatchRow[] = data.partners
    .filter((r) => r.band === 'red' || r.band === 'yellow')
    .map((r, i) => ({
      rank: i + 1,
      partner_id: r.partner_id,
      name: r.name,
      anchor: anchors.get(r.partner_id) ?? null,
      type: r.type,
      manager: r.manager,
      band: r.band!,
      composite: r.composite,
      deltaText: deltaText(r, data.quarter.previousLabel),
      band_reason: r.band_reason ?? '',
      open_pipeline: r.open_pipeline,
      open_deals: r.open_deals,
      playbook: humanize(r.playbook),
      action: r.action,
      why: whyRows(signalsOf.get(r.partner_id) ?? []),
    }));
  return {
    total: rows.length,
    red: rows.filter((r) => r.band === 'red').length,
    yellow: rows.filter((r) => r.band === 'yellow').length,
    detail: rows.slice(0, detailCount),
    rest: rows.slice(detailCount),
  };
}

export function heatmap(data: QuarterlyData, anchors: Map<string, string>, cutoffs: Cutoffs, cap: number): Heatmap {
  const dims = data.modelDimensions;
  const state = data.partners;
  const lookup = new Map(data.dimensions.map((d) => [`${d.partner_id}\u0000${d.dimension}`, d.score]));
  const rows = state.slice(0, cap).map((r) => ({
    partner_id: r.partner_id,
    name: r.name,
    anchor: anchors.get(r.partner_id) ?? null,
    band: r.band,
    composite: r.composite,
    compositeCls: heatClass(r.composite, cutoffs),
    cells: dims.map((d): HeatCell => {
      const score = lookup.get(`${r.partner_id}\u0000${d.key}`) ?? null;
      return { score, cls: heatClass(score, cutoffs) };
    }),
  }));
  const note = state.length > cap
    ? `Showing ${cap} of ${plural(state.length, 'partner')}: the watchlist first (Red, then Yellow, largest open pipeline first), then the rest by band. Every partner's scores are in scores.csv.`
    : `All ${plural(state.length, 'partner')}, watchlist first.`;
  return { dimensions: dims, rows, total: state.length, shown: rows.length, note };
}
