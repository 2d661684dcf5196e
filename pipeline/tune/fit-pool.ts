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
/** As OnTaskDone, with the index of the task just done. */
export type OnTaskIndexDone = (done: number, total: number, index: number) => void;

export interface FitPool {
  readonly threads: number;
  run<T extends FitTask>(tasks: T[], onDone?: OnTaskIndexDone): Promise<ResultOf<T>[]>;
  close(): Promise<void>;
}

/** Tasks whose results become one value, e.g. a bootstrap's refits → its intervals. */
export interface PoolJob<R> {
  tasks: FitTask[];
  finish(results: unknown[]): R;
  /** Progress of this job's own tasks. */
  onDone?: OnTaskDone;
}

type JobResults<J extends readonly PoolJob<unknown>[]> = { -readonly [K in keyof J]: J[K] extends PoolJob<infer R> ? R : never };

/**
 * Several jobs' tasks handed out as one queue, in the order given, so a thread that finishes one job's
 * last task takes the next job's first instead of idling until the slowest task of the job is done.
 * Each job gets its own results in its task order: the same as running the jobs one after another.
 */
export async function runJobs<const J extends readonly PoolJob<unknown>[]>(pool: FitPool, jobs: J): Promise<JobResults<J>> {
  const offsets: number[] = [];
  const tasks: FitTask[] = [];
  for (const job of jobs) {
    offsets.push(tasks.length);
    tasks.push(...job.tasks);
  }
  const jobOf = new Int32Array(tasks.length);
  jobs.forEach((job, j) => jobOf.fill(j, offsets[j]!, offsets[j]! + job.tasks.length));
  const done = new Array<number>(jobs.length).fill(0);
  const results = await pool.run(tasks, (_, __, index) => {
    const j = jobOf[index]!;
    jobs[j]!.onDone?.(++done[j]!, jobs[j]!.tasks.length);
  });
  return jobs.map((job, j) => job.finish(results.slice(offsets[j]!, offsets[j]! + job.tasks.length))) as JobResults<J>;
}

function inlinePool(ctx: FitContext): FitPool {
  return {
    threads: 1,
    async run(tasks, onDone) {
      return tasks.map((t, i) => {
        const r = runFitTask(ctx, t);
        onDone?.(i + 1, tasks.length, i);
        return r;
      });
    },
    async close() {},
  };
}

/**
 * Tasks queued per worker. This thread works between the pool's replies (the cut-offs while the λ paths
 * run, the out-of-time metrics while the bootstrap runs), in sync stretches of up to ~0.5 s on M; with one
 * task per worker, a worker that finished waited for the stretch to end before it got its next task (M,
 * worker side: 0.17 and 0.44 s idle before the second λ paths). A second task in its queue keeps it busy.
 */
const IN_FLIGHT = 2;

/** Threads started ahead of their fit context: `open` hands it over, `close` stops them unused. */
export interface StartedPool {
  readonly threads: number;
  open(ctx: FitContext): FitPool;
  close(): Promise<void>;
}

/**
 * Start the pool's threads before the fit context exists, so their start-up (loading the worker's
 * modules; under tsx, compiling them, ~1 s on M) overlaps the caller's own work, e.g. the dataset read.
 * The context follows as each thread's first message; messages arrive in order, so tasks come after it.
 */
export function startFitPool(threads: number): StartedPool {
  const workers = threads <= 1 ? [] : Array.from({ length: threads }, () => startWorker(import.meta.url, './fit-worker', undefined));
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => (closed ??= Promise.all(workers.map((w) => w.terminate())).then(() => undefined));
  return {
    threads: Math.max(1, workers.length),
    open(ctx) {
      if (workers.length === 0) return inlinePool(ctx);
      for (const w of workers) w.postMessage({ context: ctx });
      return {
        threads: workers.length,
        run<T extends FitTask>(tasks: T[], onDone?: OnTaskIndexDone): Promise<ResultOf<T>[]> {
          return runTasks<T, ResultOf<T>>(workers, tasks, 'calibration worker', onDone && ((id, done, total) => onDone(done, total, id)), { inFlight: IN_FLIGHT });
        },
        close,
      };
    },
    close,
  };
}

export function openFitPool(ctx: FitContext, threads: number): FitPool {
  return startFitPool(threads).open(ctx);
}
