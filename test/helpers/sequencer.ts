// The order test files start in: shuffled by the run's seed (as Vitest's own shuffle: `--sequence.seed=N`
// replays it), then the slow files first. The two workers take the next file from one queue, so a slow file
// drawn near the end ran alone while the other worker sat idle (up to its whole length, 14 s of a 120 s
// suite); with the slow files first, the many short ones fill in at the end and both workers finish together.
// (No pipeline imports here: Vitest's main process loads this file.)
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { relative } from 'node:path';

/**
 * Files by how much CPU they took in the suite's shared workers (measured per file: whole-pipeline runs,
 * child processes, tsc, PDFs; above ~2.4 CPU s, then above ~0.7), slowest tier first. A file in no tier
 * runs after these; an out-of-date list only costs balance.
 */
const TIERS: RegExp[] = [
  /^test\/(app\/(disk-full|determinism|kill|run\.|scms|packs-cli|pdf-reports|arguments)|tune\/(solver-speed|calibrate)|ingest\/(typed\.|mappings)|notebook\/notebook-file|render\/chart-pool|cli\/build-script|score\/point-in-time)/,
  /^test\/(app|tune\/small-data|backtest\/demo|export|notebook|render\/pdf|report|ingest\/(ingest|refusals|quarantine|mapping-sandbox)|demo\/story|score\/(evidence-view|same-tables)|stats\/simplex-fit|golden|io)/,
];

/**
 * Files that wait for one fixture built once per run (shared.ts): the kill runs, the analyst run, the packs
 * run. Two of one group started together leave one worker idle until the other has built it, so the first
 * two files are of different groups.
 */
const GROUPS: RegExp[] = [/^test\/app\/(kill|disk-full)/, /^test\/(notebook\/notebook|export\/)/, /^test\/app\/packs?-/];
const group = (path: string): number => GROUPS.findIndex((re) => re.test(path));

function tier(path: string): number {
  const t = TIERS.findIndex((re) => re.test(path));
  return t < 0 ? TIERS.length : t;
}

/** mulberry32: a small seeded generator, so the order is a function of the printed seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const next = random(this.ctx.config.sequence.seed);
    const shuffled = [...files];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const root = this.ctx.config.root;
    const path = new Map(shuffled.map((f) => [f, relative(root, f.moduleId).split('\\').join('/')]));
    const key = new Map(shuffled.map((f) => [f, tier(path.get(f)!)]));
    const sorted = shuffled.sort((a, b) => key.get(a)! - key.get(b)!); // stable: shuffled within a tier
    const g = (f: TestSpecification): number => group(path.get(f)!);
    if (sorted.length > 2 && g(sorted[0]!) >= 0 && g(sorted[1]!) === g(sorted[0]!)) {
      const other = sorted.findIndex((f, i) => i > 1 && key.get(f) === key.get(sorted[1]!) && g(f) !== g(sorted[0]!));
      if (other > 0) [sorted[1], sorted[other]] = [sorted[other]!, sorted[1]!];
    }
    return sorted;
  }
}
