// Methodology appendix and the "did interventions help?" section.
import type { HealthModel } from '../../model/types.js';
import type { BacktestResult } from '../../backtest/index.js';
import { bandRules, dimensionWeights, humanize, signalWeights, type DataWindow } from '../common/index.js';
import {
  EFFECT_DEFAULTS, summarizeEffects, type EffectRow, type EffectsSummary, type PlaybookEffect,
} from '../../interventions/index.js';
import type { InterventionsSection, Methodology } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

/**
 * The interventions stage's output as known at the quarter end (as the partner pages show it): only
 * interventions started by then, and an outcome measured after it counts as too recent.
 */
export function effectsAtQuarterEnd(effects: EffectRow[], quarterEnd: string, seed?: number): EffectsSummary {
  const rows = effects
    .filter((r) => r.started_on <= quarterEnd)
    // an outcome measured after the quarter end is not known in this quarter's report, whatever its status
    .map((r) => (r.t1 !== null && r.t1 > quarterEnd
      ? { ...r, status: 'too_recent' as const, composite_t1: null, delta: null, control_delta: null, effect: null }
      : r));
  return summarizeEffects(rows, seed === undefined ? {} : { seed });
}

const VERDICT_LABELS: Record<PlaybookEffect['verdict'], string> = {
  helped: 'Helped',
  hurt: 'Fell behind comparable partners',
  no_clear_effect: 'No clear effect',
  too_few: 'Too few to tell',
};

function decorate(p: PlaybookEffect) {
  return {
    ...p,
    label: p.playbook === 'all playbooks' ? 'All playbooks' : humanize(p.playbook),
    effectText: p.effect === null ? '—' : fmt('points', p.effect),
    treatedText: p.meanTreatedDelta === null ? '—' : fmt('points', p.meanTreatedDelta),
    controlText: p.meanControlDelta === null ? '—' : fmt('points', p.meanControlDelta),
    verdictLabel: VERDICT_LABELS[p.verdict],
    ciText: p.ci ? `${fmt('points', p.ci[0])} to ${fmt('points', p.ci[1])}` : '—',
  };
}

export function interventionsSection(summary: EffectsSummary): InterventionsSection {
  const o = summary.overall;
  const lead = o.interventions === 0
    ? 'No interventions are recorded yet. Log them (partner, start date, playbook) to learn which playbooks work.'
    : `${o.interventions} interventions recorded, ${o.measured} measurable. Effect = change in composite over the next ` +
      `${EFFECT_DEFAULTS.months} months minus the change for comparable partners left alone (same band, within ` +
      `${EFFECT_DEFAULTS.scoreTolerance} points). Interventions are not randomised: partners are usually picked because ` +
      'they are sliding, so a negative number often means we stepped in late, not that the playbook does harm.';
  return { playbooks: summary.playbooks.map(decorate), overall: decorate(o), summary, lead };
}

export function methodology(
  model: HealthModel, backtest: BacktestResult | null | undefined, effects: EffectsSummary, window: DataWindow,
): Methodology {
  const bt = backtest && backtest.auc !== null && backtest.auc_ci !== null
    ? {
        auc: backtest.auc, auc_ci: backtest.auc_ci, population: backtest.population, positives: backtest.positives,
        monotonic: backtest.bands.monotonic,
        ciText: interval('auc', backtest.auc_ci),
        monotonicText: backtest.bands.monotonic
          ? 'Yes: miss rates rise from Green to Yellow to Red.' : 'No: miss rates do not rise Green → Yellow → Red; treat bands with care.',
      }
    : null;
  return {
    model: { name: model.name, version: model.version, description: model.description },
    dimensions: dimensionWeights(model),
    signals: signalWeights(model),
    bandRules: bandRules(model),
    minCoverage: model.min_coverage,
    cutoffs: { green_min: model.bands.green_min, red_below: model.bands.red_below },
    backtest: bt,
    window,
    interventionsMethod:
      `Each intervention is compared from the last month-end snapshot before it started (t₀) to the snapshot ` +
      `${EFFECT_DEFAULTS.months} months later. Controls: partners in the same band at t₀, within ${EFFECT_DEFAULTS.scoreTolerance} ` +
      `points, with no intervention within ±${EFFECT_DEFAULTS.exclusionDays} days. Intervals: 95% partner bootstrap ` +
      `(${effects.bootstrap.B} resamples, fixed seed). Fewer than ${effects.minMeasured} measured interventions: "too few to tell".`,
  };
}
