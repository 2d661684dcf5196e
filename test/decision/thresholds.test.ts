// The decision module: cuts on small hand-checked cases, capacity's one definition, degenerate cuts.
import { describe, expect, it } from 'vitest';
import {
  bestCut, capacityCut, capacityK, costCut, DECISION_DEFAULTS, degenerateReason, youdenCut,
} from '../../pipeline/decision/thresholds.js';

// composites (low = risky) and labels (1 = followed by a miss)
const C = [10, 20, 30, 40, 50, 60, 70, 80];
const Y = [1, 1, 0, 1, 0, 0, 0, 0];

describe('decision thresholds', () => {
  it('defaults are declared once: 5× miss cost, 10% capacity', () => {
    expect(DECISION_DEFAULTS).toEqual({ missCost: 5, capacity: 0.1 });
  });

  it.each([
    // [name, cut, tp, fp]
    ['Youden', () => youdenCut(C, Y), 45, 3, 1],
    ['cost 1×', () => costCut(C, Y, 1), 25, 2, 0],
    ['cost 5×', () => costCut(C, Y, 5), 45, 3, 1],
    ['cost 100× flags everyone', () => costCut(C, Y, 100), 45, 3, 1],
  ] as const)('%s', (_, f, cut, tp, fp) => {
    const c = f();
    expect([c.cut, c.tp, c.fp]).toEqual([cut, tp, fp]);
    expect(c.fn + c.tp).toBe(3);
    expect(c.tn + c.fp).toBe(5);
  });

  it('cuts only between distinct composites, at their midpoint', () => {
    const c = bestCut([5, 5, 9], [1, 0, 0], (tp, fp) => tp - fp);
    expect(c.cut).toBeNull(); // flagging both 5s gains nothing: flag nobody
    expect(bestCut([5, 5, 9], [1, 1, 0], (tp, fp) => tp - fp)).toMatchObject({ cut: 7, tp: 2, fp: 0, flagged_share: 2 / 3 });
  });

  it('finds the cut a scan of the rows sorted by composite finds, ties and −0 included', () => {
    // The definition bestCut implements: rows sorted by composite, a candidate after each distinct value.
    const reference = (c: number[], y: number[], value: (tp: number, fp: number) => number) => {
      const order = c.map((_, i) => i).sort((i, j) => c[i]! - c[j]!);
      let tp = 0;
      let fp = 0;
      let best = { v: value(0, 0), cut: null as number | null, tp: 0, fp: 0 };
      order.forEach((i, j) => {
        if (y[i] === 1) tp++;
        else fp++;
        const next = j + 1 < order.length ? c[order[j + 1]!]! : c[i]! + 1;
        if (next === c[i]) return;
        const v = value(tp, fp);
        const mid = (c[i]! + next) / 2;
        const r = Math.round(mid * 10) / 10;
        if (v > best.v) best = { v, cut: r > c[i]! && r <= next ? r : mid, tp, fp };
      });
      return { cut: best.cut, tp: best.tp, fp: best.fp };
    };
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let t = 0; t < 40; t++) {
      const n = 1 + Math.floor(rnd() * 300);
      // Coarse values (many ties, some ±0) or fine ones.
      const c = Array.from({ length: n }, () => (t % 2 ? Math.round(rnd() * 20) - 3 || (rnd() < 0.5 ? -0 : 0) : rnd() * 100));
      const y = c.map((v) => (rnd() < 0.3 + v / 400 ? 1 : 0));
      for (const value of [(tp: number, fp: number) => tp - fp, (tp: number, fp: number) => 5 * tp - fp, (tp: number, fp: number) => tp / 3 - fp / 7]) {
        expect(bestCut(c, y, value)).toMatchObject(reference(c, y, value));
      }
    }
    expect(() => bestCut([1, NaN], [0, 1], (tp) => tp)).toThrow('composite 2 is NaN');
  });

  it('Youden J and cost are reported with the cut', () => {
    expect(youdenCut(C, Y).youden_j).toBeCloseTo(1 - 1 / 5, 12);
    expect(costCut(C, Y, 1).cost).toBe(1); // one miss left, no false alarm
  });

  it.each([[0, 1], [4, 1], [5, 1], [15, 2], [70, 7], [75, 8], [150, 15]])('capacity of %i scored partners at 10%% is %i', (n, k) => {
    expect(capacityK(n, 0.1)).toBe(k);
  });

  it('capacity cut is the median of the monthly cuts under k lowest', () => {
    const months = [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], [15, 25, 35, 45, 55, 65, 75, 85, 95, 105], [1, 2]];
    // k = 1, 1, 1 → cuts 15, 20, 1.5 → median 15
    expect(capacityCut(months, 0.1)).toBe(15);
    expect(capacityCut([], 0.1)).toBeNull();
  });

  it('a cut flagging almost everyone, or nobody, is degenerate', () => {
    expect(degenerateReason(0.986, 5)).toBe('flags 98.6% of partner-months (at a miss cost of 5× a false alarm, calling almost every partner is cheapest)');
    expect(degenerateReason(0, 5)).toBe('flags nobody');
    expect(degenerateReason(0.89, 5)).toBeNull();
    expect(degenerateReason(null)).toBeNull();
  });
});
