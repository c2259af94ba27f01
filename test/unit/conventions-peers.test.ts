// Conventions against the peers' own test suites: each case reproduces the expected value a peer's spec states
// for its fixture (the spec file is named in the test), and hand-computed cases for backward moves, same-day
// items, reopened items, time zones and DST. ActionableAgile is checked against its stage-date CSV semantics.
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { importStageCsv } from '../../shared/importers/csv-stages.ts';
import { bindMap } from '../../shared/metrics/binding.ts';
import { conventionPercentile, floorIndexPercentile, itemUnderConvention, type ConventionName, type ItemChanges } from '../../shared/metrics/conventions.ts';
import { parseMapDoc } from '../../shared/store/map-repo.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-conventions-peers-');
afterAll(() => tmp.cleanup());

const MAP = parseMapDoc({
  format: 'vsm-map',
  version: 1,
  name: 'peers',
  doneStatuses: ['Done'],
  steps: [
    { id: 'backlog', name: 'Backlog', waitStatuses: ['Backlog'], activeStatuses: [] },
    { id: 'doing', name: 'In Progress', waitStatuses: [], activeStatuses: ['In Progress'] },
    { id: 'review', name: 'Review', waitStatuses: [], activeStatuses: ['Review'] },
  ],
  flows: [
    { from: 'backlog', to: 'doing' },
    { from: 'doing', to: 'review' },
  ],
});
const binding = bindMap(MAP);
const at = (s: string) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);

/** An item created in `first` at `created`, then moved through `moves` ([instant, to]). */
function item(created: string, first: string, moves: [string, string][]) {
  const from = [first, ...moves.map((m) => m[1])].slice(0, moves.length);
  return { createdAt: at(created), initialStatus: first, count: moves.length, at: moves.map((m) => at(m[0])), from, to: moves.map((m) => m[1]) };
}
const under = (
  c: ConventionName,
  it: ItemChanges,
  o: { timeZone?: string; startStage?: number; flowmap?: { start: number | null; done: number | null } } = {},
) => itemUnderConvention(c, it, binding, { timeZone: o.timeZone ?? 'UTC', startStage: o.startStage ?? 1, flowmap: o.flowmap ?? { start: null, done: null } });

describe('jirametrics: its own specs', () => {
  it('spec/cycletime_histogram_spec.rb "handles a mix of issues": 2022-01-01 → 2022-01-04 is 4 days, 2022-01-01 → 01:00 the same day is 1', () => {
    const a = item('2021-12-20', 'Backlog', [
      ['2022-01-01', 'In Progress'],
      ['2022-01-04', 'Done'],
    ]);
    const b = item('2021-12-20', 'Backlog', [
      ['2022-01-01', 'In Progress'],
      ['2022-01-01T01:00:00Z', 'Done'],
    ]);
    expect(under('jirametrics', a).cycle).toBe(4);
    expect(under('jirametrics', b).cycle).toBe(1);
  });

  it('spec/cycletime_scatterplot_spec.rb "#y_value": SP-10 (created 2021-06-18, resolved 2021-09-06, start at creation) is 81 days', () => {
    // SP-10's own timestamps (spec/SP-10.json): created, the status changes, done with the resolution.
    const sp10 = item('2021-06-18T18:42:52.754+0000', 'Backlog', [
      ['2021-08-29T18:06:55.587+0000', 'In Progress'],
      ['2021-09-06T04:33:11.219+0000', 'Backlog'],
      ['2021-09-06T04:34:02.253+0000', 'In Progress'],
      ['2021-09-06T04:34:21.385+0000', 'Review'],
      ['2021-09-06T04:34:26.239+0000', 'Done'],
    ]);
    // default_cycletime_config starts at creation: the backlog step counts (startStage 0).
    expect(under('jirametrics', sp10, { startStage: 0 }).cycle).toBe(81);
    expect(under('jirametrics', sp10).lead).toBe(81);
  });

  it('spec/cycletime_scatterplot_spec.rb "#percentile_value" and "#compute_cap": p85 of 1…19, 500 is 18; p90 of 1…18, 18.4, 500 is 18.4', () => {
    const values = [...Array.from({ length: 19 }, (_, i) => i + 1), 500];
    expect(floorIndexPercentile(values, 0.85)).toBe(18);
    const fractional = [...Array.from({ length: 18 }, (_, i) => i + 1), 18.4, 500];
    expect(conventionPercentile('jirametrics', fractional, 0.9)).toBe(18.4);
  });

  it('spec/cycle_time_config_spec.rb "reports never-started when start and stop resolve to the same time"', () => {
    const same = item('2025-01-01', 'Backlog', [['2025-01-05', 'Done']]);
    const r = under('jirametrics', same, { startStage: 0 });
    expect(r.done).toBe(at('2025-01-05'));
    // The backlog entry is at creation (1 Jan), so it started; with the start step after Backlog, it never started.
    expect(r.cycle).toBe(5);
    expect(under('jirametrics', same)).toMatchObject({ start: null, cycle: null });
  });
});

describe('hand-computed cases', () => {
  it('a reopened item: jirametrics and ActionableAgile stop at the first done, jira-agile-metrics at the done after the move back, Flowmap is not done', () => {
    const reopened = item('2026-02-01T08:00:00Z', 'Backlog', [
      ['2026-02-02T09:00:00Z', 'In Progress'],
      ['2026-02-03T09:00:00Z', 'Done'],
      ['2026-02-04T09:00:00Z', 'In Progress'],
    ]);
    const fm = { start: at('2026-02-02T09:00:00Z'), done: null };
    expect(under('jirametrics', reopened, { flowmap: fm })).toMatchObject({ cycle: 2, rules: expect.arrayContaining(['reopened-not-done']) });
    expect(under('actionable-agile', reopened, { flowmap: fm }).cycle).toBe(2);
    expect(under('jira-agile-metrics', reopened, { flowmap: fm })).toMatchObject({ done: null, cycle: null });
  });

  it('a backward move from Review to In Progress: jira-agile-metrics keeps the first In Progress (a step before the move is not erased)', () => {
    const back = item('2026-02-01T08:00:00Z', 'Backlog', [
      ['2026-02-02T09:00:00Z', 'In Progress'],
      ['2026-02-04T09:00:00Z', 'Review'],
      ['2026-02-05T09:00:00Z', 'In Progress'],
      ['2026-02-09T09:00:00Z', 'Done'],
    ]);
    expect(under('jira-agile-metrics', back).cycle).toBe(7);
    expect(under('jirametrics', back).cycle).toBe(8);
    expect(under('actionable-agile', back).cycle).toBe(8);
  });

  it('DST: 8 Mar 2026 has 23 hours in New York; 00:30 EST → 23:30 EDT is 22 h, one local date, two UTC dates', () => {
    const dst = item('2026-03-01T12:00:00Z', 'Backlog', [
      ['2026-03-08T05:30:00Z', 'In Progress'], // 00:30 EST
      ['2026-03-09T03:30:00Z', 'Done'], // 23:30 EDT
    ]);
    expect((at('2026-03-09T03:30:00Z') - at('2026-03-08T05:30:00Z')) / 3_600_000).toBe(22);
    expect(under('jirametrics', dst, { timeZone: 'America/New_York' }).cycle).toBe(1);
    expect(under('jira-agile-metrics', dst, { timeZone: 'America/New_York' }).cycle).toBe(0);
    expect(under('jirametrics', dst, { timeZone: 'UTC' }).cycle).toBe(2);
    expect(under('jira-agile-metrics', dst, { timeZone: 'UTC' }).cycle).toBe(1);
  });

  it('jira-agile-metrics reads a change on the date written in the source: 23:30-0500 is that day, the next day in UTC', () => {
    const late = {
      ...item('2026-04-01T12:00:00Z', 'Backlog', [
        ['2026-04-02T14:00:00Z', 'In Progress'],
        ['2026-04-04T04:30:00Z', 'Done'],
      ]),
      offsetMin: [-300, -300],
    };
    // Written 2 Apr 09:00-0500 and 3 Apr 23:30-0500: 1 day; the map's UTC dates 2 Apr → 4 Apr: 2 days.
    expect(under('jira-agile-metrics', late)).toMatchObject({ cycle: 1, rules: expect.arrayContaining(['source-local-date']) });
    expect(under('jira-agile-metrics', { ...late, offsetMin: [null, null] }).cycle).toBe(2);
  });
});

describe('ActionableAgile: its stage-date CSV semantics (test/fixtures/csv/actionable-agile.csv)', () => {
  it('each column is the date the item first entered it, a blank column takes the next one, days = date difference + 1', async () => {
    const file = tmp.file('aa.vsm');
    const db = openWorkspace(file, { create: true });
    await importStageCsv(db, 'test/fixtures/csv/actionable-agile.csv');
    const core = createCore({ workspacePath: file, db });
    const { id: mapId } = await core.saveMap({
      map: {
        format: 'vsm-map',
        version: 1,
        name: 'AA board',
        doneStatuses: ['Done'],
        steps: ['Backlog', 'Analysis', 'Development', 'Review'].map((s) => ({ id: s.toLowerCase(), name: s, activeStatuses: [s], waitStatuses: [] })),
        flows: [
          { from: 'backlog', to: 'analysis' },
          { from: 'analysis', to: 'development' },
          { from: 'development', to: 'review' },
        ],
      },
    });
    const rows = async (startStepId: string) => {
      const c = await core.call('compareConventions', {
        mapId,
        asOf: '2026-02-01T00:00:00Z',
        a: 'actionable-agile',
        b: 'flowmap',
        startStepId,
        includeSame: true,
      });
      return Object.fromEntries(c.items.map((r) => [r.key, r.a.cycle]));
    };
    // FLOW-1: Backlog 5 Jan → Done 13 Jan = 9 days; FLOW-2: 5 Jan → 9 Jan = 5 days. FLOW-3 and -4 are not done.
    expect(await rows('backlog')).toEqual({ 'FLOW-1': 9, 'FLOW-2': 5 });
    // From Analysis: FLOW-2's blank Analysis takes Development's 7 Jan → 9 Jan = 3 days; FLOW-1 6 Jan → 13 Jan = 8.
    expect(await rows('analysis')).toEqual({ 'FLOW-1': 8, 'FLOW-2': 3 });
    core.close();
  });
});
