// Issue #3's definitions on hand-computed scenarios: every expected number below is worked out by hand in
// the comments from the listed status changes, then checked through the core on a real workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../shared/core/create-core.ts';
import { parseInstant } from '../../shared/domain/instant.ts';
import type { MapDocInput } from '../../shared/domain/map.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { createFlowAccumulator } from '../../shared/metrics/flow-metrics.ts';
import { buildLadders } from '../../shared/metrics/ladder.ts';
import { itemFacts } from '../../shared/metrics/item-timeline.ts';
import { metricsWorkspace, type SimpleItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const t = (h: number) => T0 + h * H;
const iso = (h: number) => new Date(t(h)).toISOString();

export const MAP: MapDocInput = {
  format: 'vsm-map',
  version: 1,
  name: 'Delivery',
  doneStatuses: ['Done', 'Closed'],
  steps: [
    { id: 'review', name: 'Code review', activeStatuses: ['In Review'], waitStatuses: ['Ready for Review'] },
    { id: 'dev', name: 'Development', activeStatuses: ['In Dev'], waitStatuses: ['Ready for Dev'] },
  ],
  flows: [{ from: 'dev', to: 'review', kind: 'push' }],
};

/** [hour, to] pairs from an initial status; `from` of each change is the previous `to`. */
function path(key: string, created: number, initial: string, moves: Array<[number, string]>, extra: Partial<SimpleItem> = {}): SimpleItem {
  let prev = initial;
  const changes = moves.map(([h, to]) => {
    const c = { at: t(h), from: prev, to };
    prev = to;
    return c;
  });
  return { key, createdAt: t(created), initialStatus: initial, changes, ...extra };
}

const A = path('A', 0, 'Backlog', [
  [2, 'Ready for Dev'],
  [5, 'In Dev'],
  [15, 'Ready for Review'],
  [20, 'In Review'],
  [22, 'Done'],
]);
const B = path('B', 0, 'Backlog', [
  [1, 'In Dev'],
  [4, 'Done'],
]); // skips review
const C = path('C', 0, 'Backlog', [
  [1, 'In Dev'],
  [3, 'In Review'],
  [4, 'In Dev'],
  [6, 'In Review'],
  [7, 'Done'],
]); // backward move
const D = path('D', 0, 'Backlog', [
  [1, 'In Dev'],
  [2, 'Done'],
  [5, 'In Dev'],
]); // reopened, still open
const E = path('E', 0, 'Backlog', [
  [1, 'In Dev'],
  [2, 'Done'],
  [5, 'In Dev'],
  [6, 'Done'],
  [50, 'Closed'],
]); // reopened, done again, then Done→Closed
const F = path('F', 0, 'Backlog', [
  [1, 'In Dev'],
  [2, 'Parked'],
  [4, 'In Dev'],
  [5, 'Done'],
]); // unmapped status in between
const Gsorted = path('G', 10, 'Backlog', [
  [12, 'Ready for Dev'],
  [15, 'In Dev'],
  [25, 'Ready for Review'],
  [30, 'In Review'],
  [32, 'Done'],
]);
const G: SimpleItem = { ...Gsorted, changes: [3, 0, 4, 2, 1].map((i) => Gsorted.changes[i]!) }; // listed out of order
const Hnever: SimpleItem = { key: 'H', createdAt: t(0), initialStatus: 'Backlog', changes: [] }; // never moved
const I = path('I', 0, 'Backlog', [
  [90, 'In Dev'],
  [150, 'Done'],
]); // its Done is after asOf
const ITEMS = [A, B, C, D, E, F, G, Hnever, I];
const AS_OF = t(100);

const tmp = tempDir();
let core: Core;
let mapId: number;
beforeAll(() => {
  ({ core, mapId } = metricsWorkspace(tmp.file('hand.vsm'), MAP, ITEMS));
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

describe('per-item facts (hand-computed)', () => {
  const binding = bindMap({
    ...MAP,
    flows: MAP.flows!.map((f) => ({ ...f, kind: f.kind ?? 'push' })),
    steps: MAP.steps.map((s) => ({ activeStatuses: [], waitStatuses: [], ...s })),
  });
  const facts = (i: SimpleItem) =>
    itemFacts(
      { id: 0, key: i.key, type: null, title: null, labels: [], createdAt: i.createdAt, initialStatus: i.initialStatus ?? null, changes: i.changes },
      binding,
      AS_OF,
    );
  // Flow order puts dev (index 0) before review (index 1) although the document lists review first.
  it('orders steps by flow, not by document order', () => {
    expect(binding.steps.map((s) => s.id)).toEqual(['dev', 'review']);
  });
  it('A: start 2 h, done 22 h; dev 10 active + 3 wait, review 2 active + 5 wait', () => {
    const f = facts(A);
    expect([f.start, f.done]).toEqual([t(2), t(22)]);
    expect([...f.active].map((x) => x / H)).toEqual([10, 2]);
    expect([...f.wait].map((x) => x / H)).toEqual([3, 5]);
  });
  it('C: a backward move counts every visit (dev 2 + 2, review 1 + 1)', () => {
    const f = facts(C);
    expect([...f.active].map((x) => x / H)).toEqual([4, 2]);
  });
  it('D: a reopened item is not done and keeps accruing time until asOf', () => {
    const f = facts(D);
    expect(f.done).toBeNull();
    expect(f.current).toBe('In Dev');
    expect(f.active[0]! / H).toBe(1 + 95);
  });
  it('E: done again after reopening; Done → Closed is not a new entry into done', () => {
    expect(facts(E).done).toBe(t(6));
  });
  it('F: time in an unmapped status between start and done is not step time', () => {
    const f = facts(F);
    expect(f.active[0]! / H).toBe(2);
    expect((f.done! - f.start!) / H).toBe(4);
  });
  it('G: changes listed out of order give the same facts as sorted ones', () => {
    const a = facts(G);
    const b = facts(Gsorted);
    expect(a).toEqual(b);
    expect([a.start, a.done]).toEqual([t(12), t(32)]);
  });
  it('I: changes after asOf are ignored and the open interval ends at asOf', () => {
    const f = facts(I);
    expect(f.done).toBeNull();
    expect(f.active[0]! / H).toBe(10);
  });
});

describe('flow metrics through the core (hand-computed)', () => {
  it('computes every headline figure of the issue', async () => {
    const m = await core.flowMetrics({ mapId, asOf: iso(100) });
    expect(m.asOf).toBe(iso(100));
    expect(m.window).toEqual({ from: iso(0), to: iso(100) });
    expect(m.items).toEqual({ total: 9, done: 6, doneNeverStarted: 0, inProgress: 3 });
    // Lead times A22 B4 C7 E6 F5 G22 → [4,5,6,7,22,22]; R-7 p50 at rank 2.5 = 6.5, p85 at 4.25 = 22.
    expect(m.leadTimeHours).toEqual({ p50: 6.5, p85: 22, p95: 22 });
    // Cycle times A20 B3 C6 E5 F4 G20 → [3,4,5,6,20,20]: p50 5.5.
    expect(m.cycleTimeHours).toEqual({ p50: 5.5, p85: 20, p95: 20 });
    // Active: A12 B3 C6 E2 F2 G12 = 37; wait: A8 G8 = 16.
    expect(m.flowEfficiency).toBeCloseTo(37 / 53, 12);
    // Per item: A 0.6, G 0.6, the others 1 → p50 1, p85 1.
    expect(m.flowEfficiencyPerItem).toEqual({ p50: 1, p85: 1 });
    // 6 items over 100 h = 100/168 weeks.
    expect(m.throughputPerWeek).toBeCloseTo(6 / (100 / 168), 12);
    // WIP at asOf: D and I in In Dev. Mapped time in [0,100): A20 B3 C6 D96 E2 F2 G20 I10 = 159 → 1.59.
    expect(m.wip.current).toBe(2);
    expect(m.wip.average).toBeCloseTo(1.59, 12);
    const [dev, review] = m.steps;
    expect(dev!.id).toBe('dev');
    // dev active per item A10 B3 C4 E2 F2 G10 → [2,2,3,4,10,10]: Σ31, p50 3.5, p85 10.
    expect(dev!.activeHours).toEqual({ total: 31, p50: 3.5, p85: 10 });
    expect(dev!.waitHours).toEqual({ total: 6, p50: 0, p85: 3 });
    expect(dev!.wip).toBe(2);
    expect(dev!.flowEfficiency).toBeCloseTo(31 / 37, 12);
    // review: skipped steps count as 0 → wait [0,0,0,0,5,5]: p50 0, p85 5.
    expect(review!.waitHours).toEqual({ total: 10, p50: 0, p85: 5 });
    expect(review!.activeHours.total).toBe(6);
    expect(review!.wip).toBe(0);
    // Bottleneck: review has the most wait (10 of 16 h).
    expect(m.bottleneck?.stepId).toBe('review');
    expect(m.bottleneck?.reason).toMatch(/62\.5 % of all wait time/);
  });

  it('counts only items done in [from, to) and pro-rates throughput to the window', async () => {
    const m = await core.flowMetrics({ mapId, asOf: iso(100), from: iso(5), to: iso(22) });
    // Done at: B4 (before), F5, E6, C7 in; A22 (= to, excluded); G32 out.
    expect(m.items.done).toBe(3);
    expect(m.leadTimeHours.p50).toBe(6);
    expect(m.throughputPerWeek).toBeCloseTo(3 / (17 / 168), 12);
    const m2 = await core.flowMetrics({ mapId, asOf: iso(100), from: iso(5), to: iso(23) });
    expect(m2.items.done).toBe(4);
  });

  it('states the figures as of an earlier instant: later changes are ignored', async () => {
    const m = await core.flowMetrics({ mapId, asOf: iso(10) });
    // At 10 h the done items are B (4), F (5), E (6) and C (7); A is still in In Dev and D was reopened at 5.
    expect(m.items.done).toBe(4);
    expect(m.items.total).toBe(9); // G is created at exactly 10 h: it exists at asOf
    const late = await core.flowMetrics({ mapId, asOf: iso(9) });
    expect(late.items.total).toBe(8);
    // WIP at 10 h: A (In Dev), D (In Dev since 5) → 2.
    expect(m.wip.current).toBe(2);
  });

  it('filters by item type and label', async () => {
    const m = await core.flowMetrics({ mapId, asOf: iso(100), types: ['Bug'] });
    expect(m.items.total).toBe(0);
  });

  it('lists each item with its facts and ordered changes (vsm items)', async () => {
    const t2 = await core.metricItems({ mapId, asOf: iso(100) });
    const g = t2.items.find((x) => x.key === 'G')!;
    expect(g.changes.map((c) => c.to)).toEqual(['Ready for Dev', 'In Dev', 'Ready for Review', 'In Review', 'Done']);
    expect(g.leadTimeHours).toBe(22);
    expect(g.cycleTimeHours).toBe(20);
    expect(g.steps).toEqual([
      { id: 'dev', activeHours: 10, waitHours: 3, blockedHours: 0 },
      { id: 'review', activeHours: 2, waitHours: 5, blockedHours: 0 },
    ]);
    const i = t2.items.find((x) => x.key === 'I')!;
    expect(i.changes).toHaveLength(1);
    expect(i.done).toBeNull();
    expect(i.stepId).toBe('dev');
  });
});

describe("time zones in Jira's format", () => {
  it('turns +0100, +0530 and -0700 offsets into UTC instants', async () => {
    const created = parseInstant('2026-01-05T09:12:33.000+0100', 'test'); // 08:12:33Z
    const inDev = parseInstant('2026-01-05T14:00:00.000+0530', 'test'); // 08:30:00Z
    const done = parseInstant('2026-01-05T03:00:00.000-0700', 'test'); // 10:00:00Z
    expect(new Date(created).toISOString()).toBe('2026-01-05T08:12:33.000Z');
    const tz = tempDir();
    const w = metricsWorkspace(tz.file('tz.vsm'), MAP, [
      {
        key: 'Z',
        createdAt: created,
        initialStatus: 'Backlog',
        changes: [
          { at: done, from: 'In Dev', to: 'Done' },
          { at: inDev, from: 'Backlog', to: 'In Dev' },
        ],
      },
    ]);
    try {
      const m = await w.core.flowMetrics({ mapId: w.mapId, asOf: '2026-01-06T00:00:00Z' });
      // lead = 10:00:00 − 08:12:33 = 1 h 47 min 27 s; cycle = 10:00 − 08:30 = 1.5 h.
      expect(m.leadTimeHours.p50).toBeCloseTo(1 + 47 / 60 + 27 / 3600, 12);
      expect(m.cycleTimeHours.p50).toBe(1.5);
      expect(m.steps[0]!.activeHours.total).toBe(1.5);
    } finally {
      w.core.close();
      tz.cleanup();
    }
  });
});

describe('the accumulator is the same in the browser and the core', () => {
  it('gives the same figures from in-memory items', async () => {
    const map = (await core.getMap({ mapId }))!;
    const acc = createFlowAccumulator(bindMap(map), { asOf: AS_OF });
    for (const i of ITEMS)
      acc.add({
        id: 0,
        key: i.key,
        type: 'Story',
        title: null,
        labels: [],
        createdAt: i.createdAt,
        initialStatus: i.initialStatus ?? null,
        changes: i.changes,
      });
    const inMemory = acc.result();
    // The ladder's measured %C&A comes from the waste pass (test/unit/waste.test.ts); the rest is the same.
    const { ladder, ...figures } = await core.flowMetrics({ mapId, asOf: iso(100) });
    expect(inMemory).toEqual(figures);
    const strip = (l: typeof ladder) => ({
      ...l,
      measured: l.measured && {
        ...l.measured,
        rolledPercentCompleteAccurate: null,
        rungs: l.measured.rungs.map((r) => ({ ...r, percentCompleteAccurate: null })),
      },
    });
    expect(strip(buildLadders(map, inMemory))).toEqual(strip(ladder));
  });
});

describe('drill-down from a step to its items (stepItems, hand-computed)', () => {
  it('lists the completed items that spent time in Development, longest wait first, and its WIP now', async () => {
    const r = await core.call('stepItems', { mapId, stepId: 'dev', asOf: iso(100) });
    expect(r.stepName).toBe('Development');
    // Completed by asOf with time in dev: A (wait 3, active 10), B (active 3), C (active 2 + 2),
    // E (active 1 + 1), F (active 1 + 1), G (wait 3, active 10); ties in wait keep item order.
    expect(r.completed.count).toBe(6);
    expect(r.completed.waitHours).toBe(6);
    expect(r.completed.items.map((i) => i.key)).toEqual(['A', 'G', 'B', 'C', 'E', 'F']);
    expect(r.completed.items[0]).toEqual({
      key: 'A',
      title: null,
      url: null,
      type: 'Story',
      status: 'Done',
      waitHours: 3,
      activeHours: 10,
      blockedHours: 0,
      leadTimeHours: 22,
      done: iso(22),
    });
    // In dev at asOf: D (reopened at 5 h: 1 + 95 h there) and I (since 90 h: its Done at 150 h is after asOf).
    expect(r.current.count).toBe(2);
    expect(r.current.items.map((i) => [i.key, i.activeHours, i.done])).toEqual([
      ['D', 96, null],
      ['I', 10, null],
    ]);
  });

  it('in Code review: A and G waited 5 h each, C never waited; nobody is there now', async () => {
    const r = await core.call('stepItems', { mapId, stepId: 'review', asOf: iso(100) });
    expect(r.completed.items.map((i) => [i.key, i.waitHours, i.activeHours])).toEqual([
      ['A', 5, 2],
      ['G', 5, 2],
      ['C', 0, 2],
    ]);
    expect(r.current).toEqual({ count: 0, items: [] });
  });

  it('limits the lists but not the counts, follows the window, and names an unknown step', async () => {
    const one = await core.call('stepItems', { mapId, stepId: 'dev', asOf: iso(100), limit: 1 });
    expect(one.completed.count).toBe(6);
    expect(one.completed.items.map((i) => i.key)).toEqual(['A']);
    // Only items done in [6 h, 30 h): A (22 h), C (7 h) and E (6 h); B (4 h), F (5 h) and G (32 h) are out.
    const windowed = await core.call('stepItems', { mapId, stepId: 'dev', asOf: iso(100), from: iso(6), to: iso(30) });
    expect(windowed.completed.items.map((i) => i.key)).toEqual(['A', 'C', 'E']);
    await expect(core.call('stepItems', { mapId, stepId: 'nope' })).rejects.toThrow(/map "Delivery" has no step with id "nope"/);
  });
});
