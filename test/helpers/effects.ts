// A recording Effects for tests: what a command reported and wrote, with a fixed clock and an interrupt
// the test can trigger. Files go to disk too unless `disk: false` (staging renames them into place).
import { writeFileAtomic } from '../../pipeline/io/atomic.js';
import type { Effects } from '../../pipeline/effects.js';

export interface RecordingEffects extends Effects {
  /** 'step <name>', 'count <what> <done>/<total>', 'finish', 'fail', in order. */
  events: string[];
  /** Path → contents of every file written through writeFile. */
  files: Map<string, string | Uint8Array>;
  /** Run the cleanups registered by onInterrupt (as a Ctrl-C would). */
  interrupt(): void;
}

export const FIXED_TIME = new Date('2026-01-02T03:04:05Z');

export function recordingEffects(opts: { disk?: boolean; now?: Date } = {}): RecordingEffects {
  const events: string[] = [];
  const files = new Map<string, string | Uint8Array>();
  const cleanups = new Set<() => void | Promise<void>>();
  return {
    events,
    files,
    progress: {
      step: (name) => void events.push(`step ${name}`),
      count: (what, done, total) => void events.push(`count ${what} ${done}/${total}`),
      finish: () => void events.push('finish'),
      fail: () => void events.push('fail'),
    },
    async writeFile(path, data) {
      files.set(path, data);
      if (opts.disk !== false) await writeFileAtomic(path, data);
    },
    clock: () => opts.now ?? FIXED_TIME,
    onInterrupt(cleanup) {
      cleanups.add(cleanup);
      return () => void cleanups.delete(cleanup);
    },
    interrupt() {
      for (const c of [...cleanups]) void c();
      cleanups.clear();
    },
  };
}
