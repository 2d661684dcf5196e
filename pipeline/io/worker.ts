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
