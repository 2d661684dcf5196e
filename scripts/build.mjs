// `npm run build` (and install's prepare): tsc -b, then a stamp of what dist/ was built from.
// `--if-stale` (npm run demo, example): tsc -b only when the stamp does not match; `--check`: exit 0 when
// dist/ is current, 1 when not, without building. tsc -b's own up-to-date check loads the compiler and reads every source (0.9 s of the demo's 14 s on 2 cores);
// hashing the sources takes milliseconds. The stamp (dist/.build-stamp) holds the content hash of every
// file under pipeline/, tsconfig.json, package.json and package-lock.json (dependencies come with their
// types), and of dist/.tsbuildinfo as the build left it, so a tsc run by anything else in between also
// counts as a change; every source must also have its .js in dist/.
// Runs in the current directory (the package root under npm).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { contentHashes, filesUnder, hash } from './content-hash.mjs';

const STAMP = join('dist', '.build-stamp');
const BUILD_INFO = join('dist', '.tsbuildinfo');
const INPUTS = ['tsconfig.json', 'package.json', 'package-lock.json'];
const SOURCES = 'pipeline';

/** Every input's content hash by path (tsconfig, package files, every file under pipeline/). */
const inputs = () => contentHashes([...INPUTS, ...filesUnder(SOURCES)]);

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

const compiled = (now) => Object.keys(now).filter((f) => f.startsWith(SOURCES + sep) && f.endsWith('.ts') && !f.endsWith('.d.ts'));
const outputsMissing = (now) => compiled(now).some((f) => !existsSync(join('dist', f.replace(/\.ts$/, '.js'))));

function current(now, stamp) {
  if (!stamp || !existsSync(BUILD_INFO) || stamp.buildInfo !== hash(readFileSync(BUILD_INFO))) return false;
  return JSON.stringify(stamp.inputs) === JSON.stringify(now) && !outputsMissing(now);
}

/**
 * tsc -b decides by modification times: it would skip a changed input no newer than the last build (a
 * copy or checkout that kept old mtimes) and a deleted output, so then everything is rebuilt. (After a
 * tsc run by something else, only tsc -b's own check is left, as before this script.)
 */
function mustForce(now, stamp) {
  if (!stamp || !existsSync(BUILD_INFO)) return false;
  if (outputsMissing(now)) return true;
  const built = statSync(BUILD_INFO).mtimeMs;
  return Object.entries(now).some(([f, h]) => stamp.inputs?.[f] !== h && statSync(f).mtimeMs <= built);
}

const now = inputs();
const stamp = readStamp();
if (process.argv.includes('--check')) process.exit(current(now, stamp) ? 0 : 1);
if (process.argv.includes('--if-stale') && current(now, stamp)) process.exit(0);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.json', ...(mustForce(now, stamp) ? ['--force'] : [])], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
// The inputs as hashed before the build: one changed while tsc ran is seen as a change next time.
if (existsSync(BUILD_INFO)) writeFileSync(STAMP, JSON.stringify({ inputs: now, buildInfo: hash(readFileSync(BUILD_INFO)) }) + '\n');
