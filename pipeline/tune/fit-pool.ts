// A pool of worker threads for the calibration's fits. Tasks are handed out one at a time to whichever
// thread is free and every result is stored at its task's index, so results are identical whatever the
// number of threads (one = in this thread, no workers) and whichever thread finishes first.
import { availableParallelism } from 'node:os';
import { runTasks, startWorker } from '../io/worker.js';
import { runFitTask, type FitContext, type FitTask, type ResultOf } from './fit-tasks.js';

/** Below this many row-fits thread start-up costs more than it saves. */
const PARALLEL_MIN_WORK = 2_000_000;

/** Threads to use: the caller's choice, else one per core when the work (rows × fits) is big enough. */
export function fitThreads(requested: number | undefined, rows: number, fits: number): number {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  return rows * fits >= PARALLEL_MIN_WORK ? Math.max(1, availableParallelism()) : 1;
}

export type OnTaskDone = (done: number, total: number) => void;

export interface FitPool {
  readonly threads: number;
  run<T extends FitTask>(tasks: T[], onDone?: OnTaskDone): Promise<ResultOf<T>[]>;
  close(): Promise<void>;
}

function inlinePool(ctx: FitContext): FitPool {
  return {
    threads: 1,
    async run(tasks, onDone) {
      return tasks.map((t, i) => {
        const r = runFitTask(ctx, t);
        onDone?.(i + 1, tasks.length);
        return r;
      });
    },
    async close() {},
  };
}

export function openFitPool(ctx: FitContext, threads: number): FitPool {
  if (threads <= 1) return inlinePool(ctx);
  const workers = Array.from({ length: threads }, () => startWorker(import.meta.url, './fit-worker', ctx));
  return {
    threads,
    run<T extends FitTask>(tasks: T[], onDone?: OnTaskDone): Promise<ResultOf<T>[]> {
      return runTasks<T, ResultOf<T>>(workers, tasks, 'calibration worker', onDone && ((_, done, total) => onDone(done, total)));
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
