// Write the model's configuration into workspace tables so scoring SQL joins on it instead of
// splicing model values into SQL text.
import type { Workspace } from '../workspace/db.js';
import { DEAL_DERIVED_SIGNALS, type HealthModel } from '../model/types.js';
import { signalNoun, signalNounOne } from '../model/catalog.js';
import { bandParams, bandRuleRows } from '../decision/band-rules.js';

export async function writeModelTables(ws: Workspace, model: HealthModel): Promise<void> {
  await ws.exec(`CREATE OR REPLACE TABLE model_dimensions (dimension VARCHAR, label VARCHAR, weight DOUBLE, ord INTEGER)`);
  await ws.exec(`CREATE OR REPLACE TABLE model_signals (
    signal VARCHAR, dimension VARCHAR, aggregation VARCHAR, window_days INTEGER, direction VARCHAR,
    norm_method VARCHAR, segment VARCHAR, norm_floor DOUBLE, norm_target DOUBLE, weight DOUBLE, noun VARCHAR, derived BOOLEAN, noun_one VARCHAR)`);
  await ws.exec(`CREATE OR REPLACE TABLE model_playbooks (band VARCHAR, weakest VARCHAR, playbook VARCHAR, action VARCHAR, ord INTEGER)`);
  await ws.exec(`CREATE OR REPLACE TABLE band_rules (rule VARCHAR, band VARCHAR, reason VARCHAR)`);
  await ws.append('band_rules', bandRuleRows(bandParams(model)));

  await ws.append('model_dimensions', Object.entries(model.dimensions).map(([d, s], i) => [d, s.label, s.weight, i]));
  const derived = new Set<string>(DEAL_DERIVED_SIGNALS);
  await ws.append(
    'model_signals',
    Object.entries(model.signals).map(([name, s]) => [
      name, s.dimension, s.aggregation, s.window_days, s.direction, s.normalization.method,
      s.normalization.segment ?? 'all', s.normalization.floor ?? null, s.normalization.target ?? null, s.weight,
      signalNoun(name) ?? name.replace(/_/g, ' '), derived.has(name), signalNounOne(name) ?? signalNoun(name) ?? name.replace(/_/g, ' '),
    ]),
  );
  await ws.append('model_playbooks', model.playbooks.map((p, i) => [p.band, p.weakest, p.playbook, p.action, i]));
  // One typed row of the model's scalar rules (band cut-offs, coverage floor, early-warning rules).
  const p = bandParams(model);
  await ws.exec(
    `CREATE OR REPLACE TABLE model_params AS
     SELECT $name::VARCHAR AS name, $version::VARCHAR AS version, $green_min::DOUBLE AS green_min,
            $red_below::DOUBLE AS red_below, $min_coverage::DOUBLE AS min_coverage, $drop_points::DOUBLE AS drop_points,
            $trend_months::INTEGER AS trend_months, $all_red_below::DOUBLE AS all_red_below`,
    { name: model.name, version: model.version, ...p },
  );
}
