// SVG path data the charts build in bulk: stacked areas for the cumulative flow and the WIP run (1,400 days ×
// 6 layers at 50,000 items, redrawn on every filter change), and dots as circles in one path (aging WIP, the
// printed scatter). Pure: no React, no DOM.

/** A pixel coordinate at 0.1 px, printed as d3-path prints it with digits(1). */
const tenth = (v: number) => String(Math.round(v * 10) / 10);

/**
 * The path of each layer stacked on the ones before it (the first layer at the bottom): its upper edge from
 * left to right, then its lower edge back, closed. This is what d3.stack and d3.area (linear curve,
 * digits(1)) draw, character for character (test/unit/svg-paths.test.ts), in one pass: each day's x is
 * printed once for every layer, and each whole count's y once for the chart. The d3 pair took 10–25 ms a
 * chart on a filter change; this takes ~3 ms.
 */
export function stackedAreaPaths(layers: ArrayLike<number>[], xs: ArrayLike<number>, y: (v: number) => number): string[] {
  const n = xs.length;
  if (n === 0) return layers.map(() => '');
  const xText = Array.from({ length: n }, (_, d) => tenth(xs[d]!));
  const yText: string[] = [];
  // Counts are whole numbers, so a chart has a few hundred distinct heights; anything else is printed as it comes.
  const yOf = (v: number) => (Number.isInteger(v) && v >= 0 && v < 1e7 ? (yText[v] ??= tenth(y(v))) : tenth(y(v)));
  const base = new Float64Array(n);
  return layers.map((values) => {
    let d = '';
    for (let i = 0; i < n; i++) d += (i === 0 ? 'M' : 'L') + xText[i] + ',' + yOf(base[i]! + values[i]!);
    for (let i = n - 1; i >= 0; i--) d += 'L' + xText[i] + ',' + yOf(base[i]!);
    for (let i = 0; i < n; i++) base[i]! += values[i]!;
    return `${d}Z`;
  });
}

/** A circle of radius r at (cx, cy) as a subpath of two arcs, so many dots can share one path element. */
export function circlePath(cx: number, cy: number, r: number): string {
  return `M${(cx - r).toFixed(1)},${cy.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}
