// Content hashes of files, for the scripts that decide whether work is already done: build.mjs (is dist/
// built from these sources?) and test.mjs (did the type check and the lint already pass on these inputs?).
// Hashing every source takes milliseconds; starting tsc only to find nothing changed takes seconds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir` (recursively), in a fixed order; none when `dir` does not exist. */
export function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

export const hash = (data) => createHash('sha256').update(data).digest('hex');

/** Each existing file's content hash by path, in the order given. */
export function contentHashes(paths) {
  return Object.fromEntries(paths.filter((f) => existsSync(f)).map((f) => [f, hash(readFileSync(f))]));
}
