// Selection gives exactly the percentiles of the sorted sample (R-7, as d3.quantileSorted), and the sample's
// sorted view equals sorting every value, zeros included.
import { describe, expect, it } from 'vitest';
import { FigureSample } from '../../shared/metrics/figure-sample.ts';
import { mulberry32 } from '../../shared/metrics/forecast.ts';
import { pct, selectKth } from '../../shared/metrics/quantile.ts';

/** Samples shaped like step times: many zeros, repeated whole hours, a few negatives, sorted and reversed runs. */
function samples(): number[][] {
  const r = mulberry32(7);
  const out: number[][] = [[], [0], [5], [0, 0, 0], [3, 3, 3, 3], [-1, 0, 2]];
  for (let t = 0; t < 300; t++) {
    const n = 1 + Math.floor(r() * 400);
    const kind = t % 5;
    const xs = Array.from({ length: n }, () => {
      const u = r();
      if (kind === 0) return u < 0.6 ? 0 : Math.floor(u * 20);
      if (kind === 1) return u < 0.05 ? -u * 10 : u * 1000;
      return u < 0.2 ? 0 : u * 100;
    });
    if (kind === 3) xs.sort((a, b) => a - b);
    if (kind === 4) xs.sort((a, b) => b - a);
    out.push(xs);
  }
  // A sawtooth, where a middle pivot splits badly.
  const organ = Array.from({ length: 5000 }, (_, i) => (i % 2 === 0 ? i : 5000 - i));
  out.push(organ);
  return out;
}

describe('selectKth', () => {
  it('finds the k-th smallest of any sample, for every k', () => {
    for (const xs of samples().slice(0, 120)) {
      const sorted = Float64Array.from(xs).sort();
      for (let k = 0; k < xs.length; k++) expect(selectKth(Float64Array.from(xs), xs.length, k)).toBe(sorted[k]);
    }
  });
  it('reads only the first n values', () => {
    const xs = Float64Array.from([9, 1, 5, -100, -200]);
    expect(selectKth(xs, 3, 0)).toBe(1);
    expect(selectKth(xs, 3, 2)).toBe(9);
    expect([...xs.subarray(3)]).toEqual([-100, -200]);
  });
});

describe('FigureSample', () => {
  it('gives the total and the p50 and p85 of sorting every value, zeros included', () => {
    for (const xs of samples()) {
      const s = new FigureSample();
      for (const x of xs) s.push(x);
      const sorted = Float64Array.from(xs).sort();
      expect(s.n).toBe(xs.length);
      expect([...s.sorted()]).toEqual([...sorted]);
      const f = s.totalAndPercentiles();
      expect(f.p50).toBe(pct(sorted, 0.5));
      expect(f.p85).toBe(pct(sorted, 0.85));
      // Summed in arrival order (the zeros add nothing).
      const total = xs.reduce((a, b) => a + b, 0);
      expect(f.total).toBe(total);
    }
  });
});
