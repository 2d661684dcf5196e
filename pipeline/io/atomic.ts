// Atomic file output: write to a temporary sibling, then rename, so a failed run never leaves half a file.
// A write that fails is an error naming the file (a bare "ENOSPC: no space left on device, write" does not).
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

let counter = 0;

/** Path of a temporary sibling of `target` (same directory, so rename is atomic). */
export function tempSibling(target: string): string {
  counter += 1;
  return join(dirname(target), `.${basename(target)}.${process.pid}.${counter}.tmp`);
}

/** "cannot write PATH: no space left on device (ENOSPC)" from a Node file-system error. */
export function writeError(target: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  const why = e.code ? `${e.message.replace(/^[A-Z]+: /, '').split(',')[0]} (${e.code})` : e.message;
  return new Error(`cannot write ${target}: ${why}`);
}

/** Write `data` to `target` atomically, creating the parent directory when needed. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempSibling(target);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw writeError(target, err);
  }
}
