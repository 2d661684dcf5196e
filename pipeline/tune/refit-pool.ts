// Bootstrap refits spread over worker threads. Every resample is drawn up front from the one seeded
// sequence and its result stored at its own index, so the samples are identical whatever the number
// of threads (or none) and whichever thread finishes first.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { refitResample, type RefitProblem } from './refit.js';

/** Below this many row-fits (rows × resamples) thread start-up costs more than it saves. */
const PARALLEL_MIN_WORK = 2_000_000;

/** Threads to use: the caller's choice, else one per core when the work is big enough. */
export function refitThreads(requested: number | undefined, rows: number, resamples: number): number {
  if (requested !== undefined) return Math.max(1, Math.floor(requested));
  return rows * resamples >= PARALLEL_MIN_WORK ? Math.max(1, availableParallelism()) : 1;
}

/**
 * The worker's entry. Compiled, it is refit-worker.js. From source (tests, the bench) it is TypeScript:
 * a small bootstrap registers tsx's loader in the worker first (`--import` in a worker's execArgv does not
 * apply to its entry on Node 20).
 */
function spawn(workerData: RefitProblem): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./refit-worker.js', import.meta.url), { workerData });
  const entry = new URL('./refit-worker.ts', import.meta.url).href;
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export type RefitProgress = (done: number, total: number) => void;

export async function refitAll(
  problem: RefitProblem,
  resamples: Int32Array[],
  threads: number,
  onProgress: RefitProgress = () => {},
): Promise<(number[] | null)[]> {
  const out: (number[] | null)[] = new Array(resamples.length).fill(null);
  const n = Math.min(threads, resamples.length);
  if (n <= 1) {
    resamples.forEach((counts, b) => {
      out[b] = refitResample(problem, counts);
      onProgress(b + 1, resamples.length);
    });
    return out;
  }
  const workers = Array.from({ length: n }, () => spawn(problem));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= resamples.length) return resolve();
              const b = next++;
              worker.postMessage({ b, counts: resamples[b] });
            };
            worker.on('message', (msg: { b: number; w: number[] | null }) => {
              out[msg.b] = msg.w;
              onProgress(++done, resamples.length);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bootstrap worker exited with code ${code}`))));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
