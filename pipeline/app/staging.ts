// A run writes every output into a staging directory and moves the files into place only when all
// stages succeeded, so a failed run never leaves half-written outputs or a corrupted workspace.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface Staging {
  dir: string;
  path(name: string): string;
  commit(): Promise<string[]>;
  abort(): Promise<void>;
}

export async function createStaging(outDir: string): Promise<Staging> {
  await mkdir(outDir, { recursive: true });
  const dir = join(outDir, `.staging-${process.pid}-${Date.now()}`);
  await mkdir(dir);
  return {
    dir,
    path: (name) => join(dir, name),
    async commit() {
      const names = (await readdir(dir)).filter((n) => !n.endsWith('.wal') && !n.startsWith('.'));
      for (const n of names) await rename(join(dir, n), join(outDir, n));
      await rm(dir, { recursive: true, force: true });
      return names.map((n) => join(outDir, n));
    },
    async abort() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
