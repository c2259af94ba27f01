// Named conventions (issue 14): the peers' own test cases reproduced exactly, and hand-computed cases for
// backward moves, same-day items, reopened items and time zones.
import { afterAll, describe, expect, it } from 'vitest';
import { bindMap } from '../../shared/metrics/binding.ts';
import { conventionPercentile, itemUnderConvention, nearestRank, type ConventionName } from '../../shared/metrics/conventions.ts';
import { parseMapDoc } from '../../shared/store/map-repo.ts';
import { metricsWorkspace, type SimpleItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-conventions-');
afterAll(() => tmp.cleanup());

// The cycle of jira-agile-metrics' test settings (jira_agile_metrics/conftest.py, custom_settings): Backlog,
// Committed (Next, the accepted step), Build, Test (Code review, QA), Done (complete).
const JAM_MAP = parseMapDoc({
  format: 'vsm-map',
  version: 1,
  name: 'jam cycle',
  doneStatuses: ['Done'],
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
});
const binding = bindMap(JAM_MAP);
const t = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

function item(created: string, moves: [string, string, string][]) {
  return {
    createdAt: t(created),
    initialStatus: moves.length ? moves[0]![1] : 'Backlog',
    count: moves.length,
    at: moves.map((m) => t(m[0])),
    from: moves.map((m) => m[1]),
    to: moves.map((m) => m[2]),
  };
}
const under = (c: ConventionName, it: ReturnType<typeof item>, flowmap = { start: null as number | null, done: null as number | null }, startStage = 1) =>
  itemUnderConvention(c, it, binding, { timeZone: 'UTC', startStage, flowmap });

// jira_agile_metrics/calculators/cycletime_test.py, fixtures `jira` and `jira_with_skipped_columns`.
const A3 = item('2018-01-03 01:01:01', [
  ['2018-01-03 01:01:01', 'Backlog', 'Next'],
  ['2018-01-04 01:01:01', 'Next', 'Build'],
  ['2018-01-05 01:01:01', 'Build', 'QA'],
  ['2018-01-06 01:01:01', 'QA', 'Done'],
]);
const A4 = item('2018-01-04 01:01:01', [
  ['2018-01-04 01:01:01', 'Backlog', 'Next'],
  ['2018-01-05 01:01:01', 'Next', 'Build'],
  ['2018-01-06 01:01:01', 'Build', 'Next'],
]);
const A10 = item('2018-01-01 01:01:01', [
  ['2018-01-02 01:05:01', 'Backlog', 'Next'],
  ['2018-01-04 01:01:01', 'Next', 'Done'],
]);
const A11 = item('2018-01-01 01:01:01', [
  ['2018-01-02 01:05:01', 'Backlog', 'Build'],
  ['2018-01-04 01:01:01', 'Build', 'Done'],
]);

describe('jira-agile-metrics convention: its own test cases (calculators/cycletime_test.py)', () => {
  it('test_movement: A-3 Committed 2018-01-03, Done 2018-01-06 gives a cycle time of 3 days', () => {
    const r = under('jira-agile-metrics', A3);
    expect(r.cycle).toBe(3);
    expect(new Date(r.start!).toISOString().slice(0, 10)).toBe('2018-01-03');
    expect(new Date(r.done!).toISOString().slice(0, 10)).toBe('2018-01-06');
  });
  it('test_movement: A-4 moved back from Build to Next: not completed, Build erased', () => {
    expect(under('jira-agile-metrics', A4)).toMatchObject({ done: null, cycle: null });
  });
  it('test_movement_skipped_columns: A-10 (Next → Done) and A-11 (Backlog → Build → Done) are 2 days', () => {
    expect(under('jira-agile-metrics', A10).cycle).toBe(2);
    const a11 = under('jira-agile-metrics', A11);
    expect(a11.cycle).toBe(2);
    expect(a11.rules).toContain('skipped-step-filled');
  });
});

describe('jirametrics convention (lib/jirametrics/cycletime_config.rb)', () => {
  it('counts both ends: the same A-3 is 4 days, A-10 3 days', () => {
    expect(under('jirametrics', A3).cycle).toBe(4);
    expect(under('jirametrics', A10).cycle).toBe(3);
  });
  it('an item started and finished the same day is 1 day; at the same instant it was never started', () => {
    const sameDay = item('2018-02-01 08:00:00', [
      ['2018-02-01 09:00:00', 'Backlog', 'Next'],
      ['2018-02-01 17:00:00', 'Next', 'Done'],
    ]);
    expect(under('jirametrics', sameDay).cycle).toBe(1);
    const sameInstant = item('2018-02-01 08:00:00', [['2018-02-01 09:00:00', 'Backlog', 'Done']]);
    const r = under('jirametrics', sameInstant);
    expect(r.cycle).toBeNull();
    expect(r.done).not.toBeNull();
  });
  it('stops at the first entry into done, even when the item was reopened and finished again', () => {
    const reopened = item('2018-03-01 08:00:00', [
      ['2018-03-01 09:00:00', 'Backlog', 'Next'],
      ['2018-03-02 09:00:00', 'Next', 'Done'],
      ['2018-03-05 09:00:00', 'Done', 'Build'],
      ['2018-03-09 09:00:00', 'Build', 'Done'],
    ]);
    const last = t('2018-03-09 09:00:00');
    const r = under('jirametrics', reopened, { start: t('2018-03-01 08:00:00'), done: last });
    expect(r.cycle).toBe(2);
    expect(r.rules).toContain('first-done-kept');
    // jira-agile-metrics: the move back to Build wiped Done; done again on the 9th, from Committed on the 1st.
    expect(under('jira-agile-metrics', reopened).cycle).toBe(8);
  });
  it('reads dates in the time zone: 23:30Z and 00:30Z next day are one day apart in UTC, the same day in New York', () => {
    const late = item('2018-04-01 20:00:00', [
      ['2018-04-01 23:30:00', 'Backlog', 'Next'],
      ['2018-04-02 00:30:00', 'Next', 'Done'],
    ]);
    expect(itemUnderConvention('jirametrics', late, binding, { timeZone: 'UTC', startStage: 1, flowmap: { start: null, done: null } }).cycle).toBe(2);
    expect(itemUnderConvention('jirametrics', late, binding, { timeZone: 'America/New_York', startStage: 1, flowmap: { start: null, done: null } }).cycle).toBe(
      1,
    );
  });
});

describe('a backward move to the backlog', () => {
  // Committed on the 2nd, back to the backlog on the 3rd, committed again on the 5th, done on the 6th.
  const back = item('2018-01-01 01:00:00', [
    ['2018-01-02 10:00:00', 'Backlog', 'Next'],
    ['2018-01-03 10:00:00', 'Next', 'Backlog'],
    ['2018-01-05 10:00:00', 'Backlog', 'Next'],
    ['2018-01-06 10:00:00', 'Next', 'Done'],
  ]);
  it('erases the first commitment in jira-agile-metrics (start = last entry), not in jirametrics or ActionableAgile', () => {
    const jam = under('jira-agile-metrics', back);
    expect(jam.cycle).toBe(1);
    expect(jam.rules).toContain('backward-move-erased-start');
    expect(under('jirametrics', back).cycle).toBe(5);
    expect(under('actionable-agile', back).cycle).toBe(5);
  });
});

describe('percentile methods', () => {
  it('index ⌊n·p⌋ for jirametrics, nearest rank for ActionableAgile, R-7 for Flowmap and jira-agile-metrics', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(xs, 0.85)).toBe(9);
    expect(conventionPercentile('actionable-agile', xs, 0.5)).toBe(5);
    // jirametrics takes sorted[⌊10 × 50 / 100⌋] (spec/cycletime_scatterplot_spec.rb, see conventions-peers.test.ts).
    expect(conventionPercentile('jirametrics', xs, 0.5)).toBe(6);
    expect(conventionPercentile('flowmap', xs, 0.85)).toBeCloseTo(8.65, 10);
    expect(conventionPercentile('jira-agile-metrics', xs, 0.5)).toBe(5.5);
  });
});

describe('through the core: figures under every convention and the items that differ', () => {
  const H = 3_600_000;
  const base = Date.UTC(2018, 0, 1);
  const simple = (key: string, moves: [number, string | null, string][]): SimpleItem => ({
    key,
    createdAt: base,
    changes: moves.map(([h, from, to]) => ({ at: base + h * H, from, to })),
  });
  const items = [
    simple('S-1', [
      [1, 'Backlog', 'Next'],
      [75, 'Next', 'Build'],
      [97, 'Build', 'Done'],
    ]), // committed day 0 01:00, done day 4 01:00
    simple('S-2', [
      [30, 'Backlog', 'Next'],
      [34, 'Next', 'Done'],
    ]), // same day (day 1)
    simple('S-3', [
      [10, 'Backlog', 'Next'],
      [40, 'Next', 'Backlog'],
      [100, 'Backlog', 'Next'],
      [130, 'Next', 'Done'],
    ]),
  ];
  const { core, mapId } = metricsWorkspace(tmp.file('conv.vsm'), JAM_MAP, items);

  it("keeps Flowmap's own figures unchanged under the flowmap convention", async () => {
    const m = await core.call('flowMetrics', { mapId, asOf: '2018-02-01T00:00:00Z' });
    const f = await core.call('conventionFigures', { mapId, asOf: '2018-02-01T00:00:00Z' });
    expect(f.convention).toBe('flowmap');
    expect(f.unit).toBe('hours');
    expect(f.cycleTime).toEqual(m.cycleTimeHours);
    expect(f.leadTime).toEqual(m.leadTimeHours);
    expect(f.done).toBe(m.items.done);
  });

  it("gives each convention's cycle times, and lists the items that differ with the rule", async () => {
    const jm = await core.call('conventionFigures', { mapId, asOf: '2018-02-01T00:00:00Z', convention: 'jirametrics', startStepId: 'committed' });
    // S-1: day 0 → day 4 = 5 days; S-2: 1 day; S-3: day 0 → day 5 = 6 days. Nearest rank p50 of [1, 5, 6] = 5.
    expect(jm.cycleTime.p50).toBe(5);
    expect(jm.choices.some((c) => c.reference.includes('cycletime_config.rb'))).toBe(true);
    const cmp = await core.call('compareConventions', {
      mapId,
      asOf: '2018-02-01T00:00:00Z',
      a: 'jirametrics',
      b: 'jira-agile-metrics',
      startStepId: 'committed',
    });
    expect(cmp.figures.map((f) => f.convention)).toEqual(['flowmap', 'jirametrics', 'jira-agile-metrics', 'actionable-agile']);
    // S-3 changes most: jirametrics 6 days (first commitment), jira-agile-metrics 1 day (day 4 → day 5).
    expect(cmp.items[0]!.key).toBe('S-3');
    expect(cmp.items[0]!.a.cycle).toBe(6);
    expect(cmp.items[0]!.b.cycle).toBe(1);
    expect(cmp.items[0]!.differenceDays).toBe(-5);
    expect(cmp.items[0]!.rules.map((r) => r.rule)).toContain('backward-move-erased-start');
    await expect(core.call('compareConventions', { mapId, a: 'flowmap', b: 'jirametrics', startStepId: 'nope' })).rejects.toThrow(
      /startStepId "nope" is not a step/,
    );
  });
});

describe('vsm items --convention A --compare B --csv and vsm metrics --convention', () => {
  it('lists each item under both conventions with the rule that differs, and metrics states the convention', { timeout: 180_000 }, async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const path = await import('node:path');
    const run = promisify(execFile);
    const vsm = path.resolve('bin/vsm.mjs');
    const file = tmp.file('cli.vsm');
    const H = 3_600_000;
    const base = Date.UTC(2018, 0, 1);
    const { core } = metricsWorkspace(file, JAM_MAP, [
      {
        key: '=HACK',
        createdAt: base,
        changes: [
          { at: base + 10 * H, from: 'Backlog', to: 'Next' },
          { at: base + 40 * H, from: 'Next', to: 'Backlog' },
          { at: base + 100 * H, from: 'Backlog', to: 'Next' },
          { at: base + 130 * H, from: 'Next', to: 'Done' },
        ],
      },
    ]);
    core.close();
    const common = ['--workspace', file, '--map', 'jam cycle', '--as-of', '2018-02-01T00:00:00Z', '--start-step', 'committed'];
    const csv = (await run(process.execPath, [vsm, 'items', ...common, '--convention', 'jirametrics', '--compare', 'jira-agile-metrics', '--csv'])).stdout;
    const [head, row] = csv.trim().split('\r\n');
    expect(head).toBe(
      'key,jirametrics_start,jirametrics_done,jirametrics_cycle_days,jirametrics_lead_days,jira-agile-metrics_start,jira-agile-metrics_done,jira-agile-metrics_cycle_days,jira-agile-metrics_lead_days,difference_days,rules',
    );
    // The key starts with "=": neutralised so a spreadsheet does not run it.
    expect(row!.startsWith(`"'=HACK",`)).toBe(true);
    expect(row).toContain(',6,6,');
    expect(row).toContain(',-5,');
    expect(row).toMatch(/jira-agile-metrics: a backward move erased the earlier start/);
    const human = (await run(process.execPath, [vsm, 'metrics', ...common, '--convention', 'jirametrics'])).stdout;
    expect(human).toMatch(/Under the jirametrics convention \(whole calendar days counting both ends/);
    expect(human).toMatch(/Cycle time: p50 6 d/);
    const json = JSON.parse((await run(process.execPath, [vsm, 'metrics', ...common, '--convention', 'jira-agile-metrics', '--json'])).stdout);
    expect(json.convention).toMatchObject({ convention: 'jira-agile-metrics', unit: 'days', cycleTime: { p50: 1 } });
    await expect(run(process.execPath, [vsm, 'items', ...common, '--convention', 'nope', '--csv'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/--convention "nope": expected one of flowmap, jirametrics/),
    });
  });
});
