// `npm test`: ESLint and the type check run beside Vitest instead of before it (on 2 cores they took a
// quarter of the wall time in front of the suite). Vitest's output streams as it runs; the other two
// print when they finish. Arguments go to `vitest run`. The exit code is the first failure's, else 0.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

function run(name, script, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'] });
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
const cache = join(dirname(require.resolve('../package.json')), 'node_modules', '.cache', 'partner-health');
const checks = [
  run('lint', bin('eslint', 'bin/eslint.js'), ['--cache', '--cache-strategy', 'content', '--cache-location', join(cache, 'eslint/'), 'pipeline', 'test', 'bench', 'scripts'], true),
  run('typecheck', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.test.json', '--incremental', '--tsBuildInfoFile', join(cache, 'tsconfig.test.tsbuildinfo')], true),
];
const vitest = await run('vitest', bin('vitest', 'vitest.mjs'), ['run', ...process.argv.slice(2)], false);
const results = [...(await Promise.all(checks)), vitest];
for (const r of results.slice(0, 2)) {
  process.stdout.write(r.code === 0 ? `${r.name}: ok\n` : `${r.name} failed:\n${r.out}`);
}
process.exitCode = results.find((r) => r.code !== 0)?.code ?? 0;
