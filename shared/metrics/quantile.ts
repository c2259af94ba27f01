// Percentiles as the issue defines them: linear interpolation between closest ranks, exactly what
// d3.quantileSorted computes. Browser-safe.
import { quantileSorted } from 'd3';

/** R-7 percentile of an ascending array; 0 for an empty one (the figures are then also reported as counts of 0). */
export function pct(sorted: ArrayLike<number>, p: number): number {
  return sorted.length === 0 ? 0 : quantileSorted(sorted as unknown as number[], p)!;
}

export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs as ArrayLike<number>).sort();
}

export const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** R-7 percentile of an ascending array, or null for an empty one (where "no figure" must not read as 0). */
export function pctOrNull(sorted: ArrayLike<number>, p: number): number | null {
  return sorted.length === 0 ? null : pct(sorted, p);
}
