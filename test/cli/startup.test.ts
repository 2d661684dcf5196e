// Vega and Vega-Lite are loaded when the first chart is drawn (render/vega-libs.ts), not when the CLI
// starts: a command that draws none must not import them. A resolve hook in the child process names each
// of their modules it resolves; the same hook on a plain import of Vega shows that it sees them.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCli } from '../helpers/cli.js';
import { REPO, tempDir } from '../helpers/workspace.js';

const HOOK = `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/\\/node_modules\\/vega(-lite)?\\//.test(r.url)) console.error('resolved ' + r.url);
  return r;
}`;

function hookFile(): string {
  const file = join(tempDir(), 'register.mjs');
  writeFileSync(file, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));\n`);
  return file;
}

function stderrOf(child: ReturnType<typeof spawnCli>): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('close', () => resolve(err));
  });
}

describe('CLI start', () => {
  it('does not import Vega or Vega-Lite for a command that draws no chart', async () => {
    const hook = hookFile();
    const help = await stderrOf(spawnCli(['--help'], {}, ['--import', hook]));
    expect(help).not.toContain('resolved');
    // the hook sees Vega when it is imported
    const plain = spawn(process.execPath, ['--import', hook, '--input-type=module', '-e', "await import('vega')"], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(await stderrOf(plain)).toMatch(/resolved file:.*\/node_modules\/vega\//);
  });
});
