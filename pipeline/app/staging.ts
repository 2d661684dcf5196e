// A command that writes an output directory fills a new run directory and commits it all-or-nothing
// (output-set.ts), so a failed or killed run leaves the previous outputs exactly as they were.
// One command at a time may write an output directory (a lock file, lock.ts).
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireLock } from './lock.js';
import { commitRun, currentRunDir, newRunId, RUNS_DIR, tidy } from './output-set.js';
import type { Effects } from '../effects.js';

export { RUN_OUTPUTS } from './output-set.js';

export interface Staging {
  /** The new run directory being filled. */
  dir: string;
  path(name: string): string;
  /**
   * Commit the run: files of the previous run that this one did not produce are kept, unless they match
   * `owned` (outputs this command invalidates). Returns the paths of the new set, as OUT/<name>.
   */
  commit(owned?: readonly string[]): Promise<string[]>;
  abort(): Promise<void>;
}

/** Create the output directory (or refuse a path that is not one) and say whether this call created it. */
async function ensureOutDir(outDir: string): Promise<boolean> {
  if (existsSync(outDir)) {
    if (!statSync(outDir).isDirectory()) throw new Error(`--out ${outDir} is a file, not a directory: give a directory (it is created when missing)`);
    return false;
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOTDIR' || e.code === 'EEXIST' ? 'a parent of it is a file' : e.message;
    throw new Error(`cannot create the output directory ${outDir}: ${why}`, { cause: err });
  }
  return true;
}

export async function createStaging(outDir: string, fx: Pick<Effects, 'onInterrupt'>): Promise<Staging> {
  const created = await ensureOutDir(outDir);
  const unlock = acquireLock(outDir);
  // A directory this command created is removed again when it fails, so a failed run leaves nothing behind.
  const removeIfCreated = (): void => {
    if (created) rmSync(outDir, { recursive: true, force: true });
  };
  const dir = join(outDir, RUNS_DIR, newRunId());
  try {
    await tidy(outDir); // runs that died here before, stale links
    await mkdir(dir, { recursive: true });
  } catch (err) {
    unlock();
    removeIfCreated();
    throw err;
  }
  // Ctrl-C, kill, or the terminal closing mid-run: remove the half-written run directory and the lock
  // (the CLI then exits). During the commit the interrupt waits for it to finish (it is short), so the
  // switch is never cut in half.
  let committing: Promise<unknown> | undefined;
  const stopWatching = fx.onInterrupt(async () => {
    if (committing) {
      await committing.catch(() => undefined);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
    unlock();
    removeIfCreated();
  });
  const release = (): void => {
    stopWatching();
    unlock();
  };
  return {
    dir,
    path: (name) => join(dir, name),
    async commit(owned = []) {
      const done = (async () => {
        try {
          return await commitRun(outDir, dir, owned);
        } catch (err) {
          if (created && !currentRunDir(outDir)) removeIfCreated();
          throw err;
        } finally {
          release();
        }
      })();
      committing = done;
      return done;
    },
    async abort() {
      try {
        await rm(dir, { recursive: true, force: true });
        await rmdir(join(outDir, RUNS_DIR)).catch(() => undefined); // when no run is left in it
        removeIfCreated();
      } finally {
        release();
      }
    },
  };
}
