// AUC for the grid optimum's hundreds of weight vectors over all rows (M: 231 × 101k). auc() sorts both
// classes natively (~11 of ~16 ms per grid point on M), and a 64-bit radix sort still took ~6 ms with
// its split and merge. Here the risks are bucketed by value instead, ~1 per bucket, in one counting pass
// and one scatter: buckets are in value order, so the Mann–Whitney sum is the pairs across buckets (a
// bucket's positives × the negatives in lower buckets) plus the pairs within each bucket. That sum counts
// integers and halves exactly, so it is auc()'s to the bit however it is split up.
import { auc, mannWhitneySum } from '../stats/index.js';
import { primeOnLoad } from '../stats/util.js';
import { finite } from './metrics.js';

/** Buckets larger than this are sorted (positives and negatives apart) rather than compared pairwise. */
const SMALL_BUCKET = 16;

// A grid task computes hundreds of AUCs over the same rows: their working arrays (2 MB on M) are reused
// rather than allocated and collected 231 times.
interface Scratch {
  bucket: Int32Array;
  start: Int32Array;
  at: Int32Array;
  value: Float64Array;
  label: Uint8Array;
}
let scratch: Scratch | null = null;
function scratchFor(n: number): Scratch {
  if (!scratch || scratch.value.length < n) {
    scratch = { bucket: new Int32Array(n), start: new Int32Array(n + 1), at: new Int32Array(n), value: new Float64Array(n), label: new Uint8Array(n) };
  }
  return scratch;
}

/** aucOrNull (metrics.ts) of risk against 0/1 labels y (1 = positive). */
export function gridAuc(y: ArrayLike<number>, risk: ArrayLike<number>): number | null {
  const n = y.length;
  let n1 = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let nan = false;
  for (let i = 0; i < n; i++) {
    n1 += y[i] === 1 ? 1 : 0;
    const r = risk[i]!;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
    if (r !== r) nan = true;
  }
  if (n1 === 0 || n1 === n) return null;
  const B = n;
  const scale = (B - 1) / (hi - lo);
  // One value, an infinite one, NaN, or a spread so small (subnormal) that the scale overflows: the
  // general path.
  if (nan || !(hi - lo > 0 && hi - lo < Infinity) || !Number.isFinite(scale)) return finite(auc(y, risk));
  // bucket(r) = ⌊(r − lo)·scale⌋ never decreases as r grows (each rounding is monotone), so a lower
  // bucket holds only lower values.
  const { bucket, start, at, value, label } = scratchFor(n);
  start.fill(0, 0, B + 1);
  for (let i = 0; i < n; i++) {
    const b = Math.min(B - 1, Math.floor((risk[i]! - lo) * scale));
    bucket[i] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < B; b++) start[b + 1]! += start[b]!;
  at.set(start.subarray(0, B));
  for (let i = 0; i < n; i++) {
    const j = at[bucket[i]!]!++;
    value[j] = risk[i]!;
    label[j] = y[i] === 1 ? 1 : 0;
  }
  let sum = 0;
  let negBelow = 0;
  for (let b = 0; b < B; b++) {
    const s = start[b]!;
    const e = start[b + 1]!;
    if (e === s) continue;
    let pos = 0;
    for (let j = s; j < e; j++) pos += label[j]!;
    const neg = e - s - pos;
    sum += pos * negBelow;
    if (pos > 0 && neg > 0) sum += withinBucket(value, label, s, e, pos);
    negBelow += neg;
  }
  return finite(sum / (n1 * (n - n1)));
}

/** The Mann–Whitney sum of the pairs inside one bucket [s, e) holding `pos` positives. */
function withinBucket(value: Float64Array, label: Uint8Array, s: number, e: number, pos: number): number {
  if (e - s <= SMALL_BUCKET) {
    let sum = 0;
    for (let i = s; i < e; i++) {
      if (label[i] !== 1) continue;
      const v = value[i]!;
      for (let j = s; j < e; j++) {
        if (label[j] === 1) continue;
        const u = value[j]!;
        sum += u < v ? 1 : u === v ? 0.5 : 0;
      }
    }
    return sum;
  }
  const p = new Float64Array(pos);
  const q = new Float64Array(e - s - pos);
  for (let j = s, a = 0, c = 0; j < e; j++) {
    if (label[j] === 1) p[a++] = value[j]!;
    else q[c++] = value[j]!;
  }
  return mannWhitneySum(p.sort(), q.sort());
}

// Primed on small risks when the module loads (stats/util: primeOnLoad): the first grid point's long loops were compiled on-stack before the later loops had run, and
// on M each of its loops bailed out of optimised code once per grid point (~320 bail-outs). The risks
// give buckets of one value, small buckets with ties, and one bucket over SMALL_BUCKET values.
{
  const n = 64;
  const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const risk = Float64Array.from({ length: n }, (_, i) => (i < 24 ? 50 : i % 5 === 0 ? i : i + 0.5));
  primeOnLoad(() => gridAuc(y, risk));
}
