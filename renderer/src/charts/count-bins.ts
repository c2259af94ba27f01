// The "how many by the date" histogram's bars: one per item count while the counts span at most `maxBars`,
// else counts grouped into bins of a round width (2, 5, 10, 20, 50…). On 50,000 items the futures spread over
// ~430 counts: one-item bars were ~2 px wide, 430 tab stops, and most of the dashboard's elements. The CSV
// and the p50/p85/p95 keep every count; only the drawing groups them.

export interface CountBin {
  /** First and last item count in the bin (equal for a one-count bar). */
  from: number;
  to: number;
  trials: number;
}

/** The smallest of 1, 2, 5, 10, 20, 50… that is at least `w`. */
export function roundWidth(w: number): number {
  if (w <= 1) return 1;
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (m * p >= w) return m * p;
}

/** Every count from the lowest to the highest in `hist` (gaps as 0), grouped so there are at most `maxBars`. */
export function countBins(hist: readonly { items: number; trials: number }[], maxBars = 60): { bins: CountBin[]; width: number; start: number } {
  if (hist.length === 0) return { bins: [], width: 1, start: 0 };
  const lo = hist[0]!.items;
  const hi = hist[hist.length - 1]!.items;
  const width = roundWidth((hi - lo + 1) / maxBars);
  const start = Math.floor(lo / width) * width;
  const bins: CountBin[] = [];
  for (let from = start; from <= hi; from += width) bins.push({ from, to: from + width - 1, trials: 0 });
  for (const h of hist) bins[Math.floor((h.items - start) / width)]!.trials += h.trials;
  return { bins, width, start };
}

/** Where count `n` sits on the bars, in bars (0 = left edge of the first): the middle of its one-count slice. */
export function countPos(n: number, start: number, width: number): number {
  return (n - start + 0.5) / width;
}
