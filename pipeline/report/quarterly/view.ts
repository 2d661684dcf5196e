// buildQuarterlyView: the whole quarterly health report as plain data, from the workspace.
import type { Workspace } from '../../workspace/db.js';
import { fmtDate } from '../../render/index.js';
import { resolveQuarter } from './period.js';
import { bandMix, buildState, execSummary, movers } from './state.js';
import { heatmap, watchlist } from './watchlist.js';
import { partnerPages, selectPages } from './pages.js';
import { interventionsSection, loadEffects, methodology } from './appendix.js';
import type { QuarterlyOptions, QuarterlyView } from './types.js';

export async function buildQuarterlyView(ws: Workspace, opts: QuarterlyOptions): Promise<QuarterlyView> {
  const q = await resolveQuarter(ws, opts.quarter);
  const state = await buildState(ws, q);
  const selection = selectPages(state, opts);
  // Anchors are positional (never derived from partner ids or names, which may be hostile).
  const anchors = new Map(selection.selected.map((r, i) => [r.partner_id, `partner-${i + 1}`]));
  const moved = movers(state, anchors);
  const effects = await loadEffects(ws, q.end, opts.seed);
  const cutoffs = { green_min: opts.model.bands.green_min, red_below: opts.model.bands.red_below };
  const method = await methodology(ws, opts.model, opts.backtest, effects);
  return {
    meta: {
      title: `Partner health — ${q.label}`,
      subtitle: `Who is Green, Yellow and Red at the end of ${q.label}, who moved, why, and what to do next.`,
      cutoff: method.window.cutoff,
      model: `${opts.model.name} v${opts.model.version}`,
      lang: 'en',
      pageSize: opts.pageSize ?? 'A4',
    },
    quarter: q,
    summary: await execSummary(ws, q, state, moved),
    bandMix: await bandMix(ws, q),
    movers: moved,
    watchlist: await watchlist(ws, q.end, state, anchors, q.previousLabel, opts.watchlistDetail ?? 15),
    heatmap: await heatmap(ws, q.end, state, anchors, cutoffs, opts.heatmapRows ?? 40),
    interventions: interventionsSection(effects),
    partnerPages: {
      mode: opts.partnerPages ?? 'all',
      description: selection.description,
      eligible: selection.eligible,
      omitted: selection.omitted,
      showOutcome: method.window.cutoff !== null && q.end < method.window.cutoff,
      outcomeNote: `Deals as they stood at ${fmtDate(q.end)}.`,
      pages: await partnerPages(ws, q, selection.selected, anchors),
    },
    methodology: method,
  };
}
