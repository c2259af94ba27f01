// Properties that must hold for any history, checked on generated data (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ItemHistory } from '../../shared/domain/items.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { createFlowAccumulator } from '../../shared/metrics/flow-metrics.ts';
import { itemFacts } from '../../shared/metrics/item-timeline.ts';
import { mulberry32 } from '../../shared/metrics/forecast.ts';

const H = 3_600_000;
const MAPPED = ['Ready A', 'In A', 'Ready B', 'In B', 'Ready C', 'In C'];
const binding = bindMap({
  doneStatuses: ['Done', 'Closed'],
  steps: ['A', 'B', 'C'].map((s) => ({ id: s, name: s, activeStatuses: [`In ${s}`], waitStatuses: [`Ready ${s}`] })),
  flows: [],
});
const sum = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0);

function history(statuses: string[], gaps: number[], created = 0): ItemHistory {
  let t = created;
  let prev = 'Backlog';
  const changes = statuses.map((to, i) => {
    t += gaps[i]! * H;
    const c = { at: t, from: prev, to };
    prev = to;
    return c;
  });
  return { id: 1, key: 'X', type: null, title: null, labels: [], createdAt: created, initialStatus: 'Backlog', changes };
}

const mappedPath = fc.array(fc.constantFrom(...MAPPED), { minLength: 1, maxLength: 12 });
const anyPath = fc.array(fc.constantFrom(...MAPPED, 'Parked', 'Backlog', 'Done', 'Closed'), { minLength: 0, maxLength: 15 });
const gapsFor = (n: number) => fc.array(fc.integer({ min: 0, max: 200 }), { minLength: n, maxLength: n });

describe('metrics properties', () => {
  it('Σ step times (active + wait + blocked) = cycle time when every status between start and done is mapped', () => {
    fc.assert(
      fc.property(
        mappedPath.chain((p) =>
          fc.tuple(fc.constant(p), gapsFor(p.length + 1), fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.boolean()), { maxLength: 6 })),
        ),
        ([p, gaps, flagSpec]) => {
          const item = history([...p, 'Done'], gaps);
          const flags = flagSpec.map(([h, on]) => ({ at: h * H, flagged: on }));
          const f = itemFacts({ ...item, flags }, binding, 1e12);
          expect(f.done).not.toBeNull();
          const steps = sum(f.active) + sum(f.wait) + sum(f.blocked);
          expect(steps).toBe(f.done! - f.start!);
        },
      ),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it('flags never double count: they move time from active/wait to blocked, the total stays', () => {
    fc.assert(
      fc.property(
        anyPath.chain((p) =>
          fc.tuple(
            fc.constant(p),
            gapsFor(p.length),
            fc.array(fc.tuple(fc.integer({ min: -50, max: 2000 }), fc.boolean()), { maxLength: 8 }),
            fc.integer({ min: 0, max: 3000 }),
          ),
        ),
        ([p, gaps, flagSpec, asOfH]) => {
          const item = history(p, gaps);
          const plain = itemFacts(item, binding, asOfH * H);
          const flagged = itemFacts({ ...item, flags: flagSpec.map(([h, on]) => ({ at: h * H, flagged: on })) }, binding, asOfH * H);
          expect(sum(flagged.active) + sum(flagged.wait) + sum(flagged.blocked)).toBe(sum(plain.active) + sum(plain.wait));
          expect(sum(flagged.active)).toBeLessThanOrEqual(sum(plain.active));
          expect(sum(flagged.wait)).toBeLessThanOrEqual(sum(plain.wait));
          expect([flagged.start, flagged.done, flagged.current]).toEqual([plain.start, plain.done, plain.current]);
        },
      ),
      { seed: 20261202, numRuns: 400 },
    );
  });

  it('the order changes are listed in does not matter', () => {
    fc.assert(
      fc.property(
        anyPath.chain((p) => fc.tuple(fc.constant(p), fc.array(fc.integer({ min: 1, max: 200 }), { minLength: p.length, maxLength: p.length }))),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer(),
        ([p, gaps], asOfH, seed) => {
          const item = history(p, gaps);
          const rand = mulberry32(seed);
          const shuffled = [...item.changes]
            .map((c) => ({ c, k: rand() }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.c);
          expect(itemFacts({ ...item, changes: shuffled }, binding, asOfH * H)).toEqual(itemFacts(item, binding, asOfH * H));
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it("Little's law holds approximately on simulated steady-state data", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 2, max: 12, noNaN: true }), (seed, perDay) => {
        const rand = mulberry32(seed);
        const days = 400;
        const items: ItemHistory[] = [];
        // Poisson arrivals (exponential gaps), every status mapped, cycle time 2–20 days.
        for (let t = 0, k = 0; t < days * 24 * H; k++) {
          t += (-Math.log(1 - rand()) / perDay) * 24 * H;
          const stages = MAPPED.slice(0, 2 + Math.floor(rand() * 5));
          const total = (2 + rand() * 18) * 24 * H;
          let at = t;
          let prev = 'Backlog';
          const changes = [...stages, 'Done'].map((to, i) => {
            if (i > 0) at += total / stages.length;
            const c = { at: Math.round(at), from: prev, to };
            prev = to;
            return c;
          });
          items.push({ id: k, key: `K${k}`, type: null, title: null, labels: [], createdAt: Math.round(t), initialStatus: 'Backlog', changes });
        }
        // A window well inside the run, away from the ramp-up and the tail.
        const from = 100 * 24 * H;
        const to = 350 * 24 * H;
        const acc = createFlowAccumulator(binding, { asOf: days * 24 * H, from, to });
        let cycleSum = 0;
        let n = 0;
        for (const it of items) {
          acc.add(it);
          const f = itemFacts(it, binding, days * 24 * H);
          if (f.done !== null && f.done >= from && f.done < to) {
            cycleSum += f.done - f.start!;
            n++;
          }
        }
        const m = acc.result();
        const throughputPerHour = m.throughputPerWeek / (7 * 24);
        const predicted = throughputPerHour * (cycleSum / n / H);
        expect(Math.abs(m.wip.average - predicted) / predicted).toBeLessThan(0.1);
      }),
      { seed: 20261204, numRuns: 12 },
    );
  });
});
