// Watchlist (Red and Yellow partners with the evidence against them) and the partner × dimension heatmap.
import type { Workspace } from '../../workspace/db.js';
import { humanize, plural, signed } from '../common/index.js';
import type { Heatmap, HeatCell, WatchRow, Watchlist } from './types.js';
import type { StateRow } from './state.js';

export interface Cutoffs {
  green_min: number;
  red_below: number;
}

/** Heat class of a 0–100 score relative to the band cut-offs (two shades of red and of green). */
export function heatClass(score: number | null, c: Cutoffs): string {
  if (score === null) return 'heat-none';
  if (score < c.red_below / 2) return 'heat-r2';
  if (score < c.red_below) return 'heat-r1';
  if (score < c.green_min) return 'heat-y';
  if (score < (c.green_min + 100) / 2) return 'heat-g1';
  return 'heat-g2';
}

function deltaText(r: StateRow, prevLabel: string): string {
  if (r.composite === null || r.prev_composite === null) return `new or unscored in ${prevLabel}`;
  return `${signed(r.composite - r.prev_composite)} vs ${prevLabel}`;
}

export async function watchlist(
  ws: Workspace, asOf: string, state: StateRow[], anchors: Map<string, string>, prevLabel: string, detailCount: number,
): Promise<Watchlist> {
  // The three pieces of evidence that pulled each watchlist partner's score down the most.
  const ev = await ws.query<{ partner_id: string; text: string }>(
    `SELECT e.partner_id, e.text FROM evidence e
     JOIN quarterly_state s ON s.partner_id = e.partner_id AND s.band IN ('red', 'yellow')
     WHERE e.as_of = $t::DATE
     QUALIFY row_number() OVER (PARTITION BY e.partner_id ORDER BY e.impact, e.rank) <= 3
     ORDER BY e.partner_id, e.impact, e.rank`,
    { t: asOf },
  );
  const byPartner = new Map<string, string[]>();
  for (const e of ev) byPartner.set(e.partner_id, [...(byPartner.get(e.partner_id) ?? []), e.text]);
  const rows: WatchRow[] = state
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
      deltaText: deltaText(r, prevLabel),
      band_reason: r.band_reason ?? '',
      open_pipeline: r.open_pipeline,
      open_deals: r.open_deals,
      playbook: humanize(r.playbook),
      action: r.action,
      evidence: byPartner.get(r.partner_id) ?? [],
    }));
  return {
    total: rows.length,
    red: rows.filter((r) => r.band === 'red').length,
    yellow: rows.filter((r) => r.band === 'yellow').length,
    detail: rows.slice(0, detailCount),
    rest: rows.slice(detailCount),
  };
}

export async function heatmap(
  ws: Workspace, asOf: string, state: StateRow[], anchors: Map<string, string>, cutoffs: Cutoffs, cap: number,
): Promise<Heatmap> {
  const dims = await ws.query<{ key: string; label: string }>(`SELECT dimension AS key, label FROM model_dimensions ORDER BY ord`);
  const shown = state.slice(0, cap);
  const scores = await ws.query<{ partner_id: string; dimension: string; score: number | null }>(
    `SELECT d.partner_id, d.dimension, d.score FROM dimension_scores d
     JOIN quarterly_state s ON s.partner_id = d.partner_id AND s.ord <= $cap
     WHERE d.as_of = $t::DATE`,
    { t: asOf, cap },
  );
  const lookup = new Map(scores.map((s) => [`${s.partner_id}\u0000${s.dimension}`, s.score]));
  const rows = shown.map((r) => ({
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
