// The Node implementation of Effects: progress on stderr, atomic file writes, the system clock (fixed by
// SOURCE_DATE_EPOCH for reproducible output), and on
// SIGINT/SIGTERM/SIGHUP the registered cleanups run (and are waited for) before the process exits with
// 128 + the signal's number (only the CLI ever exits).
import { writeFileAtomic } from '../io/atomic.js';
import { buildTime } from '../io/clock.js';
import type { Effects } from '../effects.js';
import { createProgress } from './progress.js';

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const SIGNALS = Object.keys(SIGNAL_EXIT) as NodeJS.Signals[];

export function nodeEffects(opts: { quiet: boolean }): Effects {
  return {
    progress: createProgress(opts),
    writeFile: writeFileAtomic,
    clock: () => buildTime(),
    onInterrupt(cleanup) {
      const onSignal = (signal: NodeJS.Signals): void => {
        void Promise.resolve()
          .then(cleanup)
          .finally(() => process.exit(SIGNAL_EXIT[signal] ?? 1));
      };
      for (const s of SIGNALS) process.once(s, onSignal);
      return () => {
        for (const s of SIGNALS) process.off(s, onSignal);
      };
    },
  };
}
