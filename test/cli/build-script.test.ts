// scripts/build.mjs (npm run build / demo): `--if-stale` skips tsc only while dist/ was built from exactly
// the current sources; any edit (even one that keeps the size and mtime), a new or deleted source, a
// tsconfig change, a missing output or another tsc run since the stamp makes it build again.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'build.mjs');
const dirs: string[] = [];
let dir = '';
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Only the ES2022 library and no library checking: each tsc run then takes a quarter of the time (the DOM
// library's types were most of it); what the test proves is the script's staleness rule, not tsc.
const TSCONFIG = {
  compilerOptions: { target: 'ES2022', lib: ['ES2022'], types: [], skipLibCheck: true, module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'dist', incremental: true, tsBuildInfoFile: 'dist/.tsbuildinfo', rootDir: '.' },
  include: ['pipeline/**/*.ts'],
};

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
const read = (path: string) => readFileSync(join(dir, path), 'utf8');
const script = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8' });
const current = () => script('--check').status === 0;
function build(): void {
  const r = script('--if-stale');
  expect(r.status, r.stdout + r.stderr).toBe(0);
}

/** A new project: two sources, not built. */
function project(): void {
  dir = mkdtempSync(join(tmpdir(), 'ph-build-'));
  dirs.push(dir);
  write('tsconfig.json', JSON.stringify(TSCONFIG));
  write('package.json', '{"type":"module"}');
  write('pipeline/a.ts', 'export const a: number = 1;\n');
  write('pipeline/sub/b.ts', "export const b = 'b';\n");
}

const keepingMtime = (path: string, text: string): void => {
  const { atime, mtime } = statSync(join(dir, path));
  write(path, text);
  utimesSync(join(dir, path), atime, mtime);
};

// tsc runs three times only (it is the slow part): every other change is asked with --check, then undone.
describe('scripts/build.mjs', () => {
  it('builds when a source, the tsconfig or the build changed, and only then', { timeout: 120_000 }, () => {
    project();
    expect(current()).toBe(false);
    build();
    expect(read('dist/pipeline/a.js')).toContain('a = 1');
    expect(current()).toBe(true);

    write('pipeline/sub/c.ts', 'export const c = 3;\n');
    expect(current()).toBe(false);
    rmSync(join(dir, 'pipeline/sub/c.ts'));
    expect(current()).toBe(true);
    rmSync(join(dir, 'pipeline/sub/b.ts'));
    expect(current()).toBe(false);
    write('pipeline/sub/b.ts', "export const b = 'b';\n");
    expect(current()).toBe(true);
    const tsconfig = read('tsconfig.json');
    write('tsconfig.json', JSON.stringify({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, noUnusedLocals: true } }));
    expect(current()).toBe(false);
    write('tsconfig.json', tsconfig);
    expect(current()).toBe(true);
    // tsc run by something else since the stamp: the build info is not the one stamped.
    const info = read('dist/.tsbuildinfo');
    write('dist/.tsbuildinfo', info + ' ');
    expect(current()).toBe(false);
    write('dist/.tsbuildinfo', info);
    expect(current()).toBe(true);

    // Edits that keep the size and modification time (a copy that preserves mtimes) still count, and are
    // built although tsc -b alone would skip them; a failed build stamps nothing.
    keepingMtime('pipeline/a.ts', 'export const a: number = "x";\n');
    expect(current()).toBe(false);
    expect(script('--if-stale').status).not.toBe(0);
    expect(current()).toBe(false);
    keepingMtime('pipeline/a.ts', 'export const a: number = 2;\n');
    build();
    expect(read('dist/pipeline/a.js')).toContain('a = 2');
    expect(current()).toBe(true);

    rmSync(join(dir, 'dist/pipeline/sub/b.js'));
    expect(current()).toBe(false);
  });
});
