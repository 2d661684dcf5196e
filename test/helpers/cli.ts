// Run the CLI in this process (captured output) or as a child process (for signals, kills, TZ).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../pipeline/cli/main.js';
import { REPO } from './workspace.js';

export interface CliResult { code: number; out: string; err: string }

export async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(['node', 'partner-health', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

const ENTRY = join(REPO, 'test/helpers/cli-entry.ts');
const BIN = join(REPO, 'bin/partner-health.js');

/**
 * Start the CLI as a child process; `env` is added to this process's environment, `node` are flags for
 * node itself. It runs the installed launcher when dist/ is built from the current sources (vitest.config.ts
 * decides it: PH_TEST_FROM_DIST; as after `npm ci`, no TypeScript to transform on every start), else the
 * source through tsx, so a test never runs stale code.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}, node: string[] = []): ChildProcess {
  const entry = process.env.PH_TEST_FROM_DIST === '1' ? [BIN] : ['--import', 'tsx', ENTRY];
  return spawn(process.execPath, [...node, ...entry, ...args], {
    cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Run the CLI as a child process to completion. */
export function runCliProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env);
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out, err }));
  });
}
