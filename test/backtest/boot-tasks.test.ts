// runBootTask keeps the composite's statistic of a dimension task for the next task with the same rows,
// labels and composite: a task must give the same intervals whatever ran before it on the thread.
import { describe, expect, it } from 'vitest';
import { runBootTask, type DimensionBootTask } from '../../pipeline/backtest/boot-tasks.js';
import { createRng } from '../../pipeline/stats/random.js';

function task(labelSeed: number, compositeSeed: number, dimSeed = 9): DimensionBootTask {
  const n = 400;
  const y = createRng(labelSeed);
  const c = createRng(compositeSeed);
  const d = createRng(dimSeed);
  const partner = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 8));
  const label = Float64Array.from({ length: n }, () => (y() < 0.3 ? 1 : 0));
  const dim = Float64Array.from(label, (v) => v * 20 + d() * 80);
  const composite = Float64Array.from(label, (v) => v * 10 + c() * 90);
  return { kind: 'dimension', partner, label, dim, composite, B: 50, seed: 7, level: 0.95 };
}

const run = (t: DimensionBootTask): string => JSON.stringify(runBootTask(structuredClone(t)));

describe('runBootTask', () => {
  it('gives a dimension task the same result whichever task ran before it', () => {
    const a = task(1, 2);
    const sameComposite = task(1, 2, 10); // another dimension of a's rows: shares a's composite statistic
    const otherComposite = task(1, 5);
    const otherLabels = task(3, 2);
    const tasks = [a, sameComposite, otherComposite, otherLabels];
    const alone = tasks.map((t) => {
      run(task(11, 12)); // something else first, so each is built afresh
      return run(t);
    });
    const order = [2, 0, 1, 1, 3, 0, 2, 1];
    expect(order.map((i) => run(tasks[i]!))).toEqual(order.map((i) => alone[i]));
  });
});
