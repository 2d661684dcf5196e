// scripts/passed-stamp.mjs (npm test's lint and type check): a check runs unless it passed before with the
// same key, and a failed check leaves no stamp, so it runs and reports again.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { unlessPassed } from '../../scripts/passed-stamp.mjs';

type Result = { code: number; out: string; unchanged?: boolean };
const check = unlessPassed as (stampFile: string, key: string, run: () => Promise<Result>) => Promise<Result>;
const dir = mkdtempSync(join(tmpdir(), 'ph-stamp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('unlessPassed', () => {
  it('runs a check again only when its key changed since it passed, and always after a failure', async () => {
    const stamp = join(dir, 'sub', 'lint.passed');
    const runs: string[] = [];
    const counting = (key: string, code: number) => check(stamp, key, async () => {
      runs.push(`${key}:${code}`);
      return { code, out: code ? 'error' : '' };
    });
    const cases: [key: string, code: number, ran: boolean, result: number][] = [
      ['a', 1, true, 1], // fails: no stamp
      ['a', 1, true, 1], // so it runs (and fails) again
      ['a', 0, true, 0], // passes: stamp 'a'
      ['a', 1, false, 0], // same key: not run, passed
      ['b', 0, true, 0], // another key: runs
      ['a', 0, true, 0], // back to 'a': the stamp holds 'b' now
      ['a', 1, false, 0],
    ];
    for (const [key, code, ran, result] of cases) {
      const before = runs.length;
      const r = await counting(key, code);
      expect({ key, ran: runs.length > before, code: r.code, unchanged: r.unchanged === true }).toEqual({ key, ran, code: result, unchanged: !ran });
    }
    expect(readFileSync(stamp, 'utf8')).toBe('a');
    await counting('c', 2); // a failure removes the old stamp before it runs
    expect(existsSync(stamp)).toBe(false);
  });
});
