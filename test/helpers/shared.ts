// Fixtures shared across test files and test workers: each is built once per `vitest run`, at a fixed path
// under the directory globalSetup made, by whichever worker asks first; a worker asking while another
// builds waits for it. Built fixtures are read-only: a test that writes works on a copy (copyOf).
// (No pipeline imports here: globalSetup loads this file in Vitest's main process.)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHARED_ENV = 'PH_TEST_SHARED_DIR';

const local = new Map<string, Promise<string>>();

/**
 * The directory `build` filled for `key` (a description of everything the contents depend on). Built in
 * place, because runs record their data directory's path; `.done` marks it complete, `.failed` holds the
 * builder's error for the waiters.
 */
export function sharedDir(key: string, build: (dir: string) => Promise<void>): Promise<string> {
  let p = local.get(key);
  if (!p) {
    p = make(key, build);
    local.set(key, p);
  }
  return p;
}

async function make(key: string, build: (dir: string) => Promise<void>): Promise<string> {
  const root = process.env[SHARED_ENV];
  if (!root) { // outside the suite's globalSetup: one per process
    const dir = mkdtempSync(join(tmpdir(), 'ph-shared-'));
    await build(dir);
    return dir;
  }
  const dir = join(root, createHash('sha256').update(key).digest('hex').slice(0, 16));
  const done = `${dir}.done`;
  const failed = `${dir}.failed`;
  if (!claim(dir)) {
    for (;;) {
      if (existsSync(done)) return dir;
      if (existsSync(failed)) throw new Error(`shared fixture ${key} failed in another worker: ${readFileSync(failed, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    await build(dir);
  } catch (err) {
    writeFileSync(failed, String((err as Error)?.stack ?? err));
    throw err;
  }
  writeFileSync(done, key);
  return dir;
}

/** Create `dir`; false if it exists (another worker builds it). mkdir is atomic: exactly one worker builds. */
function claim(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}
