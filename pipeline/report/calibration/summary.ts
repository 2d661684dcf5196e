// Verdict banner and KPI cards of the calibration report: adopt / keep / not enough evidence, in plain words.
import type { HealthModel } from '../../model/types.js';
import type { CalibrationResult } from '../../tune/types.js';
import { delongAside } from '../../tune/verdict-text.js';
import type { Kpi, Table, Verdict } from './types.js';
import { fmt, interval } from '../../vocabulary/number-formats.js';

const HEADLINES = {
  adopt: { tone: 'green', label: 'Adopt', headline: 'Adopt the proposed weights' },
  keep: { tone: 'yellow', label: 'Keep', headline: 'Keep the current weights' },
  insufficient: { tone: 'neutral', label: 'Insufficient', headline: 'Not enough evidence to recalibrate yet' },
} as const;

export const dimLabel = (model: HealthModel, d: string): string => model.dimensions[d]?.label ?? d;

/** "towards Capability (30% → 59%), away from Engagement (40% → 29%)": moves of at least 2 points. */
export function weightShift(r: CalibrationResult, model: HealthModel): string | null {
  const moves = Object.keys(r.current_weights).map((d) => ({ d, from: r.current_weights[d]!, to: r.proposed_weights[d] ?? r.current_weights[d]! }));
  const text = (xs: typeof moves) => xs.map((m) => `${dimLabel(model, m.d)} (${fmt('weight', m.from)} → ${fmt('weight', m.to)})`).join(' and ');
  const up = moves.filter((m) => m.to - m.from >= 0.02);
  const down = moves.filter((m) => m.from - m.to >= 0.02);
  if (!up.length && !down.length) return null;
  return [up.length ? `towards ${text(up)}` : '', down.length ? `away from ${text(down)}` : ''].filter(Boolean).join(', ');
}

export function ootSentence(r: CalibrationResult): string | null {
  if (r.oot_auc_current === null || r.oot_auc_proposed === null || !r.oot) return null;
  return (
    `Out of time, the proposed weights rank partners that go on to miss deals above those that don't ${fmt('share', r.oot_auc_proposed)} of the time, ` +
    `against ${fmt('share', r.oot_auc_current)} for the current weights (AUC ${fmt('auc', r.oot_auc_proposed)} vs ${fmt('auc', r.oot_auc_current)}); ` +
    `the gain of ${fmt('auc_delta', r.oot.delta_auc)} has a 95% partner-bootstrap CI of ${interval('auc_delta', r.delta_auc_ci)}` +
    `${delongAside(r.oot.delong?.p ?? null, r.delta_auc_ci)}.`
  );
}

export function buildVerdict(r: CalibrationResult, model: HealthModel): Verdict & { label: string } {
  const h = HEADLINES[r.verdict];
  const shift = weightShift(r, model);
  const slope = r.oot?.proposed.calibration_slope ?? null;
  const [lo, hi] = r.requirements.calibration_slope;
  const changes = r.band_reassignments;
  const points = [
    r.reason,
    ootSentence(r),
    r.verdict !== 'insufficient' && shift ? `The proposal moves weight ${shift}.` : null,
    slope !== null ? `Calibration slope of the proposal: ${fmt('stat', slope)} (needs to be within ${fmt('stat', lo)}–${fmt('stat', hi)} for probabilities to be trusted).` : null,
    changes && r.verdict !== 'insufficient' ? `At the latest snapshot, ${fmt('count', changes.changed)} of ${fmt('count', changes.partners)} partners would change band under the proposed weights.` : null,
  ].filter((s): s is string => !!s);
  return { tone: h.tone, label: h.label, headline: h.headline, points };
}

export function buildKpis(r: CalibrationResult): Kpi[] {
  return [
    { label: 'Verdict', value: HEADLINES[r.verdict].label, note: r.verdict === 'adopt' ? 'gain is clear and calibration holds' : r.verdict === 'keep' ? 'the case for change is not made' : 'too little data to judge' },
    { label: 'OOT AUC, current', value: fmt('auc', r.oot_auc_current), note: r.oot ? `${fmt('count', r.oot.rows)} out-of-time ${r.fit_unit.rows}` : 'not computed' },
    { label: 'OOT AUC, proposed', value: fmt('auc', r.oot_auc_proposed), note: r.lambda.chosen !== null ? `shrinkage λ = ${String(r.lambda.chosen)}` : 'no fit' },
    { label: 'AUC gain', value: fmt('auc_delta', r.oot?.delta_auc ?? null), note: r.delta_auc_ci ? `95% CI ${interval('auc_delta', r.delta_auc_ci)}` : 'no interval' },
    { label: 'Evidence', value: fmt('count', r.partners), note: `partners; ${fmt('count', r.positives)} of ${fmt('count', r.population)} partner-months with a miss` },
  ];
}

/** For an 'insufficient' verdict: have vs need, so the reader knows what more data would unlock. */
export function missingTable(r: CalibrationResult): Table | null {
  if (r.verdict !== 'insufficient') return null;
  const row = (what: string, have: number, need: number) => ({ what, have: fmt('count', have), need: fmt('count', need), short: have >= need ? 'enough' : `${fmt('count', need - have)} more` });
  return {
    columns: [
      { key: 'what', label: 'Evidence' },
      { key: 'have', label: 'Have', numeric: true },
      { key: 'need', label: 'Needed', numeric: true },
      { key: 'short', label: 'Missing', numeric: true },
    ],
    rows: [
      row('Partners in the labelled population', r.partners, r.requirements.min_partners),
      row('Partner-months followed by a missed deal', r.positives, r.requirements.min_positives),
    ],
  };
}
