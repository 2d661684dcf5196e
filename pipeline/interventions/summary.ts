// Per-playbook summary of intervention effects, with a partner-bootstrap CI. Pure: no I/O.
//
// The CI resamples treated partners (a partner's interventions move together); each intervention keeps
// its own control mean, so the interval reflects the spread of treated outcomes, not control noise.
import { bootstrapCI, clusterBootstrap } from '../stats/index.js';
import { date, int, nullable, num, oneOf, text, type RowOf } from '../workspace/rows.js';

export const EFFECT_STATUSES = ['ok', 'too_recent', 'before_data', 'unscored', 'no_controls'] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];

/** One row of table `intervention_effects`, as read back (and checked). */
export const EFFECT_ROW = {
  intervention_id: int, partner_id: text, started_on: date, playbook: text, owner: nullable(text), note: nullable(text),
  t0: nullable(date), t1: nullable(date), band_t0: nullable(text), composite_t0: nullable(num), composite_t1: nullable(num),
  delta: nullable(num), control_n: int, control_partners: int, control_delta: nullable(num), effect: nullable(num),
  status: oneOf(EFFECT_STATUSES),
};
export type EffectRow = RowOf<typeof EFFECT_ROW>;

export type EffectVerdict = 'helped' | 'hurt' | 'no_clear_effect' | 'too_few';

export interface PlaybookEffect {
  playbook: string;
  /** Every intervention with this playbook. */
  interventions: number;
  /** Interventions with an effect estimate (status ok). */
  measured: number;
  partners: number;
  tooRecent: number;
  /** Not measurable for other reasons: before the data, unscored at t₀/t₁, or no comparable partner. */
  unmeasured: number;
  /** Control partner-snapshots behind the measured interventions (a control may serve several). */
  controlSnapshots: number;
  meanTreatedDelta: number | null;
  meanControlDelta: number | null;
  /** Mean difference in differences, composite points. */
  effect: number | null;
  ci: [number, number] | null;
  verdict: EffectVerdict;
  /** One plain sentence for readers. */
  text: string;
}

export interface EffectsSummary {
  playbooks: PlaybookEffect[];
  overall: PlaybookEffect;
  minMeasured: number;
  bootstrap: { B: number; seed: number | string; level: number };
}

export interface SummaryOptions {
  /** Below this many measured interventions a playbook is "too few to tell" (default 5). */
  minMeasured?: number;
  B?: number;
  seed?: number | string;
  level?: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function pts(x: number): string {
  const r = Math.round(x * 10) / 10;
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r).toFixed(1)}`;
}

function verdictText(v: EffectVerdict, measured: number, effect: number | null, ci: [number, number] | null, min: number): string {
  if (v === 'too_few') return `Too few to tell: ${measured} measured intervention${measured === 1 ? '' : 's'} (need ${min}).`;
  const range = ci ? ` (95% CI ${pts(ci[0])} to ${pts(ci[1])})` : '';
  if (v === 'helped') return `Helped: health rose ${pts(effect!)} points more than comparable partners${range}.`;
  if (v === 'hurt') return `Health fell ${pts(-effect!).replace('+', '')} points more than comparable partners${range}.`;
  return `No clear effect: ${pts(effect!)} points vs comparable partners${range}; the interval includes zero.`;
}

function summarizeGroup(name: string, rows: EffectRow[], o: Required<SummaryOptions>): PlaybookEffect {
  const ok = rows.filter((r) => r.status === 'ok' && r.effect !== null);
  const effects = ok.map((r) => r.effect!);
  const effect = mean(effects);
  let ci: [number, number] | null = null;
  let verdict: EffectVerdict = 'too_few';
  if (ok.length >= o.minMeasured) {
    const boot = clusterBootstrap({
      clusters: ok.map((r) => r.partner_id),
      B: o.B,
      seed: `${o.seed}:${name}`,
      statistic: (idx) => {
        let s = 0;
        for (const i of idx) s += effects[i]!;
        return idx.length ? s / idx.length : NaN;
      },
    });
    ci = bootstrapCI(boot.samples, o.level);
    verdict = ci[0] > 0 ? 'helped' : ci[1] < 0 ? 'hurt' : 'no_clear_effect';
  }
  return {
    playbook: name,
    interventions: rows.length,
    measured: ok.length,
    partners: new Set(ok.map((r) => r.partner_id)).size,
    tooRecent: rows.filter((r) => r.status === 'too_recent').length,
    unmeasured: rows.filter((r) => r.status !== 'ok' && r.status !== 'too_recent').length,
    controlSnapshots: ok.reduce((a, r) => a + r.control_n, 0),
    meanTreatedDelta: mean(ok.map((r) => r.delta!)),
    meanControlDelta: mean(ok.map((r) => r.control_delta!)),
    effect,
    ci,
    verdict,
    text: verdictText(verdict, ok.length, effect, ci, o.minMeasured),
  };
}

/** Summarise effect rows per playbook (sorted by name) and overall. */
export function summarizeEffects(rows: EffectRow[], opts: SummaryOptions = {}): EffectsSummary {
  const o: Required<SummaryOptions> = {
    minMeasured: opts.minMeasured ?? 5,
    B: opts.B ?? 1000,
    seed: opts.seed ?? 20240101,
    level: opts.level ?? 0.95,
  };
  const names = [...new Set(rows.map((r) => r.playbook))].sort();
  return {
    playbooks: names.map((n) => summarizeGroup(n, rows.filter((r) => r.playbook === n), o)),
    overall: summarizeGroup('all playbooks', rows, o),
    minMeasured: o.minMeasured,
    bootstrap: { B: o.B, seed: o.seed, level: o.level },
  };
}

/** Plain wording of an intervention's status, for tables. */
export function statusText(status: EffectStatus): string {
  switch (status) {
    case 'ok': return 'measured';
    case 'too_recent': return 'too recent to measure';
    case 'before_data': return 'before the first snapshot';
    case 'unscored': return 'not scored at start or end';
    case 'no_controls': return 'no comparable partner';
  }
}
