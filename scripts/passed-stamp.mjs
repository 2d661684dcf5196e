// A check that passed is not run again on the same inputs (scripts/test.mjs: the lint and the type check).
// The caller gives the stamp's key: a hash of everything the check's verdict depends on. A pass writes the
// key; a failure (or a check that never finished) leaves none, so the check runs, and reports, again.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `check()` unless `stampFile` holds `key` (then `{ code: 0, unchanged: true }`); `check` resolves to an
 * object with `code` (0 = passed).
 */
export async function unlessPassed(stampFile, key, check) {
  let last = '';
  try {
    last = readFileSync(stampFile, 'utf8');
  } catch { /* never passed here */ }
  if (last === key) return { code: 0, out: '', unchanged: true };
  rmSync(stampFile, { force: true });
  const r = await check();
  if (r.code === 0) {
    mkdirSync(dirname(stampFile), { recursive: true });
    writeFileSync(stampFile, key);
  }
  return r;
}
