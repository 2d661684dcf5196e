// A pool of worker threads for the calibration's fits. Tasks are handed out one at a time to whichever
// thread is free and every result is stored at its task's index, so results are identical whatever the
// number of threads (one = in this thread, no workers) and whichever thread finishes first.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../io/worker.js';
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
      const out = new Array<ResultOf<T>>(tasks.length);
      if (tasks.length === 0) return Promise.resolve(out);
      return new Promise((resolve, reject) => {
        let next = 0;
        let done = 0;
        const feed = (w: Worker): void => {
          if (next < tasks.length) {
            const id = next++;
            w.postMessage({ id, task: tasks[id] });
          }
        };
        const listeners = workers.map((w) => {
          const message = (msg: { id: number; result: ResultOf<T> }): void => {
            out[msg.id] = msg.result;
            done++; // not inside onDone?.(…): an absent callback would skip the increment
            onDone?.(done, tasks.length);
            if (done === tasks.length) {
              detach();
              resolve(out);
            } else feed(w);
          };
          const error = (err: Error): void => {
            detach();
            reject(err);
          };
          const exit = (code: number): void => error(new Error(`calibration worker exited with code ${code}`));
          w.on('message', message).on('error', error).on('exit', exit);
          return { w, message, error, exit };
        });
        const detach = (): void => {
          for (const l of listeners) l.w.off('message', l.message).off('error', l.error).off('exit', l.exit);
        };
        workers.forEach(feed);
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
