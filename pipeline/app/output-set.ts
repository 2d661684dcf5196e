// The output set of a directory, committed all-or-nothing.
//
//   OUT/.runs/<id>/…            every file of one run (a complete set: workspace, CSVs, JSON, reports)
//   OUT/current -> .runs/<id>   the run readers see; switched to a new run by ONE rename(2) of a symlink
//   OUT/<name>  -> current/<name>   each output, still readable at OUT/<name>
//
// A run writes into a fresh .runs/<id>, and commits by pointing `current` at it. rename(2) is atomic, so
// at every instant `current` is the complete old run or the complete new one, and since every OUT/<name>
// resolves through `current`, no reader of OUT/<name> sees files of two runs. A kill at any instant leaves
// one of the two: before the rename the old set is intact (the half-written run directory is swept by the
// next command), after it the new one. Links for names the new run adds are made before the switch
// (dangling until then, like a file that does not exist yet); links for names it dropped are removed after.
// A reader that must see one set across several files resolves `OUT/current` once and reads from there.
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rename, rm, symlink, open, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pausePoint } from './pause-points.js';

export const RUNS_DIR = '.runs';
export const CURRENT = 'current';

/** Every file `run` can write; matched by name, `*.proposed.json` by suffix. */
export const RUN_OUTPUTS = [
  'workspace.duckdb', 'scores.csv', 'labels.csv', 'rejected_rows.csv', 'backtest.json', 'calibration.json', '*.proposed.json',
  'quarterly.html', 'backtest.html', 'calibration.html', 'quarterly.pdf', 'backtest.pdf', 'calibration.pdf',
  // --each packs and their index
  'quarterly-*.html', 'quarterly-*.pdf',
];

/** `*` matches any run of characters except `/`; everything else literally. */
const matches = (name: string, pattern: string): boolean =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`).test(name);

export const isOutputName = (name: string, patterns: readonly string[] = RUN_OUTPUTS): boolean =>
  patterns.some((p) => matches(name, p));

/** The run directory `current` points at, or undefined when there is none yet. */
export function currentRunDir(outDir: string): string | undefined {
  const cur = join(outDir, CURRENT);
  try {
    if (!lstatSync(cur).isSymbolicLink()) return undefined;
    return realpathSync(cur);
  } catch {
    return undefined;
  }
}

/** Where output `name` of the current run is (OUT/<name> itself in a directory of the older layout). */
export function runFile(outDir: string, name: string): string {
  return join(currentRunDir(outDir) ?? outDir, name);
}

let seq = 0;
export function newRunId(): string {
  seq += 1;
  return `${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}-${seq}`;
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Replace `path` by a symlink to `target`, atomically (a temporary link renamed over it). */
async function linkAtomically(target: string, path: string): Promise<void> {
  const tmp = join(path, '..', `.${basename(path)}.${process.pid}.link`);
  await rm(tmp, { force: true });
  await symlink(target, tmp);
  await rename(tmp, path);
}

function isLinkInto(path: string, target: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && readlinkSync(path) === target;
  } catch {
    return false;
  }
}

/** Hard link (cheap: a carried file is never modified in place), else copy. */
async function carry(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/**
 * Make `runDir` the current run: carry over the previous run's files that this run neither produced nor
 * invalidated (`owned`), then switch `current`, then tidy links and old run directories.
 * Returns the paths (OUT/<name>) of the files this run produced.
 */
export async function commitRun(outDir: string, runDir: string, owned: readonly string[]): Promise<string[]> {
  const produced = (await readdir(runDir)).filter((n) => !n.startsWith('.')).sort();
  let names: string[];
  try {
    await adoptPlainOutputs(outDir);
    names = await completeRun(outDir, runDir, owned);
    await pausePoint('commit:before-links');
    for (const n of names) {
      const target = join(CURRENT, n);
      if (!isLinkInto(join(outDir, n), target)) await linkAtomically(target, join(outDir, n));
    }
    await pausePoint('commit:before-switch');
    await linkAtomically(join(RUNS_DIR, basename(runDir)), join(outDir, CURRENT));
  } catch (err) {
    await rm(runDir, { recursive: true, force: true }); // not switched to: the previous set stays
    throw err;
  }
  await pausePoint('commit:after-switch');
  await fsyncPath(outDir);
  await tidy(outDir);
  return produced.map((n) => join(outDir, n));
}

/** Fill `runDir` up to a complete set from the previous run, flushed to disk; returns its file names. */
async function completeRun(outDir: string, runDir: string, owned: readonly string[]): Promise<string[]> {
  const produced = (await readdir(runDir)).filter((n) => !n.startsWith('.'));
  // DuckDB leaves a .wal when its checkpoint failed: the database file alone would be incomplete.
  const wal = produced.find((n) => n.endsWith('.wal'));
  if (wal) throw new Error(`cannot write ${join(outDir, wal.replace(/\.wal$/, ''))}: its write-ahead log was not checkpointed`);
  const previous = currentRunDir(outDir);
  if (previous) {
    for (const n of readdirSync(previous)) {
      if (n.startsWith('.') || produced.includes(n) || isOutputName(n, owned)) continue;
      await carry(join(previous, n), join(runDir, n));
    }
  }
  const names = (await readdir(runDir)).filter((n) => !n.startsWith('.'));
  for (const n of names) await fsyncPath(join(runDir, n));
  await fsyncPath(runDir);
  return names;
}

/**
 * Bring a directory to a clean state (with the lock held): run directories other than the current one
 * belong to runs that died or were replaced, links into `current` that resolve to nothing are stale, and
 * an output left as a plain file by an older layout is replaced by its link once `current` holds it.
 */
export async function tidy(outDir: string): Promise<void> {
  const cur = currentRunDir(outDir);
  const runs = join(outDir, RUNS_DIR);
  if (existsSync(runs)) {
    for (const r of await readdir(runs)) {
      if (cur && join(runs, r) === cur) continue;
      await rm(join(runs, r), { recursive: true, force: true });
    }
  }
  const inCurrent = new Set(cur ? readdirSync(cur) : []);
  for (const n of await readdir(outDir)) {
    const p = join(outDir, n);
    if (LEFTOVER.test(n)) await rm(p, { recursive: true, force: true });
    if (n === CURRENT || n.startsWith('.')) continue;
    if (isLinkInto(p, join(CURRENT, n))) {
      if (!inCurrent.has(n)) await unlink(p);
    } else if (cur && isOutputName(n) && lstatSync(p).isFile()) {
      // a plain file of the older layout: its link when the current run has it (an adoption cut short), else stale
      if (inCurrent.has(n)) await linkAtomically(join(CURRENT, n), p);
      else await rm(p, { force: true });
    }
  }
}

/** Staging directories of the older layout and temporary links of a commit that was killed. */
const LEFTOVER = /^\.staging-\d+-\d+$|^\..+\.\d+\.link$/;

/**
 * A directory written by an older version holds its outputs as plain files. Adopt them as a run first
 * (hard links into a run directory, `current` switched to it, then each file replaced by its link, one
 * rename each), so that even this one-time change never shows a mixed or incomplete set.
 */
export async function adoptPlainOutputs(outDir: string): Promise<void> {
  if (currentRunDir(outDir)) return;
  const plain = readdirSync(outDir).filter((n) => isOutputName(n) && lstatSync(join(outDir, n)).isFile());
  if (plain.length === 0) return;
  const dir = join(outDir, RUNS_DIR, newRunId());
  await mkdir(dir, { recursive: true });
  for (const n of plain) await carry(join(outDir, n), join(dir, n));
  await linkAtomically(join(RUNS_DIR, basename(dir)), join(outDir, CURRENT));
  for (const n of plain) await linkAtomically(join(CURRENT, n), join(outDir, n));
}
