// The expected-at-risk bootstrap's Platt refits, spread over worker threads. The resamples are drawn up
// front in this thread (clusterDraws: resample b is fixed by the seed and b alone) and each thread fits a
// contiguous run of them, so the draws and their order — and so every fitted number — are the same for any
// thread count. Each resample's rows are gathered as clusterBootstrap does (drawn partners in draw order,
// each partner's rows in row order), so the fits equal clusterBootstrap's with plattFit.
import { availableParallelism } from 'node:os';
import { startWorker } from '../io/worker.js';
import { clusterDraws, groupRows, plattFit } from '../stats/index.js';

/** What every refit reads: the deals' risk and outcome, and their rows grouped by partner. */
export interface RefitData {
  risk: Float64Array;
  missed: Float64Array;
  /** Rows of partner c are rows[start[c] .. start[c+1]) (groupRows). */
  start: Int32Array;
  rows: Int32Array;
}

/** Below this many row-fits (rows × resamples), starting threads costs more than it saves. */
const PARALLEL_MIN_WORK = 2_000_000;

/** Fit each resample (the partners drawn, by index); [NaN, NaN] when a fit does not converge. */
export function refitDraws(d: RefitData, draws: Int32Array[]): Array<[number, number]> {
  let x = new Float64Array(d.risk.length);
  let y = new Float64Array(d.risk.length);
  return draws.map((drawn) => {
    let total = 0;
    for (const c of drawn) total += d.start[c + 1]! - d.start[c]!;
    if (total > x.length) {
      x = new Float64Array(total);
      y = new Float64Array(total);
    }
    // the same values in the same order as clusterBootstrap's row indices, in two reused buffers
    let k = 0;
    for (const c of drawn) {
      for (let r = d.start[c]!; r < d.start[c + 1]!; r++) {
        const i = d.rows[r]!;
        x[k] = d.risk[i]!;
        y[k++] = d.missed[i]!;
      }
    }
    const m = plattFit(x.subarray(0, total), y.subarray(0, total));
    return m.converged ? [m.a, m.b] : [NaN, NaN];
  });
}

function inWorker(d: RefitData, draws: Int32Array[]): Promise<Array<[number, number]>> {
  return new Promise((resolve, reject) => {
    const w = startWorker(import.meta.url, './risk-worker', { data: d, draws });
    w.once('message', (out: Array<[number, number]>) => {
      resolve(out);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`expected-at-risk worker exited with code ${code}`))));
  });
}

export interface BootstrapRefits {
  /** Converged resamples' [a, b], in draw order (as clusterBootstrap's samples). */
  samples: Array<[number, number]>;
  threads: number;
}

/**
 * B partner-bootstrap refits of the Platt map under `seed`. `threads` (default: one per core when the
 * work is big) changes only the speed.
 */
export async function bootstrapRefits(
  clusters: ArrayLike<string>, risk: Float64Array, missed: Float64Array, B: number, seed: string, threads?: number,
): Promise<BootstrapRefits> {
  const { start, rows } = groupRows(clusters);
  const C = start.length - 1;
  if (C === 0) throw new Error('bootstrapRefits: no rows');
  const next = clusterDraws(C, seed);
  const draws = Array.from({ length: B }, () => next.next());
  const data: RefitData = { risk, missed, start, rows };
  const n = Math.max(1, Math.min(B, Math.floor(threads ?? (risk.length * B >= PARALLEL_MIN_WORK ? availableParallelism() : 1))));
  let out: Array<[number, number]>;
  if (n === 1) out = refitDraws(data, draws);
  else {
    const size = Math.ceil(B / n);
    const parts = Array.from({ length: n }, (_, t) => draws.slice(t * size, (t + 1) * size)).filter((p) => p.length);
    out = (await Promise.all(parts.map((p) => inWorker(data, p)))).flat();
  }
  return { samples: out.filter(([a, b]) => !Number.isNaN(a) && !Number.isNaN(b)), threads: n };
}
