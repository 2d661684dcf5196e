// --watch: a save re-renders (once per burst of writes), a failed render is reported and watching goes
// on, and the watcher stops when told to.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchFiles } from '../../pipeline/cli/watch.js';
import { tempDir } from '../helpers/workspace.js';

describe('watchFiles', () => {
  it('re-renders on save, logs errors, and stops cleanly', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.md');
    writeFileSync(file, 'v1');
    const log: string[] = [];
    let renders = 0;
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    const waitFor = async (ok: () => boolean) => {
      while (!ok()) await new Promise((r) => setTimeout(r, 10));
    };
    const rendered = (n: number) => waitFor(() => log.length >= n + 1); // +1: the "watching" line
    const render = async () => {
      renders += 1;
      if (renders === 3) throw new Error('bad cell');
      return [join(dir, 'a.html')];
    };
    const done = watchFiles([file], render, { log: (l) => log.push(l), until, debounceMs: 100 });
    await waitFor(() => log.includes('watching for changes (Ctrl-C to stop)'));
    writeFileSync(file, 'v2');
    writeFileSync(file, 'v2 again'); // one burst, one render
    writeFileSync(join(dir, 'other.md'), 'not watched');
    await rendered(2);
    writeFileSync(file, 'v3');
    await rendered(3);
    stop();
    await done;
    expect(renders).toBe(3);
    expect(log[0]).toMatch(/^rendered \d\d:\d\d:\d\d:\n {2}.*a\.html$/);
    expect(log).toContain('watching for changes (Ctrl-C to stop)');
    expect(log.at(-1)).toBe('error: bad cell');
  });
});
