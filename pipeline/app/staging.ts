// A run writes every output into a staging directory and moves the files into place only when all
// stages succeeded, so a failed run never leaves half-written outputs or a corrupted workspace.
// Outputs of an earlier run that this one did not produce are removed, so a directory never mixes runs.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file `run` can write; matched by name, `*.proposed.json` by suffix. */
export const RUN_OUTPUTS = [
  'workspace.duckdb', 'scores.csv', 'labels.csv', 'backtest.json', 'calibration.json', '*.proposed.json',
  'quarterly.html', 'backtest.html', 'calibration.html', 'quarterly.pdf', 'backtest.pdf', 'calibration.pdf',
];

export interface Staging {
  dir: string;
  path(name: string): string;
  /** Move the staged files into place; files matching `owned` that were not produced are deleted. */
  commit(owned?: string[]): Promise<string[]>;
  abort(): Promise<void>;
}

const STAGING_PREFIX = '.staging-';

const matches = (name: string, pattern: string): boolean =>
  pattern.startsWith('*') ? name.endsWith(pattern.slice(1)) : name === pattern;

/** Staging directories left by processes that no longer run (killed, power cut). */
function sweepAbandoned(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || !alive(pid)) rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function createStaging(outDir: string): Promise<Staging> {
  await mkdir(outDir, { recursive: true });
  sweepAbandoned(outDir);
  const dir = join(outDir, `${STAGING_PREFIX}${process.pid}-${Date.now()}`);
  await mkdir(dir);
  // Ctrl-C or a kill mid-run: remove the half-written staging directory before exiting.
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const release = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  return {
    dir,
    path: (name) => join(dir, name),
    async commit(owned = []) {
      const names = (await readdir(dir)).filter((n) => !n.endsWith('.wal') && !n.startsWith('.'));
      for (const n of names) await rename(join(dir, n), join(outDir, n));
      for (const old of await readdir(outDir)) {
        if (!names.includes(old) && owned.some((p) => matches(old, p)) && existsSync(join(outDir, old))) {
          await rm(join(outDir, old), { force: true });
        }
      }
      await rm(dir, { recursive: true, force: true });
      release();
      return names.map((n) => join(outDir, n));
    },
    async abort() {
      await rm(dir, { recursive: true, force: true });
      release();
    },
  };
}
