// The expected-at-risk bootstrap's Platt refits, spread over this thread and worker threads. The resamples
// are drawn up front in this thread (clusterDraws: resample b is fixed by the seed and b alone) and each
// thread fits contiguous runs of them, so the draws and their order — and so every fitted number — are the
// same for any thread count. A resample is fitted over counted rows, not the rows it repeats: a partner's deals with the
// same risk (one partner-month) are one row with its misses and non-misses counted, and a partner drawn
// m times counts m times (plattFitCounts) — about a third of the rows of the expanded resample, and the
// same fit as clusterBootstrap's with plattFit to rounding.
import { availableParallelism } from 'node:os';
import { runTasks, startWorker } from '../io/worker.js';
import { clusterDraws, groupRows, plattFitCounts } from '../stats/index.js';

/** What every refit reads: each partner's counted rows. */
export interface RefitData {
  /** Risk of each counted row; its misses and non-misses. */
  risk: Float64Array;
  pos: Float64Array;
  neg: Float64Array;
  /** Counted rows of partner c are start[c] .. start[c+1]). */
  start: Int32Array;
  /**
   * The map fitted on all rows, where each refit's Newton starts: a resample's optimum lies near it, so a
   * refit takes ~4 passes over its rows instead of ~8 from the cold start (the same optimum to the tolerance).
   */
  from?: { a: number; b: number };
}

/** Below this many row-fits (counted rows × resamples), starting threads costs more than it saves. */
const PARALLEL_MIN_WORK = 2_000_000;

/** Each partner's deals (rows grouped by partner, in row order) with neighbouring equal risks counted as one row. */
export function countedRows(clusters: ArrayLike<string>, risk: Float64Array, missed: Float64Array): RefitData {
  const { start: rowStart, rows } = groupRows(clusters);
  const C = rowStart.length - 1;
  const x: number[] = [];
  const pos: number[] = [];
  const neg: number[] = [];
  const start = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) {
    start[c] = x.length;
    for (let r = rowStart[c]!; r < rowStart[c + 1]!; r++) {
      const i = rows[r]!;
      const last = x.length - 1;
      if (last < start[c]! || x[last] !== risk[i]!) {
        x.push(risk[i]!);
        pos.push(0);
        neg.push(0);
      }
      if (missed[i] === 1) pos[x.length - 1]! += 1;
      else neg[x.length - 1]! += 1;
    }
  }
  start[C] = x.length;
  return { risk: Float64Array.from(x), pos: Float64Array.from(pos), neg: Float64Array.from(neg), start };
}

/** Fit each resample (the partners drawn, by index); [NaN, NaN] when a fit does not converge. */
export function refitDraws(d: RefitData, draws: Int32Array[]): Array<[number, number]> {
  const C = d.start.length - 1;
  const times = new Int32Array(C);
  const x = new Float64Array(d.risk.length);
  const pos = new Float64Array(d.risk.length);
  const neg = new Float64Array(d.risk.length);
  return draws.map((drawn) => {
    times.fill(0);
    for (const c of drawn) times[c]! += 1;
    // partners in index order, each counted as often as it was drawn, in three reused buffers
    let k = 0;
    for (let c = 0; c < C; c++) {
      const m = times[c]!;
      if (m === 0) continue;
      for (let g = d.start[c]!; g < d.start[c + 1]!; g++) {
        x[k] = d.risk[g]!;
        pos[k] = m * d.pos[g]!;
        neg[k++] = m * d.neg[g]!;
      }
    }
    const fit = plattFitCounts(x.subarray(0, k), pos.subarray(0, k), neg.subarray(0, k), d.from ? { start: d.from } : {});
    return fit.converged ? [fit.a, fit.b] : [NaN, NaN];
  });
}

export interface BootstrapRefits {
  /** Converged resamples' [a, b], in draw order (as clusterBootstrap's samples). */
  samples: Array<[number, number]>;
  threads: number;
}

/**
 * B partner-bootstrap refits of the Platt map under `seed`, each started at `from` (the fit on all rows)
 * when given. `threads` (default: one per core when the work is big) changes only the speed.
 */
export async function bootstrapRefits(
  clusters: ArrayLike<string>, risk: Float64Array, missed: Float64Array, B: number, seed: string, threads?: number, from?: { a: number; b: number },
): Promise<BootstrapRefits> {
  const data = { ...countedRows(clusters, risk, missed), ...(from ? { from } : {}) };
  const C = data.start.length - 1;
  if (C === 0) throw new Error('bootstrapRefits: no rows');
  const next = clusterDraws(C, seed);
  const draws = Array.from({ length: B }, () => next.next());
  const n = Math.max(1, Math.min(B, Math.floor(threads ?? (data.risk.length * B >= PARALLEL_MIN_WORK ? availableParallelism() : 1))));
  let out: Array<[number, number]>;
  if (n === 1) out = refitDraws(data, draws);
  else {
    // runs of a few draws, handed to whichever thread is free, so all finish together
    const size = Math.max(1, Math.ceil(B / (16 * n)));
    const parts = Array.from({ length: Math.ceil(B / size) }, (_, t) => draws.slice(t * size, (t + 1) * size));
    // this thread, idle while workers fit, is one of the n: a worker fewer to start and warm up (each cost
    // ~0.1–0.2 CPU s on the 2-core bench machine), with as many threads fitting at once
    const workers = Array.from({ length: n - 1 }, () => startWorker(import.meta.url, './risk-worker', data));
    try {
      // a worker keeps a second part queued, so it never waits while this thread fits one
      const fits = await runTasks<Int32Array[], Array<[number, number]>>(workers, parts, 'expected-at-risk worker', undefined,
        { local: (part) => refitDraws(data, part), inFlight: 2 });
      out = fits.flat();
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return { samples: out.filter(([a, b]) => !Number.isNaN(a) && !Number.isNaN(b)), threads: n };
}
