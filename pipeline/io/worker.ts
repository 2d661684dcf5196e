// Starting a worker thread from a module next to the caller, compiled or from source.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start the worker `name` (e.g. './fit-worker') beside the module at `callerUrl` (its import.meta.url).
 * Compiled, the entry is name.js. From source (tests, the bench) it is TypeScript: a small bootstrap
 * registers tsx's loader in the worker first (`--import` in a worker's execArgv does not apply to its
 * entry on Node 20).
 */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`${name}.js`, callerUrl), { workerData });
  const entry = new URL(`${name}.ts`, callerUrl).href;
  const tsxDir = dirname(createRequire(callerUrl).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData, execArgv: [] });
}

/** A worker's reply to task `id`: its result, or the message of the error the task threw. */
export type TaskReply<R> = { id: number; result: R; error?: undefined } | { id: number; error: string };

/** How runTasks spreads the tasks beyond one at a time per worker. */
export interface RunOptions<T, R> {
  /**
   * Also run tasks on this thread, one at a time, reading the workers' replies in between: a thread that
   * would otherwise wait is one worker fewer to start and warm up.
   */
  local?: (task: T) => R;
  /** Tasks queued per worker (default 1); with `local`, 2 keeps a worker busy while this thread runs one. */
  inFlight?: number;
}

/**
 * Run `tasks` on `workers` (each answers a `{ id, task }` message with a TaskReply), handing the next task
 * to whichever worker is free (and to this thread, with `opts.local`). Results are stored at their task's
 * index, so they do not depend on the number of workers or on which finishes first. `onResult` is called
 * as each task is done, in any order.
 */
export function runTasks<T, R>(
  workers: Worker[], tasks: T[], what: string, onResult?: (id: number, done: number, total: number) => void,
  opts: RunOptions<T, R> = {},
): Promise<R[]> {
  const out = new Array<R>(tasks.length);
  if (tasks.length === 0) return Promise.resolve(out);
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let settled = false;
    const feed = (w: Worker): void => {
      if (next < tasks.length) {
        const id = next++;
        w.postMessage({ id, task: tasks[id] });
      }
    };
    const finish = (id: number, result: R): boolean => {
      out[id] = result;
      done++;
      onResult?.(id, done, tasks.length);
      if (done < tasks.length) return false;
      settled = true;
      detach();
      resolve(out);
      return true;
    };
    const error = (err: Error): void => {
      if (settled) return;
      settled = true;
      detach();
      reject(err);
    };
    const listeners = workers.map((w) => {
      const message = (msg: TaskReply<R>): void => {
        if (msg.error !== undefined) return error(new Error(msg.error));
        if (!finish(msg.id, msg.result)) feed(w);
      };
      const exit = (code: number): void => error(new Error(`${what} exited with code ${code}`));
      w.on('message', message).on('error', error).on('exit', exit);
      return { w, message, error, exit };
    });
    const detach = (): void => {
      for (const l of listeners) l.w.off('message', l.message).off('error', l.error).off('exit', l.exit);
    };
    for (let k = 0; k < (opts.inFlight ?? 1); k++) workers.forEach(feed);
    const local = opts.local;
    if (local) {
      const here = (): void => {
        if (settled || next >= tasks.length) return;
        const id = next++;
        let result: R;
        try {
          result = local(tasks[id]!);
        } catch (err) {
          return error(err as Error);
        }
        if (!finish(id, result)) setImmediate(here);
      };
      setImmediate(here);
    }
  });
}
