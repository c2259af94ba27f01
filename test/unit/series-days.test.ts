// A day is [00:00, 24:00) in the query's time zone, in every series: an event at exactly 00:00 counts on the
// day it starts. CSV imports are all midnights, so they show an off-by-one at once; the hand-computed cases
// below fix the expected values, and the CFD must agree with the scatter and the weekly throughput.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import type { FlowSeries } from '../../shared/metrics/series.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { REPO_ROOT } from '../fixtures/devlake.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

const tmp = tempDir('flowmap-series-days-');
afterAll(() => tmp.cleanup());

const CSV_MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'CSV',
  doneStatuses: ['Done'],
  steps: [
    { id: 'analysis', name: 'Analysis', activeStatuses: ['Analysis'], waitStatuses: [] },
    { id: 'dev', name: 'Development', activeStatuses: ['Development'], waitStatuses: [] },
    { id: 'review', name: 'Review', activeStatuses: ['Review'], waitStatuses: [] },
  ],
  flows: [],
};

const at = (s: FlowSeries, day: string, xs: number[]) => {
  const d = s.days.indexOf(day);
  expect(d, `day ${day} in the series`).toBeGreaterThanOrEqual(0);
  return xs[d];
};

/** Items done on each day by the CFD must be the scatter's points of that day (nothing clipped by `from`). */
function expectCfdMatchesScatter(s: FlowSeries) {
  const perDay = new Map<string, number>();
  for (const p of rowsOf(s.scatter.points)) perDay.set(p.day!, (perDay.get(p.day!) ?? 0) + 1);
  const base = s.cfd.done[0]! - (perDay.get(s.days[0]!) ?? 0);
  for (let d = 0; d < s.days.length; d++) {
    const prev = d === 0 ? base : s.cfd.done[d - 1]!;
    expect(s.cfd.done[d]! - prev, `items done on ${s.days[d]}`).toBe(perDay.get(s.days[d]!) ?? 0);
  }
  // Weekly throughput is the same days grouped by week.
  const weekly = s.throughputWeekly.reduce((a, w) => a + w.count, 0);
  expect(weekly).toBe(rowsOf(s.scatter.points).length);
}

describe('series days on the ActionableAgile-style CSV (every date a midnight)', async () => {
  const file = tmp.file('csv.vsm');
  const core = createCore({ workspacePath: file, db: openWorkspace(file, { create: true }) });
  afterAll(() => core.close());
  await core.importCsv({ path: path.join(REPO_ROOT, 'test', 'fixtures', 'csv', 'actionable-agile.csv') });
  const { id: mapId } = await core.saveMap({ map: CSV_MAP });
  const s = await core.flowSeries({ mapId, asOf: '2026-01-20T00:00:00Z' });

  it('counts an event at 00:00 on the day it starts (hand-computed)', () => {
    expect(s.days[0]).toBe('2026-01-05');
    expect(s.days.at(-1)).toBe('2026-01-19');
    const analysis = s.cfd.steps[0]!;
    // FLOW-4 enters Analysis 5 Jan 15:30Z, FLOW-1 6 Jan 00:00, FLOW-3 7 Jan 00:00.
    expect(analysis.arrivals.slice(0, 4)).toEqual([1, 2, 3, 3]);
    // FLOW-4 leaves 6 Jan 10:00Z, FLOW-1 8 Jan 00:00.
    expect(analysis.departures.slice(0, 5)).toEqual([0, 1, 1, 2, 2]);
    expect(s.wipRun.steps[0]!.values.slice(0, 5)).toEqual([1, 1, 2, 1, 1]);
    // FLOW-2 done 9 Jan 00:00, FLOW-1 done 13 Jan 00:00.
    expect(at(s, '2026-01-08', s.cfd.done)).toBe(0);
    expect(at(s, '2026-01-09', s.cfd.done)).toBe(1);
    expect(at(s, '2026-01-12', s.cfd.done)).toBe(1);
    expect(at(s, '2026-01-13', s.cfd.done)).toBe(2);
    expect(rowsOf(s.scatter.points).map((p) => [p.key, p.day])).toEqual([
      ['FLOW-2', '2026-01-09'],
      ['FLOW-1', '2026-01-13'],
    ]);
    expect(s.throughputWeekly).toEqual([
      { weekStart: '2026-01-05', count: 1, daysInWindow: 7 },
      { weekStart: '2026-01-12', count: 1, daysInWindow: 7 },
      { weekStart: '2026-01-19', count: 0, daysInWindow: 1 },
    ]);
  });

  it('the CFD agrees with the scatter and the weekly throughput', () => expectCfdMatchesScatter(s));
});

describe('series days in a time zone', () => {
  const MAP = { ...CSV_MAP, name: 'TZ', steps: [{ id: 'dev', name: 'Dev', activeStatuses: ['Dev'], waitStatuses: [] }] };
  // Berlin midnight on 10 Jan 2026 is 9 Jan 23:00Z; Auckland's on 10 Jan is 9 Jan 11:00Z (NZDT, +13).
  const berlinMidnight = Date.UTC(2026, 0, 9, 23);
  const w = metricsWorkspace(tmp.file('tz.vsm'), MAP, [
    { key: 'A', createdAt: Date.UTC(2026, 0, 5, 12), initialStatus: 'Dev', changes: [{ at: berlinMidnight, from: 'Dev', to: 'Done' }] },
    { key: 'B', createdAt: Date.UTC(2026, 0, 5, 12), initialStatus: 'Dev', changes: [{ at: berlinMidnight - 1, from: 'Dev', to: 'Done' }] },
  ]);
  afterAll(() => w.core.close());

  it('puts a done at local 00:00 on the new local day, one millisecond earlier on the day before', async () => {
    const calendar = { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] };
    const s = await w.core.flowSeries({ mapId: w.mapId, asOf: '2026-01-15T00:00:00Z', calendar });
    expect(rowsOf(s.scatter.points).map((p) => [p.key, p.day])).toEqual([
      ['B', '2026-01-09'],
      ['A', '2026-01-10'],
    ]);
    expect(at(s, '2026-01-09', s.cfd.done)).toBe(1);
    expect(at(s, '2026-01-10', s.cfd.done)).toBe(2);
    expect(at(s, '2026-01-09', s.wipRun.total)).toBe(1);
    expect(at(s, '2026-01-10', s.wipRun.total)).toBe(0);
    expectCfdMatchesScatter(s);
    // In UTC both are done on 9 Jan (22:59:59.999Z and 23:00Z).
    const u = await w.core.flowSeries({ mapId: w.mapId, asOf: '2026-01-15T00:00:00Z' });
    expect(rowsOf(u.scatter.points).map((p) => p.day)).toEqual(['2026-01-09', '2026-01-09']);
    expect(at(u, '2026-01-08', u.cfd.done)).toBe(0);
    expect(at(u, '2026-01-09', u.cfd.done)).toBe(2);
    const nz = await w.core.flowSeries({ mapId: w.mapId, asOf: '2026-01-15T00:00:00Z', calendar: { ...calendar, timeZone: 'Pacific/Auckland' } });
    expect(rowsOf(nz.scatter.points).map((p) => p.day)).toEqual(['2026-01-10', '2026-01-10']);
  });
});

describe('series days on the demo workspace', () => {
  it('the CFD agrees with the scatter, the throughput and current WIP', async () => {
    const file = tmp.file('demo.vsm');
    const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
    try {
      const map = (await core.getMap({}))!;
      const [s, m] = await Promise.all([core.flowSeries({ mapId: map.id }), core.flowMetrics({ mapId: map.id })]);
      expectCfdMatchesScatter(s);
      expect(s.wipRun.total.at(-1)).toBe(m.wip.current);
    } finally {
      core.close();
    }
  });
});
