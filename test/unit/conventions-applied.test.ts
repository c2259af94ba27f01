// A convention stored per map and overridable per query, applied by the core to the figures (issue 14): the
// headline (flowMetrics), each item's row (metricItems) and the forecast's history follow it; under flowmap the
// figures are exactly those of a map that names no convention.
import { afterAll, describe, expect, it } from 'vitest';
import { FlowmapError } from '../../shared/domain/errors.ts';
import { itemTableCsv } from '../../shared/metrics/items-table.ts';
import { parseMapDoc } from '../../shared/store/map-repo.ts';
import { metricsWorkspace, type SimpleItem } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-conventions-applied-');
afterAll(() => tmp.cleanup());

const H = 3_600_000;
const base = Date.UTC(2026, 0, 5);
const simple = (key: string, moves: [number, string | null, string][]): SimpleItem => ({
  key,
  createdAt: base,
  changes: moves.map(([h, from, to]) => ({ at: base + h * H, from, to })),
});
// Committed 5 Jan 01:00 → done 9 Jan 01:00 (96 h; jirametrics 5 days); a same-day item (4 h; 1 day); one reopened.
const ITEMS = [
  simple('C-1', [
    [1, 'Backlog', 'Doing'],
    [97, 'Doing', 'Done'],
  ]),
  simple('C-2', [
    [30, 'Backlog', 'Doing'],
    [34, 'Doing', 'Done'],
  ]),
  simple('C-3', [
    [10, 'Backlog', 'Doing'],
    [40, 'Doing', 'Done'],
    [60, 'Done', 'Doing'],
  ]),
];
const map = (convention?: 'jirametrics' | 'flowmap') => ({
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'Applied',
  doneStatuses: ['Done'],
  ...(convention ? { convention } : {}),
  steps: [
    { id: 'backlog', name: 'Backlog', waitStatuses: ['Backlog'], activeStatuses: [] },
    { id: 'doing', name: 'Doing', waitStatuses: [], activeStatuses: ['Doing'] },
  ],
  flows: [{ from: 'backlog', to: 'doing' }],
});
const asOf = '2026-02-01T00:00:00Z';

describe('the map format', () => {
  it('keeps a named convention and refuses an unknown one at its path', () => {
    expect(parseMapDoc(map('jirametrics')).convention).toBe('jirametrics');
    expect(parseMapDoc(map()).convention).toBeUndefined();
    expect(() => parseMapDoc({ ...map(), convention: 'kanbanize' })).toThrow(FlowmapError);
    expect(() => parseMapDoc({ ...map(), convention: 'kanbanize' })).toThrow(/convention/);
  });
});

describe('a convention per map, overridable per query', () => {
  const plain = metricsWorkspace(tmp.file('plain.vsm'), map(), ITEMS);
  const jm = metricsWorkspace(tmp.file('jm.vsm'), map('jirametrics'), ITEMS);
  afterAll(() => {
    plain.core.close();
    jm.core.close();
  });

  it('the map keeps its convention; under flowmap the figures are those of a map without one', async () => {
    expect((await jm.core.call('getMap', { mapId: jm.mapId }))!.convention).toBe('jirametrics');
    const none = await plain.core.call('flowMetrics', { mapId: plain.mapId, asOf });
    expect(none.convention).toBeUndefined();
    const { ladder: _l1, ...a } = none;
    const { ladder: _l2, ...b } = await jm.core.call('flowMetrics', { mapId: jm.mapId, asOf, convention: 'flowmap' });
    expect(b).toEqual(a);
    expect(await plain.core.call('metricItems', { mapId: plain.mapId, asOf })).toEqual(
      await jm.core.call('metricItems', { mapId: jm.mapId, asOf, convention: 'flowmap' }),
    );
  });

  it("flowMetrics adds the map's convention headline: jirametrics days, its done rule (the reopened item counts)", async () => {
    const m = await jm.core.call('flowMetrics', { mapId: jm.mapId, asOf });
    expect(m.convention).toMatchObject({ convention: 'jirametrics', unit: 'days', done: 3, withCycleTime: 3 });
    // The backlog is the first step: start at creation (5 Jan): C-1 5 → 9 Jan = 5 d, C-2 5 → 6 Jan = 2 d, C-3 5 → 6 Jan = 2 d.
    expect(m.convention!.cycleTime).toEqual({ p50: 2, p85: 5, p95: 5 });
    // Flowmap's own figures stay beside it: two items done (C-3 was reopened).
    expect(m.items.done).toBe(2);
    const other = await plain.core.call('flowMetrics', { mapId: plain.mapId, asOf, convention: 'actionable-agile' });
    expect(other.convention?.convention).toBe('actionable-agile');
  });

  it('metricItems gives each row its figures under the convention, and the CSV carries them', async () => {
    const t = await jm.core.call('metricItems', { mapId: jm.mapId, asOf });
    expect(t.convention).toMatchObject({ name: 'jirametrics', unit: 'days' });
    const c3 = t.items.find((r) => r.key === 'C-3')!;
    expect(c3.done).toBeNull();
    expect(c3.convention).toEqual({ start: '2026-01-05T00:00:00.000Z', done: '2026-01-06T16:00:00.000Z', cycle: 2, lead: 2, completedInWindow: true });
    const [head, ...rows] = itemTableCsv(t).trim().split('\r\n');
    expect(head).toContain('jirametrics_cycle_days');
    expect(rows.find((r) => r.startsWith('C-1,'))).toMatch(/,5,5,true$/);
  });

  it("the forecast's history counts each item on its done date under the convention", async () => {
    const q = { asOf, items: 3, historyDays: 30, seed: 1 };
    const fm = await jm.core.call('forecast', { mapId: jm.mapId, ...q, convention: 'flowmap' });
    const jmf = await jm.core.call('forecast', { mapId: jm.mapId, ...q });
    expect(fm.history.items).toBe(2);
    expect(jmf.history.items).toBe(3);
  });
});
