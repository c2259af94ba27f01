// Every figure under each convention (issue 14): the series (CFD, WIP run, throughput), the distributions, the
// items behind a bar or bin, the waste's aging figures and the map's committed step, on real workspaces.
// The jira-agile-metrics values are those its own test suite states for its `large_cycle_time_results`
// fixture (jira_agile_metrics/conftest.py): wip_test.py (test_calculate_wip), throughput_test.py
// (test_calculate_throughput), histogram_test.py (test_calculate_histogram), percentiles_test.py
// (test_calculate_percentiles) and ageingwip_test.py (test_calculate_ageing_wip, and its
// jira_with_skipped_columns case), reproduced exactly from the same stage dates and changes. The other cases are computed by
// hand: a backward move, a same-day item, a reopened item, and a DST change.
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { conventionPercentile, itemUnderConvention } from '../../shared/metrics/conventions.ts';
import { parseMapDoc } from '../../shared/store/map-repo.ts';
import { durationText } from '../../renderer/src/report/report-text.ts';
import type { FlowSeries } from '../../shared/metrics/series.ts';
import { metricsWorkspace, type SimpleItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

const tmp = tempDir('flowmap-conventions-figures-');
afterAll(() => tmp.cleanup());

const H = 3_600_000;
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

// jira-agile-metrics' test cycle (conftest.py minimal_settings): Backlog, Committed (Next), Build, Test
// (Code review, QA), Done; committed_column Committed, which is this map's committed step.
const JAM_MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'jam cycle',
  doneStatuses: ['Done'],
  startStepId: 'committed',
  steps: [
    { id: 'backlog', name: 'Backlog', waitStatuses: ['Backlog'], activeStatuses: [] },
    { id: 'committed', name: 'Committed', waitStatuses: ['Next'], activeStatuses: [] },
    { id: 'build', name: 'Build', waitStatuses: [], activeStatuses: ['Build'] },
    { id: 'test', name: 'Test', waitStatuses: ['Code review'], activeStatuses: ['QA'] },
  ],
  flows: [
    { from: 'backlog', to: 'committed' },
    { from: 'committed', to: 'build' },
    { from: 'build', to: 'test' },
  ],
};

type Stages = [backlog: string, committed: string | null, build: string | null, test: string | null, done: string | null];
// conftest.py large_cycle_time_results: each issue's stage dates (NaT = null), in its order A-1 … A-18.
const LARGE: Stages[] = [
  ['2018-01-01', null, null, null, null],
  ['2018-01-02', null, null, null, null],
  ['2018-01-03', null, null, null, null],
  ['2018-01-01', '2018-01-02', null, null, null],
  ['2018-01-01', '2018-01-03', null, null, null],
  ['2018-01-01', '2018-01-03', null, null, null],
  ['2018-01-01', '2018-01-02', '2018-01-03', null, null],
  ['2018-01-01', '2018-01-02', '2018-01-04', null, null],
  ['2018-01-01', '2018-01-02', '2018-01-04', null, null],
  ['2018-01-01', '2018-01-02', '2018-01-03', '2018-01-04', null],
  ['2018-01-01', '2018-01-02', '2018-01-03', '2018-01-05', null],
  ['2018-01-01', '2018-01-02', '2018-01-03', '2018-01-05', null],
  ['2018-01-01', '2018-01-02', '2018-01-03', '2018-01-04', '2018-01-07'],
  ['2018-01-01', '2018-01-02', '2018-01-03', '2018-01-05', '2018-01-07'],
  ['2018-01-01', '2018-01-03', '2018-01-03', '2018-01-05', '2018-01-08'],
  ['2018-01-01', '2018-01-03', '2018-01-03', '2018-01-04', '2018-01-08'],
  ['2018-01-01', '2018-01-04', '2018-01-05', '2018-01-05', '2018-01-09'],
  ['2018-01-01', '2018-01-05', '2018-01-06', '2018-01-08', '2018-01-09'],
];

/** An issue created in Backlog on its backlog date, entering each later stage an hour apart on its date. */
function fromStages(key: string, s: Stages): SimpleItem {
  const statuses = ['Next', 'Build', 'QA', 'Done'];
  const changes: SimpleItem['changes'] = [];
  let prev = 'Backlog';
  s.slice(1).forEach((d, i) => {
    if (d === null) return;
    changes.push({ at: day(d) + (i + 1) * H, from: prev, to: statuses[i]! });
    prev = statuses[i]!;
  });
  return { key, createdAt: day(s[0]), initialStatus: 'Backlog', changes };
}

const q = { asOf: '2018-01-10T00:00:00Z', from: '2018-01-01T00:00:00Z', to: '2018-01-10T00:00:00Z' };

describe("jira-agile-metrics' own expected values for large_cycle_time_results", () => {
  const w = metricsWorkspace(
    tmp.file('large.vsm'),
    JAM_MAP,
    LARGE.map((s, i) => fromStages(`A-${i + 1}`, s)),
  );
  const mapId = w.mapId;
  afterAll(() => w.core.close());

  it('wip_test.py test_calculate_wip: WIP 0, 9, 13, 14, 15, 15, 13, 11, 9 from 2018-01-01 to 2018-01-09', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(s.convention).toMatchObject({ name: 'jira-agile-metrics', unit: 'days' });
    expect(s.days).toEqual(['2018-01-01', '2018-01-02', '2018-01-03', '2018-01-04', '2018-01-05', '2018-01-06', '2018-01-07', '2018-01-08', '2018-01-09']);
    expect(s.wipRun.total).toEqual([0, 9, 13, 14, 15, 15, 13, 11, 9]);
    // The same test's CFD table, its Done column: 0 … 0, 2, 4, 6.
    expect(s.cfd.done).toEqual([0, 0, 0, 0, 0, 0, 2, 4, 6]);
  });

  it('throughput_test.py test_calculate_throughput: 2, 2, 2 a day on the days items were done', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(s.throughputDaily!.map((d) => d.count)).toEqual([0, 0, 0, 0, 0, 0, 2, 2, 2]);
    expect(s.throughputDaily![6]!.keys).toEqual(['A-13', 'A-14']);
  });

  it('histogram_test.py test_calculate_histogram: 0, 0, 0, 0, 1, 5 items in the day bins 0–1 … 5–6', async () => {
    const c = await w.core.call('flowCharts', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(c.convention?.name).toBe('jira-agile-metrics');
    expect(c.cycleHistogram.binHours).toBe(24);
    expect(c.cycleHistogram.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 5]);
    expect(c.items).toEqual({ completed: 6, withCycleTime: 6 });
  });

  it('percentiles_test.py test_calculate_percentiles: p10 4.5 days, p50 5 days, p90 5 days', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q, convention: 'jira-agile-metrics' });
    const days = rowsOf(s.scatter.points)
      .map((p) => p.cycleTimeHours! / 24)
      .sort((a, b) => a - b);
    expect(days).toEqual([4, 5, 5, 5, 5, 5]);
    expect([0.1, 0.5, 0.9].map((p) => conventionPercentile('jira-agile-metrics', days, p))).toEqual([4.5, 5, 5]);
    expect(s.scatter.cycleTimeHours.p50).toBe(5 * 24);
    const f = await w.core.call('conventionFigures', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(f.cycleTime.p50).toBe(5);
  });

  it("the map's committed step is where the conventions count from (absent: the first step)", async () => {
    // From Backlog (created 2018-01-01) instead of Committed, the six done items' cycle times are 6, 6, 7, 7, 8, 8 days.
    const fromBacklog = await w.core.call('conventionFigures', { mapId, ...q, convention: 'jira-agile-metrics', startStepId: 'backlog' });
    expect(fromBacklog.cycleTime.p50).toBe(7);
    const items = await w.core.call('metricItems', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(items.items.find((r) => r.key === 'A-18')!.convention).toMatchObject({ cycle: 4, lead: 8, completedInWindow: true });
    expect(() => parseMapDoc({ ...JAM_MAP, startStepId: 'review' })).toThrow(FlowmapError);
    expect(() => parseMapDoc({ ...JAM_MAP, startStepId: 'review' })).toThrow(/startStepId "review" is not a step of this map/);
  });

  it('jirametrics on the same items: both ends counted (6, 6, 6, 6, 6, 5 days), WIP until the done day included', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q, convention: 'jirametrics' });
    expect(rowsOf(s.scatter.points).map((p) => p.cycleTimeHours! / 24)).toEqual([6, 6, 6, 6, 6, 5]);
    expect(s.wipRun.total).toEqual([0, 9, 13, 14, 15, 15, 15, 13, 11]);
    expect(s.throughputDaily!.map((d) => d.count)).toEqual([0, 0, 0, 0, 0, 0, 2, 2, 2]);
    // Percentile at index ⌊n·p⌋: p50 of [5, 6, 6, 6, 6, 6] is sorted[3] = 6.
    expect(s.scatter.cycleTimeHours.p50).toBe(6 * 24);
    const c = await w.core.call('flowCharts', { mapId, ...q, convention: 'jirametrics' });
    expect(c.cycleHistogram.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 5]);
  });

  it('ageingwip_test.py test_calculate_ageing_wip (today 2018-01-10): A-4 8, A-5 7, A-6 7 in Committed, A-7 … A-9 8 in Build, A-10 … A-12 8 in Test; jirametrics +1 (cycletime_config.rb `age`)', async () => {
    const jam = await w.core.call('flowSeries', { mapId, ...q, convention: 'jira-agile-metrics' });
    const ages = Object.fromEntries(rowsOf(jam.aging.items).map((i) => [i.key, [i.stepId, i.ageHours / 24]]));
    // The backlog items never started: not in the chart.
    expect(ages).toEqual({
      'A-4': ['committed', 8],
      'A-5': ['committed', 7],
      'A-6': ['committed', 7],
      'A-7': ['build', 8],
      'A-8': ['build', 8],
      'A-9': ['build', 8],
      'A-10': ['test', 8],
      'A-11': ['test', 8],
      'A-12': ['test', 8],
    });
    const jm = await w.core.call('flowSeries', { mapId, ...q, convention: 'jirametrics' });
    expect(rowsOf(jm.aging.items).find((i) => i.key === 'A-5')!.ageHours).toBe(8 * 24);
    expect(jm.aging.steps.map((x) => [x.id, x.count])).toEqual([
      ['backlog', 0],
      ['committed', 3],
      ['build', 3],
      ['test', 3],
    ]);
  });

  it('the items behind a bin, a day and an aging column are those the charts count under the convention', async () => {
    const base = { mapId, ...q, convention: 'jira-agile-metrics' as const };
    const bin = await w.core.call('chartItems', { ...base, select: { kind: 'cycle-bin', binHours: 24, bins: 6, index: 5 } });
    expect(bin.count).toBe(5);
    expect(bin.items.every((i) => i.cycleTimeHours === 120)).toBe(true);
    const doneDay = await w.core.call('chartItems', { ...base, select: { kind: 'done-day', day: '2018-01-08' } });
    expect(doneDay.items.map((i) => i.key).sort()).toEqual(['A-15', 'A-16']);
    const aging = await w.core.call('chartItems', { ...base, select: { kind: 'aging', stepId: 'build' } });
    expect(aging.items.map((i) => [i.key, i.ageHours])).toEqual([
      ['A-7', 192],
      ['A-8', 192],
      ['A-9', 192],
    ]);
    const wip = await w.core.call('chartItems', { ...base, select: { kind: 'wip', at: '2018-01-08T00:00:00.000Z' } });
    expect(wip.count).toBe(13);
  });

  it("waste: unfinished items older than the convention's cycle-time p85, by its ages", async () => {
    const jam = await w.core.call('wasteAnalysis', { mapId, ...q, convention: 'jira-agile-metrics' });
    // p85 of 4, 5, 5, 5, 5, 5 days is 5 days; every started item is 7 or 8 days old.
    expect(jam.cycleTimeP85Hours).toBe(120);
    expect(jam.steps.map((s) => [s.id, s.agingPastP85])).toEqual([
      ['backlog', 0],
      ['committed', 3],
      ['build', 3],
      ['test', 3],
    ]);
    // Flowmap counts from the first mapped status (Backlog, at creation): p85 196 h, and A-1 (216 h in the backlog) is aging too.
    const fm = await w.core.call('wasteAnalysis', { mapId, ...q });
    expect(fm.steps.find((s) => s.id === 'backlog')!.agingPastP85).toBe(1);
  });

  it("the report's model carries the convention's headline, and its title block says which rules the figures follow", async () => {
    const model = await w.core.call('reportModel', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(model.metrics.convention).toMatchObject({ convention: 'jira-agile-metrics', done: 6, cycleTime: { p50: 5 } });
    expect(durationText(model.metrics)).toMatch(/; cycle and lead time by the jira-agile-metrics convention \(whole days between the local dates/);
    const own = await w.core.call('reportModel', { mapId, ...q });
    expect(own.metrics.convention).toBeUndefined();
    expect(durationText(own.metrics)).not.toMatch(/convention/);
  });

  it('flowmap keeps its figures: no convention tag, the same series as a query that names none', async () => {
    const none = await w.core.call('flowSeries', { mapId, ...q });
    expect(none.convention).toBeUndefined();
    expect(await w.core.call('flowSeries', { mapId, ...q, convention: 'flowmap' })).toEqual(none);
    const charts = await w.core.call('flowCharts', { mapId, ...q, convention: 'flowmap' });
    expect(charts.convention).toBeUndefined();
    // Exact hours from creation (the first mapped status): A-13 created 2018-01-01 00:00, done 2018-01-07 04:00.
    expect(rowsOf(none.scatter.points).find((p) => p.key === 'A-13')!.cycleTimeHours).toBe(148);
  });
});

describe("jira-agile-metrics' ageingwip_test.py test_calculate_ageing_wip_with_skipped_columns", () => {
  // jira_with_skipped_columns: created 2018-01-01 08:15; skip Committed, A-15 goes straight to Done.
  const at = (d: string) => Date.parse(`${d.replace(' ', 'T')}Z`);
  const created = at('2018-01-01 08:15:00');
  const w = metricsWorkspace(tmp.file('skipped.vsm'), JAM_MAP, [
    {
      key: 'A-13',
      createdAt: created,
      initialStatus: 'Backlog',
      changes: [
        { at: at('2018-01-02 08:15:00'), from: 'Backlog', to: 'Next' },
        { at: at('2018-01-03 08:15:00'), from: 'Next', to: 'Build' },
      ],
    },
    { key: 'A-14', createdAt: created, initialStatus: 'Backlog', changes: [{ at: at('2018-01-02 08:15:00'), from: 'Backlog', to: 'Build' }] },
    { key: 'A-15', createdAt: created, initialStatus: 'Backlog', changes: [{ at: at('2018-01-02 08:15:00'), from: 'Backlog', to: 'Done' }] },
    { key: 'A-16', createdAt: created, initialStatus: 'Backlog', changes: [{ at: at('2018-01-03 08:15:00'), from: 'Backlog', to: 'Build' }] },
  ]);
  afterAll(() => w.core.close());

  it("ages 8, 8 and 7 days in Build (a skipped Committed takes the next step's date); A-15 is done", async () => {
    const s = await w.core.call('flowSeries', { mapId: w.mapId, asOf: '2018-01-10T08:30:00Z', from: '2018-01-01T00:00:00Z', convention: 'jira-agile-metrics' });
    expect(
      rowsOf(s.aging.items)
        .map((i) => [i.key, i.stepId, i.ageHours / 24])
        .sort(),
    ).toEqual([
      ['A-13', 'build', 8],
      ['A-14', 'build', 8],
      ['A-16', 'build', 7],
    ]);
  });
});

describe('hand-computed: a backward move, a same-day item, a reopened item', () => {
  const items: SimpleItem[] = [
    // Back to the backlog after Build: jira-agile-metrics erases Committed and counts from the re-entry (01-06).
    {
      key: 'B-1',
      createdAt: day('2018-01-01'),
      initialStatus: 'Backlog',
      changes: [
        { at: day('2018-01-02') + H, from: 'Backlog', to: 'Next' },
        { at: day('2018-01-03') + H, from: 'Next', to: 'Build' },
        { at: day('2018-01-04') + H, from: 'Build', to: 'Backlog' },
        { at: day('2018-01-06') + H, from: 'Backlog', to: 'Next' },
        { at: day('2018-01-08') + H, from: 'Next', to: 'Done' },
      ],
    },
    // Committed at 10:00 and done at 15:00 the same day: 5 h, 1 day in jirametrics, 0 in jira-agile-metrics.
    {
      key: 'S-1',
      createdAt: day('2018-01-03'),
      initialStatus: 'Backlog',
      changes: [
        { at: day('2018-01-03') + 10 * H, from: 'Backlog', to: 'Next' },
        { at: day('2018-01-03') + 15 * H, from: 'Next', to: 'Done' },
      ],
    },
    // Done on 01-04, reopened into Build on 01-05: jirametrics keeps the first done; Flowmap and jira-agile-metrics do not.
    {
      key: 'R-1',
      createdAt: day('2018-01-01'),
      initialStatus: 'Backlog',
      changes: [
        { at: day('2018-01-02') + H, from: 'Backlog', to: 'Next' },
        { at: day('2018-01-04') + H, from: 'Next', to: 'Done' },
        { at: day('2018-01-05') + H, from: 'Done', to: 'Build' },
      ],
    },
  ];
  const w = metricsWorkspace(tmp.file('hand.vsm'), JAM_MAP, items);
  const mapId = w.mapId;
  afterAll(() => w.core.close());
  const point = (s: FlowSeries, key: string) => rowsOf(s.scatter.points).find((p) => p.key === key);

  it('under jira-agile-metrics: B-1 counts 2 days from its last commitment, S-1 0 days, R-1 is unfinished', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q, convention: 'jira-agile-metrics' });
    expect(point(s, 'B-1')).toMatchObject({ cycleTimeHours: 48, day: '2018-01-08' });
    expect(point(s, 'S-1')).toMatchObject({ cycleTimeHours: 0, day: '2018-01-03' });
    expect(point(s, 'R-1')).toBeUndefined();
    expect(rowsOf(s.aging.items).map((i) => [i.key, i.ageHours / 24])).toEqual([['R-1', 8]]);
    // WIP: R-1 from 01-02 on; B-1 only from its re-commitment on 01-06 until before its done day; S-1 never (done the same day).
    expect(s.wipRun.total).toEqual([0, 1, 1, 1, 1, 2, 2, 1, 1]);
  });

  it('under jirametrics: B-1 counts 7 days from its first commitment, S-1 1 day, R-1 done on 01-04 (first done)', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q, convention: 'jirametrics' });
    expect(point(s, 'B-1')).toMatchObject({ cycleTimeHours: 7 * 24, day: '2018-01-08' });
    expect(point(s, 'S-1')).toMatchObject({ cycleTimeHours: 24, day: '2018-01-03' });
    expect(point(s, 'R-1')).toMatchObject({ cycleTimeHours: 3 * 24, day: '2018-01-04' });
    expect(rowsOf(s.aging.items)).toEqual([]);
    expect(s.throughputDaily!.map((d) => d.count)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    // Both ends counted: S-1 is in progress on 01-03; B-1 from 01-02 to 01-08; R-1 from 01-02 to 01-04.
    expect(s.wipRun.total).toEqual([0, 2, 3, 2, 1, 1, 1, 1, 0]);
    const c = await w.core.call('flowCharts', { mapId, ...q, convention: 'jirametrics' });
    expect(c.cycleHistogram.bins.map((b) => b.count)).toEqual([0, 1, 0, 1, 0, 0, 0, 1]);
  });

  it('under flowmap: exact hours from the first mapped status, R-1 reopened is not done, S-1 is 15 hours', async () => {
    const s = await w.core.call('flowSeries', { mapId, ...q });
    expect(point(s, 'S-1')!.cycleTimeHours).toBe(15);
    expect(point(s, 'R-1')).toBeUndefined();
    expect(s.throughputDaily!.map((d) => d.count)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0]);
  });
});

describe('jirametrics: an item done without a start is in progress from its creation (daily_wip_chart.rb)', () => {
  it('counts in the WIP run from its creation date to its stop date, with no cycle time', async () => {
    const w = metricsWorkspace(tmp.file('nostart.vsm'), JAM_MAP, [
      { key: 'N-1', createdAt: day('2018-01-02'), initialStatus: 'Backlog', changes: [{ at: day('2018-01-04') + H, from: 'Backlog', to: 'Done' }] },
    ]);
    const s = await w.core.call('flowSeries', { mapId: w.mapId, ...q, convention: 'jirametrics' });
    expect(s.wipRun.total).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(rowsOf(s.scatter.points)).toMatchObject([{ key: 'N-1', cycleTimeHours: null, leadTimeHours: 3 * 24 }]);
    expect(
      (await w.core.call('chartItems', { mapId: w.mapId, ...q, convention: 'jirametrics', select: { kind: 'wip', at: '2018-01-04T00:00:00.000Z' } })).count,
    ).toBe(1);
    // jira-agile-metrics dates the skipped steps with the done date: started and done the same day, never in progress.
    expect((await w.core.call('flowSeries', { mapId: w.mapId, ...q, convention: 'jira-agile-metrics' })).wipRun.total.every((x) => x === 0)).toBe(true);
    w.core.close();
  });
});

describe('time zones and DST (Europe/Berlin, clocks go forward on 29 March 2026)', () => {
  const map = parseMapDoc({ ...JAM_MAP, startStepId: undefined, calendar: { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] } });
  const binding = bindMap(map);
  // Started 28 Mar 23:30 CET (22:30Z), done 30 Mar 00:30 CEST (29 Mar 22:30Z): 24 h elapsed over three local dates.
  const it1 = {
    createdAt: Date.parse('2026-03-28T22:00:00Z'),
    initialStatus: 'Backlog',
    count: 2,
    at: [Date.parse('2026-03-28T22:30:00Z'), Date.parse('2026-03-29T22:30:00Z')],
    from: ['Backlog', 'Next'],
    to: ['Next', 'Done'],
  };
  const under = (c: 'jirametrics' | 'jira-agile-metrics', timeZone: string) =>
    itemUnderConvention(c, it1, binding, { timeZone, startStage: 1, flowmap: { start: null, done: null } });

  it('counts local dates in the map time zone: 3 days (both ends) in Berlin, 2 in UTC; done on 30 March there', () => {
    expect(under('jirametrics', 'Europe/Berlin')).toMatchObject({ cycle: 3, doneDate: '2026-03-30' });
    expect(under('jirametrics', 'UTC')).toMatchObject({ cycle: 2, doneDate: '2026-03-29' });
    expect(under('jira-agile-metrics', 'Europe/Berlin')).toMatchObject({ cycle: 2, doneDate: '2026-03-30' });
  });

  it("an unfinished item's age across the change: 28 Mar → asOf 29 Mar 23:00 CEST is 2 days (jirametrics)", () => {
    const open = { ...it1, count: 1, at: it1.at.slice(0, 1), from: it1.from.slice(0, 1), to: it1.to.slice(0, 1) };
    const v = itemUnderConvention('jirametrics', open, binding, {
      timeZone: 'Europe/Berlin',
      startStage: 1,
      asOf: Date.parse('2026-03-29T21:00:00Z'),
      flowmap: { start: null, done: null },
    });
    expect(v).toMatchObject({ done: null, age: 2 });
  });

  it('the series count the done day in the map time zone under a day convention', async () => {
    const w = metricsWorkspace(
      tmp.file('dst.vsm'),
      { ...JAM_MAP, startStepId: undefined, calendar: { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] } },
      [
        {
          key: 'D-1',
          createdAt: it1.createdAt,
          initialStatus: 'Backlog',
          changes: [
            { at: it1.at[0]!, from: 'Backlog', to: 'Next' },
            { at: it1.at[1]!, from: 'Next', to: 'Done' },
          ],
        },
      ],
    );
    const s = await w.core.call('flowSeries', { mapId: w.mapId, asOf: '2026-04-01T00:00:00Z', from: '2026-03-27T23:00:00Z', convention: 'jirametrics' });
    // Days of the grid: 28, 29, 30, 31 March and 1 April (local).
    expect(s.days.slice(0, 4)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
    expect(s.throughputDaily!.find((d) => d.count > 0)!.day).toBe('2026-03-30');
    // From creation (28 Mar, the backlog is the first step) to 30 Mar, both ends: 3 days.
    expect(rowsOf(s.scatter.points)[0]!.cycleTimeHours).toBe(3 * 24);
    w.core.close();
  });
});

describe('on the demo workspace: every chart, its drill-down and the headline agree under each convention', () => {
  const file = tmp.file('demo.vsm');
  const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  afterAll(() => core.close());

  for (const convention of ['jirametrics', 'jira-agile-metrics', 'actionable-agile'] as const) {
    it(`${convention}: the headline's count and percentiles, the series and the items behind bins, days and WIP`, { timeout: 60_000 }, async () => {
      const mapId = (await core.getMap({}))!.id;
      const q = { mapId, convention };
      const [c, s, f] = await Promise.all([core.flowCharts(q), core.flowSeries(q), core.conventionFigures(q)]);
      expect(c.convention?.name).toBe(convention);
      // The same items as the headline: done in the window by the convention's rule, with its percentiles.
      expect(c.items.completed).toBe(f.done);
      expect(c.items.withCycleTime).toBe(f.withCycleTime);
      expect(rowsOf(s.scatter.points).length).toBe(f.done);
      expect(s.scatter.cycleTimeHours).toEqual({ p50: f.cycleTime.p50 * 24, p85: f.cycleTime.p85 * 24, p95: f.cycleTime.p95 * 24 });
      expect(c.cycleHistogram.cycleTimeHours.p85).toBe(f.cycleTime.p85 * 24);
      expect(c.leadVsCycle.leadTimeHours.p50).toBe(f.leadTime.p50 * 24);
      expect(s.throughputDaily!.reduce((a, d) => a + d.count, 0)).toBe(f.done);
      // Whole days: every value sits on a day boundary, and the bins are whole days wide.
      expect(rowsOf(s.scatter.points).every((p) => p.cycleTimeHours === null || Number.isInteger(p.cycleTimeHours / 24))).toBe(true);
      expect(c.cycleHistogram.binHours % 24).toBe(0);
      const count = async (select: Parameters<typeof core.chartItems>[0]['select']) => (await core.chartItems({ ...q, select, limit: 1 })).count;
      const { binHours, bins } = c.cycleHistogram;
      for (let i = 0; i < bins.length; i += 7)
        expect(await count({ kind: 'cycle-bin', binHours, bins: bins.length, index: i }), `cycle bin ${i}`).toBe(bins[i]!.count);
      const daily = s.throughputDaily!;
      for (let d = 0; d < daily.length; d += 73) expect(await count({ kind: 'done-day', day: daily[d]!.day }), daily[d]!.day).toBe(daily[d]!.count);
      for (let k = 0; k < s.throughputWeekly.length; k += 19)
        expect(await count({ kind: 'done-week', weekStart: s.throughputWeekly[k]!.weekStart })).toBe(s.throughputWeekly[k]!.count);
      for (let d = 0; d < s.days.length; d += 97) expect(await count({ kind: 'wip', at: s.sampledAt[d]! }), `WIP ${s.days[d]}`).toBe(s.wipRun.total[d]);
      expect(await count({ kind: 'aging', stepId: null })).toBe(rowsOf(s.aging.items).filter((x) => x.stepId === null).length);
      // The CFD's done line ends at every item the convention counts done by the window's end.
      expect(s.cfd.done.at(-1)).toBeGreaterThanOrEqual(f.done);
    });
  }
});
