// The terminal progress: a bar with counts and an ETA on a TTY, nothing at all when piped or quiet.
import { describe, expect, it } from 'vitest';
import { createProgress, progressBar } from '../../pipeline/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; out: string[] } {
  const out: string[] = [];
  const stream = { isTTY, write: (s: string) => (out.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, out };
}

describe('progress', () => {
  it('draws counts and the ETA', () => {
    expect(progressBar('bootstrap refits', 50, 200, 30_000)).toBe('[######------------------] 50/200 bootstrap refits, ETA 30 s');
    expect(progressBar('partner pages', 300, 300, 0)).toBe('[########################] 300/300 partner pages');
    expect(progressBar('partner pages', 0, 300, null)).toBe('[------------------------] 0/300 partner pages');
  });

  it('on a TTY: the step, its bar (at most every 100 ms, always the last) with the ETA from the rate so far, then a tick line', () => {
    let t = 0;
    const { stream, out } = fakeStream(true);
    const p = createProgress({ quiet: false, stream, now: () => t });
    p.step('calibrate');
    for (let done = 1; done <= 10; done++) {
      t += 30;
      p.count('bootstrap refits', done, 10);
    }
    p.finish();
    const bars = out.filter((s) => s.includes('bootstrap refits'));
    expect(bars[0]).toBe('\r\x1b[2K  … calibrate [##----------------------] 1/10 bootstrap refits');
    // 30 ms per refit: at 5/10 (t = 150 ms, 4 refits in 120 ms since the first) 5 remain, 150 ms.
    expect(bars).toContain('\r\x1b[2K  … calibrate [############------------] 5/10 bootstrap refits, ETA 1 s');
    expect(bars.length).toBeLessThan(10);
    expect(bars[bars.length - 1]).toContain('10/10 bootstrap refits');
    expect(out[out.length - 2]).toBe('\r\x1b[2K  ✓ calibrate (0.3 s)\n');
  });

  it('writes nothing when the stream is not a TTY, or with --quiet', () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const { stream, out } = fakeStream(tty);
      const p = createProgress({ quiet, stream });
      p.step('calibrate');
      p.count('bootstrap refits', 5, 10);
      p.finish();
      expect(out).toEqual([]);
    }
  });
});
