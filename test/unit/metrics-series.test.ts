// Chart series, forecasts, blocked time and the working calendar, on hand-computed data and on
// consistency between figures that must agree.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import { workingClock } from '../../shared/metrics/calendar.ts';
import { monteCarlo } from '../../shared/metrics/forecast.ts';
import { createDemoWorkspace } from '../../shared/demo/create-demo-workspace.ts';
import { createCore } from '../../shared/core/create-core.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';
import { rowsOf } from '../../shared/domain/column-table.ts';

const H = 3_600_000;
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'M',
  doneStatuses: ['Done'],
  blockedStatuses: ['Blocked'],
  steps: [
    { id: 'dev', name: 'Dev', activeStatuses: ['In Dev'], waitStatuses: ['Ready for Dev'] },
    { id: 'qa', name: 'QA', activeStatuses: ['In QA'], waitStatuses: ['Ready for QA'] },
  ],
  flows: [{ from: 'dev', to: 'qa', kind: 'push' as const }],
};

describe('series over the demo workspace', () => {
  const file = tmp.file('demo.vsm');
  const core = createCore({ workspacePath: file, db: createDemoWorkspace(file) });
  afterAll(() => core.close());

  it('CFD arrivals − departures equal the daily WIP run, and the last day equals current WIP', async () => {
    const map = (await core.getMap({}))!;
    const [s, m] = await Promise.all([core.flowSeries({ mapId: map.id }), core.flowMetrics({ mapId: map.id })]);
    expect(s.days.length).toBeGreaterThan(300);
    for (let i = 0; i < s.cfd.steps.length; i++) {
      const c = s.cfd.steps[i]!;
      const wip = s.wipRun.steps[i]!.values;
      for (let d = 0; d < s.days.length; d++) expect(c.arrivals[d]! - c.departures[d]!).toBe(wip[d]);
      expect(wip.at(-1)).toBe(m.steps[i]!.wip);
    }
    expect(s.wipRun.total.at(-1)).toBe(m.wip.current);
    // Cumulative counts never decrease.
    for (const c of s.cfd.steps) for (let d = 1; d < s.days.length; d++) expect(c.arrivals[d]!).toBeGreaterThanOrEqual(c.arrivals[d - 1]!);
    // Weekly throughput sums to the completed items; the scatter has one point per completed item.
    expect(s.throughputWeekly.reduce((a, w) => a + w.count, 0)).toBe(m.items.done);
    expect(rowsOf(s.scatter.points)).toHaveLength(m.items.done);
    expect(s.scatter.cycleTimeHours).toEqual(m.cycleTimeHours);
    // Aging: every unfinished item that has started, oldest first.
    expect(rowsOf(s.aging.items).length).toBeLessThanOrEqual(m.items.inProgress!);
    expect(rowsOf(s.aging.items).length).toBeGreaterThanOrEqual(m.wip.current);
    for (let k = 1; k < rowsOf(s.aging.items).length; k++)
      expect(rowsOf(s.aging.items)[k]!.ageHours).toBeLessThanOrEqual(rowsOf(s.aging.items)[k - 1]!.ageHours);
  });

  it('Monte Carlo forecasts are deterministic for a seed and ordered by confidence', async () => {
    const map = (await core.getMap({}))!;
    const q = { mapId: map.id, items: 50, by: '2026-12-01T00:00:00Z', seed: 7 };
    const a = await core.forecast(q);
    const b = await core.forecast(q);
    expect(a).toEqual(b);
    expect(a.trials).toBe(10_000);
    expect(a.when!.p50!.days).toBeLessThanOrEqual(a.when!.p85!.days);
    expect(a.when!.p85!.days).toBeLessThanOrEqual(a.when!.p95!.days);
    expect(a.howMany!.p50).toBeGreaterThanOrEqual(a.howMany!.p85);
    expect(a.howMany!.p85).toBeGreaterThanOrEqual(a.howMany!.p95);
    expect(a.history.items).toBe(a.history.dailyThroughput.reduce((x, y) => x + y, 0));
  });
});

describe('Monte Carlo by hand', () => {
  it('constant throughput gives exact answers', () => {
    const f = monteCarlo({ asOf: 0, historyFrom: -10 * 24 * H, dailyThroughput: [2, 2, 2, 2, 2], items: 10, by: 7 * 24 * H, seed: 3 });
    expect(f.when!.p50!.days).toBe(5);
    expect(f.when!.p95!.days).toBe(5);
    expect(f.howMany).toMatchObject({ days: 7, p50: 14, p85: 14, p95: 14 });
  });
  it('no throughput: "when" has no answer, "how many" is 0', () => {
    const f = monteCarlo({ asOf: 0, historyFrom: 0, dailyThroughput: [0, 0, 0], items: 3, by: 24 * H });
    expect(f.when).toEqual({ items: 3, p50: null, p85: null, p95: null });
    expect(f.howMany!.p50).toBe(0);
  });
});

describe('blocked time', () => {
  it('subtracts flagged time from active (and wait) time and counts blocked statuses once', async () => {
    const T0 = Date.UTC(2026, 0, 5);
    const t = (h: number) => T0 + h * H;
    const w = metricsWorkspace(tmp.file('blocked.vsm'), MAP, [
      // Flagged 3–5 h while In Dev (1–11 h): active 8, blocked 2; flagged 12–13 while Ready for QA (11–14): wait 2, blocked 1.
      {
        key: 'F',
        createdAt: t(0),
        initialStatus: 'Ready for Dev',
        changes: [
          { at: t(1), from: 'Ready for Dev', to: 'In Dev' },
          { at: t(11), from: 'In Dev', to: 'Ready for QA' },
          { at: t(14), from: 'Ready for QA', to: 'Done' },
        ],
        flags: [
          { at: t(3), flagged: true },
          { at: t(5), flagged: false },
          { at: t(12), flagged: true },
          { at: t(13), flagged: false },
        ],
      },
      // In Dev 1–3, Blocked 3–6 (dev's blocked time), In Dev 6–8, done at 8; a flag during Blocked adds nothing.
      {
        key: 'S',
        createdAt: t(0),
        initialStatus: 'Ready for Dev',
        changes: [
          { at: t(1), from: 'Ready for Dev', to: 'In Dev' },
          { at: t(3), from: 'In Dev', to: 'Blocked' },
          { at: t(6), from: 'Blocked', to: 'In Dev' },
          { at: t(8), from: 'In Dev', to: 'Done' },
        ],
        flags: [
          { at: t(4), flagged: true },
          { at: t(5), flagged: false },
        ],
      },
    ]);
    try {
      const m = await w.core.flowMetrics({ mapId: w.mapId, asOf: new Date(t(100)).toISOString() });
      const [dev, qa] = m.steps;
      expect(dev!.activeHours.total).toBe(8 + 4);
      expect(dev!.waitHours.total).toBe(1 + 1);
      expect(dev!.blockedHours!.total).toBe(2 + 3);
      expect(qa!.waitHours.total).toBe(2);
      expect(qa!.blockedHours!.total).toBe(1);
      expect(m.blockedHours).toBe(6);
      // Pooled: active 12 over all mapped time 14 + 8 = 22.
      expect(m.flowEfficiency).toBeCloseTo(12 / 22, 12);
      // Step times still add up to cycle time: F 14 − 0, S 8 − 0 (Ready for Dev is mapped from creation).
      expect(m.cycleTimeHours.p50).toBe(11);
    } finally {
      w.core.close();
    }
  });
});

describe('working calendar', () => {
  it('counts only working days in the team time zone, minus holidays', () => {
    const sat0200 = Date.UTC(2026, 0, 10, 2); // Saturday 02:00Z = Friday 18:00 in Los Angeles
    const mon1200 = Date.UTC(2026, 0, 12, 12); // Monday 12:00Z = Monday 04:00 in Los Angeles
    const la = workingClock({ timeZone: 'America/Los_Angeles', workingDays: [1, 2, 3, 4, 5], holidays: [] }, sat0200 - 30 * 24 * H, mon1200);
    expect((la.w(mon1200) - la.w(sat0200)) / H).toBe(6 + 4);
    const utc = workingClock({ timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5], holidays: [] }, sat0200, mon1200);
    expect((utc.w(mon1200) - utc.w(sat0200)) / H).toBe(12);
    const holiday = workingClock({ timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5], holidays: ['2026-01-12'] }, sat0200, mon1200);
    expect((holiday.w(mon1200) - holiday.w(sat0200)) / H).toBe(0);
    const kolkata = workingClock({ timeZone: 'Asia/Kolkata', workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] }, sat0200, mon1200);
    expect((kolkata.w(mon1200) - kolkata.w(sat0200)) / H).toBe(58);
  });

  it('is used by every duration and stated in the output (core and CLI)', async () => {
    const fri = Date.UTC(2026, 0, 9, 12);
    const w = metricsWorkspace(tmp.file('cal.vsm'), MAP, [
      { key: 'W', createdAt: fri, initialStatus: 'Ready for Dev', changes: [{ at: fri + 72 * H, from: 'Ready for Dev', to: 'Done' }] },
    ]);
    try {
      const asOf = new Date(fri + 100 * H).toISOString();
      const elapsed = await w.core.flowMetrics({ mapId: w.mapId, asOf });
      expect(elapsed.leadTimeHours.p50).toBe(72);
      expect(elapsed.durations!.kind).toBe('elapsed');
      const cal = await w.core.flowMetrics({ mapId: w.mapId, asOf, calendar: { timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5], holidays: [] } });
      expect(cal.leadTimeHours.p50).toBe(24);
      expect(cal.steps[0]!.waitHours.total).toBe(24);
      expect(cal.durations).toMatchObject({ kind: 'working-calendar', timeZone: 'UTC' });
    } finally {
      w.core.close();
    }
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      const code = await main([
        'metrics',
        '--workspace',
        tmp.file('cal.vsm'),
        '--map',
        'M',
        '--as-of',
        new Date(fri + 100 * H).toISOString(),
        '--working-days',
        '1-5',
        '--json',
      ]);
      expect(code).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const json = JSON.parse(out);
    expect(json.leadTimeHours.p50).toBe(24);
    expect(json.durations.text).toContain('working calendar');
  });
});
