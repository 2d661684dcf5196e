// The band rule table: its SQL half (scoring) and its TypeScript half (calibration's what-if bands)
// name the same rule for every combination of inputs around each threshold.
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../pipeline/workspace/db.js';
import { BAND_RULES, bandRule, bandRuleCaseSql, bandRuleRows, bandRuleSentences, type BandParams } from '../../pipeline/decision/band-rules.js';
import { text } from '../../pipeline/workspace/rows.js';

const P: BandParams = { green_min: 70, red_below: 40, min_coverage: 0.5, drop_points: 15, trend_months: 3, all_red_below: 30 };
const NO_EXTRAS: BandParams = { ...P, drop_points: null, all_red_below: null };

async function sqlRules(p: BandParams, inputs: Array<[number | null, number | null, number, number]>): Promise<string[]> {
  const ws = await openWorkspace(':memory:');
  try {
    await ws.exec(`CREATE TABLE model_params AS SELECT $g::DOUBLE AS green_min, $r::DOUBLE AS red_below, $d::DOUBLE AS drop_points, $a::DOUBLE AS all_red_below`,
      { g: p.green_min, r: p.red_below, d: p.drop_points, a: p.all_red_below });
    await ws.exec(`CREATE TABLE t (i INTEGER, composite DOUBLE, trend DOUBLE, dims_scored INTEGER, best_dimension_score DOUBLE)`);
    await ws.append('t', inputs.map((x, i) => [i, ...x]));
    const rows = await ws.rows({ rule: text }, `SELECT ${bandRuleCaseSql()} AS rule FROM t CROSS JOIN model_params p ORDER BY i`);
    return rows.map((r) => r.rule);
  } finally {
    ws.close();
  }
}

describe('band rules', () => {
  it.each([['with every rule', P], ['without the drop and all-red rules', NO_EXTRAS]])('SQL and TypeScript agree %s', async (_, p) => {
    const inputs: Array<[number | null, number | null, number, number]> = [];
    for (const c of [null, 0, 29.99, 30, 39.99, 40, 55, 69.99, 70, 70.01, 95])
      for (const t of [null, -20, -15, -14.99, 0, 10])
        for (const d of [1, 2, 3])
          for (const best of [20, 29.99, 30, 80]) inputs.push([c, t, d, best]);
    const ts = inputs.map(([composite, trend, dimsScored, bestDimension]) => bandRule({ composite, trend, dimsScored, bestDimension }, p).id);
    expect(await sqlRules(p, inputs)).toEqual(ts);
    expect(new Set(ts).size).toBeGreaterThanOrEqual(p.drop_points === null ? 4 : 6);
  });

  it.each([
    [{ composite: 69.62, trend: 0, dimsScored: 3, bestDimension: 80 }, 'yellow', 'score between 40 and 70'],
    [{ composite: 72, trend: -18, dimsScored: 3, bestDimension: 80 }, 'yellow', 'at or above 70 but dropped 15+ points in 3 months'],
    [{ composite: 72, trend: -14, dimsScored: 3, bestDimension: 80 }, 'green', 'score at or above 70'],
    [{ composite: 35, trend: null, dimsScored: 3, bestDimension: 50 }, 'red', 'score below 40'],
    [{ composite: 25, trend: null, dimsScored: 2, bestDimension: 28 }, 'red', 'every dimension below 30'],
    [{ composite: null, trend: null, dimsScored: 1, bestDimension: 28 }, null, "not scored: less than 50% of the model's weight has data"],
  ])('%o → %s (%s)', (x, band, reason) => {
    const r = bandRule(x, P);
    expect([r.band, r.reason(P)]).toEqual([band, reason]);
  });

  it('one row per rule for the scoring join, and sentences only for rules the model uses', () => {
    expect(bandRuleRows(P).map((r) => r[0])).toEqual(BAND_RULES.map((r) => r.id));
    expect(bandRuleSentences(NO_EXTRAS)).toEqual([
      'Red if the composite score is below 40.', 'Green at 70 or above.', 'Yellow between 40 and 70.',
      "Not scored when less than 50% of the model's weight has data.",
    ]);
    expect(bandRuleSentences(P)).toHaveLength(6);
  });
});
