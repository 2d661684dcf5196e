import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../../pipeline/tune/verdict.js';
import { delongAside, delongAgreement, delongClause, weightIntervalClause } from '../../pipeline/tune/verdict-text.js';

const base = { aucCurrent: 0.68, aucProposed: 0.71, gainCi: [0.01, 0.05] as [number, number], slope: 1.0, resamples: 200 };

describe('decideVerdict', () => {
  it('adopts only when the gain interval excludes 0, calibration holds and the interval rests on enough resamples', () => {
    expect(decideVerdict(base).verdict).toBe('adopt');
    expect(decideVerdict({ ...base, gainCi: [-0.01, 0.05] })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining("interval includes 0") });
    expect(decideVerdict({ ...base, gainCi: [-0.05, -0.01] })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('rank later quarters worse') });
    expect(decideVerdict({ ...base, slope: 1.4 })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('outside [0.8, 1.25]') });
    expect(decideVerdict({ ...base, slope: null }).verdict).toBe('keep');
    expect(decideVerdict({ ...base, resamples: 20 })).toMatchObject({ verdict: 'keep', reason: expect.stringContaining('only 20 bootstrap resamples') });
    expect(decideVerdict({ ...base, gainCi: null }).verdict).toBe('keep');
  });

  it('says why it keeps when every weight interval excludes the current weights', () => {
    const weights = [
      { label: 'Engagement', current: 0.4, ci: [0.5, 0.7] as [number, number] },
      { label: 'Capability', current: 0.3, ci: [0.1, 0.25] as [number, number] },
      { label: 'Performance', current: 0.3, ci: [0, 0.1] as [number, number] },
    ];
    expect(decideVerdict({ ...base, gainCi: [-0.01, 0.05], weights }).reason).toBe(
      'Keep current weights: all three weight intervals exclude the current weights — Engagement (40% outside 50%–70%), Capability (30% outside 10%–25%) and Performance (30% outside 0%–10%) — so the fit does ask for different weights, ' +
        "but the out-of-time gain's interval includes 0 (out-of-time AUC 0.680 → 0.710, gain +0.030, 95% CI −0.010 to +0.050), so the new weights are not shown to rank later quarters better.",
    );
    expect(weightIntervalClause([{ label: 'Engagement', current: 0.4, ci: [0.3, 0.5] }])).toBe('every weight interval covers the current weight, so the data do not ask for different weights');
    // an interval end a hair from the current weight prints with the decimals that tell them apart
    expect(weightIntervalClause([{ label: 'Performance', current: 0.3, ci: [0.29, 0.2996] }, { label: 'Capability', current: 0.3, ci: [0.2, 0.4] }]))
      .toBe('the intervals of Performance (30.00% outside 29.00%–29.96%) exclude the current weights, so the fit asks for some change');
    expect(weightIntervalClause([weights[0]!, { label: 'Capability', current: 0.3, ci: [0.2, 0.4] }])).toBe('the intervals of Engagement (40% outside 50%–70%) exclude the current weights, so the fit asks for some change');
  });

  it('reconciles a small DeLong p with a partner-bootstrap interval that includes 0', () => {
    expect(delongClause(0.015, [-0.004, 0.03])).toMatch(/^The paired DeLong test gives p = 0\.015, but it treats every out-of-time row as independent.*includes 0 and is the one the verdict uses\.$/);
    expect(delongClause(0.2, [0.01, 0.03])).toMatch(/bootstrap interval excludes 0/);
    expect(delongClause(0.01, [0.01, 0.03])).toBe('The paired DeLong test (p = 0.010) and the partner-bootstrap interval agree.');
  });

  it('the verdict bullet carries the p-value and the reconciliation in one sentence, from one decision', () => {
    expect(delongAgreement(0.015, [-0.004, 0.03])).toBe('delong_only');
    expect(delongAgreement(0.2, [0.01, 0.03])).toBe('bootstrap_only');
    expect(delongAgreement(0.2, [-0.01, 0.03])).toBe('agree');
    expect(delongAside(0.015, [-0.004, 0.03])).toBe(
      "; the paired DeLong test's p = 0.015 looks stronger only because it counts every out-of-time row as independent, so the verdict goes by the interval, which resamples whole partners",
    );
    expect(delongAside(0.2, [0.01, 0.03])).toBe('; the paired DeLong test gives p = 0.200, but the verdict goes by the interval, which resamples whole partners');
    expect(delongAside(0.0004, [0.01, 0.03])).toBe(', and the paired DeLong test agrees (p < 0.001)');
    expect(delongAside(null, [0.01, 0.03])).toBe('');
  });
});
