// Issue 9's waste figures on hand-computed scenarios (loops, a skipped step, reopen then done again,
// abandoned after rework, handoffs at the instant of a status change, items outside the window), through
// the core on a real workspace; and seeded property tests of the accumulator.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import type { Core } from '../../shared/core/create-core.ts';
import { MapDocSchema, type MapDocInput } from '../../shared/domain/map.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { createFlowAccumulator } from '../../shared/metrics/flow-metrics.ts';
import { itemFacts } from '../../shared/metrics/item-timeline.ts';
import { createWasteAccumulator, KeyScores, suggestAbandonedStatuses } from '../../shared/metrics/waste.ts';
import { metricsWorkspace, type SimpleItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const t = (h: number) => T0 + h * H;
const iso = (h: number) => new Date(t(h)).toISOString();

const MAP: MapDocInput = {
  format: 'vsm-map',
  version: 1,
  name: 'Delivery',
  doneStatuses: ['Done'],
  blockedStatuses: ['Blocked'],
  abandonedStatuses: ["Won't Do"],
  steps: [
    { id: 'dev', name: 'Development', activeStatuses: ['In Dev'], waitStatuses: ['Ready for Dev'], people: 1 },
    { id: 'test', name: 'Test', activeStatuses: ['Testing'], waitStatuses: ['Ready for Test'], people: 2, kind: 'manual' },
  ],
  flows: [{ from: 'dev', to: 'test' }],
};

function path(key: string, moves: Array<[number, string]>, created = 0, initial = 'Backlog'): SimpleItem {
  let prev = initial;
  return { key, createdAt: t(created), initialStatus: initial, changes: moves.map(([h, to]) => ({ at: t(h), from: prev, to: ((prev = to), to) })) };
}

// A: a rework loop: dev → test → back to dev → test → Done.
const A = path('A', [
  [1, 'Ready for Dev'],
  [2, 'In Dev'],
  [5, 'Ready for Test'],
  [6, 'Testing'],
  [8, 'In Dev'],
  [10, 'Testing'],
  [12, 'Done'],
]);
// B: skips dev.
const B = path('B', [
  [1, 'Testing'],
  [3, 'Done'],
]);
// C: done, reopened into dev, done again.
const C = path('C', [
  [1, 'In Dev'],
  [2, 'Done'],
  [4, 'In Dev'],
  [6, 'Done'],
]);
// D: abandoned after rework: dev → test → back to dev → Won't Do at 7.
const D = path('D', [
  [1, 'In Dev'],
  [3, 'Testing'],
  [5, 'In Dev'],
  [7, "Won't Do"],
]);
// E: assignee changes at 0.5 (Backlog, no step), 2 (dev), 4 (the instant it enters Testing: test) and 5 (test).
const E = path('E', [
  [1, 'In Dev'],
  [4, 'Testing'],
  [6, 'Done'],
]);
// G: unfinished in dev since 10; H: unfinished in Testing since 95.
const G = path('G', [[10, 'In Dev']]);
const Hi = path('H', [[95, 'Testing']]);
const ITEMS = [A, B, C, D, E, G, Hi];

const tmp = tempDir();
let core: Core;
let mapId: number;
beforeAll(() => {
  ({ core, mapId } = metricsWorkspace(tmp.file('waste.vsm'), MAP, ITEMS));
  const id = (core.db.prepare('SELECT id FROM work_items WHERE key = ?').get('E') as { id: number }).id;
  const ins = core.db.prepare('INSERT INTO assignee_changes (item_id, at, assignee_id, assignee_name) VALUES (?, ?, ?, ?)');
  for (const [h, who] of [
    [0.5, 'ann'],
    [2, 'bob'],
    [4, 'cat'],
    [5, 'dan'],
  ] as const)
    ins.run(id, t(h), who, who);
});
afterAll(() => {
  core.close();
  tmp.cleanup();
});

describe('waste figures (hand-computed)', () => {
  it('counts entered, forward and backward moves, rework, reopen, handoffs per step', async () => {
    const w = await core.wasteAnalysis({ mapId, asOf: iso(100) });
    // Completed in the window (none given: everything up to asOf): A 12, B 3, C 6, E 6.
    expect(w.completedItems).toBe(4);
    const [dev, test] = w.steps;
    // dev: entered A, C, E (B skipped it); left forward A (5), C (Done 2 and 6), E (4); rework received from test: A.
    expect(dev).toMatchObject({ id: 'dev', entered: 3, leftForward: 3, sentBack: 0, sentBackRate: 0, reworkReceived: 1, reopened: 1, handoffs: 1 });
    expect(dev!.measuredPercentCompleteAccurate).toBeCloseTo(2 / 3, 12);
    expect(dev!.handoffsPerItem).toBeCloseTo(1 / 3, 12);
    // test: entered A, B, E; left forward all three; sent A back to dev (1 of 3); E's changes at 4 and 5.
    expect(test).toMatchObject({
      id: 'test',
      entered: 3,
      leftForward: 3,
      sentBack: 1,
      reworkReceived: 0,
      reopened: 0,
      handoffs: 2,
      sentBackTo: [{ stepId: 'dev', items: 1 }],
    });
    expect(test!.sentBackRate).toBeCloseTo(1 / 3, 12);
    expect(test!.measuredPercentCompleteAccurate).toBe(1);
    expect(w.rolledMeasuredPercentCompleteAccurate).toBeCloseTo(2 / 3, 12);
  });

  it('abandoned after rework counts on the step it left, with all its active time', async () => {
    const w = await core.wasteAnalysis({ mapId, asOf: iso(100) });
    // D left In Dev for Won't Do at 7; active: dev 1–3 + 5–7 = 4 h, test 3–5 = 2 h.
    expect(w.steps[0]).toMatchObject({ abandoned: 1, abandonedActiveHours: 6 });
    expect(w.steps[1]).toMatchObject({ abandoned: 0, abandonedActiveHours: 0 });
    expect(w.abandonedStatuses).toEqual({ statuses: ["Won't Do"], suggested: false });
  });

  it('aging past the p85, time-weighted active WIP and WIP per person, wait share, flow efficiency', async () => {
    const w = await core.wasteAnalysis({ mapId, asOf: iso(100) });
    // Cycle times A 11, B 2, C 5, E 5 → [2, 5, 5, 11]; R-7 p85 at rank 2.55 = 5 + 0.55 × 6 = 8.3 h.
    expect(w.cycleTimeP85Hours).toBeCloseTo(8.3, 12);
    // G has been in dev for 90 h > 8.3; H in test for 5 h < 8.3.
    expect([w.steps[0]!.agingPastP85, w.steps[1]!.agingPastP85]).toEqual([1, 0]);
    // In Dev over [0, 100): A 3 + 2, C 1 + 2, D 2 + 2, E 3, G 90 = 105 h → 1.05 items; 1 person.
    expect(w.steps[0]!.activeWipAverage).toBeCloseTo(1.05, 12);
    expect(w.steps[0]!.wipPerPerson).toBeCloseTo(1.05, 12);
    // Testing: A 2 + 2, B 2, D 2, E 2, H 5 = 15 h → 0.15; 2 people → 0.075.
    expect(w.steps[1]!.activeWipAverage).toBeCloseTo(0.15, 12);
    expect(w.steps[1]!.wipPerPerson).toBeCloseTo(0.075, 12);
    // Wait of completed items: Ready for Dev A 1 h, Ready for Test A 1 h → half each.
    expect([w.steps[0]!.waitShare, w.steps[1]!.waitShare]).toEqual([0.5, 0.5]);
    // dev active A 5 + C 3 + E 3 = 11 of 12; test A 4 + B 2 + E 2 = 8 of 9.
    expect(w.steps[0]!.flowEfficiency).toBeCloseTo(11 / 12, 12);
    expect(w.steps[1]!.flowEfficiency).toBeCloseTo(8 / 9, 12);
    // The same figures vsm metrics shows.
    const m = await core.flowMetrics({ mapId, asOf: iso(100) });
    expect(m.steps.map((s) => s.flowEfficiency)).toEqual(w.steps.map((s) => s.flowEfficiency));
    // The measured ladder carries the measured %C&A per rung and rolled.
    expect(m.ladder.measured!.rungs.map((r) => r.percentCompleteAccurate)).toEqual(w.steps.map((s) => s.measuredPercentCompleteAccurate));
    expect(m.ladder.measured!.rolledPercentCompleteAccurate).toBeCloseTo(2 / 3, 12);
  });

  it('raises the findings of the default thresholds, ranked, with evidence and items', async () => {
    const w = await core.wasteAnalysis({ mapId, asOf: iso(100) });
    const by = (waste: string, stepId: string) => w.findings.find((f) => f.waste === waste && f.stepId === stepId);
    expect(by('defects', 'test')).toEqual({
      stepId: 'test',
      waste: 'defects',
      evidence: 'Test sent 33.3 % of its items back (1 of 3), to Development',
      figures: { sentBack: 1, entered: 3, sentBackRate: 1 / 3, 'to:dev': 1 },
      items: ['A'],
      threshold: 0.1,
    });
    expect(by('relearning', 'dev')).toMatchObject({
      items: ['C'],
      threshold: 0.03,
      evidence: '1 of 4 completed items (25.0 %) were reopened into Development after being done',
    });
    expect(by('extra-features', 'dev')).toMatchObject({ items: ['D'], figures: { abandoned: 1, entered: 3, abandonedShare: 0.25, abandonedActiveHours: 6 } });
    expect(by('waiting', 'dev')!.items).toEqual(['A', 'C', 'E']);
    expect(by('manual', 'test')).toMatchObject({ threshold: null, figures: { activeHours: 8, entered: 3 } });
    expect(by('handoffs', 'test')).toBeUndefined();
    expect(by('task-switching', 'dev')).toBeUndefined();
    expect(by('partially-done', 'dev')).toBeUndefined();
    // Ranked by figure / threshold: abandoned 0.25 / 0.02 = 12.5, reopened 0.25 / 0.03 = 8.3, sent back 0.333 / 0.1 = 3.3,
    // wait share 0.5 / 0.25 = 2 (dev first, flow order), manual (always, at 1).
    expect(w.findings.map((f) => `${f.waste}:${f.stepId}`)).toEqual([
      'extra-features:dev',
      'relearning:dev',
      'defects:test',
      'waiting:dev',
      'waiting:test',
      'manual:test',
    ]);
  });

  it("follows the map's thresholds", async () => {
    const doc = { ...MAP, wasteThresholds: { handoffs: 0.5, 'task-switching': 1, 'partially-done': 1, waiting: 0.6 } };
    const { id } = await core.saveMap({ map: doc });
    const w = await core.wasteAnalysis({ mapId: id, asOf: iso(100) });
    expect(w.thresholds).toMatchObject({ handoffs: 0.5, 'task-switching': 1, 'partially-done': 1, waiting: 0.6, defects: 0.1 });
    const kinds = w.findings.map((f) => `${f.waste}:${f.stepId}`);
    expect(kinds).toContain('handoffs:test');
    expect(kinds).toContain('task-switching:dev');
    expect(kinds).toContain('partially-done:dev');
    expect(kinds.filter((k) => k.startsWith('waiting'))).toEqual([]);
    expect(w.findings.find((f) => f.waste === 'handoffs')!.evidence).toBe('Test changed hands 0.7 times per item (2 assignee changes over 3 items)');
    expect(w.findings.find((f) => f.waste === 'partially-done')!.items).toEqual(['G']);
  });

  it('items outside the window: completed before `from` are left out; abandonment is judged by its instant', async () => {
    // Done in [4, 100): A, C, E (B at 3 is out); D abandoned at 7 is in.
    let w = await core.wasteAnalysis({ mapId, asOf: iso(100), from: iso(4) });
    expect(w.completedItems).toBe(3);
    expect(w.steps[1]).toMatchObject({ entered: 2, sentBack: 1 });
    expect(w.steps[0]!.abandoned).toBe(1);
    w = await core.wasteAnalysis({ mapId, asOf: iso(100), from: iso(8) });
    expect(w.completedItems).toBe(1);
    expect(w.steps[0]!.abandoned).toBe(0);
    // As of 9: A is not done yet, D is abandoned; C and E are done, B too.
    w = await core.wasteAnalysis({ mapId, asOf: iso(9) });
    expect(w.completedItems).toBe(3);
    expect(w.steps[1]!.sentBack).toBe(0);
  });

  it('a blocked status belongs to the step the item was in; done → done is no reopen', () => {
    const binding = bindMap(MapDocSchema.parse({ ...MAP, doneStatuses: ['Done', 'Closed'] }));
    const item = path('X', [
      [1, 'In Dev'],
      [2, 'Blocked'],
      [3, 'Testing'],
      [4, 'Blocked'],
      [5, 'In Dev'],
      [6, 'Done'],
      [7, 'Closed'],
    ]);
    const asOf = t(100);
    const waste = createWasteAccumulator(binding, MAP as never, { asOf }, { statuses: [], suggested: false });
    const flow = createFlowAccumulator(binding, { asOf });
    const h = { id: 0, key: 'X', type: null, title: null, labels: [], createdAt: item.createdAt, initialStatus: 'Backlog', changes: item.changes };
    flow.add(h);
    const at = item.changes.map((c) => c.at);
    waste.add(itemFacts(h, binding, asOf), {
      key: 'X',
      createdAt: item.createdAt,
      initialStatus: 'Backlog',
      count: at.length,
      at,
      from: item.changes.map((c) => c.from),
      to: item.changes.map((c) => c.to),
    });
    const w = waste.result(flow.result());
    // Blocked at 4 is still test: In Dev at 5 is a send-back from test; Done → Closed is not a reopen.
    expect(w.steps.map((s) => [s.entered, s.leftForward, s.sentBack, s.reworkReceived, s.reopened])).toEqual([
      [1, 1, 0, 1, 0],
      [1, 0, 1, 0, 0],
    ]);
  });

  it('vsm waste --json prints the core answer unrounded; the human output rounds', async () => {
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((x) => ((out += String(x)), true));
    try {
      expect(await main(['waste', '--workspace', tmp.file('waste.vsm'), '--map', 'Delivery', '--as-of', iso(100), '--json'])).toBe(0);
      const json = JSON.parse(out);
      const id = (await core.getMap({ name: 'Delivery' }))!.id;
      expect(json).toEqual(await core.wasteAnalysis({ mapId: id, asOf: iso(100) }));
      expect(json.steps[1].sentBackRate).toBe(1 / 3);
      out = '';
      expect(await main(['waste', '--workspace', tmp.file('waste.vsm'), '--map', 'Delivery', '--as-of', iso(100)])).toBe(0);
      expect(out).toContain('[defects] Test sent 33.3 % of its items back (1 of 3), to Development (threshold 0.1)');
      expect(out).toContain('   items: A');
      expect(out).not.toContain('0.3333');
    } finally {
      o.mockRestore();
    }
  });

  it('suggests abandoned statuses from their names when the map names none', () => {
    expect(
      suggestAbandonedStatuses(["Won't Do", 'Cancelled', 'Canceled', 'In Dev', 'Done', 'Rejected', 'Backlog', 'Wont Fix'], MapDocSchema.parse(MAP)),
    ).toEqual(['Canceled', 'Cancelled', 'Rejected', "Won't Do", 'Wont Fix']);
  });
});

describe('waste properties (seeded)', () => {
  const binding = bindMap(
    MapDocSchema.parse({
      ...MAP,
      steps: [...MAP.steps, { id: 'ops', name: 'Ops', activeStatuses: ['Deploying'], waitStatuses: ['Ready to Deploy'] }],
      flows: [
        { from: 'dev', to: 'test' },
        { from: 'test', to: 'ops' },
      ],
    }),
  );
  const statuses = ['Ready for Dev', 'In Dev', 'Ready for Test', 'Testing', 'Ready to Deploy', 'Deploying', 'Blocked', 'Done', "Won't Do", 'Parked'];
  it('measured %C&A within [0, 1]; sentBack, leftForward, reworkReceived, reopened ≤ entered; abandoned and aging counts non-negative', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.array(fc.constantFrom(...statuses), { maxLength: 14 }),
            fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 14, maxLength: 14 }),
            fc.array(fc.integer({ min: -5, max: 400 }), { maxLength: 5 }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 400 }),
        (items, asOfH) => {
          const asOf = t(asOfH);
          const flow = createFlowAccumulator(binding, { asOf });
          const waste = createWasteAccumulator(binding, MAP as never, { asOf }, { statuses: ["Won't Do"], suggested: false });
          items.forEach(([moves, gaps, handoffs], k) => {
            let h = 0;
            let prev = 'Backlog';
            const changes = moves.map((to, i) => ({ at: t((h += gaps[i]!)), from: prev, to: ((prev = to), to) }));
            const hist = { id: k, key: `K${k}`, type: null, title: null, labels: [], createdAt: t(0), initialStatus: 'Backlog', changes };
            flow.add(hist);
            waste.add(itemFacts(hist, binding, asOf), {
              key: hist.key,
              createdAt: hist.createdAt,
              initialStatus: 'Backlog',
              count: changes.length,
              at: changes.map((c) => c.at),
              from: changes.map((c) => c.from),
              to: changes.map((c) => c.to),
              assigneeChanges: Float64Array.from(handoffs.map(t)).sort(),
            });
          });
          const w = waste.result(flow.result());
          for (const s of w.steps) {
            if (s.measuredPercentCompleteAccurate !== null) {
              expect(s.measuredPercentCompleteAccurate).toBeGreaterThanOrEqual(0);
              expect(s.measuredPercentCompleteAccurate).toBeLessThanOrEqual(1);
            }
            for (const x of [s.sentBack, s.leftForward, s.reworkReceived, s.reopened]) expect(x).toBeLessThanOrEqual(s.entered);
            expect(s.entered).toBeLessThanOrEqual(w.completedItems);
            expect(s.sentBackTo.reduce((a, x) => a + x.items, 0)).toBeGreaterThanOrEqual(s.sentBack);
            expect(s.abandoned + s.agingPastP85).toBeGreaterThanOrEqual(0);
            expect(s.waitShare).toBeGreaterThanOrEqual(0);
            expect(s.waitShare).toBeLessThanOrEqual(1 + 1e-12);
          }
          const r = w.rolledMeasuredPercentCompleteAccurate;
          if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
        },
      ),
      { seed: 9009, numRuns: 400 },
    );
  });
});

describe("a finding's item keys", () => {
  it('are the 200 highest scores, highest first, ties in the order added, however many were added', () => {
    fc.assert(
      // Few distinct scores (ties everywhere) and many (a strict order).
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 5000, size: 'max' }),
          fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 5000, size: 'max' }),
        ),
        (scores) => {
          const k = new KeyScores();
          scores.forEach((s, i) => k.add(`K-${i}`, s));
          const expected = scores
            .map((s, i) => ({ s, i }))
            .sort((a, b) => b.s - a.s || a.i - b.i)
            .slice(0, 200)
            .map((x) => `K-${x.i}`);
          expect(k.top()).toEqual(expected);
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('keeps a late score between the two lowest of the top it held (the boundary of what it may drop)', () => {
    const k = new KeyScores();
    // 800 scores make it keep the top 200 (601..800); 601.5 then displaces 601, a second 601 ties and loses.
    for (let i = 1; i <= 800; i++) k.add(`K-${i}`, i);
    k.add('LATE', 601.5);
    k.add('TIE', 601);
    const top = k.top();
    expect(top).toHaveLength(200);
    expect(top.at(-1)).toBe('LATE');
    expect(top).not.toContain('K-601');
    expect(top).not.toContain('TIE');
  });
});
