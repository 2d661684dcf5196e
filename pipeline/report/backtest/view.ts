// buildBacktestView: BacktestResult → the backtest report's view model (pure; no I/O, no rendering).
import type { BacktestResult } from '../../backtest/types.js';
import type { HealthModel } from '../../model/types.js';
import type { CalibrationResult } from '../../tune/types.js';
import { aucPopulationsSentence } from '../common/populations.js';
import { bandLabel } from '../../render/index.js';
import * as fig from './figures.js';
import { datesTable, funnelTable, leakageSection, methodology } from './provenance.js';
import { buildKpis, buildVerdict } from './summary.js';
import * as tab from './tables.js';
import type { BacktestView } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

export interface BacktestViewOptions {
  model: HealthModel;
  /** The run's calibration review, so page one can say why its out-of-time AUC differs from this one. */
  calibration?: CalibrationResult | null;
}

function discriminationLead(r: BacktestResult): string {
  const d = r.discrimination;
  if (d.auc === null) return 'Not computable: the population needs partner-months both with and without a miss.';
  const dl = d.deal_level;
  return (
    `Pick one partner-month that was followed by a missed deal and one that was not: ${fmt('share', d.auc)} of the time the score rates the first as riskier. ` +
    `Counting deals instead of partner-months gives ${fmt('auc', dl.auc)}; weighting deals by amount gives ${fmt('auc', dl.amount_weighted_auc)}.`
  );
}

function calibrationLead(r: BacktestResult): string {
  const s = r.calibration.slope;
  const read =
    s === null ? 'the slope could not be estimated'
    : s <= 0 ? 'out of time, higher predicted risk did not go with more misses: the probabilities should not be quoted'
    : s < 0.8 ? 'predicted probabilities are too extreme: real differences between partners are smaller than predicted'
    : s > 1.25 ? 'predicted probabilities are too timid: real differences between partners are larger than predicted'
    : 'predicted probabilities match observed rates well';
  return `How far the score, turned into a probability of a miss, can be read at face value. Calibration slope ${fmt('stat', s)}: ${read}.`;
}

function stabilityLead(r: BacktestResult): string {
  const qs = r.stability.auc_by_quarter.filter((q) => q.auc !== null);
  if (!qs.length) return 'Too few labelled quarters to follow the AUC over time.';
  const below = qs.filter((q) => q.auc_ci && q.auc_ci[1] < 0.5).length;
  const above = qs.filter((q) => q.auc_ci && q.auc_ci[0] > 0.5).length;
  return (
    `Across ${qs.length} quarters the AUC ran from ${fmt('auc', Math.min(...qs.map((q) => q.auc!)))} to ${fmt('auc', Math.max(...qs.map((q) => q.auc!)))}; ` +
    `${above} quarter${above === 1 ? '' : 's'} clearly better than a coin toss` +
    (below ? `, ${below} clearly worse.` : '.') +
    ' A score that only works in some quarters needs watching.'
  );
}

function psiLead(r: BacktestResult): string {
  const p = r.stability.psi;
  const major = p.quarters.filter((q) => q.label === 'major').length;
  const shift = p.quarters.filter((q) => q.label === 'shift').length;
  return (
    `Has the mix of scores moved since the baseline (${p.baseline_from ? fmt('month', p.baseline_from) : '—'} to ${p.baseline_to ? fmt('month', p.baseline_to) : '—'}, ${fmt('count', p.baseline_n)} partner-months)? ` +
    `${shift} quarter${shift === 1 ? '' : 's'} shifted and ${major} moved a lot; a shift means cut-offs tuned on the past may flag a different share of partners now.`
  );
}

function dimensionLead(r: BacktestResult): string {
  const dims = r.dimensions.filter((d) => d.auc !== null);
  if (!dims.length) return 'No dimension could be evaluated on its own.';
  const best = dims.reduce((a, d) => (d.auc! > a.auc! ? d : a));
  // Judged by the partner bootstrap, like the composite's own interval — not by DeLong.
  const beats = dims.filter((d) => d.vs_composite?.diff_ci && d.vs_composite.diff_ci[0] > 0);
  return (
    `${best.label} predicts best on its own (AUC ${fmt('auc', best.auc)}, ${fmt('share', r.level)} partner-bootstrap CI ${interval('auc', best.auc_ci)}). ` +
    (beats.length
      ? `${beats.map((d) => d.label).join(' and ')} alone beat${beats.length === 1 ? 's' : ''} the composite (difference ${beats.map((d) => `${interval('auc_delta', d.vs_composite!.diff_ci)}`).join('; ')}, partner bootstrap): the weights deserve a calibration review.`
      : 'No single dimension clearly beats the composite: every partner-bootstrap interval of the difference includes 0 or lies below it.')
  );
}

export function buildBacktestView(r: BacktestResult, opts: BacktestViewOptions): BacktestView {
  const m = opts.model;
  const w = r.data_window;
  const red = r.bands.rows.find((b) => b.band === 'red');
  const lt = r.lead_time;
  return {
    meta: {
      title: 'Backtest: does the health score warn us in time?',
      subtitle:
        `Labelled snapshots ${w.first_labelled_snapshot ? fmt('month', w.first_labelled_snapshot) : '—'} to ` +
        `${w.last_labelled_snapshot ? fmt('month', w.last_labelled_snapshot) : '—'}; a miss is a deal due within ${r.horizon_days} days that slipped more than ${r.grace_days} days or was lost.`,
      cutoff: r.cutoff,
      model: `${m.name} ${m.version}`,
      footer: `Seed ${r.seed}, ${fmt('count', r.bootstrap.resamples)} partner-bootstrap resamples.`,
    },
    verdict: buildVerdict(r, aucPopulationsSentence(r, opts.calibration)),
    kpis: buildKpis(r),
    discrimination: { lead: discriminationLead(r), table: tab.discriminationTable(r), figure: fig.rocFigure(r) },
    challenger: {
      lead: `${r.challenger.sentence} The challenger is ${r.challenger.definition}; ${fmt('count', r.challenger.with_own_history)} of ${fmt('count', r.challenger.population)} partner-months had deals of their own in that window.`,
      table: tab.challengerTable(r),
    },
    bands: {
      lead:
        (r.bands.monotonic ? 'Miss rates rise from Green to Yellow to Red, as a health score should. ' : 'Miss rates do not rise steadily from Green to Yellow to Red. ') +
        (red && red.lift !== null ? `Red partner-months were followed by a miss ${fmt('lift', red.lift)} as often as average.` : ''),
      table: tab.bandTable(r),
      figure: fig.bandRateFigure(r),
    },
    confusion: {
      lead: `What happens if every ${bandLabel('red')} (or every ${bandLabel('red')} and ${bandLabel('yellow')}) partner-month is treated as a warning.`,
      red: tab.confusionView('Flag Red only', `composite below ${fmt('score', r.bands.red_below)}`, r.bands.red),
      redOrYellow: tab.confusionView('Flag Red or Yellow', `composite below ${fmt('score', r.bands.green_min)}`, r.bands.red_or_yellow),
      thresholds: tab.thresholdTable(r),
      thresholdsText: tab.thresholdText(r),
    },
    leadTime: {
      lead: lt.missed_deals
        ? `A warning is only useful with time to act. ${fmt('share', lt.share_ge_30)} of missed deals were flagged at least 30 days ahead, ${fmt('share', lt.share_ge_90)} at least 90 days.`
        : 'No missed deals in the labelled window.',
      figure: fig.leadTimeFigure(r),
      table: tab.leadTimeTable(r),
    },
    calibration: { lead: calibrationLead(r), figure: fig.reliabilityFigure(r), table: tab.calibrationTable(r), note: r.calibration.note },
    stability: {
      lead: stabilityLead(r),
      aucFigure: fig.aucByQuarterFigure(r),
      aucTable: tab.aucQuarterTable(r),
      psiLead: psiLead(r),
      psiFigure: fig.psiFigure(r),
      psiTable: tab.psiTable(r),
      migration: tab.migrationTable(r),
      migrationLead: `Where partners were one month later (${fmt('count', r.stability.migration.transitions)} month-to-month transitions). Read across a row: of the partners in that band, the share in each band next month.`,
    },
    dimensions: { lead: dimensionLead(r), figure: fig.dimensionFigure(r), table: tab.dimensionTable(r) },
    window: {
      lead: `${fmt('count', r.counts.snapshots)} partner-month snapshots, of which ${fmt('count', r.population)} had a deal due and a known outcome.`,
      funnel: funnelTable(r),
      dates: datesTable(r),
    },
    leakage: leakageSection(r),
    methodology: methodology(r),
  };
}
