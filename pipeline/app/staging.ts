// A run writes every output into a staging directory and moves the files into place only when all
// stages succeeded, so a failed run never leaves half-written outputs or a corrupted workspace.
// One command at a time may write an output directory (a lock file); outputs of an earlier run that
// this one did not produce are removed, so a directory never mixes runs.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Every file `run` can write; matched by name, `*.proposed.json` by suffix. */
export const RUN_OUTPUTS = [
  'workspace.duckdb', 'scores.csv', 'labels.csv', 'backtest.json', 'calibration.json', '*.proposed.json',
  'quarterly.html', 'backtest.html', 'calibration.html', 'quarterly.pdf', 'backtest.pdf', 'calibration.pdf',
  // --each packs and their index
  'quarterly-*.html', 'quarterly-*.pdf',
];

export interface Staging {
  dir: string;
  path(name: string): string;
  /** Move the staged files into place; files matching `owned` that were not produced are deleted. */
  commit(owned?: string[]): Promise<string[]>;
  abort(): Promise<void>;
}

const LOCK = '.partner-health.lock';
const STAGING = /^\.staging-\d+-\d+$/;

/** `*` matches any run of characters except `/`; everything else literally. */
const matches = (name: string, pattern: string): boolean =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(name);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the output directory's lock, or explain who holds it. A lock left by a dead process is taken over. */
function acquireLock(outDir: string): () => void {
  const file = join(outDir, LOCK);
  const me = `${hostname()} ${process.pid}`;
  try {
    writeFileSync(file, me, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const [host, pid] = readFileSync(file, 'utf8').split(' ');
    if (host !== hostname() || alive(Number(pid))) {
      throw new Error(`another partner-health command (pid ${pid} on ${host}) is writing to ${outDir}; ` +
        `wait for it to finish, or delete ${file} if it is no longer running`);
    }
    writeFileSync(file, me);
  }
  return () => rmSync(file, { force: true });
}

/** With the lock held, any staging directory left here belongs to a run that died. */
function sweepAbandoned(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    if (!STAGING.test(name)) continue;
    try {
      rmSync(join(outDir, name), { recursive: true, force: true });
    } catch {
      // not ours to remove (another user's): leave it
    }
  }
}

export async function createStaging(outDir: string): Promise<Staging> {
  await mkdir(outDir, { recursive: true });
  const unlock = acquireLock(outDir);
  sweepAbandoned(outDir);
  const dir = join(outDir, `.staging-${process.pid}-${Date.now()}`);
  try {
    await mkdir(dir);
  } catch (err) {
    unlock();
    throw err;
  }
  // Ctrl-C or a kill mid-run: remove the half-written staging directory and the lock before exiting.
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(dir, { recursive: true, force: true });
    unlock();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const release = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unlock();
  };
  return {
    dir,
    path: (name) => join(dir, name),
    async commit(owned = []) {
      try {
        const names = (await readdir(dir)).filter((n) => !n.endsWith('.wal') && !n.startsWith('.'));
        for (const n of names) await rename(join(dir, n), join(outDir, n));
        for (const old of await readdir(outDir)) {
          if (!names.includes(old) && owned.some((p) => matches(old, p))) await rm(join(outDir, old), { force: true });
        }
        await rm(dir, { recursive: true, force: true });
        return names.map((n) => join(outDir, n));
      } finally {
        release();
      }
    },
    async abort() {
      try {
        await rm(dir, { recursive: true, force: true });
      } finally {
        release();
      }
    },
  };
}
