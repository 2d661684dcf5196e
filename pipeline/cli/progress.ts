// Progress on a terminal: one line per finished step with its time, and for long steps with many
// items (bootstrap refits, partner pages) a bar with counts and an ETA. Silent when quiet or not a TTY,
// so piped output and CI logs stay clean.
import { SILENT_PROGRESS, type Progress } from '../effects.js';

export { SILENT_PROGRESS };


const BAR_WIDTH = 24;

/** "[#########---------------] 120/200 bootstrap refits, ETA 4 s" (no ETA when unknown or done). */
export function progressBar(what: string, done: number, total: number, etaMs: number | null): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  const eta = etaMs !== null && done < total ? `, ETA ${Math.ceil(etaMs / 1000)} s` : '';
  return `[${bar}] ${done}/${total} ${what}${eta}`;
}

export function createProgress(opts: { quiet: boolean; stream?: NodeJS.WriteStream; now?: () => number }): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.quiet || !stream.isTTY) return SILENT_PROGRESS;
  const now = opts.now ?? Date.now;
  let current: string | undefined;
  let started = 0;
  // The rate is measured from the first count of an item kind (earlier work in the step is not items).
  let counting: { what: string; t0: number; d0: number; drawn: number } | undefined;
  const t0 = now();
  const close = (): void => {
    if (current === undefined) return;
    stream.write(`\r\x1b[2K  ✓ ${current} (${((now() - started) / 1000).toFixed(1)} s)\n`);
    current = undefined;
  };
  return {
    step(name) {
      close();
      current = name;
      started = now();
      counting = undefined;
      stream.write(`\r\x1b[2K  … ${name}`);
    },
    count(what, done, total) {
      const t = now();
      if (!counting || counting.what !== what) counting = { what, t0: t, d0: done, drawn: -Infinity };
      if (done < total && t - counting.drawn < 100) return;
      counting.drawn = t;
      const eta = done > counting.d0 ? ((total - done) * (t - counting.t0)) / (done - counting.d0) : null;
      stream.write(`\r\x1b[2K  … ${current ?? what} ${progressBar(what, done, total, eta)}`);
    },
    finish() {
      close();
      stream.write(`  done in ${((now() - t0) / 1000).toFixed(1)} s\n`);
    },
    fail() {
      if (current !== undefined) stream.write(`\r\x1b[2K  ✗ ${current}\n`);
      current = undefined;
    },
  };
}
