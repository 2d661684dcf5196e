// Test helpers: fixture loading and numeric assertions shared by the stats tests.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export interface Asah {
  outcome: number[];
  s100b: number[];
  wfns: number[];
  ndka: number[];
}

/** pROC's aSAH data (poor_outcome = 1 is the positive class). */
export function loadAsah(): Asah {
  const text = readFileSync(new URL('../fixtures/asah.csv', import.meta.url), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header!.split(',');
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`asah.csv has no column ${name}`);
    return i;
  };
  const rows = lines.map((l) => l.split(',').map(Number));
  const col = (name: string): number[] => rows.map((r) => r[at(name)]!);
  return { outcome: col('poor_outcome'), s100b: col('s100b'), wfns: col('wfns'), ndka: col('ndka') };
}

export function loadGolden<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../golden/stats/${file}`, import.meta.url), 'utf8')) as T;
}

/** |actual − expected| ≤ abs + rel·|expected|. */
export function expectClose(actual: number, expected: number, abs = 1e-9, rel = 0): void {
  const tol = abs + rel * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`expected ${actual} to be within ${tol} of ${expected} (diff ${actual - expected})`);
  }
}
