// The scatter's dots as pixels (antialiased discs of one colour, blended source-over, clipped at the edges),
// and as the columns they are drawn from.
import { describe, expect, it } from 'vitest';
import { stampDots } from '../../renderer/src/charts/CycleScatter.tsx';
import { isoMs, scatterDots } from '../../renderer/src/charts/series-math.ts';
import { toColumns } from '../../shared/domain/column-table.ts';

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

describe('scatterDots', () => {
  it('holds the points that have a cycle time, in order: done in ms, cycle time in days, and the point behind each', () => {
    const p = (key: string, done: string, cycle: number | null) => ({
      key,
      type: 'Bug',
      done,
      day: done.slice(0, 10),
      cycleTimeHours: cycle,
      leadTimeHours: 99,
    });
    const points = [p('A-1', '2026-01-02T10:00:00.000Z', 36), p('A-2', '2026-01-03T00:00:00.000Z', null), p('A-3', '2026-01-04T12:30:00.000Z', 6)];
    const dots = scatterDots({ scatter: { points: toColumns(points, ['key', 'type', 'done', 'day', 'cycleTimeHours', 'leadTimeHours']) } } as never);
    expect(dots.n).toBe(2);
    expect([...dots.done]).toEqual([Date.UTC(2026, 0, 2, 10), Date.UTC(2026, 0, 4, 12, 30)]);
    expect([...dots.cycleDays]).toEqual([1.5, 0.25]);
    expect([dots.point(0), dots.point(1)]).toEqual([points[0], points[2]]);
  });
});

describe('isoMs', () => {
  it('reads every instant as Date.parse does: each day 1900–2100 at several times, leap days and century years', () => {
    const from = Date.UTC(1900, 0, 1);
    const to = Date.UTC(2100, 11, 31);
    let checked = 0;
    for (let t = from; t <= to; t += 86_400_000 + 3_723_457) {
      const s = new Date(t).toISOString();
      expect(isoMs(s), s).toBe(Date.parse(s));
      checked++;
    }
    expect(checked).toBeGreaterThan(70_000);
    for (const s of [
      '2000-02-29T23:59:59.999Z',
      '2100-03-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.000Z',
    ])
      expect(isoMs(s), s).toBe(Date.parse(s));
  });

  it('leaves any other form to Date.parse (no milliseconds, an offset, a date alone, garbage)', () => {
    for (const s of ['2026-03-14T09:26:53Z', '2026-03-14T09:26:53.589+01:00', '2026-03-14', 'not a date at all, 24 ch']) {
      expect(Object.is(isoMs(s), Date.parse(s)), s).toBe(true);
    }
  });
});
