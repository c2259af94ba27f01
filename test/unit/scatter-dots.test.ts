// The scatter's dots as pixels: antialiased discs of one colour, blended source-over, clipped at the edges.
import { describe, expect, it } from 'vitest';
import { stampDots } from '../../renderer/src/charts/CycleScatter.tsx';

const W = 40;
const H = 30;
const px = (d: Uint8ClampedArray, x: number, y: number) => Array.from(d.slice((y * W + x) * 4, (y * W + x) * 4 + 4));

describe('stampDots', () => {
  it('draws one dot in the colour with the given alpha at its centre, nothing far from it', () => {
    const d = stampDots(Float64Array.of(10), Float64Array.of(12), W, H, 1, '#1d4ed8', 0.5);
    expect(px(d, 10, 12)).toEqual([0x1d, 0x4e, 0xd8, Math.round(0.5 * 255)]);
    expect(px(d, 20, 12)).toEqual([0, 0, 0, 0]);
    // The rim is antialiased: partly covered, less than the centre.
    const rim = px(d, 13, 13)[3]!;
    expect(rim).toBeGreaterThan(0);
    expect(rim).toBeLessThan(Math.round(0.5 * 255));
  });

  it('blends overlapping dots source-over (a = s + a·(1 − s)) and clips a dot at the edge', () => {
    const one = stampDots(Float64Array.of(10), Float64Array.of(12), W, H, 1, '#000000', 0.4);
    const two = stampDots(Float64Array.of(10, 10), Float64Array.of(12, 12), W, H, 1, '#000000', 0.4);
    expect(px(one, 10, 12)[3]).toBe(Math.round(0.4 * 255));
    expect(px(two, 10, 12)[3]).toBe(Math.round((0.4 + 0.4 * 0.6) * 255));
    const edge = stampDots(Float64Array.of(0), Float64Array.of(0), W, H, 1, '#000000', 0.4);
    expect(px(edge, 0, 0)[3]).toBe(Math.round(0.4 * 255));
    expect(px(edge, W - 1, H - 1)[3]).toBe(0);
    // Nothing wraps to the far side of a row when a dot is cut by the left edge.
    expect(px(edge, W - 1, 0)[3]).toBe(0);
  });

  it('scales the dot with the device pixel ratio', () => {
    const at1 = stampDots(Float64Array.of(10), Float64Array.of(10), W, H, 1, '#000000', 1);
    const at2 = stampDots(Float64Array.of(10), Float64Array.of(10), W, H, 2, '#000000', 1);
    const covered = (d: Uint8ClampedArray) => Array.from({ length: W * H }, (_, i) => d[i * 4 + 3]!).filter((a) => a > 0).length;
    expect(covered(at2)).toBeGreaterThan(covered(at1) * 3);
  });
});
