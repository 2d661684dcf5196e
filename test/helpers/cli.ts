// Run the CLI in this process (captured output) or as a child process (for signals, kills, TZ).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../../pipeline/cli/main.js';
import { REPO } from './workspace.js';
import { tsSources } from './sources.js';

export interface CliResult { code: number; out: string; err: string }

export async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(['node', 'partner-health', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

const ENTRY = join(REPO, 'test/helpers/cli-entry.ts');
const BIN = join(REPO, 'bin/partner-health.js');

/** Whether dist/ holds every pipeline module compiled from its current source (tsc re-emits what changed). */
function distIsCurrent(): boolean {
  return tsSources(join(REPO, 'pipeline')).every((src) => {
    const out = join(REPO, 'dist', relative(REPO, src)).replace(/\.ts$/, '.js');
    return existsSync(out) && statSync(out).mtimeMs >= statSync(src).mtimeMs;
  });
}

let compiled: boolean | undefined;

/**
 * Start the CLI as a child process; `env` is added to this process's environment, `node` are flags for
 * node itself. It runs the installed launcher when dist/ is current (as after `npm ci`: no TypeScript to
 * transform on every start), else the source through tsx, so a test never runs stale code.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}, node: string[] = []): ChildProcess {
  compiled ??= distIsCurrent();
  const entry = compiled ? [BIN] : ['--import', 'tsx', ENTRY];
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
