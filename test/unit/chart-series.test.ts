// The dashboard's series in the core, hand-computed on five items, and consistent with the other series
// and with the items a click lists (chartItems) on the demo workspace; Monte Carlo histograms; DORA by month.
import { afterAll, describe, expect, it } from 'vitest';
import { generateGitRepo } from '../../bench/generate-git.ts';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { computeDora } from '../../shared/metrics/dora.ts';
import { binWidthHours, chartBinning } from '../../shared/metrics/chart-series.ts';
import { monteCarlo } from '../../shared/metrics/forecast.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5); // a Monday
const t = (h: number) => T0 + h * H;

const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'M',
  doneStatuses: ['Done'],
  steps: [
    { id: 'dev', name: 'Dev', activeStatuses: ['In Dev'], waitStatuses: ['Ready'] },
    { id: 'qa', name: 'QA', activeStatuses: ['In QA'], waitStatuses: ['Ready for QA'] },
  ],
  flows: [{ from: 'dev', to: 'qa', kind: 'push' as const }],
};

describe('flowCharts and chartItems on hand-computed items', () => {
  // A: Ready 24 h, In Dev 24 h → lead 48, cycle 48, efficiency 0.5, done day 2 (Wed 7 Jan).
  // B: In Dev 96 h from 12 h → lead 108, cycle 96, efficiency 1.
  // C: Ready 72 h, In Dev 8 h from 24 h → lead 104, cycle 80, efficiency 0.1.
  // D: straight to Done at 24 h → lead 24, never started (no cycle time, no efficiency).
  // E: In Dev since 0 h, unfinished (aging); F: in "Won't Do" (off the map) after 10 h in Dev.
  const { core, mapId } = metricsWorkspace(tmp.file('hand.vsm'), MAP, [
    {
      key: 'A',
      createdAt: t(0),
      changes: [
        { at: t(0), from: 'Backlog', to: 'Ready' },
        { at: t(24), from: 'Ready', to: 'In Dev' },
        { at: t(48), from: 'In Dev', to: 'Done' },
      ],
    },
    {
      key: 'B',
      createdAt: t(0),
      changes: [
        { at: t(12), from: 'Backlog', to: 'In Dev' },
        { at: t(108), from: 'In Dev', to: 'Done' },
      ],
    },
    {
      key: 'C',
      createdAt: t(0),
      changes: [
        { at: t(24), from: 'Backlog', to: 'Ready' },
        { at: t(96), from: 'Ready', to: 'In Dev' },
        { at: t(104), from: 'In Dev', to: 'Done' },
      ],
    },
    { key: 'D', type: 'Bug', createdAt: t(0), changes: [{ at: t(24), from: 'Backlog', to: 'Done' }] },
    { key: 'E', createdAt: t(0), changes: [{ at: t(0), from: 'Backlog', to: 'In Dev' }] },
    {
      key: 'F',
      createdAt: t(0),
      changes: [
        { at: t(0), from: 'Backlog', to: 'In Dev' },
        { at: t(10), from: 'In Dev', to: "Won't Do" },
      ],
    },
  ]);
  afterAll(() => core.close());
  const asOf = new Date(t(200)).toISOString();

  it('cycle-time histogram: 3-hour bins up to the p98 (95.36 h), the last open-ended', async () => {
    const c = await core.flowCharts({ mapId, asOf });
    expect(c.items).toEqual({ completed: 4, withCycleTime: 3 });
    // p98 of [48, 80, 96] = 80 + 0.96 × 16 = 95.36; 95.36 / 40 = 2.38 → 3 h; 32 bins reach 96, and 96 itself is in a 33rd.
    expect(c.cycleHistogram.binHours).toBe(3);
    expect(c.cycleHistogram.bins).toHaveLength(33);
    expect(c.cycleHistogram.bins.at(-1)).toEqual({ loHours: 96, hiHours: null, count: 1, keys: ['B'] });
    const nonEmpty = c.cycleHistogram.bins.filter((b) => b.count > 0).map((b) => [b.loHours, b.keys]);
    expect(nonEmpty).toEqual([
      [48, ['A']],
      [78, ['C']],
      [96, ['B']],
    ]);
    expect(c.cycleHistogram.cycleTimeHours).toEqual({ count: 3, p50: 80, p85: 80 + 0.7 * 16, p95: 80 + 0.9 * 16, mean: 224 / 3 });
  });

  it('lead vs cycle: both in the same bins (chosen on lead time), with both sets of percentiles', async () => {
    const c = await core.flowCharts({ mapId, asOf });
    // Leads [24, 48, 104, 108]: p98 = 104 + 0.94 × 4 = 107.76 → 3 h bins, 36 reach 108, 108 in a 37th.
    expect(c.leadVsCycle.binHours).toBe(3);
    expect(c.leadVsCycle.bins).toHaveLength(37);
    const lead = c.leadVsCycle.bins.flatMap((b) => (b.lead ? [[b.loHours, b.lead, b.leadKeys.join()]] : []));
    const cycle = c.leadVsCycle.bins.flatMap((b) => (b.cycle ? [[b.loHours, b.cycle, b.cycleKeys.join()]] : []));
    expect(lead).toEqual([
      [24, 1, 'D'],
      [48, 1, 'A'],
      [102, 1, 'C'],
      [108, 1, 'B'],
    ]);
    expect(cycle).toEqual([
      [48, 1, 'A'],
      [78, 1, 'C'],
      [96, 1, 'B'],
    ]);
    expect(c.leadVsCycle.leadTimeHours).toEqual({ count: 4, p50: 76, p85: 104 + 0.55 * 4, p95: 104 + 0.85 * 4, mean: 284 / 4 });
    const m = await core.flowMetrics({ mapId, asOf });
    expect(c.leadVsCycle.leadTimeHours.p85).toBe(m.leadTimeHours.p85);
    expect(c.leadVsCycle.cycleTimeHours.p95).toBe(m.cycleTimeHours.p95);
  });

  it('flow efficiency: per-item bins, pooled and mean named apart, the never-started item left out', async () => {
    const c = await core.flowCharts({ mapId, asOf });
    const e = c.flowEfficiency;
    expect(e.bins).toHaveLength(20);
    expect(e.bins.flatMap((b, i) => (b.count ? [[i, b.keys.join()]] : []))).toEqual([
      [2, 'C'],
      [10, 'A'],
      [19, 'B'],
    ]);
    expect(e.pooled).toBe((24 + 96 + 8) / (48 + 96 + 80));
    expect(e.meanPerItem).toBeCloseTo((0.5 + 1 + 0.1) / 3, 15);
    expect(e.medianPerItem).toBe(0.5);
    expect([e.items, e.leftOut]).toEqual([3, 1]);
    expect(e.pooled).toBe((await core.flowMetrics({ mapId, asOf })).flowEfficiency);
  });

  it('filters change the distributions: Bugs only is the never-started D', async () => {
    const c = await core.flowCharts({ mapId, asOf, types: ['Bug'] });
    expect(c.items).toEqual({ completed: 1, withCycleTime: 0 });
    expect(c.flowEfficiency.pooled).toBeNull();
    expect(c.cycleHistogram.cycleTimeHours.p50).toBeNull();
  });

  it('chartItems lists the items behind a bin, a day, a step and the aging columns', async () => {
    const keys = async (select: Parameters<typeof core.chartItems>[0]['select']) => (await core.chartItems({ mapId, asOf, select })).items.map((i) => i.key);
    expect(await keys({ kind: 'cycle-bin', binHours: 3, bins: 33, index: 32 })).toEqual(['B']);
    expect(await keys({ kind: 'cycle-bin', binHours: 3, bins: 33, index: 16 })).toEqual(['A']);
    expect(await keys({ kind: 'lead-bin', binHours: 3, bins: 37, index: 8 })).toEqual(['D']);
    expect(await keys({ kind: 'efficiency-bin', index: 2 })).toEqual(['C']);
    expect(await keys({ kind: 'done-day', day: '2026-01-07' })).toEqual(['A']);
    expect(await keys({ kind: 'done-day', day: '2026-01-06' })).toEqual(['D']);
    expect(await keys({ kind: 'done-week', weekStart: '2026-01-05' })).toEqual(['B', 'C', 'A', 'D']);
    expect(await keys({ kind: 'step-wait', stepId: 'dev' })).toEqual(['C', 'A']);
    expect(await keys({ kind: 'aging', stepId: 'dev' })).toEqual(['E']);
    expect(await keys({ kind: 'aging', stepId: null })).toEqual(['F']);
    expect(await keys({ kind: 'item', key: 'C' })).toEqual(['C']);
    // At the end of 5 Jan (24:00): A in Ready, B, E in Dev; C entered Ready exactly at 24:00 and is not yet counted.
    expect((await keys({ kind: 'wip', at: new Date(t(24)).toISOString(), stepId: 'dev' })).sort()).toEqual(['A', 'B', 'E']);
    const wait = await core.chartItems({ mapId, asOf, select: { kind: 'step-wait', stepId: 'dev' } });
    expect(wait.items.map((i) => i.value)).toEqual([72, 24]);
    expect(wait.count).toBe(2);
    await expect(core.chartItems({ mapId, asOf, select: { kind: 'step-wait', stepId: 'nope' } })).rejects.toThrow(/no step with id "nope"/);
  });

  it('bin widths are nice numbers of hours', () => {
    expect([0.5, 40, 41, 100, 1000, 20_000].map(binWidthHours)).toEqual([1, 1, 2, 3, 48, 504]);
    expect(chartBinning(new Float64Array(), new Float64Array())).toEqual({ cycle: { w: 1, count: 24 }, lead: { w: 1, count: 24 } });
  });
});

describe('flowCharts, flowSeries and chartItems agree on the demo workspace', () => {
  const file = tmp.file('demo.vsm');
  const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  afterAll(() => core.close());

  it('every bin, day and week lists as many items as it counts', async () => {
    const mapId = (await core.getMap({}))!.id;
    const [c, s, m] = await Promise.all([core.flowCharts({ mapId }), core.flowSeries({ mapId }), core.flowMetrics({ mapId })]);
    expect(c.items.completed).toBe(m.items.done);
    expect(c.cycleHistogram.bins.reduce((a, b) => a + b.count, 0)).toBe(c.items.withCycleTime);
    expect(c.cycleHistogram.cycleTimeHours.p85).toBe(m.cycleTimeHours.p85);
    expect(c.flowEfficiency.pooled).toBe(m.flowEfficiency);
    expect(c.flowEfficiency.medianPerItem).toBe(m.flowEfficiencyPerItem.p50);
    const count = async (select: Parameters<typeof core.chartItems>[0]['select']) => (await core.chartItems({ mapId, select, limit: 1 })).count;
    const { binHours, bins } = c.cycleHistogram;
    for (let i = 0; i < bins.length; i += 3)
      expect(await count({ kind: 'cycle-bin', binHours, bins: bins.length, index: i }), `cycle bin ${i}`).toBe(bins[i]!.count);
    for (let i = 0; i < 20; i++) expect(await count({ kind: 'efficiency-bin', index: i }), `efficiency bin ${i}`).toBe(c.flowEfficiency.bins[i]!.count);
    const daily = s.throughputDaily!;
    expect(daily.map((d) => d.day)).toEqual(s.days);
    expect(daily.reduce((a, d) => a + d.count, 0)).toBe(m.items.done);
    for (let d = 0; d < daily.length; d += 37) expect(await count({ kind: 'done-day', day: daily[d]!.day }), daily[d]!.day).toBe(daily[d]!.count);
    for (let k = 0; k < s.throughputWeekly.length; k += 9)
      expect(await count({ kind: 'done-week', weekStart: s.throughputWeekly[k]!.weekStart })).toBe(s.throughputWeekly[k]!.count);
    for (let d = 0; d < s.days.length; d += 53) {
      for (const [i, st] of s.wipRun.steps.entries()) {
        if (i % 3 !== 0) continue;
        expect(await count({ kind: 'wip', at: s.sampledAt[d]!, stepId: st.id }), `${st.id} ${s.days[d]}`).toBe(st.values[d]);
      }
    }
    const last = s.days.length - 1;
    expect(await count({ kind: 'wip', at: s.sampledAt[last]! })).toBe(s.wipRun.total[last]);
    expect(await count({ kind: 'aging', stepId: null })).toBe(rowsOf(s.aging.items).filter((x) => x.stepId === null).length);
    const bn = m.bottleneck!.stepId;
    expect(await count({ kind: 'step-wait', stepId: bn })).toBe((await core.stepItems({ mapId, stepId: bn })).completed.count);
  });
});

describe('Monte Carlo histograms', () => {
  it('count every trial once, and the percentiles sit where the cumulative share crosses them', () => {
    const f = monteCarlo({
      asOf: T0,
      dailyThroughput: [0, 1, 2, 0, 3, 1, 0, 2],
      historyFrom: T0 - 8 * 86_400_000,
      items: 30,
      by: T0 + 20 * 86_400_000,
      trials: 2000,
      seed: 3,
    });
    const when = f.when!.histogram!;
    expect(when.reduce((a, b) => a + b.trials, 0)).toBe(2000);
    const share = (days: number) => when.filter((b) => b.days <= days).reduce((a, b) => a + b.trials, 0) / 2000;
    expect(share(f.when!.p85!.days)).toBeGreaterThanOrEqual(0.85);
    expect(share(f.when!.p85!.days - 1)).toBeLessThan(0.85);
    const how = f.howMany!.histogram!;
    expect(how.reduce((a, b) => a + b.trials, 0)).toBe(2000);
    const atLeast = (n: number) => how.filter((b) => b.items >= n).reduce((a, b) => a + b.trials, 0) / 2000;
    expect(atLeast(f.howMany!.p85)).toBeGreaterThanOrEqual(0.85);
    expect(atLeast(f.howMany!.p85 + 1)).toBeLessThan(0.85);
    for (let i = 1; i < how.length; i++) expect(how[i]!.items).toBeGreaterThan(how[i - 1]!.items);
  });
});

describe('DORA by month', () => {
  it('each month is the whole-window definition applied to that month; months add up', async () => {
    const repo = tmp.file('repo');
    generateGitRepo(repo, { commits: 3000, tagEvery: 50, startMs: Date.UTC(2026, 0, 20) });
    const file = tmp.file('dora.vsm');
    const core = createCore({ workspacePath: file, db: openWorkspace(file, { create: true }) });
    await core.importGit({ path: repo });
    const trend = await core.doraTrend({});
    expect(trend.whole).toEqual(await core.doraMetrics({}));
    expect(trend.months.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(trend.months.reduce((a, m) => a + m.releases, 0)).toBe(trend.whole.releases);
    for (const m of trend.months) {
      const d = computeDora(core.db, { from: Date.parse(m.from), to: Date.parse(m.to) });
      expect(m.releases).toBe(d.releases);
      expect(m.leadTimeForChangesHoursP50).toBe(d.leadTimeForChangesHours.p50);
      expect(m.deploymentsPerWeek).toBe(d.releases / ((Date.parse(m.to) - Date.parse(m.from)) / (7 * 86_400_000)));
    }
    core.close();
  });
});
