// The charts' bulk SVG paths: stacked areas are what d3.stack + d3.area draw, character for character; circles are two arcs.
import { area, scaleLinear, stack } from 'd3';
import { describe, expect, it } from 'vitest';
import { circlePath, stackedAreaPaths } from '../../renderer/src/charts/svg-paths.ts';
import { mulberry32 } from '../../shared/metrics/forecast.ts';

function viaD3(layers: number[][], xs: number[], y: (v: number) => number): string[] {
  const stacked = stack<number, number>()
    .keys(layers.map((_, k) => k))
    .value((d, k) => layers[k]![d]!)(xs.map((_, d) => d));
  const gen = area<[number, number]>()
    .digits(1)
    .x((_, i) => xs[i]!)
    .y0((p) => y(p[0]))
    .y1((p) => y(p[1]));
  return stacked.map((l) => gen(l.map((p) => [p[0], p[1]] as [number, number])) ?? '');
}

describe('stackedAreaPaths', () => {
  it('equals d3.stack + d3.area (digits 1) on random counts, fractions and zero layers', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 40; trial++) {
      const days = 1 + Math.floor(rand() * 400);
      const k = 1 + Math.floor(rand() * 7);
      const fractional = trial % 5 === 0;
      const layers = Array.from({ length: k }, (_, j) =>
        Array.from({ length: days }, () => (j === 1 ? 0 : fractional ? rand() * 50 : Math.floor(rand() * 90))),
      );
      const xs = Array.from({ length: days }, (_, d) => 64 + d * (600 / days) + rand() * 0.01);
      const y = scaleLinear()
        .domain([0, 90 * k])
        .nice()
        .range([362, 12]);
      expect(stackedAreaPaths(layers, xs, y)).toEqual(viaD3(layers, xs, y));
    }
  });

  it('draws nothing for no days', () => {
    expect(stackedAreaPaths([[], []], [], (v) => v)).toEqual(['', '']);
  });
});

describe('circlePath', () => {
  it('draws a circle as two arcs from its leftmost point, so many share one path', () => {
    expect(circlePath(10, 20.04, 5)).toBe('M5.0,20.0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0');
    expect(circlePath(0, 0, 3.5) + circlePath(8, 2, 3.5)).toBe('M-3.5,0.0a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0M4.5,2.0a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0');
  });
});
