// The order test files start in: shuffled by the run's seed (as Vitest's own shuffle: `--sequence.seed=N`
// replays it), then the slow files first. The two workers take the next file from one queue, so a slow file
// drawn near the end ran alone while the other worker sat idle (up to its whole length, 14 s of a 120 s
// suite); with the slow files first, the many short ones fill in at the end and both workers finish together.
// (No pipeline imports here: Vitest's main process loads this file.)
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { relative } from 'node:path';

/**
 * Files by how much CPU they took (measured per file: whole-pipeline runs, child processes, tsc, PDFs),
 * slowest tier first. A file in no tier runs after these; an out-of-date list only costs balance.
 */
const TIERS: RegExp[] = [
  /^test\/(app\/(disk-full|determinism|kill|run|scms|packs-cli|pdf-reports)|tune\/(solver-speed|calibrate|small-data)|export\/|notebook\/notebook-file|ingest\/mappings)/,
  /^test\/(app|cli|tune|notebook|render|report|backtest\/demo|score\/point-in-time|ingest\/ingest|golden)/,
];

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
    const key = new Map(shuffled.map((f) => [f, tier(relative(root, f.moduleId).split('\\').join('/'))]));
    return shuffled.sort((a, b) => key.get(a)! - key.get(b)!); // stable: shuffled within a tier
  }
}
