// The timeline ladder in the core (issue 8): estimate ladder from PT/LT/%C&A with no data at all, the
// measured ladder from the medians, the main path (parallel branches and rework never summed), "no data".
// Every expected number is worked out by hand in the comments.
import { afterAll, describe, expect, it } from 'vitest';
import { MapDocSchema, type MapDocInput } from '../../shared/domain/map.ts';
import { buildLadders } from '../../shared/metrics/ladder.ts';
import { metricsWorkspace, type SimpleItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const t = (h: number) => T0 + h * H;
const iso = (h: number) => new Date(t(h)).toISOString();

const step = (id: string, pt: number | undefined, lt: number | undefined, ca?: number) => ({
  id,
  name: id.toUpperCase(),
  activeStatuses: [`${id} doing`],
  waitStatuses: [`${id} queue`],
  ...(pt !== undefined || lt !== undefined || ca !== undefined ? { estimate: { processTimeHours: pt, leadTimeHours: lt, percentCompleteAccurate: ca } } : {}),
});

// Four steps: PT 2 + 3 + 4 + 1 = 10 h over LT 20 × 4 = 80 h → activity ratio 12.5 %; %C&A 0.9 × 0.8 × 1 × 0.5 = 0.36.
const FOUR: MapDocInput = {
  format: 'vsm-map',
  version: 1,
  name: 'Workshop',
  doneStatuses: ['Done'],
  steps: [step('a', 2, 20, 0.9), step('b', 3, 20, 0.8), step('c', 4, 20, 1), step('d', 1, 20, 0.5)],
  flows: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'c' },
    { from: 'c', to: 'd' },
  ],
};
const parse = (m: MapDocInput) => MapDocSchema.parse(m);
const NO_ITEMS = { steps: [], items: { total: 0, done: 0 } };

describe('estimate ladder (no data at all)', () => {
  it('four steps: wait = LT − PT, totals, 12.5 % activity ratio, rolled %C&A', () => {
    const l = buildLadders(parse(FOUR), NO_ITEMS);
    expect(l.measured).toBeNull();
    expect(l.pathBasis).toBe('estimate');
    expect(l.hoursPerWorkingDay).toBe(8);
    const e = l.estimate!;
    expect(e.rungs.map((r) => [r.stepId, r.waitHours, r.processHours, r.noData])).toEqual([
      ['a', 18, 2, false],
      ['b', 17, 3, false],
      ['c', 16, 4, false],
      ['d', 19, 1, false],
    ]);
    expect(e.totalLeadTimeHours).toBe(80);
    expect(e.totalProcessTimeHours).toBe(10);
    expect(e.totalWaitHours).toBe(70);
    expect(e.activityRatio).toBe(0.125);
    expect(e.rolledPercentCompleteAccurate).toBeCloseTo(0.36, 12);
    expect(e.offPath).toEqual([]);
  });

  it('a parallel branch and a rework loop do not change the totals; the shorter branch is off the path', () => {
    // b2 runs beside b (a → b2 → c) with LT 12 < b's 20: the longest path stays a, b, c, d.
    const doc = structuredClone(FOUR);
    doc.steps.push(step('b2', 6, 12, 0.1));
    doc.flows!.push({ from: 'a', to: 'b2' }, { from: 'b2', to: 'c' }, { from: 'd', to: 'b', kind: 'rework', rate: 0.3 });
    const e = buildLadders(parse(doc), NO_ITEMS).estimate!;
    expect(e.rungs.map((r) => r.stepId)).toEqual(['a', 'b', 'c', 'd']);
    expect([e.totalLeadTimeHours, e.totalProcessTimeHours, e.activityRatio]).toEqual([80, 10, 0.125]);
    expect(e.rolledPercentCompleteAccurate).toBeCloseTo(0.36, 12);
    expect(e.offPath).toEqual([{ stepId: 'b2', name: 'B2' }]);
  });

  it('the longer branch wins: b2 with LT 30 replaces b (20 + 30 + … ), b goes off the path', () => {
    const doc = structuredClone(FOUR);
    doc.steps.push(step('b2', 6, 30));
    doc.flows!.push({ from: 'a', to: 'b2' }, { from: 'b2', to: 'c' });
    const e = buildLadders(parse(doc), NO_ITEMS).estimate!;
    // a 20 + b2 30 + c 20 + d 20 = 90 h; PT 2 + 6 + 4 + 1 = 13 h.
    expect(e.rungs.map((r) => r.stepId)).toEqual(['a', 'b2', 'c', 'd']);
    expect([e.totalLeadTimeHours, e.totalProcessTimeHours]).toEqual([90, 13]);
    expect(e.activityRatio).toBeCloseTo(13 / 90, 12);
    // b2 has no %C&A: the product is over the steps that have one, 0.9 × 1 × 0.5.
    expect(e.rolledPercentCompleteAccurate).toBeCloseTo(0.45, 12);
    expect(e.offPath.map((s) => s.stepId)).toEqual(['b']);
  });

  it('a step without an estimate is "no data" (null), never 0 h, and is left out of the totals', () => {
    const doc = structuredClone(FOUR);
    doc.steps[2] = step('c', undefined, undefined);
    doc.steps[3] = step('d', 1, undefined, 0.5);
    const e = buildLadders(parse(doc), NO_ITEMS).estimate!;
    expect(e.rungs[2]).toMatchObject({ stepId: 'c', noData: true, waitHours: null, processHours: null });
    expect(e.rungs[3]).toMatchObject({ stepId: 'd', noData: true, waitHours: null, processHours: null, percentCompleteAccurate: 0.5 });
    // a 20 + b 20 = 40 h, PT 5 h → 12.5 % again.
    expect([e.totalLeadTimeHours, e.totalProcessTimeHours, e.activityRatio]).toEqual([40, 5, 0.125]);
  });

  it('no estimate anywhere: the estimate ladder is null; zero lead time gives a null ratio', () => {
    const doc = { ...FOUR, steps: FOUR.steps.map((s) => step(s.id, undefined, undefined)) };
    expect(buildLadders(parse(doc), NO_ITEMS).estimate).toBeNull();
    const zero = { ...FOUR, steps: FOUR.steps.map((s) => step(s.id, 0, 0)) };
    expect(buildLadders(parse(zero), NO_ITEMS).estimate!.activityRatio).toBeNull();
  });

  it('hours per working day come from the map calendar', () => {
    expect(buildLadders(parse({ ...FOUR, calendar: { timeZone: 'UTC', hoursPerDay: 7.5 } }), NO_ITEMS).hoursPerWorkingDay).toBe(7.5);
  });
});

describe('ladders through the core (flowMetrics)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('an empty workspace with four estimated steps: 12.5 % estimate, no measured ladder', async () => {
    const { core, mapId } = metricsWorkspace(tmp.file('empty.vsm'), FOUR, []);
    try {
      const m = await core.flowMetrics({ mapId });
      expect(m.ladder.measured).toBeNull();
      expect(m.ladder.estimate!.activityRatio).toBe(0.125);
      expect(m.ladder.estimate!.totalLeadTimeHours).toBe(80);
    } finally {
      core.close();
    }
  });

  it('measured ladder: medians per step along the main path; a step no completed item reached is "no data"', async () => {
    // Three items through a and b only (c, d never reached):
    //  X: a queue 0–2, a doing 2–5, b queue 5–6, b doing 6–10, Done 10 → a wait 2 active 3, b wait 1 active 4
    //  Y: a queue 0–4, a doing 4–5, b queue 5–11, b doing 11–12, Done   → a wait 4 active 1, b wait 6 active 1
    //  Z: a queue 0–6, a doing 6–8, b doing 8–9, Done 9               → a wait 6 active 2, b wait 0 active 1
    // medians: a wait 4 active 2; b wait 1 active 1. Σ lead 8, Σ active 3 → 37.5 %.
    const mv = (k: string, m: Array<[number, string]>): SimpleItem => {
      let prev = 'a queue';
      return { key: k, createdAt: t(0), initialStatus: 'a queue', changes: m.map(([h, to]) => ({ at: t(h), from: prev, to: ((prev = to), to) })) };
    };
    const items = [
      mv('X', [
        [2, 'a doing'],
        [5, 'b queue'],
        [6, 'b doing'],
        [10, 'Done'],
      ]),
      mv('Y', [
        [4, 'a doing'],
        [5, 'b queue'],
        [11, 'b doing'],
        [12, 'Done'],
      ]),
      mv('Z', [
        [6, 'a doing'],
        [8, 'b doing'],
        [9, 'Done'],
      ]),
    ];
    const { core, mapId } = metricsWorkspace(tmp.file('measured.vsm'), FOUR, items);
    try {
      const m = await core.flowMetrics({ mapId, asOf: iso(100) });
      const l = m.ladder;
      expect(l.pathBasis).toBe('measured');
      const me = l.measured!;
      expect(me.rungs.map((r) => [r.stepId, r.waitHours, r.activeHours, r.noData])).toEqual([
        ['a', 4, 2, false],
        ['b', 1, 1, false],
        ['c', null, null, true],
        ['d', null, null, true],
      ]);
      expect([me.totalLeadTimeHours, me.totalProcessTimeHours, me.totalWaitHours]).toEqual([8, 3, 5]);
      expect(me.activityRatio).toBe(0.375);
      // The estimate ladder stays beside it, unchanged.
      expect(l.estimate!.activityRatio).toBe(0.125);
    } finally {
      core.close();
    }
  });
});
