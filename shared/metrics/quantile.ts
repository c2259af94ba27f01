// Percentiles as the issue defines them: linear interpolation between closest ranks, exactly what
// d3.quantileSorted computes. Browser-safe.
import { quantileSorted } from 'd3';

/** R-7 percentile of an ascending array; 0 for an empty one (the figures are then also reported as counts of 0). */
export function pct(sorted: ArrayLike<number>, p: number): number {
  return sorted.length === 0 ? 0 : quantileSorted(sorted as unknown as number[], p)!;
}

/**
 * R-7 percentile of n values known only by rank (`rank(r)` = the r-th smallest, 0-based), for samples that
 * are selected from rather than sorted: d3.quantileSorted's own interpolation, reading each rank it needs.
 * 0 for an empty sample, as `pct`.
 */
export function pctOfRanks(n: number, p: number, rank: (r: number) => number): number {
  return n === 0 ? 0 : quantileSorted({ length: n } as unknown as number[], p, (_v, r) => rank(r))!;
}

export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs as ArrayLike<number>).sort();
}

export const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** R-7 percentile of an ascending array, or null for an empty one (where "no figure" must not read as 0). */
export function pctOrNull(sorted: ArrayLike<number>, p: number): number | null {
  return sorted.length === 0 ? null : pct(sorted, p);
}

/**
 * The k-th smallest (0-based) of xs[0..n), reordering xs in place: a percentile without sorting. A step's
 * active, wait and blocked times are three samples per step of every completed item (15 samples of 40,000
 * on the bench's map), and sorting them all was a third of the figures' read for a wide filter at 50,000
 * items. Comparing numbers directly measured 2× faster than d3.quickselect (which calls a comparator) and 4×
 * faster than sorting. Past a few dozen rounds it sorts the range instead, so no input can make it quadratic.
 */
export function selectKth(xs: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  for (let round = 0; hi > lo; round++) {
    if (round > 48) {
      xs.subarray(lo, hi + 1).sort();
      break;
    }
    const pivot = xs[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k]!;
}
