// The as-of the app starts with (workspaceInfo.suggestedAsOf) and the forecast's history window, by hand.
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../shared/core/create-core.ts';
import { openWorkspace } from '../../shared/store/open-workspace.ts';
import { metricsWorkspace } from './helpers/metrics-workspace.ts';
import { tempDir } from './helpers/temp-workspace.ts';

const tmp = tempDir('flowmap-as-of-');
afterAll(() => tmp.cleanup());
const D = 86_400_000;
const T0 = Date.UTC(2025, 0, 6);
const MAP = {
  format: 'vsm-map' as const,
  version: 1 as const,
  name: 'M',
  doneStatuses: ['Done'],
  steps: [{ id: 'dev', name: 'Dev', activeStatuses: ['Dev'], waitStatuses: [] }],
  flows: [],
};
// Ten items done on days 0, 2, …, 18 at 15:00; the last status change is day 18, 15:00.
const items = Array.from({ length: 10 }, (_, i) => ({
  key: `K-${i}`,
  createdAt: T0 - D,
  initialStatus: 'Dev',
  changes: [{ at: T0 + 2 * i * D + 15 * 3_600_000, from: 'Dev', to: 'Done' }],
}));

describe('suggested as-of', () => {
  const file = tmp.file('a.vsm');
  metricsWorkspace(file, MAP, items).core.close();
  const at = (now: number) => createCore({ workspacePath: file, db: openWorkspace(file), clock: { now: () => now } });

  it("is the end of the last change's UTC day when that is more than a week ago, else none", async () => {
    const last = T0 + 18 * D + 15 * 3_600_000;
    const late = at(last + 8 * D);
    expect((await late.workspaceInfo({})).suggestedAsOf).toEqual({
      at: new Date(T0 + 19 * D).toISOString(),
      lastChange: new Date(last).toISOString(),
      reason: 'the data ends 2025-01-24 (last status change), more than a week ago',
    });
    late.close();
    const recent = at(last + 6 * D);
    expect((await recent.workspaceInfo({})).suggestedAsOf).toBeNull();
    recent.close();
    const empty = createCore({ workspacePath: tmp.file('e.vsm'), db: openWorkspace(tmp.file('e.vsm'), { create: true }), clock: { now: () => last } });
    expect((await empty.workspaceInfo({})).suggestedAsOf).toBeNull();
    empty.close();
  });
});

describe('forecast history', () => {
  const w = metricsWorkspace(tmp.file('f.vsm'), MAP, items);
  afterAll(() => w.core.close());
  const asOf = new Date(T0 + 200 * D).toISOString();

  it('is the historyDays before asOf by default, and the done-window (up to asOf) when one is given', async () => {
    const none = await w.core.forecast({ mapId: w.mapId, asOf, items: 5 });
    expect(none.history).toMatchObject({ days: 90, items: 0, to: asOf });
    const wide = await w.core.forecast({ mapId: w.mapId, asOf, items: 5, historyDays: 200 });
    expect(wide.history).toMatchObject({ days: 200, items: 10 });
    // Window [day 4, day 11): items done on days 4, 6, 8, 10; history ends at the window's end.
    const window = { from: new Date(T0 + 4 * D).toISOString(), to: new Date(T0 + 11 * D).toISOString() };
    const win = await w.core.forecast({ mapId: w.mapId, asOf, items: 5, ...window });
    expect(win.history).toMatchObject({ days: 7, items: 4, from: window.from, to: window.to });
    expect(win.history.dailyThroughput).toEqual([1, 0, 1, 0, 1, 0, 1]);
    // 5 more at 4 per 7 days cannot be done in under 7 days.
    expect(win.when!.p50!.days).toBeGreaterThanOrEqual(7);
  });
});
