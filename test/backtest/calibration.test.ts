// Out-of-time Platt calibration: the first year only trains, every fold trains on labels already known.
import { describe, expect, it } from 'vitest';
import { calibrationResult, outOfTimePlatt } from '../../pipeline/backtest/calibration.js';
import type { Population } from '../../pipeline/backtest/data.js';
import { dayOfIso, quarterOfDay } from '../../pipeline/backtest/util.js';
import { createRng } from '../../pipeline/stats/index.js';

/** 30 partners × 36 month-ends from 2022-01-31; P(miss) rises with risk. */
function syntheticPopulation(): Population {
  const rng = createRng(11);
  const rows: Array<[number, number, number, number]> = [];
  for (let p = 0; p < 30; p++) {
    for (let m = 0; m < 36; m++) {
      const day = Math.round(Date.UTC(2022, m + 1, 0) / 86_400_000); // last day of month m
      const risk = 100 * rng();
      rows.push([p, day, risk, rng() < 1 / (1 + Math.exp(-(risk - 50) / 15)) ? 1 : 0]);
    }
  }
  return {
    n: rows.length,
    partner: Int32Array.from(rows, (r) => r[0]),
    day: Int32Array.from(rows, (r) => r[1]),
    quarter: Int32Array.from(rows, (r) => quarterOfDay(r[1])),
    risk: Float64Array.from(rows, (r) => r[2]),
    label: Float64Array.from(rows, (r) => r[3]),
    band: new Int8Array(rows.length),
  };
}

describe('out-of-time calibration', () => {
  const pop = syntheticPopulation();
  const oot = outOfTimePlatt(pop, 90, 14, 12);

  it('predicts nothing in the first year and every later quarter once', () => {
    expect(oot.folds.map((f) => f.quarter)[0]).toBe('Q1 2023');
    expect(oot.folds).toHaveLength(8);
    for (let i = 0; i < pop.n; i++) {
      const inTraining = pop.day[i]! < dayOfIso('2023-01-01');
      expect(Number.isNaN(oot.p[i]!)).toBe(inTraining);
    }
  });

  it('trains each fold only on snapshots whose label was known when the quarter began', () => {
    for (const f of oot.folds) {
      expect(dayOfIso(f.train_last_as_of!) + 104).toBeLessThanOrEqual(dayOfIso(f.test_from));
      expect(f.b!).toBeGreaterThan(0); // higher risk → higher P(miss)
    }
    // 2023-Q1 starts at 2023-01-31: labels known up to as_of ≤ 2022-10-19, i.e. the 2022-09-30 snapshot.
    expect(oot.folds[0]).toMatchObject({ test_from: '2023-01-31', train_last_as_of: '2022-09-30', train_n: 9 * 30 });
  });

  it('a well-specified score calibrates well out of time', () => {
    const c = calibrationResult(pop, oot, 12, 0.95);
    expect(c.n).toBe(24 * 30);
    expect(c.slope!).toBeGreaterThan(0.6);
    expect(c.slope!).toBeLessThan(1.5);
    expect(Math.abs(c.intercept!)).toBeLessThan(0.5);
    expect(c.brier_skill!).toBeGreaterThan(0);
    expect(c.reliability.length).toBe(10);
  });
});
