// The backtest's independent bootstraps (boot-tasks.ts) on a worker thread while this thread goes on with
// the rest of the backtest: the backtest is otherwise one thread, and these resamples are most of its time.
// Each task's result depends on its own rows and seed only, so it is the same for any thread count.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { runTasks, startWorker } from '../io/worker.js';
import { bootWork, runBootTask, type BootResult, type BootTask } from './boot-tasks.js';

/** Below this many row-resamples in all, starting a thread costs more than it saves. */
const PARALLEL_MIN_WORK = 5_000_000;

const work = (tasks: BootTask[]): number => tasks.reduce((a, t) => a + bootWork(t), 0);

/** Workers for `tasks` (besides this thread): `threads` − 1 when given, else all cores but this one's for big work. */
function workersFor(tasks: BootTask[], threads: number | undefined): number {
  const wanted = threads !== undefined ? threads - 1 : work(tasks) >= PARALLEL_MIN_WORK ? availableParallelism() - 1 : 0;
  return Math.max(0, Math.min(Math.floor(wanted), tasks.length));
}

/**
 * Start the tasks `first` and, once read, `rest`. With threads (default: all cores but this one's, for big
 * work) they run in workers and the promise settles when they are done; with one thread they run in this
 * thread when awaited. When `first` alone is big work, its workers start now: a worker's start (~0.36 s
 * from source on the M bench) overlaps the reading of `rest` instead of delaying every task.
 */
export function startBootTasks(first: BootTask[], rest: Promise<BootTask[]>, threads?: number): () => Promise<BootResult[]> {
  const start = (n: number): Worker[] => Array.from({ length: n }, () => startWorker(import.meta.url, './boot-worker', null));
  const early = start(workersFor(first, threads));
  const done = rest.then(
    (more) => {
      const tasks = [...first, ...more];
      // as many workers as `tasks` would have had started at once: more when `rest` adds tasks or work
      const workers = [...early, ...start(Math.max(0, workersFor(tasks, threads) - early.length))];
      if (workers.length === 0) return null;
      return runTasks<BootTask, BootResult>(workers, tasks, 'backtest bootstrap worker').finally(() =>
        Promise.all(workers.map((w) => w.terminate())),
      );
    },
    async (err: unknown) => {
      await Promise.all(early.map((w) => w.terminate()));
      throw err;
    },
  );
  done.catch(() => {}); // awaited by the caller; never an unhandled rejection meanwhile
  return async () => (await done) ?? [...first, ...(await rest)].map(runBootTask);
}
