// The backtest's independent bootstraps (boot-tasks.ts) on a worker thread while this thread goes on with
// the rest of the backtest: the backtest is otherwise one thread, and these resamples are most of its time.
// Each task's result depends on its own rows and seed only, so it is the same for any thread count.
import { availableParallelism } from 'node:os';
import { runTasks, startWorker } from '../io/worker.js';
import { bootWork, runBootTask, type BootResult, type BootTask } from './boot-tasks.js';

/** Below this many row-resamples in all, starting a thread costs more than it saves. */
const PARALLEL_MIN_WORK = 5_000_000;

/**
 * Start the tasks. With threads (default: all cores but this one's, for big work) they run in workers now
 * and the promise settles when they are done; with one thread they run in this thread when awaited.
 */
export function startBootTasks(tasks: BootTask[], threads?: number): () => Promise<BootResult[]> {
  const work = tasks.reduce((a, t) => a + bootWork(t), 0);
  const wanted = threads !== undefined ? threads - 1 : work >= PARALLEL_MIN_WORK ? availableParallelism() - 1 : 0;
  const n = Math.max(0, Math.min(Math.floor(wanted), tasks.length));
  if (n === 0) return async () => tasks.map(runBootTask);
  const workers = Array.from({ length: n }, () => startWorker(import.meta.url, './boot-worker', null));
  const done = runTasks<BootTask, BootResult>(workers, tasks, 'backtest bootstrap worker').finally(() =>
    Promise.all(workers.map((w) => w.terminate())),
  );
  done.catch(() => {}); // awaited by the caller; never an unhandled rejection meanwhile
  return () => done;
}
