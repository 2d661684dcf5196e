import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../../pipeline/tune/verdict.js';

const base = { aucCurrent: 0.68, aucProposed: 0.71, gainCi: [0.01, 0.05] as [number, number], slope: 1.0, resamples: 200 };

describe('decideVerdict', () => {
  it('adopts only when the gain interval excludes 0, calibration holds and the interval rests on enough resamples', () => {
    expect(decideVerdict(base).verdict).toBe('adopt');
    expect(decideVerdict({ ...base, gainCi: [-0.01, 0.05] })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('the interval includes 0') });
    expect(decideVerdict({ ...base, gainCi: [-0.05, -0.01] })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('rank worse') });
    expect(decideVerdict({ ...base, slope: 1.4 })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('outside [0.8, 1.25]') });
    expect(decideVerdict({ ...base, slope: null }).verdict).toBe('keep');
    expect(decideVerdict({ ...base, resamples: 20 })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('only 20 bootstrap resamples') });
    expect(decideVerdict({ ...base, gainCi: null }).verdict).toBe('keep');
  });
});
