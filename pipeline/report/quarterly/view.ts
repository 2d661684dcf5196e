// buildQuarterlyView: the whole quarterly health report as plain data, a pure function of the
// quarterly-data stage's tables (read by data.ts) and the run's results.
import type { QuarterlyData } from './data.js';
import { filterSegment, segmentLabel } from './segment.js';
import { bandMix, execSummary } from './summary.js';
import { movers } from './movers.js';
import { heatmap, watchlist } from './watchlist.js';
import { partnerPages, selectPages } from './pages.js';
import { effectsAtQuarterEnd, interventionsSection, methodology } from './appendix.js';
import { expectedAtRisk } from './risk.js';
import { backtestProof } from './proof.js';
import { rollup } from './rollup.js';
import type { QuarterlyOptions, QuarterlyView } from './types.js';
import { fmt } from '../../vocabulary/number-formats.js';

export function buildQuarterlyView(all: QuarterlyData, opts: QuarterlyOptions): QuarterlyView {
  const q = all.quarter;
  const seg = opts.segment;
  const data = filterSegment(all, seg);
  const selection = selectPages(data.partners, opts);
  // Anchors are positional (never derived from partner ids or names, which may be hostile).
  const anchors = new Map(selection.selected.map((r, i) => [r.partner_id, `partner-${i + 1}`]));
  const moved = movers(data, anchors);
  // Playbook effects need the whole program's interventions to say anything; a segment pack shows them too.
  const effects = effectsAtQuarterEnd(all.interventions, q.end, opts.seed);
  const cutoffs = { green_min: opts.model.bands.green_min, red_below: opts.model.bands.red_below };
  const method = methodology(opts.model, opts.backtest, effects, all.window);
  const expected = expectedAtRisk(data.partners, all.riskCalibration);
  const segment = seg ? { ...seg, label: segmentLabel(seg) } : null;
  return {
    meta: {
      title: `Partner health — ${q.label}${segment ? ` — ${segment.label}` : ''}`,
      subtitle: `Who is Green, Yellow and Red at the end of ${q.label}, who moved, why, and what to do next` +
        (segment ? `: the ${segment.label} partners.` : '.'),
      cutoff: method.window.cutoff,
      model: `${opts.model.name} v${opts.model.version}`,
      lang: 'en',
      pageSize: opts.pageSize ?? 'A4',
    },
    quarter: q,
    segment,
    packIndex: opts.packIndex ?? null,
    proof: backtestProof(opts.backtest ?? null),
    summary: execSummary(data, moved, expected),
    rollup: segment ? null : rollup(data.partners, expected),
    bandMix: bandMix(data),
    movers: moved,
    watchlist: watchlist(data, anchors, opts.watchlistDetail ?? 15),
    heatmap: heatmap(data, anchors, cutoffs, opts.heatmapRows ?? 40),
    interventions: interventionsSection(effects),
    partnerPages: {
      mode: opts.partnerPages ?? 'all',
      description: selection.description,
      eligible: selection.eligible,
      omitted: selection.omitted,
      showOutcome: method.window.cutoff !== null && q.end < method.window.cutoff,
      outcomeNote: `Deals as they stood at ${fmt('date', q.end)}.`,
      horizonDays: all.horizonDays,
      trendMonths: all.trendMonths,
      pages: partnerPages(data, selection.selected, anchors),
    },
    methodology: method,
  };
}
