// AUC for the grid optimum's hundreds of weight vectors over all rows. auc() sorts both classes with
// Float64Array.prototype.sort, which profiled at ~11 of the ~16 ms per grid point on M (101k rows); an
// LSD radix sort on the IEEE-754 bits (four 16-bit passes) gives the same sorted arrays in a fraction of
// that, and aucFromSorted then computes exactly what auc() does, so the value is the same to the bit.
import { aucFromSorted } from '../stats/index.js';
import { finite } from './metrics.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Ascending in-place sort in the order of Float64Array.prototype.sort for non-NaN values (−0 before +0).
 * Keys are the bits with the sign bit set for positives and all bits flipped for negatives, so unsigned
 * order is numeric order.
 */
export function radixSortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 2 || !LITTLE_ENDIAN) return a.sort();
  const bits = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const l = bits[2 * i]!;
    const h = bits[2 * i + 1]!;
    if (h & 0x80000000) {
      lo[i] = ~l >>> 0;
      hi[i] = ~h >>> 0;
    } else {
      lo[i] = l;
      hi[i] = (h | 0x80000000) >>> 0;
    }
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const shift = (pass & 1) * 16;
    count.fill(0);
    const key = pass < 2 ? lo : hi;
    for (let i = 0; i < n; i++) count[(key[i]! >>> shift) & 0xffff]!++;
    if (count[(key[0]! >>> shift) & 0xffff] === n) continue; // one digit value: the pass would not move anything
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = count[(key[i]! >>> shift) & 0xffff]!++;
      lo2[j] = lo[i]!;
      hi2[j] = hi[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    if (h & 0x80000000) {
      bits[2 * i] = l;
      bits[2 * i + 1] = h & 0x7fffffff;
    } else {
      bits[2 * i] = ~l >>> 0;
      bits[2 * i + 1] = ~h >>> 0;
    }
  }
  return a;
}

/** aucOrNull (metrics.ts) of risk against 0/1 labels y, through the radix sort. */
export function gridAuc(y: ArrayLike<number>, risk: ArrayLike<number>): number | null {
  let n1 = 0;
  for (let i = 0; i < y.length; i++) n1 += y[i] === 1 ? 1 : 0;
  if (n1 === 0 || n1 === y.length) return null;
  const pos = new Float64Array(n1);
  const neg = new Float64Array(y.length - n1);
  for (let i = 0, p = 0, q = 0; i < y.length; i++) {
    if (y[i] === 1) pos[p++] = risk[i]!;
    else neg[q++] = risk[i]!;
  }
  return finite(aucFromSorted(radixSortFloat64(pos), radixSortFloat64(neg)));
}
