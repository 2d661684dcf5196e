// Planted data where performance brings more deals: partner-months with three dimension scores, a
// per-deal miss probability from known weights, and a deal count that rises with performance.
import { createRng, randNormal, type Rng } from '../../pipeline/stats/random.js';
import type { Dataset } from '../../pipeline/tune/dataset.js';

export const PLANTED_WEIGHTS = [0.6, 0.3, 0.1]; // engagement, capability, performance

export interface PlantedMonth {
  partner: string;
  asOf: string;
  x: number[];
  due: number;
  missed: number;
}

function poisson(rng: Rng, mean: number): number {
  // Knuth: fine for the small means used here
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng();
  } while (p > l);
  return k - 1;
}

const monthEnd = (i: number): string => new Date(Date.UTC(2022, i + 1, 0)).toISOString().slice(0, 10);
const clip = (v: number): number => Math.min(100, Math.max(0, v));

/** Partner-months with at least one due deal (the backtest population). */
export function plantedPanel(seed: number, partners: number, months: number): PlantedMonth[] {
  const rng = createRng(seed);
  const out: PlantedMonth[] = [];
  for (let j = 0; j < partners; j++) {
    const level = [0, 1, 2].map(() => randNormal(rng, 55, 15));
    for (let m = 0; m < months; m++) {
      const x = level.map((l) => clip(l + randNormal(rng, 0, 8)));
      const c = x.reduce((s, v, d) => s + v * PLANTED_WEIGHTS[d]!, 0);
      const p = 1 / (1 + Math.exp(-(1.5 - (5 * c) / 100)));
      // performance brings deals: about 0.4 a month at performance 20, about 4 at performance 90
      const due = poisson(rng, 0.2 * Math.exp(x[2]! / 30));
      if (due === 0) continue;
      let missed = 0;
      for (let d = 0; d < due; d++) if (rng() < p) missed++;
      out.push({ partner: `P${String(j).padStart(3, '0')}`, asOf: monthEnd(m), x, due, missed });
    }
  }
  return out;
}

/** The panel as a calibration Dataset (population = every row). */
export function plantedDataset(rows: PlantedMonth[]): Dataset {
  const w0 = [0.4, 0.3, 0.3];
  return {
    dims: ['engagement', 'capability', 'performance'],
    w0,
    rows: rows.map((r) => ({
      partner_id: r.partner, name: r.partner, as_of: r.asOf, x: r.x, cov: [1, 1, 1],
      composite: r.x.reduce((s, v, d) => s + v * w0[d]!, 0), band: null,
      label: r.missed > 0 ? 1 : 0, due_deals: r.due, missed_deals: r.missed,
    })),
    population: rows.map((_, i) => i),
  };
}
