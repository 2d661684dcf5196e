// Methodology facts every report can show: model weights, band rules, data window, backtest quality.
import type { HealthModel } from '../../model/types.js';
import { bandParams, bandRuleSentences } from '../../decision/band-rules.js';
import type { Workspace } from '../../workspace/db.js';
import { date, int, nullable, type RowOf } from '../../workspace/rows.js';
import { signalNoun } from '../../model/catalog.js';
import { humanize, round } from './text.js';

export interface DimensionWeightRow {
  dimension: string;
  label: string;
  weight: number;
  signals: number;
}

export interface SignalWeightRow {
  signal: string;
  dimension: string;
  aggregation: string;
  window: string;
  direction: string;
  normalization: string;
  /** Weight within its dimension. */
  weight: number;
  /** Dimension weight × signal weight: its share of the composite when everything is present. */
  effective: number;
}

const DATA_WINDOW = {
  firstSnapshot: nullable(date), lastSnapshot: nullable(date), snapshots: int, cutoff: nullable(date), partners: int, deals: int, interventions: int,
};
export type DataWindow = RowOf<typeof DATA_WINDOW>;

export interface BacktestQuality {
  auc: number;
  auc_ci: [number, number];
  population: number;
  positives: number;
  monotonic?: boolean;
  bands?: unknown;
}

export function dimensionWeights(model: HealthModel): DimensionWeightRow[] {
  return Object.entries(model.dimensions).map(([d, s]) => ({
    dimension: d,
    label: s.label,
    weight: s.weight,
    signals: Object.values(model.signals).filter((x) => x.dimension === d).length,
  }));
}

function normalizationText(n: HealthModel['signals'][string]['normalization']): string {
  if (n.method === 'linear') return `linear ${n.floor ?? '?'} → ${n.target ?? '?'}`;
  const seg = n.segment && n.segment !== 'all' ? ` by ${n.segment}` : '';
  return `percentile${seg}`;
}

/** Reader-facing signal name: the catalog noun ("Technical FTEs"), else the humanised id. */
export function signalLabel(signal: string): string {
  const noun = signalNoun(signal);
  return noun ? noun[0]!.toUpperCase() + noun.slice(1) : humanize(signal);
}

export function signalWeights(model: HealthModel): SignalWeightRow[] {
  const order = Object.keys(model.dimensions);
  return Object.entries(model.signals)
    .map(([name, s]) => ({
      signal: signalLabel(name),
      dimension: model.dimensions[s.dimension]?.label ?? s.dimension,
      aggregation: s.aggregation,
      window: s.aggregation === 'last' ? `latest, ≤ ${s.window_days} d` : `${s.window_days} d`,
      direction: s.direction,
      normalization: normalizationText(s.normalization),
      weight: s.weight,
      effective: round((model.dimensions[s.dimension]?.weight ?? 0) * s.weight, 4)!,
      _ord: order.indexOf(s.dimension),
    }))
    .sort((a, b) => a._ord - b._ord || b.weight - a.weight)
    .map(({ _ord, ...row }) => row);
}

/** Band rules in plain sentences, in the order they are applied (from the one rule table). */
export function bandRules(model: HealthModel): string[] {
  return bandRuleSentences(bandParams(model));
}

export async function dataWindow(ws: Workspace): Promise<DataWindow> {
  const [r] = await ws.rows(DATA_WINDOW,
    `SELECT (SELECT min(as_of) FROM snapshots) AS "firstSnapshot", (SELECT max(as_of) FROM snapshots) AS "lastSnapshot",
            (SELECT count(*) FROM snapshots) AS snapshots, (SELECT max(cutoff) FROM run_info) AS cutoff,
            (SELECT count(*) FROM partners) AS partners,
            -- as known at the cutoff: later registrations and interventions are not part of this run
            (SELECT count(*) FROM deals WHERE registered_on <= (SELECT max(cutoff) FROM run_info)) AS deals,
            (SELECT count(*) FROM interventions WHERE started_on <= (SELECT max(cutoff) FROM run_info)) AS interventions`,
  );
  return r!;
}
