// The "how many by the date" histogram's bars: every future counted once, in round-width bins.
import { describe, expect, it } from 'vitest';
import { countBins, countPos, roundWidth } from '../../renderer/src/charts/count-bins.ts';

describe('countBins', () => {
  it('draws one bar per count while they fit, gaps as 0', () => {
    const { bins, width, start } = countBins([
      { items: 3, trials: 2 },
      { items: 5, trials: 7 },
    ]);
    expect(width).toBe(1);
    expect(start).toBe(3);
    expect(bins).toEqual([
      { from: 3, to: 3, trials: 2 },
      { from: 4, to: 4, trials: 0 },
      { from: 5, to: 5, trials: 7 },
    ]);
    expect(countPos(5, start, width)).toBe(2.5);
  });

  it('groups ~430 counts into at most 60 round bins, every future in the bin of its count', () => {
    // A Monte Carlo spread like the bench's 50,000 items: counts 512–941.
    const hist = Array.from({ length: 430 }, (_, i) => ({ items: 512 + i, trials: 1 + (i % 7) }));
    const { bins, width, start } = countBins(hist);
    expect(width).toBe(10);
    expect(start).toBe(510);
    expect(bins.length).toBeLessThanOrEqual(60);
    expect(bins.reduce((a, b) => a + b.trials, 0)).toBe(hist.reduce((a, h) => a + h.trials, 0));
    for (const h of hist) {
      const b = bins[Math.floor(countPos(h.items, start, width))]!;
      expect(h.items >= b.from && h.items <= b.to, `${h.items} in ${b.from}–${b.to}`).toBe(true);
    }
    // The first bin holds 512–519 only (510 and 511 had no futures).
    expect(bins[0]).toEqual({ from: 510, to: 519, trials: hist.slice(0, 8).reduce((a, h) => a + h.trials, 0) });
    expect(countBins([])).toEqual({ bins: [], width: 1, start: 0 });
  });

  it('round widths: 1, 2, 5, 10, 20, 50…', () => {
    expect([0.4, 1, 1.1, 2, 2.5, 7, 10, 11, 49, 51].map(roundWidth)).toEqual([1, 1, 2, 2, 5, 10, 10, 20, 50, 100]);
  });
});
