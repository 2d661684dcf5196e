// `npm test`: ESLint and the type check run beside Vitest instead of before it (on 2 cores they took a
// quarter of the wall time in front of the suite). Vitest's output streams as it runs; the other two
// print when they finish. Arguments go to `vitest run`. The exit code is the first failure's, else 0.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { contentHashes, filesUnder, hash } from './content-hash.mjs';
import { unlessPassed } from './passed-stamp.mjs';

const require = createRequire(import.meta.url);
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

function run(name, script, args, capture, node = [], env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...node, script, ...args], {
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'], env: { ...process.env, ...env },
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('error', (err) => resolve({ name, code: 1, out: `${name}: ${err.message}\n` }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), out }));
  });
}

// Both keep what they learnt in node_modules/.cache (ESLint per file content, tsc per file version), so a
// second `npm test` re-checks only what changed; a fresh clone checks everything.
const root = dirname(require.resolve('../package.json'));
const cache = join(root, 'node_modules', '.cache', 'partner-health');
// When dist/ was built from exactly these sources (build.mjs --check: its stamp is written only after a
// tsc -b that passed, with tsconfig.json's options, which tsconfig.test.json extends), that build has
// type-checked pipeline/: the tests and the bench are then checked against its declarations
// (tsconfig.test-refs.json), 2.5 of tsc's 9.5 CPU s. Otherwise everything is checked from source.
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--check'], { cwd: root }).status === 0;
const tsconfig = built ? 'tsconfig.test-refs.json' : 'tsconfig.test.json';

// A check that passed is not run again on the same inputs (passed-stamp.mjs), keyed by the content hash
// of every file under the checked directories, the configs and the lock file (the tools and their plugins
// come with it), and the command itself. With nothing changed, tsc still rebuilds its whole program to
// find that out (4.7–5.3 CPU s on a 2-core machine) and ESLint reads every file (1.1 CPU s); hashing them
// all takes ~0.1 s.
const configs = readdirSync(root).filter((f) => /^(tsconfig.*\.json|eslint\.config\.js|vitest\.config\.ts|package(-lock)?\.json)$/.test(f)).sort();
const hashes = contentHashes([...configs.map((f) => join(root, f)), ...['pipeline', 'test', 'bench', 'scripts'].flatMap((d) => filesUnder(join(root, d)))]);
const checked = (name, script, args, node = []) => unlessPassed(join(cache, `${name}.passed`), hash(JSON.stringify({ args: [script, ...node, ...args], hashes })),
  () => run(name, script, args, true, node)).then((r) => ({ name, ...r }));

const checks = [
  checked('lint', bin('eslint', 'bin/eslint.js'), ['--cache', '--cache-strategy', 'content', '--cache-location', join(cache, 'eslint/'), 'pipeline', 'test', 'bench', 'scripts']),
  // Without V8's optimising compiler tsc takes a seventh less CPU (6.2 instead of 7.4 s, fresh cache, alternating runs): it
  // runs beside the suite, where its CPU is what it costs; ESLint without it takes more, so it keeps it.
  checked('typecheck', bin('typescript', 'bin/tsc'), ['-p', tsconfig, '--incremental', '--tsBuildInfoFile', join(cache, tsconfig.replace(/json$/, 'tsbuildinfo'))], ['--no-opt']),
];
// The same check decides whether the tests import the pipeline from dist/ (vitest.config.ts says why).
const vitest = await run('vitest', bin('vitest', 'vitest.mjs'), ['run', ...process.argv.slice(2)], false, [], { PH_TEST_FROM_DIST: built ? '1' : '0' });
const results = [...(await Promise.all(checks)), vitest];
for (const r of results.slice(0, 2)) {
  const what = r.unchanged ? ' (passed before on these same files)' : r.name === 'typecheck' && built ? ' (test and bench; pipeline/ by the build of dist/)' : '';
  process.stdout.write(r.code === 0 ? `${r.name}: ok${what}\n` : `${r.name} failed:\n${r.out}`);
}
process.exitCode = results.find((r) => r.code !== 0)?.code ?? 0;
