// buildCalibrationView: CalibrationResult → the calibration report's view model (pure; no I/O).
import type { HealthModel } from '../../model/types.js';
import type { CalibrationResult } from '../../tune/types.js';
import type { BacktestResult } from '../../backtest/types.js';
import { aucPopulationsSentence } from '../common/populations.js';
import * as fig from './figures.js';
import { diffSection, provenanceTable } from './provenance.js';
import { buildKpis, buildVerdict, missingTable, weightShift } from './summary.js';
import * as tab from './tables.js';
import type { CalibrationView } from './types.js';
import { weightIntervalClause, type WeightEvidence } from '../../tune/verdict-text.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

const weightEvidence = (r: CalibrationResult, model: HealthModel): WeightEvidence[] =>
  Object.keys(r.current_weights).map((d) => ({ label: model.dimensions[d]?.label ?? d, current: r.current_weights[d]!, ci: r.weight_ci[d] ?? null }));

export interface CalibrationViewOptions {
  model: HealthModel;
  /** The proposed model as the run wrote it; default: built from the result. */
  proposedModel?: HealthModel;
  /** The run's backtest, so the out-of-time section can name both AUCs' populations. */
  backtest?: BacktestResult | null;
}

function weightsLead(r: CalibrationResult, model: HealthModel): string {
  if (r.verdict === 'insufficient') return 'No weights were fitted: the current weights are shown for reference.';
  const shift = weightShift(r, model);
  return (
    'Weights fitted by penalised logistic regression, shrunk toward the current ones; intervals from resampling whole partners. ' +
    (shift ? `The fit moves weight ${shift}.` : 'The fit stays close to the current weights.') +
    ` Where an interval covers the current weight, the data do not clearly ask for a change; here ${weightIntervalClause(weightEvidence(r, model)) ?? 'no interval could be computed'}.`
  );
}

function cutoffLead(r: CalibrationResult): string {
  const b = r.band_cutoffs;
  if (!b) return 'No cut-off proposals: not enough labelled data.';
  return (
    `Three ways to set the Red cut-off on the ${b.score} weights, each fitted on past data and scored on the following quarter. ` +
    `Current cut-offs: Red below ${fmt('score', b.current.red_below)}, Green from ${fmt('score', b.current.green_min)}. ` +
    'The proposed model file keeps the current cut-offs; change them in a separate, reviewed step.'
  );
}

function reassignLead(r: CalibrationResult): string {
  const ra = r.band_reassignments;
  if (!ra) return 'No band reassignments: no weights were proposed.';
  return `At the latest snapshot (${fmt('date', ra.as_of)}), ${fmt('count', ra.changed)} of ${fmt('count', ra.partners)} partners (${fmt('share', ra.partners ? ra.changed / ra.partners : null)}) would land in a different band under the proposed weights, with the current cut-offs.`;
}

export function buildCalibrationView(r: CalibrationResult, opts: CalibrationViewOptions): CalibrationView {
  const m = opts.model;
  const g = r.grid_optimum;
  const ra = r.band_reassignments;
  return {
    meta: {
      title: 'Weight calibration review',
      subtitle: `Are the dimension weights of ${m.name} right? Walk-forward, out-of-time evidence from labelled snapshots up to ${r.data_window.last_snapshot ? fmt('month', r.data_window.last_snapshot) : '—'}.`,
      cutoff: r.cutoff,
      model: `${m.name} ${m.version}`,
      footer: `Seed ${r.seed}; ${fmt('count', r.bootstrap.requested)} partner-bootstrap resamples requested.`,
    },
    verdict: buildVerdict(r, m),
    kpis: buildKpis(r),
    missing: missingTable(r),
    weights: { lead: weightsLead(r, m), figure: fig.weightsFigure(r, m), table: tab.weightsTable(r, m) },
    oot: {
      available: r.oot !== null,
      lead: r.oot
        ? `Both weightings are scored on ${fmt('count', r.oot.rows)} out-of-time ${r.fit_unit.rows} (${fmt('count', r.oot.positives)} missed) from quarters the fit never saw. ` +
          `${(opts.backtest && aucPopulationsSentence(opts.backtest, r)) || "These are not the backtest's partner-months, so these AUCs differ from the backtest's."} ` +
          `The proposal is adopted only if the 95% interval of the gain (${interval('auc_delta', r.delta_auc_ci)}) lies above zero and its calibration holds.`
        : 'No out-of-time comparison: too little labelled history for walk-forward folds.',
      figure: fig.ootFigure(r),
      gainFigure: fig.gainFigure(r),
      table: tab.ootTable(r),
      test: tab.pValueText(r),
    },
    lambda: {
      lead: r.lambda.curve.length
        ? `λ sets how strongly the fit is pulled back toward the current weights. Chosen: λ = ${r.lambda.chosen === null ? '—' : String(r.lambda.chosen)} (${r.lambda.rule}).`
        : 'No λ was cross-validated.',
      figure: fig.lambdaFigure(r),
    },
    folds: {
      lead: 'Each fold trains on snapshots whose outcome was known before the test quarter starts (training rows end at the purge boundary) and tests on that quarter. Early folds only train.',
      table: tab.foldsTable(r),
    },
    grid: {
      lead: g
        ? `A brute-force search over ${fmt('count', g.points)} weightings (step ${fmt('stat', g.step)}) for the best in-sample AUC: ${fmt('auc', g.auc)}, against ${fmt('auc', g.auc_proposed)} for the proposal and ${fmt('auc', g.auc_current)} for the current weights. In-sample numbers flatter; this is a second opinion on direction, not evidence.`
        : 'No grid search was run.',
      table: tab.gridTable(r, m),
    },
    cutoffs: { lead: cutoffLead(r), table: tab.cutoffTable(r), notes: tab.cutoffNotes(r) },
    reassignments: {
      lead: reassignLead(r),
      matrix: tab.reassignmentMatrix(r),
      changes: tab.changesTable(r, m),
      truncated: ra ? Math.max(0, ra.changes.length - tab.MAX_CHANGES) : 0,
    },
    diff: diffSection(r, m, opts.proposedModel),
    provenance: { table: provenanceTable(r, m), notes: r.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1)) },
  };
}
