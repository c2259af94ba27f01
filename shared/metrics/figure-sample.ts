// The samples the flow figures take percentiles of (lead, cycle, per-item efficiency, each step's times). Browser-safe.
import { pctOfRanks, selectKth } from './quantile.ts';

/**
 * A sample of figures kept for percentiles. Zeros are only counted: many items spend no time in a step
 * (blocked time, skipped steps), and those need neither sorting nor selecting.
 */
export class FigureSample {
  a = new Float64Array(64);
  /** Values kept (every one but the zeros). */
  kept = 0;
  zeros = 0;
  get n(): number {
    return this.kept + this.zeros;
  }
  push(x: number) {
    if (x === 0) {
      this.zeros++;
      return;
    }
    if (this.kept === this.a.length) {
      const b = new Float64Array(this.kept * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.kept++] = x;
  }
  /** Every value, ascending: the kept ones sorted, with the zeros laid in between the negatives and the positives. */
  sorted(): Float64Array {
    const kept = this.a.slice(0, this.kept).sort();
    if (this.zeros === 0) return kept;
    const out = new Float64Array(this.n);
    let neg = 0;
    while (neg < kept.length && kept[neg]! < 0) neg++;
    out.set(kept.subarray(0, neg), 0);
    out.set(kept.subarray(neg), neg + this.zeros);
    return out;
  }
  /**
   * The total (summed in arrival order) and the R-7 p50 and p85 (as `pct` of the sorted values gives them),
   * found by selection: the kept values are reordered, so call it last.
   */
  totalAndPercentiles(): { total: number; p50: number; p85: number } {
    const xs = this.a;
    const kept = this.kept;
    let total = 0;
    let neg = 0;
    for (let i = 0; i < kept; i++) {
      const x = xs[i]!;
      total += x;
      if (x < 0) neg++;
    }
    const zeros = this.zeros;
    // The r-th smallest of every value: negatives, then the zeros, then the positives.
    const rank = (r: number) => (r < neg ? selectKth(xs, kept, r) : r < neg + zeros ? 0 : selectKth(xs, kept, r - zeros));
    const n = kept + zeros;
    return { total, p50: pctOfRanks(n, 0.5, rank), p85: pctOfRanks(n, 0.85, rank) };
  }
}
